"""Open data: every public row of the forum as CSV and JSON, one file per dataset, and all of them in one ZIP.

Every dataset starts from ``Model.objects.visible_to(AnonymousUser())``, the filter behind every other channel,
so nothing for members or the coordination and no draft is ever published here. A reference to another object
(a meeting of a consultation, a linked entry) is given only when that object is public too.

The descriptions of the datasets and their fields are German text on purpose: they are the documentation of a German
data publication (the README in the ZIP and the field tables on the page), not interface text that follows the
visitor's language. The column names are stable identifiers and stay the same in CSV and JSON.

Each dataset costs a fixed number of queries, however many rows it has: the rows are read in chunks, and the lists
in a row (topics of an entry …) come from one query each over the whole dataset, joined in Python.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Count, Exists, Max, OuterRef
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from forum.cooperation.models import Campaign, Declaration, Participation, Signature, Undertaking
from forum.core.exports import csv_lines
from forum.council.models import Consultation, Paper
from forum.exchange.models import Entry, Interest
from forum.meetings.models import AgendaItem, Meeting
from forum.organisations.loading import OFFICIAL_SOURCE
from forum.organisations.models import Committee, Organisation
from forum.topics.models import FieldOfAction, GuidingPrinciple, Topic

# Bump when the files change shape: it is part of the ETag, so caches fetch the new form.
FORMAT_VERSION = "1"
ZIP_NAME = "digitalisierungsforum.zip"
FORMATS = ("csv", "json")
CHUNK = 2000

# The other open interfaces, served by the oparl and api apps (linked by address: portal composes, it imports neither).
OPARL_PATH = "/oparl/v1.1/"
API_DOCS_PATH = "/api/v1/docs"
OPENAPI_PATH = "/api/v1/openapi.json"

LICENCE_NAME = "Datenlizenz Deutschland – Namensnennung – Version 2.0"
LICENCE_ID = "dl-de/by-2-0"
LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"

PUBLIC = AnonymousUser()

Row = tuple[Any, ...]


@dataclass(frozen=True)
class Dataset:
    """One published table: its file name, German title and description, columns and rows."""

    slug: str
    title: str
    description: str
    columns: tuple[tuple[str, str], ...]  # (name, German description)
    queryset: Callable[[], models.QuerySet[Any]]  # the public rows (for counts and the last change)
    rows: Callable[[models.QuerySet[Any]], Iterator[Row]]

    @property
    def header(self) -> list[str]:
        return [name for name, _description in self.columns]

    def filename(self, fmt: str) -> str:
        return f"{self.slug}.{fmt}"


@dataclass(frozen=True)
class Figures:
    """How many rows a dataset has and when the newest of them changed."""

    dataset: Dataset
    rows: int
    changed: datetime | None


# --- helpers ----------------------------------------------------------------------------------------------------


def _url(path: str) -> str:
    return f"{settings.FORUM_BASE_URL}{path}" if path else ""


def _page(obj: Any) -> str:
    """The object's public page as an absolute address ("" while the page's app has no addresses installed)."""
    try:
        return _url(obj.get_absolute_url())
    except NoReverseMatch:
        return ""


def _lists(through: Any, owner: str, value: str, owners: models.QuerySet[Any]) -> dict[int, list[Any]]:
    """``owner id → [value, …]`` over a many-to-many table, for all ``owners`` in one query (a subquery, no IN list)."""
    result: dict[int, list[Any]] = defaultdict(list)
    pairs = through.objects.filter(**{f"{owner}__in": owners.values("pk")}).order_by(owner, value)
    for owner_id, item in pairs.values_list(f"{owner}_id", value).iterator(chunk_size=CHUNK):
        result[owner_id].append(item)
    return result


def _ids(queryset: models.QuerySet[Any]) -> set[int]:
    return set(queryset.values_list("pk", flat=True).iterator(chunk_size=CHUNK))


def _visible_organisations() -> models.QuerySet[Organisation]:
    return Organisation.objects.visible_to(PUBLIC)


def _of_visible_organisations(queryset: models.QuerySet[Any], *fields: str) -> models.QuerySet[Any]:
    """Rows whose organisations in ``fields`` are public, as correlated EXISTS: with ``field__in=`` SQLite would look
    every row up once per organisation through a composite index (hours for 400,000 interest marks nationally)."""
    for field in fields:
        queryset = queryset.filter(Exists(_visible_organisations().filter(pk=OuterRef(field))))
    return queryset


# --- the datasets -----------------------------------------------------------------------------------------------


def _organisation_rows(queryset: models.QuerySet[Organisation]) -> Iterator[Row]:
    for org in queryset.select_related("district").order_by("ags", "name", "pk").iterator(chunk_size=CHUNK):
        yield (
            org.pk,
            org.ags or "",
            org.name,
            org.official_name,
            org.kind,
            org.official_kind,
            org.district.ags if org.district else "",
            org.population,
            org.population_date,
            org.area_km2,
            org.latitude,
            org.longitude,
            org.website,
            org.source,
            _page(org),
            org.modified,
        )


def _committees() -> models.QuerySet[Committee]:
    return _of_visible_organisations(Committee.objects.visible_to(PUBLIC), "organisation")


def _committee_rows(queryset: models.QuerySet[Committee]) -> Iterator[Row]:
    for committee in queryset.select_related("organisation").order_by("name", "pk").iterator(chunk_size=CHUNK):
        yield (
            committee.pk,
            committee.name,
            committee.short_name,
            committee.kind,
            committee.organisation_id,
            committee.organisation.name,
            committee.description,
            committee.start_date,
            committee.end_date,
            _page(committee),
            committee.modified,
        )


def _meetings() -> models.QuerySet[Meeting]:
    return Meeting.objects.visible_to(PUBLIC)


def _meeting_rows(queryset: models.QuerySet[Meeting]) -> Iterator[Row]:
    for meeting in queryset.select_related("committee").order_by("start", "pk").iterator(chunk_size=CHUNK):
        yield (
            meeting.pk,
            meeting.committee_id,
            meeting.committee.name,
            meeting.number,
            meeting.title,
            meeting.start,
            meeting.end,
            meeting.format,
            meeting.location,
            meeting.status,
            meeting.status_reason,
            meeting.description,
            _page(meeting),
            _url(reverse("meetings:meeting_ics", args=[meeting.pk])),
            meeting.modified,
        )


def _agenda_items() -> models.QuerySet[AgendaItem]:
    return AgendaItem.objects.visible_to(PUBLIC)


def _agenda_rows(queryset: models.QuerySet[AgendaItem]) -> Iterator[Row]:
    for item in queryset.order_by("meeting__start", "meeting_id", "sort_key", "pk").iterator(chunk_size=CHUNK):
        yield (item.pk, item.meeting_id, item.number, item.title, item.text, item.modified)


def _entries() -> models.QuerySet[Entry]:
    return _of_visible_organisations(Entry.objects.visible_to(PUBLIC), "organisation")


def _entry_rows(queryset: models.QuerySet[Entry]) -> Iterator[Row]:
    topics = _lists(Entry.topics.through, "entry", "topic__slug", queryset)
    fields = _lists(Entry.fields_of_action.through, "entry", "fieldofaction_id", queryset)
    products = _lists(Entry.products.through, "entry", "product__name", queryset)
    vendors = _lists(Entry.vendors.through, "entry", "vendor__name", queryset)
    entries = queryset.select_related("organisation").order_by("organisation__name", "kind", "title", "pk")
    for entry in entries.defer("search_document").iterator(chunk_size=CHUNK):
        yield (
            entry.pk,
            entry.kind,
            entry.organisation_id,
            entry.organisation.ags or "",
            entry.organisation.name,
            entry.title,
            entry.description,
            entry.phase,
            entry.exemplary,
            topics.get(entry.pk, []),
            fields.get(entry.pk, []),
            products.get(entry.pk, []),
            vendors.get(entry.pk, []),
            entry.year,
            entry.link_list,
            entry.source,
            entry.is_example,
            _page(entry),
            entry.created,
            entry.modified,
        )


def _interests() -> models.QuerySet[Interest]:
    return _of_visible_organisations(Interest.objects.visible_to(PUBLIC), "entry__organisation", "organisation")


def _interest_rows(queryset: models.QuerySet[Interest]) -> Iterator[Row]:
    marks = queryset.select_related("organisation").order_by("entry_id", "organisation__name", "kind", "pk")
    for mark in marks.iterator(chunk_size=CHUNK):
        yield (
            mark.pk,
            mark.entry_id,
            mark.organisation_id,
            mark.organisation.name,
            mark.kind,
            mark.note,
            mark.created,
            mark.modified,
        )


def _topics() -> models.QuerySet[Topic]:
    return Topic.objects.visible_to(PUBLIC)


def _topic_rows(queryset: models.QuerySet[Topic]) -> Iterator[Row]:
    topics = queryset.select_related("parent", "merged_into").order_by("parent__name", "name", "pk")
    for topic in topics.iterator(chunk_size=CHUNK):
        yield (
            topic.slug,
            topic.name,
            topic.parent.slug if topic.parent else "",
            topic.description,
            topic.source,
            topic.retired,
            topic.merged_into.slug if topic.merged_into else "",
            _page(topic),
            topic.modified,
        )


def _fields_of_action() -> models.QuerySet[FieldOfAction]:
    return FieldOfAction.objects.visible_to(PUBLIC)


def _field_rows(queryset: models.QuerySet[FieldOfAction]) -> Iterator[Row]:
    fields = queryset.select_related("strategy").order_by("strategy__name", "position", "name", "pk")
    for field in fields.iterator(chunk_size=CHUNK):
        strategy = field.strategy
        yield (
            field.pk,
            strategy.slug,
            strategy.name,
            strategy.adopted_on,
            strategy.is_current,
            strategy.source,
            field.position,
            field.name,
            field.description,
            _page(field),
            field.modified,
        )


def _guiding_principles() -> models.QuerySet[GuidingPrinciple]:
    return GuidingPrinciple.objects.filter(field_of_action__in=_fields_of_action())


def _principle_rows(queryset: models.QuerySet[GuidingPrinciple]) -> Iterator[Row]:
    for principle in queryset.order_by("field_of_action_id", "position", "pk").iterator(chunk_size=CHUNK):
        yield (
            principle.pk,
            principle.field_of_action_id,
            principle.position,
            principle.text,
            principle.source,
            principle.modified,
        )


def _undertakings() -> models.QuerySet[Undertaking]:
    return _of_visible_organisations(Undertaking.objects.visible_to(PUBLIC), "lead", "governing_organisation")


def _undertaking_rows(queryset: models.QuerySet[Undertaking]) -> Iterator[Row]:
    topics = _lists(Undertaking.topics.through, "undertaking", "topic__slug", queryset)
    fields = _lists(Undertaking.fields_of_action.through, "undertaking", "fieldofaction_id", queryset)
    principles = _lists(Undertaking.guiding_principles.through, "undertaking", "guidingprinciple_id", queryset)
    entries = _lists(Undertaking.entries.through, "undertaking", "entry_id", queryset)
    public_entries = _ids(_entries())
    public_committees = _ids(_committees())
    undertakings = queryset.select_related("lead", "governing_organisation").order_by("title", "pk")
    for undertaking in undertakings.iterator(chunk_size=CHUNK):
        committee = undertaking.governing_committee_id
        yield (
            undertaking.pk,
            undertaking.slug,
            undertaking.title,
            undertaking.summary,
            undertaking.description,
            undertaking.status,
            undertaking.starts_on,
            undertaking.lead_id,
            undertaking.lead.name,
            undertaking.governing_organisation_id,
            undertaking.governing_organisation.name,
            committee if committee in public_committees else None,
            undertaking.decision_process,
            topics.get(undertaking.pk, []),
            fields.get(undertaking.pk, []),
            principles.get(undertaking.pk, []),
            [pk for pk in entries.get(undertaking.pk, []) if pk in public_entries],
            _page(undertaking),
            undertaking.modified,
        )


def _participations() -> models.QuerySet[Participation]:
    return _of_visible_organisations(Participation.objects.filter(undertaking__in=_undertakings()), "organisation")


def _participation_rows(queryset: models.QuerySet[Participation]) -> Iterator[Row]:
    participations = queryset.select_related("organisation").order_by("undertaking_id", "organisation__name", "pk")
    for participation in participations.iterator(chunk_size=CHUNK):
        yield (
            participation.undertaking_id,
            participation.organisation_id,
            participation.organisation.ags or "",
            participation.organisation.name,
            participation.role,
            participation.joined_on,
            participation.modified,
        )


def _campaigns() -> models.QuerySet[Campaign]:
    return Campaign.objects.visible_to(PUBLIC).filter(declaration__in=Declaration.objects.visible_to(PUBLIC))


def _campaign_rows(queryset: models.QuerySet[Campaign]) -> Iterator[Row]:
    public_undertakings = _ids(_undertakings())
    campaigns = queryset.select_related("declaration", "version").order_by("-due_on", "-pk")
    for campaign in campaigns.iterator(chunk_size=CHUNK):
        undertaking = campaign.declaration.undertaking_id
        yield (
            campaign.pk,
            campaign.title,
            campaign.declaration.title,
            campaign.version.number,
            undertaking if undertaking in public_undertakings else None,
            campaign.due_on,
            _page(campaign),
            campaign.modified,
        )


def _signatures() -> models.QuerySet[Signature]:
    return _of_visible_organisations(Signature.objects.filter(campaign__in=_campaigns()), "organisation")


def _signature_rows(queryset: models.QuerySet[Signature]) -> Iterator[Row]:
    signatures = queryset.select_related("organisation").order_by("campaign_id", "organisation__name", "pk")
    for signature in signatures.iterator(chunk_size=CHUNK):
        yield (
            signature.campaign_id,
            signature.organisation_id,
            signature.organisation.ags or "",
            signature.organisation.name,
            signature.organisation.population,
            signature.status,
            signature.committee_name,
            signature.meeting_on,
            signature.resolved_on,
            signature.signed_on,
            signature.signatory_name,
            signature.signatory_function,
            signature.modified,
        )


def _papers() -> models.QuerySet[Paper]:
    return _of_visible_organisations(Paper.objects.visible_to(PUBLIC), "organisation")


def _paper_rows(queryset: models.QuerySet[Paper]) -> Iterator[Row]:
    undertakings = _lists(Paper.undertakings.through, "paper", "undertaking_id", queryset)
    public_undertakings = _ids(_undertakings())
    papers = queryset.select_related("organisation").order_by("year", "serial", "pk")
    for paper in papers.iterator(chunk_size=CHUNK):
        yield (
            paper.pk,
            paper.number,
            paper.year,
            paper.serial,
            paper.kind,
            paper.date,
            paper.title,
            paper.organisation_id,
            paper.organisation.name,
            paper.department,
            paper.division,
            paper.author_name,
            paper.field_of_action_id,
            paper.guiding_principle_id,
            paper.budget_area,
            paper.product_group,
            paper.products,
            paper.climate_impact,
            paper.facts,
            paper.resolution_proposal,
            [pk for pk in undertakings.get(paper.pk, []) if pk in public_undertakings],
            _page(paper),
            paper.modified,
        )


def _consultations() -> models.QuerySet[Consultation]:
    return Consultation.objects.visible_to(PUBLIC).filter(paper__in=_papers())


def _consultation_rows(queryset: models.QuerySet[Consultation]) -> Iterator[Row]:
    public_meetings = _ids(_meetings())
    public_items = _ids(_agenda_items())
    consultations = queryset.select_related("paper", "committee").order_by("paper_id", "position", "date", "pk")
    for consultation in consultations.iterator(chunk_size=CHUNK):
        meeting, item = consultation.meeting_id, consultation.agenda_item_id
        yield (
            consultation.pk,
            consultation.paper_id,
            consultation.paper.number,
            consultation.position,
            consultation.committee_id,
            consultation.committee.name,
            consultation.date,
            consultation.role,
            consultation.authoritative,
            meeting if meeting in public_meetings else None,
            item if item in public_items else None,
            consultation.modified,
        )


_ID = ("id", "Kennung des Datensatzes in diesem Forum (stabil; andere Dateien verweisen darauf)")
_MODIFIED = ("modified", "Zeitpunkt der letzten Änderung")
_URL = ("url", "Adresse der Seite im Forum")
_ORG_ID = ("organisation_id", "Kennung der Organisation (organisationen.id)")
_ORG_NAME = ("organisation_name", "Name der Organisation")
_AGS = ("organisation_ags", "Amtlicher Gemeindeschlüssel der Organisation (falls vorhanden)")

DATASETS: tuple[Dataset, ...] = (
    Dataset(
        "organisationen",
        "Landkreis, Städte und Gemeinden, Partner",
        "Der Landkreis, seine kreisangehörigen Städte und Gemeinden und die Partnerorganisationen des Forums, "
        "mit den amtlichen Kennzahlen.",
        (
            _ID,
            ("ags", "Amtlicher Gemeindeschlüssel (8 Ziffern) bzw. Kreisschlüssel (5 Ziffern); leer bei Partnern"),
            ("name", "Name"),
            ("official_name", "Amtlicher Name"),
            ("kind", "Art: district (Landkreis), city (Stadt), municipality (Gemeinde) oder Art des Partners"),
            ("official_kind", "Art laut amtlichem Verzeichnis, z. B. Große Kreisstadt"),
            ("district_ags", "Kreisschlüssel des Landkreises, zu dem die Stadt oder Gemeinde gehört"),
            ("population", "Einwohnerzahl (amtlich)"),
            ("population_date", "Stichtag der Einwohnerzahl"),
            ("area_km2", "Fläche in km²"),
            ("latitude", "Geografische Breite (WGS 84, Dezimalgrad)"),
            ("longitude", "Geografische Länge (WGS 84, Dezimalgrad)"),
            ("website", "Internetauftritt"),
            ("source", "Quelle der amtlichen Angaben"),
            _URL,
            _MODIFIED,
        ),
        _visible_organisations,
        _organisation_rows,
    ),
    Dataset(
        "gremien",
        "Gremien",
        "Gremien wie das Digitalisierungsforum, der Kreistag, Verbandsversammlungen und Arbeitsgruppen.",
        (
            _ID,
            ("name", "Name"),
            ("short_name", "Kurzname"),
            ("kind", "Art: forum, council (Kreistag), assembly (Verbandsversammlung), committee, working_group, other"),
            ("organisation_id", "Organisation, zu der das Gremium gehört (organisationen.id)"),
            _ORG_NAME,
            ("description", "Beschreibung (Markdown)"),
            ("start_date", "Besteht seit"),
            ("end_date", "Besteht bis"),
            _URL,
            _MODIFIED,
        ),
        _committees,
        _committee_rows,
    ),
    Dataset(
        "sitzungen",
        "Treffen und Sitzungen",
        "Öffentliche Treffen und Sitzungen der Gremien mit Status (geplant, eingeladen, durchgeführt, abgebrochen, "
        "abgesagt).",
        (
            _ID,
            ("committee_id", "Gremium (gremien.id)"),
            ("committee_name", "Name des Gremiums"),
            ("number", "Laufende Nummer des Treffens im Gremium"),
            ("title", "Titel"),
            ("start", "Beginn"),
            ("end", "Ende"),
            ("format", "Form: virtual (virtuell), in_person (in Präsenz), hybrid"),
            ("location", "Ort"),
            ("status", "Status: planned, invited, held, aborted (abgebrochen), cancelled (abgesagt)"),
            ("status_reason", "Grund bei abgebrochenen oder abgesagten Treffen"),
            ("description", "Beschreibung (Markdown)"),
            _URL,
            ("ical_url", "Kalenderdatei (iCalendar) des Treffens"),
            _MODIFIED,
        ),
        _meetings,
        _meeting_rows,
    ),
    Dataset(
        "tagesordnungspunkte",
        "Tagesordnungspunkte",
        "Die öffentlichen Tagesordnungspunkte (TOP) der öffentlichen Treffen.",
        (
            _ID,
            ("meeting_id", "Treffen (sitzungen.id)"),
            ("number", "Nummer des TOP, z. B. 2 oder 2.1"),
            ("title", "Titel"),
            ("text", "Kurztext (Markdown)"),
            _MODIFIED,
        ),
        _agenda_items,
        _agenda_rows,
    ),
    Dataset(
        "eintraege",
        "Herausforderungen und Vorhaben",
        "Der Katalog: Herausforderungen und Vorhaben der Städte und Gemeinden und des Landkreises.",
        (
            _ID,
            ("kind", "Art: challenge (Herausforderung) oder project (Vorhaben)"),
            _ORG_ID,
            _AGS,
            _ORG_NAME,
            ("title", "Titel"),
            ("description", "Beschreibung (Markdown)"),
            ("phase", "Phase eines Vorhabens: idea, planning, implementation, operation, completed"),
            ("exemplary", "Beispielhaftes Vorhaben (gute Praxis)"),
            ("topics", "Themen (Liste von themen.slug)"),
            ("fields_of_action", "Handlungsfelder der Strategie (Liste von handlungsfelder.id)"),
            ("products", "Eingesetzte Softwareprodukte (Liste)"),
            ("vendors", "Hersteller und Dienstleister (Liste)"),
            ("year", "Jahr"),
            ("links", "Weiterführende Internetadressen (Liste)"),
            ("source", "Quelle der Angaben"),
            ("is_example", "Beispieldatensatz aus öffentlichen Quellen, nicht von der Kommune selbst eingetragen"),
            _URL,
            ("created", "Zeitpunkt der Erfassung"),
            _MODIFIED,
        ),
        _entries,
        _entry_rows,
    ),
    Dataset(
        "interessen",
        "Interessenbekundungen",
        "Interessenbekundungen von Organisationen an öffentlichen Einträgen anderer Organisationen.",
        (
            _ID,
            ("entry_id", "Eintrag (eintraege.id)"),
            ("organisation_id", "Organisation, die Interesse bekundet (organisationen.id)"),
            _ORG_NAME,
            (
                "kind",
                "Art: concerns_us (betrifft uns auch), experience (haben Erfahrung damit), join (würden mitmachen)",
            ),
            ("note", "Anmerkung"),
            ("created", "Zeitpunkt der Bekundung"),
            _MODIFIED,
        ),
        _interests,
        _interest_rows,
    ),
    Dataset(
        "themen",
        "Themen",
        "Das kontrollierte Vokabular der Themen: Themenfelder und ihre Unterthemen.",
        (
            ("slug", "Kurzname des Themas (stabil; eintraege.topics verweist darauf)"),
            ("name", "Name"),
            ("parent", "Themenfeld, zu dem das Thema gehört (themen.slug); leer bei Themenfeldern"),
            ("description", "Beschreibung"),
            ("source", "Quelle"),
            ("retired", "Stillgelegt (wird nicht mehr angeboten)"),
            ("merged_into", "Zusammengeführt in (themen.slug)"),
            _URL,
            _MODIFIED,
        ),
        _topics,
        _topic_rows,
    ),
    Dataset(
        "handlungsfelder",
        "Strategie: Handlungsfelder",
        "Die Handlungsfelder der Strategien des Landkreises (z. B. Zukunftsstrategie 2035).",
        (
            _ID,
            ("strategy_slug", "Kurzname der Strategie"),
            ("strategy_name", "Name der Strategie"),
            ("strategy_adopted_on", "Beschlossen am"),
            ("strategy_is_current", "Geltende Strategie"),
            ("strategy_source", "Quelle der Strategie"),
            ("position", "Reihenfolge in der Strategie"),
            ("name", "Name des Handlungsfelds"),
            ("description", "Beschreibung (Markdown)"),
            _URL,
            _MODIFIED,
        ),
        _fields_of_action,
        _field_rows,
    ),
    Dataset(
        "leitgedanken",
        "Strategie: Leitgedanken",
        "Die Leitgedanken der Handlungsfelder, wörtlich aus der Strategie.",
        (
            _ID,
            ("field_of_action_id", "Handlungsfeld (handlungsfelder.id)"),
            ("position", "Reihenfolge im Handlungsfeld"),
            ("text", "Wortlaut"),
            ("source", "Quelle"),
            _MODIFIED,
        ),
        _guiding_principles,
        _principle_rows,
    ),
    Dataset(
        "vorhaben-des-landkreises",
        "Vorhaben des Landkreises (IKZ)",
        "Vorhaben des Landkreises und der interkommunalen Zusammenarbeit, mit steuerndem Gremium und Bezug zur "
        "Strategie.",
        (
            _ID,
            ("slug", "Kurzname in der Adresse"),
            ("title", "Titel"),
            ("summary", "Zusammenfassung"),
            ("description", "Beschreibung (Markdown)"),
            ("status", "Status: preparation, running, completed, discontinued"),
            ("starts_on", "Beginn"),
            ("lead_id", "Federführende Organisation (organisationen.id)"),
            ("lead_name", "Name der federführenden Organisation"),
            ("governing_organisation_id", "Steuernde Stelle (organisationen.id)"),
            ("governing_organisation_name", "Name der steuernden Stelle"),
            ("governing_committee_id", "Entscheidendes Gremium (gremien.id)"),
            ("decision_process", "Wie entschieden wird"),
            ("topics", "Themen (Liste von themen.slug)"),
            ("fields_of_action", "Handlungsfelder (Liste von handlungsfelder.id)"),
            ("guiding_principles", "Leitgedanken, denen es folgt (Liste von leitgedanken.id)"),
            ("entries", "Verknüpfte Herausforderungen und Vorhaben (Liste von eintraege.id)"),
            _URL,
            _MODIFIED,
        ),
        _undertakings,
        _undertaking_rows,
    ),
    Dataset(
        "beteiligungen",
        "Beteiligte an Vorhaben des Landkreises",
        "Welche Organisation an welchem Vorhaben des Landkreises in welcher Rolle beteiligt ist.",
        (
            ("undertaking_id", "Vorhaben (vorhaben-des-landkreises.id)"),
            _ORG_ID,
            _AGS,
            _ORG_NAME,
            ("role", "Rolle: lead (federführend), participant, observer, partner"),
            ("joined_on", "Beteiligt seit"),
            _MODIFIED,
        ),
        _participations,
        _participation_rows,
    ),
    Dataset(
        "kampagnen",
        "Willensbekundungen: Kampagnen",
        "Kampagnen, mit denen eine Willensbekundung allen Städten und Gemeinden zur Unterzeichnung vorgelegt wird.",
        (
            _ID,
            ("title", "Titel"),
            ("declaration_title", "Titel der Willensbekundung"),
            ("declaration_version", "Fassung der Willensbekundung"),
            ("undertaking_id", "Vorhaben des Landkreises, um das es geht (vorhaben-des-landkreises.id)"),
            ("due_on", "Antwort erbeten bis"),
            _URL,
            _MODIFIED,
        ),
        _campaigns,
        _campaign_rows,
    ),
    Dataset(
        "unterzeichnungen",
        "Willensbekundungen: Stand je Kommune",
        "Der Stand der Unterzeichnung je Stadt und Gemeinde und Kampagne.",
        (
            ("campaign_id", "Kampagne (kampagnen.id)"),
            _ORG_ID,
            _AGS,
            _ORG_NAME,
            ("population", "Einwohnerzahl der Kommune (amtlich, siehe organisationen.population_date)"),
            ("status", "Stand: requested, deliberation, resolved, signed, declined, withdrawn"),
            ("committee_name", "Beratendes Gremium der Kommune, z. B. Gemeinderat"),
            ("meeting_on", "Datum der Beratung"),
            ("resolved_on", "Beschlossen am"),
            ("signed_on", "Unterzeichnet am"),
            ("signatory_name", "Unterzeichnet von"),
            ("signatory_function", "Funktion der unterzeichnenden Person"),
            _MODIFIED,
        ),
        _signatures,
        _signature_rows,
    ),
    Dataset(
        "vorlagen",
        "Vorlagen",
        "Öffentliche Vorlagen an die Gremien (Mitteilungs-, Beschluss- und Informationsvorlagen, Anträge, Anfragen).",
        (
            _ID,
            ("number", "Vorlagennummer, z. B. 005/2022"),
            ("year", "Jahr"),
            ("serial", "Laufende Nummer im Jahr"),
            ("kind", "Art: notice, resolution, information, motion, inquiry"),
            ("date", "Datum"),
            ("title", "Betreff (Titel des Tagesordnungspunkts)"),
            ("organisation_id", "Herausgebende Organisation (organisationen.id)"),
            _ORG_NAME,
            ("department", "Dezernat"),
            ("division", "Fachbereich"),
            ("author_name", "Verfasserin oder Verfasser"),
            ("field_of_action_id", "Handlungsfeld der Strategie (handlungsfelder.id)"),
            ("guiding_principle_id", "Leitgedanke (leitgedanken.id)"),
            ("budget_area", "Teilhaushalt"),
            ("product_group", "Produktgruppe"),
            ("products", "Produkt(e)"),
            ("climate_impact", "Klimawirkung: positive, neutral, negative, none"),
            ("facts", "Sachverhalt (Markdown)"),
            ("resolution_proposal", "Beschlussvorschlag (Markdown)"),
            ("undertakings", "Betroffene Vorhaben des Landkreises (Liste von vorhaben-des-landkreises.id)"),
            _URL,
            _MODIFIED,
        ),
        _papers,
        _paper_rows,
    ),
    Dataset(
        "beratungen",
        "Beratungsfolge der Vorlagen",
        "Die öffentlichen Beratungen der Vorlagen in den Gremien.",
        (
            _ID,
            ("paper_id", "Vorlage (vorlagen.id)"),
            ("paper_number", "Vorlagennummer"),
            ("position", "Reihenfolge in der Beratungsfolge"),
            ("committee_id", "Gremium (gremien.id)"),
            ("committee_name", "Name des Gremiums"),
            ("date", "Datum der Beratung"),
            ("role", "Zweck: preliminary (Vorberatung), notice (Kenntnisnahme), decision (Beschluss), hearing"),
            ("authoritative", "Diese Beratung entscheidet über die Vorlage"),
            ("meeting_id", "Sitzung (sitzungen.id), falls öffentlich"),
            ("agenda_item_id", "Tagesordnungspunkt (tagesordnungspunkte.id), falls öffentlich"),
            _MODIFIED,
        ),
        _consultations,
        _consultation_rows,
    ),
)
BY_SLUG = {dataset.slug: dataset for dataset in DATASETS}


# --- figures, formats and the archive ---------------------------------------------------------------------------


def figures() -> list[Figures]:
    """Rows and last change of every dataset (one query each)."""
    result = []
    for dataset in DATASETS:
        numbers = dataset.queryset().order_by().aggregate(rows=Count("pk"), changed=Max("modified"))
        result.append(Figures(dataset, numbers["rows"], numbers["changed"]))
    return result


def last_change(all_figures: Iterable[Figures]) -> datetime | None:
    return max((figure.changed for figure in all_figures if figure.changed), default=None)


def etag(all_figures: Iterable[Figures]) -> str:
    """Changes whenever a row is added, changed, removed, or stops being public (the counts catch removals)."""
    parts = [FORMAT_VERSION, settings.FORUM_BASE_URL, settings.FORUM_OPERATOR_NAME, settings.FORUM_TITLE]
    for figure in all_figures:
        changed = figure.changed.isoformat() if figure.changed else ""
        parts.append(f"{figure.dataset.slug}:{figure.rows}:{changed}")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def _moment(value: datetime) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds") if timezone.is_aware(value) else value.isoformat()


def json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return _moment(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def csv_value(value: Any) -> Any:
    """ISO dates, ``true``/``false`` and lists separated by " | "; ``csv_lines`` guards against formulas."""
    if isinstance(value, datetime):
        return _moment(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return " | ".join(str(item) for item in value)
    return value


def _json_head(dataset: Dataset) -> str:
    head = {
        "dataset": dataset.slug,
        "title": dataset.title,
        "description": dataset.description,
        "publisher": settings.FORUM_OPERATOR_NAME,
        "licence": {"name": LICENCE_NAME, "id": LICENCE_ID, "url": LICENCE_URL},
        "source": _url(reverse("portal:open_data")),
        "fields": [{"name": name, "description": text} for name, text in dataset.columns],
    }
    return json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "data": [\n'


def _json_record(dataset: Dataset, row: Row) -> str:
    return json.dumps(
        {name: json_value(value) for name, value in zip(dataset.header, row, strict=True)}, ensure_ascii=False
    )


JSON_TAIL = "\n ]\n}\n"


def json_chunks(dataset: Dataset, rows: Iterable[Row]) -> Iterator[str]:
    """The dataset as one JSON object: its description and fields, then ``data``, one object per row and line."""
    yield _json_head(dataset)
    separator = ""
    for row in rows:
        yield separator + _json_record(dataset, row)
        separator = ",\n"
    yield JSON_TAIL


def csv_rows(rows: Iterable[Row]) -> Iterator[list[Any]]:
    return ([csv_value(value) for value in row] for row in rows)


def csv_chunks(dataset: Dataset, rows: Iterable[Row]) -> Iterator[str]:
    return csv_lines(dataset.header, csv_rows(rows))


def rows_of(dataset: Dataset) -> Iterator[Row]:
    return dataset.rows(dataset.queryset())


def _tee(dataset: Dataset, rows: Iterable[Row], out: IO[str]) -> Iterator[Row]:
    """Pass the rows on while writing them to ``out`` as JSON, so both formats are made in one pass."""
    out.write(_json_head(dataset))
    separator = ""
    for row in rows:
        out.write(separator + _json_record(dataset, row))
        separator = ",\n"
        yield row
    out.write(JSON_TAIL)


def _entry(name: str, moment: datetime | None) -> zipfile.ZipInfo:
    stamp = timezone.localtime(moment) if moment else timezone.localtime()
    info = zipfile.ZipInfo(name, date_time=(max(stamp.year, 1980), *stamp.timetuple()[1:6]))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def readme(all_figures: list[Figures]) -> str:
    return render_to_string(
        "portal/open_data_readme.md",
        {
            "figures": all_figures,
            "changed": last_change(all_figures),
            "licence_name": LICENCE_NAME,
            "licence_id": LICENCE_ID,
            "licence_url": LICENCE_URL,
            "official_source": OFFICIAL_SOURCE,
            "publisher": settings.FORUM_OPERATOR_NAME,
            "contact": settings.FORUM_OPERATOR_EMAIL,
            "forum_title": settings.FORUM_TITLE,
            "page_url": _url(reverse("portal:open_data")),
            "feed_url": _url(reverse("meetings:public_feed")),
            "oparl_url": _url(OPARL_PATH),
            "api_docs_url": _url(API_DOCS_PATH),
        },
    )


def write_zip(target: IO[bytes], all_figures: list[Figures]) -> None:
    """README.md and every dataset as CSV and JSON into ``target``; each file's time is the data's last change.

    The CSV goes straight into the archive; the JSON of the same pass waits in a spooled temporary file (memory,
    then disk), so every dataset is read once and nothing is held in memory whole.
    """
    moment = last_change(all_figures)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(_entry("README.md", moment), readme(all_figures))
        for dataset in DATASETS:
            with tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024, mode="w+b") as spool:
                json_out = io.TextIOWrapper(spool, encoding="utf-8")
                with archive.open(_entry(dataset.filename("csv"), moment), "w", force_zip64=True) as raw:
                    csv_out = io.TextIOWrapper(raw, encoding="utf-8", newline="")
                    for line in csv_chunks(dataset, _tee(dataset, rows_of(dataset), json_out)):
                        csv_out.write(line)
                    csv_out.flush()
                    csv_out.detach()
                json_out.flush()
                json_out.seek(0)
                with archive.open(_entry(dataset.filename("json"), moment), "w", force_zip64=True) as raw:
                    shutil.copyfileobj(json_out.detach(), raw)


def zip_file(all_figures: list[Figures]) -> IO[bytes]:
    """The archive in a temporary file (kept in memory up to 32 MB), positioned at its start."""
    target = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024, mode="w+b")  # noqa: SIM115 (the response closes it)
    write_zip(target, all_figures)
    target.seek(0)
    return target
