"""Permissions of the api app (matrix in tests/test_rules.py): a person manages their own API keys."""

from typing import Any

import rules


@rules.predicate
def owns_token(user: Any, token: Any) -> bool:
    return token is not None and token.user_id == getattr(user, "pk", None)


@rules.predicate
def token_active(user: Any, token: Any) -> bool:
    return token is not None and token.revoked_at is None


rules.add_perm("api.add_token", rules.is_authenticated & rules.is_active)
rules.add_perm("api.revoke_token", rules.is_active & owns_token & token_active)
