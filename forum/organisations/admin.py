from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Committee, Membership, Organisation, Person, Role


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "ags", "population", "population_date")
    list_filter = ("kind",)
    search_fields = ("name", "ags")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("family_name", "given_name", "organisation", "function", "visibility")
    list_filter = ("visibility", "is_contact")
    search_fields = ("family_name", "given_name", "email")
    raw_id_fields = ("user",)


@admin.register(Committee)
class CommitteeAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "organisation", "visibility")
    list_filter = ("kind",)


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ("person", "committee", "role", "start_date", "end_date")
    list_filter = ("committee",)


@admin.register(Role)
class RoleAdmin(SimpleHistoryAdmin):
    list_display = ("user", "kind", "organisation", "start_date", "end_date")
    list_filter = ("kind",)
    search_fields = ("user__email", "user__full_name", "organisation__name")
    raw_id_fields = ("user",)
