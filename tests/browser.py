"""The real-client tests' browser: one headless Chromium per test process, and its clients.

A script that launched its own Chromium spent most of its time starting the browser, and
a page that loaded the draw.io viewer (12 MB of scripts) or Mermaid for each file spent
most of the rest loading them. So the first test that needs the browser starts
browser_server.mjs, which launches Chromium and stays for the whole process, and `ask`
sends it requests: a client (the draw.io viewer, Mermaid) is loaded once into a page of its
own, in its own empty browser context, and each file is drawn in a fresh container there,
its report holding only the errors raised while it was drawn; a page of the course notes
opens in a new, empty context each time. The browser ends with the process: the server
stops when its standard input closes.
"""

from __future__ import annotations

import atexit
import functools
import json
import queue
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SERVER = Path(__file__).parent / "browser_server.mjs"


@dataclass
class _Server:
    """The browser service's process and the lines it answered."""

    process: subprocess.Popen[str]
    answers: queue.Queue[str] = field(default_factory=queue.Queue)


@functools.cache
def _browser(viewer: Path) -> _Server:
    """Start the shared browser; return its server, reading its answers on a thread."""
    process = subprocess.Popen(
        ["node", str(SERVER), str(viewer)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    address = process.stdout.readline().strip()
    assert address.startswith("ws://"), f"the test browser did not start: {address!r}"
    server = _Server(process)
    threading.Thread(target=_read, args=(server,), daemon=True).start()
    atexit.register(_stop, process)
    return server


def _read(server: _Server) -> None:
    """Queue each line the server answers, so a caller can wait for one with a timeout."""
    assert server.process.stdout is not None
    for line in server.process.stdout:
        server.answers.put(line)
    server.answers.put("")  # the service ended: no answer will come


def _stop(process: subprocess.Popen[str]) -> None:
    """Close the browser and wait for it, so its time counts in the test run's own."""
    assert process.stdin is not None
    if process.poll() is None:
        process.stdin.close()
        process.wait(timeout=30)


def _running(viewer: Path) -> _Server:
    """Return the shared browser, starting another if the last one died."""
    server = _browser(viewer)
    if server.process.poll() is not None:
        _browser.cache_clear()
        server = _browser(viewer)
    return server


def ask(viewer: Path, tool: str, args: list[str], *, timeout: int) -> Any:
    """Have the browser service draw with `tool` given its script's `args`; return the report.

    A service that does not answer within `timeout` seconds is stopped, so the next test
    starts a fresh browser instead of waiting behind a hung page.
    """
    server = _running(viewer)
    assert server.process.stdin is not None
    server.process.stdin.write(json.dumps({"tool": tool, "args": args}) + "\n")
    server.process.stdin.flush()
    try:
        line = server.answers.get(timeout=timeout)
    except queue.Empty:
        server.process.terminate()
        server.process.wait(timeout=30)
        raise AssertionError(f"the browser drew nothing in {timeout} s with {tool}") from None
    assert line, f"the browser service ended while drawing with {tool}"
    answer = json.loads(line)
    assert "error" not in answer, answer["error"][-2000:]
    return answer["report"]
