"""Statistics of a committee's meetings, and the German sentence a council paper needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import formats, timezone, translation

from forum.organisations.models import Committee, Organisation

from .models import Attendance, Meeting

_WORDS = ["null", "eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf"]


def number_word(number: int) -> str:
    """German number word up to twelve, digits above (as German style guides write numbers in text)."""
    return _WORDS[number] if 0 <= number <= 12 else str(number)


@dataclass(frozen=True)
class Participation:
    organisation: Organisation
    attended: int
    of: int

    @property
    def percent(self) -> int:
        return round(100 * self.attended / self.of) if self.of else 0


@dataclass(frozen=True)
class CommitteeStatistics:
    since: date | None
    held: int
    aborted: int
    cancelled: int
    upcoming: int
    participation: list[Participation]

    @property
    def took_place(self) -> int:
        """Held or aborted: the meeting did start."""
        return self.held + self.aborted


def _meetings(committee: Committee, since: date | None, meetings: QuerySet[Meeting] | None) -> QuerySet[Meeting]:
    queryset = (meetings if meetings is not None else Meeting.objects.all()).filter(committee=committee)
    if since:
        queryset = queryset.filter(start__date__gte=since)
    return queryset


def committee_statistics(
    committee: Committee, *, since: date | None = None, meetings: QuerySet[Meeting] | None = None
) -> CommitteeStatistics:
    """Counts per status and attendance per municipality, in three queries whatever the number of meetings."""
    queryset = _meetings(committee, since, meetings)
    counts = queryset.aggregate(
        held=Count("pk", filter=Q(status=Meeting.Status.HELD)),
        aborted=Count("pk", filter=Q(status=Meeting.Status.ABORTED)),
        cancelled=Count("pk", filter=Q(status=Meeting.Status.CANCELLED)),
        upcoming=Count("pk", filter=Q(status__in=[Meeting.Status.PLANNED, Meeting.Status.INVITED])),
    )
    took_place = queryset.filter(status__in=[Meeting.Status.HELD, Meeting.Status.ABORTED])
    attended = dict(
        Attendance.objects.filter(meeting__in=took_place, attended=True, organisation__isnull=False)
        .values("organisation_id")
        .annotate(n=Count("meeting", distinct=True))
        .values_list("organisation_id", "n")
    )
    total = counts["held"] + counts["aborted"]
    district = committee.organisation if committee.organisation.kind == Organisation.Kind.DISTRICT else None
    organisations = Organisation.objects.filter(
        Q(pk__in=attended) | Q(district=district, kind__in=Organisation.MUNICIPAL_KINDS)
        if district
        else Q(pk__in=attended)
    )
    participation = sorted(
        (Participation(organisation, attended.get(organisation.pk, 0), total) for organisation in organisations),
        key=lambda row: (-row.attended, row.organisation.name),
    )
    return CommitteeStatistics(since=since, participation=participation, **counts)


# (singular, plural) of the kind of meeting, when all meetings share one format.
_KIND_WORDS = {
    Meeting.Format.VIRTUAL: ("virtuelles Treffen", "virtuelle Treffen"),
    Meeting.Format.HYBRID: ("hybrides Treffen", "hybride Treffen"),
    Meeting.Format.IN_PERSON: ("Präsenztreffen", "Präsenztreffen"),
}


def meetings_sentence(committee: Committee, *, since: date | None = None, meetings: Any = None) -> str:
    """E.g. "Seit November 2020 fanden fünf – eines musste aus technischen Gründen abgebrochen werden –
    virtuelle Treffen statt." from the meetings that took place (held or aborted)."""
    took_place = list(
        _meetings(committee, since, meetings)
        .filter(status__in=[Meeting.Status.HELD, Meeting.Status.ABORTED])
        .order_by("start")
        .values("start", "status", "status_reason", "format")
    )
    if not took_place:
        return "Bisher hat noch kein Treffen stattgefunden."
    with translation.override("de"):
        month = formats.date_format(timezone.localtime(took_place[0]["start"]), "F Y")
    total = len(took_place)
    aborted = [row for row in took_place if row["status"] == Meeting.Status.ABORTED]
    formats_seen = {row["format"] for row in took_place}
    only_format = formats_seen.pop() if len(formats_seen) == 1 else None
    singular, plural = (
        _KIND_WORDS.get(Meeting.Format(only_format), ("Treffen", "Treffen")) if only_format else ("Treffen", "Treffen")
    )
    if total == 1:
        aside = f" – es musste {_reason(aborted[0])}abgebrochen werden –" if aborted else ""
        return f"Seit {month} fand ein{aside} {singular} statt."
    aside = ""
    if aborted:
        reasons = {row["status_reason"].strip() for row in aborted}
        reason = _reason(aborted[0]) if len(reasons) == 1 else ""
        if len(aborted) == 1:
            aside = f" – eines musste {reason}abgebrochen werden –"
        elif len(aborted) == total:  # not "zwei – zwei davon mussten …"
            aside = f" – {'beide' if total == 2 else 'alle'} mussten {reason}abgebrochen werden –"
        else:
            aside = f" – {number_word(len(aborted))} davon mussten {reason}abgebrochen werden –"
    return f"Seit {month} fanden {number_word(total)}{aside} {plural} statt."


def _reason(row: Any) -> str:
    reason = (row["status_reason"] or "").strip().rstrip(".")
    return f"{reason} " if reason else ""


@dataclass(frozen=True)
class CommitteeParticipation:
    committee: Committee
    attended: int
    of: int


def participation_of(organisation: Organisation, *, meetings: QuerySet[Meeting]) -> list[CommitteeParticipation]:
    """Per committee the organisation was invited to: meetings it attended of those that took place.

    Three queries whatever the number of meetings; ``meetings`` limits it to what the reader may see.
    """
    took_place = meetings.filter(status__in=[Meeting.Status.HELD, Meeting.Status.ABORTED])
    totals = dict(took_place.values("committee_id").annotate(n=Count("pk")).values_list("committee_id", "n"))
    rows = (
        Attendance.objects.filter(organisation=organisation, meeting__in=took_place)
        .values("meeting__committee_id")
        .annotate(n=Count("meeting", distinct=True, filter=Q(attended=True)))
        .values_list("meeting__committee_id", "n")
    )
    attended = dict(rows)
    committees = Committee.objects.filter(pk__in=attended).order_by("name")
    return [CommitteeParticipation(c, attended[c.pk], totals.get(c.pk, 0)) for c in committees]
