"""Permissions of the council app (matrix in tests/test_rules.py).

The coordination writes papers; everyone reads the papers they may see.
"""

import rules

from forum.core.predicates import can_see, is_coordination

rules.add_perm("council.view_paper", can_see)
rules.add_perm("council.add_paper", is_coordination)
rules.add_perm("council.change_paper", can_see & is_coordination)
rules.add_perm("council.delete_paper", can_see & is_coordination)
# Drafting the Sachverhalt from the forum's data and rendering PDF/DOCX: the object is the paper.
rules.add_perm("council.draft_paper", can_see & is_coordination)
rules.add_perm("council.render_paper", can_see)
