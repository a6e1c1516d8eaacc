"""User accounts and invitations. Knows nothing of organisations (DESIGN.md)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core import signing
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forum.core.models import TimeStampedModel


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username: str | None) -> User:
        """Log-in finds the account whatever the case of the address (addresses are stored in lower case)."""
        return self.get(email__iexact=username)

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """Benutzerkonto; meldet sich mit der E-Mail-Adresse an."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("name"), max_length=150)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("may use the admin"), default=False, help_text=_("For the operator (Betrieb) only.")
    )
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name or self.email


class Invitation(TimeStampedModel):
    """Einladung: a link by e-mail with which an invited person sets a password and activates the account."""

    SALT = "forum.accounts.invitation"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("user"))
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("invited by")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.user.email

    @property
    def expires_at(self) -> Any:
        return self.created + timedelta(days=settings.FORUM_INVITATION_DAYS)

    @property
    def is_open(self) -> bool:
        """Unused, not expired, and for an account that is not active yet (an older link dies with activation)."""
        return self.accepted_at is None and timezone.now() < self.expires_at and not self.user.is_active

    def token(self) -> str:
        """A signed token naming this invitation; nothing secret is stored."""
        return signing.dumps({"invitation": self.pk}, salt=self.SALT)

    @classmethod
    def from_token(cls, token: str) -> Invitation | None:
        """The open invitation the token names, or None if it is forged, expired or used."""
        try:
            data = signing.loads(token, salt=cls.SALT, max_age=timedelta(days=settings.FORUM_INVITATION_DAYS))
        except signing.BadSignature:
            return None
        invitation = cls.objects.select_related("user").filter(pk=data.get("invitation")).first()
        if invitation is None or not invitation.is_open:
            return None
        return invitation

    def accept(self, *, password: str) -> None:
        self.user.set_password(password)
        self.user.is_active = True
        self.user.save(update_fields=["password", "is_active"])
        self.accepted_at = timezone.now()
        self.save(update_fields=["accepted_at", "modified"])
