"""What the `archgen` console command does first: spare a short run what only a long one needs.

Only the console command calls it (cli.run): a program that imports archgen
keeps its own garbage collection and pydantic settings.
"""

from __future__ import annotations

import functools
import gc
import os
import re
import sys
import types
from collections.abc import Callable, Iterable
from typing import Any

_DISABLED = ("__all__", "1", "true")
"""The PYDANTIC_DISABLE_PLUGINS values by which pydantic itself loads no plugin at all."""


def start_quickly() -> None:
    """Set the interpreter and pydantic up for one short run.

    The cyclic garbage collector runs after every 700 new objects; loading
    archgen's modules and models makes hundreds of thousands, so it ran some
    hundred times in a render, about 5% of its time, finding next to nothing.
    It now runs after every 100,000 (as mypy does for the same reason); a
    long run still collects. pydantic's plugins, which another package may
    install to watch every validation, are not looked for unless the user
    says otherwise with PYDANTIC_DISABLE_PLUGINS: the search reads the metadata
    of every installed distribution, and none of them is meant for archgen.
    PyYAML's one regular expression that libyaml makes useless is compiled
    only if it is searched.
    """
    gc.set_threshold(100_000, 50, 50)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] in _DISABLED:
        sys.modules.setdefault("pydantic.plugin._loader", _no_plugin_loader())
    if "yaml" not in sys.modules:
        re.compile = _yaml_pattern_on_first_use(re.compile)


_YAML_NON_PRINTABLE = "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
"""The characters YAML forbids, as PyYAML's pure-Python reader writes them (yaml/reader.py)."""


def _yaml_pattern_on_first_use(compile_now: Callable[..., Any]) -> Callable[..., Any]:
    """Return `re.compile` that leaves one pattern, PyYAML's, to be compiled when first searched.

    PyYAML's pure-Python reader compiles the characters YAML forbids when
    `yaml` is imported: `re` walks their 60,000 code points one by one in
    Python, some 3 ms, a third of the time a render spends on regular
    expressions. archgen reads YAML with libyaml, which checks those characters
    itself, so the pattern is searched only where PyYAML has no libyaml.
    Once it is asked for, `re.compile` is itself again.
    """

    def compile_(pattern: Any, flags: int = 0) -> Any:
        if pattern != _YAML_NON_PRINTABLE or flags:
            return compile_now(pattern, flags)
        re.compile = compile_now
        return _OnFirstUse(pattern)

    return compile_


class _OnFirstUse:
    """Stands for a compiled pattern: compiles it when one of its methods is first asked for."""

    def __init__(self, pattern: str) -> None:
        self._pattern = pattern

    @functools.cached_property
    def _compiled(self) -> re.Pattern[str]:
        return re.compile(self._pattern)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._compiled, name)


def _no_plugin_loader() -> types.ModuleType:
    """Return a stand-in for pydantic's plugin loader that finds no plugin, as told.

    pydantic imports its loader when it builds the first validator, and the
    loader imports importlib.metadata (with email, csv and zipfile) to read
    entry points, a tenth of a render's imports, even when the setting above
    tells it to load none: then its `get_plugins` returns nothing, which is
    all this stand-in does. With any other setting pydantic's own loader runs.
    """
    loader = types.ModuleType("pydantic.plugin._loader", "No pydantic plugins (archgen.startup).")
    loader.__dict__.update(get_plugins=_no_plugins)
    return loader


def _no_plugins() -> Iterable[object]:
    return ()
