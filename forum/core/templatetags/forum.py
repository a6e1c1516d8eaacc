from typing import Any

from django import template
from django.utils.safestring import SafeString

from ..history import HistoryEntry, history_entries
from ..markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    return render_markdown(text)


@register.simple_tag
def change_history(obj: Any, limit: int = 20) -> list[HistoryEntry]:
    return history_entries(obj, limit=limit)


@register.simple_tag(takes_context=True)
def sort_link(context: Any, key: str) -> str:
    """Query string that sorts by ``key``, flipping the direction when it is already the sort."""
    request = context["request"]
    params = request.GET.copy()
    current = params.get("sort", "")
    params["sort"] = f"-{key}" if current == key else key
    params.pop("page", None)
    return "?" + params.urlencode()


@register.simple_tag(takes_context=True)
def page_link(context: Any, number: int) -> str:
    params = context["request"].GET.copy()
    params["page"] = str(number)
    return "?" + params.urlencode()
