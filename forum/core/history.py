"""The change history ("Änderungsverlauf") of a content object, from django-simple-history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import formats, timezone
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


def _display(record: Any, field_name: str, related: dict[tuple[Any, Any], str]) -> str:
    field = record.instance_type._meta.get_field(field_name)
    value = getattr(record, field.attname)
    if value in (None, ""):
        return "–"
    if field.is_relation:
        return related.get((field.related_model, value), str(value))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def _related_names(changes: list[tuple[Any, Any, Any]]) -> dict[tuple[Any, Any], str]:
    """Names of the objects that changed foreign keys point at: one query per related model."""
    wanted: dict[Any, set[Any]] = {}
    for record, previous, field_name in changes:
        field = record.instance_type._meta.get_field(field_name)
        if field.is_relation:
            for value in (getattr(record, field.attname), getattr(previous, field.attname)):
                if value is not None:
                    wanted.setdefault(field.related_model, set()).add(value)
    return {
        (model, obj.pk): str(obj) for model, ids in wanted.items() for obj in model._base_manager.filter(pk__in=ids)
    }


def history_entries(obj: Any, *, limit: int = 20) -> list[HistoryEntry]:
    """The latest ``limit`` changes of ``obj``, newest first, each with its changed fields.

    Costs one query for the records (with their users), diffed in memory, plus one per kind of
    object that a changed foreign key points at.
    """
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    deltas = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        fields = []
        if previous is not None and record.history_type == "~":
            fields = [change.field for change in record.diff_against(previous, excluded_fields=_SKIPPED_FIELDS).changes]
        deltas.append((record, previous, fields))
    related = _related_names([(record, previous, name) for record, previous, fields in deltas for name in fields])
    entries = []
    for record, previous, fields in deltas:
        changes = [
            FieldChange(
                str(record.instance_type._meta.get_field(name).verbose_name),
                _display(previous, name, related),
                _display(record, name, related),
            )
            for name in fields
        ]
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
