"""Benchmark: undertakings and cost tables at national scale, and the candidate → agenda item action.

Usage: .venv/bin/python bench/bench_cooperation.py [--undertakings 2000] [--entries 200000 --interests 400000]
Builds a throwaway SQLite database (or uses DATABASE_URL), loads all 10,751 German municipalities (and, with
``--entries``, the national catalogue of bench/national.py), then prints:
- the cost arithmetic alone for every municipality of Germany as a participant (largest remainder, exact cents),
- the undertaking list (first and last page), an undertaking page, and cost tables with 35 and with 10,751
  participants (the last one with a scenario of two more), with their SQL queries and times,
- with ``--entries``: the coordination's "put the candidate on the agenda" form and action.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc
from decimal import Decimal

from common import measure, setup_django
from national import build_national, load_all_districts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--undertakings", type=int, default=2000)
    parser.add_argument("--entries", type=int, default=0)
    parser.add_argument("--interests", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()

    setup_django()
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import timezone

    from forum.accounts.models import User
    from forum.cooperation.costs import Payer, share_costs
    from forum.cooperation.models import CostPlan, Participation, Undertaking
    from forum.meetings.models import Meeting
    from forum.organisations.models import Committee, Organisation, Role

    start = time.perf_counter()
    if args.entries:
        build_national(entries=args.entries, interests=args.interests)
    count = load_all_districts()
    print(f"{connection.vendor}: {count} municipalities loaded in {time.perf_counter() - start:.1f} s")

    towns = list(Organisation.objects.municipalities().only("pk", "name", "ags", "population", "population_date"))
    payers = [Payer(t.pk, t.name, t.population or 1, t.population_date) for t in towns]
    tracemalloc.start()
    start = time.perf_counter()
    table = share_costs(
        Decimal("98765432.10"),
        payers,
        key="mixed",
        base_percent=Decimal("37.5"),
        population_percent=Decimal("62.5"),
        district_percent=Decimal(10),
    )
    took = (time.perf_counter() - start) * 1000
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    assert table.district_cents + sum(s.cents for s in table.shares) == table.total_cents
    print(f"cost arithmetic, {len(payers)} participants, mixed key: {took:.0f} ms, peak {peak:.1f} MB")

    district = Organisation.objects.get(ags="08336")
    loerrach_towns = list(Organisation.objects.municipalities().filter(district=district))
    with transaction.atomic():
        batch = [
            Undertaking(
                title=f"Vorhaben {n:05d}",
                slug=f"vorhaben-{n:05d}",
                governing_organisation=district,
                lead=district,
                visibility=["public", "members", "coordination"][n % 3],
            )
            for n in range(args.undertakings)
        ]
        Undertaking.objects.bulk_create(batch)
        Participation.objects.bulk_create(
            Participation(undertaking=u, organisation=t) for u in batch[:200] for t in loerrach_towns
        )
        district_wide, national = batch[0], batch[-1]
        Undertaking.objects.filter(pk__in=[district_wide.pk, national.pk]).update(visibility="public")
        CostPlan.objects.create(undertaking=district_wide, year=2026, total=Decimal("120000"), key="per_inhabitant")
        Participation.objects.bulk_create(Participation(undertaking=national, organisation=t) for t in towns)
        CostPlan.objects.create(
            undertaking=national,
            year=2026,
            total=Decimal("98765432.10"),
            key="mixed",
            base_share_percent=Decimal("37.5"),
            population_share_percent=Decimal("62.5"),
            district_share_percent=10,
        )
    extra = "extra=08336050&extra=08336008"
    Participation.objects.filter(undertaking=national, organisation__ags__in=["08336050", "08336008"]).delete()
    last = (args.undertakings // 3 + 24) // 25  # anonymous sees the public third
    pages = [
        ("/vorhaben-des-landkreises/", f"Vorhaben ({args.undertakings}), Seite 1"),
        (f"/vorhaben-des-landkreises/?page={last}", f"Vorhaben, Seite {last}"),
        (district_wide.get_absolute_url(), "Vorhaben, 35 Beteiligte"),
        (f"{district_wide.get_absolute_url()}kosten/2026/", "Kostentabelle, 35 Beteiligte"),
        (f"{national.get_absolute_url()}kosten/2026/", f"Kostentabelle, {len(towns) - 2} Beteiligte"),
        (f"{national.get_absolute_url()}kosten/2026/?{extra}", "… mit Szenario (+2)"),
        (f"{national.get_absolute_url()}kosten/2026/export/xlsx/?{extra}", "… als XLSX"),
    ]
    print(f"{connection.vendor}, {args.repeat} Wiederholungen je Seite (anonym)")
    measure(pages, repeat=args.repeat)

    if args.entries:
        from forum.overlaps.analysis import rank_candidates

        user = User.objects.create_user("bench-koordination@example.org", "x" * 20, full_name="Bench")
        Role.objects.create(user=user, kind=Role.Kind.COORDINATION)
        forum = Committee.objects.create(name="Forum", kind=Committee.Kind.FORUM, organisation=district)
        begin = timezone.now() + timezone.timedelta(days=20)
        meeting = Meeting.objects.create(
            committee=forum, title="Forum", start=begin, end=begin + timezone.timedelta(hours=2), location="Lörrach"
        )
        start = time.perf_counter()
        key = rank_candidates(user).groups[0].key
        print(f"rank candidates (coordination): {(time.perf_counter() - start) * 1000:.0f} ms; key {key}")
        client = Client()
        client.force_login(user)
        url = f"/schnittmengen/kandidaten/{key}/tagesordnung/"
        start = time.perf_counter()
        assert client.get(url).status_code == 200
        print(f"candidate → agenda form: {(time.perf_counter() - start) * 1000:.0f} ms")
        start = time.perf_counter()
        response = client.post(url, {"meeting": meeting.pk, "number": "1", "title": "Schnittmenge"})
        assert response.status_code == 302, response.status_code
        links = meeting.agenda_items.get().links.count()
        print(f"candidate → agenda item with {links} links: {(time.perf_counter() - start) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
