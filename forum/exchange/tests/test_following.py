"""Following topics, organisations and entries: the model's constraints, the services, who may follow and end a
follow, the buttons on the three kinds of page, and the page "Meine Abonnements"."""

from __future__ import annotations

import re
from datetime import timedelta
from html import escape

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from forum.core.models import Visibility
from forum.exchange import following
from forum.exchange.models import DigestSubscription, Entry, Follow
from forum.organisations.tests.helpers import ROLES, log_in_as

pytestmark = pytest.mark.django_db

MEMBERS = set(ROLES) - {"anonymous", "no_role"}
FOLLOW_URL = reverse("exchange:follow")
FOLLOWING_URL = reverse("exchange:following")


@pytest.fixture
def topic(topics):
    return topics["e-akte-dokumentenmanagement"]


# The model ---------------------------------------------------------------------------------------------


def test_a_follow_has_exactly_one_target(make_user, topic, loerrach, entry_factory):
    user = make_user()
    for targets in ({}, {"topic": topic, "organisation": loerrach}, {"topic": topic, "entry": entry_factory()}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Follow.objects.create(user=user, **targets)
    with pytest.raises(ValidationError, match="genau einem Thema"):
        Follow(user=user).full_clean()
    assert Follow.objects.create(user=user, topic=topic).kind == "topic"


def test_one_follow_per_person_and_target(make_user, topic, loerrach, entry_factory):
    user, someone_else = make_user(), make_user()
    entry = entry_factory()
    for target in ({"topic": topic}, {"organisation": loerrach}, {"entry": entry}):
        Follow.objects.create(user=user, **target)
        Follow.objects.create(user=someone_else, **target)
        with pytest.raises(IntegrityError), transaction.atomic():
            Follow.objects.create(user=user, **target)
    # Different targets of one kind, and one target of each kind, are fine.
    Follow.objects.create(user=user, topic=topic.parent)
    assert Follow.objects.filter(user=user).count() == 4
    with pytest.raises(ValidationError, match="folgen diesem Inhalt bereits"):
        Follow(user=user, entry=entry).full_clean()


# Services ----------------------------------------------------------------------------------------------


def test_follow_is_idempotent_and_starts_a_weekly_digest(user_in_role, loerrach, topic):
    user = user_in_role("member_own", loerrach)
    start = timezone.now() - timedelta(hours=1)
    row, created = following.follow(user, topic, now=start)
    assert created and row.target == topic
    again, created = following.follow(user, topic)
    assert (again, created) == (row, False)
    subscription = DigestSubscription.objects.get(user=user)
    assert subscription.frequency == DigestSubscription.Frequency.WEEKLY
    assert subscription.last_sent_at == start  # the first digest covers what happens from the first follow on


def test_only_members_follow(user_in_role, loerrach, topic):
    with pytest.raises(PermissionError):
        following.follow(user_in_role("no_role", loerrach), topic)
    assert not Follow.objects.exists()


def test_switching_the_digest_on_again_starts_afresh(make_user):
    user = make_user()
    long_ago = timezone.now() - timedelta(days=90)
    following.set_frequency(user, DigestSubscription.Frequency.NEVER, now=long_ago)
    now = timezone.now()
    assert following.set_frequency(user, DigestSubscription.Frequency.DAILY, now=now).last_sent_at == now
    # From daily to weekly the period goes on where it is.
    later = now + timedelta(hours=5)
    assert following.set_frequency(user, DigestSubscription.Frequency.WEEKLY, now=later).last_sent_at == now


# Permissions (the entry rows are in test_rules.py) ---------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("target", ["topic", "organisation"])
def test_members_follow_topics_and_organisations(role, target, user_in_role, loerrach, topic):
    user = user_in_role(role, loerrach)
    assert user.has_perm("exchange.follow", {"topic": topic, "organisation": loerrach}[target]) is (role in MEMBERS)


@pytest.mark.parametrize("role", ROLES)
def test_everyone_logged_in_may_end_their_own_follow(role, user_in_role, loerrach, topic):
    user = user_in_role(role, loerrach)
    if not user.is_authenticated:
        return
    row = Follow.objects.create(user=user, topic=topic)
    assert user.has_perm("exchange.unfollow", row)  # also after losing the role that allowed following


@pytest.mark.parametrize(
    ("visibility", "draft", "role", "allowed"),
    [
        (Visibility.MEMBERS, False, "member_other", True),
        (Visibility.COORDINATION, False, "member_own", False),
        (Visibility.COORDINATION, False, "coordination", True),
        (Visibility.PUBLIC, True, "member_own", False),
        (Visibility.PUBLIC, True, "editor_own", True),
    ],
)
def test_one_follows_only_entries_one_may_see(visibility, draft, role, allowed, user_in_role, loerrach, entry_factory):
    entry = entry_factory(visibility=visibility, is_draft=draft)
    assert user_in_role(role, loerrach).has_perm("exchange.follow", entry) is allowed


# The buttons -------------------------------------------------------------------------------------------


def _pages(loerrach, topic, entry):
    return {
        "entry": entry.get_absolute_url(),
        "topic": topic.get_absolute_url(),
        "organisation": loerrach.get_absolute_url(),
    }


@pytest.mark.parametrize("role", ROLES)
def test_the_pages_offer_the_button_to_members(role, client, user_in_role, loerrach, topic, entry_factory):
    entry = entry_factory()
    log_in_as(client, user_in_role, role, loerrach)
    for kind, url in _pages(loerrach, topic, entry).items():
        html = client.get(url).content.decode()
        offers = f'action="{FOLLOW_URL}"' in html
        assert offers is (role in MEMBERS), (kind, url)
        if offers:
            target = {"entry": entry, "topic": topic, "organisation": loerrach}[kind]
            assert f'name="{kind}" value="{target.pk}"' in html
        assert ("um diesem Inhalt zu folgen" in html) is (role == "anonymous"), url


def test_follow_and_unfollow_from_the_page(client, user_in_role, loerrach, topic, entry_factory):
    entry = entry_factory(title="Digitale Bauakte")
    user = log_in_as(client, user_in_role, "member_other", loerrach)
    for kind, url in _pages(loerrach, topic, entry).items():
        target = {"entry": entry, "topic": topic, "organisation": loerrach}[kind]
        response = client.post(FOLLOW_URL, {kind: target.pk, "next": url}, follow=True)
        assert response.redirect_chain == [(url, 302)]
        html = response.content.decode()
        assert "Sie folgen jetzt" in html
        row = Follow.objects.get(user=user, **{kind: target})
        assert f'action="{reverse("exchange:unfollow", args=[row.pk])}"' in html
        assert f'action="{FOLLOW_URL}"' not in html
        # Twice is once.
        again = client.post(FOLLOW_URL, {kind: target.pk, "next": url}, follow=True)
        assert "bereits." in again.content.decode() and "Sie folgen „" in again.content.decode()
        assert Follow.objects.filter(user=user, **{kind: target}).count() == 1
        response = client.post(reverse("exchange:unfollow", args=[row.pk]), {"next": url}, follow=True)
        assert response.redirect_chain == [(url, 302)]
        assert "nicht mehr." in response.content.decode()
        assert not Follow.objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/katalog/", ""])
def test_only_a_local_next_is_followed(next_url, client, user_in_role, loerrach, entry_factory):
    entry = entry_factory()
    log_in_as(client, user_in_role, "member_own", loerrach)
    response = client.post(FOLLOW_URL, {"entry": entry.pk, "next": next_url})
    assert response.url == entry.get_absolute_url()


@pytest.mark.parametrize("data", [{}, {"entry": "abc"}, {"topic": "999999"}, {"organisation": "-1"}])
def test_following_nothing_or_something_unknown_is_not_found(data, client, user_in_role, loerrach):
    log_in_as(client, user_in_role, "member_own", loerrach)
    assert client.post(FOLLOW_URL, data).status_code == 404
    assert not Follow.objects.exists()


def test_a_follow_of_someone_else_is_not_found(client, user_in_role, loerrach, topic, make_user):
    row = Follow.objects.create(user=make_user(), topic=topic)
    log_in_as(client, user_in_role, "coordination", loerrach)
    assert client.post(reverse("exchange:unfollow", args=[row.pk])).status_code == 404
    assert Follow.objects.filter(pk=row.pk).exists()


# Meine Abonnements -------------------------------------------------------------------------------------


def test_the_subscriptions_page_lists_what_one_follows(client, user_in_role, loerrach, topic, entry_factory):
    entry = entry_factory(title="Digitale Bauakte")
    gone = entry_factory(title="Geheime Planung")
    user = log_in_as(client, user_in_role, "member_other", loerrach)
    for target in (topic, loerrach, entry, gone):
        following.follow(user, target)
    Entry.objects.filter(pk=gone.pk).update(visibility=Visibility.COORDINATION)
    html = client.get(FOLLOWING_URL).content.decode()
    for name in (topic.name, loerrach.name, "Digitale Bauakte"):
        assert escape(name) in html
    # An entry moved out of sight is not named, but its follow can be ended.
    assert "Geheime Planung" not in html
    assert "Ein Eintrag, den Sie nicht mehr sehen können" in html
    for row in Follow.objects.filter(user=user):
        assert f'action="{reverse("exchange:unfollow", args=[row.pk])}"' in html
    assert re.search(r'<input[^>]*value="weekly"[^>]*checked', html)  # the default until chosen


def test_the_account_page_links_to_it(client, user_in_role, loerrach):
    log_in_as(client, user_in_role, "no_role", loerrach)
    assert f'href="{FOLLOWING_URL}"' in client.get(reverse("portal:account")).content.decode()


def test_choose_how_often_the_digest_comes(client, user_in_role, loerrach):
    user = log_in_as(client, user_in_role, "member_own", loerrach)
    response = client.post(FOLLOWING_URL, {"frequency": "daily"}, follow=True)
    assert response.redirect_chain == [(FOLLOWING_URL, 302)]
    assert "Ihre E-Mail-Einstellung wurde gespeichert." in response.content.decode()
    assert DigestSubscription.objects.get(user=user).frequency == "daily"
    response = client.post(FOLLOWING_URL, {"frequency": "hourly"})
    assert response.status_code == 200
    assert 'id="fehler"' in response.content.decode()
    assert DigestSubscription.objects.get(user=user).frequency == "daily"


def test_the_subscriptions_page_costs_the_same_for_3_or_60(client, user_in_role, loerrach, entry_factory):
    user = log_in_as(client, user_in_role, "member_own", loerrach)
    following.set_frequency(user, "daily")
    for entry in entry_factory.create_batch(3):
        following.follow(user, entry)
    with CaptureQueriesContext(connection) as few:
        assert client.get(FOLLOWING_URL).status_code == 200
    for entry in entry_factory.create_batch(57):
        following.follow(user, entry)
    with CaptureQueriesContext(connection) as many:
        assert client.get(FOLLOWING_URL).status_code == 200
    # session, user, roles, subscription, count, page of follows (with the visibility of each entry)
    assert len(many) == len(few) <= 8


def test_the_demo_accounts_follow_something(make_user, loerrach, other, entry_factory, interest_factory, topic):
    from django.conf import settings

    from forum.organisations.models import Role

    member = make_user(email="mitglied@example.org")
    Role.objects.create(user=member, kind=Role.Kind.MEMBER, organisation=other)
    make_user(email="betrieb@example.org")  # no role: follows nothing
    entry = entry_factory(is_example=True)
    entry.topics.add(topic)
    interest_factory(entry=entry, organisation=other)
    assert following.create_demo_follows(settings.FORUM_KREISSCHLUESSEL) == 3
    assert following.create_demo_follows(settings.FORUM_KREISSCHLUESSEL) == 0
    assert {row.target for row in Follow.objects.all()} == {loerrach.district, entry, topic}


def test_ending_the_follow_of_an_entry_out_of_sight_does_not_name_it(client, user_in_role, loerrach, entry_factory):
    gone = entry_factory(title="Geheime Planung")
    user = log_in_as(client, user_in_role, "member_own", loerrach)
    row, _created = following.follow(user, gone)
    Entry.objects.filter(pk=gone.pk).update(is_draft=True)
    response = client.post(reverse("exchange:unfollow", args=[row.pk]), follow=True)
    html = response.content.decode()
    assert "Sie folgen dem Eintrag nicht mehr." in html
    assert "Geheime Planung" not in html
    assert not Follow.objects.filter(pk=row.pk).exists()
