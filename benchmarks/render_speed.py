"""How fast `archgen render` is beside mingrammer's `diagrams`, in one run.

Both draw the capstone to one PNG, each in a new process and a fresh folder, in
alternation. Goals of the diagrams issue: archgen / diagrams <= 1.5; and
`archgen render --check` on the unchanged architectures/ under 0.5 s, timed
both right after a render and after an edit that changes no output.
The machine's speed drifts during a run, so the median of the ratios taken
within each round (the two tools back to back) is printed beside the ratio of
the medians.

    make bench            (or: python benchmarks/render_speed.py --rounds 11)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
"""Every tool runs as installed for users: Python may cache bytecode (some CI images forbid it)."""
PEER = Path(__file__).resolve().parent / "peer" / "capstone_diagrams.py"


def _seconds(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, check=False, env=ENV)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{command[0]} failed: {done.stderr.decode()[-500:]}")
    return elapsed


def main() -> None:
    """Print the medians and the ratios."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=11)
    rounds = parser.parse_args().rounds
    archgen = str(BIN / "archgen")
    capstone = str(ROOT / "architectures" / "capstone.yaml")
    times: dict[str, list[float]] = {"archgen": [], "diagrams": [], "check": [], "edited": []}
    with tempfile.TemporaryDirectory() as folder:
        as_rendered, after_edit = _rendered_twice(archgen, Path(folder))
        for _ in range(rounds):
            times["check"].append(_seconds([archgen, "render", "--check"], as_rendered))
            times["edited"].append(_seconds([archgen, "render", "--check"], after_edit))
    commands = {
        "archgen": [archgen, "render", capstone, "--format", "png", "--out", "."],
        "diagrams": [sys.executable, str(PEER)],
    }
    for round_number in range(rounds):
        order = ["archgen", "diagrams"] if round_number % 2 == 0 else ["diagrams", "archgen"]
        for tool in order:  # alternate who goes first, so neither always meets a cold machine
            with tempfile.TemporaryDirectory() as folder:
                out = Path(folder)
                times[tool].append(_seconds(commands[tool], out))
                if not (out / "capstone.png").is_file():
                    raise SystemExit(f"{tool} wrote no PNG")
    archgen_median = statistics.median(times["archgen"])
    peer_median = statistics.median(times["diagrams"])
    paired = sorted(a / d for a, d in zip(times["archgen"], times["diagrams"], strict=True))
    print(f"median of {rounds} rounds, each a new process:")
    print(f"  archgen render capstone --format png   {archgen_median * 1000:7.0f} ms")
    print(f"  diagrams (hand-written capstone)       {peer_median * 1000:7.0f} ms")
    print(f"  ratio archgen / diagrams               {archgen_median / peer_median:7.2f}")
    quartiles = statistics.quantiles(paired, n=4)
    print(
        f"  ratio within each round                {statistics.median(paired):7.2f}"
        f"  (quartiles {quartiles[0]:.2f} to {quartiles[2]:.2f})"
    )
    check = statistics.median(times["check"])
    edited = statistics.median(times["edited"])
    print(f"  render --check, as rendered            {check * 1000:7.0f} ms")
    print(f"  render --check, after a settings edit  {edited * 1000:7.0f} ms")


def _rendered_twice(archgen: str, folder: Path) -> tuple[Path, Path]:
    """Return two projects with architectures/ rendered by this release.

    In the first nothing changed since, so --check decides from the files' bytes
    alone; in the second the settings file has since gained a comment, which
    changes no output, so --check loads every model and compares what the
    outputs show (the slow path, as after any edit that changes no picture).
    """
    projects = (folder / "rendered", folder / "edited")
    for project in projects:
        shutil.copytree(ROOT / "architectures", project / "architectures")
        _seconds([archgen, "render"], project)
    (projects[1] / ".archgen.yaml").write_text("# reviewed: the defaults\n", encoding="utf-8")
    return projects


if __name__ == "__main__":
    main()
