"""Benchmark: list pages cost the same queries for few and many rows; prints timings.

Usage: .venv/bin/python bench/bench_lists.py [--members 5000]
Builds a throwaway SQLite database (or uses DATABASE_URL), loads the Landkreis Lörrach and adds
``--members`` committee memberships, then times list pages with Django's test client.
"""

from __future__ import annotations

import argparse

from common import measure, setup_django


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    setup_django()
    from django.db import connection

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
    measure(pages, repeat=args.repeat)


if __name__ == "__main__":
    main()
