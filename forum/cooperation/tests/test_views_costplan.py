"""The cost table: shares in euros and cents, the scenario beside it, the exports, the form's messages."""

from __future__ import annotations

import csv
import io
import subprocess
from decimal import Decimal

import pikepdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext
from openpyxl import load_workbook

from forum.cooperation.models import CostPlan, Participation, Undertaking
from forum.core.models import Visibility
from forum.organisations.models import Organisation
from forum.organisations.tests.helpers import log_in_as, section_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(undertaking, cost_plan_factory) -> CostPlan:
    return cost_plan_factory(
        undertaking=undertaking,
        total=Decimal("120000.00"),
        key=CostPlan.Key.MIXED,
        base_share_percent=Decimal(50),
        population_share_percent=Decimal(50),
        district_share_percent=Decimal(20),
    )


def _joining(undertaking: Undertaking, n: int) -> list[Organisation]:
    taking_part = undertaking.participations.values("organisation_id")
    return list(Organisation.objects.municipalities().exclude(pk__in=taking_part).order_by("ags")[:n])


def test_the_table_shows_each_share_and_the_population_figures(client, plan, loerrach, towns):
    page = client.get(plan.get_absolute_url())
    table = page.context["table"]
    assert table.district_cents == 24_000_00
    assert sum(share.cents for share in table.shares) == 96_000_00
    assert {share.payer.id for share in table.shares} == {loerrach.pk, *(town.pk for town in towns)}
    shares = section_text(page, "anteile")
    assert loerrach.name in shares
    assert "24.000,00" in shares and "120.000,00" in shares
    assert loerrach.population_date.strftime("%d.%m.%Y") in page.content.decode()


def test_a_scenario_shows_who_would_pay_what_if_more_joined(client, plan, undertaking):
    joining = _joining(undertaking, 2)
    page = client.get(plan.get_absolute_url(), {"extra": [o.ags for o in joining]})
    scenario = page.context["scenario"]
    assert len(scenario.shares) == 6
    assert scenario.district_cents + sum(s.cents for s in scenario.shares) == 120_000_00
    for row in page.context["rows"]:  # every participant pays less when two more share the costs
        assert row["difference"] < 0
    assert all(o.name in section_text(page, "anteile") for o in joining)


def test_an_unknown_or_taking_part_municipality_is_not_a_scenario(client, plan, towns):
    page = client.get(plan.get_absolute_url(), {"extra": [towns[0].ags, "99999999"]})
    assert page.context["scenario"] is None


def test_a_missing_population_figure_is_named(client, plan, towns):
    Organisation.objects.filter(pk=towns[1].pk).update(population=None)
    page = client.get(plan.get_absolute_url())
    assert page.context["table"] is None
    assert towns[1].name in section_text(page, "anteile")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_it_exports_the_table(client, plan, undertaking, fmt):
    joining = _joining(undertaking, 1)
    url = reverse("cooperation:costplan_export", args=[undertaking.slug, plan.year, fmt])
    response = client.get(url, {"extra": [joining[0].ags]})
    assert response.status_code == 200
    if fmt == "csv":
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        assert rows[-1][0] == gettext("Total")
        assert rows[-1][3] == "120000,00"
    else:
        sheet = load_workbook(io.BytesIO(response.content)).active
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        assert rows[-1][3] == 120000
        assert sum(Decimal(str(row[3])) for row in [*rows[1:5], rows[6]]) == Decimal("120000.00")
    assert len(rows) == 1 + 4 + 1 + 1 + 1  # header, four participants, one joining, district, total
    assert len(rows[0]) == 7  # with the scenario's two columns


def test_an_unknown_export_format_is_not_found(client, plan, undertaking):
    url = reverse("cooperation:costplan_export", args=[undertaking.slug, plan.year, "odt"])
    assert client.get(url).status_code == 404


def test_it_exports_the_table_as_a_tagged_pdf(client, plan, undertaking, loerrach, towns, tmp_path):
    url = reverse("cooperation:costplan_export", args=[undertaking.slug, plan.year, "pdf"])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f"kosten-{undertaking.slug}-{plan.year}.pdf" in response["Content-Disposition"]
    path = tmp_path / "kosten.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout
    flat = " ".join(text.split())
    table = client.get(plan.get_absolute_url()).context["table"]
    for organisation in (loerrach, *towns):
        assert organisation.name in flat
        share = table.share_of(organisation.pk)
        assert f"{_german(share.amount)} €" in flat
    assert "24.000,00 €" in flat  # the district's share
    assert f"{gettext('Total')} {_german(Decimal(table.population), 0)} 120.000,00 € 100,00 %" in flat
    assert loerrach.population_date.strftime("%d.%m.%Y") in flat
    with pikepdf.open(path) as document:
        assert "/StructTreeRoot" in document.Root
        assert str(document.Root.Lang).startswith("de")


def test_the_cost_table_links_its_exports(client, plan):
    page = client.get(plan.get_absolute_url()).content.decode()
    for fmt in ("csv", "xlsx", "pdf"):
        assert reverse("cooperation:costplan_export", args=[plan.undertaking.slug, plan.year, fmt]) in page


