"""Links from one piece of content to another page of this platform (an agenda item's or a paper's attachments)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _


def validate_platform_path(path: str) -> None:
    """Only addresses on this platform, starting with one slash.

    Browsers read "/\\host" or "/<tab>/host" as "//host": Django's redirect check judges, not a prefix test.
    """
    if not path.startswith("/") or not url_has_allowed_host_and_scheme(path, allowed_hosts=None):
        raise ValidationError(_("Enter an address on this platform, starting with /."), code="external")
