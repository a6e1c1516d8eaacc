"""Factories for the organisations app: people, committees and memberships of the real district.

The district and its 35 municipalities are real data (loaded once per session), so the factories
attach new content to an existing organisation; ``OrganisationFactory`` adds extra (fictitious)
municipalities or partner bodies where a test needs more rows than the district has.
"""

from __future__ import annotations

import factory
from django.conf import settings

from forum.core.models import Visibility
from forum.organisations.models import Committee, Membership, Organisation, Person


def _district() -> Organisation:
    return Organisation.objects.get(ags=settings.FORUM_KREISSCHLUESSEL)


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A fictitious municipality of the district (AGS 08336900 onwards, unused by the official register)."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Beispielgemeinde {n:03d}")
    kind = Organisation.Kind.MUNICIPALITY
    ags = factory.Sequence(lambda n: f"{settings.FORUM_KREISSCHLUESSEL}9{n % 100:02d}")
    slug = factory.Sequence(lambda n: f"beispielgemeinde-{n:03d}")
    district = factory.LazyFunction(_district)
    population = factory.Sequence(lambda n: 100 + n)
    visibility = Visibility.PUBLIC

    class Params:
        partner = factory.Trait(
            kind=Organisation.Kind.IT_PROVIDER,
            ags=None,
            name=factory.Sequence(lambda n: f"Beispiel-IT-Dienstleister {n:03d}"),
            slug=factory.Sequence(lambda n: f"beispiel-it-{n:03d}"),
        )


class PersonFactory(factory.django.DjangoModelFactory):
    """A public contact person; pass ``organisation`` (e.g. the ``loerrach`` fixture)."""

    class Meta:
        model = Person

    given_name = factory.Sequence(lambda n: f"Vorname{n}")
    family_name = factory.Sequence(lambda n: f"Nachname{n}")
    function = "Digitalisierungsbeauftragte"
    email = factory.LazyAttribute(lambda person: f"{person.given_name}.{person.family_name}@example.org".lower())
    phone = "07621 000-0000"
    is_contact = True
    visibility = Visibility.PUBLIC


class CommitteeFactory(factory.django.DjangoModelFactory):
    """A public working group; pass ``organisation``."""

    class Meta:
        model = Committee

    name = factory.Sequence(lambda n: f"Arbeitsgruppe {n:03d}")
    kind = Committee.Kind.WORKING_GROUP
    visibility = Visibility.PUBLIC


class MembershipFactory(factory.django.DjangoModelFactory):
    """A current public membership; the person belongs to the committee's organisation unless given."""

    class Meta:
        model = Membership

    committee = factory.SubFactory(CommitteeFactory)
    person = factory.SubFactory(PersonFactory, organisation=factory.SelfAttribute("..committee.organisation"))
    on_behalf_of = factory.SelfAttribute("person.organisation")
    role = "Mitglied"
    visibility = Visibility.PUBLIC
