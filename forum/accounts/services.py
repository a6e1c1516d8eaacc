from __future__ import annotations

from django.db import transaction

from .models import Invitation, User
from .tasks import send_invitation_mail


@transaction.atomic
def invite_user(
    *, email: str, full_name: str, invited_by: User | None, note: str = ""
) -> tuple[User, Invitation | None]:
    """The account for ``email``, created inactive if new, with an invitation mailed after commit.

    An already active account gets no invitation (None): it can log in as it is.
    """
    email = User.objects.normalize_email(email).lower()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, full_name=full_name, is_active=False)
        user.set_unusable_password()
        user.save()
    if user.is_active:
        return user, None
    invitation = Invitation.objects.create(user=user, invited_by=invited_by, note=note)
    transaction.on_commit(lambda: send_invitation_mail.enqueue(invitation_id=invitation.pk))
    return user, invitation
