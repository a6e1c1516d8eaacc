"""Factories for the council app: papers of the real district, their consultations and signatories."""

from __future__ import annotations

from datetime import date
from typing import Any

import factory
from django.conf import settings

from forum.core.models import Visibility
from forum.council.models import Consultation, Paper, Signatory
from forum.organisations.models import Organisation


def the_district() -> Organisation:
    return Organisation.objects.get(ags=settings.FORUM_KREISSCHLUESSEL)


class PaperFactory(factory.django.DjangoModelFactory):
    """A public Mitteilungsvorlage of the district, dated 22.12.2021; numbered automatically unless ``serial`` given."""

    class Meta:
        model = Paper

    organisation = factory.LazyFunction(the_district)
    kind = Paper.Kind.NOTICE
    date = date(2021, 12, 22)
    title = factory.Sequence(lambda n: f"Vorlage {n:03d}")
    department = "Landrätin"
    division = "Persönlicher Referent der Landrätin"
    author_name = "Flohr, Jonathan"
    author_phone = "07621 410-8010"
    facts = "Die Städte und Gemeinden tauschen sich aus."
    visibility = Visibility.PUBLIC


class ConsultationFactory(factory.django.DjangoModelFactory):
    """A public consultation for notice (Kenntnisnahme) on 19.01.2022; pass ``paper`` and ``committee``."""

    class Meta:
        model = Consultation

    date = date(2022, 1, 19)
    role = Consultation.Role.NOTICE
    visibility = Visibility.PUBLIC


class SignatoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signatory

    name = "Marion Dammann"
    function = "Landrätin"


ROWS = ("consultations", "signatories", "links")


def rows_data(prefix: str, rows: list[dict[str, Any]], *, initial: int = 0) -> dict[str, Any]:
    """The POST data of one formset of the paper form: management form and rows (``id`` for existing ones)."""
    data: dict[str, Any] = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def paper_data(
    *,
    consultations: list[dict[str, Any]] | None = None,
    signatories: list[dict[str, Any]] | None = None,
    links: list[dict[str, Any]] | None = None,
    initial: dict[str, int] | None = None,
    **changes: Any,
) -> dict[str, Any]:
    """POST data of the paper form: a public Mitteilungsvorlage of 22.12.2021 without rows unless given."""
    data: dict[str, Any] = {
        "kind": Paper.Kind.NOTICE,
        "serial": "",
        "date": "2021-12-22",
        "title": "Digitale Zusammenarbeit: Kommunales Digitalisierungsforum",
        "department": "Landrätin",
        "division": "Persönlicher Referent der Landrätin",
        "author_name": "Flohr, Jonathan",
        "author_phone": "07621 410-8010",
        "field_of_action": "",
        "guiding_principle": "",
        "budget_area": "",
        "product_group": "",
        "products": "",
        "climate_impact": "",
        "facts": "Die Städte und Gemeinden tauschen sich aus.",
        "resolution_proposal": "",
        "visibility": Visibility.PUBLIC,
    } | changes
    given = {"consultations": consultations, "signatories": signatories, "links": links}
    for prefix in ROWS:
        data |= rows_data(prefix, given[prefix] or [], initial=(initial or {}).get(prefix, 0))
    return data


def consultation_row(committee: Any, **changes: Any) -> dict[str, Any]:
    return {
        "committee": committee.pk,
        "status": Visibility.PUBLIC,
        "date": "2022-01-19",
        "role": Consultation.Role.NOTICE,
        "meeting": "",
        "agenda_item": "",
    } | changes
