"""A calendar per desk: the policy may answer some channels or parties on other hours."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from .. import _checks
from .._calendars._calendar import BusinessCalendar, Calendar, ComposedCalendar
from .._domain._parties import Party
from .._domain._requests import Channel, Request
from .._errors import InvalidPolicyError, WrongTypeError
from ._cadences import PARTY_KINDS, PartyKind, party_kind

__all__ = ["DeskCalendar", "calendar_for", "check_desks"]


def _calendar(inst: DeskCalendar, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, BusinessCalendar | ComposedCalendar):
        raise WrongTypeError(
            f"DeskCalendar.calendar must be a BusinessCalendar or a ComposedCalendar, got "
            f"{value!r} ({type(value).__name__}); e.g. presets.germany()"
        )


def _kind(inst: DeskCalendar, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and value not in PARTY_KINDS:
        raise InvalidPolicyError(
            f"DeskCalendar.party_kind must be one of {', '.join(map(repr, PARTY_KINDS))} or "
            f"None, got {value!r}"
        )


@attrs.frozen
class DeskCalendar:
    """The calendar of one desk: requests on ``channel``, or from parties of ``party_kind``, or
    from the party named ``party_name`` (without regard to case), are measured on ``calendar``.

    When several apply, the most specific wins: a named party, then a kind of party, then the
    channel; the policy's own calendar serves everything else. A desk that names two conditions
    applies only when both hold, and ranks by the more specific.

    >>> from expandit_policy import Channel, presets
    >>> german = DeskCalendar(presets.germany(), party_name="Müller GmbH")
    >>> german.chooses
    "party 'Müller GmbH'"
    """

    calendar: Calendar = attrs.field(validator=_calendar)
    """The desk's calendar."""
    channel: Channel | None = attrs.field(
        default=None, validator=_checks.optional(Channel, "a Channel or None")
    )
    """The channel it serves; None for any channel."""
    party_kind: PartyKind | None = attrs.field(default=None, validator=_kind)
    """'partner', 'reseller' or 'end customer'; None for any kind."""
    party_name: str | None = attrs.field(default=None, validator=_checks.identifier_or_none)
    """One party's name (compared without regard to case); None for any party."""

    def __attrs_post_init__(self) -> None:
        if self.channel is None and self.party_kind is None and self.party_name is None:
            raise InvalidPolicyError(
                "DeskCalendar must name a channel, a party_kind or a party_name; the policy's "
                "own calendar is the one for everything else"
            )

    def applies_to(self, channel: Channel, party: Party) -> bool:
        """Whether this desk serves a request on ``channel`` from ``party``.

        >>> from expandit_policy import Channel, EndCustomer, presets
        >>> DeskCalendar(presets.germany(), party_name="ACME").applies_to(
        ...     Channel.PHONE, EndCustomer("Acme"))
        True
        """
        if self.channel is not None and channel is not self.channel:
            return False
        if self.party_kind is not None and party_kind(party) != self.party_kind:
            return False
        return self.party_name is None or self.party_name.casefold() == party.name.casefold()

    @property
    def specificity(self) -> int:
        """4 for a named party, 2 for a kind of party, 1 for a channel, added together."""
        return (
            4 * (self.party_name is not None)
            + 2 * (self.party_kind is not None)
            + (self.channel is not None)
        )

    @property
    def chooses(self) -> str:
        """Whom it serves, in words."""
        parts = []
        if self.party_name is not None:
            parts.append(f"party {self.party_name!r}")
        if self.party_kind is not None:
            parts.append(f"{self.party_kind}s")
        if self.channel is not None:
            parts.append(f"the {self.channel.value}")
        return " on ".join(parts)


def calendar_for(
    default: Calendar, desks: Iterable[DeskCalendar], request: Request
) -> tuple[Calendar, DeskCalendar | None]:
    """The calendar a request is measured on, and the desk that chose it (None: the default)."""
    best: DeskCalendar | None = None
    for desk in desks:
        if desk.applies_to(request.channel, request.party) and (
            best is None or desk.specificity > best.specificity
        ):
            best = desk
    return (default, None) if best is None else (best.calendar, best)


def check_desks(value: Any) -> list[Exception]:
    """The problems of a policy's desk calendars: wrong types, two desks for the same requests."""
    if not isinstance(value, tuple):
        return [
            WrongTypeError(
                f"Policy.desk_calendars must be an iterable of DeskCalendar, got {value!r}"
            )
        ]
    problems: list[Exception] = []
    seen: set[tuple[object, ...]] = set()
    for k, desk in enumerate(value):
        if not isinstance(desk, DeskCalendar):
            problems.append(
                WrongTypeError(
                    f"Policy.desk_calendars[{k}] must be a DeskCalendar, got {desk!r} "
                    f"({type(desk).__name__})"
                )
            )
            continue
        name = None if desk.party_name is None else desk.party_name.casefold()
        key = (desk.channel, desk.party_kind, name)
        if key in seen:
            problems.append(
                InvalidPolicyError(
                    f"Policy.desk_calendars[{k}] serves the same requests as an earlier desk "
                    f"({desk.chooses}); give each one calendar"
                )
            )
        seen.add(key)
    return problems
