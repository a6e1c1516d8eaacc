"""National-scale data for the benchmarks: every German municipality, many entries and interest marks.

Not a test. ``build_national()`` loads all 400 Kreise from the official data in ``forum/organisations/data``
(about 10,800 municipalities), the topic vocabulary, and bulk-creates generated entries (with topics) and
interest marks. Bulk writes skip the change history on purpose: this is benchmark data, not content.
The generated mix: 80 % public, 15 % members, 5 % coordination; 3 % drafts; half challenges, half projects;
one to three topics per entry, a few topics much more common than the rest (as in real catalogues).

Usage from a bench script:  from national import build_national;  build_national(entries=200_000, interests=400_000)
Run alone it builds the data into DATABASE_URL (or a throwaway SQLite file) and prints the time it took.
"""

from __future__ import annotations

import argparse
import csv
import random
import time
from pathlib import Path

from common import setup_django

DATA = Path(__file__).resolve().parent.parent / "forum" / "organisations" / "data"

WORDS = [
    "Digitalisierung",
    "Bürgerportal",
    "Schule",
    "Straße",
    "Gebäude",
    "Verwaltung",
    "Antrag",
    "Akte",
    "Rathaus",
    "Feuerwehr",
    "Bauamt",
    "Kita",
    "Breitband",
    "Glasfaser",
    "Online",
    "Zugang",
    "Formular",
    "Software",
    "Plattform",
    "Personal",
    "Haushalt",
    "Abfall",
    "Wasser",
    "Kläranlage",
    "Friedhof",
    "Bibliothek",
    "Sitzung",
    "Gemeinderat",
    "Bürger",
    "Service",
    "Termin",
    "Terminvergabe",
    "Meldewesen",
    "Standesamt",
    "Ratsinformationssystem",
    "E-Akte",
    "Dokumentenmanagement",
    "Schnittstelle",
    "Rechnung",
    "E-Rechnung",
    "Bezahlung",
    "Geodaten",
    "Sensoren",
    "Parkraum",
    "Beleuchtung",
    "Energie",
    "Klimaschutz",
    "Mobilität",
    "Tourismus",
    "Vereine",
    "Ehrenamt",
    "Jugend",
    "Senioren",
    "Pflege",
    "Gesundheit",
    "Sicherheit",
    "Datenschutz",
    "Informationssicherheit",
    "Rechenzentrum",
    "Cloud",
    "Arbeitsplatz",
    "Tablets",
    "Schulung",
    "Kompetenz",
    "Prozess",
    "Workflow",
    "Bauantrag",
    "Gewerbe",
    "Anmeldung",
    "Hundesteuer",
    "Grundsteuer",
    "Wahlen",
    "Archiv",
]
VISIBILITY_MIX = ["public"] * 16 + ["members"] * 3 + ["coordination"]


def load_all_districts() -> int:
    """Every Kreis with its municipalities (skipped when they are there already); returns the municipality count."""
    from forum.organisations.loading import load_district
    from forum.organisations.models import Organisation

    if Organisation.objects.municipalities().count() < 10_000:
        with (DATA / "kreise_de.csv").open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                load_district(row["kreis_ags"])
    return Organisation.objects.municipalities().count()


def build_national(*, entries: int = 200_000, interests: int = 400_000, seed: int = 42) -> dict[str, float]:
    """Build the national data set (once per database) and return how long each part took, in seconds."""
    from django.core.management import call_command
    from django.db import transaction

    from forum.exchange.models import Entry, Interest
    from forum.organisations.models import Organisation
    from forum.topics.models import Topic

    timings: dict[str, float] = {}
    start = time.perf_counter()
    municipalities = load_all_districts()
    timings["municipalities"] = time.perf_counter() - start
    if not Topic.objects.exists():
        call_command("load_topics", verbosity=0)
    existing = Entry.objects.count()
    if existing >= entries:
        return timings
    rng = random.Random(seed)  # noqa: S311 - benchmark data, not secrets
    towns = list(Organisation.objects.municipalities().values_list("pk", flat=True))
    topics = list(Topic.objects.active().filter(parent__isnull=False).values_list("pk", "name"))
    # Zipf-like topic weights: the first topics are common, the long tail rare.
    weights = [1 / (rank + 1) for rank in range(len(topics))]
    phases = [phase for phase, _label in Entry.Phase.choices]

    start = time.perf_counter()
    with transaction.atomic():
        batch: list[Entry] = []
        chosen_topics: list[list[int]] = []
        for number in range(existing, entries):
            entry_topics = set(rng.choices(topics, weights=weights, k=rng.randint(1, 3)))
            is_project = number % 2 == 1
            entry = Entry(
                kind=Entry.Kind.PROJECT if is_project else Entry.Kind.CHALLENGE,
                organisation_id=rng.choice(towns),
                title=" ".join(rng.sample(WORDS, 3)) + f" {number}",
                description=" ".join(rng.choices(WORDS, k=rng.randint(20, 80))),
                phase=rng.choice(phases) if is_project else "",
                exemplary=is_project and rng.random() < 0.1,
                visibility=rng.choice(VISIBILITY_MIX),
                is_draft=rng.random() < 0.03,
                topic_names=", ".join(sorted(name for _pk, name in entry_topics)),
            )
            entry.search_document = entry.build_search_document()  # bulk_create does not call save()
            batch.append(entry)
            chosen_topics.append([pk for pk, _name in entry_topics])
            if len(batch) == 5_000 or number == entries - 1:
                Entry.objects.bulk_create(batch)
                links = [
                    Entry.topics.through(entry_id=entry.pk, topic_id=topic)
                    for entry, topic_ids in zip(batch, chosen_topics, strict=True)
                    for topic in topic_ids
                ]
                Entry.topics.through.objects.bulk_create(links, batch_size=10_000)
                batch, chosen_topics = [], []
    timings["entries"] = time.perf_counter() - start

    start = time.perf_counter()
    owners = dict(Entry.objects.values_list("pk", "organisation_id"))
    entry_ids = list(owners)
    kinds = [kind for kind, _label in Interest.Kind.choices]
    seen: set[tuple[int, int, str]] = set(Interest.objects.values_list("entry_id", "organisation_id", "kind"))
    marks: list[Interest] = []
    target = Interest.objects.count()
    with transaction.atomic():
        while target < interests:
            entry_id = rng.choice(entry_ids)
            organisation_id = rng.choice(towns)
            kind = rng.choice(kinds)
            key = (entry_id, organisation_id, kind)
            if organisation_id == owners[entry_id] or key in seen:
                continue
            seen.add(key)
            marks.append(Interest(entry_id=entry_id, organisation_id=organisation_id, kind=kind))
            target += 1
            if len(marks) == 10_000:
                Interest.objects.bulk_create(marks)
                marks = []
        Interest.objects.bulk_create(marks)
    timings["interests"] = time.perf_counter() - start
    timings["municipality_count"] = municipalities
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--interests", type=int, default=400_000)
    args = parser.parse_args()
    setup_django()
    timings = build_national(entries=args.entries, interests=args.interests)
    for name, value in timings.items():
        print(f"{name:<20} {value:>10.1f}")


if __name__ == "__main__":
    main()
