"""The deadline clauses of the service policy with their default readings (CLAUSES.md)."""

from __future__ import annotations

from typing import Literal, TypeAlias

import attrs

from .._calendars._durations import BusinessDays, BusinessHours, CalendarDays, Duration

__all__ = ["CHANNELS", "DEADLINE_READINGS", "Channel", "DeadlineReading", "deadlines_for"]

Channel: TypeAlias = Literal["support", "sales", "personal", "phone", "complaint"]
#: The channels a request can arrive on, as the command line names them.
CHANNELS: tuple[Channel, ...] = ("support", "sales", "personal", "phone", "complaint")


@attrs.frozen
class DeadlineReading:
    """A time-bound clause and how its open wording is read by default."""

    clause: str
    """The clause ID (MAIL-1, CPL-2, ...)."""
    demands: str
    """What the clause demands, in a line."""
    duration: Duration | None
    """The target; None when it comes from elsewhere (MAIL-2: the customer's licence terms)."""
    reading: str
    """How the open wording is read."""
    channels: tuple[Channel, ...]
    """The channels on which the clause applies."""


DEADLINE_READINGS: tuple[DeadlineReading, ...] = (
    DeadlineReading(
        "MAIL-1",
        "first reply to mail on the support or sales mailbox",
        BusinessHours(2),
        "2 business hours; a mail that arrives while closed starts the clock at the next opening",
        ("support", "sales"),
    ),
    DeadlineReading(
        "MAIL-2",
        "complete answer to support mail (a fix)",
        None,
        "set by the customer's licence terms (EULA); unknown until they are given",
        ("support",),
    ),
    DeadlineReading(
        "MAIL-3",
        "complete answer to sales mail (a quote)",
        BusinessDays(2),
        "2 working days, same local time of day, from the next opening",
        ("sales",),
    ),
    DeadlineReading(
        "MAIL-4",
        "reply to personal mail",
        BusinessDays(1),
        "24 hours that skip closed days: 1 working day, same local time of day",
        ("personal",),
    ),
    DeadlineReading(
        "TEL-3",
        "answer to a fee earner's call",
        BusinessDays(1),
        "24 hours that skip closed days: 1 working day, same local time of day",
        ("phone",),
    ),
    DeadlineReading(
        "CPL-1",
        "written acknowledgement of a complaint",
        BusinessDays(2, "close_of_day"),
        "by the close of the 2nd working day after the day of receipt",
        ("complaint",),
    ),
    DeadlineReading(
        "CPL-2",
        "answer to a complaint, once the relevant information is in",
        CalendarDays(14),
        "14 calendar days after the day the information arrived, to the end of that day; "
        "a closed last day rolls to the end of the next working day",
        ("complaint",),
    ),
)


def deadlines_for(channel: Channel) -> tuple[DeadlineReading, ...]:
    """The deadline clauses that a request on ``channel`` starts.

    >>> [r.clause for r in deadlines_for("complaint")]
    ['CPL-1', 'CPL-2']
    """
    return tuple(r for r in DEADLINE_READINGS if channel in r.channels)
