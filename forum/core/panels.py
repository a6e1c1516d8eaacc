"""Panels that a higher app adds to a lower app's page, without the lower app importing it.

A page of a lower app (a meeting's agenda, an undertaking) names a slot and asks ``collect`` for what the apps above
it have to show there; those apps ``register`` a provider for the slot in their ``AppConfig.ready``. A provider gets
the page's objects and the person, and answers, in a fixed number of queries, the links to show per object: only
what that person may see.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.functional import Promise


@dataclass(frozen=True)
class PanelLink:
    title: str
    url: str
    note: str = ""


class Links(list[PanelLink]):
    """One object's links from a provider that shows only the first few of them; ``total`` counts them all."""

    def __init__(self, links: Iterable[PanelLink] = (), total: int | None = None) -> None:
        super().__init__(links)
        self.total = len(self) if total is None else total

    @property
    def more(self) -> int:
        """How many links are left out."""
        return self.total - len(self)


def first_per_object(queryset: QuerySet[Any], object_field: str, order_by: Sequence[Any], limit: int) -> QuerySet[Any]:
    """At most ``limit`` rows of ``queryset`` per value of ``object_field``, first by ``order_by``; one query.

    Each row carries ``panel_total``: how many rows its object has in all (for ``Links(..., total=...)``), so a
    page about a field of action with 100,000 projects lists the first few and says how many there are.
    """
    partition = F(object_field)
    return (
        queryset.annotate(
            panel_rank=Window(RowNumber(), partition_by=partition, order_by=list(order_by)),
            panel_total=Window(Count("pk"), partition_by=partition),
        )
        .filter(panel_rank__lte=limit)
        .order_by(object_field, "panel_rank")
    )


Provider = Callable[[Sequence[Any], Any], dict[int, list[PanelLink]]]

_providers: dict[str, list[tuple[str | Promise, Provider]]] = defaultdict(list)


def register(slot: str, heading: str | Promise, provider: Provider) -> None:
    """Show ``provider``'s links under ``heading`` (a lazy translation) in ``slot``; registering twice is a no-op."""
    if all(existing is not provider for _heading, existing in _providers[slot]):
        _providers[slot].append((heading, provider))


def collect(slot: str, objects: Iterable[Any], user: Any) -> dict[int, list[tuple[str, list[PanelLink]]]]:
    """Per object pk: (heading, links) of every provider that has something for it."""
    objects = list(objects)
    result: dict[int, list[tuple[str, list[PanelLink]]]] = defaultdict(list)
    if not objects:
        return result
    for heading, provider in _providers[slot]:
        for pk, links in provider(objects, user).items():
            if links:
                result[pk].append((str(heading), links))
    return result
