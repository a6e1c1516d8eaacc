"""The overlap analysis: matrix counts, roll-up to fields, candidates, and nothing hidden ever counted."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from forum.exchange.models import Entry
from forum.overlaps import analysis
from forum.overlaps.analysis import Cell

from .world import AKTE, RATS, SECRET, World, build

pytestmark = pytest.mark.django_db
KREIS = "08336"


@pytest.fixture
def world(loerrach) -> World:
    return build(loerrach)


def test_a_cell_counts_own_entries_and_interest_marks_per_topic(world):
    a, b, c, d = world.towns
    akte, rats = world.topics[AKTE], world.topics[RATS]
    matrix = analysis.overlap_matrix(AnonymousUser(), district=KREIS, level=analysis.TOPICS)
    assert matrix.cell(a.pk, akte.pk) == Cell(entries=1, marks=0)
    assert matrix.cell(b.pk, rats.pk) == Cell(entries=0, marks=1)
    assert matrix.cell(c.pk, rats.pk) == Cell(entries=1, marks=0)
    assert matrix.cell(d.pk, rats.pk) == Cell()
    assert [topic.slug for topic in matrix.topics] == sorted([AKTE, RATS], key=lambda s: matrix.topics[0].slug != s)
    totals = {total.topic.slug: total for total in matrix.column_totals()}
    assert (totals[AKTE].organisations, totals[AKTE].entries, totals[AKTE].marks) == (4, 4, 0)
    assert (totals[RATS].organisations, totals[RATS].entries, totals[RATS].marks) == (3, 2, 1)


def test_sub_topics_roll_up_to_their_field_and_an_entry_counts_once_per_field(world, loerrach):
    field = world.topics[AKTE].parent
    assert field == world.topics[RATS].parent  # both in "Digitale Verwaltung – interne Abläufe"
    c = world.towns[2]
    matrix = analysis.overlap_matrix(AnonymousUser(), district=KREIS)
    assert field in matrix.topics
    assert all(topic.parent_id is None for topic in matrix.topics)
    assert matrix.cell(c.pk, field.pk) == Cell(entries=1, marks=0)  # one entry with two sub-topics of the field
    assert matrix.cell(loerrach.pk, field.pk) == Cell(entries=2, marks=0)
    assert matrix.organisations[0].kind == "district"
    assert len(matrix.organisations) == 36  # the district and its 35 municipalities


def test_the_kind_filter_counts_projects_or_challenges_only(world, loerrach):
    rats = world.topics[RATS]
    projects = analysis.overlap_matrix(AnonymousUser(), district=KREIS, level="topics", kind=Entry.Kind.PROJECT)
    assert projects.cell(loerrach.pk, rats.pk) == Cell(entries=1)
    assert projects.cell(world.towns[1].pk, rats.pk) == Cell(marks=1)  # the mark on the project counts
    challenges = analysis.overlap_matrix(AnonymousUser(), district=KREIS, level="topics", kind=Entry.Kind.CHALLENGE)
    assert challenges.cell(loerrach.pk, rats.pk) == Cell()
    assert challenges.cell(world.towns[1].pk, rats.pk) == Cell()


def test_another_district_has_none_of_these_organisations(world):
    from forum.organisations.loading import load_district

    load_district("08311")  # Freiburg im Breisgau (Stadtkreis)
    matrix = analysis.overlap_matrix(AnonymousUser(), district="08311")
    assert matrix.cells == {}
    assert {o.pk for o in matrix.organisations}.isdisjoint(t.pk for t in world.towns)
    everything = analysis.overlap_matrix(AnonymousUser(), district=None)
    assert len(everything.organisations) > 36


@pytest.mark.parametrize(
    ("role", "sees_secret"),
    [
        ("anonymous", set()),
        ("no_role", set()),
        ("member_other", {"members"}),
        ("editor_other", {"members"}),
        ("coordination", {"members", "coordination", "draft"}),
    ],
)
def test_hidden_entries_and_their_marks_never_count(world, user_in_role, loerrach, role, sees_secret):
    user = user_in_role(role, loerrach)
    secret = world.topics[SECRET]
    a, b, c, d = world.towns
    matrix = analysis.overlap_matrix(user, district=KREIS, level="topics")
    expected = {
        (d.pk, secret.pk): Cell(entries=("members" in sees_secret) + ("draft" in sees_secret)),
        (b.pk, secret.pk): Cell(entries=int("coordination" in sees_secret)),
        (c.pk, secret.pk): Cell(marks=int("members" in sees_secret)),
        (a.pk, secret.pk): Cell(marks=("coordination" in sees_secret) + ("draft" in sees_secret)),
    }
    assert {key: matrix.cell(*key) for key in expected} == expected
    assert (secret in matrix.topics) is bool(sees_secret)
    involved = analysis.topic_involvement(user, secret, district=KREIS)
    assert {item.organisation.pk for item in involved} == {k[0] for k, cell in expected.items() if cell.involved}
    own, marked = analysis.topic_entries(user, secret, [t.pk for t in world.towns])
    titles = {e.title for entries in own.values() for e in entries} | {
        m.entry.title for marks in marked.values() for m in marks
    }
    assert titles == {world.entries[name].title for name in sees_secret}
    keys = {group.key for group in analysis.rank_candidates(user).groups}
    assert any(SECRET in key for key in keys) is (sees_secret == {"members", "coordination", "draft"})


def test_the_draft_counts_for_its_own_editors(world, user_in_role):
    d = world.towns[3]
    user = user_in_role("editor_own", d)
    matrix = analysis.overlap_matrix(user, district=KREIS, level="topics")
    assert matrix.cell(d.pk, world.topics[SECRET].pk) == Cell(entries=2)  # the members entry and its own draft


def test_candidates_are_shared_topics_and_groups_that_add_something(world):
    ranking = analysis.rank_candidates(AnonymousUser())
    keys = [group.key for group in ranking.groups]
    # E-Akte: 4 towns; E-Akte + Ratsinformation: Lörrach, B, C. Ratsinformation alone has the same three
    # organisations as the pair, so it adds nothing and is left out.
    assert keys == [AKTE, world.key]
    first, second = ranking.groups
    assert first.organisation_count == 4
    assert first.score == 4.0
    assert set(ranking.organisation_ids_of(second)) == {t.pk for t in world.towns[:3]}


def test_candidate_for_gives_topics_organisations_and_entries(world):
    candidate = analysis.candidate_for(AnonymousUser(), world.key)
    assert candidate is not None
    assert candidate.key == world.key
    assert {t.slug for t in candidate.topics} == {AKTE, RATS}
    assert list(candidate.organisations) == sorted(world.towns[:3], key=lambda o: o.name)
    # own entries of the three with one of the topics; D's entry is not behind it (D is not in the group)
    assert {e.title for e in candidate.entries} == {
        world.entries[name].title for name in ("a_akte", "a_rats", "b_akte", "c_both")
    }
    assert candidate.score == 3.0


def test_candidate_for_unknown_or_not_shared_keys_is_none(world):
    user = AnonymousUser()
    assert analysis.candidate_for(user, "gibt-es-nicht") is None
    assert analysis.candidate_for(user, SECRET) is None  # hidden from this user
    assert analysis.candidate_for(user, f"{RATS}+{AKTE}") is None  # keys are sorted
    assert analysis.candidate_for(user, f"{AKTE}+{AKTE}") is None
    assert analysis.candidate_for(user, "+".join(sorted([AKTE, RATS, SECRET, "foerdermittel"]))) is None
    assert [c.key for c in analysis.cooperation_candidates(user)] == [AKTE, world.key]


def test_a_group_left_out_of_the_list_is_still_found_by_its_key(world, user_in_role, loerrach):
    rats = analysis.candidate_for(AnonymousUser(), RATS)  # covered by the pair in the list, still a candidate
    assert rats is not None
    assert len(rats.organisations) == 3
    coordination = user_in_role("coordination", loerrach)
    # The coordination sees the hidden entries, so the pair is covered by a triple for it; the link still works.
    assert world.key not in [group.key for group in analysis.rank_candidates(coordination).groups]
    assert analysis.candidate_for(coordination, world.key) is not None


def test_min_organisations_is_a_parameter(world):
    keys = [c.key for c in analysis.cooperation_candidates(AnonymousUser(), min_organisations=4)]
    assert keys == [AKTE]


def test_triples_are_found_and_cover_their_pairs(loerrach, world):
    from .world import entry

    third = world.topics[SECRET]
    for town in world.towns[:3]:
        entry(town, f"Glasfaser öffentlich {town.name}", third)
    keys = [group.key for group in analysis.rank_candidates(AnonymousUser()).groups]
    triple = "+".join(sorted([AKTE, RATS, SECRET]))
    assert keys == [AKTE, triple]  # every pair of the three has the same three organisations


def test_bitsets():
    bits = analysis._bitset([0, 3, 9, 64], 70)
    assert bits == (1 << 0) | (1 << 3) | (1 << 9) | (1 << 64)
    assert analysis.bit_indices(bits) == [0, 3, 9, 64]
    assert analysis.bit_indices(0) == []
