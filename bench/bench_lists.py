"""Benchmark: list pages cost the same queries for few and many rows; prints timings.

Usage: .venv/bin/python bench/bench_lists.py [--members 5000]
Builds a throwaway SQLite database (or uses DATABASE_URL), loads the Landkreis Lörrach and adds
``--members`` committee memberships, then times list pages with Django's test client.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    # As Django's test runner does: keep one connection, so queries can be counted across requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_district", "08336", stdout=quiet)

    from forum.organisations.models import Committee, Membership, Organisation, Person

    district = Organisation.objects.get(ags="08336")
    towns = list(Organisation.objects.municipalities())
    forum = Committee.objects.create(name="Forum", kind=Committee.Kind.FORUM, organisation=district)
    small = Committee.objects.create(name="Klein", kind=Committee.Kind.WORKING_GROUP, organisation=district)
    people = Person.objects.bulk_create(
        Person(given_name="Vorname", family_name=f"Nachname {i:05d}", organisation=towns[i % len(towns)])
        for i in range(args.members)
    )
    Membership.objects.bulk_create(Membership(person=p, committee=forum, on_behalf_of=p.organisation) for p in people)
    Membership.objects.bulk_create(Membership(person=p, committee=small) for p in people[:3])
    last_page = (args.members + 49) // 50

    client = Client()
    pages = [
        ("/", "Startseite"),
        ("/kommunen/?sort=-population", "Kommunen (35)"),
        ("/partner/", "Partner"),
        (f"/gremien/{small.pk}/", "Gremium, 3 Mitglieder"),
        (f"/gremien/{forum.pk}/", f"Gremium, {args.members} Mitglieder, Seite 1"),
        (f"/gremien/{forum.pk}/?page={last_page}", f"Gremium, {args.members} Mitglieder, Seite {last_page}"),
        ("/kommunen/08336050/", "Kommune Lörrach"),
    ]
    print(f"{connection.vendor}, {args.repeat} Wiederholungen je Seite")
    print(f"{'Seite':<45} {'Abfragen':>8} {'Median ms':>10} {'p95 ms':>8}")
    for url, label in pages:
        queries: list[str] = []

        def count(execute, sql, params, many, context, queries=queries):  # type: ignore[no-untyped-def]
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(f"{label:<45} {len(queries):>8} {statistics.median(times):>10.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
