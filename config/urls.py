from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Digitalisierungsforum – administration")
admin.site.site_title = _("Digitalisierungsforum")

urlpatterns = [
    path("", include("forum.portal.urls")),
    path("konto/", include("forum.accounts.urls")),
    path("", include("forum.organisations.urls")),
    path("", include("forum.meetings.urls")),
    path("", include("forum.exchange.urls")),
    path("", include("forum.cooperation.urls")),
    path("", include("forum.overlaps.urls")),
    path("", include("forum.topics.urls")),
    path("admin/", admin.site.urls),
    path("", include("forum.core.urls")),
]
