"""JSON Lines: iter_cases reads one case per line, lazily; to_json_lines writes one value per line."""

from __future__ import annotations

import gc
import io
import json
import weakref
from collections.abc import Iterator

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from expandit_policy import (
    EXPANDIT_POLICY,
    MAX_LINE_BYTES,
    Case,
    Channel,
    Contact,
    EndCustomer,
    InvalidDocumentError,
    RefusedCase,
    Request,
    RequestKind,
    WrongTypeError,
    agenda,
    assess,
    from_json_dict,
    iter_cases,
    report,
    strategies,
    to_json_dict,
    to_json_lines,
)
from expandit_policy._evaluation._agenda import AgendaItem, ReportRow
from expandit_policy._evaluation._results import Assessment

ADA = Contact("Åse Jensen", "ada@acme.dk")
T = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen")


def case(n: int) -> Case:
    return Case(
        Request(
            f"R-{n}", Channel.SALES_MAILBOX, RequestKind.QUOTE, T, ADA, EndCustomer("Acme", [ADA])
        )
    )


def lines(count: int) -> list[str]:
    return list(to_json_lines(case(n) for n in range(count)))


# -- reading: concrete tables ---------------------------------------------------------------------


def test_each_line_is_one_case_and_blank_lines_are_skipped() -> None:
    text = "".join(lines(2)) + "\n  \n" + lines(3)[2]
    assert [c.request.id for c in iter_cases(io.StringIO(text))] == ["R-0", "R-1", "R-2"]


def test_bytes_lines_with_a_byte_order_mark_and_crlf_are_read() -> None:
    raw = [("\ufeff" + lines(1)[0]).encode().replace(b"\n", b"\r\n"), lines(2)[1].encode()]
    assert [c.request.id for c in iter_cases(raw)] == ["R-0", "R-1"]


@pytest.mark.parametrize(
    ("line", "path", "message"),
    [
        ("[1, 2", "line 2", "is not valid JSON: Expecting ',' delimiter at column 6"),
        ('{"a": 1, "a": 2}', "line 2", "gives the key 'a' twice"),
        ("[" * 100_000 + "]" * 100_000, "line 2, " + "[0]" * 128, "may nest at most 128 levels"),
        ("1" * 5000, "line 2", "must be a number below 1e309 in size, got a whole number of 5000"),
        ('{"request": {}}', "line 2, schema", "missing"),
        ('{"schema": "expandit_policy/2", "type": "Closed"}', "line 2, type", "not a Case"),
        ("[]", "line 2", "must be a JSON object"),
    ],
)
def test_strict_reading_stops_at_the_first_bad_line_naming_it(line: str, path: str, message: str) -> None:  # fmt: skip
    source = [lines(1)[0], line, lines(3)[2]]
    found = iter_cases(source)
    assert next(found).request.id == "R-0"
    with pytest.raises(InvalidDocumentError) as error:
        next(found)
    assert error.value.problems[0][0] == path
    assert message in error.value.problems[0][1]


def test_bytes_that_are_not_utf8_are_a_problem_of_their_line() -> None:
    [refused] = iter_cases([b"\xff{}"], errors="collect")
    assert isinstance(refused, RefusedCase)
    assert refused.problems == (("", "is not UTF-8 text (invalid start byte)"),)


def test_collect_yields_a_refused_case_in_place_and_reads_on() -> None:
    bad = json.loads(lines(2)[1])
    bad["request"]["received_at"] = "2026-03-02T09:00:00"  # naive
    source = [lines(1)[0], "", json.dumps(bad), "oops", lines(5)[4]]
    got = list(iter_cases(source, errors="collect"))
    assert [type(x).__name__ for x in got] == ["Case", "RefusedCase", "RefusedCase", "Case"]
    refused = [x for x in got if isinstance(x, RefusedCase)]
    assert [(r.position, r.case_id) for r in refused] == [(3, "R-1"), (4, None)]
    assert refused[0].problems[0][0] == "request.received_at"
    assert "offset" in refused[0].problems[0][1]


@pytest.mark.parametrize("kind", [str, bytes])
def test_a_line_longer_than_the_limit_is_refused_unread(kind: type) -> None:
    line = lines(1)[0]
    size = len(line.encode())
    source = [line, line.replace("Acme", "Acme" + "x" * 10)]
    encoded = [s.encode() if kind is bytes else s for s in source]
    got = list(iter_cases(encoded, errors="collect", max_line_bytes=size))
    assert isinstance(got[0], Case)
    assert isinstance(got[1], RefusedCase) and "longer than the limit of" in got[1].problems[0][1]


def test_the_limit_counts_bytes_of_utf8_not_characters() -> None:
    raw = lines(1)[0].replace("Acme", "Æ" * 100)  # as a writer that does not escape gives it
    limit = len(raw.rstrip("\n").encode()) - 1  # each Æ is 2 bytes; the line break not counted
    assert len(raw) <= limit  # short enough in characters, too long in bytes
    [refused] = iter_cases([raw], errors="collect", max_line_bytes=limit)
    assert isinstance(refused, RefusedCase)
    [read] = iter_cases([raw], errors="collect", max_line_bytes=limit + 1)
    assert isinstance(read, Case) and read.request.party.name == "Æ" * 100
    assert MAX_LINE_BYTES == 1024**2


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: iter_cases("one whole text"), "iterable of lines"),
        (lambda: iter_cases([], errors="lenient"), "errors must be"),  # type: ignore[call-overload]
        (lambda: iter_cases([], max_line_bytes=0), "max_line_bytes"),
        (lambda: list(iter_cases([3])), "each line must be a str or bytes, got 3"),  # type: ignore[list-item]
        (lambda: to_json_lines("text"), "values must be"),
    ],
)
def test_wrong_arguments_are_refused(call: object, message: str) -> None:
    with pytest.raises(WrongTypeError, match=message):
        call()  # type: ignore[operator]


