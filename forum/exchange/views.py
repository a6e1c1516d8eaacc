"""Pages of the catalogue: list, entry, forms. Rules in rules.py, writes in services.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from forum.core.access import page_of, require_perm, visible_or_404
from forum.core.forms import add_model_errors
from forum.core.roles import roles_of
from forum.documents.forms import AttachmentForm
from forum.documents.responses import file_response
from forum.organisations.models import Organisation
from forum.topics.models import Topic

from . import exports, following, forms, services
from .models import Comment, DigestSubscription, Entry, EntryAttachment, Follow, Interest
from .search import filter_entries, search_entries

PAGE_SIZE = 25
COMMENTS_PER_PAGE = 50


# Catalogue ----------------------------------------------------------------------------------------


def filtered_entries(request: HttpRequest) -> tuple[QuerySet[Entry], forms.CatalogueFilterForm, Organisation | None]:
    """The entries the person may see, as the catalogue's filters in the query string choose them.

    Also the filter form (bound to those filters) and the organisation whose interest marks were asked for
    (``interesse``), if any. The catalogue page and its exports both start here.
    """
    visible = Entry.objects.visible_to(request.user)
    organisations = Organisation.objects.visible_to(request.user).filter(ags__isnull=False)
    filter_form = forms.CatalogueFilterForm(request.GET or None, organisations=organisations, entries=visible)
    entries = filter_entries(visible, filter_form.filters())
    marked_by = None
    if request.GET.get("interesse"):
        marked_by = Organisation.objects.visible_to(request.user).filter(ags=request.GET["interesse"]).first()
        if marked_by:
            entries = entries.filter(pk__in=Interest.objects.filter(organisation=marked_by).values("entry_id"))
    return entries, filter_form, marked_by


def _interest_count() -> Coalesce:
    """An entry's interest marks, as a subquery per row (for the export, which writes every row)."""
    marks = Interest.objects.filter(entry=OuterRef("pk")).order_by().values("entry").annotate(n=Count("pk"))
    return Coalesce(Subquery(marks.values("n")), 0)


@require_GET
def entry_list(request: HttpRequest) -> HttpResponse:
    """Der Katalog: Herausforderungen und Vorhaben, die die Person sehen darf, gefiltert und seitenweise."""
    entries, filter_form, marked_by = filtered_entries(request)
    entries = (
        entries.select_related("organisation")
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("name")))
        .order_by("-modified", "-pk")
    )
    page_obj = page_of(request, entries, PAGE_SIZE)
    # Counted for this page's entries only (in the page query, PostgreSQL would count for every row it skips).
    marks = Interest.objects.filter(entry__in=[entry.pk for entry in page_obj]).values_list("entry")
    counts = dict(marks.annotate(n=Count("pk")).order_by())
    for entry in page_obj:
        entry.interest_count = counts.get(entry.pk, 0)  # type: ignore[attr-defined]
    export_query = request.GET.copy()
    export_query.pop("page", None)
    return render(
        request,
        "exchange/entry_list.html",
        {
            "page_obj": page_obj,
            "filter_form": filter_form,
            "filtered": bool(filter_form.filters() or marked_by),
            "marked_by": marked_by,
            "export_query": export_query.urlencode(),
        },
    )


@require_GET
def entry_export(request: HttpRequest, fmt: str) -> HttpResponse | StreamingHttpResponse:
    """Der Katalog, wie gefiltert, als CSV- oder Excel-Datei: nur Einträge, die die Person sehen darf."""
    entries, _filter_form, _marked_by = filtered_entries(request)
    return exports.catalogue_response(
        fmt,
        entries.annotate(interest_count=_interest_count()),
        user=request.user,
        absolute_url=request.build_absolute_uri,
    )


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Volltextsuche im Katalog: nur Einträge, die die Person sehen darf, nach Treffergüte, mit Facetten."""
    organisations = Organisation.objects.visible_to(request.user).filter(ags__isnull=False)
    form = forms.SearchForm(
        request.GET or None, organisations=organisations, entries=Entry.objects.visible_to(request.user)
    )
    query, chosen = form.query(), form.filters()
    result = search_entries(query, user=request.user, filters=chosen)
    page_obj = result.page(request.GET.get("page"), PAGE_SIZE) if result.terms else None
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
        "fields_of_action": entry.fields_of_action.select_related("strategy").order_by(
            "strategy__name", "position", "name"
        ),
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
                fields_of_action=form.cleaned_data.get("fields_of_action"),
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


# Following and the e-mail digest ------------------------------------------------------------------

FOLLOWS_PER_PAGE = 50


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    """Back to the page the form was on (``next``), if it is on this site; otherwise to ``fallback``."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect(fallback)


def _follow_target(request: HttpRequest) -> Any:
    """The topic, organisation or entry named in the form, found among those the person may see (else 404)."""
    choices: list[tuple[str, Any]] = [
        ("topic", Topic.objects.all()),
        ("organisation", Organisation.objects.visible_to(request.user)),
        ("entry", Entry.objects.visible_to(request.user)),
    ]
    for field, queryset in choices:
        value = request.POST.get(field, "")
        if value:
            if not value.isdigit():
                raise Http404
            return get_object_or_404(queryset, pk=value)
    raise Http404


@login_required
@require_POST
def follow(request: HttpRequest) -> HttpResponse:
    """Follow a topic, an organisation or an entry (members only); back to the page the button was on."""
    target = _follow_target(request)
    require_perm(request, "exchange.follow", target)
    _row, created = following.follow(request.user, target)
    if created:
        messages.success(
            request,
            _("You now follow “%(name)s”. What changes comes in your e-mail digest (see My subscriptions).")
            % {"name": target},
        )
    else:
        messages.info(request, _("You already follow “%(name)s”.") % {"name": target})
    return _back(request, target.get_absolute_url())


@login_required
@require_POST
def unfollow(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(Follow.objects.of(request.user).select_related("topic", "organisation", "entry"), pk=pk)
    require_perm(request, "exchange.unfollow", row)
    # An entry that went out of sight is not named, not even in the message.
    visible = row.entry is None or row.entry.is_visible_to(request.user)
    following.unfollow(row)
    if visible:
        messages.success(request, _("You no longer follow “%(name)s”.") % {"name": row.target})
    else:
        messages.success(request, _("You no longer follow the entry."))
    return _back(request, reverse("exchange:following"))


@login_required
@require_http_methods(["GET", "POST"])
def following_list(request: HttpRequest) -> HttpResponse:
    """Meine Abonnements: what the person follows, with unfollow buttons, and how often the digest comes."""
    subscription = following.subscription_if_any(request.user)
    initial = subscription.frequency if subscription else DigestSubscription.Frequency.WEEKLY
    form = following.DigestForm(request.POST or None, initial={"frequency": initial})
    if request.method == "POST" and form.is_valid():
        following.set_frequency(request.user, form.cleaned_data["frequency"])
        messages.success(request, _("Your e-mail setting has been saved."))
        return redirect("exchange:following")
    page_obj = page_of(request, following.visible_follows(request.user), FOLLOWS_PER_PAGE)
    return render(
        request,
        "exchange/following_list.html",
        {
            "page_obj": page_obj,
            "form": form,
            "subscription": subscription,
            "is_member": roles_of(request.user).is_member,
        },
    )
