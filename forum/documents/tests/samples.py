"""Small real files of every allowed type (and some refused ones), built in memory for tests.

Other apps' tests may use them too: ``upload("Protokoll.pdf", pdf())`` is what a browser sends.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FREE, _END, _FAT, _NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    """An upload as Django hands it to a form; the browser's ``content_type`` is what the person's machine claims."""
    return SimpleUploadedFile(name, data, content_type=content_type)


def pdf() -> bytes:
    return (
        b"%PDF-1.4\n"
        b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


def _zip(members: list[tuple[str, bytes]], *, first_stored: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(members):
            archive.writestr(name, data, zipfile.ZIP_STORED if first_stored and index == 0 else zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def odf(mime: str, *extra: str) -> bytes:
    """An OpenDocument package: ``mimetype`` first and uncompressed, then content and manifest."""
    members = [
        ("mimetype", mime.encode("ascii")),
        ("content.xml", b'<?xml version="1.0" encoding="UTF-8"?><office:document-content/>'),
        ("META-INF/manifest.xml", b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest/>'),
    ]
    members += [(name, b"") for name in extra]
    return _zip(members, first_stored=True)


def odt() -> bytes:
    return odf("application/vnd.oasis.opendocument.text")


def ods() -> bytes:
    return odf("application/vnd.oasis.opendocument.spreadsheet")


def odp() -> bytes:
    return odf("application/vnd.oasis.opendocument.presentation")


def ooxml(main_part: str, *extra: str) -> bytes:
    """An Office Open XML package with [Content_Types].xml, the package relations and ``main_part``."""
    members = [
        ("[Content_Types].xml", b'<?xml version="1.0" encoding="UTF-8"?><Types/>'),
        ("_rels/.rels", b'<?xml version="1.0" encoding="UTF-8"?><Relationships/>'),
        (main_part, b'<?xml version="1.0" encoding="UTF-8"?><document/>'),
    ]
    members += [(name, b"") for name in extra]
    return _zip(members)


def docx() -> bytes:
    return ooxml("word/document.xml")


def xlsx() -> bytes:
    return ooxml("xl/workbook.xml")


def pptx() -> bytes:
    return ooxml("ppt/presentation.xml")


def plain_zip() -> bytes:
    return _zip([("readme.txt", b"hello"), ("data/list.csv", b"a,b\n1,2\n")])


def _ole_entry(name: str, kind: int, *, child: int = _NONE, right: int = _NONE) -> bytes:
    encoded = name.encode("utf-16-le") + b"\x00\x00"
    return (
        encoded.ljust(64, b"\x00")
        + struct.pack("<HBB", len(encoded) if name else 0, kind, 1)
        + struct.pack("<III", _NONE, right, child)
        + b"\x00" * 16  # CLSID
        + b"\x00" * 4  # state bits
        + b"\x00" * 16  # creation and modification time
        + struct.pack("<IQ", _END, 0)  # start sector, size: every stream here is empty
    )


def ole(*streams: str, storages: tuple[str, ...] = ()) -> bytes:
    """An OLE2 compound file (MS-CFB, version 3) whose root holds the named empty streams and storages."""
    children = [(name, 2) for name in streams] + [(name, 1) for name in storages]
    entries = [_ole_entry("Root Entry", 5, child=1 if children else _NONE)]
    for index, (name, kind) in enumerate(children, start=1):
        entries.append(_ole_entry(name, kind, right=index + 1 if index < len(children) else _NONE))
    while len(entries) % 4:
        entries.append(_ole_entry("", 0))
    directory_sectors = len(entries) // 4
    fat = [_FAT, *range(2, directory_sectors + 1), _END]
    fat_sector = struct.pack("<128I", *(fat + [_FREE] * (128 - len(fat))))
    header = (
        OLE_SIGNATURE
        + b"\x00" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\x00" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, _END, 0, _END, 0)
        + struct.pack("<109I", 0, *([_FREE] * 108))
    )
    return header + fat_sector + b"".join(entries)


def doc() -> bytes:
    return ole("WordDocument", "1Table", "\x05SummaryInformation")


def xls() -> bytes:
    return ole("Workbook", "\x05SummaryInformation")


def ppt() -> bytes:
    return ole("PowerPoint Document", "Current User")


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png() -> bytes:
    """A real 1 × 1 pixel PNG."""
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", pixels) + _png_chunk(b"IEND", b"")


def jpeg() -> bytes:
    """The start of a JFIF file (SOI, APP0) and its end marker: enough for every signature check."""
    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8\xff\xe0" + struct.pack(">H", len(app0) + 2) + app0 + b"\xff\xd9"


def gif() -> bytes:
    """A real 1 × 1 pixel GIF."""
    return (
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff"
        b"!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
    )


def webp() -> bytes:
    """A RIFF container with a lossless (VP8L) 1 × 1 pixel bitstream."""
    bitstream = b"\x2f\x00\x00\x00\x00\x07\x10\x11\x11\x88\x88\xfe\x07\x00"
    chunk = b"VP8L" + struct.pack("<I", len(bitstream)) + bitstream
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


def text() -> bytes:
    return "Protokoll des Digitalisierungsforums\nTeilnehmende: Lörrach, Weil am Rhein, Binzen\n".encode()


def exe() -> bytes:
    """The start of a Windows program: MZ header, DOS stub and the PE signature."""
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 44 + b"\x40\x00\x00\x00PE\x00\x00"


def html() -> bytes:
    return b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def svg() -> bytes:
    return b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="5"/></svg>'
