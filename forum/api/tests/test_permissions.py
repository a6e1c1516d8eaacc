"""Every API endpoint × every role → status: the same rules as the pages, through a read-write API key.

"Own" roles belong to Lörrach, whose entries and signature are asked about; "other" roles belong to the municipality
that marked interest. Anonymous requests carry no key: they may read public data and are refused writing with 401.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from forum.meetings.models import Registration
from forum.organisations.tests.helpers import ROLES

from .conftest import TOPIC, World

pytestmark = pytest.mark.django_db

EVERYONE = set(ROLES)
MEMBERS = EVERYONE - {"anonymous", "no_role"}
LOGGED_IN = EVERYONE - {"anonymous"}
EDITORS = {"editor_own", "coordination"}
OTHERS = {"member_other", "editor_other"}


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: Callable[[World, Any], str]  # (world, user) -> path under /api/v1/
    allowed: set[str]
    success: int = 200
    body: dict[str, Any] | None = None
    hidden: set[str] | None = None  # roles that get 404 (the object is not visible to them)


def _own_registration(w: World, user: Any) -> str:
    registration = Registration.objects.create(event=w.event, user=user) if user.is_authenticated else None
    return f"registrations/{registration.pk if registration else 1}/cancel"


ENDPOINTS: dict[str, Endpoint] = {
    "list_entries": Endpoint("get", lambda w, u: "entries", EVERYONE),
    "get_entry": Endpoint("get", lambda w, u: f"entries/{w.public.pk}", EVERYONE),
    "get_members_entry": Endpoint(
        "get", lambda w, u: f"entries/{w.members.pk}", MEMBERS, hidden={"anonymous", "no_role"}
    ),
    "create_entry": Endpoint(
        "post",
        lambda w, u: "entries",
        EDITORS,
        201,
        {"kind": "challenge", "organisation": "08336050", "title": "Neu", "description": "Text", "topics": [TOPIC]},
    ),
    "update_entry": Endpoint("patch", lambda w, u: f"entries/{w.public.pk}", EDITORS, 200, {"title": "Geändert"}),
    "create_interest": Endpoint(
        "post", lambda w, u: f"entries/{w.project.pk}/interests", OTHERS, 201, {"kind": "join"}
    ),
    "delete_interest": Endpoint("delete", lambda w, u: f"interests/{w.interest.pk}", OTHERS, 204),
    "list_meetings": Endpoint("get", lambda w, u: "meetings", EVERYONE),
    "get_meeting": Endpoint("get", lambda w, u: f"meetings/{w.meeting.pk}", EVERYONE),
    "get_members_meeting": Endpoint(
        "get", lambda w, u: f"meetings/{w.members_meeting.pk}", MEMBERS, hidden={"anonymous", "no_role"}
    ),
    "list_events": Endpoint("get", lambda w, u: "events", EVERYONE),
    "get_event": Endpoint("get", lambda w, u: f"events/{w.event.pk}", EVERYONE),
    "register": Endpoint("post", lambda w, u: f"events/{w.event.pk}/registrations", MEMBERS, 201, {"track": 0}),
    "cancel_registration": Endpoint("post", _own_registration, LOGGED_IN, 200, {}),
    "list_registrations": Endpoint("get", lambda w, u: "registrations", EVERYONE),
    "list_campaigns": Endpoint("get", lambda w, u: "campaigns", EVERYONE),
    "list_signatures": Endpoint("get", lambda w, u: f"campaigns/{w.campaign.pk}/signatures", EVERYONE),
    "get_signature": Endpoint("get", lambda w, u: f"campaigns/{w.campaign.pk}/signatures/08336050", EVERYONE),
    "get_draft_campaign_signature": Endpoint(
        "get",
        lambda w, u: f"campaigns/{w.draft_campaign.pk}/signatures/08336050",
        {"coordination", "operator"},  # a campaign has no owning municipality: its draft is the coordination's
        hidden=EVERYONE - {"coordination", "operator"},
    ),
    "add_step": Endpoint(
        "post",
        lambda w, u: f"campaigns/{w.campaign.pk}/signatures/08336050/steps",
        EDITORS,
        201,
        {"status": "deliberation", "committee_name": "Gemeinderat", "meeting_on": "2026-03-01"},
    ),
}


def expected(endpoint: Endpoint, role: str) -> int:
    if endpoint.hidden and role in endpoint.hidden:
        return 404
    if role in endpoint.allowed:
        return endpoint.success
    return 401 if role == "anonymous" else 403


CASES = [pytest.param(name, role, id=f"{name}-{role}") for name in ENDPOINTS for role in ROLES]


def test_every_operation_is_in_the_table() -> None:
    from forum.api.api import api

    operations = {
        spec["operationId"] for methods in api.get_openapi_schema()["paths"].values() for spec in methods.values()
    }
    assert operations <= set(ENDPOINTS)


@pytest.mark.parametrize(("name", "role"), CASES)
def test_status_per_role(
    name: str, role: str, world: World, user_in_role: Any, loerrach: Any, bearer: Any, client: Client
) -> None:
    endpoint = ENDPOINTS[name]
    user = user_in_role(role, loerrach)
    body = dict(endpoint.body or {})
    if name == "register":
        body["track"] = world.event.tracks.order_by("pk").first().pk
    call = getattr(client, endpoint.method)
    response = call(
        f"/api/v1/{endpoint.path(world, user)}",
        data=json.dumps(body) if endpoint.body is not None else None,
        content_type="application/json",
        **bearer(user),
    )
    assert response.status_code == expected(endpoint, role), response.content
    if response.status_code >= 400:
        assert response.json()["detail"]
