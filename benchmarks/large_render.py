"""How long `archgen render` takes for a large design: 300 resources, every output.

The design is built here, the same on every run: VPCs of three zones with
public, application and data subnets, NAT gateways, load balancers, Auto
Scaling groups, Multi-AZ databases and caches, and regional services (Lambda,
S3, SQS, SNS, DynamoDB) with IAM roles, joined by connections. Each round
renders it (PNG, SVG, draw.io, Markdown) in a new process into a fresh folder.
Goal of the robustness issue: under 10 s. The rung of the layout ladder used
is printed too (graphviz may refuse the full layout of a design this size).

    python benchmarks/large_render.py --rounds 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

BIN = Path(sys.executable).parent
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
ZONES = ("a", "b", "c")
TIERS = ("public", "app", "data")
GOAL_SECONDS = 10.0

Resources = dict[str, dict[str, Any]]


def _vpc(number: int, resources: Resources) -> list[tuple[str, str, str]]:
    """Add one VPC of three zones and its workload; return its connections."""
    v = f"v{number}"
    resources[v] = {"type": "vpc", "cidr": f"10.{number}.0.0/16"}
    resources[f"{v}-igw"] = {"type": "internet_gateway", "vpc": v}
    resources[f"{v}-public"] = {
        "type": "route_table",
        "vpc": v,
        "routes": [{"destination": "0.0.0.0/0", "target": f"{v}-igw"}],
    }
    for index, (tier, zone) in enumerate((t, z) for t in TIERS for z in ZONES):
        subnet = {"type": "subnet", "vpc": v, "zone": f"us-east-1{zone}"}
        resources[f"{v}-{tier}-{zone}"] = {**subnet, "cidr": f"10.{number}.{index}.0/24"}
    for zone in ZONES:
        resources[f"{v}-public-{zone}"]["route_table"] = f"{v}-public"
        resources[f"{v}-nat-{zone}"] = {"type": "nat_gateway", "subnet": f"{v}-public-{zone}"}
        resources[f"{v}-rt-{zone}"] = {
            "type": "route_table",
            "vpc": v,
            "routes": [{"destination": "0.0.0.0/0", "target": f"{v}-nat-{zone}"}],
        }
        for tier in ("app", "data"):
            resources[f"{v}-{tier}-{zone}"]["route_table"] = f"{v}-rt-{zone}"
    tier_subnets = {tier: [f"{v}-{tier}-{zone}" for zone in ZONES] for tier in TIERS}
    resources[f"{v}-lb"] = {
        "type": "alb",
        "subnets": tier_subnets["public"],
        "listeners": [{"port": 443, "protocol": "https"}],
    }
    resources[f"{v}-fleet"] = {"type": "autoscaling_group", "subnets": tier_subnets["app"]}
    resources[f"{v}-db"] = {
        "type": "rds",
        "engine": "postgres",
        "subnets": tier_subnets["data"][:2],
        "multi_az": True,
    }
    resources[f"{v}-cache"] = {"type": "elasticache", "subnets": tier_subnets["data"]}
    return [
        ("users", f"{v}-lb", "https"),
        (f"{v}-lb", f"{v}-fleet", "http"),
        (f"{v}-fleet", f"{v}-db", "postgresql"),
        (f"{v}-fleet", f"{v}-cache", "redis"),
    ]


def large_design(size: int = 300) -> dict[str, Any]:
    """Return a valid design of exactly `size` resources."""
    resources: Resources = {"users": {"type": "client"}}
    connections: list[tuple[str, str, str]] = []
    number = 0
    while len(resources) < size * 3 // 5:
        connections += _vpc(number, resources)
        number += 1
    services = ("lambda", "s3", "sqs", "sns", "dynamodb")
    count = 0
    while len(resources) < size:
        kind = services[count % len(services)]
        name = f"{kind.replace('_', '-')}-{count}"
        resources[name] = {"type": kind}
        if kind == "lambda" and len(resources) < size:
            resources[f"role-{count}"] = {"type": "iam_role", "assumed_by": [name]}
        else:
            connections.append((f"v{count % number}-fleet", name, "https"))
        count += 1
    return {
        "archgen": 1,
        "name": "large",
        "title": f"A design of {size} resources",
        "region": "us-east-1",
        "resources": resources,
        "connections": [{"from": a, "to": b, "protocol": p} for a, b, p in connections],
    }


def _render(design: Path) -> float:
    with tempfile.TemporaryDirectory() as folder:
        command = [str(BIN / "archgen"), "render", str(design), "--out", folder]
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, check=False, env=ENV)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"archgen render failed: {done.stderr.decode()[-500:]}")
        if sorted(p.suffix for p in Path(folder).iterdir()) != [".drawio", ".md", ".png", ".svg"]:
            raise SystemExit("archgen render did not write every output")
    return elapsed


def _rung(design: Path) -> str:
    """Return the rung of the layout ladder graphviz accepted for the design."""
    from archgen.layout.drawing import draw
    from archgen.loader import load_file

    return draw(load_file(design), ("json",)).rung


def main() -> None:
    """Print the median render time of the large design, and whether it meets the goal."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--size", type=int, default=300)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        design = Path(folder) / "large.yaml"
        document = large_design(options.size)
        design.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
        times = [_render(design) for _ in range(options.rounds)]
        rung = _rung(design)
    median = statistics.median(times)
    verdict = "meets" if median < GOAL_SECONDS else "misses"
    print(f"archgen render, {len(document['resources'])} resources, every output")
    goal = f"{verdict} < {GOAL_SECONDS:.0f} s"
    print(f"  median of {options.rounds} rounds          {median:7.2f} s ({goal})")
    print(f"  slowest round                {max(times):7.2f} s")
    print(f"  layout ladder rung           {rung}")


if __name__ == "__main__":
    main()
