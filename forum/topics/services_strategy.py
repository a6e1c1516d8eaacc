"""Writes to the district strategy that span rows; each runs in one transaction and leaves history records."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, ProtectedError
from django.utils.translation import gettext as _

from .models import FieldOfAction, GuidingPrinciple, Strategy


@transaction.atomic
def save_strategy(strategy: Strategy) -> Strategy:
    """Save ``strategy``; if it is the current one, the others become former ones in the same transaction.

    The others are saved one by one (not updated in bulk), so each change shows in their history.
    """
    strategy.full_clean()
    strategy.save()
    if strategy.is_current:
        others = Strategy.objects.select_for_update().filter(is_current=True).exclude(pk=strategy.pk)
        for other in others:
            other.is_current = False
            other.save(update_fields=["is_current", "modified"])
    return strategy


def _still_referred_to(error: ProtectedError, what: str) -> ValidationError:
    referrers = sorted({f"{_label(obj)} {obj}" for obj in error.protected_objects})
    message = _("%(what)s cannot be deleted: %(referrers)s still refer to it. Change their reference first.") % {
        "what": what,
        "referrers": "; ".join(referrers),
    }
    return ValidationError(message, code="protected")


def _label(obj: Model) -> Any:
    return obj._meta.verbose_name


@transaction.atomic
def delete_field_of_action(field: FieldOfAction) -> None:
    """Delete a field of action with its guiding principles; entries and undertakings lose the reference to them.

    A paper that refers to the field or to one of its principles protects it: ``ValidationError``, nothing deleted.
    """
    try:
        with transaction.atomic():
            field.delete()
    except ProtectedError as error:
        raise _still_referred_to(error, _("The field of action “%(name)s”") % {"name": field.name}) from None


@transaction.atomic
def delete_guiding_principle(principle: GuidingPrinciple) -> None:
    """Delete a guiding principle; undertakings lose the reference, a paper quoting it protects it."""
    try:
        with transaction.atomic():
            principle.delete()
    except ProtectedError as error:
        raise _still_referred_to(error, _("The guiding principle")) from None
