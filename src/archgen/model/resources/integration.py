"""Orchestration and events: Step Functions state machines and EventBridge buses."""

from __future__ import annotations

from typing import ClassVar, Literal

from archgen.model.resources.base import ResourceBase
from archgen.model.resources.compute import RoleRef
from archgen.model.resources.facts import AssumesRole, Facts, NeedsRole, Shape


class StepFunctions(NeedsRole, ResourceBase):
    """A state machine that calls services step by step, with retries and error branches."""

    type: Literal["step_functions"]
    """Always `step_functions`: selects this resource type."""
    facts: ClassVar[Facts] = Facts(
        service="AWS Step Functions",
        tier="application",
        placement="regional",
        icon="diagrams.aws.integration.StepFunctions",
        shape=Shape(name="step_functions", fill="#E7157B"),
        drawn="icon",
        port=None,
        rationale="step_functions",
        signed_api=True,
        endpoint="states",
    )
    workflow: Literal["standard", "express"] = "standard"
    """Standard: up to a year, exactly once; express: up to five minutes, at least once."""
    role: RoleRef | None = None
    """The execution role the state machine calls everything with."""


class Eventbridge(AssumesRole, ResourceBase):
    """An event bus whose rules route each event to the targets that match it."""

    type: Literal["eventbridge"]
    """Always `eventbridge`: selects this resource type."""
    facts: ClassVar[Facts] = Facts(
        service="Amazon EventBridge",
        tier="application",
        placement="regional",
        icon="diagrams.aws.integration.Eventbridge",
        shape=Shape(name="eventbridge", fill="#E7157B"),
        drawn="icon",
        port=None,
        rationale="eventbridge",
        signed_api=True,
        endpoint="events",
    )
    schedule: bool = False
    """A scheduler that starts the targets on a timetable rather than on events."""
