from django.urls import path, re_path

from . import views

app_name = "exchange"
urlpatterns = [
    path("katalog/", views.entry_list, name="entry_list"),
    path("katalog/suche/", views.search, name="search"),
    re_path(r"^katalog/export\.(?P<fmt>csv|xlsx)$", views.entry_export, name="entry_export"),
    path("katalog/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("kommunen/<str:ags>/katalog/neu/", views.entry_form, name="entry_create"),
    path("katalog/<int:pk>/bearbeiten/", views.entry_form, name="entry_edit"),
    path("katalog/<int:pk>/loeschen/", views.entry_delete, name="entry_delete"),
    path("katalog/<int:pk>/dateien/neu/", views.attachment_upload, name="attachment_upload"),
    path("katalog/dateien/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("katalog/<int:pk>/interesse/", views.interest_create, name="interest_create"),
    path("katalog/interesse/<int:pk>/entfernen/", views.interest_delete, name="interest_delete"),
    path("katalog/<int:pk>/kommentare/", views.comment_create, name="comment_create"),
    path("katalog/kommentare/<int:pk>/ausblenden/", views.comment_hide, name="comment_hide"),
    path("katalog/abonnements/", views.following_list, name="following"),
    path("katalog/abonnements/folgen/", views.follow, name="follow"),
    path("katalog/abonnements/<int:pk>/beenden/", views.unfollow, name="unfollow"),
]
