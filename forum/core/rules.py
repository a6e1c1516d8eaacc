"""Permissions every content app shares."""

import rules

from .predicates import can_see, is_member

# Who changed what is staff information: members who may see the object, not the public.
rules.add_perm("core.view_history", is_member & can_see)
