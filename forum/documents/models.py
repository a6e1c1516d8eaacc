"""Stored files, and the abstract base of every owner's attachment model."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import class_prepared, post_delete
from django.dispatch import receiver
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from forum.core.models import TimeStampedModel

from .names import display_name
from .validation import type_for_mime

__all__ = ["STORAGE_FOLDER", "AttachmentBase", "StoredFile", "storage_name"]

STORAGE_FOLDER = "documents"


def storage_name(instance: Any, filename: str) -> str:
    """A random, unguessable path under MEDIA_ROOT; the person's file name is never part of it.

    No extension either, so that nothing serving MEDIA_ROOT directly could pick a type from it.
    """
    token = secrets.token_hex(32)
    return f"{STORAGE_FOLDER}/{token[:2]}/{token}"


class StoredFile(TimeStampedModel):
    """Datei: die gespeicherten Bytes einer Anlage, mit dem am Inhalt erkannten Typ und ihrer SHA-512-Prüfsumme.

    Create one only through ``services.store_file``. Deleting it removes its bytes once the
    transaction commits (also for queryset deletes and cascades).
    """

    file = models.FileField(_("file"), upload_to=storage_name, max_length=255, editable=False)
    original_name = models.CharField(
        _("file name"), max_length=255, help_text=_("The name the file is shown and downloaded under.")
    )
    content_type = models.CharField(_("file type"), max_length=100, editable=False)
    size = models.PositiveBigIntegerField(_("size (bytes)"), editable=False)
    sha512 = models.CharField(_("SHA-512 checksum"), max_length=128, editable=False, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="uploaded_files",
        verbose_name=_("uploaded by"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("stored file")
        verbose_name_plural = _("stored files")
        constraints = [
            models.CheckConstraint(condition=Q(sha512__regex=r"^[0-9a-f]{128}$"), name="stored_file_sha512_is_hex"),
        ]

    def __str__(self) -> str:
        return self.original_name

    def clean(self) -> None:
        detected = type_for_mime(self.content_type)
        if detected is not None:
            self.original_name = display_name(self.original_name, detected)

    @property
    def type_label(self) -> str | Promise:
        """The German name of the file's type, e.g. "PDF-Dokument"."""
        detected = type_for_mime(self.content_type)
        return detected.label if detected else self.content_type

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    def checksum_matches(self) -> bool:
        """Whether the stored bytes still have the checksum taken when they were stored (reads the whole file)."""
        digest = hashlib.sha512()
        with self.file.open("rb") as handle:
            for chunk in handle.chunks():
                digest.update(chunk)
        return digest.hexdigest() == self.sha512


@receiver(post_delete, sender=StoredFile)
def _remove_stored_bytes(sender: type[StoredFile], instance: StoredFile, using: str, **kwargs: Any) -> None:
    """The bytes go only when the deletion is committed: a rolled-back delete keeps a complete file."""
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name), using=using)


class AttachmentBase(TimeStampedModel):
    """Anlage: eine Datei an einem Objekt. Basis für die Anlagen-Modelle der Apps, denen die Dateien gehören.

    A subclass declares the foreign key to its owner, so a file is visible exactly when its owner
    is, found by a plain join::

        class MeetingAttachment(AttachmentBase):
            meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments")
            history = HistoricalRecords()

            class Meta(AttachmentBase.Meta):
                verbose_name = _("attachment")

    Deleting an attachment in any way (``delete()``, a queryset delete, or the owner's cascade)
    deletes its ``StoredFile`` too, and with it the bytes after commit.
    """

    stored_file = models.OneToOneField(StoredFile, on_delete=models.CASCADE, related_name="+", verbose_name=_("file"))
    stored_file_id: int  # django-stubs adds no ``_id`` attribute to abstract models
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveIntegerField(_("position"), default=0, help_text=_("Attachments are listed by position."))

    class Meta:
        abstract = True
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.title and self.stored_file_id:
            self.title = self.stored_file.original_name.rpartition(".")[0] or self.stored_file.original_name
        super().save(*args, **kwargs)

    def delete(self, using: Any = None, keep_parents: bool = False) -> tuple[int, dict[str, int]]:
        """Delete this attachment and its StoredFile in one transaction; the bytes go after commit.

        The StoredFile is removed by the ``post_delete`` receiver below, which also serves cascades
        from the owner and queryset deletes, where this method is not called.
        """
        with transaction.atomic(using=using):
            return super().delete(using=using, keep_parents=keep_parents)


def _delete_attachment_file(sender: type[AttachmentBase], instance: AttachmentBase, origin: Any, **kwargs: Any) -> None:
    # Nothing to do when the StoredFile's own deletion cascaded to this attachment.
    origin_model = origin.model if isinstance(origin, models.QuerySet) else type(origin)
    if origin_model is StoredFile:
        return
    StoredFile.objects.using(kwargs["using"]).filter(pk=instance.stored_file_id).delete()


@receiver(class_prepared)
def _connect_attachment_models(sender: type[models.Model], **kwargs: Any) -> None:
    """Connect the receiver per concrete attachment model; a global receiver would slow every delete in the project."""
    if issubclass(sender, AttachmentBase) and not sender._meta.abstract:
        post_delete.connect(
            _delete_attachment_file, sender=sender, dispatch_uid=f"documents-attachment-{sender._meta.label}"
        )
