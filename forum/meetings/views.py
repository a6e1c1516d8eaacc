from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from forum.core.access import page_of, require_perm, visible_or_404
from forum.core.forms import add_model_errors
from forum.core.panels import collect
from forum.documents.forms import AttachmentForm
from forum.documents.responses import file_response
from forum.documents.services import store_file
from forum.organisations.models import Committee, Person

from . import forms, services
from .calendar import calendar_for
from .models import (
    ActionItem,
    AgendaItem,
    AgendaItemAttachment,
    AgendaItemLink,
    Attendance,
    CalendarToken,
    Event,
    Meeting,
    MeetingAttachment,
    Minutes,
    Registration,
)
from .reporting import committee_statistics, meetings_sentence

PAGE_SIZE = 25


def _person(request: HttpRequest) -> Person | None:
    return Person.objects.filter(user=request.user).first() if request.user.is_authenticated else None


# Meetings -----------------------------------------------------------------------------------------


@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    """Alle Treffen, die die Person sehen darf: kommende zuerst, dann vergangene, seitenweise."""
    meetings = Meeting.objects.visible_to(request.user).select_related("committee")
    committee = None
    if request.GET.get("gremium", "").isdigit():
        committee = Committee.objects.visible_to(request.user).filter(pk=request.GET["gremium"]).first()
        if committee:
            meetings = meetings.filter(committee=committee)
    upcoming = meetings.upcoming()[:10]
    past = page_of(request, meetings.filter(end__lt=timezone.now()).order_by("-start"), PAGE_SIZE)
    return render(
        request,
        "meetings/meeting_list.html",
        {"upcoming": upcoming, "page_obj": past, "committee": committee},
    )


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible_or_404(Meeting.objects.select_related("committee__organisation"), request, pk=pk)
    items_found = (
        AgendaItem.objects.visible_to(request.user)
        .filter(meeting=meeting)
        .order_by("sort_key")
        .prefetch_related(
            Prefetch("attachments", queryset=AgendaItemAttachment.objects.select_related("stored_file")), "links"
        )
    )
    user = request.user
    items = list(items_found)
    # Papers consulted at each item (and whatever else apps above add), one query per provider.
    panels = collect("meetings.agenda_item", items, user)
    for item in items:
        item.panels = panels.get(item.pk, [])  # type: ignore[attr-defined]
    minutes = Minutes.objects.filter(meeting=meeting).first()
    person = _person(request)
    context: dict[str, Any] = {
        "meeting": meeting,
        "obj": meeting,
        "items": items,
        "attachments": meeting.attachments.select_related("stored_file"),
        "minutes": minutes if minutes and user.has_perm("meetings.view_minutes", minutes) else None,
        "minutes_record": minutes,
        "decisions": meeting.decisions.select_related("agenda_item"),
        "action_items": meeting.action_items.select_related("responsible_organisation", "responsible_person"),
        "my_attendance": meeting.attendances.filter(person=person).first() if person else None,
        "status_form": forms.StatusForm(meeting=meeting),
    }
    if user.has_perm("meetings.view_attendance", meeting):
        context["attendances"] = meeting.attendances.select_related("person", "organisation")
    return render(request, "meetings/meeting_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if pk is None:
        committee = Committee.objects.visible_to(request.user).filter(pk=request.GET.get("gremium") or 0).first()
        committee = committee or Committee.objects.visible_to(request.user).filter(kind=Committee.Kind.FORUM).first()
        require_perm(request, "meetings.add_meeting", committee)
        meeting = Meeting(committee=committee) if committee else Meeting()
    else:
        meeting = visible_or_404(Meeting.objects.all(), request, pk=pk)
        require_perm(request, "meetings.change_meeting", meeting)
    form = forms.MeetingForm(request.POST or None, instance=meeting, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            meeting = form.save(commit=False)
            if meeting.pk:
                meeting.sequence += 1  # calendars see the change
            meeting.save()
        messages.success(request, _("The meeting has been saved."))
        return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": meeting})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_status(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible_or_404(Meeting.objects.all(), request, pk=pk)
    require_perm(request, "meetings.change_status_meeting", meeting)
    form = forms.StatusForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                meeting.change_status(form.cleaned_data["status"], reason=form.cleaned_data["status_reason"])
        except ValidationError as error:
            add_model_errors(form, error)
        else:
            messages.success(request, _("The status has been changed."))
            return redirect(meeting)
    return render(request, "meetings/meeting_status.html", {"form": form, "meeting": meeting})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_invite(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible_or_404(Meeting.objects.select_related("committee"), request, pk=pk)
    require_perm(request, "meetings.invite_meeting", meeting)
    if request.method == "POST":
        try:
            count = services.send_invitations(meeting, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                ngettext("%(count)s invitation has been sent.", "%(count)s invitations have been sent.", count)
                % {"count": count},
            )
        return redirect(meeting)
    members = meeting.committee.memberships.current(timezone.localdate(meeting.start)).select_related(
        "person", "on_behalf_of"
    )
    return render(request, "meetings/meeting_invite.html", {"meeting": meeting, "members": members})


@login_required
@require_POST
def meeting_respond(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible_or_404(Meeting.objects.all(), request, pk=pk)
    require_perm(request, "meetings.respond_meeting", meeting)
    person = _person(request)
    response = request.POST.get("response")
    if person is None or response not in (Attendance.Response.REGISTERED, Attendance.Response.DECLINED):
        messages.error(request, _("Please choose whether you will attend."))
        return redirect(meeting)
    services.respond(meeting, person=person, response=response)
    messages.success(request, _("Thank you, your answer has been saved."))
    return redirect(meeting)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible_or_404(Meeting.objects.all(), request, pk=pk)
    require_perm(request, "meetings.record_attendance", meeting)
    form = forms.AttendanceForm(request.POST or None, meeting=meeting)
    add_form = forms.AddAttendeeForm(None, user=request.user)
    if request.method == "POST" and "person" in request.POST:
        add_form = forms.AddAttendeeForm(request.POST, user=request.user)
        if add_form.is_valid():
            person = add_form.cleaned_data["person"]
            Attendance.objects.get_or_create(
                meeting=meeting, person=person, defaults={"organisation": person.organisation}
            )
            messages.success(request, _("%(name)s has been added.") % {"name": person.name})
            return redirect("meetings:meeting_attendance", meeting.pk)
    elif request.method == "POST" and form.is_valid():
        services.record_attendance(meeting, present={a.pk for a in form.cleaned_data["present"]})
        messages.success(request, _("The attendance has been saved."))
        return redirect(meeting)
    return render(request, "meetings/meeting_attendance.html", {"form": form, "add_form": add_form, "meeting": meeting})


@require_GET
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible_or_404(Meeting.objects.select_related("committee"), request, pk=pk)
    return _ics(calendar_for([meeting], name=str(meeting)), f"treffen-{meeting.pk}.ics")


# Agenda -------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_form(request: HttpRequest, meeting_pk: int | None = None, pk: int | None = None) -> HttpResponse:
    if pk is None:
        meeting = visible_or_404(Meeting.objects.all(), request, pk=meeting_pk)
        require_perm(request, "meetings.add_agendaitem", meeting)
        item = AgendaItem(meeting=meeting)
    else:
        item = visible_or_404(AgendaItem.objects.select_related("meeting"), request, pk=pk)
        require_perm(request, "meetings.change_agendaitem", item)
        meeting = item.meeting
    form = forms.AgendaItemForm(request.POST or None, instance=item, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The agenda item has been saved."))
        return redirect(meeting)
    return render(request, "meetings/agenda_item_form.html", {"form": form, "meeting": meeting, "item": item})


@login_required
@require_POST
def agenda_item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = visible_or_404(AgendaItem.objects.select_related("meeting"), request, pk=pk)
    require_perm(request, "meetings.delete_agendaitem", item)
    with transaction.atomic():
        item.delete()
    messages.success(request, _("The agenda item has been removed."))
    return redirect(item.meeting)


@login_required
@require_http_methods(["GET", "POST"])
def agenda_item_link(request: HttpRequest, pk: int) -> HttpResponse:
    item = visible_or_404(AgendaItem.objects.select_related("meeting"), request, pk=pk)
    require_perm(request, "meetings.change_agendaitem", item)
    form = forms.AgendaItemLinkForm(request.POST or None, instance=AgendaItemLink(agenda_item=item))
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The link has been added."))
        return redirect(item.meeting)
    return render(request, "meetings/agenda_item_link_form.html", {"form": form, "item": item})


# Files --------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def attachment_upload(request: HttpRequest, pk: int, item_pk: int | None = None) -> HttpResponse:
    """Upload a file to a meeting or (with ``item_pk``) to one of its agenda items."""
    meeting = visible_or_404(Meeting.objects.all(), request, pk=pk)
    require_perm(request, "meetings.add_attachment", meeting)
    item = get_object_or_404(AgendaItem, pk=item_pk, meeting=meeting) if item_pk else None
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            stored = store_file(form.cleaned_data["file"], by=request.user)
            if item is not None:
                AgendaItemAttachment.objects.create(
                    agenda_item=item, stored_file=stored, title=form.cleaned_data["title"]
                )
            else:
                MeetingAttachment.objects.create(meeting=meeting, stored_file=stored, title=form.cleaned_data["title"])
        messages.success(request, _("The file has been uploaded."))
        return redirect(meeting)
    return render(request, "meetings/attachment_form.html", {"form": form, "meeting": meeting, "item": item})


@require_GET
def meeting_attachment(request: HttpRequest, pk: int) -> FileResponse:
    attachment = get_object_or_404(
        MeetingAttachment.objects.select_related("stored_file"),
        pk=pk,
        meeting__in=Meeting.objects.visible_to(request.user),
    )
    return file_response(attachment.stored_file)


@require_GET
def agenda_item_attachment(request: HttpRequest, pk: int) -> FileResponse:
    attachment = get_object_or_404(
        AgendaItemAttachment.objects.select_related("stored_file"),
        pk=pk,
        agenda_item__in=AgendaItem.objects.visible_to(request.user),
    )
    return file_response(attachment.stored_file)


# Minutes, decisions, action items -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def minutes_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible_or_404(Meeting.objects.all(), request, pk=pk)
    minutes = (
        services.minutes_for(meeting)
        if request.user.has_perm("meetings.change_minutes", Minutes(meeting=meeting))
        else None
    )
    if minutes is None:
        minutes = get_object_or_404(Minutes, meeting=meeting)
    if not request.user.has_perm("meetings.view_minutes", minutes):
        raise Http404
    # The text can change until the minutes are approved; after that only the status moves on.
    editable = minutes.status in (Minutes.Status.DRAFT, Minutes.Status.IN_REVIEW)
    can_change = editable and request.user.has_perm("meetings.change_minutes", minutes)
    form = forms.MinutesForm(request.POST or None, instance=minutes) if can_change else None
    comment_form = forms.MinutesCommentForm()
    if request.method == "POST":
        if form is None:  # not allowed, or approved minutes whose text is final
            raise PermissionDenied
        if form.is_valid():
            form.save()
            messages.success(request, _("The minutes have been saved."))
            return redirect("meetings:minutes", meeting.pk)
    return render(
        request,
        "meetings/minutes.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "form": form,
            "comment_form": comment_form,
            "comments": minutes.comments.select_related("author"),
            "obj": minutes,
        },
    )


@login_required
@require_POST
def minutes_advance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible_or_404(Meeting.objects.all(), request, pk=pk)
    minutes = get_object_or_404(Minutes, meeting=meeting)
    require_perm(request, "meetings.change_minutes", minutes)
    try:
        with transaction.atomic():
            minutes.advance(request.POST.get("status", ""), by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The minutes are now: %(status)s.") % {"status": minutes.get_status_display()})
    return redirect("meetings:minutes", meeting.pk)


@login_required
@require_POST
def minutes_comment(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible_or_404(Meeting.objects.all(), request, pk=pk)
    minutes = get_object_or_404(Minutes, meeting=meeting)
    require_perm(request, "meetings.comment_minutes", minutes)
    form = forms.MinutesCommentForm(request.POST)
    if form.is_valid():
        assert request.user.is_authenticated
        minutes.comments.create(author=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Thank you, your correction has been saved."))
        return redirect("meetings:minutes", meeting.pk)
    return render(
        request,
        "meetings/minutes.html",
        {
            "meeting": meeting,
            "minutes": minutes,
            "form": None,
            "comment_form": form,
            "comments": minutes.comments.select_related("author"),
            "obj": minutes,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible_or_404(Meeting.objects.all(), request, pk=pk)
    require_perm(request, "meetings.add_decision", meeting)
    form = forms.DecisionForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The decision has been recorded."))
        return redirect(meeting)
    return render(
        request, "meetings/simple_form.html", {"form": form, "meeting": meeting, "title": _("Record a decision")}
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_item_form(request: HttpRequest, pk: int | None = None, item_pk: int | None = None) -> HttpResponse:
    if item_pk is None:
        meeting = visible_or_404(Meeting.objects.all(), request, pk=pk)
        require_perm(request, "meetings.add_actionitem", meeting)
        action = ActionItem(meeting=meeting)
        title = _("New action item")
    else:
        action = get_object_or_404(ActionItem.objects.visible_to(request.user).select_related("meeting"), pk=item_pk)
        require_perm(request, "meetings.change_actionitem", action)
        meeting = action.meeting
        title = _("Edit action item")
    form = forms.ActionItemForm(request.POST or None, instance=action, meeting=meeting, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The action item has been saved."))
        return redirect(meeting)
    return render(request, "meetings/simple_form.html", {"form": form, "meeting": meeting, "title": title})


@require_GET
def action_item_list(request: HttpRequest) -> HttpResponse:
    """Offene Aufgaben aus allen Treffen, die die Person sehen darf."""
    items = (
        ActionItem.objects.visible_to(request.user)
        .open()
        .select_related("meeting__committee", "responsible_organisation", "responsible_person")
        .order_by("due_date", "pk")
    )
    return render(
        request,
        "meetings/action_item_list.html",
        {"page_obj": page_of(request, items, PAGE_SIZE), "today": timezone.localdate()},
    )


# Statistics ---------------------------------------------------------------------------------------


@require_GET
def committee_statistics_view(request: HttpRequest, pk: int) -> HttpResponse:
    committee = visible_or_404(Committee.objects.select_related("organisation"), request, pk=pk)
    try:
        since = parse_date(request.GET.get("seit", ""))
    except ValueError:  # well formed but no such day, e.g. 2021-02-31: show all, as for any other bad date
        since = None
    visible = Meeting.objects.visible_to(request.user)
    statistics = committee_statistics(committee, since=since, meetings=visible)
    return render(
        request,
        "meetings/committee_statistics.html",
        {
            "committee": committee,
            "statistics": statistics,
            "sentence": meetings_sentence(committee, since=since, meetings=visible),
            "since": since,
        },
    )


# Calendar feeds -----------------------------------------------------------------------------------


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _feed_meetings(queryset: Any) -> Any:
    # A feed holds the past year and everything ahead; constant queries whatever the count.
    since = timezone.now() - timedelta(days=365)
    return queryset.filter(end__gte=since).select_related("committee").order_by("start")


@require_GET
def public_feed(request: HttpRequest) -> HttpResponse:
    """All public meetings of the forum (anonymous level, whoever asks)."""
    meetings = _feed_meetings(Meeting.objects.visible_to(AnonymousUser()))
    return _ics(calendar_for(meetings, name=settings.FORUM_TITLE), "digitalisierungsforum.ics")


@require_GET
def committee_feed(request: HttpRequest, pk: int) -> HttpResponse:
    committee = get_object_or_404(Committee.objects.visible_to(AnonymousUser()), pk=pk)
    meetings = _feed_meetings(Meeting.objects.visible_to(AnonymousUser()).filter(committee=committee))
    return _ics(calendar_for(meetings, name=committee.name), f"gremium-{committee.pk}.ics")


@require_GET
def private_feed(request: HttpRequest, key: str) -> HttpResponse:
    """The person's own feed: every meeting this account may see, found by the revocable key."""
    token = CalendarToken.objects.select_related("user").filter(key=key, user__is_active=True).first()
    if token is None:
        raise Http404
    meetings = _feed_meetings(Meeting.objects.visible_to(token.user))
    return _ics(calendar_for(meetings, name=f"{settings.FORUM_TITLE} – {token.user}"), "mein-kalender.ics")


@login_required
@require_http_methods(["GET", "POST"])
def calendar_settings(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert user.is_authenticated
    token = CalendarToken.objects.filter(user=user).first()
    if request.method == "POST":
        token = CalendarToken.renew(request.user)
        messages.success(request, _("Your private calendar address has been renewed. The old one no longer works."))
        return redirect("meetings:calendar")
    return render(
        request,
        "meetings/calendar.html",
        {
            "token": token,
            "base_url": settings.FORUM_BASE_URL,
            "committees": Committee.objects.filter(is_draft=False, visibility="public"),
        },
    )


# Events -------------------------------------------------------------------------------------------


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    events = Event.objects.visible_to(request.user).select_related("organiser").order_by("-start")
    return render(request, "meetings/event_list.html", {"page_obj": page_of(request, events, PAGE_SIZE)})


@require_http_methods(["GET", "POST"])
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = visible_or_404(Event.objects.select_related("organiser"), request, pk=pk)
    registration = (
        Registration.objects.filter(event=event, user=request.user)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
        if request.user.is_authenticated
        else None
    )
    form = forms.RegistrationForm(request.POST or None, event=event)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(event.get_absolute_url())
        require_perm(request, "meetings.register_event", event)
        if form.is_valid():
            person = _person(request)
            try:
                registration = services.register(
                    event,
                    user=request.user,
                    organisation=person.organisation if person else None,
                    track=form.cleaned_data.get("track"),
                )
            except ValidationError as error:
                add_model_errors(form, error)
            else:
                if registration.status == Registration.Status.WAITING:
                    messages.warning(request, _("The event is fully booked. You are on the waiting list."))
                else:
                    messages.success(request, _("You are registered."))
                return redirect(event)
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    return render(
        request,
        "meetings/event_detail.html",
        {
            "event": event,
            "obj": event,
            "form": form,
            "registration": registration,
            "tracks": services.track_occupancy(event),
            "free": max(event.capacity - confirmed, 0),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if pk is None:
        require_perm(request, "meetings.add_event")
        event = Event()
    else:
        event = visible_or_404(Event.objects.all(), request, pk=pk)
        require_perm(request, "meetings.change_event", event)
    form = forms.EventForm(request.POST or None, instance=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        event = form.save()
        messages.success(request, _("The event has been saved."))
        return redirect(event)
    return render(request, "meetings/event_form.html", {"form": form, "event": event})


@login_required
@require_http_methods(["GET", "POST"])
def track_add(request: HttpRequest, pk: int) -> HttpResponse:
    event = visible_or_404(Event.objects.all(), request, pk=pk)
    require_perm(request, "meetings.change_event", event)
    form = forms.TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        track = form.save(commit=False)
        track.event = event
        track.save()
        messages.success(request, _("The workshop track has been added."))
        return redirect(event)
    return render(
        request, "meetings/simple_form.html", {"form": form, "event": event, "title": _("New workshop track")}
    )


@login_required
@require_POST
def registration_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk, user=request.user)
    require_perm(request, "meetings.cancel_registration", registration)
    services.cancel_registration(registration)
    messages.success(request, _("Your registration has been cancelled."))
    return redirect(registration.event)


@login_required
@require_GET
def event_participants(request: HttpRequest, pk: int) -> HttpResponse:
    event = visible_or_404(Event.objects.all(), request, pk=pk)
    require_perm(request, "meetings.view_registrations", event)
    registrations = (
        event.registrations.exclude(status=Registration.Status.CANCELLED)
        .select_related("user", "organisation", "track")
        .order_by("status", "created")
    )
    return render(
        request,
        "meetings/event_participants.html",
        {"event": event, "page_obj": page_of(request, registrations, PAGE_SIZE)},
    )
