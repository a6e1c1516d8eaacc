"""The example paper: Mitteilung 005/2022 as the seed document has it, created once."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings

from forum.council.models import Consultation, Paper, PaperLink, Signatory
from forum.portal.demo import create_demo

pytestmark = pytest.mark.django_db


def _counts() -> list[int]:
    return [model.objects.count() for model in (Paper, Consultation, Signatory, PaperLink)]


def test_it_creates_the_seed_paper_once() -> None:
    create_demo(settings.FORUM_KREISSCHLUESSEL)
    paper = Paper.objects.get(year=2022, serial=5)
    assert paper.number == "005/2022" and paper.date == date(2021, 12, 22)
    assert paper.kind == Paper.Kind.NOTICE and paper.is_example and paper.visibility == "public"
    assert (paper.department, paper.division) == ("Landrätin", "Persönlicher Referent der Landrätin")
    assert (paper.author_name, paper.author_phone) == ("Flohr, Jonathan", "07621 410-8010")
    assert paper.field_of_action is not None and paper.field_of_action.name == "Digitale Verwaltung"
    assert paper.guiding_principle is not None
    assert paper.guiding_principle.text.startswith("Der Landkreis beteiligt sich")
    assert paper.or_not_specified("budget_area") == "k.A." and paper.climate_impact == "none"
    assert "Seither fanden fünf – eines musste aus technischen Gründen abgebrochen werden" in paper.facts
    consultation = paper.consultations.get()
    assert consultation.committee.name == "Kreistag" and consultation.is_public
    assert consultation.date == date(2022, 1, 19) and consultation.role == "notice"
    assert [str(s) for s in paper.signatories.all()] == [
        "Marion Dammann, Landrätin",
        "Jonathan Flohr, Persönlicher Referent",
    ]
    assert sorted(u.title for u in paper.undertakings.all()) == [
        "Breitbandversorgung im Landkreis Lörrach",
        "Interkommunale Zusammenarbeit Digitalisierung (IKZ)",
    ]
    paths = [link.path for link in paper.links.all()]
    assert paths[0].startswith("/vorhaben-des-landkreises/") and paths[1].startswith("/willensbekundungen/")
    before = _counts()
    create_demo(settings.FORUM_KREISSCHLUESSEL)
    assert _counts() == before
