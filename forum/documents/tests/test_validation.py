"""detect_type: the bytes decide, never the name or the browser's claim."""

from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import TemporaryUploadedFile

from forum.documents.validation import ALLOWED_TYPES, NOT_ALLOWED, detect_type, max_upload_bytes, type_for_mime

from . import samples

ACCEPTED: list[tuple[str, Callable[[], bytes], str, str]] = [
    ("Sitzung.pdf", samples.pdf, "application/pdf", "pdf"),
    ("Konzept.odt", samples.odt, "application/vnd.oasis.opendocument.text", "odt"),
    ("Kosten.ods", samples.ods, "application/vnd.oasis.opendocument.spreadsheet", "ods"),
    ("Vortrag.odp", samples.odp, "application/vnd.oasis.opendocument.presentation", "odp"),
    ("Konzept.docx", samples.docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    ("Kosten.xlsx", samples.xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    ("Vortrag.pptx", samples.pptx, "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
    ("Alt.doc", samples.doc, "application/msword", "doc"),
    ("Alt.xls", samples.xls, "application/vnd.ms-excel", "xls"),
    ("Alt.ppt", samples.ppt, "application/vnd.ms-powerpoint", "ppt"),
    ("Karte.png", samples.png, "image/png", "png"),
    ("Foto.jpg", samples.jpeg, "image/jpeg", "jpg"),
    ("Logo.gif", samples.gif, "image/gif", "gif"),
    ("Bild.webp", samples.webp, "image/webp", "webp"),
    ("Notiz.txt", samples.text, "text/plain", "txt"),
]


def _code(data: bytes, name: str = "upload.bin") -> str:
    with pytest.raises(ValidationError) as raised:
        detect_type(samples.upload(name, data))
    return str(raised.value.code)


@pytest.mark.parametrize(("name", "build", "mime", "extension"), ACCEPTED, ids=[row[0] for row in ACCEPTED])
def test_it_accepts_every_allowed_type(name, build, mime, extension):
    detected = detect_type(samples.upload(name, build()))

    assert (detected.mime, detected.extension) == (mime, extension)
    assert str(detected.label)


@pytest.mark.parametrize(("name", "build", "mime", "extension"), ACCEPTED, ids=[row[0] for row in ACCEPTED])
def test_it_ignores_the_name_and_the_browsers_claim(name, build, mime, extension):
    detected = detect_type(samples.upload("irgendwas.exe", build(), content_type="text/html"))

    assert detected.mime == mime


def test_it_accepts_a_pdf_named_txt_as_pdf():
    assert detect_type(samples.upload("Protokoll.txt", samples.pdf(), "text/plain")).mime == "application/pdf"


def test_it_reads_an_ole_directory_over_several_sectors():
    data = samples.ole(*(f"Stream{number}" for number in range(9)), "Workbook")

    assert detect_type(samples.upload("gross.xls", data)).extension == "xls"


def test_it_accepts_text_with_umlauts_a_bom_and_csv():
    data = "\ufeffGemeinde;Einwohner\nLörrach;49.000\nMüllheim;19.500\n".encode()

    assert detect_type(samples.upload("liste.csv", data)).mime == "text/plain"


def test_it_accepts_text_that_mentions_angle_brackets():
    data = b"Kosten < 5.000 EUR, Nutzen > Kosten.\nBitte bis 3 <= n pruefen.\n"

    assert detect_type(samples.upload("notiz.txt", data)).mime == "text/plain"


def test_it_accepts_text_longer_than_one_chunk():
    data = ("Zeile mit Umlauten: äöüß\n" * 10_000).encode()

    assert detect_type(samples.upload("lang.txt", data)).mime == "text/plain"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (samples.html(), "seite.html"),
        (b"\n\n   <html><body>Hallo</body></html>", "seite.txt"),
        ("\ufeff<!doctype html><p>Hallo".encode(), "seite.txt"),
        (b"<p>Hallo</p>", "absatz.txt"),
        (samples.svg(), "logo.svg"),
        (samples.svg(), "logo.png"),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "logo.png"),
        (b'<?xml version="1.0"?><root/>', "daten.xml"),
        (b"Harmloser Anfang.\nDann aber: <script>alert(1)</script>\n", "notiz.txt"),
        (b"Text\n<SVG onload=alert(1)>", "notiz.txt"),
        (b"Text\n< iframe src=//example.org>", "notiz.txt"),
        (b"#!/bin/sh\nrm -rf /\n", "skript.txt"),
    ],
    ids=["html", "html-after-blank-lines", "doctype-after-bom", "tag-at-start", "svg", "svg-named-png",
         "svg-with-xml-declaration", "xml", "script-in-text", "svg-tag-in-text", "iframe-with-space", "shebang"],
)  # fmt: skip
def test_it_rejects_markup_and_scripts(data, name):
    assert _code(data, name) == "markup"


