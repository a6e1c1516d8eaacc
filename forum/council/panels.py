"""Papers shown on lower apps' pages: on the agenda items they are consulted in, on the undertakings they concern."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _

from forum.core.panels import PanelLink, register

from .models import Consultation, Paper


def papers_on_agenda_items(items: Sequence[Any], user: Any) -> dict[int, list[PanelLink]]:
    consultations = (
        Consultation.objects.visible_to(user)
        .filter(agenda_item__in=[item.pk for item in items])
        .select_related("paper")
        .order_by("paper__year", "paper__serial")
    )
    result: dict[int, list[PanelLink]] = defaultdict(list)
    for consultation in consultations:
        paper = consultation.paper
        assert consultation.agenda_item_id is not None
        result[consultation.agenda_item_id].append(
            PanelLink(f"{paper.number} {paper.title}", paper.get_absolute_url(), consultation.get_role_display())
        )
    return result


def papers_on_undertakings(undertakings: Sequence[Any], user: Any) -> dict[int, list[PanelLink]]:
    # One query through the many-to-many table, so each paper is listed under every undertaking it concerns.
    links = Paper.undertakings.through.objects.filter(
        undertaking__in=[undertaking.pk for undertaking in undertakings],
        paper__in=Paper.objects.visible_to(user),
    ).select_related("paper")
    result: dict[int, list[PanelLink]] = defaultdict(list)
    for link in links.order_by("-paper__year", "-paper__serial"):
        paper = link.paper
        result[link.undertaking_id].append(
            PanelLink(f"{paper.number} {paper.title}", paper.get_absolute_url(), paper.get_kind_display())
        )
    return result


register("meetings.agenda_item", _("Papers"), papers_on_agenda_items)
register("cooperation.undertaking", _("Council papers"), papers_on_undertakings)
