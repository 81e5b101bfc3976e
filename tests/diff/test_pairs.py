"""`archgen diff` on real pairs: the course redesign and the capstone with one change each.

Each test asserts the whole text report, so a sentence that changes its
wording, its order or its resource fails here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from archgen.cli import main
from tests.conftest import ARCHITECTURES, python_output
from tests.diff import variants


def _diff(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new: str, *options: str
) -> tuple[int, str]:
    """Diff the shipped capstone (as old.yaml) against `new`, from inside `tmp_path`."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.yaml").write_text(variants.CAPSTONE, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", "old.yaml", "new.yaml", *options])
    return result.exit_code, result.output


def test_bastion_open_to_the_world_opens_ssh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, output = _diff(tmp_path, monkeypatch, variants.BASTION)
    assert output.splitlines() == [
        "capstone (old.yaml -> new.yaml)",
        "  opens tcp 22 on bastion to the internet",
        "  new error AG303 on public-nacl: inbound rule 110 admits port 22 from 0.0.0.0/0",
        "  new error AG305 on bastion-sg: ingress from 0.0.0.0/0 opens SSH (22)",
        "  new error AG205 on bastion: reachable from the internet in public-a on tcp 22, "
        "without an ALB, API Gateway or CloudFront in front",
        "  new error AG202 on bastion: runs in public subnet public-a: application compute "
        "belongs in private subnets",
        "  new error AG202 on bastion: has a public IP address",
        "  resources added: bastion-sg (security_group), bastion (ec2)",
        "  resources changed: public-nacl (inbound)",
        "",
        "1 architecture changed: 1 exposure opened, 5 findings new, 0 fixed",
    ]
    assert code == 0


@pytest.mark.parametrize(("fail_on", "code"), [("never", 0), ("exposure", 1), ("error", 1)])
def test_fail_on_exposure_fails_the_bastion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_on: str, code: int
) -> None:
    assert _diff(tmp_path, monkeypatch, variants.BASTION, "--fail-on", fail_on)[0] == code


def test_database_in_one_zone_loses_a_zone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, output = _diff(tmp_path, monkeypatch, variants.ONE_ZONE_DB, "--fail-on", "exposure")
    assert output.splitlines() == [
        "capstone (old.yaml -> new.yaml)",
        "  db loses us-east-1b",
        "  new error AG004 on db: subnet group covers only us-east-1a: AWS refuses a DB subnet "
        "group in fewer than two zones",
        "  new error AG101 on db: the data tier (db) runs only in us-east-1a: losing that zone "
        "stops the tier",
        "  new error AG104 on db: not Multi-AZ: losing its zone loses the database until a restore",
        "  resources changed: db (subnets, multi_az)",
        "",
        "1 architecture changed: 0 exposures opened, 3 findings new, 0 fixed",
    ]
    assert code == 0  # no exposure opened; --fail-on error would fail it
    assert _diff(tmp_path, monkeypatch, variants.ONE_ZONE_DB, "--fail-on", "error")[0] == 1


def test_nacl_rule_that_blocks_the_return_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, output = _diff(tmp_path, monkeypatch, variants.RETURN_BLOCKED)
    blocked = (
        "blocked on the return path at network_acl app-nacl inbound (rule 110 deny tcp "
        "1024-65535 10.0.20.0/23 refuses tcp {} from 10.0.20.0/24) "
        "[SUBNET_ACL_RESTRICTION]"
    )
    lines = output.splitlines()
    assert lines[:3] == [  # instances get replies on 32768-65535, a function on 1024-65535
        "capstone (old.yaml -> new.yaml)",
        f"  app no longer reaches db on mysql 3306: {blocked.format('32768-65535')}",
        f"  importer no longer reaches db on mysql 3306: {blocked.format('1024-65535')}",
    ]
    assert [line.split(":")[0] for line in lines[3:7]] == [
        "  new error AG304 on app",
        "  new error AG307 on app",
        "  new error AG304 on importer",
        "  new error AG307 on importer",
    ]
    assert lines[7:] == [
        "  resources changed: app-nacl (inbound)",
        "",
        "1 architecture changed: 0 exposures opened, 4 findings new, 0 fixed",
    ]
    assert code == 0


def test_new_flow_with_its_connection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, output = _diff(tmp_path, monkeypatch, variants.NEW_FLOW)
    assert output.splitlines() == [
        "capstone (old.yaml -> new.yaml)",
        "  new error AG207 on users: (external tier) calls datasets in the data tier directly, "
        "skipping the application tier",
        "  new error AG501 on users: calls datasets, but Block Public Access on datasets refuses "
        "anonymous requests",
        "  connections added: users -> datasets https 443",
        "  flows added: Download a data set directly",
        "",
        "1 architecture changed: 0 exposures opened, 2 findings new, 0 fixed",
    ]
    assert code == 0


def test_the_same_file_twice_is_no_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, output = _diff(tmp_path, monkeypatch, variants.CAPSTONE, "--fail-on", "warning")
    assert output.splitlines() == [
        "capstone: no change (old.yaml -> new.yaml)",
        "",
        "no change (1 architecture compared)",
    ]
    assert code == 0