def test_it_finds_a_tag_split_between_two_chunks():
    data = b"a" * (64 * 1024 - 3) + b"<script>alert(1)</script>"

    assert _code(data, "lang.txt") == "markup"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (samples.exe(), "setup.exe"),
        (samples.exe(), "bericht.pdf"),
        (samples.plain_zip(), "archiv.zip"),
        (samples.plain_zip(), "bericht.docx"),
        (samples.odf("application/vnd.oasis.opendocument.graphics"), "zeichnung.odg"),
        (samples.ooxml("docProps/core.xml"), "leer.docx"),
        (samples.ole("\x05SummaryInformation", "Property"), "installer.msi"),
        (samples.OLE_SIGNATURE + b"\x00" * 600, "kaputt.doc"),
        (b"PK\x03\x04" + b"\x00" * 100, "kaputt.zip"),
        (b"Text mit\x00NUL-Byte", "notiz.txt"),
        (b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 50, "programm"),
    ],
    ids=["exe", "exe-named-pdf", "zip", "zip-named-docx", "odf-drawing", "ooxml-without-main-part", "ole-not-office",
         "ole-damaged", "zip-damaged", "text-with-nul", "elf"],
)  # fmt: skip
def test_it_rejects_other_types(data, name):
    with pytest.raises(ValidationError) as raised:
        detect_type(samples.upload(name, data))

    assert raised.value.code == "type_not_allowed"
    assert raised.value.message == NOT_ALLOWED


@pytest.mark.parametrize(
    "data",
    [
        samples.ooxml("word/document.xml", "word/vbaProject.bin"),
        samples.ooxml("xl/workbook.xml", "xl/vbaProject.bin"),
        samples.ole("WordDocument", storages=("Macros",)),
        samples.ole("Workbook", storages=("_VBA_PROJECT_CUR",)),
        samples.odf("application/vnd.oasis.opendocument.text", "Basic/Standard/Module1.xml"),
    ],
    ids=["docm", "xlsm", "doc-with-macros", "xls-with-macros", "odt-with-basic"],
)
def test_it_rejects_documents_with_macros(data):
    assert _code(data, "dokument") == "macros"


@pytest.mark.parametrize(
    "data",
    ["Gemeinde: Lörrach".encode("latin-1"), "Gemeinde: Lörrach".encode("utf-16"), b"caf\xc3"],
    ids=["latin-1", "utf-16", "cut-utf-8"],
)
def test_it_asks_for_utf_8(data):
    assert _code(data, "notiz.txt") == "encoding"


def test_it_rejects_an_empty_file():
    assert _code(b"", "leer.pdf") == "empty"


def test_it_rejects_a_file_over_the_limit(settings):
    settings.FORUM_MAX_UPLOAD_MB = 1
    data = samples.pdf() + b"0" * (int(1.1 * 1024 * 1024) - len(samples.pdf()))

    with pytest.raises(ValidationError) as raised:
        detect_type(samples.upload("gross.pdf", data))

    assert raised.value.code == "too_large"
    assert raised.value.params == {"size": "1,1\xa0MB", "limit": 1}


def test_it_accepts_a_file_of_exactly_the_limit(settings):
    settings.FORUM_MAX_UPLOAD_MB = 1
    data = samples.pdf() + b"0" * (1024 * 1024 - len(samples.pdf()))

    assert detect_type(samples.upload("genau.pdf", data)).mime == "application/pdf"
    assert max_upload_bytes() == 1024 * 1024


def test_it_leaves_the_file_at_its_start():
    upload = samples.upload("notiz.txt", samples.text())

    detect_type(upload)

    assert upload.read() == samples.text()


def test_it_reads_uploads_that_django_keeps_on_disk():
    upload = TemporaryUploadedFile("Konzept.docx", "application/octet-stream", 0, None)
    upload.write(samples.docx())
    upload.size = upload.tell()

    assert detect_type(upload).extension == "docx"
    upload.close()


def test_it_takes_any_django_file():
    assert detect_type(ContentFile(samples.pdf(), name="Vorlage.pdf")).mime == "application/pdf"


def test_it_finds_the_type_by_mime():
    assert type_for_mime("application/msword").extension == "doc"  # type: ignore[union-attr]
    assert type_for_mime("text/html") is None
    assert len({t.mime for t in ALLOWED_TYPES}) == len(ALLOWED_TYPES)
