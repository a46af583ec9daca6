"""The values an assessment is made of: states, warning levels, clause results."""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import attrs
import pendulum

from .._domain import _checks
from .._domain._case import Case
from .._errors import InvalidValueError, UnknownClauseError, WrongTypeError
from .._policy._catalogue import ClauseKind

__all__ = ["Assessment", "ClauseResult", "ClauseState", "WarningLevel"]


class ClauseState(enum.Enum):
    """Where a clause stands for a case.

    For a deadline: NOT_STARTED, RUNNING, PAUSED, MET, MET_LATE, BREACHED; UNKNOWN when the
    target is not known (MAIL-2 without licence terms). For an obligation: OPEN while the duty is
    owed, MET when done, BREACHED when it can no longer be done right. NOT_APPLICABLE when the
    clause does not apply (COM-9 without a cadence). CANCELLED when the case was closed while
    the clock waited on the customer, or closed as void (a duplicate, spam, withdrawn): nothing
    was owed any more, and nothing was breached.

    >>> ClauseState.MET_LATE.is_final, ClauseState.CANCELLED.is_final
    (True, True)
    """

    NOT_STARTED = "not started"
    RUNNING = "running"
    PAUSED = "paused"
    MET = "met"
    MET_LATE = "met late"
    BREACHED = "breached"
    OPEN = "open"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not applicable"
    CANCELLED = "cancelled"

    @property
    def is_final(self) -> bool:
        """Whether the state is settled for good: met, met late, breached or cancelled."""
        return self in _FINAL


_FINAL = frozenset(
    {ClauseState.MET, ClauseState.MET_LATE, ClauseState.BREACHED, ClauseState.CANCELLED}
)


class WarningLevel(enum.Enum):
    """How much of a running target's business time is used, by the policy's thresholds; a
    breached result (a deadline or a duty) has the top level of its own, BREACHED.

    >>> WarningLevel.SECOND.value, WarningLevel.BREACHED.value
    ('second threshold', 'breached')
    """

    NONE = "none"
    FIRST = "first threshold"
    SECOND = "second threshold"
    BREACHED = "breached"


class _Later:
    """Field values not made yet: ``make(arg, name)`` makes the value of field ``name`` on its
    first read (see :class:`_OnRead`); one ``_Later`` serves every lazy field of a value.

    ``assess`` keeps its instants as microseconds, its business-time spans as their ends and its
    explanations as parts; turning them into DateTimes, timedeltas and text costs more than the
    arithmetic, and most results are never read that closely. A ``_Later`` never escapes: every
    read of a field makes the values."""

    __slots__ = ("arg", "make")

    def __init__(self, make: Callable[[Any, str], object], arg: Any) -> None:
        self.make = make
        self.arg = arg


class _OnRead:
    """A slot of a frozen attrs class whose value may be a :class:`_Later`: the first read
    makes the value and stores it in the slot, so every read (attribute access, equality,
    hashing, repr, pickling, ``attrs.asdict``, cattrs) sees the made value only."""

    __slots__ = ("name", "slot")

    def __init__(self, name: str, slot: Any) -> None:
        self.name = name
        self.slot = slot

    def __get__(self, inst: object, owner: type | None = None) -> Any:
        if inst is None:
            return self
        value = self.slot.__get__(inst, owner)
        if type(value) is _Later:
            value = value.make(value.arg, self.name)
            self.slot.__set__(inst, value)
        return value

    def __set__(self, inst: object, value: object) -> None:
        self.slot.__set__(inst, value)

    def __delete__(self, inst: object) -> None:
        self.slot.__delete__(inst)


_C = TypeVar("_C")


def _made_on_read(cls: type[_C], *names: str) -> dict[str, Any]:
    """Let fields ``names`` of slotted attrs class ``cls`` hold a :class:`_Later`; return the
    storage of every field of ``cls``, by name."""
    slots = {a.name: cls.__dict__[a.name] for a in attrs.fields(cls)}  # type: ignore[arg-type]
    for name in names:
        setattr(cls, name, _OnRead(name, slots[name]))
    return slots


