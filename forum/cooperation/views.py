"""Pages of the undertakings (Vorhaben des Landkreises), their cost tables, and the candidate actions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from forum.core.access import page_of, require_perm, visible_or_404
from forum.core.exports import FORMATS, table_response
from forum.core.forms import add_model_errors
from forum.core.panels import collect
from forum.documents.forms import AttachmentForm
from forum.documents.responses import file_response
from forum.exchange.models import Entry
from forum.meetings.models import Meeting
from forum.organisations.models import Organisation, Person
from forum.overlaps.analysis import Candidate, candidate_for
from forum.topics.models import Topic

from . import costs, forms, services
from .models import (
    CostPlan,
    Milestone,
    Participation,
    Undertaking,
    UndertakingAttachment,
    WorkingGroup,
    payer_of,
)
from .pdf import cost_table_pdf

PAGE_SIZE = 25


def _undertaking(request: HttpRequest, slug: str) -> Undertaking:
    return visible_or_404(
        Undertaking.objects.select_related("lead", "governing_organisation", "governing_committee"), request, slug=slug
    )


# Undertakings -------------------------------------------------------------------------------------


@require_GET
def undertaking_list(request: HttpRequest) -> HttpResponse:
    """Die Vorhaben des Landkreises, die die Person sehen darf, seitenweise; auf Wunsch nach Status gefiltert."""
    undertakings = Undertaking.objects.visible_to(request.user)
    status = request.GET.get("status", "")
    if status in Undertaking.Status.values:
        undertakings = undertakings.filter(status=status)
    else:
        status = ""
    undertakings = (
        undertakings.select_related("lead", "governing_organisation")
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("name")))
        # A subquery, not a join: counted for the rows of the page only, and the page count needs no grouping.
        .annotate(
            participant_count=Subquery(
                Participation.objects.filter(undertaking=OuterRef("pk"))
                .order_by()
                .values("undertaking")
                .annotate(n=Count("pk"))
                .values("n")
            )
        )
        .order_by("title", "pk")
    )
    return render(
        request,
        "cooperation/undertaking_list.html",
        {
            "page_obj": page_of(request, undertakings, PAGE_SIZE),
            "statuses": Undertaking.Status.choices,
            "status": status,
        },
    )


@require_GET
def undertaking_detail(request: HttpRequest, slug: str) -> HttpResponse:
    undertaking = _undertaking(request, slug)
    user = request.user
    committee = undertaking.governing_committee
    context = {
        "undertaking": undertaking,
        "committee": committee if committee and committee.is_visible_to(user) else None,
        "participations": undertaking.participations.select_related("organisation").order_by(
            "role", "organisation__name"
        ),
        "milestones": undertaking.milestones.all(),
        "attachments": undertaking.attachments.select_related("stored_file"),
        "topics": undertaking.topics.order_by("name"),
        "fields_of_action": undertaking.fields_of_action.select_related("strategy").order_by(
            "strategy__name", "position", "name"
        ),
        "guiding_principles": undertaking.guiding_principles.select_related("field_of_action__strategy"),
        # Council papers concerning the undertaking (and whatever else apps above add), one query per provider.
        "panels": collect("cooperation.undertaking", [undertaking], user).get(undertaking.pk, []),
        "entries": Entry.objects.visible_to(user)
        .filter(undertakings=undertaking)
        .select_related("organisation")
        .order_by("organisation__name", "title"),
        "cost_plans": CostPlan.objects.visible_to(user).filter(undertaking=undertaking).order_by("-year"),
        "working_groups": WorkingGroup.objects.visible_to(user)
        .filter(undertaking=undertaking)
        .select_related("undertaking")
        .annotate(organisation_count=Count("organisations"))
        .order_by("name", "pk"),
    }
    return render(request, "cooperation/undertaking_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def undertaking_form(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """Create an undertaking, or edit ``slug``: the coordination's work."""
    if slug is None:
        require_perm(request, "cooperation.add_undertaking")
        undertaking = Undertaking()
    else:
        undertaking = _undertaking(request, slug)
        require_perm(request, "cooperation.change_undertaking", undertaking)
    form = forms.UndertakingForm(request.POST or None, instance=undertaking, user=request.user)
    if request.method == "POST" and form.is_valid():
        undertaking = form.save(commit=False)
        try:
            services.save_undertaking(
                undertaking,
                topics=form.cleaned_data["topics"],
                entries=form.cleaned_data["entries"],
                fields_of_action=form.cleaned_data.get("fields_of_action"),
                guiding_principles=form.cleaned_data.get("guiding_principles"),
            )
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            if undertaking.is_draft:
                messages.success(request, _("The undertaking has been saved as a draft."))
            else:
                messages.success(request, _("The undertaking has been saved."))
            return redirect(undertaking)
    return render(request, "cooperation/undertaking_form.html", {"form": form, "undertaking": undertaking})


