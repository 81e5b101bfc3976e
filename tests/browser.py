"""The real-client tests' node scripts, run against one headless Chromium per test process.

A script that launched its own Chromium spent most of its time starting the browser.
`run_node` starts one (browser_server.mjs) the first time a test needs it and names it
to every script in ARCHGEN_BROWSER_WS; each script still opens its page in a new, empty
browser context (tests/browser.mjs), so no page sees another's storage or cache. The
browser ends with the process: the server stops when its standard input closes.
"""

from __future__ import annotations

import atexit
import functools
import os
import subprocess
from pathlib import Path

SERVER = Path(__file__).parent / "browser_server.mjs"


@functools.cache
def _browser(viewer: Path) -> tuple[subprocess.Popen[str], str]:
    """Start the shared browser; return its server process and DevTools address."""
    server = subprocess.Popen(
        ["node", str(SERVER), str(viewer)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert server.stdout is not None
    address = server.stdout.readline().strip()
    assert address.startswith("ws://"), f"the test browser did not start: {address!r}"
    atexit.register(_stop, server)
    return server, address


def _stop(server: subprocess.Popen[str]) -> None:
    """Close the browser and wait for it, so its time counts in the test run's own."""
    assert server.stdin is not None
    server.stdin.close()
    server.wait(timeout=30)


def run_node(
    viewer: Path, script: Path, *args: str, timeout: int
) -> subprocess.CompletedProcess[str]:
    """Run a node script of the tests with the shared browser; the caller checks the result."""
    server, address = _browser(viewer)
    if server.poll() is not None:  # the browser died: start another for the next tests
        _browser.cache_clear()
        server, address = _browser(viewer)
    return subprocess.run(
        ["node", str(script), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env={**os.environ, "ARCHGEN_BROWSER_WS": address},
    )
