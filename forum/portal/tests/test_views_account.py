"""Mein Konto: the logged-in person's account, roles and person record."""

from datetime import date
from html.parser import HTMLParser

import pytest

from forum.organisations.models import Person, Role

pytestmark = pytest.mark.django_db

ACCOUNT = "/konto/"


class _RoleRows(HTMLParser):
    """The body rows of the roles table (inside the section labelled "rollen"), as lists of cell texts and links."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, list[str]]] = []
        self._in_section = self._in_body = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "section" and names.get("aria-labelledby") == "rollen":
            self._in_section = True
        elif self._in_section and tag == "tbody":
            self._in_body = True
        elif self._in_body and tag == "tr":
            self.rows.append({"cells": [], "links": []})
        elif self._in_body and tag in ("th", "td"):
            self._cell = []
        elif self._in_body and tag == "a":
            self.rows[-1]["links"].append(names.get("href", ""))

    def handle_endtag(self, tag):
        if tag == "section":
            self._in_section = False
        elif tag == "tbody":
            self._in_body = False
        elif tag in ("th", "td") and self._cell is not None:
            self.rows[-1]["cells"].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _role_rows(response):
    parser = _RoleRows()
    parser.feed(response.content.decode())
    return parser.rows


def test_it_requires_log_in(client):
    response = client.get(ACCOUNT)
    assert response.status_code == 302
    assert response.url == "/konto/anmelden/?next=/konto/"


def test_it_returns_to_the_account_after_log_in(client, make_user):
    make_user("anna@example.org")
    response = client.post(
        "/konto/anmelden/", {"username": "anna@example.org", "password": "geheim-passwort-123", "next": ACCOUNT}
    )
    assert response.url == ACCOUNT
    assert client.get(ACCOUNT).status_code == 200


def test_it_shows_name_and_address(client, make_user):
    client.force_login(make_user("anna@example.org", full_name="Anna Beispiel"))
    content = client.get(ACCOUNT).content.decode()
    assert "Anna Beispiel" in content
    assert "anna@example.org" in content


def test_it_shows_the_roles_with_their_organisations(client, make_user, loerrach, binzen):
    user = make_user()
    Role.objects.create(user=user, kind=Role.Kind.EDITOR, organisation=loerrach, start_date=date(2024, 3, 1))
    Role.objects.create(user=user, kind=Role.Kind.MEMBER, organisation=binzen)
    Role.objects.create(user=user, kind=Role.Kind.COORDINATION)
    client.force_login(user)

    rows = _role_rows(client.get(ACCOUNT))
    assert len(rows) == 3
    by_link = {row["links"][0]: row for row in rows if row["links"]}
    assert set(by_link) == {"/kommunen/08336050/", "/kommunen/08336008/"}
    assert by_link["/kommunen/08336050/"]["cells"][1] == "Lörrach"
    assert by_link["/kommunen/08336050/"]["cells"][2] == "01.03.2024"
    assert by_link["/kommunen/08336008/"]["cells"][1] == "Binzen"
    (instance_wide,) = [row for row in rows if not row["links"]]
    assert instance_wide["cells"][0] == str(Role.Kind.COORDINATION.label)


def test_it_shows_only_the_users_own_roles(client, make_user, user_in_role, loerrach):
    user_in_role("editor_own", loerrach)  # somebody else
    client.force_login(make_user())
    assert _role_rows(client.get(ACCOUNT)) == []


def test_it_links_the_users_person_record(client, make_user, binzen):
    user = make_user()
    person = Person.objects.create(organisation=binzen, user=user, given_name="Anna", family_name="Beispiel")
    client.force_login(user)
    content = client.get(ACCOUNT).content.decode()
    assert f'href="{person.get_absolute_url()}"' in content
    assert "Anna Beispiel" in content


def test_it_links_the_password_change(client, make_user):
    client.force_login(make_user())
    assert 'href="/konto/passwort-aendern/"' in client.get(ACCOUNT).content.decode()


@pytest.mark.parametrize(("is_staff", "shown"), [(False, False), (True, True)])
def test_it_links_the_admin_only_for_staff(client, make_user, is_staff, shown):
    client.force_login(make_user(is_staff=is_staff))
    assert ('href="/admin/"' in client.get(ACCOUNT).content.decode()) is shown


def test_it_rejects_post(client, make_user):
    client.force_login(make_user())
    assert client.post(ACCOUNT).status_code == 405


def test_it_costs_a_bounded_number_of_queries(client, make_user, loerrach, binzen, django_assert_max_num_queries):
    user = make_user()
    for organisation in (loerrach, binzen):
        Role.objects.create(user=user, kind=Role.Kind.MEMBER, organisation=organisation)
    Person.objects.create(organisation=binzen, user=user, given_name="Anna", family_name="Beispiel")
    client.force_login(user)
    # 1 session, 2 user, 3 person record with its organisation, 4 the user's current roles (navigation),
    # 5 the roles listed with their organisations
    with django_assert_max_num_queries(5):
        client.get(ACCOUNT)
