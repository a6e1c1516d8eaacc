"""Committee pages: list, detail, create, edit, members; visibility, drafts, history, bad input, query budgets."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from forum.core.models import Visibility
from forum.organisations import views
from forum.organisations.models import Committee, Membership

from .helpers import LOGIN, ROLES, SAVED, element_text, log_in_as, only, outcome, section_text, title

pytestmark = pytest.mark.django_db

COORDINATION = {"coordination"}

GET = {
    "committee_list": dict.fromkeys(ROLES, 200),
    "committee_detail": dict.fromkeys(ROLES, 200),
    "committee_create": only(COORDINATION, then=200),
    "committee_edit": only(COORDINATION, then=200),
    "membership_add": only(COORDINATION, then=200),
    "membership_delete": {role: LOGIN if role == "anonymous" else 405 for role in ROLES},  # POST only
}
POST = {
    "committee_list": dict.fromkeys(ROLES, 405),
    "committee_detail": dict.fromkeys(ROLES, 405),
    "committee_create": only(COORDINATION, then=SAVED),
    "committee_edit": only(COORDINATION, then=SAVED),
    "membership_add": only(COORDINATION, then=SAVED),
    "membership_delete": only(COORDINATION, then=SAVED),
}


@pytest.fixture
def committee(loerrach, committee_factory):
    return committee_factory(organisation=loerrach, name="Digitalrunde Lörrach", start_date=date(2021, 1, 1))


@pytest.fixture
def membership(committee, membership_factory):
    return membership_factory(committee=committee)


@pytest.fixture
def newcomer(loerrach, person_factory):
    """A Lörrach person who is not yet a member of the committee."""
    return person_factory(organisation=loerrach, family_name="Neuzugang")


def _committee_data(loerrach, **changes):
    data = {
        "name": "Arbeitsgruppe Onlinezugang",
        "short_name": "AG OZG",
        "kind": Committee.Kind.WORKING_GROUP,
        "organisation": loerrach.pk,
        "description": "Umsetzung des OZG.",
        "start_date": "2022-03-01",
        "end_date": "2024-12-31",
        "visibility": Visibility.PUBLIC,
    }
    return data | changes


def _membership_data(person, loerrach, **changes):
    data = {
        "person": person.pk,
        "on_behalf_of": loerrach.pk,
        "role": "Vorsitz",
        "voting_right": "on",
        "start_date": "2022-01-01",
        "end_date": "",
        "visibility": Visibility.PUBLIC,
    }
    return data | changes


def _url(view, committee, membership):
    if view in ("committee_list", "committee_create"):
        return reverse(f"organisations:{view}")
    if view == "membership_delete":
        return reverse("organisations:membership_delete", args=[membership.pk])
    return reverse(f"organisations:{view}", args=[committee.pk])


def _data(view, loerrach, newcomer):
    if view == "membership_add":
        return _membership_data(newcomer, loerrach)
    return _committee_data(loerrach)


def _effect(view, committee, membership, newcomer):
    """Whether the POST to ``view`` changed the database."""
    if view == "committee_create":
        return Committee.objects.filter(name="Arbeitsgruppe Onlinezugang").exclude(pk=committee.pk).exists()
    if view == "committee_edit":
        return Committee.objects.get(pk=committee.pk).name == "Arbeitsgruppe Onlinezugang"
    if view == "membership_add":
        return Membership.objects.filter(committee=committee, person=newcomer).exists()
    if view == "membership_delete":
        return not Membership.objects.filter(pk=membership.pk).exists()
    return False


@pytest.mark.parametrize(("view", "role"), [(view, role) for view in GET for role in ROLES])
def test_it_answers_get_by_role(view, role, client, user_in_role, loerrach, committee, membership):
    log_in_as(client, user_in_role, role, loerrach)
    assert outcome(client.get(_url(view, committee, membership))) == GET[view][role]


@pytest.mark.parametrize(("view", "role"), [(view, role) for view in POST for role in ROLES])
def test_it_answers_post_by_role(view, role, client, user_in_role, loerrach, committee, membership, newcomer):
    log_in_as(client, user_in_role, role, loerrach)
    result = outcome(client.post(_url(view, committee, membership), _data(view, loerrach, newcomer)))
    assert result == POST[view][role]
    assert _effect(view, committee, membership, newcomer) is (result == SAVED)


def test_the_coordination_creates_a_committee(client, user_in_role, loerrach):
    log_in_as(client, user_in_role, "coordination", loerrach)
    response = client.post(reverse("organisations:committee_create"), _committee_data(loerrach))
    created = Committee.objects.get(name="Arbeitsgruppe Onlinezugang")
    assert response.status_code == 302
    assert response.url == created.get_absolute_url()
    assert (created.organisation, created.start_date, created.end_date) == (
        loerrach,
        date(2022, 3, 1),
        date(2024, 12, 31),
    )


def test_the_coordination_adds_and_removes_a_member(client, user_in_role, loerrach, committee, newcomer):
    log_in_as(client, user_in_role, "coordination", loerrach)
    response = client.post(
        reverse("organisations:membership_add", args=[committee.pk]), _membership_data(newcomer, loerrach)
    )
    assert response.status_code == 302
    assert response.url == committee.get_absolute_url()
    added = Membership.objects.get(committee=committee, person=newcomer)
    assert (added.role, added.on_behalf_of, added.voting_right) == ("Vorsitz", loerrach, True)
    assert newcomer.family_name in section_text(client.get(committee.get_absolute_url()), "mitglieder")

    response = client.post(reverse("organisations:membership_delete", args=[added.pk]))
    assert response.status_code == 302
    assert response.url == committee.get_absolute_url()
    assert not Membership.objects.filter(pk=added.pk).exists()


def test_an_editor_may_not_manage_committees_even_of_their_own_municipality(
    client, user_in_role, loerrach, committee, membership, newcomer
):
    log_in_as(client, user_in_role, "editor_own", loerrach)
    assert client.get(reverse("organisations:committee_edit", args=[committee.pk])).status_code == 403
    assert (
        client.post(
            reverse("organisations:membership_add", args=[committee.pk]), _membership_data(newcomer, loerrach)
        ).status_code
        == 403
    )
    assert client.post(reverse("organisations:membership_delete", args=[membership.pk])).status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.parametrize("role", ROLES)
def test_a_members_only_person_is_listed_on_the_committee_page_for_members_only(
    role, client, user_in_role, loerrach, committee, person_factory, membership_factory
):
    internal = person_factory(organisation=loerrach, family_name="Intern", visibility=Visibility.MEMBERS)
    public = person_factory(organisation=loerrach, family_name="Offen")
    membership_factory(committee=committee, person=internal)
    membership_factory(committee=committee, person=public)
    log_in_as(client, user_in_role, role, loerrach)
    members = section_text(client.get(committee.get_absolute_url()), "mitglieder")
    assert public.family_name in members
    assert (internal.family_name in members) is (role not in {"anonymous", "no_role"})


def test_hidden_and_past_memberships_are_not_listed(
    client, user_in_role, loerrach, committee, person_factory, membership_factory
):
    yesterday = timezone.localdate() - timedelta(days=1)
    ended = membership_factory(
        committee=committee,
        person=person_factory(organisation=loerrach, family_name="Ehemalig"),
        start_date=date(2020, 1, 1),
        end_date=yesterday,
    )
    hidden = membership_factory(
        committee=committee,
        person=person_factory(organisation=loerrach, family_name="Geheim"),
        visibility=Visibility.COORDINATION,
    )
    log_in_as(client, user_in_role, "member_own", loerrach)
    members = section_text(client.get(committee.get_absolute_url()), "mitglieder")
    assert ended.person.family_name not in members
    assert hidden.person.family_name not in members


# Who finds a Lörrach committee that is not public.
HIDDEN = {
    "members": {"anonymous": 404, "no_role": 404} | dict.fromkeys(ROLES[2:], 200),
    "coordination": dict.fromkeys(ROLES, 404) | dict.fromkeys(["coordination", "operator"], 200),
    "draft": dict.fromkeys(ROLES, 404) | dict.fromkeys(["editor_own", "coordination", "operator"], 200),
}


@pytest.mark.parametrize(("state", "role"), [(state, role) for state in HIDDEN for role in ROLES])
def test_a_hidden_committee_is_found_only_by_those_who_may_see_it(
    state, role, client, user_in_role, loerrach, committee_factory
):
    if state == "draft":
        hidden = committee_factory(organisation=loerrach, is_draft=True)
    else:
        hidden = committee_factory(organisation=loerrach, visibility=state)
    log_in_as(client, user_in_role, role, loerrach)
    expected = HIDDEN[state][role]
    assert client.get(hidden.get_absolute_url()).status_code == expected
    listed = client.get(reverse("organisations:committee_list")).content.decode()
    assert (hidden.name in listed) is (expected == 200)
    on_town_page = client.get(loerrach.get_absolute_url()).content.decode()
    assert (hidden.name in on_town_page) is (expected == 200)


@pytest.mark.parametrize(
    ("view", "data"),
    [
        ("create", {"start_date": "2024-06-01", "end_date": "2024-05-31"}),
        ("edit", {"start_date": "2024-06-01", "end_date": "2024-05-31"}),
        ("edit", {"name": ""}),
        ("create", {"start_date": "31.02.2024"}),
    ],
)
def test_bad_committee_input_is_shown_on_the_form_and_nothing_is_saved(
    view, data, client, user_in_role, loerrach, committee
):
    log_in_as(client, user_in_role, "coordination", loerrach)
    url = (
        reverse("organisations:committee_create")
        if view == "create"
        else reverse("organisations:committee_edit", args=[committee.pk])
    )
    good_title = title(client.get(url))
    before = list(Committee.objects.values_list("pk", "name", "start_date", "end_date"))

    response = client.post(url, _committee_data(loerrach, **data))

    assert response.status_code == 200
    assert element_text(response, "fehler") is not None
    assert title(response) != good_title
    assert list(Committee.objects.values_list("pk", "name", "start_date", "end_date")) == before
    assert "Umsetzung des OZG." in response.content.decode()  # nothing typed is lost


def test_a_membership_ending_before_it_starts_is_refused(client, user_in_role, loerrach, committee, newcomer):
    log_in_as(client, user_in_role, "coordination", loerrach)
    url = reverse("organisations:membership_add", args=[committee.pk])
    response = client.post(url, _membership_data(newcomer, loerrach, start_date="2024-06-01", end_date="2024-01-01"))
    assert response.status_code == 200
    assert element_text(response, "fehler") is not None
    assert not Membership.objects.filter(person=newcomer).exists()


@pytest.mark.parametrize("role", ROLES)
def test_the_change_history_is_for_members_only(role, client, user_in_role, loerrach, committee):
    log_in_as(client, user_in_role, role, loerrach)
    response = client.get(committee.get_absolute_url())
    assert (element_text(response, "verlauf") is not None) is (role not in {"anonymous", "no_role"})


def test_the_change_history_lists_an_edit_with_who_and_which_field(client, user_in_role, loerrach, committee):
    coordinator = log_in_as(client, user_in_role, "coordination", loerrach)
    client.post(
        reverse("organisations:committee_edit", args=[committee.pk]),
        _committee_data(loerrach, name=committee.name, end_date="2030-06-30"),
    )
    log_in_as(client, user_in_role, "member_other", loerrach)
    history = section_text(client.get(committee.get_absolute_url()), "verlauf")
    with translation.override("de"):
        label = str(Committee._meta.get_field("end_date").verbose_name)
    assert coordinator.full_name in history
    assert label in history
    assert "2030" in history  # the new end date (its format: see the next test)


def test_the_change_history_shows_dates_in_the_german_short_format(client, user_in_role, loerrach, committee):
    log_in_as(client, user_in_role, "coordination", loerrach)
    client.post(
        reverse("organisations:committee_edit", args=[committee.pk]),
        _committee_data(loerrach, name=committee.name, end_date="2030-06-30"),
    )
    history = section_text(client.get(committee.get_absolute_url()), "verlauf")
    assert "30.06.2030" in history
    assert "2030-06-30" not in history


def _member_names(response) -> list[str]:
    return re.findall(r'<th scope="row"[^>]*><a[^>]*>([^<]+)</a>', response.content.decode())


def test_the_member_list_is_paginated(client, committee, membership_factory, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 10)
    membership_factory.create_batch(25, committee=committee)
    pages = [_member_names(client.get(committee.get_absolute_url(), {"page": n})) for n in (1, 2, 3)]
    assert [len(page) for page in pages] == [10, 10, 5]
    assert len({name for page in pages for name in page}) == 25


def test_the_committee_list_is_paginated(client, loerrach, committee_factory, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 10)
    committee_factory.create_batch(15, organisation=loerrach)
    first, second = (client.get(reverse("organisations:committee_list"), {"page": n}) for n in (1, 2))
    assert len(_member_names(first)) == 10
    assert 'rel="next"' in first.content.decode()
    assert len(_member_names(second)) == Committee.objects.visible_to(None).count() - 10


@pytest.mark.parametrize("role", ["anonymous", "member_own", "coordination"])
def test_the_committee_list_costs_the_same_for_3_or_30(
    role, client, user_in_role, loerrach, binzen, committee_factory, django_assert_num_queries
):
    log_in_as(client, user_in_role, role, loerrach)
    committee_factory.create_batch(3, organisation=loerrach)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("organisations:committee_list"))
    committee_factory.create_batch(27, organisation=binzen)
    with django_assert_num_queries(len(few)):
        client.get(reverse("organisations:committee_list"))


@pytest.mark.parametrize("role", ["anonymous", "member_own", "coordination"])
def test_a_committee_page_costs_the_same_for_3_or_30_members(
    role,
    client,
    user_in_role,
    loerrach,
    binzen,
    committee,
    membership_factory,
    person_factory,
    django_assert_num_queries,
):
    log_in_as(client, user_in_role, role, loerrach)
    membership_factory.create_batch(3, committee=committee)
    with CaptureQueriesContext(connection) as few:
        client.get(committee.get_absolute_url())
    for _ in range(27):  # people of another municipality, on behalf of it
        membership_factory(committee=committee, person=person_factory(organisation=binzen))
    with django_assert_num_queries(len(few)):
        response = client.get(committee.get_absolute_url())
    assert len(_member_names(response)) == 30


def test_a_committee_page_has_a_query_ceiling(
    client, user_in_role, loerrach, committee, membership_factory, django_assert_max_num_queries
):
    log_in_as(client, user_in_role, "member_own", loerrach)
    membership_factory.create_batch(10, committee=committee)
    with django_assert_max_num_queries(9):
        # session, user, the user's roles, the committee (with its organisation),
        # the count and the page of memberships (with people and organisations),
        # the user's and the groups' model permissions (ModelBackend, asked after rules says no; once per request),
        # the change history
        client.get(committee.get_absolute_url())
