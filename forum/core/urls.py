from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("<slug:page>/", views.legal, name="legal"),
]
