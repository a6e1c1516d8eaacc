"""What a file really is, judged by its bytes: never by its name or the browser's Content-Type.

Allowed are PDF, OpenDocument (odt, ods, odp), Office Open XML (docx, xlsx, pptx), legacy
Office (doc, xls, ppt), PNG, JPEG, GIF, WebP and plain UTF-8 text. Everything else is refused,
and so are documents with macros and text that a browser could take for HTML, SVG or XML.
The simple signatures come from ``filetype``; containers are opened and looked into
(``zipfile`` for ZIP, ``olefile`` for OLE2 compound files), because a signature alone says
only "ZIP" or "OLE2", and an installer (MSI) is an OLE2 file too.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from dataclasses import dataclass
from typing import Any

import filetype
import olefile
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from filetype.types import archive, image

__all__ = ["ALLOWED_TYPES", "DetectedType", "detect_type", "max_upload_bytes", "type_for_mime"]


@dataclass(frozen=True)
class DetectedType:
    """A file type we accept: its MIME type, the usual file extension and a German label for the UI."""

    mime: str
    extension: str
    label: str | Promise


PDF = DetectedType("application/pdf", "pdf", _("PDF document"))
ODT = DetectedType("application/vnd.oasis.opendocument.text", "odt", _("OpenDocument text"))
ODS = DetectedType("application/vnd.oasis.opendocument.spreadsheet", "ods", _("OpenDocument spreadsheet"))
ODP = DetectedType("application/vnd.oasis.opendocument.presentation", "odp", _("OpenDocument presentation"))
DOCX = DetectedType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", _("Word document")
)
XLSX = DetectedType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", _("Excel spreadsheet"))
PPTX = DetectedType(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx", _("PowerPoint presentation")
)
DOC = DetectedType("application/msword", "doc", _("Word document"))
XLS = DetectedType("application/vnd.ms-excel", "xls", _("Excel spreadsheet"))
PPT = DetectedType("application/vnd.ms-powerpoint", "ppt", _("PowerPoint presentation"))
PNG = DetectedType("image/png", "png", _("PNG image"))
JPEG = DetectedType("image/jpeg", "jpg", _("JPEG image"))
GIF = DetectedType("image/gif", "gif", _("GIF image"))
WEBP = DetectedType("image/webp", "webp", _("WebP image"))
TEXT = DetectedType("text/plain", "txt", _("Text"))

ALLOWED_TYPES: tuple[DetectedType, ...] = (
    PDF,
    ODT,
    ODS,
    ODP,
    DOCX,
    XLSX,
    PPTX,
    DOC,
    XLS,
    PPT,
    PNG,
    JPEG,
    GIF,
    WEBP,
    TEXT,
)

NOT_ALLOWED = _(
    "This file type is not allowed. Allowed are PDF, OpenDocument, Microsoft Office, images (PNG, JPEG, GIF, WebP) "
    "and plain text."
)
TOO_LARGE = _("The file is too large: %(size)s. The limit is %(limit)s MB.")
EMPTY = _("The file is empty.")
MACROS = _("Documents with macros are not allowed. Please save the document without macros and upload it again.")
MARKUP = _(
    "This file contains HTML, SVG or XML code, which is not allowed. Please save it as PDF or as an image (PNG, JPEG) "
    "and upload it again."
)
ENCODING = _("This text file is not saved as UTF-8. Please save it with the encoding UTF-8 and upload it again.")

# filetype reads this much; its matchers look at the first bytes only.
_HEAD_BYTES = 8192
_CHUNK_BYTES = 64 * 1024
_ZIP_SIGNATURE = b"PK\x03\x04"
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SIGNATURES = {archive.Pdf(): PDF, image.Png(): PNG, image.Jpeg(): JPEG, image.Gif(): GIF, image.Webp(): WEBP}
_ODF_TYPES = {t.mime: t for t in (ODT, ODS, ODP)}
_OOXML_TYPES = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}
# Where the three legacy Office programs keep their main stream (MS-DOC, MS-XLS, MS-PPT), and their VBA storages.
_OLE_TYPES = {"worddocument": DOC, "workbook": XLS, "book": XLS, "powerpoint document": PPT}
_OLE_MACRO_STORAGES = {"macros", "_vba_project_cur", "_vba_project"}
# What makes a browser (or an old one that ignores nosniff) treat text as a document: markup at the
# start (WHATWG MIME sniffing, "rules for identifying an unknown MIME type"), or active tags anywhere.
_MARKUP_START = re.compile(r"\A\s*(?:<[a-zA-Z!?/]|#!)")
_ACTIVE_TAG = re.compile(
    r"<\s*/?\s*(?:!doctype|\?xml|html|head|body|script|svg|math|iframe|frame|frameset|object|embed|applet|"
    r"meta|link|style|base|form|xsl:|xml)(?=[\s/>:]|\Z)",
    re.IGNORECASE,
)
_TAG_OVERLAP = 32


def max_upload_bytes() -> int:
    """The size limit from ``settings.FORUM_MAX_UPLOAD_MB``, in bytes (1 MB = 1024 × 1024 bytes)."""
    return int(settings.FORUM_MAX_UPLOAD_MB) * 1024 * 1024


def type_for_mime(mime: str) -> DetectedType | None:
    """The allowed type with this MIME type (the first one, as doc and docx share a label but not a type)."""
    return next((t for t in ALLOWED_TYPES if t.mime == mime), None)


def detect_type(uploaded_file: File[Any]) -> DetectedType:
    """The type of ``uploaded_file`` as its bytes show it; raises ``ValidationError`` if it is not allowed.

    Checks the size against ``settings.FORUM_MAX_UPLOAD_MB`` first. Error codes: ``empty``,
    ``too_large``, ``type_not_allowed``, ``macros``, ``markup``, ``encoding``. Leaves the file
    positioned at its start, so it can be stored right away.
    """
    size = uploaded_file.size
    if not size:
        raise ValidationError(EMPTY, code="empty")
    if size > max_upload_bytes():
        raise ValidationError(
            TOO_LARGE,
            code="too_large",
            params={"size": filesizeformat(size), "limit": settings.FORUM_MAX_UPLOAD_MB},
        )
    try:
        uploaded_file.seek(0)
        head = uploaded_file.read(_HEAD_BYTES)
        if head.startswith(_ZIP_SIGNATURE):
            return _inspect_zip(uploaded_file)
        if head.startswith(_OLE_SIGNATURE):
            return _inspect_ole(uploaded_file)
        matcher = filetype.match(head, matchers=list(_SIGNATURES))
        if matcher is not None:
            return _SIGNATURES[matcher]
        return _inspect_text(uploaded_file)
    finally:
        uploaded_file.seek(0)


def _inspect_zip(uploaded_file: File[Any]) -> DetectedType:
    """OpenDocument or Office Open XML, told apart by their required members; any other ZIP is refused."""
    first_member = ""
    try:
        with zipfile.ZipFile(uploaded_file) as archive_file:
            names = archive_file.namelist()
            # ODF 1.3 part 2, 3.3: "mimetype" is the first member, stored uncompressed, and names the type.
            if names and names[0] == "mimetype":
                with archive_file.open("mimetype") as member:
                    first_member = member.read(100).decode("ascii", "replace").strip()
    # zipfile raises all kinds of errors on damaged or encrypted archives; each means "not a document we take".
    except Exception:  # noqa: BLE001
        raise ValidationError(NOT_ALLOWED, code="type_not_allowed") from None
    if first_member:
        detected = _ODF_TYPES.get(first_member)
        if detected is not None:
            _refuse_macros(any(name.startswith(("Basic/", "Scripts/")) for name in names))
            return detected
    elif "[Content_Types].xml" in names:
        for prefix, detected in _OOXML_TYPES.items():
            if any(name.startswith(prefix) for name in names):
                _refuse_macros(any(name.lower().endswith("vbaproject.bin") for name in names))
                return detected
    raise ValidationError(NOT_ALLOWED, code="type_not_allowed")


def _inspect_ole(uploaded_file: File[Any]) -> DetectedType:
    """Word, Excel or PowerPoint 97–2003, told apart by their main stream; any other OLE2 file is refused."""
    try:
        with olefile.OleFileIO(uploaded_file) as ole:
            entries = {"/".join(path).lower() for path in ole.listdir(streams=True, storages=True)}
    # olefile raises all kinds of errors on damaged files; each of them means "not an Office document".
    except Exception:  # noqa: BLE001
        raise ValidationError(NOT_ALLOWED, code="type_not_allowed") from None
    for stream, detected in _OLE_TYPES.items():
        if stream in entries:
            _refuse_macros(any(entry.split("/")[0] in _OLE_MACRO_STORAGES for entry in entries))
            return detected
    raise ValidationError(NOT_ALLOWED, code="type_not_allowed")


def _refuse_macros(has_macros: bool) -> None:
    if has_macros:
        raise ValidationError(MACROS, code="macros")


def _inspect_text(uploaded_file: File[Any]) -> DetectedType:
    """Plain text: UTF-8 without NUL bytes, and nothing a browser could take for HTML, SVG, XML or a script."""
    uploaded_file.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    lead: str | None = ""  # the text up to its first non-blank character
    tail = ""  # the end of the previous chunk, so that a tag split between two chunks is still found
    for index, chunk in enumerate(iter(lambda: uploaded_file.read(_CHUNK_BYTES), b"")):
        if b"\x00" in chunk:
            if index == 0 and chunk.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                raise ValidationError(ENCODING, code="encoding")
            raise ValidationError(NOT_ALLOWED, code="type_not_allowed")
        try:
            text = decoder.decode(chunk)
        except UnicodeDecodeError:
            raise ValidationError(ENCODING, code="encoding") from None
        if lead is not None:
            lead += text
            if lead.strip():
                if _MARKUP_START.match(lead):
                    raise ValidationError(MARKUP, code="markup")
                lead = None
        if _ACTIVE_TAG.search(tail + text):
            raise ValidationError(MARKUP, code="markup")
        tail = (tail + text)[-_TAG_OVERLAP:]
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise ValidationError(ENCODING, code="encoding") from None
    return TEXT
