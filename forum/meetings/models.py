"""Meetings of committees with agenda, attendance, minutes, decisions and action items; events with registration."""

from __future__ import annotations

import re
import secrets
from typing import Any, ClassVar, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from forum.core.links import validate_platform_path
from forum.core.models import ContentModel, ContentQuerySet, TimeStampedModel
from forum.documents.models import AttachmentBase
from forum.organisations.models import Committee, Organisation, Person

_AGENDA_NUMBER = re.compile(r"^\d{1,3}(\.\d{1,3}){0,2}$")


class MeetingQuerySet(ContentQuerySet):
    def visible_to(self, user: Any) -> Self:
        """Meetings the user may see, of committees the user may see: a meeting never reveals a hidden committee."""
        return super().visible_to(user).filter(committee__in=Committee.objects.visible_to(user))

    def upcoming(self) -> Self:
        """Meetings not over yet, cancelled ones included (they show their status)."""
        return self.filter(end__gte=timezone.now()).order_by("start")

    def past(self) -> Self:
        return self.filter(start__lt=timezone.now()).order_by("-start")


class Meeting(ContentModel):
    """Treffen / Sitzung eines Gremiums."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        INVITED = "invited", _("invited")
        HELD = "held", _("held")
        ABORTED = "aborted", _("aborted")
        CANCELLED = "cancelled", _("cancelled")

    class Format(models.TextChoices):
        VIRTUAL = "virtual", _("virtual")
        IN_PERSON = "in_person", _("in person")
        HYBRID = "hybrid", _("hybrid")

    # Allowed status changes: planned → invited → held; aborted or cancelled (with a reason) from planned/invited.
    TRANSITIONS: ClassVar[dict[str, set[str]]] = {
        Status.PLANNED: {Status.INVITED, Status.HELD, Status.CANCELLED, Status.ABORTED},
        Status.INVITED: {Status.HELD, Status.CANCELLED, Status.ABORTED},
        Status.HELD: set(),
        Status.ABORTED: set(),
        Status.CANCELLED: set(),
    }

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("committee")
    )
    title = models.CharField(_("title"), max_length=200)
    number = models.PositiveIntegerField(
        _("number in the series"), null=True, blank=True, help_text=_("e.g. 5 for the 5th meeting")
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, default=Format.VIRTUAL)
    location = models.CharField(_("place"), max_length=300, blank=True)
    video_url = models.URLField(_("video conference link"), blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    status_reason = models.CharField(
        _("reason"), max_length=300, blank=True, help_text=_("Required when a meeting is aborted or cancelled.")
    )
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)

    owner_field: ClassVar[str | None] = "committee__organisation_id"
    objects = MeetingQuerySet.as_manager()  # type: ignore[misc]
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="meeting_ends_after_start",
                violation_error_message=_("The end must be after the start."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["aborted", "cancelled"]) | ~Q(status_reason=""),
                name="meeting_reason_when_stopped",
                violation_error_message=_("An aborted or cancelled meeting needs a reason."),
            ),
            models.UniqueConstraint(
                fields=["committee", "number"],
                name="unique_meeting_number",
                violation_error_message=_("This committee already has a meeting with this number."),
            ),
        ]
        indexes = [models.Index(fields=["committee", "start"])]

    def __str__(self) -> str:
        return f"{self.number_label}: {self.title}" if self.number else self.title

    @property
    def number_label(self) -> str:
        return _("%(number)s. meeting") % {"number": self.number} if self.number else ""

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting_detail", args=[self.pk])

    @property
    def is_stopped(self) -> bool:
        return self.status in (self.Status.ABORTED, self.Status.CANCELLED)

    def is_visible_to(self, user: Any) -> bool:
        """The same rule as ``MeetingQuerySet.visible_to``: the meeting and its committee."""
        return super().is_visible_to(user) and self.committee.is_visible_to(user)

    def clean(self) -> None:
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The end must be after the start.")}, code="end_before_start")
        if self.format in (self.Format.VIRTUAL, self.Format.HYBRID) and not self.video_url and not self.location:
            raise ValidationError(
                {"video_url": _("A virtual or hybrid meeting needs a video conference link or a place.")},
                code="no_place",
            )
        if self.format == self.Format.IN_PERSON and not self.location:
            raise ValidationError({"location": _("A meeting in person needs a place.")}, code="no_place")

    def change_status(self, status: str, *, reason: str = "") -> None:
        """Move to ``status`` if the lifecycle allows it; a stop (aborted/cancelled) needs a reason."""
        if status not in self.TRANSITIONS[self.status]:
            raise ValidationError(
                _("A meeting cannot go from “%(old)s” to “%(new)s”."),
                code="invalid_transition",
                params={"old": self.get_status_display(), "new": self.Status(status).label},
            )
        if status in (self.Status.ABORTED, self.Status.CANCELLED) and not reason.strip():
            raise ValidationError({"status_reason": _("Please give a reason.")}, code="reason_required")
        self.status = status
        self.status_reason = reason.strip()
        self.sequence += 1
        self.save(update_fields=["status", "status_reason", "sequence", "modified"])

    def calendar_uid(self) -> str:
        """Stable UID of this meeting in every calendar file and feed."""
        return f"meeting-{self.pk}@{settings.FORUM_CALENDAR_DOMAIN}"


class AgendaItemQuerySet(ContentQuerySet):
    def visible_to(self, user: Any) -> Self:
        """Items the user may see, of meetings the user may see.

        A correlated EXISTS, not ``meeting__in``: SQLite would build the list of every visible meeting per query.
        """
        meetings = Meeting.objects.visible_to(user).filter(pk=OuterRef("meeting_id"))
        return super().visible_to(user).filter(Exists(meetings))


def agenda_sort_key(number: str) -> str:
    """'2.1' → '002.001.000', so items sort as TOP 1, 2, 2.1, 10."""
    parts = [int(part) for part in number.split(".")]
    return ".".join(f"{part:03d}" for part in [*parts, 0, 0][:3])


class AgendaItem(ContentModel):
    """Tagesordnungspunkt (TOP) einer Sitzung."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    number = models.CharField(_("number"), max_length=11, help_text=_("e.g. 1, 2 or 2.1"))
    sort_key = models.CharField(max_length=11, editable=False, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("short text"), blank=True, help_text=_("Markdown."))

    owner_field: ClassVar[str | None] = "meeting__committee__organisation_id"
    objects = AgendaItemQuerySet.as_manager()  # type: ignore[misc]
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                name="unique_agenda_number",
                violation_error_message=_("This meeting already has an agenda item with this number."),
            ),
        ]

    def __str__(self) -> str:
        return f"TOP {self.number}: {self.title}"

    def get_absolute_url(self) -> str:
        return f"{self.meeting.get_absolute_url()}#top-{self.pk}"

    def clean(self) -> None:
        super().clean()
        if not _AGENDA_NUMBER.match(self.number or ""):
            raise ValidationError({"number": _("Use numbers such as 1, 2 or 2.1.")}, code="bad_number")
        # One spelling per position, so "02" or "2.0" clash with "2" as they should.
        parts = [int(part) for part in self.number.split(".")]
        while len(parts) > 1 and parts[-1] == 0:
            parts.pop()
        self.number = ".".join(str(part) for part in parts)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.sort_key = agenda_sort_key(self.number)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "sort_key"}
        super().save(*args, **kwargs)


