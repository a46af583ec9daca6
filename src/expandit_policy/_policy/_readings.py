"""The deadline clauses' readings: how the policy's open wording is turned into durations."""

from __future__ import annotations

from typing import Any, Literal, TypeAlias

import attrs

from .._calendars._durations import BusinessDays, BusinessHours, CalendarDays, ClockHours, Duration
from .._errors import InvalidPolicyError, WrongTypeError
from ._catalogue import ClauseKind, get_clause

__all__ = ["CHANNELS", "CHANNEL_CLAUSES", "DEFAULT_READINGS", "Channel", "Reading"]


def _deadline_clause(inst: Reading, attribute: attrs.Attribute[Any], value: Any) -> None:
    if get_clause(value).kind is not ClauseKind.DEADLINE and value != "COM-8":
        raise InvalidPolicyError(
            f"Reading.clause must name a deadline clause (or COM-8's follow-up), got {value!r}, "
            f"of kind {get_clause(value).kind.value}"
        )


def _duration(inst: Reading, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, Duration):
        raise WrongTypeError(
            f"Reading.duration must be BusinessHours, BusinessDays, CalendarDays, ClockHours or "
            f"None, got {value!r} ({type(value).__name__})"
        )
    # A deadline before its start is no reading; zero is one (the next opening, or the same day's
    # close or end). Day counts are never negative: the durations refuse that themselves.
    if isinstance(value, BusinessHours | ClockHours) and value.hours < 0:
        raise InvalidPolicyError(
            f"Reading.duration must not be negative, got {value!r}; a reading counts forward "
            f"from the start (zero hours means the next opening)"
        )


@attrs.frozen
class Reading:
    """How one deadline clause is read: its duration (None when there is no default) and a line
    saying what that means.

    >>> Reading("MAIL-1", BusinessHours(4), "4 business hours").duration
    BusinessHours(hours=4)
    """

    clause: str = attrs.field(validator=_deadline_clause)
    """The clause ID, e.g. 'MAIL-1'."""
    duration: Duration | None = attrs.field(validator=_duration)
    """The target, or None: MAIL-2 (the customer's licence terms give it), COM-9 (no cadence)."""
    description: str = attrs.field(validator=attrs.validators.instance_of(str))
    """The reading in a line."""


DEFAULT_READINGS: tuple[Reading, ...] = (
    Reading(
        "MAIL-1",
        BusinessHours(2),
        "2 business hours; a mail that arrives while closed starts the clock at the next opening",
    ),
    Reading(
        "MAIL-2",
        None,
        "set by the customer's licence terms (EULA); unknown until they are given",
    ),
    Reading(
        "MAIL-3", BusinessDays(2), "2 working days, same local time of day, from the next opening"
    ),
    Reading(
        "MAIL-4",
        BusinessDays(1),
        "24 hours that skip closed days: 1 working day, same local time of day",
    ),
    Reading(
        "TEL-3",
        BusinessDays(1),
        "24 hours that skip closed days: 1 working day, same local time of day",
    ),
    Reading(
        "CPL-1",
        BusinessDays(2, "close_of_day"),
        "by the close of the 2nd working day after the day of receipt",
    ),
    Reading(
        "CPL-2",
        CalendarDays(14),
        "14 calendar days after the day the information arrived, to the end of that day; "
        "a closed last day rolls to the end of the next working day",
    ),
    Reading(
        "COM-8",
        BusinessDays(1),
        "the satisfaction question within 1 working day of closing, same local time of day",
    ),
    Reading("COM-9", None, "no contact cadence set: nothing is reported until one is"),
)
"""The default readings of CLAUSES.md, one per clause with a clock."""

Channel: TypeAlias = Literal["support", "sales", "personal", "phone", "complaint"]
#: The channels a request can arrive on, as the command line names them.
CHANNELS: tuple[Channel, ...] = ("support", "sales", "personal", "phone", "complaint")
#: The deadline clauses a request on each command-line channel starts.
CHANNEL_CLAUSES: dict[Channel, tuple[str, ...]] = {
    "support": ("MAIL-1", "MAIL-2"),
    "sales": ("MAIL-1", "MAIL-3"),
    "personal": ("MAIL-4",),
    "phone": ("TEL-3",),
    "complaint": ("CPL-1", "CPL-2"),
}
