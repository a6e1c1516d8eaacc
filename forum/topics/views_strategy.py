"""The district strategy: what it says per field of action and what the forum contributes; kept by the coordination."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from forum.core.access import require_perm, visible_or_404
from forum.core.forms import add_model_errors
from forum.core.panels import collect

from . import forms_strategy as forms
from . import services_strategy as services
from .models import FieldOfAction, GuidingPrinciple, Strategy

SLOT = "topics.field_of_action"  # apps above show here what refers to a field of action


@require_GET
def strategy_current(request: HttpRequest) -> HttpResponse:
    """The current strategy; without one, the list of those recorded (none, or only former ones)."""
    current = Strategy.objects.visible_to(request.user).filter(is_current=True).order_by("-modified").first()
    if current is not None:
        return redirect(current)
    strategies = Strategy.objects.visible_to(request.user).order_by("-adopted_on", "name")
    return render(request, "topics/strategy_list.html", {"strategies": strategies})


def _contributions(fields: list[FieldOfAction], user: Any) -> tuple[list[str], list[tuple[FieldOfAction, list[int]]]]:
    """What the apps above show per field (set as ``field.panels``), and the table of counts: its column headings
    and per field the number in each column. One query per provider, however many fields and items."""
    panels = collect(SLOT, fields, user)
    headings: list[str] = []
    for field in fields:
        field.panels = panels.get(field.pk, [])  # type: ignore[attr-defined]
        for heading, _links in field.panels:  # type: ignore[attr-defined]
            if heading not in headings:
                headings.append(heading)
    rows = []
    for field in fields:
        totals = {heading: getattr(links, "total", len(links)) for heading, links in field.panels}  # type: ignore[attr-defined]
        rows.append((field, [totals.get(heading, 0) for heading in headings]))
    return headings, rows


@require_GET
def strategy_detail(request: HttpRequest, slug: str) -> HttpResponse:
    strategy = visible_or_404(Strategy.objects.all(), request, slug=slug)
    principles = GuidingPrinciple.objects.order_by("position", "pk")
    fields = list(
        strategy.fields_of_action.order_by("position", "name").prefetch_related(
            Prefetch("guiding_principles", queryset=principles)
        )
    )
    headings, rows = _contributions(fields, request.user)
    context = {
        "strategy": strategy,
        "obj": strategy,
        "fields": fields,
        "headings": headings,
        "rows": rows,
        "others": Strategy.objects.visible_to(request.user).exclude(pk=strategy.pk).order_by("-is_current", "name"),
    }
    return render(request, "topics/strategy_detail.html", context)


# The coordination keeps the strategy ----------------------------------------------------------------


def _strategy_form(request: HttpRequest, strategy: Strategy) -> HttpResponse:
    form = forms.StrategyForm(request.POST or None, instance=strategy)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_strategy(form.save(commit=False))
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, _("The strategy has been saved."))
            return redirect(strategy)
    return render(request, "topics/strategy_form.html", {"form": form, "strategy": strategy})


@login_required
@require_http_methods(["GET", "POST"])
def strategy_create(request: HttpRequest) -> HttpResponse:
    require_perm(request, "topics.change_strategy")
    return _strategy_form(request, Strategy(is_current=not Strategy.objects.filter(is_current=True).exists()))


@login_required
@require_http_methods(["GET", "POST"])
def strategy_edit(request: HttpRequest, slug: str) -> HttpResponse:
    strategy = visible_or_404(Strategy.objects.all(), request, slug=slug)
    require_perm(request, "topics.change_strategy", strategy)
    return _strategy_form(request, strategy)


def _field_form(request: HttpRequest, field: FieldOfAction) -> HttpResponse:
    form = forms.FieldOfActionForm(request.POST or None, instance=field, strategy=field.strategy)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The field of action has been saved."))
        return redirect(field)
    return render(request, "topics/strategy_field_form.html", {"form": form, "field": field})


@login_required
@require_http_methods(["GET", "POST"])
def field_create(request: HttpRequest, slug: str) -> HttpResponse:
    strategy = visible_or_404(Strategy.objects.all(), request, slug=slug)
    require_perm(request, "topics.change_strategy", strategy)
    last = strategy.fields_of_action.order_by("-position").values_list("position", flat=True).first() or 0
    return _field_form(request, FieldOfAction(strategy=strategy, position=last + 1))


@login_required
@require_http_methods(["GET", "POST"])
def field_edit(request: HttpRequest, pk: int) -> HttpResponse:
    field = visible_or_404(FieldOfAction.objects.select_related("strategy"), request, pk=pk)
    require_perm(request, "topics.change_strategy", field.strategy)
    return _field_form(request, field)


@login_required
@require_http_methods(["GET", "POST"])
def field_delete(request: HttpRequest, pk: int) -> HttpResponse:
    field = visible_or_404(FieldOfAction.objects.select_related("strategy"), request, pk=pk)
    require_perm(request, "topics.change_strategy", field.strategy)
    problem = None
    if request.method == "POST":
        try:
            services.delete_field_of_action(field)
        except ValidationError as error:
            problem = error.messages[0]
        else:
            messages.success(request, _("The field of action “%(name)s” has been deleted.") % {"name": field.name})
            return redirect(field.strategy)
    context = {
        "field": field,
        "problem": problem,
        # What the deletion takes along (principles) or unlinks (references of any visibility: all are told).
        "principle_count": field.guiding_principles.count(),
        "entry_count": field.entries.count(),  # type: ignore[attr-defined]
        "undertaking_count": field.undertakings.count(),  # type: ignore[attr-defined]
    }
    return render(request, "topics/strategy_field_delete.html", context)


def _principle_form(request: HttpRequest, principle: GuidingPrinciple) -> HttpResponse:
    field = principle.field_of_action
    form = forms.GuidingPrincipleForm(request.POST or None, instance=principle, field_of_action=field)
    if request.method == "POST" and form.is_valid():
        principle = form.save()
        messages.success(request, _("The guiding principle has been saved."))
        return redirect(f"{field.strategy.get_absolute_url()}#leitgedanke-{principle.pk}")
    return render(request, "topics/strategy_principle_form.html", {"form": form, "principle": principle})


@login_required
@require_http_methods(["GET", "POST"])
def principle_create(request: HttpRequest, pk: int) -> HttpResponse:
    field = visible_or_404(FieldOfAction.objects.select_related("strategy"), request, pk=pk)
    require_perm(request, "topics.change_strategy", field.strategy)
    last = field.guiding_principles.order_by("-position").values_list("position", flat=True).first() or 0
    return _principle_form(request, GuidingPrinciple(field_of_action=field, position=last + 1))


def _principle(request: HttpRequest, pk: int) -> GuidingPrinciple:
    # A guiding principle is as public as its strategy (the strategy is a public document of the district).
    principle = get_object_or_404(GuidingPrinciple.objects.select_related("field_of_action__strategy"), pk=pk)
    require_perm(request, "topics.change_strategy", principle.field_of_action.strategy)
    return principle


@login_required
@require_http_methods(["GET", "POST"])
def principle_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _principle_form(request, _principle(request, pk))


@login_required
@require_http_methods(["GET", "POST"])
def principle_delete(request: HttpRequest, pk: int) -> HttpResponse:
    principle = _principle(request, pk)
    strategy = principle.field_of_action.strategy
    problem = None
    if request.method == "POST":
        try:
            services.delete_guiding_principle(principle)
        except ValidationError as error:
            problem = error.messages[0]
        else:
            messages.success(request, _("The guiding principle has been deleted."))
            return redirect(principle.field_of_action)
    context = {"principle": principle, "strategy": strategy, "problem": problem}
    return render(request, "topics/strategy_principle_delete.html", context)
