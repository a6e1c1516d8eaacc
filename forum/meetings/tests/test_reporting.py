"""Statistics per committee, participation per municipality, and the German sentence for council papers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from forum.core.models import Visibility
from forum.meetings import demo as meetings_demo
from forum.meetings.models import Attendance, Meeting
from forum.meetings.reporting import committee_statistics, meetings_sentence, number_word, participation_of
from forum.organisations import demo as organisations_demo
from forum.organisations.models import Committee, Organisation, Person
from forum.organisations.tests.helpers import log_in_as, section_text

from .factories import berlin

pytestmark = pytest.mark.django_db

S = Meeting.Status
F = Meeting.Format
KREIS = settings.FORUM_KREISSCHLUESSEL


def test_the_demo_history_gives_the_sentence_of_the_council_paper():
    organisations_demo.create_demo(KREIS)
    meetings_demo.create_demo(KREIS)
    forum = Committee.objects.get(kind=Committee.Kind.FORUM, organisation__ags=KREIS)
    assert meetings_sentence(forum) == (
        "Seit November 2020 fanden fünf – eines musste aus technischen Gründen abgebrochen werden – "
        "virtuelle Treffen statt."
    )
    statistics = committee_statistics(forum)
    assert (statistics.held, statistics.aborted, statistics.cancelled, statistics.upcoming) == (4, 1, 0, 1)
    assert statistics.took_place == 5


def test_the_demo_runs_twice_without_doubling():
    organisations_demo.create_demo(KREIS)
    meetings_demo.create_demo(KREIS)
    counts = (Meeting.objects.count(), Attendance.objects.count(), Meeting.history.count())
    meetings_demo.create_demo(KREIS)
    assert (Meeting.objects.count(), Attendance.objects.count(), Meeting.history.count()) == counts
    assert counts[0] == 6
    assert Meeting.objects.filter(is_example=True).count() == 6


def test_the_demo_keeps_its_internal_agenda_item_from_the_public(client):
    organisations_demo.create_demo(KREIS)
    meetings_demo.create_demo(KREIS)
    meeting = Meeting.objects.get(number=1, committee__kind=Committee.Kind.FORUM)
    agenda = section_text(client.get(meeting.get_absolute_url()), "tagesordnung")
    assert "Begrüßung und Tagesordnung" in agenda
    assert "Interne Abstimmung der Koordination" not in agenda


def _took_place(factory, committee, month, status=S.HELD, reason="", fmt=F.VIRTUAL, **fields):
    start = berlin(2021, month, 10, 14)
    return factory(
        committee=committee,
        start=start,
        end=start + timedelta(hours=2),
        status=status,
        status_reason=reason,
        format=fmt,
        location="Lörrach" if fmt != F.VIRTUAL else "",
        **fields,
    )


@pytest.fixture
def group(committee_factory, district):
    return committee_factory(organisation=district, name="Arbeitsgruppe OZG")


def test_no_meeting_yet(group, meeting_factory):
    meeting_factory(committee=group)  # planned: has not taken place
    _took_place(meeting_factory, group, 3, status=S.CANCELLED, reason="Krankheit")
    assert meetings_sentence(group) == "Bisher hat noch kein Treffen stattgefunden."


def test_one_meeting(group, meeting_factory):
    _took_place(meeting_factory, group, 3)
    assert meetings_sentence(group) == "Seit März 2021 fand ein virtuelles Treffen statt."


def test_one_aborted_meeting(group, meeting_factory):
    _took_place(meeting_factory, group, 3, status=S.ABORTED, reason="aus technischen Gründen.")
    assert meetings_sentence(group) == (
        "Seit März 2021 fand ein – es musste aus technischen Gründen abgebrochen werden – virtuelles Treffen statt."
    )


def test_two_aborted_for_the_same_reason(group, meeting_factory):
    _took_place(meeting_factory, group, 1)
    _took_place(meeting_factory, group, 2, status=S.ABORTED, reason="aus technischen Gründen")
    _took_place(meeting_factory, group, 3, status=S.ABORTED, reason="aus technischen Gründen")
    _took_place(meeting_factory, group, 4)
    assert meetings_sentence(group) == (
        "Seit Januar 2021 fanden vier – zwei davon mussten aus technischen Gründen abgebrochen werden – "
        "virtuelle Treffen statt."
    )


def test_two_aborted_for_different_reasons(group, meeting_factory):
    _took_place(meeting_factory, group, 1)
    _took_place(meeting_factory, group, 2, status=S.ABORTED, reason="aus technischen Gründen")
    _took_place(meeting_factory, group, 3, status=S.ABORTED, reason="wegen eines Feueralarms")
    assert meetings_sentence(group) == (
        "Seit Januar 2021 fanden drei – zwei davon mussten abgebrochen werden – virtuelle Treffen statt."
    )


@pytest.mark.parametrize(("total", "word", "everyone"), [(2, "zwei", "beide"), (3, "drei", "alle")])
def test_when_every_meeting_was_aborted(total, word, everyone, group, meeting_factory):
    for month in range(1, total + 1):
        _took_place(meeting_factory, group, month, status=S.ABORTED, reason="aus technischen Gründen")
    assert meetings_sentence(group) == (
        f"Seit Januar 2021 fanden {word} – {everyone} mussten aus technischen Gründen abgebrochen werden – "
        "virtuelle Treffen statt."
    )


def test_mixed_formats_are_just_meetings(group, meeting_factory):
    _took_place(meeting_factory, group, 5, fmt=F.IN_PERSON)
    _took_place(meeting_factory, group, 6, fmt=F.VIRTUAL)
    _took_place(meeting_factory, group, 7, fmt=F.HYBRID)
    assert meetings_sentence(group) == "Seit Mai 2021 fanden drei Treffen statt."


@pytest.mark.parametrize(
    ("fmt", "one", "two"),
    [
        (F.IN_PERSON, "ein Präsenztreffen", "zwei Präsenztreffen"),
        (F.HYBRID, "ein hybrides Treffen", "zwei hybride Treffen"),
        (F.VIRTUAL, "ein virtuelles Treffen", "zwei virtuelle Treffen"),
    ],
)
def test_one_format_names_the_kind(fmt, one, two, group, meeting_factory):
    _took_place(meeting_factory, group, 5, fmt=fmt)
    assert meetings_sentence(group) == f"Seit Mai 2021 fand {one} statt."
    _took_place(meeting_factory, group, 6, fmt=fmt)
    assert meetings_sentence(group) == f"Seit Mai 2021 fanden {two} statt."


def test_more_than_twelve_meetings_are_written_in_digits(group, meeting_factory):
    for month in range(1, 13):
        _took_place(meeting_factory, group, month)
    assert meetings_sentence(group) == "Seit Januar 2021 fanden zwölf virtuelle Treffen statt."
    start = berlin(2022, 1, 10, 14)
    meeting_factory(committee=group, start=start, end=start + timedelta(hours=2), status=S.HELD)
    assert meetings_sentence(group) == "Seit Januar 2021 fanden 13 virtuelle Treffen statt."


def test_since_a_date_counts_from_then(group, meeting_factory):
    _took_place(meeting_factory, group, 1)
    _took_place(meeting_factory, group, 6)
    _took_place(meeting_factory, group, 9, status=S.ABORTED, reason="aus technischen Gründen")
    _took_place(meeting_factory, group, 10, status=S.CANCELLED, reason="Krankheit")
    assert meetings_sentence(group, since=date(2021, 6, 1)) == (
        "Seit Juni 2021 fanden zwei – eines musste aus technischen Gründen abgebrochen werden – "
        "virtuelle Treffen statt."
    )
    statistics = committee_statistics(group, since=date(2021, 6, 1))
    assert (statistics.held, statistics.aborted, statistics.cancelled) == (1, 1, 1)
    assert committee_statistics(group).held == 2


def test_hidden_meetings_do_not_count_for_who_may_not_see_them(group, meeting_factory):
    _took_place(meeting_factory, group, 1)
    _took_place(meeting_factory, group, 2, visibility=Visibility.MEMBERS)
    visible = Meeting.objects.visible_to(AnonymousUser())
    assert meetings_sentence(group, meetings=visible) == "Seit Januar 2021 fand ein virtuelles Treffen statt."
    assert committee_statistics(group, meetings=visible).held == 1


@pytest.mark.parametrize(
    ("number", "word"),
    [
        (0, "null"),
        (1, "eins"),
        (2, "zwei"),
        (3, "drei"),
        (4, "vier"),
        (5, "fünf"),
        (6, "sechs"),
        (7, "sieben"),
        (8, "acht"),
        (9, "neun"),
        (10, "zehn"),
        (11, "elf"),
        (12, "zwölf"),
        (13, "13"),
        (100, "100"),
        (-1, "-1"),
    ],
)
def test_number_word(number, word):
    assert number_word(number) == word


@pytest.fixture
def binzen_history(forum_committee, meeting_factory, binzen, loerrach):
    """Five meetings that took place (one aborted), one cancelled; Binzen came to four, Lörrach to two."""
    binzen_person = Person.objects.create(given_name="Bea", family_name="Binz", organisation=binzen)
    second_binzen_person = Person.objects.create(given_name="Bo", family_name="Binz", organisation=binzen)
    loerrach_person = Person.objects.create(given_name="Lars", family_name="Lörr", organisation=loerrach)
    meetings = [
        _took_place(meeting_factory, forum_committee, month, status=status, reason=reason)
        for month, status, reason in [
            (1, S.HELD, ""),
            (2, S.HELD, ""),
            (3, S.ABORTED, "aus technischen Gründen"),
            (4, S.HELD, ""),
            (5, S.HELD, ""),
            (6, S.CANCELLED, "Krankheit"),
        ]
    ]
    for index, meeting in enumerate(meetings):
        Attendance.objects.create(meeting=meeting, person=binzen_person, organisation=binzen, attended=index != 1)
        # Two people of Binzen at one meeting count once.
        Attendance.objects.create(
            meeting=meeting, person=second_binzen_person, organisation=binzen, attended=index == 0
        )
        Attendance.objects.create(
            meeting=meeting, person=loerrach_person, organisation=loerrach, attended=index in (0, 3)
        )
    return meetings


def test_participation_per_municipality(forum_committee, binzen, loerrach, binzen_history):
    statistics = committee_statistics(forum_committee)
    rows = {row.organisation.name: (row.attended, row.of) for row in statistics.participation}
    assert rows["Binzen"] == (4, 5)  # "Binzen: 4 von 5 Treffen"
    assert rows["Lörrach"] == (2, 5)
    municipalities = Organisation.objects.municipalities().filter(district__ags=KREIS).count()
    assert len(rows) == municipalities  # every municipality of the district, also those never there
    assert {rows[name] for name in rows.keys() - {"Binzen", "Lörrach"}} == {(0, 5)}
    assert [row.organisation.name for row in statistics.participation[:2]] == ["Binzen", "Lörrach"]
    assert statistics.participation[0].percent == 80


def test_the_statistics_page(client, forum_committee, binzen_history):
    response = client.get(reverse("meetings:committee_statistics", args=[forum_committee.pk]))
    assert response.status_code == 200
    assert response.context["sentence"] == (
        "Seit Januar 2021 fanden fünf – eines musste aus technischen Gründen abgebrochen werden – "
        "virtuelle Treffen statt."
    )
    assert "Binzen" in section_text(response, "teilnahme")
    since = client.get(reverse("meetings:committee_statistics", args=[forum_committee.pk]), {"seit": "2021-04-01"})
    assert (since.context["statistics"].held, since.context["statistics"].cancelled) == (2, 1)


@pytest.mark.parametrize("since", ["kaputt", "2021-02-31", "31.02.2021", ""])
def test_a_bad_since_date_shows_all_meetings(since, client, forum_committee, binzen_history):
    response = client.get(reverse("meetings:committee_statistics", args=[forum_committee.pk]), {"seit": since})
    assert response.status_code == 200
    assert response.context["statistics"].held == 4


def test_a_hidden_committee_has_no_statistics(client, committee_factory, district):
    hidden = committee_factory(organisation=district, visibility=Visibility.COORDINATION)
    assert client.get(reverse("meetings:committee_statistics", args=[hidden.pk])).status_code == 404


def test_the_municipality_page_shows_its_participation(client, forum_committee, binzen, binzen_history):
    response = client.get(reverse("portal:organisation_detail", args=[binzen.ags]))
    assert response.status_code == 200
    (row,) = response.context["participation"]
    assert (row.committee, row.attended, row.of) == (forum_committee, 4, 5)
    section = section_text(response, "treffen")
    assert forum_committee.name in section
    assert "4" in section and "5" in section
    assert reverse("meetings:committee_statistics", args=[forum_committee.pk]) in response.content.decode()


def test_a_municipality_never_invited_shows_no_participation(client, forum_committee, binzen_history):
    other = Organisation.objects.municipalities().exclude(ags__in=["08336008", "08336050"]).first()
    response = client.get(reverse("portal:organisation_detail", args=[other.ags]))
    assert response.context["participation"] == []


@pytest.mark.parametrize(("role", "expected"), [("anonymous", (3, 4)), ("member_own", (4, 5))])
def test_the_municipality_page_counts_only_meetings_the_reader_may_see(
    role, expected, client, user_in_role, district, binzen, binzen_history
):
    hidden = binzen_history[0]
    hidden.visibility = Visibility.MEMBERS
    hidden.save()
    log_in_as(client, user_in_role, role, district)
    (row,) = client.get(reverse("portal:organisation_detail", args=[binzen.ags])).context["participation"]
    assert (row.attended, row.of) == expected


def test_participation_of_takes_the_readers_meetings(forum_committee, binzen, binzen_history):
    rows = participation_of(binzen, meetings=Meeting.objects.filter(start__lt=berlin(2021, 3, 1)))
    assert [(row.committee, row.attended, row.of) for row in rows] == [(forum_committee, 1, 2)]
