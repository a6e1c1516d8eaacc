"""file_response: always a download, with the detected type and the headers that stop sniffing and rendering."""

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import path

from forum.documents.models import StoredFile
from forum.documents.responses import content_disposition, file_response

from . import samples

pytestmark = pytest.mark.django_db


def _download(request, pk):
    return file_response(StoredFile.objects.get(pk=pk))


urlpatterns = [path("datei/<int:pk>/", _download)]


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_it_sends_a_pdf_as_a_download(stored):
    response = file_response(stored("Sitzung 19.01.2022.pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Sitzung 19.01.2022.pdf\"; filename*=UTF-8''Sitzung%2019.01.2022.pdf"
    )
    assert response["Content-Length"] == str(len(samples.pdf()))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert _body(response) == samples.pdf()


def test_it_sends_text_as_utf_8(stored):
    response = file_response(stored("Notiz.txt", samples.text()))

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert _body(response) == samples.text()


def test_it_sends_the_detected_type_whatever_the_name(stored):
    response = file_response(stored("bild.png", samples.pdf()))

    assert response["Content-Type"] == "application/pdf"
    assert "filename*=UTF-8''bild.png.pdf" in response["Content-Disposition"]


def test_it_sends_german_names_by_rfc_6266(stored):
    response = file_response(stored("Präsentation Straßenbau.pdf"))

    assert response["Content-Disposition"] == (
        'attachment; filename="Prasentation Strassenbau.pdf"; '
        "filename*=UTF-8''Pr%C3%A4sentation%20Stra%C3%9Fenbau.pdf"
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ('a"b.pdf', "attachment; filename=\"a_b.pdf\"; filename*=UTF-8''a%22b.pdf"),
        ("100%.pdf", "attachment; filename=\"100_.pdf\"; filename*=UTF-8''100%25.pdf"),
        ("Дума.pdf", "attachment; filename=\".pdf\"; filename*=UTF-8''%D0%94%D1%83%D0%BC%D0%B0.pdf"),
        ("日本", "attachment; filename=\"download\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC"),
    ],
)
def test_it_quotes_every_name_safely(name, expected):
    assert content_disposition(name) == expected


@pytest.mark.urls(__name__)
def test_its_headers_survive_the_middleware(stored):
    file = stored("Notiz.txt", samples.text())

    response = Client().get(f"/datei/{file.pk}/")

    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Cache-Control"] == "private"
    assert b"".join(response.streaming_content) == samples.text()
    assert not isinstance(response, HttpResponse)
