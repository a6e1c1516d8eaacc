from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse

from .models import Invitation


@task()
def send_invitation_mail(*, invitation_id: int) -> bool:
    """Mail the invitation link; does nothing for an invitation that is no longer open."""
    invitation = Invitation.objects.select_related("user", "invited_by").filter(pk=invitation_id).first()
    if invitation is None or not invitation.is_open:
        return False
    context = {
        "invitation": invitation,
        "link": settings.FORUM_BASE_URL + reverse("accounts:accept_invitation", args=[invitation.token()]),
        "forum_title": settings.FORUM_TITLE,
    }
    subject = render_to_string("accounts/emails/invitation-subject.txt", context).strip()
    body = render_to_string("accounts/emails/invitation-body.txt", context)
    send_mail(subject, body, None, [invitation.user.email])
    return True
