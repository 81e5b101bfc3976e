"""`archgen diff` for people at a terminal: the behaviour first, then what was edited."""

from __future__ import annotations

from archgen.diff.model import ArchitectureDiff, Link
from archgen.diff.summary import Sentence, headline, sentences
from archgen.safe_text import visible


def format_diff_text(diffs: list[ArchitectureDiff]) -> str:
    """Return every architecture's change, then the run's count."""
    blocks = ["\n".join(_architecture(diff)) for diff in diffs]
    return "".join(f"{block}\n\n" for block in blocks) + headline(diffs) + "\n"


def _architecture(diff: ArchitectureDiff) -> list[str]:
    where = f"{_side(diff.old)} -> {_side(diff.new)}"
    if diff.empty:
        return [f"{visible(diff.name)}: no change ({where})"]
    lines = [f"{visible(diff.name)} ({where})"]
    lines += [f"  {_sentence(sentence)}" for sentence in sentences(diff)]
    lines += [f"  old version unreadable, compared with nothing: {p}" for p in diff.unreadable]
    lines += ["  file renamed"] if diff.renamed else []
    lines += [f"  {field} changed" for field in diff.document]
    edits = diff.resources
    lines += _listed("resources added", [f"{rid} ({kind})" for rid, kind in edits.added])
    lines += _listed("resources removed", [f"{rid} ({kind})" for rid, kind in edits.removed])
    changed = [f"{item.id} ({', '.join(item.fields)})" for item in edits.changed]
    lines += _listed("resources changed", changed)
    lines += _listed("connections added", [_link(link) for link in diff.connections.added])
    lines += _listed("connections removed", [_link(link) for link in diff.connections.removed])
    changed_links = [f"{_link(c.link)} ({', '.join(c.fields)})" for c in diff.connections.changed]
    lines += _listed("connections changed", changed_links)
    lines += _listed("flows added", list(diff.flows.added))
    lines += _listed("flows removed", list(diff.flows.removed))
    lines += _listed("flows changed", list(diff.flows.changed))
    return lines


def _side(path: str | None) -> str:
    return "(none)" if path is None else visible(path)


def _sentence(sentence: Sentence) -> str:
    said = sentence.template.format(*(visible(value) for value in sentence.values))
    return f"{said}: {visible(sentence.detail)}" if sentence.detail else said


def _listed(what: str, items: list[str]) -> list[str]:
    return [f"  {what}: {visible(', '.join(items))}"] if items else []


def _link(link: Link) -> str:
    return f"{link.source} -> {link.target} {link.protocol} {link.port}"
