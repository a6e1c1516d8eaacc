from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from forum.core.forms import KernFormMixin


class LoginForm(KernFormMixin, auth_forms.AuthenticationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs["autocomplete"] = "email"


class PasswordResetForm(KernFormMixin, auth_forms.PasswordResetForm):
    pass


class SetPasswordForm(KernFormMixin, auth_forms.SetPasswordForm):
    pass


class PasswordChangeForm(KernFormMixin, auth_forms.PasswordChangeForm):
    pass


class AcceptInvitationForm(KernFormMixin, auth_forms.SetPasswordForm):
    """Choose a password to activate an invited account."""

    accept_terms = forms.BooleanField(
        label=_("I have read the privacy policy."), error_messages={"required": _("Please confirm the privacy policy.")}
    )
