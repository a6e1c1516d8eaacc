"""Nothing the person may not see leaves through the API: drafts, members-only and coordination-only content."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils.translation import gettext

from .conftest import World

pytestmark = pytest.mark.django_db


def _titles(client: Client, path: str, headers: dict[str, str]) -> set[str]:
    response = client.get(f"/api/v1/{path}?page_size=100", **headers)
    assert response.status_code == 200
    return {item["title"] for item in response.json()["results"]}


def test_anonymous_sees_public_content_only(client: Client, world: World) -> None:
    assert _titles(client, "entries", {}) == {"Digitale Bauakte", "Onlinezugang"}
    assert _titles(client, "meetings", {}) == {"Forum 7"}
    assert _titles(client, "events", {}) == {"Kick-off-Werkstatt"}
    assert _titles(client, "campaigns", {}) == {"Willensbekundung 2026"}
    for path in (
        f"entries/{world.members.pk}",
        f"entries/{world.coordination.pk}",
        f"entries/{world.draft.pk}",
        f"meetings/{world.members_meeting.pk}",
        f"events/{world.members_event.pk}",
        f"campaigns/{world.draft_campaign.pk}/signatures",
    ):
        response = client.get(f"/api/v1/{path}")
        assert response.status_code == 404, path
        assert response.json() == {"detail": gettext("Not found, or not visible to you."), "errors": []}


def test_filters_never_widen_what_is_visible(client: Client, world: World) -> None:
    for query in ("kind=challenge", "organisation=08336050", "topic=e-akte-dokumentenmanagement", "exemplary=false"):
        response = client.get(f"/api/v1/entries?{query}&page_size=100")
        titles = {item["title"] for item in response.json()["results"]}
        assert titles <= {"Digitale Bauakte", "Onlinezugang"}, query


def test_a_member_sees_members_content_but_not_the_coordinations_or_drafts(
    client: Client, world: World, user_in_role: Any, loerrach: Any, bearer: Any
) -> None:
    headers = bearer(user_in_role("member_other", loerrach), "read")
    assert _titles(client, "entries", headers) == {"Digitale Bauakte", "Onlinezugang", "Interne Herausforderung"}
    assert _titles(client, "meetings", headers) == {"Forum 7", "Vertraulich"}
    assert client.get(f"/api/v1/entries/{world.coordination.pk}", **headers).status_code == 404
    assert client.get(f"/api/v1/entries/{world.draft.pk}", **headers).status_code == 404


def test_the_owners_editors_and_the_coordination_see_the_draft(
    client: Client, world: World, user_in_role: Any, loerrach: Any, bearer: Any
) -> None:
    for role in ("editor_own", "coordination"):
        headers = bearer(user_in_role(role, loerrach), "read")
        assert client.get(f"/api/v1/entries/{world.draft.pk}", **headers).status_code == 200, role
    headers = bearer(user_in_role("editor_other", loerrach), "read")
    assert client.get(f"/api/v1/entries/{world.draft.pk}", **headers).status_code == 404


def test_members_agenda_items_and_the_video_link_are_hidden_from_the_public(
    client: Client, world: World, user_in_role: Any, loerrach: Any, bearer: Any
) -> None:
    public = client.get(f"/api/v1/meetings/{world.meeting.pk}").json()
    assert [item["title"] for item in public["agenda_items"]] == ["Begrüßung"]
    assert public["video_url"] is None
    member = client.get(f"/api/v1/meetings/{world.meeting.pk}", **bearer(user_in_role("member_own", loerrach))).json()
    assert [item["title"] for item in member["agenda_items"]] == ["Begrüßung", "Interne Runde"]
    assert member["video_url"] == "https://video.example.org/forum"


def test_the_browser_session_does_not_count_as_authentication(
    client: Client, world: World, user_in_role: Any, loerrach: Any
) -> None:
    client.force_login(user_in_role("coordination", loerrach))
    assert _titles(client, "entries", {}) == {"Digitale Bauakte", "Onlinezugang"}
    response = client.post("/api/v1/entries", data="{}", content_type="application/json")
    assert response.status_code == 401
