from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import CostPlan, Milestone, Participation, Undertaking, UndertakingAttachment


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ("organisation",)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Undertaking)
class UndertakingAdmin(SimpleHistoryAdmin):
    list_display = ("title", "status", "lead", "governing_organisation", "visibility", "is_draft", "is_example")
    list_filter = ("status", "visibility", "is_draft", "is_example")
    search_fields = ("title", "summary", "description")
    autocomplete_fields = ("lead", "governing_organisation")
    filter_horizontal = ("topics", "entries")
    readonly_fields = ("slug",)
    inlines = (ParticipationInline, MilestoneInline)


@admin.register(CostPlan)
class CostPlanAdmin(SimpleHistoryAdmin):
    list_display = ("undertaking", "year", "total", "key", "visibility", "is_draft", "is_example")
    list_filter = ("key", "year", "visibility")


admin.site.register(UndertakingAttachment, SimpleHistoryAdmin)
