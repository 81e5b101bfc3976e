"""Run-wide choices: which rules run, at what severity, and what fails the run.

The settings come from `.archgen.yaml` or `[tool.archgen]` in pyproject.toml
(read by the app); this module only validates them and applies them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from archgen.findings import Severity
from archgen.rules.base import Rule

RulePrefix = Annotated[str, Field(pattern=r"^AG\d{0,3}$")]


class RunConfig(BaseModel):
    """The `[tool.archgen]` table, or the `.archgen.yaml` file."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    select: tuple[RulePrefix, ...] = ()
    ignore: tuple[RulePrefix, ...] = ()
    severity: dict[Annotated[str, Field(pattern=r"^AG\d{3}$")], Severity] = {}
    fail_on: Literal["error", "warning", "note", "never"] | None = Field(
        default=None, alias="fail-on"
    )

    def selects(self, rule: type[Rule]) -> bool:
        """Tell whether `rule` runs: selected (or no selection) and not ignored.

        AG001 always runs: a network that cannot exist makes every other verdict moot.
        """
        if not rule.suppressible and rule.id == "AG001":
            return True
        chosen = not self.select or rule.id.startswith(self.select)
        return chosen and not rule.id.startswith(self.ignore or ("-",))

    def severity_of(self, rule_id: str, default: Severity) -> Severity:
        """Return the severity configured for a rule, else its own."""
        return self.severity.get(rule_id, default)
