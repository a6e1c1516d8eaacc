"""Declarations of intent: placeholders, versions, the signature's steps, campaigns, progress, PDF, reminders."""

from __future__ import annotations

import subprocess
from datetime import date, timedelta
from decimal import Decimal

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from conftest import mail_text
from forum.cooperation.declarations import BLANK, district_municipalities, percent, progress_of
from forum.cooperation.models import Campaign, Declaration, Signature, SignatureStep
from forum.cooperation.tasks import send_declaration_reminders
from forum.documents.tests.samples import exe, png, upload
from forum.organisations.models import Organisation, Person

from .conftest import IKZ_TEXT

pytestmark = pytest.mark.django_db
S = Signature.Status


# Placeholders and versions -------------------------------------------------------------------------------


def test_unknown_placeholders_are_refused_in_german_naming_the_known_ones(declaration):
    with pytest.raises(ValidationError) as error:
        declaration.revise("Die {gemeinde} erklärt … {kommune}")
    message = " ".join(error.value.messages)
    assert "{gemeinde}" in message
    assert "{kommune}" in message and "{landkreis}" in message


def test_editing_an_unsent_text_changes_the_version_a_sent_one_makes_a_new(declaration, loerrach):
    first = declaration.current_version()
    assert declaration.revise(IKZ_TEXT + "\n\nErgänzt.").pk == first.pk
    assert declaration.versions.count() == 1
    campaign = Campaign.objects.create(
        declaration=declaration, version=first, title="K", due_on=timezone.localdate() + timedelta(days=3)
    )
    second = declaration.revise("Neu: {kommune}")
    assert second.number == 2 and second.pk != first.pk
    first.refresh_from_db()
    assert "Ergänzt" in first.text
    first.text = "geändert"
    with pytest.raises(ValidationError):
        first.save()
    assert campaign.version_id == first.pk


# The signature's steps -----------------------------------------------------------------------------------


@pytest.fixture
def signature(campaign, loerrach) -> Signature:
    return campaign.signatures.get(organisation=loerrach)


def test_a_step_may_not_be_skipped(signature):
    with pytest.raises(ValidationError) as error:
        signature.move_to(S.SIGNED, signed_on=date(2026, 3, 1), signatory_name="Jörg Lutz", signatory_function="OB")
    assert error.value.code == "skipped"
    assert "angefragt" in error.value.messages[0].lower() or "requested" in error.value.messages[0].lower()
    signature.refresh_from_db()
    assert signature.status == S.REQUESTED
    assert not signature.steps.exists()


def test_each_status_needs_its_fields_and_nothing_is_half_saved(signature, make_user):
    with pytest.raises(ValidationError) as error:
        signature.move_to(S.DELIBERATION, committee_name="Gemeinderat")
    assert set(error.value.message_dict) == {"meeting_on"}
    signature.move_to(S.DELIBERATION, committee_name="Gemeinderat", meeting_on=date(2026, 2, 10))
    signature.move_to(S.RESOLVED, resolved_on=date(2026, 2, 10))
    with pytest.raises(ValidationError) as error:
        signature.move_to(S.SIGNED, signed_on=date(2026, 3, 1))
    assert set(error.value.message_dict) == {"signatory_name", "signatory_function"}
    fresh = Signature.objects.get(pk=signature.pk)
    assert fresh.status == S.RESOLVED and fresh.signed_on is None
    user = make_user()
    signature.move_to(
        S.SIGNED,
        by=user,
        signed_on=date(2026, 3, 1),
        signatory_name="Jörg Lutz",
        signatory_function="Oberbürgermeister",
    )
    steps = list(signature.steps.values_list("from_status", "to_status", "by"))
    assert steps == [
        (S.REQUESTED, S.DELIBERATION, None),
        (S.DELIBERATION, S.RESOLVED, None),
        (S.RESOLVED, S.SIGNED, user.pk),
    ]
    signature.move_to(S.WITHDRAWN)
    assert signature.next_statuses() == ()


