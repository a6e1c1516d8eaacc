"""Who is asking the API, and whether they may write now: Bearer tokens, scopes and the write rate limit.

Reading needs no token: without an ``Authorization`` header the request is anonymous and sees public data only
(the API ignores the browser session, so it needs no CSRF protection). A header that names no usable token is
refused with 401, never treated as anonymous. Writing needs a read-write token; writes are counted per token and
per client address in Django's cache, in windows of one minute.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, AuthorizationError
from ninja.security.http import HttpBearer

from .models import ApiToken, hash_token

WINDOW = 60  # seconds


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Anonymous:
    """``request.auth`` of a request without a token (truthy, so ninja lets it through)."""

    def __bool__(self) -> bool:
        return True


ANONYMOUS = Anonymous()


def client_address(request: HttpRequest) -> str:
    """The address the request came from (behind a proxy: the proxy's, unless it sets REMOTE_ADDR correctly)."""
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def count_write(kind: str, key: str, limit: int) -> None:
    """Count one write of ``key`` in the current minute; refuse it (RateLimited) beyond ``limit``."""
    now = time.time()
    window = int(now // WINDOW)
    cache_key = f"forum-api-writes:{kind}:{key}:{window}"
    cache.add(cache_key, 0, timeout=WINDOW * 2)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=WINDOW * 2)
        count = 1
    if count > limit:
        raise RateLimited(retry_after=max(1, WINDOW - int(now % WINDOW)))


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``; optional for reading (``write=False``), a read-write token for writing."""

    def __init__(self, *, write: bool) -> None:
        super().__init__()
        self.write = write

    def __call__(self, request: HttpRequest) -> Any:
        if self.write:
            count_write("address", client_address(request), settings.FORUM_API_WRITES_PER_MINUTE_PER_ADDRESS)
        header = request.headers.get("Authorization", "")
        if not header:
            if self.write:
                raise AuthenticationError()
            request.user = AnonymousUser()
            return ANONYMOUS
        scheme, _space, secret = header.partition(" ")
        return self.authenticate(request, secret.strip() if scheme.lower() == "bearer" else "")

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        found = ApiToken.objects.select_related("user").filter(secret_hash=hash_token(token)).first() if token else None
        if found is None or not found.is_usable or not found.user.is_active:
            raise AuthenticationError()
        if self.write:
            if not found.can_write:
                raise AuthorizationError(message=_("This API key may only read. Create a key for reading and writing."))
            count_write("token", str(found.pk), settings.FORUM_API_WRITES_PER_MINUTE)
        found.touch()
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found


read_auth = TokenAuth(write=False)
write_auth = TokenAuth(write=True)
