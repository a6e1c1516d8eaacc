"""``manage.py load_demo``: example content and one demo log-in per role."""

from io import StringIO

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.management import CommandError, call_command

from forum.accounts.models import User
from forum.organisations.demo import DEMO_PASSWORD
from forum.organisations.models import Committee, Membership, Person, Role

pytestmark = pytest.mark.django_db

DEMO_EMAILS = ["koordination@example.org", "betrieb@example.org", "redaktion@example.org", "mitglied@example.org"]


def _load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_it_asks_for_the_district_first(settings):
    settings.FORUM_KREISSCHLUESSEL = "09162"  # not loaded in the test database
    with pytest.raises(CommandError, match="load_district 09162"):
        _load_demo()
    assert not User.objects.filter(email__in=DEMO_EMAILS).exists()


def test_it_prints_the_demo_log_ins(settings):
    output = _load_demo()
    assert DEMO_PASSWORD in output
    for email in DEMO_EMAILS:
        assert email in output


def test_it_creates_one_account_per_role():
    _load_demo()
    roles = {
        role.user.email: role
        for role in Role.objects.filter(user__email__in=DEMO_EMAILS).select_related("user", "organisation")
    }
    assert roles["koordination@example.org"].kind == Role.Kind.COORDINATION
    assert roles["betrieb@example.org"].kind == Role.Kind.OPERATOR
    assert roles["redaktion@example.org"].kind == Role.Kind.EDITOR
    assert roles["redaktion@example.org"].organisation.ags == "08336050"  # Lörrach, the largest town
    assert roles["mitglied@example.org"].kind == Role.Kind.MEMBER
    assert roles["mitglied@example.org"].organisation.district.ags == "08336"
    assert User.objects.get(email="betrieb@example.org").is_staff


@pytest.mark.parametrize("email", DEMO_EMAILS)
def test_it_lets_the_demo_accounts_log_in(client, email):
    _load_demo()
    client.post("/konto/anmelden/", {"username": email, "password": DEMO_PASSWORD})
    assert client.session.get(SESSION_KEY) == str(User.objects.get(email=email).pk)


def test_it_marks_the_example_content():
    _load_demo()
    assert Person.objects.filter(is_example=True).exists()
    assert not Person.objects.filter(user__email__in=DEMO_EMAILS, is_example=False).exists()
    assert Membership.objects.filter(is_example=True).exists()


def test_it_changes_nothing_when_run_again():
    _load_demo()
    counts = [model.objects.count() for model in (User, Role, Person, Committee, Membership)]
    output = _load_demo()
    assert [model.objects.count() for model in (User, Role, Person, Committee, Membership)] == counts
    assert DEMO_PASSWORD in output
