"""What the `archgen` console command does first: spare a short run what only a long one needs.

Only the console command calls it (cli.run): a program that imports archgen
keeps its own garbage collection and pydantic settings.
"""

from __future__ import annotations

import gc
import os
import sys
import types
from collections.abc import Iterable

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
    """
    gc.set_threshold(100_000, 50, 50)
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] in _DISABLED:
        sys.modules.setdefault("pydantic.plugin._loader", _no_plugin_loader())


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
