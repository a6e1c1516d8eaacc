from django.urls import path

from . import similarity_views, views

app_name = "overlaps"
urlpatterns: list = [
    path("schnittmengen/", views.overview, name="overview"),
    path("schnittmengen/export.<str:fmt>", views.export, name="export"),
    path("schnittmengen/themen/<slug:slug>/", views.topic_detail, name="topic_detail"),
    path("schnittmengen/kandidaten/", views.candidate_list, name="candidate_list"),
    path("schnittmengen/kandidaten/<str:key>/", views.candidate_detail, name="candidate_detail"),
    path("schnittmengen/karte/", views.district_map, name="map"),
    path("katalog/<int:pk>/aehnlich/", similarity_views.similar_entries, name="similar_entries"),
]
