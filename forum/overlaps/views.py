"""Pages of the overlap analysis (the counting is in analysis.py, the chart geometry in charts.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from forum.core.access import page_of, visible_or_404
from forum.core.exports import FORMATS, table_response
from forum.exchange.models import Entry, Interest
from forum.organisations.models import Organisation
from forum.topics.models import Topic

from . import analysis, charts, forms

ROWS_PER_PAGE = 50
ORGANISATIONS_PER_PAGE = 25
CANDIDATES_PER_PAGE = 25
ENTRIES_PER_PAGE = 25
NAMES_SHOWN = 8  # organisations named per candidate in the list
NAMES_ON_DETAIL = 200


def _query_without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """Die Matrix Kommunen × Themen als Tabelle und Heatmap, seitenweise nach Organisationen."""
    form = forms.MatrixFilterForm(request.GET or None, user=request.user)
    chosen = form.filters()
    matrix = analysis.overlap_matrix(request.user, district=chosen.district, level=chosen.level, kind=chosen.kind)
    page_obj = page_of(request, matrix.organisations, ROWS_PER_PAGE)
    rows = matrix.rows(page_obj.object_list)
    return render(
        request,
        "overlaps/overview.html",
        {
            "form": form,
            "chosen": chosen,
            "matrix": matrix,
            "rows": rows,
            "totals": matrix.column_totals(),
            "page_obj": page_obj,
            "heatmap": charts.heatmap(rows, matrix.topics, matrix.max_total),
            "query": _query_without_page(request),
        },
    )


@require_GET
def export(request: HttpRequest, fmt: str) -> Any:
    """Die Matrix als CSV oder XLSX, mit denselben Filtern wie die Seite (nur sichtbare Daten)."""
    if fmt not in FORMATS:
        raise Http404
    chosen = forms.MatrixFilterForm(request.GET or None, user=request.user).filters()
    matrix = analysis.overlap_matrix(request.user, district=chosen.district, level=chosen.level, kind=chosen.kind)
    header = [_("Organisation"), _("Official key (AGS)")]
    for topic in matrix.topics:
        header += [
            _("%(topic)s: entries") % {"topic": topic.name},
            _("%(topic)s: interest marks") % {"topic": topic.name},
        ]
    rows = (
        [
            row.organisation.name,
            row.organisation.ags or "",
            *(n for cell in row.cells for n in (cell.entries, cell.marks)),
        ]
        for row in matrix.rows()
    )
    return table_response(fmt, "schnittmengen", _("Overlaps"), header, rows)


@require_GET
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Ein Thema: die beteiligten Organisationen mit ihren Einträgen und Interessenbekundungen."""
    topic = visible_or_404(Topic.objects.select_related("parent"), request, slug=slug)
    form = forms.TopicFilterForm(request.GET or None, user=request.user)
    chosen = form.filters()
    involvement = analysis.topic_involvement(request.user, topic, district=chosen.district, kind=chosen.kind)
    page_obj = page_of(request, involvement, ORGANISATIONS_PER_PAGE)
    organisation_ids = [item.organisation.pk for item in page_obj.object_list]
    own, marked = analysis.topic_entries(request.user, topic, organisation_ids, kind=chosen.kind)
    items = [
        {
            "involvement": item,
            "entries": own.get(item.organisation.pk, []),
            "marks": marked.get(item.organisation.pk, []),
        }
        for item in page_obj.object_list
    ]
    return render(
        request,
        "overlaps/topic_detail.html",
        {
            "topic": topic,
            "children": topic.children.order_by("name"),
            "form": form,
            "page_obj": page_obj,
            "items": items,
            "query": _query_without_page(request),
        },
    )


