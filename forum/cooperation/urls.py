from django.urls import path

from . import views

app_name = "cooperation"
urlpatterns = [
    path("vorhaben-des-landkreises/", views.undertaking_list, name="undertaking_list"),
    path("vorhaben-des-landkreises/neu/", views.undertaking_form, name="undertaking_create"),
    path("vorhaben-des-landkreises/dateien/<int:pk>/", views.attachment_download, name="attachment_download"),
    path(
        "vorhaben-des-landkreises/beteiligte/<int:pk>/entfernen/", views.participant_remove, name="participant_remove"
    ),
    path("vorhaben-des-landkreises/meilensteine/<int:pk>/", views.milestone_edit, name="milestone_edit"),
    path("vorhaben-des-landkreises/meilensteine/<int:pk>/entfernen/", views.milestone_delete, name="milestone_delete"),
    path("vorhaben-des-landkreises/<slug:slug>/", views.undertaking_detail, name="undertaking_detail"),
    path("vorhaben-des-landkreises/<slug:slug>/bearbeiten/", views.undertaking_form, name="undertaking_edit"),
    path("vorhaben-des-landkreises/<slug:slug>/beteiligte/", views.participants, name="participants"),
    path("vorhaben-des-landkreises/<slug:slug>/meilensteine/", views.milestones, name="milestones"),
    path("vorhaben-des-landkreises/<slug:slug>/dateien/neu/", views.attachment_upload, name="attachment_upload"),
    path("vorhaben-des-landkreises/<slug:slug>/kosten/neu/", views.costplan_form, name="costplan_create"),
    path("vorhaben-des-landkreises/<slug:slug>/kosten/<int:year>/", views.costplan_detail, name="costplan_detail"),
    path(
        "vorhaben-des-landkreises/<slug:slug>/kosten/<int:year>/bearbeiten/",
        views.costplan_form,
        name="costplan_edit",
    ),
    path(
        "vorhaben-des-landkreises/<slug:slug>/kosten/<int:year>/export/<str:fmt>/",
        views.costplan_export,
        name="costplan_export",
    ),
    path("schnittmengen/kandidaten/<str:key>/tagesordnung/", views.candidate_to_agenda, name="candidate_to_agenda"),
    path(
        "schnittmengen/kandidaten/<str:key>/ikz-vorhaben/",
        views.candidate_to_undertaking,
        name="candidate_to_undertaking",
    ),
]
