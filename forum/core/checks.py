"""System checks for the instance's own settings (ids core.E001…)."""

import re
from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.compatibility)
def check_forum_settings(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    problems: list[Any] = []
    if not re.fullmatch(r"\d{5}", settings.FORUM_KREISSCHLUESSEL):
        problems.append(Error("FORUM_KREISSCHLUESSEL must be a five-digit Kreisschlüssel, e.g. 08336.", id="core.E001"))
    if not getattr(settings, "SECURE_CSP", None):
        problems.append(Error("SECURE_CSP must be set.", id="core.E002"))
    return problems


@register(Tags.security, deploy=True)
def check_tasks_backend(app_configs: Any = None, **kwargs: Any) -> list[Any]:
    backend = settings.TASKS["default"]["BACKEND"]
    if not settings.DEBUG and backend.endswith(("ImmediateBackend", "DummyBackend")):
        return [Warning("Use a queued TASKS backend in production (django_tasks_db).", id="core.W001")]
    return []
