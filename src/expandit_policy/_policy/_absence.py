"""MAIL-5 and MAIL-6: an absence of more than 8 hours needs an out-of-office reply that names a
shared mailbox."""

from __future__ import annotations

import datetime as _dt

import attrs

from .. import _checks, _time
from .._domain._gates import Decision
from .._domain._parties import Mailbox
from .._errors import InvalidValueError, WrongTypeError

__all__ = ["Absence", "AutoReply", "out_of_office"]

_EIGHT_HOURS_US = 8 * _time.US_PER_HOUR


@attrs.frozen
class Absence:
    """A staff member's absence, from ``start`` to ``end`` (aware instants).

    >>> import pendulum
    >>> a = Absence(pendulum.datetime(2026, 3, 2, 8, tz="Europe/Copenhagen"),
    ...             pendulum.datetime(2026, 3, 3, 8, tz="Europe/Copenhagen"))
    >>> a.duration
    datetime.timedelta(days=1)
    """

    # pendulum pickles an instant without its fold; this keeps it (_checks)
    __reduce__ = _checks.reduce_keeping_folds

    start: _dt.datetime = attrs.field(validator=_checks.aware, eq=_checks.moment)
    """When the absence starts."""
    end: _dt.datetime = attrs.field(validator=_checks.aware, eq=_checks.moment)
    """When it ends."""

    def __attrs_post_init__(self) -> None:
        if _time.to_us(self.end) < _time.to_us(self.start):
            raise InvalidValueError(
                f"Absence.end must not be before Absence.start, got {self.start.isoformat()} to "
                f"{self.end.isoformat()}"
            )

    @property
    def duration(self) -> _dt.timedelta:
        """The elapsed (clock) time of the absence."""
        return _time.us_timedelta(_time.to_us(self.end) - _time.to_us(self.start))


@attrs.frozen
class AutoReply:
    """The out-of-office settings: whether it is on, and which mailbox the reply names.

    >>> AutoReply(True, Mailbox.support()).alternative.is_shared
    True
    """

    enabled: bool = attrs.field(validator=_checks.boolean)
    """Whether the out-of-office reply is switched on."""
    alternative: Mailbox | None = attrs.field(
        default=None, validator=_checks.optional(Mailbox, "a Mailbox or None")
    )
    """The alternative contact the reply names, if any."""


def out_of_office(absence: Absence, auto_reply: AutoReply) -> tuple[Decision, Decision]:
    """MAIL-5 and MAIL-6 for one absence: whether the out-of-office settings comply.

    MAIL-5: an absence strictly longer than 8 clock hours needs the reply switched on. MAIL-6:
    a reply that is on names the support or the sales mailbox as the alternative contact.

    >>> import pendulum
    >>> from expandit_policy import Mailbox
    >>> monday = pendulum.datetime(2026, 3, 2, 8, tz="Europe/Copenhagen")
    >>> mail5, mail6 = out_of_office(Absence(monday, monday.add(days=2)), AutoReply(False))
    >>> mail5.allowed, mail5.reasons[0]
    (False, 'MAIL-5: an absence of 48:00 hours (more than 8) needs the out-of-office reply on; it is off')
    >>> mail6.allowed
    True
    """
    if not isinstance(absence, Absence):
        raise WrongTypeError(f"absence must be an Absence, got {_checks.got(absence)}")
    if not isinstance(auto_reply, AutoReply):
        raise WrongTypeError(f"auto_reply must be an AutoReply, got {_checks.got(auto_reply)}")
    hours = absence.duration
    shown = f"{int(hours.total_seconds()) // 3600}:{int(hours.total_seconds()) // 60 % 60:02d}"
    long = _time.timedelta_us(hours) > _EIGHT_HOURS_US
    if not long:
        mail5 = Decision(True, "MAIL-5", [f"MAIL-5: an absence of {shown} hours needs no reply"])
    elif auto_reply.enabled:
        mail5 = Decision(
            True, "MAIL-5", [f"MAIL-5: an absence of {shown} hours: the out-of-office reply is on"]
        )
    else:
        mail5 = Decision(
            False,
            "MAIL-5",
            [
                f"MAIL-5: an absence of {shown} hours (more than 8) needs the out-of-office "
                f"reply on; it is off"
            ],
        )
    alternative = auto_reply.alternative
    if not auto_reply.enabled:
        mail6 = Decision(True, "MAIL-6", ["MAIL-6: the out-of-office reply is off"])
    elif alternative is not None and alternative.is_shared:
        mail6 = Decision(
            True, "MAIL-6", [f"MAIL-6: the reply names the {alternative.kind.value} mailbox"]
        )
    else:
        named = "no alternative" if alternative is None else f"the personal {alternative.address}"
        mail6 = Decision(
            False,
            "MAIL-6",
            [f"MAIL-6: the reply names {named}; it must name the support or sales mailbox"],
        )
    return mail5, mail6
