"""User accounts (log-in by e-mail) and invitations."""

from datetime import timedelta

import pytest
from django.core import signing
from django.db import IntegrityError
from django.utils import timezone

from forum.accounts.models import Invitation, User

pytestmark = pytest.mark.django_db


def _age(invitation, days):
    """Time travel: make the invitation ``days`` old."""
    Invitation.objects.filter(pk=invitation.pk).update(created=timezone.now() - timedelta(days=days))
    invitation.refresh_from_db()


# User


def test_it_stores_the_email_in_lower_case():
    user = User.objects.create_user("Anna.Beispiel@Loerrach.EXAMPLE", "geheim-passwort-123", full_name="Anna")
    user.refresh_from_db()
    assert user.email == "anna.beispiel@loerrach.example"


def test_it_refuses_the_same_address_in_another_case():
    User.objects.create_user("anna@example.org", "geheim-passwort-123", full_name="Anna")
    with pytest.raises(IntegrityError):
        User.objects.create_user("ANNA@example.org", "geheim-passwort-123", full_name="Anna B.")


def test_it_lower_cases_the_email_on_clean():
    user = User(email="Bernd@Example.ORG", full_name="Bernd")
    user.clean()
    assert user.email == "bernd@example.org"


def test_it_requires_an_email():
    with pytest.raises(ValueError):
        User.objects.create_user("", "geheim-passwort-123")


def test_it_creates_a_superuser_with_admin_access():
    user = User.objects.create_superuser("betrieb@example.org", "geheim-passwort-123", full_name="Bo")
    assert user.is_superuser
    assert user.is_staff
    assert user.is_active
    assert user.check_password("geheim-passwort-123")


def test_it_creates_an_ordinary_user_without_admin_access(make_user):
    user = make_user()
    assert not user.is_staff
    assert not user.is_superuser
    assert user.is_active


def test_it_names_a_user_by_full_name_or_email():
    named = User(email="a@example.org", full_name="Anna Beispiel")
    unnamed = User(email="b@example.org", full_name="")
    assert (str(named), named.get_full_name(), named.get_short_name()) == ("Anna Beispiel",) * 3
    assert (str(unnamed), unnamed.get_full_name(), unnamed.get_short_name()) == ("b@example.org",) * 3


def test_it_uses_the_email_as_username():
    assert User.USERNAME_FIELD == "email"
    assert User.get_email_field_name() == "email"


# Invitation


@pytest.fixture
def invitation(make_user):
    invited = User.objects.create_user("neu@example.org", None, full_name="Nina Neu", is_active=False)
    return Invitation.objects.create(user=invited, invited_by=make_user())


def test_it_expires_after_the_configured_days(invitation, settings):
    settings.FORUM_INVITATION_DAYS = 14
    assert invitation.expires_at == invitation.created + timedelta(days=14)
    assert invitation.is_open
    _age(invitation, 13)
    assert invitation.is_open
    _age(invitation, 15)
    assert not invitation.is_open


def test_it_honours_a_shorter_validity(invitation, settings):
    settings.FORUM_INVITATION_DAYS = 2
    _age(invitation, 3)
    assert not invitation.is_open
    assert Invitation.from_token(invitation.token()) is None


def test_it_finds_the_invitation_by_its_token(invitation):
    found = Invitation.from_token(invitation.token())
    assert found == invitation
    assert found.user.email == "neu@example.org"


@pytest.mark.parametrize(
    "token",
    [
        "",
        "kein-token",
        signing.dumps({"invitation": 1}, salt="another.salt"),
        signing.dumps({"invitation": 999_999}, salt=Invitation.SALT),
    ],
)
def test_it_rejects_forged_or_unknown_tokens(token):
    assert Invitation.from_token(token) is None


def test_it_rejects_a_tampered_token(invitation):
    token = invitation.token()
    assert Invitation.from_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None


def test_it_rejects_an_expired_token(invitation):
    token = invitation.token()
    _age(invitation, 30)
    assert Invitation.from_token(token) is None


def test_it_activates_the_account_on_acceptance(invitation):
    invitation.accept(password="ein-gutes-neues-passwort")
    invitation.user.refresh_from_db()
    invitation.refresh_from_db()
    assert invitation.user.is_active
    assert invitation.user.check_password("ein-gutes-neues-passwort")
    assert invitation.accepted_at is not None
    assert not invitation.is_open


def test_it_cannot_be_used_twice(invitation):
    token = invitation.token()
    invitation.accept(password="ein-gutes-neues-passwort")
    assert Invitation.from_token(token) is None


def test_it_stores_nothing_secret(invitation):
    """The token is signed, not stored: the row holds no token to steal."""
    field_names = {field.name for field in Invitation._meta.get_fields()}
    assert not field_names & {"token", "secret", "key"}
    assert invitation.token() not in str(Invitation.objects.filter(pk=invitation.pk).values().get())
