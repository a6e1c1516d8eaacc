"""Files of meetings and agenda items: upload through the views, content checks, safe and guarded downloads."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from forum.documents.models import StoredFile
from forum.documents.tests.samples import docx, exe, html, pdf, png, svg, upload
from forum.meetings.models import AgendaItemAttachment, MeetingAttachment
from forum.organisations.tests.helpers import element_text, log_in_as

from .world import World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(forum_committee, binzen, meeting_factory, event_factory, make_user) -> World:
    return build_world(forum_committee, binzen, meeting_factory, event_factory, make_user)


@pytest.fixture
def coordinator(client, user_in_role, district):
    return log_in_as(client, user_in_role, "coordination", district)


def _stored_bytes(media_root: Path) -> set[Path]:
    return {path for path in media_root.rglob("*") if path.is_file()}


def _state(media_root: Path):
    return (
        list(StoredFile.objects.order_by("pk").values_list("pk", flat=True)),
        list(MeetingAttachment.objects.order_by("pk").values_list("pk", flat=True)),
        list(AgendaItemAttachment.objects.order_by("pk").values_list("pk", flat=True)),
        _stored_bytes(media_root),
    )


@pytest.mark.parametrize(
    ("name", "data", "mime"),
    [("Einladung.pdf", pdf(), "application/pdf"), ("Folien.docx", docx(), None), ("Karte.png", png(), "image/png")],
)
def test_the_coordination_uploads_a_file_to_a_meeting(name, data, mime, client, coordinator, world):
    response = client.post(
        reverse("meetings:meeting_attachment_upload", args=[world.meeting.pk]),
        {"title": "", "file": upload(name, data)},
    )
    assert response.status_code == 302
    assert response.url == world.meeting.get_absolute_url()
    attachment = MeetingAttachment.objects.filter(meeting=world.meeting).latest("pk")
    assert attachment.title == name.rpartition(".")[0]
    assert attachment.stored_file.uploaded_by == coordinator
    assert attachment.stored_file.size == len(data)
    if mime:
        assert attachment.stored_file.content_type == mime
    download = client.get(reverse("meetings:meeting_attachment", args=[attachment.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == data
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_the_coordination_uploads_a_file_to_an_agenda_item(client, coordinator, world):
    url = reverse("meetings:agenda_item_attachment_upload", args=[world.meeting.pk, world.item.pk])
    response = client.post(url, {"title": "Präsentation", "file": upload("Folien.pdf", pdf())})
    assert response.status_code == 302
    attachment = AgendaItemAttachment.objects.filter(agenda_item=world.item).latest("pk")
    assert attachment.title == "Präsentation"
    page = client.get(world.meeting.get_absolute_url()).content.decode()
    assert reverse("meetings:agenda_item_attachment", args=[attachment.pk]) in page
    download = client.get(reverse("meetings:agenda_item_attachment", args=[attachment.pk]))
    assert b"".join(download.streaming_content) == pdf()


def test_an_item_of_another_meeting_is_not_found(client, coordinator, world):
    url = reverse("meetings:agenda_item_attachment_upload", args=[world.held.pk, world.item.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "", "file": upload("x.pdf", pdf())}).status_code == 404
    assert AgendaItemAttachment.objects.filter(agenda_item=world.item).count() == 1


@pytest.mark.parametrize("target", ["meeting", "item"])
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("Seite.html", html()),
        ("Protokoll.pdf", html()),  # the name lies; the bytes count
        ("Bild.svg", svg()),
        ("setup.exe", exe()),
        ("leer.pdf", b""),
    ],
)
def test_a_forbidden_file_is_refused_on_the_form_and_nothing_is_stored(
    target, name, data, client, coordinator, world, media_root
):
    url = (
        reverse("meetings:meeting_attachment_upload", args=[world.meeting.pk])
        if target == "meeting"
        else reverse("meetings:agenda_item_attachment_upload", args=[world.meeting.pk, world.item.pk])
    )
    before = _state(media_root)
    response = client.post(url, {"title": "Nicht speichern", "file": upload(name, data, "application/pdf")})
    assert response.status_code == 200
    assert element_text(response, "fehler") is not None
    assert 'href="#id_file"' in response.content.decode()
    assert _state(media_root) == before


@pytest.mark.parametrize("target", ["meeting", "item"])
def test_an_oversized_file_is_refused_on_the_form_and_nothing_is_stored(
    target, client, coordinator, world, media_root, settings
):
    settings.FORUM_MAX_UPLOAD_MB = 1
    url = (
        reverse("meetings:meeting_attachment_upload", args=[world.meeting.pk])
        if target == "meeting"
        else reverse("meetings:agenda_item_attachment_upload", args=[world.meeting.pk, world.item.pk])
    )
    before = _state(media_root)
    big = pdf() + b"%" + b"x" * (1024 * 1024)
    response = client.post(url, {"title": "Zu groß", "file": upload("Gross.pdf", big, "application/pdf")})
    assert response.status_code == 200
    assert element_text(response, "fehler") is not None
    assert _state(media_root) == before
    just_fits = pdf() + b"%" + b"x" * (1024 * 1024 - len(pdf()) - 1)
    assert client.post(url, {"title": "Passt", "file": upload("Passt.pdf", just_fits)}).status_code == 302


def test_files_go_with_their_meeting(world, media_root, django_capture_on_commit_callbacks):
    files = [world.meeting_file.stored_file, world.item_file.stored_file]
    paths = {Path(stored.file.path) for stored in files}
    assert paths <= _stored_bytes(media_root)
    with django_capture_on_commit_callbacks(execute=True):
        world.meeting.delete()
    assert not StoredFile.objects.filter(pk__in=[stored.pk for stored in files]).exists()
    assert not paths & _stored_bytes(media_root)
