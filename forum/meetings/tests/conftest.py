"""Fixtures of the meetings tests: the district's forum, factories, a fresh MEDIA_ROOT per test."""

from __future__ import annotations

from typing import Any

import pytest

from forum.organisations.models import Committee, Organisation
from forum.organisations.tests import factories as organisation_factories

from . import factories


@pytest.fixture
def forum_committee(district: Organisation) -> Committee:
    """The district's public forum: the committee every meeting here belongs to ("own" = the district)."""
    return Committee.objects.create(
        name="Kommunales Digitalisierungsforum", kind=Committee.Kind.FORUM, organisation=district
    )


@pytest.fixture
def person_factory(db: Any) -> type[organisation_factories.PersonFactory]:
    return organisation_factories.PersonFactory


@pytest.fixture
def committee_factory(db: Any) -> type[organisation_factories.CommitteeFactory]:
    return organisation_factories.CommitteeFactory


@pytest.fixture
def membership_factory(db: Any) -> type[organisation_factories.MembershipFactory]:
    return organisation_factories.MembershipFactory


@pytest.fixture
def meeting_factory(db: Any, forum_committee: Committee) -> Any:
    """meeting_factory(**fields): a meeting of the forum unless ``committee`` is given."""

    class ForumMeetingFactory(factories.MeetingFactory):
        committee = forum_committee

    return ForumMeetingFactory


@pytest.fixture
def agenda_item_factory(db: Any) -> type[factories.AgendaItemFactory]:
    return factories.AgendaItemFactory


@pytest.fixture
def attendance_factory(db: Any) -> type[factories.AttendanceFactory]:
    return factories.AttendanceFactory


@pytest.fixture
def minutes_factory(db: Any) -> type[factories.MinutesFactory]:
    return factories.MinutesFactory


@pytest.fixture
def action_item_factory(db: Any) -> type[factories.ActionItemFactory]:
    return factories.ActionItemFactory


@pytest.fixture
def event_factory(db: Any, district: Organisation) -> Any:
    class DistrictEventFactory(factories.EventFactory):
        organiser = district

    return DistrictEventFactory


@pytest.fixture
def track_factory(db: Any) -> type[factories.TrackFactory]:
    return factories.TrackFactory


@pytest.fixture
def registration_factory(db: Any) -> type[factories.RegistrationFactory]:
    return factories.RegistrationFactory
