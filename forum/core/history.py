"""The change history ("Änderungsverlauf") of a content object, from django-simple-history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

# Fields that change on every save and say nothing to a reader.
_SKIPPED_FIELDS = {"modified", "created"}
_KINDS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str
    kind: str
    reason: str
    changes: list[FieldChange]


def _display(record: Any, field_name: str) -> str:
    field = record.instance_type._meta.get_field(field_name)
    value = getattr(record, field.attname)
    if value in (None, ""):
        return "–"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    return str(value)


def history_entries(obj: Any, *, limit: int = 20) -> list[HistoryEntry]:
    """The latest ``limit`` changes of ``obj``, newest first, each with its changed fields.

    Costs one query: the records (with their users) are diffed in memory.
    """
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes: list[FieldChange] = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, excluded_fields=_SKIPPED_FIELDS)
            for change in delta.changes:
                field = record.instance_type._meta.get_field(change.field)
                changes.append(
                    FieldChange(
                        str(field.verbose_name), _display(previous, change.field), _display(record, change.field)
                    )
                )
        user = record.history_user
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=user.get_full_name() if user else str(_("system")),
                kind=str(_KINDS.get(record.history_type, record.history_type)),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries
