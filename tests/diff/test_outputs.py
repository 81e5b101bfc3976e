"""The diff's JSON against its published schema, its Markdown, and what `--out` writes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from archgen.cli import main
from tests.conftest import ARCHITECTURES, ROOT
from tests.diff import variants

SCHEMA = json.loads((ROOT / "schema" / "archgen-diff.schema.json").read_text(encoding="utf-8"))
PAIRS = {
    "redesign": (
        (ARCHITECTURES / "employee-directory-ec2.yaml").read_text(encoding="utf-8"),
        (ARCHITECTURES / "employee-directory-serverless.yaml").read_text(encoding="utf-8"),
    ),
    "bastion": (variants.CAPSTONE, variants.BASTION),
    "one-zone": (variants.CAPSTONE, variants.ONE_ZONE_DB),
    "return-blocked": (variants.CAPSTONE, variants.RETURN_BLOCKED),
    "new-flow": (variants.CAPSTONE, variants.NEW_FLOW),
    "same": (variants.CAPSTONE, variants.CAPSTONE),
    "relabelled": (variants.CAPSTONE, variants.RELABELLED),
}


def _run(tmp_path: Path, old: str, new: str, *options: str) -> str:
    (tmp_path / "old.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    paths = [str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml")]
    result = CliRunner().invoke(main, ["diff", *paths, *options])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("pair", list(PAIRS))
def test_json_validates_against_the_schema(tmp_path: Path, pair: str) -> None:
    document = json.loads(_run(tmp_path, *PAIRS[pair], "--format", "json"))
    jsonschema.Draft202012Validator(SCHEMA).validate(document)


def test_the_schema_refuses_what_the_contract_does_not_say() -> None:
    validator = jsonschema.Draft202012Validator(SCHEMA)
    counts = {"files": 0, "exposure_opened": 0, "findings_new": 0}
    assert validator.is_valid({"diffs": [], "summary": {**counts, "findings_fixed": 0}})
    assert not validator.is_valid({"diffs": [], "summary": counts})
    assert not validator.is_valid({"diffs": [], "summary": {**counts, "findings_fixed": -1}})


def test_json_of_the_bastion(tmp_path: Path) -> None:
    document = json.loads(_run(tmp_path, *PAIRS["bastion"], "--format", "json"))
    (diff,) = document["diffs"]
    assert diff["resources"] == {
        "added": ["bastion-sg", "bastion"],
        "removed": [],
        "changed": [{"id": "public-nacl", "fields": ["inbound"]}],
    }
    assert diff["exposure"] == {
        "opened": [{"resource": "bastion", "protocol": "tcp", "ports": "22"}],
        "closed": [],
    }
    assert [f["rule"] for f in diff["findings"]["new"]] == [
        "AG303",
        "AG305",
        "AG205",
        "AG202",
        "AG202",
    ]
    assert document["summary"] == {
        "files": 1,
        "exposure_opened": 1,
        "findings_new": 5,
        "findings_fixed": 0,
    }


def test_json_reachability_of_the_blocked_return_path(tmp_path: Path) -> None:
    (diff,) = json.loads(_run(tmp_path, *PAIRS["return-blocked"], "--format", "json"))["diffs"]
    assert diff["reachability"] == {
        "opened": [],
        "closed": [
            {"from": "app", "to": "db", "port": 3306},
            {"from": "importer", "to": "db", "port": 3306},
        ],
    }


def test_a_connection_edited_between_the_same_ends_is_changed(tmp_path: Path) -> None:
    (diff,) = json.loads(_run(tmp_path, *PAIRS["relabelled"], "--format", "json"))["diffs"]
    assert diff["connections"] == {
        "added": [],
        "removed": [],
        "changed": [
            {"from": "app", "to": "db", "protocol": "mysql", "port": 3306, "fields": ["label"]},
            {
                "from": "importer",
                "to": "datasets",
                "protocol": "https",
                "port": 443,
                "fields": ["mode"],
            },
        ],
    }
    text = _run(tmp_path, *PAIRS["relabelled"])
    assert "  connections changed: app -> db mysql 3306 (label), importer -> datasets" in text
    markdown = _run(tmp_path, *PAIRS["relabelled"], "--format", "markdown")
    assert "| changed | `app` | `db` | mysql | 3306 | `label` |" in markdown


def test_a_new_port_between_the_same_ends_is_one_changed_connection(tmp_path: Path) -> None:
    moved = variants.CAPSTONE.replace(
        "{from: app, to: db, protocol: mysql, label: SQL query}",
        "{from: app, to: db, protocol: mysql, port: 3307, label: SQL query}",
    )
    (diff,) = json.loads(_run(tmp_path, variants.CAPSTONE, moved, "--format", "json"))["diffs"]
    assert diff["connections"]["added"] == diff["connections"]["removed"] == []
    assert diff["connections"]["changed"] == [
        {"from": "app", "to": "db", "protocol": "mysql", "port": 3307, "fields": ["port"]}
    ]


def test_json_lists_the_flows_added_removed_and_rerouted(tmp_path: Path) -> None:
    (diff,) = json.loads(_run(tmp_path, *PAIRS["new-flow"], "--format", "json"))["diffs"]
    old = json.loads(_run(tmp_path, *PAIRS["bastion"], "--format", "json"))["diffs"][0]
    assert diff["flows"]["added"] == ["Download a data set directly"]
    assert old["flows"] == {"added": [], "removed": [], "changed": []}


def test_markdown_puts_the_behaviour_before_the_tables(tmp_path: Path) -> None:
    text = _run(tmp_path, *PAIRS["one-zone"], "--format", "markdown")
    assert text.splitlines()[:10] == [
        "## Architecture changes",
        "",
        "1 architecture changed: 0 exposures opened, 3 findings new, 0 fixed.",
        "",
        "### `capstone`",
        "",
        f"{tmp_path}/old.yaml → {tmp_path}/new.yaml",  # a path from the root is no code span
        "",
        "**What it does**",
        "",
    ]
    assert "- `db` loses `us-east-1b`" in text
    assert text.index("- `db` loses") < text.index("**Resources**") < text.index("**Findings**")
    assert "| changed | `db` | rds | `subnets`, `multi_az` |" in text


def test_markdown_escapes_what_a_pull_request_writes(tmp_path: Path) -> None:
    hostile = "Download <img src=x onerror=alert(1)> [a](javascript:x) | *now*"
    new = variants.NEW_FLOW.replace("Download a data set directly", hostile)
    text = _run(tmp_path, variants.CAPSTONE, new, "--format", "markdown")
    assert (
        "| added | Download &lt;img src=x onerror=alert(1)> \\[a\\](javascript:x) \\| \\*now\\* |"
        in text
    )
    assert "<img" not in text


def test_out_writes_the_markdown_and_pictures_of_each_architecture(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run(tmp_path, *PAIRS["bastion"], "--out", str(out))
    names = sorted(path.name for path in out.iterdir())
    assert names == ["capstone.diff.md", "capstone.diff.png", "capstone.diff.svg"]
    written = (out / "capstone.diff.md").read_text(encoding="utf-8")
    assert written.startswith("# `capstone`\n")
    assert "- opens tcp 22 on `bastion` to the internet\n" in written


def test_out_refuses_a_file_archgen_did_not_write_unless_forced(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    theirs = out / "capstone.diff.md"
    theirs.write_text("the team's own notes\n", encoding="utf-8")
    (tmp_path / "old.yaml").write_text(variants.CAPSTONE, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(variants.BASTION, encoding="utf-8")
    args = ["diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "--out", str(out)]
    refused = CliRunner().invoke(main, args)
    assert refused.exit_code == 2
    assert "capstone.diff.md was not written by archgen" in refused.stderr
    assert "--force" in refused.stderr
    assert theirs.read_text(encoding="utf-8") == "the team's own notes\n"
    assert sorted(p.name for p in out.iterdir()) == ["capstone.diff.md"]  # nothing else either
    forced = CliRunner().invoke(main, [*args, "--force"])
    assert forced.exit_code == 0, forced.output
    assert theirs.read_text(encoding="utf-8").startswith("# `capstone`\n")
    again = CliRunner().invoke(main, args)  # its own, stamped outputs it replaces freely
    assert again.exit_code == 0, again.output


def test_text_shows_control_characters_instead_of_obeying_them(tmp_path: Path) -> None:
    new = variants.NEW_FLOW.replace(
        "- name: Download a data set directly", '- name: "Download\\e[31m\\u202e directly"'
    )
    output = _run(tmp_path, variants.CAPSTONE, new)
    assert "  flows added: Download\\x1b[31m\\u202e directly\n" in output
    assert "\x1b" not in output
    assert "\u202e" not in output


def test_a_new_title_and_description_are_a_change(tmp_path: Path) -> None:
    retitled = variants.CAPSTONE.replace("\ntitle: ", "\ntitle: Renamed ", 1)
    assert retitled != variants.CAPSTONE
    described = retitled.replace("  Researchers and the public", "  Staff", 1)
    (diff,) = json.loads(_run(tmp_path, variants.CAPSTONE, described, "--format", "json"))["diffs"]
    assert diff["document"] == {"changed": ["title", "description"]}
    text = _run(tmp_path, variants.CAPSTONE, described)
    assert "  title changed\n  description changed\n" in text
    assert "no change" not in text
    markdown = _run(tmp_path, variants.CAPSTONE, described, "--format", "markdown")
    assert "**Title, description changed.**" in markdown


def test_the_serverless_redesign_opens_its_front_doors_outside_the_vpc(tmp_path: Path) -> None:
    (diff,) = json.loads(_run(tmp_path, *PAIRS["redesign"], "--format", "json"))["diffs"]
    assert diff["exposure"] == {
        "opened": [
            {"resource": "cdn", "protocol": "tcp", "ports": "80"},
            {"resource": "cdn", "protocol": "tcp", "ports": "443"},
            {"resource": "api", "protocol": "tcp", "ports": "443"},
            {"resource": "sign-in", "protocol": "tcp", "ports": "443"},
        ],
        "closed": [{"resource": "alb", "protocol": "tcp", "ports": "443"}],
    }


def test_a_bucket_made_a_public_website_is_opened(tmp_path: Path) -> None:
    public = variants.CAPSTONE.replace(
        "  datasets:\n    type: s3\n",
        "  datasets:\n    type: s3\n    website: true\n    block_public_access: false\n",
    )
    assert public != variants.CAPSTONE
    (diff,) = json.loads(_run(tmp_path, variants.CAPSTONE, public, "--format", "json"))["diffs"]
    assert diff["exposure"]["opened"] == [
        {"resource": "datasets", "protocol": "tcp", "ports": "80"}
    ]


def test_an_all_rule_opens_udp_as_well_when_the_nacl_lets_replies_out(tmp_path: Path) -> None:
    everything = variants.BASTION.replace(
        "- {protocol: tcp, ports: 22, source: 0.0.0.0/0}", "- {protocol: all, source: 0.0.0.0/0}"
    ).replace(
        "{rule: 110, action: allow, protocol: tcp, ports: 22, cidr: 0.0.0.0/0}",
        "{rule: 110, action: allow, protocol: all, cidr: 0.0.0.0/0}",
    )
    replies = everything.replace(
        "    outbound:\n      - {rule: 100, action: allow, protocol: tcp, ports: 80,",
        "    outbound:\n      - {rule: 90, action: allow, protocol: all, cidr: 0.0.0.0/0}\n"
        "      - {rule: 100, action: allow, protocol: tcp, ports: 80,",
    )
    assert replies != everything
    (diff,) = json.loads(_run(tmp_path, variants.CAPSTONE, replies, "--format", "json"))["diffs"]
    bastion = [e for e in diff["exposure"]["opened"] if e["resource"] == "bastion"]
    assert bastion == [
        {"resource": "bastion", "protocol": "tcp", "ports": "all"},
        {"resource": "bastion", "protocol": "udp", "ports": "all"},
    ]
    (diff,) = json.loads(_run(tmp_path, variants.CAPSTONE, everything, "--format", "json"))[
        "diffs"
    ]  # a stateless NACL judges UDP replies by its outbound rules: none, no UDP exposure
    assert [e["protocol"] for e in diff["exposure"]["opened"] if e["resource"] == "bastion"] == [
        "tcp"
    ]


def test_markdown_says_what_each_new_finding_found(tmp_path: Path) -> None:
    markdown = _run(tmp_path, *PAIRS["bastion"], "--format", "markdown")
    behaviour = markdown.split("**What it does**", 1)[1].split("```mermaid", 1)[0]
    assert "- new error AG305 on `bastion-sg`: ingress from 0.0.0.0/0 opens SSH (22)\n" in behaviour