@login_required
@require_http_methods(["GET", "POST"])
def participants(request: HttpRequest, slug: str) -> HttpResponse:
    """The participants and their roles: list, add, change."""
    undertaking = _undertaking(request, slug)
    require_perm(request, "cooperation.change_participants", undertaking)
    form = forms.ParticipationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_participation(undertaking, **form.cleaned_data)
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, _("The participation has been saved."))
            return redirect("cooperation:participants", undertaking.slug)
    rows = undertaking.participations.select_related("organisation").order_by("organisation__name")
    return render(
        request, "cooperation/participants.html", {"undertaking": undertaking, "form": form, "participations": rows}
    )


@login_required
@require_POST
def participant_remove(request: HttpRequest, pk: int) -> HttpResponse:
    participation = get_object_or_404(
        Participation.objects.select_related("undertaking", "organisation"),
        pk=pk,
        undertaking__in=Undertaking.objects.visible_to(request.user),
    )
    require_perm(request, "cooperation.change_participants", participation.undertaking)
    try:
        services.remove_participation(participation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s no longer takes part.") % {"name": participation.organisation.name})
    return redirect("cooperation:participants", participation.undertaking.slug)


@login_required
@require_http_methods(["GET", "POST"])
def milestones(request: HttpRequest, slug: str) -> HttpResponse:
    """The milestones: list and add."""
    undertaking = _undertaking(request, slug)
    require_perm(request, "cooperation.change_milestones", undertaking)
    form = forms.MilestoneForm(request.POST or None, instance=Milestone(undertaking=undertaking))
    if request.method == "POST" and form.is_valid():
        services.save_milestone(form.save(commit=False))
        messages.success(request, _("The milestone has been saved."))
        return redirect("cooperation:milestones", undertaking.slug)
    return render(
        request,
        "cooperation/milestones.html",
        {"undertaking": undertaking, "form": form, "milestones": undertaking.milestones.all()},
    )


def _milestone(request: HttpRequest, pk: int) -> Milestone:
    milestone = get_object_or_404(
        Milestone.objects.select_related("undertaking"),
        pk=pk,
        undertaking__in=Undertaking.objects.visible_to(request.user),
    )
    require_perm(request, "cooperation.change_milestones", milestone.undertaking)
    return milestone


@login_required
@require_http_methods(["GET", "POST"])
def milestone_edit(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = _milestone(request, pk)
    form = forms.MilestoneForm(request.POST or None, instance=milestone)
    if request.method == "POST" and form.is_valid():
        services.save_milestone(form.save(commit=False))
        messages.success(request, _("The milestone has been saved."))
        return redirect("cooperation:milestones", milestone.undertaking.slug)
    return render(
        request,
        "cooperation/milestone_form.html",
        {"undertaking": milestone.undertaking, "milestone": milestone, "form": form},
    )


@login_required
@require_POST
def milestone_delete(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = _milestone(request, pk)
    milestone.delete()
    messages.success(request, _("The milestone “%(title)s” has been removed.") % {"title": milestone.title})
    return redirect("cooperation:milestones", milestone.undertaking.slug)


@login_required
@require_http_methods(["GET", "POST"])
def attachment_upload(request: HttpRequest, slug: str) -> HttpResponse:
    undertaking = _undertaking(request, slug)
    require_perm(request, "cooperation.add_attachment", undertaking)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.add_attachment(
            undertaking, form.cleaned_data["file"], title=form.cleaned_data["title"], by=request.user
        )
        messages.success(request, _("The file has been uploaded."))
        return redirect(undertaking)
    return render(request, "cooperation/attachment_form.html", {"form": form, "undertaking": undertaking})


@require_GET
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = get_object_or_404(
        UndertakingAttachment.objects.select_related("stored_file"),
        pk=pk,
        undertaking__in=Undertaking.objects.visible_to(request.user),
    )
    return file_response(attachment.stored_file)


# Cost plans ---------------------------------------------------------------------------------------


def _plan(request: HttpRequest, slug: str, year: int) -> CostPlan:
    undertaking = _undertaking(request, slug)
    plan = visible_or_404(CostPlan.objects.filter(undertaking=undertaking), request, year=year)
    plan.undertaking = undertaking
    return plan


@login_required
@require_http_methods(["GET", "POST"])
def costplan_form(request: HttpRequest, slug: str, year: int | None = None) -> HttpResponse:
    if year is None:
        undertaking = _undertaking(request, slug)
        require_perm(request, "cooperation.add_costplan", undertaking)
        plan = CostPlan(undertaking=undertaking)
    else:
        plan = _plan(request, slug, year)
        undertaking = plan.undertaking
        require_perm(request, "cooperation.change_costplan", plan)
    form = forms.CostPlanForm(request.POST or None, instance=plan, undertaking=undertaking)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_cost_plan(form.save(commit=False))
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, _("The cost plan has been saved."))
            return redirect(plan)
    return render(request, "cooperation/costplan_form.html", {"form": form, "plan": plan, "undertaking": undertaking})


def _tables(request: HttpRequest, plan: CostPlan) -> dict[str, Any]:
    """The plan's cost table and, with ``?extra=`` municipalities, the scenario beside it."""
    payers = plan.payers()
    kreis = settings.FORUM_KREISSCHLUESSEL
    candidates = (
        Organisation.objects.visible_to(request.user)
        .municipalities()
        .filter(district__ags=kreis)
        .exclude(
            pk__in=plan.undertaking.participations.filter(role__in=Participation.PAYING_ROLES).values("organisation")
        )
        .order_by("name")
    )
    scenario_form = forms.ScenarioForm(request.GET or None, candidates=candidates)
    extra = scenario_form.chosen()
    context: dict[str, Any] = {"scenario_form": scenario_form, "extra": extra, "error": None, "scenario": None}
    try:
        table = plan.table(payers)
        scenario = plan.table([*payers, *(payer_of(o) for o in extra)]) if extra else None
    except costs.CostError as error:
        context.update(table=None, rows=[], error=str(error))
        return context
    rows = []
    for share in table.shares:
        other = scenario.share_of(share.payer.id) if scenario else None
        difference = (other.cents - share.cents) if other else None
        rows.append(
            {
                "share": share,
                "percent": table.percent_of_total(share),
                "scenario": other,
                "difference": difference,
                "difference_amount": costs.cents_to_euros(difference) if difference is not None else None,
            }
        )
    new_rows = [scenario.share_of(o.pk) for o in extra] if scenario else []
    context.update(table=table, scenario=scenario, rows=rows, new_rows=new_rows)
    return context


@require_GET
def costplan_detail(request: HttpRequest, slug: str, year: int) -> HttpResponse:
    """The cost table: each participant's share in euros and cents, with scenarios side by side."""
    plan = _plan(request, slug, year)
    context = {"plan": plan, "undertaking": plan.undertaking, **_tables(request, plan)}
    return render(request, "cooperation/costplan_detail.html", context)


class _Cells:
    """How the export formats write a cell: CSV as text with a decimal comma, XLSX as numbers and dates, PDF as
    people read it ("1.234,56 €", "12,50 %", "1.234", "31.12.2024" in the active language)."""

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt

    def euros(self, cents: int | None) -> Any:
        if cents is None:
            return ""
        amount = costs.cents_to_euros(cents)
        if self.fmt == "pdf":
            return f"{formats.number_format(amount, 2, use_l10n=True, force_grouping=True)} €"
        return str(amount).replace(".", ",") if self.fmt == "csv" else amount

    def percent(self, value: Decimal) -> Any:
        if self.fmt == "pdf":
            return f"{formats.number_format(value, 2, use_l10n=True)} %"
        return str(value).replace(".", ",") if self.fmt == "csv" else value

    def population(self, value: int | None) -> Any:
        if self.fmt == "pdf":
            return "" if value is None else formats.number_format(value, 0, use_l10n=True, force_grouping=True)
        return value

    def day(self, value: date | None) -> Any:
        if self.fmt == "pdf":
            return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""
        return value


def _export_rows(context: dict[str, Any], fmt: str) -> tuple[list[str], list[list[Any]]]:
    """The cost table's header and rows (participants, joining ones, the district's share, the total last)."""
    table, scenario = context["table"], context["scenario"]
    cell = _Cells(fmt)
    header = [_("Organisation"), _("Population"), _("Population as of"), _("Share (€)"), _("Share of the total (%)")]
    if scenario:
        header += [_("Share in the scenario (€)"), _("Difference (€)")]
    rows: list[list[Any]] = []
    for row in context["rows"]:
        share = row["share"]
        line = [
            share.payer.name,
            cell.population(share.payer.population),
            cell.day(share.payer.population_date),
            cell.euros(share.cents),
            cell.percent(table.percent_of_total(share)),
        ]
        if scenario:
            line += [cell.euros(row["scenario"].cents), cell.euros(row["difference"])]
        rows.append(line)
    for share in context.get("new_rows", []):
        amount = cell.euros(share.cents)
        payer = share.payer
        rows.append(
            [payer.name, cell.population(payer.population), cell.day(payer.population_date), "", "", amount, amount]
        )
    if table.district_cents or (scenario and scenario.district_cents):
        line = [_("District (own share)"), "", "", cell.euros(table.district_cents), ""]
        if scenario:
            line += [cell.euros(scenario.district_cents), cell.euros(scenario.district_cents - table.district_cents)]
        rows.append(line)
    total = [
        _("Total"),
        cell.population(table.population),
        "",
        cell.euros(table.total_cents),
        cell.percent(Decimal("100.00")),
    ]
    if scenario:
        total += [cell.euros(scenario.total_cents), cell.euros(0)]
    rows.append(total)
    return header, rows


@require_GET
def costplan_export(request: HttpRequest, slug: str, year: int, fmt: str) -> HttpResponse | StreamingHttpResponse:
    """The cost table (and the scenario, if chosen) as CSV, XLSX or a tagged PDF (PDF/UA-1)."""
    if fmt not in (*FORMATS, "pdf"):
        raise Http404
    plan = _plan(request, slug, year)
    context = _tables(request, plan)
    if context["table"] is None:
        raise Http404
    header, rows = _export_rows(context, fmt)
    basename = f"kosten-{plan.undertaking.slug}-{plan.year}"
    if fmt == "pdf":
        response = HttpResponse(cost_table_pdf(plan, context, header, rows), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{basename}.pdf"'
        return response
    return table_response(fmt, basename, _("Cost sharing %(year)s") % {"year": plan.year}, header, rows)


# Working groups -----------------------------------------------------------------------------------


def _working_group(request: HttpRequest, slug: str, pk: int) -> WorkingGroup:
    undertaking = _undertaking(request, slug)
    group = visible_or_404(
        WorkingGroup.objects.filter(undertaking=undertaking).select_related("committee"), request, pk=pk
    )
    group.undertaking = undertaking
    return group


@require_GET
def workinggroup_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A working group: its member organisations and people, linked entries, and its committee's meetings."""
    group = _working_group(request, slug, pk)
    user = request.user
    meetings = Meeting.objects.visible_to(user).filter(committee=group.committee)
    now = timezone.now()
    context = {
        "group": group,
        "undertaking": group.undertaking,
        "committee": group.committee if group.committee.is_visible_to(user) else None,
        "organisations": Organisation.objects.visible_to(user).filter(working_groups=group).order_by("name"),
        "people": Person.objects.visible_to(user)
        .filter(working_groups=group)
        .select_related("organisation")
        .order_by("family_name", "given_name", "pk"),
        "entries": Entry.objects.visible_to(user)
        .filter(working_groups=group)
        .select_related("organisation")
        .order_by("organisation__name", "title"),
        "upcoming": list(meetings.filter(end__gte=now).order_by("start", "pk")[:PAGE_SIZE]),
        "past": list(meetings.filter(end__lt=now).order_by("-start", "-pk")[:PAGE_SIZE]),
    }
    return render(request, "cooperation/workinggroup_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def workinggroup_form(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    """Set up a working group of the undertaking (its committee comes with it), or edit one."""
    if pk is None:
        undertaking = _undertaking(request, slug)
        require_perm(request, "cooperation.add_workinggroup", undertaking)
        group = WorkingGroup(undertaking=undertaking)
    else:
        group = _working_group(request, slug, pk)
        undertaking = group.undertaking
        require_perm(request, "cooperation.change_workinggroup", group)
    form = forms.WorkingGroupForm(request.POST or None, instance=group, user=request.user)
    if request.method == "POST" and form.is_valid():
        group = form.save(commit=False)
        try:
            services.save_working_group(
                group,
                organisations=form.cleaned_data["organisations"],
                people=form.cleaned_data["people"],
                entries=form.cleaned_data["entries"],
            )
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, _("The working group has been saved."))
            return redirect(group)
    return render(
        request, "cooperation/workinggroup_form.html", {"form": form, "group": group, "undertaking": undertaking}
    )


# From overlap to action ---------------------------------------------------------------------------


def _candidate(request: HttpRequest, key: str) -> Candidate:
    candidate = candidate_for(request.user, key)
    if candidate is None:
        raise Http404
    return candidate


@login_required
@require_http_methods(["GET", "POST"])
def candidate_to_agenda(request: HttpRequest, key: str) -> HttpResponse:
    """Put a cooperation candidate on the agenda of a coming forum meeting (one agenda item with links)."""
    require_perm(request, "cooperation.put_candidate_on_agenda")
    candidate = _candidate(request, key)
    meetings = services.coming_forum_meetings(request.user)
    initial = {"title": services.candidate_title(candidate)[:300], "meeting": meetings.first()}
    form = forms.CandidateAgendaForm(request.POST or None, meetings=meetings, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.put_candidate_on_agenda(
                candidate,
                meeting=form.cleaned_data["meeting"],
                number=form.cleaned_data["number"],
                title=form.cleaned_data["title"],
                candidate_path=reverse("overlaps:candidate_detail", args=[key]),
                by=request.user,
            )
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(
                request,
                _("The overlap is now TOP %(number)s of “%(meeting)s”.")
                % {"number": item.number, "meeting": item.meeting},
            )
            return redirect(item.meeting)
    return render(
        request,
        "cooperation/candidate_to_agenda.html",
        {"candidate": candidate, "form": form, "has_meetings": meetings.exists()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def candidate_to_undertaking(request: HttpRequest, key: str) -> HttpResponse:
    """Create a draft IKZ undertaking from a cooperation candidate: its organisations take part, its entries linked."""
    require_perm(request, "cooperation.add_undertaking")
    candidate = _candidate(request, key)
    initial = {"title": _("Cooperation: %(topics)s") % {"topics": ", ".join(t.name for t in candidate.topics)}}
    form = forms.CandidateUndertakingForm(request.POST or None, initial={"title": initial["title"][:200]})
    if request.method == "POST" and form.is_valid():
        try:
            undertaking = services.undertaking_from_candidate(
                candidate, title=form.cleaned_data["title"], by=request.user
            )
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(
                request,
                _("The draft undertaking has been created. Complete it and publish it when it is ready."),
            )
            return redirect(undertaking)
    return render(request, "cooperation/candidate_to_undertaking.html", {"candidate": candidate, "form": form})
