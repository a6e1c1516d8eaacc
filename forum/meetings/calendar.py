"""iCalendar (RFC 5545) files and feeds of meetings, built with the icalendar library."""

from __future__ import annotations

from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vText
from icalendar.cal import Timezone

from .models import Meeting

_BERLIN = ZoneInfo("Europe/Berlin")


def _absolute(path: str) -> str:
    return settings.FORUM_BASE_URL + path


def meeting_event(meeting: Meeting) -> Event:
    """One VEVENT: stable UID, SEQUENCE from the meeting's revision, STATUS:CANCELLED when cancelled."""
    event = Event()
    event.add("uid", meeting.calendar_uid())
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", meeting.modified or timezone.now())
    event.add("dtstart", timezone.localtime(meeting.start, _BERLIN))
    event.add("dtend", timezone.localtime(meeting.end, _BERLIN))
    event.add("summary", str(meeting))
    event.add("status", "CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED")
    url = _absolute(meeting.get_absolute_url())
    event.add("url", url)
    lines = [f"{meeting.committee.name}", url]
    if meeting.video_url:
        lines.append(f"Videokonferenz: {meeting.video_url}")
        event.add("conference", meeting.video_url, parameters={"VALUE": "URI", "FEATURE": "VIDEO"})
    if meeting.is_stopped and meeting.status_reason:
        lines.append(f"{meeting.get_status_display()}: {meeting.status_reason}")
    event.add("description", "\n".join(lines))
    location = meeting.location or meeting.video_url
    if location:
        event["location"] = vText(location)
    return event


def calendar_for(meetings: Iterable[Meeting], *, name: str) -> bytes:
    """A VCALENDAR with the Europe/Berlin time zone and one event per meeting."""
    calendar = Calendar()
    calendar.add("prodid", "-//Digitalisierungsforum//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Berlin")
    events = [meeting_event(meeting) for meeting in meetings]
    if events:
        first = min(event.decoded("dtstart") for event in events)
        last = max(event.decoded("dtend") for event in events)
        calendar.add_component(
            Timezone.from_tzinfo(_BERLIN, tzid="Europe/Berlin", first_date=first.date(), last_date=last.date())
        )
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()
