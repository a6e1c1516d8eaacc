"""District, municipalities and partner bodies; committees, people, memberships and roles."""

from __future__ import annotations

from typing import Any, ClassVar, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from forum.core.models import ContentModel, ContentQuerySet, TimeStampedModel


class OrganisationQuerySet(ContentQuerySet):
    def municipalities(self) -> Self:
        return self.filter(kind__in=Organisation.MUNICIPAL_KINDS)

    def partners(self) -> Self:
        return self.exclude(kind__in=[*Organisation.MUNICIPAL_KINDS, Organisation.Kind.DISTRICT])

    def of_district(self, kreisschluessel: str) -> Self:
        return self.filter(Q(ags=kreisschluessel) | Q(district__ags=kreisschluessel))


class Organisation(ContentModel):
    """Landkreis, Stadt, Gemeinde oder Partnerorganisation (Zweckverband, IT-Dienstleister …)."""

    class Kind(models.TextChoices):
        DISTRICT = "district", _("district")
        CITY = "city", _("town")
        MUNICIPALITY = "municipality", _("municipality")
        SPECIAL_PURPOSE_ASSOCIATION = "special_purpose_association", _("special-purpose association")
        IT_PROVIDER = "it_provider", _("IT service provider")
        MUNICIPAL_ASSOCIATION = "municipal_association", _("municipal umbrella association")
        ADMINISTRATIVE_UNION = "administrative_union", _("administrative union")
        STATE = "state", _("state")
        OTHER = "other", _("other")

    MUNICIPAL_KINDS = (Kind.CITY, Kind.MUNICIPALITY)

    name = models.CharField(_("name"), max_length=200)
    official_name = models.CharField(_("official name"), max_length=200, blank=True)
    kind = models.CharField(_("type"), max_length=40, choices=Kind.choices)
    official_kind = models.CharField(
        _("official type"),
        max_length=60,
        blank=True,
        help_text=_("As in the official register, e.g. Große Kreisstadt."),
    )
    slug = models.SlugField(_("short name in addresses"), max_length=120, unique=True)
    ags = models.CharField(
        _("official key (AGS)"),
        max_length=8,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Amtlicher Gemeindeschlüssel (8 digits) or Kreisschlüssel (5 digits)."),
    )
    district = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("district"),
        limit_choices_to={"kind": "district"},
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_date = models.DateField(_("population as of"), null=True, blank=True)
    area_km2 = models.DecimalField(_("area (km²)"), max_digits=10, decimal_places=2, null=True, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    street = models.CharField(_("street"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("place"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    source = models.TextField(_("source"), blank=True, help_text=_("Where the official figures come from."))

    owner_field: ClassVar[str | None] = "id"
    objects = OrganisationQuerySet.as_manager()  # type: ignore[misc]
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind__in=["city", "municipality"]) | Q(ags__regex=r"^[0-9]{8}$"),
                name="municipality_has_ags",
                violation_error_message=_("A town or municipality needs an eight-digit AGS."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_municipal(self) -> bool:
        return self.kind in self.MUNICIPAL_KINDS

    def get_absolute_url(self) -> str:
        if self.ags:
            return reverse("portal:organisation_detail", args=[self.ags])  # composed by the portal
        return reverse("organisations:partner_detail", args=[self.slug])

    @property
    def address(self) -> str:
        place = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.street, place) if part)


class Person(ContentModel):
    """Person, z. B. Ansprechperson einer Kommune oder Mitglied eines Gremiums."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("organisation"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("user account"),
    )
    title = models.CharField(_("title"), max_length=50, blank=True, help_text=_("e.g. Dr."))
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    function = models.CharField(_("function"), max_length=150, blank=True, help_text=_("e.g. Bürgermeisterin"))
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    is_contact = models.BooleanField(
        _("contact person"), default=True, help_text=_("Shown as contact person on the organisation's page.")
    )

    owner_field: ClassVar[str | None] = "organisation_id"
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["family_name", "given_name"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.title, self.given_name, self.family_name) if part)

    def get_absolute_url(self) -> str:
        return reverse("organisations:person_detail", args=[self.pk])


class Committee(ContentModel):
    """Gremium: das Forum selbst, der Kreistag, eine Verbandsversammlung, später Arbeitsgruppen."""

    class Kind(models.TextChoices):
        FORUM = "forum", _("forum")
        COUNCIL = "council", _("district council")
        ASSEMBLY = "assembly", _("association assembly")
        COMMITTEE = "committee", _("committee")
        WORKING_GROUP = "working_group", _("working group")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="committees",
        verbose_name=_("organisation"),
        help_text=_("The body the committee belongs to."),
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    start_date = models.DateField(_("since"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)

    owner_field: ClassVar[str | None] = "organisation_id"
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="committee_ends_after_start",
                violation_error_message=_("The end date must not be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:committee_detail", args=[self.pk])


class MembershipQuerySet(ContentQuerySet):
    def current(self, on: Any = None) -> Self:
        day = on or timezone.localdate()
        return self.filter(Q(start_date__isnull=True) | Q(start_date__lte=day)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )


class Membership(ContentModel):
    """Mitgliedschaft einer Person in einem Gremium, mit Rolle und Zeitraum."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person"))
    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("committee")
    )
    on_behalf_of = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on behalf of"),
        help_text=_("The organisation the person represents."),
    )
    role = models.CharField(_("role"), max_length=100, default="Mitglied", help_text=_("e.g. Vorsitz, Mitglied"))
    voting_right = models.BooleanField(_("voting right"), default=True)
    start_date = models.DateField(_("from"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)

    owner_field: ClassVar[str | None] = "committee__organisation_id"
    objects = MembershipQuerySet.as_manager()  # type: ignore[misc]
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["committee", "person__family_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
                violation_error_message=_("The end date must not be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.committee} ({self.role})"


class RoleQuerySet(models.QuerySet):
    def current(self) -> Self:
        today = timezone.localdate()
        return self.filter(start_date__lte=today).filter(Q(end_date__isnull=True) | Q(end_date__gte=today))


class Role(TimeStampedModel):
    """Rolle eines Benutzerkontos: Mitglied oder Redaktion einer Organisation; Koordination oder Betrieb."""

    class Kind(models.TextChoices):
        MEMBER = "member", _("member")
        EDITOR = "editor", _("editor")
        COORDINATION = "coordination", _("coordination")
        OPERATOR = "operator", _("operator")

    PER_ORGANISATION = (Kind.MEMBER, Kind.EDITOR)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_roles", verbose_name=_("user")
    )
    kind = models.CharField(_("role"), max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="roles",
        verbose_name=_("organisation"),
    )
    start_date = models.DateField(_("from"), default=timezone.localdate)
    end_date = models.DateField(_("until"), null=True, blank=True)

    objects = RoleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["user", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind__in=["member", "editor"]) & Q(organisation__isnull=False))
                | (Q(kind__in=["coordination", "operator"]) & Q(organisation__isnull=True)),
                name="role_organisation_matches_kind",
                violation_error_message=_(
                    "Member and editor roles belong to an organisation; coordination and operator to none."
                ),
            ),
            models.UniqueConstraint(fields=["user", "kind", "organisation"], name="unique_role_per_organisation"),
            models.UniqueConstraint(
                fields=["user", "kind"],
                condition=Q(organisation__isnull=True),
                name="unique_instance_role",
            ),
        ]

    def __str__(self) -> str:
        if self.organisation_id:
            return f"{self.get_kind_display()} – {self.organisation}"
        return str(self.get_kind_display())
