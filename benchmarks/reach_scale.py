"""How `archgen check` (reachability included) grows with the size of a design.

Generates designs of about 100, 1,000 and 10,000 resources out of three-tier
stacks in realistic proportions (each: a VPC over two AZs with public, app and
database subnets, route tables, NAT gateways, NACLs, security groups, an ALB,
an Auto Scaling group, RDS, an ECS service on Fargate with its task role, and
the connections between them), runs the real command on each, and reports the medians and the growth per resource.

    make bench            (or: python benchmarks/reach_scale.py --sizes 100 1000 10000)

Each stack has a /20 of its own (10.A.B.0/20), so up to 4,096 stacks fit in 10.0.0.0/8.
A stack asks the network analysis for 14 subnet pairs, so 10,000 resources stay
under the 5,000 pairs a file may ask for (loader/constraints.py). The last line reports the growth between the two largest sizes: time ratio over
resource ratio, 1.0 when the check grows exactly linearly.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
"""Every tool runs as installed for users: Python may cache bytecode (some CI images forbid it)."""

STACK = """  vpc-{n}: {{type: vpc, cidr: {vpc}/20}}
  igw-{n}: {{type: internet_gateway, vpc: vpc-{n}}}
  pub-rt-{n}: {{type: route_table, vpc: vpc-{n}, routes: [{{destination: 0.0.0.0/0, target: igw-{n}}}]}}
  app-rt-a-{n}: {{type: route_table, vpc: vpc-{n}, routes: [{{destination: 0.0.0.0/0, target: nat-a-{n}}}]}}
  app-rt-b-{n}: {{type: route_table, vpc: vpc-{n}, routes: [{{destination: 0.0.0.0/0, target: nat-b-{n}}}]}}
  db-rt-{n}: {{type: route_table, vpc: vpc-{n}}}
  pub-a-{n}: {{type: subnet, vpc: vpc-{n}, zone: us-east-1a, cidr: {pub_a}/24, route_table: pub-rt-{n}, nacl: pub-acl-{n}}}
  pub-b-{n}: {{type: subnet, vpc: vpc-{n}, zone: us-east-1b, cidr: {pub_b}/24, route_table: pub-rt-{n}, nacl: pub-acl-{n}}}
  app-a-{n}: {{type: subnet, vpc: vpc-{n}, zone: us-east-1a, cidr: {app_a}/24, route_table: app-rt-a-{n}, nacl: app-acl-{n}}}
  app-b-{n}: {{type: subnet, vpc: vpc-{n}, zone: us-east-1b, cidr: {app_b}/24, route_table: app-rt-b-{n}, nacl: app-acl-{n}}}
  db-a-{n}: {{type: subnet, vpc: vpc-{n}, zone: us-east-1a, cidr: {db_a}/24, route_table: db-rt-{n}, nacl: db-acl-{n}}}
  db-b-{n}: {{type: subnet, vpc: vpc-{n}, zone: us-east-1b, cidr: {db_b}/24, route_table: db-rt-{n}, nacl: db-acl-{n}}}
  nat-a-{n}: {{type: nat_gateway, subnet: pub-a-{n}}}
  nat-b-{n}: {{type: nat_gateway, subnet: pub-b-{n}}}
  pub-acl-{n}:
    type: network_acl
    vpc: vpc-{n}
    inbound:
      - {{rule: 100, action: allow, protocol: tcp, ports: 443, cidr: 0.0.0.0/0}}
      - {{rule: 120, action: allow, protocol: tcp, ports: 1024-65535, cidr: 0.0.0.0/0}}
    outbound:
      - {{rule: 100, action: allow, protocol: tcp, ports: 80, cidr: {app_a}/23}}
      - {{rule: 110, action: allow, protocol: tcp, ports: 443, cidr: 0.0.0.0/0}}
      - {{rule: 120, action: allow, protocol: tcp, ports: 1024-65535, cidr: 0.0.0.0/0}}
  app-acl-{n}:
    type: network_acl
    vpc: vpc-{n}
    inbound:
      - {{rule: 100, action: allow, protocol: tcp, ports: 80, cidr: {pub_a}/23}}
      - {{rule: 120, action: allow, protocol: tcp, ports: 1024-65535, cidr: 0.0.0.0/0}}
    outbound:
      - {{rule: 100, action: allow, protocol: tcp, ports: 3306, cidr: {db_a}/23}}
      - {{rule: 110, action: allow, protocol: tcp, ports: 443, cidr: 0.0.0.0/0}}
      - {{rule: 120, action: allow, protocol: tcp, ports: 1024-65535, cidr: {pub_a}/23}}
  db-acl-{n}:
    type: network_acl
    vpc: vpc-{n}
    inbound: [{{rule: 100, action: allow, protocol: tcp, ports: 3306, cidr: {app_a}/23}}]
    outbound: [{{rule: 100, action: allow, protocol: tcp, ports: 1024-65535, cidr: {app_a}/23}}]
  alb-sg-{n}: {{type: security_group, vpc: vpc-{n}, ingress: [{{protocol: tcp, ports: 443, source: 0.0.0.0/0}}], egress: [{{protocol: tcp, ports: 80, destination: app-sg-{n}}}]}}
  app-sg-{n}: {{type: security_group, vpc: vpc-{n}, ingress: [{{protocol: tcp, ports: 80, source: alb-sg-{n}}}]}}
  db-sg-{n}: {{type: security_group, vpc: vpc-{n}, ingress: [{{protocol: tcp, ports: 3306, source: app-sg-{n}}}], egress: []}}
  alb-{n}: {{type: alb, subnets: [pub-a-{n}, pub-b-{n}], security_groups: [alb-sg-{n}], listeners: [{{port: 443, protocol: https}}]}}
  app-{n}: {{type: autoscaling_group, subnets: [app-a-{n}, app-b-{n}], security_groups: [app-sg-{n}], min: 2, desired: 2, max: 4}}
  jobs-{n}: {{type: ecs_service, launch_type: fargate, desired: 2, subnets: [app-a-{n}, app-b-{n}], security_groups: [app-sg-{n}], role: jobs-role-{n}}}
  jobs-role-{n}: {{type: iam_role, allows: []}}
  db-{n}: {{type: rds, engine: mysql, subnets: [db-a-{n}, db-b-{n}], security_groups: [db-sg-{n}], multi_az: true, storage_encrypted: true}}
