"""AWS Systems Manager: instances managed without a bastion, SSH keys or open ports.

The SSM agent on each instance opens the connections itself, outbound on
443, to three services: `ssm` (commands and inventory), `ssmmessages`
(Session Manager's shell channel) and `ec2messages` (the agent's own
messages). A private fleet reaches them through a NAT gateway, or through
an interface endpoint for each of the three: all three, or sessions fail.
"""

from typing import ClassVar, Literal

from archgen.model.resources.base import ResourceBase
from archgen.model.resources.facts import Facts, Shape, regional_service

SESSION_MANAGER_ENDPOINTS = ("ssm", "ssmmessages", "ec2messages")
"""The endpoint services an SSM agent needs, all of them, for Session Manager to work."""


class SystemsManager(ResourceBase):
    """Session Manager, Run Command and Patch Manager: a fleet's agents call it over 443."""

    type: Literal["systems_manager"]
    """Always `systems_manager`: selects this resource type."""
    facts: ClassVar[Facts] = regional_service(
        service="AWS Systems Manager",
        tier="application",
        icon="aws/management/systems-manager.png",
        shape=Shape(name="systems_manager", fill="#E7157B"),
        rationale="systems_manager",
        endpoint=SESSION_MANAGER_ENDPOINTS,
    )
