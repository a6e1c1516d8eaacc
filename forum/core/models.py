"""Base fields and the one visibility filter that every channel starts from."""

from __future__ import annotations

from typing import Any, ClassVar, Self

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .roles import roles_of
from .visibility import Visibility

__all__ = ["ContentModel", "ContentQuerySet", "LegalText", "TimeStampedModel", "Visibility"]


class TimeStampedModel(models.Model):
    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    modified = models.DateTimeField(_("modified"), auto_now=True, db_index=True)

    class Meta:
        abstract = True


class ContentQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> Self:
        """Rows this user may read: published at one of their levels, or drafts of their own organisation.

        The single filter behind pages, search, API, OParl, iCal, exports and e-mail.
        """
        roles = roles_of(user)
        if roles.sees_everything:
            return self.all()
        condition = Q(is_draft=False, visibility__in=roles.levels)
        owner = getattr(self.model, "owner_field", None)
        if owner and roles.editor_of:
            condition |= Q(is_draft=True, **{f"{owner}__in": roles.editor_of})
        return self.filter(condition)


class ContentModel(TimeStampedModel):
    """Content with a visibility, a draft state and a flag for example data."""

    visibility = models.CharField(_("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC)
    is_draft = models.BooleanField(
        _("draft"),
        default=False,
        help_text=_("A draft is seen only by its organisation's editors and the coordination."),
    )
    is_example = models.BooleanField(_("example data"), default=False, editable=False)

    # Lookup path from this model to the id of the organisation that owns it ("id" for an organisation).
    owner_field: ClassVar[str | None] = None

    objects = ContentQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def type_label(self) -> str:
        """The model's German name, for lists that mix kinds of content."""
        return str(self._meta.verbose_name)

    def owner_organisation_id(self) -> int | None:
        if self.owner_field is None:
            return None
        value: Any = self
        for part in self.owner_field.split("__"):
            value = getattr(value, part, None)
            if value is None:
                return None
        return int(value)

    def is_visible_to(self, user: Any) -> bool:
        """The same rule as ``visible_to``, for one object already in memory."""
        roles = roles_of(user)
        if roles.sees_everything:
            return True
        if not self.is_draft and self.visibility in roles.levels:
            return True
        return self.is_draft and self.owner_organisation_id() in roles.editor_of


class LegalText(TimeStampedModel):
    """Pflichtseite (Impressum, Datenschutzerklärung, Erklärung zur Barrierefreiheit), vom Betrieb gepflegt."""

    class Page(models.TextChoices):
        IMPRINT = "impressum", _("Imprint")
        PRIVACY = "datenschutz", _("Privacy policy")
        ACCESSIBILITY = "barrierefreiheit", _("Accessibility statement")

    page = models.CharField(_("page"), max_length=30, choices=Page.choices, unique=True)
    body = models.TextField(
        _("text"), help_text=_("Markdown. Leave the page out to show the default text built from the settings.")
    )

    class Meta:
        verbose_name = _("legal text")
        verbose_name_plural = _("legal texts")

    def __str__(self) -> str:
        return str(self.get_page_display())
