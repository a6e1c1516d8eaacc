"""Operations on meetings and events that span models or send e-mail."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from forum.organisations.models import Membership

from .models import Attendance, Event, Meeting, Minutes, Registration, Track
from .tasks import send_meeting_invitation


@transaction.atomic
def send_invitations(meeting: Meeting, *, by: Any) -> int:
    """Invite the committee's current members: an attendance row each, then one e-mail each after commit.

    Moves a planned meeting to "invited"; sending again invites only members not invited yet.
    Returns the number of new invitations.
    """
    if meeting.status not in (Meeting.Status.PLANNED, Meeting.Status.INVITED):
        raise ValidationError(_("Only a planned meeting can be sent out."), code="not_planned")
    memberships = (
        Membership.objects.current(timezone.localdate(meeting.start))  # the meeting's day in Lörrach, not in UTC
        .filter(committee=meeting.committee)
        .select_related("person", "on_behalf_of")
    )
    invited = set(meeting.attendances.values_list("person_id", flat=True))
    new = []
    now = timezone.now()
    for membership in memberships:
        if membership.person_id in invited:
            continue
        invited.add(membership.person_id)
        new.append(
            Attendance.objects.create(
                meeting=meeting,
                person=membership.person,
                organisation=membership.on_behalf_of or membership.person.organisation,
                invited_at=now,
            )
        )
    if meeting.status == Meeting.Status.PLANNED:
        meeting.change_status(Meeting.Status.INVITED)
    for attendance in new:
        if attendance.person.email:
            transaction.on_commit(
                lambda pk=attendance.pk: send_meeting_invitation.enqueue(attendance_id=pk)  # type: ignore[misc]
            )
    return len(new)


@transaction.atomic
def respond(meeting: Meeting, *, person: Any, response: str) -> Attendance:
    """Register for or decline a meeting; a member of the committee who was not invited yet is added."""
    if meeting.is_stopped or meeting.status == Meeting.Status.HELD:
        raise ValidationError(_("This meeting no longer takes registrations."), code="closed")
    attendance, _created = Attendance.objects.get_or_create(
        meeting=meeting, person=person, defaults={"organisation": person.organisation}
    )
    attendance.response = response
    attendance.save(update_fields=["response", "modified"])
    return attendance


@transaction.atomic
def record_attendance(meeting: Meeting, *, present: set[int]) -> None:
    """Set who attended (by attendance id); saved row by row so the history records each change."""
    # Ordered by pk: the default ordering joins the nullable organisation, and PostgreSQL refuses
    # FOR UPDATE on the nullable side of an outer join.
    for attendance in meeting.attendances.order_by("pk").select_for_update():
        attended = attendance.pk in present
        if attendance.attended != attended:
            attendance.attended = attended
            attendance.save(update_fields=["attended", "modified"])


def minutes_for(meeting: Meeting) -> Minutes:
    minutes, _created = Minutes.objects.get_or_create(meeting=meeting)
    return minutes


def _confirmed(event: Event, track: Track | None = None) -> int:
    registrations = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    if track is not None:
        registrations = registrations.filter(track=track)
    return registrations.count()


@transaction.atomic
def register(event: Event, *, user: Any, organisation: Any = None, track: Track | None = None) -> Registration:
    """Register ``user``: confirmed while places are free, otherwise on the waiting list.

    A full workshop track is refused with a message (choose another track); the event's own capacity
    decides between confirmed and waiting list. Rows are locked, so two people cannot take the last place.
    """
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not event.registration_open:
        raise ValidationError(_("Registration for this event is closed."), code="closed")
    if track is not None and track.event_id != event.pk:
        raise ValidationError({"track": _("This track does not belong to the event.")}, code="wrong_track")
    existing = Registration.objects.filter(event=event, user=user).first()
    if existing and existing.status != Registration.Status.CANCELLED:
        raise ValidationError(_("You are already registered for this event."), code="duplicate")
    status = Registration.Status.CONFIRMED if _confirmed(event) < event.capacity else Registration.Status.WAITING
    # A full track refuses a place, not a spot on the waiting list (places are handed on in order later).
    if status == Registration.Status.CONFIRMED and track is not None and _confirmed(event, track) >= track.capacity:
        raise ValidationError(
            {"track": _("The track “%(track)s” is fully booked. Please choose another.") % {"track": track.title}},
            code="track_full",
        )
    if existing:
        existing.status, existing.track, existing.organisation = status, track, organisation
        existing.save(update_fields=["status", "track", "organisation", "modified"])
        return existing
    return Registration.objects.create(event=event, user=user, organisation=organisation, track=track, status=status)


@transaction.atomic
def cancel_registration(registration: Registration) -> Registration | None:
    """Cancel; a freed place goes to the first person on the waiting list (returned, if any)."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    was_confirmed = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status", "modified"])
    if not was_confirmed:
        return None
    waiting = Registration.objects.filter(event=event, status=Registration.Status.WAITING).order_by("created", "pk")
    for candidate in waiting:
        if candidate.track_id and _confirmed(event, candidate.track) >= candidate.track.capacity:  # type: ignore[union-attr]
            continue
        candidate.status = Registration.Status.CONFIRMED
        candidate.save(update_fields=["status", "modified"])
        return candidate
    return None


def track_occupancy(event: Event) -> list[Track]:
    """The event's tracks, each with ``confirmed`` (places taken)."""
    return list(
        event.tracks.annotate(
            confirmed=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED))
        )
    )
