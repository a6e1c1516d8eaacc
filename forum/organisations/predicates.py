"""Predicates that need organisations."""

from typing import Any

import rules

from forum.core.roles import roles_of


@rules.predicate
def is_editor_of_owner(user: Any, obj: Any) -> bool:
    """Redaktion of the organisation that owns ``obj`` (an organisation owns itself)."""
    if obj is None:
        return False
    return obj.owner_organisation_id() in roles_of(user).editor_of
