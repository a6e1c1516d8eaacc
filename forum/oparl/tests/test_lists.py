"""Lists: keyset pages with next links, filters carried into every link, deleted objects, omit_internal, errors."""

from __future__ import annotations

import json
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from forum.core.models import Visibility
from forum.meetings.models import AgendaItem, Meeting, MeetingAttachment

from .conftest import SECRET, many_meetings
from .oparl_schema import list_problems, problems
from .walk import BASE, get

pytestmark = pytest.mark.django_db

BODY = BASE + "body/08336/"


def fetch(client, url, status=200):
    response = get(client, url)
    assert response.status_code == status, (url, response.content[:300])
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)


def all_pages(client, url):
    pages = [fetch(client, url)]
    while "next" in pages[-1]["links"]:
        pages.append(fetch(client, pages[-1]["links"]["next"]))
    return pages


def test_a_list_of_several_sources_pages_through_all_of_them_in_a_stable_order(client, world):
    pages = all_pages(client, BODY + "file/?elementsPerPage=1")
    assert len(pages) == 4
    assert [page["pagination"]["currentPage"] for page in pages] == [1, 2, 3, 4]
    ids = [item["id"] for page in pages for item in page["data"]]
    assert ids == [
        BASE + f"file/meeting-{world.meeting_file.pk}/",
        BASE + f"file/agendaitem-{world.item_file.pk}/",
        BASE + f"file/paper-{world.main_file.pk}/",
        BASE + f"file/paper-{world.extra_file.pk}/",
    ]
    assert "next" not in pages[-1]["links"]
    for page in pages:
        assert page["pagination"]["elementsPerPage"] == 1
        assert page["links"]["first"] == BODY + "file/?elementsPerPage=1"
        assert list_problems(page, "file") == []


def test_filters_are_carried_into_every_link(client, world):
    many_meetings(world.forum, 5)
    since = "2000-01-01T00:00:00+01:00"
    url = BODY + "meeting/?created_since=2000-01-01T00%3A00%3A00%2B01%3A00&elementsPerPage=2&omit_internal=true"
    pages = all_pages(client, url)
    assert len(pages) == 3  # 6 public meetings
    for page in pages:
        for name, link in page["links"].items():
            query = parse_qs(urlsplit(link).query)
            assert query["created_since"] == [since], name
            assert query["elementsPerPage"] == ["2"], name
            assert query["omit_internal"] == ["true"], name


def test_the_date_filters_narrow_the_list(client, world):
    Meeting.objects.filter(pk=world.meeting.pk).update(modified=timezone.now() - timedelta(days=10))
    recent = (timezone.now() - timedelta(days=1)).isoformat(timespec="seconds")
    old = fetch(client, BODY + "meeting/?modified_until=" + recent.replace("+", "%2B"))
    assert [item["id"] for item in old["data"]] == [BASE + f"meeting/{world.meeting.pk}/"]
    new = fetch(client, BODY + "meeting/?modified_since=" + recent.replace("+", "%2B"))
    assert new["data"] == []
    future = (timezone.now() + timedelta(days=1)).isoformat(timespec="seconds")
    assert fetch(client, BODY + "paper/?created_since=" + future.replace("+", "%2B"))["data"] == []
    assert len(fetch(client, BODY + "paper/?created_until=" + future.replace("+", "%2B"))["data"]) == 1


def test_deleted_objects_appear_only_with_modified_since_and_only_if_they_were_public(client, world):
    since = (timezone.now() - timedelta(hours=1)).isoformat(timespec="seconds").replace("+", "%2B")
    public = Meeting.objects.create(
        committee=world.forum, title="Abgesagt und gelöscht", start=world.meeting.start, end=world.meeting.end
    )
    hidden = Meeting.objects.create(
        committee=world.forum,
        title="Intern",
        start=world.meeting.start,
        end=world.meeting.end,
        visibility=Visibility.MEMBERS,
    )
    public_pk, hidden_pk = public.pk, hidden.pk
    public.delete()
    hidden.delete()
    gone = BASE + f"meeting/{public_pk}/"
    assert gone not in {item["id"] for item in fetch(client, BODY + "meeting/")["data"]}
    page = fetch(client, BODY + f"meeting/?modified_since={since}")
    tombstones = [item for item in page["data"] if item.get("deleted")]
    assert [item["id"] for item in tombstones] == [gone]
    assert set(tombstones[0]) == {"id", "type", "created", "modified", "deleted"}
    assert problems(tombstones[0]) == []
    # At its own URL the deleted object says so; the hidden one stays unknown.
    assert fetch(client, gone)["deleted"] is True
    assert fetch(client, BASE + f"meeting/{hidden_pk}/", status=404)["status"] == 404


