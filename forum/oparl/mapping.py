"""Domain objects as OParl 1.1 objects (https://schema.oparl.org/1.1/).

Rules every function keeps (spec 2.x and the schema):
- ``id`` is the object's own URL in this API; ``created`` and ``modified`` are on every object, embedded ones too.
- Optional fields without a value are left out: never ``null``, ``""`` or ``[]``. Mandatory lists are always there.
- An embedded object leaves out the reference back to the object that embeds it (``embedded=True``).
- Dates are ``YYYY-MM-DD``, date-times ISO 8601 with the offset of the local time, e.g. ``2022-01-19T14:00:00+01:00``.
- Only public objects are passed in (see ``public``); a reference to another object is given only when that
  object is public too.

Mapping choices where the forum has no exact OParl counterpart:
- Body: the district (``FORUM_KREISSCHLUESSEL``); ``ags`` is the Kreisschlüssel padded to eight digits.
- Organization: every public committee (forum, Kreistag, association assembly, committee, working group).
- Location: a meeting's free-text place (``location/meeting-<pk>``) and the district's address (``location/body-<pk>``).
- LegislativeTerm: the forum has no terms of its own; each public Kreistag record (committee of kind "district
  council") stands for one term, with the committee's start and end dates (``legislativeterm/<committee pk>``).
- File: the attachments of meetings, agenda items and papers (``file/meeting-<pk>``, ``file/agendaitem-<pk>``,
  ``file/paper-<pk>``); ``accessUrl`` and ``downloadUrl`` are this API's download, which checks again that the
  owner is public and sends the file through ``documents.responses.file_response``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from forum.council.models import Consultation, Paper
from forum.documents.models import AttachmentBase
from forum.meetings.models import AgendaItem, Meeting
from forum.organisations.models import Committee, Membership, Organisation, Person

from .public import is_public

SCHEMA = "https://schema.oparl.org/1.1/"
OPARL_VERSION = "https://schema.oparl.org/1.1/"

# OParl's suggested organizationType values; the committee's kind goes into ``classification``.
ORGANIZATION_TYPES: dict[str, str] = {
    Committee.Kind.FORUM: "Gremium",
    Committee.Kind.COUNCIL: "Gremium",
    Committee.Kind.ASSEMBLY: "Gremium",
    Committee.Kind.COMMITTEE: "Gremium",
    Committee.Kind.WORKING_GROUP: "Gremium",
    Committee.Kind.OTHER: "Sonstiges",
}

# File id prefix → the attachment's owner: (OParl back-reference field, owner id attribute, owner URL kind).
FILE_OWNERS = {
    "meeting": ("meeting", "meeting_id", "meeting"),
    "agendaitem": ("agendaItem", "agenda_item_id", "agendaitem"),
    "paper": ("paper", "paper_id", "paper"),
}


def base_url() -> str:
    """The System's URL, e.g. ``https://forum.example.org/oparl/v1.1/``."""
    return settings.FORUM_BASE_URL + reverse("oparl:system")


@dataclass(frozen=True)
class Context:
    """What every mapping function needs: where the API lives and what the client asked to leave out."""

    base: str
    omit_internal: bool = False

    def url(self, kind: str, key: Any) -> str:
        return f"{self.base}{kind}/{key}/"

    def web(self, path: str) -> str:
        return settings.FORUM_BASE_URL + path

    @property
    def body(self) -> str:
        return self.url("body", settings.FORUM_KREISSCHLUESSEL)

    def body_list(self, name: str) -> str:
        return f"{self.body}{name}/"


def date_time(value: datetime) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


def day(value: date) -> str:
    return value.isoformat()


def _object(ctx: Context, kind: str, type_name: str, key: Any, obj: Any) -> dict[str, Any]:
    return {
        "id": ctx.url(kind, key),
        "type": SCHEMA + type_name,
        "created": date_time(obj.created),
        "modified": date_time(obj.modified),
    }


