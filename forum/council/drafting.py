"""The Sachverhalt of a paper, written from what the forum holds at this moment and the reader may see.

"Entwurf aus dem Forum erstellen" fills a paper's facts with this text, which the coordination then edits. Every figure
comes from the database when the draft is made; whatever ``user`` may not see (members-only meetings, draft
undertakings, a coordination-only campaign …) stays out, so the same function serves any reader.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.utils import formats, timezone, translation

from forum.cooperation.declarations import progress_of
from forum.cooperation.models import Campaign, Declaration, Signature, Undertaking
from forum.exchange.models import Entry
from forum.meetings.models import Event, Meeting
from forum.meetings.reporting import meetings_sentence, number_word
from forum.organisations.models import Committee, Membership, Organisation, Person
from forum.topics.models import GuidingPrinciple

from .models import Paper

# Undertakings a draft names when the paper has none chosen: those still going on.
CURRENT_STATUSES = (Undertaking.Status.PREPARATION, Undertaking.Status.RUNNING)


def draft_facts(paper: Paper, user: Any) -> str:
    """Markdown paragraphs (separated by blank lines) for ``paper.facts``; deterministic for the same data."""
    with translation.override("de"):
        district = _district(paper)
        forum = _forum(district, user)
        undertakings = _undertakings(paper, user)
        paragraphs = [
            _meetings_paragraph(district, forum, user),
            _catalogue_paragraph(district, user),
            _undertakings_paragraph(undertakings, user),
            _declaration_paragraph(undertakings, user),
            _coordination_paragraph(district, forum, user),
            _events_paragraph(district, paper, user),
            _strategy_paragraph(paper, undertakings),
        ]
    text = "\n\n".join(paragraph for paragraph in paragraphs if paragraph)
    return f"{text}\n" if text else ""


# The district and its forum ---------------------------------------------------------------------------------


def _district(paper: Paper) -> Organisation | None:
    """The paper's organisation when it is a district, else the instance's district."""
    if paper.organisation_id and paper.organisation.kind == Organisation.Kind.DISTRICT:
        return paper.organisation
    return Organisation.objects.filter(ags=settings.FORUM_KREISSCHLUESSEL).first()


def _the_district(district: Organisation) -> str:
    """ "der Landkreis Lörrach" (the name as loaded carries the kind)."""
    name = district.name
    return f"der {name}" if name.split(" ")[0].endswith("kreis") else f"der Landkreis {name}"


def _forum(district: Organisation | None, user: Any) -> Committee | None:
    if district is None:
        return None
    return (
        Committee.objects.visible_to(user)
        .filter(kind=Committee.Kind.FORUM, organisation=district)
        .order_by("pk")
        .first()
    )


def _month(moment: Any) -> str:
    return formats.date_format(timezone.localtime(moment), "F Y")


def _meetings_paragraph(district: Organisation | None, forum: Committee | None, user: Any) -> str:
    """ "… haben sich erstmals im November 2020 … ausgetauscht. Seither fanden fünf – eines musste … – … statt." """
    if forum is None:
        return ""
    meetings = Meeting.objects.visible_to(user)
    first = (
        meetings.filter(committee=forum, status__in=[Meeting.Status.HELD, Meeting.Status.ABORTED])
        .order_by("start")
        .values_list("start", flat=True)
        .first()
    )
    sentence = meetings_sentence(forum, meetings=meetings)
    if first is None:
        return sentence
    month = _month(first)
    # The opening sentence names the month already; the meetings feature's sentence then goes on with "Seither".
    sentence = sentence.replace(f"Seit {month} ", "Seither ", 1)
    if sentence.endswith(" statt."):
        sentence = f"{sentence.removesuffix(' statt.')} unter dem Titel „{forum.name}“ statt."
    opening = (
        f"Die kreisangehörigen Städte und Gemeinden und {_the_district(district)} haben sich erstmals im {month} "
        "gemeinsam zum Thema Digitalisierung ausgetauscht."
        if district
        else f"Das „{forum.name}“ kam erstmals im {month} zusammen."
    )
    return f"{opening} {sentence}"


def _catalogue_paragraph(district: Organisation | None, user: Any) -> str:
    """How many challenges and example projects the municipalities brought into the shared catalogue."""
    entries = Entry.objects.visible_to(user)
    if district is not None:
        # The district's own organisations first (an id list), so the count uses the index on the organisation.
        members = Organisation.objects.filter(Q(pk=district.pk) | Q(district=district)).values_list("pk", flat=True)
        entries = entries.filter(organisation_id__in=list(members))
    counts = entries.aggregate(
        challenges=Count("pk", filter=Q(kind=Entry.Kind.CHALLENGE)),
        projects=Count("pk", filter=Q(kind=Entry.Kind.PROJECT)),
        organisations=Count("organisation", distinct=True),
    )
    if not counts["challenges"] and not counts["projects"]:
        return ""
    parts = []
    if counts["challenges"]:
        parts.append(_counted(counts["challenges"], "Herausforderung", "Herausforderungen"))
    if counts["projects"]:
        parts.append(_counted(counts["projects"], "beispielhaftes Vorhaben", "beispielhafte Vorhaben"))
    who = _counted(counts["organisations"], "Kommune", "Kommunen", one="eine")
    verb = "hat" if counts["organisations"] == 1 else "haben"
    return (
        f"Im Austausch zu vorhandenen Herausforderungen und beispielhaften Vorhaben {verb} {who} bisher "
        f"{' und '.join(parts)} in den gemeinsamen Katalog des Forums eingebracht."
    )


def _counted(number: int, singular: str, plural: str, *, one: str = "ein") -> str:
    if number == 1:
        article = "eine" if singular.endswith(("ung", "une")) else one
        return f"{article} {singular}"
    return f"{number_word(number)} {plural}"


# Undertakings, declaration ----------------------------------------------------------------------------------


def _undertakings(paper: Paper, user: Any) -> list[Undertaking]:
    """The undertakings the paper concerns, or (none chosen) all visible ones in preparation or running."""
    visible = Undertaking.objects.visible_to(user).select_related("governing_organisation", "governing_committee")
    chosen = visible.filter(papers=paper) if paper.pk else visible.none()
    if not chosen.exists():
        chosen = visible.filter(status__in=CURRENT_STATUSES)
    return list(chosen.order_by("title", "pk"))


def _undertakings_paragraph(undertakings: list[Undertaking], user: Any) -> str:
    if not undertakings:
        return ""
    count = len(undertakings)
    if count == 1:
        intro = "Ein Vorhaben hat sich in der Folge herauskristallisiert:"
    else:
        intro = f"{number_word(count).capitalize()} Vorhaben haben sich in der Folge herauskristallisiert:"
    items = [f"- {_undertaking_line(undertaking, user)}" for undertaking in undertakings]
    return "\n".join([intro, "", *items])


def _undertaking_line(undertaking: Undertaking, user: Any) -> str:
    """ "„Titel“ (laufend): Zusammenfassung. Steuerung: …; Entscheidung: …. Wie entschieden wird." """
    line = f"„{undertaking.title}“ ({undertaking.get_status_display()})"
    summary = undertaking.summary.strip()
    line += f": {_sentence(summary)}" if summary else "."
    steering = undertaking.governing_organisation
    if steering.is_visible_to(user):
        line += f" Steuerung: {steering.name}."
    committee = undertaking.governing_committee
    if committee is not None and committee.is_visible_to(user):
        line += f" Entscheidung: {committee.name}."
    process = undertaking.decision_process.strip()
    if process:
        line += f" {_sentence(process)}"
    return line


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?", "“")) else f"{text}."


def _declaration_paragraph(undertakings: list[Undertaking], user: Any) -> str:
    """Where the latest visible campaign of a declaration about these undertakings stands."""
    campaigns = Campaign.objects.visible_to(user).filter(
        is_draft=False, declaration__in=Declaration.objects.visible_to(user)
    )
    campaign = (
        campaigns.filter(declaration__undertaking__in=[u.pk for u in undertakings])
        .select_related("declaration")
        .order_by("-due_on", "-pk")
        .first()
        if undertakings
        else None
    ) or campaigns.select_related("declaration").order_by("-due_on", "-pk").first()
    if campaign is None:
        return ""
    progress = progress_of(campaign)
    if not progress.municipalities:
        return ""
    signed = progress.signed
    title = campaign.declaration.title
    named = f"Die „{title}“" if title.startswith("Willensbekundung") else f"Die Willensbekundung „{title}“"
    text = (
        f"{named} haben bisher {number_word(signed.count)} von "
        f"{number_word(progress.municipalities)} Kommunen unterzeichnet; sie stehen für "
        f"{_percent(signed.percent_of_population)} % der Einwohnerinnen und Einwohner."
    )
    resolved = progress.figure(Signature.Status.RESOLVED).count
    deliberating = progress.figure(Signature.Status.DELIBERATION).count
    further = []
    if resolved:
        further.append(f"{number_word(resolved)} {'hat' if resolved == 1 else 'haben'} sie beschlossen")
    if deliberating:
        further.append(f"{number_word(deliberating)} {'berät' if deliberating == 1 else 'beraten'} sie noch")
    if further:
        text += f" Weitere {' und '.join(further)}."
    return text


def _percent(value: Decimal) -> str:
    """German decimal comma, no trailing ",0"."""
    number = f"{value:.1f}".replace(".", ",")
    return number.removesuffix(",0")


# Coordination, events, strategy ------------------------------------------------------------------------------


def _coordination_paragraph(district: Organisation | None, forum: Committee | None, user: Any) -> str:
    if forum is None:
        return ""
    organisation = forum.organisation
    where = _the_district(organisation) if organisation.kind == Organisation.Kind.DISTRICT else organisation.name
    where = where.removeprefix("der ")
    text = f"Die Koordination des Digitalisierungsforums liegt beim {where}"
    coordinator = (
        Membership.objects.visible_to(user)
        .current()
        .filter(committee=forum, role__icontains="Koordination", person__in=Person.objects.visible_to(user))
        .select_related("person")
        .order_by("person__family_name", "pk")
        .first()
    )
    if coordinator is not None:
        person = coordinator.person
        function = f" ({person.function})" if person.function else ""
        text += f"; Ansprechperson ist {person.name}{function}"
    return f"{text}."


def _events_paragraph(district: Organisation | None, paper: Paper, user: Any) -> str:
    """The district's events that come after the paper's date (e.g. the kick-off workshop)."""
    if district is None:
        return ""
    after: date = paper.date or timezone.localdate()
    events = (
        Event.objects.visible_to(user).filter(organiser=district, start__date__gte=after).order_by("start", "pk")[:3]
    )
    sentences = []
    for event in events:
        day = formats.date_format(timezone.localtime(event.start), "d.m.Y")
        sentence = f"Am {day} findet die Veranstaltung „{event.title}“ statt"
        description = event.description.strip()
        if description and "\n" not in description and len(description) <= 300:
            sentence += f": {_sentence(description)}"
        else:
            sentence += "."
        sentences.append(sentence)
    return " ".join(sentences)


def _strategy_paragraph(paper: Paper, undertakings: list[Undertaking]) -> str:
    """ "Das Vorhaben folgt dem Leitgedanken zum strategischen Handlungsfeld „…“ in der …: *„…“*" """
    principle = _principle(paper, undertakings)
    if principle is None:
        return ""
    field = principle.field_of_action
    following = [u for u in undertakings if u.guiding_principles.filter(pk=principle.pk).exists()]
    if len(following) == 1:
        subject = "Das Vorhaben folgt dem"
    elif following:
        subject = "Die Vorhaben folgen dem"
    else:
        subject = "Die Vorlage bezieht sich auf den"
    return (
        f"{subject} Leitgedanken zum strategischen Handlungsfeld „{field.name}“ in der {field.strategy.name}: "
        f"*„{principle.text.strip()}“*"
    )


def _principle(paper: Paper, undertakings: list[Undertaking]) -> GuidingPrinciple | None:
    if paper.guiding_principle_id:
        return GuidingPrinciple.objects.select_related("field_of_action__strategy").get(pk=paper.guiding_principle_id)
    return (
        GuidingPrinciple.objects.filter(undertakings__in=[u.pk for u in undertakings])
        .select_related("field_of_action__strategy")
        .order_by("field_of_action__strategy__pk", "field_of_action__position", "position", "pk")
        .first()
    )
