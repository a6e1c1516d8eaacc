import dataclasses
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from forum.core.access import page_of, require_perm, visible_or_404

from . import forms
from .models import Topic

PAGE_SIZE = 50
FIELDS_PER_PAGE = 20


def _visible_entries(user: Any) -> QuerySet[Any]:
    """The catalogue entries this user may see, reached through the relation (topics must not import exchange)."""
    entry_model: Any = Topic._meta.get_field("entries").related_model
    return entry_model.objects.visible_to(user)


def _with_entry_counts(topics: QuerySet[Topic], user: Any) -> QuerySet[Topic]:
    """Each topic with ``entry_count``: its entries this user may see, counted in the same query."""
    visible = _visible_entries(user).values("pk")
    return topics.annotate(entry_count=Count("entries", filter=Q(entries__in=visible), distinct=True))


@dataclasses.dataclass
class Group:
    """A field (Themenfeld) with its sub-topics, as the overview shows it."""

    field: Topic
    topics: list[Topic] = dataclasses.field(default_factory=list)


def _groups(topics: list[Topic]) -> list[Group]:
    """Active topics under their fields; a sub-topic of a retired field stays listed under it."""
    groups = {topic.pk: Group(topic) for topic in topics if topic.parent_id is None}
    for topic in topics:
        if topic.parent_id is not None and topic.parent is not None:
            if topic.parent_id not in groups:
                # A retired field, shown as the heading of its still active sub-topics (without a count).
                topic.parent.entry_count = None  # type: ignore[attr-defined]
                groups[topic.parent_id] = Group(topic.parent)
            groups[topic.parent_id].topics.append(topic)
    for group in groups.values():
        group.topics.sort(key=lambda topic: topic.name.casefold())
    return sorted(groups.values(), key=lambda group: group.field.name.casefold())


@require_GET
def topic_list(request: HttpRequest) -> HttpResponse:
    """Die aktiven Themen nach Themenfeldern, je mit der Zahl der Einträge, die die Person sehen darf."""
    active = _with_entry_counts(Topic.objects.visible_to(request.user).active().select_related("parent"), request.user)
    groups = _groups(list(active))
    inactive: list[Topic] = []
    if request.user.has_perm("topics.change_topic"):
        inactive = list(
            _with_entry_counts(
                Topic.objects.filter(Q(retired=True) | Q(merged_into__isnull=False)).select_related(
                    "parent", "merged_into"
                ),
                request.user,
            ).order_by("name")
        )
    context = {"page_obj": page_of(request, groups, FIELDS_PER_PAGE), "inactive": inactive}
    return render(request, "topics/topic_list.html", context)


@require_GET
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = visible_or_404(Topic.objects.select_related("parent", "merged_into"), request, slug=slug)
    if topic.merged_into_id is not None:
        return redirect(topic.resolve(), permanent=True)
    entries = (
        topic.entries.visible_to(request.user)  # type: ignore[attr-defined]
        .select_related("organisation")
        .order_by("-modified", "-pk")
    )
    context = {
        "topic": topic,
        "children": topic.children.active().order_by("name"),
        "former": topic.merged.order_by("name"),
        "page_obj": page_of(request, entries, PAGE_SIZE),
        "obj": topic,
    }
    return render(request, "topics/topic_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def topic_create(request: HttpRequest) -> HttpResponse:
    require_perm(request, "topics.add_topic")
    form = forms.TopicForm(request.POST or None, instance=Topic())
    if request.method == "POST" and form.is_valid():
        topic = form.save()
        messages.success(request, _("The topic “%(name)s” has been created.") % {"name": topic.name})
        return redirect(topic)
    return render(request, "topics/topic_form.html", {"form": form, "topic": None})


@login_required
@require_http_methods(["GET", "POST"])
def topic_edit(request: HttpRequest, slug: str) -> HttpResponse:
    topic = visible_or_404(Topic.objects.select_related("parent"), request, slug=slug)
    require_perm(request, "topics.change_topic", topic)
    form = forms.TopicForm(request.POST or None, instance=topic)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The topic has been saved."))
        return redirect(topic)
    return render(request, "topics/topic_form.html", {"form": form, "topic": topic})


@login_required
@require_http_methods(["GET", "POST"])
def topic_merge(request: HttpRequest, slug: str) -> HttpResponse:
    topic = visible_or_404(Topic.objects.select_related("parent"), request, slug=slug)
    require_perm(request, "topics.merge_topic", topic)
    form = forms.MergeForm(request.POST or None, topic=topic)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                # Locked, so that the target cannot be retired or merged between the check and the move.
                target = Topic.objects.select_for_update().get(pk=form.cleaned_data["target"].pk)
                moved = topic.merge_into(target)
        except ValidationError as error:
            form.add_error("target", error)
        else:
            messages.success(
                request,
                ngettext(
                    "“%(old)s” has been merged into “%(new)s”; %(count)s entry has moved.",
                    "“%(old)s” has been merged into “%(new)s”; %(count)s entries have moved.",
                    moved,
                )
                % {"old": topic.name, "new": target.name, "count": moved},
            )
            return redirect(target)
    context = {"form": form, "topic": topic, "entry_count": topic.entries.count(), "children": topic.children.count()}
    return render(request, "topics/topic_merge.html", context)


@login_required
@require_POST
def topic_retire(request: HttpRequest, slug: str) -> HttpResponse:
    topic = visible_or_404(Topic.objects.all(), request, slug=slug)
    require_perm(request, "topics.retire_topic", topic)
    topic.retire()
    messages.success(request, _("The topic has been retired. Its entries keep it; it is offered no longer."))
    return redirect(topic)


@login_required
@require_POST
def topic_reactivate(request: HttpRequest, slug: str) -> HttpResponse:
    topic = visible_or_404(Topic.objects.all(), request, slug=slug)
    require_perm(request, "topics.reactivate_topic", topic)
    topic.reactivate()
    messages.success(request, _("The topic is active again."))
    return redirect(topic)
