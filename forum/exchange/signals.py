"""Keep the entries' copies of topic names right when the coordination renames or merges a topic.

``Entry.topic_names`` (shown in the change history, part of the search document) is written by
``Entry.save_with_lists``. A topic renamed or merged elsewhere changes what it should say; these receivers
re-save the entries concerned through their model, so the change history and the search index follow.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver

from forum.topics.models import Topic

from .models import Entry


def refresh_topic_names(entry_ids: Iterable[int]) -> int:
    """Re-write the topic names of these entries where they differ; returns how many changed."""
    changed = 0
    entries = Entry.objects.filter(pk__in=list(entry_ids)).select_related("organisation").prefetch_related("topics")
    for entry in entries:
        names = ", ".join(sorted((topic.name for topic in entry.topics.all()), key=str.casefold))
        if names != entry.topic_names:
            entry.topic_names = names
            entry._change_reason = "Themen der Koordination geändert"  # type: ignore[attr-defined]
            entry.save(update_fields=["topic_names", "modified"])
            changed += 1
    return changed


@receiver(pre_save, sender=Topic)
def _remember_old_name(sender: Any, instance: Topic, **kwargs: Any) -> None:
    old = Topic.objects.filter(pk=instance.pk).values_list("name", flat=True).first() if instance.pk else None
    instance._old_name = old  # type: ignore[attr-defined]


@receiver(post_save, sender=Topic)
def _topic_renamed(sender: Any, instance: Topic, created: bool, **kwargs: Any) -> None:
    old = getattr(instance, "_old_name", None)
    if created or old is None or old == instance.name:
        return
    entry_ids = list(instance.entries.values_list("pk", flat=True))
    transaction.on_commit(lambda: refresh_topic_names(entry_ids))


@receiver(m2m_changed, sender=Entry.topics.through)
def _topic_links_changed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: set[int] | None, **kwargs: Any
) -> None:
    """Links changed (a merge moves them). Checked at commit, so a remove-then-add is one save, not two;
    after ``save_with_lists`` the names already agree and nothing is saved."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    entry_ids = set(pk_set or ()) if reverse else {instance.pk}
    if entry_ids:
        transaction.on_commit(lambda: refresh_topic_names(entry_ids))
