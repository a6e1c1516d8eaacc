"""The e-mail digest (real SMTP): what it reports, only what the reader may see now, when it is due, never twice.

Time is passed explicitly (``now=``); the rows themselves are written at the real time, which lies inside the
period (``start``, ``start`` + 1 day] of every test.
"""

from __future__ import annotations

import socket
from datetime import timedelta
from email.header import decode_header, make_header
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from conftest import mail_text
from forum.core.models import Visibility
from forum.exchange import following
from forum.exchange.digests import build_digest, due, send_digest, send_digest_now
from forum.exchange.models import DigestSubscription, Entry, Follow, Interest
from forum.organisations.models import Role

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


@pytest.fixture
def start():
    return timezone.now() - timedelta(minutes=5)


@pytest.fixture
def topic(topics):
    return topics["e-akte-dokumentenmanagement"]


@pytest.fixture
def reader(make_user, other, start):
    """A member of another municipality who gets a daily digest, counting from ``start``."""
    user = make_user(email="leserin@anderswo.example.org", full_name="Lea Leserin")
    Role.objects.create(user=user, kind=Role.Kind.MEMBER, organisation=other)
    following.set_frequency(user, DigestSubscription.Frequency.DAILY, now=start)
    return user


def _entry(entry_factory, topic=None, **fields):
    entry = entry_factory(**fields)
    if topic is not None:
        entry.topics.add(topic)
    return entry


