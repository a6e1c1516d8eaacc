"""Sending a stored file to the person who may see it, so that no browser runs or renders it in our origin."""

from __future__ import annotations

import unicodedata
from urllib.parse import quote

from django.http import FileResponse

from .models import StoredFile

__all__ = ["content_disposition", "file_response"]

# The file's own policy: nothing may load, and a browser that shows it anyway treats it as a foreign, sandboxed origin.
FILE_CSP = "default-src 'none'; sandbox"


def content_disposition(name: str) -> str:
    """``attachment`` with an ASCII ``filename`` for old clients and the exact name as ``filename*`` (RFC 6266, 4.3)."""
    fallback = unicodedata.normalize("NFKD", name.replace("ß", "ss")).encode("ascii", "ignore").decode("ascii")
    fallback = "".join(char if 32 <= ord(char) < 127 and char not in '"\\%' else "_" for char in fallback).strip()
    return f"attachment; filename=\"{fallback or 'download'}\"; filename*=UTF-8''{quote(name, safe='')}"


def file_response(stored_file: StoredFile) -> FileResponse:
    """The file as a download: always ``attachment``, with the detected type and headers against sniffing.

    Call it only after the owner's ``visible_to`` has let the person see the attachment: this
    function checks nothing. Headers: ``Content-Type`` (text as ``text/plain; charset=utf-8``),
    ``Content-Disposition``, ``Content-Length``, ``X-Content-Type-Options: nosniff``,
    ``Content-Security-Policy: default-src 'none'; sandbox``, ``Cache-Control: private`` and
    ``Cross-Origin-Resource-Policy: same-origin`` (other sites may not embed it).
    """
    content_type = stored_file.content_type
    if content_type == "text/plain":
        content_type = "text/plain; charset=utf-8"
    response = FileResponse(stored_file.file.open("rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition(stored_file.original_name)
    response["Content-Length"] = str(stored_file.file.size)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    response["Cache-Control"] = "private"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
