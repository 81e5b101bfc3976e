"""The capstone with one change each, as a pull request would make it."""

from __future__ import annotations

from tests.conftest import ARCHITECTURES

CAPSTONE = (ARCHITECTURES / "capstone.yaml").read_text(encoding="utf-8")


def _edit(text: str, *pairs: tuple[str, str]) -> str:
    """Replace each `old` once; fail loudly when the capstone no longer holds it."""
    for old, new in pairs:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


BASTION = _edit(
    CAPSTONE,
    (
        "  app:\n    type: autoscaling_group",
        "  bastion-sg:\n"
        "    type: security_group\n"
        "    vpc: vpc\n"
        "    ingress:\n"
        "      - {protocol: tcp, ports: 22, source: 0.0.0.0/0}\n"
        "  bastion:\n"
        "    type: ec2\n"
        "    subnet: public-a\n"
        "    security_groups: [bastion-sg]\n"
        "    public_ip: true\n\n"
        "  app:\n    type: autoscaling_group",
    ),
    (
        "      - {rule: 100, action: allow, protocol: tcp, ports: 443, cidr: 0.0.0.0/0}\n",
        "      - {rule: 100, action: allow, protocol: tcp, ports: 443, cidr: 0.0.0.0/0}\n"
        "      - {rule: 110, action: allow, protocol: tcp, ports: 22, cidr: 0.0.0.0/0}\n",
    ),
)
"""A bastion host in a public subnet, open to the world on SSH."""

ONE_ZONE_DB = _edit(
    CAPSTONE,
    ("subnets: [db-a, db-b]", "subnets: [db-a]"),
    ("    multi_az: true\n", "    multi_az: false\n"),
)
"""The database reduced to one Availability Zone."""

RETURN_BLOCKED = _edit(
    CAPSTONE,
    (
        "      - {rule: 100, action: allow, protocol: tcp, ports: 80, cidr: 10.0.0.0/23}\n",
        "      - {rule: 100, action: allow, protocol: tcp, ports: 80, cidr: 10.0.0.0/23}\n"
        "      - {rule: 110, action: deny, protocol: tcp, ports: 1024-65535, cidr: 10.0.20.0/23}\n",
    ),
)
"""A NACL rule on the application subnets that refuses the database's replies."""

NEW_FLOW = _edit(
    CAPSTONE,
    (
        "  - {from: importer, to: db, protocol: mysql, label: load rows}\n",
        "  - {from: importer, to: db, protocol: mysql, label: load rows}\n"
        "  - {from: users, to: datasets, protocol: https, label: download directly}\n",
    ),
    (
        "    steps: [users, web-alb, app, datasets]\n",
        "    steps: [users, web-alb, app, datasets]\n"
        "  - name: Download a data set directly\n"
        "    steps: [users, datasets]\n",
    ),
)
"""A new flow: users download data sets from S3 directly, past the application."""

RELABELLED = _edit(
    CAPSTONE,
    ("protocol: mysql, label: SQL query}", "protocol: mysql, label: read rows}"),
    (
        "{from: importer, to: datasets, protocol: https, label: read data set}",
        "{from: importer, to: datasets, protocol: https, label: read data set, mode: poll}",
    ),
)
"""The same connections, one relabelled and one become a poll."""
