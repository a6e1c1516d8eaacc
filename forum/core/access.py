"""The two steps every view takes: find the object through ``visible_to`` (404), then check the action (403)."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404


def visible_or_404[M: Model](queryset: QuerySet[M], request: HttpRequest, **lookup: Any) -> M:
    """The object, if this user may see it; otherwise 404, so its existence is not revealed."""
    return get_object_or_404(queryset.visible_to(request.user), **lookup)  # type: ignore[attr-defined]


def require_perm(request: HttpRequest, permission: str, obj: Any = None) -> None:
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


def page_of(request: HttpRequest, items: Any, per_page: int) -> Page:
    """The page of ``items`` that the request's ``?page=`` names (the last one if too high, the first if invalid)."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
