"""A declaration of intent through the real UI: the coordination writes it and starts a campaign; three
municipalities move through the statuses (one declines); the progress page shows the right figures; the PDF
downloads. axe runs on every distinct page.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

COORDINATION = "koordination@example.org"
EDITOR = "redaktion@example.org"  # Redaktion of Lörrach
LOERRACH = "08336050"
TITLE = "Willensbekundung Gemeinsame E-Akte"


def _step(page: Any, status: str, fields: dict[str, str]) -> None:
    form = page.locator(f"form:has(input[name=step][value={status}])")
    for name, value in fields.items():
        form.locator(f"#id_{status}-{name}").fill(value)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def test_a_campaign_from_text_to_progress(demo_data: None, page_as: Any, check_page: Any) -> None:
    from forum.cooperation.models import Campaign, Signature
    from forum.organisations.models import Organisation

    page = page_as(COORDINATION)
    page.goto("/willensbekundungen/neu/")
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_text").fill("Die {kommune} im Landkreis {landkreis} will die E-Akte gemeinsam einführen.")
    with page.expect_navigation():
        page.locator("main form.forum-form button[type=submit]").click()
    check_page(page)
    with page.expect_navigation():
        page.locator("a[href$='/kampagne/neu/']").click()
    check_page(page)
    page.locator("#id_due_on").fill((timezone.localdate() + timedelta(days=30)).isoformat())
    with page.expect_navigation():
        page.locator("main form.forum-form button[type=submit]").click()
    campaign = Campaign.objects.get(title=TITLE)
    assert page.url.endswith(campaign.get_absolute_url())
    assert campaign.signatures.count() == 35

    towns = list(Organisation.objects.municipalities().exclude(ags=LOERRACH).order_by("-population")[:2])
    # Lörrach's own editors record their steps; the coordination those of two other towns.
    editor = page_as(EDITOR)
    editor.goto(f"{campaign.get_absolute_url()}{LOERRACH}/")
    check_page(editor)
    _step(editor, "deliberation", {"committee_name": "Gemeinderat", "meeting_on": "2026-02-10"})
    _step(editor, "resolved", {"resolved_on": "2026-02-10"})
    _step(editor, "signed", {"signed_on": "2026-03-02", "signatory_name": "Jörg Lutz", "signatory_function": "OB"})
    check_page(editor)
    with editor.expect_download() as download:
        editor.locator("a[href$='/pdf/']").click()
    assert download.value.suggested_filename.endswith(".pdf")

    page = page_as(COORDINATION)
    page.goto(f"{campaign.get_absolute_url()}{towns[0].ags}/")
    _step(page, "deliberation", {"committee_name": "Gemeinderat", "meeting_on": "2026-02-11"})
    _step(page, "resolved", {"resolved_on": "2026-02-11"})
    _step(page, "signed", {"signed_on": "2026-03-03", "signatory_name": "A. B.", "signatory_function": "BM"})
    page.goto(f"{campaign.get_absolute_url()}{towns[1].ags}/")
    _step(page, "declined", {"reason": "Der Gemeinderat wartet die Kosten ab."})
    check_page(page)

    statuses = dict(campaign.signatures.values_list("organisation__ags", "status"))
    assert statuses[LOERRACH] == statuses[towns[0].ags] == Signature.Status.SIGNED
    assert statuses[towns[1].ags] == Signature.Status.DECLINED

    anonymous = page_as(None)
    anonymous.goto(campaign.get_absolute_url())
    check_page(anonymous)
    loerrach = Organisation.objects.get(ags=LOERRACH)
    municipalities = Organisation.objects.municipalities().filter(district__ags="08336")
    total = sum(p or 0 for p in municipalities.values_list("population", flat=True))
    share = round(100 * ((loerrach.population or 0) + (towns[0].population or 0)) / total, 1)
    text = " ".join(anonymous.locator("#stand").inner_text().split())
    assert "2" in text and "35" in text
    assert f"{share:.1f}".replace(".", ",").removesuffix(",0") in text
    assert anonymous.locator("svg[role=img] title").count() == 1


def test_a_cost_table_is_exported(demo_data: None, page_as: Any, check_page: Any) -> None:
    """From the municipality's page to the IKZ's cost table 2026, then its CSV: the shares sum to the total."""
    import csv
    import io
    from decimal import Decimal
    from pathlib import Path

    from forum.cooperation.models import CostPlan

    plan = CostPlan.objects.select_related("undertaking").get(is_example=True, year=2026)
    page = page_as(None)
    page.goto(f"/kommunen/{LOERRACH}/")
    with page.expect_navigation():
        page.locator(f"section[aria-labelledby=kostenanteile] a[href='{plan.get_absolute_url()}']").click()
    check_page(page)
    with page.expect_download() as download:
        page.locator("a[href$='/export/csv/']").click()
    name = download.value.suggested_filename  # the export adds the date
    assert name.startswith(f"kosten-{plan.undertaking.slug}-2026") and name.endswith(".csv")
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    *shares, total = rows[1:]
    amounts = [Decimal(row[3].replace(",", ".")) for row in shares]
    assert total[3] == "120000,00"
    assert sum(amounts) == Decimal("120000.00")
    assert len(shares) == 35 + 1  # the towns and the district's own share
