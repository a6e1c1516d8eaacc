"""Undertakings of the district (Vorhaben des Landkreises / IKZ-Vorhaben): participants, milestones, files, costs."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from forum.core.models import ContentModel, ContentQuerySet, TimeStampedModel
from forum.documents.models import AttachmentBase, StoredFile
from forum.exchange.models import Entry
from forum.exchange.validators import validate_safe_markdown
from forum.organisations.models import Committee, Organisation, Person
from forum.topics.models import FieldOfAction, GuidingPrinciple, Topic

from . import costs

# Path segments below /vorhaben-des-landkreises/ that are not undertakings.
RESERVED_SLUGS = frozenset({"neu", "dateien", "beteiligte", "meilensteine"})
PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class UndertakingQuerySet(ContentQuerySet):
    def of_organisation(self, organisation: Organisation) -> Self:
        """Undertakings in which ``organisation`` takes part (the lead always does)."""
        return self.filter(participations__organisation=organisation).distinct()


class Undertaking(ContentModel):
    """Vorhaben des Landkreises / IKZ-Vorhaben, with its own governing body and way of deciding."""

    class Status(models.TextChoices):
        PREPARATION = "preparation", _("in preparation")
        RUNNING = "running", _("running")
        COMPLETED = "completed", _("completed")
        DISCONTINUED = "discontinued", _("discontinued")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=120, unique=True, editable=False)
    summary = models.CharField(_("summary"), max_length=300, blank=True, help_text=_("One sentence for lists."))
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown."), validators=[validate_safe_markdown]
    )
    governing_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="governed_undertakings",
        verbose_name=_("governing body"),
        help_text=_("Who steers the undertaking, e.g. a special-purpose association or the district."),
    )
    governing_committee = models.ForeignKey(
        Committee,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="undertakings",
        verbose_name=_("deciding committee"),
        help_text=_("e.g. the association assembly or the forum."),
    )
    decision_process = models.CharField(
        _("how it decides"),
        max_length=500,
        blank=True,
        help_text=_("e.g. “Entscheidungen trifft die Verbandsversammlung.”"),
    )
    lead = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="led_undertakings", verbose_name=_("lead organisation")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PREPARATION)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="undertakings", verbose_name=_("topics"))
    fields_of_action = models.ManyToManyField(
        FieldOfAction, blank=True, related_name="undertakings", verbose_name=_("fields of action of the strategy")
    )
    guiding_principles = models.ManyToManyField(
        GuidingPrinciple,
        blank=True,
        related_name="undertakings",
        verbose_name=_("guiding principles it follows"),
    )
    entries = models.ManyToManyField(
        Entry, blank=True, related_name="undertakings", verbose_name=_("linked challenges and projects")
    )

    owner_field: ClassVar[str | None] = "lead_id"
    objects = UndertakingQuerySet.as_manager()  # type: ignore[misc]
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("undertaking")
        verbose_name_plural = _("undertakings")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cooperation:undertaking_detail", args=[self.slug])

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = self.unique_slug(self.title)
        super().save(*args, **kwargs)

    @classmethod
    def unique_slug(cls, title: str) -> str:
        base = slugify(title.replace("ß", "ss"))[:100] or "vorhaben"
        if base in RESERVED_SLUGS:
            base = f"vorhaben-{base}"
        slug, number = base, 1
        while cls.objects.filter(slug=slug).exists():
            number += 1
            slug = f"{base}-{number}"
        return slug


class Participation(TimeStampedModel):
    """Beteiligung einer Organisation an einem Vorhaben, mit ihrer Rolle."""

    class Role(models.TextChoices):
        LEAD = "lead", _("lead")
        PARTICIPANT = "participant", _("participant")
        OBSERVER = "observer", _("observer")
        PARTNER = "partner", _("partner (e.g. IT service provider)")

    # Roles whose municipalities share the costs.
    PAYING_ROLES = (Role.LEAD, Role.PARTICIPANT)

    undertaking = models.ForeignKey(Undertaking, on_delete=models.CASCADE, related_name="participations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="participations", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTICIPANT)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["undertaking", "organisation"],
                name="one_participation_per_organisation",
                violation_error_message=_("This organisation already takes part in the undertaking."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.get_role_display()}"

    @property
    def pays(self) -> bool:
        """Whether it shares the costs: a municipality as lead or participant (the district pays its own share)."""
        return self.role in self.PAYING_ROLES and self.organisation.is_municipal

    def clean(self) -> None:
        super().clean()
        if self.role == self.Role.LEAD and self.undertaking_id and self.organisation_id != self.undertaking.lead_id:
            message = _("Only the undertaking's lead organisation has the role “lead”.")
            raise ValidationError({"role": ValidationError(message, code="not_lead")})


class Milestone(TimeStampedModel):
    """Meilenstein eines Vorhabens."""

    undertaking = models.ForeignKey(Undertaking, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_on is not None


class UndertakingAttachment(AttachmentBase):
    """Datei eines Vorhabens."""

    undertaking = models.ForeignKey(Undertaking, on_delete=models.CASCADE, related_name="attachments")
    history = HistoricalRecords()

    class Meta(AttachmentBase.Meta):
        verbose_name = _("file of an undertaking")
        verbose_name_plural = _("files of an undertaking")


class WorkingGroupQuerySet(ContentQuerySet):
    def visible_to(self, user: Any) -> Self:
        """Working groups the user may see, of undertakings the user may see."""
        return super().visible_to(user).filter(undertaking__in=Undertaking.objects.visible_to(user))


class WorkingGroup(ContentModel):
    """Arbeitsgruppe eines Vorhabens: member organisations and people; meets as a committee of kind "working group"."""

    undertaking = models.ForeignKey(
        Undertaking, on_delete=models.CASCADE, related_name="working_groups", verbose_name=_("undertaking")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown."), validators=[validate_safe_markdown]
    )
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="working_groups", verbose_name=_("member organisations")
    )
    people = models.ManyToManyField(Person, blank=True, related_name="working_groups", verbose_name=_("members"))
    committee = models.OneToOneField(
        Committee,
        on_delete=models.PROTECT,
        related_name="working_group",
        editable=False,
        verbose_name=_("committee"),
        help_text=_("The committee whose meetings are the working group's meetings; created with the group."),
    )
    entries = models.ManyToManyField(
        Entry, blank=True, related_name="working_groups", verbose_name=_("linked challenges and projects")
    )

    owner_field: ClassVar[str | None] = "undertaking__lead_id"
    objects = WorkingGroupQuerySet.as_manager()  # type: ignore[misc]
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["undertaking", "name"],
                name="one_working_group_per_name",
                violation_error_message=_("The undertaking already has a working group of this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("cooperation:workinggroup_detail", args=[self.undertaking.slug, self.pk])

    def is_visible_to(self, user: Any) -> bool:
        return super().is_visible_to(user) and self.undertaking.is_visible_to(user)


class CostPlanQuerySet(ContentQuerySet):
    def visible_to(self, user: Any) -> Self:
        """Plans the user may see, of undertakings the user may see."""
        return super().visible_to(user).filter(undertaking__in=Undertaking.objects.visible_to(user))

    def with_payers(self) -> Self:
        """With each plan's undertaking and its paying participants (two queries in all), for ``CostPlan.table``."""
        return self.select_related("undertaking").prefetch_related(
            models.Prefetch(
                "undertaking__participations",
                queryset=Participation.objects.filter(role__in=Participation.PAYING_ROLES)
                .select_related("organisation")
                .order_by("organisation__name", "pk"),
            )
        )

    def paid_by(self, organisation: Organisation) -> Self:
        """Plans of undertakings in which ``organisation`` shares the costs (as lead or participant)."""
        return self.filter(
            undertaking__participations__organisation=organisation,
            undertaking__participations__role__in=Participation.PAYING_ROLES,
        )


