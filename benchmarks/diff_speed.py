"""How long `archgen diff --base HEAD` takes on the three shipped architectures.

A scratch git repository holds the three files in its first commit; the
working tree then edits each one (its title), so every file is loaded on
both sides, checked by every rule and walked by the network analysis twice.
archgen starts as a user starts it, a new process each run, from this
checkout's sources. Goal of the diff issue: under 2 s.

    python benchmarks/diff_speed.py --rounds 11
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARCHGEN = [sys.executable, "-c", "from archgen.cli import run; run()"]
GOAL = 2.0


def _environment(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.update(
        PYTHONPATH=str(ROOT / "src"),
        GIT_CONFIG_GLOBAL=str(home / "gitconfig"),
        GIT_AUTHOR_NAME="bench",
        GIT_AUTHOR_EMAIL="bench@example.org",
        GIT_COMMITTER_NAME="bench",
        GIT_COMMITTER_EMAIL="bench@example.org",
    )
    return env


def _repository(folder: Path, env: dict[str, str]) -> None:
    """Commit the shipped architectures in `folder`, then edit each in the working tree."""
    shutil.copytree(ROOT / "architectures", folder / "architectures")
    for command in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "base"]):
        subprocess.run(["git", *command], cwd=folder, env=env, check=True)
    for path in sorted((folder / "architectures").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^title: (.*)$", r"title: \1 (edited)", text, count=1, flags=re.M))


def _seconds(folder: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [*ARCHGEN, "diff", "--base", "HEAD"], cwd=folder, env=env, capture_output=True, check=False
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"archgen diff failed ({done.returncode}): {done.stderr.decode()}")
    return elapsed


def main() -> None:
    """Print the median time of `archgen diff --base HEAD` over the three files."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=11)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        env = _environment(folder)
        _repository(folder, env)
        _seconds(folder, env)  # warm the file system cache and the bytecode once
        median = statistics.median(_seconds(folder, env) for _ in range(rounds))
    verdict = "within" if median < GOAL else "OVER"
    print(f"archgen diff --base HEAD, 3 edited architectures, median of {rounds} runs:")
    print(f"  {median * 1000:.0f} ms ({verdict} the {GOAL:.0f} s goal)")


if __name__ == "__main__":
    main()
