"""The Markdown explanation, from Jinja2 templates (StrictUndefined: a typo is an error)."""

from __future__ import annotations

from pathlib import Path

import jinja2

from archgen.errors import RenderError
from archgen.explain.content import Explanation
from archgen.render.base import Artifact
from archgen.render.templates import TEMPLATE, template_dir


def render_markdown(explanation: Explanation, templates: Path | None = None) -> Artifact:
    """Return `<name>.md`, laid out by the templates in `templates` (default: archgen's)."""
    folder = templates or template_dir()
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # noqa: S701 (Markdown, not HTML; values are the user's own text)
    )
    try:
        text = environment.get_template(TEMPLATE).render(x=explanation)
    except jinja2.TemplateNotFound:
        raise RenderError(f"{folder}: no {TEMPLATE} in the templates folder") from None
    except jinja2.TemplateError as error:
        raise RenderError(f"{folder / TEMPLATE}: {error}") from None
    return Artifact(f"{explanation.name}.md", _tidy(text).encode("utf-8"))


def _tidy(text: str) -> str:
    """Collapse runs of blank lines the template's blocks leave, and end with one newline."""
    lines: list[str] = []
    for line in text.splitlines():
        if not line.strip() and (not lines or not lines[-1].strip()):
            continue
        lines.append(line.rstrip())
    return "\n".join(lines).strip() + "\n"
