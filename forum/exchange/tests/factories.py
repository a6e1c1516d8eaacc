"""Factories for the exchange app: entries of the real district's organisations, interest marks, comments.

Pass ``organisation`` (e.g. the ``loerrach`` fixture); the ``entry_factory`` fixture does so for Lörrach.
"""

from __future__ import annotations

import factory

from forum.core.models import Visibility
from forum.exchange.models import Comment, Entry, Interest


class EntryFactory(factory.django.DjangoModelFactory):
    """A public challenge; ``project=True`` makes a project in implementation."""

    class Meta:
        model = Entry

    kind = Entry.Kind.CHALLENGE
    title = factory.Sequence(lambda n: f"Eintrag {n:03d}")
    description = "Die Verwaltung sucht einen Weg, **Anträge** digital anzunehmen."
    visibility = Visibility.PUBLIC

    class Params:
        project = factory.Trait(kind=Entry.Kind.PROJECT, phase=Entry.Phase.IMPLEMENTATION)


class InterestFactory(factory.django.DjangoModelFactory):
    """Pass ``entry`` and ``organisation`` (not the entry's owner)."""

    class Meta:
        model = Interest

    kind = Interest.Kind.CONCERNS_US
    note = "Das betrifft uns auch."


class CommentFactory(factory.django.DjangoModelFactory):
    """Pass ``entry`` and ``author``."""

    class Meta:
        model = Comment

    text = factory.Sequence(lambda n: f"Kommentar {n:03d}: Wie sind Ihre Erfahrungen?")
