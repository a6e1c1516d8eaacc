"""Writes are limited per API key and per client address (Django's cache, one-minute windows); reads are not."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.utils.translation import gettext

from .conftest import World

pytestmark = pytest.mark.django_db


def _patch(client: Client, world: World, headers: dict[str, str], **extra: Any) -> Any:
    return client.patch(
        f"/api/v1/entries/{world.public.pk}",
        data=json.dumps({"year": 2024}),
        content_type="application/json",
        **headers,
        **extra,
    )


def test_writes_beyond_the_limit_per_key_get_429(
    client: Client, world: World, settings: Any, user_in_role: Any, loerrach: Any, bearer: Any
) -> None:
    settings.FORUM_API_WRITES_PER_MINUTE = 3
    headers = bearer(user_in_role("editor_own", loerrach))
    assert [_patch(client, world, headers).status_code for _ in range(3)] == [200, 200, 200]
    response = _patch(client, world, headers)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["detail"] == gettext("Too many write requests. Please wait %(seconds)s seconds.") % {
        "seconds": response["Retry-After"]
    }
    assert client.get("/api/v1/entries", **headers).status_code == 200  # reading goes on
    other_key = bearer(user_in_role("editor_own", loerrach))
    assert _patch(client, world, other_key).status_code == 200  # the limit is per key


def test_writes_beyond_the_limit_per_address_get_429_whoever_sends_them(
    client: Client, world: World, settings: Any, user_in_role: Any, loerrach: Any, bearer: Any
) -> None:
    settings.FORUM_API_WRITES_PER_MINUTE_PER_ADDRESS = 2
    first = bearer(user_in_role("editor_own", loerrach))
    second = bearer(user_in_role("coordination", loerrach))
    assert _patch(client, world, first).status_code == 200
    assert _patch(client, world, second).status_code == 200
    assert _patch(client, world, first).status_code == 429
    assert client.post("/api/v1/entries", data="{}", content_type="application/json").status_code == 429
    assert _patch(client, world, first, REMOTE_ADDR="192.0.2.7").status_code == 200  # another address


def test_the_limits_come_from_the_environment() -> None:
    import os
    import subprocess
    import sys

    code = "from django.conf import settings; print(settings.FORUM_API_WRITES_PER_MINUTE)"
    env = {**os.environ, "FORUM_API_WRITES_PER_MINUTE": "7", "DJANGO_SETTINGS_MODULE": "config.settings"}
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"], env=env, capture_output=True, text=True
    )
    assert result.stdout.strip() == "7", result.stderr
