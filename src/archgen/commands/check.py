"""The check use case: load the architectures, run the rules, decide the exit code."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from archgen.commands.files import find_architectures, settings_file
from archgen.commands.loading import load_all
from archgen.errors import UsageError
from archgen.findings import Severity
from archgen.report.base import CheckResult
from archgen.rules.config import RunConfig

FAIL_ON = ("error", "warning", "note", "never")


def check(paths: Sequence[str], config: RunConfig | None = None) -> CheckResult:
    """Load and check the architectures named by `paths` under the run's `config`."""
    from archgen.rules.engine import run_rules  # the rules load only when a check runs
    from archgen.rules.registry import ALL_RULES

    architectures = load_all(find_architectures(paths))
    findings = [finding for arch in architectures for finding in run_rules(arch, config=config)]
    return CheckResult(
        files=tuple(arch.file for arch in architectures),
        findings=tuple(findings),
        lines={arch.file: arch.source.lines for arch in architectures},
        rules_off=tuple(rule.id for rule in ALL_RULES if config and not config.selects(rule)),
    )


def exit_code(result: CheckResult, fail_on: str) -> int:
    """Return 1 when an active finding is at or above the `fail_on` severity, else 0."""
    if fail_on not in FAIL_ON:
        raise UsageError(f"--fail-on takes one of {', '.join(FAIL_ON)}")
    worst = result.worst()
    if fail_on == "never" or worst is None:
        return 0
    return 1 if worst.rank >= Severity(fail_on).rank else 0


def report_inputs(result: CheckResult, config: Path | None = None) -> list[Path]:
    """Return the files a check read: its architectures and its settings file."""
    settings = settings_file(config)
    return [Path(file) for file in result.files] + ([settings] if settings else [])
