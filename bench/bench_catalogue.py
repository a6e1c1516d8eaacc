"""Benchmark: the catalogue, its search and its export at national scale; prints figures, not a test.

Usage: .venv/bin/python bench/bench_catalogue.py [--entries 200000] [--interests 400000] [--repeat 10] [--only search]
       DATABASE_URL=postgres://… .venv/bin/python bench/bench_catalogue.py   (PostgreSQL)
Builds (once per database; pass a DATABASE_URL of a kept SQLite file to reuse it) every German municipality with
``--entries`` entries and ``--interests`` interest marks (bench/national.py), then times, as an anonymous visitor
and as the coordination: the catalogue's first page and page 1,000, a filtered list, the search for a specific,
a medium and a very common word (``search_entries`` alone and the whole page), and a filtered CSV export.
Prints the SQL queries of one request, median and p95 in milliseconds.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from common import count_queries, setup_django, timings
from national import build_national


def _row(label: str, queries: int | str, hits: int | str, median: float, p95: float) -> None:
    print(f"{label:<52} {queries!s:>8} {hits!s:>8} {median:>10.1f} {p95:>8.1f}")


def _pages(client: Any, repeat: int, topic: Any, town: Any) -> None:
    pages = [
        ("/katalog/", "Katalog Seite 1"),
        ("/katalog/?page=1000", "Katalog Seite 1.000"),
        (
            f"/katalog/?thema={topic.parent.slug}&art=project",
            f"Katalog gefiltert (Themenfeld {topic.parent.name[:12]}…)",
        ),
        (f"/katalog/?kommune={town.ags}", f"Katalog einer Kommune ({town.name[:20]})"),
    ]
    for url, label in pages:

        def get(url: str = url) -> Any:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response

        queries, response = count_queries(get)
        median, p95 = timings(get, repeat)
        _row(label, queries, response.context["page_obj"].paginator.count, median, p95)


def _searches(client: Any, user: Any, repeat: int, queries_by_label: list[tuple[str, str]]) -> None:
    from django.core.paginator import Paginator

    from forum.exchange.search import search_entries

    for label, query in queries_by_label:

        def run(query: str = query) -> int:
            result = search_entries(query, user=user, filters={})
            # As the search page does: with the count the search made (where the search offers it).
            page = result.page(1, 25) if hasattr(result, "page") else Paginator(result.entries, 25).get_page(1)
            list(page)
            return page.paginator.count

        def get(query: str = query) -> Any:
            response = client.get("/katalog/suche/", {"q": query})
            assert response.status_code == 200, response.status_code
            return response

        hits = run()
        median, p95 = timings(run, repeat)
        _row(f"Suche {label}: {query!r} (Funktion)", "", hits, median, p95)
        queries, _response = count_queries(get)
        median, p95 = timings(get, repeat)
        _row(f"Suche {label}: {query!r} (Seite)", queries, hits, median, p95)


def _exports(client: Any, repeat: int, topic: Any) -> None:
    from django.urls import NoReverseMatch, reverse

    try:
        base = reverse("exchange:entry_export", args=["csv"])
    except NoReverseMatch:
        print("(kein Export vorhanden)")
        return
    for url, label in [
        (f"{base}?thema={topic.slug}", f"CSV-Export Thema {topic.name[:20]}"),
        (f"{base}?thema={topic.parent.slug}&art=project", "CSV-Export Themenfeld, Vorhaben"),
    ]:

        def get(url: str = url) -> int:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return sum(chunk.count(b"\n") for chunk in response.streaming_content) - 1

        queries, rows = count_queries(get)
        median, p95 = timings(get, max(repeat // 3, 2))
        _row(label, queries, rows, median, p95)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--interests", type=int, default=400_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument(
        "--only",
        default="pages,search,export,coordination",
        help="comma-separated parts to time",
    )
    parser.add_argument("--queries", default="", help="comma-separated search words to time (default: all)")
    args = parser.parse_args()
    args.only = set(args.only.split(","))

    setup_django()
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from forum.exchange.models import Entry
    from forum.organisations.models import Organisation
    from forum.topics.models import Topic

    start = time.perf_counter()
    load_times = build_national(entries=args.entries, interests=args.interests)
    print(f"Daten: {time.perf_counter() - start:.0f} s ({', '.join(f'{k} {v:.0f}' for k, v in load_times.items())})")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    common_topic = (
        Topic.objects.filter(parent__isnull=False).annotate(n=Count("entries")).order_by("-n").select_related("parent")
    ).first()
    town = Organisation.objects.get(ags="08336050")
    # The generated words are each in about half of the entries; the titles end in their number, and the last
    # search word is also a prefix, so "Bürgerportal 123" finds some hundreds and "Rathaus 12" some thousands.
    searches = [
        ("selten", "Kläranlage 4711"),
        ("ohne Treffer", "Zahnarztpraxis"),
        ("mittel", "Bürgerportal 123"),
        ("mittel", "Rathaus 12"),
        ("häufig", "Digitalisierung"),
        ("sehr häufig, Präfix", "S"),
    ]
    if args.queries:
        searches = [(label, query) for label, query in searches if query in args.queries.split(",")]

    print(f"\n{connection.vendor}: {Entry.objects.count()} Einträge, {args.repeat} Wiederholungen")
    print(f"{'':<52} {'Abfragen':>8} {'Treffer':>8} {'Median ms':>10} {'p95 ms':>8}")
    client = Client()
    print("-- anonym")
    if "pages" in args.only:
        _pages(client, args.repeat, common_topic, town)
    if "search" in args.only:
        _searches(client, AnonymousUser(), args.repeat, searches)
    if "export" in args.only:
        _exports(client, args.repeat, common_topic)
    if "coordination" not in args.only:
        return

    from django.contrib.auth import get_user_model

    from forum.organisations.models import Role

    coordinator, _created = get_user_model().objects.get_or_create(email="koordination@bench.invalid")
    Role.objects.get_or_create(user=coordinator, kind=Role.Kind.COORDINATION)
    client.force_login(coordinator)
    print("-- Koordination (sieht alles)")
    _pages(client, args.repeat, common_topic, town)
    _searches(client, coordinator, args.repeat, searches[3:5])
    _exports(client, args.repeat, common_topic)


if __name__ == "__main__":
    main()
