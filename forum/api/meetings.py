"""Meetings (read) and events with the person's own registrations (register, cancel)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Status

from forum.core.access import require_perm
from forum.meetings import forms as meeting_forms
from forum.meetings import services
from forum.meetings.models import AgendaItem, Event, Meeting, Registration
from forum.organisations.models import Committee, Person

from .access import read_auth, write_auth
from .entries import OPTIONAL_TOKEN, READ_ERRORS, WRITE_ERRORS, _check_id, _organisation
from .errors import Invalid
from .paging import page_of
from .schemas import (
    EventDetailOut,
    EventPage,
    MeetingDetailOut,
    MeetingFilters,
    MeetingPage,
    Paging,
    RegistrationIn,
    RegistrationOut,
    RegistrationPage,
)

router = Router(tags=["Treffen und Veranstaltungen"])


def meeting_summary(request: HttpRequest, meeting: Meeting) -> dict[str, Any]:
    return {
        "id": meeting.pk,
        "url": request.build_absolute_uri(meeting.get_absolute_url()),
        "title": meeting.title,
        "number": meeting.number,
        "committee": {"id": meeting.committee.pk, "name": meeting.committee.name},
        "start": meeting.start,
        "end": meeting.end,
        "format": meeting.format,
        "location": meeting.location,
        # As on the meeting's page: the video link only for people who are logged in.
        "video_url": (meeting.video_url or None) if request.user.is_authenticated else None,
        "status": meeting.status,
        "status_reason": meeting.status_reason,
        "visibility": meeting.visibility,
        "modified": meeting.modified,
    }


@router.get(
    "/meetings",
    response={200: MeetingPage, **READ_ERRORS},
    auth=read_auth,
    openapi_extra=OPTIONAL_TOKEN,
    summary="Treffen",
)
def list_meetings(request: HttpRequest, filters: Query[MeetingFilters]) -> Any:
    """Die Treffen und Sitzungen, die die Person sehen darf, das späteste zuerst."""
    meetings = Meeting.objects.visible_to(request.user).select_related("committee")
    if filters.committee:
        meetings = meetings.filter(
            committee__in=Committee.objects.visible_to(request.user).filter(pk=filters.committee)
        )
    if filters.status:
        meetings = meetings.filter(status=filters.status)
    if filters.upcoming is not None:
        now = timezone.now()
        meetings = meetings.filter(end__gte=now) if filters.upcoming else meetings.filter(end__lt=now)
    meetings = meetings.order_by("-start", "-pk")
    return page_of(
        request,
        meetings,
        page=filters.page,
        page_size=filters.page_size,
        item=lambda meeting: meeting_summary(request, meeting),
    )


@router.get(
    "/meetings/{meeting_id}",
    response={200: MeetingDetailOut, **READ_ERRORS},
    auth=read_auth,
    openapi_extra=OPTIONAL_TOKEN,
    summary="Ein Treffen",
)
def get_meeting(request: HttpRequest, meeting_id: int) -> Any:
    """Ein Treffen mit den Tagesordnungspunkten, die die Person sehen darf."""
    _check_id(meeting_id)
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user).select_related("committee"), pk=meeting_id)
    items = AgendaItem.objects.visible_to(request.user).filter(meeting=meeting).order_by("sort_key", "pk")
    return {
        **meeting_summary(request, meeting),
        "description": meeting.description,
        "agenda_items": [{"id": i.pk, "number": i.number, "title": i.title, "text": i.text} for i in items],
    }


def event_summary(request: HttpRequest, event: Event) -> dict[str, Any]:
    return {
        "id": event.pk,
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "title": event.title,
        "organiser": _organisation(event.organiser),
        "start": event.start,
        "end": event.end,
        "location": event.location,
        "capacity": event.capacity,
        "registration_open": event.registration_open,
        "modified": event.modified,
    }


@router.get(
    "/events",
    response={200: EventPage, **READ_ERRORS},
    auth=read_auth,
    openapi_extra=OPTIONAL_TOKEN,
    summary="Veranstaltungen",
)
def list_events(request: HttpRequest, paging: Query[Paging]) -> Any:
    """Veranstaltungen (z. B. Workshops), die die Person sehen darf, die späteste zuerst."""
    events = Event.objects.visible_to(request.user).select_related("organiser").order_by("-start", "-pk")
    return page_of(
        request, events, page=paging.page, page_size=paging.page_size, item=lambda event: event_summary(request, event)
    )


def _event(request: HttpRequest, event_id: int) -> Event:
    _check_id(event_id)
    return get_object_or_404(Event.objects.visible_to(request.user).select_related("organiser"), pk=event_id)


@router.get(
    "/events/{event_id}",
    response={200: EventDetailOut, **READ_ERRORS},
    auth=read_auth,
    openapi_extra=OPTIONAL_TOKEN,
    summary="Eine Veranstaltung",
)
def get_event(request: HttpRequest, event_id: int) -> Any:
    """Eine Veranstaltung mit freien Plätzen und Workshop-Strängen."""
    event = _event(request, event_id)
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    tracks = services.track_occupancy(event)
    return {
        **event_summary(request, event),
        "description": event.description,
        "free_places": max(event.capacity - confirmed, 0),
        "tracks": [
            {"id": t.pk, "title": t.title, "capacity": t.capacity, "confirmed": t.confirmed}  # type: ignore[attr-defined]
            for t in tracks
        ],
    }


def registration_dict(registration: Registration) -> dict[str, Any]:
    track = registration.track
    return {
        "id": registration.pk,
        "event": {"id": registration.event.pk, "title": registration.event.title},
        "status": registration.status,
        "track": {"id": track.pk, "title": track.title} if track else None,
        "organisation": _organisation(registration.organisation),
        "created": registration.created,
        "modified": registration.modified,
    }


def _own_registrations(request: HttpRequest) -> Any:
    if not request.user.is_authenticated:
        return Registration.objects.none()
    return Registration.objects.filter(user=request.user).select_related("event", "track", "organisation")


@router.get(
    "/registrations",
    response={200: RegistrationPage, **READ_ERRORS},
    auth=read_auth,
    openapi_extra=OPTIONAL_TOKEN,
    summary="Eigene Anmeldungen",
)
def list_registrations(request: HttpRequest, paging: Query[Paging]) -> Any:
    """Die Anmeldungen der anfragenden Person zu Veranstaltungen (ohne API-Schlüssel: keine)."""
    registrations = (
        _own_registrations(request).filter(event__in=Event.objects.visible_to(request.user)).order_by("-created", "-pk")
    )
    return page_of(request, registrations, page=paging.page, page_size=paging.page_size, item=registration_dict)


@router.post(
    "/events/{event_id}/registrations",
    response={201: RegistrationOut, **WRITE_ERRORS},
    auth=write_auth,
    summary="Zu einer Veranstaltung anmelden",
)
def register(request: HttpRequest, event_id: int, payload: RegistrationIn) -> Any:
    """Meldet die anfragende Person an: bestätigt, solange Plätze frei sind, sonst auf der Warteliste."""
    event = _event(request, event_id)
    require_perm(request, "meetings.register_event", event)
    form = meeting_forms.RegistrationForm({"track": payload.track or ""}, event=event)
    if not form.is_valid():
        raise Invalid.from_form(form)
    person = Person.objects.filter(user_id=int(request.user.pk or 0)).select_related("organisation").first()
    registration = services.register(
        event,
        user=request.user,
        organisation=person.organisation if person else None,
        track=form.cleaned_data.get("track"),
    )
    return Status(201, registration_dict(registration))


@router.post(
    "/registrations/{registration_id}/cancel",
    response={200: RegistrationOut, **WRITE_ERRORS},
    auth=write_auth,
    summary="Anmeldung stornieren",
)
def cancel_registration(request: HttpRequest, registration_id: int) -> Any:
    """Storniert eine eigene Anmeldung; ein frei gewordener Platz geht an die erste Person der Warteliste."""
    _check_id(registration_id)
    registration = get_object_or_404(_own_registrations(request), pk=registration_id)
    require_perm(request, "meetings.cancel_registration", registration)
    services.cancel_registration(registration)
    registration.refresh_from_db()
    return registration_dict(registration)
