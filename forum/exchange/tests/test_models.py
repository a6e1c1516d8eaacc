"""Normalised names, the list fields in the history, and the Markdown check."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from forum.exchange.forms import split_names
from forum.exchange.models import Entry, Interest, Product, Vendor, normal_key
from forum.exchange.validators import validate_safe_markdown

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["Komm.ONE", "KommONE", "komm one", " Komm-One ", "KOMM.ONE"])
def test_spellings_share_one_key(name):
    assert normal_key(name) == "kommone"


def test_umlauts_fold_to_their_spelling():
    assert normal_key("Bürgerservice Süd") == normal_key("Buergerservice Sued")


def test_for_names_makes_one_row_per_thing():
    first = Product.for_names(["Komm.ONE", "KommONE", "", "  ", "enaio"])
    assert [p.name for p in first] == ["Komm.ONE", "enaio"]
    again = Product.for_names(["komm one"])
    assert again == [first[0]]
    assert Product.objects.count() == 2
    assert Vendor.for_names(["Komm.ONE"])[0].name == "Komm.ONE"  # products and vendors are apart


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Komm.ONE, enaio", ["Komm.ONE", "enaio"]),
        ("Schnell (Tiefbau, Weil am Rhein); Saphir", ["Schnell (Tiefbau, Weil am Rhein)", "Saphir"]),
        ("a,\nb,, a", ["a", "b"]),
        ("", []),
    ],
)
def test_split_names(text, names):
    assert split_names(text) == names


def test_a_save_with_lists_is_one_history_record_naming_the_lists(loerrach, topics):
    entry = Entry(kind=Entry.Kind.CHALLENGE, organisation=loerrach, title="T", description="D")
    entry.save_with_lists(
        topics=[topics["geodaten-gis"], topics["open-data"]], products=Product.for_names(["QGIS"]), vendors=[]
    )
    assert entry.history.count() == 1
    record = entry.history.get()
    assert record.topic_names == ", ".join(sorted([topics["geodaten-gis"].name, topics["open-data"].name]))
    assert record.product_names == "QGIS"
    entry.save_with_lists(topics=[topics["open-data"]])  # products stay as they are
    assert entry.history.count() == 2
    assert list(entry.products.values_list("name", flat=True)) == ["QGIS"]
    assert entry.history.latest().topic_names == topics["open-data"].name


@pytest.mark.parametrize(
    "text",
    [
        "**fett** und *kursiv*\n\n- Liste\n\n[Link](https://example.org)",
        "Preis < 5 Euro, 3 > 2",
        "Die Online-Dienste (onboarding) laufen.",
        "E-Mail: info@example.org",
    ],
)
def test_ordinary_markdown_passes(text):
    validate_safe_markdown(text)


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<SCRIPT src=//evil.example></SCRIPT>",
        '<img src=x onerror="alert(1)">',
        "<a href='#' onclick='x()'>a</a>",
        "[a](javascript:alert(1))",
        "[a](  JAVASCRIPT :alert(1))",
        "<iframe src=https://evil.example>",
        "<svg onload=alert(1)>",
        "[a](data:text/html;base64,PHNjcmlwdD4=)",
    ],
)
def test_active_content_is_refused(text):
    with pytest.raises(ValidationError) as error:
        validate_safe_markdown(text)
    assert error.value.code == "active_content"


def test_an_organisation_marks_no_entry_of_its_own(loerrach, entry_factory):
    interest = Interest(entry=entry_factory(), organisation=loerrach, kind=Interest.Kind.JOIN)
    with pytest.raises(ValidationError):
        interest.full_clean()
