"""Fixtures of the council tests: the seed paper 005/2022 of the district, consulted in the Kreistag."""

from __future__ import annotations

from typing import Any

import pytest

from forum.core.models import Visibility
from forum.council.models import Consultation, Paper
from forum.organisations.models import Committee, Organisation
from forum.topics.models import FieldOfAction

from . import factories

SEED_TITLE = "Digitale Zusammenarbeit: Kommunales Digitalisierungsforum"


@pytest.fixture
def kreistag(district: Organisation) -> Committee:
    return Committee.objects.create(name="Kreistag", kind=Committee.Kind.COUNCIL, organisation=district)


@pytest.fixture
def ausschuss(district: Organisation) -> Committee:
    return Committee.objects.create(name="Verwaltungsausschuss", kind=Committee.Kind.COMMITTEE, organisation=district)


@pytest.fixture
def field_of_action(db: Any) -> FieldOfAction:
    """The loaded strategy's field "Digitale Verwaltung" (Zukunftsstrategie 2035)."""
    return FieldOfAction.objects.current().get(name="Digitale Verwaltung")


@pytest.fixture
def make_paper(district: Organisation) -> Any:
    """make_paper(**fields): a public Mitteilungsvorlage of the district (see factories.PaperFactory)."""

    def make(**fields: Any) -> Paper:
        return factories.PaperFactory(**fields)

    return make


@pytest.fixture
def paper(make_paper: Any, kreistag: Committee, field_of_action: FieldOfAction) -> Paper:
    """The seed paper: Mitteilungsvorlage 005/2022, public, consulted publicly in the Kreistag on 19.01.2022."""
    paper = make_paper(
        serial=5,
        title=SEED_TITLE,
        field_of_action=field_of_action,
        guiding_principle=field_of_action.guiding_principles.first(),
    )
    factories.ConsultationFactory(paper=paper, committee=kreistag)
    factories.SignatoryFactory(paper=paper)
    return paper


@pytest.fixture
def hidden_consultation(paper: Paper, ausschuss: Committee) -> Consultation:
    """A members-only (nichtöffentlich) consultation of the public seed paper."""
    return factories.ConsultationFactory(
        paper=paper, committee=ausschuss, visibility=Visibility.MEMBERS, position=1, date="2022-01-12"
    )
