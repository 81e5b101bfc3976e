"""The Markdown explanation, from Jinja2 templates (StrictUndefined: a typo is an error).

The environment escapes every value it writes, the way HTML templates do: a
template, archgen's or one passed with `--templates`, cannot forget to, and
what it writes of the user's text is shown, never obeyed. Only `Md`, the
sentences archgen formatted from escaped parts, is written as it is.
"""

from __future__ import annotations

import functools
import traceback
from collections.abc import Iterable
from pathlib import Path

import jinja2
from markupsafe import Markup

from archgen.errors import RenderError
from archgen.explain.content import Explanation
from archgen.explain.facts import Ref
from archgen.render.base import Artifact
from archgen.render.templates import TEMPLATE, template_dir
from archgen.safe_markdown import Md, fragment, join, text


def render_markdown(explanation: Explanation, templates: Path | None = None) -> Artifact:
    """Return `<name>.md`, laid out by the templates in `templates`, else by archgen's.

    A user's folder need hold only the partials it changes: every template it
    lacks comes from archgen's own folder.
    """
    folders = (template_dir(),) if templates is None else (templates, template_dir())
    environment = _environment(folders)
    try:
        rendered = environment.get_template(TEMPLATE).render(x=explanation)
    except jinja2.TemplateNotFound as error:
        raise RenderError(f"{folders[0]}: no template {error.name}") from None
    except jinja2.TemplateError as error:
        raise RenderError(f"{_where(error) or folders[0] / TEMPLATE}: {error}") from None
    return Artifact(f"{explanation.name}.md", _tidy(rendered).encode("utf-8"))


def _where(error: jinja2.TemplateError) -> str | None:
    """Return the template file (and line) an error arose in: a partial, not the main one.

    A syntax error knows its file; an undefined value is only in the traceback,
    whose frames Jinja2 rewrites to point at the template's lines.
    """
    filename = getattr(error, "filename", None)
    if filename:
        return f"{filename}:{getattr(error, 'lineno', 0)}"
    frames = traceback.extract_tb(error.__traceback__)
    inside = [frame for frame in frames if frame.filename.endswith(".j2")]
    return f"{inside[-1].filename}:{inside[-1].lineno}" if inside else None


@functools.lru_cache(maxsize=8)
def _environment(folders: tuple[Path, ...]) -> jinja2.Environment:
    r"""Return an environment whose every `{{ value }}` is escaped for Markdown.

    One environment per folder list for the whole process: it keeps the templates
    it compiled (compiling them is most of an explanation's cost), and Jinja2
    checks each file's time of change before reusing it, so an edited template
    (a `--templates` folder under `mkdocs serve`) is read again.

    Jinja2's own escaping speaks HTML (`&lt;` but no `\[`), so escaping is the
    `finalize` hook, which sees each value a template writes and returns it as
    `Markup`, which the HTML escaping then leaves alone. Autoescaping is on
    only so that a macro's output comes back as `Markup` too: it is the
    template's own Markdown, every value in it already escaped, so a partial
    can word a sentence once and use it anywhere. The `join` and `names`
    filters keep `Md` items formatted and escape the others; every other
    filter returns a plain string, which is escaped whole.
    """
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in folders]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=True,
        finalize=_finalize,
    )
    environment.filters["join"] = _join
    environment.filters["names"] = _names
    return environment


def _finalize(value: object) -> Markup:
    """Escape a value for Markdown; a macro's output, already escaped, passes as it is."""
    if isinstance(value, Markup):
        return value
    return Markup(text(value))  # noqa: S704 (escaped for Markdown by `text` just now)


def _join(values: Iterable[object], separator: str = "") -> Md:
    """Jinja2's `join`, keeping archgen's Markdown and escaping user text (and the separator)."""
    return join(fragment(separator), values)


def _names(refs: Iterable[Ref]) -> Md:
    """Name resources in a list a reader follows: "A", "A and B", "A, B and C"."""
    named = [ref.name for ref in refs]
    if len(named) < 3:
        return join(" and ", named)
    return Md(join(", ", named[:-1]) + " and " + named[-1])


def _tidy(rendered: str) -> str:
    """Collapse runs of blank lines the template's blocks leave, and end with one newline."""
    lines: list[str] = []
    for line in rendered.splitlines():
        if not line.strip() and (not lines or not lines[-1].strip()):
            continue
        lines.append(line.rstrip())
    return "\n".join(lines).strip() + "\n"
