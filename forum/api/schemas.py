"""The wire format of the REST API (its own; the OParl API has its own mapping)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import BaseModel, ConfigDict

MAX_ID = 2_147_483_647
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Ags = Annotated[str, Field(pattern=r"^[0-9]{5}([0-9]{3})?$", description="Amtlicher Gemeindeschlüssel (AGS)")]
Slug = Annotated[str, Field(pattern=r"^[-a-z0-9]{1,80}$")]
Link = Annotated[str, Field(min_length=8, max_length=500, pattern=r"^https?://[^\s\x00]+$")]

EntryKind = Literal["challenge", "project"]
Phase = Literal["idea", "planning", "implementation", "operation", "completed"]
VisibilityLevel = Literal["public", "members", "coordination"]
InterestKind = Literal["concerns_us", "experience", "join"]
MeetingStatus = Literal["planned", "invited", "held", "aborted", "cancelled"]
MeetingFormat = Literal["virtual", "in_person", "hybrid"]
RegistrationStatus = Literal["confirmed", "waiting", "cancelled"]
SignatureStatus = Literal["requested", "deliberation", "resolved", "signed", "declined", "withdrawn"]


NO_NUL = r"^[^\x00]*$"  # databases refuse NUL characters
Title = Annotated[str, Field(min_length=1, max_length=200, pattern=NO_NUL)]
LongText = Annotated[str, Field(min_length=1, max_length=20_000, pattern=NO_NUL)]
Source = Annotated[str, Field(max_length=5_000, pattern=NO_NUL)]
Note = Annotated[str, Field(max_length=500, pattern=NO_NUL)]
Short = Annotated[str, Field(max_length=200, pattern=NO_NUL)]
Name = Annotated[str, Field(min_length=1, max_length=150, pattern=NO_NUL)]


class Input(BaseModel):
    """A request body: a JSON object only (ninja's Schema reads any object's attributes, so ``[]`` would pass)."""

    model_config = ConfigDict(extra="ignore")


# --- lists -----------------------------------------------------------------------------------------


class PageMeta(Schema):
    count: int = Field(description="Anzahl aller Treffer")
    page: int
    pages: int
    page_size: int
    next: str | None = Field(description="Adresse der nächsten Seite, sonst null")
    previous: str | None


class Paging(Schema):
    page: int = Field(1, ge=1, le=1_000_000, description="Seite (ab 1)")
    page_size: int = Field(25, ge=1, le=100, description="Einträge je Seite (höchstens 100)")


# --- references ------------------------------------------------------------------------------------


class OrganisationRef(Schema):
    id: int
    ags: str | None
    name: str


class TopicRef(Schema):
    slug: str
    name: str


class FieldOfActionRef(Schema):
    id: int
    name: str


class PersonRef(Schema):
    id: int
    name: str
    function: str


# --- catalogue (challenges and projects) -----------------------------------------------------------


class EntryFilters(Paging):
    kind: EntryKind | None = Field(None, description="challenge (Herausforderung) oder project (Vorhaben)")
    topic: Slug | None = Field(None, description="Kurzname eines Themas; ein Themenfeld schließt seine Themen ein")
    organisation: Ags | None = Field(None, description="AGS der Kommune")
    phase: Phase | None = Field(None, description="nur Vorhaben in dieser Phase")
    exemplary: bool | None = Field(None, description="true: nur beispielhafte Vorhaben")


class EntryOut(Schema):
    id: int
    url: str = Field(description="Die Seite des Eintrags")
    kind: EntryKind
    title: str
    description: str = Field(description="Markdown")
    phase: Phase | None
    exemplary: bool
    organisation: OrganisationRef
    topics: list[TopicRef]
    year: int | None
    visibility: VisibilityLevel
    is_draft: bool
    interest_count: int
    created: datetime
    modified: datetime


class InterestOut(Schema):
    id: int
    entry: int
    organisation: OrganisationRef
    kind: InterestKind
    note: str
    created: datetime


class EntryDetailOut(EntryOut):
    links: list[str]
    source: str
    products: list[str]
    vendors: list[str]
    fields_of_action: list[FieldOfActionRef] = Field(description="Handlungsfelder der Strategie")
    contact: PersonRef | None
    interests: list[InterestOut]


class EntryPage(PageMeta):
    results: list[EntryOut]


class EntryIn(Input):
    kind: EntryKind
    organisation: Ags = Field(description="AGS der Kommune (oder des Landkreises), deren Eintrag es ist")
    title: Title
    description: LongText = Field(description="Markdown")
    phase: Phase | None = Field(None, description="für Vorhaben Pflicht")
    exemplary: bool = False
    topics: list[Slug] = Field(min_length=1, max_length=30, description="Kurznamen der Themen")
    fields_of_action: list[Id] = Field(default_factory=list, max_length=20, description="ids der Handlungsfelder")
    products: list[Name] = Field(default_factory=list, max_length=30)
    vendors: list[Name] = Field(default_factory=list, max_length=30)
    contact: Id | None = Field(None, description="id einer Person der Organisation")
    links: list[Link] = Field(default_factory=list, max_length=20)
    year: int | None = Field(None, ge=1990, le=2100)
    source: Source = ""
    visibility: VisibilityLevel = "public"
    is_draft: bool = False


class EntryPatch(Input):
    """Only the fields sent change."""

    kind: EntryKind | None = None
    title: Title | None = None
    description: LongText | None = None
    phase: Phase | None = None
    exemplary: bool | None = None
    topics: list[Slug] | None = Field(None, min_length=1, max_length=30)
    fields_of_action: list[Id] | None = Field(None, max_length=20)
    products: list[Name] | None = Field(None, max_length=30)
    vendors: list[Name] | None = Field(None, max_length=30)
    contact: Id | None = None
    links: list[Link] | None = Field(None, max_length=20)
    year: int | None = Field(None, ge=1990, le=2100)
    source: Source | None = None
    visibility: VisibilityLevel | None = None
    is_draft: bool | None = None


class InterestIn(Input):
    kind: InterestKind
    organisation: Ags | None = Field(
        None, description="AGS der Organisation, in deren Namen markiert wird; entfällt bei nur einer"
    )
    note: Note = ""


# --- meetings and events ---------------------------------------------------------------------------


class CommitteeRef(Schema):
    id: int
    name: str


class AgendaItemOut(Schema):
    id: int
    number: str
    title: str
    text: str


class MeetingFilters(Paging):
    committee: Id | None = Field(None, description="id des Gremiums")
    status: MeetingStatus | None = None
    upcoming: bool | None = Field(None, description="true: nur Treffen, die noch nicht vorbei sind")


class MeetingOut(Schema):
    id: int
    url: str
    title: str
    number: int | None
    committee: CommitteeRef
    start: datetime
    end: datetime
    format: MeetingFormat
    location: str
    video_url: str | None = Field(description="nur für angemeldete Personen")
    status: MeetingStatus
    status_reason: str
    visibility: VisibilityLevel
    modified: datetime


class MeetingDetailOut(MeetingOut):
    description: str
    agenda_items: list[AgendaItemOut]


class MeetingPage(PageMeta):
    results: list[MeetingOut]


class TrackOut(Schema):
    id: int
    title: str
    capacity: int
    confirmed: int


class EventOut(Schema):
    id: int
    url: str
    title: str
    organiser: OrganisationRef
    start: datetime
    end: datetime
    location: str
    capacity: int
    registration_open: bool
    modified: datetime


class EventDetailOut(EventOut):
    description: str
    free_places: int
    tracks: list[TrackOut]


class EventPage(PageMeta):
    results: list[EventOut]


class EventRef(Schema):
    id: int
    title: str


class TrackRef(Schema):
    id: int
    title: str


class RegistrationOut(Schema):
    id: int
    event: EventRef
    status: RegistrationStatus
    track: TrackRef | None
    organisation: OrganisationRef | None
    created: datetime
    modified: datetime


class RegistrationPage(PageMeta):
    results: list[RegistrationOut]


class RegistrationIn(Input):
    track: Id | None = Field(None, description="id des Workshop-Strangs; Pflicht, wenn die Veranstaltung welche hat")


# --- declarations of intent: signatures ------------------------------------------------------------


class DeclarationRef(Schema):
    id: int
    title: str


class CampaignOut(Schema):
    id: int
    url: str
    title: str
    declaration: DeclarationRef
    due_on: date
    is_running: bool
    modified: datetime


class CampaignPage(PageMeta):
    results: list[CampaignOut]


class SignatureOut(Schema):
    url: str
    organisation: OrganisationRef
    status: SignatureStatus
    committee_name: str
    meeting_on: date | None
    resolved_on: date | None
    signed_on: date | None
    signatory_name: str
    signatory_function: str
    reason: str
    modified: datetime


class SignatureStepOut(Schema):
    from_status: SignatureStatus
    to_status: SignatureStatus
    at: datetime
    note: str


class SignatureDetailOut(SignatureOut):
    campaign: int
    can_change: bool = Field(description="Darf die anfragende Person den Status ändern?")
    next_statuses: list[SignatureStatus] = Field(description="Mögliche nächste Schritte (nur mit can_change)")
    steps: list[SignatureStepOut]


class SignaturePage(PageMeta):
    results: list[SignatureOut]


class SignatureStepIn(Input):
    """The next step; which fields a status needs: deliberation committee_name + meeting_on, resolved resolved_on,
    signed signed_on + signatory_name + signatory_function, declined reason; withdrawn reason optional."""

    status: SignatureStatus
    committee_name: Short = ""
    meeting_on: date | None = None
    resolved_on: date | None = None
    signed_on: date | None = None
    signatory_name: Short = ""
    signatory_function: Short = ""
    reason: Source = ""
