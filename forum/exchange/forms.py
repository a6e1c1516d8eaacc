"""Forms of the catalogue: an entry, an interest mark, a comment, hiding a comment, and the list's filters."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from forum.core.forms import Form, ModelForm
from forum.organisations.models import Organisation, Person
from forum.topics.forms_strategy import offer_fields_of_action
from forum.topics.models import FieldOfAction, Topic

from .models import Entry, Interest, NamedThing

# Commas inside brackets belong to the name: "Schnell (Tiefbau, Weil am Rhein)" is one vendor.
_SEPARATOR = re.compile(r"[;\n]|,(?![^()]*\))")
_NAME_LENGTH = NamedThing._meta.get_field("name").max_length or 150


def split_names(text: str) -> list[str]:
    """The names in a comma-separated list (semicolons and new lines separate too), each once."""
    names: list[str] = []
    for name in _SEPARATOR.split(text or ""):
        name = " ".join(name.split())
        if name and name.casefold() not in {known.casefold() for known in names}:
            names.append(name)
    return names


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes in one fieldset per group, so a screen reader names the field of each topic."""

    template_name = "exchange/widgets/grouped_checkboxes.html"


def grouped_topics(topics: Any) -> list[tuple[str, list[tuple[int, str]]]]:
    """Topics as choices grouped by their field (Themenfeld); a field without sub-topics is a choice of its own."""
    topics = list(topics.select_related("parent"))
    parents = {topic.parent_id for topic in topics if topic.parent_id}
    groups: dict[str, list[tuple[int, str]]] = {}
    loose: list[tuple[int, str]] = []
    for topic in topics:
        if topic.parent is not None:
            groups.setdefault(topic.parent.name, []).append((topic.pk, topic.name))
        elif topic.pk not in parents:
            loose.append((topic.pk, topic.name))
    grouped = sorted(groups.items(), key=lambda group: group[0].casefold())
    return [*grouped, (str(_("Other topics")), loose)] if loose else grouped


class NamesField(forms.CharField):
    """A comma-separated list of names; ``clean`` returns the list."""

    def clean(self, value: Any) -> list[str]:  # type: ignore[override]
        names = split_names(super().clean(value))
        too_long = [name for name in names if len(name) > _NAME_LENGTH]
        if too_long:
            raise forms.ValidationError(
                _("“%(name)s” is too long: at most %(limit)s characters per name."),
                code="name_too_long",
                params={"name": too_long[0][:40] + "…", "limit": _NAME_LENGTH},
            )
        return names


class EntryForm(ModelForm):
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        widget=GroupedCheckboxes,
        queryset=Topic.objects.none(),
        error_messages={"required": _("Choose at least one topic.")},
        help_text=_("The topics from the forum's vocabulary that the entry is about."),
    )
    products = NamesField(
        label=_("Software products"),
        required=False,
        max_length=2000,
        help_text=_("Separate several with commas, e.g. “Komm.ONE, service-bw”. Spellings are unified."),
    )
    vendors = NamesField(
        label=_("Vendors and service providers"),
        required=False,
        max_length=2000,
        help_text=_("Separate several with commas."),
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=1990,
        max_value=2100,
        help_text=_("When it started or when the source reports it."),
    )

    class Meta:
        model = Entry
        fields = [
            "kind",
            "title",
            "description",
            "phase",
            "exemplary",
            "topics",
            "fields_of_action",
            "contact",
            "links",
            "year",
            "source",
            "visibility",
            "is_draft",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 10}),
            "links": forms.Textarea(attrs={"rows": 3}),
            "source": forms.Textarea(attrs={"rows": 2}),
            "visibility": forms.RadioSelect,
        }
        help_texts = {
            "description": _("Markdown: **bold**, *italic*, lists with “-”, links as [text](https://…)."),
            "phase": _("Projects only."),
            "exemplary": _("Projects only: good practice others can learn from."),
        }

    def __init__(self, *args: Any, organisation: Organisation, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organisation = organisation
        topics = self.fields["topics"]
        contact = self.fields["contact"]
        kind = self.fields["kind"]
        assert isinstance(topics, forms.ModelMultipleChoiceField)
        assert isinstance(contact, forms.ModelChoiceField)
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = Entry.Kind.choices  # no empty choice among the radio buttons
        offered = Topic.objects.active()
        if self.instance.pk:  # a topic retired since stays on the entry until it is unticked
            offered = offered | Topic.objects.filter(entries=self.instance)
            self.initial.setdefault("products", ", ".join(p.name for p in self.instance.products.all()))
            self.initial.setdefault("vendors", ", ".join(v.name for v in self.instance.vendors.all()))
        topics.queryset = offered.distinct()
        topics.choices = grouped_topics(topics.queryset)  # display only; validation asks the queryset
        chosen = FieldOfAction.objects.filter(entries=self.instance) if self.instance.pk else None
        if not offer_fields_of_action(self.fields["fields_of_action"], chosen):
            del self.fields["fields_of_action"]  # no strategy recorded yet
        contact.queryset = Person.objects.visible_to(user).filter(organisation=organisation)
        contact.help_text = _("A person of %(organisation)s whom others may ask.") % {"organisation": organisation}


class InterestForm(Form):
    organisation = forms.ModelChoiceField(
        label=_("In the name of"), queryset=Organisation.objects.none(), empty_label=None
    )
    kind = forms.ChoiceField(label=_("Our interest"), choices=Interest.Kind.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional, e.g. what you have already tried."),
    )

    def __init__(self, *args: Any, organisation_ids: AbstractSet[int], **kwargs: Any) -> None:
        """``organisation_ids``: the organisations the person may speak for here (not the entry's owner)."""
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(pk__in=organisation_ids).order_by("name")
        if len(organisation_ids) == 1:
            field.initial = next(iter(organisation_ids))
            field.widget = forms.HiddenInput()


class CommentForm(Form):
    text = forms.CharField(label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))


