"""Following topics, organisations and entries, and the person's digest setting (what digests.py reports on).

Services, the permission predicate and the small form of the feature; views in views.py, rules in rules.py.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import rules
from django import forms
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.core.forms import Form
from forum.core.roles import roles_of
from forum.organisations.demo import demo_accounts
from forum.organisations.models import Organisation

from .models import DigestSubscription, Entry, Follow


@rules.predicate
def target_visible(user: Any, target: Any) -> bool:
    """The topic, organisation or entry may be seen (topics are public; the others follow ``visible_to``)."""
    if target is None:
        return False
    is_visible_to = getattr(target, "is_visible_to", None)
    return is_visible_to is None or bool(is_visible_to(user))


@rules.predicate
def is_own_follow(user: Any, follow: Any) -> bool:
    return follow is not None and user.is_authenticated and follow.user_id == user.pk


def target_field(target: Any) -> str:
    """The name of the ``Follow`` field that holds ``target`` ("topic", "organisation" or "entry")."""
    for name in Follow.TARGETS:
        if isinstance(target, Follow._meta.get_field(name).related_model):  # type: ignore[arg-type]
            return name
    raise TypeError(f"cannot follow {type(target).__name__}")


def follow_of(user: Any, target: Any) -> Follow | None:
    """The user's follow of ``target``, if any (one query; none for anonymous users)."""
    return Follow.objects.of(user).filter(**{target_field(target): target}).first()


def subscription_of(user: Any, *, now: datetime | None = None) -> DigestSubscription:
    """The user's digest setting, created (weekly, counting from ``now``) on first use."""
    subscription, _created = DigestSubscription.objects.get_or_create(
        user=user, defaults={"last_sent_at": now or timezone.now()}
    )
    return subscription


def subscription_if_any(user: Any) -> DigestSubscription | None:
    return DigestSubscription.objects.filter(user_id=user.pk).first() if user.is_authenticated else None


@transaction.atomic
def follow(user: Any, target: Any, *, now: datetime | None = None) -> tuple[Follow, bool]:
    """Follow ``target``; returns the follow and whether it is new. Idempotent, also for two clicks at once.

    The first follow also creates the digest setting, so the first digest covers what happened from now on.
    """
    if not roles_of(user).is_member:
        raise PermissionError("only members follow")
    subscription_of(user, now=now)
    field = target_field(target)
    try:
        with transaction.atomic():
            return Follow.objects.get_or_create(user=user, **{field: target})
    except IntegrityError:  # the same follow saved a moment ago (double click): the unique constraint kept one
        return Follow.objects.get(user=user, **{field: target}), False


def unfollow(follow_row: Follow) -> None:
    follow_row.delete()


def set_frequency(user: Any, frequency: str, *, now: datetime | None = None) -> DigestSubscription:
    """Choose how often the digest comes. Switching it on again starts afresh, not with everything since it was off."""
    now = now or timezone.now()
    with transaction.atomic():
        subscription = subscription_of(user, now=now)
        subscription = DigestSubscription.objects.select_for_update().get(pk=subscription.pk)
        if subscription.frequency == DigestSubscription.Frequency.NEVER != frequency:
            subscription.last_sent_at = now
        subscription.frequency = frequency
        subscription.full_clean()
        subscription.save(update_fields=["frequency", "last_sent_at"])
    return subscription


def visible_follows(user: Any) -> QuerySet[Follow]:
    """The user's follows, newest first, each with ``entry_visible`` (false when its entry is out of sight now).

    An entry that changed to a visibility the person may not read (or back to a draft) keeps its follow, so
    it can be ended, but neither its title nor anything about it is shown or mailed.
    """
    visible = Entry.objects.visible_to(user).filter(pk=OuterRef("entry_id"))
    return (
        Follow.objects.of(user)
        .select_related("topic", "organisation", "entry")
        .annotate(entry_visible=Exists(visible))
        .order_by("-created", "-pk")
    )


class DigestForm(Form):
    frequency = forms.ChoiceField(
        label=_("E-mail digest of what changed"),
        choices=DigestSubscription.Frequency.choices,
        widget=forms.RadioSelect,
    )


def create_demo_follows(kreisschluessel: str) -> int:
    """The demo accounts (organisations/demo.py) follow the district, the topic of the first marked example entry
    and that entry, so "Meine Abonnements" and the digest have something to show. Idempotent; returns new follows."""
    district = Organisation.objects.filter(ags=kreisschluessel).first()
    marked = (
        Entry.objects.filter(is_example=True, interests__isnull=False, organisation__district=district)
        .order_by("pk")
        .first()
    )
    targets: list[Any] = [target for target in (district, marked) if target is not None]
    if marked is not None:
        targets += list(marked.topics.order_by("pk")[:1])
    emails = [account.email for account in demo_accounts(kreisschluessel)]
    created = 0
    for user in get_user_model().objects.filter(email__in=emails, is_active=True).order_by("pk"):
        if roles_of(user).is_member:
            for target in targets:
                created += follow(user, target)[1]
    return created
