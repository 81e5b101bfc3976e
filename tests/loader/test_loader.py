"""Valid files load into the model with every position and derived fact right."""

from __future__ import annotations

from pathlib import Path

import pytest

from archgen.errors import InvalidInput
from archgen.loader import load_file, load_text
from archgen.model.resources.data import Rds
from archgen.model.resources.network import SecurityGroup, Subnet
from archgen.source import Span
from tests.conftest import ARCHITECTURES, WriteArch


@pytest.fixture(scope="module")
def capstone_path() -> Path:
    return ARCHITECTURES / "capstone.yaml"


def test_positions_of_keys_and_values(capstone_path: Path) -> None:
    arch = load_file(capstone_path, "capstone.yaml")
    lines = capstone_path.read_text(encoding="utf-8").splitlines()
    db_line = lines.index("  db:") + 1
    engine_line = lines.index("    engine: mysql", db_line) + 1
    assert arch.source.span(("resources", "db")) == Span("capstone.yaml", db_line, 3)
    assert arch.source.span(("resources", "db", "engine")) == Span("capstone.yaml", engine_line, 5)
    assert arch.source.value_span(("resources", "db", "engine")) == Span(
        "capstone.yaml", engine_line, 13
    )


def test_a_missing_key_falls_back_to_its_resource(capstone_path: Path) -> None:
    arch = load_file(capstone_path, "capstone.yaml")
    assert arch.source.span(("resources", "db", "port")) == arch.source.span(("resources", "db"))


def test_byte_order_mark_is_accepted(write_arch: WriteArch) -> None:
    path = write_arch("")
    path.write_bytes(
        b"\xef\xbb\xbfarchgen: 1\nname: t\ntitle: T\nregion: us-east-1\nresources: {}\n"
    )
    assert load_file(path).name == "t"


def test_merge_keys_and_aliases_share_settings() -> None:
    arch = load_text(
        "archgen: 1\nname: t\ntitle: T\nregion: us-east-1\nresources:\n"
        "  vpc: {type: vpc, cidr: 10.0.0.0/16}\n"
        "  a: &subnet {type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.0.1.0/24}\n"
        "  b:\n    <<: *subnet\n    zone: us-east-1b\n    cidr: 10.0.2.0/24\n",
        "t.yaml",
    )
    subnet = arch.get("b", Subnet)
    assert (subnet.vpc, subnet.zone, subnet.cidr) == ("vpc", "us-east-1b", "10.0.2.0/24")
    assert arch.source.span(("resources", "b", "zone")) == Span("t.yaml", 10, 5)


def test_a_merge_key_never_hides_a_duplicate() -> None:
    with pytest.raises(InvalidInput) as caught:
        load_text("base: &b {x: 1}\nm:\n  <<: *b\n  y: 1\n  y: 2\n", "t.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "t.yaml:1:1: missing 'archgen: 1' (the format version)",
        "t.yaml:5:3: duplicate key 'y' (first defined on line 4)",
    ]


def test_dates_stay_text_and_become_dates_in_the_model() -> None:
    arch = load_text(
        "archgen: 1\nname: t\ntitle: T\nregion: us-east-1\nresources:\n"
        "  u:\n    type: client\n    suppress:\n"
        "      - {rule: AG101, reason: accepted, expires: 2027-06-30}\n",
        "t.yaml",
    )
    assert str(arch.resource("u").suppress[0].expires) == "2027-06-30"


def test_defaults_per_type(capstone_path: Path) -> None:
    arch = load_file(capstone_path)
    db = arch.get("db", Rds)
    assert (db.effective_port, db.publicly_accessible) == (3306, False)
    assert arch.tiers_of("db") == ("data",)
    assert arch.tiers_of("web-alb") == ("edge",)
    assert arch.tiers_of("users") == ("external",)
    assert arch.tiers_of("vpc") == ("network",)


def test_declared_tiers_win() -> None:
    arch = load_file(ARCHITECTURES / "employee-directory-ec2.yaml")
    assert arch.tiers_of("web") == ("presentation", "application")


def test_a_website_bucket_is_presentation() -> None:
    arch = load_text(
        "archgen: 1\nname: t\ntitle: T\nregion: us-east-1\nresources:\n"
        "  site: {type: s3, website: true}\n  data: {type: s3}\n",
        "t.yaml",
    )
    assert (arch.tiers_of("site"), arch.tiers_of("data")) == (("presentation",), ("data",))


def test_effective_route_table_and_nacl(capstone_path: Path) -> None:
    arch = load_file(capstone_path)
    table = arch.route_table_of("app-a")
    assert table is not None
    assert table.id == "app-rt-a"
    assert arch.nacl_of("db-b") == "db-nacl"
    assert [arch.is_public(s) for s in ("public-a", "app-a", "db-a")] == [True, False, False]


def test_subnets_without_association_use_main_table_and_default_acl() -> None:
    arch = load_text(
        "archgen: 1\nname: t\ntitle: T\nregion: us-east-1\nresources:\n"
        "  vpc: {type: vpc, cidr: 10.0.0.0/16}\n"
        "  igw: {type: internet_gateway, vpc: vpc}\n"
        "  main: {type: route_table, vpc: vpc, main: true,"
        " routes: [{destination: 0.0.0.0/0, target: igw}]}\n"
        "  s: {type: subnet, vpc: vpc, zone: us-east-1a, cidr: 10.0.1.0/24}\n"
        "  other-vpc: {type: vpc, cidr: 10.1.0.0/16}\n"
        "  lonely: {type: subnet, vpc: other-vpc, zone: us-east-1a, cidr: 10.1.1.0/24}\n",
        "t.yaml",
    )
    table = arch.route_table_of("s")
    assert table is not None
    assert table.id == "main"
    assert arch.is_public("s")
    assert arch.nacl_of("s") is None
    assert arch.route_table_of("lonely") is None
    assert not arch.is_public("lonely")


def test_zones_and_placement(capstone_path: Path) -> None:
    arch = load_file(capstone_path)
    assert arch.zones_of("app") == ("us-east-1a", "us-east-1b")
    assert arch.zones_of("nat-b") == ("us-east-1b",)
    assert arch.zones_of("datasets") == ()
    assert arch.placement_of("importer") == "subnet"
    assert arch.placement_of("datasets") == "regional"
    assert arch.placement_of("dns") == "global"
    assert arch.placement_of("users") == "outside"
    assert arch.vpc_of("db") == "vpc"


def test_the_model_is_immutable(capstone_path: Path) -> None:
    arch = load_file(capstone_path)
    with pytest.raises(ValueError, match="frozen"):
        arch.get("db", Rds).multi_az = False  # type: ignore[misc]


def test_a_port_may_be_written_as_a_string_of_digits() -> None:
    arch = load_text(
        "archgen: 1\nname: t\ntitle: T\nregion: us-east-1\nresources:\n"
        "  users: {type: client}\n  api: {type: api_gateway}\n"
        "  vpc: {type: vpc, cidr: 10.0.0.0/16}\n"
        "  sg:\n    type: security_group\n    vpc: vpc\n"
        "    ingress: [{protocol: tcp, ports: '8080', source: 0.0.0.0/0}]\n"
        'connections:\n  - {from: users, to: api, protocol: tcp, port: "443"}\n',
        "t.yaml",
    )
    assert arch.connections[0].port == 443
    assert arch.get("sg", SecurityGroup).ingress[0].ports == 8080
