"""The life of a meeting and an event, driven through the real UI as people would, with axe on every step.

One test, in the order the work happens: the coordination plans a meeting of the forum, builds its agenda,
uploads a file, sends the invitations and records attendance; stops another meeting with a reason; marks
the new meeting as held and takes its minutes through correction and approval to publication. Then an
event with one place: the member takes it, the editor goes on the waiting list and moves up when the
member cancels. An anonymous visitor never sees the coordination-only agenda item.

Every distinct page and form state (including the error summaries) passes ``check_page``: zero axe
violations, no console errors. Fields are found by their ids, links by their addresses; the German
texts asserted are taken from the translation catalogue (``_de``), not typed in here.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

COORDINATION = "koordination@example.org"
MEMBER = "mitglied@example.org"  # Mitglied of the smallest municipality
EDITOR = "redaktion@example.org"  # Redaktion of Lörrach
SECRET_TOP = "Interne Vorbesprechung der Koordination"
REASON = "aus technischen Gründen"
EVENT = "Werkstatt Onlinedienste"
TRACK = "Onlinedienste"


def _de(message: str) -> str:
    """``message`` as the German interface shows it."""
    from django.utils import translation

    with translation.override("de"):
        return translation.gettext(message)


def _local(moment: Any) -> str:
    """The value a datetime-local input takes."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _follow(page: Any, locator: Any) -> None:
    """Click ``locator`` (a link or submit button) and wait for the page it leads to."""
    with page.expect_navigation():
        locator.click()


def _save(page: Any, form: Any | None = None) -> None:
    """Submit ``form`` (default: the only form of the page's content) with its primary button."""
    form = form if form is not None else page.locator("main form.forum-form")
    _follow(page, form.locator("button.kern-btn--primary[type=submit]"))


def _expect_error_summary(page: Any, check_page: Any) -> None:
    assert page.locator("#fehler").is_visible(), page.url
    assert page.locator("#fehler").get_attribute("role") == "alert"
    check_page(page)


def _status(page: Any) -> str:
    """The value of the "Status" entry of a meeting page's description list."""
    entry = page.locator(".kern-description-list-item", has=page.locator("dt", has_text=_de("Status")))
    return entry.locator("dd").inner_text().strip()


def _agenda(page: Any) -> list[str]:
    return [text.strip() for text in page.locator("ol.agenda > li > h3").all_inner_texts()]


def _top(page: Any, number: str) -> Any:
    """The agenda entry of TOP ``number``."""
    return page.locator("ol.agenda > li").filter(has=page.locator("h3", has_text=f"TOP {number}:"))


def _add_top(page: Any, check_page: Any, number: str, title: str, visibility: str = "public") -> None:
    _follow(page, page.locator("main .actions a[href$='/tagesordnung/neu/']"))
    check_page(page)
    page.locator("#id_number").fill(number)
    page.locator("#id_title").fill(title)
    page.locator(f"input[name=visibility][value={visibility}]").check()
    _save(page)


def _forum() -> Any:
    from forum.organisations.models import Committee

    return Committee.objects.get(kind=Committee.Kind.FORUM, organisation__ags=settings.FORUM_KREISSCHLUESSEL)


def _plan_meeting(page: Any, check_page: Any, start: Any) -> None:
    page.goto("/treffen/")
    check_page(page)
    _follow(page, page.locator("main .actions a[href^='/treffen/neu/']"))
    check_page(page)
    page.locator("#id_committee").select_option(str(_forum().pk))
    page.locator("#id_title").fill("Kommunales Digitalisierungsforum")
    page.locator("#id_number").fill("7")
    page.locator("#id_start").fill(_local(start))
    page.locator("#id_end").fill(_local(start + timedelta(hours=2)))
    page.locator("input[name=format][value=virtual]").check()
    page.locator("#id_video_url").fill("https://video.example.org/forum-7")
    page.locator("input[name=visibility][value=public]").check()
    _save(page)


def _build_agenda(page: Any, check_page: Any) -> None:
    """TOP 1, 2.1 and 2 (out of order, to see the sorting), then a clashing number that is refused."""
    _add_top(page, check_page, "1", "Begrüßung und Tagesordnung")
    _add_top(page, check_page, "2.1", SECRET_TOP, visibility="coordination")
    _add_top(page, check_page, "2", "Onlinedienste der Kommunen")
    check_page(page)
    assert [entry.partition(":")[0] for entry in _agenda(page)] == ["TOP 1", "TOP 2", "TOP 2.1"]
    assert _de("coordination only") in _agenda(page)[2]

    _follow(page, page.locator("main .actions a[href$='/tagesordnung/neu/']"))
    page.locator("#id_number").fill("2")
    page.locator("#id_title").fill("Doppelt vergebene Nummer")
    _save(page)
    _expect_error_summary(page, check_page)
    assert page.locator("#fehler a[href='#id_number']").is_visible()
    _follow(page, page.locator("main form.forum-form .form-actions a"))  # Cancel
    assert len(_agenda(page)) == 3


