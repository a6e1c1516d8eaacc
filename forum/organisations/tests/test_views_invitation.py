"""Inviting a person into an organisation: who may, the e-mail through real SMTP, and accepting the link."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from conftest import mail_text
from forum.accounts.models import Invitation, User
from forum.core.models import Visibility
from forum.core.roles import roles_of
from forum.organisations.models import Person, Role

from .helpers import EDITORS, ROLES, SAVED, element_text, log_in_as, only, outcome, section_text, title

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Rheinbruecke-Basel-2026"
INVITERS = EDITORS | {"operator"}
LINK = re.compile(r"https?://[^/\s]+(/konto/einladung/([^/\s]+)/)")


def _invitation(**changes):
    return {
        "full_name": "Nora Neumann",
        "email": "nora.neumann@loerrach.example.org",
        "role": Role.Kind.EDITOR,
        "note": "Willkommen im Forum!",
    } | changes


def _invite_url(organisation):
    return reverse("organisations:invite", args=[organisation.ags])


GET = {"invite": only(INVITERS, then=200)}
POST = {"invite": only(INVITERS, then=SAVED)}


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_the_invitation_form_by_role(role, client, user_in_role, loerrach):
    log_in_as(client, user_in_role, role, loerrach)
    assert outcome(client.get(_invite_url(loerrach))) == GET["invite"][role]


@pytest.mark.parametrize("role", ROLES)
def test_it_invites_by_role(role, client, user_in_role, loerrach):
    log_in_as(client, user_in_role, role, loerrach)
    result = outcome(client.post(_invite_url(loerrach), _invitation()))
    assert result == POST["invite"][role]
    invited = Role.objects.filter(user__email="nora.neumann@loerrach.example.org", organisation=loerrach)
    assert invited.exists() is (result == SAVED)


def test_an_editor_of_one_municipality_may_not_invite_to_another(client, user_in_role, loerrach, binzen):
    log_in_as(client, user_in_role, "editor_own", binzen)
    assert client.get(_invite_url(loerrach)).status_code == 403
    assert client.post(_invite_url(loerrach), _invitation()).status_code == 403
    assert not User.objects.filter(email="nora.neumann@loerrach.example.org").exists()


def test_an_invited_person_receives_a_link_that_activates_the_account(
    client, user_in_role, loerrach, smtp_server, django_capture_on_commit_callbacks
):
    editor = log_in_as(client, user_in_role, "editor_own", loerrach)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_invite_url(loerrach), _invitation(role=Role.Kind.MEMBER))
    assert response.status_code == 302
    assert response.url == loerrach.get_absolute_url()

    invited = User.objects.get(email="nora.neumann@loerrach.example.org")
    assert not invited.is_active and not invited.has_usable_password()
    assert len(smtp_server.messages) == 1
    mail = smtp_server.messages[0]
    assert mail["To"] == "nora.neumann@loerrach.example.org"
    body = mail_text(mail)
    assert "Nora Neumann" in body
    assert editor.full_name in body
    assert "Willkommen im Forum!" in body
    match = LINK.search(body)
    assert match, body
    assert match.group(0).startswith(f"{settings.FORUM_BASE_URL}/konto/einladung/")
    link = match.group(1)  # the path, for the test client

    client.logout()
    page = client.get(link)
    assert page.status_code == 200
    assert invited.email in page.content.decode()
    response = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD, "accept_terms": "on"})
    assert response.status_code == 302
    assert response.url == reverse("portal:account")

    invited.refresh_from_db()
    assert invited.is_active and invited.check_password(NEW_PASSWORD)
    assert client.session["_auth_user_id"] == str(invited.pk)
    assert client.get(reverse("portal:account")).status_code == 200
    assert Role.objects.current().filter(user=invited, kind=Role.Kind.MEMBER, organisation=loerrach).exists()
    assert loerrach.pk in roles_of(invited).member_of
    # A members-only person record, linked to the account and not shown as a contact.
    person = Person.objects.get(user=invited)
    assert (person.organisation, person.given_name, person.family_name) == (loerrach, "Nora", "Neumann")
    assert person.visibility == Visibility.MEMBERS and not person.is_contact

    # The link works once.
    client.logout()
    assert client.get(link).status_code == 410
    assert (
        client.post(link, {"new_password1": "x" * 12, "new_password2": "x" * 12, "accept_terms": "on"}).status_code
        == 410
    )
    invited.refresh_from_db()
    assert invited.check_password(NEW_PASSWORD)


def test_the_new_editor_may_edit_their_municipality_after_accepting(
    client, user_in_role, loerrach, smtp_server, django_capture_on_commit_callbacks
):
    log_in_as(client, user_in_role, "coordination", loerrach)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_invite_url(loerrach), _invitation(role=Role.Kind.EDITOR))
    link = LINK.search(mail_text(smtp_server.messages[0])).group(1)
    client.logout()
    client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD, "accept_terms": "on"})
    assert client.get(reverse("organisations:organisation_edit", args=[loerrach.ags])).status_code == 200


@pytest.mark.parametrize(
    "token",
    [
        "forged",
        "eyJpbnZpdGF0aW9uIjoxfQ:1tFake:abcdefghijklmnopqrstuvwxyz0123456789ABCDEF",
    ],
)
def test_a_forged_link_answers_410(token, client):
    response = client.get(reverse("accounts:accept_invitation", args=[token]))
    assert response.status_code == 410


def test_a_token_signed_for_something_else_answers_410(client, make_user):
    from django.core import signing

    invitation = Invitation.objects.create(user=make_user(is_active=False))
    token = signing.dumps({"invitation": invitation.pk}, salt="another.purpose")
    assert client.get(reverse("accounts:accept_invitation", args=[token])).status_code == 410


def test_an_expired_link_answers_410(client, make_user):
    invitation = Invitation.objects.create(user=make_user(is_active=False))
    Invitation.objects.filter(pk=invitation.pk).update(
        created=timezone.now() - timedelta(days=settings.FORUM_INVITATION_DAYS, minutes=1)
    )
    assert client.get(reverse("accounts:accept_invitation", args=[invitation.token()])).status_code == 410


def test_accepting_with_bad_input_keeps_the_account_inactive(client, make_user):
    invited = make_user(is_active=False)
    invitation = Invitation.objects.create(user=invited)
    url = reverse("accounts:accept_invitation", args=[invitation.token()])
    good_title = title(client.get(url))
    response = client.post(
        url, {"new_password1": NEW_PASSWORD, "new_password2": "anders-als-oben-1", "accept_terms": "on"}
    )
    assert response.status_code == 200
    assert element_text(response, "fehler") is not None
    assert title(response) != good_title
    invited.refresh_from_db()
    assert not invited.is_active
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None
    assert "_auth_user_id" not in client.session


def test_inviting_an_active_user_adds_the_role_without_mail(
    client, user_in_role, loerrach, make_user, smtp_server, django_capture_on_commit_callbacks
):
    existing = make_user("bestehend@example.org", full_name="Bea Bestehend")
    log_in_as(client, user_in_role, "editor_own", loerrach)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _invite_url(loerrach), _invitation(email="Bestehend@Example.org", full_name="Bea Bestehend", role="member")
        )
    assert response.status_code == 302
    assert smtp_server.messages == []
    assert not Invitation.objects.filter(user=existing).exists()
    assert Role.objects.filter(user=existing, kind=Role.Kind.MEMBER, organisation=loerrach).count() == 1
    existing.refresh_from_db()
    assert existing.check_password("geheim-passwort-123")  # the account is untouched

    # Inviting again changes nothing.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_invite_url(loerrach), _invitation(email="bestehend@example.org", role="member"))
    assert Role.objects.filter(user=existing).count() == 1
    assert Person.objects.filter(user=existing).count() == 1
    assert smtp_server.messages == []


def test_a_person_not_yet_accepted_can_be_invited_again(
    client, user_in_role, loerrach, smtp_server, django_capture_on_commit_callbacks
):
    log_in_as(client, user_in_role, "editor_own", loerrach)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(_invite_url(loerrach), _invitation()).status_code == 302
    assert len(smtp_server.messages) == 2
    assert User.objects.filter(email="nora.neumann@loerrach.example.org").count() == 1
    assert Person.objects.filter(user__email="nora.neumann@loerrach.example.org").count() == 1


@pytest.mark.parametrize(
    "changes",
    [{"email": "keine-adresse"}, {"full_name": ""}, {"role": Role.Kind.COORDINATION}, {"role": Role.Kind.OPERATOR}],
)
def test_bad_invitation_input_is_shown_on_the_form_and_nothing_is_saved(
    changes, client, user_in_role, loerrach, smtp_server, django_capture_on_commit_callbacks
):
    log_in_as(client, user_in_role, "editor_own", loerrach)
    good_title = title(client.get(_invite_url(loerrach)))
    users_before, roles_before = User.objects.count(), Role.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_invite_url(loerrach), _invitation(**changes))
    assert response.status_code == 200
    assert element_text(response, "fehler") is not None
    assert title(response) != good_title
    assert (User.objects.count(), Role.objects.count()) == (users_before, roles_before)
    assert smtp_server.messages == []


def test_the_invited_persons_record_is_not_public(client, user_in_role, loerrach):
    log_in_as(client, user_in_role, "editor_own", loerrach)
    client.post(_invite_url(loerrach), _invitation())
    person = Person.objects.get(user__email="nora.neumann@loerrach.example.org")
    client.logout()
    assert client.get(person.get_absolute_url()).status_code == 404
    assert "nora.neumann@loerrach.example.org" not in section_text(
        client.get(loerrach.get_absolute_url()), "ansprechpersonen"
    )


def test_an_older_invitation_link_stops_working_once_the_account_is_active(
    client, user_in_role, loerrach, smtp_server, django_capture_on_commit_callbacks
):
    log_in_as(client, user_in_role, "editor_own", loerrach)
    for _ in range(2):  # e.g. the editor sent the invitation again
        with django_capture_on_commit_callbacks(execute=True):
            client.post(_invite_url(loerrach), _invitation())
    first, second = (LINK.search(mail_text(message)).group(1) for message in smtp_server.messages)
    client.logout()
    client.post(second, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD, "accept_terms": "on"})
    client.logout()

    other_password = "Ganz-anderes-Passwort-77"
    response = client.post(
        first, {"new_password1": other_password, "new_password2": other_password, "accept_terms": "on"}
    )
    invited = User.objects.get(email="nora.neumann@loerrach.example.org")
    assert invited.check_password(NEW_PASSWORD)
    assert response.status_code == 410
