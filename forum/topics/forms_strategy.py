"""Forms of the district strategy (kept by the coordination), and the strategy fields of other apps' forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from forum.core.forms import ModelForm

from .forms import _UMLAUTS
from .models import FieldOfAction, GuidingPrinciple, Strategy

# Words of the strategy's own addresses (/strategie/neu/, /strategie/handlungsfelder/…) that no slug may take.
_RESERVED = {"neu", "handlungsfelder", "leitgedanken"}
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def unique_strategy_slug(name: str) -> str:
    """A readable, unused short name for the address ("Zukunftsstrategie 2035" → "zukunftsstrategie-2035")."""
    base = slugify(name.translate(_UMLAUTS))[:70].strip("-") or "strategie"
    slug, number = base, 1
    while slug in _RESERVED or Strategy.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


class StrategyForm(ModelForm):
    """The strategy's own data; the address (short name) is set once and survives renaming."""

    class Meta:
        model = Strategy
        fields = ["name", "description", "adopted_on", "source", "is_current"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6}), "adopted_on": _DATE}
        help_texts = {
            "description": _("Markdown: **bold**, *italic*, lists with “-”, links as [text](https://…)."),
            "source": _("Where the strategy is published, e.g. the address of the district's web page."),
            "is_current": _(
                "Entries, undertakings and papers choose from the fields of action of the current strategy. "
                "Only one strategy is current: ticking this makes the others former ones."
            ),
        }

    def clean_name(self) -> str:
        name: str = " ".join(self.cleaned_data["name"].split())
        if Strategy.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("A strategy of this name exists already."), code="duplicate_name")
        return name

    def save(self, commit: bool = True) -> Strategy:
        strategy: Strategy = super().save(commit=False)
        if not strategy.slug:
            strategy.slug = unique_strategy_slug(strategy.name)
        if commit:
            strategy.save()
        return strategy


class FieldOfActionForm(ModelForm):
    class Meta:
        model = FieldOfAction
        fields = ["name", "position", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "position": _("Fields of action are listed in this order (1, 2, 3 …)."),
            "description": _("Markdown, optional: what the strategy aims at in this field."),
        }

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.strategy = strategy

    def clean_name(self) -> str:
        name: str = " ".join(self.cleaned_data["name"].split())
        # The form has no strategy field, so Django's check of the unique constraint would skip it.
        fields = FieldOfAction.objects.filter(strategy=self.instance.strategy, name__iexact=name)
        if fields.exclude(pk=self.instance.pk).exists():
            constraint = next(c for c in FieldOfAction._meta.constraints if c.name == "unique_field_of_action")
            raise ValidationError(constraint.get_violation_error_message(), code="unique")
        return name


class GuidingPrincipleForm(ModelForm):
    class Meta:
        model = GuidingPrinciple
        fields = ["text", "position", "source"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "text": _("Word for word as the strategy states it, without quotation marks."),
            "position": _("Guiding principles are listed in this order within their field of action."),
            "source": _("Where the wording is found, e.g. a page of the strategy document."),
        }

    def __init__(self, *args: Any, field_of_action: FieldOfAction, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.field_of_action = field_of_action

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"].strip().strip('„“"”').strip()
        if not text:
            raise ValidationError(_("Enter the wording of the guiding principle."), code="required")
        return text


# The strategy on other apps' forms (entries, undertakings) -----------------------------------------------


def _offered[M: (FieldOfAction, GuidingPrinciple)](current: QuerySet[M], chosen: QuerySet[M] | None) -> QuerySet[M]:
    # What the object already refers to stays on offer (even of a former strategy) until it is unticked.
    return (current | chosen).distinct() if chosen is not None else current


def offer_fields_of_action(field: forms.Field, chosen: QuerySet[FieldOfAction] | None = None) -> bool:
    """Make ``field`` (a ModelMultipleChoiceField) offer the current strategy's fields of action as checkboxes.

    ``chosen``: those the object refers to already. Returns False when there is nothing to offer (no strategy yet),
    so that the form can leave the field out. One query.
    """
    assert isinstance(field, forms.ModelMultipleChoiceField)
    queryset = _offered(FieldOfAction.objects.current(), chosen).select_related("strategy")
    offered = list(queryset.order_by("strategy__name", "position", "name"))
    field.queryset = queryset
    field.widget = forms.CheckboxSelectMultiple()
    field.choices = [(item.pk, item.name) for item in offered]  # rendered from the list; validation asks the queryset
    field.required = False
    if offered:
        field.help_text = _("From the %(strategy)s: the fields this contributes to.") % {
            "strategy": offered[0].strategy.name
        }
    return bool(offered)


def offer_guiding_principles(
    field: forms.Field, chosen: QuerySet[GuidingPrinciple] | None = None, widget: forms.Widget | None = None
) -> bool:
    """Make ``field`` offer the current strategy's guiding principles, grouped by field of action; as above.

    ``widget``: one that shows the groups (e.g. checkboxes in a fieldset per field of action).
    """
    assert isinstance(field, forms.ModelMultipleChoiceField)
    current = GuidingPrinciple.objects.filter(field_of_action__strategy__is_current=True)
    queryset = _offered(current, chosen).select_related("field_of_action")
    offered = list(queryset.order_by("field_of_action__position", "field_of_action__name", "position", "pk"))
    groups: dict[str, list[tuple[int, str]]] = {}
    for principle in offered:
        groups.setdefault(principle.field_of_action.name, []).append((principle.pk, f"„{principle.text}“"))
    field.queryset = queryset
    field.widget = widget or forms.CheckboxSelectMultiple()
    field.choices = list(groups.items())
    field.required = False
    field.help_text = _("Quoted word for word; the field of action of a chosen principle is added by itself.")
    return bool(offered)
