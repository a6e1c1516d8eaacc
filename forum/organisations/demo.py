"""Beispieldaten: demo accounts for every role, example people and memberships, all marked as such.

The committees themselves (forum, Kreistag, Verbandsversammlung) are real bodies named in the council paper,
so they are not marked as example data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from forum.accounts.models import User
from forum.core.models import Visibility

from .models import Committee, Membership, Organisation, Person, Role

DEMO_PASSWORD = "forum-demo-2026"
SEED_SOURCE = "Landkreis Lörrach, Mitteilung 005/2022 an den Kreistag (19.01.2022)"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: str
    ags: str | None
    description: str


def demo_accounts(kreisschluessel: str) -> list[DemoAccount]:
    """One account per role. Organisation roles go to the district's largest town and smallest municipality."""
    municipalities = Organisation.objects.municipalities().filter(district__ags=kreisschluessel)
    largest = municipalities.order_by("-population").first()
    smallest = municipalities.order_by("population").first()
    accounts = [
        DemoAccount(
            "koordination@example.org", "Kim Koordination (Beispiel)", Role.Kind.COORDINATION, None, "Koordination"
        ),
        DemoAccount("betrieb@example.org", "Bo Betrieb (Beispiel)", Role.Kind.OPERATOR, None, "Betrieb"),
    ]
    if largest:
        accounts.append(
            DemoAccount(
                "redaktion@example.org",
                "Rita Redaktion (Beispiel)",
                Role.Kind.EDITOR,
                largest.ags,
                f"Redaktion {largest.name}",
            )
        )
    if smallest:
        accounts.append(
            DemoAccount(
                "mitglied@example.org",
                "Mo Mitglied (Beispiel)",
                Role.Kind.MEMBER,
                smallest.ags,
                f"Mitglied {smallest.name}",
            )
        )
    return accounts


def _person(
    organisation: Organisation | None, given: str, family: str, function: str, visibility: str, **extra: object
) -> Person:
    person, _ = Person.objects.get_or_create(
        organisation=organisation,
        given_name=given,
        family_name=family,
        defaults={"function": function, "visibility": visibility, "is_example": True, **extra},
    )
    return person


@transaction.atomic
def create_demo(kreisschluessel: str) -> list[DemoAccount]:
    """Create the example content once; running it again changes nothing."""
    district = Organisation.objects.get(ags=kreisschluessel)
    accounts = demo_accounts(kreisschluessel)
    for account in accounts:
        user = User.objects.filter(email=account.email).first()
        if user is None:
            user = User.objects.create_user(
                account.email,
                DEMO_PASSWORD,
                full_name=account.full_name,
                is_staff=account.role == Role.Kind.OPERATOR,
                is_superuser=account.role == Role.Kind.OPERATOR,
            )
        organisation = Organisation.objects.get(ags=account.ags) if account.ags else None
        Role.objects.get_or_create(user=user, kind=account.role, organisation=organisation)
        given, _, family = account.full_name.removesuffix(" (Beispiel)").partition(" ")
        _person(
            organisation or district,
            given,
            family,
            account.description,
            Visibility.MEMBERS,
            user=user,
            email=account.email,
            is_contact=False,
        )

    forum, _ = Committee.objects.get_or_create(
        kind=Committee.Kind.FORUM,
        organisation=district,
        defaults={
            "name": "Kommunales Digitalisierungsforum",
            "short_name": "Digitalisierungsforum",
            "start_date": date(2020, 11, 1),
            "description": (
                "Austausch des Landkreises mit seinen Städten und Gemeinden zur Digitalisierung, seit November 2020. "
                f"Koordination über das Büro der Landrätin.\n\nQuelle: {SEED_SOURCE}"
            ),
        },
    )
    Committee.objects.get_or_create(
        kind=Committee.Kind.COUNCIL,
        organisation=district,
        defaults={"name": "Kreistag", "description": f"Hauptorgan des Landkreises.\n\nQuelle: {SEED_SOURCE}"},
    )
    broadband = Organisation.objects.filter(
        kind=Organisation.Kind.SPECIAL_PURPOSE_ASSOCIATION, name__icontains="Breitband"
    ).first()
    if broadband:
        Committee.objects.get_or_create(
            kind=Committee.Kind.ASSEMBLY,
            organisation=broadband,
            defaults={
                "name": "Verbandsversammlung des Zweckverbands Breitbandversorgung",
                "description": f"Entscheidet über das Vorhaben des Zweckverbands.\n\nQuelle: {SEED_SOURCE}",
            },
        )

    office = _person(
        district,
        "Erika",
        "Beispiel",
        "Koordination Digitalisierungsforum, Büro der Landrätin",
        Visibility.PUBLIC,
        email="digitalisierungsforum@example.org",
        phone="07621 000-0000",
    )
    Membership.objects.get_or_create(
        person=office,
        committee=forum,
        defaults={
            "on_behalf_of": district,
            "role": "Koordination",
            "start_date": date(2020, 11, 1),
            "is_example": True,
        },
    )
    contacts = [
        (Visibility.PUBLIC, "Max", "Muster", "Digitalisierungsbeauftragter"),
        (Visibility.MEMBERS, "Lea", "Vorbild", "Hauptamtsleiterin"),
    ]
    for index, organisation in enumerate(
        Organisation.objects.municipalities().filter(district=district).order_by("-population")[:6]
    ):
        visibility, given, family, function = contacts[index % 2]
        slug = organisation.slug.split("-")[0]
        person = _person(
            organisation,
            given,
            family,
            function,
            visibility,
            email=f"{given.lower()}.{family.lower()}@{slug}.example.org",
            phone="07621 000-1000",
        )
        Membership.objects.get_or_create(
            person=person,
            committee=forum,
            defaults={
                "on_behalf_of": organisation,
                "role": "Mitglied",
                "start_date": date(2020, 11, 1),
                "is_example": True,
            },
        )
    return accounts
