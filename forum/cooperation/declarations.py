"""Declarations of intent: starting a campaign, the progress figures, and the values that fill a declaration's text."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from forum.organisations.models import Organisation, Person, Role

from .models import Campaign, Signature, fill_placeholders

BLANK = "_" * 30

# The order in which the progress page lists the statuses (and draws the bars).
PROGRESS_ORDER = [
    Signature.Status.SIGNED,
    Signature.Status.RESOLVED,
    Signature.Status.DELIBERATION,
    Signature.Status.REQUESTED,
    Signature.Status.DECLINED,
    Signature.Status.WITHDRAWN,
]
# Bar colours with at least 4.5:1 contrast on white (WCAG 1.4.11 asks 3:1 for graphics).
COLOURS = {
    Signature.Status.SIGNED: "#1b5e20",
    Signature.Status.RESOLVED: "#33691e",
    Signature.Status.DELIBERATION: "#0d47a1",
    Signature.Status.REQUESTED: "#5f6368",
    Signature.Status.DECLINED: "#b71c1c",
    Signature.Status.WITHDRAWN: "#4e342e",
}


def district_municipalities() -> QuerySet[Organisation]:
    return Organisation.objects.municipalities().filter(district__ags=settings.FORUM_KREISSCHLUESSEL)


@transaction.atomic
def start_campaign(campaign: Campaign, *, by: Any = None) -> Campaign:
    """Save ``campaign`` with the declaration's current version and one signature (requested) per municipality.

    All in one transaction; the invitations go out by a background task once it is committed.
    """
    from .tasks import send_campaign_invitations

    version = campaign.declaration.current_version()
    if version is None:
        raise ValidationError(_("The declaration has no text yet."), code="no_text")
    campaign.version = version
    campaign.created_by = by if getattr(by, "is_authenticated", False) else None
    campaign.full_clean()
    campaign.save()
    today = timezone.localdate()
    Signature.objects.bulk_create(
        Signature(campaign=campaign, organisation=organisation, version=version, last_reminded_on=today)
        for organisation in district_municipalities().order_by("name")
    )
    if not campaign.is_draft:
        transaction.on_commit(lambda: send_campaign_invitations.enqueue(campaign_id=campaign.pk))
    return campaign


def editors_of(organisation_id: int) -> QuerySet[Any]:
    """The active editors (Redaktion) of an organisation."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            forum_roles__in=Role.objects.current().filter(kind=Role.Kind.EDITOR, organisation_id=organisation_id),
        )
        .distinct()
        .order_by("pk")
    )


def mayor_of(organisation: Organisation, user: Any) -> Person | None:
    """The (Ober-)Bürgermeisterin or Bürgermeister, if the forum knows them and ``user`` may see them."""
    return (
        Person.objects.visible_to(user)
        .filter(organisation=organisation, function__icontains="bürgermeister")
        .exclude(function__icontains="stellv")
        .order_by("family_name", "pk")
        .first()
    )


def placeholder_values(organisation: Organisation, user: Any) -> dict[str, str]:
    mayor = mayor_of(organisation, user)
    district = organisation.district
    return {
        "kommune": organisation.official_name or organisation.name,
        "buergermeisterin_oder_buergermeister": mayor.name if mayor else BLANK,
        "datum": BLANK,
        "landkreis": district.name if district else BLANK,
    }


def personalised_text(signature: Signature, user: Any) -> str:
    return fill_placeholders(signature.version.text, placeholder_values(signature.organisation, user))


@dataclass
class StatusFigure:
    status: str
    label: str
    count: int
    population: int
    colour: str
    percent_of_municipalities: Decimal = Decimal(0)
    percent_of_population: Decimal = Decimal(0)
    # The bar in the chart (SVG units).
    y: int = 0
    width: str = "0"
    label_x: int = 0


@dataclass
class Progress:
    """Where a campaign stands: counts and inhabitants per status, and the share of the district they make."""

    municipalities: int
    population: int
    figures: list[StatusFigure]
    population_dates: list[date] = field(default_factory=list)

    def figure(self, status: str) -> StatusFigure:
        return next(f for f in self.figures if f.status == status)

    @property
    def signed(self) -> StatusFigure:
        return self.figure(Signature.Status.SIGNED)


def percent(part: int, whole: int) -> Decimal:
    """``part`` of ``whole`` in percent, rounded half up to one decimal."""
    if not whole:
        return Decimal(0)
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


BAR_HEIGHT, BAR_GAP, BAR_MAX, BAR_LEFT = 28, 12, Decimal(400), 140


def progress_of(campaign: Campaign) -> Progress:
    """The figures in two queries, however many municipalities there are."""
    signatures = Signature.objects.filter(campaign=campaign).order_by()
    rows = {
        row["status"]: row
        for row in signatures.values("status").annotate(n=Count("pk"), people=Sum("organisation__population"))
    }
    dates = sorted(
        {d for d in signatures.values_list("organisation__population_date", flat=True).distinct() if d is not None}
    )
    total = sum(row["n"] for row in rows.values())
    population = sum(row["people"] or 0 for row in rows.values())
    figures = []
    for index, status in enumerate(PROGRESS_ORDER):
        row = rows.get(status, {"n": 0, "people": 0})
        count, people = row["n"], row["people"] or 0
        width = (BAR_MAX * count / total).quantize(Decimal("0.1")) if total else Decimal(0)
        figures.append(
            StatusFigure(
                status=status,
                label=str(Signature.Status(status).label),
                count=count,
                population=people,
                colour=COLOURS[status],
                percent_of_municipalities=percent(count, total),
                percent_of_population=percent(people, population),
                y=index * (BAR_HEIGHT + BAR_GAP),
                width=str(width),
                label_x=BAR_LEFT + int(width) + 8,
            )
        )
    return Progress(municipalities=total, population=population, figures=figures, population_dates=dates)


def short_date(day: date | None) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT") if day else ""
