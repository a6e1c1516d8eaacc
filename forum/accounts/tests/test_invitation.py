"""Inviting a person: the service, the mail (through a real SMTP server) and accepting the invitation."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.utils import timezone

from conftest import mail_text
from forum.accounts.models import Invitation, User
from forum.accounts.services import invite_user
from forum.accounts.tasks import send_invitation_mail

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver(/konto/einladung/[^/\s]+/)")
PASSWORD = "mein-neues-kennwort-2026"


@pytest.fixture
def inviter(make_user):
    return make_user(full_name="Kim Koordination")


@pytest.fixture
def invite(inviter, django_capture_on_commit_callbacks, smtp_server):
    """invite(email): invite through the service and run what it queued for after the commit."""

    def make(email="nina.neu@example.org", **fields):
        fields.setdefault("full_name", "Nina Neu")
        with django_capture_on_commit_callbacks(execute=True):
            return invite_user(email=email, invited_by=inviter, **fields)

    return make


def _path(message):
    match = LINK.search(mail_text(message))
    assert match, mail_text(message)
    return match.group(1)


def _accept_data(**overrides):
    return {"new_password1": PASSWORD, "new_password2": PASSWORD, "accept_terms": "on", **overrides}


# The service


def test_it_creates_an_inactive_account_without_a_usable_password(invite):
    user, invitation = invite("Nina.Neu@Example.ORG")
    user.refresh_from_db()
    assert user.email == "nina.neu@example.org"
    assert user.full_name == "Nina Neu"
    assert not user.is_active
    assert not user.has_usable_password()
    assert invitation.user == user
    assert invitation.is_open


def test_it_mails_the_invitation_link(invite, smtp_server, inviter):
    _, invitation = invite(note="Willkommen in der Redaktion!")
    (message,) = smtp_server.messages
    assert message["To"] == "nina.neu@example.org"
    body = mail_text(message)
    assert "Nina Neu" in body
    assert "Kim Koordination" in body
    assert "Willkommen in der Redaktion!" in body
    assert invitation.expires_at.astimezone(timezone.get_current_timezone()).strftime("%d.%m.%Y") in body
    assert Invitation.from_token(_path(message).split("/")[-2]) == invitation


def test_it_mails_only_after_the_commit(inviter, django_capture_on_commit_callbacks, smtp_server):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invite_user(email="nina.neu@example.org", full_name="Nina Neu", invited_by=inviter)
    assert len(callbacks) == 1
    assert smtp_server.messages == []
    callbacks[0]()
    assert len(smtp_server.messages) == 1


def test_it_mails_nothing_when_the_transaction_fails(inviter, django_capture_on_commit_callbacks, smtp_server):
    from django.db import transaction

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        invite_user(email="nina.neu@example.org", full_name="Nina Neu", invited_by=inviter)
        raise RuntimeError("abgebrochen")
    assert callbacks == []
    assert smtp_server.messages == []
    assert not User.objects.filter(email="nina.neu@example.org").exists()


def test_it_does_not_invite_an_active_account(invite, make_user, smtp_server):
    existing = make_user("anna@example.org")
    user, invitation = invite("Anna@Example.org", full_name="Anderer Name")
    assert user == existing
    assert invitation is None
    assert not Invitation.objects.filter(user=existing).exists()
    assert smtp_server.messages == []
    existing.refresh_from_db()
    assert existing.full_name != "Anderer Name"
    assert existing.check_password("geheim-passwort-123")


def test_it_invites_an_inactive_account_again(invite, smtp_server):
    first_user, first = invite()
    second_user, second = invite()
    assert first_user == second_user
    assert first != second
    assert User.objects.filter(email="nina.neu@example.org").count() == 1
    assert len(smtp_server.messages) == 2


def test_it_mails_nothing_for_an_invitation_that_closed_before_the_task_ran(inviter, smtp_server):
    user = User.objects.create_user("nina.neu@example.org", None, full_name="Nina Neu", is_active=False)
    invitation = Invitation.objects.create(user=user, invited_by=inviter, accepted_at=timezone.now())
    assert send_invitation_mail.call(invitation_id=invitation.pk) is False
    assert send_invitation_mail.call(invitation_id=999_999) is False
    assert smtp_server.messages == []


# Accepting


def test_it_shows_the_form_for_an_open_invitation(client, invite, smtp_server):
    invite()
    response = client.get(_path(smtp_server.messages[0]))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="new_password1"' in content
    assert 'name="accept_terms"' in content
    assert "nina.neu@example.org" in content
    assert "no-cache" in response.headers["Cache-Control"]


def test_it_activates_logs_in_and_redirects_to_the_account(client, invite, smtp_server):
    user, invitation = invite()
    response = client.post(_path(smtp_server.messages[0]), _accept_data())
    assert response.status_code == 302
    assert response.url == "/konto/"

    user.refresh_from_db()
    invitation.refresh_from_db()
    assert user.is_active
    assert user.check_password(PASSWORD)
    assert invitation.accepted_at is not None
    assert client.session.get(SESSION_KEY) == str(user.pk)
    assert client.get("/konto/").status_code == 200


def test_it_requires_the_privacy_confirmation(client, invite, smtp_server):
    user, _ = invite()
    data = _accept_data()
    del data["accept_terms"]
    response = client.post(_path(smtp_server.messages[0]), data)
    assert response.status_code == 200
    assert 'id="fehler"' in response.content.decode()
    assert "accept_terms" in response.context["form"].errors
    user.refresh_from_db()
    assert not user.is_active
    assert client.session.get(SESSION_KEY) is None


@pytest.mark.parametrize(
    ("password1", "password2", "field"),
    [
        ("kurz", "kurz", "new_password2"),  # shorter than 10 characters
        ("1234567890123", "1234567890123", "new_password2"),  # only digits
        ("password123", "password123", "new_password2"),  # too common
        (PASSWORD, PASSWORD + "x", "new_password2"),  # do not match
    ],
)
def test_it_requires_a_valid_password(client, invite, smtp_server, password1, password2, field):
    user, invitation = invite()
    response = client.post(
        _path(smtp_server.messages[0]), _accept_data(new_password1=password1, new_password2=password2)
    )
    assert response.status_code == 200
    assert 'id="fehler"' in response.content.decode()
    assert field in response.context["form"].errors
    user.refresh_from_db()
    invitation.refresh_from_db()
    assert not user.is_active
    assert invitation.accepted_at is None


def test_it_keeps_the_link_usable_after_a_failed_attempt(client, invite, smtp_server):
    invite()
    path = _path(smtp_server.messages[0])
    client.post(path, _accept_data(new_password1="kurz", new_password2="kurz"))
    assert client.post(path, _accept_data()).status_code == 302


def test_it_answers_410_for_a_used_link(client, invite, smtp_server):
    invite()
    path = _path(smtp_server.messages[0])
    client.post(path, _accept_data())
    client.logout()
    assert client.get(path).status_code == 410
    other = "anderes-kennwort-99"
    assert client.post(path, _accept_data(new_password1=other, new_password2=other)).status_code == 410


@pytest.mark.parametrize("days", [15, 30])
def test_it_answers_410_after_the_invitation_days(client, invite, smtp_server, settings, days):
    settings.FORUM_INVITATION_DAYS = 14
    user, invitation = invite()
    Invitation.objects.filter(pk=invitation.pk).update(created=timezone.now() - timedelta(days=days))
    response = client.post(_path(smtp_server.messages[0]), _accept_data())
    assert response.status_code == 410
    user.refresh_from_db()
    assert not user.is_active


def test_it_still_accepts_just_before_expiry(client, invite, smtp_server, settings):
    settings.FORUM_INVITATION_DAYS = 14
    _, invitation = invite()
    Invitation.objects.filter(pk=invitation.pk).update(created=timezone.now() - timedelta(days=13, hours=23))
    assert client.get(_path(smtp_server.messages[0])).status_code == 200


@pytest.mark.parametrize("token", ["gefaelscht", "eyJpbnZpdGF0aW9uIjoxfQ:1abcde:Zm9yZ2Vk"])
def test_it_answers_410_for_a_forged_link(client, token):
    response = client.get(f"/konto/einladung/{token}/")
    assert response.status_code == 410
    assert 'name="new_password1"' not in response.content.decode()


def test_it_answers_410_for_a_tampered_link(client, invite, smtp_server):
    invite()
    path = _path(smtp_server.messages[0])
    tampered = path[:-2] + ("A" if path[-2] != "A" else "B") + "/"
    assert client.get(tampered).status_code == 410