def _subject(message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def _html(message) -> str:
    part = next(p for p in message.walk() if p.get_content_type() == "text/html")
    return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")


def test_the_digest_reports_what_changed_in_what_one_follows(
    reader, start, loerrach, binzen, other, topic, entry_factory, comment_factory, make_user, smtp_server
):
    followed = _entry(entry_factory, title="Digitale Bauakte")
    Entry.objects.filter(pk=followed.pk).update(created=start - 3 * DAY)  # older than the period
    following.follow(reader, followed, now=start)
    following.follow(reader, topic, now=start)
    following.follow(reader, binzen, now=start)
    followed.refresh_from_db()
    followed.description = "Neu: die Einführung ist abgeschlossen."
    followed.save()
    in_topic = _entry(entry_factory, topic, title="E-Akte im Ordnungsamt")
    members_only = _entry(entry_factory, topic, title="Interne Kostenplanung", visibility=Visibility.MEMBERS)
    of_binzen = _entry(entry_factory, title="Online-Terminvergabe Binzen", organisation=binzen)
    _entry(entry_factory, title="Nicht abonniert")
    colleague = make_user(full_name="Karl Kollege")
    Interest.objects.create(entry=followed, organisation=binzen, kind=Interest.Kind.JOIN, created_by=colleague)
    comment_factory(entry=followed, author=colleague, text="Wie lange hat die Einführung gedauert?")

    assert send_digest_now(reader.pk, now=start + DAY)

    [message] = smtp_server.messages
    assert message["To"] == "leserin@anderswo.example.org"
    assert " 6 " in _subject(message)  # 3 new entries, 1 changed, 1 interest mark, 1 comment
    body = mail_text(message)
    for entry in (in_topic, members_only, of_binzen, followed):
        assert entry.title in body
        assert f"http://testserver{entry.get_absolute_url()}" in body
    assert "Nicht abonniert" not in body
    assert binzen.name in body  # who marked the followed entry
    assert "Karl Kollege" in body
    assert "Wie lange hat die Einführung gedauert?" in body
    assert "http://testserver/katalog/abonnements/" in body  # settings and unsubscribe
    html = _html(message)
    assert f'href="http://testserver{in_topic.get_absolute_url()}"' in html
    assert "Digitale Bauakte" in html
    assert message["List-Unsubscribe"] == "<http://testserver/katalog/abonnements/>"
    assert DigestSubscription.objects.get(user=reader).last_sent_at == start + DAY


def test_the_digest_sections(reader, start, loerrach, topic, entry_factory):
    followed = _entry(entry_factory, title="Alt")
    Entry.objects.filter(pk=followed.pk).update(created=start - DAY)
    following.follow(reader, followed, now=start)
    following.follow(reader, topic, now=start)
    followed.refresh_from_db()
    followed.save()
    new = _entry(entry_factory, topic, title="Neu")
    digest = build_digest(reader, since=start, until=start + DAY)
    assert digest.new_entries.items == [new]
    assert digest.changed_entries.items == [followed]
    # After the period, and before it, nothing.
    assert build_digest(reader, since=start + DAY, until=start + 2 * DAY).is_empty
    assert build_digest(reader, since=start - 3 * DAY, until=start - 2 * DAY).is_empty


def test_a_field_covers_its_sub_topics(reader, start, topic, entry_factory):
    following.follow(reader, topic.parent, now=start)
    entry = _entry(entry_factory, topic, title="Unterthema")
    assert build_digest(reader, since=start, until=start + DAY).new_entries.items == [entry]


@pytest.mark.parametrize(
    ("visibility", "draft"), [(Visibility.COORDINATION, False), (Visibility.PUBLIC, True), (Visibility.MEMBERS, True)]
)
def test_nothing_the_reader_may_not_see(
    visibility, draft, reader, start, loerrach, topic, entry_factory, comment_factory, make_user, smtp_server
):
    following.follow(reader, topic, now=start)
    following.follow(reader, loerrach, now=start)
    hidden = _entry(entry_factory, topic, title="Vertrauliche Planung", visibility=visibility, is_draft=draft)
    # Followed directly while it was public: a mark and a comment on it are not reported either.
    Follow.objects.create(user=reader, entry=hidden)
    Interest.objects.create(entry=hidden, organisation=loerrach.district or loerrach, kind=Interest.Kind.JOIN)
    comment_factory(entry=hidden, author=make_user(), text="Streng vertraulich")
    assert not send_digest_now(reader.pk, now=start + DAY)
    assert smtp_server.messages == []


def test_drafts_never_even_for_their_editors(make_user, loerrach, start, entry_factory, smtp_server):
    editor = make_user()
    Role.objects.create(user=editor, kind=Role.Kind.EDITOR, organisation=loerrach)
    following.follow(editor, loerrach, now=start)
    following.set_frequency(editor, DigestSubscription.Frequency.DAILY, now=start)
    draft = entry_factory(title="Entwurf", is_draft=True)
    assert draft.is_visible_to(editor)
    assert build_digest(editor, since=start, until=start + DAY).is_empty


def test_members_only_entries_not_for_who_lost_the_role(reader, start, topic, entry_factory, smtp_server):
    following.follow(reader, topic, now=start)
    _entry(entry_factory, topic, title="Interne Kostenplanung", visibility=Visibility.MEMBERS)
    public = _entry(entry_factory, topic, title="Öffentlicher Bericht")
    Role.objects.filter(user=reader).delete()
    reader = type(reader).objects.get(pk=reader.pk)  # roles are cached per user object
    assert build_digest(reader, since=start, until=start + DAY).new_entries.items == [public]
    # No longer a member: no more digests at all.
    assert not send_digest_now(reader.pk, now=start + DAY)
    assert smtp_server.messages == []


def test_hidden_comments_and_ones_own_are_left_out(
    reader, start, other, entry_factory, comment_factory, make_user, smtp_server
):
    entry = _entry(entry_factory, title="Digitale Bauakte")
    following.follow(reader, entry, now=start)
    hidden = comment_factory(entry=entry, author=make_user(), text="Beleidigender Text")
    hidden.hide(reason="Umgangston")
    comment_factory(entry=entry, author=reader, text="Meine eigene Frage")
    Interest.objects.create(entry=entry, organisation=other, kind=Interest.Kind.JOIN, created_by=reader)
    shown = comment_factory(entry=entry, author=make_user(), text="Sachliche Antwort")
    digest = build_digest(reader, since=start, until=start + DAY)
    assert digest.comments.items == [shown]
    assert digest.interests.items == []
    assert send_digest_now(reader.pk, now=start + DAY)
    body = mail_text(smtp_server.messages[0])
    assert "Sachliche Antwort" in body
    assert "Beleidigender Text" not in body
    assert "Umgangston" not in body
    assert "Meine eigene Frage" not in body


def test_an_empty_digest_sends_nothing_but_closes_the_period(reader, start, topic, smtp_server):
    following.follow(reader, topic, now=start)
    assert not send_digest_now(reader.pk, now=start + DAY)
    assert smtp_server.messages == []
    assert DigestSubscription.objects.get(user=reader).last_sent_at == start + DAY


@pytest.mark.parametrize(
    ("frequency", "age", "is_due"),
    [
        ("daily", timedelta(hours=22), False),
        ("daily", timedelta(hours=23), True),
        ("daily", timedelta(days=3), True),
        ("weekly", timedelta(days=6), False),
        ("weekly", timedelta(days=6, hours=22), True),
        ("weekly", timedelta(days=8), True),
    ],
)
def test_when_a_digest_is_due(frequency, age, is_due, reader, topic):
    now = timezone.now()
    following.follow(reader, topic)
    DigestSubscription.objects.filter(user=reader).update(frequency=frequency, last_sent_at=now - age)
    assert (reader.pk in due(frequency, now=now).values_list("user_id", flat=True)) is is_due
    other = "weekly" if frequency == "daily" else "daily"
    assert not due(other, now=now).exists()


def test_never_and_nothing_followed_and_inactive_are_never_due(reader, make_user, topic):
    now = timezone.now()
    following.follow(reader, topic)
    long_ago = now - timedelta(days=30)
    DigestSubscription.objects.filter(user=reader).update(last_sent_at=long_ago)
    assert due("daily", now=now).count() == 1
    following.set_frequency(reader, DigestSubscription.Frequency.NEVER)
    assert not send_digest_now(reader.pk, now=now)
    nobody = make_user()
    DigestSubscription.objects.create(user=nobody, frequency="daily", last_sent_at=long_ago)  # follows nothing
    gone = make_user(is_active=False)
    Follow.objects.create(user=gone, topic=topic)
    DigestSubscription.objects.create(user=gone, frequency="daily", last_sent_at=long_ago)
    assert not due("daily", now=now).exists()


def test_never_twice_for_one_period(reader, start, topic, entry_factory, smtp_server):
    following.follow(reader, topic, now=start)
    _entry(entry_factory, topic, title="E-Akte im Ordnungsamt")
    now = start + DAY
    assert send_digest_now(reader.pk, now=now)
    assert not send_digest_now(reader.pk, now=now)  # a second worker, or the timer run twice
    assert not send_digest_now(reader.pk, now=now + timedelta(hours=2))  # not due yet
    assert len(smtp_server.messages) == 1
    # The next period reports only what is new since.
    assert send_digest_now(reader.pk, now=now + DAY) is False
    assert len(smtp_server.messages) == 1


def test_a_failed_mail_gives_the_period_back(reader, start, topic, entry_factory, settings):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.MAILERS = {
        "default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": {"port": port}}
    }
    settings.MAILERS["default"]["OPTIONS"]["host"] = "127.0.0.1"
    following.follow(reader, topic, now=start)
    _entry(entry_factory, topic, title="E-Akte im Ordnungsamt")
    with pytest.raises(OSError):
        send_digest_now(reader.pk, now=start + DAY)
    assert DigestSubscription.objects.get(user=reader).last_sent_at == start


