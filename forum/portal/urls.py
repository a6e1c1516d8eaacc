from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("konto/", views.account, name="account"),
    path("kommunen/<str:ags>/", views.organisation_detail, name="organisation_detail"),
]
