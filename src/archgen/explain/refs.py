"""How the text names a resource: its label, with its id only when the label is shared."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from archgen.explain.facts import Ref
from archgen.model.architecture import Architecture


def ref(arch: Architecture, resource_id: str) -> Ref:
    """Return how the text names the resource: its label (with its id if shared), its reason."""
    resource = arch.resource(resource_id)
    label = resource.label or ""
    shared = bool(label) and _label_counts(arch)[label] > 1
    return Ref(resource_id, label, (resource.why or "").strip(), arch.type_of(resource_id), shared)


def _label_counts(arch: Architecture) -> Counter[str]:
    """Count each label once per architecture: two resources may share one."""
    return arch.memo(
        "explain.labels", lambda: Counter(r.label for r in arch.resources.values() if r.label)
    )


def refs(arch: Architecture, resource_ids: Iterable[str]) -> tuple[Ref, ...]:
    """Return the references of several resources, in the order given, each once."""
    return tuple(ref(arch, resource_id) for resource_id in dict.fromkeys(resource_ids))
