"""Every URL of the council app × every role → status, for GET and POST; a POST changes data exactly when it succeeds.

The paper is the public seed paper 005/2021 of the district, so "own" roles are the district's. Papers a role may not
see answer 404, whatever the action; a members-only consultation never reaches the public, in any channel.
"""

from __future__ import annotations

import io
import subprocess
from dataclasses import dataclass
from typing import Any

import docx
import pytest
from django.urls import URLPattern, reverse

from forum.core.models import Visibility
from forum.council import urls
from forum.council.models import Paper, PaperAttachment
from forum.documents.services import store_file
from forum.documents.tests.samples import pdf, upload
from forum.organisations.tests.helpers import ROLES, SAVED, log_in_as, only, outcome

from .factories import consultation_row, paper_data

pytestmark = pytest.mark.django_db

EVERYONE = dict.fromkeys(ROLES, 200)
NOT_ALLOWED = dict.fromkeys(ROLES, 405)
POST_ONLY = only(set(ROLES), then=405)  # log-in first, then 405 for GET
COORDINATION = {"coordination"}

GET: dict[str, dict[str, int | str]] = {
    "paper_list": EVERYONE,
    "paper_create": only(COORDINATION, then=200),
    "paper_from_forum": POST_ONLY,
    "attachment_download": EVERYONE,
    "attachment_delete": POST_ONLY,
    "paper_detail": EVERYONE,
    "paper_edit": only(COORDINATION, then=200),
    "paper_delete": only(COORDINATION, then=200),
    "paper_draft": only(COORDINATION, then=200),
    "attachment_upload": only(COORDINATION, then=200),
    "paper_pdf": EVERYONE,
    "paper_docx": EVERYONE,
}

POST: dict[str, dict[str, int | str]] = {
    "paper_list": NOT_ALLOWED,
    "paper_create": only(COORDINATION, then=SAVED),
    "paper_from_forum": only(COORDINATION, then=SAVED),
    "attachment_download": NOT_ALLOWED,
    "attachment_delete": only(COORDINATION, then=SAVED),
    "paper_detail": NOT_ALLOWED,
    "paper_edit": only(COORDINATION, then=SAVED),
    "paper_delete": only(COORDINATION, then=SAVED),
    "paper_draft": only(COORDINATION, then=SAVED),
    "attachment_upload": only(COORDINATION, then=SAVED),
    "paper_pdf": NOT_ALLOWED,
    "paper_docx": NOT_ALLOWED,
}


def test_every_url_is_in_the_tables():
    names = {pattern.name for pattern in urls.urlpatterns if isinstance(pattern, URLPattern)}
    assert set(GET) == names
    assert set(POST) == names


@dataclass
class World:
    paper: Paper
    attachment: PaperAttachment
    kreistag: Any


@pytest.fixture
def world(paper, kreistag) -> World:
    stored = store_file(upload("Praesentation.pdf", pdf()), by=None)
    attachment = PaperAttachment.objects.create(paper=paper, stored_file=stored, title="Präsentation")
    return World(paper=paper, attachment=attachment, kreistag=kreistag)


def _url(view: str, w: World) -> str:
    if view in ("paper_list", "paper_create", "paper_from_forum"):
        return reverse(f"council:{view}")
    if view.startswith("attachment_") and view != "attachment_upload":
        return reverse(f"council:{view}", args=[w.attachment.pk])
    return reverse(f"council:{view}", args=[w.paper.year, w.paper.serial])


def _data(view: str, w: World) -> dict[str, Any]:
    consultation = w.paper.consultations.get()
    data: dict[str, dict[str, Any]] = {
        "paper_create": paper_data(title="Neue Vorlage", consultations=[consultation_row(w.kreistag)]),
        "paper_edit": paper_data(
            serial="5",
            title="Geänderte Vorlage",
            consultations=[consultation_row(w.kreistag, id=consultation.pk)],
            initial={"consultations": 1},
        ),
        "paper_draft": {"mode": "replace"},
        "attachment_upload": {"title": "Willensbekundung", "file": upload("Willensbekundung.pdf", pdf())},
    }
    return data.get(view, {"x": "1"})  # a non-empty body, as every browser form sends its CSRF token


def _effect(view: str, w: World) -> bool:
    """Whether the POST to ``view`` changed the database."""
    checks = {
        "paper_create": lambda: Paper.objects.filter(title="Neue Vorlage", consultations__isnull=False).exists(),
        "paper_from_forum": lambda: Paper.objects.filter(is_draft=True).exclude(facts="").exists(),
        "attachment_delete": lambda: not PaperAttachment.objects.filter(pk=w.attachment.pk).exists(),
        "paper_edit": lambda: Paper.objects.filter(pk=w.paper.pk, title="Geänderte Vorlage").exists(),
        "paper_delete": lambda: not Paper.objects.filter(pk=w.paper.pk).exists(),
        "paper_draft": lambda: Paper.objects.get(pk=w.paper.pk).facts != w.paper.facts,
        "attachment_upload": lambda: w.paper.attachments.count() == 2,
    }
    check = checks.get(view)
    return bool(check and check())


