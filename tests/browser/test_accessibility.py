"""Every page of the site passes axe with zero violations, anonymously and in every demo role.

Each test is one (page, role) pair, so a failure names both, e.g.
``test_page_is_accessible[committee_edit-coordination]``. Objects are looked up by their natural keys
at run time (the live-server tests empty the database after each test, so primary keys change).
Logged-in pages get the session as a cookie (``page_as``); the log-in form itself is covered here
and in test_keyboard.py.

Not here, as they are not pages of the site's own design: Django's admin (/admin/, the operator's tool),
and the non-HTML answers (iCal feeds, file downloads, /healthz).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings

LOERRACH = "08336050"
HELD, ABORTED, UPCOMING = 5, 3, 6  # numbers of the demo meetings of the forum

ACCOUNTS: dict[str, str | None] = {
    "anonymous": None,
    "coordination": "koordination@example.org",
    "operator": "betrieb@example.org",
    "editor": "redaktion@example.org",  # Redaktion of Lörrach, the largest town
    "member": "mitglied@example.org",  # Mitglied of the smallest municipality
}
ALL = tuple(ACCOUNTS)
LOGGED_IN = ("coordination", "operator", "editor", "member")
# The sorted lists differ from /kommunen/ (checked in every role) only in row order and aria-sort.
SORTED = ("anonymous", "coordination")


# --- the objects the pages are about --------------------------------------------------------------


def _organisation(**lookup: Any) -> Any:
    from forum.organisations.models import Organisation

    return Organisation.objects.get(**lookup)


def _smallest() -> Any:
    from forum.organisations.models import Organisation

    return (
        Organisation.objects.municipalities()
        .filter(district__ags=settings.FORUM_KREISSCHLUESSEL)
        .order_by("population")
        .first()
    )


def _partner() -> Any:
    from forum.organisations.models import Organisation

    return Organisation.objects.partners().order_by("name").first()


def _committee(kind: str) -> Any:
    from forum.organisations.models import Committee

    return Committee.objects.get(kind=kind, organisation__ags=settings.FORUM_KREISSCHLUESSEL)


def _person(**lookup: Any) -> Any:
    from forum.organisations.models import Person

    return Person.objects.get(**lookup)


def _public_person() -> Any:
    return _person(given_name="Erika", family_name="Beispiel")  # office of the Landrätin, public


def _members_person() -> Any:
    from forum.core.models import Visibility
    from forum.organisations.models import Person

    return (
        Person.objects.filter(given_name="Lea", family_name="Vorbild", visibility=Visibility.MEMBERS)
        .order_by("organisation__ags")
        .first()
    )


def _loerrach_person() -> Any:
    return _person(organisation__ags=LOERRACH, given_name="Max", family_name="Muster")


def _entry(**lookup: Any) -> Any:
    """A public example entry of the catalogue (Beispieldaten from the reference data)."""
    from forum.exchange.models import Entry

    return Entry.objects.filter(visibility="public", is_draft=False, **lookup).order_by("pk").first()


def _entry_url(suffix: str = "", **lookup: Any) -> Callable[[], str]:
    return lambda: f"{_entry(**lookup).get_absolute_url()}{suffix}"


def _meeting(number: int) -> Any:
    """A meeting of the forum (demo: 1–5 in the past, 3 aborted, 6 upcoming)."""
    from forum.meetings.models import Meeting

    return Meeting.objects.get(committee__kind="forum", number=number)


def _meeting_url(number: int, suffix: str = "") -> Callable[[], str]:
    return lambda: f"{_meeting(number).get_absolute_url()}{suffix}"


def _agenda_item() -> Any:
    from forum.meetings.models import AgendaItem

    return AgendaItem.objects.get(meeting=_meeting(UPCOMING), number="2")


def _event_url(suffix: str = "") -> Callable[[], str]:
    def url() -> str:
        from forum.meetings.models import Event

        return f"{Event.objects.get(title__startswith='Kick-off').get_absolute_url()}{suffix}"

    return url


def _invited_meeting_url() -> str:
    """The upcoming meeting with the demo editor and member invited: they see the answer form."""
    from django.utils import timezone

    from forum.meetings.models import Attendance
    from forum.organisations.models import Person

    meeting = _meeting(UPCOMING)
    for person in Person.objects.filter(user__email__in=[ACCOUNTS["editor"], ACCOUNTS["member"]]):
        Attendance.objects.get_or_create(
            meeting=meeting, person=person, defaults={"organisation": person.organisation, "invited_at": timezone.now()}
        )
    return meeting.get_absolute_url()


def _open_event_url() -> str:
    """An upcoming event open for registration, with workshop tracks (the demo workshop is long closed)."""
    from datetime import timedelta

    from django.utils import timezone

    from forum.meetings.models import Event, Track

    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=30)
    event = Event.objects.create(
        organiser=_organisation(ags=settings.FORUM_KREISSCHLUESSEL),
        title="Werkstatt Digitale Verwaltung",
        description="Offene Werkstatt für die Städte und Gemeinden.",
        start=start,
        end=start + timedelta(hours=6),
        location="Landratsamt Lörrach",
        capacity=30,
        registration_open=True,
    )
    for title in ("Onlinedienste", "E-Akte"):
        Track.objects.create(event=event, title=title, capacity=15)
    return event.get_absolute_url()


def _invitation_url() -> str:
    from forum.accounts.services import invite_user

    _user, invitation = invite_user(email="eingeladen@example.org", full_name="Ina Eingeladen", invited_by=None)
    assert invitation is not None
    return f"/konto/einladung/{invitation.token()}/"


def _password_reset_url() -> str:
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from forum.accounts.models import User

    user = User.objects.get(email="mitglied@example.org")
    return (
        f"/konto/passwort-neu/{urlsafe_base64_encode(force_bytes(user.pk))}/{default_token_generator.make_token(user)}/"
    )


def _candidate_url() -> str:
    from django.contrib.auth.models import AnonymousUser

    from forum.overlaps.analysis import rank_candidates

    return f"/schnittmengen/kandidaten/{rank_candidates(AnonymousUser()).groups[0].key}/"


def _undertaking_url(suffix: str = "", title: str = "Interkommunale") -> Callable[[], str]:
    """A page of a demo undertaking (the IKZ of the council paper, with its cost plan 2026)."""

    def url() -> str:
        from forum.cooperation.models import Undertaking

        return f"{Undertaking.objects.get(title__startswith=title).get_absolute_url()}{suffix}"

    return url


def _working_group_url(suffix: str = "") -> Callable[[], str]:
    """A page of the demo working group of the IKZ."""

    def url() -> str:
        from forum.cooperation.models import WorkingGroup

        return f"{WorkingGroup.objects.get(is_example=True).get_absolute_url()}{suffix}"

    return url


def _milestone_url() -> str:
    from forum.cooperation.models import Milestone

    milestone = Milestone.objects.filter(undertaking__is_example=True).first()
    return f"/vorhaben-des-landkreises/meilensteine/{milestone.pk}/"


def _candidate_action_url(suffix: str) -> Callable[[], str]:
    return lambda: f"{_candidate_url()}{suffix}"


def _scenario_url() -> str:
    """The cost table with two more municipalities in the scenario (in the demo all 35 take part: two leave first)."""
    from forum.cooperation.models import Undertaking

    undertaking = Undertaking.objects.get(title__startswith="Interkommunale")
    undertaking.participations.filter(organisation__ags__in=[LOERRACH, "08336008"]).delete()
    return f"{undertaking.get_absolute_url()}kosten/2026/?extra={LOERRACH}&extra=08336008"


# --- the pages ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    name: str
    url: Callable[[], str]
    roles: tuple[str, ...]
    status: int = 200
    redirects: bool = False  # the password reset link moves its token into the session, then redirects
    ready: str = ""  # a selector to wait for before axe runs (content a script renders, e.g. Swagger UI)


def _strategy_url(suffix: str = "") -> Callable[[], str]:
    """A page of the district strategy; its field of action gets what the forum contributes (an entry, the IKZ
    undertaking, a council paper), so that the page shows its table and lists."""

    def url() -> str:
        from datetime import date

        from forum.cooperation.models import Undertaking
        from forum.council.models import Paper
        from forum.topics.models import FieldOfAction

        field = FieldOfAction.objects.current().get(name="Digitale Verwaltung")
        _entry().fields_of_action.add(field)
        Undertaking.objects.get(title__startswith="Interkommunale").fields_of_action.add(field)
        if not field.papers.exists():
            Paper.objects.create(
                organisation=_organisation(ags=settings.FORUM_KREISSCHLUESSEL),
                date=date(2021, 12, 22),
                title="Digitale Zusammenarbeit: Kommunales Digitalisierungsforum",
                field_of_action=field,
                guiding_principle=field.guiding_principles.first(),
                visibility="public",
            )
        return f"{field.strategy.get_absolute_url()}{suffix}"

    return url


def _field_of_action_url(suffix: str) -> Callable[[], str]:
    def url() -> str:
        from forum.topics.models import FieldOfAction

        return (
            f"/strategie/handlungsfelder/{FieldOfAction.objects.current().get(name='Digitale Verwaltung').pk}/{suffix}"
        )

    return url


def _principle_url(suffix: str) -> Callable[[], str]:
    def url() -> str:
        from forum.topics.models import GuidingPrinciple

        principle = GuidingPrinciple.objects.filter(field_of_action__strategy__is_current=True).first()
        assert principle is not None
        return f"/strategie/leitgedanken/{principle.pk}/{suffix}"

    return url


def _declaration_url(suffix: str = "") -> Callable[[], str]:
    """A page of the demo declaration of intent (the IKZ) or of its campaign (``campaign/…``)."""

    def url() -> str:
        from forum.cooperation.models import Campaign

        campaign = Campaign.objects.filter(is_example=True).first()
        assert campaign is not None
        if suffix.startswith("campaign/"):
            return f"{campaign.get_absolute_url()}{suffix.removeprefix('campaign/')}"
        return f"{campaign.declaration.get_absolute_url()}{suffix}"

    return url


def _fixed(url: str) -> Callable[[], str]:
    return lambda: url


def _paper_url(suffix: str = "") -> Callable[[], str]:
    """A page of the council paper 005/2022 (made here: the demo data has no paper), with a public and a
    non-public consultation in the Kreistag's committees."""

    def url() -> str:
        from datetime import date

        from forum.council.models import Consultation, Paper, Signatory
        from forum.topics.models import FieldOfAction

        paper = Paper.objects.filter(year=2022, serial=5).first()
        if paper is None:
            field = FieldOfAction.objects.current().order_by("position").first()
            paper = Paper.objects.create(
                organisation=_organisation(ags=settings.FORUM_KREISSCHLUESSEL),
                serial=5,
                year=2022,
                date=date(2021, 12, 22),
                title="Digitale Zusammenarbeit: Kommunales Digitalisierungsforum",
                department="Landrätin",
                author_name="Flohr, Jonathan",
                field_of_action=field,
                guiding_principle=field.guiding_principles.first() if field else None,
                facts="Die Städte und Gemeinden tauschen sich **seit 2020** aus.",
            )
            council = _committee("council")
            Consultation.objects.create(paper=paper, committee=council, date=date(2022, 1, 19))
            Consultation.objects.create(
                paper=paper, committee=council, date=date(2022, 1, 12), visibility="members", position=1
            )
            Signatory.objects.create(paper=paper, name="Marion Dammann", function="Landrätin")
        return f"{paper.get_absolute_url()}{suffix}"

    return url


