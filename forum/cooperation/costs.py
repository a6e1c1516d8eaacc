"""Cost sharing (Kostenverteilung) as pure arithmetic: no database, no Django models.

A year's costs of an undertaking are split in exact cents. First an optional district share comes off the top
(a fixed amount or a percentage), then the rest goes to the paying participants by a key:

- per inhabitant (Einwohnerschlüssel): in proportion to each participant's population,
- equal shares (gleiche Anteile): the same for each,
- mixed: a base part split equally and the other part by population (e.g. 50 % / 50 %).

Each participant's exact share is computed with fractions and rounded once, by the largest-remainder method:
everyone gets the cents below their exact share, and the cents left over go one each to the largest remainders
(ties: the larger population first, then the order given). So the shares always add up exactly to the total, and
under the per-inhabitant and mixed keys a participant with more inhabitants never pays less than one with fewer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import cached_property
from typing import Any

from django.utils.translation import gettext as _

PER_INHABITANT = "per_inhabitant"
EQUAL = "equal"
MIXED = "mixed"
KEYS = (PER_INHABITANT, EQUAL, MIXED)
HUNDRED = Decimal(100)


class CostError(ValueError):
    """The costs cannot be shared this way; the message says why (in the active language)."""


@dataclass(frozen=True)
class Payer:
    """Someone who pays a share: an id (e.g. the organisation's pk), a name and the population figure with its date."""

    id: Any
    name: str
    population: int | None = None
    population_date: date | None = None


@dataclass(frozen=True)
class Share:
    payer: Payer
    cents: int
    exact_cents: Fraction  # before rounding

    @property
    def amount(self) -> Decimal:
        return cents_to_euros(self.cents)


@dataclass(frozen=True)
class CostTable:
    total_cents: int
    district_cents: int
    shares: tuple[Share, ...]
    key: str
    base_percent: Decimal
    population_percent: Decimal

    @property
    def total(self) -> Decimal:
        return cents_to_euros(self.total_cents)

    @property
    def district_amount(self) -> Decimal:
        return cents_to_euros(self.district_cents)

    @property
    def shared_cents(self) -> int:
        return self.total_cents - self.district_cents

    @property
    def shared_amount(self) -> Decimal:
        return cents_to_euros(self.shared_cents)

    @property
    def base_amount(self) -> Decimal:
        """The part of the shared costs split equally (exact to the cent only when it is whole)."""
        return (self.shared_amount * self.base_percent / HUNDRED).quantize(Decimal("0.01"), ROUND_HALF_UP)

    @property
    def population_amount(self) -> Decimal:
        return self.shared_amount - self.base_amount

    @property
    def population(self) -> int:
        return sum(share.payer.population or 0 for share in self.shares)

    @property
    def population_dates(self) -> list[date]:
        """The reference dates of the population figures used, oldest first (usually just one)."""
        return sorted({share.payer.population_date for share in self.shares if share.payer.population_date})

    @cached_property
    def _by_payer(self) -> dict[Any, Share]:
        return {share.payer.id: share for share in self.shares}

    def share_of(self, payer_id: Any) -> Share | None:
        return self._by_payer.get(payer_id)

    def percent_of_total(self, share: Share) -> Decimal:
        if not self.total_cents:
            return Decimal(0)
        return (Decimal(share.cents) * HUNDRED / Decimal(self.total_cents)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def euros_to_cents(amount: Decimal) -> int:
    """Whole cents; an amount with fractions of a cent is refused rather than silently rounded."""
    cents = Decimal(amount) * HUNDRED
    if cents != cents.to_integral_value():
        raise CostError(_("Amounts are given in whole cents."))
    return int(cents)


def cents_to_euros(cents: int) -> Decimal:
    return (Decimal(cents) / HUNDRED).quantize(Decimal("0.01"))


def largest_remainder(total_cents: int, exact: Sequence[Fraction], priority: Sequence[Any] | None = None) -> list[int]:
    """Round ``exact`` (summing to ``total_cents``) to whole cents that sum to exactly ``total_cents``.

    Everyone gets the floor; the cents left over go one each to the largest remainders. Ties go to the larger
    ``priority`` (e.g. the population), then to the earlier position.
    """
    if sum(exact, Fraction(0)) != total_cents:
        raise ValueError("the exact shares must add up to the total")
    floors = [int(value.__floor__()) for value in exact]
    left = total_cents - sum(floors)
    ranks = priority if priority is not None else [0] * len(exact)
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), _neg(ranks[i]), i))
    for index in order[:left]:
        floors[index] += 1
    return floors


