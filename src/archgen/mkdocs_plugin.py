"""A MkDocs plugin: architectures in course notes, drawn and explained at build time.

A fenced block whose language is `archgen` either names a YAML file
(`file: ../architectures/capstone.yaml`, relative to the page) or holds the
architecture itself. The plugin validates it with archgen's loader (a bad file
fails the build at its line and column), writes the self-contained SVG and the
.drawio file into the site, and puts the diagram, a download link and,
unless `explain: false`, the explanation into the page (`view: network` draws the network
view, as `render --view network` does). A block naming two
files (`before:` and `after:`) puts the story of the change between them. It runs no user code:
YAML is data, unlike plugins that execute diagram scripts.

Pages and architectures may come from strangers' pull requests, so the plugin
trusts neither: the explanation it inserts is escaped like every archgen
explanation, the figure's attributes are escaped for HTML, a `file:` block
reads only inside the project, and each block's files are named after its
page and its place there (`archgen/<page>/<n>/<name>.svg`), never after the
architecture alone, so two architectures with one `name:` keep their own
diagrams and no name can reach outside the site folder.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from archgen.commands.explain import explanation
from archgen.commands.pictures import draw_outputs
from archgen.errors import ArchgenError, InvalidInput, Problem
from archgen.explain.content import alt_text
from archgen.loader import load_file, load_text
from archgen.loader.yaml_positions import parse
from archgen.model.architecture import Architecture
from archgen.render.base import Artifact
from archgen.render.formats import VIEWS, output_suffix
from archgen.safe_markdown import fence_opening, md, text
from archgen.safe_text import html_text, visible
from archgen.source import SourceMap, Span

_OPTIONS = {"file", "explain", "drawio", "view"}
_STORY = ("before", "after")
"""A block naming two designs tells the change between them (`report/diff_story.py`)."""
_UNSAFE_IN_NAME = re.compile(r"[^A-Za-z0-9._-]")


class ArchgenPluginConfig(Config):  # type: ignore[no-untyped-call]  # mkdocs is untyped here
    """Site-wide settings under `plugins: - archgen:` in mkdocs.yml."""

    folder = config_options.Type(str, default="archgen")
    explain = config_options.Type(bool, default=True)
    drawio = config_options.Type(bool, default=True)


class ArchgenPlugin(BasePlugin[ArchgenPluginConfig]):  # type: ignore[no-untyped-call]  # as above
    """Replaces `archgen` blocks with the rendered architecture."""

    def __init__(self) -> None:
        self._outputs: dict[str, bytes] = {}
        self._roots: tuple[Path, ...] = ()

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Start each build with no pending outputs (mkdocs serve rebuilds in one process)."""
        self._outputs = {}
        _check_folder(self.config.folder)
        project = Path(config.config_file_path or config.docs_dir).resolve().parent
        self._roots = (project, Path(config.docs_dir).resolve())

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Render every archgen block of the page, in place."""
        source = Path(page.file.abs_src_path or page.file.src_path)
        prefix = "../" * page.url.count("/")
        folder = f"{self.config.folder}/{_page_folder(page.file.src_uri)}"
        out: list[str] = []
        blocks = 0
        for kind, line, chunk in _fenced(markdown):
            if kind != "archgen":
                out.append(chunk)
                continue
            blocks += 1
            place = _Place(source, line, prefix, f"{folder}/{blocks}")
            out.append(self._block(chunk, place))
        return "".join(out)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Write the diagrams and .drawio files into the built site, and nowhere else."""
        site = Path(config.site_dir).resolve()
        for name, data in sorted(self._outputs.items()):
            _write_inside(site, name, data)

    def _block(self, body: str, place: _Place) -> str:
        page, line = place.page, place.line
        where = f"{page}:{line}"
        try:
            parsed = parse(body, str(page))
        except InvalidInput as error:
            problems = [_on_page(p, page, line) for p in error.problems]
            raise PluginError("\n".join(str(p) for p in problems)) from None
        options, source = parsed.value, parsed.source
        if not isinstance(options, dict):
            raise PluginError(f"{where}: an archgen block holds `file: PATH` or an architecture")
        if set(options) == set(_STORY):
            return self._story(options, page, line)
        try:
            arch = self._architecture(body, options, place, source, self._roots)
        except InvalidInput as error:
            inline = "archgen" in options
            problems = [_on_page(p, page, line) if inline else p for p in error.problems]
            raise PluginError("\n".join(str(p) for p in problems)) from None
        settings = options if "archgen" not in options else {}
        explain = bool(settings.get("explain", self.config.explain))
        drawio = bool(settings.get("drawio", self.config.drawio))
        view = str(settings.get("view", "default"))
        if view not in VIEWS:
            where = _at(source.value_span(("view",)), place)
            raise PluginError(f"{where}: view is one of {', '.join(VIEWS)} (got {visible(view)!r})")
        try:
            return self._figure(arch, place, explain=explain, drawio=drawio, view=view)
        except ArchgenError as error:
            raise PluginError(f"{where}: {error}") from None

    @staticmethod
    def _architecture(
        body: str,
        options: dict[str, Any],
        place: _Place,
        source: SourceMap,
        roots: tuple[Path, ...],
    ) -> Architecture:
        page, line = place.page, place.line
        if "archgen" in options:
            return load_text(body, str(page))
        unknown = sorted(map(str, set(options) - _OPTIONS))
        if unknown:
            close = difflib.get_close_matches(unknown[0], sorted(_OPTIONS), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise PluginError(
                f"{_at(source.span((unknown[0],)), place)}: unknown option "
                f"{visible(unknown[0])!r}{hint}; an archgen block takes file, explain, drawio "
                "and view"
            )
        if "file" not in options:
            raise PluginError(f"{page}:{line}: an archgen block takes `file: PATH` (none given)")
        return _load_named(str(options["file"]), page, line, roots)

    def _story(self, options: dict[str, Any], page: Path, line: int) -> str:
        """Tell the change from `before` to `after` (both files) as the redesign's story."""
        from archgen.diff import diff_architectures
        from archgen.report.diff_story import format_story

        try:
            old, new = (_load_named(str(options[key]), page, line, self._roots) for key in _STORY)
        except InvalidInput as error:
            raise PluginError("\n".join(str(p) for p in error.problems)) from None
        return format_story(diff_architectures(old, new, old.file, new.file))

    def _figure(
        self, arch: Architecture, place: _Place, *, explain: bool, drawio: bool, view: str
    ) -> str:
        from archgen.layout.drawing import plan

        drawn = draw_outputs(plan(arch, view=view), ("svg", "drawio") if drawio else ("svg",))
        made = {  # `view: network` is in the names, as render writes them
            fmt: Artifact(arch.name + output_suffix(fmt, view), artifact.data)
            for fmt, artifact in drawn.items()
        }
        svg = made["svg"]
        url = f"{place.prefix}{place.folder}/"
        self._claim(f"{place.folder}/{svg.name}", svg.data, place)
        figure = [
            f'<figure class="archgen"><img class="archgen-diagram" src="{url}{svg.name}" '
            f'alt="{html_text(alt_text(arch))}"></figure>',
            "",
        ]
        if drawio:
            editable = made["drawio"]
            self._claim(f"{place.folder}/{editable.name}", editable.data, place)
            figure += [
                f'<p><a class="archgen-drawio" href="{url}{editable.name}" '
                f'download="{editable.name}">'
                f"Download the editable diagram ({editable.name})</a></p>",
                "",
            ]
        if explain:
            figure.append(_body(arch, explanation(arch).data.decode("utf-8")))
        return "\n".join(figure)

    def _claim(self, name: str, data: bytes, place: _Place) -> None:
        """Keep `data` to write as `name`, which no other block may already have taken."""
        if name in self._outputs:
            raise PluginError(
                f"{place.page}:{place.line}: another archgen block already writes {name}; "
                "rename one of the pages"
            )
        self._outputs[name] = data


def _load_named(file: str, page: Path, line: int, roots: tuple[Path, ...]) -> Architecture:
    """Load the file a block names relative to its page, only from inside the project."""
    named = visible(file)
    path = (page.parent / file).resolve()
    if not any(path.is_relative_to(root) for root in roots):
        raise PluginError(
            f"{page}:{line}: file: {named} is outside the project "
            f"({roots[0]}); an archgen block reads only the project's files"
        )
    return load_file(path, named)


@dataclass(frozen=True)
class _Place:
    """Where a block is: its page and line, the way up to the site root, its own folder."""

    page: Path
    line: int
    prefix: str
    folder: str


def _check_folder(folder: str) -> None:
    """Refuse a `folder` setting that would put the diagrams outside the site (or at its root)."""
    parts = PurePosixPath(folder).parts
    if not parts or PurePosixPath(folder).is_absolute() or any(p in (".", "..") for p in parts):
        raise PluginError(f"archgen: folder: {folder!r} must be a folder inside the site")


def _page_folder(src_uri: str) -> str:
    """Name a page's folder of diagrams after its path in docs/, in characters safe in a URL.

    `architectures/capstone.md` gives `architectures/capstone`; two pages whose
    names differ only in other characters are caught by `_claim`.
    """
    path = PurePosixPath(src_uri)
    parts = [*path.parent.parts, path.stem] if path.parent.parts else [path.stem]
    safe = [_UNSAFE_IN_NAME.sub("_", part) for part in parts]
    return "/".join("_" if part in ("", ".", "..") else part for part in safe)


def _write_inside(site: Path, name: str, data: bytes) -> None:
    """Write `data` at `name` under `site`, refusing any path that leads out of it.

    The names are built from safe characters, but the site folder may hold
    what an earlier step put there: a symbolic link on the way is not followed.
    """
    target = site.joinpath(*PurePosixPath(name).parts)
    if not target.parent.resolve().is_relative_to(site):  # resolves the part that exists
        raise PluginError(f"archgen: {name} would be written outside the site folder {site}")
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_symlink():
        target.unlink()
    target.write_bytes(data)


def _fenced(markdown: str) -> list[tuple[str, int, str]]:
    """Split Markdown into ("text", line, chunk) and ("archgen", line, body) parts.

    Only top-level `archgen` fences count: one shown inside a longer fence (an
    example in the docs) is text, as a Markdown reader sees it. A block ends
    where CommonMark ends it (`Fence.closes`), so a fence line inside the YAML,
    indented in a `description: |` or with a language after it, stays YAML
    instead of ending the block and putting the rest onto the page.
    """
    parts: list[tuple[str, int, str]] = []
    lines = markdown.splitlines(keepends=True)
    text: list[str] = []
    index = 0
    while index < len(lines):
        opening = fence_opening(lines[index])
        if opening is None:
            text.append(lines[index])
            index += 1
            continue
        fence, info = opening
        end = index + 1
        while end < len(lines) and not fence.closes(lines[end]):
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


def _at(span: Span, place: _Place) -> str:
    """Return `page:line:column` of a place in a block, counted on its page."""
    return f"{place.page}:{span.line + place.line - 1}:{span.column}"


def _on_page(problem: Problem, page: Path, first_line: int) -> Problem:
    """Move a problem of an inline block to its line on the page."""
    span = Span(str(page), problem.span.line + first_line - 1, problem.span.column)
    return Problem(span, problem.message)


def _body(arch: Architecture, explained: str) -> str:
    """Drop the explanation's own title and image: the page has its title and the figure.

    Only archgen's two lines go, found by their exact text and place (the title
    opens the text, the image follows the description), so a description line
    that copies either stays where its author put it.
    """
    lines = explained.splitlines()
    if lines and lines[0] == f"# {text(arch.document.title)}":
        del lines[0]
    image = md("![{}]({})", alt_text(arch), f"{arch.name}.png")
    if image in lines:
        del lines[len(lines) - 1 - lines[::-1].index(image)]
    return "\n".join(lines).strip() + "\n"
