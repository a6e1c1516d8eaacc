"""The panel registry: higher apps add links to a lower app's page through a named slot."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string

from forum.core import panels
from forum.core.panels import Links, PanelLink, collect, first_per_object, register
from forum.organisations.models import Organisation

SLOT = "tests.thing"


class Thing:
    def __init__(self, pk: int) -> None:
        self.pk = pk


@pytest.fixture(autouse=True)
def own_slot() -> Iterator[None]:
    """A slot of the tests' own, emptied afterwards (the apps' registrations stay as they are)."""
    yield
    panels._providers.pop(SLOT, None)


def _odd_ones(things: Sequence[Any], user: Any) -> dict[int, list[PanelLink]]:
    return {
        thing.pk: [PanelLink(f"Link {thing.pk}", f"/ding/{thing.pk}/", "ungerade")] for thing in things if thing.pk % 2
    }


def _for_logged_in(things: Sequence[Any], user: Any) -> dict[int, list[PanelLink]]:
    if not user.is_authenticated:
        return {}
    return {thing.pk: [PanelLink("Intern", "/intern/")] for thing in things}


def test_collect_gathers_per_object_what_each_provider_has_under_its_heading():
    register(SLOT, "Odd ones", _odd_ones)
    result = collect(SLOT, [Thing(1), Thing(2), Thing(3)], AnonymousUser())
    assert set(result) == {1, 3}
    assert result[1] == [("Odd ones", [PanelLink("Link 1", "/ding/1/", "ungerade")])]


def test_headings_come_in_the_order_the_providers_registered(make_user):
    register(SLOT, "Erstens", _odd_ones)
    register(SLOT, "Zweitens", _for_logged_in)
    result = collect(SLOT, [Thing(1), Thing(2)], make_user())
    assert [heading for heading, _links in result[1]] == ["Erstens", "Zweitens"]
    assert [heading for heading, _links in result[2]] == ["Zweitens"]


def test_a_provider_decides_by_the_person():
    register(SLOT, "Intern", _for_logged_in)
    assert dict(collect(SLOT, [Thing(1)], AnonymousUser())) == {}


def test_registering_a_provider_twice_shows_its_links_once():
    register(SLOT, "Einmal", _odd_ones)
    register(SLOT, "Einmal", _odd_ones)
    assert len(collect(SLOT, [Thing(1)], AnonymousUser())[1]) == 1


def test_no_objects_ask_no_provider():
    def never(things: Sequence[Any], user: Any) -> dict[int, list[PanelLink]]:
        raise AssertionError("asked without objects")

    register(SLOT, "Nie", never)
    assert dict(collect(SLOT, iter([]), AnonymousUser())) == {}


def test_an_unknown_slot_has_nothing():
    assert dict(collect("tests.nobody", [Thing(1)], AnonymousUser())) == {}


def test_links_count_what_they_leave_out():
    links = Links([PanelLink("A", "/a/")], total=5)
    assert links.total == 5 and links.more == 4
    assert Links([PanelLink("A", "/a/")]).more == 0


@pytest.mark.django_db
def test_first_per_object_keeps_the_first_rows_of_each_object_and_counts_them_all(django_assert_num_queries):
    municipalities = Organisation.objects.municipalities().filter(district__isnull=False)
    with django_assert_num_queries(1):
        rows = list(first_per_object(municipalities, "district_id", ["-population", "pk"], 3))
    districts = {row.district_id for row in rows}
    for district in districts:
        own = [row for row in rows if row.district_id == district]
        everyone = municipalities.filter(district_id=district).order_by("-population", "pk")
        assert [row.pk for row in own] == [row.pk for row in everyone[:3]]
        assert {row.panel_total for row in own} == {everyone.count()}


def test_the_template_shows_headings_links_notes_and_how_many_more():
    panel = [("Vorlagen", Links([PanelLink("005/2022 Forum", "/vorlagen/2022/5/", "Kenntnisnahme")], total=3))]
    html = render_to_string("core/_panels.html", {"panels": panel, "level": 4, "label": "TOP 2"})
    assert '<h4 class="kern-heading-small">Vorlagen<span class="kern-sr-only"> (TOP 2)</span></h4>' in html
    assert '<a class="kern-link" href="/vorlagen/2022/5/">005/2022 Forum</a> (Kenntnisnahme)' in html
    assert "2" in html.split("</a>")[-1]  # "and 2 more"
    sections = render_to_string("core/_panels.html", {"panels": panel, "sections": True, "id_prefix": "vorlagen"})
    assert '<section class="section" aria-labelledby="vorlagen-1">' in sections
    assert '<h2 id="vorlagen-1" class="kern-heading-medium">Vorlagen</h2>' in sections
