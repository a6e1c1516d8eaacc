"""The page "similar entries elsewhere": URL × role × visibility table, htmx fragment, the entry page's link, queries."""

from __future__ import annotations

from typing import Any, cast

import pytest
from django.urls import reverse

from forum.core.models import Visibility
from forum.exchange.models import Entry
from forum.exchange.tests.factories import EntryFactory
from forum.organisations.models import Organisation
from forum.organisations.tests.helpers import ROLES, log_in_as
from forum.overlaps import similarity

pytestmark = pytest.mark.django_db

URL_NAMES = {"overlaps:similar_entries"}  # the URL names of this file (overlaps/urls.py); the table covers each
MEMBERS = set(ROLES) - {"anonymous", "no_role"}
EVERYONE = dict.fromkeys(ROLES, 200)
# The entry belongs to Lörrach ("own"); who may open its page follows the entry's visibility (404 otherwise).
TABLE: dict[str, dict[str, int]] = {
    "public": EVERYONE,
    "members": {role: 200 if role in MEMBERS else 404 for role in ROLES},
    "coordination": {role: 200 if role in {"coordination", "operator"} else 404 for role in ROLES},
    "draft": {role: 200 if role in {"editor_own", "coordination", "operator"} else 404 for role in ROLES},
}


@pytest.fixture(autouse=True)
def fresh_index() -> None:
    similarity._index.__init__()  # type: ignore[misc]


def make(organisation: Organisation, title: str, **fields: Any) -> Entry:
    description = "Die Verwaltung führt die elektronische Akte und ein Dokumentenmanagementsystem ein."
    return cast(Entry, EntryFactory(organisation=organisation, title=title, description=description, **fields))


@pytest.fixture
def third(loerrach: Organisation) -> Organisation:
    return cast(Organisation, Organisation.objects.municipalities().exclude(pk=loerrach.pk).order_by("-ags").first())


def test_the_table_covers_every_similarity_url():
    from forum.overlaps import urls

    names = {f"overlaps:{pattern.name}" for pattern in urls.urlpatterns if "similar" in str(pattern.name)}
    assert names == URL_NAMES


@pytest.mark.parametrize(("case", "role"), [(case, role) for case in TABLE for role in ROLES])
def test_page_by_role_and_visibility(case, role, client, user_in_role, loerrach, third):
    fields = {"is_draft": True} if case == "draft" else {"visibility": case}
    entry = make(loerrach, "Einführung der E-Akte", **fields)
    hidden = make(third, "Geheime E-Akte", visibility=Visibility.COORDINATION)
    shown = make(third, "Öffentliche E-Akte")
    similarity.rebuild_vectors()
    log_in_as(client, user_in_role, role, loerrach)
    response = client.get(reverse("overlaps:similar_entries", args=[entry.pk]))
    assert response.status_code == TABLE[case][role]
    if response.status_code == 200:
        page = response.content.decode()
        assert shown.get_absolute_url() in page
        assert (hidden.get_absolute_url() in page) is (role in {"coordination", "operator"})
    assert client.post(reverse("overlaps:similar_entries", args=[entry.pk])).status_code == 405


def test_htmx_gets_the_list_only_and_the_page_works_without_javascript(client, loerrach, third):
    entry = make(loerrach, "Einführung der E-Akte")
    other = make(third, "Elektronische Akte")
    similarity.rebuild_vectors()
    url = reverse("overlaps:similar_entries", args=[entry.pk])
    page = client.get(url)
    assert "<html" in page.content.decode() and other.title in page.content.decode()
    assert "HX-Request" in page["Vary"]
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and "<h1" not in fragment
    assert other.get_absolute_url() in fragment and entry.organisation.name not in fragment


def test_no_similar_entries_says_so(client, loerrach):
    entry = make(loerrach, "Einführung der E-Akte")
    fragment = client.get(reverse("overlaps:similar_entries", args=[entry.pk]), headers={"HX-Request": "true"})
    assert "<ol" not in fragment.content.decode()  # the message instead of a list (its wording is translated)
    assert fragment.context["similar"] == []


def test_the_entry_page_loads_the_list_with_htmx_and_links_to_the_page(client, loerrach):
    entry = make(loerrach, "Einführung der E-Akte")
    page = client.get(entry.get_absolute_url()).content.decode()
    url = reverse("overlaps:similar_entries", args=[entry.pk])
    assert f'hx-get="{url}" hx-trigger="load"' in page
    assert f'href="{url}"' in page  # without JavaScript: a plain link


def test_unknown_entry_is_404(client):
    assert client.get(reverse("overlaps:similar_entries", args=[999_999])).status_code == 404


@pytest.mark.parametrize("extra", [3, 30])
def test_the_page_costs_the_same_queries_at_any_size(extra, client, loerrach, third, django_assert_max_num_queries):
    entry = make(loerrach, "Einführung der E-Akte")
    for number in range(extra):
        make(third, f"E-Akte {number}")
    similarity.rebuild_vectors()
    similarity.index()
    url = reverse("overlaps:similar_entries", args=[entry.pk])
    with django_assert_max_num_queries(6):  # session-less: entry, index stamp, candidates (+ the page's own)
        assert client.get(url, headers={"HX-Request": "true"}).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(url).status_code == 200
