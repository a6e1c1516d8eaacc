"""Following with the keyboard only: Tab to the "Follow" button on a topic page, press Enter, and the topic is in
"Meine Abonnements", from where Enter on "Unfollow" ends it again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

MAX_TABS = 60
TOPIC = "/themen/online-dienste-efa/"


def _tab_into(page: Any, selector: str) -> None:
    """Press Tab until the focused element lies inside ``selector``."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(f"!!document.activeElement.closest({selector!r})"):
            return
    raise AssertionError(f"{selector} not reached with {MAX_TABS} presses of Tab")


def test_follow_and_unfollow_a_topic_with_the_keyboard(
    demo_data: None, page_as: Callable[[str | None], Any], check_page: Any
) -> None:
    from forum.exchange.models import Follow
    from forum.topics.models import Topic

    page = page_as("mitglied@example.org")
    page.goto(TOPIC)
    _tab_into(page, "form[action='/katalog/abonnements/folgen/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(TOPIC), page.url
    topic = Topic.objects.get(slug="online-dienste-efa")
    follow = Follow.objects.get(user__email="mitglied@example.org", topic=topic)
    unfollow = f"form[action='/katalog/abonnements/{follow.pk}/beenden/']"
    assert page.locator(unfollow).is_visible()
    check_page(page)

    page.goto("/katalog/abonnements/")
    assert page.locator("main table").get_by_role("link", name=topic.name).is_visible()
    _tab_into(page, f"main table {unfollow}")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/katalog/abonnements/"), page.url
    assert not Follow.objects.filter(pk=follow.pk).exists()
    check_page(page)
