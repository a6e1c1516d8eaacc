"""Similar entries elsewhere: ranking, visibility in every role, stored vectors, the index, the rebuild command."""

from __future__ import annotations

from io import StringIO
from typing import Any, cast

import pytest
from django.core.management import call_command

from forum.core.models import Visibility
from forum.exchange.models import Entry
from forum.exchange.tests.factories import EntryFactory
from forum.organisations.models import Organisation
from forum.organisations.tests.helpers import ROLES
from forum.overlaps import similarity
from forum.overlaps.models import EntryVector

pytestmark = pytest.mark.django_db

E_AKTE = "Die Verwaltung führt die elektronische Akte ein: Dokumentenmanagementsystem, gescannter Posteingang."


@pytest.fixture(autouse=True)
def fresh_index() -> None:
    """Each test starts with an empty in-memory index (the database is rolled back between tests)."""
    similarity._index.__init__()  # type: ignore[misc]


@pytest.fixture
def other(loerrach: Organisation) -> Organisation:
    """The municipality the ``*_other`` roles of ``user_in_role`` belong to."""
    return cast(Organisation, Organisation.objects.municipalities().exclude(pk=loerrach.pk).order_by("ags").first())


@pytest.fixture
def third(loerrach: Organisation, other: Organisation) -> Organisation:
    return cast(
        Organisation,
        Organisation.objects.municipalities().exclude(pk__in=[loerrach.pk, other.pk]).order_by("ags").first(),
    )


def make(organisation: Organisation, title: str, description: str = E_AKTE, **fields: Any) -> Entry:
    return cast(Entry, EntryFactory(organisation=organisation, title=title, description=description, **fields))


@pytest.fixture
def world(loerrach: Organisation, other: Organisation, third: Organisation) -> dict[str, Entry]:
    """An E-Akte entry of Lörrach and candidates of other organisations in every visibility, with vectors."""
    entries = {
        "source": make(loerrach, "Einführung der E-Akte"),
        "own": make(loerrach, "E-Akte im Bürgerbüro"),  # same organisation: never suggested
        "public": make(third, "Elektronische Aktenführung im Rathaus"),
        "members": make(third, "Dokumentenmanagement für die Verwaltung", visibility=Visibility.MEMBERS),
        "coordination": make(third, "DMS und E-Akte", visibility=Visibility.COORDINATION),
        "draft": make(other, "Entwurf: digitale Akte", is_draft=True),
        "unrelated": make(
            third, "Neue Urnenwand auf dem Friedhof", "Die Gemeinde legt ein Baumgrabfeld und eine Urnenwand an."
        ),
    }
    similarity.rebuild_vectors()
    return entries


def test_similar_entries_of_other_organisations_rank_above_unrelated_ones(world, user_in_role, loerrach):
    coordination = user_in_role("coordination", loerrach)
    found = similarity.similar_entries(world["source"], coordination, limit=10)
    ids = [item.entry.pk for item in found]
    assert world["own"].pk not in ids and world["source"].pk not in ids
    assert ids[-1] == world["unrelated"].pk  # the only entry on another topic comes last
    assert [item.score for item in found] == sorted((item.score for item in found), reverse=True)
    assert all(0 < item.percent <= 100 for item in found)


@pytest.mark.parametrize("role", ROLES)
def test_only_entries_the_person_may_see_are_suggested(role, world, user_in_role, loerrach):
    user = user_in_role(role, loerrach)
    found = {item.entry.pk for item in similarity.similar_entries(world["source"], user, limit=10)}
    candidates = [entry for name, entry in world.items() if name not in {"source", "own"}]
    assert found == {entry.pk for entry in candidates if entry.is_visible_to(user)}
    if role in {"anonymous", "no_role"}:
        assert found == {world["public"].pk, world["unrelated"].pk}
    if role != "editor_other" and role not in {"coordination", "operator"}:
        assert world["draft"].pk not in found  # a draft only for its own editors and the coordination


