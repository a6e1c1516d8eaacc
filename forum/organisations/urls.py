from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [
    path("kommunen/", views.organisation_list, name="organisation_list"),
    path("kommunen/<str:ags>/bearbeiten/", views.organisation_edit, name="organisation_edit"),
    path("kommunen/<str:ags>/personen/", views.person_list, name="person_list"),
    path("kommunen/<str:ags>/personen/neu/", views.person_create, name="person_create"),
    path("kommunen/<str:ags>/einladen/", views.invite, name="invite"),
    path("partner/", views.partner_list, name="partner_list"),
    path("partner/<slug:slug>/", views.partner_detail, name="partner_detail"),
    path("personen/<int:pk>/", views.person_detail, name="person_detail"),
    path("personen/<int:pk>/bearbeiten/", views.person_edit, name="person_edit"),
    path("personen/<int:pk>/entfernen/", views.person_delete, name="person_delete"),
    path("gremien/", views.committee_list, name="committee_list"),
    path("gremien/neu/", views.committee_form, name="committee_create"),
    path("gremien/<int:pk>/", views.committee_detail, name="committee_detail"),
    path("gremien/<int:pk>/bearbeiten/", views.committee_form, name="committee_edit"),
    path("gremien/<int:pk>/mitglieder/neu/", views.membership_add, name="membership_add"),
    path("mitgliedschaften/<int:pk>/entfernen/", views.membership_delete, name="membership_delete"),
]
