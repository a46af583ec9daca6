"""agenda() and report(): what needs doing across cases, and how the desk has done."""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from .. import _checks, _time
from .._calendars._durations import Duration
from .._domain._case import Case, Closed, Reopened
from .._domain._licences import Licence
from .._domain._parties import EndCustomer, Partner, Party, Reseller
from .._domain._requests import Channel
from .._errors import InvalidValueError, UnknownCaseError, WrongTypeError
from .._policy._cadences import PARTY_KINDS, party_kind
from .._policy._policy import Policy, PolicyHistory
from .._policy._registry import CLAUSE_ORDER, REGISTRY, ClockRule, Closing
from ._assess import assess
from ._results import Assessment, ClauseState, WarningLevel

__all__ = ["AgendaItem", "Report", "ReportRow", "agenda", "agenda_of", "report"]

_texts = _checks.items(str, "a str")


def _case_ids(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A tuple of request ids (identifiers)."""
    _texts(inst, attribute, value)
    for k, case_id in enumerate(value):
        _checks.check_identifier(case_id, f"{_checks.field_name(inst, attribute)}[{k}]")


_spans = _checks.items(_dt.timedelta, "a datetime.timedelta")
_state = _checks.instance(ClauseState, "a ClauseState")
_warning = _checks.instance(WarningLevel, "a WarningLevel")
_channel = _checks.instance(Channel, "a Channel")
_maybe_channel = _checks.optional(Channel, "a Channel or None")
_maybe_party = _checks.optional((Partner, Reseller, EndCustomer), "a Partner, Reseller, EndCustomer or None")  # fmt: skip
_maybe_span = _checks.optional(_dt.timedelta, "a datetime.timedelta or None")


_count = _checks.integer(low=0, what="a count")
_instance = _checks.integer(low=0, what="an instance number (0 for the first)")
_party_kind = _checks.one_of(PARTY_KINDS)


def _sorted_spans(value: Iterable[_dt.timedelta]) -> Any:
    """The spans as a sorted tuple; anything else is left for the validator to refuse."""
    spans = _checks.as_tuple(value)
    if isinstance(spans, tuple) and all(isinstance(s, _dt.timedelta) for s in spans):
        return tuple(sorted(spans))
    return spans


_TO_DO = (ClauseState.RUNNING, ClauseState.PAUSED, ClauseState.OPEN)
#: The clauses that run after a case is closed (COM-8): the only ones a closed case lists.
_AFTER_CLOSE = frozenset(
    r.clause for r in REGISTRY if isinstance(r, ClockRule) and r.closing is Closing.RUNS_AFTER
)


@attrs.frozen
class AgendaItem:
    """One thing to act on: a running, paused or breached target, or an open obligation.

    >>> from expandit_policy import ClauseState, WarningLevel
    >>> AgendaItem("R-1", "COM-4", ClauseState.OPEN, None, WarningLevel.NONE, ()).at_risk
    False
    >>> AgendaItem("R-1", "COM-4", ClauseState.BREACHED, None, WarningLevel.BREACHED, ()).at_risk
    True
    """

    # pendulum pickles an instant without its fold; this keeps it (_checks)
    __reduce__ = _checks.reduce_keeping_folds

    case_id: str = attrs.field(validator=_checks.identifier)
    """The request's id."""
    clause: str = attrs.field(validator=_checks.identifier)
    """The clause ID."""
    state: ClauseState = attrs.field(validator=_state)
    """Where it stands."""
    due_at: _dt.datetime | None = attrs.field(validator=_checks.aware_or_none, eq=_checks.moment)
    """When it is due (None for an obligation or a paused target)."""
    warning: WarningLevel = attrs.field(validator=_warning)
    """The warning level."""
    explanation: tuple[str, ...] = attrs.field(
        converter=_checks.as_tuple, validator=_checks.free_texts
    )
    """The clause result's explanation."""
    breached_at: _dt.datetime | None = attrs.field(
        default=None, validator=_checks.aware_or_none, eq=_checks.moment
    )
    """The instant of the breach, for a breached item; None otherwise."""
    instance: int = attrs.field(default=0, validator=_instance)
    """Which instance of the clause it is (:attr:`ClauseResult.instance`); 0 for a clause that
    runs once."""
    channel: Channel | None = attrs.field(default=None, validator=_maybe_channel)
    """The channel the request arrived on (None for an item built without one)."""
    party: Party | None = attrs.field(default=None, validator=_maybe_party)
    """The partner, reseller or end customer the request is from (its kind, name and
    identifier); None for an item built without one."""
    left: _dt.timedelta | None = attrs.field(default=None, validator=_maybe_span)
    """Business time left until the due instant (negative when overdue); None for an
    obligation, and for a target without a due instant (paused, or of unknown target)."""
    next_change_at: _dt.datetime | None = attrs.field(
        default=None, validator=_checks.aware_or_none, eq=_checks.moment
    )
    """The next instant at which the state would change with no new event: when to look
    again."""

    @property
    def at_risk(self) -> bool:
        """Whether a warning threshold has been passed, or the item is breached."""
        return self.warning is not WarningLevel.NONE or self.state is ClauseState.BREACHED

    @property
    def needs_action(self) -> bool:
        """Whether the desk must act on it now: every item but a paused clock, which waits
        on the customer (information requested, MAIL-2, MAIL-3, CPL-2) and moves again when
        the customer answers.

        >>> from expandit_policy import ClauseState, WarningLevel
        >>> AgendaItem("R-1", "MAIL-2", ClauseState.PAUSED, None, WarningLevel.NONE, ()).needs_action
        False
        """
        return self.state is not ClauseState.PAUSED


def agenda(
    policy: Policy | PolicyHistory,
    cases: Iterable[Case],
    as_of: _dt.datetime,
    *,
    resolution_targets: Mapping[str, Duration] | None = None,
    licences: Iterable[Licence] = (),
    needs_action: bool = False,
) -> tuple[AgendaItem, ...]:
    """What still needs doing across ``cases`` as of ``as_of``: every running, paused or open
    result, and every breach of a case not closed (each instance's: a COM-3 reply that missed
    its copy stays listed after a later reply copies it). Breaches come first (earliest breach
    first), then the rest soonest due first, then the undated ones; ties by case id and clause. A closed
    case is listed only for a duty that runs after closing (COM-8) while it runs; its other
    results are in :func:`report`.

    ``resolution_targets`` maps a request id to its MAIL-2 target; a key that names none of
    ``cases`` is refused with an :class:`UnknownCaseError` naming every such key. With
    ``needs_action=True`` only what the desk must act on is listed
    (:attr:`AgendaItem.needs_action`: paused clocks, waiting on the customer, are left out).
    For cases already assessed, :func:`agenda_of` lists the same items without assessing them
    again.

    >>> import pendulum
    >>> from expandit_policy import (EXPANDIT_POLICY, Case, Channel, Contact, EndCustomer,
    ...     Request, RequestKind)
    >>> ada = Contact("Ada Jensen", "ada@acme.dk")
    >>> t = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen")
    >>> case = Case(Request("R-1", Channel.SALES_MAILBOX, RequestKind.QUOTE, t, ada,
    ...                     EndCustomer("Acme", [ada])))
    >>> [(i.clause, i.due_at.isoformat(), i.at_risk, i.left) for i in agenda(EXPANDIT_POLICY, [case],
    ...                                                             t.add(hours=1, minutes=40))]
    [('MAIL-1', '2026-03-02T11:00:00+01:00', True, datetime.timedelta(seconds=1200)),
     ('MAIL-3', '2026-03-04T09:00:00+01:00', False, datetime.timedelta(seconds=51600))]
    """
    targets = resolution_targets or {}
    held = _checks.check_iterable(licences, "licences")
    given = _checks.check_iterable(cases, "cases")
    for k, case in enumerate(given):
        if not isinstance(case, Case):
            raise _not_a_case(case, k)
    _check_case_keys("resolution_targets", targets, given)
    _time.to_us(as_of, "as_of")
    return agenda_of(
        (
            assess(
                policy,
                case,
                as_of,
                resolution_target=targets.get(case.request.id),
                licences=held,
            )
            for case in given
        ),
        needs_action=needs_action,
    )


def agenda_order(item: AgendaItem) -> tuple[bool, bool, int, str, int, str, int]:
    """The agenda's order as a sort key: breaches first (earliest breach first), then the rest
    soonest due first, then the undated; ties by case id, clause (catalogue order, then any
    other clause by its id) and instance. Instants are compared as moments, so the two
    half-past-twos of the night the clocks go back keep their order."""
    breach = item.state is ClauseState.BREACHED
    when = item.breached_at if breach else item.due_at
    return (
        not breach,
        when is None,
        0 if when is None else _time.to_us(when),
        item.case_id,
        CLAUSE_ORDER.get(item.clause, len(CLAUSE_ORDER)),
        item.clause,
        item.instance,
    )


def agenda_of(
    assessments: Iterable[Assessment], *, needs_action: bool = False
) -> tuple[AgendaItem, ...]:
    """The agenda of cases already assessed: what :func:`agenda` lists for them, each as of
    its assessment's ``as_of``, in the same order, so that a host that has the assessments
    (for a report, or a table) does not assess anything twice. ``needs_action=True`` leaves
    out what waits on the customer (:attr:`AgendaItem.needs_action`).

    >>> import pendulum
    >>> from expandit_policy import (EXPANDIT_POLICY, Case, Channel, Contact, EndCustomer,
    ...     InformationRequested, Request, RequestKind, assess)
    >>> ada = Contact("Ada Jensen", "ada@acme.dk")
    >>> t = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen")
    >>> quote = Case(Request("Q-1", Channel.SALES_MAILBOX, RequestKind.QUOTE, t, ada,
    ...                      EndCustomer("Acme", [ada])), [InformationRequested(t.add(minutes=30))])
    >>> made = [assess(EXPANDIT_POLICY, quote, t.add(hours=1))]
    >>> [(i.clause, i.state.value, i.channel.value, i.party.name) for i in agenda_of(made)]
    [('MAIL-1', 'running', 'sales mailbox', 'Acme'), ('MAIL-3', 'paused', 'sales mailbox', 'Acme')]
    >>> [i.clause for i in agenda_of(made, needs_action=True)]
    ['MAIL-1']
    """
    if not isinstance(needs_action, bool):
        raise WrongTypeError(f"needs_action must be True or False, got {_checks.got(needs_action)}")
    items: list[AgendaItem] = []
    for k, a in enumerate(_checks.each(assessments, "assessments")):
        if not isinstance(a, Assessment):
            raise _not_an_assessment(a, k)
        request = a.case.request
        closed = _is_closed(a.case, _time.to_us(a.as_of))
        for r in a.results:
            breach = r.state is ClauseState.BREACHED and not closed
            listed = r.state in _TO_DO or breach
            if not listed or (closed and r.clause not in _AFTER_CLOSE):
                continue
            if needs_action and r.state is ClauseState.PAUSED:
                continue
            items.append(
                _checks.unchecked(
                    AgendaItem,
                    case_id=request.id,
                    clause=r.clause,
                    state=r.state,
                    due_at=r.due_at,
                    warning=r.warning,
                    explanation=r.explanation,
                    breached_at=r.breached_at,
                    instance=r.instance,
                    channel=request.channel,
                    party=request.party,
                    left=r.left,
                    next_change_at=r.next_change_at,
                )
            )

    return tuple(sorted(items, key=agenda_order))


def _what(value: object) -> str:
    """The value refused, as a message shows it: a library value by its type (its whole repr
    would bury the message), anything else with its repr and type."""
    if isinstance(value, tuple | list):
        return f"a {type(value).__name__}"
    return _checks.described(value)


def _not_a_case(value: object, k: int) -> WrongTypeError:
    hint = (
        "; for assessments already made, use agenda_of(assessments)"
        if isinstance(value, Assessment)
        else ""
    )
    return WrongTypeError(f"cases must hold Case values, got {_what(value)} at cases[{k}]{hint}")


def _not_an_assessment(value: object, k: int) -> WrongTypeError:
    hint = "; assess it first: assess(policy, case, as_of)" if isinstance(value, Case) else ""
    return WrongTypeError(
        f"assessments must hold Assessment values, got {_what(value)} at assessments[{k}]{hint}"
    )


def _is_closed(case: Case, as_of_us: int) -> bool:
    """Whether ``case`` is closed as of ``as_of_us``: its last close or reopen known is a close."""
    closed = False
    for event in case.events:
        if _time.to_us(event.at) > as_of_us:
            break
        if isinstance(event, Closed):
            closed = True
        elif isinstance(event, Reopened):
            closed = False
    return closed


def _check_case_keys(what: str, mapping: Mapping[str, object], cases: tuple[Case, ...]) -> None:
    """Refuse the keys of a per-case ``mapping`` that name none of ``cases``."""
    if not mapping:
        return
    ids = {c.request.id for c in cases}
    unknown = sorted(str(k) for k in mapping if k not in ids)
    if unknown:
        raise UnknownCaseError(
            f"{what} must be keyed by the ids of the cases given, got "
            f"{', '.join(map(repr, unknown))}, which name{'s' if len(unknown) == 1 else ''} no "
            f"case; check the ids, or pass those cases too"
        )


@attrs.frozen
class ReportRow:
    """AIM-1 and AIM-2 figures for one clause, channel and kind of party.

    >>> from expandit_policy import Channel
    >>> row = ReportRow("MAIL-1", Channel.SUPPORT_MAILBOX, "end customer", 3, 1, 0, 2, (), ())
    >>> row.compliance_rate
    0.75
    """

    clause: str = attrs.field(validator=_checks.identifier)
    """The clause ID."""
    channel: Channel = attrs.field(validator=_channel)
    """The channel the requests arrived on."""
    party_kind: str = attrs.field(validator=_party_kind)
    """'partner', 'reseller' or 'end customer'."""
    met: int = attrs.field(validator=_count)
    """How many were met in time."""
    met_late: int = attrs.field(validator=_count)
    """How many were met late."""
    breached: int = attrs.field(validator=_count)
    """How many are breached and not met."""
    open: int = attrs.field(validator=_count)
    """How many are running, paused or open."""
    times_to_meet: tuple[_dt.timedelta, ...] = attrs.field(
        converter=_sorted_spans, validator=_spans
    )
    """The business time each met target took, sorted."""
    cases: tuple[str, ...] = attrs.field(converter=_checks.as_tuple, validator=_case_ids)
    """The request ids counted, each once however many of its instances are counted: those
    met, met late, breached, open (running, paused or an open obligation) or cancelled; a case
    whose results are unknown, not applicable or not started is in no count."""
    cancelled: int = attrs.field(default=0, validator=_count)
    """How many were cancelled: closed while waiting on the customer, or closed as void
    (a duplicate, spam, withdrawn). Outside the compliance rate, and shown so that a desk sees
    when closing is used to dodge a breach."""

    @property
    def compliance_rate(self) -> float | None:
        """Met in time over all decided (met, met late, breached); None when none is decided.
        Cancelled results are not decided."""
        decided = self.met + self.met_late + self.breached
        return None if decided == 0 else self.met / decided

    @property
    def median_time_to_meet(self) -> _dt.timedelta | None:
        """The median business time to meet (the mean of the middle two for an even count)."""
        t = self.times_to_meet
        if not t:
            return None
        mid = len(t) // 2
        return t[mid] if len(t) % 2 else (t[mid - 1] + t[mid]) / 2

    @property
    def p90_time_to_meet(self) -> _dt.timedelta | None:
        """The 90th percentile of the business time to meet, by the nearest-rank method."""
        t = self.times_to_meet
        return t[math.ceil(0.9 * len(t)) - 1] if t else None


_OPEN = frozenset({ClauseState.RUNNING, ClauseState.PAUSED, ClauseState.OPEN})
_MET = frozenset({ClauseState.MET, ClauseState.MET_LATE})
_COUNTED = frozenset(
    {ClauseState.MET, ClauseState.MET_LATE, ClauseState.BREACHED, ClauseState.CANCELLED} | _OPEN
)

_RowKey = tuple[str, Channel, str]


def _row_key(row: ReportRow) -> tuple[int, str, str]:
    """Rows in catalogue order, then by channel and party kind."""
    return (CLAUSE_ORDER.get(row.clause, len(CLAUSE_ORDER)), row.channel.value, row.party_kind)


class _Tally:
    """The running figures of one row while assessments stream by: counts, the business time
    of each met target, and the ids counted; never the assessments themselves."""

    __slots__ = ("breached", "cancelled", "cases", "met", "met_late", "open", "times")

    def __init__(self) -> None:
        self.met = self.met_late = self.breached = self.open = self.cancelled = 0
        self.times: list[_dt.timedelta] = []
        self.cases: dict[str, None] = {}

    def add(self, case_id: str, state: ClauseState, used: _dt.timedelta | None) -> None:
        if state is ClauseState.MET:
            self.met += 1
        elif state is ClauseState.MET_LATE:
            self.met_late += 1
        elif state is ClauseState.BREACHED:
            self.breached += 1
        elif state is ClauseState.CANCELLED:
            self.cancelled += 1
        elif state in _OPEN:
            self.open += 1
        else:
            return  # unknown, not applicable, not started: in no count
        if state in _MET and used is not None:
            self.times.append(used)
        self.cases[case_id] = None

    def row(self, key: _RowKey) -> ReportRow:
        clause, channel, party = key
        return _checks.unchecked(
            ReportRow,
            clause=clause,
            channel=channel,
            party_kind=party,
            met=self.met,
            met_late=self.met_late,
            breached=self.breached,
            open=self.open,
            times_to_meet=tuple(sorted(self.times)),
            cases=tuple(self.cases),
            cancelled=self.cancelled,
        )


def _merge_rows(a: ReportRow, b: ReportRow) -> ReportRow:
    """One row of the same clause, channel and party kind counting what ``a`` and ``b`` count."""
    return _checks.unchecked(
        ReportRow,
        clause=a.clause,
        channel=a.channel,
        party_kind=a.party_kind,
        met=a.met + b.met,
        met_late=a.met_late + b.met_late,
        breached=a.breached + b.breached,
        open=a.open + b.open,
        # two sorted runs: sorting their concatenation merges them in linear time, in C
        times_to_meet=tuple(sorted(a.times_to_meet + b.times_to_meet)),
        cases=tuple(dict.fromkeys(a.cases + b.cases)),
        cancelled=a.cancelled + b.cancelled,
    )


def _rows(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    _checks.items(ReportRow, "a ReportRow")(inst, attribute, value)
    seen: set[_RowKey] = set()
    for row in value:
        key = (row.clause, row.channel, row.party_kind)
        if key in seen:
            raise InvalidValueError(
                f"Report.rows must hold one row per clause, channel and party kind, got two for "
                f"{row.clause}, {row.channel.value!r}, {row.party_kind!r}; merge them with "
                f"Report([a]) + Report([b])"
            )
        seen.add(key)


def _sorted_rows(value: Iterable[ReportRow]) -> Any:
    rows = _checks.as_tuple(value)
    if isinstance(rows, tuple) and all(isinstance(r, ReportRow) for r in rows):
        return tuple(sorted(rows, key=_row_key))
    return rows


@attrs.frozen
class Report:
    """AIM-1 and AIM-2 as a value that merges: the report of separate batches of assessments,
    merged with ``+`` (or :meth:`merge`), is exactly the report of all of them, so batches can
    be assessed on separate workers and reduced into one. Counts add, the business times to
    meet are kept whole (so the median and 90th percentile of the merged rows are those of
    the combined values), and the case ids keep the order of first appearance.

    Merging is associative, and ``Report()`` is its identity; it is commutative but for the
    order of :attr:`ReportRow.cases`, which follows the order of the batches.

    >>> import pendulum
    >>> from expandit_policy import (EXPANDIT_POLICY, Case, Channel, Contact, EndCustomer,
    ...     Mailbox, Replied, Request, RequestKind, assess)
    >>> ada = Contact("Ada Jensen", "ada@acme.dk")
    >>> t = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen")
    >>> def case(id, minutes):
    ...     request = Request(id, Channel.SUPPORT_MAILBOX, RequestKind.QUESTION, t, ada,
    ...                       EndCustomer("Acme", [ada]))
    ...     return Case(request, [Replied(t.add(minutes=minutes), Mailbox.support(),
    ...                                   ["ada@acme.dk"], cc=["support@expandit.com"])])
    >>> cases = [case("R-1", 30), case("R-2", 90), case("R-3", 150)]
    >>> done = [assess(EXPANDIT_POLICY, c, t.add(hours=4)) for c in cases]
    >>> whole = Report.of(done)
    >>> whole == Report.of(done[:1]) + Report.of(done[1:])
    True
    >>> [row] = [r for r in whole.rows if r.clause == "MAIL-1"]
    >>> row.met, row.met_late, row.median_time_to_meet, row.cases
    (2, 1, datetime.timedelta(seconds=5400), ('R-1', 'R-2', 'R-3'))
    """

    rows: tuple[ReportRow, ...] = attrs.field(default=(), converter=_sorted_rows, validator=_rows)
    """One row per clause, channel and kind of party, in catalogue order, then by channel and
    party kind (what :func:`report` returns)."""

    @classmethod
    def of(cls, assessments: Iterable[Assessment]) -> Report:
        """The report of ``assessments``, read once: only the counts, the business times to
        meet and the case ids are kept, never the assessments, so a generator of millions of
        assessments is reported in the memory its figures take.

        >>> Report.of([]).rows
        ()
        """
        tallies: dict[_RowKey, _Tally] = {}
        for k, a in enumerate(_checks.each(assessments, "assessments")):
            if not isinstance(a, Assessment):
                raise _not_an_assessment(a, k)
            request = a.case.request
            channel, party = request.channel, party_kind(request.party)
            for r in a.results:
                key = (r.clause, channel, party)
                tally = tallies.get(key)
                if tally is None:
                    tally = tallies[key] = _Tally()
                tally.add(request.id, r.state, r.used)
        rows = sorted((t.row(k) for k, t in tallies.items()), key=_row_key)
        return _checks.unchecked(cls, rows=tuple(rows))

    def merge(self, other: Report) -> Report:
        """The report of both batches: ``self`` first, then ``other``; the same as
        ``self + other``.

        >>> Report().merge(Report()) == Report()
        True
        """
        if not isinstance(other, Report):
            raise WrongTypeError(
                f"a Report merges only with a Report, got {_what(other)}; make one with "
                f"Report.of(assessments) or Report(rows)"
            )
        if not other.rows:
            return self
        if not self.rows:
            return other
        merged: dict[_RowKey, ReportRow] = {}
        for row in (*self.rows, *other.rows):
            key = (row.clause, row.channel, row.party_kind)
            before = merged.get(key)
            merged[key] = row if before is None else _merge_rows(before, row)
        return _checks.unchecked(Report, rows=tuple(sorted(merged.values(), key=_row_key)))

    def __add__(self, other: object) -> Report:
        if not isinstance(other, Report):
            return NotImplemented
        return self.merge(other)


def report(assessments: Iterable[Assessment]) -> tuple[ReportRow, ...]:
    """AIM-1 and AIM-2: per clause, channel and kind of party, the counts met, met late, breached,
    open and cancelled, one per instance (a case with three answered messages counts three
    MAIL-1 results, and is listed once in :attr:`ReportRow.cases`), the compliance rate
    (cancelled results left out), and the median and 90th percentile of the business time
    to meet. Rows in catalogue order, then by channel and party kind. The rows of
    :meth:`Report.of`, which keeps no assessment; reports of separate batches merge into the
    report of the whole with :class:`Report`.

    >>> import pendulum
    >>> from expandit_policy import (EXPANDIT_POLICY, Case, Channel, Contact, EndCustomer,
    ...     Mailbox, Replied, Request, RequestKind, assess)
    >>> ada = Contact("Ada Jensen", "ada@acme.dk")
    >>> t = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen")
    >>> reply = Replied(t.add(hours=1), Mailbox.support(), ["ada@acme.dk"],
    ...                 cc=["support@expandit.com"])
    >>> case = Case(Request("R-1", Channel.SUPPORT_MAILBOX, RequestKind.QUESTION, t, ada,
    ...                     EndCustomer("Acme", [ada])), [reply])
    >>> rows = report([assess(EXPANDIT_POLICY, case, t.add(hours=3))])
    >>> [row] = [r for r in rows if r.clause == "MAIL-1"]
    >>> row.clause, row.met, row.compliance_rate, row.median_time_to_meet
    ('MAIL-1', 1, 1.0, datetime.timedelta(seconds=3600))
    """
    return Report.of(assessments).rows
