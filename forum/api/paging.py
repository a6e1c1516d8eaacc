"""Page-number pagination of the API's lists: the same two queries (count, page) whatever the list holds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest


def page_of(
    request: HttpRequest, items: Any, *, page: int, page_size: int, item: Callable[[Any], Any]
) -> dict[str, Any]:
    """The page ``page`` of ``items`` as the API answers it; a page after the last one is not found (404)."""
    paginator = Paginator(items, page_size)
    if page > paginator.num_pages:
        raise Http404
    current = paginator.page(page)

    def link(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": paginator.count,
        "page": page,
        "pages": paginator.num_pages,
        "page_size": page_size,
        "next": link(page + 1) if current.has_next() else None,
        "previous": link(page - 1) if current.has_previous() else None,
        "results": [item(obj) for obj in current.object_list],
    }
