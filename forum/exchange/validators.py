"""Checks on text that editors write in Markdown."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# What would run in a browser if the text were shown unsanitised: script-like tags, event handler attributes
# (onerror=, onclick= …) inside a tag, and script address schemes (also in Markdown links).
_ACTIVE_TAG = re.compile(
    r"<\s*/?\s*(?:script|iframe|frame|object|embed|applet|style|svg|math|base|meta|link|form)\b", re.IGNORECASE
)
_HANDLER = re.compile(r"<[^>]*\s(?:on[a-z]+|formaction|srcdoc)\s*=", re.IGNORECASE | re.DOTALL)
_SCHEME = re.compile(r"(?:java|vb|live)\s*script\s*:|data\s*:\s*text/html", re.IGNORECASE)

ACTIVE_CONTENT = _(
    "The text contains script code or other active content (such as <script>, onerror= or javascript:). "
    "Please remove it; Markdown formatting is welcome."
)


def validate_safe_markdown(text: str) -> None:
    """Refuse Markdown that carries script: the renderer removes it anyway, but the author should know."""
    if _ACTIVE_TAG.search(text) or _HANDLER.search(text) or _SCHEME.search(text):
        raise ValidationError(ACTIVE_CONTENT, code="active_content")
