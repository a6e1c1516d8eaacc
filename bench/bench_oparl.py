"""OParl lists at national scale: page 1 vs page 1,000 (keyset pages), queries and time.

Bulk-creates 100,000 public meetings (each with one agenda item), 100,000 papers (each with one consultation)
and prints, per list, the first page and the 1,000th page of 100 objects.

    .venv/bin/python bench/bench_oparl.py                     # SQLite
    PGPORT=54334 bin/with-postgres .venv/bin/python bench/bench_oparl.py
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from common import measure, setup_django

COUNT = 100_000
PAGE = 100
BATCH = 5_000


def build() -> dict[str, int]:
    from django.conf import settings
    from django.db import connection

    from forum.council.models import Consultation, Paper
    from forum.meetings.models import AgendaItem, Meeting
    from forum.organisations.models import Committee, Organisation

    district = Organisation.objects.get(ags=settings.FORUM_KREISSCHLUESSEL)
    forum = Committee.objects.create(name="Digitalisierungsforum", kind=Committee.Kind.FORUM, organisation=district)
    kreistag = Committee.objects.create(name="Kreistag", kind=Committee.Kind.COUNCIL, organisation=district)
    start = datetime(2000, 1, 1, 14, tzinfo=ZoneInfo("Europe/Berlin"))
    for first in range(0, COUNT, BATCH):
        meetings = Meeting.objects.bulk_create(
            Meeting(
                committee=forum,
                title=f"Sitzung {n}",
                number=n + 1,
                start=start + timedelta(hours=n),
                end=start + timedelta(hours=n, minutes=90),
                location="Landratsamt Lörrach",
            )
            for n in range(first, first + BATCH)
        )
        AgendaItem.objects.bulk_create(
            AgendaItem(meeting=meeting, number="1", sort_key="001.000.000", title="Bericht") for meeting in meetings
        )
        papers = Paper.objects.bulk_create(
            Paper(
                organisation=district,
                year=2000 + n // 1000,
                serial=n % 1000 + 1,
                date=date(2000 + n // 1000, 1, 1),
                title=f"Vorlage {n}",
            )
            for n in range(first, first + BATCH)
        )
        Consultation.objects.bulk_create(
            Consultation(paper=paper, committee=kreistag, date=paper.date, meeting=meeting)
            for paper, meeting in zip(papers, meetings, strict=True)
        )
    # As autovacuum (PostgreSQL) or `PRAGMA optimize` (SQLite) would after a bulk load: fresh planner statistics.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"meeting": Meeting.objects.count(), "paper": Paper.objects.count()}


def page_1000_cursor(model: type, prefix: str = "") -> str:
    pk = model.objects.order_by("pk").values_list("pk", flat=True)[PAGE * 999 - 1]  # type: ignore[attr-defined]
    return f"{prefix}{pk}"


def main() -> None:
    setup_django()
    from django.conf import settings
    from django.db import connection

    from forum.council.models import Consultation, Paper
    from forum.meetings.models import AgendaItem, Meeting

    began = time.perf_counter()
    counts = build()
    print(
        f"{connection.vendor}: {counts['meeting']:,} Sitzungen, {counts['paper']:,} Vorlagen "
        f"in {time.perf_counter() - began:.0f} s angelegt"
    )
    body = f"/oparl/v1.1/body/{settings.FORUM_KREISSCHLUESSEL}/"
    pages = [("/oparl/v1.1/", "System"), (body, "Body")]
    for name, model in (
        ("meeting", Meeting),
        ("agendaItem", AgendaItem),
        ("paper", Paper),
        ("consultation", Consultation),
    ):
        after = page_1000_cursor(model)
        pages += [
            (f"{body}{name}/", f"{name} Seite 1"),
            (f"{body}{name}/?after={after}&page=1000", f"{name} Seite 1.000"),
            (
                f"{body}{name}/?after={after}&page=1000&modified_since=2000-01-01T00%3A00%3A00%2B01%3A00",
                f"{name} Seite 1.000 (modified_since)",
            ),
        ]
    measure(pages, repeat=15)


if __name__ == "__main__":
    main()
