"""Fixtures of the cooperation tests: an undertaking led by Lörrach with three participating towns, fresh media."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from forum.cooperation.models import Participation, Undertaking
from forum.cooperation.services import save_undertaking
from forum.exchange.models import Entry
from forum.exchange.tests.factories import EntryFactory
from forum.meetings.models import Meeting
from forum.meetings.tests.factories import MeetingFactory
from forum.organisations.models import Committee, Organisation
from forum.topics.models import Topic

from . import factories

CANDIDATE_TOPIC = "e-akte-dokumentenmanagement"


@pytest.fixture
def other(loerrach: Organisation) -> Organisation:
    """The municipality that the root conftest's ``*_other`` roles belong to when "own" is Lörrach."""
    return Organisation.objects.municipalities().exclude(pk=loerrach.pk).order_by("ags").first()


@pytest.fixture
def towns(loerrach: Organisation) -> list[Organisation]:
    """Three municipalities besides Lörrach, with their population figures."""
    return list(Organisation.objects.municipalities().exclude(pk=loerrach.pk).order_by("ags")[:3])


@pytest.fixture
def make_undertaking(loerrach: Organisation, district: Organisation) -> Callable[..., Undertaking]:
    """make_undertaking(participants=[...], **fields): led by Lörrach, governed by the district, saved by the service."""

    def make(participants: list[Organisation] | None = None, **fields: Any) -> Undertaking:
        fields.setdefault("lead", loerrach)
        fields.setdefault("governing_organisation", district)
        undertaking = factories.UndertakingFactory.build(**fields)
        save_undertaking(undertaking)
        for organisation in participants or []:
            Participation.objects.create(undertaking=undertaking, organisation=organisation)
        return undertaking

    return make


@pytest.fixture
def undertaking(make_undertaking: Callable[..., Undertaking], towns: list[Organisation]) -> Undertaking:
    return make_undertaking(participants=towns, title="Gemeinsame E-Akte")


@pytest.fixture
def cost_plan_factory(db: Any) -> type[factories.CostPlanFactory]:
    return factories.CostPlanFactory


@pytest.fixture
def forum_committee(district: Organisation) -> Committee:
    return Committee.objects.create(
        name="Kommunales Digitalisierungsforum", kind=Committee.Kind.FORUM, organisation=district
    )


@pytest.fixture
def forum_meeting(forum_committee: Committee) -> Meeting:
    """A public, planned forum meeting three weeks ahead."""
    return MeetingFactory(committee=forum_committee, title="Digitalisierungsforum", number=7)


@pytest.fixture
def candidate_entries(towns: list[Organisation]) -> list[Entry]:
    """Three towns each record a public challenge on the same topic: a cooperation candidate (key: the topic's slug)."""
    topic = Topic.objects.get(slug=CANDIDATE_TOPIC)
    entries = []
    for town in towns:
        entry = EntryFactory(organisation=town, title=f"E-Akte in {town.name}")
        entry.save_with_lists(topics=[topic])
        entries.append(entry)
    return entries


@pytest.fixture
def candidate_key(candidate_entries: list[Entry]) -> str:
    return CANDIDATE_TOPIC


@pytest.fixture
def entry_factory_for(db: Any) -> Callable[..., Entry]:
    """entry_factory_for(organisation, **fields): a public challenge of ``organisation``."""

    def make(organisation: Organisation, **fields: Any) -> Entry:
        return EntryFactory(organisation=organisation, **fields)

    return make


# Declarations of intent --------------------------------------------------------------------------------

IKZ_TEXT = (
    "# Willensbekundung\n\nDie Gemeinde **{kommune}** im Landkreis {landkreis}, vertreten durch "
    "{buergermeisterin_oder_buergermeister}, erklärt ihre Bereitschaft zur interkommunalen Zusammenarbeit "
    "bei der Digitalisierung der Verwaltung (Größe, Übersicht).\n\nDatum: {datum}"
)


@pytest.fixture
def declaration(db: Any) -> Any:
    from forum.cooperation.models import Declaration

    declaration = Declaration.objects.create(title="Willensbekundung IKZ Digitalisierung")
    declaration.revise(IKZ_TEXT)
    return declaration


@pytest.fixture
def campaign(declaration: Any, loerrach: Organisation) -> Any:
    """A public, running campaign of ``declaration`` to all municipalities of the district."""
    from datetime import timedelta

    from django.utils import timezone

    from forum.cooperation.declarations import start_campaign
    from forum.cooperation.models import Campaign

    return start_campaign(
        Campaign(
            declaration=declaration,
            title="Willensbekundung 2026",
            due_on=timezone.localdate() + timedelta(days=30),
        )
    )
