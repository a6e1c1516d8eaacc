"""Benchmark: meeting list, calendar feeds and statistics with many meetings; prints timings and query counts.

Usage: .venv/bin/python bench/bench_meetings.py [--meetings 5000] [--repeat 10]
Builds a throwaway SQLite database (or uses DATABASE_URL), loads the Landkreis Lörrach and adds ``--meetings``
meetings of the forum, each with three agenda items and ten attendances, all within the feeds' window
(the past year and ahead), then times the pages with Django's test client.
"""

from __future__ import annotations

import argparse
import time
from datetime import timedelta

from common import measure, setup_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--meetings", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    setup_django()
    from django.db import connection
    from django.utils import timezone

    from forum.meetings.models import AgendaItem, Attendance, Meeting
    from forum.organisations.models import Committee, Organisation, Person

    started = time.perf_counter()
    district = Organisation.objects.get(ags="08336")
    towns = list(Organisation.objects.municipalities())
    forum = Committee.objects.create(name="Forum", kind=Committee.Kind.FORUM, organisation=district)
    small = Committee.objects.create(name="Klein", kind=Committee.Kind.WORKING_GROUP, organisation=district)
    people = Person.objects.bulk_create(
        Person(given_name="Vorname", family_name=f"Nachname {i:03d}", organisation=towns[i % len(towns)])
        for i in range(len(towns) * 2)
    )
    # Bulk inserts skip the change history: this is test data, not content written through the services.
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    first = now - timedelta(days=360)
    step = (timedelta(days=360) * 2) / args.meetings  # half in the past year, half ahead
    meetings = []
    for i in range(args.meetings):
        start = first + step * i
        past = start < now
        status = Meeting.Status.PLANNED
        if past:
            status = Meeting.Status.ABORTED if i % 17 == 0 else Meeting.Status.HELD
        meetings.append(
            Meeting(
                committee=forum,
                title=f"Treffen {i + 1}",
                number=i + 1,
                start=start,
                end=start + timedelta(hours=2),
                format=Meeting.Format.VIRTUAL,
                video_url="https://video.example.org/forum",
                status=status,
                status_reason="aus technischen Gründen" if status == Meeting.Status.ABORTED else "",
                visibility="members" if i % 10 == 9 else "public",
            )
        )
    for i in range(3):
        start = now + timedelta(days=7 * (i + 1))
        meetings.append(
            Meeting(
                committee=small,
                title=f"AG {i}",
                number=i + 1,
                start=start,
                end=start + timedelta(hours=1),
                video_url="https://video.example.org/ag",
            )
        )
    meetings = Meeting.objects.bulk_create(meetings, batch_size=500)
    AgendaItem.objects.bulk_create(
        (
            AgendaItem(
                meeting=meeting,
                number=number,
                sort_key=sort_key,
                title=f"TOP {number}",
                visibility="members" if number == "2.1" else "public",
            )
            for meeting in meetings
            for number, sort_key in [("1", "001.000.000"), ("2", "002.000.000"), ("2.1", "002.001.000")]
        ),
        batch_size=1000,
    )
    Attendance.objects.bulk_create(
        (
            Attendance(
                meeting=meeting,
                person=people[(index + k) % len(people)],
                organisation=people[(index + k) % len(people)].organisation,
                response=Attendance.Response.REGISTERED,
                attended=meeting.start < now and (index + k) % 5 != 0,
            )
            for index, meeting in enumerate(meetings)
            for k in range(10)
        ),
        batch_size=1000,
    )
    print(
        f"{connection.vendor}: {Meeting.objects.count()} Treffen, {AgendaItem.objects.count()} TOPs, "
        f"{Attendance.objects.count()} Teilnahmen angelegt in {time.perf_counter() - started:.1f} s; "
        f"{args.repeat} Wiederholungen je Seite"
    )

    pages = [
        ("/treffen/", "Treffen (Liste, Seite 1)"),
        (f"/treffen/?page={(args.meetings // 2) // 25}", "Treffen (Liste, letzte Seite)"),
        ("/kalender/oeffentlich.ics", "Kalender: ganzes Forum"),
        (f"/gremien/{forum.pk}/kalender.ics", f"Kalender: Gremium mit {args.meetings} Treffen"),
        (f"/gremien/{small.pk}/kalender.ics", "Kalender: Gremium mit 3 Treffen"),
        (f"/gremien/{forum.pk}/statistik/", f"Statistik: Gremium mit {args.meetings} Treffen"),
        (f"/gremien/{small.pk}/statistik/", "Statistik: Gremium mit 3 Treffen"),
    ]
    measure(pages, repeat=args.repeat)


if __name__ == "__main__":
    main()
