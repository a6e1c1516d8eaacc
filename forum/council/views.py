"""Pages of the council papers (Vorlagen): list, detail, the form with its Beratungsfolge, drafting, PDF and DOCX."""

from __future__ import annotations

import copy
import re
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from forum.cooperation.models import Undertaking
from forum.core.access import page_of, require_perm, visible_or_404
from forum.documents.forms import AttachmentForm
from forum.documents.responses import file_response
from forum.documents.services import store_file
from forum.meetings.models import AgendaItem, Meeting
from forum.organisations.models import Organisation
from forum.topics.models import FieldOfAction

from .forms import PaperEditor, PaperFilterForm
from .models import Consultation, Paper, PaperAttachment

PAGE_SIZE = 25
NUMBER = re.compile(r"^\s*(\d{1,6})\s*/\s*(\d{4})\s*$")


def _paper(request: HttpRequest, year: int, serial: int) -> Paper:
    return visible_or_404(
        Paper.objects.select_related("organisation", "field_of_action__strategy", "guiding_principle"),
        request,
        year=year,
        serial=serial,
    )


def _district() -> Organisation:
    return Organisation.objects.get(ags=settings.FORUM_KREISSCHLUESSEL)


def visible_consultations(user: Any) -> QuerySet[Consultation]:
    """The Beratungsfolge as the person may see it: a non-public consultation only for those who see its level."""
    return Consultation.objects.visible_to(user).select_related("committee").order_by("position", "date", "pk")


# List and detail ----------------------------------------------------------------------------------


@require_GET
def paper_list(request: HttpRequest) -> HttpResponse:
    """Die Vorlagen, die die Person sehen darf, die neuesten zuerst; nach Jahr und Art gefiltert, mit Suche."""
    user = request.user
    papers = Paper.objects.visible_to(user)
    years = list(papers.order_by("-year").values_list("year", flat=True).distinct())
    form = PaperFilterForm(request.GET or None, years=years)
    filtered = False
    if form.is_valid():
        data = form.cleaned_data
        if data["year"]:
            papers = papers.filter(year=data["year"])
        if data["kind"]:
            papers = papers.filter(kind=data["kind"])
        query = data["q"].strip()
        if query:
            number = NUMBER.match(query)
            if number:
                papers = papers.filter(serial=int(number[1]), year=int(number[2]))
            else:
                papers = papers.filter(title__icontains=query)
        filtered = bool(data["year"] or data["kind"] or query)
    papers = papers.prefetch_related(
        Prefetch("consultations", queryset=visible_consultations(user), to_attr="visible_consultations")
    ).order_by("-date", "-year", "-serial", "-pk")
    return render(
        request,
        "council/paper_list.html",
        {"page_obj": page_of(request, papers, PAGE_SIZE), "filter_form": form, "filtered": filtered},
    )


@require_GET
def paper_detail(request: HttpRequest, year: int, serial: int) -> HttpResponse:
    paper = _paper(request, year, serial)
    user = request.user
    consultations = list(visible_consultations(user).filter(paper=paper).select_related("meeting", "agenda_item"))
    # A consultation may name a meeting or agenda item the person may not see: then no link to it.
    meeting_ids = {c.meeting_id for c in consultations if c.meeting_id}
    item_ids = {c.agenda_item_id for c in consultations if c.agenda_item_id}
    seen_meetings = set(Meeting.objects.visible_to(user).filter(pk__in=meeting_ids).values_list("pk", flat=True))
    seen_items = set(AgendaItem.objects.visible_to(user).filter(pk__in=item_ids).values_list("pk", flat=True))
    rows = [
        {
            "consultation": c,
            "meeting": c.meeting if c.meeting_id in seen_meetings else None,
            "agenda_item": c.agenda_item if c.agenda_item_id in seen_items else None,
        }
        for c in consultations
    ]
    context = {
        "paper": paper,
        "rows": rows,
        "budget": [
            (_("Budget area (Teilhaushalt)"), paper.or_not_specified("budget_area")),
            (_("Product group"), paper.or_not_specified("product_group")),
            (_("Product(s)"), paper.or_not_specified("products")),
        ],
        "signatories": paper.signatories.all(),
        "attachments": paper.attachments.select_related("stored_file"),
        "links": paper.links.all(),
        "undertakings": Undertaking.objects.visible_to(user).filter(papers=paper).order_by("title", "pk"),
    }
    return render(request, "council/paper_detail.html", context)


# Writing ------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def paper_form(request: HttpRequest, year: int | None = None, serial: int | None = None) -> HttpResponse:
    """A new paper, or the paper ``year``/``serial`` edited: the paper, its Beratungsfolge, signatories and links."""
    if year is None or serial is None:
        require_perm(request, "council.add_paper")
        paper = Paper(organisation=_district())
    else:
        paper = _paper(request, year, serial)
        require_perm(request, "council.change_paper", paper)
    shown = copy.copy(paper)  # headings and links as saved, whatever the form puts on the instance
    editor = PaperEditor(request.POST if request.method == "POST" else None, paper=paper, user=request.user)
    if request.method == "POST" and editor.save():
        if paper.is_draft:
            messages.success(request, _("Paper %(number)s has been saved as a draft.") % {"number": paper.number})
        else:
            messages.success(request, _("Paper %(number)s has been saved.") % {"number": paper.number})
        return redirect(paper)
    return render(request, "council/paper_form.html", {"editor": editor, "form": editor.form, "paper": shown})


