"""TEL-1, TEL-2 and CPL-4's routing: which service team takes which kind of request."""

from __future__ import annotations

from typing import Any

import attrs

from .. import _checks
from .._domain._parties import ServiceTeam
from .._domain._requests import RequestKind
from .._errors import InvalidPolicyError

__all__ = ["DEFAULT_ROUTING", "Routing"]


def _team(inst: Routing, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, ServiceTeam):
        raise InvalidPolicyError(
            f"Routing.{attribute.name} must be a ServiceTeam, got {value!r} "
            f"({type(value).__name__})"
        )
    if value is ServiceTeam.DEVELOPMENT:
        raise InvalidPolicyError(
            f"Routing.{attribute.name} must not be ServiceTeam.DEVELOPMENT (TEL-1 keeps the "
            f"developers free of calls), got it for {inst.kind!r}; route to SUPPORT or SALES"
        )


@attrs.frozen
class Routing:
    """TEL-2: the primary and secondary team for one kind of request (never the developers,
    TEL-1); claims of material defects go to the board first (CPL-4).

    >>> from expandit_policy import EXPANDIT_POLICY
    >>> EXPANDIT_POLICY.route(RequestKind.QUOTE)
    Routing(kind=<RequestKind.QUOTE: 'quote'>, primary=<ServiceTeam.SALES: 'sales'>, secondary=<ServiceTeam.SUPPORT: 'support'>)
    """

    kind: RequestKind = attrs.field(validator=_checks.instance(RequestKind, "a RequestKind"))
    """The kind of request."""
    primary: ServiceTeam = attrs.field(validator=_team)
    """The team that takes it."""
    secondary: ServiceTeam = attrs.field(validator=_team)
    """The team that stands in."""

    @property
    def clauses(self) -> tuple[str, ...]:
        """The clauses behind the routing: TEL-1 and TEL-2, with CPL-4 when the board takes it."""
        board = ServiceTeam.BOARD in (self.primary, self.secondary)
        return ("TEL-1", "TEL-2", "CPL-4") if board else ("TEL-1", "TEL-2")


_S, _A, _B = ServiceTeam.SUPPORT, ServiceTeam.SALES, ServiceTeam.BOARD
DEFAULT_ROUTING: tuple[Routing, ...] = (
    Routing(RequestKind.QUESTION, _S, _A),
    Routing(RequestKind.FIX, _S, _A),
    Routing(RequestKind.QUOTE, _A, _S),
    Routing(RequestKind.COMPLAINT, _A, _S),
    Routing(RequestKind.MATERIAL_DEFECT_CLAIM, _B, _S),
)
"""The default matrix: questions and fixes to support, quotes and complaints to sales, claims of
material defects to the board (CPL-4), each with the other customer-facing team behind it."""
