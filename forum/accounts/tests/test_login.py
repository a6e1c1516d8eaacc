"""Log-in with the e-mail address, and log-out."""

import pytest
from django.contrib.auth import SESSION_KEY

pytestmark = pytest.mark.django_db

LOGIN = "/konto/anmelden/"
LOGOUT = "/konto/abmelden/"
PASSWORD = "geheim-passwort-123"


def _logged_in_as(client):
    return client.session.get(SESSION_KEY)


def test_it_shows_the_login_form(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="username"' in content
    assert 'autocomplete="email"' in content
    assert 'name="password"' in content


def test_it_logs_in_with_the_email_address(client, make_user):
    user = make_user("anna@example.org")
    response = client.post(LOGIN, {"username": "anna@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == "/konto/"
    assert _logged_in_as(client) == str(user.pk)


def test_it_normalises_the_address_when_the_account_is_created(client, make_user):
    user = make_user("Anna.Beispiel@Example.ORG")
    assert user.email == "anna.beispiel@example.org"
    client.post(LOGIN, {"username": "anna.beispiel@example.org", "password": PASSWORD})
    assert _logged_in_as(client) == str(user.pk)


def test_it_logs_in_whatever_the_case_of_the_address(client, make_user):
    user = make_user("anna@example.org")
    client.post(LOGIN, {"username": "Anna@Example.org", "password": PASSWORD})
    assert _logged_in_as(client) == str(user.pk)


def test_it_follows_a_local_next_address(client, make_user):
    make_user("anna@example.org")
    response = client.post(LOGIN, {"username": "anna@example.org", "password": PASSWORD, "next": "/kommunen/"})
    assert response.url == "/kommunen/"


def test_it_ignores_a_foreign_next_address(client, make_user):
    make_user("anna@example.org")
    response = client.post(
        LOGIN, {"username": "anna@example.org", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert response.url == "/konto/"


def test_it_rerenders_with_an_error_summary_for_a_wrong_password(client, make_user):
    make_user("anna@example.org")
    response = client.post(LOGIN, {"username": "anna@example.org", "password": "falsch-falsch"})
    assert response.status_code == 200
    assert 'id="fehler"' in response.content.decode()
    assert _logged_in_as(client) is None


def test_it_gives_the_same_answer_for_an_unknown_address(client, make_user):
    make_user("anna@example.org")
    wrong_password = client.post(LOGIN, {"username": "anna@example.org", "password": "falsch-falsch"})
    unknown = client.post(LOGIN, {"username": "niemand@example.org", "password": "falsch-falsch"})
    assert unknown.status_code == 200
    assert 'id="fehler"' in unknown.content.decode()
    assert unknown.context["form"].non_field_errors() == wrong_password.context["form"].non_field_errors()


def test_it_keeps_the_address_after_a_failed_attempt(client, make_user):
    make_user("anna@example.org")
    response = client.post(LOGIN, {"username": "anna@example.org", "password": "falsch-falsch"})
    assert 'value="anna@example.org"' in response.content.decode()


def test_it_requires_both_fields(client):
    response = client.post(LOGIN, {"username": "", "password": ""})
    assert response.status_code == 200
    assert 'id="fehler"' in response.content.decode()
    assert set(response.context["form"].errors) == {"username", "password"}


def test_it_refuses_an_inactive_account(client, make_user):
    make_user("anna@example.org", is_active=False)
    response = client.post(LOGIN, {"username": "anna@example.org", "password": PASSWORD})
    assert response.status_code == 200
    assert _logged_in_as(client) is None


def test_it_sends_a_logged_in_user_on_to_the_account(client, make_user):
    client.force_login(make_user())
    response = client.get(LOGIN)
    assert response.status_code == 302
    assert response.url == "/konto/"


def test_it_rejects_csrf_less_logins(make_user):
    from django.test import Client

    make_user("anna@example.org")
    response = Client(enforce_csrf_checks=True).post(LOGIN, {"username": "anna@example.org", "password": PASSWORD})
    assert response.status_code == 403


def test_it_logs_out_with_post(client, make_user):
    client.force_login(make_user())
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert response.url == "/"
    assert _logged_in_as(client) is None


def test_it_does_not_log_out_with_get(client, make_user):
    user = make_user()
    client.force_login(user)
    response = client.get(LOGOUT)
    assert response.status_code == 405
    assert _logged_in_as(client) == str(user.pk)


def test_it_offers_log_out_as_a_form_on_every_page(client, make_user):
    client.force_login(make_user())
    content = client.get("/").content.decode()
    assert f'<form method="post" action="{LOGOUT}"' in content
