"""The explain use case: an architecture's Markdown explanation, with its check results.

`archgen explain` prints it, `archgen render` writes it as the md output and
the MkDocs plugin puts it into a page: all three call `explanation`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from archgen.commands.loading import load_one
from archgen.commands.settings import load_config

if TYPE_CHECKING:
    from pathlib import Path

    from archgen.model.architecture import Architecture
    from archgen.render.base import Artifact
    from archgen.rules.config import RunConfig


def explain(file: str, templates: Path | None = None) -> str:
    """Return the explanation of the one architecture in `file`, under the folder's settings."""
    arch = load_one(file)
    return explanation(arch, templates, load_config()).data.decode("utf-8")


def explanation(
    arch: Architecture,
    templates: Path | None = None,
    config: RunConfig | None = None,
    picture: str | None = None,
) -> Artifact:
    """Return the Markdown explanation of `arch`, with its check results, showing `picture`.

    Without `picture` it shows `NAME.png`, the default view's.
    """
    from archgen.explain.content import explain as explain_content
    from archgen.render.markdown import render_markdown
    from archgen.rules.config import RunConfig
    from archgen.rules.engine import run_rules
    from archgen.rules.registry import ALL_RULES

    config = config or RunConfig()
    findings = run_rules(arch, config=config)
    chosen = [rule for rule in ALL_RULES if config.selects(rule)]
    return render_markdown(explain_content(arch, findings, chosen, picture), templates)