def test_declining_needs_a_reason(signature):
    with pytest.raises(ValidationError):
        signature.move_to(S.DECLINED, reason="")
    signature.move_to(S.DECLINED, reason="Der Gemeinderat sieht keinen Bedarf.")
    assert SignatureStep.objects.get(signature=signature).note == "Der Gemeinderat sieht keinen Bedarf."


# Campaigns, e-mail and reminders ---------------------------------------------------------------------


def test_a_campaign_asks_every_municipality_and_mails_their_editors(
    declaration, loerrach, user_in_role, smtp_server, django_capture_on_commit_callbacks
):
    from forum.cooperation.declarations import start_campaign

    editor = user_in_role("editor_own", loerrach)
    user_in_role("member_own", loerrach)  # a member gets no invitation
    with django_capture_on_commit_callbacks(execute=True):
        campaign = start_campaign(
            Campaign(declaration=declaration, title="IKZ", due_on=timezone.localdate() + timedelta(days=20))
        )
    assert campaign.signatures.count() == district_municipalities().count() == 35
    assert set(campaign.signatures.values_list("status", flat=True)) == {S.REQUESTED}
    assert [m["To"] for m in smtp_server.messages] == [editor.email]
    assert reverse("cooperation:signature_detail", args=[campaign.pk, loerrach.ags]) in mail_text(
        smtp_server.messages[0]
    )


def test_a_campaign_for_the_coordination_mails_no_editor(
    declaration, loerrach, user_in_role, smtp_server, django_capture_on_commit_callbacks
):
    from forum.cooperation.declarations import start_campaign

    user_in_role("editor_own", loerrach)
    with django_capture_on_commit_callbacks(execute=True):
        start_campaign(
            Campaign(
                declaration=declaration,
                title="intern",
                visibility="coordination",
                due_on=timezone.localdate() + timedelta(days=20),
            )
        )
    assert smtp_server.messages == []


def test_reminders_go_to_open_signatures_never_twice_a_day(campaign, loerrach, user_in_role, smtp_server, other):
    editor = user_in_role("editor_own", loerrach)
    other_editor = user_in_role("editor_other", loerrach)
    Signature.objects.filter(campaign=campaign).update(last_reminded_on=timezone.localdate() - timedelta(days=1))
    campaign.signatures.get(organisation=other).move_to(S.DECLINED, reason="Nein")
    assert send_declaration_reminders.call() == 1
    assert [m["To"] for m in smtp_server.messages] == [editor.email]
    assert "Erinnerung" in smtp_server.messages[0]["Subject"] or "Reminder" in smtp_server.messages[0]["Subject"]
    assert send_declaration_reminders.call() == 0
    call_command("send_declaration_reminders", stdout=_Null())
    assert len(smtp_server.messages) == 1
    assert other_editor.email not in {m["To"] for m in smtp_server.messages}


