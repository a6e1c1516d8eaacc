"""The catalogue of challenges and projects of each municipality, interest marks and comments."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, ClassVar, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from forum.core.models import ContentModel, ContentQuerySet, TimeStampedModel
from forum.core.roles import roles_of
from forum.documents.models import AttachmentBase
from forum.organisations.models import Organisation, Person
from forum.topics.models import FieldOfAction, Topic

from . import search_text
from .validators import validate_safe_markdown


def normal_key(name: str) -> str:
    """One spelling for one thing: "Komm.ONE", "KommONE" and "komm one" are all "kommone"."""
    folded = name.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    return re.sub(r"[^0-9a-z]+", "", folded)


class NamedThing(TimeStampedModel):
    name = models.CharField(_("name"), max_length=150)
    key = models.CharField(max_length=150, unique=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.key = normal_key(self.name)
        super().save(*args, **kwargs)

    @classmethod
    def for_names(cls, names: list[str]) -> list[Any]:
        """The rows for these names, created if new; spellings that normalise alike share one row."""
        things: list[Any] = []
        for name in names:
            name = " ".join(name.split())
            key = normal_key(name)
            if not key or any(thing.key == key for thing in things):
                continue
            # get_or_create: two people naming a new product at the same moment still get one row.
            thing, _created = cls.objects.get_or_create(key=key, defaults={"name": name})  # type: ignore[attr-defined]
            things.append(thing)
        return things


class Product(NamedThing):
    """Softwareprodukt, normalisiert."""

    class Meta(NamedThing.Meta):
        verbose_name = _("software product")
        verbose_name_plural = _("software products")


class Vendor(NamedThing):
    """Hersteller oder Dienstleister, normalisiert."""

    class Meta(NamedThing.Meta):
        verbose_name = _("vendor")
        verbose_name_plural = _("vendors")


class EntryQuerySet(ContentQuerySet):
    def challenges(self) -> Self:
        return self.filter(kind=Entry.Kind.CHALLENGE)

    def projects(self) -> Self:
        return self.filter(kind=Entry.Kind.PROJECT)


class Entry(ContentModel):
    """Eintrag im Katalog: eine Herausforderung oder ein Vorhaben einer Kommune (oder des Landkreises)."""

    class Kind(models.TextChoices):
        CHALLENGE = "challenge", _("challenge")
        PROJECT = "project", _("project")

    class Phase(models.TextChoices):
        IDEA = "idea", _("idea")
        PLANNING = "planning", _("planning")
        IMPLEMENTATION = "implementation", _("implementation")
        OPERATION = "operation", _("operation")
        COMPLETED = "completed", _("completed")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="entries", verbose_name=_("organisation")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), help_text=_("Markdown."), validators=[validate_safe_markdown])
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, blank=True)
    exemplary = models.BooleanField(_("exemplary"), default=False, help_text=_("Good practice others can learn from."))
    topics = models.ManyToManyField(Topic, related_name="entries", verbose_name=_("topics"))
    fields_of_action = models.ManyToManyField(
        FieldOfAction, blank=True, related_name="entries", verbose_name=_("fields of action of the strategy")
    )
    products = models.ManyToManyField(Product, blank=True, related_name="entries", verbose_name=_("software products"))
    vendors = models.ManyToManyField(Vendor, blank=True, related_name="entries", verbose_name=_("vendors"))
    contact = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name=_("contact person"),
    )
    links = models.TextField(_("links"), blank=True, help_text=_("One web address per line."))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    source = models.TextField(_("source"), blank=True, help_text=_("Where the information comes from."))
    # The names in the three lists above as of the last save, so the change history shows what changed in them
    # (it compares editable fields only, hence not editable=False). Set by ``save_with_lists``; in no form.
    topic_names = models.TextField(_("topics"), blank=True)
    product_names = models.TextField(_("software products"), blank=True)
    vendor_names = models.TextField(_("vendors"), blank=True)
    # The stemmed words of the fields in SEARCH_SOURCES (see search_text), set on every save; search.py searches it.
    search_document = models.TextField(editable=False, blank=True, default="")

    SEARCH_SOURCES: ClassVar[frozenset[str]] = frozenset(
        {"title", "description", "topic_names", "product_names", "vendor_names", "organisation"}
    )
    owner_field: ClassVar[str | None] = "organisation_id"
    objects = EntryQuerySet.as_manager()  # type: ignore[misc]
    history = HistoricalRecords(excluded_fields=["search_document"])

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["-modified"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="project") | (Q(phase="") & Q(exemplary=False)),
                name="entry_phase_only_for_projects",
                violation_error_message=_("Only a project has a phase or can be exemplary."),
            ),
            models.CheckConstraint(
                condition=Q(kind="challenge") | ~Q(phase=""),
                name="entry_project_has_phase",
                violation_error_message=_("A project needs a phase."),
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "kind"]),
            # The catalogue, newest first: a page (also a deep one), the count of what a person may see and the
            # search's facet counts, read from this index alone, without sorting or reading the (wide) rows.
            models.Index(
                fields=["-modified", "-id", "visibility", "is_draft", "organisation", "kind", "phase", "exemplary"],
                name="exchange_entry_recent_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("exchange:entry_detail", args=[self.pk])

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is None or self.SEARCH_SOURCES & set(update_fields):
            self.search_document = self.build_search_document()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "search_document"}
        super().save(*args, **kwargs)

    def build_search_document(self) -> str:
        """Title (weighted), description, topics, software, vendors and organisation, as search terms."""
        organisation = self.organisation.name if self.organisation_id else ""
        parts = [self.description, self.topic_names, self.product_names, self.vendor_names, organisation]
        return search_text.document(title=self.title, parts=parts)

    def clean(self) -> None:
        super().clean()
        if self.kind == self.Kind.PROJECT and not self.phase:
            raise ValidationError({"phase": _("A project needs a phase.")}, code="phase_required")
        if self.kind == self.Kind.CHALLENGE:
            self.phase, self.exemplary = "", False
        for line in self.link_list:
            if not line.startswith(("https://", "http://")):
                raise ValidationError({"links": _("Enter web addresses starting with https://.")}, code="bad_link")

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]

    @property
    def web_links(self) -> list[str]:
        """The links that are safe to put in an ``href`` (also for rows that were never cleaned)."""
        return [link for link in self.link_list if link.startswith(("https://", "http://"))]

    @transaction.atomic
    def save_with_lists(
        self,
        *,
        topics: Iterable[Topic] | None = None,
        products: Iterable[Product] | None = None,
        vendors: Iterable[Vendor] | None = None,
    ) -> None:
        """Save the entry with its topics, products and vendors (``None`` keeps a list as it is).

        The names go into the entry's own row first, so one save makes one history record that shows
        both the changed fields and the changed lists.
        """
        lists = {"topics": topics, "products": products, "vendors": vendors}
        chosen = {name: list(items) for name, items in lists.items() if items is not None}
        for name, items in chosen.items():
            setattr(self, _NAMES_FIELD[name], ", ".join(sorted((str(item) for item in items), key=str.casefold)))
        self.save()
        for name, items in chosen.items():
            getattr(self, name).set(items)


_NAMES_FIELD = {"topics": "topic_names", "products": "product_names", "vendors": "vendor_names"}


class EntryAttachment(AttachmentBase):
    """Datei eines Eintrags."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="attachments")
    history = HistoricalRecords()

    class Meta(AttachmentBase.Meta):
        verbose_name = _("file of an entry")
        verbose_name_plural = _("files of an entry")


class InterestQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> Self:
        return self.filter(entry__in=Entry.objects.visible_to(user))


class Interest(TimeStampedModel):
    """Interesse einer Mitgliedsorganisation an einem Eintrag einer anderen."""

    class Kind(models.TextChoices):
        CONCERNS_US = "concerns_us", _("concerns us too")
        EXPERIENCE = "experience", _("we have experience with it")
        JOIN = "join", _("we would join")

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="interests", verbose_name=_("entry"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="interests", verbose_name=_("organisation")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_example = models.BooleanField(_("example data"), default=False, editable=False)
    # When the owner's editors were told (``tasks.send_interest_notification``); set once, so nothing is sent twice.
    notified_at = models.DateTimeField(_("owner notified"), null=True, blank=True, editable=False)

    objects = InterestQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "organisation", "kind"],
                name="one_interest_per_organisation_and_kind",
                violation_error_message=_("Your organisation has already marked this entry this way."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_kind_display()} – {self.entry}"

    def clean(self) -> None:
        super().clean()
        if self.entry_id and self.organisation_id and self.entry.organisation_id == self.organisation_id:
            raise ValidationError(_("Mark entries of other organisations, not your own."), code="own_entry")


class CommentQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> Self:
        """The discussion is among members: comments on entries they may see (hidden ones included, see rules)."""
        if not roles_of(user).is_member:
            return self.none()
        return self.filter(entry__in=Entry.objects.visible_to(user))


