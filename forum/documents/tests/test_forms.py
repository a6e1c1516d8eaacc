"""FileUploadField and AttachmentForm: bad files get a message on the form, good ones carry their type."""

import pytest
from django import forms
from django.utils.datastructures import MultiValueDict

from forum.documents.forms import AttachmentForm, FileUploadField
from forum.documents.validation import TEXT

from . import samples


def _form(data=None, **files):
    return AttachmentForm(data=data or {}, files=MultiValueDict({name: [file] for name, file in files.items()}))


def test_it_attaches_the_detected_type():
    upload = FileUploadField().clean(samples.upload("Notiz.txt", samples.text()))

    assert upload.detected_type == TEXT
    assert upload.read() == samples.text()


def test_it_reports_a_refused_file_on_the_form():
    form = _form(file=samples.upload("logo.png", samples.svg(), "image/png"))

    assert not form.is_valid()
    assert form.errors.as_data()["file"][0].code == "markup"
    assert "kern-form-input__input--error" in form.fields["file"].widget.attrs["class"]


def test_it_reports_a_file_over_the_limit(settings):
    settings.FORUM_MAX_UPLOAD_MB = 1
    form = _form(file=samples.upload("gross.pdf", samples.pdf() + b"0" * (int(1.1 * 1024 * 1024))))

    assert not form.is_valid()
    assert form.errors.as_data()["file"][0].code == "too_large"
    assert "1" in form.errors["file"][0]


@pytest.mark.parametrize("files", [{}, {"file": samples.upload("leer.pdf", b"")}], ids=["missing", "empty"])
def test_it_needs_a_file_with_content(files):
    form = _form(**files)

    assert not form.is_valid()
    assert form.errors.as_data()["file"][0].code in {"required", "empty"}


def test_it_takes_the_file_name_as_title():
    form = _form(file=samples.upload("C:\\Temp\\Präsentation Kick-off.pdf", samples.pdf()))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["title"] == "Präsentation Kick-off"
    assert form.cleaned_data["file"].detected_type.mime == "application/pdf"


def test_it_keeps_a_given_title():
    form = _form({"title": "Folien zum Kick-off"}, file=samples.upload("folien.pptx", samples.pptx()))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["title"] == "Folien zum Kick-off"


def test_it_tells_the_limit_and_offers_the_allowed_types(settings):
    settings.FORUM_MAX_UPLOAD_MB = 7

    class UploadForm(forms.Form):
        file = FileUploadField()

    html = str(UploadForm()["file"])
    help_text = str(UploadForm().fields["file"].help_text)

    assert 'accept="' in html
    assert ".pdf" in html and ".docx" in html and ".svg" not in html
    assert "7" in help_text