# -- reading is lazy: a batch of any length in the memory of one case ---------------------------


def test_a_line_is_read_only_when_the_case_before_it_is_taken() -> None:
    read: list[int] = []

    def source() -> Iterator[str]:
        for k, line in enumerate(lines(3)):
            read.append(k)
            yield line
        raise AssertionError("read past the end of the batch")

    found = iter_cases(source())
    assert read == []  # nothing is read before it is asked for
    assert next(found).request.id == "R-0" and read == [0]
    assert next(found).request.id == "R-1" and read == [0, 1]


def test_streaming_output_comes_before_the_input_runs_out() -> None:
    # The input breaks after 3 lines; output for those 3 was already made and written.
    def source() -> Iterator[str]:
        yield from lines(3)
        raise OSError("the input broke")

    written: list[str] = []

    def stream() -> None:
        assessed = (assess(EXPANDIT_POLICY, c, T.add(hours=1)) for c in iter_cases(source()))
        for line in to_json_lines(assessed):
            written.append(line)

    with pytest.raises(OSError, match="the input broke"):
        stream()
    assert [json.loads(w)["case"]["request"]["id"] for w in written] == ["R-0", "R-1", "R-2"]


def test_report_over_a_stream_keeps_no_more_than_two_cases_alive() -> None:
    # Counted with weak references at each step of the stream that report() consumes: the
    # case being assessed, and the one before it that the consumer has not yet let go of.
    alive: weakref.WeakSet[Case] = weakref.WeakSet()
    most = 0

    def assessed() -> Iterator[Assessment]:
        nonlocal most
        for c in iter_cases(iter(lines(60))):
            alive.add(c)
            gc.collect()
            most = max(most, len(alive))
            yield assess(EXPANDIT_POLICY, c, T.add(hours=1))

    rows = report(assessed())
    assert most <= 2
    [mail1] = [r for r in rows if r.clause == "MAIL-1"]
    assert mail1.met + mail1.met_late + mail1.breached + mail1.open == 60


# -- writing ----------------------------------------------------------------------------------------


def test_each_value_is_one_line_of_ascii_json_with_its_header() -> None:
    [line] = to_json_lines([case(1)])
    assert line.endswith("\n") and line.count("\n") == 1
    assert line.isascii()  # "Åse" escaped, so no reader splits the line
    assert json.loads(line) == to_json_dict(case(1))


def test_assessments_agenda_items_and_report_rows_are_written_as_lines() -> None:
    c = case(1)
    a = assess(EXPANDIT_POLICY, c, T.add(hours=1))
    items = agenda(EXPANDIT_POLICY, [c], T.add(hours=1))
    rows = report([a])
    for kind, values in ((Assessment, [a]), (AgendaItem, items), (ReportRow, rows)):
        written = list(to_json_lines(values))
        assert [from_json_dict(kind, json.loads(w)) for w in written] == list(values)


# -- properties -------------------------------------------------------------------------------------


@given(st.lists(strategies.cases(), max_size=5))
def test_reading_what_was_written_gives_the_cases_back(cases: list[Case]) -> None:
    assert list(iter_cases(to_json_lines(cases))) == cases


@given(st.lists(strategies.cases(), min_size=1, max_size=5), st.data())
def test_collect_refuses_exactly_the_spoilt_lines_by_their_numbers(
    cases: list[Case], data: st.DataObject
) -> None:
    written = list(to_json_lines(cases))
    spoil = data.draw(st.sets(st.integers(0, len(cases) - 1)))
    source = [w[: len(w) // 2] if k in spoil else w for k, w in enumerate(written)]
    got = list(iter_cases(source, errors="collect"))
    assert [x.position for x in got if isinstance(x, RefusedCase)] == sorted(k + 1 for k in spoil)
    assert [x for x in got if isinstance(x, Case)] == [c for k, c in enumerate(cases) if k not in spoil]  # fmt: skip


@pytest.mark.parametrize("ending", [b"", b"\n", b"\r\n"])
def test_the_line_limit_counts_the_line_and_not_its_line_break(ending: bytes) -> None:
    line = lines(1)[0].rstrip("\n").encode()
    at_limit = list(iter_cases([line + ending], errors="collect", max_line_bytes=len(line)))
    assert [type(x) for x in at_limit] == [Case]
    past = list(iter_cases([line + ending], errors="collect", max_line_bytes=len(line) - 1))
    assert [type(x) for x in past] == [RefusedCase]
    assert isinstance(past[0], RefusedCase)
    assert "longer than the limit of" in past[0].problems[0][1]
    text = list(iter_cases([line.decode() + ending.decode()], max_line_bytes=len(line)))
    assert text == at_limit
