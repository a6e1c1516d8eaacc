"""Every URL of the exchange app × every role → status, for GET and POST; a POST changes data exactly when it succeeds.

The entry is a public challenge of Lörrach ("own"); the mark and the comment's author belong to the "other" municipality.
Entries that a role may not see answer 404, whatever the action.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import URLPattern, reverse

from forum.core.models import Visibility
from forum.documents.services import store_file
from forum.documents.tests.samples import pdf, upload
from forum.exchange import urls
from forum.exchange.models import Comment, DigestSubscription, Entry, EntryAttachment, Follow, Interest
from forum.organisations.tests.helpers import EDITORS, ROLES, SAVED, log_in_as, only, outcome

pytestmark = pytest.mark.django_db

EVERYONE = dict.fromkeys(ROLES, 200)
NOT_ALLOWED = dict.fromkeys(ROLES, 405)
POST_ONLY = only(set(ROLES), then=405)  # log-in first, then 405 for GET
MEMBERS = set(ROLES) - {"anonymous", "no_role"}
OTHERS = {"member_other", "editor_other"}
COORDINATION = {"coordination"}

GET: dict[str, dict[str, int | str]] = {
    "entry_list": EVERYONE,
    "search": EVERYONE,  # for everyone; the results follow visibility
    "entry_export": EVERYONE,  # for everyone; the rows follow visibility
    "entry_detail": EVERYONE,
    "entry_create": only(EDITORS, then=200),
    "entry_edit": only(EDITORS, then=200),
    "entry_delete": only(EDITORS, then=200),
    "attachment_upload": only(EDITORS, then=200),
    "attachment_download": EVERYONE,
    "interest_create": POST_ONLY,
    "interest_delete": POST_ONLY,
    "comment_create": POST_ONLY,
    "comment_hide": only(COORDINATION, then=200, otherwise=404),  # comments are found among the visible ones
    "following": only(set(ROLES), then=200),  # everyone logged in may see (and end) their subscriptions
    "follow": POST_ONLY,
    "unfollow": POST_ONLY,
}

POST: dict[str, dict[str, int | str]] = {
    "entry_list": NOT_ALLOWED,
    "search": NOT_ALLOWED,
    "entry_export": NOT_ALLOWED,
    "entry_detail": NOT_ALLOWED,
    "entry_create": only(EDITORS, then=SAVED),
    "entry_edit": only(EDITORS, then=SAVED),
    "entry_delete": only(EDITORS, then=SAVED),
    "attachment_upload": only(EDITORS, then=SAVED),
    "attachment_download": NOT_ALLOWED,
    "interest_create": only(OTHERS, then=SAVED),
    "interest_delete": only(OTHERS, then=SAVED),
    "comment_create": only(MEMBERS, then=SAVED),
    "comment_hide": only(COORDINATION, then=SAVED, otherwise=404),
    "following": only(set(ROLES), then=SAVED),  # the digest setting
    "follow": only(MEMBERS, then=SAVED),
    "unfollow": only(set(), then=SAVED, otherwise=404),  # someone else's follow is not found
}
# Members see the comment but may not hide it.
GET["comment_hide"] |= dict.fromkeys(MEMBERS - COORDINATION, 403)
POST["comment_hide"] |= dict.fromkeys(MEMBERS - COORDINATION, 403)


def test_every_url_is_in_the_tables():
    names = {pattern.name for pattern in urls.urlpatterns if isinstance(pattern, URLPattern)}
    assert set(GET) == names
    assert set(POST) == names


@dataclass
class World:
    entry: Entry
    attachment: EntryAttachment
    interest: Interest
    comment: Comment
    topic: Any
    follow: Follow


@pytest.fixture
def world(loerrach, other, entry_factory, interest_factory, comment_factory, make_user, topics) -> World:
    entry = entry_factory(title="Digitale Bauakte")
    stored = store_file(upload("Konzept.pdf", pdf()), by=None)
    return World(
        entry=entry,
        attachment=EntryAttachment.objects.create(entry=entry, stored_file=stored, title="Konzept"),
        interest=interest_factory(entry=entry, organisation=other, kind=Interest.Kind.EXPERIENCE),
        comment=comment_factory(entry=entry, author=make_user()),
        topic=topics["e-akte-dokumentenmanagement"],
        follow=Follow.objects.create(user=make_user(), topic=topics["e-akte-dokumentenmanagement"]),
    )


def _url(view: str, w: World, entry: Entry | None = None) -> str:
    entry = entry or w.entry
    args: dict[str, list[Any]] = {
        "entry_list": [],
        "search": [],
        "entry_export": ["csv"],
        "following": [],
        "follow": [],
        "unfollow": [w.follow.pk],
        "entry_create": [entry.organisation.ags],
        "attachment_download": [w.attachment.pk],
        "interest_delete": [w.interest.pk],
        "comment_hide": [w.comment.pk],
    }
    url = reverse(f"exchange:{view}", args=args.get(view, [entry.pk]))
    queries = {"entry_create": "?art=project", "search": "?q=Bauakten"}
    return url + queries.get(view, "")


def entry_data(w: World, **changes: Any) -> dict[str, Any]:
    return {
        "kind": Entry.Kind.PROJECT,
        "title": "Elektronische Akte im Bauamt",
        "description": "Die Bauakte wird *digital* geführt.",
        "phase": Entry.Phase.PLANNING,
        "topics": [w.topic.pk],
        "products": "Komm.ONE, enaio",
        "vendors": "",
        "contact": "",
        "links": "https://www.loerrach.de/",
        "year": "2024",
        "source": "",
        "visibility": Visibility.PUBLIC,
    } | changes


def _data(view: str, w: World, other: Any) -> dict[str, Any]:
    data: dict[str, dict[str, Any]] = {
        "entry_create": entry_data(w),
        "entry_edit": entry_data(w, title="Geänderter Titel"),
        "attachment_upload": {"title": "Zeitplan", "file": upload("Zeitplan.pdf", pdf())},
        "interest_create": {"organisation": other.pk, "kind": Interest.Kind.JOIN, "note": "Wir wären dabei."},
        "comment_create": {"text": "Wie lange hat die Einführung gedauert?"},
        "comment_hide": {"reason": "Persönliche Daten"},
        "following": {"frequency": DigestSubscription.Frequency.DAILY},
        "follow": {"entry": w.entry.pk, "next": "/katalog/"},
        "unfollow": {"next": "/katalog/"},
    }
    return data.get(view, {"x": "1"})  # a non-empty body, as every browser form sends its CSRF token


def _effect(view: str, w: World) -> bool:
    """Whether the POST to ``view`` changed the database."""
    checks = {
        "entry_create": lambda: Entry.objects.filter(title="Elektronische Akte im Bauamt").exists(),
        "entry_edit": lambda: Entry.objects.filter(pk=w.entry.pk, title="Geänderter Titel").exists(),
        "entry_delete": lambda: not Entry.objects.filter(pk=w.entry.pk).exists(),
        "attachment_upload": lambda: EntryAttachment.objects.filter(entry=w.entry).count() == 2,
        "interest_create": lambda: Interest.objects.filter(entry=w.entry, kind=Interest.Kind.JOIN).exists(),
        "interest_delete": lambda: not Interest.objects.filter(pk=w.interest.pk).exists(),
        "comment_create": lambda: Comment.objects.filter(entry=w.entry).count() == 2,
        "comment_hide": lambda: Comment.objects.get(pk=w.comment.pk).is_hidden,
        "following": lambda: DigestSubscription.objects.filter(frequency=DigestSubscription.Frequency.DAILY).exists(),
        "follow": lambda: Follow.objects.filter(entry=w.entry).exists(),
        "unfollow": lambda: not Follow.objects.filter(pk=w.follow.pk).exists(),
    }
    check = checks.get(view)
    return bool(check and check())


@pytest.mark.parametrize(("view", "role"), [(view, role) for view in GET for role in ROLES])
def test_it_answers_get_by_role(view, role, client, user_in_role, loerrach, world):
    log_in_as(client, user_in_role, role, loerrach)
    assert outcome(client.get(_url(view, world))) == GET[view][role]


@pytest.mark.parametrize(("view", "role"), [(view, role) for view in POST for role in ROLES])
def test_it_answers_post_by_role(view, role, client, user_in_role, loerrach, other, world):
    log_in_as(client, user_in_role, role, loerrach)
    result = outcome(client.post(_url(view, world), _data(view, world, other)))
    assert result == POST[view][role]
    assert _effect(view, world) is (result == SAVED)


# An entry for members or for the coordination, or a draft, is not found by whoever may not see it:
# not its page, not its files, not any action on it.
HIDDEN = [
    ("members", False, {"anonymous", "no_role"}),
    ("coordination", False, {"anonymous", "no_role", "member_own", "member_other", "editor_own", "editor_other"}),
    ("public", True, {"anonymous", "no_role", "member_own", "member_other", "editor_other"}),
]
BY_ENTRY = ["entry_detail", "entry_edit", "entry_delete", "attachment_upload", "attachment_download", "comment_hide"]


@pytest.mark.parametrize(("visibility", "draft", "blind"), HIDDEN)
@pytest.mark.parametrize("role", ROLES)
def test_an_entry_one_may_not_see_is_not_found(visibility, draft, blind, role, client, user_in_role, loerrach, world):
    Entry.objects.filter(pk=world.entry.pk).update(visibility=visibility, is_draft=draft)
    user = log_in_as(client, user_in_role, role, loerrach)
    listed = client.get(reverse("exchange:entry_list"))
    assert ("Digitale Bauakte" in listed.content.decode()) is (role not in blind)
    found = client.get(reverse("exchange:search"), {"q": "digitale Bauakten"})
    assert ("Digitale Bauakte" in found.content.decode()) is (role not in blind)
    exported = b"".join(client.get(reverse("exchange:entry_export", args=["csv"])).streaming_content)
    assert ("Digitale Bauakte" in exported.decode()) is (role not in blind)
    if role not in blind:
        return
    for view in BY_ENTRY:
        expected = (
            "login" if (not user.is_authenticated and view not in ("entry_detail", "attachment_download")) else 404
        )
        assert outcome(client.get(_url(view, world))) == expected, view
    for view in ("interest_create", "comment_create", "interest_delete", "entry_delete", "follow"):
        response = client.post(_url(view, world), _data(view, world, world.interest.organisation))
        assert outcome(response) == ("login" if not user.is_authenticated else 404), view
    assert Interest.objects.filter(entry=world.entry).count() == 1
    assert Comment.objects.filter(entry=world.entry).count() == 1
    assert not Follow.objects.filter(entry=world.entry).exists()
    assert Entry.objects.filter(pk=world.entry.pk).exists()
