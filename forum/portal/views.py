from itertools import chain
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_GET

from forum.cooperation.costs import CostError
from forum.cooperation.models import Campaign, CostPlan, Participation, Signature, Undertaking
from forum.core.exports import csv_response
from forum.exchange.models import Entry, Interest
from forum.meetings.models import Meeting
from forum.meetings.reporting import participation_of
from forum.organisations.models import Committee, Organisation, Person, Role
from forum.organisations.views import profile_context

from . import open_data

RECENT_ACTIVITY = 8
PROFILE_LIST = 10  # the latest entries and interest marks on a profile; the catalogue lists all of them


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Start page: what the forum is, the district and its municipalities, meetings and activity."""
    visible = Organisation.objects.visible_to(request.user)
    district = visible.filter(ags=settings.FORUM_KREISSCHLUESSEL).first()
    municipalities = list(
        visible.municipalities().filter(district__ags=settings.FORUM_KREISSCHLUESSEL).only("name", "ags", "kind")
    )
    # Recent activity: the latest changed objects this person may see, newest first.
    recent = sorted(
        chain(
            Person.objects.visible_to(request.user)
            .select_related("organisation")
            .order_by("-modified")[:RECENT_ACTIVITY],
            Committee.objects.visible_to(request.user)
            .select_related("organisation")
            .order_by("-modified")[:RECENT_ACTIVITY],
            Meeting.objects.visible_to(request.user).order_by("-modified")[:RECENT_ACTIVITY],
            visible.order_by("-modified")[:RECENT_ACTIVITY],
        ),
        key=lambda obj: obj.modified,
        reverse=True,
    )[:RECENT_ACTIVITY]
    return render(
        request,
        "portal/home.html",
        {
            "district": district,
            "municipalities": municipalities,
            "town_count": sum(1 for m in municipalities if m.kind == Organisation.Kind.CITY),
            "recent": recent,
            "upcoming_meetings": Meeting.objects.visible_to(request.user).upcoming().select_related("committee")[:5],
        },
    )


@require_GET
def organisation_detail(request: HttpRequest, ags: str) -> HttpResponse:
    """A municipality's (or the district's) profile, with what the forum's apps know of it."""
    context = profile_context(request, ags=ags)
    visible_meetings = Meeting.objects.visible_to(request.user)
    organisation = context["organisation"]
    context["participation"] = participation_of(organisation, meetings=visible_meetings)
    # One query each: one row more than shown tells whether to link to the whole list in the catalogue.
    entries = list(
        Entry.objects.visible_to(request.user)
        .filter(organisation=organisation)
        .order_by("-modified", "-pk")[: PROFILE_LIST + 1]
    )
    interests = list(
        Interest.objects.visible_to(request.user)
        .filter(organisation=organisation)
        .select_related("entry__organisation")
        .order_by("-created", "-pk")[: PROFILE_LIST + 1]
    )
    context["entries"], context["more_entries"] = entries[:PROFILE_LIST], len(entries) > PROFILE_LIST
    context["interests_made"], context["more_interests"] = interests[:PROFILE_LIST], len(interests) > PROFILE_LIST
    # The undertakings of the district the organisation takes part in (one query; usually a handful).
    context["undertaking_participations"] = (
        Participation.objects.filter(
            organisation=organisation, undertaking__in=Undertaking.objects.visible_to(request.user)
        )
        .select_related("undertaking")
        .order_by("undertaking__title", "pk")
    )
    # Its signatures of declarations of intent, in the campaigns the person may see (one query).
    context["signatures"] = (
        Signature.objects.filter(organisation=organisation, campaign__in=Campaign.objects.visible_to(request.user))
        .select_related("campaign")
        .order_by("-campaign__due_on", "-pk")[:PROFILE_LIST]
    )
    context["cost_shares"] = cost_shares_of(organisation, request.user)
    return render(request, "portal/organisation_detail.html", context)


def cost_shares_of(organisation: Organisation, user: Any) -> list[dict[str, Any]]:
    """The organisation's shares of the visible cost plans, computed as the cost table does (two queries)."""
    plans = (
        CostPlan.objects.visible_to(user).paid_by(organisation).with_payers().order_by("-year", "undertaking__title")
    )
    rows: list[dict[str, Any]] = []
    for plan in plans:
        try:
            share = plan.table().share_of(organisation.pk)
        except CostError as error:
            rows.append({"plan": plan, "share": None, "error": str(error)})
            continue
        if share is not None:  # None: it takes part, but does not pay (not a municipality)
            rows.append({"plan": plan, "share": share, "error": ""})
    return rows


@login_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    """Mein Konto: the person's account, roles and person record."""
    user = request.user
    assert user.is_authenticated
    roles = Role.objects.filter(user=user).select_related("organisation").order_by("kind", "organisation__name")
    person = Person.objects.filter(user=user).select_related("organisation").first()
    return render(request, "portal/account.html", {"roles": roles, "person": person})


@require_GET
def open_data_page(request: HttpRequest) -> HttpResponse:
    """Offene Daten: what is published, under which licence, each dataset with its fields, and the interfaces."""
    figures = open_data.figures()
    return render(
        request,
        "portal/open_data.html",
        {
            "figures": figures,
            "changed": open_data.last_change(figures),
            "licence_name": open_data.LICENCE_NAME,
            "licence_url": open_data.LICENCE_URL,
            "official_source": open_data.OFFICIAL_SOURCE,
            "oparl_path": open_data.OPARL_PATH,
            "api_docs_path": open_data.API_DOCS_PATH,
            "openapi_path": open_data.OPENAPI_PATH,
        },
    )


@require_GET
def open_data_zip(request: HttpRequest) -> HttpResponse | FileResponse:
    """Every public dataset as CSV and JSON with a README, in one ZIP; 304 when the client has this state already."""
    figures = open_data.figures()
    etag = quote_etag(open_data.etag(figures))
    # Only the ETag decides: Last-Modified cannot tell that a row was removed or stopped being public.
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return not_modified
    response = FileResponse(
        open_data.zip_file(figures), as_attachment=True, filename=open_data.ZIP_NAME, content_type="application/zip"
    )
    response["ETag"] = etag
    changed = open_data.last_change(figures)
    if changed is not None:
        response["Last-Modified"] = http_date(changed.timestamp())
    return response


@require_GET
def open_data_file(request: HttpRequest, name: str, fmt: str) -> HttpResponse | StreamingHttpResponse:
    """One dataset as CSV or JSON, streamed."""
    dataset = open_data.BY_SLUG.get(name)
    if dataset is None or fmt not in open_data.FORMATS:
        raise Http404
    rows = open_data.rows_of(dataset)
    if fmt == "csv":
        return csv_response(dataset.filename("csv"), dataset.header, open_data.csv_rows(rows))
    response = StreamingHttpResponse(
        open_data.json_chunks(dataset, rows), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{dataset.filename("json")}"'
    return response