class HideCommentForm(Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Shown to members in place of the comment, e.g. “personal data”."),
    )


MAX_ORGANISATION_CHOICES = 500  # more (an instance for all of Germany): type a name or AGS instead of choosing


class OrganisationByNameField(forms.ModelChoiceField):
    """An organisation typed as its AGS or its name, where a list of them all would be too long to choose from."""

    widget = forms.TextInput

    def to_python(self, value: Any) -> Organisation | None:
        text = " ".join(str(value or "").split())
        if not text:
            return None
        organisations = self.queryset if self.queryset is not None else Organisation.objects.none()
        found = list(organisations.filter(Q(ags=text) | Q(name__iexact=text)).order_by("ags")[:2])
        if found and (len(found) == 1 or found[0].ags == text):
            return found[0]
        if found:
            raise ValidationError(
                _("Several organisations have this name. Enter the official municipality key (AGS)."),
                code="ambiguous",
            )
        raise ValidationError(_("No organisation has this name or key."), code="invalid_choice")


class CatalogueFilterForm(Form):
    """The catalogue's filters (GET); a value that does not fit is ignored rather than refused.

    ``organisations``: those the person may filter by. Up to ``MAX_ORGANISATION_CHOICES`` of them, a list of
    those with ``entries``; more, a text field for a name or AGS (no list of thousands to render or read).
    """

    art = forms.ChoiceField(label=_("Type"), required=False)
    thema = forms.ChoiceField(label=_("Topic"), required=False)
    kommune = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        to_field_name="ags",
        empty_label=_("All"),
    )
    phase = forms.ChoiceField(label=_("Phase"), required=False)
    beispielhaft = forms.BooleanField(label=_("Exemplary only"), required=False)

    def __init__(self, *args: Any, organisations: Any, entries: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        all_label = _("All")
        self.fields["art"].choices = [("", all_label), *Entry.Kind.choices]  # type: ignore[attr-defined]
        self.fields["phase"].choices = [("", all_label), *Entry.Phase.choices]  # type: ignore[attr-defined]
        self.fields["thema"].choices = [("", all_label), *topic_filter_choices()]  # type: ignore[attr-defined]
        if organisations.count() > MAX_ORGANISATION_CHOICES:
            self.fields["kommune"] = OrganisationByNameField(
                label=_("Organisation"),
                queryset=organisations,
                required=False,
                to_field_name="ags",
                help_text=_("Its name or official municipality key (AGS), e.g. 08336050."),
            )
        else:
            if entries is not None:
                organisations = organisations.filter(pk__in=entries.values("organisation_id"))
            self.fields["kommune"].queryset = organisations  # type: ignore[attr-defined]

    def filters(self) -> dict[str, Any]:
        """The valid filters, by name."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data[name] for name in self.fields if name in data and data[name] not in ("", None, False)}


class SearchForm(CatalogueFilterForm):
    """The search page's form (GET): the words, then the catalogue's filters."""

    q = forms.CharField(label=_("Search terms"), required=False, max_length=200)
    field_order = ["q", "art", "thema", "kommune", "phase", "beispielhaft"]

    def query(self) -> str:
        self.is_valid()
        return str(getattr(self, "cleaned_data", {}).get("q", "") or "")

    def filters(self) -> dict[str, Any]:
        return {name: value for name, value in super().filters().items() if name != "q"}


def topic_filter_choices() -> list[tuple[str, Any]]:
    """Active topics for a select: one group per field, led by "all of the field"."""
    groups: dict[int, tuple[str, list[tuple[str, str]]]] = {}
    for topic in Topic.objects.active().select_related("parent").order_by("parent__name", "name"):
        if topic.parent_id is None:
            groups.setdefault(topic.pk, (topic.name, []))[1].insert(
                0, (topic.slug, str(_("%(field)s – all")) % {"field": topic.name})
            )
        else:
            parent_name = topic.parent.name if topic.parent else ""
            groups.setdefault(topic.parent_id, (parent_name, []))[1].append((topic.slug, topic.name))
    return sorted(groups.values(), key=lambda group: group[0].casefold())
