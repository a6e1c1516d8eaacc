"""Meeting lifecycle, agenda order, minutes lifecycle and the invariants the database keeps."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from forum.meetings.models import AgendaItem, Meeting, Minutes, agenda_sort_key

pytestmark = pytest.mark.django_db

S = Meeting.Status


def test_it_goes_planned_invited_held_and_each_step_raises_the_sequence(meeting_factory):
    meeting = meeting_factory()
    assert (meeting.status, meeting.sequence) == (S.PLANNED, 0)
    meeting.change_status(S.INVITED)
    meeting.change_status(S.HELD)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == (S.HELD, 2)


def test_every_status_change_is_in_the_history(meeting_factory):
    meeting = meeting_factory()
    meeting.change_status(S.INVITED)
    meeting.change_status(S.ABORTED, reason="aus technischen Gründen")
    records = list(
        meeting.history.order_by("history_date", "history_id").values_list("status", "status_reason", "sequence")
    )
    assert records == [
        (S.PLANNED, "", 0),
        (S.INVITED, "", 1),
        (S.ABORTED, "aus technischen Gründen", 2),
    ]


@pytest.mark.parametrize("stop", [S.ABORTED, S.CANCELLED])
@pytest.mark.parametrize("reason", ["", "   "])
def test_a_stop_needs_a_reason(stop, reason, meeting_factory):
    meeting = meeting_factory()
    with pytest.raises(ValidationError) as caught:
        meeting.change_status(stop, reason=reason)
    assert list(caught.value.error_dict) == ["status_reason"]
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence, meeting.history.count()) == (S.PLANNED, 0, 1)


@pytest.mark.parametrize("final", [S.HELD, S.ABORTED, S.CANCELLED])
@pytest.mark.parametrize("target", [S.PLANNED, S.INVITED, S.HELD, S.ABORTED, S.CANCELLED])
def test_a_finished_meeting_keeps_its_status(final, target, meeting_factory):
    meeting = meeting_factory(status=final, status_reason="" if final == S.HELD else "Krankheit")
    with pytest.raises(ValidationError) as caught:
        meeting.change_status(target, reason="noch ein Grund")
    assert caught.value.error_list[0].code == "invalid_transition"


def test_the_database_refuses_a_stop_without_reason_and_an_end_before_the_start(meeting_factory):
    meeting = meeting_factory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(status=S.CANCELLED, status_reason="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=meeting.pk).update(end=meeting.start - timedelta(minutes=1))


def test_clean_names_the_field_at_fault(meeting_factory, forum_committee):
    meeting = meeting_factory.build(committee=forum_committee)
    meeting.end = meeting.start
    with pytest.raises(ValidationError) as caught:
        meeting.full_clean()
    assert "end" in caught.value.error_dict
    in_person = meeting_factory.build(committee=forum_committee, format=Meeting.Format.IN_PERSON, video_url="")
    with pytest.raises(ValidationError) as caught:
        in_person.full_clean()
    assert "location" in caught.value.error_dict


def test_the_calendar_uid_is_stable_and_unique(meeting_factory, settings):
    first, second = meeting_factory(), meeting_factory()
    uid = first.calendar_uid()
    first.change_status(S.INVITED)
    first.title = "Anderer Titel"
    first.save()
    assert first.calendar_uid() == uid == f"meeting-{first.pk}@{settings.FORUM_CALENDAR_DOMAIN}"
    assert second.calendar_uid() != uid


def test_agenda_items_sort_as_1_2_2_1_10(meeting_factory, agenda_item_factory):
    meeting = meeting_factory()
    for number in ["10", "2.1", "1", "2", "2.10", "2.2", "3"]:
        agenda_item_factory(meeting=meeting, number=number)
    numbers = list(AgendaItem.objects.filter(meeting=meeting).values_list("number", flat=True))
    assert numbers == ["1", "2", "2.1", "2.2", "2.10", "3", "10"]
    assert agenda_sort_key("2.1") < agenda_sort_key("10")


def test_changing_the_number_resorts_the_item(meeting_factory, agenda_item_factory):
    meeting = meeting_factory()
    first = agenda_item_factory(meeting=meeting, number="1")
    agenda_item_factory(meeting=meeting, number="2")
    first.number = "3"
    first.save(update_fields=["number"])
    assert list(AgendaItem.objects.filter(meeting=meeting).values_list("number", flat=True)) == ["2", "3"]


@pytest.mark.parametrize("number", ["", "A", "1.", ".1", "1.2.3.4", "1,2", "1000"])
def test_an_agenda_number_must_look_like_1_or_2_1(number, meeting_factory, agenda_item_factory):
    item = agenda_item_factory.build(meeting=meeting_factory(), number=number)
    with pytest.raises(ValidationError) as caught:
        item.full_clean()
    assert "number" in caught.value.error_dict


def test_an_agenda_number_is_unique_within_a_meeting_only(meeting_factory, agenda_item_factory):
    meeting, other = meeting_factory(), meeting_factory()
    agenda_item_factory(meeting=meeting, number="1")
    agenda_item_factory(meeting=other, number="1")
    with pytest.raises(IntegrityError), transaction.atomic():
        agenda_item_factory(meeting=meeting, number="1")


def test_minutes_go_draft_in_review_approved_published(meeting_factory, minutes_factory, make_user):
    coordinator = make_user()
    minutes = minutes_factory(meeting=meeting_factory(status=S.HELD))
    minutes.advance(Minutes.Status.IN_REVIEW, by=coordinator)
    assert minutes.approved_by is None
    minutes.advance(Minutes.Status.APPROVED, by=coordinator)
    minutes.advance(Minutes.Status.PUBLISHED, by=coordinator)
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.PUBLISHED
    assert minutes.approved_by == coordinator
    assert minutes.approved_at is not None
    assert [row.status for row in minutes.history.order_by("history_date", "history_id")] == [
        "draft",
        "in_review",
        "approved",
        "published",
    ]


@pytest.mark.parametrize("status", [S.PLANNED, S.INVITED, S.ABORTED, S.CANCELLED])
def test_minutes_go_to_review_only_for_a_held_meeting(status, meeting_factory, minutes_factory, make_user):
    meeting = meeting_factory(status=status, status_reason="" if status in (S.PLANNED, S.INVITED) else "Sturm")
    minutes = minutes_factory(meeting=meeting)
    with pytest.raises(ValidationError) as caught:
        minutes.advance(Minutes.Status.IN_REVIEW, by=make_user())
    assert caught.value.error_list[0].code == "not_held"
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.DRAFT


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("draft", "approved"),
        ("draft", "published"),
        ("in_review", "published"),
        ("in_review", "draft"),
        ("published", "draft"),
        ("approved", "in_review"),
    ],
)
def test_minutes_skip_no_step_and_go_back_never(start, target, meeting_factory, minutes_factory, make_user):
    minutes = minutes_factory(meeting=meeting_factory(status=S.HELD), status=start)
    with pytest.raises(ValidationError):
        minutes.advance(target, by=make_user())
    minutes.refresh_from_db()
    assert minutes.status == start
