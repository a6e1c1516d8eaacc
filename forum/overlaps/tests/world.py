"""A small overlap world for the tests: four municipalities share topics; some entries are hidden from some."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from forum.core.models import Visibility
from forum.exchange.models import Entry, Interest
from forum.exchange.tests.factories import EntryFactory, InterestFactory
from forum.organisations.models import Organisation
from forum.topics.models import Topic

AKTE = "e-akte-dokumentenmanagement"
RATS = "gremienarbeit-ratsinformation"
SECRET = "breitband-glasfaser"  # only on hidden entries


@dataclass
class World:
    towns: list[Organisation]  # Lörrach first, then three more of the district (the "other" municipality second)
    topics: dict[str, Topic]
    entries: dict[str, Entry]
    marks: list[Interest]

    @property
    def key(self) -> str:
        return f"{AKTE}+{RATS}"


def entry(organisation: Organisation, title: str, *topics: Topic, **fields: Any) -> Entry:
    made: Entry = EntryFactory(organisation=organisation, title=title, **fields)  # type: ignore[assignment]
    made.topics.set(topics)
    return made


def build(loerrach: Organisation) -> World:
    """Lörrach, B, C: E-Akte and Ratsinformation each (B via an interest mark); D: E-Akte only.

    Hidden: a members-only, a coordination-only and a draft entry of D and B on the topic SECRET, each marked
    by C and Lörrach, so SECRET has three organisations only for those who see them.
    """
    others = list(Organisation.objects.municipalities().exclude(pk=loerrach.pk).order_by("ags")[:3])
    towns = [loerrach, *others]
    a, b, c, d = towns
    topics = {topic.slug: topic for topic in Topic.objects.filter(slug__in=[AKTE, RATS, SECRET])}
    akte, rats, secret = topics[AKTE], topics[RATS], topics[SECRET]
    entries = {
        "a_akte": entry(a, "Digitale Bauakte Lörrach", akte),
        "a_rats": entry(a, "Ratsinformationssystem Lörrach", rats, project=True),
        "b_akte": entry(b, "E-Akte im Rathaus B", akte),
        "c_both": entry(c, "E-Akte und Gremien C", akte, rats),
        "d_akte": entry(d, "Aktenplan D", akte),
        "members": entry(d, "Glasfaser intern", secret, visibility=Visibility.MEMBERS),
        "coordination": entry(b, "Glasfaser vertraulich", secret, visibility=Visibility.COORDINATION),
        "draft": entry(d, "Glasfaser Entwurf", secret, is_draft=True),
    }
    marks: list[Any] = [
        InterestFactory(entry=entries["a_rats"], organisation=b),  # B is involved in RATS by its mark
        InterestFactory(entry=entries["members"], organisation=c),
        InterestFactory(entry=entries["coordination"], organisation=a),
        InterestFactory(entry=entries["draft"], organisation=a, kind=Interest.Kind.JOIN),
    ]
    return World(towns, topics, entries, marks)