PAGES = [
    # portal
    Page("home", _fixed("/"), ALL),
    Page("account", _fixed("/konto/"), LOGGED_IN),
    Page("open_data", _fixed("/offene-daten/"), ("anonymous", "member")),
    # municipalities, district, partners
    Page("municipalities", _fixed("/kommunen/"), ALL),
    Page("municipalities_by_name_desc", _fixed("/kommunen/?sort=-name"), SORTED),
    Page("municipalities_by_ags", _fixed("/kommunen/?sort=ags"), SORTED),
    Page("municipalities_by_ags_desc", _fixed("/kommunen/?sort=-ags"), SORTED),
    Page("municipalities_by_population", _fixed("/kommunen/?sort=population"), SORTED),
    Page("municipalities_by_population_desc", _fixed("/kommunen/?sort=-population"), SORTED),
    Page("municipality_loerrach", _fixed(f"/kommunen/{LOERRACH}/"), ALL),
    Page("municipality_smallest", lambda: _smallest().get_absolute_url(), ALL),
    Page("district", _fixed(f"/kommunen/{settings.FORUM_KREISSCHLUESSEL}/"), ALL),
    Page("partners", _fixed("/partner/"), ALL),
    Page("partner_detail", lambda: _partner().get_absolute_url(), ALL),
    Page("organisation_edit", _fixed(f"/kommunen/{LOERRACH}/bearbeiten/"), ("coordination", "editor")),
    Page("person_list", _fixed(f"/kommunen/{LOERRACH}/personen/"), ("anonymous", "member")),
    # catalogue (exchange)
    Page("catalogue", _fixed("/katalog/"), ("anonymous", "member", "coordination")),
    Page("catalogue_filtered", _fixed("/katalog/?art=project&beispielhaft=1"), ("anonymous",)),
    Page("search", _fixed("/katalog/suche/?q=Digitalisierungen"), ("anonymous", "member")),
    Page("search_empty", _fixed("/katalog/suche/"), ("anonymous",)),
    Page("search_none", _fixed("/katalog/suche/?q=Zahnarzt&art=project"), ("anonymous",)),
    Page("entry_detail", _entry_url(), ALL),
    Page("entry_detail_loerrach", _entry_url(organisation__ags=LOERRACH), ("editor", "member", "coordination")),
    Page("entry_create", _fixed(f"/kommunen/{LOERRACH}/katalog/neu/?art=project"), ("editor", "coordination")),
    Page("entry_edit", _entry_url("bearbeiten/", organisation__ags=LOERRACH), ("editor", "coordination")),
    Page("entry_delete", _entry_url("loeschen/", organisation__ags=LOERRACH), ("editor",)),
    Page("entry_upload", _entry_url("dateien/neu/", organisation__ags=LOERRACH), ("editor",)),
    Page("subscriptions", _fixed("/katalog/abonnements/"), LOGGED_IN),
    Page(
        "similar_entries", _entry_url("aehnlich/", organisation__ags=LOERRACH), ("anonymous", "member", "coordination")
    ),
    # topics
    Page("topics", _fixed("/themen/"), ("anonymous", "member", "coordination")),
    Page("topic_field", _fixed("/themen/onlinedienste-buergerservice/"), ("anonymous", "coordination")),
    Page("topic_detail", _fixed("/themen/online-dienste-efa/"), ("anonymous", "member")),
    Page("topic_create", _fixed("/themen/neu/"), ("coordination",)),
    Page("topic_edit", _fixed("/themen/online-dienste-efa/bearbeiten/"), ("coordination",)),
    Page("topic_merge", _fixed("/themen/online-dienste-efa/zusammenfuehren/"), ("coordination",)),
    # the district strategy (topics)
    Page("strategy", _strategy_url(), ("anonymous", "member", "coordination")),
    Page("strategy_edit", _strategy_url("bearbeiten/"), ("coordination",)),
    Page("strategy_create", _fixed("/strategie/neu/"), ("coordination",)),
    Page("field_of_action_create", _strategy_url("handlungsfelder/neu/"), ("coordination",)),
    Page("field_of_action_edit", _field_of_action_url("bearbeiten/"), ("coordination",)),
    Page("field_of_action_delete", _field_of_action_url("loeschen/"), ("coordination",)),
    Page("guiding_principle_create", _field_of_action_url("leitgedanken/neu/"), ("coordination",)),
    Page("guiding_principle_edit", _principle_url("bearbeiten/"), ("coordination",)),
    Page("guiding_principle_delete", _principle_url("loeschen/"), ("coordination",)),
    # undertakings of the district (cooperation)
    Page("undertakings", _fixed("/vorhaben-des-landkreises/"), ALL),
    Page("undertakings_filtered", _fixed("/vorhaben-des-landkreises/?status=running"), ("anonymous",)),
    Page("undertaking_ikz", _undertaking_url(), ALL),
    Page("undertaking_broadband", _undertaking_url(title="Breitband"), ALL),
    Page("undertaking_create", _fixed("/vorhaben-des-landkreises/neu/"), ("coordination",)),
    Page("undertaking_edit", _undertaking_url("bearbeiten/"), ("coordination",)),
    Page("undertaking_participants", _undertaking_url("beteiligte/"), ("coordination",)),
    Page("undertaking_milestones", _undertaking_url("meilensteine/"), ("coordination",)),
    Page("milestone_edit", _milestone_url, ("coordination",)),
    Page("undertaking_upload", _undertaking_url("dateien/neu/"), ("coordination",)),
    Page("cost_table", _undertaking_url("kosten/2026/"), ALL),
    Page("cost_table_scenario", _scenario_url, ("anonymous", "coordination")),
    Page("cost_plan_create", _undertaking_url("kosten/neu/"), ("coordination",)),
    Page("cost_plan_edit", _undertaking_url("kosten/2026/bearbeiten/"), ("coordination",)),
    Page("working_group", _working_group_url(), ALL),
    Page("working_group_create", _undertaking_url("arbeitsgruppen/neu/"), ("coordination",)),
    Page("working_group_edit", _working_group_url("bearbeiten/"), ("coordination",)),
    Page("candidate_to_agenda", _candidate_action_url("tagesordnung/"), ("coordination",)),
    Page("candidate_to_undertaking", _candidate_action_url("ikz-vorhaben/"), ("coordination",)),
    Page("undertaking_forbidden", _undertaking_url("bearbeiten/"), ("editor",), 403),
    # declarations of intent (cooperation)
    Page("declarations", _fixed("/willensbekundungen/"), ALL),
    Page("declaration_detail", _declaration_url(), ALL),
    Page("declaration_create", _fixed("/willensbekundungen/neu/"), ("coordination",)),
    Page("declaration_edit", _declaration_url("bearbeiten/"), ("coordination",)),
    Page("campaign_create", _declaration_url("kampagne/neu/"), ("coordination",)),
    Page("campaign_progress", _declaration_url("campaign/"), ALL),
    Page("signature_detail", _declaration_url(f"campaign/{LOERRACH}/"), ALL),
    # council papers
    Page("papers", _fixed("/vorlagen/"), ("anonymous", "coordination")),
    Page("papers_filtered", _fixed("/vorlagen/?year=2022&kind=notice&q=Digital"), ("anonymous",)),
    Page("paper_detail", _paper_url(), ("anonymous", "member", "coordination")),
    Page("paper_create", _fixed("/vorlagen/neu/"), ("coordination",)),
    Page("paper_edit", _paper_url("bearbeiten/"), ("coordination",)),
    Page("paper_draft", _paper_url("entwurf/"), ("coordination",)),
    Page("paper_delete", _paper_url("loeschen/"), ("coordination",)),
    Page("paper_upload", _paper_url("anlagen/neu/"), ("coordination",)),
    # overlaps
    Page("overlaps", _fixed("/schnittmengen/"), ("anonymous", "member", "coordination")),
    Page("overlaps_topics", _fixed("/schnittmengen/?ebene=themen&art=project"), ("anonymous", "coordination")),
    Page("overlaps_bad_filter", _fixed("/schnittmengen/?kreis=x&ebene=y"), ("anonymous",)),
    Page("overlaps_topic", _fixed("/schnittmengen/themen/digitale-verwaltung-intern/"), ("anonymous", "coordination")),
    Page("overlaps_candidates", _fixed("/schnittmengen/kandidaten/"), ("anonymous", "coordination")),
    Page("overlaps_candidate", _candidate_url, ("anonymous", "coordination")),
    Page("overlaps_map", _fixed("/schnittmengen/karte/"), ("anonymous", "coordination")),
    Page(
        "overlaps_map_topic",
        _fixed("/schnittmengen/karte/?thema=digitalisierungsstrategie"),
        ("anonymous", "coordination"),
    ),
    Page("person_create", _fixed(f"/kommunen/{LOERRACH}/personen/neu/"), ("coordination", "editor")),
    Page("invite", _fixed(f"/kommunen/{LOERRACH}/einladen/"), ("coordination", "operator", "editor")),
    Page("forbidden", _fixed(f"/kommunen/{LOERRACH}/bearbeiten/"), ("member",), 403),
    # people
    Page("person_public", lambda: _public_person().get_absolute_url(), ALL),
    Page("person_members_only", lambda: _members_person().get_absolute_url(), LOGGED_IN),
    Page("person_edit", lambda: f"{_loerrach_person().get_absolute_url()}bearbeiten/", ("coordination", "editor")),
    Page("person_delete", lambda: f"{_loerrach_person().get_absolute_url()}entfernen/", ("coordination", "editor")),
    # committees
    Page("committees", _fixed("/gremien/"), ALL),
    Page("committee_forum", lambda: _committee("forum").get_absolute_url(), ALL),
    Page("committee_council", lambda: _committee("council").get_absolute_url(), ALL),
    Page("committee_create", _fixed("/gremien/neu/"), ("coordination",)),
    Page("committee_edit", lambda: f"{_committee('forum').get_absolute_url()}bearbeiten/", ("coordination",)),
    Page("membership_add", lambda: f"{_committee('forum').get_absolute_url()}mitglieder/neu/", ("coordination",)),
    # meetings, minutes, action items, calendars
    Page("meetings", _fixed("/treffen/"), ALL),
    Page("meeting_upcoming", _meeting_url(UPCOMING), ALL),
    Page("meeting_held", _meeting_url(HELD), ALL),
    Page("meeting_aborted", _meeting_url(ABORTED), ALL),
    Page("meeting_invited", _invited_meeting_url, ("editor", "member")),
    Page("minutes", _meeting_url(HELD, "protokoll/"), ALL),
    Page("action_items", _fixed("/aufgaben/"), ALL),
    Page("committee_statistics", lambda: f"{_committee('forum').get_absolute_url()}statistik/", ALL),
    Page("calendar", _fixed("/kalender/"), LOGGED_IN),
    Page("meeting_create", _fixed("/treffen/neu/"), ("coordination",)),
    Page("meeting_edit", _meeting_url(UPCOMING, "bearbeiten/"), ("coordination",)),
    Page("meeting_status", _meeting_url(UPCOMING, "status/"), ("coordination",)),
    Page("meeting_invite", _meeting_url(UPCOMING, "einladen/"), ("coordination",)),
    Page("meeting_attendance", _meeting_url(HELD, "anwesenheit/"), ("coordination",)),
    Page("meeting_attachment_upload", _meeting_url(UPCOMING, "dateien/neu/"), ("coordination",)),
    Page("agenda_item_create", _meeting_url(UPCOMING, "tagesordnung/neu/"), ("coordination",)),
    Page("agenda_item_edit", lambda: f"/tagesordnung/{_agenda_item().pk}/bearbeiten/", ("coordination",)),
    Page("agenda_item_link", lambda: f"/tagesordnung/{_agenda_item().pk}/verweis/neu/", ("coordination",)),
    Page(
        "agenda_item_attachment_upload",
        lambda: f"{_meeting(UPCOMING).get_absolute_url()}tagesordnung/{_agenda_item().pk}/dateien/neu/",
        ("coordination",),
    ),
    Page("decision_add", _meeting_url(HELD, "beschluesse/neu/"), ("coordination",)),
    Page("action_item_create", _meeting_url(HELD, "aufgaben/neu/"), ("coordination",)),
    Page("meeting_forbidden", _meeting_url(UPCOMING, "bearbeiten/"), ("editor",), 403),
    # events
    Page("events", _fixed("/veranstaltungen/"), ALL),
    Page("event_detail", _event_url(), ALL),
    Page("event_open_for_registration", _open_event_url, ALL),
    Page("event_create", _fixed("/veranstaltungen/neu/"), ("coordination",)),
    Page("event_edit", _event_url("bearbeiten/"), ("coordination",)),
    Page("track_add", _event_url("straenge/neu/"), ("coordination",)),
    Page("event_participants", _event_url("teilnehmende/"), ("coordination",)),
    # legal texts
    Page("impressum", _fixed("/impressum/"), ALL),
    Page("datenschutz", _fixed("/datenschutz/"), ALL),
    Page("barrierefreiheit", _fixed("/barrierefreiheit/"), ALL),
    # accounts
    Page("login", _fixed("/konto/anmelden/"), ("anonymous",)),
    Page("password_reset", _fixed("/konto/passwort-vergessen/"), ALL),
    Page("password_reset_done", _fixed("/konto/passwort-vergessen/gesendet/"), ALL),
    Page("password_reset_confirm", _password_reset_url, ("anonymous",), redirects=True),
    Page("password_reset_invalid_link", _fixed("/konto/passwort-neu/MQ/falsch-123/"), ("anonymous",)),
    Page("password_reset_complete", _fixed("/konto/passwort-neu/fertig/"), ALL),
    Page("password_change", _fixed("/konto/passwort-aendern/"), LOGGED_IN),
    Page("api_tokens", _fixed("/konto/api-schluessel/"), LOGGED_IN),
    Page("api_docs", _fixed("/api/v1/docs/"), ("anonymous", "member")),
    Page("api_docs_interactive", _fixed("/api/v1/docs/interaktiv/"), ("anonymous", "member"), ready=".opblock"),
    Page("invitation_accept", _invitation_url, ("anonymous",)),
    Page("invitation_invalid", _fixed("/konto/einladung/ungueltig/"), ("anonymous",), 410),
    # errors
    Page("not_found", _fixed("/gibt-es-nicht/"), ALL, 404),
]

