from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone

from forum.organisations.models import Role

from .models import Interest


@task()
def send_interest_notification(*, interest_id: int) -> int:
    """Tell the owner's editors (Redaktion) that another organisation marked their entry; returns the mails sent.

    The mail names only the entry's title and links to it, and goes only to active editors who may see
    the entry. The mark is claimed before sending, so running the task twice sends nothing twice.
    """
    claimed = Interest.objects.filter(pk=interest_id, notified_at__isnull=True).update(notified_at=timezone.now())
    if not claimed:
        return 0
    interest = Interest.objects.select_related("entry").get(pk=interest_id)
    entry = interest.entry
    editors = (
        get_user_model()
        .objects.filter(
            is_active=True,
            forum_roles__in=Role.objects.current().filter(kind=Role.Kind.EDITOR, organisation_id=entry.organisation_id),
        )
        .distinct()
        .order_by("pk")
    )
    context = {
        "title": entry.title,
        "link": settings.FORUM_BASE_URL + entry.get_absolute_url(),
        "forum_title": settings.FORUM_TITLE,
    }
    subject = render_to_string("exchange/emails/interest-subject.txt", context).strip()
    body = render_to_string("exchange/emails/interest-body.txt", context)
    sent = 0
    for editor in editors:
        if entry.is_visible_to(editor):
            EmailMessage(subject=subject, body=body, to=[editor.email]).send()
            sent += 1
    return sent
