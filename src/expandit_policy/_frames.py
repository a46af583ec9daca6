"""to_pandas() and to_arrow(): the tables of :func:`to_records` as typed columns (the frames
extra: ``pip install 'expandit-policy[frames]'``).

pandas and pyarrow are imported inside each function, never when ``expandit_policy`` is
imported, so the core runs without them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from . import _time
from ._errors import InvalidValueError, MissingExtraError, WrongTypeError
from ._evaluation._agenda import AgendaItem, Report, ReportRow
from ._evaluation._records import MICROSECONDS, Column, ColumnKind, RecordValue, columns, table_of
from ._evaluation._results import Assessment

if TYPE_CHECKING:
    import pandas
    import pyarrow

__all__ = ["to_arrow", "to_pandas"]

_INSTALL = "install the frames extra: pip install 'expandit-policy[frames]'"

_Values = Iterable[Assessment] | Iterable[AgendaItem] | Iterable[ReportRow] | Report
_Of = type[Assessment] | type[AgendaItem] | type[ReportRow] | None


def _need(module: str, caller: str) -> Any:
    """Import ``module`` for ``caller``, or say how to install it."""
    try:
        return __import__(module)
    except ImportError as exc:
        raise MissingExtraError(
            f"{caller} needs {module}, which is not installed; {_INSTALL}"
        ) from exc


def _zone_name(tz: object) -> str:
    """The IANA name of the zone the instant columns are shown in."""
    _time.zone(tz)  # type: ignore[arg-type]  # refuses what is not an IANA name, in our words
    assert isinstance(tz, str)
    return tz


def _table(values: _Values, of: _Of) -> tuple[tuple[Column, ...], list[dict[str, RecordValue]]]:
    kind, records = table_of(values, MICROSECONDS)
    if of is not None:
        expected = columns(of)
        if kind is not None and kind is not of:
            raise WrongTypeError(
                f"values must be {of.__name__} values, as of= says, got {kind.__name__} values"
            )
        return expected, records
    if kind is None:
        raise InvalidValueError(
            "values is empty, so which table it is cannot be told from it: pass of=Assessment, "
            "of=AgendaItem or of=ReportRow for a table with its columns and no rows"
        )
    return columns(kind), records


def _by_column(
    spec: tuple[Column, ...], records: list[dict[str, RecordValue]]
) -> list[list[RecordValue]]:
    """The records' values column by column (every record has the columns in ``spec``'s order)."""
    if not records:
        return [[] for _ in spec]
    return [list(values) for values in zip(*(r.values() for r in records), strict=True)]


def _categories(column: Column, values: list[RecordValue]) -> list[str]:
    """The column's categories, and after them any value outside them (a clause of a report
    row built by hand): a value is never dropped for want of a category."""
    known = list(column.categories)
    extra = sorted({str(v) for v in values if v is not None} - set(known))
    return known + extra


def _pandas_column(pd: Any, np: Any, column: Column, values: list[RecordValue], tz: str) -> Any:
    kind = column.kind
    if kind is ColumnKind.CATEGORY:
        categories = _categories(column, values)
        index = {c: k for k, c in enumerate(categories)}
        codes = np.array([-1 if v is None else index[str(v)] for v in values], dtype="int32")
        return pd.Categorical.from_codes(codes, categories=categories)
    if kind is ColumnKind.TEXT:
        return pd.array(values, dtype="string")
    if kind is ColumnKind.INT:
        return np.array(values, dtype="int64")
    if kind is ColumnKind.FLOAT:
        return np.array([np.nan if v is None else v for v in values], dtype="float64")
    if kind is ColumnKind.BOOL:
        return np.array(values, dtype="bool")
    # Instants and spans come as integer microseconds (None for none): exact, and quick.
    nat = np.iinfo("int64").min  # numpy's NaT
    us = np.array([nat if v is None else v for v in values], dtype="int64")
    if kind is ColumnKind.INSTANT:
        utc = pd.Series(us.view("datetime64[us]")).dt.tz_localize("UTC")
        return utc.dt.tz_convert(tz).array
    return us.view("timedelta64[us]")


def _frame_name(column: Column) -> str:
    """A column's name in a frame: a span is a timedelta there, so it drops ``_seconds``."""
    if column.kind is ColumnKind.SECONDS:
        return column.name.removesuffix("_seconds")
    return column.name


