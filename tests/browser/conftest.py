"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server + sync Playwright share the thread

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, live_server: Any, district_data: None) -> Iterator[Any]:
    """A fresh browser page; collects console errors (e.g. CSP violations) in ``page.console_errors``."""
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    context.close()


@pytest.fixture
def demo_data(district_data: None) -> None:
    from django.conf import settings

    from forum.organisations.demo import create_demo

    create_demo(settings.FORUM_KREISSCHLUESSEL)


@pytest.fixture
def check_page() -> Callable[[Any], None]:
    """Assert the current page has zero axe violations and no console errors (CSP, JavaScript)."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page: Any) -> None:
        results = axe.run(page)
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
        assert page.console_errors == [], f"{page.url}: {page.console_errors}"

    return check


@pytest.fixture
def log_in() -> Callable[[Any, str, str], None]:
    def log_in(page: Any, email: str, password: str) -> None:
        page.goto("/konto/anmelden/")
        page.get_by_label("E-Mail-Adresse").fill(email)
        page.get_by_label("Passwort").fill(password)
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_load_state()

    return log_in
