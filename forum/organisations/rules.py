"""Permissions of the organisations app (DESIGN.md: one rule set; matrix in tests/test_rules.py)."""

import rules

from forum.core.predicates import can_see, is_coordination, is_operator

from .predicates import is_editor_of_owner

may_edit = is_coordination | is_editor_of_owner

rules.add_perm("organisations.view_organisation", can_see)
rules.add_perm("organisations.change_organisation", can_see & may_edit)
# For add_person and invite_user the object is the organisation.
rules.add_perm("organisations.add_person", can_see & may_edit)
rules.add_perm("organisations.invite_user", can_see & (may_edit | is_operator))
rules.add_perm("organisations.view_person", can_see)
rules.add_perm("organisations.change_person", can_see & may_edit)
rules.add_perm("organisations.delete_person", can_see & may_edit)
rules.add_perm("organisations.view_committee", can_see)
rules.add_perm("organisations.add_committee", is_coordination)
rules.add_perm("organisations.change_committee", can_see & is_coordination)
# For add_membership the object is the committee.
rules.add_perm("organisations.add_membership", can_see & is_coordination)
rules.add_perm("organisations.delete_membership", can_see & is_coordination)
