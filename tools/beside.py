"""Run the checkers beside the tests, so `make test` waits for one rather than for both.

pytest keeps both cores of a small machine busy but for its start and its last modules,
and the checkers (mypy above all) fill those gaps. The tests write to the terminal as
they run; the checkers' output is held back and shown whole once they are done, so
neither interleaves with the other. A checker that fails stops the tests at once, as
running them first did, and its output is the last thing printed.

    python3 tools/beside.py --checks 'make lint typecheck imports' -- make pytest
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from typing import IO

POLL = 0.2
"""Seconds between looks at the two processes: small beside minutes of tests."""


def start(command: Sequence[str], output: IO[bytes] | None = None) -> subprocess.Popen[bytes]:
    """Start `command` in a process group of its own, so it can be stopped with its children."""
    return subprocess.Popen(command, stdout=output, stderr=output, process_group=0)


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a process and everything it started (pytest's workers, make's jobs)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
    process.wait()


def show(output: IO[bytes], status: int, command: str) -> None:
    """Print the checkers' held-back output when they failed, else one line that they passed."""
    sys.stdout.flush()
    if status == 0:
        print(f"checks passed beside the tests: {command}", flush=True)
        return
    output.seek(0)
    sys.stdout.buffer.write(output.read())
    print(f"checks failed (exit {status}): {command}", flush=True)


def run(checks: str, tests: Sequence[str]) -> int:
    """Run `checks` and `tests` at once; return the first failure's status, or 0."""
    with tempfile.TemporaryFile() as output:
        checking = start(shlex.split(checks), output)
        testing = start(tests)
        try:
            while checking.poll() is None and testing.poll() is None:
                time.sleep(POLL)
            if checking.returncode:  # a checker failed: the tests cannot pass review anyway
                stop(testing)
            checking.wait()
            testing.wait()
        finally:
            stop(checking)
            stop(testing)
        show(output, checking.returncode, checks)
        return checking.returncode or testing.returncode


def main(argv: Sequence[str] | None = None) -> None:
    """Parse `--checks COMMAND -- TESTS...` and exit with the combined status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--checks", required=True, help="the checkers' command line, quoted")
    parser.add_argument("tests", nargs="+", help="the test command, after --")
    args = parser.parse_args(argv)
    try:
        status = run(args.checks, args.tests)
    except KeyboardInterrupt:  # both were stopped on the way out; no traceback for Ctrl-C
        status = 128 + signal.SIGINT
    sys.exit(status)


if __name__ == "__main__":
    main(sys.argv[1:])
