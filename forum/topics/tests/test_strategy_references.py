"""Entries and undertakings refer to the strategy: chosen on their forms, shown on their pages with a link."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from forum.cooperation.models import Undertaking
from forum.core.models import Visibility
from forum.exchange.models import Entry
from forum.organisations.models import Organisation
from forum.organisations.tests.helpers import log_in_as
from forum.topics.models import FieldOfAction, GuidingPrinciple, Strategy, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def strategy(db: Any) -> Strategy:
    return Strategy.objects.get(slug="zukunftsstrategie-2035")


@pytest.fixture
def digital(strategy: Strategy) -> FieldOfAction:
    return strategy.fields_of_action.get(name="Digitale Verwaltung")


@pytest.fixture
def former(db: Any) -> FieldOfAction:
    """A field of action of a former strategy."""
    old = Strategy.objects.create(name="Kreisentwicklungskonzept 2020", slug="kek-2020", is_current=False)
    return FieldOfAction.objects.create(strategy=old, name="Verwaltung 2020", position=1)


def _entry_data(**changes: Any) -> dict[str, Any]:
    return {
        "kind": Entry.Kind.PROJECT,
        "title": "Digitale Bauakte",
        "description": "Die Bauakte wird digital geführt.",
        "phase": Entry.Phase.IMPLEMENTATION,
        "topics": [Topic.objects.get(slug="verwaltungsportale").pk],
        "products": "",
        "vendors": "",
        "contact": "",
        "links": "",
        "year": "",
        "source": "",
        "visibility": Visibility.PUBLIC,
    } | changes


def test_the_entry_form_offers_the_current_strategy_s_fields_of_action(client, user_in_role, loerrach, digital, former):
    log_in_as(client, user_in_role, "editor_own", loerrach)
    form = client.get(reverse("exchange:entry_create", args=[loerrach.ags])).context["form"]
    assert [pk for pk, _label in form.fields["fields_of_action"].choices] == [digital.pk]
    assert "Zukunftsstrategie 2035" in str(form.fields["fields_of_action"].help_text)


def test_an_entry_refers_to_a_field_of_action_and_its_page_links_to_it(client, user_in_role, loerrach, digital):
    log_in_as(client, user_in_role, "editor_own", loerrach)
    response = client.post(
        reverse("exchange:entry_create", args=[loerrach.ags]), _entry_data(fields_of_action=[digital.pk])
    )
    entry = Entry.objects.get(title="Digitale Bauakte")
    assert response.status_code == 302
    assert list(entry.fields_of_action.all()) == [digital]
    page = client.get(entry.get_absolute_url()).content.decode()
    assert f'<a class="kern-link" href="/strategie/zukunftsstrategie-2035/#handlungsfeld-{digital.pk}">' in page
    assert entry.title in client.get(digital.strategy.get_absolute_url()).content.decode()


def test_a_field_of_a_former_strategy_is_refused_on_a_new_entry(client, user_in_role, loerrach, former):
    log_in_as(client, user_in_role, "editor_own", loerrach)
    response = client.post(
        reverse("exchange:entry_create", args=[loerrach.ags]), _entry_data(fields_of_action=[former.pk])
    )
    assert response.status_code == 200
    assert not Entry.objects.filter(title="Digitale Bauakte").exists()


def test_an_entry_keeps_a_former_field_until_it_is_unticked(client, user_in_role, loerrach, digital, former):
    entry = Entry.objects.create(
        kind=Entry.Kind.CHALLENGE, organisation=loerrach, title="Alt", description="x", visibility=Visibility.PUBLIC
    )
    entry.topics.add(Topic.objects.get(slug="verwaltungsportale"))
    entry.fields_of_action.add(former)
    log_in_as(client, user_in_role, "editor_own", loerrach)
    url = reverse("exchange:entry_edit", args=[entry.pk])
    form = client.get(url).context["form"]
    assert {pk for pk, _label in form.fields["fields_of_action"].choices} == {digital.pk, former.pk}
    data = _entry_data(kind=Entry.Kind.CHALLENGE, phase="", title="Alt", fields_of_action=[former.pk, digital.pk])
    assert client.post(url, data).status_code == 302
    assert set(entry.fields_of_action.all()) == {digital, former}
    data.pop("fields_of_action")
    assert client.post(url, data).status_code == 302
    assert not entry.fields_of_action.exists()


def test_without_a_strategy_the_entry_form_has_no_such_field(client, user_in_role, loerrach, strategy):
    strategy.is_current = False
    strategy.save()
    log_in_as(client, user_in_role, "editor_own", loerrach)
    form = client.get(reverse("exchange:entry_create", args=[loerrach.ags])).context["form"]
    assert "fields_of_action" not in form.fields
    response = client.post(reverse("exchange:entry_create", args=[loerrach.ags]), _entry_data())
    assert response.status_code == 302


def _undertaking_data(district: Organisation, **changes: Any) -> dict[str, Any]:
    return {
        "title": "Gemeinsames Rechenzentrum",
        "summary": "",
        "description": "Ein gemeinsames Rechenzentrum.",
        "status": Undertaking.Status.PREPARATION,
        "starts_on": "",
        "governing_organisation": district.pk,
        "governing_committee": "",
        "decision_process": "Entscheidungen trifft der Kreistag.",
        "lead": district.pk,
        "visibility": Visibility.PUBLIC,
    } | changes


def test_an_undertaking_follows_a_guiding_principle_and_so_refers_to_its_field(
    client, user_in_role, loerrach, district, digital
):
    principle = digital.guiding_principles.get()
    log_in_as(client, user_in_role, "coordination", loerrach)
    form = client.get(reverse("cooperation:undertaking_create")).context["form"]
    assert form.fields["guiding_principles"].choices == [(digital.name, [(principle.pk, f"„{principle.text}“")])]
    response = client.post(
        reverse("cooperation:undertaking_create"), _undertaking_data(district, guiding_principles=[principle.pk])
    )
    undertaking = Undertaking.objects.get(title="Gemeinsames Rechenzentrum")
    assert response.status_code == 302
    assert list(undertaking.guiding_principles.all()) == [principle]
    assert list(undertaking.fields_of_action.all()) == [digital]
    page = client.get(undertaking.get_absolute_url()).content.decode()
    assert f'href="/strategie/zukunftsstrategie-2035/#leitgedanke-{principle.pk}">„Der Landkreis beteiligt' in page
    assert f'href="/strategie/zukunftsstrategie-2035/#handlungsfeld-{digital.pk}">Digitale Verwaltung</a>' in page
    strategy_page = client.get(digital.strategy.get_absolute_url()).content.decode()
    assert f'href="{undertaking.get_absolute_url()}">Gemeinsames Rechenzentrum</a>' in strategy_page


def test_a_principle_of_another_strategy_is_refused(client, user_in_role, loerrach, district, former):
    principle = GuidingPrinciple.objects.create(field_of_action=former, text="Alt.")
    log_in_as(client, user_in_role, "coordination", loerrach)
    response = client.post(
        reverse("cooperation:undertaking_create"), _undertaking_data(district, guiding_principles=[principle.pk])
    )
    assert response.status_code == 200
    assert not Undertaking.objects.filter(title="Gemeinsames Rechenzentrum").exists()
