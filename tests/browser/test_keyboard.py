"""Keyboard use: skip link, log-in with the keyboard only, the error summary of a form, visible focus."""

from __future__ import annotations

from typing import Any

import pytest

DEMO_PASSWORD = "forum-demo-2026"
MAX_TABS = 40  # far more than any page needs to reach its first form field


def _active(page: Any, expression: str) -> Any:
    """Evaluate ``expression`` on ``document.activeElement`` (bound to ``el``)."""
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {expression}; }})()")


def _tab_to(page: Any, element_id: str) -> int:
    """Press Tab until the element with ``element_id`` has focus; the number of presses it took."""
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if _active(page, "el && el.id") == element_id:
            return presses
    raise AssertionError(f"#{element_id} not reached with {MAX_TABS} presses of Tab")


def _error_prefix() -> str:
    """The page-title prefix base.html puts before the title of a form with errors, in German."""
    from django.utils import translation

    with translation.override("de"):
        return f"{translation.gettext('Error')}: "


def test_first_tab_focuses_skip_link_which_moves_focus_to_main(page: Any) -> None:
    page.goto("/")
    page.keyboard.press("Tab")

    assert _active(page, "el.matches('a.skip-link')"), _active(page, "el.outerHTML")
    assert _active(page, "el.getAttribute('href')") == "#inhalt"
    # Visible while focused (it is moved off-screen otherwise).
    box = page.locator("a.skip-link").bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0 and box["width"] > 0

    page.keyboard.press("Enter")

    assert _active(page, "el.tagName") == "MAIN"
    assert _active(page, "el.id") == "inhalt"
    assert page.url.endswith("#inhalt")
    # The next Tab continues inside the main content, not in the header.
    page.keyboard.press("Tab")
    assert _active(page, "!!el.closest('main#inhalt')"), _active(page, "el.outerHTML")


