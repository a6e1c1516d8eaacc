"""Council papers (Vorlagen) with their Beratungsfolge, signatories and attachments."""

from __future__ import annotations

from typing import Any, ClassVar, Self

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from forum.cooperation.models import Undertaking
from forum.core.links import validate_platform_path
from forum.core.models import ContentModel, ContentQuerySet, TimeStampedModel, Visibility
from forum.documents.models import AttachmentBase
from forum.exchange.validators import validate_safe_markdown
from forum.meetings.models import AgendaItem, Meeting
from forum.organisations.models import Committee, Organisation
from forum.topics.models import FieldOfAction, GuidingPrinciple

NOT_SPECIFIED = "k.A."


class PaperQuerySet(ContentQuerySet):
    def of_year(self, year: int) -> Self:
        return self.filter(year=year)


class Paper(ContentModel):
    """Vorlage: Mitteilungs-, Beschluss- oder Informationsvorlage an ein Gremium, mit Nummer je Jahr ("005/2022")."""

    class Kind(models.TextChoices):
        NOTICE = "notice", _("Mitteilungsvorlage")
        RESOLUTION = "resolution", _("Beschlussvorlage")
        INFORMATION = "information", _("Informationsvorlage")
        MOTION = "motion", _("Antrag")
        INQUIRY = "inquiry", _("Anfrage")

    class ClimateImpact(models.TextChoices):
        POSITIVE = "positive", _("positive")
        NEUTRAL = "neutral", _("neutral")
        NEGATIVE = "negative", _("negative")
        NONE = "none", _("none")

    # Fields a paper of the kind cannot go without (on top of the ones every paper has).
    REQUIRED_BY_KIND: ClassVar[dict[str, tuple[str, ...]]] = {
        Kind.RESOLUTION: ("resolution_proposal", "climate_impact", "budget_area"),
        Kind.MOTION: ("resolution_proposal",),
    }

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="papers", verbose_name=_("issued by")
    )
    # The year of the number: the date's year unless given when the paper is made (005/2022 is dated 22.12.2021).
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    serial = models.PositiveIntegerField(
        _("serial number"), null=True, blank=True, help_text=_("Left empty, the next free number of the year is taken.")
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.NOTICE)
    date = models.DateField(_("date"))
    title = models.CharField(_("agenda item title"), max_length=300)
    department = models.CharField(_("department (Dezernat)"), max_length=200, blank=True)
    division = models.CharField(_("division (Fachbereich)"), max_length=200, blank=True)
    author_name = models.CharField(_("author"), max_length=200, blank=True, help_text=_("Family name, given name."))
    author_phone = models.CharField(_("telephone"), max_length=50, blank=True)
    field_of_action = models.ForeignKey(
        FieldOfAction,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="papers",
        verbose_name=_("field of action of the strategy"),
    )
    guiding_principle = models.ForeignKey(
        GuidingPrinciple,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="papers",
        verbose_name=_("guiding principle"),
        help_text=_("Quoted word for word in the paper."),
    )
    budget_area = models.CharField(_("budget area (Teilhaushalt)"), max_length=200, blank=True)
    product_group = models.CharField(_("product group"), max_length=200, blank=True)
    products = models.CharField(_("product(s)"), max_length=300, blank=True)
    climate_impact = models.CharField(_("climate impact"), max_length=20, choices=ClimateImpact.choices, blank=True)
    facts = models.TextField(
        _("statement of facts (Sachverhalt)"), blank=True, help_text=_("Markdown."), validators=[validate_safe_markdown]
    )
    resolution_proposal = models.TextField(
        _("proposed resolution"), blank=True, help_text=_("Markdown."), validators=[validate_safe_markdown]
    )
    undertakings = models.ManyToManyField(
        Undertaking, blank=True, related_name="papers", verbose_name=_("undertakings concerned")
    )

    owner_field: ClassVar[str | None] = "organisation_id"
    objects = PaperQuerySet.as_manager()  # type: ignore[misc]
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("paper")
        verbose_name_plural = _("papers")
        ordering = ["-year", "-serial"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "serial"],
                name="unique_paper_number",
                violation_error_message=_("This number is already taken in this year."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} – {self.title}" if self.serial else self.title

    @property
    def number(self) -> str:
        """ "005/2022": serial with three digits, slash, year."""
        return f"{self.serial:03d}/{self.year}" if self.serial else ""

    @property
    def slug(self) -> str:
        return f"{self.year}-{self.serial:03d}"

    def get_absolute_url(self) -> str:
        return reverse("council:paper_detail", args=[self.year, self.serial])

    def or_not_specified(self, field: str) -> str:
        """Budget fields as the paper prints them: "k.A." when empty."""
        return str(getattr(self, field)) or NOT_SPECIFIED

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        principle = self.guiding_principle
        if principle is not None and self.field_of_action_id:
            if principle.field_of_action_id != self.field_of_action_id:
                errors["guiding_principle"] = _("Choose a guiding principle of the chosen field of action.")
        elif principle is not None:
            self.field_of_action_id = principle.field_of_action_id
        for field in self.REQUIRED_BY_KIND.get(self.kind, ()):
            if not getattr(self, field):
                errors[field] = _("A %(kind)s needs this field.") % {"kind": self.get_kind_display()}
        if self.date:
            if self.year is None:  # a number's year is set once (e.g. 005/2022 for a paper of 22.12.2021)
                self.year = self.date.year
            if self.serial:
                # The year comes from the date, so the unique check of (year, serial) must see it here.
                clash = Paper.objects.filter(year=self.year, serial=self.serial).exclude(pk=self.pk)
                if clash.exists():
                    errors["serial"] = _("Number %(number)s is already taken.") % {
                        "number": f"{self.serial:03d}/{self.year}"
                    }
        if errors:
            raise ValidationError(errors)

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.year is None:
            self.year = self.date.year
        with transaction.atomic():
            if self.serial is None:
                self.serial = PaperNumber.take_next(self.year)
            else:
                PaperNumber.note_used(self.year, self.serial)
            super().save(*args, **kwargs)


