"""System checks for the upload settings (ids documents.E001…)."""

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.compatibility)
def check_upload_limit(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    limit = getattr(settings, "FORUM_MAX_UPLOAD_MB", None)
    if not isinstance(limit, int) or limit < 1:
        return [Error("FORUM_MAX_UPLOAD_MB must be a whole number of megabytes, at least 1.", id="documents.E001")]
    return []
