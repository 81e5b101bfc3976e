"""How fast `archgen check` is beside cfn-lint, on the same design, in one run.

Both tools are started as a user starts them (a new process each time), in
alternation so that both see the same machine state; the figure is the ratio
of the medians. Goal of the foundation issue: archgen / cfn-lint <= 0.3.

    make bench            (or: python benchmarks/check_speed.py --rounds 15)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
"""Every tool runs as installed for users: Python may cache bytecode (some CI images forbid it)."""


def _seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, capture_output=True, check=False, env=ENV)
    return time.perf_counter() - start


def _bench(commands: dict[str, list[str]], rounds: int) -> dict[str, float]:
    for command in commands.values():
        _seconds(command)  # warm the file system cache once for each
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            times[name].append(_seconds(command))
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    """Print the medians and the ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument(
        "--cfn-lint", default=str(BIN / "cfn-lint"), help="the cfn-lint to compare with"
    )
    args = parser.parse_args()
    rounds = args.rounds
    archgen, cfn_lint = str(BIN / "archgen"), args.cfn_lint
    commands = {
        "archgen check architectures/capstone.yaml": [
            archgen,
            "check",
            "architectures/capstone.yaml",
        ],
        "archgen check architectures/ (gallery too)": [archgen, "check", "architectures/"],
        "cfn-lint benchmarks/cfn/capstone.yaml": [cfn_lint, "benchmarks/cfn/capstone.yaml"],
    }
    medians = _bench(commands, rounds)
    peer = medians["cfn-lint benchmarks/cfn/capstone.yaml"]
    print(f"median of {rounds} rounds, each tool a new process:")
    for name, seconds in medians.items():
        print(f"  {name:45} {seconds * 1000:8.0f} ms   ratio to cfn-lint {seconds / peer:5.2f}")


if __name__ == "__main__":
    main()
