"""Tables as downloads: one header and rows in, a CSV or XLSX response out (used by every export)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


class _Echo:
    """A file-like object whose write returns the line, so csv.writer can feed a streaming response."""

    def write(self, value: str) -> str:
        return value


def _cell(value: Any) -> Any:
    """Plain values for both formats: aware date-times in local time without zone (XLSX cannot hold a zone)."""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None)
    if value is None:
        return ""
    return value


def _csv_text(value: Any) -> Any:
    """Neutralise cells a spreadsheet would run as a formula (CSV injection, OWASP)."""
    value = _cell(value)
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _disposition(filename: str) -> str:
    return f'attachment; filename="{filename}"'


def csv_lines(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The table as CSV lines: UTF-8 BOM first, semicolons, cells a spreadsheet would run as a formula neutralised."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow(header)
    for row in rows:
        yield writer.writerow([_csv_text(value) for value in row])


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> StreamingHttpResponse:
    """A streamed CSV download (UTF-8 with BOM and semicolons, as German spreadsheet programs expect)."""
    response = StreamingHttpResponse(csv_lines(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _disposition(filename)
    return response


def xlsx_bytes(sheet_title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)

    header_cells = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        # openpyxl writes strings as text cells (never formulas) unless they start with "=": guard those too.
        sheet.append(
            ["'" + value if isinstance(value, str) and value.startswith("=") else _cell(value) for value in row]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(
    filename: str, sheet_title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(sheet_title, header, rows), content_type=XLSX_TYPE)
    response["Content-Disposition"] = _disposition(filename)
    return response


def table_response(
    fmt: str, basename: str, sheet_title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse | StreamingHttpResponse:
    """The table as ``fmt`` ("csv" or "xlsx"); the file name gets today's date, e.g. katalog-2026-11-25.csv."""
    stamp = timezone.localdate().isoformat()
    if fmt == "xlsx":
        return xlsx_response(f"{basename}-{stamp}.xlsx", sheet_title, header, rows)
    return csv_response(f"{basename}-{stamp}.csv", header, rows)
