"""Writing through the API: the pages' forms and services, their messages as JSON with the field concerned."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from forum.cooperation.models import Signature
from forum.exchange.models import Entry, Interest
from forum.meetings.models import Registration

from .conftest import TOPIC, World

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(world: World, user_in_role: Any, loerrach: Any, bearer: Any) -> dict[str, str]:
    return bearer(user_in_role("editor_own", loerrach))


def _send(client: Client, method: str, path: str, body: Any, headers: dict[str, str]) -> Any:
    data = body if isinstance(body, str) else json.dumps(body)
    return getattr(client, method)(f"/api/v1/{path}", data=data, content_type="application/json", **headers)


def test_create_a_project_with_products(client: Client, editor: dict[str, str]) -> None:
    body = {
        "kind": "project",
        "organisation": "08336050",
        "title": "Digitale Bauakte",
        "description": "Wir führen die **Bauakte** digital.",
        "phase": "planning",
        "topics": [TOPIC],
        "products": ["Komm.ONE", "dms (Lörrach, Weil)"],
        "links": ["https://example.org/bauakte"],
        "year": 2025,
        "visibility": "members",
    }
    response = _send(client, "post", "entries", body, editor)
    assert response.status_code == 201, response.content
    data = response.json()
    entry = Entry.objects.get(pk=data["id"])
    assert entry.kind == "project" and entry.phase == "planning" and entry.visibility == "members"
    assert sorted(data["products"]) == ["Komm.ONE", "dms (Lörrach, Weil)"]
    assert data["topics"] == [{"slug": TOPIC, "name": entry.topics.get().name}]
    assert entry.history.count() == 1  # the change history records API writes too


def test_validation_errors_name_the_field(client: Client, editor: dict[str, str]) -> None:
    body = {"kind": "project", "organisation": "08336050", "title": "X", "description": "Y", "topics": [TOPIC]}
    response = _send(client, "post", "entries", body, editor)
    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == ["phase"]
    body["topics"] = ["gibt-es-nicht"]
    response = _send(client, "post", "entries", body, editor)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "topics"
    response = _send(client, "post", "entries", {"kind": "story"}, editor)
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert {"kind", "organisation", "title", "description", "topics"} <= fields
    assert not Entry.objects.filter(title="X").exists()


def test_bad_json_is_400(client: Client, editor: dict[str, str]) -> None:
    response = _send(client, "post", "entries", "{kaputt", editor)
    assert response.status_code == 400
    assert response.json()["errors"] == []


def test_patch_changes_only_what_was_sent(client: Client, world: World, editor: dict[str, str]) -> None:
    world.public.save_with_lists(products=[*Entry.products.field.related_model.for_names(["Komm.ONE"])])
    response = _send(client, "patch", f"entries/{world.public.pk}", {"title": "Digitale Bauakte 2.0"}, editor)
    assert response.status_code == 200, response.content
    world.public.refresh_from_db()
    assert world.public.title == "Digitale Bauakte 2.0"
    assert [p.name for p in world.public.products.all()] == ["Komm.ONE"]
    assert [t.slug for t in world.public.topics.all()] == [TOPIC]


def test_mark_interest_and_take_it_back(
    client: Client, world: World, user_in_role: Any, loerrach: Any, bearer: Any
) -> None:
    headers = bearer(user_in_role("member_other", loerrach))
    response = _send(client, "post", f"entries/{world.project.pk}/interests", {"kind": "join", "note": "Ja"}, headers)
    assert response.status_code == 201
    interest = Interest.objects.get(pk=response.json()["id"])
    again = _send(client, "post", f"entries/{world.project.pk}/interests", {"kind": "join"}, headers)
    assert again.status_code == 422
    assert client.delete(f"/api/v1/interests/{interest.pk}", **headers).status_code == 204
    assert not Interest.objects.filter(pk=interest.pk).exists()


def test_register_then_cancel_hands_the_place_on(
    client: Client, world: World, user_in_role: Any, loerrach: Any, bearer: Any
) -> None:
    world.event.capacity = 1
    world.event.save()
    track = world.event.tracks.order_by("pk").first()
    first = bearer(user_in_role("member_own", loerrach))
    second = bearer(user_in_role("member_other", loerrach))
    assert _send(client, "post", f"events/{world.event.pk}/registrations", {}, first).status_code == 422  # track
    response = _send(client, "post", f"events/{world.event.pk}/registrations", {"track": track.pk}, first)
    assert response.status_code == 201 and response.json()["status"] == "confirmed"
    waiting = _send(client, "post", f"events/{world.event.pk}/registrations", {"track": track.pk}, second)
    assert waiting.json()["status"] == "waiting"
    cancelled = _send(client, "post", f"registrations/{response.json()['id']}/cancel", {}, first)
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert Registration.objects.get(pk=waiting.json()["id"]).status == "confirmed"
    assert client.get("/api/v1/registrations", **second).json()["count"] == 1
    # Someone else's registration is not found.
    assert _send(client, "post", f"registrations/{waiting.json()['id']}/cancel", {}, first).status_code == 404


def test_signature_steps_follow_the_pages_order(client: Client, world: World, editor: dict[str, str]) -> None:
    path = f"campaigns/{world.campaign.pk}/signatures/08336050"
    skipped = _send(client, "post", f"{path}/steps", {"status": "signed", "signed_on": "2026-01-01"}, editor)
    assert skipped.status_code == 422
    missing = _send(client, "post", f"{path}/steps", {"status": "deliberation"}, editor)
    assert missing.status_code == 422
    assert {error["field"] for error in missing.json()["errors"]} == {"committee_name", "meeting_on"}
    body = {"status": "deliberation", "committee_name": "Gemeinderat", "meeting_on": "2026-02-10"}
    response = _send(client, "post", f"{path}/steps", body, editor)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["status"] == "deliberation" and data["can_change"]
    assert data["next_statuses"] == ["resolved", "declined", "withdrawn"]
    assert [step["to_status"] for step in data["steps"]] == ["deliberation"]
    signature = Signature.objects.get(campaign=world.campaign, organisation__ags="08336050")
    assert signature.status == "deliberation" and signature.steps.get().by is not None
    assert client.get(f"/api/v1/{path}").json()["status"] == "deliberation"


def test_an_entry_names_fields_of_action_of_the_strategy(client: Client, world: World, editor: dict[str, str]) -> None:
    from forum.topics.models import FieldOfAction

    field = FieldOfAction.objects.current().order_by("pk").first()
    assert field is not None  # the Zukunftsstrategie 2035, loaded for every test session
    response = _send(client, "patch", f"entries/{world.public.pk}", {"fields_of_action": [field.pk]}, editor)
    assert response.status_code == 200, response.content
    assert response.json()["fields_of_action"] == [{"id": field.pk, "name": field.name}]
    assert _send(client, "patch", f"entries/{world.public.pk}", {"title": "Nur der Titel"}, editor).json()[
        "fields_of_action"
    ] == [{"id": field.pk, "name": field.name}]
    unknown = _send(client, "patch", f"entries/{world.public.pk}", {"fields_of_action": [999_999]}, editor)
    assert unknown.status_code == 422 and unknown.json()["errors"][0]["field"] == "fields_of_action"