def to_pandas(
    values: Iterable[Assessment] | Iterable[AgendaItem] | Iterable[ReportRow] | Report,
    *,
    tz: str = "UTC",
    of: type[Assessment] | type[AgendaItem] | type[ReportRow] | None = None,
) -> pandas.DataFrame:
    """The table of :func:`to_records` as a pandas DataFrame with typed columns, ready for
    Parquet (``frame.to_parquet(path)``):

    - clause, state, warning, channel and the kinds are categoricals whose categories are every
      value the column may take (clauses in catalogue order), so frames of separate batches
      concatenate and group alike;
    - instants are time-zone-aware ``datetime64[us]`` columns in zone ``tz`` ("UTC" by default;
      any IANA name, such as "Europe/Copenhagen"). Each value is the result's instant: a
      column that runs across a change of daylight saving time keeps every instant, the
      repeated hour included, whatever zone it is shown in;
    - business time is ``timedelta64[us]``, in columns named without ``_seconds`` (``used``,
      ``left``, ``median_time_to_meet``, ``p90_time_to_meet``); a missing one is NaT;
    - ids, names and explanations are strings; counts int64; rates float64 (NaN for none);
      flags bool.

    The values must be of one type; when there may be none, ``of`` (Assessment, AgendaItem or
    ReportRow) says which table it is. Needs the frames extra (pandas and pyarrow):
    :class:`MissingExtraError` says how to install it.

    >>> import pendulum
    >>> from expandit_policy import (EXPANDIT_POLICY, Case, Channel, Contact, EndCustomer,
    ...     Request, RequestKind, assess)
    >>> ada = Contact("Ada Jensen", "ada@acme.dk")
    >>> t = pendulum.datetime(2026, 3, 27, 15, tz="Europe/Copenhagen")  # a Friday, before DST
    >>> case = Case(Request("R-1", Channel.SUPPORT_MAILBOX, RequestKind.QUESTION, t, ada,
    ...                     EndCustomer("Acme", [ada])))
    >>> monday = pendulum.datetime(2026, 3, 30, 8, 30, tz="Europe/Copenhagen")
    >>> frame = to_pandas([assess(EXPANDIT_POLICY, case, monday)], tz="Europe/Copenhagen")
    >>> mail_1 = frame[frame["clause"] == "MAIL-1"].iloc[0]
    >>> print(mail_1["started_at"], mail_1["due_at"], mail_1["left"], sep="\\n")
    2026-03-27 15:00:00+01:00
    2026-03-30 09:00:00+02:00
    0 days 00:30:00
    >>> str(frame["due_at"].dtype), str(frame["used"].dtype), str(frame["state"].dtype)
    ('datetime64[us, Europe/Copenhagen]', 'timedelta64[us]', 'category')
    >>> list(frame["state"].cat.categories[:4])
    ['not started', 'running', 'paused', 'met']
    """
    pd = _need("pandas", "to_pandas")
    np = _need("numpy", "to_pandas")
    zone = _zone_name(tz)
    spec, records = _table(values, of)
    data = {
        _frame_name(c): _pandas_column(pd, np, c, values, zone)
        for c, values in zip(spec, _by_column(spec, records), strict=True)
    }
    return pd.DataFrame(data, index=pd.RangeIndex(len(records)))


def _arrow_column(pa: Any, column: Column, values: list[RecordValue], tz: str) -> Any:
    kind = column.kind
    if kind is ColumnKind.CATEGORY:
        categories = _categories(column, values)
        index = {c: k for k, c in enumerate(categories)}
        codes = pa.array([None if v is None else index[str(v)] for v in values], pa.int32())
        return pa.DictionaryArray.from_arrays(codes, pa.array(categories, pa.string()))
    if kind is ColumnKind.INSTANT:
        return pa.array(values, pa.timestamp("us", tz=tz))
    if kind is ColumnKind.SECONDS:
        return pa.array(values, pa.duration("us"))
    types = {
        ColumnKind.TEXT: pa.string(),
        ColumnKind.INT: pa.int64(),
        ColumnKind.FLOAT: pa.float64(),
        ColumnKind.BOOL: pa.bool_(),
    }
    return pa.array(values, types[kind])


def to_arrow(
    values: Iterable[Assessment] | Iterable[AgendaItem] | Iterable[ReportRow] | Report,
    *,
    tz: str = "UTC",
    of: type[Assessment] | type[AgendaItem] | type[ReportRow] | None = None,
) -> pyarrow.Table:
    """The table of :func:`to_records` as a pyarrow Table, typed as :func:`to_pandas` types
    it, ready for Parquet (``pyarrow.parquet.write_table(table, path)``): categoricals as
    dictionary columns, instants as ``timestamp[us, tz=tz]``, business time as
    ``duration[us]`` (columns named without ``_seconds``), a missing value as null.

    >>> import pendulum
    >>> from expandit_policy import (EXPANDIT_POLICY, Case, Channel, Contact, EndCustomer,
    ...     Request, RequestKind, assess, report)
    >>> ada = Contact("Ada Jensen", "ada@acme.dk")
    >>> t = pendulum.datetime(2026, 3, 27, 15, tz="Europe/Copenhagen")
    >>> case = Case(Request("R-1", Channel.SUPPORT_MAILBOX, RequestKind.QUESTION, t, ada,
    ...                     EndCustomer("Acme", [ada])))
    >>> table = to_arrow(report([assess(EXPANDIT_POLICY, case, t.add(days=3))]))
    >>> table.schema.field("clause").type, table.schema.field("median_time_to_meet").type
    (DictionaryType(dictionary<values=string, indices=int32, ordered=0>), DurationType(duration[us]))
    >>> to_arrow([], of=ReportRow).num_rows
    0
    """
    pa = _need("pyarrow", "to_arrow")
    zone = _zone_name(tz)
    spec, records = _table(values, of)
    arrays = [
        _arrow_column(pa, c, values, zone)
        for c, values in zip(spec, _by_column(spec, records), strict=True)
    ]
    return pa.Table.from_arrays(arrays, names=[_frame_name(c) for c in spec])
