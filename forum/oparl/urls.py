from django.urls import path, re_path

from . import views

app_name = "oparl"
urlpatterns = [
    path("", views.system, name="system"),
    path("body/", views.body_list, name="body_list"),
    path("body/<str:ags>/", views.body, name="body"),
    path("body/<str:ags>/<str:name>/", views.body_part, name="body_list_part"),
    path("file/<str:key>/download/", views.download, name="file_download"),
    path("<str:kind>/<str:key>/", views.detail, name="detail"),
    re_path(r"^(?P<rest>.*)$", views.not_found, name="not_found"),
]
