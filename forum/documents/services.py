"""Storing uploaded files: the one way a ``StoredFile`` comes into being."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.files import File
from django.core.files.storage import Storage
from django.db import transaction
from django.utils import timezone

from .models import STORAGE_FOLDER, StoredFile
from .names import display_name
from .validation import DetectedType, detect_type

__all__ = ["prune_orphaned_files", "store_file"]


class _HashingFile(File):  # type: ignore[type-arg]
    """Hands the upload's chunks to the storage and takes the SHA-512 and the size on the way.

    Wrapping also hides ``temporary_file_path``, which would let FileSystemStorage move a large
    upload into place without reading it, and so without hashing it.
    """

    def __init__(self, uploaded: File[Any]) -> None:
        super().__init__(uploaded, name=uploaded.name)
        self.digest = hashlib.sha512()
        self.bytes_read = 0

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]:
        self.digest = hashlib.sha512()
        self.bytes_read = 0
        for chunk in super().chunks(chunk_size):
            self.digest.update(chunk)
            self.bytes_read += len(chunk)
            yield chunk


@transaction.atomic
def store_file(
    uploaded: File[Any], *, by: AbstractBaseUser | AnonymousUser | None, detected: DetectedType | None = None
) -> StoredFile:
    """Store ``uploaded`` under a random name and return its saved ``StoredFile``.

    ``detected`` is the type ``validation.detect_type`` found (``FileUploadField`` attaches it to
    the upload as ``detected_type``); without it the file is validated here, which raises
    ``ValidationError`` for anything not allowed. The SHA-512 and the size are taken from the
    bytes as they are written. Runs in one transaction; if saving the row fails, the bytes
    already written are removed again; if an enclosing transaction is rolled back later, the
    bytes stay behind until ``manage.py prune_stored_files`` removes them. ``by`` may be
    anonymous, which stores no uploader.
    """
    if detected is None:
        detected = getattr(uploaded, "detected_type", None) or detect_type(uploaded)
    user_model = get_user_model()
    stored = StoredFile(
        original_name=display_name(uploaded.name or "", detected),
        content_type=detected.mime,
        uploaded_by=by if isinstance(by, user_model) else None,
    )
    content = _HashingFile(uploaded)
    # The name given here is ignored: ``storage_name`` draws a random one.
    stored.file.save("upload", content, save=False)
    try:
        stored.size = content.bytes_read
        stored.sha512 = content.digest.hexdigest()
        stored.save()
    except BaseException:
        if stored.file.name:
            stored.file.storage.delete(stored.file.name)
        raise
    return stored


def _stored_names(storage: Storage, folder: str) -> Iterator[str]:
    folders, files = storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _stored_names(storage, f"{folder}/{sub}")


def prune_orphaned_files(*, older_than: timedelta = timedelta(days=1), dry_run: bool = False) -> list[str]:
    """Remove bytes under MEDIA_ROOT that no ``StoredFile`` refers to, and return their names.

    They are left behind when a transaction that stored a file is rolled back after the bytes were
    written (the owner's row failed, the process died). Files younger than ``older_than`` are
    kept, as their transaction may still be running. Safe to run at any time, and twice.
    """
    storage = StoredFile._meta.get_field("file").storage  # type: ignore[union-attr]
    if not storage.exists(STORAGE_FOLDER):
        return []
    known = set(StoredFile.objects.values_list("file", flat=True))
    cutoff = timezone.now() - older_than
    orphans = [
        name
        for name in _stored_names(storage, STORAGE_FOLDER)
        if name not in known and storage.get_modified_time(name) < cutoff
    ]
    if not dry_run:
        for name in orphans:
            storage.delete(name)
    return orphans
