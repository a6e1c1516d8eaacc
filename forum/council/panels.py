"""Papers shown on lower apps' pages: on the agenda items they are consulted in, on the undertakings they concern."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db.models import F
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from forum.core.panels import Links, PanelLink, first_per_object, register

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


PER_FIELD = 20


def papers_on_fields_of_action(fields: Sequence[Any], user: Any) -> dict[int, list[PanelLink]]:
    """Per field of action: the papers this user may see that refer to it, newest first (two queries).

    The note says the paper's kind and where it stands: its latest consultation the user may see
    ("Kenntnisnahme, Kreistag, 02.02.2022"), or else its date.
    """
    papers = list(
        first_per_object(
            Paper.objects.visible_to(user).filter(field_of_action__in=[field.pk for field in fields]),
            "field_of_action_id",
            [F("year").desc(), F("serial").desc()],
            PER_FIELD,
        )
    )
    latest: dict[int, Consultation] = {}
    consultations = (
        Consultation.objects.visible_to(user)
        .filter(paper__in=[paper.pk for paper in papers])
        .select_related("committee")
        .order_by("paper", "date", "position", "pk")
    )
    for consultation in consultations:
        latest[consultation.paper_id] = consultation  # ordered by date: the last one wins
    result: dict[int, Links] = {}
    for paper in papers:
        last = latest.get(paper.pk)
        if last is not None:
            where = f"{last.get_role_display()}, {last.committee.name}, {date_format(last.date, 'SHORT_DATE_FORMAT')}"
        else:
            where = date_format(paper.date, "SHORT_DATE_FORMAT")
        assert paper.field_of_action_id is not None
        links = result.setdefault(paper.field_of_action_id, Links(total=paper.panel_total))
        links.append(
            PanelLink(
                f"{paper.number} {paper.title}", paper.get_absolute_url(), f"{paper.get_kind_display()} · {where}"
            )
        )
    return dict(result)


register("meetings.agenda_item", _("Papers"), papers_on_agenda_items)
register("cooperation.undertaking", _("Council papers"), papers_on_undertakings)
register("topics.field_of_action", _("Council papers"), papers_on_fields_of_action)
