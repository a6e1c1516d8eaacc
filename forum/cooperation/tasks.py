"""Background tasks of the cooperation app: the campaign's invitations and the reminders to those still open."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Q
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import formats, timezone

from .models import Campaign, Signature


def _mail_editors(signature: Signature, campaign: Campaign, template: str) -> int:
    """Mail the signature's municipality's editors who may see the campaign; returns the mails sent."""
    from .declarations import editors_of

    context: dict[str, Any] = {
        "campaign": campaign.title,
        "declaration": campaign.declaration.title,
        "organisation": signature.organisation.name,
        "due_on": formats.date_format(campaign.due_on, "SHORT_DATE_FORMAT"),
        "status": signature.get_status_display(),
        "message": campaign.message,
        "link": settings.FORUM_BASE_URL + signature.get_absolute_url(),
        "forum_title": settings.FORUM_TITLE,
    }
    subject = render_to_string(f"cooperation/emails/{template}-subject.txt", context).strip()
    body = render_to_string(f"cooperation/emails/{template}-body.txt", context)
    sent = 0
    for editor in editors_of(signature.organisation_id):
        if editor.email and campaign.is_visible_to(editor):
            EmailMessage(subject=subject, body=body, to=[editor.email]).send()
            sent += 1
    return sent


@task()
def send_campaign_invitations(*, campaign_id: int) -> int:
    """Tell each municipality's editors (Redaktion) that the campaign asks for their declaration."""
    campaign = Campaign.objects.select_related("declaration").get(pk=campaign_id)
    signatures = campaign.signatures.select_related("organisation").order_by("organisation__name")
    return sum(_mail_editors(signature, campaign, "campaign") for signature in signatures)


@task()
def send_declaration_reminders() -> int:
    """Remind the editors of every municipality still open in a running campaign; never twice the same day.

    Each signature is claimed by an atomic UPDATE of ``last_reminded_on`` before its mail goes out, so two
    runs on one day (or two workers) send nothing twice. Returns the mails sent.
    """
    today = timezone.localdate()
    sent = 0
    open_signatures = Signature.objects.filter(
        status__in=Signature.OPEN, campaign__in=Campaign.objects.running(today)
    ).filter(Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lt=today))
    for pk in list(open_signatures.values_list("pk", flat=True).order_by("pk")):
        claimed = (
            Signature.objects.filter(pk=pk)
            .filter(Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lt=today))
            .update(last_reminded_on=today)
        )
        if not claimed:
            continue
        signature = Signature.objects.select_related("organisation", "campaign__declaration").get(pk=pk)
        sent += _mail_editors(signature, signature.campaign, "reminder")
    return sent