ROLES_WITH_PAGES = [role for role in ALL if any(role in target.roles for target in PAGES)]


def _check_target(page: Any, target: Page, role: str, check_page: Any) -> None:
    page.console_errors.clear()
    url = target.url()
    response = page.goto(url)
    assert response is not None
    assert response.status == target.status, f"{url} as {role}: HTTP {response.status}, expected {target.status}"
    redirected = response.request.redirected_from is not None
    assert redirected == target.redirects, f"{url} as {role} was redirected to {page.url}"
    assert page.title(), f"{url} has no title"
    if target.ready:
        page.locator(target.ready).first.wait_for()
    if target.status != 200:  # Chromium reports the document's own error status on the console
        expected = f"the server responded with a status of {target.status}"
        page.console_errors[:] = [error for error in page.console_errors if expected not in error]
    check_page(page)


@pytest.mark.parametrize("role", ROLES_WITH_PAGES)
def test_pages_are_accessible(
    role: str, demo_data: None, page_as: Callable[[str | None], Any], check_page: Any, subtests: Any
) -> None:
    """Every page of PAGES that ``role`` sees, each reported as a subtest.

    One load of the demo data serves all pages of a role: the pages only read, and loading the district and the
    demo afresh for each of the ~370 page × role pairs made these tests the longest part of the CI run.
    """
    page = page_as(ACCOUNTS[role])
    for target in PAGES:
        if role in target.roles:
            with subtests.test(msg=target.name):
                _check_target(page, target, role, check_page)


