"""The render use case: architectures in, output files out, all or nothing.

Each output carries fingerprints of what it was made from (see
render.stamp). When every output's input fingerprint matches, the run is
done without loading a model: that is `render --check` in CI and an unchanged
`render` in a pre-commit hook. Otherwise every file is loaded, and an output
is stale when its content fingerprint differs. Outputs to draw are drawn in
memory first (graphviz runs in parallel, one process per file); only when all
succeeded is anything written, each file atomically, so a failure never
leaves a half-updated output folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from archgen.errors import UsageError
from archgen.inputs import MAX_BYTES, declared_name, find_architectures, settings_bytes
from archgen.render.base import Artifact
from archgen.render.stamp import (
    Stamp,
    ask_tool_versions,
    fingerprint,
    input_fingerprint,
    read_stamp,
    source_fingerprint,
    stamp,
)

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

    def fingerprint(self, fmt: str) -> str:
        """Return the input fingerprint of the file's output in `fmt`."""
        parts = [self.data, self.settings, self.layout] if fmt == "md" else [self.data]
        return input_fingerprint(fmt, parts)


@dataclass(frozen=True)
class _Job:
    arch: Architecture
    planned: Drawing
    formats: tuple[str, ...]
    targets: dict[str, Path]
    stamps: dict[str, Stamp]
    ready: dict[str, Artifact]
    """Outputs made without graphviz (the Markdown), compared byte for byte."""


def render(
    paths: Sequence[str],
    out: Path,
    formats: Sequence[str] = FORMATS,
    *,
    check: bool = False,
    jobs: int | None = None,
    progress: Progress | None = None,
    templates: Path | None = None,
) -> RenderResult:
    """Render the architectures named by `paths` into `out`, or compare in check mode.

    The explanation follows the settings of the current folder, as `check` does.
    """
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown:
        choices = ", ".join(FORMATS)
        raise UsageError(f"--format: unknown format {unknown[0]!r} (choose from {choices})")
    chosen = tuple(fmt for fmt in FORMATS if fmt in formats)
    files = find_architectures(paths)
    ask_tool_versions()
    settings = settings_bytes() if "md" in chosen else b""
    layout = _template_bytes(templates) if "md" in chosen else b""
    if settings is not None:
        current = _current_without_loading(files, out, chosen, settings, layout)
        if current is not None:
            return RenderResult((), (), tuple(current))
    from archgen.app import load_all, load_config, write_bytes_atomically

    config = load_config() if "md" in chosen else None  # reports an unreadable settings file
    settings = settings or b""
    work = [
        _job(arch, out, chosen, templates, config, _Inputs(_source(arch), settings, layout))
        for arch in load_all(files)
    ]
    stale = [job for job in work if job.formats]
    unchanged = [job.targets[fmt] for job in work for fmt in chosen if fmt not in job.formats]
    stale_paths = [job.targets[fmt] for job in stale for fmt in job.formats]
    if check:
        return RenderResult((), tuple(stale_paths), tuple(unchanged))
    artifacts = _draw_all(stale, jobs or os.cpu_count() or 1, progress)
    for made in artifacts:
        for artifact in made:
            write_bytes_atomically(out / artifact.name, artifact.data)
    return RenderResult(tuple(stale_paths), (), tuple(unchanged))


def output_path(out: Path, name: str) -> Path:
    """Return where an output goes; a name can never lead outside the output folder."""
    folder = out.resolve()
    if (folder / name).resolve().parent != folder:
        raise UsageError(f"output name {name!r} would leave the output folder {out}")
    return out / name


def _current_without_loading(
    files: list[Path], out: Path, formats: tuple[str, ...], settings: bytes, layout: bytes
) -> list[Path] | None:
    """Return every output when each carries the input fingerprint of today's bytes, else None.

    A matching input fingerprint proves that this release made the output from
    exactly these bytes, which it only does for a valid file; anything else
    (a changed, unreadable or oversized file, a name not found at a glance, two
    files with one name) returns None and the files are loaded in full.
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
            mark = read_stamp(target, fmt)
            if mark is None or mark.inputs != inputs.fingerprint(fmt):
                return None
            outputs.append(target)
    return outputs


def _read_inputs(file: Path, settings: bytes, layout: bytes) -> _Inputs | None:
    try:
        if file.stat().st_size > MAX_BYTES:
            return None
        return _Inputs(file.read_bytes(), settings, layout)
    except OSError:
        return None


def _source(arch: Architecture) -> bytes:
    """Return the bytes of the file `arch` was loaded from (named as the loader named it)."""
    return Path(arch.file).read_bytes()


def _template_bytes(templates: Path | None) -> bytes:
    """Return the explanation template's bytes (empty when missing: rendering reports it)."""
    from archgen.render.templates import TEMPLATE, template_dir

    try:
        return ((templates or template_dir()) / TEMPLATE).read_bytes()
    except OSError:
        return b""


def _job(
    arch: Architecture,
    out: Path,
    formats: tuple[str, ...],
    templates: Path | None,
    config: RunConfig | None,
    inputs: _Inputs,
) -> _Job:
    """Plan one file's outputs: which are missing or show something else."""
    from archgen.layout.drawing import plan

    planned = plan(arch)
    targets = {fmt: output_path(out, f"{arch.name}.{fmt}") for fmt in formats}
    contents = {fmt: fingerprint(planned.dot, fmt) for fmt in formats if fmt != "md"}
    if "md" in formats:
        contents["md"] = _explanation_print(arch, inputs.layout, config)
    stamps = {fmt: Stamp(contents[fmt], inputs.fingerprint(fmt)) for fmt in formats}
    stale = tuple(fmt for fmt in formats if _shown(targets[fmt], fmt) != contents[fmt])
    ready = {"md": explanation(arch, templates, config)} if "md" in stale else {}
    return _Job(arch, planned, stale, targets, stamps, ready)


def _shown(target: Path, fmt: str) -> str | None:
    """Return the content fingerprint of an existing output."""
    mark = read_stamp(target, fmt)
    return mark.content if mark is not None else None


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


def _draw_all(work: list[_Job], jobs: int, progress: Progress | None) -> list[list[Artifact]]:
    if len(work) <= 1 or jobs == 1:
        drawn = []
        for done, job in enumerate(work, 1):
            drawn.append(_draw_one(job))
            if progress is not None:
                progress(done, len(work))
        return drawn
    import concurrent.futures  # only a run with several files draws in parallel

    results: dict[int, list[Artifact]] = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(_draw_one, job): index for index, job in enumerate(work)}
        for done, future in enumerate(concurrent.futures.as_completed(futures), 1):
            results[futures[future]] = future.result()
            if progress is not None:
                progress(done, len(work))
    return [results[index] for index in range(len(work))]


def _draw_one(job: _Job) -> list[Artifact]:
    drawn = tuple(fmt for fmt in job.formats if fmt not in job.ready)
    if not drawn:
        return [_stamped(job, fmt, job.ready[fmt]) for fmt in job.formats]
    from archgen.layout.drawing import draw

    graphviz_formats = tuple(_GRAPHVIZ_FORMAT[fmt] for fmt in drawn)
    drawing = draw(job.planned, graphviz_formats)
    made = []
    for fmt in job.formats:
        artifact = job.ready[fmt] if fmt in job.ready else _RENDERERS[fmt](drawing)
        made.append(_stamped(job, fmt, artifact))
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
