"""The upload field every owner's form uses, and a ready form for one attachment."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from forum.core.forms import KernFormMixin

from .names import display_name
from .validation import ALLOWED_TYPES, detect_type

__all__ = ["AttachmentForm", "FileUploadField"]

# For the browser's file picker only; what counts is ``detect_type``.
ACCEPT = ",".join(sorted({f".{t.extension}" for t in ALLOWED_TYPES} | {".jpeg", ".csv"}))


def _help_text() -> str:
    return gettext(
        "PDF, OpenDocument, Microsoft Office, images (PNG, JPEG, GIF, WebP) or plain text (UTF-8), "
        "at most %(limit)s MB."
    ) % {"limit": settings.FORUM_MAX_UPLOAD_MB}


class FileUploadField(forms.FileField):
    """A file field that checks the bytes (``validation.detect_type``) and the size limit.

    ``clean()`` returns the ``UploadedFile`` with the detected type attached as
    ``detected_type``, ready for ``services.store_file``.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", lazy(_help_text, str)())
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ACCEPT)

    def clean(self, data: Any, initial: Any = None) -> Any:
        uploaded = super().clean(data, initial)
        if isinstance(uploaded, UploadedFile) and uploaded is not initial:
            uploaded.detected_type = detect_type(uploaded)  # type: ignore[attr-defined]
        return uploaded


class AttachmentForm(KernFormMixin, forms.Form):
    """Eine Anlage hochladen: Titel (sonst der Dateiname) und Datei. Needs ``enctype="multipart/form-data"``."""

    title = forms.CharField(
        label=_("Title"), max_length=200, required=False, help_text=_("Leave empty to use the file name.")
    )
    file = FileUploadField(label=_("File"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        uploaded = cleaned.get("file")
        if not cleaned.get("title") and uploaded is not None:
            cleaned["title"] = display_name(uploaded.name, uploaded.detected_type).rpartition(".")[0][:200]
        return cleaned
