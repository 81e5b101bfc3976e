"""The render use case: architectures in, output files out, all or nothing.

Each output carries fingerprints of what it was made from, sealed to its own
bytes (see render.stamp). When every output's input fingerprint matches, the
run is done without loading a model: that is `render --check` in CI and an
unchanged `render` in a pre-commit hook. Otherwise every file is loaded, and
an output is stale when its content fingerprint differs. With `verify`, no
fingerprint is trusted: every output is drawn again and compared byte for
byte. Outputs to draw are drawn in memory first (graphviz runs in parallel,
one process per file); only when all succeeded are they written, all together
(see output_folder), so a failure or an interruption never leaves a
half-updated output folder.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from archgen.errors import InvalidInput, RenderError, UsageError
from archgen.inputs import (
    declared_name,
    find_architectures,
    read_input,
    refuse_link_out,
    settings_bytes,
)
from archgen.output_folder import STAGING_PREFIX, OutputFolder, writing
from archgen.render.base import Artifact
from archgen.render.stamp import (
    Stamp,
    ask_tool_versions,
    fingerprint,
    input_fingerprint,
    parse_output,
    read_output,
    source_fingerprint,
    stamp,
)
from archgen.safe_text import visible

if TYPE_CHECKING:
    from archgen.layout.drawing import Drawing
    from archgen.model.architecture import Architecture
    from archgen.rules.config import RunConfig

FORMATS = ("png", "svg", "drawio", "md")
"""The formats archgen renders, in the order it writes them."""

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RenderResult:
    """What a render run wrote, or in --check mode, what is missing or stale."""

    written: tuple[Path, ...]
    stale: tuple[Path, ...]
    unchanged: tuple[Path, ...]


@dataclass(frozen=True)
class _Inputs:
    """The bytes one file's outputs are made from, read without loading the model."""

    data: bytes
    settings: bytes
    layout: bytes

    def fingerprint(self, target: Path, fmt: str) -> str:
        """Return the input fingerprint of the file's output in `fmt`, written to `target`."""
        parts = [self.data, self.settings, self.layout] if fmt == "md" else [self.data]
        return input_fingerprint(fmt, target.name, parts)


@dataclass(frozen=True)
class _Job:
    arch: Architecture
    planned: Drawing
    formats: tuple[str, ...]
    targets: dict[str, Path]
    stamps: dict[str, Stamp]
    ready: dict[str, Artifact]
    """Outputs made without graphviz (the Markdown), compared byte for byte."""


@dataclass(frozen=True)
class _Run:
    """What one render run was asked to do."""

    out: Path
    formats: tuple[str, ...]
    check: bool
    verify: bool
    force: bool
    jobs: int
    progress: Progress | None
    templates: Path | None


def render(
    paths: Sequence[str],
    out: Path,
    formats: Sequence[str] = FORMATS,
    *,
    check: bool = False,
    verify: bool = False,
    force: bool = False,
    jobs: int | None = None,
    progress: Progress | None = None,
    templates: Path | None = None,
) -> RenderResult:
    """Render the architectures named by `paths` into `out`, or compare in check mode.

    `verify` trusts no fingerprint: every output is drawn and compared byte
    for byte. `force` lets outputs replace files archgen did not write. The
    explanation follows the settings of the current folder, as `check` does.
    """
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown:
        choices = ", ".join(FORMATS)
        raise UsageError(f"--format: unknown format {unknown[0]!r} (choose from {choices})")
    chosen = tuple(fmt for fmt in FORMATS if fmt in formats)
    refuse_link_out(out, "--out")
    run = _Run(out, chosen, check, verify, force, jobs or os.cpu_count() or 1, progress, templates)
    files = find_architectures(paths)
    if check:
        checked = _render(files, run, None)
        return dataclasses.replace(checked, stale=checked.stale + _leftovers(out))
    with writing(out) as folder:
        return _render(files, run, folder)


def _leftovers(out: Path) -> tuple[Path, ...]:
    """Return the staging folders in `out`: a killed run's, or ones a pull request committed.

    The next render finishes or removes them; until then the output folder
    is not what the fingerprints say, so `--check` calls them stale.
    """
    return tuple(sorted(out.glob(f"{STAGING_PREFIX}*"))) if out.is_dir() else ()


