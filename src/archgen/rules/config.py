"""Run-wide choices: which rules run, at what severity, and what fails the run.

The settings come from `.archgen.yaml` or `[tool.archgen]` in pyproject.toml
(read by commands.settings); this module only validates them and applies them.
Like the model's modules, it does without `from __future__ import annotations`,
so pydantic need not read its annotations back from strings (archgen.model).
"""

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from archgen.closest import closest
from archgen.findings import Severity
from archgen.rules.base import Rule
from archgen.rules.registry import ALL_RULES


def _matches_a_rule(prefix: str) -> str:
    """Refuse a rule id or family that names no rule.

    `select: [AG999]` would otherwise run no rule at all and pass every design,
    and a mistyped `ignore` or `severity` entry would silently do nothing.
    """
    ids = [rule.id for rule in ALL_RULES]
    if any(rule_id.startswith(prefix) for rule_id in ids):
        return prefix
    close = closest(prefix, ids)
    hint = f" (did you mean {close}?)" if close else ""
    raise ValueError(f"no rule id starts with {prefix}{hint}: `archgen rules` lists them")


RulePrefix = Annotated[str, Field(pattern=r"^AG\d{0,3}$"), AfterValidator(_matches_a_rule)]
RuleId = Annotated[str, Field(pattern=r"^AG\d{3}$"), AfterValidator(_matches_a_rule)]


class RunConfig(BaseModel):
    """The `[tool.archgen]` table, or the `.archgen.yaml` file."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    select: tuple[RulePrefix, ...] = ()
    ignore: tuple[RulePrefix, ...] = ()
    severity: dict[RuleId, Severity] = {}
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
