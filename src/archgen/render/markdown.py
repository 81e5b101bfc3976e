"""The Markdown explanation, from Jinja2 templates (StrictUndefined: a typo is an error).

The environment escapes every value it writes, the way HTML templates do: a
template, archgen's or one passed with `--templates`, cannot forget to, and
what it writes of the user's text is shown, never obeyed. Only `Md`, the
sentences archgen formatted from escaped parts, is written as it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import jinja2

from archgen.errors import RenderError
from archgen.explain.content import Explanation
from archgen.render.base import Artifact
from archgen.render.templates import TEMPLATE, template_dir
from archgen.safe_markdown import Md, fragment, join, text


def render_markdown(explanation: Explanation, templates: Path | None = None) -> Artifact:
    """Return `<name>.md`, laid out by the templates in `templates` (default: archgen's)."""
    folder = templates or template_dir()
    environment = _environment(folder)
    try:
        rendered = environment.get_template(TEMPLATE).render(x=explanation)
    except jinja2.TemplateNotFound:
        raise RenderError(f"{folder}: no {TEMPLATE} in the templates folder") from None
    except jinja2.TemplateError as error:
        raise RenderError(f"{folder / TEMPLATE}: {error}") from None
    return Artifact(f"{explanation.name}.md", _tidy(rendered).encode("utf-8"))


def _environment(folder: Path) -> jinja2.Environment:
    r"""Return an environment whose every `{{ value }}` is escaped for Markdown.

    Jinja2's own autoescape speaks HTML (`&lt;` but no `\[`), so escaping is
    the `finalize` hook instead, which sees each value a template writes. The
    `join` filter keeps `Md` items formatted and escapes the others; every
    other filter returns a plain string, which is escaped whole.
    """
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # noqa: S701 (Markdown, escaped by `finalize`, not as HTML)
        finalize=text,
    )
    environment.filters["join"] = _join
    return environment


def _join(values: Iterable[object], separator: str = "") -> Md:
    """Jinja2's `join`, keeping archgen's Markdown and escaping user text (and the separator)."""
    return join(fragment(separator), values)


def _tidy(rendered: str) -> str:
    """Collapse runs of blank lines the template's blocks leave, and end with one newline."""
    lines: list[str] = []
    for line in rendered.splitlines():
        if not line.strip() and (not lines or not lines[-1].strip()):
            continue
        lines.append(line.rstrip())
    return "\n".join(lines).strip() + "\n"
