from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import StoredFile


@admin.register(StoredFile)
class StoredFileAdmin(SimpleHistoryAdmin):
    """Betrieb's view of the stored files. Files come in only through their owners' forms (validated, hashed)."""

    list_display = ("original_name", "content_type", "size", "uploaded_by", "created")
    list_filter = ("content_type",)
    search_fields = ("original_name", "sha512", "uploaded_by__email")
    date_hierarchy = "created"
    fields = ("original_name", "stored_as", "content_type", "size", "sha512", "uploaded_by", "created", "modified")
    readonly_fields = ("stored_as", "content_type", "size", "sha512", "uploaded_by", "created", "modified")

    @admin.display(description=_("stored as"))
    def stored_as(self, obj: StoredFile) -> str:
        """The path below MEDIA_ROOT, as text: MEDIA_ROOT is not served, downloads go through the owners' views."""
        return obj.file.name or ""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("uploaded_by")
