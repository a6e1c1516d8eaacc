"""PDF and DOCX of a paper: Word headings and table, characters intact, nothing the reader may not see."""

from __future__ import annotations

import io
import subprocess
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from docx import Document

from forum.core.models import Visibility
from forum.council.models import Consultation, Paper, PaperLink, Signatory
from forum.council.rendering import paper_docx, paper_pdf
from forum.organisations.models import Committee, Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def paper() -> Paper:
    district = Organisation.objects.get(ags="08336")
    paper = Paper(
        organisation=district,
        kind=Paper.Kind.RESOLUTION,
        date=date(2026, 3, 2),
        title="Gemeinsame E-Akte – Kostenbeteiligung der Städte und Gemeinden",
        department="Landrätin",
        division="Digitalisierung",
        author_name="Müller, Jürgen",
        author_phone="07621 410-0000",
        budget_area="Zentrale Verwaltung",
        climate_impact=Paper.ClimateImpact.NEUTRAL,
        facts="Die Kosten betragen 12.000 € je Jahr – verteilt nach „Einwohnerzahl“.\n\n- Größere Städte\n- Gemeinden",
        resolution_proposal="Der Kreistag **beschließt** die Beteiligung.",
    )
    paper.full_clean()
    paper.save()
    council, _ = Committee.objects.get_or_create(
        kind=Committee.Kind.COUNCIL, organisation=district, defaults={"name": "Kreistag"}
    )
    Consultation.objects.create(paper=paper, committee=council, date=date(2026, 3, 20), role="decision")
    Consultation.objects.create(
        paper=paper,
        committee=council,
        date=date(2026, 3, 10),
        role="preliminary",
        visibility=Visibility.MEMBERS,
        position=0,
    )
    Committee.objects.get_or_create(
        kind=Committee.Kind.COMMITTEE,
        organisation=district,
        name="Verwaltungsausschuss",
    )
    Signatory.objects.create(paper=paper, name="Marion Dammann", function="Landrätin")
    PaperLink.objects.create(paper=paper, title="Kostenplan", path="/vorhaben-des-landkreises/")
    return paper


def docx_text(data: bytes) -> tuple[Any, str]:
    document = Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return document, "\n".join(parts)


def test_the_docx_keeps_headings_table_properties_and_characters(paper: Paper, user_in_role) -> None:
    coordination = user_in_role("coordination")
    document, text = docx_text(paper_docx(paper, coordination))
    styles = {paragraph.style.name for paragraph in document.paragraphs if paragraph.text.strip()}
    assert {"Heading 1", "Heading 2", "List Bullet"} <= styles
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == paper.title
    assert "■ Sachverhalt" in headings and "Beschlussvorschlag" in headings and "■ Anlagen" in headings
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["Beratungsfolge", "Status", "Datum", "Zuständigkeit"]
    assert [cell.text for cell in table.rows[1].cells] == ["Kreistag", "nichtöffentlich", "10.03.2026", "Vorberatung"]
    assert [cell.text for cell in table.rows[2].cells] == ["Kreistag", "öffentlich", "20.03.2026", "Beschluss"]
    for characters in ("12.000 €", "–", "„Einwohnerzahl“", "Größere", "Müller, Jürgen", "☒ neutral", "k.A."):
        assert characters in text, characters
    assert "Nr.: 001/2026" in text and "http://testserver/vorhaben-des-landkreises/" in text
    properties = document.core_properties
    assert properties.title == f"Beschlussvorlage 001/2026: {paper.title}"
    assert properties.language == "de-DE"
    bold = [run.text for p in document.paragraphs for run in p.runs if run.bold]
    assert "beschließt" in bold


def test_a_members_only_consultation_is_left_out_for_the_public(paper: Paper, tmp_path) -> None:
    anonymous = AnonymousUser()
    _document, text = docx_text(paper_docx(paper, anonymous))
    assert "nichtöffentlich" not in text and "10.03.2026" not in text and "Vorberatung" not in text
    assert "20.03.2026" in text
    path = tmp_path / "vorlage.pdf"
    path.write_bytes(paper_pdf(paper, anonymous))
    pdf = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "20.03.2026" in pdf and "Beschluss" in pdf
    assert "nichtöffentlich" not in pdf and "10.03.2026" not in pdf and "Vorberatung" not in pdf


def test_the_pdf_shows_the_members_consultation_to_members(paper: Paper, user_in_role, loerrach, tmp_path) -> None:
    path = tmp_path / "vorlage.pdf"
    path.write_bytes(paper_pdf(paper, user_in_role("member_own", loerrach)))
    pdf = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "nichtöffentlich" in pdf and "10.03.2026" in pdf
    assert "12.000 €" in pdf and "„Einwohnerzahl“" in pdf and "Beschlussvorschlag" in pdf


def test_markdown_headings_in_the_facts_sit_below_the_paper_sections(paper: Paper) -> None:
    from forum.council.rendering import paper_html

    paper.facts = "## Ausgangslage\n\nText.\n\n### Kosten\n\nMehr."
    html = paper_html(paper, AnonymousUser()).replace("\u00ad", "")  # soft hyphens for the layout
    assert "<h4>Ausgangslage</h4>" in html and "<h5>Kosten</h5>" in html
