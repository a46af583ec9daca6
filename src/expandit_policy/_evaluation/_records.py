"""to_records(): assessments, agenda items and report rows as flat rows of plain values, for
tables (pandas, Arrow, Parquet, a spreadsheet, a database) without glue.

Every table has documented, stable columns; the frames extra (:func:`to_pandas`,
:func:`to_arrow`) types them from the same list.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple, TypeAlias

from .. import _time
from .._checks import got
from .._domain._requests import Channel, RequestKind
from .._errors import WrongTypeError
from .._policy._cadences import party_kind
from .._policy._catalogue import ClauseKind
from .._policy._registry import CLAUSE_ORDER
from ._agenda import AgendaItem, Report, ReportRow, _what
from ._results import Assessment, ClauseState, WarningLevel

__all__ = [
    "MICROSECONDS",
    "PLAIN",
    "Column",
    "ColumnKind",
    "RecordValue",
    "columns",
    "table_of",
    "to_records",
]

RecordValue: TypeAlias = str | int | float | bool | _dt.datetime | None
"""A value in a record: text, a number, a flag, an instant (aware, in UTC) or None."""

Record: TypeAlias = dict[str, RecordValue]

Tabled: TypeAlias = Assessment | AgendaItem | ReportRow


class ColumnKind(enum.Enum):
    """What a column holds, in a record and in a typed frame."""

    TEXT = "text"  # a str (an id, a name, an explanation); a string column
    CATEGORY = "category"  # a str from a fixed list; a categorical with every value a category
    INT = "int"  # an int; int64
    FLOAT = "float"  # a float or None; float64, NaN for None
    BOOL = "bool"  # a bool
    INSTANT = "instant"  # an aware datetime in UTC or None; a zone-aware column in microseconds
    SECONDS = "seconds"  # business time in seconds or None; a timedelta column in microseconds


class Column(NamedTuple):
    """One column of a table: its name, what it holds, and for a categorical column every
    value it may take, in a meaningful order (clauses in catalogue order), so that frames of
    separate batches share their categories and concatenate."""

    name: str
    kind: ColumnKind
    categories: tuple[str, ...] = ()


def _values(enum_type: type[enum.Enum]) -> tuple[str, ...]:
    return tuple(str(member.value) for member in enum_type)


_CLAUSES = tuple(sorted(CLAUSE_ORDER, key=CLAUSE_ORDER.__getitem__))
_PARTY_KINDS = ("partner", "reseller", "end customer")

_K = ColumnKind
_CASE_ID = Column("case_id", _K.TEXT)
_CLAUSE = Column("clause", _K.CATEGORY, _CLAUSES)
_INSTANCE = Column("instance", _K.INT)
_STATE = Column("state", _K.CATEGORY, _values(ClauseState))
_WARNING = Column("warning", _K.CATEGORY, _values(WarningLevel))
_CHANNEL = Column("channel", _K.CATEGORY, _values(Channel))
_PARTY_KIND = Column("party_kind", _K.CATEGORY, _PARTY_KINDS)
_PARTY = Column("party", _K.TEXT)
_PARTY_ID = Column("party_id", _K.TEXT)

_COLUMNS: Mapping[type, tuple[Column, ...]] = {
    Assessment: (
        _CASE_ID,
        _CLAUSE,
        _INSTANCE,
        _STATE,
        Column("clause_kind", _K.CATEGORY, _values(ClauseKind)),
        _CHANNEL,
        Column("request_kind", _K.CATEGORY, _values(RequestKind)),
        _PARTY_KIND,
        _PARTY,
        _PARTY_ID,
        Column("received_at", _K.INSTANT),
        Column("started_at", _K.INSTANT),
        Column("due_at", _K.INSTANT),
        Column("met_at", _K.INSTANT),
        Column("breached_at", _K.INSTANT),
        Column("used_seconds", _K.SECONDS),
        Column("left_seconds", _K.SECONDS),
        _WARNING,
        Column("next_change_at", _K.INSTANT),
        Column("as_of", _K.INSTANT),
        Column("policy_version", _K.TEXT),
        Column("explanation", _K.TEXT),
    ),
    AgendaItem: (
        _CASE_ID,
        _CLAUSE,
        _INSTANCE,
        _STATE,
        _CHANNEL,
        _PARTY_KIND,
        _PARTY,
        _PARTY_ID,
        Column("due_at", _K.INSTANT),
        Column("breached_at", _K.INSTANT),
        Column("left_seconds", _K.SECONDS),
        _WARNING,
        Column("at_risk", _K.BOOL),
        Column("needs_action", _K.BOOL),
        Column("next_change_at", _K.INSTANT),
        Column("explanation", _K.TEXT),
    ),
    ReportRow: (
        _CLAUSE,
        _CHANNEL,
        _PARTY_KIND,
        Column("met", _K.INT),
        Column("met_late", _K.INT),
        Column("breached", _K.INT),
        Column("open", _K.INT),
        Column("cancelled", _K.INT),
        Column("cases", _K.INT),
        Column("compliance_rate", _K.FLOAT),
        Column("median_time_to_meet_seconds", _K.SECONDS),
        Column("p90_time_to_meet_seconds", _K.SECONDS),
    ),
}


def columns(of: type) -> tuple[Column, ...]:
    """The columns of the records of ``of`` (Assessment, AgendaItem or ReportRow), in order."""
    found = _COLUMNS.get(of) if isinstance(of, type) else None
    if found is None:
        raise WrongTypeError(
            f"of must be Assessment, AgendaItem or ReportRow (the type of the values tabled), "
            f"got {got(of)}"
        )
    return found


_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)


def _utc(t: _dt.datetime | None) -> _dt.datetime | None:
    """The instant as a plain aware datetime in UTC (the same instant whatever its zone)."""
    return None if t is None else _EPOCH + _dt.timedelta(microseconds=_time.to_us(t))


def _seconds(d: _dt.timedelta | None) -> float | None:
    return None if d is None else _time.timedelta_us(d) / 1_000_000


def _raw_us(t: _dt.datetime | None) -> int | None:
    return None if t is None else _time.to_us(t)


def _raw_span_us(d: _dt.timedelta | None) -> int | None:
    return None if d is None else _time.timedelta_us(d)


class _Form(NamedTuple):
    """How a table writes instants and spans: records as plain values (UTC datetimes,
    seconds); the frames as integer microseconds, which they read without converting back."""

    instant: Callable[[_dt.datetime | None], Any]
    span: Callable[[_dt.timedelta | None], Any]


PLAIN = _Form(_utc, _seconds)
MICROSECONDS = _Form(_raw_us, _raw_span_us)


def _lines(explanation: tuple[str, ...]) -> str:
    return "\n".join(explanation)


def _party(party: object) -> tuple[str | None, str | None, str | None]:
    if party is None:
        return None, None, None
    return party_kind(party), party.name, party.identifier  # type: ignore[arg-type, attr-defined]


def _assessment_records(a: Assessment, form: _Form) -> Iterable[Record]:
    instant, span = form
    request = a.case.request
    kind, name, identifier = _party(request.party)
    common: Record = {
        "channel": request.channel.value,
        "request_kind": request.kind.value,
        "party_kind": kind,
        "party": name,
        "party_id": identifier,
        "received_at": instant(request.received_at),
    }
    as_of = instant(a.as_of)
    for r in a.results:
        yield {
            "case_id": request.id,
            "clause": r.clause,
            "instance": r.instance,
            "state": r.state.value,
            "clause_kind": r.kind.value,
            **common,
            "started_at": instant(r.started_at),
            "due_at": instant(r.due_at),
            "met_at": instant(r.met_at),
            "breached_at": instant(r.breached_at),
            "used_seconds": span(r.used),
            "left_seconds": span(r.left),
            "warning": r.warning.value,
            "next_change_at": instant(r.next_change_at),
            "as_of": as_of,
            "policy_version": a.policy_version,
            "explanation": _lines(r.explanation),
        }


def _agenda_record(item: AgendaItem, form: _Form) -> Record:
    instant, span = form
    kind, name, identifier = _party(item.party)
    return {
        "case_id": item.case_id,
        "clause": item.clause,
        "instance": item.instance,
        "state": item.state.value,
        "channel": None if item.channel is None else item.channel.value,
        "party_kind": kind,
        "party": name,
        "party_id": identifier,
        "due_at": instant(item.due_at),
        "breached_at": instant(item.breached_at),
        "left_seconds": span(item.left),
        "warning": item.warning.value,
        "at_risk": item.at_risk,
        "needs_action": item.needs_action,
        "next_change_at": instant(item.next_change_at),
        "explanation": _lines(item.explanation),
    }


def _report_record(row: ReportRow, form: _Form) -> Record:
    span = form.span
    return {
        "clause": row.clause,
        "channel": row.channel.value,
        "party_kind": row.party_kind,
        "met": row.met,
        "met_late": row.met_late,
        "breached": row.breached,
        "open": row.open,
        "cancelled": row.cancelled,
        "cases": len(row.cases),
        "compliance_rate": row.compliance_rate,
        "median_time_to_meet_seconds": span(row.median_time_to_meet),
        "p90_time_to_meet_seconds": span(row.p90_time_to_meet),
    }


def _type_of(value: object) -> type[Tabled] | None:
    for kind in (Assessment, AgendaItem, ReportRow):
        if isinstance(value, kind):
            return kind
    return None


def _items(values: object) -> tuple[type[Tabled] | None, list[Tabled]]:
    """The values as a list, with their one type (None when there are none)."""
    if isinstance(values, Report):
        return ReportRow, list(values.rows)
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise WrongTypeError(
            f"values must be a collection of Assessment, AgendaItem or ReportRow values, or a "
            f"Report, got {_what(values)}{'; wrap one value in a list' if _type_of(values) else ''}"
        )
    items = list(values)
    first: type[Tabled] | None = None
    for k, value in enumerate(items):
        kind = _type_of(value)
        if kind is None:
            raise WrongTypeError(
                f"values[{k}] must be an Assessment, an AgendaItem or a ReportRow, got "
                f"{_what(value)}"
            )
        if first is None:
            first = kind
        elif kind is not first:
            raise WrongTypeError(
                f"values must all be of one type, for one table: values[0] is a "
                f"{first.__name__}, values[{k}] a {kind.__name__}; table them apart"
            )
    return first, items


def table_of(values: object, form: _Form = PLAIN) -> tuple[type[Tabled] | None, list[Record]]:
    """The records of ``values`` with the type they come from (None when there are none),
    instants and spans written in ``form``."""
    kind, items = _items(values)
    records: list[Record] = []
    if kind is Assessment:
        for a in items:
            records.extend(_assessment_records(a, form))  # type: ignore[arg-type]
    elif kind is AgendaItem:
        records = [_agenda_record(i, form) for i in items]  # type: ignore[arg-type]
    elif kind is ReportRow:
        records = [_report_record(r, form) for r in items]  # type: ignore[arg-type]
    return kind, records


def to_records(
    values: Iterable[Assessment] | Iterable[AgendaItem] | Iterable[ReportRow] | Report,
) -> list[dict[str, str | int | float | bool | _dt.datetime | None]]:
    """Flat rows of plain values (str, int, float, bool, an aware datetime in UTC, None), one
    per clause result of each assessment (an instance of a clause that runs several times has
    a row of its own, numbered in ``instance``), one per agenda item, or one per report row
    (a :class:`Report` gives its rows). The values must all be of one type; the columns are
    in :func:`columns`, the same for every row and in the same order:

    - assessments: ``case_id``, ``clause``, ``instance``, ``state``, ``clause_kind``,
      ``channel``, ``request_kind``, ``party_kind``, ``party`` (its name), ``party_id`` (its
      identifier, or None), ``received_at``, ``started_at``, ``due_at``, ``met_at``,
      ``breached_at``, ``used_seconds``, ``left_seconds`` (business time), ``warning``,
      ``next_change_at``, ``as_of``, ``policy_version``, ``explanation`` (one line each);
    - agenda items: ``case_id``, ``clause``, ``instance``, ``state``, ``channel``,
      ``party_kind``, ``party``, ``party_id``, ``due_at``, ``breached_at``, ``left_seconds``,
      ``warning``, ``at_risk``, ``needs_action``, ``next_change_at``, ``explanation``;
    - report rows: ``clause``, ``channel``, ``party_kind``, ``met``, ``met_late``,
      ``breached``, ``open``, ``cancelled``, ``cases`` (how many), ``compliance_rate``,
      ``median_time_to_meet_seconds``, ``p90_time_to_meet_seconds``.

    States, warnings, channels and kinds are their text (``'met late'``); instants are given
    in UTC, the same instants as the results', so that a column holds one zone across a
    change of daylight saving time (convert for display: ``t.astimezone(zone)``); business
    time is in seconds. A list, built at once: a table is the end of the line.

    >>> import pendulum
    >>> from expandit_policy import (EXPANDIT_POLICY, Case, Channel, Contact, EndCustomer,
    ...     Request, RequestKind, assess)
    >>> ada = Contact("Ada Jensen", "ada@acme.dk")
    >>> t = pendulum.datetime(2026, 3, 27, 15, tz="Europe/Copenhagen")  # a Friday, before DST
    >>> case = Case(Request("R-1", Channel.SUPPORT_MAILBOX, RequestKind.QUESTION, t, ada,
    ...                     EndCustomer("Acme", [ada])))
    >>> monday = pendulum.datetime(2026, 3, 30, 8, 30, tz="Europe/Copenhagen")
    >>> [row] = [r for r in to_records([assess(EXPANDIT_POLICY, case, monday)])
    ...          if r["clause"] == "MAIL-1"]
    >>> row["state"], row["due_at"].isoformat(), row["used_seconds"], row["left_seconds"]
    ('running', '2026-03-30T07:00:00+00:00', 5400.0, 1800.0)
    >>> row["party_kind"], row["party"], row["warning"]
    ('end customer', 'Acme', 'first threshold')
    """
    return table_of(values)[1]