def test_the_task_sends_when_due(reader, topic, entry_factory, smtp_server):
    following.follow(reader, topic)
    DigestSubscription.objects.filter(user=reader).update(last_sent_at=timezone.now() - DAY)
    _entry(entry_factory, topic, title="E-Akte im Ordnungsamt")
    result = send_digest.enqueue(user_id=reader.pk)
    assert result.return_value is True
    assert len(smtp_server.messages) == 1


def test_the_command_sends_each_due_digest_once(reader, make_user, binzen, topic, entry_factory, smtp_server):
    weekly = make_user(email="woechentlich@binzen.example.org")
    Role.objects.create(user=weekly, kind=Role.Kind.MEMBER, organisation=binzen)
    for user in (reader, weekly):
        following.follow(user, topic)
    DigestSubscription.objects.filter(user=reader).update(last_sent_at=timezone.now() - DAY)
    DigestSubscription.objects.filter(user=weekly).update(last_sent_at=timezone.now() - 2 * DAY)
    _entry(entry_factory, topic, title="E-Akte im Ordnungsamt")
    out = StringIO()
    call_command("send_digests", "--frequency", "daily", stdout=out)
    assert out.getvalue().strip() == "1 daily digest(s) enqueued."
    call_command("send_digests", "--frequency", "daily", stdout=out)
    call_command("send_digests", "--frequency", "weekly", stdout=out)  # the weekly one is not due yet
    assert [message["To"] for message in smtp_server.messages] == ["leserin@anderswo.example.org"]
    with pytest.raises(CommandError):
        call_command("send_digests", "--frequency", "hourly")


def test_a_digest_costs_the_same_for_few_or_many_changes(
    reader, start, other, topic, entry_factory, comment_factory, make_user, django_assert_max_num_queries
):
    entry = _entry(entry_factory, title="Digitale Bauakte")
    following.follow(reader, entry, now=start)
    following.follow(reader, topic, now=start)
    author = make_user()
    for _ in range(40):
        _entry(entry_factory, topic)
        comment_factory(entry=entry, author=author)
    with django_assert_max_num_queries(7):
        # the follows, the changed candidates, the reader's roles, the visible ones among them (with their
        # organisations), the visible entries followed directly, their new marks, their new comments
        digest = build_digest(reader, since=start, until=start + DAY)
    assert len(digest.new_entries.items) == 30 and digest.new_entries.more
    assert len(digest.comments.items) == 30 and digest.comments.more