def largest_remainder_of(numerators: Sequence[int], denominator: int, priority: Sequence[int]) -> list[int]:
    """``largest_remainder`` for shares ``numerator / denominator`` given as integers (no fractions needed)."""
    floors = [numerator // denominator for numerator in numerators]
    left = (sum(numerators) - sum(floors) * denominator) // denominator
    order = sorted(range(len(numerators)), key=lambda i: (-(numerators[i] % denominator), -priority[i], i))
    for index in order[:left]:
        floors[index] += 1
    return floors


def _neg(value: Any) -> Any:
    return -value if isinstance(value, int | Fraction | Decimal) else 0


def check_key(key: str, base_percent: Decimal | None, population_percent: Decimal | None) -> tuple[Decimal, Decimal]:
    """The key's (equal part, population part) in percent; raises CostError for a key that does not add up."""
    if key == PER_INHABITANT:
        return Decimal(0), HUNDRED
    if key == EQUAL:
        return HUNDRED, Decimal(0)
    if key != MIXED:
        raise CostError(_("Unknown cost key."))
    if base_percent is None or population_percent is None:
        raise CostError(_("A mixed key needs both parts in percent."))
    for part in (base_percent, population_percent):
        if not Decimal(0) <= part <= HUNDRED:
            raise CostError(_("Each part of the key must be between 0 and 100 percent."))
    if base_percent + population_percent != HUNDRED:
        raise CostError(_("The parts of the key must add up to 100 percent."))
    return Decimal(base_percent), Decimal(population_percent)


def district_cents_for(total_cents: int, *, fixed: Decimal | None = None, percent: Decimal | None = None) -> int:
    """The district's share in cents: a fixed amount, or a percentage of the total (rounded half up to the cent)."""
    if fixed is not None and percent is not None:
        raise CostError(_("Give the district's share either as an amount or as a percentage, not both."))
    if fixed is not None:
        cents = euros_to_cents(fixed)
        if cents < 0:
            raise CostError(_("The district's share must not be negative."))
        if cents > total_cents:
            raise CostError(_("The district's share must not exceed the total costs."))
        return cents
    if percent is not None:
        if not Decimal(0) <= percent <= HUNDRED:
            raise CostError(_("The district's share must be between 0 and 100 percent."))
        exact = Decimal(total_cents) * Decimal(percent) / HUNDRED
        return int(exact.quantize(Decimal(1), ROUND_HALF_UP))
    return 0


def share_costs(
    total: Decimal,
    payers: Sequence[Payer],
    *,
    key: str,
    base_percent: Decimal | None = None,
    population_percent: Decimal | None = None,
    district_fixed: Decimal | None = None,
    district_percent: Decimal | None = None,
) -> CostTable:
    """Split ``total`` (euros) among ``payers`` by ``key``, after the district's share; see the module's docstring."""
    total_cents = euros_to_cents(total)
    if total_cents < 0:
        raise CostError(_("The costs must not be negative."))
    base, by_population = check_key(key, base_percent, population_percent)
    district = district_cents_for(total_cents, fixed=district_fixed, percent=district_percent)
    rest = total_cents - district
    if not payers:
        if rest:
            raise CostError(_("There is no participant to share the costs."))
        return CostTable(total_cents, district, (), key, base, by_population)
    if len({payer.id for payer in payers}) != len(payers):
        raise CostError(_("Each participant may be named only once."))
    populations = [payer.population or 0 for payer in payers]
    if by_population:
        missing = [payer.name for payer in payers if not payer.population or payer.population < 0]
        if missing:
            raise CostError(
                _("No population figure for: %(names)s. The key needs one for every participant.")
                % {"names": ", ".join(missing)}
            )
    # Exact shares over one common denominator, so rounding works on integers (fast for thousands of payers):
    # share_i = rest × (b × P + q × n × p_i) / (100 × L × n × P), with b and q the key's parts scaled by L.
    base_f, population_f = Fraction(base), Fraction(by_population)
    scale = math.lcm(base_f.denominator, population_f.denominator)
    b, q = int(base_f * scale), int(population_f * scale)
    n = len(payers)
    inhabitants = sum(populations) if q else 1
    denominator = 100 * scale * n * inhabitants
    numerators = [rest * (b * inhabitants + q * n * (population if q else 0)) for population in populations]
    cents = largest_remainder_of(numerators, denominator, populations)
    exact = [Fraction(numerator, denominator) for numerator in numerators]
    shares = tuple(Share(payer, amount, value) for payer, amount, value in zip(payers, cents, exact, strict=True))
    return CostTable(total_cents, district, shares, key, base, by_population)
