"""Stored data of the overlap analysis: the text vectors behind "similar entries elsewhere" (see similarity.py)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from forum.exchange.models import Entry
from forum.organisations.models import Organisation


class EntryVector(models.Model):
    """Textvektor eines Eintrags (Titel und Beschreibung), für „Ähnliche Einträge anderswo“.

    Derived data, rebuilt from the entry at any time (``manage.py rebuild_entry_vectors``), so no change history.
    ``organisation`` is copied from the entry so the in-memory index can leave out the entry's own organisation
    without a join; visibility is never copied: every suggestion goes through ``Entry.objects.visible_to``.
    """

    entry = models.OneToOneField(Entry, on_delete=models.CASCADE, primary_key=True, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    # sha256 of the model name and the embedded text: an unchanged entry is not embedded again.
    text_hash = models.CharField(max_length=64)
    vector = models.BinaryField()  # float32, L2-normalised, similarity.DIMENSIONS values
    updated = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("text vector of an entry")
        verbose_name_plural = _("text vectors of entries")

    def __str__(self) -> str:
        return f"EntryVector({self.entry_id})"