"""
PER_STACK = 30
CONNECTIONS = """  - {{from: users, to: alb-{n}, protocol: https}}
  - {{from: alb-{n}, to: app-{n}, protocol: http}}
  - {{from: app-{n}, to: db-{n}, protocol: mysql}}
  - {{from: jobs-{n}, to: db-{n}, protocol: mysql}}
"""


MAX_STACKS = 4096


def _stack(n: int) -> str:
    """Return stack `n`, its networks carved out of the /20 that is its own."""
    high, block = divmod(n, 16)
    base = f"10.{high}.{block * 16}"
    nets = {name: f"10.{high}.{block * 16 + offset}.0" for offset, name in enumerate(_SUBNETS)}
    return STACK.format(n=n, vpc=f"{base}.0", **nets)


_SUBNETS = ("pub_a", "pub_b", "app_a", "app_b", "db_a", "db_b")


def design(resources: int) -> str:
    """Return a clean design of about `resources` resources."""
    stacks = max(1, round(resources / PER_STACK))
    if stacks > MAX_STACKS:
        raise SystemExit(f"at most {MAX_STACKS} stacks: one 10.x.y.0/20 per stack")
    body = "".join(_stack(n) for n in range(stacks))
    links = "".join(CONNECTIONS.format(n=n) for n in range(stacks))
    return (
        f"archgen: 1\nname: scale-{resources}\ntitle: Scale {resources}\nregion: us-east-1\n"
        f"resources:\n  users: {{type: client}}\n{body}connections:\n{links}"
    )


def _seconds(command: list[str]) -> tuple[float, float, int]:
    """Return the wall-clock and the CPU seconds of one run, and its exit code.

    The CPU time (user and system, of the child) is what the run costs on a
    machine of its own; on a shared one the wall clock also counts the waits.
    """
    before = _child_cpu()
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False, env=ENV)
    return time.perf_counter() - start, _child_cpu() - before, done.returncode


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    """Print the median time per size and the time per resource."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"archgen check, reachability included; median of {args.rounds} rounds:")
    measured: list[tuple[int, float, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            path = Path(folder) / f"scale-{size}.yaml"
            path.write_text(design(size), encoding="utf-8")
            count = 1 + PER_STACK * max(1, round(size / PER_STACK))
            runs = [
                _seconds([str(BIN / "archgen"), "check", str(path)]) for _ in range(args.rounds)
            ]
            codes = {code for _, _, code in runs}
            median = statistics.median(seconds for seconds, _, _ in runs)
            cpu = statistics.median(seconds for _, seconds, _ in runs)
            measured.append((count, median, cpu))
            print(
                f"  {count:>5} resources  {median:7.2f} s ({cpu:5.2f} s CPU)  "
                f"{median / count * 1000:6.2f} ms per resource  exit {sorted(codes)}"
            )
    _growth(measured)


def _growth(measured: list[tuple[int, float, float]]) -> None:
    """Print how time grew against size between the two largest sizes (1.0: linear)."""
    if len(measured) < 2:
        return
    (small, wall_before, cpu_before), (large, wall_after, cpu_after) = measured[-2:]
    size = large / small
    for name, before, after in (("wall", wall_before, wall_after), ("CPU", cpu_before, cpu_after)):
        print(
            f"  {small} -> {large} resources, {name} time: {after / before:.1f}x for "
            f"{size:.1f}x the resources ({after / before / size:.2f} of linear; 1.00 is linear)"
        )


if __name__ == "__main__":
    main()
