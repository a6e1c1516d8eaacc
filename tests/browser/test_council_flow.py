"""A council paper through the real UI: the coordination creates a paper from the forum's data, edits the
Sachverhalt, adds a consultation in the Kreistag, and downloads the PDF and the DOCX; axe runs on every step.
The public then reads the paper.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

COORDINATION = "koordination@example.org"
ADDED = "Ergänzt in der Koordination: Der Kick-off-Workshop findet im Frühjahr statt."


def test_a_paper_from_the_forum_to_pdf_and_docx(demo_data: None, page_as: Any, check_page: Any, tmp_path: Path) -> None:
    import docx
    from django.conf import settings

    from forum.council.models import Paper
    from forum.organisations.models import Committee

    page = page_as(COORDINATION)
    page.goto("/vorlagen/")
    check_page(page)
    with page.expect_navigation():
        page.locator("form[action$='/vorlagen/neu/aus-dem-forum/'] button").click()
    paper = Paper.objects.order_by("-pk").first()
    assert paper is not None and paper.is_draft and paper.facts.strip()
    assert page.url.endswith(f"{paper.get_absolute_url()}bearbeiten/")
    check_page(page)

    # The drafted text is in the form: add a sentence, publish, and add the Kreistag's public consultation.
    facts = page.locator("#id_facts")
    assert "Digitalisierung" in facts.input_value()
    facts.fill(f"{facts.input_value()}\n\n{ADDED}")
    page.locator("#id_is_draft").uncheck()
    kreistag = Committee.objects.get(kind="council", organisation__ags=settings.FORUM_KREISSCHLUESSEL)
    page.locator("#id_consultations-0-committee").select_option(str(kreistag.pk))
    page.locator("#id_consultations-0-date").fill(paper.date.isoformat())
    page.locator("#id_consultations-0-role").select_option("notice")
    page.locator("#id_signatories-0-name").fill("Marion Dammann")
    page.locator("#id_signatories-0-function").fill("Landrätin")
    with page.expect_navigation():
        page.locator("main form.forum-form button[type=submit]").click()
    assert page.url.endswith(paper.get_absolute_url()), page.url
    check_page(page)
    paper.refresh_from_db()
    assert not paper.is_draft and ADDED in paper.facts
    assert list(paper.consultations.values_list("committee__name", flat=True)) == [kreistag.name]
    assert page.locator("#sachverhalt").is_visible()
    assert ADDED in page.locator("main").inner_text()

    # "Entwurf aus dem Forum erstellen" on a paper with text asks first.
    with page.expect_navigation():
        page.locator(f"form[action$='{paper.get_absolute_url()}entwurf/'] button").click()
    check_page(page)
    page.goto(paper.get_absolute_url())

    with page.expect_download() as pdf_download:
        page.locator("a[href$='.pdf']").click()
    assert pdf_download.value.suggested_filename == f"Vorlage-{paper.serial:03d}-{paper.year}.pdf"
    pdf_path = tmp_path / "vorlage.pdf"
    pdf_download.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF")
    with page.expect_download() as docx_download:
        page.locator("a[href$='.docx']").click()
    docx_path = tmp_path / "vorlage.docx"
    docx_download.value.save_as(docx_path)
    document = docx.Document(io.BytesIO(docx_path.read_bytes()))
    assert any(ADDED in paragraph.text for paragraph in document.paragraphs)

    anonymous = page_as(None)
    anonymous.goto(paper.get_absolute_url())
    check_page(anonymous)
    assert kreistag.name in anonymous.locator("#beratungsfolge ~ *").first.inner_text()
