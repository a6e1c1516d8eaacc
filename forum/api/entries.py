"""Challenges and projects (the catalogue) and interest marks: the same rules, forms and services as the pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from forum.core.access import require_perm
from forum.core.roles import roles_of
from forum.exchange import forms as exchange_forms
from forum.exchange import services
from forum.exchange.models import Entry, Interest
from forum.exchange.search import filter_entries
from forum.organisations.models import Organisation
from forum.topics.models import Topic

from .access import read_auth, write_auth
from .errors import ErrorOut, Invalid
from .paging import page_of
from .schemas import MAX_ID, EntryDetailOut, EntryFilters, EntryIn, EntryPage, EntryPatch, InterestIn, InterestOut

router = Router(tags=["Katalog"])

OPTIONAL_TOKEN: dict[str, Any] = {"security": [{}]}  # reading: an API key is optional
READ_ERRORS: dict[int, Any] = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
WRITE_ERRORS: dict[int, Any] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ErrorOut,
    429: ErrorOut,
}


def _organisation(organisation: Organisation | None) -> dict[str, Any] | None:
    if organisation is None:
        return None
    return {"id": organisation.pk, "ags": organisation.ags, "name": organisation.name}


def entry_summary(request: HttpRequest, entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "url": request.build_absolute_uri(entry.get_absolute_url()),
        "kind": entry.kind,
        "title": entry.title,
        "description": entry.description,
        "phase": entry.phase or None,
        "exemplary": entry.exemplary,
        "organisation": _organisation(entry.organisation),
        "topics": [{"slug": topic.slug, "name": topic.name} for topic in entry.topics.all()],
        "year": entry.year,
        "visibility": entry.visibility,
        "is_draft": entry.is_draft,
        "interest_count": getattr(entry, "interest_count", 0),
        "created": entry.created,
        "modified": entry.modified,
    }


def interest_dict(interest: Interest) -> dict[str, Any]:
    return {
        "id": interest.pk,
        "entry": interest.entry_id,
        "organisation": _organisation(interest.organisation),
        "kind": interest.kind,
        "note": interest.note,
        "created": interest.created,
    }


def _topics() -> Prefetch:
    return Prefetch("topics", queryset=Topic.objects.order_by("name"))


def _entry(request: HttpRequest, entry_id: int) -> Entry:
    """The entry, if this person may see it (else 404), with what its representation needs."""
    entries = Entry.objects.visible_to(request.user).select_related("organisation", "contact")
    return get_object_or_404(entries.prefetch_related(_topics()), pk=entry_id)


def entry_detail(request: HttpRequest, entry: Entry) -> dict[str, Any]:
    interests = list(entry.interests.select_related("organisation").order_by("organisation__name", "kind"))
    entry.interest_count = len(interests)  # type: ignore[attr-defined]
    contact = entry.contact if entry.contact and entry.contact.is_visible_to(request.user) else None
    return {
        **entry_summary(request, entry),
        "links": entry.web_links,
        "source": entry.source,
        "products": [product.name for product in entry.products.order_by("name")],
        "vendors": [vendor.name for vendor in entry.vendors.order_by("name")],
        "fields_of_action": [
            {"id": field.pk, "name": field.name} for field in entry.fields_of_action.order_by("position", "name")
        ],
        "contact": {"id": contact.pk, "name": contact.name, "function": contact.function} if contact else None,
        "interests": [interest_dict(interest) for interest in interests],
    }


@router.get(
    "/entries",
    response={200: EntryPage, **READ_ERRORS},
    auth=read_auth,
    openapi_extra=OPTIONAL_TOKEN,
    summary="Herausforderungen und Vorhaben",
)
def list_entries(request: HttpRequest, filters: Query[EntryFilters]) -> Any:
    """Der Katalog, soweit die Person ihn sehen darf, neueste Änderung zuerst; Filter wie auf der Seite „Katalog“."""
    chosen = {
        "art": filters.kind,
        "thema": filters.topic,
        "kommune": filters.organisation,
        "phase": filters.phase,
        "beispielhaft": filters.exemplary,
    }
    entries = filter_entries(Entry.objects.visible_to(request.user), {k: v for k, v in chosen.items() if v})
    entries = entries.select_related("organisation").prefetch_related(_topics()).order_by("-modified", "-pk")
    result = page_of(request, entries, page=filters.page, page_size=filters.page_size, item=lambda entry: entry)
    page_entries: list[Entry] = result["results"]
    marks = Interest.objects.filter(entry__in=[entry.pk for entry in page_entries]).values_list("entry")
    counts = dict(marks.annotate(n=Count("pk")).order_by())
    for entry in page_entries:
        entry.interest_count = counts.get(entry.pk, 0)  # type: ignore[attr-defined]
    result["results"] = [entry_summary(request, entry) for entry in page_entries]
    return result


@router.get(
    "/entries/{entry_id}",
    response={200: EntryDetailOut, **READ_ERRORS},
    auth=read_auth,
    openapi_extra=OPTIONAL_TOKEN,
    summary="Ein Eintrag",
)
def get_entry(request: HttpRequest, entry_id: int) -> Any:
    """Eine Herausforderung oder ein Vorhaben mit Themen, Software, Ansprechperson und Interessenbekundungen."""
    _check_id(entry_id)
    return entry_detail(request, _entry(request, entry_id))


def _check_id(value: int) -> None:
    if not 1 <= value <= MAX_ID:
        raise Http404


def _topic_ids(slugs: list[str]) -> list[int]:
    found = dict(Topic.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        raise Invalid.field("topics", _("Unknown topic: %(slug)s.") % {"slug": unknown[0]})
    return [found[slug] for slug in slugs]


def _form_data(entry: Entry) -> dict[str, Any]:
    """The entry's current values, as the entry form takes them."""
    return {
        "kind": entry.kind,
        "title": entry.title,
        "description": entry.description,
        "phase": entry.phase,
        "exemplary": entry.exemplary,
        "topics": [topic.pk for topic in entry.topics.all()],
        "fields_of_action": [field.pk for field in entry.fields_of_action.all()],
        "products": "; ".join(product.name for product in entry.products.all()),
        "vendors": "; ".join(vendor.name for vendor in entry.vendors.all()),
        "contact": entry.contact_id or "",
        "links": "\n".join(entry.link_list),
        "year": entry.year if entry.year is not None else "",
        "source": entry.source,
        "visibility": entry.visibility,
        "is_draft": entry.is_draft,
    }


