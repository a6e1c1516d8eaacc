"""Permissions of the exchange app (matrix in tests/test_rules.py)."""

import rules

from forum.core.predicates import can_see, is_coordination, is_member
from forum.organisations.predicates import is_editor_of_owner

from .following import is_own_follow, target_visible
from .predicates import comment_hidden, entry_visible, is_member_of_another_organisation, is_of_marking_organisation

may_edit = is_coordination | is_editor_of_owner

# Entries: for add_entry the object is the organisation that records it (a municipality or the district).
rules.add_perm("exchange.view_entry", can_see)
rules.add_perm("exchange.add_entry", can_see & may_edit)
rules.add_perm("exchange.change_entry", can_see & may_edit)
rules.add_perm("exchange.delete_entry", can_see & may_edit)
rules.add_perm("exchange.add_attachment", can_see & may_edit)
# Interest marks: the object is the entry for mark_interest, the mark for delete_interest.
# An organisation marks entries of others, in the name of an organisation the person belongs to.
rules.add_perm("exchange.mark_interest", can_see & is_member_of_another_organisation)
rules.add_perm("exchange.delete_interest", entry_visible & is_of_marking_organisation)
# Comments: the object is the entry for add_comment, the comment otherwise. The discussion is among members;
# a hidden comment's text stays readable for the coordination only.
rules.add_perm("exchange.add_comment", can_see & is_member)
rules.add_perm("exchange.view_comment", entry_visible & is_member & (~comment_hidden | is_coordination))
rules.add_perm("exchange.hide_comment", entry_visible & is_coordination & ~comment_hidden)
# Following: the object is the topic, organisation or entry for follow, the follow itself for unfollow.
rules.add_perm("exchange.follow", is_member & target_visible)
rules.add_perm("exchange.unfollow", is_own_follow)
