"""Pages of the catalogue: list, entry, forms. Rules in rules.py, writes in services.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from forum.core.access import page_of, require_perm, visible_or_404
from forum.core.forms import add_model_errors
from forum.core.roles import roles_of
from forum.documents.forms import AttachmentForm
from forum.documents.responses import file_response
from forum.organisations.models import Organisation
from forum.topics.models import Topic

from . import forms, services
from .models import Comment, Entry, EntryAttachment, Interest
from .search import search_entries

PAGE_SIZE = 25
COMMENTS_PER_PAGE = 50


# Catalogue ----------------------------------------------------------------------------------------


@require_GET
def entry_list(request: HttpRequest) -> HttpResponse:
    """Der Katalog: Herausforderungen und Vorhaben, die die Person sehen darf, gefiltert und seitenweise."""
    visible = Entry.objects.visible_to(request.user)
    organisations = Organisation.objects.visible_to(request.user).filter(
        ags__isnull=False, pk__in=visible.values("organisation_id")
    )
    filter_form = forms.CatalogueFilterForm(request.GET or None, organisations=organisations)
    chosen = filter_form.filters()
    entries = visible
    if "art" in chosen:
        entries = entries.filter(kind=chosen["art"])
    if "thema" in chosen:  # a field (Themenfeld) stands for its sub-topics too
        entries = entries.filter(Q(topics__slug=chosen["thema"]) | Q(topics__parent__slug=chosen["thema"])).distinct()
    if "kommune" in chosen:
        entries = entries.filter(organisation=chosen["kommune"])
    if "phase" in chosen:
        entries = entries.filter(kind=Entry.Kind.PROJECT, phase=chosen["phase"])
    if chosen.get("beispielhaft"):
        entries = entries.filter(exemplary=True)
    marked_by = None
    if request.GET.get("interesse"):
        marked_by = Organisation.objects.visible_to(request.user).filter(ags=request.GET["interesse"]).first()
        if marked_by:
            entries = entries.filter(pk__in=Interest.objects.filter(organisation=marked_by).values("entry_id"))
    entries = (
        entries.select_related("organisation")
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("name")))
        .annotate(interest_count=Count("interests", distinct=True))
        .order_by("-modified", "-pk")
    )
    page_obj = page_of(request, entries, PAGE_SIZE)
    return render(
        request,
        "exchange/entry_list.html",
        {
            "page_obj": page_obj,
            "filter_form": filter_form,
            "filtered": bool(chosen or marked_by),
            "marked_by": marked_by,
        },
    )


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Volltextsuche im Katalog: nur Einträge, die die Person sehen darf, nach Treffergüte, mit Facetten."""
    visible = Entry.objects.visible_to(request.user)
    organisations = Organisation.objects.visible_to(request.user).filter(
        ags__isnull=False, pk__in=visible.values("organisation_id")
    )
    form = forms.SearchForm(request.GET or None, organisations=organisations)
    query, chosen = form.query(), form.filters()
    result = search_entries(query, user=request.user, filters=chosen)
    page_obj = page_of(request, result.entries, PAGE_SIZE) if result.terms else None
    return render(
        request,
        "exchange/search.html",
        {
            "form": form,
            "result": result,
            "page_obj": page_obj,
            "chosen": chosen,
            "facet_groups": _facet_groups(request, result, chosen),
        },
    )


def _facet_groups(request: HttpRequest, result: Any, chosen: dict[str, Any]) -> list[dict[str, Any]]:
    """Each facet with the link that adds its filter (and goes back to the first page)."""
    labels = {
        "art": _("Type"),
        "thema": _("Topic"),
        "kommune": _("Organisation"),
        "phase": _("Phase"),
        "beispielhaft": _("Exemplary only"),
    }
    groups = []
    for name, facets in result.facets.items():
        if not facets:
            continue
        items = []
        for facet in facets:
            params = request.GET.copy()
            params.pop("page", None)
            params[name] = facet.value
            items.append(
                {
                    "label": facet.label or labels[name],
                    "count": facet.count,
                    "url": f"?{params.urlencode()}",
                    "active": request.GET.get(name) == facet.value,
                }
            )
        groups.append({"name": name, "label": labels[name], "items": items})
    return groups


def _detail_context(request: HttpRequest, entry: Entry, **forms_given: Any) -> dict[str, Any]:
    user = request.user
    roles = roles_of(user)
    interests = entry.interests.select_related("organisation").order_by("organisation__name", "kind")
    comments = (
        Comment.objects.visible_to(user).filter(entry=entry).select_related("author", "entry").order_by("created", "pk")
    )
    context: dict[str, Any] = {
        "entry": entry,
        "obj": entry,
        "topics": entry.topics.select_related("parent").order_by("name"),
        "products": entry.products.all(),
        "vendors": entry.vendors.all(),
        "contact": entry.contact if entry.contact and entry.contact.is_visible_to(user) else None,
        "attachments": entry.attachments.select_related("stored_file"),
        "interests": interests,
        "own_interests": {i.pk for i in interests if i.organisation_id in roles.member_of},
        "comments_page": page_of(request, comments, COMMENTS_PER_PAGE) if roles.is_member else None,
        "interest_form": forms.InterestForm(organisation_ids=roles.member_of - {entry.organisation_id}),
        "comment_form": forms.CommentForm(),
    }
    context.update(forms_given)
    return context


