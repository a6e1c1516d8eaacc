"""Beispieldaten: the seed paper itself, Mitteilung 005/2022 to the Kreistag, marked as example data.

Everything is taken from the paper: number, date, Dezernat, Fachbereich, author and telephone, the Beratungsfolge
(Kreistag, öffentlich, 19.01.2022, Kenntnisnahme), the agenda-item title, the guiding principle of the field of action
"Digitale Verwaltung", "k.A." budget fields, the Sachverhalt and the two signatories. Invented or chosen here: the
Klimawirkung (the paper lists all four without marking one; "keine" is taken), the links standing in for the
attachments (the IKZ undertaking and the declaration of intent on this platform; the presentation is not here) and
the undertakings concerned (both example undertakings).
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from forum.cooperation.demo import BROADBAND, DECLARATION, IKZ
from forum.cooperation.models import Declaration, Undertaking
from forum.meetings.models import Meeting
from forum.organisations.models import Committee, Organisation
from forum.topics.models import FieldOfAction

from .models import Consultation, Paper, PaperLink, Signatory

YEAR, SERIAL = 2022, 5
TITLE = "Digitale Zusammenarbeit: Kommunales Digitalisierungsforum"
FIELD_OF_ACTION = "Digitale Verwaltung"
COUNCIL_DATE = date(2022, 1, 19)

FACTS = """Die kreisangehörigen Städte und Gemeinden und der Landkreis Lörrach haben sich erstmals im November 2020 \
gemeinsam zum Thema Digitalisierung ausgetauscht. Seither fanden fünf – eines musste aus technischen Gründen \
abgebrochen werden – virtuelle Treffen unter dem Titel „kommunales Digitalisierungsforum“ statt.

Über den Austausch zu vorhandenen Herausforderungen und beispielhaften Vorhaben kamen die beteiligten Kommunen zur \
Übereinkunft, dass bei der kommunalen Auseinandersetzung mit Digitalisierung große Schnittmengen vorhanden sind und \
ein Zusammenwirken der Kommunen im Landkreis bei der Digitalisierung als gewinnbringend angesehen wird.

Zwei thematisch getrennte Vorhaben haben sich in der Folge herauskristallisiert: Auf der einen Seite das Vorhaben \
des Zweckverbands Breitbandversorgung, über das in der Kreistagssitzung am 19.01.2022 separat berichtet wird. Den \
Prozess dazu steuert der Zweckverband; Entscheidungen fällt die Verbandsversammlung. Auf der anderen Seite die \
Absicht, das Digitalisierungsforum zu einer Interkommunalen Zusammenarbeit (IKZ) weiterzuentwickeln.

Über dieses Vorhaben wird mündlich berichtet.

Die Koordination des Digitalisierungsforums erfolgt über das Büro der Landrätin. Ein gemeinsamer Kick-Off-Workshop \
des Landkreises mit den Städten und Gemeinden setzt im Frühjahr 2022 den Startpunkt für die Interkommunale \
Zusammenarbeit.

Das Vorhaben folgt dem Leitgedanken zum strategischen Handlungsfeld „Digitale Verwaltung“ in der Zukunftsstrategie \
2035: *„Der Landkreis beteiligt sich im Rahmen interkommunaler Zusammenarbeit aktiv an Kooperationen, um die \
digitale Transformation von Dienstleistungen voranzutreiben und mitzugestalten.“*
"""

SIGNATORIES = [("Marion Dammann", "Landrätin"), ("Jonathan Flohr", "Persönlicher Referent")]


@transaction.atomic
def create_demo(kreisschluessel: str) -> Paper | None:
    """Create the example paper 005/2022 once; running again changes nothing."""
    if Paper.objects.filter(year=YEAR, serial=SERIAL).exists():
        return None
    district = Organisation.objects.filter(ags=kreisschluessel).first()
    if district is None:
        return None
    field = FieldOfAction.objects.current().filter(name=FIELD_OF_ACTION).first()
    principle = field.guiding_principles.order_by("position", "pk").first() if field else None
    paper = Paper(
        organisation=district,
        year=YEAR,
        serial=SERIAL,
        kind=Paper.Kind.NOTICE,
        date=date(2021, 12, 22),
        title=TITLE,
        department="Landrätin",
        division="Persönlicher Referent der Landrätin",
        author_name="Flohr, Jonathan",
        author_phone="07621 410-8010",
        field_of_action=field,
        guiding_principle=principle,
        climate_impact=Paper.ClimateImpact.NONE,
        facts=FACTS,
        is_example=True,
    )
    paper.full_clean()
    paper.save()
    paper.undertakings.set(Undertaking.objects.filter(title__in=[BROADBAND, IKZ]))

    council = Committee.objects.filter(kind=Committee.Kind.COUNCIL, organisation=district).order_by("pk").first()
    if council is not None:
        meeting = Meeting.objects.filter(committee=council, start__date=COUNCIL_DATE).order_by("start").first()
        consultation = Consultation(
            paper=paper,
            committee=council,
            date=COUNCIL_DATE,
            role=Consultation.Role.NOTICE,
            meeting=meeting,
            is_example=True,
        )
        consultation.full_clean()
        consultation.save()

    for position, (name, function) in enumerate(SIGNATORIES):
        Signatory.objects.create(paper=paper, name=name, function=function, position=position)

    links = []
    ikz = Undertaking.objects.filter(title=IKZ).first()
    if ikz is not None and principle is not None:
        ikz.guiding_principles.add(principle)  # "Das Vorhaben folgt dem Leitgedanken …" (the paper on the IKZ)
    if ikz is not None:
        links.append((f"Vorhaben „{ikz.title}“", ikz.get_absolute_url()))
    declaration = Declaration.objects.filter(title=DECLARATION).first()
    if declaration is not None:
        links.append((declaration.title, declaration.get_absolute_url()))
    for position, (title, path) in enumerate(links):
        link = PaperLink(paper=paper, title=title, path=path, position=position)
        link.full_clean()
        link.save()
    return paper
