"""What OParl publishes: public content only, each set starting from the model's ``visible_to(anonymous)``.

OParl is an anonymous channel. No function here ever looks at the request's user: every queryset is
the one a person who is not logged in gets, narrowed further where an object would otherwise reveal a
hidden one (a membership of a hidden person, a file of a hidden meeting).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from forum.council.models import Consultation, Paper, PaperAttachment
from forum.meetings.models import AgendaItem, AgendaItemAttachment, Meeting, MeetingAttachment
from forum.organisations.models import Committee, Membership, Organisation, Person

ANONYMOUS = AnonymousUser()


def district() -> QuerySet[Organisation]:
    """The Body: the instance's district, if it is public."""
    return Organisation.objects.visible_to(ANONYMOUS).filter(
        kind=Organisation.Kind.DISTRICT, ags=settings.FORUM_KREISSCHLUESSEL
    )


def committees() -> QuerySet[Committee]:
    return Committee.objects.visible_to(ANONYMOUS)


def memberships() -> QuerySet[Membership]:
    """Public memberships of public people in public committees."""
    return Membership.objects.visible_to(ANONYMOUS).filter(
        person__in=Person.objects.visible_to(ANONYMOUS), committee__in=committees()
    )


def people() -> QuerySet[Person]:
    """Public people with at least one public membership: the members of public committees."""
    return Person.objects.visible_to(ANONYMOUS).filter(Exists(memberships().filter(person=OuterRef("pk"))))


def meetings() -> QuerySet[Meeting]:
    return Meeting.objects.visible_to(ANONYMOUS)


def agenda_items() -> QuerySet[AgendaItem]:
    return AgendaItem.objects.visible_to(ANONYMOUS)


def papers() -> QuerySet[Paper]:
    return Paper.objects.visible_to(ANONYMOUS)


def consultations() -> QuerySet[Consultation]:
    return Consultation.objects.visible_to(ANONYMOUS)


def meeting_files() -> QuerySet[MeetingAttachment]:
    return MeetingAttachment.objects.filter(meeting__in=meetings())


def agenda_item_files() -> QuerySet[AgendaItemAttachment]:
    return AgendaItemAttachment.objects.filter(agenda_item__in=agenda_items())


def paper_files() -> QuerySet[PaperAttachment]:
    return PaperAttachment.objects.filter(paper__in=papers())


def terms() -> QuerySet[Committee]:
    """The legislative terms: one per public district council (Kreistag) record, see ``mapping.legislative_term``."""
    return committees().filter(kind=Committee.Kind.COUNCIL)


def meeting_locations() -> QuerySet[Meeting]:
    """Meetings with a place: each gives one Location."""
    return meetings().exclude(location="")


def body_locations() -> QuerySet[Organisation]:
    """The district's address as the Body's Location."""
    return district().exclude(street="", city="")


def is_public(*objects: Any) -> bool:
    """Whether every one of these already loaded objects is public (the rule of ``visible_to`` for anonymous)."""
    return all(obj is not None and obj.is_visible_to(ANONYMOUS) for obj in objects)


# What a page of each kind loads along, so a page costs the same few queries however long the list is.


def _files(model: Any) -> Prefetch:
    return Prefetch("attachments", queryset=model.objects.select_related("stored_file").order_by("position", "pk"))


def _consultation_refs() -> QuerySet[Consultation]:
    return consultations().select_related("meeting__committee", "agenda_item__meeting__committee")


def with_meeting_data(queryset: QuerySet[Meeting]) -> QuerySet[Meeting]:
    items = (
        agenda_items()
        .order_by("sort_key")
        .prefetch_related(
            _files(AgendaItemAttachment), Prefetch("consultations", queryset=consultations().order_by("pk"))
        )
    )
    return queryset.prefetch_related(Prefetch("agenda_items", queryset=items), _files(MeetingAttachment))


def with_agenda_item_data(queryset: QuerySet[AgendaItem]) -> QuerySet[AgendaItem]:
    return queryset.prefetch_related(
        _files(AgendaItemAttachment), Prefetch("consultations", queryset=consultations().order_by("pk"))
    )


def with_paper_data(queryset: QuerySet[Paper]) -> QuerySet[Paper]:
    return queryset.select_related("field_of_action").prefetch_related(
        _files(PaperAttachment),
        Prefetch("consultations", queryset=_consultation_refs().order_by("position", "date", "pk")),
    )


def with_consultation_data(queryset: QuerySet[Consultation]) -> QuerySet[Consultation]:
    return queryset.select_related("meeting__committee", "agenda_item__meeting__committee")


def with_person_data(queryset: QuerySet[Person]) -> QuerySet[Person]:
    return queryset.prefetch_related(Prefetch("memberships", queryset=memberships().order_by("pk")))


def with_committee_data(queryset: QuerySet[Committee]) -> QuerySet[Committee]:
    return queryset.prefetch_related(Prefetch("memberships", queryset=memberships().only("pk", "committee_id")))
