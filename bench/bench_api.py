"""Benchmark: the REST API's lists at national scale; prints figures, not a test.

Usage: .venv/bin/python bench/bench_api.py [--entries 200000] [--interests 400000] [--repeat 20]
       DATABASE_URL=postgres://… .venv/bin/python bench/bench_api.py   (PostgreSQL)
Builds (once per database) every German municipality with ``--entries`` catalogue entries and ``--interests``
interest marks (bench/national.py), then times GET /api/v1/entries (page 1, page 1,000, filtered by kind, topic
and municipality), anonymously and with a coordination API key, plus the other list endpoints. Prints the SQL
queries of one request, the number of hits, median and p95 in milliseconds.
"""

from __future__ import annotations

import argparse
from typing import Any

from common import count_queries, setup_django, timings
from national import build_national


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--interests", type=int, default=400_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    setup_django()
    from django.db import connection
    from django.test import Client

    from forum.accounts.models import User
    from forum.api.models import ApiToken
    from forum.organisations.models import Organisation, Role
    from forum.topics.models import Topic

    load_times = build_national(entries=args.entries, interests=args.interests)
    for part, seconds in load_times.items():
        print(f"Aufbau {part}: {seconds:.1f}")
    user, _created = User.objects.get_or_create(email="bench-api@example.org", defaults={"full_name": "Bench"})
    Role.objects.get_or_create(user=user, kind=Role.Kind.COORDINATION)
    _token, secret = ApiToken.issue(user=user, name="Bench", scope=ApiToken.Scope.READ)
    topic = Topic.objects.filter(parent__isnull=False, entries__isnull=False).order_by("pk").first()
    town = Organisation.objects.municipalities().filter(entries__isnull=False).order_by("-population").first()
    assert topic is not None and town is not None

    urls = [
        ("/api/v1/entries", "Einträge Seite 1"),
        ("/api/v1/entries?page=1000", "Einträge Seite 1.000"),
        ("/api/v1/entries?page_size=100", "Einträge Seite 1, 100 je Seite"),
        ("/api/v1/entries?kind=project&phase=operation", "Einträge: Vorhaben im Betrieb"),
        (f"/api/v1/entries?topic={topic.parent.slug if topic.parent else topic.slug}", "Einträge eines Themenfelds"),
        (f"/api/v1/entries?organisation={town.ags}", f"Einträge von {town.name[:20]}"),
        ("/api/v1/meetings", "Treffen"),
        ("/api/v1/events", "Veranstaltungen"),
        ("/api/v1/campaigns", "Kampagnen"),
    ]
    print(f"Datenbank: {connection.vendor}")
    print(f"{'Abfrage':<48} {'Wer':<13} {'SQL':>4} {'Treffer':>8} {'Median ms':>10} {'p95 ms':>8}")
    keys: list[tuple[str, dict[str, Any]]] = [("anonym", {}), ("Koordination", {"Authorization": f"Bearer {secret}"})]
    for who, headers in keys:
        client = Client(headers=headers)
        for url, label in urls:

            def get(url: str = url, client: Client = client) -> Any:
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code, response.content[:200])
                return response

            get()  # warm up (and record the key's use once)
            queries, response = count_queries(get)
            median, p95 = timings(get, args.repeat)
            hits = response.json()["count"]
            print(f"{label:<48} {who:<13} {queries:>4} {hits:>8} {median:>10.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
