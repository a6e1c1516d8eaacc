"""The controlled vocabulary of topics (Themen), maintained by the coordination."""

from __future__ import annotations

from typing import Any, Self

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from forum.core.models import TimeStampedModel


class TopicQuerySet(models.QuerySet):
    def active(self) -> Self:
        return self.filter(retired=False, merged_into__isnull=True)

    def fields(self) -> Self:
        return self.filter(parent__isnull=True)

    def visible_to(self, user: Any) -> Self:
        """The vocabulary is public: every topic, retired and merged ones too (entries still point at them)."""
        return self.all()


class Topic(TimeStampedModel):
    """Thema des kontrollierten Vokabulars: ein Themenfeld oder ein Unterthema."""

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=150)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("field")
    )
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    retired = models.BooleanField(
        _("retired"), default=False, help_text=_("A retired topic keeps its entries but is offered no longer.")
    )
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged", verbose_name=_("merged into")
    )

    objects = TopicQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["parent__name", "name"]
        constraints = [
            models.CheckConstraint(condition=~Q(merged_into=models.F("pk")), name="topic_not_merged_into_itself"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("topics:topic_detail", args=[self.slug])

    def is_visible_to(self, user: Any) -> bool:
        """The same rule as ``TopicQuerySet.visible_to`` (for ``can_see`` and ``core.view_history``)."""
        return True

    @property
    def is_active(self) -> bool:
        return not self.retired and self.merged_into_id is None

    @transaction.atomic
    def merge_into(self, target: Topic) -> int:
        """Move everything that points at this topic to ``target``, then mark this one as merged.

        Works for every many-to-many relation to Topic in any app (found through the model's relations),
        so topics needs to know nothing of the apps that use it. Returns the number of re-pointed links.
        """
        if target.pk == self.pk:
            raise ValidationError(_("A topic cannot be merged into itself."), code="self")
        if not target.is_active:
            raise ValidationError(_("Merge into an active topic."), code="inactive_target")
        moved = 0
        for relation in self._meta.related_objects:
            if not relation.many_to_many:
                continue
            owners = relation.related_model._default_manager.filter(**{relation.field.name: self})
            for owner in owners:
                getattr(owner, relation.field.name).remove(self)
                getattr(owner, relation.field.name).add(target)
                moved += 1
        for child in self.children.all():
            child.parent = target.parent or target
            child.save(update_fields=["parent", "modified"])
        self.merged_into = target
        self.save(update_fields=["merged_into", "modified"])
        return moved

    def retire(self) -> None:
        self.retired = True
        self.save(update_fields=["retired", "modified"])

    def reactivate(self) -> None:
        self.retired = False
        self.save(update_fields=["retired", "modified"])

    def resolve(self) -> Topic:
        """The active topic this one stands for now (following merges)."""
        topic: Any = self
        seen = set()
        while topic.merged_into_id and topic.pk not in seen:
            seen.add(topic.pk)
            topic = topic.merged_into
        return topic


class StrategyQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> Self:
        """The strategy is a public document of the district."""
        return self.all()


class Strategy(TimeStampedModel):
    """Strategie des Landkreises (z. B. Zukunftsstrategie 2035), maintained by the coordination."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown: vision and overall aims."))
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=500, blank=True)
    is_current = models.BooleanField(
        _("current strategy"), default=True, help_text=_("Papers and undertakings refer to the current strategy.")
    )

    objects = StrategyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        ordering = ["-is_current", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("topics:strategy_detail", args=[self.slug])

    def is_visible_to(self, user: Any) -> bool:
        """The same rule as ``StrategyQuerySet.visible_to`` (for ``can_see``)."""
        return True


class FieldOfActionQuerySet(models.QuerySet):
    def current(self) -> Self:
        return self.filter(strategy__is_current=True)

    def visible_to(self, user: Any) -> Self:
        """The strategy is a public document of the district."""
        return self.all()


class FieldOfAction(TimeStampedModel):
    """Handlungsfeld einer Strategie."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.CASCADE, related_name="fields_of_action", verbose_name=_("strategy")
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))

    objects = FieldOfActionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")
        ordering = ["strategy", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "name"],
                name="unique_field_of_action",
                violation_error_message=_("This strategy already has a field of action with this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{self.strategy.get_absolute_url()}#handlungsfeld-{self.pk}"

    def is_visible_to(self, user: Any) -> bool:
        return True


class GuidingPrinciple(TimeStampedModel):
    """Leitgedanke in einem Handlungsfeld, wörtlich aus der Strategie."""

    field_of_action = models.ForeignKey(
        FieldOfAction, on_delete=models.CASCADE, related_name="guiding_principles", verbose_name=_("field of action")
    )
    text = models.TextField(_("wording"), help_text=_("Word for word as the strategy states it."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    source = models.CharField(_("source"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("guiding principle")
        verbose_name_plural = _("guiding principles")
        ordering = ["field_of_action", "position", "pk"]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else f"{self.text[:79]}…"

    def is_visible_to(self, user: Any) -> bool:
        return True
