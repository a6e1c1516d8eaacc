"""The seed paper (Mitteilung 005/2022) rebuilt from platform data: drafted, rendered, read back from the PDF.

The platform data are the district of the session database, the example meetings (five took place, one aborted for
technical reasons), the two example undertakings, the declaration campaign and the strategy (Zukunftsstrategie 2035).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from PIL import Image, ImageStat

from forum.council.drafting import draft_facts
from forum.council.models import Paper
from forum.council.rendering import paper_pdf
from forum.portal.demo import create_demo

pytestmark = pytest.mark.django_db

PRINCIPLE = (
    "Der Landkreis beteiligt sich im Rahmen interkommunaler Zusammenarbeit aktiv an Kooperationen, um die digitale "
    "Transformation von Dienstleistungen voranzutreiben und mitzugestalten."
)


@pytest.fixture
def seed_paper() -> Paper:
    """The example paper 005/2022, its Sachverhalt replaced by the draft the platform writes for the public."""
    create_demo(settings.FORUM_KREISSCHLUESSEL)
    paper = Paper.objects.get(year=2022, serial=5)
    paper.facts = draft_facts(paper, AnonymousUser())
    paper.full_clean()
    paper.save()
    return paper


@pytest.fixture
def seed_pdf(seed_paper: Paper, tmp_path: Path) -> Path:
    path = tmp_path / "vorlage-005-2022.pdf"
    path.write_bytes(paper_pdf(seed_paper, AnonymousUser()))
    return path


def pdf_text(path: Path) -> str:
    """``pdftotext -layout``, with line-end hyphenation undone and white space collapsed."""
    raw = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    raw = re.sub(r"(\w)[-‐]\n\s*([a-zäöüß])", r"\1\2", raw)  # hyphenated by the layout: "Digitali‐\nsierung"
    raw = re.sub(r"(\w)-\n\s*([A-ZÄÖÜ])", r"\1-\2", raw)  # a compound broken at its hyphen: "Kick-\nOff"
    return re.sub(r"\s+", " ", raw)


def test_the_seed_paper_is_rebuilt_from_platform_data(seed_pdf: Path) -> None:
    text = pdf_text(seed_pdf)
    expected = [
        "Landkreis Lörrach",
        "Mitteilungsvorlage",
        "Nr.: 005/2022",
        "■ Dezernat Landrätin 22.12.2021",
        "■ Fachbereich Persönlicher Referent der Landrätin",
        "■ Verfasser/-in Flohr, Jonathan",
        "■ Telefon 07621 410-8010",
        "Beratungsfolge Status Datum",
        "Kreistag öffentlich 19.01.2022 Kenntnisnahme",
        "Tagesordnungspunkt Digitale Zusammenarbeit: Kommunales Digitalisierungsforum",
        "Bezug zur Zukunftsstrategie Leitgedanke im Handlungsfeld „Digitale Verwaltung“",
        PRINCIPLE,
        "Teilhaushalt k.A.",
        "Produktgruppe k.A.",
        "Produkt(e) k.A.",
        "Klimawirkung: ☐ positiv ☐ neutral ☐ negativ ☒ keine",
        "Inhalt der Mitteilung ■ Sachverhalt",
        # The draft: every figure from the database.
        "Die kreisangehörigen Städte und Gemeinden und der Landkreis Lörrach haben sich erstmals im November 2020 "
        "gemeinsam zum Thema Digitalisierung ausgetauscht. Seither fanden fünf – eines musste aus technischen "
        "Gründen abgebrochen werden – virtuelle Treffen unter dem Titel „Kommunales Digitalisierungsforum“ statt.",
        "Zwei Vorhaben haben sich in der Folge herauskristallisiert:",
        "„Breitbandversorgung im Landkreis Lörrach“ (laufend)",
        "Steuerung: Zweckverband Breitbandversorgung Landkreis Lörrach. "
        "Entscheidung: Verbandsversammlung des Zweckverbands Breitbandversorgung. "
        "Den Prozess steuert der Zweckverband; Entscheidungen fällt die Verbandsversammlung.",
        "„Interkommunale Zusammenarbeit Digitalisierung (IKZ)“ (in Vorbereitung)",
        "Steuerung: Landkreis Lörrach. Entscheidung: Kommunales Digitalisierungsforum.",
        "Koordination erfolgt über das Büro der Landrätin",
        "Die „Willensbekundung zur Interkommunalen Zusammenarbeit Digitalisierung“ haben bisher zwölf von 35 "
        "Kommunen unterzeichnet",
        "Die Koordination des Digitalisierungsforums liegt beim Landkreis Lörrach",
        "Am 06.04.2022 findet die Veranstaltung „Kick-off-Workshop Interkommunale Zusammenarbeit“ statt",
        "Das Vorhaben folgt dem Leitgedanken zum strategischen Handlungsfeld „Digitale Verwaltung“ in der "
        f"Zukunftsstrategie 2035: „{PRINCIPLE}“",
        "Marion Dammann Jonathan Flohr Landrätin Persönlicher Referent",
        "■ Anlagen",
        "Vorhaben „Interkommunale Zusammenarbeit Digitalisierung (IKZ)“ "
        "http://testserver/vorhaben-des-landkreises/interkommunale-zusammenarbeit-digitalisierung-ikz/",
        "Willensbekundung zur Interkommunalen Zusammenarbeit Digitalisierung http://testserver/willensbekundungen/",
        "Seite 1 von 2",
        "Seite 2 von 2",
    ]
    missing = [line for line in expected if line not in text]
    assert not missing, f"missing in the PDF text: {missing}\n\n{text}"


def test_the_draft_takes_its_figures_from_the_database_at_that_moment(seed_paper: Paper) -> None:
    from forum.meetings.models import Meeting

    anonymous = AnonymousUser()
    assert draft_facts(seed_paper, anonymous) == seed_paper.facts  # deterministic
    Meeting.objects.filter(status=Meeting.Status.ABORTED).update(status=Meeting.Status.HELD)
    redrafted = draft_facts(seed_paper, anonymous)
    assert "Seither fanden fünf virtuelle Treffen" in redrafted
    assert "abgebrochen" not in redrafted


def test_every_page_renders_to_a_png_that_is_not_blank(seed_pdf: Path, tmp_path: Path) -> None:
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(seed_pdf), str(tmp_path / "seite")], check=True)
    pages = sorted(tmp_path.glob("seite-*.png"))
    with pikepdf.open(seed_pdf) as document:
        assert len(pages) == len(document.pages) == 2
    for page in pages:
        with Image.open(page) as image:
            assert image.size[0] > 300 and image.size[1] > 400  # A4 at 50 dpi: 413 × 585
            grey = image.convert("L")
            darkest, _lightest = grey.getextrema()
            assert isinstance(darkest, int) and darkest < 80  # some dark ink
            assert ImageStat.Stat(grey).stddev[0] > 10  # not one flat colour


def test_the_pdf_is_tagged_accessible_and_archivable(seed_pdf: Path) -> None:
    with pikepdf.open(seed_pdf) as document:
        root = document.Root
        assert root.MarkInfo.Marked is True
        assert "/StructTreeRoot" in root
        assert str(root.Lang) == "de"
        assert root.ViewerPreferences.DisplayDocTitle is True
        title = "Mitteilungsvorlage 005/2022: Digitale Zusammenarbeit: Kommunales Digitalisierungsforum"
        assert str(document.docinfo.Title) == title
        assert "/OutputIntents" in root  # sRGB, PDF/A
        with document.open_metadata() as xmp:
            assert xmp["dc:title"] == title
            assert xmp["pdfuaid:part"] == "1"
            assert xmp["pdfaid:part"] == "2" and xmp["pdfaid:conformance"] == "A"
        fonts = {}
        for page in document.pages:
            for name, font in page.Resources.Font.items():
                fonts[name] = font
        assert fonts
        for font in fonts.values():
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.FontDescriptor
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, font


def test_the_structure_tree_has_headings_and_the_consultation_table(seed_pdf: Path) -> None:
    with pikepdf.open(seed_pdf) as document:
        kinds: set[str] = set()
        stack = [document.Root.StructTreeRoot]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Dictionary) and "/S" in node:
                kinds.add(str(node.S))
            kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
            if isinstance(kids, pikepdf.Array):
                stack.extend(kid for kid in kids if isinstance(kid, pikepdf.Dictionary))
            elif isinstance(kids, pikepdf.Dictionary):
                stack.append(kids)
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/TD", "/L", "/LI", "/P"} <= kinds


def checker(name: str) -> str | None:
    """A checker installed beside this Python (the virtualenv's bin), or on the PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


@pytest.mark.skipif(checker("pdfua") is None, reason="pdfua (requirements-dev.txt) not installed")
def test_the_pdf_passes_the_pdfua_checker(seed_pdf: Path) -> None:
    result = subprocess.run([checker("pdfua") or "pdfua", "check", str(seed_pdf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(checker("outloud") is None, reason="outloud (requirements-dev.txt) not installed")
def test_the_pdf_passes_outloud(seed_pdf: Path) -> None:
    command = [checker("outloud") or "outloud", "--json", "-", "--fail-on", "warning", str(seed_pdf)]
    result = subprocess.run(command, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
