"""The rules whose findings no suppression hides: the design cannot exist as written.

A list of its own (rather than a look-up in the registry) so that AG003, which the
registry imports, can name them too; a test checks it against every rule's
`suppressible` flag.
"""

from __future__ import annotations

from archgen.rules.integrity.ag001_integrity import Integrity
from archgen.rules.integrity.ag004_settings_aws_refuses import SettingsAwsRefuses
from archgen.rules.integrity.ag005_waf_scope import WafScope

UNSUPPRESSIBLE: frozenset[str] = frozenset(
    rule.id for rule in (Integrity, SettingsAwsRefuses, WafScope) if not rule.suppressible
)
