"""``{% follow_button obj %}``: the follow or unfollow button for a topic, organisation or entry.

A template tag, so that the pages of topics and organisations can offer it without importing exchange.
"""

from typing import Any
from urllib.parse import urlencode

from django import template
from django.urls import reverse

from forum.core.roles import roles_of
from forum.exchange.following import follow_of, target_field

register = template.Library()


@register.inclusion_tag("exchange/following_button.html", takes_context=True)
def follow_button(context: Any, target: Any) -> dict[str, Any]:
    """Members see "Follow" or "Unfollow" (one query); anonymous visitors a log-in hint; others nothing."""
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    member = roles_of(user).is_member
    path = request.get_full_path() if request else ""
    return {
        "target": target,
        "field": target_field(target),
        "follow": follow_of(user, target) if member else None,
        "member": member,
        "anonymous": user is None or not user.is_authenticated,
        "next": path,
        "login_url": f"{reverse('accounts:login')}?{urlencode({'next': path})}",
        "csrf_token": context.get("csrf_token"),
    }
