"""The e-mail digest: what changed in what a person follows since their last one, sent daily or weekly.

``send_digests --frequency daily|weekly`` (run by cron or a systemd timer) enqueues ``send_digest`` for everyone due;
the task claims the period with a conditional UPDATE and sends only what the person may see now.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from forum.core.roles import roles_of

from .models import Comment, DigestSubscription, Entry, Follow, Interest

# A daily digest is due once 23 hours have passed, a weekly one after 6 days 22 hours: a timer that fires a few
# minutes early or late still sends every day (or week), and never twice in one.
DUE_AFTER = {
    DigestSubscription.Frequency.DAILY: timedelta(hours=23),
    DigestSubscription.Frequency.WEEKLY: timedelta(days=6, hours=22),
}
# Per section at most this many items in the mail; the rest are behind the links.
LIMIT = 30
# At most this many changed entries are looked at per digest (the newest); a busier period says "more".
CANDIDATES = 1_000
EXCERPT = 300


@dataclass
class Section:
    items: list[Any]
    more: bool = False


@dataclass
class Digest:
    """What one person is told about the period (``since``, ``until``]."""

    since: datetime
    until: datetime
    new_entries: Section = field(default_factory=lambda: Section([]))
    changed_entries: Section = field(default_factory=lambda: Section([]))
    interests: Section = field(default_factory=lambda: Section([]))
    comments: Section = field(default_factory=lambda: Section([]))

    @property
    def sections(self) -> list[Section]:
        return [self.new_entries, self.changed_entries, self.interests, self.comments]

    @property
    def is_empty(self) -> bool:
        return not any(section.items for section in self.sections)

    @property
    def count(self) -> int:
        return sum(len(section.items) for section in self.sections)


def _section(rows: list[Any], *, more: bool = False) -> Section:
    return Section(rows[:LIMIT], more=more or len(rows) > LIMIT)


def build_digest(user: Any, *, since: datetime, until: datetime) -> Digest:
    """The digest of (``since``, ``until``] for ``user``: new and changed entries in what they follow (directly, by
    topic, where a field covers its sub-topics, or by organisation), new interest marks and, for members, new
    comments on the entries they follow directly (their own left out; hidden comments never; drafts never).

    Every row shown comes from ``Entry.objects.visible_to(user)`` as of now, so a members-only entry, a draft or an
    entry moved to the coordination is not mentioned to whoever may not read it. The candidates are found first by
    time (indexed ``modified`` / ``entry_id``), then checked against ``visible_to`` by primary key: the cost follows
    one day's changes, not the size of the catalogue. At most 7 queries (1 if the person follows nothing).
    """
    digest = Digest(since=since, until=until)
    follows = list(Follow.objects.filter(user=user).values_list("topic_id", "organisation_id", "entry_id"))
    topic_ids = [topic for topic, _organisation, _entry in follows if topic]
    organisation_ids = [organisation for _topic, organisation, _entry in follows if organisation]
    entry_ids = [entry for _topic, _organisation, entry in follows if entry]
    if not follows:
        return digest
    # An entry created in the period was also last modified in it, so one range finds new and changed ones.
    by_topic = Entry.topics.through.objects.filter(entry_id=OuterRef("pk")).filter(
        Q(topic_id__in=topic_ids) | Q(topic__parent_id__in=topic_ids)
    )
    candidates = list(
        Entry.objects.filter(modified__gt=since, modified__lte=until)
        .filter(Q(pk__in=entry_ids) | Q(organisation_id__in=organisation_ids) | Exists(by_topic))
        .order_by("-modified", "-pk")
        .values_list("pk", flat=True)[:CANDIDATES]
    )
    entries = list(
        Entry.objects.visible_to(user)
        .filter(is_draft=False, pk__in=candidates)
        .select_related("organisation")
        .order_by("-modified", "-pk")
    )
    capped = len(candidates) == CANDIDATES
    digest.new_entries = _section([entry for entry in entries if entry.created > since], more=capped)
    digest.changed_entries = _section([entry for entry in entries if entry.created <= since], more=capped)
    if not entry_ids:
        return digest
    # Marks and comments are seen with their entry (InterestQuerySet / CommentQuerySet.visible_to): the same rule,
    # applied to the few entries followed directly.
    visible = list(Entry.objects.visible_to(user).filter(is_draft=False, pk__in=entry_ids).values_list("pk", flat=True))
    period = Q(entry_id__in=visible, created__gt=since, created__lte=until)
    digest.interests = _section(
        list(
            Interest.objects.filter(period)
            .exclude(created_by=user)
            .select_related("entry", "organisation")
            .order_by("entry__title", "entry_id", "created", "pk")[: LIMIT + 1]
        )
    )
    if visible and roles_of(user).is_member:  # the discussion is among members
        digest.comments = _section(
            list(
                Comment.objects.filter(period, hidden_reason="")
                .exclude(author=user)
                .select_related("entry", "author")
                .order_by("entry__title", "entry_id", "created", "pk")[: LIMIT + 1]
            )
        )
    return digest


def absolute(path: str) -> str:
    return settings.FORUM_BASE_URL + path


def render_digest(user: Any, digest: Digest) -> EmailMultiAlternatives:
    """The mail: plain text with an HTML alternative, German, every item linked, with a link to the settings."""
    context = {
        "user": user,
        "digest": digest,
        "base_url": settings.FORUM_BASE_URL,
        "forum_title": settings.FORUM_TITLE,
        "settings_link": absolute(reverse("exchange:following")),
        "catalogue_link": absolute(reverse("exchange:entry_list")),
        "frequency": DigestSubscription.Frequency.WEEKLY,
    }
    for comment in digest.comments.items:  # one line, shortened: the whole discussion is on the entry's page
        comment.excerpt = Truncator(" ".join(comment.text.split())).chars(EXCERPT)
    subscription = getattr(user, "digest_subscription", None)
    if subscription is not None:
        context["frequency"] = subscription.frequency
    subject = " ".join(render_to_string("exchange/emails/digest-subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("exchange/emails/digest-body.txt", context),
        to=[user.email],
        headers={"List-Unsubscribe": f"<{context['settings_link']}>"},
    )
    message.attach_alternative(render_to_string("exchange/emails/digest-body.html", context), "text/html")
    return message


def due(frequency: str, *, now: datetime) -> QuerySet[DigestSubscription]:
    """Subscriptions of ``frequency`` whose period is over, of active people who follow something."""
    return DigestSubscription.objects.filter(
        frequency=frequency,
        last_sent_at__lte=now - DUE_AFTER[DigestSubscription.Frequency(frequency)],
        user__is_active=True,
        user__in=Follow.objects.values("user_id"),
    )


def send_digest_now(user_id: int, *, now: datetime) -> bool:
    """Send the user's digest if it is due at ``now``; returns whether a mail went out.

    The period is claimed first with a conditional UPDATE of ``last_sent_at`` (only one of several workers or
    timer runs wins it), so nothing is sent twice. An empty digest sends nothing but still closes the period.
    If sending fails, the claim is given back, so the next run tries the same period again.
    """
    subscription = DigestSubscription.objects.select_related("user").filter(user_id=user_id).first()
    if subscription is None or subscription.frequency not in DUE_AFTER:
        return False
    since = subscription.last_sent_at
    claimed = (
        DigestSubscription.objects.filter(
            pk=subscription.pk,
            frequency=subscription.frequency,
            last_sent_at=since,
            last_sent_at__lte=now - DUE_AFTER[DigestSubscription.Frequency(subscription.frequency)],
        ).update(last_sent_at=now)
        == 1
    )
    if not claimed:
        return False
    user = subscription.user
    if not user.is_active or not user.email or not roles_of(user).is_member:
        return False
    digest = build_digest(user, since=since, until=now)
    if digest.is_empty:
        return False
    try:
        render_digest(user, digest).send()
    except Exception:
        DigestSubscription.objects.filter(pk=subscription.pk, last_sent_at=now).update(last_sent_at=since)
        raise
    return True


@task()
def send_digest(user_id: int) -> bool:
    """Background task: the user's digest, if due now (safe to run twice: the second run finds it not due)."""
    return send_digest_now(user_id, now=timezone.now())


def enqueue_due(frequency: str, *, now: datetime | None = None) -> int:
    """Enqueue ``send_digest`` for everyone whose ``frequency`` digest is due; returns how many."""
    now = now or timezone.now()
    user_ids = list(due(frequency, now=now).order_by("user_id").values_list("user_id", flat=True))
    for user_id in user_ids:
        send_digest.enqueue(user_id=user_id)
    return len(user_ids)
