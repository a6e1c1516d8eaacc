"""Every URL of the cooperation app × every role → status, for GET and POST; a POST changes data exactly when it succeeds.

The undertaking is public and led by Lörrach ("own"); three other towns take part. Undertakings a role may not see
answer 404, whatever the action.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.urls import URLPattern, reverse
from django.utils import timezone

from forum.cooperation import urls
from forum.cooperation.models import (
    Campaign,
    CostPlan,
    Declaration,
    Milestone,
    Participation,
    Signature,
    Undertaking,
    UndertakingAttachment,
    WorkingGroup,
)
from forum.cooperation.services import save_working_group
from forum.core.models import Visibility
from forum.documents.services import store_file
from forum.documents.tests.samples import pdf, upload
from forum.meetings.models import AgendaItem, Meeting
from forum.organisations.models import Organisation
from forum.organisations.tests.helpers import ROLES, SAVED, log_in_as, only, outcome

pytestmark = pytest.mark.django_db

EVERYONE = dict.fromkeys(ROLES, 200)
NOT_ALLOWED = dict.fromkeys(ROLES, 405)
POST_ONLY = only(set(ROLES), then=405)  # log-in first, then 405 for GET
COORDINATION = {"coordination"}

GET: dict[str, dict[str, int | str]] = {
    "undertaking_list": EVERYONE,
    "undertaking_create": only(COORDINATION, then=200),
    "undertaking_detail": EVERYONE,
    "undertaking_edit": only(COORDINATION, then=200),
    "participants": only(COORDINATION, then=200),
    "participant_remove": POST_ONLY,
    "milestones": only(COORDINATION, then=200),
    "milestone_edit": only(COORDINATION, then=200),
    "milestone_delete": POST_ONLY,
    "attachment_upload": only(COORDINATION, then=200),
    "attachment_download": EVERYONE,
    "costplan_create": only(COORDINATION, then=200),
    "costplan_detail": EVERYONE,
    "costplan_edit": only(COORDINATION, then=200),
    "costplan_export": EVERYONE,
    "workinggroup_create": only(COORDINATION, then=200),
    "workinggroup_detail": EVERYONE,
    "workinggroup_edit": only(COORDINATION, then=200),
    "candidate_to_agenda": only(COORDINATION, then=200),
    "candidate_to_undertaking": only(COORDINATION, then=200),
    "declaration_list": EVERYONE,
    "declaration_create": only(COORDINATION, then=200),
    "declaration_detail": EVERYONE,
    "declaration_edit": only(COORDINATION, then=200),
    "campaign_create": only(COORDINATION, then=200),
    "campaign_detail": EVERYONE,
    "signature_detail": EVERYONE,
    "signature_pdf": EVERYONE,
    "signature_scan": EVERYONE,
}

POST: dict[str, dict[str, int | str]] = {
    "undertaking_list": NOT_ALLOWED,
    "undertaking_create": only(COORDINATION, then=SAVED),
    "undertaking_detail": NOT_ALLOWED,
    "undertaking_edit": only(COORDINATION, then=SAVED),
    "participants": only(COORDINATION, then=SAVED),
    "participant_remove": only(COORDINATION, then=SAVED),
    "milestones": only(COORDINATION, then=SAVED),
    "milestone_edit": only(COORDINATION, then=SAVED),
    "milestone_delete": only(COORDINATION, then=SAVED),
    "attachment_upload": only(COORDINATION, then=SAVED),
    "attachment_download": NOT_ALLOWED,
    "costplan_create": only(COORDINATION, then=SAVED),
    "costplan_detail": NOT_ALLOWED,
    "costplan_edit": only(COORDINATION, then=SAVED),
    "costplan_export": NOT_ALLOWED,
    "workinggroup_create": only(COORDINATION, then=SAVED),
    "workinggroup_detail": NOT_ALLOWED,
    "workinggroup_edit": only(COORDINATION, then=SAVED),
    "candidate_to_agenda": only(COORDINATION, then=SAVED),
    "candidate_to_undertaking": only(COORDINATION, then=SAVED),
    "declaration_list": NOT_ALLOWED,
    "declaration_create": only(COORDINATION, then=SAVED),
    "declaration_detail": NOT_ALLOWED,
    "declaration_edit": only(COORDINATION, then=SAVED),
    "campaign_create": only(COORDINATION, then=SAVED),
    "campaign_detail": NOT_ALLOWED,
    # Lörrach's signature: its own editors and the coordination.
    "signature_detail": only({"editor_own", "coordination"}, then=SAVED),
    "signature_pdf": NOT_ALLOWED,
    "signature_scan": NOT_ALLOWED,
}


def test_every_url_is_in_the_tables():
    names = {pattern.name for pattern in urls.urlpatterns if isinstance(pattern, URLPattern)}
    assert set(GET) == names
    assert set(POST) == names


@dataclass
class World:
    undertaking: Undertaking
    attachment: UndertakingAttachment
    milestone: Milestone
    participation: Participation
    plan: CostPlan
    meeting: Meeting
    key: str
    joining: Organisation
    declaration: Declaration
    campaign: Campaign
    signature: Signature
    group: WorkingGroup


def _signed(campaign: Campaign, organisation: Organisation) -> Signature:
    signature = campaign.signatures.get(organisation=organisation)
    signature.move_to(Signature.Status.DELIBERATION, committee_name="Gemeinderat", meeting_on=date(2026, 2, 1))
    signature.move_to(Signature.Status.RESOLVED, resolved_on=date(2026, 2, 1))
    scan = store_file(upload("Unterschrieben.pdf", pdf()), by=None)
    signature.move_to(
        Signature.Status.SIGNED, signed_on=date(2026, 2, 2), signatory_name="A", signatory_function="BM", scan=scan
    )
    return signature


@pytest.fixture
def world(
    undertaking, towns, cost_plan_factory, forum_meeting, candidate_key, district, declaration, campaign, loerrach
) -> World:
    stored = store_file(upload("Konzept.pdf", pdf()), by=None)
    joining = Organisation.objects.municipalities().exclude(pk__in=[t.pk for t in towns]).order_by("-ags").first()
    return World(
        undertaking=undertaking,
        attachment=UndertakingAttachment.objects.create(undertaking=undertaking, stored_file=stored, title="Konzept"),
        milestone=Milestone.objects.create(undertaking=undertaking, title="Start", due_on="2026-06-30"),
        participation=undertaking.participations.get(organisation=towns[0]),
        plan=cost_plan_factory(undertaking=undertaking),
        meeting=forum_meeting,
        key=candidate_key,
        joining=joining,
        declaration=declaration,
        campaign=campaign,
        signature=_signed(campaign, loerrach),
        group=save_working_group(WorkingGroup(undertaking=undertaking, name="AG Schriftgut")),
    )


def _url(view: str, w: World) -> str:
    slug, year = w.undertaking.slug, w.plan.year
    args: dict[str, list[Any]] = {
        "undertaking_list": [],
        "undertaking_create": [],
        "participant_remove": [w.participation.pk],
        "milestone_edit": [w.milestone.pk],
        "milestone_delete": [w.milestone.pk],
        "attachment_download": [w.attachment.pk],
        "costplan_detail": [slug, year],
        "costplan_edit": [slug, year],
        "costplan_export": [slug, year, "csv"],
        "workinggroup_detail": [slug, w.group.pk],
        "workinggroup_edit": [slug, w.group.pk],
        "candidate_to_agenda": [w.key],
        "candidate_to_undertaking": [w.key],
        "declaration_list": [],
        "declaration_create": [],
        "declaration_detail": [w.declaration.pk],
        "declaration_edit": [w.declaration.pk],
        "campaign_create": [w.declaration.pk],
        "campaign_detail": [w.campaign.pk],
        "signature_detail": [w.campaign.pk, w.signature.organisation.ags],
        "signature_pdf": [w.campaign.pk, w.signature.organisation.ags],
        "signature_scan": [w.campaign.pk, w.signature.organisation.ags],
    }
    return reverse(f"cooperation:{view}", args=args.get(view, [slug]))


def undertaking_data(w: World, **changes: Any) -> dict[str, Any]:
    return {
        "title": "Gemeinsames Rechenzentrum",
        "summary": "",
        "description": "Ein *gemeinsames* Rechenzentrum.",
        "status": Undertaking.Status.PREPARATION,
        "starts_on": "",
        "governing_organisation": w.undertaking.governing_organisation_id,
        "governing_committee": "",
        "decision_process": "Entscheidungen trifft der Kreistag.",
        "lead": w.undertaking.lead_id,
        "visibility": Visibility.PUBLIC,
    } | changes


def plan_data(**changes: Any) -> dict[str, Any]:
    return {
        "year": "2027",
        "total": "50000,00",
        "key": CostPlan.Key.MIXED,
        "base_share_percent": "30",
        "population_share_percent": "70",
        "district_share_amount": "",
        "district_share_percent": "",
        "note": "",
        "visibility": Visibility.PUBLIC,
    } | changes


def declaration_data(**changes: Any) -> dict[str, Any]:
    return {
        "title": "Willensbekundung",
        "undertaking": "",
        "text": "Die Gemeinde {kommune} erklärt ihre Bereitschaft.",
        "visibility": Visibility.PUBLIC,
    } | changes


def _data(view: str, w: World) -> dict[str, Any]:
    data: dict[str, dict[str, Any]] = {
        "undertaking_create": undertaking_data(w),
        "undertaking_edit": undertaking_data(w, title="Geänderter Titel"),
        "participants": {"organisation": w.joining.pk, "role": Participation.Role.OBSERVER, "joined_on": ""},
        "milestones": {"title": "Ausschreibung", "due_on": "2026-09-30", "done_on": ""},
        "milestone_edit": {"title": "Start", "due_on": "2026-06-30", "done_on": "2026-07-01"},
        "attachment_upload": {"title": "Zeitplan", "file": upload("Zeitplan.pdf", pdf())},
        "costplan_create": plan_data(),
        "costplan_edit": plan_data(year="2026", total="80000"),
        "candidate_to_agenda": {"meeting": w.meeting.pk, "number": "4", "title": "Schnittmenge: E-Akte"},
        "candidate_to_undertaking": {"title": "IKZ E-Akte"},
        "declaration_create": declaration_data(title="Neue Willensbekundung"),
        "declaration_edit": declaration_data(title="Geänderte Willensbekundung"),
        "campaign_create": {
            "title": "Zweite Runde",
            "due_on": (timezone.localdate() + timedelta(days=14)).isoformat(),
            "message": "",
            "visibility": Visibility.PUBLIC,
        },
        "signature_detail": {"step": Signature.Status.WITHDRAWN, "withdrawn-reason": "Neuer Gemeinderat"},
        "workinggroup_create": {"name": "AG Netze", "organisations": [w.joining.pk], "visibility": Visibility.PUBLIC},
        "workinggroup_edit": {"name": "AG Schriftgut und Archiv", "visibility": Visibility.PUBLIC},
    }
    return data.get(view, {"x": "1"})  # a non-empty body, as every browser form sends its CSRF token


def _effect(view: str, w: World) -> bool:
    """Whether the POST to ``view`` changed the database."""
    checks = {
        "undertaking_create": lambda: Undertaking.objects.filter(title="Gemeinsames Rechenzentrum").exists(),
        "undertaking_edit": lambda: Undertaking.objects.filter(pk=w.undertaking.pk, title="Geänderter Titel").exists(),
        "participants": lambda: Participation.objects.filter(
            undertaking=w.undertaking, organisation=w.joining
        ).exists(),
        "participant_remove": lambda: not Participation.objects.filter(pk=w.participation.pk).exists(),
        "milestones": lambda: Milestone.objects.filter(undertaking=w.undertaking).count() == 2,
        "milestone_edit": lambda: Milestone.objects.get(pk=w.milestone.pk).done_on is not None,
        "milestone_delete": lambda: not Milestone.objects.filter(pk=w.milestone.pk).exists(),
        "attachment_upload": lambda: UndertakingAttachment.objects.filter(undertaking=w.undertaking).count() == 2,
        "costplan_create": lambda: CostPlan.objects.filter(undertaking=w.undertaking, year=2027).exists(),
        "costplan_edit": lambda: CostPlan.objects.get(pk=w.plan.pk).total == 80000,
        "candidate_to_agenda": lambda: AgendaItem.objects.filter(meeting=w.meeting, number="4").exists(),
        "candidate_to_undertaking": lambda: Undertaking.objects.filter(title="IKZ E-Akte").exists(),
        "declaration_create": lambda: Declaration.objects.filter(title="Neue Willensbekundung").exists(),
        "declaration_edit": lambda: Declaration.objects.filter(title="Geänderte Willensbekundung").exists(),
        "campaign_create": lambda: Campaign.objects.filter(title="Zweite Runde").exists(),
        "signature_detail": lambda: Signature.objects.get(pk=w.signature.pk).status == Signature.Status.WITHDRAWN,
        "workinggroup_create": lambda: WorkingGroup.objects.filter(name="AG Netze", organisations=w.joining).exists(),
        "workinggroup_edit": lambda: WorkingGroup.objects.get(pk=w.group.pk).name == "AG Schriftgut und Archiv",
    }
    check = checks.get(view)
    return bool(check and check())


@pytest.mark.parametrize(("view", "role"), [(view, role) for view in GET for role in ROLES])
def test_it_answers_get_by_role(view, role, client, user_in_role, loerrach, world):
    log_in_as(client, user_in_role, role, loerrach)
    assert outcome(client.get(_url(view, world))) == GET[view][role]


@pytest.mark.parametrize(("view", "role"), [(view, role) for view in POST for role in ROLES])
def test_it_answers_post_by_role(view, role, client, user_in_role, loerrach, world):
    log_in_as(client, user_in_role, role, loerrach)
    response = client.post(_url(view, world), _data(view, world))
    result = outcome(response)
    assert result == POST[view][role], getattr(response, "context", None) and response.context.get("form", "")
    assert _effect(view, world) is (result == SAVED)


# An undertaking for members or for the coordination, or a draft, is not found by whoever may not see it:
# not its page, its files, its cost table or any action on it.
HIDDEN = [
    ("members", False, {"anonymous", "no_role"}),
    ("coordination", False, {"anonymous", "no_role", "member_own", "member_other", "editor_own", "editor_other"}),
    ("public", True, {"anonymous", "no_role", "member_own", "member_other", "editor_other"}),
]
BY_UNDERTAKING = [
    "undertaking_detail",
    "attachment_download",
    "costplan_detail",
    "costplan_export",
    "workinggroup_detail",
]


@pytest.mark.parametrize(("visibility", "draft", "blind"), HIDDEN)
@pytest.mark.parametrize("role", ROLES)
def test_an_undertaking_one_may_not_see_is_not_found(
    visibility, draft, blind, role, client, user_in_role, loerrach, world
):
    Undertaking.objects.filter(pk=world.undertaking.pk).update(visibility=visibility, is_draft=draft)
    log_in_as(client, user_in_role, role, loerrach)
    listed = client.get(reverse("cooperation:undertaking_list"))
    assert ("Gemeinsame E-Akte" in listed.content.decode()) is (role not in blind)
    profile = client.get(world.participation.organisation.get_absolute_url())
    assert ("Gemeinsame E-Akte" in profile.content.decode()) is (role not in blind)
    if role not in blind:
        return
    for view in BY_UNDERTAKING:
        assert outcome(client.get(_url(view, world))) == 404, view
    for fmt in EXPORT_FORMATS:
        assert outcome(client.get(_export_url(world, fmt))) == 404, fmt


# The cost table's export in each format, by role: the same answers as the table itself.
EXPORT_FORMATS = ["csv", "xlsx", "pdf"]


def _export_url(w: World, fmt: str) -> str:
    return reverse("cooperation:costplan_export", args=[w.undertaking.slug, w.plan.year, fmt])


@pytest.mark.parametrize(("fmt", "role"), [(fmt, role) for fmt in EXPORT_FORMATS for role in ROLES])
def test_each_export_format_answers_by_role(fmt, role, client, user_in_role, loerrach, world):
    log_in_as(client, user_in_role, role, loerrach)
    assert outcome(client.get(_export_url(world, fmt))) == GET["costplan_export"][role]
    assert outcome(client.post(_export_url(world, fmt), {"x": "1"})) == POST["costplan_export"][role]


@pytest.mark.parametrize("role", ROLES)
def test_a_hidden_cost_plan_is_not_exported(role, client, user_in_role, loerrach, world):
    CostPlan.objects.filter(pk=world.plan.pk).update(is_draft=True)
    log_in_as(client, user_in_role, role, loerrach)
    sees_drafts = {"editor_own", "coordination", "operator"}  # the lead's editors and the coordination
    assert outcome(client.get(_export_url(world, "pdf"))) == (200 if role in sees_drafts else 404)
