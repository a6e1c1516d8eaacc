"""The whole API, walked from the System: every object conforms to OParl 1.1 and nothing hidden shows."""

from __future__ import annotations

import hashlib

import pytest

from forum.council.models import Consultation, PaperAttachment
from forum.meetings.models import AgendaItem, AgendaItemAttachment, Meeting, MeetingAttachment
from forum.organisations.models import Committee, Membership, Person

from .conftest import SECRET
from .oparl_schema import list_problems, problems, type_of
from .walk import BASE, walk

pytestmark = pytest.mark.django_db

KINDS = {
    Committee: "organization/{pk}/",
    Person: "person/{pk}/",
    Membership: "membership/{pk}/",
    Meeting: "meeting/{pk}/",
    AgendaItem: "agendaitem/{pk}/",
    Consultation: "consultation/{pk}/",
    MeetingAttachment: "file/meeting-{pk}/",
    AgendaItemAttachment: "file/agendaitem-{pk}/",
    PaperAttachment: "file/paper-{pk}/",
}


def hidden_urls(world) -> set[str]:
    urls = set()
    for obj in world.hidden:
        pattern = KINDS.get(type(obj), "paper/{pk}/")
        urls.add(BASE + pattern.format(pk=obj.pk))
        if isinstance(obj, Meeting):
            urls.add(BASE + f"location/meeting-{obj.pk}/")
    return urls


@pytest.fixture
def crawl(client, world):
    return walk(client)


def test_every_object_and_list_page_conforms_to_the_schema_and_the_spec(crawl):
    errors = [error for url, obj in crawl.objects.items() for error in problems(obj, where=url)]
    errors += [error for url, pages in crawl.lists.items() for page in pages for error in list_problems(page, url)]
    assert errors == []


def test_the_walk_reaches_every_kind_and_every_body_list(crawl):
    kinds = {type_of(obj) for obj in crawl.objects.values()}
    assert kinds == {
        "System",
        "Body",
        "Organization",
        "Person",
        "Membership",
        "Meeting",
        "AgendaItem",
        "Paper",
        "Consultation",
        "File",
        "Location",
        "LegislativeTerm",
    }
    body = next(obj for obj in crawl.objects.values() if type_of(obj) == "Body")
    for name in (
        "organization",
        "person",
        "meeting",
        "paper",
        "agendaItem",
        "consultation",
        "file",
        "locationList",
        "legislativeTermList",
        "membership",
    ):
        assert body[name] in crawl.lists, name


def test_public_objects_are_all_there(crawl, world):
    expected = {
        BASE + f"organization/{world.forum.pk}/",
        BASE + f"organization/{world.kreistag.pk}/",
        BASE + f"person/{world.person.pk}/",
        BASE + f"membership/{world.membership.pk}/",
        BASE + f"meeting/{world.meeting.pk}/",
        BASE + f"agendaitem/{world.item.pk}/",
        BASE + f"agendaitem/{world.sub_item.pk}/",
        BASE + f"paper/{world.paper.pk}/",
        BASE + f"consultation/{world.consultation.pk}/",
        BASE + f"file/meeting-{world.meeting_file.pk}/",
        BASE + f"file/agendaitem-{world.item_file.pk}/",
        BASE + f"file/paper-{world.main_file.pk}/",
        BASE + f"file/paper-{world.extra_file.pk}/",
        BASE + f"location/meeting-{world.meeting.pk}/",
        BASE + f"legislativeterm/{world.kreistag.pk}/",
    }
    assert expected <= set(crawl.objects)


def test_nothing_hidden_appears_anywhere(crawl, world):
    text = "\n".join(crawl.bodies)
    assert SECRET not in text
    assert SECRET.lower() not in text.lower()
    leaked = hidden_urls(world) & (
        {*crawl.objects} | {url for body in crawl.bodies for url in hidden_urls(world) if url in body}
    )
    assert leaked == set()


def test_every_list_entry_equals_the_object_at_its_id(crawl):
    for pages in crawl.lists.values():
        for page in pages:
            for item in page["data"]:
                assert crawl.objects[item["id"]] == item


def test_embedded_objects_are_the_objects_at_their_id_without_the_back_reference(crawl):
    assert crawl.embedded
    for where, item in crawl.embedded:
        standalone = crawl.objects[item["id"]]
        missing = set(standalone) - set(item)
        assert missing <= {"meeting", "meetings", "paper", "agendaItem", "person", "body", "bodies"}, (where, missing)
        assert {name: standalone[name] for name in item} == item, where


def test_files_download_with_their_checksum_and_size(crawl):
    files = [obj for obj in crawl.objects.values() if type_of(obj) == "File"]
    assert len(files) == 4
    for item in files:
        content = crawl.downloads[item["downloadUrl"]]
        assert item["accessUrl"] == item["downloadUrl"]
        assert hashlib.sha512(content).hexdigest() == item["sha512Checksum"]
        assert len(content) == item["size"]


def test_dates_use_the_local_offset(crawl, world):
    meeting = crawl.objects[BASE + f"meeting/{world.meeting.pk}/"]
    assert meeting["start"] == "2022-01-19T14:00:00+01:00"
    assert meeting["end"] == "2022-01-19T16:00:00+01:00"
    paper = crawl.objects[BASE + f"paper/{world.paper.pk}/"]
    assert paper["date"] == "2022-01-10"
    assert paper["reference"] == "005/2022"
    assert paper["paperType"] == "Mitteilungsvorlage"