@require_GET
def candidate_list(request: HttpRequest) -> HttpResponse:
    """Die Kooperationskandidaten, gereiht; Organisationen und Einträge nur für die gezeigte Seite."""
    ranking = analysis.rank_candidates(request.user)
    page_obj = page_of(request, ranking.groups, CANDIDATES_PER_PAGE)
    named = {group.key: ranking.organisation_ids_of(group)[:NAMES_SHOWN] for group in page_obj.object_list}
    names = dict(
        Organisation.objects.filter(pk__in={pk for ids in named.values() for pk in ids}).values_list("pk", "name")
    )
    items = [
        {
            "group": group,
            "topics": ranking.topics_of(group),
            "names": sorted((names[pk] for pk in named[group.key]), key=str.casefold),
            "more": group.organisation_count - len(named[group.key]),
        }
        for group in page_obj.object_list
    ]
    return render(
        request,
        "overlaps/candidate_list.html",
        {"page_obj": page_obj, "items": items, "rule": _(analysis.CANDIDATE_RULE), "count": len(ranking.groups)},
    )


@require_GET
def candidate_detail(request: HttpRequest, key: str) -> HttpResponse:
    """Ein Kandidat: seine Themen, die Organisationen und (seitenweise) die Einträge dahinter."""
    ranking = analysis.rank_candidates(request.user)
    group = ranking.get(key)
    if group is None:
        raise Http404
    organisation_ids = ranking.organisation_ids_of(group)
    organisations = Organisation.objects.filter(pk__in=organisation_ids).order_by("name", "pk")
    marks = Interest.objects.filter(organisation_id__in=organisation_ids).select_related("organisation")
    entries = (
        analysis.candidate_entries(request.user, group.topic_ids, organisation_ids)
        .select_related("organisation")
        .prefetch_related(
            Prefetch("topics", queryset=Topic.objects.filter(pk__in=group.topic_ids).order_by("name")),
            Prefetch("interests", queryset=marks.order_by("organisation__name", "kind"), to_attr="candidate_marks"),
        )
        .order_by("title", "pk")
    )
    page_obj = page_of(request, entries, ENTRIES_PER_PAGE)
    return render(
        request,
        "overlaps/candidate_detail.html",
        {
            "candidate": group,
            "key": key,
            "topics": ranking.topics_of(group),
            "organisations": organisations[:NAMES_ON_DETAIL],
            "more": max(group.organisation_count - NAMES_ON_DETAIL, 0),
            "page_obj": page_obj,
            "rule": _(analysis.CANDIDATE_RULE),
        },
    )


@require_GET
def district_map(request: HttpRequest) -> HttpResponse:
    """Die Karte des Landkreises: jede Kommune an ihrer Lage, Größe nach Einträgen, Farbe nach einem Thema."""
    form = forms.MapFilterForm(request.GET or None, user=request.user)
    chosen = form.filters()
    municipalities = (
        analysis.scope_organisations(request.user, chosen.district)
        .filter(kind__in=Organisation.MUNICIPAL_KINDS)
        .order_by("name", "pk")
    )
    counts = dict(
        Entry.objects.visible_to(request.user)
        .filter(organisation__in=municipalities.values("pk"))
        .values("organisation_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("organisation_id", "n")
    )
    in_topic: dict[int, int] = {}
    if chosen.topic is not None:
        involvement = analysis.topic_involvement(request.user, chosen.topic, district=chosen.district)
        in_topic = {item.organisation.pk: item.total for item in involvement}
    rows: list[dict[str, Any]] = [
        {"organisation": o, "entries": counts.get(o.pk, 0), "in_topic": in_topic.get(o.pk, 0)} for o in municipalities
    ]
    places = [
        charts.Place(o, o.latitude, o.longitude, row["entries"], row["in_topic"])
        for row in rows
        if (o := row["organisation"]).latitude is not None and o.longitude is not None
    ]
    return render(
        request,
        "overlaps/district_map.html",
        {
            "form": form,
            "chosen": chosen,
            "rows": rows,
            "map": charts.district_map(places, topic=chosen.topic),
            "unplaced": len(rows) - len(places),
        },
    )
