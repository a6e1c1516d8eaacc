"""The example undertakings of the council paper: broadband (the Zweckverband decides) and the IKZ."""

from __future__ import annotations

import pytest
from django.conf import settings

from forum.cooperation.models import CostPlan, Milestone, Participation, Undertaking
from forum.portal.demo import create_demo

pytestmark = pytest.mark.django_db


def _counts() -> list[int]:
    return [model.objects.count() for model in (Undertaking, Participation, Milestone, CostPlan)]


def test_it_creates_the_two_undertakings_of_the_paper_once():
    create_demo(settings.FORUM_KREISSCHLUESSEL)
    broadband = Undertaking.objects.get(title__startswith="Breitbandversorgung")
    assert broadband.governing_organisation.name == "Zweckverband Breitbandversorgung Landkreis Lörrach"
    assert broadband.governing_committee.kind == "assembly"
    assert "Entscheidungen fällt die Verbandsversammlung" in broadband.decision_process
    ikz = Undertaking.objects.get(title__contains="IKZ")
    assert ikz.lead.ags == settings.FORUM_KREISSCHLUESSEL
    assert ikz.governing_committee.kind == "forum"
    assert "Büro der Landrätin" in ikz.decision_process
    assert ikz.participations.count() == 36  # the district (lead) and its 35 towns and municipalities
    assert all(u.is_example and u.visibility == "public" and not u.is_draft for u in (broadband, ikz))
    group = ikz.working_groups.get()
    assert group.committee.kind == "working_group" and group.organisations.count() == 6
    table = ikz.cost_plans.get().table()
    assert table.district_cents + sum(share.cents for share in table.shares) == table.total_cents
    before = _counts()
    create_demo(settings.FORUM_KREISSCHLUESSEL)
    assert _counts() == before


def test_it_creates_an_example_declaration_campaign_once():
    from forum.cooperation.declarations import progress_of
    from forum.cooperation.models import Campaign, Signature

    create_demo(settings.FORUM_KREISSCHLUESSEL)
    campaign = Campaign.objects.get(is_example=True)
    assert not campaign.is_draft and campaign.is_running
    progress = progress_of(campaign)
    assert progress.municipalities == 35
    assert progress.signed.count == 12
    assert progress.figure(Signature.Status.DECLINED).count == 6
    create_demo(settings.FORUM_KREISSCHLUESSEL)
    assert Campaign.objects.count() == 1
