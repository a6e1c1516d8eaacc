"""The district's undertakings on pages of lower apps: those that refer to a field of action of the strategy."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from forum.core.panels import Links, PanelLink, first_per_object, register

from .models import Undertaking

PER_FIELD = 20


def undertakings_on_fields_of_action(fields: Sequence[Any], user: Any) -> dict[int, list[PanelLink]]:
    """Per field of action: the undertakings this user may see that refer to it, with their status (one query)."""
    visible = Undertaking.objects.visible_to(user).filter(fields_of_action__in=[field.pk for field in fields])
    undertakings = first_per_object(
        visible.annotate(field_id=F("fields_of_action__id")), "field_id", [F("title").asc(), F("pk").asc()], PER_FIELD
    )
    result: dict[int, list[PanelLink]] = {}
    for undertaking in undertakings:
        links = result.setdefault(undertaking.field_id, Links(total=undertaking.panel_total))
        links.append(
            PanelLink(undertaking.title, undertaking.get_absolute_url(), str(undertaking.get_status_display()))
        )
    return result


register("topics.field_of_action", _("Undertakings of the district"), undertakings_on_fields_of_action)
