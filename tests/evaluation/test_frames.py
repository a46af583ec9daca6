"""to_pandas() and to_arrow() (the frames extra): typed columns, instants that keep their
instant across a change of clocks, exact business time, Parquet round trips, and a core that
imports neither library."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pendulum
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from expandit_policy import (
    EXPANDIT_POLICY,
    AgendaItem,
    Assessment,
    Case,
    Channel,
    InvalidValueError,
    MissingExtraError,
    PolicyError,
    Report,
    ReportRow,
    Request,
    RequestKind,
    UnknownTimezoneError,
    WrongTypeError,
    agenda_of,
    assess,
    report,
    strategies,
    to_arrow,
    to_pandas,
    to_records,
)
from expandit_policy._evaluation._records import ColumnKind, columns
from tests.evaluation.strategies import ACME, ADA
from tests.evaluation.test_records import ASSESSED

CPH = "Europe/Copenhagen"


def _cph(text: str) -> pd.Timestamp:
    return pd.Timestamp(text).tz_convert(CPH)


def _row(frame: pd.DataFrame, case_id: str, clause: str) -> pd.Series:
    [k] = frame.index[(frame["case_id"] == case_id) & (frame["clause"] == clause)]
    return frame.loc[k]


def test_MAIL_1_MAIL_3_frame_across_the_change_to_summer_time_hand_worked() -> None:
    frame = to_pandas(ASSESSED, tz=CPH)
    mail1 = _row(frame, "S-1", "MAIL-1")
    # Received 15:00 CET on Friday, due 09:00 CEST on Monday: each in its own offset.
    assert mail1["started_at"] == _cph("2026-03-27T15:00:00+01:00")
    assert mail1["due_at"] == _cph("2026-03-30T09:00:00+02:00")
    assert str(mail1["due_at"]) == "2026-03-30 09:00:00+02:00"
    assert (mail1["used"], mail1["left"]) == (pd.Timedelta(minutes=90), pd.Timedelta(minutes=30))
    assert mail1["next_change_at"] == _cph("2026-03-30T08:48:00+02:00")
    mail3 = _row(frame, "Q-1", "MAIL-3")
    assert mail3["due_at"] == _cph("2026-03-31T10:00:00+02:00")
    assert (mail3["used"], mail3["left"]) == (pd.Timedelta(hours=6.5), pd.Timedelta(hours=9.5))
    assert mail3["party_id"] == "C-7"
    assert pd.isna(_row(frame, "S-1", "COM-8")["due_at"])
    assert pd.isna(_row(frame, "S-1", "MAIL-2")["left"])
    assert len(frame) == len(to_records(ASSESSED))


def test_MAIL_1_frame_columns_are_typed() -> None:
    frame = to_pandas(ASSESSED)
    assert str(frame["due_at"].dtype) == "datetime64[us, UTC]"
    assert str(frame["used"].dtype) == "timedelta64[us]"
    for name in ("clause", "state", "warning", "channel", "party_kind", "request_kind"):
        assert isinstance(frame[name].dtype, pd.CategoricalDtype), name
    assert list(frame["clause"].cat.categories[:3]) == ["ENT-1", "ENT-2", "ENT-3"]
    assert str(frame["instance"].dtype) == "int64"
    assert frame["case_id"].dtype == "string"


def test_MAIL_1_the_repeated_hour_of_the_change_to_winter_time_keeps_both_instants() -> None:
    # 02:30 happens twice in Copenhagen on 25 October 2026: at 00:30 UTC (CEST), 01:30 UTC (CET).
    first = pendulum.datetime(2026, 10, 25, 0, 30, tz="UTC").in_tz(CPH)
    second = pendulum.datetime(2026, 10, 25, 1, 30, tz="UTC").in_tz(CPH)
    cases = [
        Case(Request(f"R-{k}", Channel.SUPPORT_MAILBOX, RequestKind.QUESTION, at, ADA, ACME))
        for k, at in enumerate((first, second))
    ]
    made = [assess(EXPANDIT_POLICY, c, second.add(hours=1)) for c in cases]
    for tz in ("UTC", CPH):
        frame = to_pandas(made, tz=tz).drop_duplicates("case_id")
        received = list(frame["received_at"].dt.tz_convert("UTC"))
        assert received == [pd.Timestamp("2026-10-25 00:30", tz="UTC"), pd.Timestamp("2026-10-25 01:30", tz="UTC")]  # fmt: skip
        table = to_arrow(made, tz=tz)
        assert table.schema.field("received_at").type == pa.timestamp("us", tz=tz)
    local = to_pandas(made, tz=CPH).drop_duplicates("case_id")["received_at"]
    assert [str(t) for t in local] == ["2026-10-25 02:30:00+02:00", "2026-10-25 02:30:00+01:00"]


def test_AIM_1_agenda_and_report_frames() -> None:
    items = agenda_of(ASSESSED)
    frame = to_pandas(items, tz=CPH)
    assert list(frame["clause"]) == ["MAIL-1", "MAIL-3"]
    assert list(frame["needs_action"]) == [True, True]
    assert list(frame["left"]) == [pd.Timedelta(minutes=30), pd.Timedelta(hours=9.5)]
    rows = to_pandas(Report.of(ASSESSED))
    mail1 = rows[(rows["clause"] == "MAIL-1") & (rows["channel"] == "sales mailbox")].iloc[0]
    assert (mail1["met"], mail1["cases"], mail1["median_time_to_meet"]) == (1, 1, pd.Timedelta(hours=1))  # fmt: skip
    nothing = rows[(rows["clause"] == "MAIL-1") & (rows["channel"] == "support mailbox")].iloc[0]
    assert pd.isna(nothing["compliance_rate"]) and pd.isna(nothing["median_time_to_meet"])


def test_AIM_1_frames_of_separate_batches_concatenate_with_their_categories() -> None:
    a, b = to_pandas(ASSESSED[:1]), to_pandas(ASSESSED[1:])
    both = pd.concat([a, b], ignore_index=True)
    assert isinstance(both["state"].dtype, pd.CategoricalDtype)
    pd.testing.assert_frame_equal(both, to_pandas(ASSESSED))


def test_MAIL_1_an_empty_table_has_its_columns_when_of_says_which() -> None:
    for kind in (Assessment, AgendaItem, ReportRow):
        frame = to_pandas([], of=kind)
        assert len(frame) == 0
        assert len(frame.columns) == len(columns(kind))
        assert to_arrow([], of=kind).num_columns == len(columns(kind))
    assert list(to_pandas([], of=AgendaItem).dtypes) == list(to_pandas(agenda_of(ASSESSED)).dtypes)


@pytest.mark.parametrize("convert", [to_pandas, to_arrow])
def test_MAIL_1_frames_refuse_what_they_cannot_table(convert: object) -> None:
    with pytest.raises(InvalidValueError, match=r"values is empty, .* pass of=Assessment"):
        convert([])  # type: ignore[operator]
    with pytest.raises(WrongTypeError, match="values must be ReportRow values, as of= says, got Assessment values"):  # fmt: skip
        convert(ASSESSED, of=ReportRow)  # type: ignore[operator]
    with pytest.raises(WrongTypeError, match=r"of must be Assessment, AgendaItem or ReportRow"):
        convert([], of=Case)  # type: ignore[operator]
    with pytest.raises(UnknownTimezoneError, match="'Europe/Kopenhagen'"):
        convert(ASSESSED, tz="Europe/Kopenhagen")  # type: ignore[operator]
    with pytest.raises(WrongTypeError, match=r"got 1 \(int\)"):
        convert(ASSESSED, tz=1)  # type: ignore[operator]


def test_MAIL_1_a_clause_outside_the_catalogue_is_kept_not_dropped() -> None:
    made_up = ReportRow("XYZ-1", Channel.PHONE, "partner", 1, 0, 0, 0, [dt.timedelta(hours=1)], ["R-1"])  # fmt: skip
    assert list(to_pandas([made_up])["clause"]) == ["XYZ-1"]
    assert to_arrow([made_up]).column("clause").to_pylist() == ["XYZ-1"]


# -- Parquet ----------------------------------------------------------------------------------


@pytest.mark.parametrize("values", [ASSESSED, agenda_of(ASSESSED), report(ASSESSED)])
def test_MAIL_1_frames_survive_a_parquet_round_trip(values: list[object], tmp_path: Path) -> None:
    frame = to_pandas(values, tz=CPH)  # type: ignore[arg-type]
    frame.to_parquet(tmp_path / "frame.parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "frame.parquet"), frame)
    table = to_arrow(values, tz=CPH)  # type: ignore[arg-type]
    pq.write_table(table, tmp_path / "table.parquet")
    assert pq.read_table(tmp_path / "table.parquet").equals(table)


# -- the core imports neither, and says how to install them ------------------------------------


def test_importing_the_library_imports_neither_pandas_nor_pyarrow_nor_dask() -> None:
    code = (
        "import sys, expandit_policy\n"
        "print(sorted(m for m in ('pandas', 'pyarrow', 'numpy', 'dask') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(("convert", "module"), [(to_pandas, "pandas"), (to_arrow, "pyarrow")])
def test_a_missing_frames_extra_is_named_with_the_command_that_installs_it(
    convert: object, module: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # what an uninstalled package looks like
    with pytest.raises(MissingExtraError, match=rf"needs {module}, which is not installed; install the frames extra: pip install 'expandit-policy\[frames\]'") as caught:  # fmt: skip
        convert(ASSESSED)  # type: ignore[operator]
    assert isinstance(caught.value, PolicyError) and isinstance(caught.value, ImportError)


# -- laws -------------------------------------------------------------------------------------

_RECEIVED = strategies.arrivals(
    timezones=st.sampled_from([CPH, "Europe/Berlin", "UTC"]),
    min_value=pendulum.datetime(2026, 1, 1, tz="UTC"),
    max_value=pendulum.datetime(2027, 1, 1, tz="UTC"),
)
_LIFECYCLES = strategies.case_lifecycles(requests=strategies.requests(received=_RECEIVED))


@st.composite
def assessment_batches(draw: st.DrawFn) -> list[Assessment]:
    batch = draw(st.lists(_LIFECYCLES, min_size=1, max_size=3))
    later = draw(st.integers(0, 40 * 24 * 3600))
    return [
        assess(EXPANDIT_POLICY, c, c.request.received_at + dt.timedelta(seconds=later))
        for c in batch
    ]


@given(assessment_batches(), st.sampled_from(["UTC", CPH, "America/New_York"]))
def test_a_frame_holds_exactly_the_records_instants_and_spans(
    batch: list[Assessment], tz: str
) -> None:
    records = to_records(batch)
    frame = to_pandas(batch, tz=tz)
    table = to_arrow(batch, tz=tz)
    assert len(frame) == table.num_rows == len(records)
    for column in columns(Assessment):
        kept: list[object] = [r[column.name] for r in records]
        name = column.name
        if column.kind is ColumnKind.INSTANT:
            # compared in UTC: Python never finds a time in the repeated hour of a change of
            # clocks (fold=1) equal to one in another zone
            utc = frame[name].dt.tz_convert("UTC")
            in_frame = [None if pd.isna(t) else t.to_pydatetime() for t in utc]
            in_table = [
                None if t is None else t.astimezone(dt.UTC) for t in table.column(name).to_pylist()
            ]
        elif column.kind is ColumnKind.SECONDS:
            name = name.removesuffix("_seconds")
            kept = [None if s is None else dt.timedelta(seconds=float(str(s))) for s in kept]
            in_frame = [None if pd.isna(d) else d.to_pytimedelta() for d in frame[name]]
            in_table = table.column(name).to_pylist()
        else:
            values = frame[name].astype(object)
            in_frame = [None if v is None or v is pd.NA else v for v in values]
            in_table = table.column(name).to_pylist()
        assert in_frame == kept, name
        assert in_table == kept, name
