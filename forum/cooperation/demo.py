"""Beispieldaten: the two undertakings of the council paper (Mitteilung 005/2022), marked as example data.

From the paper: two separate undertakings came out of the forum. The broadband undertaking is steered by the
Zweckverband Breitbandversorgung, whose Verbandsversammlung decides; the other is to develop the forum into an
intermunicipal cooperation (IKZ), coordinated by the Landrätin's office, starting with a kick-off workshop in
spring 2022. Milestone dates other than those in the paper, participants' roles and the cost plan are invented.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from forum.exchange.models import Entry
from forum.organisations.demo import SEED_SOURCE
from forum.organisations.models import Committee, Organisation
from forum.topics.models import Topic

from .models import CostPlan, Milestone, Participation, Undertaking, WorkingGroup
from .services import save_undertaking, save_working_group

BROADBAND = "Breitbandversorgung im Landkreis Lörrach"
IKZ = "Interkommunale Zusammenarbeit Digitalisierung (IKZ)"
WORKING_GROUP = "AG E-Akte und Dokumentenmanagement"


def _topics(topics: dict[str, Topic], *slugs: str) -> list[Topic]:
    return [topics[slug] for slug in slugs if slug in topics]


def _entries(slug: str) -> list[Entry]:
    """Public example entries of the catalogue with this topic, to link to the undertaking."""
    return list(Entry.objects.filter(is_example=True, visibility="public", is_draft=False, topics__slug=slug)[:12])


@transaction.atomic
def create_demo(kreisschluessel: str) -> None:
    """Create the two example undertakings once; running again changes nothing."""
    district = Organisation.objects.get(ags=kreisschluessel)
    towns = list(Organisation.objects.municipalities().filter(district=district).order_by("name"))
    forum = Committee.objects.filter(kind=Committee.Kind.FORUM, organisation=district).first()
    association = Organisation.objects.filter(
        kind=Organisation.Kind.SPECIAL_PURPOSE_ASSOCIATION, name__icontains="Breitband"
    ).first()
    topics = {topic.slug: topic for topic in Topic.objects.all()}

    if association is not None and not Undertaking.objects.filter(title=BROADBAND).exists():
        assembly = Committee.objects.filter(kind=Committee.Kind.ASSEMBLY, organisation=association).first()
        broadband = Undertaking(
            title=BROADBAND,
            summary="Ausbau der Breitband- und Glasfaserversorgung durch den Zweckverband.",
            description=(
                "Das Vorhaben des Zweckverbands Breitbandversorgung ist eines der zwei Vorhaben, die sich aus dem "
                "Digitalisierungsforum herauskristallisiert haben. Über das Vorhaben wurde in der Kreistagssitzung "
                "am 19.01.2022 separat berichtet. Der Landkreis verantwortet das Backbone, die Städte und Gemeinden "
                f"die Ortsnetze.\n\nQuelle: {SEED_SOURCE}"
            ),
            governing_organisation=association,
            governing_committee=assembly,
            decision_process="Den Prozess steuert der Zweckverband; Entscheidungen fällt die Verbandsversammlung.",
            lead=association,
            status=Undertaking.Status.RUNNING,
            starts_on=date(2015, 9, 18),
            is_example=True,
        )
        save_undertaking(
            broadband, topics=_topics(topics, "breitband-glasfaser"), entries=_entries("breitband-glasfaser")
        )
        Participation.objects.create(undertaking=broadband, organisation=district, role=Participation.Role.PARTICIPANT)
        for town in towns:
            Participation.objects.create(
                undertaking=broadband,
                organisation=town,
                role=Participation.Role.PARTICIPANT,
                joined_on=date(2015, 9, 18),
            )
        Milestone.objects.create(
            undertaking=broadband, title="Gründungsversammlung", due_on=date(2015, 9, 18), done_on=date(2015, 9, 18)
        )
        Milestone.objects.create(
            undertaking=broadband, title="Bericht im Kreistag", due_on=date(2022, 1, 19), done_on=date(2022, 1, 19)
        )

    if not Undertaking.objects.filter(title=IKZ).exists():
        ikz = Undertaking(
            title=IKZ,
            summary="Das Digitalisierungsforum wird zu einer Interkommunalen Zusammenarbeit weiterentwickelt.",
            description=(
                "Die kreisangehörigen Städte und Gemeinden und der Landkreis sehen große Schnittmengen bei der "
                "Digitalisierung und wollen das Digitalisierungsforum zu einer Interkommunalen Zusammenarbeit (IKZ) "
                "weiterentwickeln. Ein gemeinsamer Kick-off-Workshop setzt im Frühjahr 2022 den Startpunkt.\n\n"
                "Das Vorhaben folgt dem Leitgedanken zum strategischen Handlungsfeld „Digitale Verwaltung“ der "
                "Zukunftsstrategie 2035.\n\n"
                f"Quelle: {SEED_SOURCE}"
            ),
            governing_organisation=district,
            governing_committee=forum,
            decision_process=(
                "Die Koordination erfolgt über das Büro der Landrätin; die Städte und Gemeinden beraten im "
                "Digitalisierungsforum und erklären ihre Teilnahme mit einer Willensbekundung."
            ),
            lead=district,
            status=Undertaking.Status.PREPARATION,
            starts_on=date(2022, 4, 6),
            is_example=True,
        )
        save_undertaking(
            ikz,
            topics=_topics(topics, "interkommunale-zusammenarbeit", "digitalisierungsstrategie"),
            entries=_entries("interkommunale-zusammenarbeit"),
        )
        for town in towns:
            Participation.objects.create(undertaking=ikz, organisation=town, role=Participation.Role.PARTICIPANT)
        for title, due, done in (
            ("Mitteilung 005/2022 an den Kreistag", date(2022, 1, 19), date(2022, 1, 19)),
            ("Kick-off-Workshop mit den Städten und Gemeinden", date(2022, 4, 6), date(2022, 4, 6)),
            ("Willensbekundungen der Städte und Gemeinden", date(2022, 12, 31), None),
        ):
            Milestone.objects.create(undertaking=ikz, title=title, due_on=due, done_on=done)
        CostPlan.objects.create(
            undertaking=ikz,
            year=2026,
            total=Decimal("120000.00"),
            key=CostPlan.Key.MIXED,
            base_share_percent=Decimal(50),
            population_share_percent=Decimal(50),
            district_share_percent=Decimal(20),
            note="Beispiel: Koordinationsstelle und gemeinsame Lizenzen; der Landkreis trägt 20 %.",
            is_example=True,
        )
        group = save_working_group(
            WorkingGroup(
                undertaking=ikz,
                name=WORKING_GROUP,
                description="Bereitet die gemeinsame E-Akte und das Dokumentenmanagement der IKZ vor (Beispiel).",
                is_example=True,
            ),
            organisations=[district, *towns[:5]],
            entries=_entries("interkommunale-zusammenarbeit")[:3],
        )
        Committee.objects.filter(pk=group.committee_id).update(is_example=True)
    _create_declaration_demo(district, towns)


DECLARATION = "Willensbekundung zur Interkommunalen Zusammenarbeit Digitalisierung"
DECLARATION_TEXT = """## Willensbekundung

