"""Full-text search of the catalogue, on SQLite (FTS5) and PostgreSQL alike: word forms, umlauts, ranking,
filters and facet counts, visibility, index upkeep, constant queries and hostile input."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum.core.models import Visibility
from forum.exchange import search_text
from forum.exchange.models import Entry
from forum.exchange.search import search_entries

pytestmark = pytest.mark.django_db


def titles(query: str, user: Any = None, **filters: Any) -> list[str]:
    result = search_entries(query, user=user or AnonymousUser(), filters=filters)
    return [entry.title for entry in result.entries]


def test_the_terms_are_stemmed_and_folded():
    assert search_text.terms("Digitalisierungen") == search_text.terms("Digitalisierung") == ["digitalisier"]
    assert search_text.terms("Straße") == search_text.terms("Strasse") == ["strass"]
    assert search_text.terms("Gebäude") == search_text.terms("Gebaude") == search_text.terms("Gebaeude")
    assert search_text.terms("die Akte der Stadt") == search_text.terms("Akte Stadt")
    assert search_text.terms('"*" AND ( ) -') == ["and"]


@pytest.mark.parametrize(
    ("stored", "query"),
    [
        ("Digitalisierung der Schulen", "Digitalisierungen"),
        ("Neues Bürgerportal", "Bürgerportale"),
        ("Neues Bürgerportal", "buergerportal"),
        ("Sanierung der Hauptstraße", "Hauptstrasse"),
        ("Gebäude-Management", "Gebaude"),
        ("Gebäude-Management", "gebäudemanagement"[:7]),  # a word begun: the last term is a prefix
    ],
)
def test_word_forms_and_spellings_match(entry_factory, stored, query):
    entry_factory(title=stored, description="Kurz beschrieben.")
    entry_factory(title="Etwas ganz anderes", description="Kurz beschrieben.")
    assert titles(query) == [stored]


def test_every_word_must_match(entry_factory):
    entry_factory(title="Digitale Bauakte", description="Im Bauamt.")
    entry_factory(title="Digitale Schule", description="Im Schulamt.")
    assert titles("digitale bauakte") == ["Digitale Bauakte"]


def test_topics_software_vendors_and_organisation_are_searched(entry_factory, topics, loerrach):
    entry = entry_factory(title="Eintrag", description="Nichts Besonderes.")
    from forum.exchange.models import Product, Vendor

    topic = topics["e-akte-dokumentenmanagement"]
    entry.save_with_lists(topics=[topic], products=Product.for_names(["enaio"]), vendors=Vendor.for_names(["Optimal"]))
    assert titles("enaio") == ["Eintrag"]
    assert titles("optimal") == ["Eintrag"]
    assert titles(topic.name) == ["Eintrag"]
    assert titles(loerrach.name) == ["Eintrag"]


def test_a_match_in_the_title_ranks_above_one_in_the_description(entry_factory):
    entry_factory(title="Schulen vernetzen", description="Ein neues Bürgerportal gehört auch dazu, und mehr.")
    entry_factory(title="Bürgerportal", description="Anträge online stellen.")
    entry_factory(title="Nichts davon", description="Anderes.")
    assert titles("Bürgerportal") == ["Bürgerportal", "Schulen vernetzen"]


def test_filters_and_facet_counts(entry_factory, other, topics):
    topic = topics["e-akte-dokumentenmanagement"]
    a = entry_factory(title="Akte A", project=True, exemplary=True)
    a.save_with_lists(topics=[topic])
    entry_factory(title="Akte B", project=True, phase=Entry.Phase.IDEA)
    entry_factory(title="Akte C")
    entry_factory(title="Akte D", organisation=other)
    entry_factory(title="Kein Treffer")
    result = search_entries("Akte", user=AnonymousUser(), filters={})
    facets = {name: {f.value: f.count for f in values} for name, values in result.facets.items()}
    assert facets["art"] == {"challenge": 2, "project": 2}
    assert facets["phase"] == {"idea": 1, "implementation": 1}
    assert facets["beispielhaft"] == {"1": 1}
    assert facets["thema"] == {topic.slug: 1}
    assert facets["kommune"] == {a.organisation.ags: 3, other.ags: 1}
    assert sorted(titles("Akte", art="project")) == ["Akte A", "Akte B"]
    assert titles("Akte", phase="idea") == ["Akte B"]
    assert titles("Akte", beispielhaft=True) == ["Akte A"]
    assert titles("Akte", thema=topic.slug) == ["Akte A"]
    assert titles("Akte", thema=topic.parent.slug) == ["Akte A"]
    assert titles("Akte", kommune=other) == ["Akte D"]
    assert titles("Akte", kommune=other.ags) == ["Akte D"]
    filtered = search_entries("Akte", user=AnonymousUser(), filters={"art": "project"})
    assert {f.value: f.count for f in filtered.facets["art"]} == {"project": 2}


def test_only_what_the_person_may_see_is_found_or_counted(entry_factory, make_user, user_in_role, loerrach):
    entry_factory(title="Akte öffentlich")
    entry_factory(title="Akte Mitglieder", visibility=Visibility.MEMBERS, project=True)
    entry_factory(title="Akte Koordination", visibility=Visibility.COORDINATION, project=True)
    entry_factory(title="Akte Entwurf", is_draft=True, project=True)
    anonymous = search_entries("Akte", user=AnonymousUser(), filters={})
    assert [e.title for e in anonymous.entries] == ["Akte öffentlich"]
    assert {f.value: f.count for f in anonymous.facets["art"]} == {"challenge": 1}
    assert anonymous.facets["phase"] == []
    member = user_in_role("member_other", loerrach)
    assert sorted(titles("Akte", member)) == ["Akte Mitglieder", "Akte öffentlich"]
    assert len(titles("Akte", user_in_role("coordination", loerrach))) == 4
    assert "Akte Entwurf" in titles("Akte", user_in_role("editor_own", loerrach))


def test_saving_updates_the_index_and_deleting_removes_it(entry_factory):
    entry = entry_factory(title="Digitale Bauakte")
    assert titles("Bauakte") == ["Digitale Bauakte"]
    entry.title = "Elektronische Schulverwaltung"
    entry.save()
    assert titles("Bauakte") == []
    assert titles("Schulverwaltungen") == ["Elektronische Schulverwaltung"]
    entry.description = "Mit Zeugnissen."
    entry.save(update_fields=["description"])
    assert titles("Zeugnis") == ["Elektronische Schulverwaltung"]
    entry.delete()
    assert titles("Schulverwaltung") == []


def test_a_visibility_change_takes_effect_at_once(entry_factory):
    entry = entry_factory(title="Digitale Bauakte")
    Entry.objects.filter(pk=entry.pk).update(visibility=Visibility.MEMBERS)
    assert titles("Bauakte") == []


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "der die das",
        '"',
        "*",
        '"*"',
        "NEAR",
        "AND OR NOT",
        "a:b",
        "x^y",
        "(",
        "'",
        "\\",
        "Akte*",
        'Akte" OR "x',
        "NEAR(a b)",
        "-Akte",
        "{}",
        "ñ",
        "💡 Akte",
    ],
)
def test_odd_queries_never_fail(entry_factory, query, client):
    entry_factory(title="Akte")
    result = search_entries(query, user=AnonymousUser(), filters={})
    list(result.entries)
    assert client.get(reverse("exchange:search"), {"q": query}).status_code == 200


def test_an_empty_query_finds_nothing_and_gives_a_hint(entry_factory, client):
    entry = entry_factory(title="Akte")
    result = search_entries("", user=AnonymousUser(), filters={"art": "challenge"})
    assert result.is_empty_query and list(result.entries) == [] and result.facets == {}
    response = client.get(reverse("exchange:search"))
    assert response.status_code == 200
    assert response.context["page_obj"] is None
    assert entry.get_absolute_url() not in response.content.decode()


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_number_of_queries_does_not_grow_with_the_results(entry_factory, topics, client):
    topic = topics["e-akte-dokumentenmanagement"]
    for number in range(3):
        entry_factory(title=f"Akte {number}", project=True).save_with_lists(topics=[topic])
    url = reverse("exchange:search") + "?q=Akte"
    few = _queries(client, url)
    for number in range(27):
        entry_factory(title=f"Akte mehr {number}", project=bool(number % 2)).save_with_lists(topics=[topic])
    many = _queries(client, url)
    assert few == many
    response = client.get(url)
    assert response.context["page_obj"].paginator.count == 30
    assert len(response.context["page_obj"]) == 25


def test_the_page_shows_results_facets_and_links(entry_factory, client, topics):
    entry = entry_factory(title="Digitalisierung im Bauamt", project=True)
    entry.save_with_lists(topics=[topics["e-akte-dokumentenmanagement"]])
    response = client.get(reverse("exchange:search"), {"q": "Digitalisierungen"})
    html = response.content.decode()
    assert entry.get_absolute_url() in html
    assert "q=Digitalisierungen&amp;art=project" in html
    assert 'for="id_q"' in html
    catalogue = client.get(reverse("exchange:entry_list")).content.decode()
    assert reverse("exchange:search") in catalogue


def test_no_results_say_so(entry_factory, client):
    entry_factory(title="Akte")
    response = client.get(reverse("exchange:search"), {"q": "Feuerwehr"})
    assert response.context["page_obj"] is not None
    assert response.context["page_obj"].paginator.count == 0


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_the_sqlite_triggers_exist():
    """A migration that rebuilds exchange_entry on SQLite drops them; it must create them again."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'exchange_entry'")
        names = {row[0] for row in cursor.fetchall()}
    assert names == {"exchange_entry_fts_insert", "exchange_entry_fts_update", "exchange_entry_fts_delete"}
