"""Factories for the cooperation app: undertakings of the real district's organisations, cost plans."""

from __future__ import annotations

from decimal import Decimal

import factory

from forum.cooperation.models import CostPlan, Milestone, Undertaking
from forum.core.models import Visibility


class UndertakingFactory(factory.django.DjangoModelFactory):
    """A public undertaking in preparation; pass ``lead`` and ``governing_organisation`` (e.g. the district)."""

    class Meta:
        model = Undertaking

    title = factory.Sequence(lambda n: f"Vorhaben {n:03d}")
    description = "Gemeinsam **digital** arbeiten."
    decision_process = "Entscheidungen trifft die Verbandsversammlung."
    visibility = Visibility.PUBLIC


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    title = factory.Sequence(lambda n: f"Meilenstein {n}")
    due_on = factory.Faker("date_between", start_date="-1y", end_date="+1y")


class CostPlanFactory(factory.django.DjangoModelFactory):
    """A public plan for 2026: 100,000 € per inhabitant; pass ``undertaking``."""

    class Meta:
        model = CostPlan

    year = 2026
    total = Decimal("100000.00")
    key = CostPlan.Key.PER_INHABITANT
    visibility = Visibility.PUBLIC
