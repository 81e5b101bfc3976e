"""How the text names a resource: its label, with its id only when the label is shared."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from archgen.explain.facts import Ref
from archgen.model.architecture import Architecture
from archgen.safe_markdown import Md, code, fragment, text


def ref(arch: Architecture, resource_id: str) -> Ref:
    """Return how the text names the resource: its label (with its id if shared), its reason."""
    resource = arch.resource(resource_id)
    label = resource.label or ""
    shared = bool(label) and _label_counts(arch)[label] > 1
    return Ref(resource_id, label, prose(resource.why or ""), arch.type_of(resource_id), shared)


def prose(value: str) -> Md:
    """Return the author's words as Markdown, their `backticked` names as code spans.

    Escaped, a backtick shows as a literal one; a name the format would accept
    as an id becomes a code span, anything else stays escaped text.
    """
    parts = " ".join(value.split()).split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: show the text as written
        return text(" ".join(value.split()))
    first = text(parts[0]) + (" " if parts[0].endswith(" ") else "")  # it may start a line
    rest = (code(part) if index % 2 else fragment(part) for index, part in enumerate(parts))
    return Md(first + "".join(list(rest)[1:]))


def _label_counts(arch: Architecture) -> Counter[str]:
    """Count each label once per architecture: two resources may share one."""
    return arch.memo(
        "explain.labels", lambda: Counter(r.label for r in arch.resources.values() if r.label)
    )


def refs(arch: Architecture, resource_ids: Iterable[str]) -> tuple[Ref, ...]:
    """Return the references of several resources, in the order given, each once."""
    return tuple(ref(arch, resource_id) for resource_id in dict.fromkeys(resource_ids))