# --- forms in their error state ---------------------------------------------------------------------

# (name, role, url, fields to fill with invalid values after all fields were emptied)
FORMS: list[tuple[str, str, Callable[[], str], dict[str, str]]] = [
    ("login", "anonymous", _fixed("/konto/anmelden/"), {}),
    ("password_reset", "anonymous", _fixed("/konto/passwort-vergessen/"), {}),
    ("password_reset_confirm", "anonymous", _password_reset_url, {}),
    ("invitation_accept", "anonymous", _invitation_url, {}),
    ("password_change", "member", _fixed("/konto/passwort-aendern/"), {}),
    ("api_token_create", "member", _fixed("/konto/api-schluessel/"), {}),
    ("organisation_edit", "editor", _fixed(f"/kommunen/{LOERRACH}/bearbeiten/"), {"#id_email": "keine-adresse"}),
    ("person_create", "editor", _fixed(f"/kommunen/{LOERRACH}/personen/neu/"), {}),
    ("person_edit", "coordination", lambda: f"{_loerrach_person().get_absolute_url()}bearbeiten/", {}),
    ("invite", "operator", _fixed(f"/kommunen/{LOERRACH}/einladen/"), {}),
    ("committee_create", "coordination", _fixed("/gremien/neu/"), {}),
    ("committee_edit", "coordination", lambda: f"{_committee('forum').get_absolute_url()}bearbeiten/", {}),
    ("membership_add", "coordination", lambda: f"{_committee('forum').get_absolute_url()}mitglieder/neu/", {}),
    ("meeting_create", "coordination", _fixed("/treffen/neu/"), {}),
    ("agenda_item_create", "coordination", _meeting_url(UPCOMING, "tagesordnung/neu/"), {}),
    ("event_create", "coordination", _fixed("/veranstaltungen/neu/"), {}),
    ("entry_create", "editor", _fixed(f"/kommunen/{LOERRACH}/katalog/neu/?art=challenge"), {}),
    ("topic_create", "coordination", _fixed("/themen/neu/"), {}),
    ("strategy_create", "coordination", _fixed("/strategie/neu/"), {"#id_adopted_on": "2026-02-30"}),
    ("field_of_action_create", "coordination", _strategy_url("handlungsfelder/neu/"), {}),
    ("guiding_principle_create", "coordination", _field_of_action_url("leitgedanken/neu/"), {}),
    ("undertaking_create", "coordination", _fixed("/vorhaben-des-landkreises/neu/"), {}),
    ("undertaking_participants", "coordination", _undertaking_url("beteiligte/"), {}),
    ("undertaking_milestones", "coordination", _undertaking_url("meilensteine/"), {}),
    ("cost_plan_create", "coordination", _undertaking_url("kosten/neu/"), {"#id_total": "-5"}),
    ("working_group_create", "coordination", _undertaking_url("arbeitsgruppen/neu/"), {}),
    ("candidate_to_agenda", "coordination", _candidate_action_url("tagesordnung/"), {}),
    ("declaration_create", "coordination", _fixed("/willensbekundungen/neu/"), {"#id_text": "Die {gemeinde}"}),
    ("campaign_create", "coordination", _declaration_url("kampagne/neu/"), {"#id_due_on": "2000-01-01"}),
    ("paper_create", "coordination", _fixed("/vorlagen/neu/"), {}),
    ("paper_edit", "coordination", _paper_url("bearbeiten/"), {"#id_consultations-0-date": "2020-01-01"}),
]


