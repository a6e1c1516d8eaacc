"""A paper as a district prints it: tagged, archivable PDF (PDF/A-2a + PDF/UA-1) and an editable DOCX.

Both are built from one ``PaperContent`` that holds only what ``user`` may see (consultations by their own visibility,
the paper itself is checked by the caller's permission). The form's labels (Beratungsfolge, Sachverhalt, Teilhaushalt …)
are the fixed German terms of a council paper, like the wording of an official form, so they are not translated.

PDF: WeasyPrint 70 writes one variant per file. ``pdf/a-2a`` is PDF/A level A: tagged (structure tree, /MarkInfo,
/Lang, DisplayDocTitle), fonts embedded, sRGB output intent, document ID, XMP with ``pdfaid``. PDF/UA-1 asks the same
of the file plus ``pdfuaid:part="1"`` in the XMP, which ``_UAMetadata`` adds: the result claims both PDF/A-2a and
PDF/UA-1 (the usual pairing for accessible archived documents).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from typing import Any
from xml.etree.ElementTree import fromstring, tostring

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from forum.core.markdown import render_markdown

from .hyphenation import hyphenate_html
from .models import Consultation, Paper, PaperAttachment, PaperLink, Signatory

PDF_VARIANT = "pdf/a-2a"
LANGUAGE = "de"
CLIMATE_LABELS: dict[str, str] = {  # German words of the paper form, in the form's order
    Paper.ClimateImpact.POSITIVE: "positiv",
    Paper.ClimateImpact.NEUTRAL: "neutral",
    Paper.ClimateImpact.NEGATIVE: "negativ",
    Paper.ClimateImpact.NONE: "keine",
}
CONTENT_HEADING: dict[str, str] = {  # "Inhalt der Mitteilung" and its kin
    Paper.Kind.NOTICE: "Inhalt der Mitteilung",
    Paper.Kind.RESOLUTION: "Inhalt der Vorlage",
    Paper.Kind.INFORMATION: "Inhalt der Information",
    Paper.Kind.MOTION: "Inhalt des Antrags",
    Paper.Kind.INQUIRY: "Inhalt der Anfrage",
}
CHECKED, UNCHECKED = "☒", "☐"


@dataclass(frozen=True)
class ConsultationRow:
    committee: str
    status: str  # öffentlich / nichtöffentlich
    date: str
    role: str


@dataclass(frozen=True)
class ClimateOption:
    label: str
    chosen: bool

    @property
    def box(self) -> str:
        return CHECKED if self.chosen else UNCHECKED


@dataclass(frozen=True)
class Enclosure:
    """An Anlage: a file of the paper or a link to content on the platform."""

    title: str
    detail: str = ""
    url: str = ""


@dataclass
class PaperContent:
    paper: Paper
    title: str
    kind: str
    number: str
    date: str
    issuer: str
    consultations: list[ConsultationRow]
    field_of_action: str
    strategy: str
    principle: str
    budget: list[tuple[str, str]]
    climate: list[ClimateOption]
    content_heading: str
    facts: str
    resolution_proposal: str
    signatories: list[Signatory]
    enclosures: list[Enclosure] = field(default_factory=list)

    @property
    def document_title(self) -> str:
        number = f" {self.number}" if self.number else ""
        return f"{self.kind}{number}: {self.title}"

    @property
    def climate_choice(self) -> str:
        return next((option.label for option in self.climate if option.chosen), "")


def paper_content(paper: Paper, user: Any) -> PaperContent:
    """Everything the PDF and the DOCX show; consultations only as far as ``user`` may see them."""
    consultations = (
        Consultation.objects.visible_to(user)
        .filter(paper=paper)
        .select_related("committee")
        .order_by("position", "date", "pk")
    )
    principle = paper.guiding_principle
    field_of_action = paper.field_of_action or (principle.field_of_action if principle else None)
    enclosures = [
        Enclosure(attachment.title, _file_detail(attachment))
        for attachment in PaperAttachment.objects.filter(paper=paper).select_related("stored_file")
    ]
    enclosures += [
        Enclosure(link.title, url=f"{settings.FORUM_BASE_URL}{link.path}")
        for link in PaperLink.objects.filter(paper=paper)
    ]
    return PaperContent(
        paper=paper,
        title=paper.title,
        kind=str(paper.get_kind_display()),
        number=paper.number,
        date=_date(paper.date),
        issuer=paper.organisation.name,
        consultations=[
            ConsultationRow(
                committee=consultation.committee.name,
                status="öffentlich" if consultation.is_public else "nichtöffentlich",
                date=_date(consultation.date),
                role=str(consultation.get_role_display()),
            )
            for consultation in consultations
        ],
        field_of_action=field_of_action.name if field_of_action else "",
        strategy=field_of_action.strategy.name if field_of_action else "",
        principle=principle.text.strip() if principle else "",
        budget=[
            ("Teilhaushalt", paper.or_not_specified("budget_area")),
            ("Produktgruppe", paper.or_not_specified("product_group")),
            ("Produkt(e)", paper.or_not_specified("products")),
        ],
        climate=[ClimateOption(label, paper.climate_impact == value) for value, label in CLIMATE_LABELS.items()],
        content_heading=CONTENT_HEADING.get(paper.kind, "Inhalt der Vorlage"),
        facts=paper.facts,
        resolution_proposal=paper.resolution_proposal,
        signatories=list(paper.signatories.all()),
        enclosures=enclosures,
    )


def _date(day: date | None) -> str:
    return formats.date_format(day, "d.m.Y") if day else ""


def _file_detail(attachment: PaperAttachment) -> str:
    stored = attachment.stored_file
    size = formats.number_format(round(stored.size / 1024), use_l10n=True)
    return f"{stored.original_name}, {size} KB" if stored.original_name else f"{size} KB"


# PDF ------------------------------------------------------------------------------------------------------


def _shift_headings(html: str, by: int) -> SafeString:
    """Headings inside the Sachverhalt sit below the paper's own sections: h2 becomes h4 and so on (max h6)."""

    def shift(match: re.Match[str]) -> str:
        return f"<{match.group(1)}h{min(int(match.group(2)) + by, 6)}"

    return mark_safe(re.sub(r"<(/?)h([1-6])", shift, html))  # noqa: S308  (sanitised HTML, only tag names change)


