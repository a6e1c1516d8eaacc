"""The interactive API page: Swagger UI (from npm, no CDN) loads the OpenAPI document under the site's CSP (no
console errors), a person opens the catalogue list, tries it out and sees the API's answer, also with their API key
entered through "Authorize". axe runs with Swagger UI rendered: collapsed, expanded, with an answer, with the dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

URL = "/api/v1/docs/interaktiv/"
MEMBER = "mitglied@example.org"


def _open_entries_list(page: Any, check_page: Any) -> Any:
    response = page.goto(URL)
    assert response is not None and response.status == 200
    operation = page.locator("#operations-Katalog-list_entries")
    operation.wait_for()  # Swagger UI has loaded /api/v1/openapi.json and rendered the operations
    check_page(page)
    operation.locator(".opblock-summary-control").click()
    operation.locator("button.try-out__btn").click()
    return operation


def _execute(operation: Any) -> str:
    operation.locator("button.execute").click()
    status = operation.locator(".live-responses-table tr.response .response-col_status").first
    status.wait_for()
    return str(status.inner_text().strip())


def test_try_out_the_entries_list(demo_data: None, page_as: Callable[[str | None], Any], check_page: Any) -> None:
    page = page_as(None)
    operation = _open_entries_list(page, check_page)
    operation.locator("tr[data-param-name=page_size] input").fill("2")
    check_page(page)  # the fields of the parameters, with their names

    assert _execute(operation) == "200"
    assert "/api/v1/entries?page=1&page_size=2" in operation.locator(".request-url").inner_text()
    body = operation.locator(".live-responses-table .response-col_description pre").first.inner_text()
    assert '"count"' in body and '"results"' in body
    check_page(page)  # the answer shown

    page.locator("main a[href='/api/v1/docs/']").first.click()
    page.wait_for_url("**/api/v1/docs/")
    assert page.locator(f"main a[href='{URL}']").is_visible()


def test_try_out_with_an_api_key(demo_data: None, page_as: Callable[[str | None], Any], check_page: Any) -> None:
    from forum.accounts.models import User
    from forum.api.models import ApiToken

    token, secret = ApiToken.issue(user=User.objects.get(email=MEMBER), name="Ausprobieren", scope="read")
    page = page_as(MEMBER)
    operation = _open_entries_list(page, check_page)

    page.locator(".scheme-container button.authorize").click()
    dialog = page.locator(".modal-ux")
    dialog.wait_for()
    check_page(page)  # the dialog
    dialog.locator("input").first.fill(secret)
    dialog.locator("button[type=submit]").click()
    check_page(page)  # the dialog after "Authorize"
    dialog.locator("button.close-modal").click()
    dialog.wait_for(state="detached")

    assert _execute(operation) == "200"
    assert "Authorization: Bearer" in operation.locator(".curl-command").inner_text()
    token.refresh_from_db()
    assert token.last_used is not None
    check_page(page)
