"""Every rule archgen runs, in id order.

Listed by hand rather than discovered: mypy sees each entry, `git grep AG001`
finds it, and importing a module never registers anything as a side effect.
"""

from __future__ import annotations

from archgen.rules.base import Rule
from archgen.rules.integrity.ag001_integrity import Integrity

ALL_RULES: tuple[type[Rule], ...] = (Integrity,)


def rule_by_id(rule_id: str) -> type[Rule] | None:
    """Return the rule class with this id, if there is one."""
    return next((rule for rule in ALL_RULES if rule.id == rule_id), None)
