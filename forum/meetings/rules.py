"""Permissions of the meetings app (matrix in tests/test_rules.py)."""

import rules

from forum.core.predicates import can_see, is_coordination, is_member

from .predicates import (
    attended,
    event_open,
    is_invited_or_committee_member,
    meeting_open_for_answers,
    meeting_visible,
    minutes_in_review,
    minutes_published,
    owns_registration,
    registration_active,
)

# Meetings: the coordination runs them. For add_meeting the object is the committee.
rules.add_perm("meetings.view_meeting", can_see)
rules.add_perm("meetings.add_meeting", can_see & is_coordination)
rules.add_perm("meetings.change_meeting", can_see & is_coordination)
rules.add_perm("meetings.invite_meeting", can_see & is_coordination)
rules.add_perm("meetings.change_status_meeting", can_see & is_coordination)
rules.add_perm("meetings.record_attendance", can_see & is_coordination)
rules.add_perm("meetings.view_attendance", can_see & (is_coordination | is_invited_or_committee_member))
rules.add_perm(
    "meetings.respond_meeting", can_see & is_member & is_invited_or_committee_member & meeting_open_for_answers
)
rules.add_perm("meetings.add_attachment", can_see & is_coordination)
# Agenda items: the object is the meeting for add, the item otherwise.
rules.add_perm("meetings.view_agendaitem", can_see & meeting_visible)
rules.add_perm("meetings.add_agendaitem", can_see & is_coordination)
rules.add_perm("meetings.change_agendaitem", can_see & is_coordination)
rules.add_perm("meetings.delete_agendaitem", can_see & is_coordination)
# Minutes: the object is the minutes.
rules.add_perm(
    "meetings.view_minutes",
    meeting_visible & (is_coordination | minutes_published | (minutes_in_review & attended)),
)
rules.add_perm("meetings.change_minutes", meeting_visible & is_coordination)
rules.add_perm("meetings.comment_minutes", meeting_visible & minutes_in_review & attended & is_member)
# Decisions and action items: the object is the meeting.
rules.add_perm("meetings.add_decision", can_see & is_coordination)
rules.add_perm("meetings.add_actionitem", can_see & is_coordination)
rules.add_perm("meetings.change_actionitem", meeting_visible & is_coordination)
# Events (Veranstaltungen): the object is the event, or the registration.
rules.add_perm("meetings.view_event", can_see)
rules.add_perm("meetings.add_event", is_coordination)
rules.add_perm("meetings.change_event", can_see & is_coordination)
rules.add_perm("meetings.register_event", can_see & is_member & event_open)
rules.add_perm("meetings.cancel_registration", owns_registration & registration_active)
rules.add_perm("meetings.view_registrations", can_see & is_coordination)
