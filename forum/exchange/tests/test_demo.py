"""The example content: the district's real entries from the CSV, a few invented marks and a comment, all marked."""

from __future__ import annotations

import csv
from io import StringIO

import pytest
from django.core.management import call_command

from forum.exchange.demo import DATA_FILE, create_demo
from forum.exchange.models import Comment, Entry, Interest, Product, Vendor
from forum.organisations.demo import create_demo as create_accounts
from forum.organisations.models import Organisation, Role
from forum.topics.models import Topic

pytestmark = pytest.mark.django_db

KREIS = "08336"


def _rows():
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _counts():
    return [model.objects.count() for model in (Entry, Interest, Comment, Product, Vendor)] + [
        Entry.history.count(),
        Entry.topics.through.objects.count(),
    ]


def test_it_loads_the_districts_rows_and_skips_the_others():
    result = create_demo(KREIS)
    in_district = [row for row in _rows() if row["ags"].startswith(KREIS)]
    assert (result.created, result.existing, result.skipped) == (len(in_district), 0, len(_rows()) - len(in_district))
    assert result.created == 38
    assert Entry.objects.count() == 38
    assert not Entry.objects.filter(is_example=False).exists()
    assert Entry.objects.filter(kind=Entry.Kind.PROJECT).count() == sum(r["kind"] == "Vorhaben" for r in in_district)


def test_it_changes_nothing_when_run_again():
    create_accounts(KREIS)
    create_demo(KREIS)
    counts = _counts()
    result = create_demo(KREIS)
    assert (result.created, result.existing) == (0, 38)
    assert _counts() == counts


def test_the_district_holds_the_rows_of_the_landratsamt_and_the_zweckverband(district):
    create_demo(KREIS)
    titles = set(district.entries.values_list("title", flat=True))
    expected = {row["title"] for row in _rows() if row["ags"] == KREIS}
    assert titles == expected
    assert len(expected) == 10


def test_it_maps_the_columns(loerrach, topics):
    create_demo(KREIS)
    entry = Entry.objects.get(organisation=loerrach, title="Digitalisierung der Prozesse in der Ausländerbehörde")
    assert (entry.kind, entry.phase, entry.exemplary, entry.year) == (
        Entry.Kind.PROJECT,
        Entry.Phase.OPERATION,
        True,
        2024,
    )
    assert {t.slug for t in entry.topics.all()} == {"migration-integration", "online-dienste-efa"}
    assert entry.source.startswith("https://")
    assert entry.topic_names  # the history knows the names
    challenge = Entry.objects.filter(organisation=loerrach, kind=Entry.Kind.CHALLENGE).first()
    assert (challenge.phase, challenge.exemplary) == ("", False)
    schools = Entry.objects.get(organisation=loerrach, title="Bildungscloud für 14 städtische Schulen")
    assert [p.name for p in schools.products.all()] == ["DigitalPakt Schule"]
    assert [v.name for v in schools.vendors.all()] == ["Zweckverband Breitbandversorgung Landkreis Lörrach (Glasfaser)"]


def test_products_named_in_several_rows_are_one_row():
    create_demo(KREIS)
    assert Product.objects.filter(name="DigitalPakt Schule").count() == 1
    assert Product.objects.get(name="DigitalPakt Schule").entries.count() >= 2


def test_unknown_topics_are_skipped(monkeypatch, tmp_path):
    rows = _rows()
    row = next(r for r in rows if r["ags"] == "08336050")
    row["topics"] = "gibt-es-nicht;geodaten-gis"
    path = tmp_path / "eintraege.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerow(row)
    monkeypatch.setattr("forum.exchange.demo.DATA_FILE", path)
    create_demo(KREIS)
    assert [t.slug for t in Entry.objects.get(title=row["title"]).topics.all()] == ["geodaten-gis"]


def test_another_district_gets_only_its_own_rows(settings):
    """Rows of a district that is not loaded are skipped entirely."""
    result = create_demo("09162")
    assert result.created == 0
    assert not Entry.objects.exists()


def test_it_adds_marks_between_municipalities_and_a_comment():
    create_accounts(KREIS)
    create_demo(KREIS)
    marks = list(Interest.objects.select_related("entry__organisation", "organisation").order_by("pk"))
    assert len(marks) == 4
    for mark in marks:
        assert mark.is_example
        assert mark.organisation != mark.entry.organisation
        assert mark.organisation.kind in Organisation.MUNICIPAL_KINDS
        assert mark.entry.organisation.kind in Organisation.MUNICIPAL_KINDS
        own_topics = set(Topic.objects.filter(entries__organisation=mark.organisation, entries__is_example=True))
        assert set(mark.entry.topics.all()) & own_topics  # the marking municipality works on the same topic
    comment = Comment.objects.select_related("author").get()
    assert comment.is_example
    assert comment.entry_id == marks[0].entry_id
    assert not Role.objects.filter(user=comment.author, organisation=comment.entry.organisation).exists()


def test_without_accounts_there_is_no_comment():
    create_demo(KREIS)
    assert Interest.objects.count() == 4
    assert not Comment.objects.exists()


def test_load_demo_loads_the_catalogue():
    call_command("load_demo", stdout=StringIO())
    assert Entry.objects.filter(is_example=True).count() == 38
    assert Comment.objects.filter(is_example=True).count() == 1
