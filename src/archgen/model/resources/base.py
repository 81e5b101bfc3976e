"""What every resource has, whatever its type."""

import datetime
import re
from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, Field, PrivateAttr

from archgen.model.resources.facts import Drawn, Facts, Placement
from archgen.model.types import Frozen, Label, Prose, Tier

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value: Any) -> Any:  # the raw YAML value; a date when it is one
    """Accept only a calendar date written YYYY-MM-DD.

    pydantic would also read a number as seconds since 1970 (so 20270630 is a
    day in 1970) and report 2027-02-30 in its own words; a suppression's expiry
    is a day the author means, so anything else is refused with one message.
    """
    if isinstance(value, datetime.date):
        return value
    text = value if isinstance(value, str) else None
    if text is not None and _ISO_DATE.match(text):
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            pass
    raise ValueError(f"{value!r} is not a calendar date written YYYY-MM-DD")


IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date)]


class Suppression(Frozen):
    """A finding the author accepts, with the reason a reviewer will read."""

    rule: Annotated[str, Field(pattern=r"^AG\d{3}$")]
    """The rule id whose finding is accepted, such as AG104."""
    reason: Prose
    """Why the finding is accepted, for a reviewer."""
    expires: IsoDate | None = None
    """The day (YYYY-MM-DD) the suppression lapses; AG002 then reports it."""

    def lapsed(self, today: datetime.date) -> bool:
        """Whether `today` lies past the expiry: the finding counts again and AG002 says so."""
        return self.expires is not None and self.expires < today


class ResourceBase(Frozen):
    """Fields shared by all resource types; `type` and `facts` are declared by each subclass."""

    facts: ClassVar[Facts]
    interface_name: ClassVar[str] = "ENI"
    """What one of its network interfaces is called where the picture draws them."""

    label: Label | None = None
    """The name drawn and written for it; defaults to the id."""
    tier: Tier | Annotated[tuple[Tier, ...], Field(min_length=1)] | None = None
    """The tier or tiers it serves (external, presentation, edge, application, data, network,
    identity); defaults to its type's."""
    why: Prose | None = None
    """Why it was chosen, in the author's words; the explanation quotes it."""
    suppress: tuple[Suppression, ...] = ()
    """Findings on this resource the author accepts, each with a reason."""

    _id: str = PrivateAttr(default="")

    @property
    def id(self) -> str:
        """The resource's key in `resources`, set once when the architecture is built."""
        return self._id

    @property
    def display_name(self) -> str:
        """The label when given, else the id."""
        return self.label or self._id

    def default_tiers(self) -> tuple[Tier, ...]:
        """Return the tiers served when `tier` is omitted: the type's, unless a field says more."""
        return (self.facts.tier,)

    def placement(self) -> Placement:
        """Return where the resource is drawn: the type's, unless a field moves it."""
        return self.facts.placement

    def drawn(self) -> Drawn:
        """Return how the resource is drawn: the type's, unless a field changes it."""
        return self.facts.drawn

    def own_port(self) -> int | None:
        """Return the port it listens on when a connection names none (None: the protocol's)."""
        return self.facts.port

    def serving_zones(self, zones: tuple[str, ...]) -> tuple[str, ...]:
        """Return the zones of `zones` it keeps serving from: all, unless one zone holds it all."""
        return zones

    def failover(self) -> str:
        """Return what keeps it serving in its other zones, in a few words ('' if nothing says)."""
        return ""
