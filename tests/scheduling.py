"""How `make test` deals the tests out to its workers: whole modules, the costliest first.

A module's expensive fixture (the rendered gallery, the MkDocs site, the pre-commit
environment, the interrupted project) is built once only if all its tests run on one
worker. pytest-xdist's own `--dist loadgroup` cannot promise that with pytest 9.2: it
marks a group by appending to a test's node id, which pytest no longer lets a plugin
change (pytest-xdist issue 1386), so every test was dealt out alone and each worker
built every module fixture again. `ModuleScheduling` reads the module from the node
id instead, which any pytest gives it.

The workers hand the tests over in the order `order` sorts them into, and the
scheduler deals the modules out in that order: the costliest start first, and the
cheap modules and the shards of the long property tests, which may run anywhere,
fill the time while the other worker ends its last module.
"""

from __future__ import annotations

import pytest
from xdist.scheduler import LoadScopeScheduling  # type: ignore[import-untyped]  # no types

SPREAD = (
    "tests/generated/test_generated.py::test_a_valid_design_goes_through_every_command",
    "tests/test_fuzz.py::test_a_mutant_is_invalid_input_or_goes_through_every_stage",
)
"""The seeded shards of the long property tests: they share no module fixture."""

COSTS = {
    "tests/test_interrupts.py": 18.0,
    "tests/security/test_hostile_corpus.py": 16.0,
    "tests/gallery/test_gallery.py": 15.0,
    "tests/render/test_same_picture.py": 12.5,
    "tests/integrations/test_pre_commit.py": 12.0,
    "tests/test_packaging.py": 11.0,
    "tests/render/test_code_changes.py": 11.0,
    "tests/mermaid/test_browser.py": 10.5,
    "tests/explain/test_hostile_text.py": 10.0,
    "tests/drawio/test_viewer.py": 8.0,
    "tests/render/test_render.py": 7.5,
    "tests/diff/test_picture.py": 7.0,
    "tests/generated/test_generated.py": 7.0,
    "tests/test_stopped_anywhere.py": 6.0,
    "tests/security/test_mermaid_text.py": 6.0,
    "tests/render/test_line_starts.py": 5.0,
    "tests/integrations/test_mkdocs.py": 5.0,
    "tests/render/test_ladder.py": 4.5,
    "tests/render/test_box_borders.py": 4.5,
    "tests/render/test_network_view.py": 4.0,
    "tests/render/test_whole_resources.py": 4.0,
    "tests/security/test_dot_text.py": 4.0,
    "tests/test_cli.py": 4.0,
    "tests/layout/test_detour_reach.py": 4.0,
    "tests/layout/test_detour_judge.py": 3.0,
    SPREAD[0]: 3.0,
    "tests/test_held_signals.py": 2.0,
    "tests/integrations/test_mkdocs_blocks.py": 2.0,
    SPREAD[1]: 2.0,
}
"""Seconds a module (or one shard) takes on one worker of a quiet 2-core machine, roughly:
its CPU time and its subprocesses', summed from `pytest --durations=0` by module.

Only the order matters: a module missing here counts as cheap and runs after these,
in the order pytest collects it. The generated-design module's own tests (the network
view of 19 designs, the coverage of what the shards draw) cost more than a shard."""


def scope_of(nodeid: str) -> str:
    """Return the unit a test is dealt out in: its module, or the test itself if a shard."""
    function = nodeid.partition("[")[0]
    return nodeid if function in SPREAD else nodeid.partition("::")[0]


def cost_of(nodeid: str) -> float:
    """Return the seconds COSTS gives a test's module or shard, or none for a cheap one."""
    return COSTS.get(nodeid.partition("[")[0], COSTS.get(nodeid.partition("::")[0], 0.0))


def order(items: list[pytest.Item]) -> None:
    """Sort the tests so the costliest units come first, each module's tests kept together."""
    items.sort(key=lambda item: cost_of(item.nodeid), reverse=True)


class ModuleScheduling(LoadScopeScheduling):  # type: ignore[misc]  # xdist ships no types
    """Deal out each module whole, each shard alone, in the order the workers collected."""

    def __init__(self, config: pytest.Config, log: object = None) -> None:
        super().__init__(config, log)
        config.option.loadscopereorder = False  # keep `order`, not "most tests first"

    def _split_scope(self, nodeid: str) -> str:
        return scope_of(nodeid)
