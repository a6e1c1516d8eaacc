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

from django.utils.functional import Promise


@dataclass(frozen=True)
class PanelLink:
    title: str
    url: str
    note: str = ""


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
