"""Forms of the cooperation app: an undertaking, its participants, milestones and cost plans; the candidate actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from forum.core.forms import Form, ModelForm
from forum.documents.forms import FileUploadField
from forum.exchange.forms import GroupedCheckboxes, grouped_topics
from forum.exchange.models import Entry
from forum.exchange.validators import validate_safe_markdown
from forum.meetings.models import Meeting
from forum.organisations.models import Committee, Organisation, Person
from forum.topics.forms_strategy import offer_fields_of_action, offer_guiding_principles
from forum.topics.models import FieldOfAction, GuidingPrinciple, Topic

from .models import (
    PLACEHOLDERS,
    Campaign,
    CostPlan,
    Declaration,
    Milestone,
    Participation,
    Signature,
    Undertaking,
    WorkingGroup,
    validate_placeholders,
)

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EntryChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.organisation.name})"


def _district_organisations(user: Any) -> Any:
    kreis = settings.FORUM_KREISSCHLUESSEL
    return Organisation.objects.visible_to(user).filter(Q(ags=kreis) | Q(district__ags=kreis) | Q(ags__isnull=True))


class UndertakingForm(ModelForm):
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"), widget=GroupedCheckboxes, queryset=Topic.objects.none(), required=False
    )
    entries = EntryChoiceField(
        label=_("Linked challenges and projects"),
        queryset=Entry.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Entries of the catalogue the undertaking takes up. Hold Ctrl to choose several."),
    )

    class Meta:
        model = Undertaking
        fields = [
            "title",
            "summary",
            "description",
            "status",
            "starts_on",
            "governing_organisation",
            "governing_committee",
            "decision_process",
            "lead",
            "topics",
            "fields_of_action",
            "guiding_principles",
            "entries",
            "visibility",
            "is_draft",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "starts_on": _DATE,
            "visibility": forms.RadioSelect,
        }
        help_texts = {
            "description": _("Markdown: **bold**, *italic*, lists with “-”, links as [text](https://…)."),
            "is_draft": _("A draft is seen only by the lead organisation's editors and the coordination."),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = _district_organisations(user).order_by("name")
        for name in ("governing_organisation", "lead"):
            self.fields[name].queryset = organisations  # type: ignore[attr-defined]
        self.fields["governing_committee"].queryset = Committee.objects.visible_to(user)  # type: ignore[attr-defined]
        topics = self.fields["topics"]
        assert isinstance(topics, forms.ModelMultipleChoiceField)
        offered = Topic.objects.active()
        entries = Entry.objects.visible_to(user).filter(organisation__in=organisations)
        if self.instance.pk:  # what is linked stays on offer until it is unticked
            offered = offered | Topic.objects.filter(undertakings=self.instance)
            entries = entries | Entry.objects.visible_to(user).filter(undertakings=self.instance)
            self.initial.setdefault("topics", list(self.instance.topics.all()))
            self.initial.setdefault("entries", list(self.instance.entries.visible_to(user)))
        topics.queryset = offered.distinct()
        topics.choices = grouped_topics(topics.queryset)
        known = self.instance.pk is not None
        fields = FieldOfAction.objects.filter(undertakings=self.instance) if known else None
        if not offer_fields_of_action(self.fields["fields_of_action"], fields):
            del self.fields["fields_of_action"]  # no strategy recorded yet
        principles = GuidingPrinciple.objects.filter(undertakings=self.instance) if known else None
        if not offer_guiding_principles(self.fields["guiding_principles"], principles, GroupedCheckboxes()):
            del self.fields["guiding_principles"]
        self.fields["entries"].queryset = (  # type: ignore[attr-defined]
            entries.distinct().select_related("organisation").order_by("organisation__name", "title")
        )

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        principles = cleaned.get("guiding_principles")
        if principles and "fields_of_action" in self.fields:
            # A guiding principle belongs to its field of action: choosing it refers to the field as well.
            chosen = {*cleaned.get("fields_of_action", []), *(principle.field_of_action for principle in principles)}
            cleaned["fields_of_action"] = sorted(chosen, key=lambda field: (field.position, field.name))
        return cleaned


class PersonChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = f"{obj.given_name} {obj.family_name}"
        return f"{name} ({obj.organisation.name})" if obj.organisation_id else name


class WorkingGroupForm(ModelForm):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Member organisations"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl to choose several."),
    )
    people = PersonChoiceField(
        label=_("Members"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("People of the member organisations who work in the group. Hold Ctrl to choose several."),
    )
    entries = EntryChoiceField(
        label=_("Linked challenges and projects"),
        queryset=Entry.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Entries of the catalogue the working group takes up. Hold Ctrl to choose several."),
    )

    class Meta:
        model = WorkingGroup
        fields = ["name", "description", "organisations", "people", "entries", "visibility", "is_draft"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6}), "visibility": forms.RadioSelect}
        help_texts = {
            "description": _("Markdown: **bold**, *italic*, lists with “-”, links as [text](https://…)."),
            "is_draft": _("A draft is seen only by the lead organisation's editors and the coordination."),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = _district_organisations(user).order_by("name")
        people = Person.objects.visible_to(user).filter(organisation__in=organisations)
        entries = Entry.objects.visible_to(user).filter(organisation__in=organisations)
        if self.instance.pk:  # what is linked stays on offer until it is unticked
            organisations = organisations | Organisation.objects.visible_to(user).filter(working_groups=self.instance)
            people = people | Person.objects.visible_to(user).filter(working_groups=self.instance)
            entries = entries | Entry.objects.visible_to(user).filter(working_groups=self.instance)
            self.initial.setdefault("organisations", list(self.instance.organisations.visible_to(user)))
            self.initial.setdefault("people", list(self.instance.people.visible_to(user)))
            self.initial.setdefault("entries", list(self.instance.entries.visible_to(user)))
        self.fields["organisations"].queryset = organisations.distinct().order_by("name")  # type: ignore[attr-defined]
        self.fields["people"].queryset = (  # type: ignore[attr-defined]
            people.distinct().select_related("organisation").order_by("organisation__name", "family_name", "pk")
        )
        self.fields["entries"].queryset = (  # type: ignore[attr-defined]
            entries.distinct().select_related("organisation").order_by("organisation__name", "title")
        )


class ParticipationForm(Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    role = forms.ChoiceField(
        label=_("Role"), choices=Participation.Role.choices, initial=Participation.Role.PARTICIPANT
    )
    joined_on = forms.DateField(label=_("Joined on"), required=False, widget=_DATE)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = _district_organisations(user).order_by("name")
        field.help_text = _("Choosing an organisation that takes part already changes its role and date.")


class MilestoneForm(ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_on", "done_on"]
        widgets = {"due_on": _DATE, "done_on": _DATE}


class CostPlanForm(ModelForm):
    class Meta:
        model = CostPlan
        fields = [
            "year",
            "total",
            "key",
            "base_share_percent",
            "population_share_percent",
            "district_share_amount",
            "district_share_percent",
            "note",
            "visibility",
            "is_draft",
        ]
        # German decimal commas ("1234,50") in the money and percentage fields.
        localized_fields = [
            "total",
            "base_share_percent",
            "population_share_percent",
            "district_share_amount",
            "district_share_percent",
        ]
        widgets = {
            "key": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 3}),
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args: Any, undertaking: Undertaking, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.undertaking = undertaking
        self.fields["key"].choices = CostPlan.Key.choices  # type: ignore[attr-defined]  # no empty radio button

    def validate_constraints(self) -> None:
        super().validate_constraints()
        # The undertaking is not a form field, so Django skips the (undertaking, year) constraint.
        if self.has_error("year"):
            return
        others = {field.name for field in CostPlan._meta.fields} - {"undertaking", "year"}
        try:
            self.instance.validate_constraints(exclude=others)
        except forms.ValidationError as error:
            self.add_error("year", error.messages)


class ScenarioForm(Form):
    """What if more municipalities joined: chosen on the cost table's page (GET)."""

    extra = forms.ModelMultipleChoiceField(
        label=_("More municipalities"),
        queryset=Organisation.objects.none(),
        required=False,
        to_field_name="ags",
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl to choose several."),
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["extra"].queryset = candidates  # type: ignore[attr-defined]

    def chosen(self) -> list[Organisation]:
        if not self.is_valid():
            return []
        return list(self.cleaned_data["extra"])


class CandidateAgendaForm(Form):
    meeting = forms.ModelChoiceField(label=_("Forum meeting"), queryset=Meeting.objects.none(), empty_label=None)
    number = forms.CharField(label=_("Agenda item number"), max_length=11, help_text=_("e.g. 3 or 2.1"))
    title = forms.CharField(label=_("Title of the agenda item"), max_length=300)

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]
        self.fields["meeting"].label_from_instance = _meeting_label  # type: ignore[attr-defined]


