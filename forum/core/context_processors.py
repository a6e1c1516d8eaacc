from typing import Any

from django.conf import settings
from django.http import HttpRequest

from .roles import roles_of


def forum(request: HttpRequest) -> dict[str, Any]:
    return {
        "forum_title": settings.FORUM_TITLE,
        "forum_roles": roles_of(getattr(request, "user", None)),
    }
