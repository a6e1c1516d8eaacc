from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from forum.api.api import api

admin.site.site_header = _("Digitalisierungsforum – administration")
admin.site.site_title = _("Digitalisierungsforum")

urlpatterns = [
    path("", include("forum.portal.urls")),
    path("konto/", include("forum.accounts.urls")),
    path("", include("forum.organisations.urls")),
    path("", include("forum.meetings.urls")),
    path("", include("forum.exchange.urls")),
    path("", include("forum.cooperation.urls")),
    path("", include("forum.council.urls")),
    path("", include("forum.overlaps.urls")),
    path("", include("forum.topics.urls")),
    path("oparl/v1.1/", include("forum.oparl.urls")),
    path("api/v1/", api.urls),
    path("", include("forum.api.urls")),  # API keys, API docs, JSON 404 under /api/ (after the API)
    path("admin/", admin.site.urls),
    path("", include("forum.core.urls")),
]