def test_a_limit_is_filled_from_further_candidates_when_the_best_are_invisible(loerrach, third, user_in_role):
    source = make(loerrach, "Einführung der E-Akte")
    hidden = [make(third, f"E-Akte Variante {number}", visibility=Visibility.COORDINATION) for number in range(12)]
    visible = make(third, "Straßenbeleuchtung auf LED umstellen", "Neue Leuchten sparen Strom.")
    similarity.rebuild_vectors()
    found = similarity.similar_entries(source, user_in_role("anonymous"), limit=1)
    assert [item.entry for item in found] == [visible]
    assert len(similarity.similar_entries(source, user_in_role("coordination"), limit=20)) == len(hidden) + 1


def test_saving_an_entry_stores_its_vector_after_commit(loerrach, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        entry = make(loerrach, "Einführung der E-Akte")
    stored = EntryVector.objects.get(entry=entry)
    assert stored.organisation_id == loerrach.pk
    assert len(bytes(stored.vector)) == similarity.DIMENSIONS * 4
    assert similarity.refresh_vector(entry) is False  # unchanged text: not embedded again
    with django_capture_on_commit_callbacks(execute=True):
        entry.title = "Breitbandausbau"
        entry.save()
    changed = EntryVector.objects.get(entry=entry)
    assert changed.text_hash != stored.text_hash and changed.updated > stored.updated


def test_a_missing_vector_is_computed_at_lookup(loerrach, third, user_in_role):
    public = make(third, "Elektronische Aktenführung")
    similarity.rebuild_vectors()
    source = make(loerrach, "Einführung der E-Akte")  # no on_commit in this test: the task has not run
    assert not EntryVector.objects.filter(entry=source).exists()
    assert [item.entry for item in similarity.similar_entries(source, user_in_role("anonymous"))] == [public]
    assert EntryVector.objects.filter(entry=source).exists()


def test_the_index_follows_changes_and_deletions(world, user_in_role, loerrach):
    anonymous = user_in_role("anonymous")
    assert similarity.similar_entries(world["source"], anonymous, limit=1)[0].entry == world["public"]
    world["public"].title, world["public"].description = "Friedhof", "Urnenwand und Baumgräber, Friedhofssatzung."
    world["public"].save()
    similarity.refresh_vector(world["public"])
    new_score = {item.entry: item.score for item in similarity.similar_entries(world["source"], anonymous)}
    source, changed = similarity.embed(
        [similarity.entry_text(e.title, e.description) for e in (world["source"], world["public"])]
    )
    assert new_score[world["public"]] == pytest.approx(float(source @ changed), abs=1e-5)
    world["unrelated"].delete()
    assert {item.entry for item in similarity.similar_entries(world["source"], anonymous)} == {world["public"]}


def test_the_rebuild_command_embeds_only_what_changed(world):
    EntryVector.objects.filter(entry=world["public"]).delete()
    out = StringIO()
    call_command("rebuild_entry_vectors", stdout=out)
    assert out.getvalue().startswith(f"1 vectors computed, {len(world) - 1} unchanged")
    assert EntryVector.objects.count() == len(world)


def test_markdown_is_reduced_to_its_text():
    text = similarity.entry_text("Titel", "**Fett** und [ein Link](https://example.org) – # Überschrift")
    assert text == "Titel. Fett und ein Link – Überschrift"


@pytest.mark.parametrize("extra", [3, 30])
def test_a_lookup_costs_the_same_queries_at_any_size(extra, loerrach, third, user_in_role, django_assert_num_queries):
    source = make(loerrach, "Einführung der E-Akte")
    for number in range(extra):
        make(third, f"E-Akte {number}", visibility=Visibility.MEMBERS if number % 2 else Visibility.PUBLIC)
    similarity.rebuild_vectors()
    similarity.index()  # loaded once per process
    anonymous = user_in_role("anonymous")
    with django_assert_num_queries(2):  # the index's stamp, the visible candidates
        assert len(similarity.similar_entries(source, anonymous)) == min(5, (extra + 1) // 2)
