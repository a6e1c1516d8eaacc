"""Benchmark: the strategy page, which gathers per field of action what refers to it (entries, undertakings, papers).

Usage: .venv/bin/python bench/bench_strategy.py [--repeat 20] [--entries 200000 --interests 400000] [--share 0.2]
Builds a throwaway SQLite database (or uses DATABASE_URL), loads the district, topics and strategy, optionally the
national catalogue of bench/national.py, then gives the strategy seven fields of action (two guiding principles each),
refers ``--share`` of all entries to them, 70 undertakings and 350 council papers (each with a consultation), and
prints per page and person the SQL queries of one request, the median and p95 time over ``--repeat`` requests, size.
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date
from typing import Any

from common import measure_page, setup_django
from national import build_national

FIELDS = ["Digitale Verwaltung", "Bildung", "Mobilität", "Gesundheit", "Wirtschaft", "Klima", "Zusammenhalt"]


def build_references(share: float) -> dict[str, int]:
    from django.conf import settings
    from django.db import transaction

    from forum.cooperation.models import Undertaking
    from forum.core.models import Visibility
    from forum.council.models import Consultation, Paper
    from forum.exchange.models import Entry
    from forum.organisations.models import Committee, Organisation
    from forum.topics.models import FieldOfAction, GuidingPrinciple, Strategy

    rng = random.Random(7)  # noqa: S311 - benchmark data
    strategy = Strategy.objects.get(is_current=True)
    fields = []
    for position, name in enumerate(FIELDS, start=1):
        field, _new = FieldOfAction.objects.get_or_create(strategy=strategy, name=name, defaults={"position": position})
        while field.guiding_principles.count() < 2:
            GuidingPrinciple.objects.create(field_of_action=field, text=f"{name}: ein Leitgedanke.", position=9)
        fields.append(field)
    district = Organisation.objects.get(ags=settings.FORUM_KREISSCHLUESSEL)
    kreistag, _new = Committee.objects.get_or_create(
        name="Kreistag", organisation=district, defaults={"kind": Committee.Kind.COUNCIL}
    )
    through: Any = Entry.fields_of_action.through
    if through.objects.exists():  # a database of an earlier run (DATABASE_URL): measure it as it is
        return {"entries referring": through.objects.count(), "fields": len(fields)}
    with transaction.atomic():
        entry_ids = list(Entry.objects.values_list("pk", flat=True))
        chosen = rng.sample(entry_ids, int(len(entry_ids) * share))
        through.objects.bulk_create(
            [through(entry_id=pk, fieldofaction_id=rng.choice(fields).pk) for pk in chosen], batch_size=5000
        )
        for number in range(70):
            undertaking = Undertaking.objects.create(
                title=f"IKZ-Vorhaben {number:03d}",
                lead=district,
                governing_organisation=district,
                visibility=rng.choice([Visibility.PUBLIC, Visibility.MEMBERS]),
            )
            undertaking.fields_of_action.add(fields[number % len(fields)])
        for number in range(350):
            paper = Paper.objects.create(
                organisation=district,
                date=date(2020 + number % 6, 1 + number % 12, 1 + number % 28),
                title=f"Vorlage {number:03d}",
                field_of_action=fields[number % len(fields)],
                visibility=rng.choice([Visibility.PUBLIC, Visibility.MEMBERS]),
            )
            Consultation.objects.create(paper=paper, committee=kreistag, date=paper.date, visibility=paper.visibility)
    return {"entries referring": len(chosen), "fields": len(fields)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--entries", type=int, default=0)
    parser.add_argument("--interests", type=int, default=0)
    parser.add_argument("--share", type=float, default=0.2)
    args = parser.parse_args()

    setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from forum.accounts.models import User
    from forum.exchange.models import Entry
    from forum.organisations.models import Role
    from forum.topics.models import Strategy

    start = time.perf_counter()
    call_command("load_topics", verbosity=0)
    call_command("load_strategy", verbosity=0)
    if args.entries:
        build_national(entries=args.entries, interests=args.interests)
    figures = build_references(args.share)
    print(
        f"{connection.vendor}: {Entry.objects.count()} entries, {figures['entries referring']} of them referring to "
        f"{figures['fields']} fields of action; data loaded in {time.perf_counter() - start:.1f} s"
    )
    url = Strategy.objects.get(is_current=True).get_absolute_url()
    coordination = User.objects.filter(email="bench-koordination@example.org").first()
    if coordination is None:
        coordination = User.objects.create_user("bench-koordination@example.org", "x", full_name="Koordination")
        Role.objects.create(user=coordination, kind=Role.Kind.COORDINATION)
    anonymous, logged_in = Client(), Client()
    logged_in.force_login(coordination)
    print(f"{'Seite':<45} {'Abfragen':>8} {'Median ms':>10} {'p95 ms':>8} {'KB':>8}")
    measure_page(anonymous, url, "Strategie (öffentlich)", repeat=args.repeat)
    measure_page(logged_in, url, "Strategie (Koordination)", repeat=args.repeat)


if __name__ == "__main__":
    main()
