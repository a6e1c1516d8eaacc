"""Benchmark: the open-data page, the ZIP of all public data and single datasets at national scale.

Usage: .venv/bin/python bench/bench_open_data.py [--entries 200000 --interests 400000] [--repeat 3]
Builds a throwaway SQLite database (or uses DATABASE_URL) with all 10,751 German municipalities and the national
catalogue of bench/national.py, adds public meetings, agenda items, undertakings and papers, then prints SQL queries,
time and size of the page, of the ZIP and of the largest single datasets; the ZIP's queries must not grow with rows.
"""

from __future__ import annotations

import argparse
import resource
import time
from datetime import date, timedelta
from typing import Any

from common import measure, setup_django
from national import build_national


def _download(client: Any, url: str) -> tuple[int, float, int]:
    from django.db import connection

    queries: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    start = time.perf_counter()
    with connection.execute_wrapper(count):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        size = sum(len(chunk) for chunk in response.streaming_content)
    return len(queries), (time.perf_counter() - start), size


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--interests", type=int, default=400_000)
    parser.add_argument("--meetings", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    setup_django()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import timezone

    from forum.council.models import Consultation, Paper
    from forum.exchange.models import Entry, Interest
    from forum.meetings.models import AgendaItem, Meeting
    from forum.organisations.models import Committee, Organisation
    from forum.portal import open_data

    start = time.perf_counter()
    timings = build_national(entries=args.entries, interests=args.interests)
    call_command("load_strategy", verbosity=0)
    district = Organisation.objects.get(ags="08336")
    with transaction.atomic():
        committee = Committee.objects.create(name="Digitalisierungsforum", kind="forum", organisation=district)
        begin = timezone.now() - timedelta(days=args.meetings)
        for number in range(args.meetings):
            meeting = Meeting.objects.create(
                committee=committee,
                title=f"Treffen {number}",
                number=number + 1,
                start=begin + timedelta(days=number),
                end=begin + timedelta(days=number, hours=2),
                location="Landratsamt",
                visibility="members" if number % 5 == 4 else "public",
            )
            for top in range(1, 5):
                AgendaItem.objects.create(meeting=meeting, number=str(top), title=f"TOP {top}")
            paper = Paper.objects.create(organisation=district, date=date(2022, 1, 1), title=f"Vorlage {number}")
            Consultation.objects.create(paper=paper, committee=committee, date=date(2022, 1, 19), meeting=meeting)
    print(
        f"{connection.vendor}: national data set built in {time.perf_counter() - start:.0f} s "
        f"({', '.join(f'{k} {v:.0f}' for k, v in timings.items())})"
    )
    print(
        f"public rows: entries {Entry.objects.visible_to(open_data.PUBLIC).count()} of {Entry.objects.count()}, "
        f"interest marks {open_data._interests().count()} of {Interest.objects.count()}, "
        f"organisations {Organisation.objects.count()}"
    )

    measure([("/offene-daten/", "Offene Daten (Seite)")], repeat=args.repeat)

    client = Client()
    print(f"\n{'Download':<45} {'Abfragen':>8} {'Sekunden':>9} {'MB':>8}")
    for url in [
        "/offene-daten/digitalisierungsforum.zip",
        "/offene-daten/eintraege.csv",
        "/offene-daten/eintraege.json",
        "/offene-daten/interessen.json",
        "/offene-daten/organisationen.json",
    ]:
        runs = [_download(client, url) for _ in range(args.repeat)]
        queries, _seconds, size = runs[0]
        best = min(seconds for _queries, seconds, _size in runs)
        print(f"{url:<45} {queries:>8} {best:>9.1f} {size / 1024 / 1024:>8.1f}")
    etag = client.get("/offene-daten/digitalisierungsforum.zip")["ETag"]
    start = time.perf_counter()
    again = client.get("/offene-daten/digitalisierungsforum.zip", headers={"if-none-match": etag})
    print(f"ZIP again with If-None-Match: {again.status_code} in {(time.perf_counter() - start) * 1000:.0f} ms")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the process (all of the above): {peak:.0f} MB")


if __name__ == "__main__":
    main()
