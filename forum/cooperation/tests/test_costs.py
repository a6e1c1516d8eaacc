"""The cost arithmetic: worked examples, and properties that hold for any figures (hypothesis)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forum.cooperation import costs
from forum.cooperation.costs import EQUAL, MIXED, PER_INHABITANT, CostError, Payer, largest_remainder, share_costs

ON = date(2024, 12, 31)


def payers(*populations: int | None) -> list[Payer]:
    return [Payer(id=i, name=f"Gemeinde {i}", population=p, population_date=ON) for i, p in enumerate(populations)]


def amounts(table: costs.CostTable) -> list[Decimal]:
    return [share.amount for share in table.shares]


# Worked examples ----------------------------------------------------------------------------------


def test_it_shares_per_inhabitant():
    table = share_costs(Decimal("1000.00"), payers(1000, 3000), key=PER_INHABITANT)
    assert amounts(table) == [Decimal("250.00"), Decimal("750.00")]
    assert table.population == 4000
    assert table.population_dates == [ON]


def test_it_gives_the_left_over_cents_to_the_largest_remainders():
    # 100 € for three equal towns: 33.33 each and one cent left, to the first (equal remainders, equal population).
    table = share_costs(Decimal(100), payers(10, 10, 10), key=PER_INHABITANT)
    assert amounts(table) == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    # With different populations the cent goes to the largest remainder: 2/3 → 66.666…, 1/3 → 33.333….
    table = share_costs(Decimal(100), payers(1, 2), key=PER_INHABITANT)
    assert amounts(table) == [Decimal("33.33"), Decimal("66.67")]


def test_it_shares_equally():
    table = share_costs(Decimal("10.00"), payers(100, 5, 7), key=EQUAL)
    # 3.33 each and one cent left: all remainders tie, so the largest population gets it.
    assert amounts(table) == [Decimal("3.34"), Decimal("3.33"), Decimal("3.33")]


def test_an_equal_key_needs_no_population_figures():
    table = share_costs(Decimal("90"), payers(None, None, None), key=EQUAL)
    assert amounts(table) == [Decimal("30.00")] * 3


def test_it_mixes_a_base_amount_and_a_part_per_inhabitant():
    # 1,000 €: 500 € equally (250 each), 500 € by population 1:4 (100 and 400).
    table = share_costs(
        Decimal(1000), payers(1000, 4000), key=MIXED, base_percent=Decimal(50), population_percent=Decimal(50)
    )
    assert amounts(table) == [Decimal("350.00"), Decimal("650.00")]
    assert table.base_amount == Decimal("500.00")
    assert table.population_amount == Decimal("500.00")


def test_the_district_pays_a_fixed_share_first():
    table = share_costs(Decimal(1000), payers(1, 1), key=EQUAL, district_fixed=Decimal("200.00"))
    assert table.district_amount == Decimal("200.00")
    assert amounts(table) == [Decimal("400.00"), Decimal("400.00")]


def test_the_district_pays_a_percentage_first():
    table = share_costs(Decimal("999.99"), payers(1, 1), key=EQUAL, district_percent=Decimal(20))
    assert table.district_amount == Decimal("200.00")  # 199.998 rounded half up
    assert sum(amounts(table)) + table.district_amount == Decimal("999.99")


def test_largest_remainder_refuses_shares_that_do_not_add_up():
    with pytest.raises(ValueError):
        largest_remainder(10, [Fraction(3), Fraction(3)])


@pytest.mark.parametrize(
    ("kwargs", "code_text"),
    [
        ({"total": Decimal(-1), "key": EQUAL}, "The costs must not be negative."),
        ({"total": Decimal("1.001"), "key": EQUAL}, "Amounts are given in whole cents."),
        ({"key": "per_head"}, "Unknown cost key."),
        ({"key": MIXED, "base_percent": Decimal(50)}, "A mixed key needs both parts in percent."),
        (
            {"key": MIXED, "base_percent": Decimal(120), "population_percent": Decimal(-20)},
            "Each part of the key must be between 0 and 100 percent.",
        ),
        (
            {"key": MIXED, "base_percent": Decimal(50), "population_percent": Decimal(40)},
            "The parts of the key must add up to 100 percent.",
        ),
        ({"key": EQUAL, "district_fixed": Decimal(2000)}, "The district's share must not exceed the total costs."),
        ({"key": EQUAL, "district_fixed": Decimal(-5)}, "The district's share must not be negative."),
        ({"key": EQUAL, "district_percent": Decimal(101)}, "The district's share must be between 0 and 100 percent."),
        (
            {"key": EQUAL, "district_percent": Decimal(1), "district_fixed": Decimal(1)},
            "Give the district's share either as an amount or as a percentage, not both.",
        ),
    ],
)
def test_bad_input_is_refused_with_a_message(kwargs, code_text):
    from django.utils.translation import gettext

    total = kwargs.pop("total", Decimal(1000))
    with pytest.raises(CostError) as error:
        share_costs(total, payers(100, 200), **kwargs)
    assert str(error.value) == gettext(code_text)


def test_a_key_by_population_needs_every_figure():
    with pytest.raises(CostError, match="Gemeinde 1"):
        share_costs(Decimal(100), payers(100, None), key=PER_INHABITANT)


def test_nobody_to_pay_is_refused_unless_nothing_is_left():
    with pytest.raises(CostError):
        share_costs(Decimal(100), [], key=EQUAL)
    table = share_costs(Decimal(100), [], key=EQUAL, district_percent=Decimal(100))
    assert table.district_cents == 10_000


def test_a_participant_counts_once():
    twice = [Payer(1, "A", 10), Payer(1, "A", 10)]
    with pytest.raises(CostError):
        share_costs(Decimal(100), twice, key=EQUAL)


# Properties ---------------------------------------------------------------------------------------

totals = st.integers(min_value=0, max_value=10**11).map(lambda cents: Decimal(cents) / 100)
populations = st.lists(st.integers(min_value=1, max_value=4_000_000), min_size=1, max_size=60)
percents = st.integers(min_value=0, max_value=10_000).map(lambda hundredths: Decimal(hundredths) / 100)


@st.composite
def plans(draw: st.DrawFn) -> dict:
    key = draw(st.sampled_from([PER_INHABITANT, EQUAL, MIXED]))
    plan: dict = {"total": draw(totals), "key": key, "populations": draw(populations)}
    if key == MIXED:
        base = draw(percents)
        plan |= {"base_percent": base, "population_percent": 100 - base}
    district = draw(st.sampled_from(["none", "fixed", "percent"]))
    if district == "fixed":
        plan["district_fixed"] = Decimal(draw(st.integers(0, int(plan["total"] * 100)))) / 100
    elif district == "percent":
        plan["district_percent"] = draw(percents)
    return plan


def _table(plan: dict) -> costs.CostTable:
    args = {k: v for k, v in plan.items() if k not in ("total", "populations")}
    return share_costs(plan["total"], payers(*plan["populations"]), **args)


@settings(max_examples=300, deadline=None)
@given(plans())
def test_shares_always_add_up_exactly_to_the_total(plan):
    table = _table(plan)
    assert table.district_cents + sum(share.cents for share in table.shares) == table.total_cents
    assert table.district_amount + sum(amounts(table)) == plan["total"]
    assert all(share.cents >= 0 for share in table.shares)
    # Rounding moves no share by a cent or more.
    assert all(abs(share.cents - share.exact_cents) < 1 for share in table.shares)


@settings(max_examples=300, deadline=None)
@given(plans().filter(lambda plan: plan["key"] != EQUAL))
def test_a_larger_population_never_pays_less(plan):
    table = _table(plan)
    for bigger in table.shares:
        for smaller in table.shares:
            if (bigger.payer.population or 0) > (smaller.payer.population or 0):
                assert bigger.cents >= smaller.cents, (bigger, smaller)


@settings(max_examples=200, deadline=None)
@given(plans().filter(lambda plan: plan["key"] == EQUAL))
def test_equal_shares_differ_by_at_most_a_cent(plan):
    cents = [share.cents for share in _table(plan).shares]
    assert max(cents) - min(cents) <= 1


@settings(max_examples=200, deadline=None)
@given(plans(), st.lists(st.integers(min_value=1, max_value=4_000_000), min_size=1, max_size=5))
def test_more_participants_never_make_anyone_pay_more_per_inhabitant(plan, joining):
    """The scenario "what if more municipalities join": under the per-inhabitant key nobody pays more."""
    if plan["key"] != PER_INHABITANT:
        return
    before = _table(plan)
    args = {k: v for k, v in plan.items() if k not in ("total", "populations")}
    after = share_costs(plan["total"], payers(*plan["populations"], *joining), **args)
    for share in before.shares:
        assert after.share_of(share.payer.id).cents <= share.cents + 1  # a cent of rounding either way
