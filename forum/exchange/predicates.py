"""Predicates about interest marks and comments."""

from typing import Any

import rules

from forum.core.roles import roles_of


@rules.predicate
def is_member_of_another_organisation(user: Any, entry: Any) -> bool:
    """Holds a role in an organisation other than the entry's owner, so can speak for that one."""
    return entry is not None and bool(roles_of(user).member_of - {entry.organisation_id})


@rules.predicate
def is_of_marking_organisation(user: Any, interest: Any) -> bool:
    return interest is not None and interest.organisation_id in roles_of(user).member_of


@rules.predicate
def entry_visible(user: Any, obj: Any) -> bool:
    """The entry that ``obj`` (an interest mark or comment) belongs to is visible to the user."""
    return obj is not None and obj.entry.is_visible_to(user)


@rules.predicate
def comment_hidden(user: Any, comment: Any) -> bool:
    return comment is not None and comment.is_hidden
