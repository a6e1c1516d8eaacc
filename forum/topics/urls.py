from django.urls import path

from . import views

app_name = "topics"
urlpatterns = [
    path("themen/", views.topic_list, name="topic_list"),
    path("themen/neu/", views.topic_create, name="topic_create"),
    path("themen/<slug:slug>/", views.topic_detail, name="topic_detail"),
    path("themen/<slug:slug>/bearbeiten/", views.topic_edit, name="topic_edit"),
    path("themen/<slug:slug>/zusammenfuehren/", views.topic_merge, name="topic_merge"),
    path("themen/<slug:slug>/stilllegen/", views.topic_retire, name="topic_retire"),
    path("themen/<slug:slug>/reaktivieren/", views.topic_reactivate, name="topic_reactivate"),
]
