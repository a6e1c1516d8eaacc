"""Working groups of an undertaking: created with their committee, their page, and what it shows to whom."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum.cooperation.models import Undertaking, WorkingGroup
from forum.cooperation.services import save_working_group
from forum.core.models import Visibility
from forum.exchange.tests.factories import EntryFactory
from forum.meetings.tests.factories import MeetingFactory, in_days
from forum.organisations.models import Committee, Organisation
from forum.organisations.tests.factories import PersonFactory
from forum.organisations.tests.helpers import log_in_as, section_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(undertaking: Undertaking, towns: list[Organisation]) -> WorkingGroup:
    return save_working_group(
        WorkingGroup(undertaking=undertaking, name="AG Schriftgut", description="Gemeinsam *ablegen*."),
        organisations=towns[:2],
    )


def test_creating_a_working_group_creates_its_committee(client, user_in_role, loerrach, undertaking, towns):
    log_in_as(client, user_in_role, "coordination", loerrach)
    person = PersonFactory(organisation=towns[0])
    entry = EntryFactory(organisation=towns[1], title="Digitale Akte")
    response = client.post(
        reverse("cooperation:workinggroup_create", args=[undertaking.slug]),
        {
            "name": "AG Netze",
            "description": "Breitband",
            "organisations": [towns[0].pk, towns[1].pk],
            "people": [person.pk],
            "entries": [entry.pk],
            "visibility": Visibility.MEMBERS,
        },
    )
    group = WorkingGroup.objects.get(name="AG Netze")
    assert response.status_code == 302 and response["Location"] == group.get_absolute_url()
    committee = group.committee
    assert committee.kind == Committee.Kind.WORKING_GROUP
    assert committee.name == "AG Netze" and committee.organisation == undertaking.lead
    assert committee.visibility == Visibility.MEMBERS
    assert set(group.organisations.all()) == {towns[0], towns[1]}
    assert list(group.people.all()) == [person] and list(group.entries.all()) == [entry]
    page = client.get(undertaking.get_absolute_url())
    assert "AG Netze" in section_text(page, "arbeitsgruppen")


def test_a_second_group_of_the_same_name_is_refused_and_nothing_is_saved(
    client, user_in_role, loerrach, undertaking, group
):
    log_in_as(client, user_in_role, "coordination", loerrach)
    committees = Committee.objects.count()
    response = client.post(
        reverse("cooperation:workinggroup_create", args=[undertaking.slug]),
        {"name": group.name, "visibility": Visibility.PUBLIC},
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert WorkingGroup.objects.count() == 1
    assert Committee.objects.count() == committees


def test_editing_keeps_the_committee_in_step(client, user_in_role, loerrach, undertaking, group):
    log_in_as(client, user_in_role, "coordination", loerrach)
    committee = group.committee
    client.post(
        reverse("cooperation:workinggroup_edit", args=[undertaking.slug, group.pk]),
        {"name": "AG Schriftgut und Archiv", "visibility": Visibility.COORDINATION},
    )
    committee.refresh_from_db()
    assert committee.pk == WorkingGroup.objects.get(pk=group.pk).committee_id
    assert committee.name == "AG Schriftgut und Archiv" and committee.visibility == Visibility.COORDINATION
    assert not WorkingGroup.objects.get(pk=group.pk).organisations.exists()  # unticked


def test_the_page_shows_members_entries_and_meetings_one_may_see(
    client, user_in_role, loerrach, undertaking, group, towns
):
    shown = PersonFactory(organisation=towns[0], given_name="Erika", family_name="Muster")
    hidden = PersonFactory(organisation=towns[0], family_name="Geheim", visibility=Visibility.COORDINATION)
    group.people.set([shown, hidden])
    group.entries.set(
        [
            EntryFactory(organisation=towns[0], title="Offene Akte"),
            EntryFactory(organisation=towns[1], title="Interne Akte", visibility=Visibility.COORDINATION),
        ]
    )
    MeetingFactory(committee=group.committee, title="Auftakt", start=in_days(-14), end=in_days(-13))
    MeetingFactory(committee=group.committee, title="Zweites Treffen")
    MeetingFactory(committee=group.committee, title="Vertrauliches Treffen", visibility=Visibility.COORDINATION)
    page = client.get(group.get_absolute_url())
    assert page.status_code == 200
    assert towns[0].name in section_text(page, "mitglieder") and towns[2].name not in section_text(page, "mitglieder")
    people = section_text(page, "personen")
    assert "Erika Muster" in people and "Geheim" not in people
    entries = section_text(page, "eintraege")
    assert "Offene Akte" in entries and "Interne Akte" not in entries
    assert "Zweites Treffen" in section_text(page, "treffen-kommend")
    assert "Vertrauliches Treffen" not in page.content.decode()
    assert "Auftakt" in section_text(page, "treffen-vergangen")
    log_in_as(client, user_in_role, "coordination", loerrach)
    page = client.get(group.get_absolute_url())
    assert "Geheim" in section_text(page, "personen") and "Interne Akte" in section_text(page, "eintraege")
    assert "Vertrauliches Treffen" in section_text(page, "treffen-kommend")
    assert reverse("meetings:meeting_create") + f"?gremium={group.committee.pk}" in page.content.decode()


def test_a_draft_group_is_not_listed_for_others(client, user_in_role, loerrach, undertaking):
    save_working_group(WorkingGroup(undertaking=undertaking, name="AG Entwurf", is_draft=True))
    save_working_group(WorkingGroup(undertaking=undertaking, name="AG Offen"))
    groups = section_text(client.get(undertaking.get_absolute_url()), "arbeitsgruppen")
    assert "AG Offen" in groups and "AG Entwurf" not in groups
    draft = WorkingGroup.objects.get(name="AG Entwurf")
    assert client.get(draft.get_absolute_url()).status_code == 404
    log_in_as(client, user_in_role, "editor_own", loerrach)  # the lead's editors see its drafts
    assert "AG Entwurf" in section_text(client.get(undertaking.get_absolute_url()), "arbeitsgruppen")


def test_the_page_costs_the_same_for_few_or_many(
    client, user_in_role, loerrach, undertaking, group, towns, django_assert_num_queries
):
    log_in_as(client, user_in_role, "member_other", loerrach)
    group.people.set([PersonFactory(organisation=towns[0])])
    group.entries.set([EntryFactory(organisation=towns[0])])
    MeetingFactory(committee=group.committee)
    url = group.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    group.people.add(*PersonFactory.create_batch(5, organisation=towns[1]))
    group.entries.add(*EntryFactory.create_batch(5, organisation=towns[2]))
    group.organisations.add(*towns)
    for days in (3, 10, -3, -10):
        MeetingFactory(committee=group.committee, start=in_days(days), end=in_days(days + 1))
    with django_assert_num_queries(len(few)):
        client.get(url)
    undertaking_url = undertaking.get_absolute_url()
    client.get(undertaking_url)
    with CaptureQueriesContext(connection) as one:
        client.get(undertaking_url)
    for n in range(4):
        save_working_group(WorkingGroup(undertaking=undertaking, name=f"AG {n}"), organisations=towns)
    with django_assert_num_queries(len(one)):
        client.get(undertaking_url)