def _pendulum(value: object) -> Any:
    """An aware stdlib datetime as the pendulum DateTime of the same instant and zone, so that a
    result holds what its fields say; anything else is left for the validator to judge."""
    if isinstance(value, _dt.datetime) and not isinstance(value, pendulum.DateTime):
        try:
            if value.utcoffset() is not None:
                return pendulum.instance(value)
        except (ValueError, TypeError, OverflowError):
            pass  # the validator names the problem
    return value


def _as_pendulum(value: _dt.datetime) -> pendulum.DateTime:
    """An instant given as a datetime, held as a pendulum DateTime (:func:`_pendulum`)."""
    held: pendulum.DateTime = _pendulum(value)
    return held


def _maybe_pendulum(value: _dt.datetime | None) -> pendulum.DateTime | None:
    """None, or an instant held as a pendulum DateTime (:func:`_pendulum`)."""
    held: pendulum.DateTime | None = _pendulum(value)
    return held


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    held: tuple[str, ...] = _checks.as_tuple(value)  # a text or a non-iterable: the validator
    return held


# ``assess`` makes a dozen results per case: these checks are one call each, not a chain of
# attrs validators, and they say what to fix in the library's own voice.
def _maybe_instant(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, _dt.datetime):
        raise WrongTypeError(
            f"{type(inst).__name__}.{attribute.name} must be a datetime or None, got {value!r} "
            f"({type(value).__name__})"
        )
    if value is not None:
        _checks.aware(inst, attribute, value)


def _maybe_span(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, _dt.timedelta):
        raise WrongTypeError(
            f"{type(inst).__name__}.{attribute.name} must be a timedelta or None, got {value!r} "
            f"({type(value).__name__})"
        )


