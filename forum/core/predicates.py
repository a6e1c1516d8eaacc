"""Generic predicates for django-rules; organisation-scoped ones live in ``organisations``."""

from typing import Any

import rules

from .roles import roles_of


@rules.predicate
def is_member(user: Any) -> bool:
    """Holds any role in a member organisation, or an instance-wide role."""
    return roles_of(user).is_member


@rules.predicate
def is_coordination(user: Any) -> bool:
    return roles_of(user).coordination


@rules.predicate
def is_operator(user: Any) -> bool:
    return roles_of(user).operator


@rules.predicate
def can_see(user: Any, obj: Any) -> bool:
    """Same rule as ``ContentQuerySet.visible_to`` (kept in step by the matrix tests)."""
    return obj is not None and obj.is_visible_to(user)
