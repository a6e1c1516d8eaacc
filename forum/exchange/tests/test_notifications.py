"""A new interest mark tells the owner's editors by e-mail (real SMTP): only the title and a link, only to
active editors who may see the entry, once."""

from __future__ import annotations

from email.header import decode_header, make_header

import pytest
from django.urls import reverse

from conftest import mail_text
from forum.core.models import Visibility
from forum.exchange.models import Interest
from forum.exchange.services import mark_interest
from forum.exchange.tasks import send_interest_notification
from forum.organisations.models import Role
from forum.organisations.tests.helpers import log_in_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def loerrach_staff(loerrach, other, make_user):
    """Lörrach's editors (one inactive), a Lörrach member and an editor of another municipality."""

    def with_role(email, kind, organisation, **fields):
        user = make_user(email=email, **fields)
        Role.objects.create(user=user, kind=kind, organisation=organisation)
        return user

    return {
        "editor": with_role("redaktion@loerrach.example.org", Role.Kind.EDITOR, loerrach),
        "second_editor": with_role("presse@loerrach.example.org", Role.Kind.EDITOR, loerrach),
        "inactive_editor": with_role("alt@loerrach.example.org", Role.Kind.EDITOR, loerrach, is_active=False),
        "member": with_role("mitglied@loerrach.example.org", Role.Kind.MEMBER, loerrach),
        "foreign_editor": with_role("redaktion@anderswo.example.org", Role.Kind.EDITOR, other),
    }


def _mark(client, entry, other, captured, **data):
    with captured(execute=True):
        return client.post(
            reverse("exchange:interest_create", args=[entry.pk]),
            {"organisation": other.pk, "kind": Interest.Kind.CONCERNS_US} | data,
        )


def test_the_owners_editors_get_one_mail_each(
    client,
    user_in_role,
    loerrach,
    other,
    entry_factory,
    loerrach_staff,
    smtp_server,
    django_capture_on_commit_callbacks,
):
    entry = entry_factory(title="Online-Schadensmelder")
    log_in_as(client, user_in_role, "member_other", loerrach)
    response = _mark(client, entry, other, django_capture_on_commit_callbacks, note="Streng vertraulich: Budget 5000")
    assert response.status_code == 302
    recipients = sorted(message["To"] for message in smtp_server.messages)
    assert recipients == ["presse@loerrach.example.org", "redaktion@loerrach.example.org"]
    for message in smtp_server.messages:
        assert "Online-Schadensmelder" in str(make_header(decode_header(message["Subject"])))
        body = mail_text(message)
        assert "Online-Schadensmelder" in body
        assert f"http://testserver{entry.get_absolute_url()}" in body
        # Only the title and the link: not who marked it, not the note.
        assert "Streng vertraulich" not in body
        assert other.name not in body
    assert Interest.objects.get(entry=entry).notified_at is not None


def test_nobody_is_mailed_about_an_entry_they_may_not_see(
    loerrach, other, entry_factory, loerrach_staff, smtp_server, django_capture_on_commit_callbacks
):
    """The coordination may have set an entry to "coordination only": its editors no longer see it."""
    entry = entry_factory(visibility=Visibility.COORDINATION)
    with django_capture_on_commit_callbacks(execute=True):
        mark_interest(entry, organisation=other, kind=Interest.Kind.JOIN)
    assert smtp_server.messages == []


def test_a_draft_is_mailed_about_to_its_own_editors(
    loerrach, other, entry_factory, loerrach_staff, smtp_server, django_capture_on_commit_callbacks
):
    entry = entry_factory(visibility=Visibility.MEMBERS, is_draft=True)
    with django_capture_on_commit_callbacks(execute=True):
        mark_interest(entry, organisation=other, kind=Interest.Kind.JOIN)
    assert len(smtp_server.messages) == 2


def test_running_the_task_again_sends_nothing_twice(
    loerrach, other, entry_factory, loerrach_staff, smtp_server, django_capture_on_commit_callbacks
):
    entry = entry_factory()
    with django_capture_on_commit_callbacks(execute=True):
        interest = mark_interest(entry, organisation=other, kind=Interest.Kind.EXPERIENCE)
    assert len(smtp_server.messages) == 2
    assert send_interest_notification.call(interest_id=interest.pk) == 0
    assert len(smtp_server.messages) == 2


def test_a_refused_mark_sends_nothing(
    client,
    user_in_role,
    loerrach,
    other,
    entry_factory,
    interest_factory,
    loerrach_staff,
    smtp_server,
    django_capture_on_commit_callbacks,
):
    entry = entry_factory()
    interest_factory(entry=entry, organisation=other, kind=Interest.Kind.CONCERNS_US)
    log_in_as(client, user_in_role, "member_other", loerrach)
    response = _mark(client, entry, other, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert smtp_server.messages == []


def test_a_removed_mark_sends_nothing(loerrach, other, entry_factory, interest_factory, loerrach_staff, smtp_server):
    interest = interest_factory(entry=entry_factory(), organisation=other)
    pk = interest.pk
    interest.delete()
    assert send_interest_notification.call(interest_id=pk) == 0
    assert smtp_server.messages == []
