"""The strategy page: the strategy's wording per field of action and what the forum contributes, as each person may see it."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext, ngettext

from forum.cooperation.models import Undertaking
from forum.core.models import Visibility
from forum.council.tests.factories import ConsultationFactory, PaperFactory
from forum.exchange.models import Entry
from forum.organisations.models import Committee, Organisation
from forum.organisations.tests.helpers import element_text, log_in_as
from forum.topics.models import FieldOfAction, GuidingPrinciple, Strategy

pytestmark = pytest.mark.django_db


@pytest.fixture
def strategy(db: Any) -> Strategy:
    """The Zukunftsstrategie 2035 as ``load_strategy`` records it: one field of action with one guiding principle."""
    return Strategy.objects.get(slug="zukunftsstrategie-2035")


@pytest.fixture
def digital(strategy: Strategy) -> FieldOfAction:
    return strategy.fields_of_action.get(name="Digitale Verwaltung")


@pytest.fixture
def kreistag(district: Organisation) -> Committee:
    return Committee.objects.create(name="Kreistag", kind=Committee.Kind.COUNCIL, organisation=district)


@pytest.fixture
def refer(loerrach: Organisation, district: Organisation, kreistag: Committee) -> Any:
    """refer(field, entries=n, undertakings=n, papers=n, visibility=…): content of each kind referring to ``field``."""
    made = [0]

    def make(
        field: FieldOfAction, *, entries: int = 0, undertakings: int = 0, papers: int = 0, **fields: Any
    ) -> list[Any]:
        objects: list[Any] = []
        for _ in range(entries):
            made[0] += 1
            entry = Entry.objects.create(
                kind=Entry.Kind.PROJECT,
                phase=Entry.Phase.OPERATION,
                organisation=loerrach,
                title=f"Vorhaben {made[0]:03d}",
                description="Beschreibung.",
                **fields,
            )
            entry.fields_of_action.add(field)
            objects.append(entry)
        for _ in range(undertakings):
            made[0] += 1
            undertaking = Undertaking.objects.create(
                title=f"IKZ-Vorhaben {made[0]:03d}", lead=loerrach, governing_organisation=district, **fields
            )
            undertaking.fields_of_action.add(field)
            objects.append(undertaking)
        for _ in range(papers):
            made[0] += 1
            paper: Any = PaperFactory(field_of_action=field, title=f"Vorlage zum Feld {made[0]:03d}", **fields)
            ConsultationFactory(paper=paper, committee=kreistag)
            objects.append(paper)
        return objects

    return make


def test_the_strategy_address_forwards_to_the_current_strategy(client, strategy):
    response = client.get(reverse("topics:strategy_current"))
    assert response.status_code == 302
    assert response.url == strategy.get_absolute_url() == "/strategie/zukunftsstrategie-2035/"


def test_without_a_current_strategy_the_address_lists_the_former_ones(client, strategy):
    strategy.is_current = False
    strategy.save()
    response = client.get(reverse("topics:strategy_current"))
    assert response.status_code == 200
    assert gettext("No strategy is marked as the current one.") in response.content.decode()
    assert strategy.get_absolute_url() in response.content.decode()


def test_the_page_quotes_each_guiding_principle_under_its_field_of_action(client, strategy, digital):
    principle = digital.guiding_principles.get()
    response = client.get(strategy.get_absolute_url())
    assert response.status_code == 200
    section = element_text(response, f"leitgedanke-{principle.pk}")
    assert section is not None
    assert section.startswith("„Der Landkreis beteiligt sich im Rahmen interkommunaler Zusammenarbeit")
    assert section.split("“")[0].endswith("voranzutreiben und mitzugestalten.")
    assert f'id="handlungsfeld-{digital.pk}"' in response.content.decode()
    assert "https://www.loerrach-landkreis.de/" in response.content.decode()


def test_the_page_shows_what_refers_to_each_field_with_its_status(client, strategy, digital, refer):
    entry, undertaking, paper = refer(digital, entries=1, undertakings=1, papers=1, visibility=Visibility.PUBLIC)
    response = client.get(strategy.get_absolute_url())
    page = response.content.decode()
    heading = gettext("Field of action: %(name)s") % {"name": "Digitale Verwaltung"}
    assert element_text(response, f"handlungsfeld-{digital.pk}") == heading
    note = f"{entry.get_kind_display()} · Lörrach · {entry.get_phase_display()}"
    assert f'<a class="kern-link" href="{entry.get_absolute_url()}">{entry.title}</a> ({note})' in page
    assert f'href="{undertaking.get_absolute_url()}"' in page
    assert f"{undertaking.title}</a> ({undertaking.get_status_display()})" in page
    assert f'href="{paper.get_absolute_url()}"' in page
    assert (
        f"{paper.number} {paper.title}</a> ({paper.get_kind_display()} · Kenntnisnahme, Kreistag, 19.01.2022)" in page
    )


def test_the_table_counts_per_field_what_the_person_may_see(client, user_in_role, loerrach, strategy, digital, refer):
    refer(digital, entries=2, undertakings=1, papers=1, visibility=Visibility.PUBLIC)
    refer(digital, entries=3, undertakings=2, papers=1, visibility=Visibility.MEMBERS)
    table = element_text(client.get(strategy.get_absolute_url()), "beitraege-tabelle")
    assert table is not None
    assert "Digitale Verwaltung 2 1 1" in table
    log_in_as(client, user_in_role, "member_other", loerrach)
    table = element_text(client.get(strategy.get_absolute_url()), "beitraege-tabelle")
    assert table is not None
    assert "Digitale Verwaltung 5 3 2" in table


def test_nothing_members_only_or_draft_reaches_the_public(client, strategy, digital, refer):
    hidden = refer(digital, entries=1, undertakings=1, papers=1, visibility=Visibility.MEMBERS)
    drafts = refer(digital, entries=1, undertakings=1, visibility=Visibility.PUBLIC, is_draft=True)
    page = client.get(strategy.get_absolute_url()).content.decode()
    for obj in hidden + drafts:
        assert obj.title not in page
    assert gettext("Nothing in the forum that you may see refers to this field of action yet.") in page


def test_a_long_list_shows_the_first_and_says_how_many_more(client, strategy, digital, refer, monkeypatch):
    monkeypatch.setattr("forum.exchange.panels.PER_FIELD", 3)
    entries = refer(digital, entries=5, visibility=Visibility.PUBLIC)
    response = client.get(strategy.get_absolute_url())
    page = response.content.decode()
    assert [entry.title in page for entry in entries] == [False, False, True, True, True]  # the latest three
    assert ngettext("and %(n)s more", "and %(n)s more", 2) % {"n": 2} in page
    assert "Digitale Verwaltung 5" in (element_text(response, "beitraege-tabelle") or "")


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("role", ["anonymous", "member_other", "coordination"])
def test_the_page_costs_the_same_queries_for_one_field_and_for_many(
    role, client, user_in_role, loerrach, strategy, digital, refer
):
    log_in_as(client, user_in_role, role, loerrach)
    refer(digital, entries=1, undertakings=1, papers=1, visibility=Visibility.PUBLIC)
    few = _queries(client, strategy.get_absolute_url())
    for number in range(2, 7):
        field = FieldOfAction.objects.create(strategy=strategy, name=f"Handlungsfeld {number}", position=number)
        GuidingPrinciple.objects.create(field_of_action=field, text=f"Leitgedanke {number}.", position=1)
        GuidingPrinciple.objects.create(field_of_action=field, text=f"Noch ein Leitgedanke {number}.", position=2)
        refer(field, entries=4, undertakings=2, papers=2, visibility=Visibility.PUBLIC)
        refer(field, entries=2, papers=1, visibility=Visibility.MEMBERS)
    assert _queries(client, strategy.get_absolute_url()) == few


def test_an_unknown_strategy_is_not_found(client):
    assert client.get(reverse("topics:strategy_detail", args=["gibt-es-nicht"])).status_code == 404


# The coordination keeps the strategy ------------------------------------------------------------------


@pytest.fixture
def coordination(client: Any, user_in_role: Any, loerrach: Organisation) -> Any:
    return log_in_as(client, user_in_role, "coordination", loerrach)


def _strategy_data(**changes: Any) -> dict[str, Any]:
    return {
        "name": "Kreisstrategie 2040",
        "description": "Die **neue** Strategie.",
        "adopted_on": "2026-03-18",
        "source": "https://www.example.org/strategie-2040",
        "is_current": "on",
    } | changes


def test_a_new_current_strategy_makes_the_old_one_a_former_one(client, coordination, strategy):
    response = client.post(reverse("topics:strategy_create"), _strategy_data())
    new = Strategy.objects.get(name="Kreisstrategie 2040")
    assert response.status_code == 302
    assert response.url == new.get_absolute_url() == "/strategie/kreisstrategie-2040/"
    strategy.refresh_from_db()
    assert new.is_current and not strategy.is_current
    assert list(Strategy.objects.filter(is_current=True)) == [new]
    assert strategy.history.first().is_current is False  # saved one by one: the history has the change
    assert client.get(reverse("topics:strategy_current")).url == new.get_absolute_url()


def test_a_strategy_saved_as_former_leaves_the_current_one(client, coordination, strategy):
    data = _strategy_data()
    del data["is_current"]
    client.post(reverse("topics:strategy_create"), data)
    strategy.refresh_from_db()
    assert strategy.is_current
    assert not Strategy.objects.get(name="Kreisstrategie 2040").is_current


def test_renaming_keeps_the_address(client, coordination, strategy):
    data = _strategy_data(name="Zukunftsstrategie 2035 (fortgeschrieben)")
    response = client.post(reverse("topics:strategy_edit", args=[strategy.slug]), data)
    strategy.refresh_from_db()
    assert response.status_code == 302
    assert strategy.name == "Zukunftsstrategie 2035 (fortgeschrieben)"
    assert strategy.slug == "zukunftsstrategie-2035"
    assert str(strategy.adopted_on) == "2026-03-18"


def test_a_second_strategy_of_the_same_name_is_refused(client, coordination, strategy):
    response = client.post(reverse("topics:strategy_create"), _strategy_data(name="zukunftsstrategie 2035"))
    assert response.status_code == 200
    assert gettext("A strategy of this name exists already.") in response.content.decode()
    assert Strategy.objects.count() == 1


def test_a_strategy_named_like_an_address_word_gets_another_address(client, coordination):
    client.post(reverse("topics:strategy_create"), _strategy_data(name="Neu"))
    assert Strategy.objects.get(name="Neu").slug == "neu-2"


def test_fields_of_action_are_added_edited_and_listed_in_order(client, coordination, strategy, digital):
    response = client.post(
        reverse("topics:field_create", args=[strategy.slug]),
        {"name": "Bildung", "position": "", "description": "Schulen und *Weiterbildung*."},
    )
    assert response.status_code == 200  # the position is required; the form offers the next one
    assert client.get(reverse("topics:field_create", args=[strategy.slug])).context["form"]["position"].value() == 2
    response = client.post(
        reverse("topics:field_create", args=[strategy.slug]),
        {"name": "Bildung", "position": "0", "description": "Schulen und *Weiterbildung*."},
    )
    bildung = strategy.fields_of_action.get(name="Bildung")
    assert response.status_code == 302
    assert (
        response.url == bildung.get_absolute_url() == f"/strategie/zukunftsstrategie-2035/#handlungsfeld-{bildung.pk}"
    )
    page = client.get(strategy.get_absolute_url()).content.decode()
    assert page.index(f'id="handlungsfeld-{bildung.pk}"') < page.index(f'id="handlungsfeld-{digital.pk}"')
    client.post(reverse("topics:field_edit", args=[bildung.pk]), {"name": "Bildung", "position": "9"})
    page = client.get(strategy.get_absolute_url()).content.decode()
    assert page.index(f'id="handlungsfeld-{digital.pk}"') < page.index(f'id="handlungsfeld-{bildung.pk}"')


def test_a_field_of_action_name_is_unique_in_its_strategy(client, coordination, strategy):
    response = client.post(
        reverse("topics:field_create", args=[strategy.slug]), {"name": "Digitale Verwaltung", "position": "2"}
    )
    assert response.status_code == 200
    assert gettext("This strategy already has a field of action with this name.") in response.content.decode()


def test_deleting_a_field_unlinks_entries_and_undertakings(client, coordination, strategy, refer):
    field = FieldOfAction.objects.create(strategy=strategy, name="Mobilität", position=5)
    GuidingPrinciple.objects.create(field_of_action=field, text="Mobil im ganzen Kreis.")
    entry, undertaking = refer(field, entries=1, undertakings=1, visibility=Visibility.PUBLIC)
    confirm = client.get(reverse("topics:field_delete", args=[field.pk])).content.decode()
    lost = ngettext(
        "%(n)s entry of the catalogue loses its reference to it.",
        "%(n)s entries of the catalogue lose their reference to it.",
        1,
    )
    assert lost % {"n": 1} in confirm
    response = client.post(reverse("topics:field_delete", args=[field.pk]))
    assert response.status_code == 302
    assert not FieldOfAction.objects.filter(pk=field.pk).exists()
    assert not GuidingPrinciple.objects.filter(text="Mobil im ganzen Kreis.").exists()
    assert Entry.objects.filter(pk=entry.pk).exists() and not entry.fields_of_action.exists()
    assert Undertaking.objects.filter(pk=undertaking.pk).exists() and not undertaking.fields_of_action.exists()


def test_a_field_a_paper_refers_to_is_not_deleted(client, coordination, digital, refer):
    entry, paper = refer(digital, entries=1, papers=1, visibility=Visibility.PUBLIC)
    response = client.post(reverse("topics:field_delete", args=[digital.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    what = gettext("The field of action “%(name)s”") % {"name": "Digitale Verwaltung"}
    assert escape(what) in page
    assert paper.number in page
    assert FieldOfAction.objects.filter(pk=digital.pk).exists()
    assert digital.guiding_principles.count() == 1
    assert list(entry.fields_of_action.all()) == [digital]


def test_a_field_whose_principle_a_paper_quotes_is_not_deleted(client, coordination, digital):
    principle = digital.guiding_principles.get()
    PaperFactory(guiding_principle=principle, field_of_action=digital)
    client.post(reverse("topics:field_delete", args=[digital.pk]))
    assert GuidingPrinciple.objects.filter(pk=principle.pk).exists()


def test_guiding_principles_are_added_edited_and_deleted(client, coordination, strategy, digital):
    response = client.post(
        reverse("topics:principle_create", args=[digital.pk]),
        {"text": "„Wir teilen, was wir digital entwickeln.“", "position": "2", "source": "Seite 12"},
    )
    principle = digital.guiding_principles.get(position=2)
    assert response.status_code == 302
    assert response.url == f"{strategy.get_absolute_url()}#leitgedanke-{principle.pk}"
    assert principle.text == "Wir teilen, was wir digital entwickeln."  # the page adds the quotation marks
    client.post(reverse("topics:principle_edit", args=[principle.pk]), {"text": "Wir teilen.", "position": "2"})
    principle.refresh_from_db()
    assert principle.text == "Wir teilen."
    assert client.post(reverse("topics:principle_delete", args=[principle.pk])).status_code == 302
    assert not GuidingPrinciple.objects.filter(pk=principle.pk).exists()


def test_a_principle_a_paper_quotes_is_not_deleted(client, coordination, digital):
    principle = digital.guiding_principles.get()
    paper: Any = PaperFactory(guiding_principle=principle, field_of_action=digital)
    response = client.post(reverse("topics:principle_delete", args=[principle.pk]))
    assert response.status_code == 200
    assert paper.number in response.content.decode()
    assert GuidingPrinciple.objects.filter(pk=principle.pk).exists()


def test_an_empty_principle_is_refused(client, coordination, digital):
    response = client.post(reverse("topics:principle_create", args=[digital.pk]), {"text": "„ “", "position": "3"})
    assert response.status_code == 200
    assert digital.guiding_principles.count() == 1