def test_the_course_redesign(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ARCHITECTURES)
    args = ["diff", "employee-directory-ec2.yaml", "employee-directory-serverless.yaml"]
    result = CliRunner().invoke(main, args)
    lines = result.output.splitlines()
    assert lines[:7] == [
        "employee-directory-serverless "
        "(employee-directory-ec2.yaml -> employee-directory-serverless.yaml)",
        "  opens tcp 80 on cdn to the internet",
        "  opens tcp 443 on cdn to the internet",
        "  opens tcp 443 on api to the internet",
        "  opens tcp 443 on sign-in to the internet",
        "  closes tcp 443 on alb to the internet",
        "  fixes warning AG209 on web: serves both the presentation and the application tier: "
        "they cannot scale or change separately",
    ]
    assert lines[7:10] == ["  name changed", "  title changed", "  description changed"]
    lines = lines[:1] + lines[5:7] + lines[10:]
    assert lines[3] == (
        "  resources added: dns (route53), cdn (cloudfront), site (s3), api (api_gateway), "
        "sign-in (cognito), directory-fn (lambda), logs (cloudwatch), api-role (iam_role), "
        "fn-role (iam_role)"
    )
    removed = lines[4].removeprefix("  resources removed: ").split(", ")
    assert removed[:3] == ["vpc (vpc)", "igw (internet_gateway)", "public-a (subnet)"]
    assert {"alb (alb)", "web (autoscaling_group)", "nat-a (nat_gateway)"} <= set(removed)
    assert lines[5] == "  resources changed: employees (why), photos (why)"
    assert lines[-1] == "1 architecture changed: 4 exposures opened, 0 findings new, 1 fixed"
    assert result.exit_code == 0


def test_diff_needs_two_files_without_base() -> None:
    result = CliRunner().invoke(main, ["diff", "architectures/capstone.yaml"])
    assert result.exit_code == 2
    assert "two files (OLD NEW), or --base GITREF" in result.output


def test_bad_input_on_either_side_is_placed_and_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = variants.CAPSTONE.replace("    multi_az: true\n", "    multi_az: true\n    zones: 2\n")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.yaml").write_text(broken.replace("name: capstone", "name: Capstone"), "utf-8")
    (tmp_path / "new.yaml").write_text(broken, encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", "old.yaml", "new.yaml"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    placed = [line.split(": ")[0] for line in result.output.splitlines()]
    zones = broken.splitlines().index("    zones: 2") + 1
    assert placed == [f"new.yaml:{zones}:5", "old.yaml:3:7", f"old.yaml:{zones}:5"]


def test_json_gives_invalid_input_as_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("old.yaml").write_text(variants.CAPSTONE, encoding="utf-8")
    Path("new.yaml").write_text(variants.CAPSTONE.replace("name: capstone", "name: X"), "utf-8")
    result = CliRunner().invoke(main, ["diff", "old.yaml", "new.yaml", "--format", "json"])
    assert result.exit_code == 2
    assert result.stdout.endswith("}\n")
    assert json.loads(result.stdout) == {
        "errors": [
            {
                "file": "new.yaml",
                "line": 3,
                "column": 7,
                "message": "name 'X' must be a slug of lowercase letters, digits and hyphens "
                "(it names the output files)",
            }
        ]
    }


def test_diff_loads_no_renderer() -> None:
    code = (
        "import sys\nfrom click.testing import CliRunner\nfrom archgen.cli import main\n"
        "r = CliRunner().invoke(main, ['diff', 'architectures/employee-directory-ec2.yaml', "
        "'architectures/employee-directory-serverless.yaml'])\nassert r.exit_code == 0, r.output\n"
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('graphviz', 'jinja2', 'diagrams'))))"
    )
    output = python_output(code)
    assert output.strip() == ""


AURORA = """archgen: 1
name: orders
title: Orders
region: us-east-1
resources:
  vpc: {type: vpc, cidr: 10.0.0.0/16}
  db-a: {type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.0.1.0/24}
  db-b: {type: subnet, vpc: vpc, zone: us-east-1b, cidr: 10.0.2.0/24}
  db: {type: rds, engine: aurora-postgresql, subnets: [db-a, db-b], replicas: READERS}
"""


def test_aurora_without_readers_loses_its_failover_targets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.yaml").write_text(AURORA.replace("READERS", "2"), encoding="utf-8")
    (tmp_path / "new.yaml").write_text(AURORA.replace("READERS", "0"), encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", "old.yaml", "new.yaml"])
    lines = result.output.splitlines()
    assert lines[1] == (
        "  db loses us-east-1b: it no longer has Aurora readers, its failover targets"
    )
    assert lines[2].startswith("  new error AG104 on db: Aurora cluster without readers")
    result = CliRunner().invoke(main, ["diff", "old.yaml", "new.yaml", "--format", "json"])
    zones = json.loads(result.output)["diffs"][0]["zones"]
    assert zones["lost"] == [
        {"resource": "db", "before": ["us-east-1a", "us-east-1b"], "after": ["us-east-1a"]}
    ]