def _meeting_label(meeting: Any) -> str:
    return f"{meeting} – {formats.date_format(timezone.localtime(meeting.start), 'SHORT_DATETIME_FORMAT')}"


class CandidateUndertakingForm(Form):
    title = forms.CharField(label=_("Title of the undertaking"), max_length=200)


# Declarations of intent ---------------------------------------------------------------------------------


def _placeholder_help() -> str:
    return gettext("Markdown. Placeholders, filled for each municipality: %(list)s.") % {
        "list": "; ".join(f"{{{name}}} – {label}" for name, label in PLACEHOLDERS.items())
    }


class DeclarationForm(ModelForm):
    text = forms.CharField(
        label=_("Text of the declaration"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=lazy(_placeholder_help, str)(),
        validators=[validate_safe_markdown, validate_placeholders],
    )

    class Meta:
        model = Declaration
        fields = ["title", "undertaking", "text", "visibility", "is_draft"]
        widgets = {"visibility": forms.RadioSelect}
        help_texts = {"is_draft": _("A draft is seen only by the coordination.")}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["undertaking"].queryset = Undertaking.objects.visible_to(user)  # type: ignore[attr-defined]
        if self.instance.pk and "text" not in self.initial:
            current = self.instance.current_version()
            self.initial["text"] = current.text if current else ""


class CampaignForm(ModelForm):
    class Meta:
        model = Campaign
        fields = ["title", "due_on", "message", "visibility", "is_draft"]
        widgets = {"due_on": _DATE, "message": forms.Textarea(attrs={"rows": 4}), "visibility": forms.RadioSelect}
        help_texts = {
            "is_draft": _("A draft campaign sends no e-mail; only the coordination sees it."),
            "visibility": _("Who may see the campaign's progress page."),
        }

    def clean_due_on(self) -> Any:
        due_on = self.cleaned_data.get("due_on")
        if due_on is not None and due_on < timezone.localdate():
            raise forms.ValidationError(_("The deadline must not be in the past."), code="past")
        return due_on


class StepForm(Form):
    """The fields of one step of a signature; ``prefix`` is the status it moves to, so several fit on a page."""

    def __init__(self, *args: Any, status: str, **kwargs: Any) -> None:
        super().__init__(*args, prefix=status, **kwargs)
        self.status = status
        self.status_label = Signature.Status(status).label
        for name in (*Signature.REQUIRED[status], *Signature.OPTIONAL.get(status, ())):
            self.fields[name] = self._field(name, required=name in Signature.REQUIRED[status])

    @staticmethod
    def _field(name: str, *, required: bool) -> forms.Field:
        if name == "scan":
            return FileUploadField(
                label=_("Signed copy (scan)"),
                required=False,
                help_text=_("Optional: the signed declaration as PDF or image (PNG, JPEG, GIF, WebP)."),
            )
        model_field = Signature._meta.get_field(name)
        field = model_field.formfield(required=required)  # type: ignore[union-attr]
        assert field is not None
        if isinstance(field, forms.DateField):
            field.widget = _DATE
        if name == "reason":
            field.widget = forms.Textarea(attrs={"rows": 3})
        return field

    def clean_scan(self) -> Any:
        uploaded = self.cleaned_data.get("scan")
        if uploaded:
            mime = uploaded.detected_type.mime
            if mime != "application/pdf" and not mime.startswith("image/"):
                raise forms.ValidationError(
                    _("The signed copy must be a PDF or an image, not “%(type)s”.")
                    % {"type": uploaded.detected_type.label},
                    code="scan_type",
                )
        return uploaded