def _upload_to_top_2(page: Any, check_page: Any) -> None:
    from forum.documents.tests.samples import pdf

    _follow(page, _top(page, "2").locator("a[href*='/dateien/neu/']"))
    check_page(page)
    page.locator("#id_title").fill("Präsentation Onlinedienste")
    page.locator("#id_file").set_input_files(
        files=[{"name": "praesentation.pdf", "mimeType": "application/pdf", "buffer": pdf()}]
    )
    _save(page)
    check_page(page)
    link = _top(page, "2").get_by_role("link", name="Präsentation Onlinedienste")
    assert link.is_visible()
    response = page.request.get(link.get_attribute("href"))
    assert response.ok, response.status
    assert response.headers["content-disposition"].startswith("attachment"), response.headers
    assert response.body() == pdf()


def _invite(page: Any, check_page: Any) -> None:
    assert _status(page) == _de("planned")
    _follow(page, page.locator("main .actions a[href$='/einladen/']"))
    check_page(page)
    _save(page)
    check_page(page)
    assert _status(page) == _de("invited")


def _record_attendance(page: Any, check_page: Any) -> list[str]:
    """Tick the first two invited people; their names."""
    _follow(page, page.locator("main .actions a[href$='/anwesenheit/']"))
    check_page(page)
    form = page.locator("main form.forum-form", has=page.locator("input[name=present]"))
    names = []
    for index in (0, 1):
        box = form.locator("input[name=present]").nth(index)
        box.check()
        label = form.locator(f"label[for='{box.get_attribute('id')}']").inner_text()
        names.append(label.strip().rpartition(" (")[0])
    _save(page, form)
    check_page(page)
    rows = page.locator("section[aria-labelledby=teilnahme] tbody tr")
    attended = {
        row.locator("th").inner_text().strip()
        for row in rows.all()
        if row.locator("td").last.inner_text().strip() == _de("yes")
    }
    assert attended == set(names), (attended, names)
    return names


def _change_status(page: Any, status: str, reason: str = "") -> None:
    page.locator(f"input[name=status][value={status}]").check()
    page.locator("#id_status_reason").fill(reason)
    _save(page)


def _abort_demo_meeting(page: Any, check_page: Any) -> None:
    """The upcoming demo meeting (6) is aborted: first without a reason (refused), then with one."""
    from forum.meetings.models import Meeting

    url = Meeting.objects.get(committee=_forum(), number=6).get_absolute_url()
    page.goto("/treffen/")
    _follow(page, page.locator(f"main a[href='{url}']").first)
    check_page(page)
    _follow(page, page.locator("main .actions a[href$='/status/']"))
    check_page(page)
    _change_status(page, "aborted")
    _expect_error_summary(page, check_page)
    assert page.locator("#fehler a[href='#id_status_reason']").is_visible()
    assert page.locator("input[name=status][value=aborted]").is_checked()  # the choice is kept
    _change_status(page, "aborted", REASON)
    check_page(page)
    assert page.url.endswith(url)
    assert _status(page) == _de("aborted")
    notice = page.locator("main .kern-alert--warning")
    assert REASON in notice.inner_text() and _de("aborted") in notice.inner_text()


MINUTES_STATUS = {"in_review": "sent for corrections", "approved": "approved", "published": "published"}


def _minutes(page: Any, check_page: Any, meeting_url: str) -> None:
    """Mark the meeting as held, then draft → sent for corrections → approved → published."""
    from django.utils import formats, translation

    from forum.accounts.models import User

    page.goto(meeting_url)
    _follow(page, page.locator("main .actions a[href$='/status/']"))
    _change_status(page, "held")
    assert _status(page) == _de("held")
    _follow(page, page.locator("main .actions a[href$='/protokoll/']"))
    check_page(page)
    page.locator("#id_text").fill("TOP 1: Begrüßung.\n\nTOP 2: Die Kommunen stellen ihre Onlinedienste vor.")
    _save(page)
    check_page(page)
    assert "Onlinedienste vor" in page.locator("#id_text").input_value()

    def advance(status: str) -> None:
        _follow(page, page.locator(f"main button[name=status][value={status}]"))
        check_page(page)
        assert page.locator("main p.kern-body strong").first.inner_text() == _de(MINUTES_STATUS[status])

    advance("in_review")
    advance("approved")
    with translation.override("de"):
        today = formats.date_format(timezone.localdate(), "SHORT_DATE_FORMAT")
    approver = User.objects.get(email=COORDINATION).get_full_name()
    approval = _de("approved on %(date)s by %(name)s") % {"date": today, "name": approver}
    assert approval in page.locator("main").inner_text()
    advance("published")
    assert approval in page.locator("main").inner_text()


