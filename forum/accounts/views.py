from typing import Any

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from . import forms
from .models import Invitation


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = forms.LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    form_class = forms.PasswordResetForm
    email_template_name = "accounts/emails/password_reset-body.txt"
    subject_template_name = "accounts/emails/password_reset-subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = forms.SetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change_form.html"
    form_class = forms.PasswordChangeForm
    success_url = reverse_lazy("portal:account")

    def form_valid(self, form: Any) -> HttpResponse:
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


@never_cache
@sensitive_post_parameters()
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = Invitation.from_token(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=410)
    form = forms.AcceptInvitationForm(invitation.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            invitation.accept(password=form.cleaned_data["new_password1"])
        login(request, invitation.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome! Your account is active."))
        return redirect("portal:account")
    return render(request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation})
