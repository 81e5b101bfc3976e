"""A delivery AWS makes between its own services carries no protocol and port on its line."""

from __future__ import annotations

import pytest

from archgen.layout.drawing import build_scene
from archgen.loader import load_file, load_text
from archgen.model.architecture import Architecture
from tests.conftest import ARCHITECTURES

ORDERS = ARCHITECTURES / "gallery" / "event-driven-orders.yaml"


def _labels(arch: Architecture) -> dict[tuple[str, str], str]:
    scene = build_scene(arch)
    return {(e.source, e.target): e.label for e in scene.edges if e.kind in ("connection", "event")}


@pytest.mark.parametrize(
    ("source", "target", "label"),
    [
        ("uploads", "order-events", "object created"),  # S3 event notification
        ("order-events", "process-queue", "deliver notice"),  # SNS to its subscribed queue
        ("process-queue", "process-dlq", "after 5 failures"),  # dead-letter redrive
        ("audit-queue", "audit-dlq", "after 5 failures"),
    ],
)
def test_a_delivery_between_aws_services_shows_no_wire(
    source: str, target: str, label: str
) -> None:
    assert _labels(load_file(ORDERS))[(source, target)] == label


@pytest.mark.parametrize(
    ("source", "target", "label"),
    [
        ("ingest-fn", "uploads", "store order file\nHTTPS 443"),  # the function opens it
        ("process-queue", "processor", "batch of notices\nHTTPS 443"),  # polled by the consumer
    ],
)
def test_a_connection_the_design_opens_keeps_its_wire(source: str, target: str, label: str) -> None:
    assert _labels(load_file(ORDERS))[(source, target)] == label


def test_an_event_sent_by_code_keeps_its_wire() -> None:
    text = ORDERS.read_text(encoding="utf-8").replace(
        "{from: ingest-fn, to: uploads, protocol: https,",
        "{from: ingest-fn, to: uploads, protocol: https, mode: event,",
    )
    assert _labels(load_text(text, "orders.yaml"))[("ingest-fn", "uploads")] == (
        "store order file\nHTTPS 443"
    )


def test_the_capstone_s3_notification_invokes_the_function_without_a_wire() -> None:
    labels = _labels(load_file(ARCHITECTURES / "capstone.yaml"))
    assert labels[("datasets", "importer")] == "new data set"
