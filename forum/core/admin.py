from django.contrib import admin

from .models import LegalText


@admin.register(LegalText)
class LegalTextAdmin(admin.ModelAdmin):
    list_display = ("page", "modified")
