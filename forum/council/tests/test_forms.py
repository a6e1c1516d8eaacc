"""The paper form with its rows: one transaction, German messages at the fields, nothing half-saved."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from forum.core.models import Visibility
from forum.council.forms import PaperEditor
from forum.council.models import Consultation, Paper, PaperLink, PaperNumber, Signatory
from forum.meetings.models import AgendaItem
from forum.meetings.tests.factories import MeetingFactory

from .factories import consultation_row, paper_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordination(user_in_role, district):
    return user_in_role("coordination", district)


def _editor(data, coordination, paper=None):
    from forum.council.tests.factories import the_district

    return PaperEditor(data, paper=paper or Paper(organisation=the_district()), user=coordination)


def test_a_new_paper_is_saved_with_its_rows_in_order(coordination, kreistag, ausschuss):
    data = paper_data(
        consultations=[
            consultation_row(ausschuss, date="2022-01-12", role=Consultation.Role.PRELIMINARY, status="members"),
            consultation_row(kreistag),
        ],
        signatories=[{"name": "Marion Dammann", "function": "Landrätin"}, {"name": "", "function": ""}],
        links=[{"title": "Willensbekundung", "path": "/willensbekundungen/1/"}],
    )
    editor = _editor(data, coordination)
    assert editor.save(), editor.form.errors
    paper = Paper.objects.get(title__startswith="Digitale Zusammenarbeit")
    assert paper.number == "001/2021" or paper.year == 2021
    rows = list(paper.consultations.order_by("position"))
    assert [(c.committee, c.visibility, c.position) for c in rows] == [
        (ausschuss, Visibility.MEMBERS, 0),
        (kreistag, Visibility.PUBLIC, 1),
    ]
    assert list(paper.signatories.values_list("name", flat=True)) == ["Marion Dammann"]
    assert list(paper.links.values_list("path", flat=True)) == ["/willensbekundungen/1/"]


def test_a_consultation_before_the_papers_date_is_refused_on_create(coordination, kreistag):
    numbers = PaperNumber.objects.filter(year=2021).values_list("last", flat=True).first()
    editor = _editor(paper_data(consultations=[consultation_row(kreistag, date="2021-12-01")]), coordination)
    assert not editor.save()
    row = editor.consultations.forms[0]
    assert "date" in row.errors
    assert "22.12.2021" in str(row.errors["date"])
    assert not Paper.objects.filter(year=2021).exists()
    assert not Consultation.objects.exists()
    assert PaperNumber.objects.filter(year=2021).values_list("last", flat=True).first() == numbers
    assert editor.paper.pk is None  # shown again as a new paper


def test_a_duplicate_number_is_refused(coordination, make_paper):
    make_paper(serial=5)
    editor = _editor(paper_data(serial="5"), coordination)
    assert not editor.save()
    assert "005/2021" in str(editor.form.errors["serial"])
    assert Paper.objects.filter(year=2021).count() == 1


def test_a_resolution_needs_its_fields(coordination):
    editor = _editor(paper_data(kind=Paper.Kind.RESOLUTION), coordination)
    assert not editor.save()
    assert set(editor.form.errors) >= {"resolution_proposal", "climate_impact", "budget_area"}
    assert not Paper.objects.exists()


def test_an_agenda_item_of_another_meeting_is_refused(coordination, kreistag):
    start = timezone.now() + timedelta(days=30)
    one = MeetingFactory(committee=kreistag, title="Kreistag 1", start=start, end=start + timedelta(hours=2))
    other = MeetingFactory(
        committee=kreistag, title="Kreistag 2", start=start + timedelta(days=7), end=start + timedelta(days=7, hours=2)
    )
    item = AgendaItem.objects.create(meeting=other, number="3", title="Digitalisierungsforum")
    row = consultation_row(kreistag, date=start.date().isoformat(), meeting=one.pk, agenda_item=item.pk)
    editor = _editor(paper_data(date=timezone.localdate().isoformat(), consultations=[row]), coordination)
    assert not editor.save()
    assert "agenda_item" in editor.consultations.forms[0].errors
    assert not Paper.objects.exists()


def test_editing_changes_deletes_and_keeps_rows(coordination, paper, kreistag, ausschuss):
    consultation = paper.consultations.get()
    signatory = paper.signatories.get()
    data = paper_data(
        serial="5",
        title="Geänderter Titel",
        consultations=[
            consultation_row(kreistag, id=consultation.pk, status="members"),
            consultation_row(ausschuss, date="2022-01-12"),
        ],
        signatories=[{"id": signatory.pk, "name": signatory.name, "function": signatory.function, "DELETE": "on"}],
        initial={"consultations": 1, "signatories": 1},
    )
    editor = _editor(data, coordination, paper=Paper.objects.get(pk=paper.pk))
    assert editor.save(), [editor.form.errors, *[f.errors for f in editor.consultations.forms]]
    paper.refresh_from_db()
    assert paper.title == "Geänderter Titel"
    assert paper.number == "005/2021"
    assert Consultation.objects.get(pk=consultation.pk).visibility == Visibility.MEMBERS
    assert paper.consultations.count() == 2
    assert not Signatory.objects.filter(pk=signatory.pk).exists()


def test_an_invalid_row_leaves_the_paper_as_it_was(coordination, paper, kreistag):
    consultation = paper.consultations.get()
    data = paper_data(
        serial="5",
        title="Geänderter Titel",
        consultations=[consultation_row(kreistag, id=consultation.pk, date="2020-01-01")],
        links=[{"title": "Außerhalb", "path": "https://example.org/"}],
        initial={"consultations": 1},
    )
    editor = _editor(data, coordination, paper=Paper.objects.get(pk=paper.pk))
    assert not editor.save()
    assert "path" in editor.links.forms[0].errors
    assert Paper.objects.get(pk=paper.pk).title != "Geänderter Titel"
    assert not PaperLink.objects.exists()


def test_moving_the_papers_date_after_a_consultation_is_refused(coordination, paper, kreistag):
    consultation = paper.consultations.get()
    data = paper_data(
        serial="5",
        date="2022-02-01",
        consultations=[consultation_row(kreistag, id=consultation.pk)],
        initial={"consultations": 1},
    )
    editor = _editor(data, coordination, paper=Paper.objects.get(pk=paper.pk))
    assert not editor.save()
    assert "date" in editor.consultations.forms[0].errors
    assert Paper.objects.get(pk=paper.pk).date.isoformat() == "2021-12-22"


def test_the_seed_paper_is_numbered_in_the_year_of_its_session(coordination, kreistag):
    data = paper_data(serial="5", number_year="2022", consultations=[consultation_row(kreistag)])
    editor = _editor(data, coordination)
    assert editor.save(), editor.form.errors
    paper = Paper.objects.get()
    assert (paper.number, paper.date.isoformat()) == ("005/2022", "2021-12-22")
    assert paper.get_absolute_url() == "/vorlagen/2022-005/"
    # Edited later, the number's year stays whatever the form sends.
    editor = _editor(paper_data(serial="5", number_year="1999", title="Neu"), coordination, paper=paper)
    assert editor.save(), editor.form.errors
    paper.refresh_from_db()
    assert (paper.number, paper.title) == ("005/2022", "Neu")
