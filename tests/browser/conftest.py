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


def new_page(context: Any) -> Any:
    """A page of ``context`` that collects console errors (e.g. CSP violations) in ``page.console_errors``."""
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    return page


@pytest.fixture
def page(browser: Any, live_server: Any, district_data: None) -> Iterator[Any]:
    """A fresh browser page; collects console errors (e.g. CSP violations) in ``page.console_errors``."""
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    yield new_page(context)
    context.close()


@pytest.fixture(scope="session")
def _role_pages(browser: Any, live_server: Any) -> Iterator[dict[str, Any]]:
    """One browser context and page per person, kept for the whole run: its HTTP cache stays warm."""
    pages: dict[str, Any] = {}
    yield pages
    for page in pages.values():
        page.context.close()


@pytest.fixture
def page_as(
    _role_pages: dict[str, Any], browser: Any, live_server: Any, district_data: None
) -> Callable[[str | None], Any]:
    """page_as(email): the reused page of ``email`` (None: anonymous), logged in afresh for this test.

    The session is created on the server (like ``Client.force_login``) and handed to the context as its
    cookie, so a test that visits a page as one person needs no round trip through the log-in form.
    (Live-server tests empty the database after each test, so each test needs a new session.)
    """
    from django.conf import settings
    from django.test import Client

    from forum.accounts.models import User

    def make(email: str | None) -> Any:
        page = _role_pages.get(email or "")
        if page is None or page.is_closed():
            page = new_page(browser.new_context(base_url=live_server.url, locale="de-DE"))
            _role_pages[email or ""] = page
        page.context.clear_cookies()
        page.console_errors.clear()
        if email:
            client = Client()
            client.force_login(User.objects.get(email=email))
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
        return page

    return make


@pytest.fixture
def demo_data(district_data: None) -> None:
    """The example content of ``manage.py load_demo``: accounts, people, committees, meetings, entries."""
    from django.conf import settings

    from forum.portal.demo import create_demo

    create_demo(settings.FORUM_KREISSCHLUESSEL)


@pytest.fixture
def check_page() -> Callable[[Any], None]:
    """Assert the current page has zero axe violations and no console errors (CSP, JavaScript).

    Closed ``<details>`` are opened first so that axe also checks what they hold.
    """
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page: Any) -> None:
        page.evaluate("document.querySelectorAll('details:not([open])').forEach((d) => { d.open = true; })")
        results = axe.run(page)
        assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
        assert page.console_errors == [], f"{page.url}: {page.console_errors}"

    return check


@pytest.fixture
def log_in() -> Callable[[Any, str, str], None]:
    """Log in through the real form (located by ids, so it works whatever the translation state)."""

    def log_in(page: Any, email: str, password: str) -> None:
        page.goto("/konto/anmelden/")
        page.locator("#id_username").fill(email)
        page.locator("#id_password").fill(password)
        with page.expect_navigation():
            page.locator("main form.forum-form button[type=submit]").click()
        page.wait_for_load_state()

    return log_in
