"""What every resource has, whatever its type."""

from __future__ import annotations

import datetime
from typing import Annotated

from pydantic import Field, PrivateAttr

from archgen.model.types import Frozen, Tier


class Suppression(Frozen):
    """A finding the author accepts, with the reason a reviewer will read."""

    rule: Annotated[str, Field(pattern=r"^AG\d{3}$")]
    reason: Annotated[str, Field(min_length=1)]
    expires: datetime.date | None = None


class ResourceBase(Frozen):
    """Fields shared by all resource types; `type` is declared by each subclass."""

    label: str | None = None
    tier: Tier | tuple[Tier, ...] | None = None
    why: str | None = None
    suppress: tuple[Suppression, ...] = ()

    _id: str = PrivateAttr(default="")

    @property
    def id(self) -> str:
        """The resource's key in `resources`, set once when the architecture is built."""
        return self._id

    @property
    def display_name(self) -> str:
        """The label when given, else the id."""
        return self.label or self._id