def paper_html(paper: Paper, user: Any) -> str:
    content = paper_content(paper, user)
    return render_to_string(
        "council/paper_pdf.html",
        {
            "content": content,
            "facts": _shift_headings(hyphenate_html(render_markdown(content.facts)), 2),
            "resolution_proposal": _shift_headings(hyphenate_html(render_markdown(content.resolution_proposal)), 2),
            "principle": mark_safe(hyphenate_html(str(escape(content.principle)))),  # noqa: S308  (escaped here)
            "language": LANGUAGE,
        },
    )


class _UAMetadata:
    """Adds ``pdfuaid:part="1"`` to the XMP that the PDF/A variant writes (WeasyPrint writes one variant)."""

    PDFUA = "http://www.aiim.org/pdfua/ns/id/"
    RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

    @classmethod
    def install(cls, metadata: Any) -> None:
        original = metadata.generate_rdf_metadata

        def generate(variant: str, version: int, conformance: str | None) -> bytes:
            rdf = fromstring(original(variant, version, conformance))  # noqa: S314  (WeasyPrint's own XMP)
            description = rdf.find(f"{{{cls.RDF}}}Description")
            if description is not None:
                description.set(f"{{{cls.PDFUA}}}part", "1")
            return bytes(tostring(rdf, encoding="utf-8"))

        metadata.generate_rdf_metadata = generate


def paper_pdf(paper: Paper, user: Any) -> bytes:
    """The paper as tagged PDF/A-2a + PDF/UA-1, German hyphenation, fonts embedded, "Seite x von y"."""
    from weasyprint import HTML  # imported here: loading pango takes a moment and only this needs it

    with translation.override(LANGUAGE):
        html = paper_html(paper, user)
    document = HTML(string=html, base_url=None).render(pdf_variant=PDF_VARIANT)
    _UAMetadata.install(document.metadata)
    return bytes(document.write_pdf(pdf_variant=PDF_VARIANT, finisher=_finish))


def _finish(document: Any, pdf: Any) -> None:
    """What WeasyPrint leaves out and PDF/UA checkers ask for: the scope of header cells (all are column headers)."""
    import pydyf

    for pdf_object in pdf.objects:
        if isinstance(pdf_object, dict) and pdf_object.get("S") == "/TH":
            pdf_object.setdefault("A", pydyf.Dictionary({"O": "/Table"}))["Scope"] = "/Column"


# DOCX -----------------------------------------------------------------------------------------------------


