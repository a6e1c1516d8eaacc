from django.urls import path

from . import declaration_views, views

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
    path(
        "vorhaben-des-landkreises/<slug:slug>/arbeitsgruppen/neu/", views.workinggroup_form, name="workinggroup_create"
    ),
    path(
        "vorhaben-des-landkreises/<slug:slug>/arbeitsgruppen/<int:pk>/",
        views.workinggroup_detail,
        name="workinggroup_detail",
    ),
    path(
        "vorhaben-des-landkreises/<slug:slug>/arbeitsgruppen/<int:pk>/bearbeiten/",
        views.workinggroup_form,
        name="workinggroup_edit",
    ),
    path("schnittmengen/kandidaten/<str:key>/tagesordnung/", views.candidate_to_agenda, name="candidate_to_agenda"),
    path(
        "schnittmengen/kandidaten/<str:key>/ikz-vorhaben/",
        views.candidate_to_undertaking,
        name="candidate_to_undertaking",
    ),
]

# Declarations of intent (declaration_views.py).
urlpatterns += [
    path("willensbekundungen/", declaration_views.declaration_list, name="declaration_list"),
    path("willensbekundungen/neu/", declaration_views.declaration_form, name="declaration_create"),
    path("willensbekundungen/<int:pk>/", declaration_views.declaration_detail, name="declaration_detail"),
    path("willensbekundungen/<int:pk>/bearbeiten/", declaration_views.declaration_form, name="declaration_edit"),
    path("willensbekundungen/<int:pk>/kampagne/neu/", declaration_views.campaign_create, name="campaign_create"),
    path("willensbekundungen/kampagnen/<int:pk>/", declaration_views.campaign_detail, name="campaign_detail"),
    path(
        "willensbekundungen/kampagnen/<int:pk>/<str:ags>/",
        declaration_views.signature_detail,
        name="signature_detail",
    ),
    path(
        "willensbekundungen/kampagnen/<int:pk>/<str:ags>/pdf/",
        declaration_views.signature_pdf,
        name="signature_pdf",
    ),
    path(
        "willensbekundungen/kampagnen/<int:pk>/<str:ags>/unterzeichnet/",
        declaration_views.signature_scan,
        name="signature_scan",
    ),
]