def test_a_deleted_file_of_a_public_meeting_is_listed_as_deleted(client, world):
    since = (timezone.now() - timedelta(hours=1)).isoformat(timespec="seconds").replace("+", "%2B")
    key = f"meeting-{world.meeting_file.pk}"
    MeetingAttachment.objects.get(pk=world.meeting_file.pk).delete()
    page = fetch(client, BODY + f"file/?modified_since={since}")
    assert {"id": BASE + f"file/{key}/", "deleted": True}.items() <= page["data"][0].items()
    assert get(client, BASE + f"file/{key}/download/").status_code == 404


def test_omit_internal_leaves_out_embedded_objects(client, world):
    full = fetch(client, BASE + f"meeting/{world.meeting.pk}/")
    assert {"agendaItem", "auxiliaryFile", "location"} <= set(full)
    short = fetch(client, BASE + f"meeting/{world.meeting.pk}/?omit_internal=true")
    assert not {"agendaItem", "auxiliaryFile", "location"} & set(short)
    listed = fetch(client, BODY + "paper/?omit_internal=1")["data"][0]
    assert not {"consultation", "mainFile", "auxiliaryFile"} & set(listed)
    assert problems(short) == [] and problems(listed) == []


@pytest.mark.parametrize(
    "query",
    [
        "created_since=gestern",
        "modified_until=2022-13-01T00:00:00",
        "elementsPerPage=0",
        "elementsPerPage=x",
        "after=x-1",
    ],
)
def test_bad_parameters_answer_400_as_json(client, world, query):
    error = fetch(client, BODY + f"meeting/?{query}", status=400)
    assert error["type"] == "Error"
    assert error["status"] == 400
    assert error["message"]


@pytest.mark.parametrize(
    "path",
    [
        "meeting/999999/",
        "meeting/abc/",
        "file/nothing-1/",
        "file/meeting-999999/download/",
        "body/99999/",
        "body/08336/nothing/",
        "unknown/",
        "body/08336/meeting/extra/path/",
    ],
)
def test_unknown_addresses_answer_404_as_json(client, world, path):
    error = fetch(client, BASE + path, status=404)
    assert error == {"type": "Error", "status": 404, "message": error["message"]}


def test_writing_is_refused_with_405(client, world):
    response = client.post(BASE)
    assert response.status_code == 405
    assert response["Access-Control-Allow-Origin"] == "*"
    assert json.loads(response.content)["status"] == 405


def test_a_page_size_above_100_is_capped(client, world):
    many_meetings(world.forum, 120)
    page = fetch(client, BODY + "meeting/?elementsPerPage=500")
    assert len(page["data"]) == 100
    assert page["pagination"]["elementsPerPage"] == 100
    assert "next" in page["links"]


def test_no_session_or_cookie_is_needed(client, world):
    response = client.get(BASE)
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_a_deleted_public_item_of_a_hidden_meeting_is_not_announced(client, world):
    since = (timezone.now() - timedelta(hours=1)).isoformat(timespec="seconds").replace("+", "%2B")
    item = AgendaItem.objects.get(title=f"{SECRET} TOP")
    url, public_url = BASE + f"agendaitem/{item.pk}/", BASE + f"agendaitem/{world.sub_item.pk}/"
    item.delete()
    world.sub_item.delete()
    listed = {entry["id"]: entry for entry in fetch(client, BODY + f"agendaItem/?modified_since={since}")["data"]}
    assert listed[public_url]["deleted"] is True
    assert url not in listed
    assert fetch(client, url, status=404)["status"] == 404
