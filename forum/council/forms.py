"""Forms of the council app: a paper with its Beratungsfolge, signatories and links, saved together or not at all."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.db import IntegrityError, transaction
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from forum.cooperation.models import Undertaking
from forum.core.forms import Form, ModelForm
from forum.core.models import Visibility
from forum.meetings.models import AgendaItem, Meeting
from forum.organisations.models import Committee
from forum.topics.models import FieldOfAction, GuidingPrinciple

from .models import Consultation, Paper, PaperLink, Signatory

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_BLANK = ("", "---------")


class PaperForm(ModelForm):
    """Die Vorlage selbst: Kopf, Bezug zur Zukunftsstrategie, Haushalt, Klimawirkung, Sachverhalt."""

    number_year = forms.IntegerField(
        label=_("Year of the number"),
        required=False,
        min_value=1900,
        max_value=2200,
        help_text=_("Leave empty for the year of the date (e.g. 2022 for a paper of 22.12.2021 numbered 005/2022)."),
    )

    class Meta:
        model = Paper
        fields = [
            "kind",
            "serial",
            "number_year",
            "date",
            "title",
            "department",
            "division",
            "author_name",
            "author_phone",
            "field_of_action",
            "guiding_principle",
            "budget_area",
            "product_group",
            "products",
            "climate_impact",
            "facts",
            "resolution_proposal",
            "undertakings",
            "visibility",
            "is_draft",
        ]
        widgets = {
            "date": _DATE,
            "facts": forms.Textarea(attrs={"rows": 16}),
            "resolution_proposal": forms.Textarea(attrs={"rows": 6}),
            "undertakings": forms.CheckboxSelectMultiple,
            "visibility": forms.RadioSelect,
        }
        labels = {"serial": _("Number")}
        help_texts = {
            "serial": _("Leave empty for the next free number of the year."),
            "facts": _("Markdown: **bold**, *italic*, lists with “-”, links as [text](https://…)."),
            "resolution_proposal": _("Needed for a Beschlussvorlage and an Antrag. Markdown."),
            "is_draft": _("A draft is seen only by the district's editors and the coordination."),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # a number's year is given once, when the paper is made
            del self.fields["number_year"]
        fields_of_action = FieldOfAction.objects.select_related("strategy").order_by(
            "-strategy__is_current", "strategy__name", "position", "name"
        )
        field = self.fields["field_of_action"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = fields_of_action
        field.label_from_instance = lambda obj: f"{obj.name} ({obj.strategy.name})"  # type: ignore[method-assign]
        principles = GuidingPrinciple.objects.select_related("field_of_action__strategy").order_by(
            "-field_of_action__strategy__is_current", "field_of_action__position", "position", "pk"
        )
        principle = self.fields["guiding_principle"]
        assert isinstance(principle, forms.ModelChoiceField)
        principle.queryset = principles
        groups: dict[str, list[tuple[int, str]]] = {}
        for item in principles:
            groups.setdefault(item.field_of_action.name, []).append((item.pk, str(item)))
        principle.choices = [_BLANK, *groups.items()]
        undertakings = self.fields["undertakings"]
        assert isinstance(undertakings, forms.ModelMultipleChoiceField)
        undertakings.queryset = Undertaking.objects.visible_to(user).order_by("title", "pk")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.instance.pk:
            # Paper.clean and Paper.save take the date's year when none is set.
            self.instance.year = cleaned.get("number_year")  # type: ignore[assignment]
        return cleaned


class ConsultationForm(ModelForm):
    """Eine Zeile der Beratungsfolge: Gremium, Status (öffentlich/nichtöffentlich), Datum, Rolle, Sitzung, TOP."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(Visibility.PUBLIC, _("public")), (Visibility.MEMBERS, _("non-public"))],
        initial=Visibility.PUBLIC,
        help_text=_("Non-public consultations are shown to members only."),
    )

    class Meta:
        model = Consultation
        fields = ["committee", "status", "date", "role", "meeting", "agenda_item"]
        widgets = {"date": _DATE}
        help_texts = {
            "meeting": _("The meeting in which the committee consults the paper."),
            "agenda_item": _("The agenda item of that meeting."),
        }

    def __init__(self, *args: Any, choices: dict[str, list[Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["status"] = Visibility.PUBLIC if self.instance.is_public else Visibility.MEMBERS
        # The choices were read once for the whole formset (one query per list, not per row).
        for name, values in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = values

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        status = cleaned.get("status")
        if status == Visibility.PUBLIC:
            self.instance.visibility = Visibility.PUBLIC
        elif status and self.instance.visibility == Visibility.PUBLIC:
            # "nichtöffentlich": members only, unless it was already kept to the coordination.
            self.instance.visibility = Visibility.MEMBERS
        return cleaned


class SignatoryForm(ModelForm):
    class Meta:
        model = Signatory
        fields = ["name", "function"]


class PaperLinkForm(ModelForm):
    class Meta:
        model = PaperLink
        fields = ["title", "path"]


class RowFormSet(BaseInlineFormSet):
    """Rows of a paper; saved in the order shown, positions counted from 0."""

    legend: Any = ""

    def save_rows(self, paper: Paper) -> None:
        deleted = set(map(id, self.deleted_forms)) if self.can_delete else set()
        position = 0
        for form in self.forms:
            instance = form.instance
            if id(form) in deleted:
                if instance.pk:
                    instance.delete()
                continue
            if not instance.pk and not form.has_changed():
                continue
            obj = form.save(commit=False)
            obj.paper = paper
            if form.has_changed() or obj.position != position or not obj.pk:
                obj.position = position
                obj.save()
            position += 1

    def rows(self) -> Iterator[tuple[int, forms.BaseForm]]:
        """The forms with their row number (from 1), for the template."""
        return enumerate(self.forms, start=1)


class ConsultationFormSet(RowFormSet):
    legend = _("Consultation")

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Consultation.objects.visible_to(user).select_related("paper"))
        super().__init__(*args, **kwargs)
        self.form_kwargs = {"choices": consultation_choices(user)}


def _day(value: Any) -> str:
    return formats.date_format(value, "SHORT_DATE_FORMAT")


def consultation_choices(user: Any) -> dict[str, list[Any]]:
    """Committees, meetings and agenda items the person may see, as (grouped) choices."""
    committees = [(c.pk, c.name) for c in Committee.objects.visible_to(user).order_by("name", "pk")]
    meetings = list(Meeting.objects.visible_to(user).select_related("committee").order_by("-start", "pk"))
    meeting_groups: dict[str, list[tuple[int, str]]] = {}
    for meeting in meetings:
        meeting_groups.setdefault(meeting.committee.name, []).append((meeting.pk, f"{_day(meeting.start)}: {meeting}"))
    item_groups: dict[str, list[tuple[int, str]]] = {}
    items = (
        AgendaItem.objects.visible_to(user)
        .select_related("meeting__committee")
        .order_by("-meeting__start", "meeting", "sort_key")
    )
    for item in items:
        meeting = item.meeting
        group = f"{meeting.committee.name}, {_day(meeting.start)}: {meeting}"
        item_groups.setdefault(group, []).append((item.pk, str(item)))
    return {
        "committee": [_BLANK, *committees],
        "meeting": [_BLANK, *meeting_groups.items()],
        "agenda_item": [_BLANK, *item_groups.items()],
    }


class SignatoryFormSet(RowFormSet):
    legend = _("Signatory")


class PaperLinkFormSet(RowFormSet):
    legend = _("Link")


ConsultationRows = inlineformset_factory(
    Paper, Consultation, form=ConsultationForm, formset=ConsultationFormSet, extra=2, can_delete=True
)
SignatoryRows = inlineformset_factory(
    Paper, Signatory, form=SignatoryForm, formset=SignatoryFormSet, extra=2, can_delete=True
)
LinkRows = inlineformset_factory(
    Paper, PaperLink, form=PaperLinkForm, formset=PaperLinkFormSet, extra=2, can_delete=True
)


class _Invalid(Exception):
    """Rolls the transaction back when a row of the paper is invalid."""


class PaperEditor:
    """The paper form with its three formsets (Beratungsfolge, signatories, links), saved in one transaction.

    The rows are validated against the paper as saved inside the transaction, so a consultation's check against
    the paper's date (Consultation.clean) also runs for a new paper; if any row is invalid, nothing is kept.
    """

    def __init__(self, data: Any, *, paper: Paper, user: Any) -> None:
        self.paper = paper
        self.form = PaperForm(data, instance=paper, user=user)
        self.consultations: RowFormSet = ConsultationRows(data, instance=paper, prefix="consultations", user=user)  # type: ignore[assignment]
        self.signatories: RowFormSet = SignatoryRows(data, instance=paper, prefix="signatories")  # type: ignore[assignment]
        self.links: RowFormSet = LinkRows(data, instance=paper, prefix="links")  # type: ignore[assignment]

    @property
    def formsets(self) -> list[RowFormSet]:
        return [self.consultations, self.signatories, self.links]

    def has_errors(self) -> bool:
        return bool(self.form.errors) or any(
            formset.total_error_count() for formset in self.formsets if formset.is_bound
        )

    def save(self) -> bool:
        """Validate and save everything; True when saved, False with the errors on the forms."""
        if not self.form.is_valid():
            for formset in self.formsets:
                formset.is_valid()  # show the rows' own errors too
            return False
        paper = self.paper
        adding, serial, year = paper._state.adding, paper.serial, paper.year
        try:
            with transaction.atomic():
                self.form.save()
                for formset in self.formsets:
                    # The rows are built only now, with the saved paper (its id) set on each of them.
                    formset.instance = paper
                valid = [formset.is_valid() for formset in self.formsets]  # each, so every row shows its errors
                if not all(valid):
                    raise _Invalid
                for formset in self.formsets:
                    formset.save_rows(paper)
        except _Invalid:
            self._forget_save(adding, serial, year)
            return False
        except IntegrityError:
            # Another paper took the number in the meantime.
            self._forget_save(adding, serial, year)
            self.form.add_error("serial", _("This number is already taken in this year."))
            return False
        return True

    def _forget_save(self, adding: bool, serial: int | None, year: int | None) -> None:
        """After a rollback, the paper in memory is as unsaved as the database says."""
        if adding:
            self.paper.pk = None
            self.paper._state.adding = True
        self.paper.serial = serial
        self.paper.year = year  # type: ignore[assignment]


class PaperFilterForm(Form):
    """Filter of the list of papers: year, type and a search in title and number."""

    q = forms.CharField(
        label=_("Title or number"), required=False, max_length=200, help_text=_("e.g. 005/2022 or Digitalisierung")
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("all types")), *Paper.Kind.choices])

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year = self.fields["year"]
        assert isinstance(year, forms.ChoiceField)
        year.choices = [("", _("all years")), *((y, str(y)) for y in years)]
