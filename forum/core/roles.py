"""What a user may see and do, as one small value object.

``core`` knows nothing of organisations: the roles themselves are stored by the
``organisations`` app, which ``settings.FORUM_ROLES_RESOLVER`` names (DESIGN.md, Architecture).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

from .visibility import Visibility


@dataclass(frozen=True)
class Roles:
    """The roles a user holds now: per organisation (ids) and across the instance."""

    member_of: frozenset[int] = field(default_factory=frozenset)
    editor_of: frozenset[int] = field(default_factory=frozenset)
    coordination: bool = False
    operator: bool = False

    @property
    def sees_everything(self) -> bool:
        return self.coordination or self.operator

    @property
    def is_member(self) -> bool:
        return bool(self.member_of or self.editor_of) or self.sees_everything

    @property
    def levels(self) -> frozenset[str]:
        """Visibility levels this user may read."""
        if self.sees_everything:
            return frozenset(Visibility.values)
        if self.is_member:
            return frozenset({Visibility.PUBLIC, Visibility.MEMBERS})
        return frozenset({Visibility.PUBLIC})


ANONYMOUS = Roles()
_CACHE_ATTRIBUTE = "_forum_roles"


def roles_of(user: Any) -> Roles:
    """The user's roles, computed once per user object (i.e. once per request)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = import_string(settings.FORUM_ROLES_RESOLVER)(user)
        if user.is_superuser:
            # An active superuser passes every has_perm check; visible_to must agree.
            cached = replace(cached, operator=True)
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def forget_roles(user: Any) -> None:
    """Drop the cached roles after they changed for this user object."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)
