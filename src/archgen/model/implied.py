"""Calls a resource makes because a field says so, not because a connection was drawn.

A Bedrock knowledge base reads its `data_source` bucket, writes and searches
its `vector_store`, and invokes its embedding `model` in Bedrock, all with
its service role. The identity rules ask here, so the role must allow them
(AG501) and allowing them is not excess (AG502), drawn or not.
"""

from __future__ import annotations

from typing import NamedTuple

from archgen.model.architecture import Architecture
from archgen.model.resources.analytics import BedrockKnowledgeBase
from archgen.model.resources.services import Bedrock
from archgen.source import KeyPath


class ImpliedCall(NamedTuple):
    """A call `caller` makes under its role; `path` is the field that implies it."""

    caller: str
    callee: str
    path: KeyPath


def implied_calls(arch: Architecture) -> tuple[ImpliedCall, ...]:
    """Return every call a field implies, in declaration order, found once per architecture."""
    return arch.memo("model.implied_calls", lambda: tuple(_find(arch)))


def _find(arch: Architecture) -> list[ImpliedCall]:
    found = []
    for kb in arch.resources_of(BedrockKnowledgeBase):
        path: KeyPath = ("resources", kb.id)
        if kb.data_source is not None:
            found.append(ImpliedCall(kb.id, kb.data_source, (*path, "data_source")))
        found.append(ImpliedCall(kb.id, kb.vector_store, (*path, "vector_store")))
        if kb.model is not None:
            found += [
                ImpliedCall(kb.id, model.id, (*path, "model"))
                for model in arch.resources_of(Bedrock)
                if model.model in (None, kb.model)
            ]
    return found