def _render(files: list[Path], run: _Run, folder: OutputFolder | None) -> RenderResult:
    """Compare, then draw and write what is stale (into `folder`; None: --check)."""
    ask_tool_versions()
    chosen, out = run.formats, run.out
    settings = settings_bytes() if "md" in chosen else b""
    layout = _template_bytes(run.templates) if "md" in chosen else b""
    if settings is not None and not run.verify:
        current = _current_without_loading(files, out, chosen, settings, layout)
        if current is not None:
            return RenderResult((), (), tuple(current))
    from archgen.app import load_all, load_config

    config = load_config() if "md" in chosen else None  # reports an unreadable settings file
    settings = settings or b""
    work = [
        _job(arch, run, config, _Inputs(_source(arch), settings, layout))
        for arch in load_all(files)
    ]
    targets = [job.targets[fmt] for job in work for fmt in chosen]
    if run.check and not run.verify:
        stale = [job.targets[fmt] for job in work for fmt in job.formats]
        return _result(targets, stale, written=False)
    drawn = _draw_all([job for job in work if job.formats], run.jobs, run.progress)
    outputs = {target: artifact.data for made in drawn for target, artifact in made}
    if run.verify:
        shown = {job.targets[fmt]: (fmt, job.stamps[fmt].content) for job in work for fmt in chosen}
        outputs = {t: data for t, data in outputs.items() if _differs(t, *shown[t], data)}
    if folder is not None:
        folder.commit(outputs, force=run.force)
    return _result(targets, list(outputs), written=folder is not None)


def _differs(target: Path, fmt: str, content: str, drawn: bytes) -> bool:
    """Return whether an output shows other than what was just drawn for it.

    The stamps are set aside: an output whose picture is right keeps the
    input fingerprint of the release that wrote it (archgen rewrites no
    picture for a change of code that draws nothing differently).
    """
    old, new = read_output(target, fmt), parse_output(drawn, fmt)
    return old is None or new is None or old.body != new.body or not old.shows(content)


def _result(targets: list[Path], changed: list[Path], *, written: bool) -> RenderResult:
    changes = set(changed)
    unchanged = tuple(target for target in targets if target not in changes)
    if written:
        return RenderResult(tuple(changed), (), unchanged)
    return RenderResult((), tuple(changed), unchanged)


def output_path(out: Path, name: str) -> Path:
    """Return where an output goes; a name can never lead outside the output folder.

    The name is judged as written, not resolved: a symlink already at the
    target is no way out either, since output_folder never writes through one.
    """
    if name in {"", ".", ".."} or Path(name).name != name or "\\" in name:
        raise UsageError(f"output name {name!r} would leave the output folder {out}")
    return out / name


def _current_without_loading(
    files: list[Path], out: Path, formats: tuple[str, ...], settings: bytes, layout: bytes
) -> list[Path] | None:
    """Return every output when each carries the input fingerprint of today's bytes, else None.

    A matching input fingerprint, sealed to the output's bytes, shows that
    this release made these very bytes from exactly these inputs, which it
    only does for a valid file; anything else (a changed, unreadable or
    oversized file, a damaged output, a name not found at a glance, two files
    with one name) returns None and the files are loaded in full.
    """
    outputs: list[Path] = []
    names: set[str] = set()
    for file in files:
        inputs = _read_inputs(file, settings, layout)
        name = declared_name(inputs.data) if inputs is not None else None
        if inputs is None or name is None or name in names:
            return None
        names.add(name)
        for fmt in formats:
            target = out / f"{name}.{fmt}"
            shown = read_output(target, fmt)
            if shown is None or not shown.made_from(inputs.fingerprint(target, fmt)):
                return None
            outputs.append(target)
    return outputs


def _read_inputs(file: Path, settings: bytes, layout: bytes) -> _Inputs | None:
    try:
        return _Inputs(read_input(file), settings, layout)
    except InvalidInput:  # the full load reports it at its place
        return None


def _source(arch: Architecture) -> bytes:
    """Return the exact bytes `arch` was parsed from, which its outputs are fingerprinted with.

    Only a model built from text in memory has none kept; its file is read.
    """
    data = arch.source.data
    return data if data is not None else read_input(Path(arch.file))


def _template_bytes(templates: Path | None) -> bytes:
    """Return what the explanation's layout is made from: every file in the templates folder.

    A template can include, import or extend any other file of its folder,
    so each file counts, by its path in the folder and its bytes, in the
    order of those paths. A file that cannot be read counts by its name alone;
    a missing template is reported when the explanation is rendered.
    """
    from archgen.render.templates import template_dir

    root = templates or template_dir()
    listed = []
    for folder, folders, files in os.walk(root):
        folders.sort()
        for name in files:
            path = Path(folder) / name
            listed.append((path.relative_to(root).as_posix(), path))
    parts = [
        relative.encode("utf-8", "surrogateescape") + b"\0" + _file_digest(path)
        for relative, path in sorted(listed)
    ]
    return b"".join(parts)


def _file_digest(path: Path) -> bytes:
    """Return the SHA-256 digest of a file's bytes: fixed-length, so names and bytes never blur."""
    try:
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return bytes(32)  # as long as a digest, and equal to none in practice