class Comment(TimeStampedModel):
    """Kommentar eines Mitglieds zu einem Eintrag; die Koordination kann ihn mit Begründung ausblenden."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("comment"), max_length=5000)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    is_example = models.BooleanField(_("example data"), default=False, editable=False)

    objects = CommentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_hidden(self) -> bool:
        return bool(self.hidden_reason)

    def hide(self, *, reason: str) -> None:
        if not reason.strip():
            raise ValidationError({"hidden_reason": _("Please give a reason.")}, code="reason_required")
        self.hidden_reason = reason.strip()
        self.save(update_fields=["hidden_reason", "modified"])


class FollowQuerySet(models.QuerySet):
    def of(self, user: Any) -> Self:
        return self.filter(user=user) if user is not None and user.is_authenticated else self.none()


class Follow(models.Model):
    """Abonnement: eine Person folgt einem Thema, einer Organisation oder einem Eintrag (genau einem davon).

    Not content, so no change history; the digest (digests.py) reports what changed in what a person follows.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("topic")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("organisation")
    )
    entry = models.ForeignKey(
        Entry, on_delete=models.CASCADE, null=True, blank=True, related_name="follows", verbose_name=_("entry")
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    TARGETS: ClassVar[tuple[str, ...]] = ("topic", "organisation", "entry")

    objects = FollowQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["-created", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(topic__isnull=False, organisation__isnull=True, entry__isnull=True)
                    | Q(topic__isnull=True, organisation__isnull=False, entry__isnull=True)
                    | Q(topic__isnull=True, organisation__isnull=True, entry__isnull=False)
                ),
                name="follow_exactly_one_target",
                violation_error_message=_("Follow exactly one topic, organisation or entry."),
            ),
            # NULLs are distinct in a unique index (SQLite and PostgreSQL), so each pair only binds its own kind.
            models.UniqueConstraint(
                fields=["user", "topic"],
                name="follow_topic_once",
                violation_error_message=_("You already follow this."),
            ),
            models.UniqueConstraint(
                fields=["user", "organisation"],
                name="follow_organisation_once",
                violation_error_message=_("You already follow this."),
            ),
            models.UniqueConstraint(
                fields=["user", "entry"],
                name="follow_entry_once",
                violation_error_message=_("You already follow this."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.target}"

    @property
    def kind(self) -> str:
        return next(name for name in self.TARGETS if getattr(self, f"{name}_id") is not None)

    @property
    def target(self) -> Any:
        return getattr(self, self.kind)


class DigestSubscription(models.Model):
    """E-Mail-Zusammenfassung einer Person: wie oft (täglich, wöchentlich, nie) und bis wann die letzte reichte."""

    class Frequency(models.TextChoices):
        DAILY = "daily", _("daily")
        WEEKLY = "weekly", _("weekly")
        NEVER = "never", _("no e-mails")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_subscription")
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    # The end of the period the last digest covered, and so the start of the next one. Claimed by a conditional
    # UPDATE before sending (digests.send_digest_now), so no period is reported twice.
    last_sent_at = models.DateTimeField(_("last digest up to"))

    class Meta:
        verbose_name = _("e-mail digest")
        verbose_name_plural = _("e-mail digests")
        indexes = [models.Index(fields=["frequency", "last_sent_at"])]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_frequency_display()}"
