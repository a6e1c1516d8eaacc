"""The catalogue as CSV and XLSX: its columns, only what the person may see, the list's filters, formula guard,
constant queries."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from forum.core.models import Visibility
from forum.exchange.models import Entry, Product, Vendor
from forum.organisations.tests.helpers import log_in_as

pytestmark = pytest.mark.django_db

HEADER = [
    "Type",
    "Title",
    "Organisation",
    "AGS",
    "Phase",
    "exemplary",
    "Topics",
    "Software products",
    "Vendors",
    "Year",
    "Interest marks",
    "Link",
    "Last changed",
]


@pytest.fixture(autouse=True)
def english(settings: Any) -> None:
    settings.LANGUAGE_CODE = "en"


def csv_rows(response: Any) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def xlsx_rows(response: Any) -> list[list[Any]]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [["" if value is None else value for value in row] for row in sheet.iter_rows(values_only=True)]


def export(client: Any, fmt: str = "csv", **params: Any) -> list[list[Any]]:
    response = client.get(reverse("exchange:entry_export", args=[fmt]), params)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="katalog-')
    return csv_rows(response) if fmt == "csv" else xlsx_rows(response)


@pytest.fixture
def project(entry_factory, topics, other, interest_factory) -> Entry:
    entry = entry_factory(title="Digitale Bauakte", project=True, exemplary=True, year=2024)
    entry.save_with_lists(
        topics=[topics["e-akte-dokumentenmanagement"]],
        products=Product.for_names(["enaio", "Komm.ONE"]),
        vendors=Vendor.for_names(["Optimal Systems"]),
    )
    interest_factory(entry=entry, organisation=other)
    return entry


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_both_formats_hold_the_columns_and_values(fmt, client, project, loerrach, topics):
    rows = export(client, fmt)
    assert rows[0] == HEADER
    assert len(rows) == 2
    row = dict(zip(HEADER, rows[1], strict=True))
    assert row["Type"] == "project"
    assert row["Title"] == "Digitale Bauakte"
    assert row["Organisation"] == loerrach.name
    assert row["AGS"] == loerrach.ags
    assert row["Phase"] == "implementation"
    assert row["exemplary"] == "yes"
    assert row["Topics"] == topics["e-akte-dokumentenmanagement"].name
    assert row["Software products"] == "enaio, Komm.ONE"
    assert row["Vendors"] == "Optimal Systems"
    assert str(row["Year"]) == "2024"
    assert str(row["Interest marks"]) == "1"
    assert row["Link"] == f"http://testserver/katalog/{project.pk}/"
    assert row["Last changed"]


def test_the_catalogue_links_to_both_with_its_filters(client, project):
    response = client.get(reverse("exchange:entry_list"), {"art": "project", "page": "1"})
    assert response.context["page_obj"][0].interest_count == 1
    html = response.content.decode()
    assert f'href="{reverse("exchange:entry_export", args=["csv"])}?art=project"' in html
    assert f'href="{reverse("exchange:entry_export", args=["xlsx"])}?art=project"' in html
    assert "Download as CSV" in html and "Download as Excel file (XLSX)" in html


def test_an_unknown_format_is_not_found(client):
    assert client.get("/katalog/export.pdf").status_code == 404


HIDDEN = [
    ("Mitglieder", Visibility.MEMBERS, False),
    ("Koordination", Visibility.COORDINATION, False),
    ("Entwurf", Visibility.PUBLIC, True),
]
SEES = {
    "anonymous": {"Öffentlich"},
    "no_role": {"Öffentlich"},
    "member_other": {"Öffentlich", "Mitglieder"},
    "editor_own": {"Öffentlich", "Mitglieder", "Entwurf"},
    "editor_other": {"Öffentlich", "Mitglieder"},
    "coordination": {"Öffentlich", "Mitglieder", "Koordination", "Entwurf"},
}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("role", list(SEES))
def test_only_what_the_person_may_see_is_exported(fmt, role, client, user_in_role, loerrach, entry_factory):
    entry_factory(title="Öffentlich")
    for title, visibility, draft in HIDDEN:
        entry_factory(title=title, visibility=visibility, is_draft=draft)
    log_in_as(client, user_in_role, role, loerrach)
    rows = export(client, fmt)
    assert {row[1] for row in rows[1:]} == SEES[role]
    # The visibility column only for those who may see more than the public.
    assert ("Visibility" in rows[0]) is (SEES[role] != {"Öffentlich"})


def test_the_visibility_column_names_drafts(client, user_in_role, loerrach, entry_factory):
    entry_factory(title="Entwurf", visibility=Visibility.MEMBERS, is_draft=True)
    log_in_as(client, user_in_role, "editor_own", loerrach)
    rows = export(client)
    assert rows[1][rows[0].index("Visibility")] == "members only (draft)"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_filters_of_the_list_are_carried(fmt, client, entry_factory, project, other, topics, interest_factory):
    entry_factory(title="Herausforderung Lörrach")
    entry_factory(title="Vorhaben anderswo", organisation=other, project=True)
    marked = entry_factory(title="Markiert von Lörrach", organisation=other)
    interest_factory(entry=marked, organisation=project.organisation)

    def titles(**params: Any) -> list[str]:
        return sorted(row[1] for row in export(client, fmt, **params)[1:])

    assert titles(art="project") == ["Digitale Bauakte", "Vorhaben anderswo"]
    assert titles(kommune=other.ags) == ["Markiert von Lörrach", "Vorhaben anderswo"]
    assert titles(thema=topics["e-akte-dokumentenmanagement"].parent.slug) == ["Digitale Bauakte"]
    assert titles(beispielhaft="on") == ["Digitale Bauakte"]
    assert titles(phase="implementation", kommune=other.ags) == ["Vorhaben anderswo"]
    assert titles(interesse=project.organisation.ags) == ["Markiert von Lörrach"]
    assert len(titles(art="nonsense")) == 4  # a value that does not fit is ignored, as on the list


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_cells_that_look_like_formulas_are_neutralised(fmt, client, entry_factory):
    entry_factory(title='=HYPERLINK("https://example.com";"klick")')
    entry_factory(title="+49 7621 123")
    entry_factory(title="@SUM(A1)")
    titles = {row[1] for row in export(client, fmt)[1:]}
    assert '\'=HYPERLINK("https://example.com";"klick")' in titles
    if fmt == "csv":
        assert titles >= {"'+49 7621 123", "'@SUM(A1)"}
    else:  # openpyxl stores these as text cells, which spreadsheet programs never run
        assert titles >= {"+49 7621 123", "@SUM(A1)"}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_queries_do_not_grow_with_the_rows(fmt, client, entry_factory, topics, other, interest_factory):
    topic_list = list(topics.values())

    def make(start: int, n: int) -> None:
        for number in range(start, start + n):
            entry = entry_factory(title=f"Eintrag {number}", project=bool(number % 2))
            entry.save_with_lists(
                topics=topic_list[number % 5 : number % 5 + 2],
                products=Product.for_names([f"Produkt {number % 3}"]),
                vendors=Vendor.for_names(["Komm.ONE"]),
            )
            interest_factory(entry=entry, organisation=other)

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            rows = export(client, fmt)
        return len(captured), len(rows)

    make(0, 3)
    few, rows = queries()
    assert rows == 4
    make(3, 27)
    many, rows = queries()
    assert rows == 31
    assert few == many
