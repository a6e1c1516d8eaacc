"""The change history ("Änderungsverlauf"): who changed which field from what to what, in one query."""

import pytest
from django.test import RequestFactory
from django.utils.translation import gettext
from simple_history.models import HistoricalRecords

from forum.core.history import history_entries
from forum.organisations.models import Organisation, Person

pytestmark = pytest.mark.django_db


def _label(model, field_name):
    return str(model._meta.get_field(field_name).verbose_name)


def _edit(obj, user, **values):
    for name, value in values.items():
        setattr(obj, name, value)
    obj._history_user = user
    obj.save()
    del obj._history_user


def test_it_names_who_changed_which_field_from_what_to_what(binzen, make_user):
    editor = make_user(full_name="Rita Redaktion")
    old_population = binzen.population
    _edit(binzen, editor, population=3100)

    latest = history_entries(binzen)[0]
    assert latest.who == "Rita Redaktion"
    assert latest.kind == gettext("changed")
    assert [(c.label, c.old, c.new) for c in latest.changes] == [
        (_label(Organisation, "population"), str(old_population), "3100")
    ]


def test_it_takes_the_user_from_the_request(binzen, make_user):
    editor = make_user(full_name="Rolf Request")
    request = RequestFactory().post("/")
    request.user = editor
    HistoricalRecords.thread.request = request
    try:
        binzen.website = "https://www.binzen.example/"
        binzen.save()
    finally:
        del HistoricalRecords.thread.request

    latest = history_entries(binzen)[0]
    assert latest.who == "Rolf Request"
    assert [(c.label, c.old, c.new) for c in latest.changes] == [
        (_label(Organisation, "website"), "–", "https://www.binzen.example/")
    ]


def test_it_records_a_creation_without_field_changes(make_user):
    coordinator = make_user(full_name="Kim Koordination")
    partner = Organisation(name="Zweckverband Test", slug="zweckverband-test", kind="special_purpose_association")
    partner._history_user = coordinator
    partner.save()

    (entry,) = history_entries(partner)
    assert entry.who == "Kim Koordination"
    assert entry.kind == gettext("created")
    assert entry.changes == []


def test_it_names_the_system_when_nobody_is_known(binzen):
    binzen.population = 3200
    binzen.save()
    assert history_entries(binzen)[0].who == gettext("system")


def test_it_lists_the_newest_change_first_and_keeps_the_reason(binzen, make_user):
    editor = make_user(full_name="Rita Redaktion")
    _edit(binzen, editor, population=3001)
    binzen._change_reason = "Neue Zahlen"
    _edit(binzen, editor, population=3002)

    first, second = history_entries(binzen)[:2]
    assert first.when >= second.when
    assert (first.changes[0].old, first.changes[0].new) == ("3001", "3002")
    assert first.reason == "Neue Zahlen"
    assert second.reason == ""


def test_it_shows_choices_and_booleans_readably(loerrach, make_user):
    editor = make_user()
    person = Person.objects.create(organisation=loerrach, given_name="Lea", family_name="Vorbild")
    _edit(person, editor, visibility="members", is_contact=False)

    changes = {c.label: (c.old, c.new) for c in history_entries(person)[0].changes}
    assert changes == {
        _label(Person, "visibility"): (gettext("public"), gettext("members only")),
        _label(Person, "is_contact"): (gettext("yes"), gettext("no")),
    }


def test_it_leaves_out_the_modification_time(binzen, make_user):
    _edit(binzen, make_user(), population=3003)
    labels = [c.label for c in history_entries(binzen)[0].changes]
    assert _label(Organisation, "modified") not in labels


def test_it_shows_at_most_the_limit(binzen, make_user):
    editor = make_user()
    for number in range(5):
        _edit(binzen, editor, population=4000 + number)
    entries = history_entries(binzen, limit=3)
    assert len(entries) == 3
    # The oldest shown entry is still diffed against its predecessor.
    assert (entries[-1].changes[0].old, entries[-1].changes[0].new) == ("4001", "4002")


def test_it_shows_a_changed_organisation_by_name(loerrach, binzen, make_user):
    person = Person.objects.create(organisation=loerrach, given_name="Lea", family_name="Vorbild")
    _edit(person, make_user(), organisation=binzen)
    (change,) = history_entries(person)[0].changes
    assert (change.old, change.new) == (loerrach.name, binzen.name)


@pytest.mark.parametrize("changes", [3, 15])
def test_it_costs_one_query_however_many_changes(binzen, make_user, django_assert_num_queries, changes):
    editors = [make_user(), make_user(), make_user()]
    for number in range(changes):
        _edit(binzen, editors[number % 3], population=5000 + number, website=f"https://v{number}.example/")
    with django_assert_num_queries(1):  # the historical records joined with their users
        entries = history_entries(binzen)
        assert len(entries) == changes + 1  # + the creation by load_district
        assert {entry.who for entry in entries[:changes]} == {e.get_full_name() for e in editors}