def _apply(data: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
    """Overlay the fields sent in the request (API names and types) onto the form data."""
    for name, value in given.items():
        if value is None:  # sent as null: emptied (a required field then gets the form's message)
            data[name] = [] if name in ("topics", "fields_of_action") else ""
        elif name == "topics":
            data["topics"] = _topic_ids(value)
        elif name in ("products", "vendors"):
            data[name] = "; ".join(value)
        elif name == "links":
            data["links"] = "\n".join(value)
        elif name != "organisation":
            data[name] = value
    return data


def _save(request: HttpRequest, entry: Entry, organisation: Organisation, data: dict[str, Any]) -> Entry:
    form = exchange_forms.EntryForm(data, instance=entry, organisation=organisation, user=request.user)
    if not form.is_valid():
        raise Invalid.from_form(form)
    saved = form.save(commit=False)
    extra: dict[str, Any] = {}
    if "fields_of_action" in form.fields:  # offered once the district's strategy is recorded
        extra["fields_of_action"] = form.cleaned_data["fields_of_action"]
    services.save_entry(
        saved,
        topics=form.cleaned_data["topics"],
        products=form.cleaned_data["products"],
        vendors=form.cleaned_data["vendors"],
        **extra,
    )
    return saved


@router.post(
    "/entries",
    response={201: EntryDetailOut, **WRITE_ERRORS},
    auth=write_auth,
    summary="Eintrag anlegen",
)
def create_entry(request: HttpRequest, payload: EntryIn) -> Any:
    """Legt eine Herausforderung oder ein Vorhaben an (Redaktion der Organisation oder Koordination)."""
    organisation = Organisation.objects.visible_to(request.user).filter(ags=payload.organisation).first()
    if organisation is None:
        raise Invalid.field("organisation", _("No organisation has this key."))
    require_perm(request, "exchange.add_entry", organisation)
    entry = Entry(organisation=organisation, kind=payload.kind)
    data = _apply({"phase": "", "exemplary": False, "contact": "", "year": "", "links": ""}, payload.model_dump())
    saved = _save(request, entry, organisation, data)
    return Status(201, entry_detail(request, _entry(request, saved.pk)))


@router.patch(
    "/entries/{entry_id}",
    response={200: EntryDetailOut, **WRITE_ERRORS},
    auth=write_auth,
    summary="Eintrag ändern",
)
def update_entry(request: HttpRequest, entry_id: int, payload: EntryPatch) -> Any:
    """Ändert die gesendeten Felder eines Eintrags (Redaktion der Organisation oder Koordination)."""
    _check_id(entry_id)
    entry = _entry(request, entry_id)
    require_perm(request, "exchange.change_entry", entry)
    data = _apply(_form_data(entry), payload.model_dump(exclude_unset=True))
    _save(request, entry, entry.organisation, data)
    return entry_detail(request, _entry(request, entry.pk))


@router.post(
    "/entries/{entry_id}/interests",
    response={201: InterestOut, **WRITE_ERRORS},
    auth=write_auth,
    summary="Interesse bekunden",
)
def create_interest(request: HttpRequest, entry_id: int, payload: InterestIn) -> Any:
    """Markiert einen Eintrag einer anderen Organisation („betrifft uns auch“ …) im Namen der eigenen."""
    _check_id(entry_id)
    entry = _entry(request, entry_id)
    require_perm(request, "exchange.mark_interest", entry)
    speaking_for = roles_of(request.user).member_of - {entry.organisation_id}
    organisation_id: Any = ""
    if payload.organisation:
        chosen = Organisation.objects.filter(ags=payload.organisation, pk__in=speaking_for).first()
        if chosen is None:
            raise Invalid.field("organisation", _("You cannot speak for this organisation here."))
        organisation_id = chosen.pk
    elif len(speaking_for) == 1:
        organisation_id = next(iter(speaking_for))
    form = exchange_forms.InterestForm(
        {"organisation": organisation_id, "kind": payload.kind, "note": payload.note}, organisation_ids=speaking_for
    )
    if not form.is_valid():
        raise Invalid.from_form(form)
    interest = services.mark_interest(
        entry,
        organisation=form.cleaned_data["organisation"],
        kind=form.cleaned_data["kind"],
        note=form.cleaned_data["note"],
        by=request.user,
    )
    return Status(201, interest_dict(interest))


@router.delete(
    "/interests/{interest_id}",
    response={204: None, **WRITE_ERRORS},
    auth=write_auth,
    summary="Interessenbekundung zurücknehmen",
)
def delete_interest(request: HttpRequest, interest_id: int) -> Any:
    """Entfernt eine Interessenbekundung der eigenen Organisation."""
    _check_id(interest_id)
    interest = get_object_or_404(
        Interest.objects.select_related("entry"), pk=interest_id, entry__in=Entry.objects.visible_to(request.user)
    )
    require_perm(request, "exchange.delete_interest", interest)
    services.remove_interest(interest)
    return Status(204, None)
