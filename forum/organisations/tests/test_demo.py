"""Beispieldaten: create_demo and the load_demo command."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from forum.accounts.models import User
from forum.core.models import Visibility
from forum.organisations.demo import DEMO_PASSWORD, create_demo
from forum.organisations.models import Committee, Membership, Organisation, Person, Role

pytestmark = pytest.mark.django_db

KREIS = settings.FORUM_KREISSCHLUESSEL
DEMO_EMAILS = {
    Role.Kind.COORDINATION: "koordination@example.org",
    Role.Kind.OPERATOR: "betrieb@example.org",
    Role.Kind.EDITOR: "redaktion@example.org",
    Role.Kind.MEMBER: "mitglied@example.org",
}


def _counts() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "roles": Role.objects.count(),
        "people": Person.objects.count(),
        "committees": Committee.objects.count(),
        "memberships": Membership.objects.count(),
        "history": Person.history.count() + Committee.history.count() + Membership.history.count(),
    }


def test_it_creates_one_account_per_role():
    accounts = create_demo(KREIS)
    assert {account.role for account in accounts} == set(DEMO_EMAILS)
    for kind, email in DEMO_EMAILS.items():
        user = User.objects.get(email=email)
        assert user.is_active and user.check_password(DEMO_PASSWORD)
        assert list(Role.objects.filter(user=user).values_list("kind", flat=True)) == [kind]


def test_organisation_roles_go_to_the_largest_town_and_the_smallest_municipality():
    create_demo(KREIS)
    editor = Role.objects.get(user__email=DEMO_EMAILS[Role.Kind.EDITOR])
    member = Role.objects.get(user__email=DEMO_EMAILS[Role.Kind.MEMBER])
    assert editor.organisation.name == "Lörrach"
    assert member.organisation.name == "Böllen"
    assert Role.objects.get(user__email=DEMO_EMAILS[Role.Kind.COORDINATION]).organisation is None


def test_only_the_operator_account_may_use_the_admin():
    create_demo(KREIS)
    staff = set(User.objects.filter(email__in=DEMO_EMAILS.values(), is_staff=True).values_list("email", flat=True))
    assert staff == {DEMO_EMAILS[Role.Kind.OPERATOR]}


def test_the_demo_accounts_have_the_permissions_of_their_roles(loerrach, binzen):
    create_demo(KREIS)
    editor = User.objects.get(email=DEMO_EMAILS[Role.Kind.EDITOR])
    coordinator = User.objects.get(email=DEMO_EMAILS[Role.Kind.COORDINATION])
    member = User.objects.get(email=DEMO_EMAILS[Role.Kind.MEMBER])
    assert editor.has_perm("organisations.change_organisation", loerrach)
    assert not editor.has_perm("organisations.change_organisation", binzen)
    assert coordinator.has_perm("organisations.change_organisation", binzen)
    assert not member.has_perm("organisations.change_organisation", binzen)
    internal = Person.objects.filter(visibility=Visibility.MEMBERS, is_contact=True).first()
    assert internal is not None
    assert internal in Person.objects.visible_to(member)


def test_running_it_twice_changes_nothing():
    create_demo(KREIS)
    first = _counts()
    create_demo(KREIS)
    assert _counts() == first
    assert first["users"] == 4


def test_every_example_person_and_membership_is_marked_as_example():
    before_people, before_memberships = set(Person.objects.all()), set(Membership.objects.all())
    create_demo(KREIS)
    people = Person.objects.exclude(pk__in=[p.pk for p in before_people])
    memberships = Membership.objects.exclude(pk__in=[m.pk for m in before_memberships])
    assert people.count() > 4  # the demo accounts' records and the example contacts
    assert memberships.exists()
    assert not people.filter(is_example=False).exists()
    assert not memberships.filter(is_example=False).exists()
    # The demo accounts are linked to their person records.
    assert set(people.filter(user__isnull=False).values_list("user__email", flat=True)) == set(DEMO_EMAILS.values())


def test_example_contacts_are_public_and_members_only_in_turn():
    create_demo(KREIS)
    contacts = Person.objects.filter(
        is_contact=True, is_example=True, organisation__kind__in=Organisation.MUNICIPAL_KINDS
    )
    assert contacts.filter(visibility=Visibility.PUBLIC).exists()
    assert contacts.filter(visibility=Visibility.MEMBERS).exists()


def test_the_command_prints_the_log_ins():
    out = StringIO()
    call_command("load_demo", stdout=out)
    output = out.getvalue()
    assert DEMO_PASSWORD in output
    for email in DEMO_EMAILS.values():
        assert email in output
    assert User.objects.filter(email__in=DEMO_EMAILS.values()).count() == 4


def test_the_command_can_run_twice():
    call_command("load_demo", stdout=StringIO())
    before = _counts()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert _counts() == before
    assert DEMO_EMAILS[Role.Kind.EDITOR] in out.getvalue()


def test_the_command_asks_for_the_district_first(settings):
    settings.FORUM_KREISSCHLUESSEL = "09162"  # München: not loaded in this test database
    with pytest.raises(CommandError, match="load_district 09162"):
        call_command("load_demo", stdout=StringIO())
    assert not User.objects.filter(email__in=DEMO_EMAILS.values()).exists()