def paper_docx(paper: Paper, user: Any) -> bytes:
    """The same content as an editable Word document: Heading 1/2 styles, the Beratungsfolge as a table."""
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml.ns import qn
    from docx.shared import Pt

    with translation.override(LANGUAGE):
        content = paper_content(paper, user)
    document = Document()
    _set_language(document, "de-DE", qn)
    normal = document.styles["Normal"]
    normal.font.name = "DejaVu Sans"
    normal.font.size = Pt(10.5)
    properties = document.core_properties
    properties.title = content.document_title
    properties.language = "de-DE"
    properties.subject = content.kind
    properties.author = content.issuer
    properties.keywords = ", ".join(part for part in (content.number, content.field_of_action) if part)

    document.add_paragraph(f"{content.issuer} · {content.kind}")
    document.add_paragraph(f"Nr.: {content.number}")
    for label, value in (
        ("Dezernat", " ".join(part for part in (paper.department, content.date) if part)),
        ("Fachbereich", paper.division),
        ("Verfasser/-in", paper.author_name),
        ("Telefon", paper.author_phone),
    ):
        _labelled(document, f"■ {label}", value)

    if content.consultations:
        table = document.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        for cell, text in zip(table.rows[0].cells, ("Beratungsfolge", "Status", "Datum", "Zuständigkeit"), strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        _repeat_header(table.rows[0], qn)
        for row in content.consultations:
            cells = table.add_row().cells
            for cell, text in zip(cells, (row.committee, row.status, row.date, row.role), strict=True):
                cell.text = text

    document.add_paragraph("Tagesordnungspunkt")
    document.add_heading(content.title, level=1)

    if content.field_of_action or content.principle:
        document.add_heading("Bezug zur Zukunftsstrategie", level=2)
        if content.field_of_action:
            document.add_paragraph(f"Leitgedanke im Handlungsfeld „{content.field_of_action}“")
        if content.principle:
            document.add_paragraph(content.principle).runs[0].italic = True
    for label, value in content.budget:
        _labelled(document, label, value)
    climate = document.add_paragraph()
    climate.add_run("Klimawirkung:").bold = True
    for option in content.climate:
        climate.add_run(f" {option.box} ")
        climate.add_run(option.label).bold = option.chosen

    document.add_heading(content.content_heading, level=2)
    document.add_heading("■ Sachverhalt", level=2)
    _markdown(document, content.facts)
    if content.resolution_proposal:
        document.add_heading("Beschlussvorschlag", level=2)
        _markdown(document, content.resolution_proposal)

    if content.signatories:
        signatures = document.add_table(rows=1, cols=len(content.signatories))
        for cell, signatory in zip(signatures.rows[0].cells, content.signatories, strict=True):
            cell.text = signatory.name
            cell.add_paragraph(signatory.function)

    if content.enclosures:
        document.add_heading("■ Anlagen", level=2)
        for enclosure in content.enclosures:
            text = enclosure.title
            if enclosure.detail:
                text += f" ({enclosure.detail})"
            if enclosure.url:
                text += f": {enclosure.url}"
            document.add_paragraph(text, style="List Bullet")

    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _labelled(document: Any, label: str, value: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(label).bold = True
    paragraph.add_run(f" {value}")


def _set_language(document: Any, language: str, qn: Any) -> None:
    """The default language of every style (Word's spelling and hyphenation)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = run_properties.makeelement(qn("w:lang"), {})
        run_properties.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), language)
    settings_element = document.settings.element
    hyphenation = settings_element.makeelement(qn("w:autoHyphenation"), {qn("w:val"): "true"})
    settings_element.append(hyphenation)


def _repeat_header(row: Any, qn: Any) -> None:
    """The first row is a header row (repeated on each page; screen readers announce it)."""
    properties = row._tr.get_or_add_trPr()
    header = properties.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
    properties.append(header)


class _DocxWriter(HTMLParser):
    """The sanitised Markdown HTML (p, lists, strong/em, links, headings, blockquote) as Word paragraphs."""

    def __init__(self, document: Any) -> None:
        super().__init__(convert_charrefs=True)
        self.document = document
        self.paragraph: Any = None
        self.bold = self.italic = 0
        self.lists: list[str] = []
        self.quote = 0
        self.href = ""

    def _start(self, style: str | None = None) -> None:
        self.paragraph = self.document.add_paragraph(style=style)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "blockquote":
            self.quote += 1
        elif tag == "p" and not (self.lists and self.paragraph is not None):
            self._start("Quote" if self.quote else None)
        elif tag in ("ul", "ol"):
            self.lists.append(tag)
        elif tag == "li":
            kind = self.lists[-1] if self.lists else "ul"
            self._start("List Number" if kind == "ol" else "List Bullet")
        elif tag in ("h2", "h3", "h4"):
            self.paragraph = self.document.add_heading(level=3)
        elif tag == "strong":
            self.bold += 1
        elif tag == "em":
            self.italic += 1
        elif tag == "br" and self.paragraph is not None:
            self.paragraph.add_run().add_break()
        elif tag == "a":
            self.href = dict(attrs).get("href") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "li", "h2", "h3", "h4"):
            self.paragraph = None
        elif tag == "blockquote":
            self.quote -= 1
            self.paragraph = None
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        elif tag == "strong":
            self.bold -= 1
        elif tag == "em":
            self.italic -= 1
        elif tag == "a" and self.href and self.paragraph is not None:
            self.paragraph.add_run(f" ({self.href})")
            self.href = ""

    def handle_data(self, data: str) -> None:
        if not data.strip() and self.paragraph is None:
            return
        if self.paragraph is None:
            self._start()
        run = self.paragraph.add_run(data.replace("\n", " "))
        run.bold = self.bold > 0 or None
        run.italic = self.italic > 0 or None


def _markdown(document: Any, text: str) -> None:
    writer = _DocxWriter(document)
    writer.feed(str(render_markdown(text)))
    writer.close()
