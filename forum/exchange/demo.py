"""Beispieldaten for the catalogue: real challenges and projects from ``data/beispiel_eintraege.csv``.

Each row names its public source (see ``data/SOURCES.md``). The interest marks and the comment added on top are
invented for the example; everything is marked as example data.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.db.models import Q

from forum.organisations.models import Organisation, Role
from forum.topics.models import Topic

from .following import create_demo_follows
from .models import Comment, Entry, Interest, Product, Vendor

DATA_FILE = Path(__file__).resolve().parent / "data" / "beispiel_eintraege.csv"

_KINDS = {"Vorhaben": Entry.Kind.PROJECT, "Herausforderung": Entry.Kind.CHALLENGE}
_PHASES = {
    "Idee": Entry.Phase.IDEA,
    "Planung": Entry.Phase.PLANNING,
    "Umsetzung": Entry.Phase.IMPLEMENTATION,
    "Betrieb": Entry.Phase.OPERATION,
    "abgeschlossen": Entry.Phase.COMPLETED,
}
_INTEREST_MARKS = 4  # interest marks between municipalities, on entries that share a topic
_INTEREST_KINDS = [Interest.Kind.EXPERIENCE, Interest.Kind.CONCERNS_US, Interest.Kind.JOIN]
_INTEREST_NOTES = {
    Interest.Kind.EXPERIENCE: "Wir arbeiten am selben Thema und teilen gern unsere Erfahrungen.",
    Interest.Kind.CONCERNS_US: "Das beschäftigt uns auch.",
    Interest.Kind.JOIN: "",
}
_COMMENT = "Wie haben Sie die Beschäftigten auf die Umstellung vorbereitet? Wir stehen vor derselben Frage."


@dataclass(frozen=True)
class DemoResult:
    created: int  # entries created now
    existing: int  # entries that were there already
    skipped: int  # rows outside the loaded district


def _names(value: str) -> list[str]:
    return [name.strip() for name in value.split(";") if name.strip()]


def _topics(value: str, known: dict[str, Topic]) -> list[Topic]:
    """The rows' topic slugs as topics (a merged topic counts as the one it was merged into); unknown ones skipped."""
    topics: list[Topic] = []
    for slug in _names(value):
        topic = known.get(slug)
        if topic is not None:
            topic = topic.resolve()
            if topic not in topics:
                topics.append(topic)
    return topics


@transaction.atomic
def create_demo(kreisschluessel: str) -> DemoResult:
    """Create the example entries of the district once, plus a few interest marks and a comment.

    Running it again changes nothing.
    """
    organisations = {o.ags: o for o in Organisation.objects.of_district(kreisschluessel).filter(ags__isnull=False)}
    known_topics = {topic.slug: topic for topic in Topic.objects.select_related("merged_into")}
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    created = existing = skipped = 0
    for row in rows:
        organisation = organisations.get(row["ags"].strip())
        if organisation is None:
            skipped += 1
            continue
        title = row["title"].strip()
        if Entry.objects.filter(organisation=organisation, title=title, is_example=True).exists():
            existing += 1
            continue
        kind = _KINDS[row["kind"].strip()]
        entry = Entry(
            kind=kind,
            organisation=organisation,
            title=title,
            description=row["summary"].strip(),
            phase=_PHASES[row["phase"].strip()] if kind == Entry.Kind.PROJECT else "",
            exemplary=kind == Entry.Kind.PROJECT and row["exemplary"].strip() == "ja",
            year=int(row["year"]) if row["year"].strip() else None,
            source=row["source"].strip(),
            is_example=True,
        )
        entry.full_clean()
        entry.save_with_lists(
            topics=_topics(row["topics"], known_topics),
            products=Product.for_names(_names(row["products"])),
            vendors=Vendor.for_names(_names(row["vendors"])),
        )
        created += 1
    _create_interest_marks(kreisschluessel)
    _create_comment(kreisschluessel)
    create_demo_follows(kreisschluessel)
    return DemoResult(created=created, existing=existing, skipped=skipped)


def _municipal_examples(kreisschluessel: str) -> list[Entry]:
    return list(
        Entry.objects.filter(
            is_example=True,
            organisation__kind__in=Organisation.MUNICIPAL_KINDS,
            organisation__district__ags=kreisschluessel,
        )
        .prefetch_related("topics")
        .order_by("organisation__ags", "title")
    )


def _create_interest_marks(kreisschluessel: str) -> None:
    """One municipality marks an entry of another that shares a topic with one of its own (same pairs every time)."""
    if Interest.objects.filter(is_example=True, entry__organisation__district__ags=kreisschluessel).exists():
        return
    entries = _municipal_examples(kreisschluessel)
    made = 0
    used: set[int] = set()
    for entry in entries:
        topics = set(entry.topics.all())
        partner = next(
            (
                other
                for other in entries
                if other.organisation_id != entry.organisation_id
                and other.organisation_id not in used
                and topics & set(other.topics.all())
            ),
            None,
        )
        if partner is None:
            continue
        kind = _INTEREST_KINDS[made % len(_INTEREST_KINDS)]
        Interest.objects.get_or_create(
            entry=entry,
            organisation=partner.organisation,
            kind=kind,
            defaults={"note": _INTEREST_NOTES[kind], "is_example": True},
        )
        used.add(partner.organisation_id)
        made += 1
        if made == _INTEREST_MARKS:
            return


def _create_comment(kreisschluessel: str) -> None:
    """A question on the first marked example entry, by an account of another municipality (if there is one)."""
    if Comment.objects.filter(is_example=True, entry__organisation__district__ags=kreisschluessel).exists():
        return
    interest = (
        Interest.objects.filter(is_example=True, entry__organisation__district__ags=kreisschluessel)
        .select_related("entry")
        .order_by("pk")
        .first()
    )
    if interest is None:
        return
    role = (
        Role.objects.current()
        .filter(
            Q(kind=Role.Kind.MEMBER) | Q(kind=Role.Kind.EDITOR),
            organisation__district__ags=kreisschluessel,
            user__is_active=True,
        )
        .exclude(organisation=interest.entry.organisation_id)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if role is not None:
        Comment.objects.create(entry=interest.entry, author=role.user, text=_COMMENT, is_example=True)
