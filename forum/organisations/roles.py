"""The roles resolver that ``core.roles.roles_of`` calls (settings.FORUM_ROLES_RESOLVER)."""

from typing import Any

from forum.core.roles import Roles

from .models import Role


def roles_for_user(user: Any) -> Roles:
    """One query: the user's current roles."""
    member_of: set[int] = set()
    editor_of: set[int] = set()
    coordination = operator = False
    for kind, organisation_id in Role.objects.current().filter(user=user).values_list("kind", "organisation_id"):
        if kind == Role.Kind.MEMBER:
            member_of.add(organisation_id)
        elif kind == Role.Kind.EDITOR:
            editor_of.add(organisation_id)
            member_of.add(organisation_id)
        elif kind == Role.Kind.COORDINATION:
            coordination = True
        elif kind == Role.Kind.OPERATOR:
            operator = True
    return Roles(
        member_of=frozenset(member_of), editor_of=frozenset(editor_of), coordination=coordination, operator=operator
    )