def test_no_reminders_after_the_deadline(campaign, loerrach, user_in_role, smtp_server):
    user_in_role("editor_own", loerrach)
    Signature.objects.filter(campaign=campaign).update(last_reminded_on=None)
    Campaign.objects.filter(pk=campaign.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    assert send_declaration_reminders.call() == 0


class _Null:
    def write(self, *args: object) -> None:
        pass

    def flush(self) -> None:
        pass


# Progress ---------------------------------------------------------------------------------------------


def test_progress_counts_and_inhabitants_are_exact(campaign):
    signatures = list(campaign.signatures.select_related("organisation").order_by("organisation__ags"))
    for signature in signatures[:3]:
        signature.move_to(S.DELIBERATION, committee_name="Gemeinderat", meeting_on=date(2026, 2, 1))
        signature.move_to(S.RESOLVED, resolved_on=date(2026, 2, 1))
        signature.move_to(S.SIGNED, signed_on=date(2026, 2, 2), signatory_name="A", signatory_function="BM")
    signatures[3].move_to(S.DELIBERATION, committee_name="Gemeinderat", meeting_on=date(2026, 2, 1))
    signatures[4].move_to(S.DECLINED, reason="Nein")
    progress = progress_of(campaign)
    total_population = sum(s.organisation.population for s in signatures)
    signed_population = sum(s.organisation.population for s in signatures[:3])
    assert progress.municipalities == 35
    assert progress.population == total_population
    assert progress.signed.count == 3
    assert progress.signed.population == signed_population
    expected = (Decimal(signed_population) * 100 / Decimal(total_population)).quantize(Decimal("0.1"))
    assert progress.signed.percent_of_population == expected
    assert progress.figure(S.DELIBERATION).count == 1
    assert progress.figure(S.REQUESTED).count == 30
    assert progress.figure(S.DECLINED).count == 1
    assert progress.population_dates


def test_percent_rounds_half_up():
    assert percent(1, 8) == Decimal("12.5")
    assert percent(91, 100) == Decimal("91.0")
    assert percent(2, 3) == Decimal("66.7")
    assert percent(0, 0) == 0


def test_the_progress_page_shows_figures_chart_and_table(client, campaign):
    signature = campaign.signatures.order_by("organisation__ags").first()
    signature.move_to(S.DELIBERATION, committee_name="Gemeinderat", meeting_on=date(2026, 2, 1))
    response = client.get(campaign.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="img"' in html and "<title" in html
    assert "0 von 35" in html or "0 of 35" in html
    assert " style=" not in html


@pytest.mark.parametrize("count", [5, 35])
def test_the_progress_page_costs_the_same_queries(count, client, declaration, django_assert_max_num_queries):
    keep = list(district_municipalities().order_by("ags").values_list("pk", flat=True)[:count])
    Organisation.objects.filter(pk__in=district_municipalities().exclude(pk__in=keep).values("pk")).update(
        district=None
    )
    from forum.cooperation.declarations import start_campaign

    campaign = start_campaign(
        Campaign(declaration=declaration, title="K", due_on=timezone.localdate() + timedelta(days=3))
    )
    assert campaign.signatures.count() == count
    with django_assert_max_num_queries(8):
        assert client.get(campaign.get_absolute_url()).status_code == 200


# Pages and permissions ---------------------------------------------------------------------------


def test_the_redaktion_of_another_municipality_may_not_change_the_signature(client, campaign, loerrach, user_in_role):
    client.force_login(user_in_role("editor_other", loerrach))
    url = reverse("cooperation:signature_detail", args=[campaign.pk, loerrach.ags])
    data = {
        "step": S.DELIBERATION,
        "deliberation-committee_name": "Gemeinderat",
        "deliberation-meeting_on": "2026-02-01",
    }
    assert client.post(url, data).status_code == 403
    assert campaign.signatures.get(organisation=loerrach).status == S.REQUESTED
    page = client.get(url)
    assert page.status_code == 200 and 'name="step"' not in page.content.decode()


def test_the_own_redaktion_moves_the_signature_step_by_step(client, campaign, loerrach, user_in_role):
    editor = user_in_role("editor_own", loerrach)
    client.force_login(editor)
    url = reverse("cooperation:signature_detail", args=[campaign.pk, loerrach.ags])
    skipped = client.post(url, {"step": S.SIGNED, "signed-signed_on": "2026-03-01"})
    assert skipped.status_code == 200  # not a possible step: the page again, with a message
    assert campaign.signatures.get(organisation=loerrach).status == S.REQUESTED
    missing = client.post(url, {"step": S.DELIBERATION, "deliberation-committee_name": "Gemeinderat"})
    assert missing.status_code == 200
    assert missing.context["step_forms"][0].errors
    data = {
        "step": S.DELIBERATION,
        "deliberation-committee_name": "Gemeinderat",
        "deliberation-meeting_on": "2026-02-01",
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, {"step": S.RESOLVED, "resolved-resolved_on": "2026-02-01"}).status_code == 302
    signed = {
        "step": S.SIGNED,
        "signed-signed_on": "2026-03-01",
        "signed-signatory_name": "Jörg Lutz",
        "signed-signatory_function": "Oberbürgermeister",
    }
    refused = client.post(url, signed | {"signed-scan": upload("scan.exe", exe())})
    assert refused.status_code == 200
    assert campaign.signatures.get(organisation=loerrach).status == S.RESOLVED
    assert client.post(url, signed | {"signed-scan": upload("unterschrieben.png", png())}).status_code == 302
    signature = campaign.signatures.get(organisation=loerrach)
    assert signature.status == S.SIGNED and signature.scan is not None
    assert signature.steps.filter(by=editor).count() == 3
    scan = client.get(reverse("cooperation:signature_scan", args=[campaign.pk, loerrach.ags]))
    assert scan.status_code == 200
    page = client.get(url).content.decode()
    assert "Jörg Lutz" in page


def test_a_scan_that_is_a_text_file_is_refused(client, campaign, loerrach, user_in_role):
    from forum.documents.tests.samples import docx

    signature = campaign.signatures.get(organisation=loerrach)
    signature.move_to(S.DELIBERATION, committee_name="Gemeinderat", meeting_on=date(2026, 2, 1))
    signature.move_to(S.RESOLVED, resolved_on=date(2026, 2, 1))
    client.force_login(user_in_role("coordination", loerrach))
    url = reverse("cooperation:signature_detail", args=[campaign.pk, loerrach.ags])
    response = client.post(
        url,
        {
            "step": S.SIGNED,
            "signed-signed_on": "2026-03-01",
            "signed-signatory_name": "A",
            "signed-signatory_function": "BM",
            "signed-scan": upload("scan.docx", docx()),
        },
    )
    assert response.status_code == 200
    assert "scan" in response.context["step_forms"][0].errors
    assert campaign.signatures.get(organisation=loerrach).status == S.RESOLVED


def test_a_coordination_campaign_is_not_found_by_members(client, campaign, loerrach, user_in_role):
    Campaign.objects.filter(pk=campaign.pk).update(visibility="coordination")
    client.force_login(user_in_role("editor_own", loerrach))
    for name, args in [
        ("campaign_detail", [campaign.pk]),
        ("signature_detail", [campaign.pk, loerrach.ags]),
        ("signature_pdf", [campaign.pk, loerrach.ags]),
    ]:
        assert client.get(reverse(f"cooperation:{name}", args=args)).status_code == 404, name


# The PDF --------------------------------------------------------------------------------------------


def test_the_pdf_is_filled_in_for_the_municipality_and_tagged(client, campaign, loerrach, tmp_path):
    Person.objects.create(organisation=loerrach, given_name="Jörg", family_name="Lutz", function="Oberbürgermeister")
    response = client.get(reverse("cooperation:signature_pdf", args=[campaign.pk, loerrach.ags]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "w.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True).stdout
    flat = " ".join(text.split())
    assert loerrach.name in flat
    assert "Jörg Lutz" in flat
    assert "interkommunalen Zusammenarbeit" in flat and "Größe, Übersicht" in flat
    assert "{kommune}" not in flat
    with pikepdf.open(path) as document:
        assert "/StructTreeRoot" in document.Root
        assert str(document.Root.Lang).startswith("de")


def test_the_pdf_leaves_a_blank_line_without_a_known_mayor(campaign, loerrach):
    from forum.cooperation.declarations import personalised_text

    signature = campaign.signatures.select_related("organisation__district").get(organisation=loerrach)
    text = personalised_text(signature, None)
    assert BLANK in text and loerrach.name in text


def test_declarations_are_seen_by_visibility(client, declaration, loerrach, user_in_role):
    Declaration.objects.filter(pk=declaration.pk).update(is_draft=True)
    assert client.get(declaration.get_absolute_url()).status_code == 404
    client.force_login(user_in_role("coordination", loerrach))
    assert client.get(declaration.get_absolute_url()).status_code == 200