@require_GET
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = visible_or_404(Entry.objects.select_related("organisation", "contact"), request, pk=pk)
    return render(request, "exchange/entry_detail.html", _detail_context(request, entry))


# Writing entries ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def entry_form(request: HttpRequest, ags: str | None = None, pk: int | None = None) -> HttpResponse:
    """Record a new challenge or project for the organisation ``ags``, or edit entry ``pk``."""
    if pk is None:
        organisation = visible_or_404(Organisation.objects.all(), request, ags=ags)
        require_perm(request, "exchange.add_entry", organisation)
        kind = request.GET.get("art")
        entry = Entry(organisation=organisation, kind=kind if kind in Entry.Kind.values else "")
    else:
        entry = visible_or_404(Entry.objects.select_related("organisation"), request, pk=pk)
        require_perm(request, "exchange.change_entry", entry)
        organisation = entry.organisation
    form = forms.EntryForm(request.POST or None, instance=entry, organisation=organisation, user=request.user)
    if request.method == "POST" and form.is_valid():
        entry = form.save(commit=False)
        try:
            services.save_entry(
                entry,
                topics=form.cleaned_data["topics"],
                products=form.cleaned_data["products"],
                vendors=form.cleaned_data["vendors"],
            )
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, _saved_message(entry))
            return redirect(entry)
    return render(request, "exchange/entry_form.html", {"form": form, "entry": entry, "organisation": organisation})


def _saved_message(entry: Entry) -> str:
    if entry.is_draft:
        return _("The entry has been saved as a draft. Only your organisation's editors and the coordination see it.")
    return _("The entry has been saved.")


@login_required
@require_http_methods(["GET", "POST"])
def entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = visible_or_404(Entry.objects.select_related("organisation"), request, pk=pk)
    require_perm(request, "exchange.delete_entry", entry)
    if request.method == "POST":
        services.delete_entry(entry)
        messages.success(request, _("The entry has been deleted."))
        return redirect(entry.organisation)
    return render(request, "exchange/entry_confirm_delete.html", {"entry": entry})


# Files --------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    entry = visible_or_404(Entry.objects.all(), request, pk=pk)
    require_perm(request, "exchange.add_attachment", entry)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.add_attachment(entry, form.cleaned_data["file"], title=form.cleaned_data["title"], by=request.user)
        messages.success(request, _("The file has been uploaded."))
        return redirect(entry)
    return render(request, "exchange/attachment_form.html", {"form": form, "entry": entry})


@require_GET
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = get_object_or_404(
        EntryAttachment.objects.select_related("stored_file"),
        pk=pk,
        entry__in=Entry.objects.visible_to(request.user),
    )
    return file_response(attachment.stored_file)


# Interest marks -----------------------------------------------------------------------------------


@login_required
@require_POST
def interest_create(request: HttpRequest, pk: int) -> HttpResponse:
    entry = visible_or_404(Entry.objects.select_related("organisation", "contact"), request, pk=pk)
    require_perm(request, "exchange.mark_interest", entry)
    form = forms.InterestForm(request.POST, organisation_ids=roles_of(request.user).member_of - {entry.organisation_id})
    if form.is_valid():
        try:
            services.mark_interest(
                entry,
                organisation=form.cleaned_data["organisation"],
                kind=form.cleaned_data["kind"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, _("Your interest has been recorded. The organisation is notified."))
            return redirect(entry)
    context = _detail_context(request, entry, interest_form=form, form=form)
    return render(request, "exchange/entry_detail.html", context)


@login_required
@require_POST
def interest_delete(request: HttpRequest, pk: int) -> HttpResponse:
    interest = get_object_or_404(
        Interest.objects.select_related("entry"), pk=pk, entry__in=Entry.objects.visible_to(request.user)
    )
    require_perm(request, "exchange.delete_interest", interest)
    services.remove_interest(interest)
    messages.success(request, _("The interest mark has been removed."))
    return redirect(interest.entry)


# Comments -----------------------------------------------------------------------------------------


@login_required
@require_POST
def comment_create(request: HttpRequest, pk: int) -> HttpResponse:
    entry = visible_or_404(Entry.objects.select_related("organisation", "contact"), request, pk=pk)
    require_perm(request, "exchange.add_comment", entry)
    form = forms.CommentForm(request.POST)
    if form.is_valid():
        try:
            comment = services.add_comment(entry, author=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, _("Your comment has been published."))
            return redirect(f"{entry.get_absolute_url()}#kommentar-{comment.pk}")
    context = _detail_context(request, entry, comment_form=form, form=form)
    return render(request, "exchange/entry_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def comment_hide(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(Comment.objects.visible_to(request.user).select_related("entry", "author"), pk=pk)
    require_perm(request, "exchange.hide_comment", comment)
    form = forms.HideCommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.hide_comment(comment, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, _("The comment has been hidden."))
            return redirect(comment.entry)
    return render(request, "exchange/comment_hide.html", {"form": form, "comment": comment})
