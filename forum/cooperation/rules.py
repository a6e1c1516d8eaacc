"""Permissions of the cooperation app (matrix in tests/test_rules.py)."""

import rules

from forum.core.predicates import can_see, is_coordination
from forum.organisations.predicates import is_editor_of_owner

# Undertakings: the coordination runs them; add_undertaking takes no object.
rules.add_perm("cooperation.view_undertaking", can_see)
rules.add_perm("cooperation.add_undertaking", is_coordination)
rules.add_perm("cooperation.change_undertaking", can_see & is_coordination)
# Participants, milestones and files: the object is the undertaking.
rules.add_perm("cooperation.change_participants", can_see & is_coordination)
rules.add_perm("cooperation.change_milestones", can_see & is_coordination)
rules.add_perm("cooperation.add_attachment", can_see & is_coordination)
# Cost plans: the object is the undertaking for add, the plan otherwise.
rules.add_perm("cooperation.view_costplan", can_see)
rules.add_perm("cooperation.add_costplan", can_see & is_coordination)
rules.add_perm("cooperation.change_costplan", can_see & is_coordination)
# From overlap to action: a cooperation candidate (no object) onto a forum meeting's agenda, or into an undertaking.
rules.add_perm("cooperation.put_candidate_on_agenda", is_coordination)
# Declarations of intent and their campaigns: the coordination writes and sends them. The object is the declaration
# for add_campaign, the campaign for view_campaign.
rules.add_perm("cooperation.view_declaration", can_see)
rules.add_perm("cooperation.add_declaration", is_coordination)
rules.add_perm("cooperation.change_declaration", can_see & is_coordination)
rules.add_perm("cooperation.add_campaign", can_see & is_coordination)
rules.add_perm("cooperation.view_campaign", can_see)
# A signature's status: the municipality's own editors (Redaktion) or the coordination. The object is the signature.
rules.add_perm("cooperation.change_signature", can_see & (is_coordination | is_editor_of_owner))
# Working groups of an undertaking: the coordination sets them up. The object is the undertaking for add,
# the working group otherwise.
rules.add_perm("cooperation.view_workinggroup", can_see)
rules.add_perm("cooperation.add_workinggroup", can_see & is_coordination)
rules.add_perm("cooperation.change_workinggroup", can_see & is_coordination)
