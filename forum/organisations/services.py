from __future__ import annotations

from typing import Any

from django.db import transaction

from forum.accounts.models import Invitation, User
from forum.accounts.services import invite_user
from forum.core.models import Visibility

from .models import Organisation, Person, Role


@transaction.atomic
def invite_to_organisation(
    *, organisation: Organisation, email: str, full_name: str, kind: str, by: Any, note: str = ""
) -> tuple[User, Invitation | None]:
    """Give ``email`` a role in ``organisation``, inviting a new person by e-mail (after commit).

    The person gets a (members-only) person record linked to the account, unless they have one.
    """
    if kind not in Role.PER_ORGANISATION:
        raise ValueError(f"{kind} is not a role per organisation")
    user, invitation = invite_user(email=email, full_name=full_name, invited_by=by, note=note)
    Role.objects.get_or_create(user=user, kind=kind, organisation=organisation)
    if not Person.objects.filter(user=user).exists():
        given, _, family = full_name.strip().rpartition(" ")
        Person.objects.create(
            user=user,
            organisation=organisation,
            given_name=given or family,
            family_name=family if given else "",
            email=user.email,
            is_contact=False,
            visibility=Visibility.MEMBERS,
        )
    return user, invitation