class PaperNumber(models.Model):
    """The last number given out per year: numbers only go up, so a deleted paper's number is never given again."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("paper number counter")
        verbose_name_plural = _("paper number counters")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"

    @classmethod
    def take_next(cls, year: int) -> int:
        """The next number of ``year``, taken under a row lock (call inside a transaction)."""
        counter, _created = cls.objects.select_for_update().get_or_create(year=year)
        highest = Paper.objects.filter(year=year).aggregate(Max("serial"))["serial__max"] or 0
        counter.last = max(counter.last, highest) + 1
        counter.save(update_fields=["last"])
        return counter.last

    @classmethod
    def note_used(cls, year: int, serial: int) -> None:
        """A number entered by hand (e.g. an older paper) also counts as given out."""
        counter, _created = cls.objects.select_for_update().get_or_create(year=year)
        if serial > counter.last:
            counter.last = serial
            counter.save(update_fields=["last"])


class ConsultationQuerySet(ContentQuerySet):
    def visible_to(self, user: Any) -> Self:
        """Consultations the user may see, of papers the user may see, in committees the user may see."""
        # Correlated EXISTS, not ``paper__in``: SQLite would build the list of every visible paper per query.
        papers = Paper.objects.visible_to(user).filter(pk=OuterRef("paper_id"))
        return super().visible_to(user).filter(Exists(papers), committee__in=Committee.objects.visible_to(user))


class Consultation(ContentModel):
    """Beratung einer Vorlage in einem Gremium (eine Zeile der Beratungsfolge); "öffentlich" = visibility public."""

    class Role(models.TextChoices):
        PRELIMINARY = "preliminary", _("Vorberatung")
        NOTICE = "notice", _("Kenntnisnahme")
        DECISION = "decision", _("Beschluss")
        HEARING = "hearing", _("Anhörung")

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="consultations")
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="consultations", verbose_name=_("committee")
    )
    date = models.DateField(_("date"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.NOTICE)
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("meeting"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("agenda item"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    owner_field: ClassVar[str | None] = "paper__organisation_id"
    objects = ConsultationQuerySet.as_manager()  # type: ignore[misc]
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["paper", "position", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.committee} ({formats.date_format(self.date)})"

    @property
    def is_public(self) -> bool:
        """Status "öffentlich" in the Beratungsfolge; anything else is "nichtöffentlich"."""
        return self.visibility == Visibility.PUBLIC

    @property
    def authoritative(self) -> bool:
        """OParl: this consultation decides the paper."""
        return self.role == self.Role.DECISION

    def is_visible_to(self, user: Any) -> bool:
        return super().is_visible_to(user) and self.paper.is_visible_to(user) and self.committee.is_visible_to(user)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, Any] = {}
        paper_date = self.paper.date if self.paper_id else None
        if self.date and paper_date and self.date < paper_date:
            errors["date"] = _("The consultation cannot be before the paper's date (%(date)s).") % {
                "date": formats.date_format(paper_date)
            }
        item, meeting = self.agenda_item, self.meeting
        if item is not None and meeting is None:
            self.meeting_id = item.meeting_id
            meeting = item.meeting
        if item is not None and item.meeting_id != self.meeting_id:
            errors["agenda_item"] = _("Choose an agenda item of the chosen meeting.")
        if meeting is not None and self.committee_id and meeting.committee_id != self.committee_id:
            errors["meeting"] = _("Choose a meeting of the chosen committee.")
        if errors:
            raise ValidationError(errors)


class Signatory(TimeStampedModel):
    """Unterzeichnende Person einer Vorlage (z. B. die Landrätin und der Verfasser)."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="signatories")
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")
        ordering = ["paper", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.name}, {self.function}"


class PaperAttachment(AttachmentBase):
    """Anlage einer Vorlage als Datei (z. B. die Präsentation)."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="attachments")
    history = HistoricalRecords()

    class Meta(AttachmentBase.Meta):
        verbose_name = _("file of a paper")
        verbose_name_plural = _("files of a paper")


class PaperLink(TimeStampedModel):
    """Anlage einer Vorlage als Verweis auf einen Inhalt der Plattform (z. B. die Willensbekundung)."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("title"), max_length=200)
    path = models.CharField(
        _("address on this platform"),
        max_length=300,
        validators=[validate_platform_path],
        help_text=_("e.g. /willensbekundungen/1/"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["paper", "position", "pk"]

    def __str__(self) -> str:
        return self.title
