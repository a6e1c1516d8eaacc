"""Papers on the pages they concern: a meeting's agenda items and an undertaking's page, as each person may see them."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from forum.cooperation.models import Undertaking
from forum.core.models import Visibility
from forum.council.models import Paper
from forum.meetings.models import AgendaItem, Meeting
from forum.meetings.tests.factories import AgendaItemFactory, MeetingFactory, berlin
from forum.organisations.models import Committee, Organisation
from forum.organisations.tests.helpers import log_in_as

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(kreistag: Committee) -> Any:
    """The public Kreistag session of 19.01.2022."""
    return MeetingFactory(committee=kreistag, title="Sitzung des Kreistags", start=berlin(2022, 1, 19, 15))


@pytest.fixture
def item(session: Meeting) -> Any:
    return AgendaItemFactory(meeting=session, number="7", title="Digitale Zusammenarbeit")


def _consult(paper: Paper, item: AgendaItem, **fields: Any) -> Any:
    return factories.ConsultationFactory(
        paper=paper, committee=item.meeting.committee, meeting=item.meeting, agenda_item=item, **fields
    )


def _agenda_item_html(client: Any, item: AgendaItem) -> str:
    page = client.get(item.meeting.get_absolute_url()).content.decode()
    start = page.index(f'id="top-{item.pk}"')
    return page[start : page.index("</ol>", start)]


def test_a_paper_consulted_at_an_agenda_item_shows_under_it(client, paper, item):
    _consult(paper, item)
    html = _agenda_item_html(client, item)
    assert (
        f'<a class="kern-link" href="{paper.get_absolute_url()}">{paper.number} {paper.title}</a> (Kenntnisnahme)'
        in html
    )


def test_a_members_only_paper_stays_hidden_from_the_public(client, user_in_role, loerrach, make_paper, item):
    hidden = make_paper(title="Interne Vorlage", visibility=Visibility.MEMBERS)
    _consult(hidden, item)
    assert "Interne Vorlage" not in client.get(item.meeting.get_absolute_url()).content.decode()
    log_in_as(client, user_in_role, "member_other", loerrach)
    assert "Interne Vorlage" in client.get(item.meeting.get_absolute_url()).content.decode()


def test_a_non_public_consultation_of_a_public_paper_stays_hidden(client, paper, item):
    _consult(paper, item, visibility=Visibility.MEMBERS)
    assert paper.get_absolute_url() not in client.get(item.meeting.get_absolute_url()).content.decode()


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("role", ["anonymous", "member_other", "coordination"])
def test_the_meeting_page_costs_the_same_for_one_paper_and_for_many(
    role, client, user_in_role, loerrach, make_paper, paper, session, item
):
    log_in_as(client, user_in_role, role, loerrach)
    _consult(paper, item)
    few = _queries(client, session.get_absolute_url())
    for number in range(8, 14):
        other_item: Any = AgendaItemFactory(meeting=session, number=str(number))
        for _ in range(3):
            _consult(make_paper(), other_item)
    assert _queries(client, session.get_absolute_url()) == few


@pytest.fixture
def undertaking(loerrach: Organisation, district: Organisation) -> Undertaking:
    return Undertaking.objects.create(
        title="Interkommunale Zusammenarbeit Digitalisierung",
        lead=district,
        governing_organisation=district,
        visibility=Visibility.PUBLIC,
    )


def test_the_undertaking_page_lists_the_papers_concerning_it(client, paper, undertaking, make_paper):
    paper.undertakings.add(undertaking)
    make_paper(title="Betrifft etwas anderes")
    page = client.get(undertaking.get_absolute_url()).content.decode()
    assert f'<a class="kern-link" href="{paper.get_absolute_url()}">{paper.number} {paper.title}</a>' in page
    assert "Betrifft etwas anderes" not in page


def test_the_undertaking_page_hides_members_only_papers_from_the_public(
    client, user_in_role, loerrach, make_paper, undertaking
):
    make_paper(title="Interne Vorlage", visibility=Visibility.MEMBERS).undertakings.add(undertaking)
    make_paper(title="Entwurf einer Vorlage", is_draft=True).undertakings.add(undertaking)
    page = client.get(undertaking.get_absolute_url()).content.decode()
    assert "Interne Vorlage" not in page and "Entwurf einer Vorlage" not in page
    assert 'aria-labelledby="vorlagen-1"' not in page  # no empty section
    log_in_as(client, user_in_role, "member_other", loerrach)
    page = client.get(undertaking.get_absolute_url()).content.decode()
    assert "Interne Vorlage" in page and "Entwurf einer Vorlage" not in page
