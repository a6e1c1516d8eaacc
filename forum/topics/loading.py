"""Load the topic vocabulary from ``data/themen.csv``."""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import transaction

from .models import FieldOfAction, GuidingPrinciple, Strategy, Topic

DATA_FILE = Path(__file__).resolve().parent / "data" / "themen.csv"


@transaction.atomic
def load_topics() -> tuple[int, int]:
    """Add topics that are new in the file; (created, already there).

    Never overwrites a topic the coordination renamed, merged or retired: the file seeds, the product maintains.
    """
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    existing = {topic.slug: topic for topic in Topic.objects.all()}
    created = 0
    for row in sorted(rows, key=lambda row: bool(row["parent_slug"])):  # fields before their sub-topics
        if row["slug"] in existing:
            continue
        topic = Topic.objects.create(
            slug=row["slug"],
            name=row["name"],
            parent=existing.get(row["parent_slug"]) if row["parent_slug"] else None,
            description=row["description"],
            source=row["source"],
        )
        existing[topic.slug] = topic
        created += 1
    return created, len(rows) - created


STRATEGY_FILE = Path(__file__).resolve().parent / "data" / "strategie_2035.csv"
STRATEGY_NAME = "Zukunftsstrategie 2035"
STRATEGY_SOURCE = "https://www.loerrach-landkreis.de/de/Politik-Ziele/Kreispolitik/Zukunftsstrategie-2035"


@transaction.atomic
def load_strategy() -> tuple[int, int]:
    """Add the district strategy's fields of action and guiding principles that are new in the file; (created, there).

    Like ``load_topics`` it seeds only: wording the coordination changed in the product is never overwritten.
    """
    with STRATEGY_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    strategy, _created = Strategy.objects.get_or_create(
        slug="zukunftsstrategie-2035",
        defaults={
            "name": STRATEGY_NAME,
            "description": (
                "„Gemeinsam Zukunft gestalten – Landkreis Lörrach 2035“: Vision, Leitsätze und Leitgedanken für "
                "sieben strategische Handlungsfelder; vom Kreistag 2021 fortgeschrieben."
            ),
            "source": STRATEGY_SOURCE,
        },
    )
    created = 0
    for position, row in enumerate(rows, start=1):
        field, _new = FieldOfAction.objects.get_or_create(
            strategy=strategy, name=row["handlungsfeld"], defaults={"position": position}
        )
        if not field.guiding_principles.filter(text=row["leitgedanke"]).exists():
            GuidingPrinciple.objects.create(
                field_of_action=field, text=row["leitgedanke"], position=position, source=row["source"]
            )
            created += 1
    return created, len(rows) - created
