"""store_file: validated, hashed while written, under a random name, in one transaction."""

import hashlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import TemporaryUploadedFile

from forum.documents.models import StoredFile
from forum.documents.services import store_file
from forum.documents.validation import detect_type

from . import samples

pytestmark = pytest.mark.django_db


def test_it_stores_the_bytes_with_their_sha512(media_root):
    data = samples.pdf() + b"%" + bytes(range(256)) * 1000

    stored = store_file(samples.upload("Sitzung.pdf", data), by=None)

    stored.refresh_from_db()
    assert stored.sha512 == hashlib.sha512(data).hexdigest()
    assert len(stored.sha512) == 128
    assert stored.size == len(data)
    assert (media_root / stored.file.name).read_bytes() == data
    assert stored.checksum_matches()


def test_it_stores_under_a_random_name_never_the_persons_own(media_root):
    first = store_file(samples.upload("Haushalt Lörrach geheim.pdf", samples.pdf()), by=None)
    second = store_file(samples.upload("Haushalt Lörrach geheim.pdf", samples.pdf()), by=None)

    for stored in (first, second):
        assert "Haushalt" not in stored.file.name
        assert "geheim" not in stored.file.name
        assert "." not in Path(stored.file.name).name
        assert stored.file.name.startswith("documents/")
    assert first.file.name != second.file.name
    assert len(Path(first.file.name).name) == 64
    assert first.original_name == "Haushalt Lörrach geheim.pdf"


def test_it_records_the_detected_type_not_the_claimed_one():
    stored = store_file(samples.upload("bild.png", samples.pdf(), content_type="image/png"), by=None)

    assert stored.content_type == "application/pdf"
    assert stored.original_name == "bild.png.pdf"
    assert str(stored.type_label) == str(detect_type(samples.upload("x", samples.pdf())).label)


def test_it_records_who_uploaded(make_user):
    user = make_user()

    stored = store_file(samples.upload("Notiz.txt", samples.text()), by=user)

    assert stored.uploaded_by == user
    assert user.uploaded_files.get() == stored


def test_it_stores_no_uploader_for_an_anonymous_person():
    from django.contrib.auth.models import AnonymousUser

    stored = store_file(samples.upload("Notiz.txt", samples.text()), by=AnonymousUser())

    assert stored.uploaded_by is None


def test_it_validates_when_no_type_is_given(media_root):
    with pytest.raises(ValidationError) as raised:
        store_file(samples.upload("seite.html", samples.html()), by=None)

    assert raised.value.code == "markup"
    assert not StoredFile.objects.exists()
    assert not media_root.exists() or not any(path.is_file() for path in media_root.rglob("*"))


def test_it_uses_the_type_it_is_given():
    upload = samples.upload("Notiz.txt", samples.text())
    detected = detect_type(upload)

    assert store_file(upload, by=None, detected=detected).content_type == "text/plain"


def test_it_hashes_uploads_that_django_keeps_on_disk(media_root):
    data = samples.pdf() + b"x" * (3 * 1024 * 1024)
    upload = TemporaryUploadedFile("gross.pdf", "application/pdf", len(data), None)
    upload.write(data)
    upload.seek(0)
    temporary_path = Path(upload.temporary_file_path())

    stored = store_file(upload, by=None)

    assert stored.sha512 == hashlib.sha512(data).hexdigest()
    assert (media_root / stored.file.name).read_bytes() == data
    assert temporary_path.exists(), "the upload was copied (and hashed), not moved"
    upload.close()


def test_it_removes_the_bytes_when_the_row_cannot_be_saved(media_root, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(StoredFile, "save", fail)

    with pytest.raises(RuntimeError):
        store_file(samples.upload("Sitzung.pdf", samples.pdf()), by=None)

    assert not any(path.is_file() for path in media_root.rglob("*"))
