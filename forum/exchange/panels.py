"""The catalogue's entries on pages of lower apps: the challenges and projects that refer to a field of action."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from forum.core.panels import Links, PanelLink, first_per_object, register

from .models import Entry

PER_FIELD = 20  # the most recently changed; the count says how many there are in all


def entries_on_fields_of_action(fields: Sequence[Any], user: Any) -> dict[int, list[PanelLink]]:
    """Per field of action: the entries this user may see that refer to it, the latest changed first.

    Two queries: which entries and how many, narrow (ids only) as it passes every reference; then the few shown.
    """
    visible = Entry.objects.visible_to(user).filter(fields_of_action__in=[field.pk for field in fields])
    rows = list(
        first_per_object(
            visible.annotate(field_id=F("fields_of_action__id")),
            "field_id",
            [F("modified").desc(), F("pk").desc()],
            PER_FIELD,
        ).values_list("field_id", "pk", "panel_total")
    )
    entries = (
        Entry.objects.select_related("organisation")
        .only("kind", "phase", "title", "organisation__name")
        .in_bulk([entry_id for _field, entry_id, _total in rows])
    )
    result: dict[int, list[PanelLink]] = {}
    for field_id, entry_id, total in rows:
        entry = entries[entry_id]
        note = [entry.get_kind_display(), entry.organisation.name]
        if entry.phase:
            note.append(entry.get_phase_display())
        links = result.setdefault(field_id, Links(total=total))
        links.append(PanelLink(entry.title, entry.get_absolute_url(), " · ".join(str(part) for part in note)))
    return result


register("topics.field_of_action", _("Challenges and projects"), entries_on_fields_of_action)
