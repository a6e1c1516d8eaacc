"""Permissions of the topics app: everyone reads the vocabulary, the coordination maintains it.

The matrix is in tests/test_rules.py.

Asked without an object, ``change_topic`` says whether someone maintains the vocabulary at all (lists, buttons).
"""

from typing import Any

import rules

from forum.core.predicates import can_see, is_coordination


@rules.predicate
def is_merged(user: Any, topic: Any) -> bool:
    return topic is not None and topic.merged_into_id is not None


@rules.predicate
def is_retired(user: Any, topic: Any) -> bool:
    return topic is not None and topic.retired


rules.add_perm("topics.view_topic", can_see)
rules.add_perm("topics.add_topic", is_coordination)
# A merged topic only forwards to its target: nothing about it changes any more.
rules.add_perm("topics.change_topic", is_coordination & ~is_merged)
# A retired topic can still be merged (its entries move on); an active one is the only possible target.
rules.add_perm("topics.merge_topic", is_coordination & ~is_merged)
rules.add_perm("topics.retire_topic", is_coordination & ~is_merged & ~is_retired)
rules.add_perm("topics.reactivate_topic", is_coordination & ~is_merged & is_retired)
# The district strategy is public; the coordination keeps it (fields of action, guiding principles).
rules.add_perm("topics.view_strategy", can_see)
rules.add_perm("topics.change_strategy", is_coordination)
