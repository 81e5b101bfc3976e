"""`archgen diff` as Markdown for a pull request: what the change does first, then tables.

Every value from the files (ids, paths, flow names, finding messages) goes
through `archgen.safe_markdown`, so a pull request's text cannot turn into
markup in the comment archgen posts on it.
"""

from __future__ import annotations

from collections.abc import Sequence

from archgen.diff.model import ArchitectureDiff, Link
from archgen.diff.picture import change_picture
from archgen.diff.summary import Sentence, headline, sentences
from archgen.errors import Problem
from archgen.layout.mermaid import fits, mermaid_source
from archgen.safe_markdown import Md, code, text

HEADING = "Architecture changes"


def format_diff_markdown(diffs: list[ArchitectureDiff], heading: str = HEADING) -> str:
    """Return the run's Markdown: a heading, the count, then each changed architecture."""
    parts = [f"## {heading}", f"{headline(diffs).capitalize()}."]
    parts += [format_architecture(diff, level=3) for diff in diffs if not diff.empty]
    return "\n\n".join(parts) + "\n"


def format_architecture(diff: ArchitectureDiff, level: int = 1) -> str:
    """Return one architecture's change (what `--out` writes as `<name>.diff.md`)."""
    hashes = "#" * level
    parts = [
        f"{hashes} {code(diff.name)}",
        f"{_side(diff.old)} → {_side(diff.new)}",
        _behaviour(diff),
        *_unreadable(diff),
        *(["**File renamed.**"] if diff.renamed else []),
        *([f"**{', '.join(diff.document).capitalize()} changed.**"] if diff.document else []),
        *_picture(diff),
        *_tables(diff),
    ]
    return "\n\n".join(parts)


LEGEND = (
    "Key: :green_square: added · :red_square: removed (dashed, drawn where it was) · "
    ":orange_square: changed · :white_large_square: unchanged"
)
"""The picture's colours in words (GitHub shows the squares as coloured emoji)."""


def _picture(diff: ArchitectureDiff) -> list[str]:
    """Return the change as a Mermaid block and its key; nothing when nothing changed."""
    if diff.empty:
        return []
    picture = change_picture(diff)
    source = mermaid_source(picture.scene, picture.status)
    if not fits(source):
        return [
            f"*(No picture here: at {len(source):,} characters it is larger than Mermaid draws.)*"
        ]
    return [f"```mermaid\n{source}```", LEGEND]


def _unreadable(diff: ArchitectureDiff) -> list[str]:
    """Say why the old version could not be read: a reviewer knows it was compared with nothing."""
    if not diff.unreadable:
        return []
    lines = "\n".join(f"- {_problem(problem)}" for problem in diff.unreadable)
    return [f"**The old version could not be read; it is compared with nothing.**\n\n{lines}"]


def _problem(problem: Problem) -> str:
    where = f"{problem.span.file}:{problem.span.line}:{problem.span.column}"
    return f"{code(where)}: {text(problem.message)}"


def format_invalid_markdown(problems: Sequence[Problem], heading: str = HEADING) -> str:
    """Return the Markdown of a run stopped by an invalid file: which file, where, and why.

    The pull-request comment then says the change cannot be compared, instead
    of keeping the last push's diff as if it still held.
    """
    lines = "\n".join(f"- {_problem(problem)}" for problem in problems)
    said = "The change cannot be compared: a file it changes is not a valid architecture."
    return f"## {heading}\n\n{said}\n\n{lines}\n"


def _side(path: str | None) -> Md:
    return Md("*(none)*") if path is None else code(path)


def _behaviour(diff: ArchitectureDiff) -> str:
    said = sentences(diff)
    if not said:
        return "**What it does:** nothing the analysis sees (exposure, reach, zones, findings)."
    return "**What it does**\n\n" + "\n".join(f"- {_sentence(s)}" for s in said)


def _sentence(sentence: Sentence) -> str:
    """Word one line, with its detail: a finding's message says what the rule found."""
    said = sentence.template.format(*(code(value) for value in sentence.values))
    if not sentence.detail:
        return said
    return f"{said}: {text(sentence.detail)}"


def _tables(diff: ArchitectureDiff) -> list[str]:
    edits = diff.resources
    resources = [
        *(("added", code(rid), text(kind), "") for rid, kind in edits.added),
        *(("removed", code(rid), text(kind), "") for rid, kind in edits.removed),
        *(
            ("changed", code(item.id), text(item.type), ", ".join(code(f) for f in item.fields))
            for item in edits.changed
        ),
    ]
    links = [
        *(("added", *_link(link), "") for link in diff.connections.added),
        *(("removed", *_link(link), "") for link in diff.connections.removed),
        *(
            ("changed", *_link(item.link), ", ".join(code(f) for f in item.fields))
            for item in diff.connections.changed
        ),
    ]
    flows = [
        *(("added", text(name)) for name in diff.flows.added),
        *(("removed", text(name)) for name in diff.flows.removed),
        *(("changed", text(name)) for name in diff.flows.changed),
    ]
    return [
        table
        for table in (
            _table("Resources", ("", "resource", "type", "fields"), resources),
            _table("Connections", ("", "from", "to", "protocol", "port", "fields"), links),
            _table("Flows", ("", "flow"), flows),
            _findings(diff),
        )
        if table
    ]


def _link(link: Link) -> tuple[str, str, str, str]:
    return code(link.source), code(link.target), text(link.protocol), str(link.port)


def _findings(diff: ArchitectureDiff) -> str:
    done = diff.behaviour
    rows = [
        (
            verb,
            code(f.rule),
            f.severity.value,
            code(f.resource) if f.resource else "",
            text(f.message),
        )
        for verb, found in (("new", done.findings_new), ("fixed", done.findings_fixed))
        for f in found
    ]
    return _table("Findings", ("", "rule", "severity", "resource", "message"), rows)


def _table(title: str, header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    if not rows:
        return ""
    lines = [f"**{title}**", "", _row(header), _row(tuple("---" for _ in header))]
    return "\n".join(lines + [_row(row) for row in rows])


def _row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(cells) + " |"
