"""Pages of the declarations of intent: texts, campaigns with their progress, each municipality's signature, the PDF."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from forum.core.access import page_of, require_perm, visible_or_404
from forum.core.forms import add_model_errors
from forum.documents.responses import file_response
from forum.documents.services import store_file

from . import declarations, forms
from .models import PLACEHOLDERS, Campaign, Declaration, Signature
from .pdf import declaration_pdf

PAGE_SIZE = 25


@require_GET
def declaration_list(request: HttpRequest) -> HttpResponse:
    items = (
        Declaration.objects.visible_to(request.user)
        .select_related("undertaking")
        .annotate(version_count=Count("versions", distinct=True))
        .order_by("title", "pk")
    )
    return render(request, "cooperation/declaration_list.html", {"page_obj": page_of(request, items, PAGE_SIZE)})


@require_GET
def declaration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = visible_or_404(Declaration.objects.select_related("undertaking"), request, pk=pk)
    undertaking = declaration.undertaking
    context = {
        "declaration": declaration,
        "undertaking": undertaking if undertaking and undertaking.is_visible_to(request.user) else None,
        "versions": declaration.versions.all(),
        "campaigns": Campaign.objects.visible_to(request.user)
        .filter(declaration=declaration)
        .select_related("version"),
        "placeholders": PLACEHOLDERS,
    }
    return render(request, "cooperation/declaration_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def declaration_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Write a declaration, or change its text: a new version once the current one has been sent."""
    if pk is None:
        require_perm(request, "cooperation.add_declaration")
        declaration = Declaration()
    else:
        declaration = visible_or_404(Declaration.objects.all(), request, pk=pk)
        require_perm(request, "cooperation.change_declaration", declaration)
    form = forms.DeclarationForm(request.POST or None, instance=declaration, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                declaration = form.save()
                declaration.revise(form.cleaned_data["text"], by=request.user)
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, _("The declaration of intent has been saved."))
            return redirect(declaration)
    return render(request, "cooperation/declaration_form.html", {"form": form, "declaration": declaration})


@login_required
@require_http_methods(["GET", "POST"])
def campaign_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the declaration's current version to all municipalities of the district."""
    declaration = visible_or_404(Declaration.objects.all(), request, pk=pk)
    require_perm(request, "cooperation.add_campaign", declaration)
    campaign = Campaign(declaration=declaration, title=declaration.title)
    form = forms.CampaignForm(request.POST or None, instance=campaign, initial={"title": declaration.title})
    municipalities = declarations.district_municipalities().count()
    if request.method == "POST" and form.is_valid():
        try:
            campaign = declarations.start_campaign(form.save(commit=False), by=request.user)
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(
                request,
                _("The campaign has been started: %(n)s municipalities are asked to sign.") % {"n": municipalities},
            )
            return redirect(campaign)
    return render(
        request,
        "cooperation/campaign_form.html",
        {
            "form": form,
            "declaration": declaration,
            "version": declaration.current_version(),
            "municipalities": municipalities,
        },
    )


def _campaign(request: HttpRequest, pk: int) -> Campaign:
    return visible_or_404(Campaign.objects.select_related("declaration", "version"), request, pk=pk)


@require_GET
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress page: figures, chart and the table of every municipality's status, in constant queries."""
    campaign = _campaign(request, pk)
    progress = declarations.progress_of(campaign)
    signatures = campaign.signatures.select_related("organisation").order_by("organisation__name")
    return render(
        request,
        "cooperation/campaign_detail.html",
        {
            "campaign": campaign,
            "declaration": campaign.declaration,
            "progress": progress,
            "signed": progress.signed,
            "signatures": signatures,
            "chart_height": len(progress.figures) * (declarations.BAR_HEIGHT + declarations.BAR_GAP),
        },
    )


def _signature(request: HttpRequest, pk: int, ags: str) -> Signature:
    campaign = _campaign(request, pk)
    signature = get_object_or_404(
        Signature.objects.select_related("organisation__district", "version", "scan"),
        campaign=campaign,
        organisation__ags=ags,
    )
    signature.campaign = campaign
    return signature


@require_http_methods(["GET", "POST"])
def signature_detail(request: HttpRequest, pk: int, ags: str) -> HttpResponse:
    """One municipality's signature: its steps so far and, for its editors and the coordination, the next step."""
    signature = _signature(request, pk, ags)
    can_change = request.user.has_perm("cooperation.change_signature", signature)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_change:
            raise PermissionDenied
    step_forms = []
    if can_change:
        chosen = request.POST.get("step") if request.method == "POST" else None
        for status in signature.next_statuses():
            bound = chosen == status
            step_forms.append(
                forms.StepForm(request.POST if bound else None, request.FILES if bound else None, status=status)
            )
        form = next((f for f in step_forms if f.is_bound), None)
        if request.method == "POST" and form is None:
            messages.error(request, _("This step is not possible (any more). Please choose one of the steps below."))
        elif form is not None and form.is_valid():
            values = dict(form.cleaned_data)
            try:
                with transaction.atomic():
                    if values.get("scan"):
                        values["scan"] = store_file(values["scan"], by=request.user)
                    signature.move_to(form.status, by=request.user, **values)
            except ValidationError as error:
                add_model_errors(form, error)
            else:
                messages.success(
                    request, _("The status is now “%(status)s”.") % {"status": signature.get_status_display()}
                )
                return redirect(signature)
    context: dict[str, Any] = {
        "signature": signature,
        "campaign": signature.campaign,
        "organisation": signature.organisation,
        "steps": signature.steps.select_related("by").order_by("at", "pk"),
        "step_forms": step_forms,
        "can_change": can_change,
        "text": declarations.personalised_text(signature, request.user),
    }
    return render(request, "cooperation/signature_detail.html", context)


@require_GET
def signature_pdf(request: HttpRequest, pk: int, ags: str) -> HttpResponse:
    """The declaration, filled in for this municipality, as a PDF to print and sign."""
    signature = _signature(request, pk, ags)
    content = declaration_pdf(signature, request.user)
    name = slugify(f"willensbekundung-{signature.organisation.name.replace('ß', 'ss')}") or "willensbekundung"
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response


@require_GET
def signature_scan(request: HttpRequest, pk: int, ags: str) -> FileResponse:
    signature = _signature(request, pk, ags)
    if signature.scan is None:
        raise Http404
    return file_response(signature.scan)