@login_required
@require_POST
def paper_from_forum(request: HttpRequest) -> HttpResponse:
    """Neue Mitteilungsvorlage aus dem Forum: heute, vom Landkreis, mit Strategiebezug und Sachverhalt aus den Daten."""
    require_perm(request, "council.add_paper")
    from .drafting import draft_facts

    field = FieldOfAction.objects.current().order_by("position", "name").first()
    principle = field.guiding_principles.order_by("position", "pk").first() if field else None
    with transaction.atomic():
        paper = Paper(
            organisation=_district(),
            kind=Paper.Kind.NOTICE,
            date=timezone.localdate(),
            title=_("Digital cooperation: municipal digitalisation forum"),
            field_of_action=field,
            guiding_principle=principle,
            is_draft=True,
        )
        paper.full_clean()
        paper.save()
        paper.facts = draft_facts(paper, request.user)
        paper.save(update_fields=["facts", "modified"])
    messages.success(
        request,
        _("Draft paper %(number)s has been written from the forum's data. Check the text and publish it when ready.")
        % {"number": paper.number},
    )
    return redirect("council:paper_edit", paper.year, paper.serial)


@login_required
@require_http_methods(["GET", "POST"])
def paper_draft(request: HttpRequest, year: int, serial: int) -> HttpResponse:
    """Entwurf aus dem Forum erstellen: the Sachverhalt from the database, replacing or after the text there is."""
    paper = _paper(request, year, serial)
    require_perm(request, "council.draft_paper", paper)
    mode = request.POST.get("mode", "")
    has_text = bool(paper.facts.strip())
    if request.method == "POST" and (not has_text or mode in ("replace", "append")):
        from .drafting import draft_facts

        text = draft_facts(paper, request.user)
        paper.facts = f"{paper.facts.rstrip()}\n\n{text}" if has_text and mode == "append" else text
        paper.save(update_fields=["facts", "modified"])
        messages.success(request, _("The statement of facts has been drafted from the forum's data. Edit it here."))
        return redirect("council:paper_edit", paper.year, paper.serial)
    return render(request, "council/paper_draft.html", {"paper": paper, "has_text": has_text})


@login_required
@require_http_methods(["GET", "POST"])
def paper_delete(request: HttpRequest, year: int, serial: int) -> HttpResponse:
    paper = _paper(request, year, serial)
    require_perm(request, "council.delete_paper", paper)
    if request.method == "POST":
        number = paper.number
        paper.delete()
        messages.success(
            request, _("Paper %(number)s has been deleted. Its number will not be given again.") % {"number": number}
        )
        return redirect("council:paper_list")
    return render(request, "council/paper_confirm_delete.html", {"paper": paper})


# Attachments --------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def attachment_upload(request: HttpRequest, year: int, serial: int) -> HttpResponse:
    paper = _paper(request, year, serial)
    require_perm(request, "council.change_paper", paper)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        with transaction.atomic():
            PaperAttachment.objects.create(
                paper=paper,
                stored_file=store_file(uploaded, by=request.user, detected=uploaded.detected_type),
                title=form.cleaned_data["title"],
                position=paper.attachments.count(),
            )
        messages.success(request, _("The file has been uploaded."))
        return redirect(paper)
    return render(request, "council/attachment_form.html", {"form": form, "paper": paper})


def _attachment(request: HttpRequest, pk: int) -> PaperAttachment:
    return get_object_or_404(
        PaperAttachment.objects.select_related("stored_file", "paper"),
        pk=pk,
        paper__in=Paper.objects.visible_to(request.user),
    )


@require_GET
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    return file_response(_attachment(request, pk).stored_file)


@login_required
@require_POST
def attachment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _attachment(request, pk)
    require_perm(request, "council.change_paper", attachment.paper)
    attachment.delete()
    messages.success(request, _("The file “%(title)s” has been removed.") % {"title": attachment.title})
    return redirect(attachment.paper)


# Rendering ----------------------------------------------------------------------------------------


def _download(content: bytes, content_type: str, paper: Paper, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="Vorlage-{paper.serial:03d}-{paper.year}.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private"
    return response


@require_GET
def paper_pdf(request: HttpRequest, year: int, serial: int) -> HttpResponse:
    """The paper laid out like a district's council paper, tagged (PDF/UA)."""
    paper = _paper(request, year, serial)
    require_perm(request, "council.render_paper", paper)
    from .rendering import paper_pdf as render_pdf

    return _download(render_pdf(paper, request.user), "application/pdf", paper, "pdf")


@require_GET
def paper_docx(request: HttpRequest, year: int, serial: int) -> HttpResponse:
    """The paper as a Word document to edit further."""
    paper = _paper(request, year, serial)
    require_perm(request, "council.render_paper", paper)
    from .rendering import paper_docx as render_docx

    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return _download(render_docx(paper, request.user), content_type, paper, "docx")