class AgendaItemLink(TimeStampedModel):
    """Verweis eines TOP auf andere Inhalte der Plattform."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("title"), max_length=200)
    path = models.CharField(_("address on this platform"), max_length=300, help_text=_("e.g. /kommunen/08336008/"))

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        try:
            validate_platform_path(self.path)
        except ValidationError as error:
            raise ValidationError({"path": error}) from error


class MeetingAttachment(AttachmentBase):
    """Datei einer Sitzung (z. B. Einladung)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attachments")
    history = HistoricalRecords()

    class Meta(AttachmentBase.Meta):
        verbose_name = _("file of a meeting")
        verbose_name_plural = _("files of a meeting")


class AgendaItemAttachment(AttachmentBase):
    """Datei eines TOP (z. B. Präsentation)."""

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="attachments")
    history = HistoricalRecords()

    class Meta(AttachmentBase.Meta):
        verbose_name = _("file of an agenda item")
        verbose_name_plural = _("files of an agenda item")


class Attendance(TimeStampedModel):
    """Teilnahme: Einladung, Zu- oder Absage und tatsächliche Anwesenheit einer Person."""

    class Response(models.TextChoices):
        OPEN = "open", _("no answer yet")
        REGISTERED = "registered", _("registered")
        DECLINED = "declined", _("declined")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("person"))
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attendances",
        verbose_name=_("organisation"),
    )
    response = models.CharField(_("answer"), max_length=20, choices=Response.choices, default=Response.OPEN)
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["organisation__name", "person__family_name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="unique_attendance")]

    def __str__(self) -> str:
        return f"{self.person} – {self.meeting}"


class Minutes(TimeStampedModel):
    """Protokoll: Entwurf → zur Korrektur an die Teilnehmenden → genehmigt → veröffentlicht."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_REVIEW = "in_review", _("sent for corrections")
        APPROVED = "approved", _("approved")
        PUBLISHED = "published", _("published")

    NEXT: ClassVar[dict[str, str]] = {
        Status.DRAFT: Status.IN_REVIEW,
        Status.IN_REVIEW: Status.APPROVED,
        Status.APPROVED: Status.PUBLISHED,
    }

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    text = models.TextField(_("minutes"), blank=True, help_text=_("Markdown."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return str(_("Minutes of %(meeting)s") % {"meeting": self.meeting})

    def advance(self, status: str, *, by: Any) -> None:
        """Move one step along draft → in review → approved → published."""
        if self.NEXT.get(self.status) != status:
            raise ValidationError(_("The minutes cannot go to this status now."), code="invalid_transition")
        if status == self.Status.IN_REVIEW and self.meeting.status != Meeting.Status.HELD:
            raise ValidationError(_("Minutes can be sent only for a meeting that was held."), code="not_held")
        self.status = status
        fields = ["status", "modified"]
        if status == self.Status.APPROVED:
            self.approved_by, self.approved_at = by, timezone.now()
            fields += ["approved_by", "approved_at"]
        self.save(update_fields=fields)


class MinutesComment(TimeStampedModel):
    """Korrekturhinweis einer teilnehmenden Person zum Protokollentwurf."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("comment"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("comment on the minutes")
        verbose_name_plural = _("comments on the minutes")
        ordering = ["created"]

    def __str__(self) -> str:
        return self.text[:60]


class Decision(TimeStampedModel):
    """Beschluss einer Sitzung."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("agenda item"),
    )
    text = models.TextField(_("decision"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class ActionItemQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> Self:
        return self.filter(meeting__in=Meeting.objects.visible_to(user))

    def open(self) -> Self:
        return self.exclude(status=ActionItem.Status.DONE)


class ActionItem(TimeStampedModel):
    """Aufgabe aus einer Sitzung, mit verantwortlicher Organisation oder Person und Frist."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="action_items")
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("agenda item"),
    )
    title = models.CharField(_("task"), max_length=300)
    responsible_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("responsible organisation"),
    )
    responsible_person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
        verbose_name=_("responsible person"),
    )
    due_date = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)

    objects = ActionItemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(responsible_organisation__isnull=False) | Q(responsible_person__isnull=False),
                name="action_item_has_someone_responsible",
                violation_error_message=_("Name a responsible organisation or person."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Event(ContentModel):
    """Veranstaltung (z. B. Kick-off-Workshop) mit Anmeldung, Kapazität, Warteliste und Workshop-Strängen."""

    organiser = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="events", verbose_name=_("organiser")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    location = models.CharField(_("place"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(_("places"), help_text=_("Further registrations go on the waiting list."))
    registration_open = models.BooleanField(_("registration open"), default=True)

    owner_field: ClassVar[str | None] = "organiser_id"
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")),
                name="event_ends_after_start",
                violation_error_message=_("The end must be after the start."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:event_detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The end must be after the start.")}, code="end_before_start")


class Track(TimeStampedModel):
    """Workshop-Strang einer Veranstaltung mit eigener Kapazität."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tracks")
    title = models.CharField(_("title"), max_length=200)
    capacity = models.PositiveIntegerField(_("places"))

    class Meta:
        verbose_name = _("workshop track")
        verbose_name_plural = _("workshop tracks")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class Registration(TimeStampedModel):
    """Anmeldung zu einer Veranstaltung: bestätigt, auf der Warteliste oder storniert."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITING = "waiting", _("waiting list")
        CANCELLED = "cancelled", pgettext_lazy("registration status", "cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    track = models.ForeignKey(
        Track,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("workshop track"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CONFIRMED)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="unique_registration")]

    def __str__(self) -> str:
        return f"{self.user} – {self.event}"


class CalendarToken(TimeStampedModel):
    """Persönlicher, widerrufbarer Schlüssel für den privaten Kalender-Feed."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token")
    key = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("calendar key")
        verbose_name_plural = _("calendar keys")

    def __str__(self) -> str:
        return str(self.user)

    @classmethod
    def renew(cls, user: Any) -> CalendarToken:
        """A new key for ``user``; the previous feed address stops working."""
        token, _created = cls.objects.update_or_create(user=user, defaults={"key": secrets.token_urlsafe(32)})
        return token
