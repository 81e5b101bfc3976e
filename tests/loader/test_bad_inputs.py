"""Every kind of bad input exits 2 with `file:line:col: message`, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from archgen.cli import main

HEAD = "archgen: 1\nname: t\ntitle: T\nregion: us-east-1\nresources:\n"
NET = (
    "  vpc:\n    type: vpc\n    cidr: 10.0.0.0/16\n"  # lines 6-8
    "  sub:\n    type: subnet\n    vpc: vpc\n    zone: us-east-1a\n    cidr: 10.0.1.0/24\n"
)  # lines 9-13
ALIAS_BOMB = (
    "a: &a [x, x, x, x, x, x, x, x, x]\n"
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
    "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
    "g: [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
)

CASES: list[tuple[str, bytes | str, str, str]] = [
    ("syntax error", HEAD + "  x: [unclosed\n", "7:1", "expected ',' or ']'"),
    ("tab indent", HEAD + "\tvpc:\n", "6:1", "YAML forbids tabs"),
    ("duplicate id", HEAD + NET + "  vpc:\n    type: vpc\n", "14:3", "duplicate key 'vpc'"),
    ("unknown top-level key", HEAD + NET + "titel: x\n", "14:1", "unknown key 'titel'"),
    (
        "unknown resource key",
        HEAD + NET + "    mult_az: true\n",
        "14:5",
        "unknown key 'mult_az' in subnet 'sub'",
    ),
    ("unknown type", HEAD + "  x:\n    type: rdss\n", "7:11", "unknown resource type 'rdss'"),
    (
        "dangling reference",
        HEAD + NET + "  nat:\n    type: nat_gateway\n    subnet: subb\n",
        "16:13",
        "'subb' names no resource (did you mean 'sub'?)",
    ),
    (
        "wrong-type reference",
        HEAD + NET + "  nat:\n    type: nat_gateway\n    subnet: vpc\n",
        "16:13",
        "'vpc' is a vpc, but subnet takes a subnet",
    ),
    (
        "missing field",
        HEAD + "  vpc:\n    type: vpc\n    cidr: 10.0.0.0/16\n  sub:\n    type: subnet\n"
        "    vpc: vpc\n    zone: us-east-1a\n",
        "9:3",
        "missing required key 'cidr' in subnet 'sub'",
    ),
    (
        "invalid CIDR",
        HEAD + "  vpc:\n    type: vpc\n    cidr: 10.0.0.300/16\n",
        "8:11",
        "not an IPv4 CIDR block",
    ),
    (
        "CIDR with host bits",
        HEAD + "  vpc:\n    type: vpc\n    cidr: 10.0.0.1/16\n",
        "8:11",
        "the network is 10.0.0.0/16",
    ),
    (
        "python tag",
        HEAD + "  vpc: !!python/object/apply:os.system [ls]\n",
        "6:8",
        "unsupported tag !!python/object/apply:os.system",
    ),
    ("alias bomb", ALIAS_BOMB, "1:11", "more than 100000 values"),
    ("deep nesting", HEAD + "  x: " + "[" * 60 + "]" * 60 + "\n", "6:", "nesting deeper than"),
    ("empty file", "", "1:1", "the file is empty"),
    ("only a comment", "# nothing here\n", "1:1", "the file is empty"),
    ("invalid UTF-8", HEAD.encode() + b"  caf\xe9:\n", "6:6", "not valid UTF-8"),
    (
        "flow step that is no connection",
        HEAD + "  u:\n    type: client\n  d:\n    type: dynamodb\n"
        "flows:\n  - name: f\n    steps: [u, d]\n",
        "12:16",
        "no connection from 'u' to 'd' is declared",
    ),
    ("unsupported version", "archgen: 2\nname: t\n", "1:10", "this archgen reads version 1"),
    ("missing version", "name: t\ntitle: T\n", "1:1", "missing 'archgen: 1'"),
    (
        "path-like name",
        "archgen: 1\nname: ../../etc/passwd\ntitle: T\nregion: us-east-1\nresources: {}\n",
        "2:7",
        "must be a slug",
    ),
    ("not a mapping", "- archgen: 1\n", "1:1", "is a mapping of keys"),
    (
        "tcp connection without port",
        HEAD + "  u:\n    type: client\n  d:\n    type: dynamodb\n"
        "connections:\n  - {from: u, to: d, protocol: tcp}\n",
        "11:22",
        "a tcp connection needs a 'port'",
    ),
    (
        "repeated NACL rule number",
        HEAD + NET + "  acl:\n    type: network_acl\n    vpc: vpc\n    inbound:\n"
        "      - {rule: 100, action: allow, protocol: tcp, ports: 443, cidr: 0.0.0.0/0}\n"
        "      - {rule: 100, action: deny, protocol: all, cidr: 0.0.0.0/0}\n",
        "19:10",
        "rule number 100 is already used here",
    ),
    (
        "NACL rule number out of range",
        HEAD + NET + "  acl:\n    type: network_acl\n    vpc: vpc\n    inbound:\n"
        "      - {rule: 40000, action: allow, protocol: all, cidr: 0.0.0.0/0}\n",
        "18:16",
        "less than or equal to 32766",
    ),
    (
        "ports on icmp",
        HEAD + NET + "  acl:\n    type: network_acl\n    vpc: vpc\n    outbound:\n"
        "      - {rule: 100, action: allow, protocol: icmp, ports: 8, cidr: 0.0.0.0/0}\n",
        "18:52",
        "protocol icmp has no ports",
    ),
    (
        "reversed port range",
        HEAD + NET + "  sg:\n    type: security_group\n    vpc: vpc\n    ingress:\n"
        "      - {protocol: tcp, ports: 65535-1024, source: 0.0.0.0/0}\n",
        "18:32",
        "low <= high",
    ),
    (
        "suppression without reason",
        HEAD + "  u:\n    type: client\n    suppress:\n      - {rule: AG101}\n",
        "9:9",
        "missing required key 'reason'",
    ),
    ("uppercase id", HEAD + "  Users:\n    type: client\n", "6:3", "resource id 'Users'"),
    (
        "zone of bad shape",
        HEAD + NET.replace("us-east-1a", "east"),
        "12:11",
        "zone: string should match pattern",
    ),
    (
        "boolean expected",
        HEAD + "  b:\n    type: s3\n    website: maybe\n",
        "8:14",
        "true or false",
    ),
    *[
        (
            f"empty subnets on {kind}",
            HEAD + NET + f"  x:\n    type: {kind}\n{extra}    subnets: []\n",
            "17:14" if extra else "16:14",
            "subnets: needs at least 1 entry, got 0",
        )
        for kind, extra in [
            ("alb", ""),
            ("autoscaling_group", ""),
            ("rds", "    engine: mysql\n"),
            ("elasticache", ""),
            ("efs", ""),
        ]
    ],
    ("empty tier list", HEAD + "  u: {type: client, tier: []}\n", "6:27", "tier: needs at least 1"),
    (
        "more subnets than a subnet group holds",
        HEAD
        + NET
        + "  db: {type: rds, engine: mysql, subnets: ["
        + ", ".join(["sub"] * 21)
        + "]}\n",
        "14:43",
        "subnets: takes at most 20 entries, got 21",
    ),
    (
        "more security groups than an interface takes",
        HEAD + NET + "  vm: {type: ec2, subnet: sub, security_groups: [" + "sg, " * 16 + "sg]}\n",
        "14:49",
        "security_groups: takes at most 16 entries, got 17",
    ),
    (
        "more NACL rules than AWS allows",
        HEAD
        + NET
        + "  acl:\n    type: network_acl\n    vpc: vpc\n    inbound:\n"
        + "".join(
            f"      - {{rule: {n}, action: allow, protocol: all, cidr: 0.0.0.0/0}}\n"
            for n in range(1, 42)
        ),
        "18:7",
        "inbound: takes at most 40 entries, got 41",
    ),
    (
        "integer too long for Python",
        HEAD + "  u:\n    type: client\n    label: " + "9" * 5000 + "\n",
        "8:12",
        "number too large",
    ),
    ("version too long for Python", "archgen: " + "1" * 5000 + "\n", "1:10", "number too large"),
    (
        "merge key into its own mapping",
        HEAD + "  u: &u\n    type: client\n    <<: *u\n",
        "8:5",
        "a merge key (<<) refers to the mapping it is in",
    ),
    ("alias into its own list", HEAD + "  x: &x [a, *x]\n", "6:6", "refers to the mapping or list"),
    (
        "deep flow mapping",
        HEAD + "  x: " + "{a: " * 40 + "1" + "}" * 40 + "\n",
        "6:",
        "nesting deeper than 32 levels",
    ),
    (
        "deep nesting through aliases",
        "a: &a [1]\n"
        + "".join(f"b{i}: &b{i} [*{'a' if i == 0 else f'b{i - 1}'}]\n" for i in range(40)),
        "",
        "nesting deeper than 32 levels",
    ),
    (
        "boolean port",
        HEAD + "  u: {type: client}\n  d: {type: dynamodb}\n"
        "connections:\n  - {from: u, to: d, protocol: https, port: true}\n",
        "9:45",
        "port: expected a whole number, got True",
    ),
    (
        "fractional port",
        HEAD + "  u: {type: client}\n  d: {type: dynamodb}\n"
        "connections:\n  - {from: u, to: d, protocol: https, port: 443.0}\n",
        "9:45",
        "port: expected a whole number, got 443.0",
    ),
    (
        "infinite port",
        HEAD + "  u: {type: client}\n  d: {type: dynamodb}\n"
        "connections:\n  - {from: u, to: d, protocol: https, port: 1.0e+999}\n",
        "9:45",
        "port: expected a whole number, got inf",
    ),
    (
        "boolean NACL rule number",
        HEAD + NET + "  acl:\n    type: network_acl\n    vpc: vpc\n    inbound:\n"
        "      - {rule: true, action: allow, protocol: all, cidr: 0.0.0.0/0}\n",
        "18:16",
        "rule: expected a whole number, got True",
    ),
    (
        "boolean ports",
        HEAD + NET + "  sg:\n    type: security_group\n    vpc: vpc\n    ingress:\n"
        "      - {protocol: tcp, ports: false, source: 0.0.0.0/0}\n",
        "18:32",
        "ports: expected a whole number, got False",
    ),
    (
        "port range past 65535",
        HEAD + NET + "  sg:\n    type: security_group\n    vpc: vpc\n    ingress:\n"
        "      - {protocol: tcp, ports: 0-99999, source: 0.0.0.0/0}\n",
        "18:32",
        "'0-99999' is not a range within 0-65535",
    ),
    (
        "boolean capacity",
        HEAD + NET + "  g: {type: autoscaling_group, subnets: [sub], max: true}\n",
        "14:53",
        "max: expected a whole number, got True",
    ),
    (
        "CIDR prefix past 32",
        HEAD + "  vpc: {type: vpc, cidr: 10.0.0.0/33}\n",
        "6:26",
        "not an IPv4",
    ),
    ("IPv6 CIDR", HEAD + "  vpc: {type: vpc, cidr: '::/0'}\n", "6:26", "not an IPv4"),
    (
        "expiry that is no calendar day",
        HEAD + "  u:\n    type: client\n    suppress:\n"
        "      - {rule: AG101, reason: r, expires: 2027-02-30}\n",
        "9:43",
        "expires: '2027-02-30' is not a calendar date written YYYY-MM-DD",
    ),
    (
        "expiry as a number",
        HEAD + "  u:\n    type: client\n    suppress:\n"
        "      - {rule: AG101, reason: r, expires: 20270630}\n",
        "9:43",
        "expires: 20270630 is not a calendar date",
    ),
    (
        "fractional version",
        "archgen: 1.0\nname: t\ntitle: T\nregion: us-east-1\nresources: {}\n",
        "1:10",
        "unsupported format version 1.0",
    ),
    (
        "security group source neither CIDR nor id",
        HEAD + NET + "  sg:\n    type: security_group\n    vpc: vpc\n    ingress:\n"
        "      - {protocol: tcp, ports: 443, source: Not_An_Id}\n",
        "18:45",
        "neither a CIDR block nor a resource id",
    ),
]


@pytest.mark.parametrize(
    ("content", "where", "message"),
    [pytest.param(content, where, message, id=name) for name, content, where, message in CASES],
)
def test_bad_input_exits_2_at_its_place(
    tmp_path: Path, content: bytes | str, where: str, message: str
) -> None:
    path = tmp_path / "bad.yaml"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if message in line]
    assert lines, result.stderr
    assert lines[0].startswith(f"{path}:{where}"), result.stderr


def test_every_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(
        "archgen: 1\nname: t\ntitle: T\nregion: us-east-1\nresources:\n"
        "  a:\n    type: vpc\n    cidr: nope\n  b:\n    type: vpcc\n  c:\n    type: s3\n    x: 1\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{path}:8:11: cidr: 'nope' is not an IPv4 CIDR block such as 10.0.0.0/16",
        f"{path}:10:11: unknown resource type 'vpcc' (did you mean 'vpc'?)",
        f"{path}:13:5: unknown key 'x' in s3 'c' (expected one of: label, tier, why, "
        "suppress, type, website, block_public_access, encrypted, versioning, storage_class)",
    ]


def test_problems_of_every_file_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("archgen: 3\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'a.yaml'}:1:10: unsupported format version 3: this archgen reads version 1",
        f"{tmp_path / 'b.yaml'}:1:1: the file is empty",
    ]


def test_two_files_with_one_name_are_refused(tmp_path: Path) -> None:
    text = "archgen: 1\nname: same\ntitle: T\nregion: us-east-1\nresources: {}\n"
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"{tmp_path / 'b.yaml'}:2:7: name 'same' is already used by {tmp_path / 'a.yaml'}: "
        "outputs would overwrite each other"
    )


def test_a_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# padding\n" * 300_000)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{path}:1:1: file is larger than")


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{tmp_path / 'nope.yaml'}: no such file or folder"


def test_invalid_input_as_json(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("archgen: 2\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--format", "json", str(path)])
    assert result.exit_code == 2
    assert result.stdout == (
        '{\n  "errors": [\n    {\n      "file": "' + str(path) + '",\n      "line": 1,\n'
        '      "column": 10,\n      "message": "unsupported format version 2: '
        'this archgen reads version 1"\n    }\n  ]\n}\n'
    )


def test_references_are_checked_even_when_other_parts_are_invalid(tmp_path: Path) -> None:
    path = tmp_path / "mixed.yaml"
    path.write_text(
        "archgen: 1\nname: t\ntitle: T\nregion: us-east-1\nresources:\n"
        "  vpc: {type: vpc, cidr: 10.0.0.0/16, colour: red}\n"
        "  s: {type: subnet, vpc: vpcc, zone: us-east-1a, cidr: 10.0.1.0/24}\n"
        "  u: {type: client}\n"
        "connections:\n  - {from: u, to: nowhere, protocol: https}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{path}:6:39: unknown key 'colour' in vpc 'vpc' "
        "(expected one of: label, tier, why, suppress, type, cidr)",
        f"{path}:7:26: vpc: 'vpcc' names no resource (did you mean 'vpc'?)",
        f"{path}:10:19: to: 'nowhere' names no resource",
    ]


def test_control_characters_in_the_input_are_shown_as_escapes(tmp_path: Path) -> None:
    """A message quoting a hostile name, key or flow must not move the cursor or fake a line."""
    path = tmp_path / "evil.yaml"
    path.write_text(
        'archgen: 1\nname: "a\\e[2Jb\\nc"\ntitle: T\nregion: us-east-1\nresources:\n'
        '  "u\\u202ex": {type: client}\n  v: {type: client, "k\\r": 1}\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{path}:2:7: name 'a\\x1b[2Jb\\nc' must be a slug of lowercase letters, digits and "
        "hyphens (it names the output files)",
        f"{path}:6:3: resource id 'u\\u202ex' must start with a lowercase letter and hold only "
        "lowercase letters, digits and hyphens",
        f"{path}:7:21: unknown key 'k\\r' in client 'v' (expected one of: label, tier, why, "
        "suppress, type)",
    ]


def test_a_flow_name_is_quoted_with_escapes(tmp_path: Path) -> None:
    path = tmp_path / "flows.yaml"
    path.write_text(
        HEAD + "  u: {type: client}\n  d: {type: dynamodb}\n"
        'flows:\n  - {name: "f\\e]0;x\\a", steps: [u, d]}\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{path}:9:36: flow 'f\\x1b]0;x\\x07': no connection from 'u' to 'd' is declared"
    ]
