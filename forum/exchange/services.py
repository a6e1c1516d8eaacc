"""Writes to the catalogue that span rows or send e-mail; each runs in one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from forum.documents.services import store_file
from forum.organisations.models import Organisation
from forum.topics.models import FieldOfAction, Topic

from .models import Comment, Entry, EntryAttachment, Interest, Product, Vendor
from .tasks import send_interest_notification


@transaction.atomic
def save_entry(
    entry: Entry,
    *,
    topics: Iterable[Topic],
    products: list[str],
    vendors: list[str],
    fields_of_action: Iterable[FieldOfAction] | None = None,
) -> Entry:
    """Save an entry with its topics; product and vendor names are matched to one row per spelling.

    ``fields_of_action`` of the strategy: ``None`` keeps those the entry has.
    """
    entry.save_with_lists(topics=topics, products=Product.for_names(products), vendors=Vendor.for_names(vendors))
    if fields_of_action is not None:
        entry.fields_of_action.set(fields_of_action)
    return entry


@transaction.atomic
def delete_entry(entry: Entry) -> None:
    """Delete an entry with its files, interest marks and comments (the history keeps a record)."""
    entry.delete()


@transaction.atomic
def add_attachment(entry: Entry, uploaded: Any, *, title: str, by: Any) -> EntryAttachment:
    return EntryAttachment.objects.create(entry=entry, stored_file=store_file(uploaded, by=by), title=title)


def _already_marked() -> ValidationError:
    constraint = next(c for c in Interest._meta.constraints if c.name == "one_interest_per_organisation_and_kind")
    return ValidationError(constraint.get_violation_error_message(), code="unique")


@transaction.atomic
def mark_interest(entry: Entry, *, organisation: Organisation, kind: str, note: str = "", by: Any = None) -> Interest:
    """Mark ``entry`` for ``organisation``; the owner's editors are told by e-mail after commit.

    Raises ``ValidationError`` for the owner's own entry and for a second mark of the same kind.
    """
    interest = Interest(
        entry=entry,
        organisation=organisation,
        kind=kind,
        note=note.strip(),
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    interest.full_clean()
    try:
        with transaction.atomic():
            interest.save()
    except IntegrityError:  # the same mark saved a moment ago by someone else of the organisation
        raise _already_marked() from None
    transaction.on_commit(lambda: send_interest_notification.enqueue(interest_id=interest.pk))
    return interest


@transaction.atomic
def remove_interest(interest: Interest) -> None:
    interest.delete()


@transaction.atomic
def add_comment(entry: Entry, *, author: Any, text: str) -> Comment:
    comment = Comment(entry=entry, author=author, text=text.strip())
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def hide_comment(comment: Comment, *, reason: str) -> Comment:
    comment.hide(reason=reason)
    return comment
