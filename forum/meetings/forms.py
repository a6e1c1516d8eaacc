from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from forum.core.forms import Form, ModelForm
from forum.organisations.models import Committee, Organisation, Person

from .models import ActionItem, AgendaItem, AgendaItemLink, Attendance, Decision, Event, Meeting, Minutes, Track

_DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MeetingForm(ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "committee",
            "title",
            "number",
            "start",
            "end",
            "format",
            "location",
            "video_url",
            "description",
            "visibility",
        ]
        widgets = {
            "start": _DATETIME,
            "end": _DATETIME,
            "format": forms.RadioSelect,
            "visibility": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        committee_field = self.fields["committee"]
        assert isinstance(committee_field, forms.ModelChoiceField)
        committee_field.queryset = Committee.objects.visible_to(user)
        for name in ("start", "end"):
            field = self.fields[name]
            assert isinstance(field, forms.DateTimeField)
            field.input_formats = ["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"]


class StatusForm(Form):
    """Change a meeting's status (e.g. mark it as aborted, with a reason)."""

    status = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect)
    status_reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=300,
        help_text=_("Required when the meeting is aborted or cancelled, e.g. “aus technischen Gründen”."),
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field = self.fields["status"]
        assert isinstance(choice_field, forms.ChoiceField)
        choice_field.choices = [
            (status.value, status.label) for status in Meeting.Status if status in Meeting.TRANSITIONS[meeting.status]
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("status") in (Meeting.Status.ABORTED, Meeting.Status.CANCELLED)
            and not data.get("status_reason", "").strip()
        ):
            self.add_error("status_reason", _("Please give a reason."))
        return data


class AgendaItemForm(ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["number", "title", "text", "visibility"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4}), "visibility": forms.RadioSelect}

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting

    def validate_constraints(self) -> None:
        super().validate_constraints()
        # The meeting is not a form field, so Django skips the (meeting, number) constraint above,
        # and the database would refuse a clashing number with an IntegrityError (a 500) instead.
        if self.has_error("number"):
            return
        others = {field.name for field in AgendaItem._meta.fields} - {"meeting", "number"}
        try:
            self.instance.validate_constraints(exclude=others)
        except ValidationError as error:
            self.add_error("number", error.messages)


class AgendaItemLinkForm(ModelForm):
    class Meta:
        model = AgendaItemLink
        fields = ["title", "path"]


def _attendee_label(attendance: Attendance) -> str:
    organisation = attendance.organisation.name if attendance.organisation else "–"
    return f"{attendance.person.name} ({organisation})"


class AttendanceForm(Form):
    """Who attended: one checkbox per invited person."""

    present = forms.ModelMultipleChoiceField(
        label=_("Present"), queryset=Attendance.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["present"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = meeting.attendances.select_related("person", "organisation")
        field.label_from_instance = _attendee_label  # type: ignore[method-assign,assignment]
        field.initial = [a.pk for a in meeting.attendances.filter(attended=True)]


class AddAttendeeForm(Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=Person.objects.none())

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Person.objects.visible_to(user).select_related("organisation")


class MinutesForm(ModelForm):
    class Meta:
        model = Minutes
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 14})}


class MinutesCommentForm(Form):
    text = forms.CharField(label=_("Your correction"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)


class DecisionForm(ModelForm):
    class Meta:
        model = Decision
        fields = ["agenda_item", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        field = self.fields["agenda_item"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = meeting.agenda_items.all()


class ActionItemForm(ModelForm):
    class Meta:
        model = ActionItem
        fields = ["agenda_item", "title", "responsible_organisation", "responsible_person", "due_date", "status"]
        widgets = {"due_date": _DATE}

    def __init__(self, *args: Any, meeting: Meeting, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        item_field = self.fields["agenda_item"]
        organisation_field = self.fields["responsible_organisation"]
        person_field = self.fields["responsible_person"]
        assert isinstance(item_field, forms.ModelChoiceField)
        assert isinstance(organisation_field, forms.ModelChoiceField)
        assert isinstance(person_field, forms.ModelChoiceField)
        item_field.queryset = meeting.agenda_items.all()
        organisation_field.queryset = Organisation.objects.visible_to(user)
        person_field.queryset = Person.objects.visible_to(user)


class EventForm(ModelForm):
    class Meta:
        model = Event
        fields = [
            "organiser",
            "title",
            "description",
            "start",
            "end",
            "location",
            "capacity",
            "registration_open",
            "visibility",
        ]
        widgets = {
            "start": _DATETIME,
            "end": _DATETIME,
            "description": forms.Textarea(attrs={"rows": 4}),
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organiser = self.fields["organiser"]
        assert isinstance(organiser, forms.ModelChoiceField)
        organiser.queryset = Organisation.objects.visible_to(user)
        for name in ("start", "end"):
            field = self.fields[name]
            assert isinstance(field, forms.DateTimeField)
            field.input_formats = ["%Y-%m-%dT%H:%M", "%d.%m.%Y %H:%M"]


class TrackForm(ModelForm):
    class Meta:
        model = Track
        fields = ["title", "capacity"]


class RegistrationForm(Form):
    track = forms.ModelChoiceField(
        label=_("Workshop track"),
        queryset=Track.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        empty_label=None,
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["track"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = event.tracks.all()
        field.required = event.tracks.exists()
        if not field.required:
            del self.fields["track"]