@pytest.mark.parametrize(("view", "role"), [(view, role) for view in GET for role in ROLES])
def test_it_answers_get_by_role(view, role, client, user_in_role, district, world):
    log_in_as(client, user_in_role, role, district)
    assert outcome(client.get(_url(view, world))) == GET[view][role]


@pytest.mark.parametrize(("view", "role"), [(view, role) for view in POST for role in ROLES])
def test_it_answers_post_by_role(view, role, client, user_in_role, district, world):
    log_in_as(client, user_in_role, role, district)
    response = client.post(_url(view, world), _data(view, world))
    result = outcome(response)
    assert result == POST[view][role], getattr(response, "context", None) and response.context.get("form", "")
    assert _effect(view, world) is (result == SAVED)


# A paper for members or the coordination, or a draft, is not found by whoever may not see it.
HIDDEN = [
    ("members", False, {"anonymous", "no_role"}),
    ("coordination", False, {"anonymous", "no_role", "member_own", "member_other", "editor_own", "editor_other"}),
    ("public", True, {"anonymous", "no_role", "member_own", "member_other", "editor_other"}),
]
BY_PAPER = ["paper_detail", "paper_pdf", "paper_docx", "attachment_download", "paper_edit", "paper_draft"]


@pytest.mark.parametrize(("visibility", "draft", "blind"), HIDDEN)
@pytest.mark.parametrize("role", ROLES)
def test_a_paper_one_may_not_see_is_not_found(visibility, draft, blind, role, client, user_in_role, district, world):
    Paper.objects.filter(pk=world.paper.pk).update(visibility=visibility, is_draft=draft)
    log_in_as(client, user_in_role, role, district)
    listed = client.get(reverse("council:paper_list"))
    assert ("Digitale Zusammenarbeit:" in listed.content.decode()) is (role not in blind)
    searched = client.get(reverse("council:paper_list"), {"q": "005/2021"})
    assert ("Digitale Zusammenarbeit:" in searched.content.decode()) is (role not in blind)
    if role not in blind:
        return
    for view in BY_PAPER:
        response = client.get(_url(view, world))
        assert response.status_code in (404, 302), view
        if response.status_code == 302:  # login_required comes first for anonymous
            assert outcome(response) == "login", view


def _pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "vorlage.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.mark.parametrize("role", ROLES)
def test_a_members_only_consultation_reaches_no_one_outside(
    role, client, user_in_role, district, world, hidden_consultation, tmp_path
):
    log_in_as(client, user_in_role, role, district)
    sees = role not in {"anonymous", "no_role"}
    paper = world.paper
    listed = client.get(reverse("council:paper_list")).content.decode()
    detail = client.get(paper.get_absolute_url()).content.decode()
    pdf_text = _pdf_text(client.get(_url("paper_pdf", world)).content, tmp_path)
    docx_text = _docx_text(client.get(_url("paper_docx", world)).content)
    for channel, text in {"list": listed, "detail": detail, "pdf": pdf_text, "docx": docx_text}.items():
        assert "Kreistag" in text, channel
        assert ("Verwaltungsausschuss" in text) is sees, channel


def test_downloads_are_named_by_the_number(client, world):
    response = client.get(_url("paper_pdf", world))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Vorlage-005-2021.pdf"'
    assert response.content.startswith(b"%PDF")
    response = client.get(_url("paper_docx", world))
    assert response["Content-Disposition"] == 'attachment; filename="Vorlage-005-2021.docx"'
    assert response.content.startswith(b"PK")


def test_the_address_reads_like_the_number(world):
    assert world.paper.get_absolute_url() == "/vorlagen/2021-005/"
    assert reverse("council:paper_pdf", args=[2021, 5]) == "/vorlagen/2021-005.pdf"


def test_a_non_public_consultation_is_created_members_only(client, user_in_role, district, world):
    log_in_as(client, user_in_role, "coordination", district)
    data = paper_data(
        title="Mit nichtöffentlicher Beratung", consultations=[consultation_row(world.kreistag, status="members")]
    )
    assert outcome(client.post(reverse("council:paper_create"), data)) == SAVED
    paper = Paper.objects.get(title="Mit nichtöffentlicher Beratung")
    assert paper.consultations.get().visibility == Visibility.MEMBERS