def _german(amount: Decimal, places: int = 2) -> str:
    """1234.5 → "1.234,50"."""
    return f"{amount:,.{places}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def test_a_key_that_does_not_add_up_is_refused_on_the_form(client, user_in_role, loerrach, undertaking):
    log_in_as(client, user_in_role, "coordination", loerrach)
    response = client.post(
        reverse("cooperation:costplan_create", args=[undertaking.slug]),
        {
            "year": "2027",
            "total": "-5",
            "key": "mixed",
            "base_share_percent": "50",
            "population_share_percent": "40",
            "visibility": "public",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "total" in errors
    assert not CostPlan.objects.exists()
    response = client.post(
        reverse("cooperation:costplan_create", args=[undertaking.slug]),
        {
            "year": "2027",
            "total": "1000,50",
            "key": "mixed",
            "base_share_percent": "50",
            "population_share_percent": "40",
            "visibility": "public",
        },
    )
    message = gettext("The parts of the key must add up to 100 percent (now: %(sum)s).") % {"sum": "90"}
    assert response.context["form"].errors["population_share_percent"] == [message]
    assert not CostPlan.objects.exists()


def test_a_second_plan_for_the_same_year_is_refused(client, user_in_role, loerrach, plan, undertaking):
    log_in_as(client, user_in_role, "coordination", loerrach)
    response = client.post(
        reverse("cooperation:costplan_create", args=[undertaking.slug]),
        {"year": str(plan.year), "total": "10", "key": "equal", "visibility": "public"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["year"]
    assert CostPlan.objects.count() == 1


# Query budgets ------------------------------------------------------------------------------------


def _add_participants(undertaking: Undertaking, n: int) -> None:
    for organisation in _joining(undertaking, n):
        Participation.objects.create(undertaking=undertaking, organisation=organisation)


@pytest.mark.parametrize("role", ["anonymous", "member_other", "coordination"])
def test_the_cost_table_costs_the_same_for_4_or_30_participants(
    role, client, user_in_role, loerrach, plan, undertaking, django_assert_num_queries
):
    log_in_as(client, user_in_role, role, loerrach)
    url = plan.get_absolute_url()
    extra = {"extra": [o.ags for o in _joining(undertaking, 2)]}
    client.get(url, extra)  # sessions and caches warm
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, extra).status_code == 200
    _add_participants(undertaking, 26)
    extra = {"extra": [o.ags for o in _joining(undertaking, 2)]}
    with django_assert_num_queries(len(few)):
        client.get(url, extra)


@pytest.mark.parametrize("role", ["anonymous", "member_other", "coordination"])
def test_the_list_costs_the_same_for_3_or_30_undertakings(
    role, client, user_in_role, loerrach, make_undertaking, towns, django_assert_num_queries
):
    log_in_as(client, user_in_role, role, loerrach)
    url = reverse("cooperation:undertaking_list")
    for _ in range(3):
        make_undertaking(participants=towns)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(27):
        make_undertaking(participants=towns)
    with django_assert_num_queries(len(few)):
        client.get(url)


def test_an_undertaking_page_costs_the_same_for_few_or_many_participants(
    client, undertaking, cost_plan_factory, django_assert_num_queries
):
    cost_plan_factory(undertaking=undertaking)
    url = undertaking.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    _add_participants(undertaking, 25)
    for n in range(10):
        undertaking.milestones.create(title=f"Schritt {n}", due_on="2026-01-01")
    with django_assert_num_queries(len(few)):
        client.get(url)


# Cost shares on the municipality's page ----------------------------------------------------------


def test_a_municipality_page_shows_its_cost_shares(client, plan, undertaking, towns, cost_plan_factory):
    cost_plan_factory(undertaking=undertaking, year=2027, total=Decimal("1234.56"), key=CostPlan.Key.EQUAL)
    town = towns[0]
    page = client.get(town.get_absolute_url())
    rows = page.context["cost_shares"]
    assert [row["plan"].year for row in rows] == [2027, 2026]
    # the same share as the cost table computes
    expected = client.get(plan.get_absolute_url()).context["table"].share_of(town.pk)
    assert rows[1]["share"] == expected
    shares = section_text(page, "kostenanteile")
    assert undertaking.title in shares
    assert _german(expected.amount) in shares
    assert "308,64" in shares  # 1,234.56 € in four equal shares
    assert plan.get_absolute_url() in page.content.decode()


def test_hidden_and_draft_cost_plans_are_not_shown_to_others(
    client, user_in_role, loerrach, undertaking, towns, cost_plan_factory
):
    cost_plan_factory(undertaking=undertaking, year=2026, is_draft=True)
    cost_plan_factory(undertaking=undertaking, year=2027, visibility=Visibility.MEMBERS)
    cost_plan_factory(undertaking=undertaking, year=2028)
    url = towns[0].get_absolute_url()
    assert [row["plan"].year for row in client.get(url).context["cost_shares"]] == [2028]
    log_in_as(client, user_in_role, "member_other", loerrach)
    assert [row["plan"].year for row in client.get(url).context["cost_shares"]] == [2028, 2027]
    client.logout()
    log_in_as(client, user_in_role, "coordination", loerrach)
    assert [row["plan"].year for row in client.get(url).context["cost_shares"]] == [2028, 2027, 2026]


def test_a_municipality_page_costs_the_same_for_1_or_5_cost_plans(
    client, user_in_role, loerrach, make_undertaking, towns, cost_plan_factory, django_assert_num_queries
):
    log_in_as(client, user_in_role, "member_own", loerrach)
    cost_plan_factory(undertaking=make_undertaking(participants=towns))
    url = loerrach.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for year in (2027, 2028):
        cost_plan_factory(undertaking=make_undertaking(participants=towns[:2]), year=year)
        cost_plan_factory(undertaking=make_undertaking(participants=towns), year=year)
    with django_assert_num_queries(len(one)):
        response = client.get(url)
    assert len(response.context["cost_shares"]) == 5
