from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("konto/", views.account, name="account"),
    path("kommunen/<str:ags>/", views.organisation_detail, name="organisation_detail"),
    path("offene-daten/", views.open_data_page, name="open_data"),
    path("offene-daten/digitalisierungsforum.zip", views.open_data_zip, name="open_data_zip"),
    path("offene-daten/<slug:name>.<str:fmt>", views.open_data_file, name="open_data_file"),
]
