"""A transit gateway's attachment interfaces, drawn in the subnets they sit in.

A transit gateway is regional, but it reaches each attached VPC through one
network interface per attachment subnet (AWS Transit Gateway, VPC
attachments). An architect draws that interface in its subnet, as a VPC
function's interfaces are drawn, so the subnet does not look empty and the
traffic is seen to enter and leave the VPC there (layout.path).
"""

from __future__ import annotations

from archgen.layout.scene import Node
from archgen.model.architecture import Architecture
from archgen.model.resources.links import TransitGateway

LABEL = "Attachment ENI"


def attachment_nodes(arch: Architecture, subnet_id: str) -> list[Node]:
    """Return the interface of every transit gateway attachment in the subnet."""
    found = []
    for gateway in arch.resources_of(TransitGateway):
        for attachment in gateway.attachments:
            if subnet_id in attachment.subnets:
                found.append(
                    Node(
                        id=f"{gateway.id}@{subnet_id}",
                        resource=gateway.id,
                        type=gateway.type,
                        label=LABEL,
                        subnet=subnet_id,
                        shape="eni",
                    )
                )
    return found
