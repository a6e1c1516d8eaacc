"""Factories of this app as fixtures (``person_factory`` …), as the style guide's examples use them."""

from typing import Any

import pytest

from . import factories


@pytest.fixture
def organisation_factory(db: Any) -> type[factories.OrganisationFactory]:
    return factories.OrganisationFactory


@pytest.fixture
def person_factory(db: Any) -> type[factories.PersonFactory]:
    return factories.PersonFactory


@pytest.fixture
def committee_factory(db: Any) -> type[factories.CommitteeFactory]:
    return factories.CommitteeFactory


@pytest.fixture
def membership_factory(db: Any) -> type[factories.MembershipFactory]:
    return factories.MembershipFactory
