"""The undertaking pages: what they show, and what the coordination's forms do with good and bad input."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from forum.cooperation.models import Participation, Undertaking
from forum.core.models import Visibility
from forum.organisations.tests.helpers import log_in_as, section_text, title

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordination(client, user_in_role, loerrach):
    return log_in_as(client, user_in_role, "coordination", loerrach)


def test_the_page_shows_governance_participants_milestones_and_entries(
    client, undertaking, towns, loerrach, entry_factory_for, forum_committee
):
    undertaking.governing_committee = forum_committee
    undertaking.decision_process = "Entscheidungen trifft die Verbandsversammlung."
    undertaking.save()
    public = entry_factory_for(towns[0], title="Sichtbare Herausforderung")
    hidden = entry_factory_for(towns[1], title="Interne Herausforderung", visibility=Visibility.MEMBERS)
    undertaking.entries.set([public, hidden])
    undertaking.milestones.create(title="Ausschreibung", due_on="2026-09-30")
    page = client.get(undertaking.get_absolute_url())
    text = page.content.decode()
    assert "Entscheidungen trifft die Verbandsversammlung." in text
    assert "Kommunales Digitalisierungsforum" in text
    assert "30.09.2026: Ausschreibung" in section_text(page, "meilensteine")
    assert all(town.name in section_text(page, "beteiligte") for town in [loerrach, *towns])
    linked = section_text(page, "eintraege")
    assert "Sichtbare Herausforderung" in linked
    assert "Interne Herausforderung" not in linked  # anonymous sees only public entries


def test_markdown_is_rendered_without_script(client, undertaking):
    Undertaking.objects.filter(pk=undertaking.pk).update(description="**fett** <img src=x onerror=alert(1)>")
    text = client.get(undertaking.get_absolute_url()).content.decode()
    assert "<strong>fett</strong>" in text
    assert "onerror" not in text


def test_the_coordination_creates_an_undertaking(client, coordination, loerrach, district, towns):
    response = client.post(
        reverse("cooperation:undertaking_create"),
        {
            "title": "Gemeinsamer Glasfaserausbau",
            "description": "Text",
            "status": Undertaking.Status.RUNNING,
            "governing_organisation": district.pk,
            "decision_process": "Entscheidungen trifft die Verbandsversammlung.",
            "lead": loerrach.pk,
            "visibility": Visibility.MEMBERS,
            "is_draft": "on",
        },
    )
    undertaking = Undertaking.objects.get(title="Gemeinsamer Glasfaserausbau")
    assert response.url == undertaking.get_absolute_url()
    assert undertaking.is_draft and undertaking.visibility == Visibility.MEMBERS
    assert undertaking.participations.get().role == Participation.Role.LEAD
    assert undertaking.history.count() == 1


def test_bad_input_is_refused_and_nothing_is_saved(client, coordination, loerrach, district):
    response = client.post(
        reverse("cooperation:undertaking_create"),
        {"title": "", "description": "<script>alert(1)</script>", "lead": loerrach.pk, "visibility": "public"},
    )
    assert response.status_code == 200
    assert title(response).startswith(gettext("Error"))
    errors = response.context["form"].errors
    assert set(errors) >= {"title", "description", "governing_organisation", "status"}
    assert gettext("This field is required.") in errors["title"]
    assert not Undertaking.objects.exists()


def test_the_list_filters_by_status(client, make_undertaking):
    make_undertaking(title="Läuft schon", status=Undertaking.Status.RUNNING)
    make_undertaking(title="Noch in Vorbereitung")
    page = client.get(reverse("cooperation:undertaking_list"), {"status": "running"})
    text = section_text(page, "vorhaben")
    assert "Läuft schon" in text and "Noch in Vorbereitung" not in text
    everything = client.get(reverse("cooperation:undertaking_list"), {"status": "quatsch"})
    assert "Noch in Vorbereitung" in section_text(everything, "vorhaben")


def test_participants_are_added_changed_and_removed(client, coordination, undertaking, towns, district):
    url = reverse("cooperation:participants", args=[undertaking.slug])
    client.post(url, {"organisation": district.pk, "role": "observer", "joined_on": "01.02.2026"})
    assert undertaking.participations.get(organisation=district).role == Participation.Role.OBSERVER
    client.post(url, {"organisation": district.pk, "role": "participant", "joined_on": ""})
    assert undertaking.participations.get(organisation=district).role == Participation.Role.PARTICIPANT
    participation = undertaking.participations.get(organisation=towns[0])
    client.post(reverse("cooperation:participant_remove", args=[participation.pk]))
    assert not undertaking.participations.filter(organisation=towns[0]).exists()


def test_the_lead_cannot_be_removed_on_the_page(client, coordination, undertaking, loerrach):
    lead = undertaking.participations.get(organisation=loerrach)
    response = client.post(reverse("cooperation:participant_remove", args=[lead.pk]), follow=True)
    assert gettext("The lead organisation cannot be removed.") in response.content.decode()
    assert undertaking.participations.filter(organisation=loerrach).exists()


def test_giving_another_organisation_the_lead_role_is_refused(client, coordination, undertaking, towns):
    url = reverse("cooperation:participants", args=[undertaking.slug])
    response = client.post(url, {"organisation": towns[0].pk, "role": "lead", "joined_on": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["role"]
    assert undertaking.participations.get(organisation=towns[0]).role == Participation.Role.PARTICIPANT


def test_a_milestone_without_a_date_is_refused(client, coordination, undertaking):
    response = client.post(
        reverse("cooperation:milestones", args=[undertaking.slug]), {"title": "Irgendwann", "due_on": ""}
    )
    assert response.status_code == 200
    assert "due_on" in response.context["form"].errors
    assert not undertaking.milestones.exists()


def test_a_municipality_profile_lists_its_visible_undertakings(client, user_in_role, make_undertaking, towns):
    make_undertaking(participants=[towns[0]], title="Öffentliches Vorhaben")
    make_undertaking(participants=[towns[0]], title="Internes Vorhaben", visibility=Visibility.COORDINATION)
    make_undertaking(participants=[towns[0]], title="Entwurf eines Vorhabens", is_draft=True)
    url = towns[0].get_absolute_url()
    anonymous = section_text(client.get(url), "vorhaben-des-landkreises")
    assert "Öffentliches Vorhaben" in anonymous
    assert "Internes Vorhaben" not in anonymous and "Entwurf eines Vorhabens" not in anonymous
    log_in_as(client, user_in_role, "coordination", towns[0])
    everything = section_text(client.get(url), "vorhaben-des-landkreises")
    assert "Internes Vorhaben" in everything and "Entwurf eines Vorhabens" in everything