def _create_event(page: Any, check_page: Any) -> str:
    """An event with one place and one workshop track of one place, open to members; its address."""
    from forum.organisations.models import Organisation

    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=30)
    page.goto("/veranstaltungen/")
    check_page(page)
    _follow(page, page.locator("main .actions a[href='/veranstaltungen/neu/']"))
    check_page(page)
    district = Organisation.objects.get(ags=settings.FORUM_KREISSCHLUESSEL)
    page.locator("#id_organiser").select_option(str(district.pk))
    page.locator("#id_title").fill(EVENT)
    page.locator("#id_description").fill("Offene Werkstatt für die Städte und Gemeinden.")
    page.locator("#id_start").fill(_local(start))
    page.locator("#id_end").fill(_local(start + timedelta(hours=6)))
    page.locator("#id_location").fill("Landratsamt Lörrach")
    page.locator("#id_capacity").fill("1")
    page.locator("#id_registration_open").check()
    page.locator("input[name=visibility][value=members]").check()
    _save(page)
    check_page(page)
    event_url = urlsplit(page.url).path
    _follow(page, page.locator("main .actions a[href$='/straenge/neu/']"))
    check_page(page)
    page.locator("#id_title").fill(TRACK)
    page.locator("#id_capacity").fill("1")
    _save(page)
    check_page(page)
    assert TRACK in page.locator("section[aria-labelledby=straenge]").inner_text()
    return event_url


def _my_registration(page: Any) -> str:
    return page.locator("section[aria-labelledby=anmeldung] p strong").inner_text().strip()


def _register(page: Any, check_page: Any) -> None:
    """From the list of events, open the event and register for its track."""
    page.goto("/veranstaltungen/")
    check_page(page)
    _follow(page, page.get_by_role("link", name=EVENT, exact=True))
    check_page(page)
    page.locator("input[name=track]").first.check()
    _save(page)
    check_page(page)


def _participants(page: Any, event_url: str) -> dict[str, str]:
    page.goto(event_url)
    _follow(page, page.locator("main .actions a[href$='/teilnehmende/']"))
    return {
        row.locator("th").inner_text().strip(): row.locator("td").nth(2).inner_text().strip()
        for row in page.locator("main tbody tr").all()
        if row.locator("th").count()
    }


def test_meeting_and_event_lifecycle(page_as: Any, demo_data: None, check_page: Any) -> None:
    from forum.accounts.models import User

    coordination = page_as(COORDINATION)

    # 1. Plan a meeting, build its agenda, upload a file, invite, record attendance.
    start = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0) + timedelta(days=14)
    _plan_meeting(coordination, check_page, start)
    check_page(coordination)
    assert "/treffen/" in coordination.url and "/neu/" not in coordination.url, coordination.url
    meeting_url = urlsplit(coordination.url).path
    assert _de("virtual") in coordination.locator("main dl").inner_text()
    _build_agenda(coordination, check_page)
    _upload_to_top_2(coordination, check_page)
    _invite(coordination, check_page)
    _record_attendance(coordination, check_page)

    # An anonymous visitor sees the public agenda items, not the coordination-only one.
    anonymous = page_as(None)
    anonymous.goto(meeting_url)
    check_page(anonymous)
    assert [entry.partition(":")[0] for entry in _agenda(anonymous)] == ["TOP 1", "TOP 2"]
    assert SECRET_TOP not in anonymous.locator("main").inner_text()

    # 2. Another meeting is aborted: a reason is required and then shown.
    _abort_demo_meeting(coordination, check_page)

    # 3. Minutes of the new meeting, once it has been held.
    _minutes(coordination, check_page, meeting_url)

    # 4. An event with one place: the member takes it, the editor waits, and moves up when the member cancels.
    event_url = _create_event(coordination, check_page)
    member = page_as(MEMBER)
    _register(member, check_page)
    assert _my_registration(member) == _de("confirmed")
    assert TRACK in member.locator("section[aria-labelledby=anmeldung]").inner_text()

    editor = page_as(EDITOR)
    _register(editor, check_page)  # the page announced: fully booked, new registrations go on the waiting list
    assert editor.locator("#fehler").count() == 0, editor.locator("#fehler").inner_text()
    assert _de("The event is fully booked. You are on the waiting list.") in editor.locator("main").inner_text()
    assert _my_registration(editor) == _de("waiting list")

    _follow(member, member.locator("section[aria-labelledby=anmeldung] form button[type=submit]"))
    check_page(member)
    assert _de("Your registration has been cancelled.") in member.locator("main").inner_text()

    participants = _participants(coordination, event_url)
    check_page(coordination)
    assert participants == {User.objects.get(email=EDITOR).get_full_name(): _de("confirmed")}, participants