def _empty_form(page: Any) -> None:
    """Clear every text field and untick every checkbox of the main form, so required fields fail."""
    form = page.locator("main form.forum-form")
    for field in form.locator(
        "input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=submit]), textarea"
    ).all():
        field.fill("")
    for box in form.locator("input[type=checkbox]").all():
        box.uncheck()
    for select in form.locator("select:not([multiple])").all():
        if select.locator("option[value='']").count():
            select.select_option("")


ROLES_WITH_FORMS = sorted({form[1] for form in FORMS})


@pytest.mark.parametrize("role", ROLES_WITH_FORMS)
def test_forms_in_their_error_state_are_accessible(
    role: str, demo_data: None, page_as: Callable[[str | None], Any], check_page: Any, subtests: Any
) -> None:
    """Each form of FORMS that ``role`` fills, submitted empty (and with the given invalid values): an error summary
    and zero axe violations. Nothing is saved by an invalid form, so one load of the demo data serves them all."""
    page = page_as(ACCOUNTS[role])
    for form_name, form_role, url, invalid in FORMS:
        if form_role != role:
            continue
        with subtests.test(msg=form_name):
            page.console_errors.clear()
            page.goto(url())
            _empty_form(page)
            for selector, value in invalid.items():
                page.locator(selector).fill(value)
            with page.expect_navigation():
                page.locator("main form.forum-form button[type=submit]").click()
            summary = page.locator("#fehler")
            assert summary.is_visible(), f"{form_name}: no error summary after submitting an empty form"
            check_page(page)
