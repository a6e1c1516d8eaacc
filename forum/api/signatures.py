"""Declarations of intent: campaigns and each municipality's signature status, moved step by step."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router, Status

from forum.cooperation import forms as cooperation_forms
from forum.cooperation.models import Campaign, Signature
from forum.core.access import require_perm

from .access import read_auth, write_auth
from .entries import OPTIONAL_TOKEN, READ_ERRORS, WRITE_ERRORS, _check_id, _organisation
from .errors import Invalid
from .paging import page_of
from .schemas import Ags, CampaignPage, Paging, SignatureDetailOut, SignaturePage, SignatureStepIn

router = Router(tags=["Willensbekundungen"])


def _campaign(request: HttpRequest, campaign_id: int) -> Campaign:
    _check_id(campaign_id)
    return get_object_or_404(
        Campaign.objects.visible_to(request.user).select_related("declaration", "version"), pk=campaign_id
    )


@router.get(
    "/campaigns",
    response={200: CampaignPage, **READ_ERRORS},
    auth=read_auth,
    openapi_extra=OPTIONAL_TOKEN,
    summary="Kampagnen",
)
def list_campaigns(request: HttpRequest, paging: Query[Paging]) -> Any:
    """Kampagnen der Willensbekundungen, die die Person sehen darf, die mit der spätesten Frist zuerst."""
    campaigns = Campaign.objects.visible_to(request.user).select_related("declaration").order_by("-due_on", "-pk")

    def item(campaign: Campaign) -> dict[str, Any]:
        return {
            "id": campaign.pk,
            "url": request.build_absolute_uri(campaign.get_absolute_url()),
            "title": campaign.title,
            "declaration": {"id": campaign.declaration.pk, "title": campaign.declaration.title},
            "due_on": campaign.due_on,
            "is_running": campaign.is_running,
            "modified": campaign.modified,
        }

    return page_of(request, campaigns, page=paging.page, page_size=paging.page_size, item=item)


def signature_summary(request: HttpRequest, signature: Signature) -> dict[str, Any]:
    return {
        "url": request.build_absolute_uri(signature.get_absolute_url()),
        "organisation": _organisation(signature.organisation),
        "status": signature.status,
        "committee_name": signature.committee_name,
        "meeting_on": signature.meeting_on,
        "resolved_on": signature.resolved_on,
        "signed_on": signature.signed_on,
        "signatory_name": signature.signatory_name,
        "signatory_function": signature.signatory_function,
        "reason": signature.reason,
        "modified": signature.modified,
    }


@router.get(
    "/campaigns/{campaign_id}/signatures",
    response={200: SignaturePage, **READ_ERRORS},
    auth=read_auth,
    openapi_extra=OPTIONAL_TOKEN,
    summary="Stand der Unterzeichnungen",
)
def list_signatures(request: HttpRequest, campaign_id: int, paging: Query[Paging]) -> Any:
    """Der Stand jeder Kommune bei einer Kampagne, nach Namen."""
    campaign = _campaign(request, campaign_id)
    signatures = campaign.signatures.select_related("organisation").order_by("organisation__name", "pk")

    def item(signature: Signature) -> dict[str, Any]:
        signature.campaign = campaign
        return signature_summary(request, signature)

    return page_of(request, signatures, page=paging.page, page_size=paging.page_size, item=item)


def _signature(request: HttpRequest, campaign_id: int, ags: str) -> Signature:
    campaign = _campaign(request, campaign_id)
    signature = get_object_or_404(
        Signature.objects.select_related("organisation"), campaign=campaign, organisation__ags=ags
    )
    signature.campaign = campaign
    return signature


def signature_detail(request: HttpRequest, signature: Signature) -> dict[str, Any]:
    can_change = request.user.has_perm("cooperation.change_signature", signature)
    steps = signature.steps.order_by("at", "pk")
    return {
        **signature_summary(request, signature),
        "campaign": signature.campaign_id,
        "can_change": can_change,
        "next_statuses": list(signature.next_statuses()) if can_change else [],
        "steps": [{"from_status": s.from_status, "to_status": s.to_status, "at": s.at, "note": s.note} for s in steps],
    }


@router.get(
    "/campaigns/{campaign_id}/signatures/{ags}",
    response={200: SignatureDetailOut, **READ_ERRORS},
    auth=read_auth,
    openapi_extra=OPTIONAL_TOKEN,
    summary="Stand einer Kommune",
)
def get_signature(request: HttpRequest, campaign_id: int, ags: Path[Ags]) -> Any:
    """Der Stand einer Kommune mit allen bisherigen Schritten und den möglichen nächsten."""
    return signature_detail(request, _signature(request, campaign_id, ags))


@router.post(
    "/campaigns/{campaign_id}/signatures/{ags}/steps",
    response={201: SignatureDetailOut, **WRITE_ERRORS},
    auth=write_auth,
    summary="Nächsten Schritt eintragen",
)
def add_step(request: HttpRequest, campaign_id: int, ags: Path[Ags], payload: SignatureStepIn) -> Any:
    """Trägt den nächsten Schritt ein (Redaktion der Kommune oder Koordination). Kein Schritt darf übersprungen
    werden; ein unterschriebenes Exemplar (Scan) lässt sich nur auf der Seite hochladen."""
    signature = _signature(request, campaign_id, ags)
    require_perm(request, "cooperation.change_signature", signature)
    if payload.status not in signature.next_statuses():
        signature.move_to(payload.status, by=request.user)  # refuses with the page's message, changes nothing
    fields = payload.model_dump(exclude={"status"})
    form = cooperation_forms.StepForm(
        {f"{payload.status}-{name}": "" if value is None else value for name, value in fields.items()},
        status=payload.status,
    )
    if not form.is_valid():
        raise Invalid.from_form(form)
    values = {name: value for name, value in form.cleaned_data.items() if name != "scan"}
    with transaction.atomic():
        signature.move_to(payload.status, by=request.user, **values)
    return Status(201, signature_detail(request, signature))
