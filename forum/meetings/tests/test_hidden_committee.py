"""A meeting never reveals a committee its reader may not see: not on pages, in feeds, files or statistics."""

from __future__ import annotations

import pytest
from django.urls import reverse

from forum.core.models import ContentModel, Visibility
from forum.meetings.models import AgendaItem, CalendarToken, Meeting
from forum.organisations.tests.helpers import ROLES, log_in_as

from .world import attach

pytestmark = pytest.mark.django_db

STATES = [(visibility, draft) for visibility in Visibility.values for draft in (False, True)]


@pytest.mark.parametrize("role", ROLES)
def test_view_meeting_agrees_with_visible_to_whatever_the_committee(
    role, user_in_role, district, committee_factory, meeting_factory
):
    user = user_in_role(role, district)
    for committee_state in STATES:
        committee = committee_factory(organisation=district, visibility=committee_state[0], is_draft=committee_state[1])
        for meeting_state in STATES:
            meeting = meeting_factory(committee=committee, visibility=meeting_state[0], is_draft=meeting_state[1])
            fresh = Meeting.objects.get(pk=meeting.pk)
            visible = fresh in Meeting.objects.visible_to(user)
            assert user.has_perm("meetings.view_meeting", fresh) == visible, (committee_state, meeting_state)
            own_rule = ContentModel.is_visible_to(fresh, user)  # the meeting's own visibility and draft state
            assert visible == (own_rule and committee.is_visible_to(user)), (committee_state, meeting_state)


@pytest.fixture
def internal(committee_factory, district, meeting_factory, binzen):
    """A members-only working group, and a meeting of it left at the default visibility (public)."""
    committee = committee_factory(organisation=district, name="Vertrauliche Runde", visibility=Visibility.MEMBERS)
    meeting = meeting_factory(committee=committee, title="Treffen der Runde")
    item = AgendaItem.objects.create(meeting=meeting, number="1", title="Begrüßung")
    return {"committee": committee, "meeting": meeting, "file": attach(meeting), "item_file": attach(meeting, item)}


@pytest.mark.parametrize("role", ["anonymous", "no_role"])
def test_the_public_learns_nothing_of_a_members_only_committee(role, client, user_in_role, district, internal):
    log_in_as(client, user_in_role, role, district)
    meeting = internal["meeting"]
    for url in [
        meeting.get_absolute_url(),
        reverse("meetings:meeting_ics", args=[meeting.pk]),
        reverse("meetings:meeting_attachment", args=[internal["file"].pk]),
        reverse("meetings:agenda_item_attachment", args=[internal["item_file"].pk]),
    ]:
        assert client.get(url).status_code == 404, url
    for url in [reverse("meetings:meeting_list"), reverse("meetings:public_feed"), "/"]:
        assert "Vertrauliche Runde" not in client.get(url).content.decode(), url


def test_members_see_the_meeting_of_their_committee(client, user_in_role, district, internal):
    token = CalendarToken.renew(log_in_as(client, user_in_role, "member_other", district))
    assert client.get(internal["meeting"].get_absolute_url()).status_code == 200
    feed = client.get(reverse("meetings:private_feed", args=[token.key])).content.decode()
    assert internal["meeting"].calendar_uid() in feed
