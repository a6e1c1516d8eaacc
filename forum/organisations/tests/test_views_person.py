"""Person pages: detail, create, edit, delete; visibility, drafts, history, bad input, query budget."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from forum.core.models import Visibility
from forum.organisations.models import Membership, Person

from .helpers import EDITORS, LOGIN, ROLES, SAVED, element_text, log_in_as, only, outcome, section_text, title

pytestmark = pytest.mark.django_db

VALID = {
    "title": "Dr.",
    "given_name": "Greta",
    "family_name": "Neumann",
    "function": "Hauptamtsleiterin",
    "email": "greta.neumann@loerrach.example.org",
    "phone": "07621 415-100",
    "is_contact": "on",
    "visibility": Visibility.PUBLIC,
}

GET = {
    "person_list": dict.fromkeys(ROLES, 200),
    "person_detail": dict.fromkeys(ROLES, 200),
    "person_create": only(EDITORS, then=200),
    "person_edit": only(EDITORS, then=200),
    "person_delete": only(EDITORS, then=200),
}
POST = {
    "person_list": dict.fromkeys(ROLES, 405),
    "person_detail": dict.fromkeys(ROLES, 405),
    "person_create": only(EDITORS, then=SAVED),
    "person_edit": only(EDITORS, then=SAVED),
    "person_delete": only(EDITORS, then=SAVED),
}


@pytest.fixture
def person(loerrach, person_factory):
    return person_factory(organisation=loerrach, given_name="Max", family_name="Muster")


def _url(view: str, person: Person) -> str:
    if view in ("person_create", "person_list"):
        return reverse(f"organisations:{view}", args=[person.organisation.ags])
    return reverse(f"organisations:{view}", args=[person.pk])


def _effect(view: str, person: Person) -> bool:
    """Whether the POST to ``view`` changed the database."""
    if view == "person_create":
        return Person.objects.filter(email=VALID["email"]).exists()
    if view == "person_edit":
        return Person.objects.get(pk=person.pk).family_name == VALID["family_name"]
    if view == "person_delete":
        return not Person.objects.filter(pk=person.pk).exists()
    return False


@pytest.mark.parametrize(("view", "role"), [(view, role) for view in GET for role in ROLES])
def test_it_answers_get_by_role(view, role, client, user_in_role, loerrach, person):
    log_in_as(client, user_in_role, role, loerrach)
    assert outcome(client.get(_url(view, person))) == GET[view][role]


@pytest.mark.parametrize(("view", "role"), [(view, role) for view in POST for role in ROLES])
def test_it_answers_post_by_role(view, role, client, user_in_role, loerrach, person):
    log_in_as(client, user_in_role, role, loerrach)
    result = outcome(client.post(_url(view, person), VALID))
    assert result == POST[view][role]
    assert _effect(view, person) is (result == SAVED)


# Who finds a Lörrach person that is not public (404 means: not even its existence is revealed).
# A draft is for its organisation's Redaktion and the instance-wide roles; "coordination only" is just that.
HIDDEN = {
    "members": {"anonymous": 404, "no_role": 404} | dict.fromkeys(ROLES[2:], 200),
    "coordination": dict.fromkeys(ROLES, 404) | dict.fromkeys(["coordination", "operator"], 200),
    "draft": dict.fromkeys(ROLES, 404) | dict.fromkeys(["editor_own", "coordination", "operator"], 200),
}


@pytest.mark.parametrize(("state", "role"), [(state, role) for state in HIDDEN for role in ROLES])
def test_a_hidden_person_is_found_only_by_those_who_may_see_it(
    state, role, client, user_in_role, loerrach, person_factory
):
    if state == "draft":
        hidden = person_factory(organisation=loerrach, is_draft=True)
    else:
        hidden = person_factory(organisation=loerrach, visibility=state)
    log_in_as(client, user_in_role, role, loerrach)
    assert client.get(hidden.get_absolute_url()).status_code == HIDDEN[state][role]
    # The edit page first finds the person (404), then checks the permission (403).
    expected_edit = (
        LOGIN if role == "anonymous" else 404 if HIDDEN[state][role] == 404 else 200 if role in EDITORS else 403
    )
    assert outcome(client.get(reverse("organisations:person_edit", args=[hidden.pk]))) == expected_edit


def test_a_members_only_contact_is_hidden_from_the_public_and_shown_to_members(
    client, user_in_role, loerrach, person_factory
):
    internal = person_factory(organisation=loerrach, visibility=Visibility.MEMBERS)
    assert client.get(internal.get_absolute_url()).status_code == 404
    assert internal.email not in client.get(loerrach.get_absolute_url()).content.decode()

    log_in_as(client, user_in_role, "member_other", loerrach)
    response = client.get(internal.get_absolute_url())
    assert response.status_code == 200
    assert internal.email in response.content.decode()


@pytest.mark.parametrize("view", ["person_create", "person_edit", "person_delete"])
def test_an_editor_of_one_municipality_may_not_change_another_municipalitys_people(
    view, client, user_in_role, binzen, person
):
    log_in_as(client, user_in_role, "editor_own", binzen)
    assert client.get(_url(view, person)).status_code == 403
    assert client.post(_url(view, person), VALID).status_code == 403
    assert not _effect(view, person)


def test_an_editor_adds_a_contact_person_to_their_municipality(client, user_in_role, loerrach):
    log_in_as(client, user_in_role, "editor_own", loerrach)
    response = client.post(reverse("organisations:person_create", args=[loerrach.ags]), VALID)
    created = Person.objects.get(email=VALID["email"])
    assert response.status_code == 302
    assert response.url == created.get_absolute_url()
    assert created.organisation == loerrach
    assert (created.title, created.given_name, created.family_name) == ("Dr.", "Greta", "Neumann")
    assert created.is_contact and not created.is_draft and not created.is_example
    page = client.get(loerrach.get_absolute_url())
    assert created.email in section_text(page, "ansprechpersonen")


def test_the_form_cannot_move_a_person_to_another_organisation(client, user_in_role, loerrach, binzen, person):
    log_in_as(client, user_in_role, "editor_own", loerrach)
    client.post(reverse("organisations:person_edit", args=[person.pk]), {**VALID, "organisation": binzen.pk})
    person.refresh_from_db()
    assert person.organisation == loerrach


def test_deleting_a_person_removes_their_memberships_and_returns_to_the_organisation(
    client, user_in_role, loerrach, person, membership_factory, committee_factory
):
    membership = membership_factory(committee=committee_factory(organisation=loerrach), person=person)
    log_in_as(client, user_in_role, "coordination", loerrach)
    response = client.post(reverse("organisations:person_delete", args=[person.pk]))
    assert response.status_code == 302
    assert response.url == loerrach.get_absolute_url()
    assert not Person.objects.filter(pk=person.pk).exists()
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert Person.history.filter(id=person.pk, history_type="-").exists()  # the history keeps a record


@pytest.mark.parametrize(
    ("form", "data"),
    [
        ("create", {**VALID, "email": "keine-adresse"}),
        ("create", {**VALID, "family_name": ""}),
        ("edit", {**VALID, "email": "greta@"}),
        ("edit", {**VALID, "visibility": "everyone"}),
    ],
)
def test_bad_input_is_shown_on_the_form_and_nothing_is_saved(form, data, client, user_in_role, loerrach, person):
    log_in_as(client, user_in_role, "editor_own", loerrach)
    url = (
        reverse("organisations:person_create", args=[loerrach.ags])
        if form == "create"
        else reverse("organisations:person_edit", args=[person.pk])
    )
    good_title = title(client.get(url))
    people_before = list(Person.objects.values_list("pk", "given_name", "family_name", "email", "visibility"))
    history_before = Person.history.count()

    response = client.post(url, data)

    assert response.status_code == 200
    assert element_text(response, "fehler") is not None
    assert title(response) != good_title
    assert list(Person.objects.values_list("pk", "given_name", "family_name", "email", "visibility")) == people_before
    assert Person.history.count() == history_before
    # What was typed is still there to be corrected.
    assert data["phone"] in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_the_change_history_is_for_members_only(role, client, user_in_role, loerrach, person):
    log_in_as(client, user_in_role, role, loerrach)
    response = client.get(person.get_absolute_url())
    assert (element_text(response, "verlauf") is not None) is (role not in {"anonymous", "no_role"})


def test_the_change_history_lists_an_edit_with_who_and_which_field(client, user_in_role, loerrach, person):
    editor = log_in_as(client, user_in_role, "editor_own", loerrach)
    client.post(
        reverse("organisations:person_edit", args=[person.pk]), {**VALID, "email": "max.muster@neu.example.org"}
    )

    log_in_as(client, user_in_role, "member_own", loerrach)
    history = section_text(client.get(person.get_absolute_url()), "verlauf")
    with translation.override("de"):
        label = str(Person._meta.get_field("email").verbose_name)
    assert editor.full_name in history
    assert label in history
    assert person.email in history  # before
    assert "max.muster@neu.example.org" in history  # after


def test_the_person_page_shows_only_visible_committees(
    client, user_in_role, loerrach, person, committee_factory, membership_factory
):
    public = committee_factory(organisation=loerrach, name="Öffentliche Runde")
    internal = committee_factory(organisation=loerrach, name="Interne Runde", visibility=Visibility.COORDINATION)
    membership_factory(committee=public, person=person)
    membership_factory(committee=internal, person=person)
    body = client.get(person.get_absolute_url()).content.decode()
    assert public.name in body
    assert internal.name not in body

    log_in_as(client, user_in_role, "coordination", loerrach)
    assert internal.name in client.get(person.get_absolute_url()).content.decode()


def test_a_person_page_costs_the_same_for_1_or_10_memberships(
    client, user_in_role, loerrach, person, committee_factory, membership_factory, django_assert_num_queries
):
    log_in_as(client, user_in_role, "member_own", loerrach)
    membership_factory(committee=committee_factory(organisation=loerrach), person=person)
    with CaptureQueriesContext(connection) as one:
        client.get(person.get_absolute_url())
    for _ in range(9):
        membership_factory(committee=committee_factory(organisation=loerrach), person=person)
    with django_assert_num_queries(len(one)):
        response = client.get(person.get_absolute_url())
    assert len(response.context["memberships"]) == 10


def test_a_person_page_has_a_query_ceiling(client, user_in_role, loerrach, person, django_assert_max_num_queries):
    log_in_as(client, user_in_role, "member_own", loerrach)
    with django_assert_max_num_queries(6):
        # session, user, the user's roles,
        # the person (with the organisation), their memberships (with committees), the change history
        client.get(person.get_absolute_url())
