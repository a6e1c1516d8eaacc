from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Comment, Entry, EntryAttachment, Interest, Product, Vendor


@admin.register(Entry)
class EntryAdmin(SimpleHistoryAdmin):
    list_display = ("title", "kind", "organisation", "phase", "exemplary", "visibility", "is_draft", "is_example")
    list_filter = ("kind", "phase", "exemplary", "visibility", "is_draft", "is_example")
    search_fields = ("title", "description")
    autocomplete_fields = ("organisation",)
    filter_horizontal = ("topics", "products", "vendors")
    readonly_fields = ("topic_names", "product_names", "vendor_names")


@admin.register(Product, Vendor)
class NamedThingAdmin(admin.ModelAdmin):
    list_display = ("name", "key")
    search_fields = ("name", "key")


@admin.register(Interest)
class InterestAdmin(SimpleHistoryAdmin):
    list_display = ("entry", "organisation", "kind", "created", "is_example")
    list_filter = ("kind", "is_example")


@admin.register(Comment)
class CommentAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "entry", "author", "created", "hidden_reason")


admin.site.register(EntryAttachment, SimpleHistoryAdmin)
