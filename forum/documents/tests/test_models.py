"""StoredFile and AttachmentBase: deleting in any way removes the file, and its bytes only after commit."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from forum.core.models import LegalText
from forum.documents.models import StoredFile
from forum.documents.validation import PDF

from . import samples

pytestmark = pytest.mark.django_db


def _bytes_exist(media_root, stored):
    return (media_root / stored.file.name).is_file()


def test_it_removes_the_bytes_after_commit(stored, media_root, django_capture_on_commit_callbacks):
    file = stored()

    with django_capture_on_commit_callbacks(execute=True):
        file.delete()

    assert not _bytes_exist(media_root, file)
    assert not StoredFile.objects.exists()


def test_it_keeps_the_bytes_until_the_deletion_commits(stored, media_root, django_capture_on_commit_callbacks):
    file = stored()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        file.delete()

    assert _bytes_exist(media_root, file)
    assert len(callbacks) == 1


def test_it_keeps_the_bytes_when_the_deletion_is_rolled_back(stored, media_root, django_capture_on_commit_callbacks):
    file = stored()
    pk = file.pk

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                file.delete()
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass

    assert callbacks == []
    assert _bytes_exist(media_root, file)
    assert StoredFile.objects.filter(pk=pk).exists()


def test_it_removes_the_bytes_on_a_queryset_delete(stored, media_root, django_capture_on_commit_callbacks):
    files = [stored(), stored("Notiz.txt", samples.text())]

    with django_capture_on_commit_callbacks(execute=True):
        StoredFile.objects.all().delete()

    assert not any(_bytes_exist(media_root, file) for file in files)


def test_it_records_the_deletion_in_the_history(stored, make_user):
    file = stored(by=make_user())
    pk = file.pk

    file.delete()

    assert [record.history_type for record in StoredFile.history.filter(id=pk)] == ["-", "+"]


def test_it_refuses_a_checksum_that_is_not_hex(stored):
    file = stored()
    file.sha512 = "x" * 128

    with pytest.raises(IntegrityError), transaction.atomic():
        file.save()


def test_it_notices_changed_bytes(stored, media_root):
    file = stored()
    (media_root / file.file.name).write_bytes(b"%PDF-1.4 manipuliert")

    assert not file.checksum_matches()


def test_it_makes_an_edited_name_safe(stored):
    file = stored()
    file.original_name = "../Neuer Name.exe"

    file.full_clean()

    assert file.original_name == "Neuer Name.exe.pdf"


def test_it_names_its_type(stored):
    file = stored()

    assert file.type_label == PDF.label
    file.content_type = "application/x-unknown"
    assert file.type_label == "application/x-unknown"


@pytest.fixture
def owner(db):
    return LegalText.objects.create(page=LegalText.Page.IMPRINT, body="Impressum")


def test_an_attachment_takes_the_file_name_as_title(example_attachment, owner, stored):
    attachment = example_attachment.objects.create(owner=owner, stored_file=stored("Präsentation Kick-off.pdf"))

    assert attachment.title == "Präsentation Kick-off"
    assert str(attachment) == "Präsentation Kick-off"


def test_attachments_are_listed_by_position(example_attachment, owner, stored):
    second = example_attachment.objects.create(owner=owner, stored_file=stored(), title="B", position=2)
    first = example_attachment.objects.create(owner=owner, stored_file=stored(), title="A", position=1)

    assert list(example_attachment.objects.all()) == [first, second]


def test_deleting_an_attachment_deletes_its_file(
    example_attachment, owner, stored, media_root, django_capture_on_commit_callbacks
):
    attachment = example_attachment.objects.create(owner=owner, stored_file=stored(), title="Folien")
    file = attachment.stored_file

    with django_capture_on_commit_callbacks(execute=True):
        attachment.delete()

    assert not StoredFile.objects.filter(pk=file.pk).exists()
    assert not _bytes_exist(media_root, file)


def test_deleting_attachments_in_bulk_deletes_their_files(
    example_attachment, owner, stored, media_root, django_capture_on_commit_callbacks
):
    attachments = [example_attachment.objects.create(owner=owner, stored_file=stored()) for _ in range(3)]

    with django_capture_on_commit_callbacks(execute=True):
        example_attachment.objects.all().delete()

    assert not StoredFile.objects.exists()
    assert not any(_bytes_exist(media_root, a.stored_file) for a in attachments)


def test_deleting_the_owner_deletes_the_files(
    example_attachment, owner, stored, media_root, django_capture_on_commit_callbacks
):
    attachment = example_attachment.objects.create(owner=owner, stored_file=stored())

    with django_capture_on_commit_callbacks(execute=True):
        owner.delete()

    assert not example_attachment.objects.exists()
    assert not StoredFile.objects.exists()
    assert not _bytes_exist(media_root, attachment.stored_file)


def test_deleting_the_file_deletes_the_attachment_once(
    example_attachment, owner, stored, media_root, django_capture_on_commit_callbacks
):
    attachment = example_attachment.objects.create(owner=owner, stored_file=stored())

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        attachment.stored_file.delete()

    assert not example_attachment.objects.exists()
    assert len(callbacks) == 1
    assert StoredFile.history.filter(id=attachment.stored_file_id, history_type="-").count() == 1
    assert not _bytes_exist(media_root, attachment.stored_file)


def test_an_attachment_needs_a_file(example_attachment, owner):
    with pytest.raises(ValidationError) as raised:
        example_attachment(owner=owner, title="Ohne Datei").full_clean()

    assert "stored_file" in raised.value.error_dict
