"""A municipality's profile lists its entries and the interest marks it made, each only where the reader may see it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from forum.core.models import Visibility
from forum.organisations.tests.helpers import ROLES, log_in_as, section_text

pytestmark = pytest.mark.django_db

SEES = {
    "public": set(ROLES),
    "members": set(ROLES) - {"anonymous", "no_role"},
    "coordination": {"coordination", "operator"},
    "draft": {"editor_own", "coordination", "operator"},
}


@pytest.fixture
def catalogue(loerrach, binzen, entry_factory, interest_factory):
    """Lörrach's entries in every state, and Lörrach's marks on Binzen's entries in every state."""
    for state in SEES:
        fields = {"is_draft": True} if state == "draft" else {"visibility": state}
        entry_factory(title=f"Lörrach {state}", **fields)
        marked = entry_factory(title=f"Binzen {state}", organisation=binzen, **fields)
        interest_factory(entry=marked, organisation=loerrach)


@pytest.mark.parametrize("role", ROLES)
def test_the_profile_shows_what_the_reader_may_see(role, client, user_in_role, loerrach, catalogue):
    log_in_as(client, user_in_role, role, loerrach)
    page = client.get(reverse("portal:organisation_detail", args=[loerrach.ags]))
    entries = section_text(page, "katalog")
    marks = section_text(page, "interessen")
    for state, readers in SEES.items():
        assert (f"Lörrach {state}" in entries) is (role in readers), state
        # A draft of Binzen is seen only by Binzen's editors (none here) and the coordination.
        mark_readers = {"coordination", "operator"} if state == "draft" else readers
        assert (f"Binzen {state}" in marks) is (role in mark_readers), state
    assert section_text(page, "treffen") is not None  # the participation section stays


def test_the_marked_entrys_own_page_lists_the_mark(client, loerrach, binzen, catalogue):
    page = client.get(reverse("portal:organisation_detail", args=[binzen.ags]))
    assert "Binzen public" in section_text(page, "katalog")
    assert "Binzen members" not in section_text(page, "katalog")


def test_editors_find_the_buttons_for_new_entries(client, user_in_role, loerrach):
    url = reverse("portal:organisation_detail", args=[loerrach.ags])
    create = reverse("exchange:entry_create", args=[loerrach.ags])
    assert create not in client.get(url).content.decode()
    log_in_as(client, user_in_role, "editor_own", loerrach)
    page = client.get(url).content.decode()
    assert f"{create}?art=challenge" in page and f"{create}?art=project" in page


def test_a_long_list_links_to_the_catalogue(client, loerrach, entry_factory):
    for _ in range(12):
        entry_factory(visibility=Visibility.PUBLIC)
    page = client.get(reverse("portal:organisation_detail", args=[loerrach.ags]))
    assert len(list(page.context["entries"])) == 10
    assert f"{reverse('exchange:entry_list')}?kommune={loerrach.ags}" in page.content.decode()
