"""Personal API tokens: created and revoked by their owner in "Mein Konto", stored only as a hash."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Every token starts with this, so a leaked one is easy to recognise (e.g. by secret scanners).
TOKEN_PREFIX = "dfo_"
PREFIX_LENGTH = len(TOKEN_PREFIX) + 8  # the part of the token that is stored and shown in the list


def hash_token(token: str) -> str:
    """The SHA-256 of the whole token, as stored (the token itself is never stored)."""
    return hashlib.sha256(token.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def of(self, user: Any) -> Self:
        return self.filter(user=user) if user is not None and user.is_authenticated else self.none()

    def usable(self) -> Self:
        """Not revoked and not expired."""
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class ApiToken(models.Model):
    """Persönlicher API-Schlüssel: lesend oder lesend und schreibend, widerrufbar."""

    class Scope(models.TextChoices):
        READ = "read", _("read only")
        READ_WRITE = "read_write", _("read and write")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What the key is for, e.g. “Ratsinformationssystem”.")
    )
    prefix = models.CharField(_("beginning of the key"), max_length=PREFIX_LENGTH, editable=False)
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices, default=Scope.READ)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(_("valid until"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, *, user: Any, name: str, scope: str, expires_at: Any = None) -> tuple[ApiToken, str]:
        """A new token for ``user``: the saved row and the secret, which is shown once and never again."""
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name.strip(),
            scope=scope,
            expires_at=expires_at,
            prefix=secret[:PREFIX_LENGTH],
            secret_hash=hash_token(secret),
        )
        return token, secret

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.READ_WRITE

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return not self.is_revoked and not self.is_expired

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def touch(self) -> None:
        """Record the use, at most once a minute (so reading does not write on every request)."""
        now = timezone.now()
        if self.last_used is None or (now - self.last_used).total_seconds() >= 60:
            self.last_used = now
            type(self).objects.filter(pk=self.pk).update(last_used=now)
