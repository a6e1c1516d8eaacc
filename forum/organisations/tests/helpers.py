"""Small helpers for the view tests: who asks, what came back, and what the page shows."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from typing import Any

from django.http import HttpResponse
from django.urls import reverse

# The roles of the root conftest's ``user_in_role`` fixture.
ROLES = ["anonymous", "no_role", "member_own", "member_other", "editor_own", "editor_other", "coordination", "operator"]

LOGIN = "login"  # a 302 to the log-in page
SAVED = "saved"  # a 302 anywhere else: the action was taken

EDITORS = {"editor_own", "coordination"}


def log_in_as(client: Any, user_in_role: Any, role: str, organisation: Any) -> Any:
    """The client, logged in with a fresh user in ``role`` (relative to ``organisation``); returns the user."""
    user = user_in_role(role, organisation)
    if user.is_authenticated:
        client.force_login(user)
    return user


def outcome(response: HttpResponse) -> int | str:
    """The response as the view tables name it: a status code, ``LOGIN`` or ``SAVED``."""
    if response.status_code == 302:
        return LOGIN if response.url.startswith(reverse("accounts:login")) else SAVED
    return response.status_code


def only(allowed: set[str], *, then: int | str, otherwise: int | str = 403) -> dict[str, int | str]:
    """Expected outcome per role for a view behind ``login_required`` and a permission."""
    return {role: LOGIN if role == "anonymous" else then if role in allowed else otherwise for role in ROLES}


VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _ElementText(HTMLParser):
    """Collects the text inside the element with a given id (and the elements nested in it)."""

    def __init__(self, element_id: str) -> None:
        super().__init__(convert_charrefs=True)
        self.element_id = element_id
        self.depth = 0
        self.found = False
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.depth += tag not in VOID_TAGS
        elif dict(attrs).get("id") == self.element_id:
            self.found = True
            self.depth = 0 if tag in VOID_TAGS else 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def element_text(response: HttpResponse, element_id: str) -> str | None:
    """The whitespace-normalised text of the element with ``element_id``, or None if the page has none."""
    parser = _ElementText(element_id)
    parser.feed(response.content.decode())
    if not parser.found:
        return None
    return " ".join(" ".join(parser.parts).split())


def section_text(response: HttpResponse, heading_id: str) -> str | None:
    """The text of the ``<section aria-labelledby=heading_id>``, or None if the page has none."""
    match = re.search(
        rf'<section[^>]*aria-labelledby="{re.escape(heading_id)}"[^>]*>(.*?)</section>',
        response.content.decode(),
        re.DOTALL,
    )
    if match is None:
        return None
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split())


def title(response: HttpResponse) -> str:
    match = re.search(r"<title>(.*?)</title>", response.content.decode(), re.DOTALL)
    assert match, "the page has no <title>"
    return " ".join(unescape(match.group(1)).split())