def _job(arch: Architecture, run: _Run, config: RunConfig | None, inputs: _Inputs) -> _Job:
    """Plan one file's outputs: which are missing or show something else (all, to verify)."""
    from archgen.layout.drawing import plan

    planned = plan(arch)
    formats = run.formats
    targets = {fmt: output_path(run.out, f"{arch.name}.{fmt}") for fmt in formats}
    contents = {fmt: fingerprint(planned.dot, fmt) for fmt in formats if fmt != "md"}
    if "md" in formats:
        contents["md"] = _explanation_print(arch, inputs.layout, config)
    stamps = {fmt: Stamp(contents[fmt], inputs.fingerprint(targets[fmt], fmt)) for fmt in formats}
    stale = (
        formats
        if run.verify
        else tuple(fmt for fmt in formats if not _shows(targets[fmt], fmt, contents[fmt]))
    )
    drawn = not run.check or run.verify  # a plain --check only names the stale outputs
    ready = {"md": explanation(arch, run.templates, config)} if drawn and "md" in stale else {}
    return _Job(arch, planned, stale, targets, stamps, ready)


def _shows(target: Path, fmt: str, content: str) -> bool:
    """Return whether an existing output's own bytes carry the content fingerprint `content`."""
    shown = read_output(target, fmt)
    return shown is not None and shown.shows(content)


def _explanation_print(arch: Architecture, layout: bytes, config: RunConfig | None) -> str:
    """Fingerprint the explanation's content: the file, the settings and the template."""
    settings = b"defaults" if config is None else config.model_dump_json().encode()
    return source_fingerprint(["\n".join(arch.source.lines).encode(), settings, layout])


def explanation(
    arch: Architecture, templates: Path | None = None, config: RunConfig | None = None
) -> Artifact:
    """Return the Markdown explanation of `arch`, with its check results."""
    from archgen.explain.content import explain
    from archgen.render.markdown import render_markdown
    from archgen.rules.config import RunConfig
    from archgen.rules.engine import run_rules
    from archgen.rules.registry import ALL_RULES

    config = config or RunConfig()
    findings = run_rules(arch, config=config)
    rules_run = sum(1 for rule in ALL_RULES if config.selects(rule))
    return render_markdown(explain(arch, findings, rules_run), templates)


Made = list[tuple[Path, Artifact]]
"""One file's outputs, each with where it goes."""


def _draw_all(work: list[_Job], jobs: int, progress: Progress | None) -> list[Made]:
    if len(work) <= 1 or jobs == 1:
        drawn = []
        for done, job in enumerate(work, 1):
            drawn.append(_draw_one(job))
            if progress is not None:
                progress(done, len(work))
        return drawn
    import concurrent.futures  # only a run with several files draws in parallel

    results: dict[int, Made] = {}
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs))
    try:
        futures = {pool.submit(_draw_one, job): index for index, job in enumerate(work)}
        for done, future in enumerate(concurrent.futures.as_completed(futures), 1):
            results[futures[future]] = future.result()
            if progress is not None:
                progress(done, len(work))
    finally:  # interrupted or failed: files not started yet are not drawn
        pool.shutdown(cancel_futures=True)
    return [results[index] for index in range(len(work))]


def _draw_one(job: _Job) -> Made:
    drawn = tuple(fmt for fmt in job.formats if fmt not in job.ready)
    if not drawn:
        return [(job.targets[fmt], _stamped(job, fmt, job.ready[fmt])) for fmt in job.formats]
    from archgen.layout.drawing import draw

    graphviz_formats = tuple(_GRAPHVIZ_FORMAT[fmt] for fmt in drawn)
    try:
        drawing = draw(job.planned, graphviz_formats)
    except RenderError as error:  # name the design: a run draws many, and writes none now
        raise RenderError(f"{visible(job.arch.file)}: {error}") from None
    made = []
    for fmt in job.formats:
        artifact = job.ready[fmt] if fmt in job.ready else _RENDERERS[fmt](drawing)
        made.append((job.targets[fmt], _stamped(job, fmt, artifact)))
    return made


def _png(drawing: Drawing) -> Artifact:
    from archgen.render.png_svg import render_png  # drawn outputs only: not for --check

    return render_png(drawing)


def _svg(drawing: Drawing) -> Artifact:
    from archgen.render.png_svg import render_svg

    return render_svg(drawing)


def _drawio(drawing: Drawing) -> Artifact:
    from archgen.layout.geometry import from_dot_json
    from archgen.render.drawio import render_drawio

    return render_drawio(drawing.scene, from_dot_json(drawing.outputs["json"]))


_RENDERERS: dict[str, Callable[[Drawing], Artifact]] = {"png": _png, "svg": _svg, "drawio": _drawio}
"""How each graphviz-drawn format becomes an output; each imports only its own renderer."""


def _stamped(job: _Job, fmt: str, artifact: Artifact) -> Artifact:
    return Artifact(artifact.name, stamp(artifact.data, fmt, job.stamps[fmt]))


_GRAPHVIZ_FORMAT = {"png": "png", "svg": "svg", "drawio": "json"}
