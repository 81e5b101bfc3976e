"""Orchestration and events: Step Functions state machines and EventBridge buses."""

from typing import ClassVar, Literal

from archgen.model.resources.base import ResourceBase
from archgen.model.resources.compute import RoleRef
from archgen.model.resources.facts import AssumesRole, Facts, NeedsRole, Shape, regional_service


class StepFunctions(NeedsRole, ResourceBase):
    """A state machine that calls services step by step, with retries and error branches."""

    type: Literal["step_functions"]
    """Always `step_functions`: selects this resource type."""
    facts: ClassVar[Facts] = regional_service(
        service="AWS Step Functions",
        tier="application",
        icon="aws/integration/step-functions.png",
        shape=Shape(name="step_functions", fill="#E7157B"),
        rationale="step_functions",
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
    facts: ClassVar[Facts] = regional_service(
        service="Amazon EventBridge",
        tier="application",
        icon="aws/integration/eventbridge.png",
        shape=Shape(name="eventbridge", fill="#E7157B"),
        rationale="eventbridge",
        endpoint="events",
    )
    schedule: bool = False
    """A scheduler that starts the targets on a timetable rather than on events."""
