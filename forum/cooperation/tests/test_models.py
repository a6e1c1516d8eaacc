"""Undertakings, participations and cost plans: their rules, with the messages a person sees."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

from forum.cooperation import services
from forum.cooperation.models import CostPlan, Participation, Undertaking

pytestmark = pytest.mark.django_db


def codes(error: ValidationError) -> dict[str, set[str]]:
    return {field: {e.code for e in errors} for field, errors in error.error_dict.items()}  # type: ignore[misc]


def test_it_gets_a_readable_unique_address(make_undertaking):
    first = make_undertaking(title="Gemeinsame Straßenbeleuchtung")
    second = make_undertaking(title="Gemeinsame Straßenbeleuchtung")
    assert first.slug == "gemeinsame-strassenbeleuchtung"
    assert second.slug == "gemeinsame-strassenbeleuchtung-2"
    assert first.get_absolute_url() == "/vorhaben-des-landkreises/gemeinsame-strassenbeleuchtung/"
    assert make_undertaking(title="Neu").slug == "vorhaben-neu"  # not the address of the form


def test_the_lead_takes_part_as_lead(undertaking, loerrach, towns):
    roles = dict(undertaking.participations.values_list("organisation_id", "role"))
    assert roles[loerrach.pk] == Participation.Role.LEAD
    assert {roles[town.pk] for town in towns} == {Participation.Role.PARTICIPANT}


def test_a_new_lead_takes_over_the_role(undertaking, loerrach, towns):
    undertaking.lead = towns[0]
    services.save_undertaking(undertaking)
    roles = dict(undertaking.participations.values_list("organisation_id", "role"))
    assert roles[towns[0].pk] == Participation.Role.LEAD
    assert roles[loerrach.pk] == Participation.Role.PARTICIPANT


def test_only_the_lead_has_the_lead_role(undertaking, towns):
    with pytest.raises(ValidationError) as error:
        services.set_participation(undertaking, organisation=towns[0], role=Participation.Role.LEAD)
    assert codes(error.value) == {"role": {"not_lead"}}


def test_the_lead_cannot_be_removed_or_demoted(undertaking, loerrach):
    lead = undertaking.participations.get(organisation=loerrach)
    with pytest.raises(ValidationError):
        services.remove_participation(lead)
    with pytest.raises(ValidationError) as error:
        services.set_participation(undertaking, organisation=loerrach, role=Participation.Role.OBSERVER)
    assert codes(error.value) == {"role": {"lead_stays"}}


def test_markdown_with_script_is_refused(make_undertaking):
    with pytest.raises(ValidationError) as error:
        make_undertaking(description="Hallo <script>alert(1)</script>")
    assert codes(error.value) == {"description": {"active_content"}}
    assert not Undertaking.objects.filter(description__contains="script").exists()


def test_only_visible_undertakings_are_listed_for_an_organisation(undertaking, towns, make_undertaking):
    assert list(Undertaking.objects.of_organisation(towns[0])) == [undertaking]


# Cost plans ---------------------------------------------------------------------------------------


def plan(undertaking: Undertaking, **fields: object) -> CostPlan:
    return CostPlan(**({"undertaking": undertaking, "year": 2026, "total": Decimal(1000)} | fields))


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"total": Decimal(-1)}, {"total": {"negative", "min_value"}}),
        (
            {"key": CostPlan.Key.MIXED, "base_share_percent": Decimal(50), "population_share_percent": Decimal(40)},
            {"population_share_percent": {"key_sum"}},
        ),
        (
            {"key": CostPlan.Key.MIXED, "base_share_percent": Decimal(150), "population_share_percent": Decimal(-50)},
            {
                "base_share_percent": {"percent_range", "max_value"},
                "population_share_percent": {"percent_range", "min_value"},
            },
        ),
        ({"key": CostPlan.Key.MIXED}, {"base_share_percent": {"required"}, "population_share_percent": {"required"}}),
        ({"district_share_amount": Decimal(5000)}, {"district_share_amount": {"too_high"}}),
        ({"district_share_percent": Decimal(101)}, {"district_share_percent": {"percent_range", "max_value"}}),
        (
            {"district_share_percent": Decimal(10), "district_share_amount": Decimal(10)},
            {"district_share_percent": {"two_district_shares"}},
        ),
    ],
)
def test_a_cost_plan_refuses_bad_input(undertaking, fields, expected):
    with pytest.raises(ValidationError) as error:
        plan(undertaking, **fields).full_clean()
    assert codes(error.value) == expected


def test_the_key_sum_message_names_the_sum(undertaking):
    bad = plan(
        undertaking, key=CostPlan.Key.MIXED, base_share_percent=Decimal(60), population_share_percent=Decimal(30)
    )
    with pytest.raises(ValidationError) as error:
        bad.full_clean()
    assert error.value.message_dict["population_share_percent"] == [
        gettext("The parts of the key must add up to 100 percent (now: %(sum)s).") % {"sum": "90"}
    ]


def test_a_plan_that_is_not_mixed_keeps_no_parts(undertaking):
    clean = plan(undertaking, key=CostPlan.Key.EQUAL, base_share_percent=Decimal(70))
    clean.full_clean()
    assert clean.base_share_percent is None


def test_one_plan_per_year(undertaking, cost_plan_factory):
    cost_plan_factory(undertaking=undertaking)
    with pytest.raises(ValidationError) as error:
        plan(undertaking).full_clean()
    assert "__all__" in error.value.message_dict


def test_the_participating_municipalities_pay(undertaking, cost_plan_factory, loerrach, towns, district):
    services.set_participation(undertaking, organisation=district, role=Participation.Role.PARTICIPANT)
    services.set_participation(undertaking, organisation=towns[2], role=Participation.Role.OBSERVER)
    table = cost_plan_factory(undertaking=undertaking).table()
    assert {share.payer.id for share in table.shares} == {loerrach.pk, towns[0].pk, towns[1].pk}
    assert sum(share.cents for share in table.shares) == 100_000_00