def test_login_with_keyboard_only(page: Any, demo_data: None) -> None:
    page.goto("/konto/anmelden/")

    _tab_to(page, "id_username")
    page.keyboard.type("redaktion@example.org")
    page.keyboard.press("Tab")
    assert _active(page, "el.id") == "id_password"
    page.keyboard.type(DEMO_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url.endswith("/konto/"), page.url
    assert page.locator("header form[action='/konto/abmelden/'] button").is_visible()
    assert page.get_by_text("redaktion@example.org").first.is_visible()


def test_login_errors_are_summarised_and_linked_to_the_fields(page: Any, check_page: Any) -> None:
    page.goto("/konto/anmelden/")
    _tab_to(page, "id_username")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # submits the empty form

    summary = page.locator("#fehler")
    assert summary.is_visible()
    assert summary.get_attribute("role") == "alert"
    assert page.title().startswith(_error_prefix()), page.title()

    hrefs = summary.locator("a").evaluate_all("links => links.map((link) => link.getAttribute('href'))")
    assert hrefs == ["#id_username", "#id_password"]
    for href in hrefs:
        field = page.locator(href)
        assert field.count() == 1, f"{href} points at no field"
        assert field.get_attribute("aria-invalid") == "true"
        described_by = (field.get_attribute("aria-describedby") or "").split()
        assert f"{href[1:]}_error" in described_by, f"{href} is not described by its error message"
        assert page.locator(f"{href}_error").is_visible()

    check_page(page)

    # Following a summary link with the keyboard puts the focus into the field.
    summary.locator("a").first.focus()
    page.keyboard.press("Enter")
    assert _active(page, "el.id") == "id_username"


def test_wrong_password_is_reported_in_the_summary(page: Any, demo_data: None, check_page: Any) -> None:
    page.goto("/konto/anmelden/")
    page.locator("#id_username").fill("mitglied@example.org")
    page.locator("#id_password").fill("falsches-passwort")
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")

    summary = page.locator("#fehler")
    assert summary.is_visible()
    assert page.title().startswith(_error_prefix()), page.title()
    assert page.url.endswith("/konto/anmelden/")
    assert page.locator("#id_username").input_value() == "mitglied@example.org"  # nothing typed is lost
    check_page(page)


def test_form_of_an_editor_shows_linked_errors(page: Any, demo_data: None, log_in: Any, check_page: Any) -> None:
    """A content form (invitation) with the keyboard: empty required fields are summarised and linked."""
    log_in(page, "redaktion@example.org", DEMO_PASSWORD)
    page.goto("/kommunen/08336050/einladen/")
    _tab_to(page, "id_full_name")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    summary = page.locator("#fehler")
    assert summary.is_visible()
    assert page.title().startswith(_error_prefix()), page.title()
    hrefs = summary.locator("a").evaluate_all("links => links.map((link) => link.getAttribute('href'))")
    assert "#id_full_name" in hrefs and "#id_email" in hrefs, hrefs
    for href in hrefs:
        assert href.startswith("#id_") and page.locator(href).count() == 1, f"{href} points at no field"
    check_page(page)


# --- a visible focus indicator on everything the keyboard reaches ------------------------------------

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  const rgba = (color) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = "rgba(0, 0, 0, 0)";
    ctx.fillStyle = color;
    ctx.fillRect(0, 0, 1, 1);
    return Array.from(ctx.getImageData(0, 0, 1, 1).data);
  };
  const luminance = ([r, g, b]) => {
    const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  let background = [255, 255, 255, 255];
  for (let node = el.parentElement; node; node = node.parentElement) {
    const color = rgba(getComputedStyle(node).backgroundColor);
    if (color[3] > 0) { background = color; break; }
  }
  const style = getComputedStyle(el);
  const [high, low] = [luminance(rgba(style.outlineColor)), luminance(background)].sort((a, b) => b - a);
  return {
    key: el.tagName + "|" + (el.id || "") + "|" + (el.getAttribute("href") || el.getAttribute("name") || "") + "|"
      + (el.textContent || "").trim().slice(0, 40),
    body: el === document.body,
    skipLink: el.matches("a.skip-link"),
    style: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
    ratio: (high + 0.05) / (low + 0.05),
  };
}"""

FOCUS_PAGES = [
    ("home", "anonymous", lambda: "/"),
    ("home", "coordination", lambda: "/"),
    ("municipalities", "anonymous", lambda: "/kommunen/"),
    ("committee_forum", "coordination", lambda: _committee_url("forum")),
    ("person_create", "editor", lambda: "/kommunen/08336050/personen/neu/"),
    ("meeting_create", "coordination", lambda: "/treffen/neu/"),
]
EMAILS = {"anonymous": None, "coordination": "koordination@example.org", "editor": "redaktion@example.org"}


def _committee_url(kind: str) -> str:
    from forum.organisations.models import Committee

    return Committee.objects.filter(kind=kind).order_by("pk").first().get_absolute_url()


@pytest.mark.parametrize(("name", "role", "url"), [pytest.param(*p, id=f"{p[0]}-{p[1]}") for p in FOCUS_PAGES])
def test_every_focus_stop_has_a_visible_indicator(
    name: str, role: str, url: Any, demo_data: None, page_as: Any
) -> None:
    """Tab through the whole page: each stop shows an outline of at least 2px with 3:1 contrast (WCAG 1.4.11, 2.4.7).

    Chromium's own ``auto`` focus ring (two contrasting rings) counts as visible.
    """
    page = page_as(EMAILS[role])
    page.goto(url())
    seen: set[str] = set()
    problems: list[str] = []
    for _ in range(200):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        if focus["body"] or (focus["skipLink"] and seen):
            break  # round trip complete
        if focus["key"] in seen:
            continue  # e.g. the parts of a date input
        seen.add(focus["key"])
        visible = focus["style"] == "auto" or (focus["style"] != "none" and focus["width"] >= 2 and focus["ratio"] >= 3)
        if not visible:
            problems.append(
                f"{focus['key']}: outline {focus['style']} {focus['width']}px, contrast {focus['ratio']:.1f}:1"
            )
    assert len(seen) > 5
    assert problems == [], f"{name} as {role}: focus not visible on\n" + "\n".join(problems)
