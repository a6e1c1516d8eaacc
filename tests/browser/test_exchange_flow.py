"""The whole path of the exchange, driven through the real UI, with axe on every step.

Lörrach's Redaktion records a challenge; the smallest municipality (its Mitglied) marks interest; a member of a
third municipality finds it by searching another word form and marks interest too; the coordination sees the
three municipalities share the topic, opens the cooperation candidate and puts it on the agenda of the coming
forum meeting. The topic is one the example data does not use, so the overlap comes from this path alone.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

COORDINATION = "koordination@example.org"
EDITOR = "redaktion@example.org"  # Redaktion of Lörrach
MEMBER = "mitglied@example.org"  # Mitglied of the smallest municipality
THIRD = "dritte-kommune@example.org"
TITLE = "Digitale Bauakte für alle Bauämter"


def _de(message: str) -> str:
    from django.utils import translation

    with translation.override("de"):
        return translation.gettext(message)


def _follow(page: Any, locator: Any) -> None:
    with page.expect_navigation():
        locator.click()


def _submit(page: Any, form: Any) -> None:
    _follow(page, form.locator("button.kern-btn--primary[type=submit]"))


def _unused_topic() -> Any:
    from forum.topics.models import Topic

    return Topic.objects.active().filter(parent__isnull=False, entries__isnull=True).order_by("name").first()


def _third_member() -> Any:
    """A member of a third municipality (neither Lörrach nor the smallest one)."""
    from forum.accounts.models import User
    from forum.organisations.models import Organisation, Role

    towns = Organisation.objects.municipalities().filter(district__ags=settings.FORUM_KREISSCHLUESSEL)
    smallest = towns.order_by("population").first()
    third = towns.exclude(ags="08336050").exclude(pk=smallest.pk).order_by("name").first()
    user = User.objects.create_user(email=THIRD, password="forum-demo-2026")
    Role.objects.create(user=user, organisation=third, kind=Role.Kind.MEMBER)
    return third


def _mark_interest(page: Any, check_page: Any, kind: str, note: str) -> None:
    form = page.locator("main form.forum-form", has=page.locator("input[name=kind]"))
    form.locator(f"input[name=kind][value={kind}]").check()
    form.locator("textarea[name=note]").fill(note)
    _submit(page, form)
    check_page(page)


def test_a_challenge_becomes_an_agenda_item(page_as, demo_data, check_page):
    from forum.exchange.models import Entry
    from forum.meetings.models import AgendaItem

    topic = _unused_topic()
    third = _third_member()

    # 1. Lörrach's Redaktion records the challenge; first with an empty title, which the form refuses.
    page = page_as(EDITOR)
    page.goto("/kommunen/08336050/katalog/neu/")
    check_page(page)
    form = page.locator("main form.forum-form")
    form.locator("input[name=kind][value=challenge]").check()
    form.locator("#id_description").fill("Bauanträge kommen digital, die **Bauakten** liegen noch auf Papier.")
    form.locator(f"input[name=topics][value='{topic.pk}']").check()
    form.locator("input[name=visibility][value=public]").check()
    _submit(page, form)
    assert page.locator("#fehler").is_visible()
    check_page(page)
    form = page.locator("main form.forum-form")
    form.locator("#id_title").fill(TITLE)
    _submit(page, form)
    entry = Entry.objects.get(title=TITLE)
    assert page.url.endswith(entry.get_absolute_url())
    assert page.locator("h1").inner_text().strip() == TITLE
    check_page(page)

    # 2. The smallest municipality's member marks interest: "betrifft uns auch".
    page = page_as(MEMBER)
    page.goto(entry.get_absolute_url())
    check_page(page)
    _mark_interest(page, check_page, "concerns_us", "Bei uns genauso.")
    assert entry.interests.count() == 1

    # 3. A member of a third municipality searches another word form, finds the entry and would join.
    page = page_as(THIRD)
    page.goto("/katalog/suche/")
    check_page(page)
    search = page.locator("main form[role=search], main form").first
    search.locator("input[name=q]").fill("Bauakte")
    with page.expect_navigation():
        search.locator("input[name=q]").press("Enter")
    check_page(page)
    hit = page.locator(f"main a[href='{entry.get_absolute_url()}']")
    assert hit.count() >= 1
    _follow(page, hit.first)
    _mark_interest(page, check_page, "join", "")
    assert entry.interests.filter(organisation=third, kind="join").exists()
    assert entry.interests.count() == 2

    # 4. The coordination sees the overlap: the topic's page names the three municipalities ...
    page = page_as(COORDINATION)
    page.goto("/schnittmengen/")
    check_page(page)
    page.goto(f"/schnittmengen/themen/{topic.slug}/")
    check_page(page)
    main = page.locator("main").inner_text()
    assert "Lörrach" in main and third.name in main
    # ... and among the cooperation candidates; it opens the candidate and puts it on the agenda.
    page.goto("/schnittmengen/kandidaten/")
    check_page(page)
    _follow(page, page.locator(f"main a[href='/schnittmengen/kandidaten/{topic.slug}/']").first)
    check_page(page)
    _follow(page, page.locator(f"main a[href='/schnittmengen/kandidaten/{topic.slug}/tagesordnung/']"))
    check_page(page)
    form = page.locator("main form.forum-form")
    form.locator("#id_number").fill("9")
    _submit(page, form)
    check_page(page)
    item = AgendaItem.objects.get(number="9", title__contains=topic.name)
    assert page.url.endswith(item.meeting.get_absolute_url())
    assert entry.get_absolute_url() in set(item.links.values_list("path", flat=True))
    assert "Lörrach" in item.text and third.name in item.text
    assert page.locator("main").get_by_text(item.title).count() >= 1
