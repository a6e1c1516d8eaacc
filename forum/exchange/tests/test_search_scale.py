"""What the catalogue and its search do differently at national scale, tried here with small limits:
very many matches are listed newest first; SQLite scans its index for many matches; thousands of organisations
are filtered by a typed name or AGS instead of a list."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum.exchange import forms, search
from forum.exchange.models import Entry
from forum.exchange.search import search_entries
from forum.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def facet_counts(result: search.SearchResult) -> dict[str, dict[str, int]]:
    return {name: {facet.value: facet.count for facet in facets} for name, facets in result.facets.items()}


@pytest.fixture
def akten(entry_factory, other, topics) -> list[Entry]:
    """Five entries with "Akte", the later ones changed last; "Akte" is in the title of the oldest only;
    "Vorhaben 1" and "Vorhaben 3" belong to ``other``, the rest to Lörrach."""
    topic = topics["e-akte-dokumentenmanagement"]
    made = [entry_factory(title="Digitale Akte", project=True, exemplary=True)]
    for number in range(4):
        owner = other if number % 2 else made[0].organisation
        made.append(entry_factory(title=f"Vorhaben {number}", description="Mit einer Akte.", organisation=owner))
    for entry in made:
        entry.save_with_lists(topics=[topic])  # in this order, so the last one is the newest
    return made


def test_few_matches_are_ranked(akten):
    result = search_entries("Akte", user=AnonymousUser(), filters={})
    assert result.ranked and result.total == 5
    assert result.entries[0].title == "Digitale Akte"


def test_very_many_matches_are_listed_newest_first(akten, monkeypatch, client):
    monkeypatch.setattr(search, "RANK_LIMIT", 4)
    result = search_entries("Akte", user=AnonymousUser(), filters={})
    assert not result.ranked and result.total == 5
    assert [entry.pk for entry in result.entries] == [entry.pk for entry in reversed(akten)]
    html = client.get(reverse("exchange:search"), {"q": "Akte"}).content.decode()
    assert "Mehr als 4 Einträge passen, daher werden die neuesten zuerst aufgeführt." in html
    assert search_entries("Akte", user=AnonymousUser(), filters={"art": "project"}).ranked  # filtered: few again


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_sqlite_finds_and_counts_the_same_when_it_scans_its_index(akten, monkeypatch, user_in_role, loerrach):
    """Many matches (here: more than none) are counted by scanning; a newest-first page is always scanned for."""
    Entry.objects.filter(pk=akten[1].pk).update(visibility="members")
    monkeypatch.setattr(search, "RANK_LIMIT", 0)  # newest first, so the page too comes from the matches as such
    scan = '+"exchange_entry"."id" IN'
    for user in (AnonymousUser(), user_in_role("member_other", loerrach)):
        for filters in ({}, {"art": "challenge"}, {"kommune": loerrach}):
            with CaptureQueriesContext(connection) as fetching:
                fetched = search_entries("Akte", user=user, filters=filters)
            monkeypatch.setattr(search, "SCAN_FROM", 0)
            with CaptureQueriesContext(connection) as scanning:
                scanned = search_entries("Akte", user=user, filters=filters)
            monkeypatch.setattr(search, "SCAN_FROM", 30_000)
            assert not any(scan in query["sql"] for query in fetching.captured_queries)
            assert any(scan in query["sql"] for query in scanning.captured_queries)
            assert scan in str(fetched.entries.query) and scan in str(scanned.entries.query)
            assert [e.pk for e in scanned.entries] == [e.pk for e in fetched.entries]
            assert (scanned.total, facet_counts(scanned)) == (fetched.total, facet_counts(fetched))


def test_the_page_counts_the_matches_once(akten, client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("exchange:search"), {"q": "Akte"})
    assert response.context["page_obj"].paginator.count == 5
    counts = [query["sql"] for query in captured.captured_queries if query["sql"].startswith("SELECT COUNT(")]
    assert len([sql for sql in counts if "exchange_entry" in sql]) == 1  # the facets' total, not the paginator


# Thousands of organisations (all of Germany): a text field instead of a list.


@pytest.fixture
def many(monkeypatch) -> None:
    monkeypatch.setattr(forms, "MAX_ORGANISATION_CHOICES", 3)


def test_a_few_organisations_are_a_list_of_those_with_entries(client, akten, other, loerrach):
    field = client.get(reverse("exchange:entry_list")).context["filter_form"].fields["kommune"]
    assert set(field.queryset) == {loerrach, other}


@pytest.mark.parametrize("url", ["exchange:entry_list", "exchange:search"])
def test_many_organisations_are_typed_by_name_or_ags(url, many, client, akten, other, loerrach):
    def titles(**params: Any) -> set[str]:
        response = client.get(reverse(url), {"q": "Akte", **params})
        assert response.status_code == 200
        assert 'type="text" name="kommune"' in response.content.decode()
        return {entry.title for entry in response.context["page_obj"]}

    everything = {entry.title for entry in akten}
    assert titles() == everything
    assert titles(kommune=other.ags) == {"Vorhaben 1", "Vorhaben 3"}
    assert titles(kommune=other.name.upper()) == {"Vorhaben 1", "Vorhaben 3"}
    assert titles(kommune=f"  {loerrach.name} ") == {"Digitale Akte", "Vorhaben 0", "Vorhaben 2"}
    assert titles(kommune="Nirgendwo") == everything  # not found: the filter is left out, and the form says so
    response = client.get(reverse(url), {"kommune": "Nirgendwo"})
    assert "Keine Organisation hat diesen Namen oder Schlüssel." in response.content.decode()


def test_an_ambiguous_name_asks_for_the_ags(many, client, loerrach):
    twin = Organisation.objects.municipalities().exclude(pk=loerrach.pk).order_by("-ags")[0]
    Organisation.objects.filter(pk=twin.pk).update(name=loerrach.name)
    response = client.get(reverse("exchange:entry_list"), {"kommune": loerrach.name})
    assert "Mehrere Organisationen tragen diesen Namen. Geben Sie den Amtlichen Gemeindeschlüssel (AGS) ein." in (
        response.content.decode()
    )
    form = response.context["filter_form"]
    assert "kommune" not in form.filters()
    form = client.get(reverse("exchange:entry_list"), {"kommune": loerrach.ags}).context["filter_form"]
    assert form.filters()["kommune"] == loerrach


def test_many_organisations_cost_the_same_queries(many, client, akten, entry_factory, other):
    url = reverse("exchange:entry_list") + f"?kommune={other.ags}"
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(10):
        entry_factory(title=f"Noch eines {number}", organisation=other)
    with CaptureQueriesContext(connection) as more:
        response = client.get(url)
    assert len(few) == len(more)
    assert response.context["page_obj"].paginator.count == 12
