from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Topic


@admin.register(Topic)
class TopicAdmin(SimpleHistoryAdmin):
    """Betrieb's view of the vocabulary; the coordination maintains it in the forum's own pages (merge, retire)."""

    list_display = ("name", "slug", "parent", "retired", "merged_into")
    list_filter = ("retired", ("parent", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "slug", "description")
    raw_id_fields = ("parent", "merged_into")
    prepopulated_fields = {"slug": ("name",)}
