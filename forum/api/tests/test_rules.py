"""The permission matrix of the api app: each person manages their own API keys."""

from __future__ import annotations

from typing import Any

import pytest

from forum.api.models import ApiToken
from forum.organisations.tests.helpers import ROLES

pytestmark = pytest.mark.django_db

LOGGED_IN = set(ROLES) - {"anonymous"}


@pytest.mark.parametrize("role", ROLES)
def test_add_token(role: str, user_in_role: Any, loerrach: Any) -> None:
    user = user_in_role(role, loerrach)
    assert user.has_perm("api.add_token") == (role in LOGGED_IN)


@pytest.mark.parametrize("role", ROLES)
def test_revoke_token_of_someone_else(role: str, user_in_role: Any, loerrach: Any, make_user: Any) -> None:
    token, _secret = ApiToken.issue(user=make_user(), name="x", scope="read")
    assert not user_in_role(role, loerrach).has_perm("api.revoke_token", token)


@pytest.mark.parametrize("role", sorted(LOGGED_IN))
def test_revoke_own_token_once(role: str, user_in_role: Any, loerrach: Any) -> None:
    user = user_in_role(role, loerrach)
    token, _secret = ApiToken.issue(user=user, name="x", scope="read")
    assert user.has_perm("api.revoke_token", token)
    token.revoke()
    assert not user.has_perm("api.revoke_token", token)
    user.is_active = False
    assert not user.has_perm("api.add_token")