class CostPlan(ContentModel):
    """Kostenplan eines Vorhabens für ein Jahr: Gesamtkosten, Verteilschlüssel, Anteil des Landkreises."""

    class Key(models.TextChoices):
        PER_INHABITANT = costs.PER_INHABITANT, _("per inhabitant")
        EQUAL = costs.EQUAL, _("equal shares")
        MIXED = costs.MIXED, _("mixed: base amount and per inhabitant")

    undertaking = models.ForeignKey(
        Undertaking, on_delete=models.CASCADE, related_name="cost_plans", verbose_name=_("undertaking")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    total = models.DecimalField(
        _("total costs (€)"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    key = models.CharField(_("cost key"), max_length=20, choices=Key.choices, default=Key.PER_INHABITANT)
    base_share_percent = models.DecimalField(
        _("base amount (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
        help_text=_("Mixed key only: the part split equally, e.g. 50."),
    )
    population_share_percent = models.DecimalField(
        _("per inhabitant (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
        help_text=_("Mixed key only: the part split by population, e.g. 50. Both parts add up to 100."),
    )
    district_share_amount = models.DecimalField(
        _("district's share (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Optional: a fixed amount the district pays before the rest is shared."),
    )
    district_share_percent = models.DecimalField(
        _("district's share (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
        help_text=_("Optional, instead of an amount: the district's percentage of the total."),
    )
    note = models.TextField(_("note"), blank=True, help_text=_("e.g. what the costs consist of."))

    owner_field: ClassVar[str | None] = "undertaking__lead_id"
    objects = CostPlanQuerySet.as_manager()  # type: ignore[misc]
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cost plan")
        verbose_name_plural = _("cost plans")
        ordering = ["undertaking", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["undertaking", "year"],
                name="one_cost_plan_per_year",
                violation_error_message=_("The undertaking already has a cost plan for this year."),
            ),
            models.CheckConstraint(
                condition=Q(total__gte=0),
                name="cost_plan_total_not_negative",
                violation_error_message=_("The costs must not be negative."),
            ),
            models.CheckConstraint(
                condition=Q(district_share_amount__isnull=True) | Q(district_share_percent__isnull=True),
                name="cost_plan_one_kind_of_district_share",
                violation_error_message=_(
                    "Give the district's share either as an amount or as a percentage, not both."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.undertaking} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("cooperation:costplan_detail", args=[self.undertaking.slug, self.year])

    def is_visible_to(self, user: Any) -> bool:
        return super().is_visible_to(user) and self.undertaking.is_visible_to(user)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[ValidationError]] = {}

        def error(field: str, message: Any, code: str) -> None:
            errors.setdefault(field, []).append(ValidationError(message, code=code))

        if self.total is not None and self.total < 0:
            error("total", _("The costs must not be negative."), "negative")
        if self.key == self.Key.MIXED:
            base, by_population = self.base_share_percent, self.population_share_percent
            if base is None:
                error("base_share_percent", _("A mixed key needs the base amount in percent."), "required")
            if by_population is None:
                error("population_share_percent", _("A mixed key needs the part per inhabitant."), "required")
            for field, value in (("base_share_percent", base), ("population_share_percent", by_population)):
                if value is not None and not Decimal(0) <= value <= Decimal(100):
                    error(field, _("Enter a percentage between 0 and 100."), "percent_range")
            if base is not None and by_population is not None and not errors and base + by_population != 100:
                error(
                    "population_share_percent",
                    _("The parts of the key must add up to 100 percent (now: %(sum)s).")
                    % {"sum": _number(base + by_population)},
                    "key_sum",
                )
        else:
            self.base_share_percent = self.population_share_percent = None
        if self.district_share_amount is not None and self.district_share_percent is not None:
            error(
                "district_share_percent",
                _("Give the district's share either as an amount or as a percentage, not both."),
                "two_district_shares",
            )
        if self.district_share_amount is not None:
            if self.district_share_amount < 0:
                error("district_share_amount", _("The district's share must not be negative."), "negative")
            elif self.total is not None and self.district_share_amount > self.total:
                error("district_share_amount", _("The district's share must not exceed the total costs."), "too_high")
        if self.district_share_percent is not None and not Decimal(0) <= self.district_share_percent <= 100:
            error("district_share_percent", _("Enter a percentage between 0 and 100."), "percent_range")
        if errors:
            raise ValidationError(errors)

    def payers(self) -> list[costs.Payer]:
        """The municipalities sharing the costs: those taking part as lead or participant, by name.

        Uses the undertaking's prefetched participations (with their organisations, by name) if there are any,
        so a list of plans costs no query per plan (see ``CostPlanQuerySet.with_payers``).
        """
        if "participations" in getattr(self.undertaking, "_prefetched_objects_cache", {}):
            participations = self.undertaking.participations.all()
        else:
            participations = self.undertaking.participations.filter(role__in=Participation.PAYING_ROLES).select_related(
                "organisation"
            )
        return [payer_of(p.organisation) for p in participations if p.pays]

    def table(self, payers: list[costs.Payer] | None = None) -> costs.CostTable:
        """The shares of ``payers`` (default: the participants); raises ``costs.CostError`` if they cannot be made."""
        return costs.share_costs(
            self.total,
            self.payers() if payers is None else payers,
            key=self.key,
            base_percent=self.base_share_percent,
            population_percent=self.population_share_percent,
            district_fixed=self.district_share_amount,
            district_percent=self.district_share_percent,
        )


def _number(value: Decimal) -> str:
    """A percentage as people write it: "90", "90,5" (in the active language's format)."""
    return formats.number_format(value, decimal_pos=0 if value == value.to_integral_value() else 2)


def payer_of(organisation: Organisation) -> costs.Payer:
    return costs.Payer(
        id=organisation.pk,
        name=organisation.name,
        population=organisation.population,
        population_date=organisation.population_date,
    )


# Declarations of intent (Willensbekundungen), campaigns and signatures ----------------------------------

# The placeholders a declaration text may use, each filled per municipality in the personalised PDF.
PLACEHOLDERS: dict[str, Any] = {
    "kommune": _("name of the town or municipality"),
    "buergermeisterin_oder_buergermeister": _("name of the mayor (a blank line if not known)"),
    "datum": _("date of the signature (a blank line to fill in)"),
    "landkreis": _("name of the district"),
}
PLACEHOLDER_PATTERN = re.compile(r"\{([^{}\s]*)\}")


def validate_placeholders(text: str) -> None:
    """Refuse a text with placeholders we cannot fill, naming them and those that exist."""
    unknown = sorted({name for name in PLACEHOLDER_PATTERN.findall(text) if name not in PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            _("Unknown placeholder: %(unknown)s. Possible placeholders: %(known)s.")
            % {
                "unknown": ", ".join(f"{{{name}}}" for name in unknown),
                "known": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
            },
            code="unknown_placeholder",
        )


def fill_placeholders(text: str, values: dict[str, str]) -> str:
    """``text`` with each known placeholder replaced by its value (unknown ones stay as they are)."""
    return PLACEHOLDER_PATTERN.sub(lambda match: values.get(match.group(1), match.group(0)), text)


class Declaration(ContentModel):
    """Willensbekundung: a text the coordination writes, kept in versions, optionally for an undertaking (the IKZ)."""

    title = models.CharField(_("title"), max_length=200)
    undertaking = models.ForeignKey(
        Undertaking,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="declarations",
        verbose_name=_("undertaking"),
        help_text=_("The undertaking of the district the declaration is about, e.g. the IKZ."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("declaration of intent")
        verbose_name_plural = _("declarations of intent")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cooperation:declaration_detail", args=[self.pk])

    def current_version(self) -> DeclarationVersion | None:
        return self.versions.order_by("-number").first()

    def revise(self, text: str, *, by: Any = None) -> DeclarationVersion:
        """Set the text: a new version if there is none yet or the current one was sent or signed; else edit it."""
        validate_placeholders(text)
        validate_safe_markdown(text)
        current = self.current_version()
        if current is not None and current.text == text:
            return current
        if current is None or current.is_fixed():
            number = current.number + 1 if current else 1
            return DeclarationVersion.objects.create(declaration=self, number=number, text=text, created_by=by)
        current.text = text
        current.save()
        return current


class DeclarationVersion(TimeStampedModel):
    """Fassung einer Willensbekundung. Fixed once a campaign sent it (and with it, once anyone signed it)."""

    declaration = models.ForeignKey(Declaration, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"), validators=[validate_safe_markdown, validate_placeholders])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("version of a declaration")
        verbose_name_plural = _("versions of a declaration")
        ordering = ["declaration", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["declaration", "number"], name="one_declaration_version_per_number"),
        ]

    def __str__(self) -> str:
        return f"{self.declaration} ({self.number})"

    def is_fixed(self) -> bool:
        """Sent by a campaign or pointed at by a signature: the text may no longer change."""
        if not self.pk:
            return False
        return self.campaigns.exists() or self.signatures.exists()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk and self.is_fixed():
            stored = DeclarationVersion.objects.filter(pk=self.pk).values_list("text", flat=True).first()
            if stored is not None and stored != self.text:
                raise ValidationError(_("This version has been sent and cannot be changed any more."), code="fixed")
        super().save(*args, **kwargs)


class CampaignQuerySet(ContentQuerySet):
    def running(self, on: date | None = None) -> Self:
        """Published campaigns whose deadline has not passed."""
        return self.filter(is_draft=False, due_on__gte=on or timezone.localdate())


class Campaign(ContentModel):
    """Kampagne: one version of a declaration, sent to all municipalities of the district, with a deadline."""

    declaration = models.ForeignKey(
        Declaration, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("declaration of intent")
    )
    version = models.ForeignKey(
        DeclarationVersion, on_delete=models.PROTECT, related_name="campaigns", verbose_name=_("version")
    )
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("answer by"))
    message = models.TextField(
        _("message"), blank=True, help_text=_("A few words for the e-mail to the municipalities' editors.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = CampaignQuerySet.as_manager()  # type: ignore[misc]
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-due_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("cooperation:campaign_detail", args=[self.pk])

    @property
    def is_running(self) -> bool:
        return not self.is_draft and self.due_on >= timezone.localdate()


class Signature(TimeStampedModel):
    """Unterzeichnung: where one municipality stands with a campaign's declaration, moved step by step."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested")
        DELIBERATION = "deliberation", _("in deliberation")
        RESOLVED = "resolved", _("resolved")
        SIGNED = "signed", _("signed")
        DECLINED = "declined", pgettext_lazy("signature status", "declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    # Which status may follow which: no step may be skipped.
    NEXT: ClassVar[dict[str, tuple[str, ...]]] = {
        Status.REQUESTED: (Status.DELIBERATION, Status.DECLINED, Status.WITHDRAWN),
        Status.DELIBERATION: (Status.RESOLVED, Status.DECLINED, Status.WITHDRAWN),
        Status.RESOLVED: (Status.SIGNED, Status.DECLINED, Status.WITHDRAWN),
        Status.SIGNED: (Status.WITHDRAWN,),
        Status.DECLINED: (),
        Status.WITHDRAWN: (),
    }
    OPEN: ClassVar[tuple[str, ...]] = (Status.REQUESTED, Status.DELIBERATION)
    # The fields each status needs (and the fields it may set).
    REQUIRED: ClassVar[dict[str, tuple[str, ...]]] = {
        Status.DELIBERATION: ("committee_name", "meeting_on"),
        Status.RESOLVED: ("resolved_on",),
        Status.SIGNED: ("signed_on", "signatory_name", "signatory_function"),
        Status.DECLINED: ("reason",),
        Status.WITHDRAWN: (),
    }
    OPTIONAL: ClassVar[dict[str, tuple[str, ...]]] = {Status.SIGNED: ("scan",), Status.WITHDRAWN: ("reason",)}

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="signatures")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="signatures", verbose_name=_("town or municipality")
    )
    version = models.ForeignKey(
        DeclarationVersion, on_delete=models.PROTECT, related_name="signatures", verbose_name=_("version")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED)
    committee_name = models.CharField(
        _("council or committee"), max_length=200, blank=True, help_text=_("e.g. Gemeinderat")
    )
    meeting_on = models.DateField(_("meeting date"), null=True, blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signatory_name = models.CharField(_("signed by"), max_length=200, blank=True)
    signatory_function = models.CharField(
        _("function of the signatory"), max_length=200, blank=True, help_text=_("e.g. Bürgermeisterin")
    )
    scan = models.OneToOneField(
        StoredFile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed copy (scan)"),
    )
    reason = models.TextField(_("reason"), blank=True)
    last_reminded_on = models.DateField(_("last reminded on"), null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "organisation"], name="one_signature_per_campaign"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return reverse("cooperation:signature_detail", args=[self.campaign_id, self.organisation.ags])

    def owner_organisation_id(self) -> int:
        return self.organisation_id

    def is_visible_to(self, user: Any) -> bool:
        return self.campaign.is_visible_to(user)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    def next_statuses(self) -> tuple[str, ...]:
        return self.NEXT[self.status]

    @transaction.atomic
    def move_to(self, status: str, *, by: Any = None, **values: Any) -> SignatureStep:
        """Take the next step to ``status`` with its fields, and record it; refuses skipped steps and missing fields."""
        if status not in self.next_statuses():
            raise ValidationError(
                _("“%(current)s” cannot be followed by “%(next)s”. Possible next steps: %(possible)s.")
                % {
                    "current": self.get_status_display(),
                    "next": Signature.Status(status).label if status in self.Status.values else status,
                    "possible": ", ".join(str(self.Status(s).label) for s in self.next_statuses()) or "–",
                },
                code="skipped",
            )
        required = self.REQUIRED[status]
        allowed = set(required) | set(self.OPTIONAL.get(status, ()))
        missing = {name: values.get(name) for name in required if values.get(name) in (None, "")}
        if missing:
            raise ValidationError(
                {
                    name: ValidationError(
                        _("Please enter: %(field)s.")
                        % {"field": getattr(self._meta.get_field(name), "verbose_name", name)},
                        code="required",
                    )
                    for name in missing
                }
            )
        for name, value in values.items():
            if name in allowed and value not in (None, ""):
                setattr(self, name, value)
        previous = self.status
        self.status = status
        self.save()
        return SignatureStep.objects.create(
            signature=self,
            from_status=previous,
            to_status=status,
            by=by if getattr(by, "is_authenticated", False) else None,
            note=self.step_note(status),
        )

    def step_note(self, status: str) -> str:
        """What the step recorded, in a line for the page's history."""
        if status == self.Status.DELIBERATION:
            return f"{self.committee_name}, {_short(self.meeting_on)}"
        if status == self.Status.RESOLVED:
            return _short(self.resolved_on)
        if status == self.Status.SIGNED:
            day = _short(self.signed_on)
            return f"{self.signatory_name} ({self.signatory_function}), {day}"
        return self.reason if status in (self.Status.DECLINED, self.Status.WITHDRAWN) else ""


def _short(day: date | None) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT") if day else ""


class SignatureStep(models.Model):
    """One step of a signature, with who took it and when."""

    signature = models.ForeignKey(Signature, on_delete=models.CASCADE, related_name="steps")
    from_status = models.CharField(_("from"), max_length=20, choices=Signature.Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Signature.Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField(_("when"), default=timezone.now)
    note = models.TextField(_("details"), blank=True)

    class Meta:
        verbose_name = _("step of a signature")
        verbose_name_plural = _("steps of a signature")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.signature}: {self.from_status} → {self.to_status}"
