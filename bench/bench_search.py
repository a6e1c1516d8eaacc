"""Benchmark: full-text search of the catalogue over the example entries and over many generated ones.

Usage: .venv/bin/python bench/bench_search.py [--entries 20000] [--repeat 30]
       DATABASE_URL=postgres://… .venv/bin/python bench/bench_search.py   (PostgreSQL; an empty database)
Builds a throwaway SQLite database (or uses DATABASE_URL), loads the Landkreis Lörrach and its example entries,
times ``search_entries`` (ranked page of 25 plus the five facet queries) and the search page, then adds
``--entries`` generated entries and times again. Prints median and p95 in milliseconds.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from typing import Any

from common import setup_django
from national import WORDS as NATIONAL_WORDS

QUERIES = ["Digitalisierungen", "Bürgerportal", "Schule", "Strasse", "digitale Akte", "e", "Zahnarztpraxis"]
WORDS = NATIONAL_WORDS[:34]  # the first 34 words of the national data: the same generated texts as before


def _time(function: Any, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[max(int(len(times) * 0.95) - 1, 0)]


def _report(label: str, repeat: int) -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.core.paginator import Paginator
    from django.db import connection
    from django.test import Client

    from forum.exchange.models import Entry
    from forum.exchange.search import search_entries

    total = Entry.objects.count()
    print(f"\n{label}: {total} Einträge, Datenbank {connection.vendor}")
    print(f"{'Suche':<22} {'Treffer':>8} {'Median ms':>10} {'p95 ms':>8} {'Seite ms':>9}")
    client = Client()

    def run(query: str) -> int:
        result = search_entries(query, user=AnonymousUser(), filters={})
        page = Paginator(result.entries, 25).get_page(1)
        list(page)
        return page.paginator.count if result.terms else 0

    for query in QUERIES:
        hits = run(query)
        median, p95 = _time(lambda query=query: run(query), repeat)
        page_median, _p95 = _time(lambda query=query: client.get("/katalog/suche/", {"q": query}), max(repeat // 3, 3))
        print(f"{query:<22} {hits:>8} {median:>10.1f} {p95:>8.1f} {page_median:>9.1f}")


def _generate(count: int) -> None:
    from django.db import transaction

    from forum.exchange.models import Entry
    from forum.organisations.models import Organisation

    towns = list(Organisation.objects.municipalities())
    rng = random.Random(42)  # noqa: S311 - test data, not secrets
    entries = []
    for number in range(count):
        entry = Entry(
            kind=Entry.Kind.CHALLENGE,
            organisation=towns[number % len(towns)],
            title=" ".join(rng.sample(WORDS, 3)) + f" {number}",
            description=" ".join(rng.choices(WORDS, k=40)),
        )
        entry.search_document = entry.build_search_document()  # bulk_create does not call save()
        entries.append(entry)
    with transaction.atomic():
        Entry.objects.bulk_create(entries, batch_size=1000)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    setup_django()
    from django.core.management import call_command

    from forum.exchange.demo import create_demo

    if _needs_topics():
        call_command("load_topics", verbosity=0)
    create_demo("08336")
    _report("Beispieldaten", args.repeat)
    _generate(args.entries)
    _report(f"Mit {args.entries} erzeugten Einträgen", args.repeat)


def _needs_topics() -> bool:
    from forum.topics.models import Topic

    return not Topic.objects.exists()


if __name__ == "__main__":
    main()
