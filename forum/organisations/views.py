from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from forum.core.access import page_of, require_perm, visible_or_404

from . import forms
from .models import Committee, Membership, Organisation, Person
from .services import invite_to_organisation

PAGE_SIZE = 50
_MUNICIPALITY_SORTS = {
    "name": ("name",),
    "-name": ("-name",),
    "population": ("population", "name"),
    "-population": ("-population", "name"),
    "ags": ("ags",),
    "-ags": ("-ags",),
}


def _template(request: HttpRequest, name: str, partial: str) -> str:
    """The htmx fragment of a page when htmx asks for it, otherwise the full page (same source)."""
    return f"{name}#{partial}" if request.headers.get("HX-Request") else name


@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    """Die Städte und Gemeinden des Landkreises, sortierbar nach Name, AGS und Einwohnerzahl."""
    sort = request.GET.get("sort", "name")
    if sort not in _MUNICIPALITY_SORTS:
        sort = "name"
    municipalities = (
        Organisation.objects.visible_to(request.user)
        .municipalities()
        .filter(district__ags=settings.FORUM_KREISSCHLUESSEL)
        .order_by(*_MUNICIPALITY_SORTS[sort])
    )
    district = Organisation.objects.visible_to(request.user).filter(ags=settings.FORUM_KREISSCHLUESSEL).first()
    context = {"page_obj": page_of(request, municipalities, PAGE_SIZE), "sort": sort, "district": district}
    return render(request, _template(request, "organisations/organisation_list.html", "table"), context)


@require_GET
def partner_list(request: HttpRequest) -> HttpResponse:
    partners = Organisation.objects.visible_to(request.user).partners().order_by("kind", "name")
    return render(request, "organisations/partner_list.html", {"page_obj": page_of(request, partners, PAGE_SIZE)})


PROFILE_CONTACTS = 12


def profile_context(request: HttpRequest, **lookup: Any) -> dict[str, Any]:
    """An organisation's profile: its data, first contact persons and committees (404 if not visible).

    The portal adds what other apps know of a municipality (its meetings …) on top.
    """
    organisation = visible_or_404(Organisation.objects.select_related("district"), request, **lookup)
    contacts = list(
        Person.objects.visible_to(request.user).filter(organisation=organisation, is_contact=True)[
            : PROFILE_CONTACTS + 1
        ]
    )
    committees = Committee.objects.visible_to(request.user).filter(organisation=organisation)
    return {
        "organisation": organisation,
        "contacts": contacts[:PROFILE_CONTACTS],
        "more_contacts": len(contacts) > PROFILE_CONTACTS,
        "committees": committees,
        "obj": organisation,
    }


@require_GET
def person_list(request: HttpRequest, ags: str) -> HttpResponse:
    """All contact persons of an organisation that this user may see, page by page."""
    organisation = visible_or_404(Organisation.objects.all(), request, ags=ags)
    people = Person.objects.visible_to(request.user).filter(organisation=organisation, is_contact=True)
    return render(
        request,
        "organisations/person_list.html",
        {
            "organisation": organisation,
            "page_obj": page_of(request, people.order_by("family_name", "given_name"), PAGE_SIZE),
        },
    )


