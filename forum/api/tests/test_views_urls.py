"""Every URL of the api app (its pages) × every role → status, for GET and POST."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, reverse

from forum.api import urls
from forum.api.models import ApiToken
from forum.organisations.tests.helpers import ROLES, SAVED, log_in_as, only, outcome

pytestmark = pytest.mark.django_db

EVERYONE = dict.fromkeys(ROLES, 200)
LOGGED_IN = set(ROLES) - {"anonymous"}

GET: dict[str, dict[str, int | str]] = {
    "tokens": only(LOGGED_IN, then=200),
    "token_revoke": only(LOGGED_IN, then=405),
    "docs": EVERYONE,
    "docs_interactive": EVERYONE,
    "not_found": dict.fromkeys(ROLES, 404),
}
POST: dict[str, dict[str, int | str]] = {
    "tokens": only(LOGGED_IN, then=200),  # the form, with errors (or the new key)
    "token_revoke": only(LOGGED_IN, then=SAVED),  # their own key
    "docs": dict.fromkeys(ROLES, 405),
    "docs_interactive": dict.fromkeys(ROLES, 405),
    "not_found": dict.fromkeys(ROLES, 404),
}


def test_every_url_is_in_the_tables() -> None:
    names = {pattern.name for pattern in urls.urlpatterns if isinstance(pattern, URLPattern)}
    assert set(GET) == names
    assert set(POST) == names


def _url(name: str, user: Any) -> str:
    if name == "token_revoke":
        owner = user if user.is_authenticated else None
        if owner is None:
            return reverse("api:token_revoke", args=[1])
        token, _secret = ApiToken.issue(user=owner, name="x", scope="read")
        return reverse("api:token_revoke", args=[token.pk])
    if name == "not_found":
        return reverse("api:not_found", args=["v1/gibt-es-nicht"])
    return reverse(f"api:{name}")


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(GET))
def test_status(name: str, role: str, method: str, client: Any, user_in_role: Any, loerrach: Any) -> None:
    user = log_in_as(client, user_in_role, role, loerrach)
    response = getattr(client, method)(_url(name, user))
    expected = (GET if method == "get" else POST)[name][role]
    assert outcome(response) == expected
