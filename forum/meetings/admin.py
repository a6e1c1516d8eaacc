from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ActionItem, AgendaItem, Attendance, Decision, Event, Meeting, Minutes, Registration, Track


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ("number", "title", "visibility")


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "committee", "start", "status", "visibility")
    list_filter = ("status", "committee", "format")
    inlines = [AgendaItemInline]


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin):
    list_display = ("title", "start", "capacity", "registration_open")


admin.site.register([Attendance, Minutes, Decision, ActionItem, Track, Registration], SimpleHistoryAdmin)
