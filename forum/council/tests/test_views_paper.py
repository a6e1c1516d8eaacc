"""The pages of a paper as people read them: list with filters, detail like the seed paper, drafting, deleting."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from forum.cooperation.models import Undertaking
from forum.core.models import Visibility
from forum.council.models import Paper, PaperLink, PaperNumber
from forum.organisations.tests.helpers import element_text, log_in_as, section_text

from .factories import ConsultationFactory, PaperFactory

pytestmark = pytest.mark.django_db


def test_the_detail_shows_the_papers_fields_like_the_seed_paper(client, paper, district):
    paper.department = "Landrätin"
    paper.save()
    PaperLink.objects.create(paper=paper, title="Willensbekundung", path="/willensbekundungen/1/")
    undertaking = Undertaking.objects.create(
        title="Interkommunale Zusammenarbeit Digitalisierung",
        lead=district,
        governing_organisation=district,
        visibility=Visibility.PUBLIC,
    )
    hidden = Undertaking.objects.create(
        title="Geheimes Vorhaben", lead=district, governing_organisation=district, visibility=Visibility.COORDINATION
    )
    paper.undertakings.set([undertaking, hidden])
    response = client.get(paper.get_absolute_url())
    head = element_text(response, "kopf")
    assert "005/2021" in head
    assert "Landrätin 22.12.2021" in head
    assert "Persönlicher Referent der Landrätin" in head and "Flohr, Jonathan" in head and "07621 410-8010" in head
    assert "Kreistag" in section_text(response, "beratungsfolge")
    assert "19.01.2022" in section_text(response, "beratungsfolge")
    strategy = section_text(response, "strategie").replace("„ ", "„").replace(" “", "“")  # around the link
    assert "„Digitale Verwaltung“" in strategy
    assert "„Der Landkreis beteiligt sich im Rahmen interkommunaler Zusammenarbeit" in strategy
    assert section_text(response, "haushalt").count("k.A.") == 4
    assert "Die Städte und Gemeinden tauschen sich aus." in section_text(response, "sachverhalt")
    assert "Marion Dammann, Landrätin" in section_text(response, "unterzeichnung")
    assert "Willensbekundung" in section_text(response, "anlagen")
    assert "Interkommunale Zusammenarbeit Digitalisierung" in section_text(response, "vorhaben")
    assert "Geheimes Vorhaben" not in response.content.decode()
    assert section_text(response, "beschlussvorschlag") is None  # only when there is one


def test_the_list_filters_by_year_type_and_search(client, make_paper):
    make_paper(title="Breitbandausbau im Landkreis", date=date(2022, 3, 1), kind=Paper.Kind.RESOLUTION)
    make_paper(title="Onlinedienste der Kommunen", date=date(2023, 5, 1))
    url = reverse("council:paper_list")
    text = client.get(url, {"year": "2022"}).content.decode()
    assert "Breitbandausbau" in text and "Onlinedienste" not in text
    text = client.get(url, {"kind": Paper.Kind.NOTICE}).content.decode()
    assert "Breitbandausbau" not in text and "Onlinedienste" in text
    text = client.get(url, {"q": "online"}).content.decode()
    assert "Breitbandausbau" not in text and "Onlinedienste" in text
    text = client.get(url, {"q": "001/2023"}).content.decode()
    assert "Breitbandausbau" not in text and "Onlinedienste" in text
    text = client.get(url).content.decode()
    assert text.index("Onlinedienste") < text.index("Breitbandausbau")  # newest first


@pytest.mark.parametrize("role", ["anonymous", "member_other", "coordination"])
def test_the_list_costs_the_same_queries_for_3_and_30_papers(
    role, client, user_in_role, district, kreistag, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    log_in_as(client, user_in_role, role, district)

    def add(n: int) -> None:
        for index in range(n):
            paper = PaperFactory(visibility=Visibility.MEMBERS if index % 3 else Visibility.PUBLIC)
            ConsultationFactory(paper=paper, committee=kreistag)
            ConsultationFactory(paper=paper, committee=kreistag, visibility=Visibility.MEMBERS)

    add(3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("council:paper_list")).status_code == 200
    add(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("council:paper_list")).status_code == 200


def test_the_detail_costs_the_same_queries_with_more_rows(client, paper, kreistag, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(paper.get_absolute_url())
    for _ in range(10):
        ConsultationFactory(paper=paper, committee=kreistag)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(paper.get_absolute_url())


def test_drafting_fills_empty_facts_and_opens_the_form(client, user_in_role, district, paper):
    Paper.objects.filter(pk=paper.pk).update(facts="")
    log_in_as(client, user_in_role, "coordination", district)
    response = client.post(reverse("council:paper_draft", args=[paper.year, paper.serial]))
    assert response.url == reverse("council:paper_edit", args=[paper.year, paper.serial])
    paper.refresh_from_db()
    assert paper.facts.strip()


def test_drafting_over_text_asks_first_and_can_append(client, user_in_role, district, paper):
    log_in_as(client, user_in_role, "coordination", district)
    url = reverse("council:paper_draft", args=[paper.year, paper.serial])
    response = client.post(url)
    assert response.status_code == 200  # the question: replace or append?
    assert 'value="append"' in response.content.decode()
    assert Paper.objects.get(pk=paper.pk).facts == paper.facts
    client.post(url, {"mode": "append"})
    facts = Paper.objects.get(pk=paper.pk).facts
    assert facts.startswith(paper.facts.rstrip()) and len(facts) > len(paper.facts) + 10


def test_a_new_paper_from_the_forum_is_a_draft_notice_with_the_strategy(client, user_in_role, district):
    log_in_as(client, user_in_role, "coordination", district)
    response = client.post(reverse("council:paper_from_forum"))
    paper = Paper.objects.get()
    assert response.url == reverse("council:paper_edit", args=[paper.year, paper.serial])
    assert paper.kind == Paper.Kind.NOTICE and paper.is_draft and paper.organisation == district
    assert paper.field_of_action.name == "Digitale Verwaltung"
    assert paper.guiding_principle is not None and paper.facts.strip()
    assert client.get(response.url).status_code == 200


def test_a_deleted_papers_number_is_not_given_again(client, user_in_role, district, paper, kreistag):
    log_in_as(client, user_in_role, "coordination", district)
    client.post(reverse("council:paper_delete", args=[paper.year, paper.serial]))
    assert not Paper.objects.filter(pk=paper.pk).exists()
    assert PaperNumber.objects.get(year=2021).last == 5
    assert PaperFactory().serial == 6


def test_the_form_shows_errors_in_german_with_a_summary(client, user_in_role, district, paper, kreistag):
    from .factories import consultation_row, paper_data

    log_in_as(client, user_in_role, "coordination", district)
    data = paper_data(serial="5", consultations=[consultation_row(kreistag, date="2021-01-01")])
    response = client.post(reverse("council:paper_create"), data)
    assert response.status_code == 200
    summary = element_text(response, "fehler")
    assert "005/2021" in summary  # the number taken, at the field "Nummer"
    assert 'id="id_serial_error"' in response.content.decode()
    assert Paper.objects.count() == 1


def test_an_edit_with_errors_shows_the_form_again_with_the_saved_number(
    client, user_in_role, district, paper, kreistag
):
    from .factories import consultation_row, paper_data

    log_in_as(client, user_in_role, "coordination", district)
    consultation = paper.consultations.get()
    data = paper_data(
        serial="",
        title="",
        consultations=[consultation_row(kreistag, id=consultation.pk, date="2020-01-01")],
        initial={"consultations": 1},
    )
    response = client.post(reverse("council:paper_edit", args=[paper.year, paper.serial]), data)
    assert response.status_code == 200
    assert 'href="/vorlagen/2021-005/"' in response.content.decode()
    assert element_text(response, "fehler")
    assert Paper.objects.get(pk=paper.pk).title == paper.title
