"""Writes on undertakings that span several rows or apps; each in one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from forum.documents.services import store_file
from forum.exchange.models import Entry
from forum.meetings.models import AgendaItem, AgendaItemLink, Meeting
from forum.organisations.models import Committee, Organisation, Person
from forum.overlaps.analysis import Candidate
from forum.topics.models import FieldOfAction, GuidingPrinciple, Topic

from .models import CostPlan, Milestone, Participation, Undertaking, UndertakingAttachment, WorkingGroup


def _ensure_lead_participation(undertaking: Undertaking) -> None:
    """The lead takes part as "lead"; a former lead stays on as participant."""
    for former in undertaking.participations.filter(role=Participation.Role.LEAD).exclude(
        organisation_id=undertaking.lead_id
    ):
        former.role = Participation.Role.PARTICIPANT
        former.save(update_fields=["role", "modified"])
    participation, created = Participation.objects.get_or_create(
        undertaking=undertaking,
        organisation_id=undertaking.lead_id,
        defaults={"role": Participation.Role.LEAD, "joined_on": undertaking.starts_on},
    )
    if not created and participation.role != Participation.Role.LEAD:
        participation.role = Participation.Role.LEAD
        participation.save(update_fields=["role", "modified"])


@transaction.atomic
def save_undertaking(
    undertaking: Undertaking,
    *,
    topics: Iterable[Topic] | None = None,
    entries: Iterable[Entry] | None = None,
    fields_of_action: Iterable[FieldOfAction] | None = None,
    guiding_principles: Iterable[GuidingPrinciple] | None = None,
) -> Undertaking:
    """Validate and save the undertaking with its topics, linked entries and strategy references (``None`` keeps
    a list as it is); the lead becomes a participant."""
    undertaking.full_clean()
    undertaking.save()
    if topics is not None:
        undertaking.topics.set(topics)
    if entries is not None:
        undertaking.entries.set(entries)
    if fields_of_action is not None:
        undertaking.fields_of_action.set(fields_of_action)
    if guiding_principles is not None:
        undertaking.guiding_principles.set(guiding_principles)
    _ensure_lead_participation(undertaking)
    return undertaking


@transaction.atomic
def set_participation(
    undertaking: Undertaking, *, organisation: Organisation, role: str, joined_on: date | None = None
) -> Participation:
    """Add ``organisation`` to the undertaking, or change its role and date if it takes part already."""
    participation = Participation.objects.filter(undertaking=undertaking, organisation=organisation).first()
    if participation is None:
        participation = Participation(undertaking=undertaking, organisation=organisation)
    elif participation.role == Participation.Role.LEAD and role != Participation.Role.LEAD:
        message = _("The lead organisation keeps the role “lead”. Change the lead on the undertaking first.")
        raise ValidationError({"role": ValidationError(message, code="lead_stays")})
    participation.role, participation.joined_on = role, joined_on
    participation.full_clean()
    participation.save()
    return participation


@transaction.atomic
def remove_participation(participation: Participation) -> None:
    if participation.organisation_id == participation.undertaking.lead_id:
        raise ValidationError(_("The lead organisation cannot be removed."), code="lead_stays")
    participation.delete()


@transaction.atomic
def save_milestone(milestone: Milestone) -> Milestone:
    milestone.full_clean()
    milestone.save()
    return milestone


def add_attachment(undertaking: Undertaking, uploaded: Any, *, title: str, by: Any) -> UndertakingAttachment:
    with transaction.atomic():
        return UndertakingAttachment.objects.create(
            undertaking=undertaking, stored_file=store_file(uploaded, by=by), title=title
        )


@transaction.atomic
def save_cost_plan(plan: CostPlan) -> CostPlan:
    plan.full_clean()
    plan.save()
    return plan


# From overlap to action --------------------------------------------------------------------------


def coming_forum_meetings(user: Any) -> Any:
    """Forum meetings the person may see that are still to come and neither held nor stopped."""
    return (
        Meeting.objects.visible_to(user)
        .filter(committee__kind=Committee.Kind.FORUM, start__gt=timezone.now())
        .exclude(status__in=[Meeting.Status.HELD, Meeting.Status.ABORTED, Meeting.Status.CANCELLED])
        .select_related("committee")
        .order_by("start", "pk")
    )


# An agenda item names and links at most this many organisations and entries; the candidate's page has them all.
AGENDA_LIMIT = 50


def candidate_text(candidate: Candidate) -> str:
    """Markdown for the agenda item: the topics, the municipalities involved and their entries."""
    topics = ", ".join(topic.name for topic in candidate.topics)
    names = ", ".join(organisation.name for organisation in candidate.organisations[:AGENDA_LIMIT])
    if len(candidate.organisations) > AGENDA_LIMIT:
        names += " " + _("and %(count)s more") % {"count": len(candidate.organisations) - AGENDA_LIMIT}
    lines = [
        _("Shared topics: %(topics)s.") % {"topics": topics},
        "",
        _("Organisations involved (%(count)s): %(names)s.") % {"count": len(candidate.organisations), "names": names},
        "",
        _("Their challenges and projects:"),
        "",
    ]
    entries = candidate.entries[:AGENDA_LIMIT]
    lines += [f"- {_escape(entry.title)} ({_escape(entry.organisation.name)})" for entry in entries]
    if len(candidate.entries) > AGENDA_LIMIT:
        more = len(candidate.entries) - AGENDA_LIMIT
        lines.append("- " + _("and %(count)s more on the candidate's page") % {"count": more})
    return "\n".join(lines)


def _escape(text: str) -> str:
    """Plain text inside Markdown: characters that would format (or link) are escaped."""
    return "".join(f"\\{char}" if char in "\\`*_{}[]()#+-.!>|" else char for char in text)


def candidate_title(candidate: Candidate) -> str:
    return _("Overlap: %(topics)s") % {"topics": ", ".join(topic.name for topic in candidate.topics)}


@transaction.atomic
def put_candidate_on_agenda(
    candidate: Candidate, *, meeting: Meeting, number: str, title: str, candidate_path: str, by: Any
) -> AgendaItem:
    """A new agenda item of ``meeting`` naming the candidate's municipalities, linking its entries and its page.

    The meeting must be a coming forum meeting the person may see (checked again here, inside the transaction).
    """
    if not coming_forum_meetings(by).filter(pk=meeting.pk).exists():
        message = _("Choose a coming forum meeting: this one is over, held or called off.")
        raise ValidationError({"meeting": ValidationError(message, code="not_coming")})
    item = AgendaItem(meeting=meeting, number=number, title=title, text=candidate_text(candidate))
    item.full_clean()
    item.save()
    links = [AgendaItemLink(agenda_item=item, title=candidate_title(candidate), path=candidate_path)]
    links += [
        AgendaItemLink(
            agenda_item=item,
            title=f"{entry.title} ({entry.organisation.name})"[:200],
            path=entry.get_absolute_url(),
        )
        for entry in candidate.entries[:AGENDA_LIMIT]
    ]
    for link in links:  # one by one: each is validated and recorded like any other write
        link.full_clean()
        link.save()
    return item


@transaction.atomic
def undertaking_from_candidate(candidate: Candidate, *, title: str, by: Any) -> Undertaking:
    """A draft undertaking led by the district: the candidate's organisations take part, its entries are linked."""
    district = Organisation.objects.get(ags=settings.FORUM_KREISSCHLUESSEL)
    forum = Committee.objects.filter(kind=Committee.Kind.FORUM, organisation=district).first()
    undertaking = Undertaking(
        title=title,
        summary=candidate_title(candidate)[:300],
        description=candidate_text(candidate),
        governing_organisation=district,
        governing_committee=forum,
        lead=district,
        is_draft=True,
    )
    save_undertaking(undertaking, topics=candidate.topics, entries=candidate.entries)
    for organisation in candidate.organisations:
        if organisation.pk != district.pk:
            Participation.objects.create(
                undertaking=undertaking, organisation=organisation, role=Participation.Role.PARTICIPANT
            )
    return undertaking


@transaction.atomic
def save_working_group(
    group: WorkingGroup,
    *,
    organisations: Iterable[Organisation] | None = None,
    people: Iterable[Person] | None = None,
    entries: Iterable[Entry] | None = None,
) -> WorkingGroup:
    """Save the working group with its members and linked entries, and its committee (kind "working group").

    A new group gets its committee, of the undertaking's lead organisation, in the same transaction; the
    committee follows the group's name, description and visibility, so its meetings are seen by the same people.
    """
    group.full_clean(exclude=["committee"])
    committee = group.committee if group.committee_id else Committee(kind=Committee.Kind.WORKING_GROUP)
    committee.name = group.name
    committee.description = group.description
    committee.organisation_id = group.undertaking.lead_id
    committee.visibility, committee.is_draft = group.visibility, group.is_draft
    committee.full_clean()
    committee.save()
    group.committee = committee
    group.save()
    if organisations is not None:
        group.organisations.set(organisations)
    if people is not None:
        group.people.set(people)
    if entries is not None:
        group.entries.set(entries)
    return group