def _lines(inst: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:  # fmt: skip
    if not isinstance(value, tuple):  # a text or a non-iterable, left so by the converter
        raise WrongTypeError(
            f"{_checks.field_name(inst, attribute)} must be a collection of lines (str), got "
            f"{_checks.got(value)}"
        )
    for k, line in enumerate(value):
        if not isinstance(line, str):
            raise WrongTypeError(
                f"{type(inst).__name__}.{attribute.name}[{k}] must be a str, got {line!r} "
                f"({type(line).__name__})"
            )
        if not line.isascii():  # plain ASCII holds no surrogate: no scan for the common case
            _checks.check_free_text(line, f"{type(inst).__name__}.{attribute.name}[{k}]")


def _instance(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise WrongTypeError(
            f"ClauseResult.instance must be an int, got {value!r} ({type(value).__name__})"
        )
    if value < 0:
        raise InvalidValueError(
            f"ClauseResult.instance must be 0 or more (0 for the first instance), got {value!r}"
        )


@attrs.frozen
class ClauseResult:
    """One clause assessed for one case as of an instant, with its explanation.

    >>> r = ClauseResult("COM-9", ClauseKind.DEADLINE, ClauseState.NOT_APPLICABLE,
    ...                  explanation=["COM-9: no contact cadence is set"])
    >>> r.state.value
    'not applicable'
    """

    # pendulum pickles an instant without its fold; this keeps it (_checks)
    __reduce__ = _checks.reduce_keeping_folds

    clause: str = attrs.field(
        validator=[_checks.instance(str, "a clause ID (str)"), _checks.identifier]
    )
    """The clause ID."""
    kind: ClauseKind = attrs.field(validator=_checks.instance(ClauseKind, "a ClauseKind"))
    """The clause's kind."""
    state: ClauseState = attrs.field(validator=_checks.instance(ClauseState, "a ClauseState"))
    """Where it stands."""
    started_at: pendulum.DateTime | None = attrs.field(
        default=None, converter=_maybe_pendulum, validator=_maybe_instant, eq=_checks.moment
    )
    """When the clock started (the current period's start for CPL-2)."""
    due_at: pendulum.DateTime | None = attrs.field(
        default=None, converter=_maybe_pendulum, validator=_maybe_instant, eq=_checks.moment
    )
    """When the target is due; None while paused, unknown, or for an obligation."""
    met_at: pendulum.DateTime | None = attrs.field(
        default=None, converter=_maybe_pendulum, validator=_maybe_instant, eq=_checks.moment
    )
    """When the stopping event happened."""
    used: _dt.timedelta | None = attrs.field(default=None, validator=_maybe_span)
    """Business time used by the running intervals, up to the stop or ``as_of``."""
    left: _dt.timedelta | None = attrs.field(default=None, validator=_maybe_span)
    """Business time from the stop or ``as_of`` to the due instant (negative when overdue)."""
    warning: WarningLevel = attrs.field(
        default=WarningLevel.NONE, validator=_checks.instance(WarningLevel, "a WarningLevel")
    )
    """The warning level of a running target; BREACHED for a breached result."""
    next_change_at: pendulum.DateTime | None = attrs.field(
        default=None, converter=_maybe_pendulum, validator=_maybe_instant, eq=_checks.moment
    )
    """The next instant at which the state would change with no new event."""
    explanation: tuple[str, ...] = attrs.field(default=(), converter=_strings, validator=_lines)
    """Why, one line each: the clause, the reading, the calendar, the events, what was skipped."""
    breached_at: pendulum.DateTime | None = attrs.field(
        default=None, converter=_maybe_pendulum, validator=_maybe_instant, eq=_checks.moment
    )
    """The instant of the breach: the due instant a deadline passed, or the event that made a
    duty impossible to do right (a close, a resolution, a wrong notice); also kept when a late
    stop made the result MET_LATE. None when nothing was breached."""
    instance: int = attrs.field(default=0, validator=_instance)
    """Which instance of the clause this is: 0, 1, 2, ... in the order the instances start.
    A next-reply clock (MAIL-1, MAIL-4, TEL-3) has one per unanswered run of customer messages,
    COM-9 one per contact period, COM-3 one per reply it checks; every other clause runs once
    and has instance 0 only. The explanation names what started it."""


#: The fields of a result that :func:`made` leaves to a :class:`_Later`.
LATER_FIELDS = (
    "started_at", "due_at", "met_at", "used", "left", "next_change_at", "explanation",
    "breached_at",
)  # fmt: skip
#: The storage of each field of a result, written directly by :func:`made`.
_RESULT_SLOTS = _made_on_read(ClauseResult, *LATER_FIELDS)


def _results(value: Iterable[ClauseResult]) -> tuple[ClauseResult, ...]:
    held: tuple[ClauseResult, ...] = _checks.as_tuple(value)  # a non-iterable: the validator
    return held


@attrs.frozen
class Assessment:
    """A case assessed against a policy as of an instant: one result per instance of every
    applicable clause (most clauses run once; see :attr:`ClauseResult.instance`).

    >>> import pendulum
    >>> from expandit_policy import (EXPANDIT_POLICY, Case, Channel, Contact, EndCustomer,
    ...     Request, RequestKind, assess)
    >>> ada = Contact("Ada Jensen", "ada@acme.dk")
    >>> t = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen")
    >>> case = Case(Request("R-1", Channel.SUPPORT_MAILBOX, RequestKind.QUESTION, t, ada,
    ...                     EndCustomer("Acme", [ada])))
    >>> assess(EXPANDIT_POLICY, case, t.add(hours=1)).result("MAIL-1").state
    <ClauseState.RUNNING: 'running'>
    """

    # pendulum pickles an instant without its fold; this keeps it (_checks)
    __reduce__ = _checks.reduce_keeping_folds

    case: Case = attrs.field(validator=_checks.instance(Case, "a Case"))
    """The case assessed."""
    as_of: pendulum.DateTime = attrs.field(
        converter=_as_pendulum, validator=_checks.aware, eq=_checks.moment
    )
    """The instant of the assessment; events after it are ignored."""
    policy_version: str = attrs.field(validator=_checks.free_text)
    """The version of the policy that assessed it."""
    results: tuple[ClauseResult, ...] = attrs.field(
        converter=_results, validator=_checks.items(ClauseResult, "a ClauseResult")
    )
    """One result per instance of every applicable clause: clauses in catalogue order, the
    instances of a clause together and in order."""

    def instances(self, clause_id: str) -> tuple[ClauseResult, ...]:
        """Every instance of clause ``clause_id``, in the order they started.

        >>> import pendulum
        >>> from expandit_policy import (EXPANDIT_POLICY, Case, Channel, Contact, EndCustomer,
        ...     Mailbox, MessageReceived, Replied, Request, RequestKind, assess)
        >>> ada = Contact("Ada Jensen", "ada@acme.dk")
        >>> t = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen")
        >>> case = Case(Request("R-1", Channel.SUPPORT_MAILBOX, RequestKind.QUESTION, t, ada,
        ...                     EndCustomer("Acme", [ada])),
        ...             [Replied(t.add(hours=1), Mailbox.support(), ["ada@acme.dk"],
        ...                      cc=["support@expandit.com"]),
        ...              MessageReceived(t.add(hours=4), Channel.SUPPORT_MAILBOX)])
        >>> [(r.instance, r.state.value, r.due_at.hour)
        ...  for r in assess(EXPANDIT_POLICY, case, t.add(hours=5)).instances("MAIL-1")]
        [(0, 'met', 11), (1, 'running', 15)]
        """
        found = tuple(r for r in self.results if r.clause == clause_id)
        if not found:
            raise self._unknown(clause_id)
        return found

    def result(self, clause_id: str) -> ClauseResult:
        """The result for clause ``clause_id``: its latest instance, for a clause that has
        several (:meth:`instances` gives them all).

        >>> import pendulum
        >>> from expandit_policy import (EXPANDIT_POLICY, Case, Channel, Contact, EndCustomer,
        ...     Request, RequestKind, assess)
        >>> ada = Contact("Ada Jensen", "ada@acme.dk")
        >>> t = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen")
        >>> case = Case(Request("R-1", Channel.PHONE, RequestKind.QUESTION, t, ada,
        ...                     EndCustomer("Acme", [ada])))
        >>> assess(EXPANDIT_POLICY, case, t).result("TEL-3")
        Traceback (most recent call last):
        ...
        expandit_policy.UnknownClauseError: case 'R-1' has no result for 'TEL-3'; its clauses are COM-4, COM-5, COM-8, COM-9
        """
        for r in reversed(self.results):
            if r.clause == clause_id:
                return r
        raise self._unknown(clause_id)

    def _unknown(self, clause_id: str) -> UnknownClauseError:
        clauses = dict.fromkeys(r.clause for r in self.results)
        return UnknownClauseError(
            f"case {self.case.request.id!r} has no result for {clause_id!r}; its clauses are "
            + ", ".join(clauses)
        )


_SET_CASE, _SET_AS_OF, _SET_VERSION, _SET_RESULTS = (
    slot.__set__ for slot in _made_on_read(Assessment, "as_of").values()
)


_SET_CLAUSE, _SET_KIND, _SET_STATE, _SET_WARNING, _SET_INSTANCE = (
    _RESULT_SLOTS[name].__set__ for name in ("clause", "kind", "state", "warning", "instance")
)
(_SET_STARTED, _SET_DUE, _SET_MET, _SET_USED, _SET_LEFT, _SET_NEXT, _SET_EXPLANATION,
 _SET_BREACHED) = (_RESULT_SLOTS[name].__set__ for name in LATER_FIELDS)  # fmt: skip
_new = object.__new__


def made(
    clause: str,
    kind: ClauseKind,
    state: ClauseState,
    warning: WarningLevel,
    instance: int,
    later: _Later,
) -> ClauseResult:
    """A result ``assess`` builds from values it has checked, with no validators run: each of
    its instants, spans and explanation (:data:`LATER_FIELDS`) is made by ``later`` when it is
    first read."""
    result: ClauseResult = _new(ClauseResult)
    _SET_CLAUSE(result, clause)
    _SET_KIND(result, kind)
    _SET_STATE(result, state)
    _SET_WARNING(result, warning)
    _SET_INSTANCE(result, instance)
    # one call per field, not a loop: a dozen results per case
    _SET_STARTED(result, later)
    _SET_DUE(result, later)
    _SET_MET(result, later)
    _SET_USED(result, later)
    _SET_LEFT(result, later)
    _SET_NEXT(result, later)
    _SET_EXPLANATION(result, later)
    _SET_BREACHED(result, later)
    return result


def made_assessment(
    case: Case, as_of: _Later, policy_version: str, results: tuple[ClauseResult, ...]
) -> Assessment:
    """An assessment ``assess`` builds from values it has checked, with no validators run; its
    ``as_of`` is made by ``as_of`` when first read."""
    assessment: Assessment = _new(Assessment)
    _SET_CASE(assessment, case)
    _SET_AS_OF(assessment, as_of)
    _SET_VERSION(assessment, policy_version)
    _SET_RESULTS(assessment, results)
    return assessment
