"""A MkDocs plugin: architectures in course notes, drawn and explained at build time.

A fenced block whose language is `archgen` either names a YAML file
(`file: ../architectures/capstone.yaml`, relative to the page) or holds the
architecture itself. The plugin validates it with archgen's loader (a bad file
fails the build at its line and column), writes the self-contained SVG and the
.drawio file into the site, and puts the diagram, a download link and,
unless `explain: false`, the explanation into the page. It runs no user code:
YAML is data, unlike plugins that execute diagram scripts.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from archgen.errors import ArchgenError, InvalidInput, Problem
from archgen.layout.drawing import draw
from archgen.layout.geometry import from_dot_json
from archgen.loader import load_file, load_text
from archgen.model.architecture import Architecture
from archgen.render.drawio import render_drawio
from archgen.render.png_svg import render_svg
from archgen.rendering import explanation
from archgen.source import Span

_FENCE = re.compile(r"^(`{3,}|~{3,})[ \t]*([\w-]*)")
_OPTIONS = {"file", "explain", "drawio"}


class ArchgenPluginConfig(Config):  # type: ignore[no-untyped-call]  # mkdocs is untyped here
    """Site-wide settings under `plugins: - archgen:` in mkdocs.yml."""

    folder = config_options.Type(str, default="archgen")
    explain = config_options.Type(bool, default=True)
    drawio = config_options.Type(bool, default=True)


class ArchgenPlugin(BasePlugin[ArchgenPluginConfig]):  # type: ignore[no-untyped-call]  # as above
    """Replaces `archgen` blocks with the rendered architecture."""

    def __init__(self) -> None:
        self._outputs: dict[str, bytes] = {}

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Start each build with no pending outputs (mkdocs serve rebuilds in one process)."""
        self._outputs = {}

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Render every archgen block of the page, in place."""
        source = Path(page.file.abs_src_path or page.file.src_path)
        prefix = "../" * page.url.count("/")
        out: list[str] = []
        for kind, line, text in _fenced(markdown):
            out.append(self._block(text, source, line, prefix) if kind == "archgen" else text)
        return "".join(out)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the diagrams and .drawio files into the built site."""
        site = Path(config.site_dir)
        for name, data in sorted(self._outputs.items()):
            target = site / self.config.folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

    def _block(self, body: str, page: Path, line: int, prefix: str) -> str:
        where = f"{page}:{line}"
        try:
            options = yaml.safe_load(body)
        except yaml.YAMLError as error:
            raise PluginError(f"{where}: the archgen block is not YAML: {error}") from None
        if not isinstance(options, dict):
            raise PluginError(f"{where}: an archgen block holds `file: PATH` or an architecture")
        try:
            arch = self._architecture(body, options, page, line)
        except InvalidInput as error:
            inline = "archgen" in options
            problems = [_on_page(p, page, line) if inline else p for p in error.problems]
            raise PluginError("\n".join(str(p) for p in problems)) from None
        settings = options if "archgen" not in options else {}
        explain = bool(settings.get("explain", self.config.explain))
        drawio = bool(settings.get("drawio", self.config.drawio))
        try:
            return self._figure(arch, prefix, explain=explain, drawio=drawio)
        except ArchgenError as error:
            raise PluginError(f"{where}: {error}") from None

    @staticmethod
    def _architecture(body: str, options: dict[str, Any], page: Path, line: int) -> Architecture:
        if "archgen" in options:
            return load_text(body, str(page))
        unknown = set(options) - _OPTIONS
        if unknown or "file" not in options:
            raise PluginError(
                f"{page}:{line}: an archgen block takes file, explain and drawio "
                f"(got {', '.join(sorted(options))})"
            )
        path = (page.parent / str(options["file"])).resolve()
        return load_file(path, str(options["file"]))

    def _figure(self, arch: Architecture, prefix: str, *, explain: bool, drawio: bool) -> str:
        formats = ("svg", "json") if drawio else ("svg",)
        drawing = draw(arch, formats)
        svg = render_svg(drawing)
        self._outputs[svg.name] = svg.data
        base = f"{prefix}{self.config.folder}/"
        text = explanation(arch).data.decode("utf-8")
        alt = re.search(r"^!\[(.*)\]\(", text, re.MULTILINE)
        label = alt.group(1) if alt else arch.document.title
        html = [
            f'<figure class="archgen"><img class="archgen-diagram" src="{base}{svg.name}" '
            f'alt="{_attribute(label)}"></figure>',
            "",
        ]
        if drawio:
            editable = render_drawio(drawing.scene, from_dot_json(drawing.outputs["json"]))
            self._outputs[editable.name] = editable.data
            html += [
                f'<p><a class="archgen-drawio" href="{base}{editable.name}" download>'
                f"Download the editable diagram ({editable.name})</a></p>",
                "",
            ]
        if explain:
            html.append(_body(text))
        return "\n".join(html)


def _fenced(markdown: str) -> list[tuple[str, int, str]]:
    """Split Markdown into ("text", line, chunk) and ("archgen", line, body) parts.

    Only top-level `archgen` fences count: one shown inside a longer fence (an
    example in the docs) is text, as a Markdown reader sees it.
    """
    parts: list[tuple[str, int, str]] = []
    lines = markdown.splitlines(keepends=True)
    text: list[str] = []
    index = 0
    while index < len(lines):
        match = _FENCE.match(lines[index])
        if match is None:
            text.append(lines[index])
            index += 1
            continue
        fence, info = match.group(1), match.group(2)
        end = index + 1
        while end < len(lines) and not lines[end].strip().startswith(fence):
            end += 1
        if info == "archgen":
            parts.append(("text", 0, "".join(text)))
            text = []
            parts.append(("archgen", index + 2, "".join(lines[index + 1 : end])))
        else:
            text.extend(lines[index : end + 1])
        index = end + 1
    parts.append(("text", 0, "".join(text)))
    return parts


def _on_page(problem: Problem, page: Path, first_line: int) -> Problem:
    """Move a problem of an inline block to its line on the page."""
    span = Span(str(page), problem.span.line + first_line - 1, problem.span.column)
    return Problem(span, problem.message)


def _attribute(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _body(text: str) -> str:
    """Drop the explanation's own title and image: the page has its title and the figure."""
    lines = text.splitlines()
    kept = [
        line
        for line in lines
        if not line.startswith("# ") and not re.match(r"^!\[.*\]\(.*\)$", line)
    ]
    return "\n".join(kept).strip() + "\n"
