"""The municipality table sorts without JavaScript (plain links) and, with htmx, in place."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings

from .conftest import new_page


def _smallest_and_largest() -> tuple[str, str]:
    from forum.organisations.models import Organisation

    municipalities = Organisation.objects.municipalities().filter(district__ags=settings.FORUM_KREISSCHLUESSEL)
    return (
        municipalities.order_by("population", "name").first().name,
        municipalities.order_by("-population", "name").first().name,
    )


def _first_row(page: Any) -> str:
    return page.locator("#kommunen-tabelle tbody tr").first.locator("th").inner_text().strip()


def _population_header(page: Any) -> Any:
    header = page.locator("#kommunen-tabelle thead th").filter(has=page.locator("a[href*='population']"))
    assert header.count() == 1
    return header


@pytest.fixture
def no_js_page(browser: Any, live_server: Any, district_data: None) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, locale="de-DE", java_script_enabled=False)
    yield new_page(context)
    context.close()


def test_sorting_works_without_javascript(no_js_page: Any) -> None:
    page = no_js_page
    smallest, largest = _smallest_and_largest()
    assert largest == "Lörrach"
    page.goto("/kommunen/")

    header = _population_header(page)
    with page.expect_navigation():
        header.locator("a").click()
    assert page.url.endswith("/kommunen/?sort=population")
    assert _population_header(page).get_attribute("aria-sort") == "ascending"
    assert _first_row(page) == smallest

    # Selecting the sorted column again reverses it: the largest town first.
    with page.expect_navigation():
        _population_header(page).locator("a").click()
    assert page.url.endswith("/kommunen/?sort=-population")
    assert _population_header(page).get_attribute("aria-sort") == "descending"
    assert _first_row(page) == "Lörrach"
    # A full page came back, not a fragment.
    assert page.locator("header.site-header").count() == 1
    assert page.locator("main#inhalt h1").count() == 1
    assert page.console_errors == []
    # (axe cannot run here: its promise never settles while page scripts are disabled. The same
    # markup is checked with JavaScript on in test_accessibility.py: municipalities_by_population_desc.)


def test_sorting_with_htmx_swaps_the_table_in_place(page: Any, check_page: Any) -> None:
    smallest, largest = _smallest_and_largest()
    page.goto("/kommunen/")
    page.wait_for_function("() => window.htmx !== undefined")
    page.evaluate("() => { window.__sameDocument = true; }")  # lost on any full page load
    loads: list[str] = []
    page.on("load", lambda: loads.append(page.url))

    with page.expect_response(lambda response: "sort=population" in response.url) as info:
        _population_header(page).locator("a").click()
    response = info.value
    assert response.request.headers.get("hx-request") == "true"
    assert "<html" not in response.text().lower()  # only the table fragment was sent
    page.wait_for_url("**/kommunen/?sort=population")
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')")

    assert _population_header(page).get_attribute("aria-sort") == "ascending"
    assert _first_row(page) == smallest
    assert page.evaluate("() => window.__sameDocument") is True, "the page was reloaded"
    assert loads == []
    # The fragment replaced the table's contents: one table, no nested copy of the container.
    assert page.locator("#kommunen-tabelle").count() == 1
    assert page.locator("#kommunen-tabelle table").count() == 1
    assert page.locator("header.site-header").count() == 1

    # Again: descending, Lörrach first, still the same document.
    with page.expect_response(lambda response: "sort=-population" in response.url):
        _population_header(page).locator("a").click()
    page.wait_for_url("**/kommunen/?sort=-population")
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')")
    assert _first_row(page) == largest == "Lörrach"
    assert page.evaluate("() => window.__sameDocument") is True, "the page was reloaded"

    # Back restores the previous sort order.
    page.go_back()
    page.wait_for_url("**/kommunen/?sort=population")
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')")
    assert _first_row(page) == smallest
    assert page.locator("header.site-header").count() == 1

    check_page(page)  # includes: no console errors, so no CSP violation by htmx
