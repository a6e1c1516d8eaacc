"""A member creates an API key in "Mein Konto", sees it once, uses it against the REST API, and revokes it; the
API documentation page loads. Both pages pass axe."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

MEMBER = "mitglied@example.org"


def _api(base_url: str, path: str, secret: str) -> tuple[int, Any]:
    request = urllib.request.Request(f"{base_url}/api/v1/{path}", headers={"Authorization": f"Bearer {secret}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # the live server
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_create_use_and_revoke_an_api_key(
    demo_data: None, page_as: Callable[[str | None], Any], check_page: Any, live_server: Any
) -> None:
    from forum.api.models import ApiToken

    page = page_as(MEMBER)
    page.goto("/konto/")
    with page.expect_navigation():
        page.locator("main a[href='/konto/api-schluessel/']").click()
    check_page(page)

    page.locator("#id_name").fill("Ratsinformationssystem")
    page.locator("input[name=scope][value=read_write]").check()
    with page.expect_navigation():
        page.locator("main form.forum-form button[type=submit]").click()
    secret = page.locator("#api-schluessel-geheim").inner_text().strip()
    assert secret.startswith("dfo_")
    check_page(page)  # the page with the new key shown

    status, body = _api(live_server.url, "entries?page_size=5", secret)
    assert status == 200 and body["count"] > 0
    token = ApiToken.objects.get(user__email=MEMBER, name="Ratsinformationssystem")
    assert token.last_used is not None

    page.goto("/konto/api-schluessel/")
    assert secret not in page.content()  # shown once only
    assert page.locator("main table").get_by_role("rowheader", name="Ratsinformationssystem").is_visible()
    with page.expect_navigation():
        page.locator(f"form[action='/konto/api-schluessel/{token.pk}/widerrufen/'] button").click()
    check_page(page)
    status, body = _api(live_server.url, "entries", secret)
    assert status == 401 and body["detail"]


def test_the_api_documentation_page(demo_data: None, page_as: Callable[[str | None], Any], check_page: Any) -> None:
    page = page_as(None)
    response = page.goto("/api/v1/docs/")
    assert response is not None and response.status == 200
    assert page.locator("main h3").count() >= 17
    assert page.locator("main a[href='/api/v1/openapi.json']").is_visible()
    check_page(page)
