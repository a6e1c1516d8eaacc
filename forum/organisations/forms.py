from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from forum.core.forms import Form, ModelForm

from .models import Committee, Membership, Organisation, Person, Role


class OrganisationForm(ModelForm):
    """What an organisation's editors maintain; official figures come from the loader only."""

    class Meta:
        model = Organisation
        fields = ["website", "email", "phone", "street", "postal_code", "city", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}


class PersonForm(ModelForm):
    class Meta:
        model = Person
        fields = ["title", "given_name", "family_name", "function", "email", "phone", "is_contact", "visibility"]
        widgets = {"visibility": forms.RadioSelect}
        help_texts = {"visibility": _("Contact details marked “members only” are hidden from the public.")}


class InvitationForm(Form):
    full_name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(kind.value, kind.label) for kind in Role.PER_ORGANISATION],
        widget=forms.RadioSelect,
        initial=Role.Kind.MEMBER,
        help_text=_("Editors maintain the organisation's data; members read internal content and take part."),
    )
    note = forms.CharField(
        label=_("Personal note"), max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CommitteeForm(ModelForm):
    class Meta:
        model = Committee
        fields = ["name", "short_name", "kind", "organisation", "description", "start_date", "end_date", "visibility"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "visibility": forms.RadioSelect,
        }


class MembershipForm(ModelForm):
    class Meta:
        model = Membership
        fields = ["person", "on_behalf_of", "role", "voting_right", "start_date", "end_date", "visibility"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args: Any, committee: Committee, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.committee = committee
        person_field = self.fields["person"]
        organisation_field = self.fields["on_behalf_of"]
        assert isinstance(person_field, forms.ModelChoiceField)
        assert isinstance(organisation_field, forms.ModelChoiceField)
        person_field.queryset = Person.objects.visible_to(user).select_related("organisation")
        organisation_field.queryset = Organisation.objects.visible_to(user)
