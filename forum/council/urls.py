from django.urls import path, register_converter

from . import views


class SerialConverter:
    """The serial of a paper number in an address: three digits at least, so /vorlagen/2022-005/ reads like 005/2022."""

    regex = "[0-9]{1,6}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{int(value):03d}"


register_converter(SerialConverter, "serial")

NUMBER = "<int:year>-<serial:serial>"

app_name = "council"
urlpatterns = [
    path("vorlagen/", views.paper_list, name="paper_list"),
    path("vorlagen/neu/", views.paper_form, name="paper_create"),
    path("vorlagen/neu/aus-dem-forum/", views.paper_from_forum, name="paper_from_forum"),
    path("vorlagen/dateien/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("vorlagen/dateien/<int:pk>/entfernen/", views.attachment_delete, name="attachment_delete"),
    path(f"vorlagen/{NUMBER}/", views.paper_detail, name="paper_detail"),
    path(f"vorlagen/{NUMBER}/bearbeiten/", views.paper_form, name="paper_edit"),
    path(f"vorlagen/{NUMBER}/loeschen/", views.paper_delete, name="paper_delete"),
    path(f"vorlagen/{NUMBER}/entwurf/", views.paper_draft, name="paper_draft"),
    path(f"vorlagen/{NUMBER}/anlagen/neu/", views.attachment_upload, name="attachment_upload"),
    path(f"vorlagen/{NUMBER}.pdf", views.paper_pdf, name="paper_pdf"),
    path(f"vorlagen/{NUMBER}.docx", views.paper_docx, name="paper_docx"),
]
