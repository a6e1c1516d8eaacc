"""Load the topic vocabulary from ``data/themen.csv``."""

from __future__ import annotations

import csv
from pathlib import Path

from django.db import transaction

from .models import Topic

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