def _put(data: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """Add the fields that have a value: optional fields are left out rather than null, "" or []."""
    for name, value in fields.items():
        if value is None or value == "" or value == [] or value == {}:
            continue
        data[name] = value
    return data


def tombstone(ctx: Context, kind: str, type_name: str, key: Any, record: Any) -> dict[str, Any]:
    """A deleted object (spec: ``deleted: true``): its id, type, created and the time of deletion as modified."""
    return {
        "id": ctx.url(kind, key),
        "type": SCHEMA + type_name,
        "created": date_time(record.created),
        "modified": date_time(record.history_date),
        "deleted": True,
    }


def system(ctx: Context, district: Organisation) -> dict[str, Any]:
    data = {
        "id": ctx.base,
        "type": SCHEMA + "System",
        "oparlVersion": OPARL_VERSION,
        "body": ctx.base + "body/",
        "created": date_time(district.created),
        "modified": date_time(district.modified),
    }
    return _put(
        data,
        name=settings.FORUM_TITLE,
        contactEmail=getattr(settings, "FORUM_OPERATOR_EMAIL", ""),
        contactName=getattr(settings, "FORUM_OPERATOR_NAME", ""),
        website=settings.FORUM_BASE_URL + "/",
        vendor=getattr(settings, "FORUM_OPARL_VENDOR", ""),
        product=getattr(settings, "FORUM_OPARL_PRODUCT", ""),
    )


def body(ctx: Context, district: Organisation, terms: list[Committee]) -> dict[str, Any]:
    data = _object(ctx, "body", "Body", district.ags, district)
    data.update(
        {
            "system": ctx.base,
            "name": district.name,
            "organization": ctx.body_list("organization"),
            "person": ctx.body_list("person"),
            "meeting": ctx.body_list("meeting"),
            "paper": ctx.body_list("paper"),
            "legislativeTerm": [legislative_term(ctx, term, embedded=True) for term in terms],
            "agendaItem": ctx.body_list("agendaItem"),
            "consultation": ctx.body_list("consultation"),
            "file": ctx.body_list("file"),
            "locationList": ctx.body_list("locationList"),
            "legislativeTermList": ctx.body_list("legislativeTermList"),
            "membership": ctx.body_list("membership"),
        }
    )
    kreis = district.ags or ""
    return _put(
        data,
        website=district.website,
        ags=kreis.ljust(8, "0"),
        rgs=kreis.ljust(12, "0"),
        contactEmail=district.email,
        classification=district.official_kind or "Landkreis",
        location=None if ctx.omit_internal or not (district.street or district.city) else body_location(ctx, district),
        web=ctx.web(district.get_absolute_url()),
    )


def body_location(ctx: Context, district: Organisation, *, embedded: bool = True) -> dict[str, Any]:
    data = _object(ctx, "location", "Location", f"body-{district.pk}", district)
    geojson = None
    if district.latitude is not None and district.longitude is not None:
        # GeoJSON order: longitude, latitude (RFC 7946).
        geojson = {"type": "Point", "coordinates": [float(district.longitude), float(district.latitude)]}
    return _put(
        data,
        description=district.address,
        streetAddress=district.street,
        postalCode=district.postal_code.strip(),
        locality=district.city,
        geojson=geojson,
        bodies=None if embedded else [ctx.body],
    )


def meeting_location(ctx: Context, meeting: Meeting, *, embedded: bool = False) -> dict[str, Any]:
    data = _object(ctx, "location", "Location", f"meeting-{meeting.pk}", meeting)
    return _put(data, description=meeting.location, meetings=None if embedded else [ctx.url("meeting", meeting.pk)])


def legislative_term(ctx: Context, council: Committee, *, embedded: bool = False) -> dict[str, Any]:
    data = _object(ctx, "legislativeterm", "LegislativeTerm", council.pk, council)
    return _put(
        data,
        body=None if embedded else ctx.body,
        name=_("Term of %(committee)s") % {"committee": council.name},
        startDate=day(council.start_date) if council.start_date else None,
        endDate=day(council.end_date) if council.end_date else None,
    )


def organization(ctx: Context, committee: Committee) -> dict[str, Any]:
    data = _object(ctx, "organization", "Organization", committee.pk, committee)
    return _put(
        data,
        body=ctx.body,
        name=committee.name,
        shortName=committee.short_name,
        membership=[ctx.url("membership", membership.pk) for membership in committee.memberships.all()],
        organizationType=ORGANIZATION_TYPES.get(committee.kind, "Sonstiges"),
        classification=str(committee.get_kind_display()),
        startDate=day(committee.start_date) if committee.start_date else None,
        endDate=day(committee.end_date) if committee.end_date else None,
        web=ctx.web(committee.get_absolute_url()),
    )


def person(ctx: Context, someone: Person) -> dict[str, Any]:
    data = _object(ctx, "person", "Person", someone.pk, someone)
    embedded = [] if ctx.omit_internal else someone.memberships.all()
    return _put(
        data,
        body=ctx.body,
        name=someone.name,
        familyName=someone.family_name,
        givenName=someone.given_name,
        title=[someone.title] if someone.title else None,
        email=[someone.email] if someone.email else None,
        phone=[someone.phone] if someone.phone else None,
        status=[someone.function] if someone.function else None,
        membership=[membership(ctx, item, embedded=True) for item in embedded],
        web=ctx.web(someone.get_absolute_url()),
    )


def membership(ctx: Context, item: Membership, *, embedded: bool = False) -> dict[str, Any]:
    data = _object(ctx, "membership", "Membership", item.pk, item)
    return _put(
        data,
        person=None if embedded else ctx.url("person", item.person_id),
        organization=ctx.url("organization", item.committee_id),
        role=item.role,
        votingRight=item.voting_right,
        startDate=day(item.start_date) if item.start_date else None,
        endDate=day(item.end_date) if item.end_date else None,
    )


def meeting(ctx: Context, item: Meeting) -> dict[str, Any]:
    data = _object(ctx, "meeting", "Meeting", item.pk, item)
    internal = not ctx.omit_internal
    return _put(
        data,
        name=str(item),
        meetingState=str(item.get_status_display()),
        cancelled=item.status == Meeting.Status.CANCELLED,
        start=date_time(item.start),
        end=date_time(item.end),
        location=meeting_location(ctx, item, embedded=True) if internal and item.location else None,
        organization=[ctx.url("organization", item.committee_id)],
        auxiliaryFile=[file(ctx, "meeting", a, embedded=True) for a in item.attachments.all()] if internal else None,
        agendaItem=[agenda_item(ctx, a, embedded=True) for a in item.agenda_items.all()] if internal else None,
        web=ctx.web(item.get_absolute_url()),
    )


def agenda_order(item: AgendaItem) -> int:
    """The position in the meeting as a number: TOP 2.1 → 2001000, so the order follows the numbering."""
    return int(item.sort_key.replace(".", ""))


def agenda_item(ctx: Context, item: AgendaItem, *, embedded: bool = False) -> dict[str, Any]:
    data = _object(ctx, "agendaitem", "AgendaItem", item.pk, item)
    data["order"] = agenda_order(item)
    consultation = next(iter(item.consultations.all()), None)
    return _put(
        data,
        meeting=None if embedded else ctx.url("meeting", item.meeting_id),
        number=item.number,
        name=item.title,
        public=True,
        consultation=ctx.url("consultation", consultation.pk) if consultation else None,
        auxiliaryFile=None
        if ctx.omit_internal
        else [file(ctx, "agendaitem", a, embedded=True) for a in item.attachments.all()],
        web=ctx.web(reverse("meetings:meeting_detail", args=[item.meeting_id]) + f"#top-{item.pk}"),
    )


def paper_web(item: Paper) -> str | None:
    """The paper's page, once the council app serves one."""
    try:
        return item.get_absolute_url()
    except NoReverseMatch:
        return None


def paper(ctx: Context, item: Paper) -> dict[str, Any]:
    data = _object(ctx, "paper", "Paper", item.pk, item)
    files = [] if ctx.omit_internal else list(item.attachments.all())
    consultations = [] if ctx.omit_internal else item.consultations.all()
    web = paper_web(item)
    return _put(
        data,
        body=ctx.body,
        name=item.title,
        reference=item.number,
        date=day(item.date),
        paperType=str(item.get_kind_display()),
        mainFile=file(ctx, "paper", files[0], embedded=True) if files else None,
        auxiliaryFile=[file(ctx, "paper", a, embedded=True) for a in files[1:]],
        consultation=[consultation(ctx, c, embedded=True) for c in consultations],
        keyword=[item.field_of_action.name] if item.field_of_action else None,
        web=ctx.web(web) if web else None,
    )


def consultation(ctx: Context, item: Consultation, *, embedded: bool = False) -> dict[str, Any]:
    """A row of the Beratungsfolge; meeting and agenda item are referenced only when they are public."""
    data = _object(ctx, "consultation", "Consultation", item.pk, item)
    meeting, agenda = item.meeting, item.agenda_item
    return _put(
        data,
        paper=None if embedded else ctx.url("paper", item.paper_id),
        agendaItem=ctx.url("agendaitem", agenda.pk)
        if agenda is not None and is_public(agenda, agenda.meeting, agenda.meeting.committee)
        else None,
        meeting=ctx.url("meeting", meeting.pk)
        if meeting is not None and is_public(meeting, meeting.committee)
        else None,
        organization=[ctx.url("organization", item.committee_id)],
        authoritative=item.authoritative,
        role=str(item.get_role_display()),
    )


def file(ctx: Context, prefix: str, attachment: AttachmentBase, *, embedded: bool = False) -> dict[str, Any]:
    key = f"{prefix}-{attachment.pk}"
    stored = attachment.stored_file
    data = _object(ctx, "file", "File", key, attachment)
    download = f"{ctx.url('file', key)}download/"
    data["accessUrl"] = download
    field, owner_attribute, owner_kind = FILE_OWNERS[prefix]
    return _put(
        data,
        name=attachment.title,
        fileName=stored.original_name,
        mimeType=stored.content_type,
        date=day(timezone.localdate(attachment.created)),
        size=stored.size,
        sha512Checksum=stored.sha512,
        downloadUrl=download,
        **{field: None if embedded else [ctx.url(owner_kind, getattr(attachment, owner_attribute))]},
    )
