from django.urls import path, re_path

from . import views

app_name = "api"
urlpatterns = [
    path("konto/api-schluessel/", views.token_list, name="tokens"),
    path("konto/api-schluessel/<int:pk>/widerrufen/", views.token_revoke, name="token_revoke"),
    path("api/v1/docs/", views.documentation, name="docs"),
    path("api/v1/docs/interaktiv/", views.documentation_interactive, name="docs_interactive"),
    # Included after the API's own addresses (config/urls.py): any other address under /api/ answers JSON 404.
    re_path(r"^api/(?P<rest>.*)$", views.not_found, name="not_found"),
]
