"""The Sachverhalt drafted from the forum's data: figures of this moment, only what the reader may see."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from forum.cooperation.models import Undertaking
from forum.core.models import Visibility
from forum.council.drafting import draft_facts
from forum.council.models import Paper
from forum.meetings.models import Meeting
from forum.organisations.models import Organisation
from forum.portal.demo import create_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def paper() -> Paper:
    create_demo(settings.FORUM_KREISSCHLUESSEL)
    paper = Paper(organisation=Organisation.objects.get(ags="08336"), date=date(2026, 5, 4), title="Bericht")
    paper.save()
    return paper


def test_paragraphs_are_separated_by_blank_lines_with_german_typography(paper: Paper) -> None:
    text = draft_facts(paper, AnonymousUser())
    paragraphs = text.strip().split("\n\n")
    assert len(paragraphs) >= 5
    assert "„" in text and "“" in text and " – " in text and '"' not in text
    assert "Seither fanden fünf" in paragraphs[0]


def test_without_chosen_undertakings_the_current_ones_are_named(paper: Paper) -> None:
    text = draft_facts(paper, AnonymousUser())
    assert "Zwei Vorhaben haben sich in der Folge herauskristallisiert:" in text
    ikz = Undertaking.objects.get(title__contains="IKZ")
    paper.undertakings.set([ikz])
    text = draft_facts(paper, AnonymousUser())
    assert "Ein Vorhaben hat sich" in text and "Breitband" not in text.split("Ein Vorhaben")[1].split("\n\n")[0]
    assert "Das Vorhaben folgt dem Leitgedanken" in text


def test_what_the_reader_may_not_see_stays_out(paper: Paper, user_in_role) -> None:
    ikz = Undertaking.objects.get(title__contains="IKZ")
    ikz.visibility = Visibility.COORDINATION
    ikz.save()
    last = Meeting.objects.filter(status=Meeting.Status.HELD).order_by("-start").first()
    assert last is not None
    last.visibility = Visibility.MEMBERS
    last.save()
    public = draft_facts(paper, AnonymousUser())
    assert "IKZ" not in public.split("\n\n")[2]  # the undertakings paragraph
    assert "Seither fanden vier" in public
    coordination = draft_facts(paper, user_in_role("coordination"))
    assert "Interkommunale Zusammenarbeit Digitalisierung (IKZ)" in coordination
    assert "Seither fanden fünf" in coordination


def test_events_after_the_paper_date_only(paper: Paper) -> None:
    assert "Kick-off-Workshop" not in draft_facts(paper, AnonymousUser())  # 2022 is before 04.05.2026
    paper.date = date(2022, 1, 10)
    assert "Am 06.04.2022 findet die Veranstaltung „Kick-off-Workshop" in draft_facts(paper, AnonymousUser())


def test_a_forum_without_data_gives_an_empty_draft() -> None:
    paper = Paper(organisation=Organisation.objects.get(ags="08336"), date=date(2026, 5, 4), title="Bericht")
    paper.save()
    assert draft_facts(paper, AnonymousUser()) == ""
