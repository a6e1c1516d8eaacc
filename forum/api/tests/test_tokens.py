"""API keys: stored as a hash, shown once, scoped, revocable; the "API-Schlüssel" page in "Mein Konto"."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.translation import gettext

from forum.api.models import ApiToken

from .conftest import TOPIC, World

pytestmark = pytest.mark.django_db

NEW_ENTRY = {"kind": "challenge", "organisation": "08336050", "title": "Neu", "description": "Text", "topics": [TOPIC]}


def test_only_a_hash_of_the_secret_is_stored(make_user: Any) -> None:
    token, secret = ApiToken.issue(user=make_user(), name="RIS", scope=ApiToken.Scope.READ)
    token.refresh_from_db()
    assert secret.startswith("dfo_") and len(secret) > 40
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert token.prefix == secret[:12]
    stored = {field.attname: getattr(token, field.attname) for field in ApiToken._meta.fields}
    assert secret not in json.dumps(stored, default=str)


@pytest.mark.parametrize(
    "header",
    ["Bearer dfo_unbekannt", "Bearer ", "Basic dXNlcjpwYXNz", "dfo_ohne_schema", "Bearer " + "x" * 5000],
)
def test_unknown_or_malformed_keys_are_refused(client: Client, world: World, header: str) -> None:
    response = client.get("/api/v1/entries", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["detail"] == gettext(
        "Authentication failed: send a valid, unrevoked API key as “Authorization: Bearer <key>”."
    )


def test_a_revoked_expired_or_deactivated_key_is_refused(client: Client, world: World, make_user: Any) -> None:
    user = make_user()
    revoked, revoked_secret = ApiToken.issue(user=user, name="a", scope="read")
    revoked.revoke()
    _expired, expired_secret = ApiToken.issue(
        user=user, name="b", scope="read", expires_at=timezone.now() - timedelta(minutes=1)
    )
    for secret in (revoked_secret, expired_secret):
        assert client.get("/api/v1/entries", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    _active, secret = ApiToken.issue(user=user, name="c", scope="read")
    assert client.get("/api/v1/entries", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    user.is_active = False
    user.save()
    assert client.get("/api/v1/entries", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_a_read_key_cannot_write(client: Client, world: World, user_in_role: Any, loerrach: Any, bearer: Any) -> None:
    headers = bearer(user_in_role("editor_own", loerrach), ApiToken.Scope.READ)
    response = client.post("/api/v1/entries", data=json.dumps(NEW_ENTRY), content_type="application/json", **headers)
    assert response.status_code == 403
    assert response.json()["detail"] == gettext("This API key may only read. Create a key for reading and writing.")
    assert client.get("/api/v1/entries", **headers).status_code == 200


def test_use_is_recorded(client: Client, world: World, make_user: Any) -> None:
    token, secret = ApiToken.issue(user=make_user(), name="RIS", scope="read")
    assert token.last_used is None
    client.get("/api/v1/entries", HTTP_AUTHORIZATION=f"Bearer {secret}")
    token.refresh_from_db()
    assert token.last_used is not None


# --- the page ---------------------------------------------------------------------------------------


def test_the_page_shows_the_new_secret_once(client: Client, make_user: Any) -> None:
    user = make_user()
    client.force_login(user)
    response = client.post("/konto/api-schluessel/", {"name": "Ratsinformationssystem", "scope": "read_write"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    match = re.search(r'id="api-schluessel-geheim">(dfo_[^<]+)<', response.content.decode())
    assert match
    secret = match.group(1)
    token = ApiToken.objects.get(user=user)
    assert token.name == "Ratsinformationssystem" and token.scope == "read_write"
    assert ApiToken.objects.get(secret_hash=hashlib.sha256(secret.encode()).hexdigest()) == token
    again = client.get("/konto/api-schluessel/").content.decode()
    assert secret not in again
    assert token.prefix in again


def test_the_form_refuses_bad_input(client: Client, make_user: Any) -> None:
    client.force_login(make_user())
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post("/konto/api-schluessel/", {"name": "", "scope": "alles", "expires_on": yesterday})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "scope", "expires_on"}
    assert 'id="fehler"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_key_with_an_end_date_expires_after_that_day(client: Client, make_user: Any) -> None:
    client.force_login(make_user())
    tomorrow = timezone.localdate() + timedelta(days=1)
    client.post("/konto/api-schluessel/", {"name": "Test", "scope": "read", "expires_on": tomorrow.isoformat()})
    token = ApiToken.objects.get()
    assert token.expires_at is not None and timezone.localtime(token.expires_at).date() == tomorrow


def test_revoking_on_the_page(client: Client, world: World, make_user: Any) -> None:
    user = make_user()
    token, secret = ApiToken.issue(user=user, name="RIS", scope="read")
    client.force_login(user)
    response = client.post(f"/konto/api-schluessel/{token.pk}/widerrufen/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert Client().get("/api/v1/entries", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    # Revoked once; a second time is refused.
    assert client.post(f"/konto/api-schluessel/{token.pk}/widerrufen/").status_code == 403


def test_nobody_else_sees_or_revokes_a_key(client: Client, make_user: Any) -> None:
    token, _secret = ApiToken.issue(user=make_user(), name="Geheimprojekt", scope="read")
    client.force_login(make_user())
    assert "Geheimprojekt" not in client.get("/konto/api-schluessel/").content.decode()
    assert client.post(f"/konto/api-schluessel/{token.pk}/widerrufen/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_my_account_links_to_the_page(client: Client, make_user: Any) -> None:
    client.force_login(make_user())
    assert 'href="/konto/api-schluessel/"' in client.get("/konto/").content.decode()
