"""Municipality and partner pages: list, detail, edit; sorting, htmx, pagination, history, query budgets."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from forum.core.models import Visibility
from forum.organisations import views
from forum.organisations.models import Organisation

from .helpers import EDITORS, ROLES, SAVED, element_text, log_in_as, only, outcome, section_text, title

pytestmark = pytest.mark.django_db

PARTNER_SLUG = "zweckverband-breitbandversorgung-landkreis-loerrach"


def _url(view: str, loerrach: Organisation) -> str:
    if view == "partner_detail":
        return reverse("organisations:partner_detail", args=[PARTNER_SLUG])
    if view == "organisation_detail":  # the profile page is composed by the portal
        return reverse("portal:organisation_detail", args=[loerrach.ags])
    if view == "organisation_edit":
        return reverse(f"organisations:{view}", args=[loerrach.ags])
    return reverse(f"organisations:{view}")


EVERYONE = dict.fromkeys(ROLES, 200)
NOT_ALLOWED = dict.fromkeys(ROLES, 405)

GET = {
    "organisation_list": EVERYONE,
    "organisation_detail": EVERYONE,
    "partner_list": EVERYONE,
    "partner_detail": EVERYONE,
    "organisation_edit": only(EDITORS, then=200),
}
POST = {
    "organisation_list": NOT_ALLOWED,
    "organisation_detail": NOT_ALLOWED,
    "partner_list": NOT_ALLOWED,
    "partner_detail": NOT_ALLOWED,
    "organisation_edit": only(EDITORS, then=SAVED),
}
VALID_EDIT = {
    "website": "https://www.loerrach.de/digital",
    "email": "digital@loerrach.example.org",
    "phone": "07621 415-0",
    "street": "Luisenstraße 16",
    "postal_code": "79539",
    "city": "Lörrach",
    "description": "Große Kreisstadt im Dreiländereck.",
}


def test_the_view_tables_cover_every_url_of_the_app():
    from forum.organisations.urls import urlpatterns

    from . import test_views_committee, test_views_invitation, test_views_person

    modules = [test_views_committee, test_views_invitation, test_views_person]
    get = set(GET).union(*(module.GET for module in modules))
    post = set(POST).union(*(module.POST for module in modules))
    # The municipality profile is served by the portal (it adds meetings), but tested here with its data.
    assert get == post == {pattern.name for pattern in urlpatterns} | {"organisation_detail"}


@pytest.mark.parametrize(("view", "role"), [(view, role) for view in GET for role in ROLES])
def test_it_answers_get_by_role(view, role, client, user_in_role, loerrach):
    log_in_as(client, user_in_role, role, loerrach)
    assert outcome(client.get(_url(view, loerrach))) == GET[view][role]


@pytest.mark.parametrize(("view", "role"), [(view, role) for view in POST for role in ROLES])
def test_it_answers_post_by_role(view, role, client, user_in_role, loerrach):
    log_in_as(client, user_in_role, role, loerrach)
    result = outcome(client.post(_url(view, loerrach), VALID_EDIT))
    assert result == POST[view][role]
    loerrach.refresh_from_db()
    assert (loerrach.website == VALID_EDIT["website"]) is (result == SAVED)


def test_an_editor_of_one_municipality_may_not_edit_another(client, user_in_role, loerrach, binzen):
    log_in_as(client, user_in_role, "editor_own", binzen)
    url = reverse("organisations:organisation_edit", args=[loerrach.ags])
    assert client.get(url).status_code == 403
    assert client.post(url, VALID_EDIT).status_code == 403
    loerrach.refresh_from_db()
    assert loerrach.website != VALID_EDIT["website"]
    # … while their own is theirs to edit.
    response = client.post(reverse("organisations:organisation_edit", args=[binzen.ags]), VALID_EDIT)
    assert response.status_code == 302
    assert response.url == binzen.get_absolute_url()


def test_it_answers_404_for_an_unknown_municipality(client, user_in_role, loerrach):
    log_in_as(client, user_in_role, "coordination", loerrach)
    assert client.get(reverse("portal:organisation_detail", args=["08336999"])).status_code == 404
    assert client.get(reverse("organisations:organisation_edit", args=["08336999"])).status_code == 404
    assert client.get(reverse("organisations:partner_detail", args=["gibt-es-nicht"])).status_code == 404


def test_a_partner_is_not_reachable_as_a_municipality_and_vice_versa(client, loerrach):
    assert client.get(reverse("organisations:partner_detail", args=[loerrach.slug])).status_code == 404


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 404), ("member_own", 404), ("editor_other", 404), ("editor_own", 200), ("coordination", 200)],
)
def test_a_draft_organisation_is_seen_only_by_its_editors_and_the_coordination(
    role, expected, client, user_in_role, loerrach
):
    loerrach.is_draft = True
    loerrach.save()
    log_in_as(client, user_in_role, role, loerrach)
    assert client.get(loerrach.get_absolute_url()).status_code == expected
    listed = client.get(reverse("organisations:organisation_list")).context["page_obj"].paginator.object_list
    assert (loerrach in listed) is (expected == 200)


def test_members_only_contacts_are_hidden_from_the_public(client, user_in_role, loerrach, person_factory):
    public = person_factory(organisation=loerrach, family_name="Öffentlich", email="oeffentlich@loerrach.example.org")
    internal = person_factory(
        organisation=loerrach, family_name="Intern", email="intern@loerrach.example.org", visibility=Visibility.MEMBERS
    )
    contacts = section_text(client.get(loerrach.get_absolute_url()), "ansprechpersonen")
    assert public.email in contacts and public.family_name in contacts
    assert internal.email not in contacts and internal.family_name not in contacts

    log_in_as(client, user_in_role, "member_other", loerrach)
    contacts = section_text(client.get(loerrach.get_absolute_url()), "ansprechpersonen")
    assert internal.email in contacts and internal.family_name in contacts


def test_people_who_are_not_contacts_are_not_listed_as_contacts(client, loerrach, person_factory):
    person = person_factory(organisation=loerrach, is_contact=False)
    assert person.email not in section_text(client.get(loerrach.get_absolute_url()), "ansprechpersonen")


@pytest.mark.parametrize("role", ROLES)
def test_draft_contacts_are_shown_to_own_editors_and_the_coordination_only(
    role, client, user_in_role, loerrach, person_factory
):
    draft = person_factory(organisation=loerrach, is_draft=True)
    log_in_as(client, user_in_role, role, loerrach)
    contacts = section_text(client.get(loerrach.get_absolute_url()), "ansprechpersonen")
    assert (draft.email in contacts) is (role in {"editor_own", "coordination", "operator"})


@pytest.mark.parametrize("role", ROLES)
def test_the_change_history_is_for_members_only(role, client, user_in_role, loerrach):
    log_in_as(client, user_in_role, role, loerrach)
    response = client.get(loerrach.get_absolute_url())
    assert (element_text(response, "verlauf") is not None) is (role not in {"anonymous", "no_role"})


def test_the_change_history_lists_an_edit_with_who_and_which_field(client, user_in_role, loerrach):
    editor = log_in_as(client, user_in_role, "editor_own", loerrach)
    client.post(reverse("organisations:organisation_edit", args=[loerrach.ags]), VALID_EDIT)

    reader = log_in_as(client, user_in_role, "member_other", loerrach)
    assert reader != editor
    history = section_text(client.get(loerrach.get_absolute_url()), "verlauf")
    with translation.override("de"):
        label = str(Organisation._meta.get_field("website").verbose_name)
    assert editor.full_name in history
    assert label in history
    assert VALID_EDIT["website"] in history
    latest = loerrach.history.first()
    assert latest.history_user == editor


def test_bad_input_is_shown_on_the_form_and_nothing_is_saved(client, user_in_role, loerrach):
    log_in_as(client, user_in_role, "editor_own", loerrach)
    url = reverse("organisations:organisation_edit", args=[loerrach.ags])
    good_title = title(client.get(url))
    history_before = loerrach.history.count()

    response = client.post(url, {**VALID_EDIT, "email": "keine-adresse", "website": "kein link"})

    assert response.status_code == 200
    assert element_text(response, "fehler") is not None
    assert title(response) != good_title
    assert title(response).endswith(good_title)  # a prefix: the page name stays
    assert 'aria-invalid="true"' in response.content.decode()
    loerrach.refresh_from_db()
    assert loerrach.email != "keine-adresse"
    assert loerrach.history.count() == history_before


def test_official_figures_cannot_be_changed_through_the_form(client, user_in_role, loerrach):
    log_in_as(client, user_in_role, "coordination", loerrach)
    client.post(
        reverse("organisations:organisation_edit", args=[loerrach.ags]),
        {**VALID_EDIT, "name": "Neustadt", "population": "1", "ags": "08336999"},
    )
    loerrach.refresh_from_db()
    assert (loerrach.name, loerrach.population, loerrach.ags) == ("Lörrach", 51349, "08336050")


def _row_names(response) -> list[str]:
    """Names in the first column of the table, in page order."""
    return re.findall(r'<th scope="row"[^>]*><a[^>]*>([^<]+)</a>', response.content.decode())


def test_it_lists_the_35_municipalities_by_name(client):
    response = client.get(reverse("organisations:organisation_list"))
    names = _row_names(response)
    assert len(names) == 35
    assert names[0] == "Aitern"
    assert "Landkreis Lörrach" not in names  # the district is linked, not listed


@pytest.mark.parametrize(
    ("sort", "first"),
    [
        ("name", "Aitern"),
        ("-population", "Lörrach"),
        ("population", "Böllen"),
        ("ags", "Aitern"),
        ("-name", "Zell im Wiesental"),
    ],
)
def test_it_sorts_the_municipalities(sort, first, client):
    response = client.get(reverse("organisations:organisation_list"), {"sort": sort})
    assert _row_names(response)[0] == first


def test_it_sorts_by_population_descending(client):
    response = client.get(reverse("organisations:organisation_list"), {"sort": "-population"})
    populations = [Organisation.objects.get(name=name).population for name in _row_names(response)]
    assert populations == sorted(populations, reverse=True)


def test_an_unknown_sort_key_falls_back_to_the_name(client):
    response = client.get(reverse("organisations:organisation_list"), {"sort": "password"})
    assert response.status_code == 200
    assert _row_names(response)[0] == "Aitern"


def test_an_htmx_request_gets_only_the_table(client):
    url = reverse("organisations:organisation_list")
    full = client.get(url, {"sort": "-population"})
    fragment = client.get(url, {"sort": "-population"}, headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    body = fragment.content.decode()
    assert "<html" not in body and "<title>" not in body
    assert "<table" in body
    assert 'id="kommunen-tabelle"' not in body  # htmx swaps the fragment into this element
    assert 'id="kommunen-tabelle"' in full.content.decode()
    assert _row_names(fragment) == _row_names(full)
    assert _row_names(fragment)[0] == "Lörrach"


def test_it_paginates(client, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 10)
    url = reverse("organisations:organisation_list")
    pages = [client.get(url, {"page": number, "sort": "ags"}) for number in (1, 2, 3, 4)]
    names = [_row_names(page) for page in pages]
    assert [len(page) for page in names] == [10, 10, 10, 5]
    assert len({name for page in names for name in page}) == 35
    assert 'rel="next"' in pages[0].content.decode()
    assert 'rel="prev"' not in pages[0].content.decode()
    assert 'rel="next"' not in pages[3].content.decode()
    # Out-of-range or garbage page numbers show the nearest page instead of failing.
    assert _row_names(client.get(url, {"page": 99, "sort": "ags"})) == names[3]
    assert _row_names(client.get(url, {"page": "x", "sort": "ags"})) == names[0]


def test_the_page_links_keep_the_sort_order(client, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 10)
    response = client.get(reverse("organisations:organisation_list"), {"sort": "-population"})
    assert "?sort=-population&amp;page=2" in response.content.decode()


def test_it_lists_partner_organisations_without_municipalities(client):
    names = _row_names(client.get(reverse("organisations:partner_list")))
    assert "Zweckverband Breitbandversorgung Landkreis Lörrach" in names
    assert "Lörrach" not in names
    assert "Landkreis Lörrach" not in names


@pytest.mark.parametrize("role", ["anonymous", "member_own", "coordination"])
def test_the_municipality_list_costs_the_same_for_few_or_many(
    role, client, user_in_role, loerrach, organisation_factory, django_assert_num_queries
):
    log_in_as(client, user_in_role, role, loerrach)
    url = reverse("organisations:organisation_list")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    organisation_factory.create_batch(30)
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    assert len(_row_names(response)) == 50  # one full page of 65


@pytest.mark.parametrize("role", ["anonymous", "member_own", "coordination"])
def test_the_partner_list_costs_the_same_for_few_or_many(
    role, client, user_in_role, loerrach, organisation_factory, django_assert_num_queries
):
    log_in_as(client, user_in_role, role, loerrach)
    url = reverse("organisations:partner_list")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    organisation_factory.create_batch(30, partner=True, website="https://it.example.org")
    with django_assert_num_queries(len(few)):
        client.get(url)


def test_the_municipality_list_needs_three_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        # the district (for the sentence above the table), the count for the pager, one page of rows
        client.get(reverse("organisations:organisation_list"))


def test_a_municipality_page_costs_the_same_for_1_or_10_contacts(
    client, user_in_role, loerrach, person_factory, committee_factory, django_assert_num_queries
):
    log_in_as(client, user_in_role, "member_own", loerrach)
    committee_factory(organisation=loerrach)
    person_factory(organisation=loerrach)
    with CaptureQueriesContext(connection) as one:
        client.get(loerrach.get_absolute_url())
    person_factory.create_batch(9, organisation=loerrach)
    committee_factory.create_batch(4, organisation=loerrach)
    with django_assert_num_queries(len(one)):
        response = client.get(loerrach.get_absolute_url())
    assert len(response.context["contacts"]) == 10


def test_a_municipality_page_has_a_query_ceiling(
    client, user_in_role, loerrach, person_factory, django_assert_max_num_queries
):
    log_in_as(client, user_in_role, "member_own", loerrach)
    person_factory.create_batch(10, organisation=loerrach)
    with django_assert_max_num_queries(16):
        # session, user, the user's roles, its signatures of declarations of intent (portal),
        # its cost shares: the visible cost plans and their paying participants, two queries for any number (portal),
        # the organisation (with its district), its contacts, its committees, its change history,
        # meeting participation (portal): meetings per committee, attended per committee, the committees,
        # its catalogue entries and its interest marks (portal), the undertakings it takes part in (portal),
        # whether the member follows it (the follow button of exchange)
        client.get(loerrach.get_absolute_url())
