"""Password reset by e-mail, through a real SMTP server."""

import re

import pytest
from django.contrib.auth import SESSION_KEY

from conftest import mail_text

pytestmark = pytest.mark.django_db

RESET = "/konto/passwort-vergessen/"
DONE = "/konto/passwort-vergessen/gesendet/"
LINK = re.compile(r"http://testserver(/konto/passwort-neu/[0-9A-Za-z_\-]+/[0-9A-Za-z]+-[0-9A-Za-z]+/)")
NEW_PASSWORD = "ein-ganz-neues-kennwort-42"


def _reset_link(message):
    match = LINK.search(mail_text(message))
    assert match, mail_text(message)
    return match.group(1)


def test_it_mails_a_link_that_sets_a_new_password(client, make_user, smtp_server):
    user = make_user("anna@example.org", full_name="Anna Beispiel")

    response = client.post(RESET, {"email": "anna@example.org"})
    assert response.status_code == 302
    assert response.url == DONE

    (message,) = smtp_server.messages
    assert message["To"] == "anna@example.org"
    assert "Anna Beispiel" in mail_text(message)
    link = _reset_link(message)

    # Django swaps the token in the address for one in the session, then shows the form.
    response = client.get(link, follow=True)
    assert response.status_code == 200
    assert response.context["validlink"]
    form_url = response.redirect_chain[-1][0]

    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response.url == "/konto/passwort-neu/fertig/"
    assert client.get(response.url).status_code == 200

    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    client.logout()
    client.post("/konto/anmelden/", {"username": "anna@example.org", "password": NEW_PASSWORD})
    assert client.session.get(SESSION_KEY) == str(user.pk)


def test_it_refuses_the_old_password_afterwards(client, make_user, smtp_server):
    make_user("anna@example.org", password="altes-passwort-123")
    client.post(RESET, {"email": "anna@example.org"})
    form_url = client.get(_reset_link(smtp_server.messages[0]), follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    response = client.post("/konto/anmelden/", {"username": "anna@example.org", "password": "altes-passwort-123"})
    assert response.status_code == 200
    assert client.session.get(SESSION_KEY) is None


def test_it_finds_the_account_whatever_the_case_of_the_address(client, make_user, smtp_server):
    make_user("anna@example.org")
    client.post(RESET, {"email": "Anna@Example.ORG"})
    (message,) = smtp_server.messages
    assert message["To"] == "anna@example.org"


def test_it_works_only_once(client, make_user, smtp_server):
    make_user("anna@example.org")
    client.post(RESET, {"email": "anna@example.org"})
    link = _reset_link(smtp_server.messages[0])
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    response = client.get(link, follow=True)
    assert response.status_code == 200
    assert not response.context["validlink"]
    assert 'name="new_password1"' not in response.content.decode()


def test_it_rejects_a_forged_link(client, make_user, smtp_server):
    make_user("anna@example.org")
    client.post(RESET, {"email": "anna@example.org"})
    link = _reset_link(smtp_server.messages[0])
    forged = re.sub(r"/[0-9A-Za-z]+-([0-9A-Za-z]+)/$", r"/abc123-\1/", link)
    assert forged != link
    response = client.get(forged, follow=True)
    assert not response.context["validlink"]


def test_it_rejects_a_weak_new_password(client, make_user, smtp_server):
    user = make_user("anna@example.org")
    client.post(RESET, {"email": "anna@example.org"})
    form_url = client.get(_reset_link(smtp_server.messages[0]), follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "kurz", "new_password2": "kurz"})
    assert response.status_code == 200
    assert 'id="fehler"' in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("geheim-passwort-123")


def test_it_sends_nothing_for_an_unknown_address_but_says_the_same(client, make_user, smtp_server):
    make_user("anna@example.org")
    known = client.post(RESET, {"email": "anna@example.org"})
    unknown = client.post(RESET, {"email": "niemand@example.org"})
    assert (unknown.status_code, unknown.url) == (known.status_code, known.url) == (302, DONE)
    assert [m["To"] for m in smtp_server.messages] == ["anna@example.org"]


def test_it_sends_nothing_to_an_invited_account_that_is_not_active_yet(client, make_user, smtp_server):
    make_user("eingeladen@example.org", password=None, is_active=False)
    response = client.post(RESET, {"email": "eingeladen@example.org"})
    assert response.url == DONE
    assert smtp_server.messages == []


def test_it_asks_for_a_valid_address(client, smtp_server):
    response = client.post(RESET, {"email": "keine-adresse"})
    assert response.status_code == 200
    assert 'id="fehler"' in response.content.decode()
    assert smtp_server.messages == []


def test_it_shows_the_confirmation_page(client):
    assert client.get(DONE).status_code == 200