@require_GET
def partner_detail(request: HttpRequest, slug: str) -> HttpResponse:
    context = profile_context(request, slug=slug, ags__isnull=True)
    return render(request, "organisations/organisation_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, ags: str) -> HttpResponse:
    organisation = visible_or_404(Organisation.objects.all(), request, ags=ags)
    require_perm(request, "organisations.change_organisation", organisation)
    form = forms.OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The data have been saved."))
        return redirect(organisation)
    return render(request, "organisations/organisation_form.html", {"form": form, "organisation": organisation})


@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = visible_or_404(Person.objects.select_related("organisation"), request, pk=pk)
    memberships = (
        Membership.objects.visible_to(request.user)
        .filter(person=person, committee__in=Committee.objects.visible_to(request.user))
        .select_related("committee", "on_behalf_of")
    )
    return render(
        request, "organisations/person_detail.html", {"person": person, "memberships": memberships, "obj": person}
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest, ags: str) -> HttpResponse:
    organisation = visible_or_404(Organisation.objects.all(), request, ags=ags)
    require_perm(request, "organisations.add_person", organisation)
    form = forms.PersonForm(request.POST or None, instance=Person(organisation=organisation))
    if request.method == "POST" and form.is_valid():
        person = form.save()
        messages.success(request, _("The person has been added."))
        return redirect(person)
    return render(
        request, "organisations/person_form.html", {"form": form, "organisation": organisation, "person": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = visible_or_404(Person.objects.select_related("organisation"), request, pk=pk)
    require_perm(request, "organisations.change_person", person)
    form = forms.PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The data have been saved."))
        return redirect(person)
    return render(
        request,
        "organisations/person_form.html",
        {"form": form, "organisation": person.organisation, "person": person},
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_delete(request: HttpRequest, pk: int) -> HttpResponse:
    person = visible_or_404(Person.objects.select_related("organisation"), request, pk=pk)
    require_perm(request, "organisations.delete_person", person)
    if request.method == "POST":
        target = person.organisation.get_absolute_url() if person.organisation else "/"
        person.delete()
        messages.success(request, _("The person has been removed."))
        return redirect(target)
    return render(request, "organisations/person_confirm_delete.html", {"person": person})


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, ags: str) -> HttpResponse:
    organisation = visible_or_404(Organisation.objects.all(), request, ags=ags)
    require_perm(request, "organisations.invite_user", organisation)
    form = forms.InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user, invitation = invite_to_organisation(
            organisation=organisation,
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            kind=form.cleaned_data["role"],
            by=request.user,
            note=form.cleaned_data["note"],
        )
        if invitation:
            messages.success(request, _("The invitation has been sent to %(email)s.") % {"email": user.email})
        else:
            messages.success(
                request, _("%(email)s already has an account and now has the role.") % {"email": user.email}
            )
        return redirect(organisation)
    return render(request, "organisations/invitation_form.html", {"form": form, "organisation": organisation})


@require_GET
def committee_list(request: HttpRequest) -> HttpResponse:
    committees = Committee.objects.visible_to(request.user).select_related("organisation").order_by("name")
    return render(request, "organisations/committee_list.html", {"page_obj": page_of(request, committees, PAGE_SIZE)})


@require_GET
def committee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    committee = visible_or_404(Committee.objects.select_related("organisation"), request, pk=pk)
    memberships = page_of(
        request,
        Membership.objects.visible_to(request.user)
        .current()
        .filter(committee=committee)
        .filter(person__in=Person.objects.visible_to(request.user))
        .select_related("person", "on_behalf_of")
        .order_by("on_behalf_of__name", "person__family_name"),
        PAGE_SIZE,
    )
    return render(
        request,
        "organisations/committee_detail.html",
        {"committee": committee, "page_obj": memberships, "obj": committee},
    )


@login_required
@require_http_methods(["GET", "POST"])
def committee_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if pk is None:
        committee = Committee()
        require_perm(request, "organisations.add_committee")
    else:
        committee = visible_or_404(Committee.objects.all(), request, pk=pk)
        require_perm(request, "organisations.change_committee", committee)
    form = forms.CommitteeForm(request.POST or None, instance=committee)
    if request.method == "POST" and form.is_valid():
        committee = form.save()
        messages.success(request, _("The committee has been saved."))
        return redirect(committee)
    return render(request, "organisations/committee_form.html", {"form": form, "committee": committee})


@login_required
@require_http_methods(["GET", "POST"])
def membership_add(request: HttpRequest, pk: int) -> HttpResponse:
    committee = visible_or_404(Committee.objects.all(), request, pk=pk)
    require_perm(request, "organisations.add_membership", committee)
    form = forms.MembershipForm(request.POST or None, committee=committee, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The membership has been saved."))
        return redirect(committee)
    return render(request, "organisations/membership_form.html", {"form": form, "committee": committee})


@login_required
@require_POST
def membership_delete(request: HttpRequest, pk: int) -> HttpResponse:
    membership = visible_or_404(Membership.objects.select_related("committee"), request, pk=pk)
    require_perm(request, "organisations.delete_membership", membership)
    with transaction.atomic():
        membership.delete()
    messages.success(request, _("The membership has been removed."))
    return redirect(membership.committee)
