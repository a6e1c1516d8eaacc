from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class OverlapsConfig(AppConfig):
    name = "forum.overlaps"
    verbose_name = _("overlaps")

    def ready(self) -> None:
        # exchange may not import overlaps (DESIGN.md layers), so overlaps listens for saved entries itself.
        from forum.exchange.models import Entry

        post_save.connect(_entry_saved, sender=Entry, dispatch_uid="overlaps_entry_vector")


def _entry_saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """Refresh the entry's text vector for "similar entries elsewhere" once the save has committed."""
    if not raw:
        from .similarity import enqueue_refresh

        enqueue_refresh(instance.pk)
