"""The walk records each step's facts as fields; no reader takes its text apart.

`trace` prints `component` and `admitted_by`, the explanation lists `subject`,
`way` and `rules`: both come from the same step, so they cannot disagree.
"""

from __future__ import annotations

from archgen.loader import load_file, load_text
from archgen.network.reach import network_of
from archgen.network.verdict import PairVerdict, Step
from tests.conftest import ARCHITECTURES

CAPSTONE = ARCHITECTURES / "capstone.yaml"


def _first_pair(text: str | None, source: str, target: str) -> PairVerdict:
    """Return the first pair of places of source -> target, in `text` or else the capstone."""
    arch = load_file(CAPSTONE) if text is None else load_text(text, "a.yaml")
    index = next(
        i for i, c in enumerate(arch.connections) if (c.source, c.target) == (source, target)
    )
    return network_of(arch).connection(index).pairs[0]


def _step(pair: PairVerdict, kind: str, direction: str = "forward") -> Step:
    return next(s for s in pair.steps if s.kind == kind and s.direction == direction)


def test_a_client_is_the_internet_and_a_service_endpoint_is_not() -> None:
    assert _first_pair(None, "users", "web-alb").source.internet
    endpoint = _first_pair(None, "app", "datasets").target
    assert endpoint.label == "datasets (public endpoint)"
    assert not endpoint.internet


def test_a_nacl_step_keeps_its_side_apart_from_its_id() -> None:
    step = _step(_first_pair(None, "web-alb", "app"), "network_acl", "return")
    assert (step.subject, step.way, step.component) == ("app-nacl", "outbound", "app-nacl outbound")
    assert step.rules == ("rule 120 allow tcp 1024-65535 10.0.0.0/23",)


def test_a_listener_and_a_gateway_list_their_rules_without_their_names() -> None:
    pair = _first_pair(None, "users", "web-alb")
    listener = _step(pair, "listener")
    assert (listener.rules, listener.admitted_by) == (("https:443",), "listener https:443")
    gateway = _step(pair, "internet_gateway")
    assert gateway.rules == ("attached to vpc", "web-alb has a public address")
    assert gateway.admitted_by == "attached to vpc; web-alb has a public address"


def test_one_group_lists_bare_rules_and_several_groups_keep_each_rules_group() -> None:
    alone = _step(_first_pair(None, "app", "db"), "security_group")
    assert (alone.subject, alone.rules) == ("app-sg", ("tcp 3306 to db-sg",))
    assert alone.admitted_by == "app-sg: tcp 3306 to db-sg"
    text = CAPSTONE.read_text(encoding="utf-8")
    two = text.replace("security_groups: [db-sg]", "security_groups: [db-sg, app-sg]")
    pair = _first_pair(two, "app", "db")
    ingress = next(s for s in pair.steps if s.check.startswith("ingress"))
    assert ingress.subject == "db-sg, app-sg"
    assert ingress.component == "db-sg, app-sg"
    assert ingress.rules == ("db-sg: tcp 3306 from app-sg",)