Die {kommune}, vertreten durch {buergermeisterin_oder_buergermeister}, erklärt ihre Bereitschaft, gemeinsam mit
dem Landkreis {landkreis} und den übrigen kreisangehörigen Städten und Gemeinden das Kommunale
Digitalisierungsforum zu einer **Interkommunalen Zusammenarbeit (IKZ)** weiterzuentwickeln.

Sie wird

- im Digitalisierungsforum mitarbeiten und Herausforderungen und Vorhaben teilen,
- eine Ansprechperson für die Digitalisierung benennen,
- über gemeinsame Vorhaben und ihre Kosten in ihren Gremien beraten.

Diese Willensbekundung begründet keine finanziellen Verpflichtungen.

Ort, Datum: {datum}
"""


def _create_declaration_demo(district: Organisation, towns: list[Organisation]) -> None:
    """An example campaign for the IKZ declaration, some municipalities in each state (invented)."""
    from django.utils import timezone

    from .declarations import start_campaign
    from .models import Campaign, Declaration, Signature

    if Declaration.objects.filter(title=DECLARATION).exists() or len(towns) < 6:
        return
    ikz = Undertaking.objects.filter(title=IKZ).first()
    declaration = Declaration.objects.create(title=DECLARATION, undertaking=ikz, is_example=True)
    declaration.revise(DECLARATION_TEXT)
    campaign = Campaign(
        declaration=declaration,
        title="Willensbekundung IKZ Digitalisierung",
        due_on=timezone.localdate() + timedelta(days=60),
        message="Bitte beraten Sie die Willensbekundung in Ihrem Gemeinderat (Beispiel).",
        is_example=True,
        is_draft=True,  # no e-mail to anyone; published below
    )
    start_campaign(campaign)
    Campaign.objects.filter(pk=campaign.pk).update(is_draft=False)
    S = Signature.Status
    signatures = {s.organisation_id: s for s in campaign.signatures.all()}
    for index, town in enumerate(towns):
        signature = signatures[town.pk]
        step = index % 6
        if step in (0, 1, 2, 3):
            signature.move_to(S.DELIBERATION, committee_name="Gemeinderat", meeting_on=date(2026, 2, 10 + step))
        if step in (0, 1, 2):
            signature.move_to(S.RESOLVED, resolved_on=date(2026, 2, 10 + step))
        if step in (0, 1):
            signature.move_to(
                S.SIGNED,
                signed_on=date(2026, 3, 2),
                signatory_name="(Beispiel)",
                signatory_function="Bürgermeisterin oder Bürgermeister",
            )
        if step == 4:
            signature.move_to(S.DECLINED, reason="Beispiel: Der Gemeinderat möchte zunächst die Kosten kennen.")
