"""The batch commands (assess, agenda, report) over JSON Lines, streamed; lenient runs that skip
what they cannot read; MAIL-2 targets given on the command line."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import json
import pathlib
import sys
from typing import Any

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from expandit_policy import (
    EXPANDIT_POLICY,
    SCHEMA_VERSION,
    AgendaItem,
    Assessment,
    BusinessDays,
    Case,
    Channel,
    ClauseState,
    Contact,
    EndCustomer,
    InformationRequested,
    Request,
    RequestKind,
    agenda,
    assess,
    from_json_dict,
    iter_cases,
    load_cases,
    strategies,
    to_json_lines,
)
from expandit_policy._cli import main
from tests import budget

ROOT = pathlib.Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "data" / "cases.json"
AS_OF = "2026-03-09T12:00:00+01:00"
WHEN = pendulum.datetime(2026, 3, 9, 12, tz="Europe/Copenhagen")  # AS_OF
CASES = load_cases(json.loads(SAMPLE.read_text()))
LINES = "".join(to_json_lines(CASES))


def run(*argv: str, stdin: Any = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    source = stdin if not isinstance(stdin, str) else io.StringIO(stdin)
    status = main(list(argv), out=out, err=err, stdin=source)
    return status, out.getvalue(), err.getvalue()


def write(tmp_path: pathlib.Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return str(path)


def spoilt(tmp_path: pathlib.Path) -> str:
    """The sample as JSON Lines with a blank line, a case without a channel (line 4, 'R-BAD')
    and a line that is not JSON (line 6)."""
    lines = LINES.splitlines(keepends=True)
    bad = json.loads(lines[1])
    bad["request"]["id"] = "R-BAD"
    del bad["request"]["channel"]
    text = lines[0] + "\n" + lines[1] + json.dumps(bad) + "\n" + lines[2] + "{oops\n"
    return write(tmp_path, "batch.jsonl", text + "".join(lines[3:]))


# -- JSON Lines in: the same answers as the cases document --------------------------------------


def test_json_lines_in_gives_what_the_document_gives(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, "cases.jsonl", LINES)
    for command in ("assess", "agenda", "report"):
        for shape in ((), ("--json",)):
            whole = run(command, str(SAMPLE), "--as-of", AS_OF, *shape)
            lines = run(command, path, "--as-of", AS_OF, *shape)
            from_stdin = run(command, "-", "--input-format", "jsonl", "--as-of", AS_OF, *shape, stdin=LINES)  # fmt: skip
            assert whole[0] == 0 and whole[2] == ""
            assert lines == whole == from_stdin, (command, shape)


def test_input_format_overrides_the_name(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, "cases.txt", LINES)
    status, _, err = run("assess", path, "--as-of", AS_OF)
    assert status == 2 and "is not valid JSON" in err  # read as one document
    assert run("assess", path, "--as-of", AS_OF, "--input-format", "jsonl")[0] == 0


# -- JSON Lines out -------------------------------------------------------------------------------


def test_assess_json_lines_writes_one_assessment_per_case() -> None:
    status, text, err = run("assess", str(SAMPLE), "--as-of", AS_OF, "--json-lines")
    assert (status, err) == (0, "")
    written = [from_json_dict(Assessment, json.loads(line)) for line in text.splitlines()]
    assert written == [assess(EXPANDIT_POLICY, c, WHEN) for c in CASES]


def test_agenda_json_lines_writes_each_cases_items_as_read() -> None:
    status, text, _ = run("agenda", str(SAMPLE), "--as-of", AS_OF, "--json-lines")
    assert status == 0
    written = [from_json_dict(AgendaItem, json.loads(line)) for line in text.splitlines()]
    per_case = [i for c in CASES for i in agenda(EXPANDIT_POLICY, [c], WHEN)]
    assert written == per_case
    assert sorted(per_case, key=repr) == sorted(agenda(EXPANDIT_POLICY, CASES, WHEN), key=repr)


def test_agenda_json_and_text_follow_agendas_order() -> None:
    status, text, _ = run("agenda", str(SAMPLE), "--as-of", AS_OF, "--json")
    assert status == 0
    payload = json.loads(text)
    assert payload["cases"] == 6
    items = [from_json_dict(AgendaItem, {"schema": SCHEMA_VERSION, **i}) for i in payload["items"]]
    expected = agenda(EXPANDIT_POLICY, CASES, WHEN)
    assert tuple(items) == expected
    status, text, _ = run("agenda", str(SAMPLE), "--as-of", AS_OF)
    lines = text.splitlines()
    assert lines[:2] == [
        "As of Mon 2026-03-09 12:00 +01:00 (Europe/Copenhagen)",
        "Agenda for 6 cases under policy 2026.1",
    ]
    assert lines[3] == f"{len(expected)} to act on:"
    rows = [line.split()[:2] for line in lines[5:]]
    assert rows == [[i.case_id, i.clause] for i in expected]
    assert lines[4].split() == ["case", "clause", "state", "when", "warning"]
    # a breach shows when it was breached: R-102's MAIL-1 at 10:10, first
    assert lines[5].split() == ["R-102", "MAIL-1", "breached", "Mon", "2026-03-09", "10:10", "breached"]  # fmt: skip


def test_assess_json_carries_what_the_text_shows() -> None:
    _, text, _ = run("assess", str(SAMPLE), "--as-of", AS_OF)
    status, raw, _ = run("assess", str(SAMPLE), "--as-of", AS_OF, "--json")
    assert status == 0
    payload = json.loads(raw)
    assert payload["cases"] == 6 and len(payload["assessments"]) == 6
    # the late list: case, clause, was due, overdue (the text's table, row by row)
    assert payload["late"] == [
        {
            "case_id": "R-106",
            "clause": "COM-8",
            "instance": 0,
            "due_at": "2026-03-05T11:00:00+01:00",
            "overdue": "PT17H",
        },
        {
            "case_id": "R-102",
            "clause": "MAIL-1",
            "instance": 0,
            "due_at": "2026-03-09T10:10:00+01:00",
            "overdue": "PT1H50M",
        },
    ]
    lines = text.splitlines()
    due_rows = lines[lines.index("Due: 5 open") + 2 :][:5]
    assert [[d["case_id"], d["clause"], d["state"]] for d in payload["due"]] == [
        row.split()[:3] for row in due_rows
    ]
    assert payload["due"][0] == {
        "case_id": "R-104",
        "clause": "TEL-3",
        "instance": 0,
        "state": "running",
        "due_at": "2026-03-10T09:00:00+01:00",
        "left": "PT5H",
        "warning": "none",
    }
    summary = ", ".join(f"{n} {s}" for s, n in payload["counts"].items())
    assert " ".join(" ".join(lines[-2:]).split()) == f"All results: {summary}"


def test_assess_json_with_no_cases_is_valid_json(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, "none.jsonl", "")
    status, text, _ = run("assess", path, "--as-of", AS_OF, "--json")
    assert status == 0
    payload = json.loads(text)
    assert (payload["assessments"], payload["late"], payload["due"], payload["cases"]) == ([], [], [], 0)  # fmt: skip


# -- streaming: output is made as the input is read ---------------------------------------------


class BreakingInput(io.StringIO):
    """Standard input that fails after its first ``good`` lines, counting what was read."""

    def __init__(self, text: str, good: int) -> None:
        super().__init__(text)
        self.good = good
        self.lines_read = 0

    def readline(self, size: int = -1, /) -> str:  # type: ignore[override]
        if self.lines_read == self.good:
            raise OSError(5, "Input/output error")
        self.lines_read += 1
        return super().readline(size)


def test_each_case_is_written_before_the_next_line_is_read() -> None:
    stdin = BreakingInput(LINES, 3)
    status, text, err = run("assess", "-", "--input-format", "jsonl", "--as-of", AS_OF, "--json-lines", stdin=stdin)  # fmt: skip
    assert status == 2
    assert err == "expandit-policy: error: cannot read standard input: Input/output error\n"
    assert [json.loads(line)["case"]["request"]["id"] for line in text.splitlines()] == [
        "R-101",
        "R-102",
        "R-103",
    ]
    assert stdin.lines_read == 3


# -- lenient runs -----------------------------------------------------------------------------------


def test_strict_stops_at_the_first_bad_line_with_status_2(tmp_path: pathlib.Path) -> None:
    status, _, err = run("assess", spoilt(tmp_path), "--as-of", AS_OF)
    assert status == 2
    assert "batch.jsonl' has 1 problem: line 4, request.channel: missing" in err


def test_collect_skips_each_bad_case_tells_it_and_exits_3(tmp_path: pathlib.Path) -> None:
    path = spoilt(tmp_path)
    status, text, err = run("assess", path, "--as-of", AS_OF, "--errors", "collect")
    assert status == 3
    assert err.splitlines() == [
        "expandit-policy: skipped line 4 ('R-BAD'): request.channel: missing: this field is required",
        "expandit-policy: skipped line 6: is not valid JSON: Expecting property name enclosed in double quotes at column 2",
        "expandit-policy: skipped 2 of 8 cases that could not be read; exit status 3 (--allow-skipped makes it 0)",
    ]
    assert "6 cases assessed" in text  # every good case, and the lines after the bad ones
    assert text == run("assess", str(SAMPLE), "--as-of", AS_OF)[1]
    status, again, err = run("assess", path, "--as-of", AS_OF, "--errors", "collect", "--allow-skipped")  # fmt: skip
    assert (status, again) == (0, text)
    assert err.splitlines()[-1] == "expandit-policy: skipped 2 of 8 cases that could not be read"


def test_collect_in_a_cases_document_names_the_position(tmp_path: pathlib.Path) -> None:
    document = json.loads(SAMPLE.read_text())
    document["cases"][2]["events"] = "none"
    path = write(tmp_path, "cases.json", json.dumps(document))
    status, text, err = run("report", path, "--as-of", AS_OF, "--errors", "collect", "--json")
    assert status == 3
    assert err.splitlines()[0] == (
        "expandit-policy: skipped cases[2] ('R-103'): cases[2].events: must be a list, got 'none' (string)"
    )
    assert json.loads(text)["cases"] == 5
    status, _, err = run("report", path, "--as-of", AS_OF)
    assert status == 2 and "cases[2].events" in err


def test_a_line_over_the_limit_is_skipped_unread_and_the_rest_is_read(tmp_path: pathlib.Path) -> None:  # fmt: skip
    lines = LINES.splitlines(keepends=True)
    longest = max(len(line.encode()) for line in lines)
    huge = lines[0].replace("{", "{" + " " * 3 * longest, 1)  # valid JSON, longer than the rest
    path = write(tmp_path, "long.jsonl", huge + "".join(lines))
    limit = str(longest)
    status, text, err = run("assess", path, "--as-of", AS_OF, "--errors", "collect", "--max-line-size", limit, "--json-lines")  # fmt: skip
    assert status == 3
    assert err.splitlines()[0].startswith(
        f"expandit-policy: skipped line 1: is longer than the limit of {longest} bytes for one line"
    )
    assert len(text.splitlines()) == 6
    status, _, err = run("assess", path, "--as-of", AS_OF, "--max-line-size", limit)
    assert status == 2 and "line 1: is longer than the limit" in err


def test_an_endless_line_is_refused_at_once_when_strict() -> None:
    status, text, err = run("assess", "/dev/zero", "--input-format", "jsonl", "--as-of", AS_OF)
    assert (status, text) == (2, "")
    assert err.startswith("expandit-policy: error: '/dev/zero' has 1 problem: line 1: is longer than the limit of 1048576 bytes")  # fmt: skip


def test_an_endless_line_stops_a_lenient_run_at_the_input_limit() -> None:
    argv = ("assess", "/dev/zero", "--input-format", "jsonl", "--as-of", AS_OF, "--errors", "collect")  # fmt: skip
    status, text, err = run(*argv, "--max-input-size", "4M", "--max-line-size", "1K")
    assert (status, text) == (2, "")
    assert err.splitlines() == [
        "expandit-policy: skipped line 1: is longer than the limit of 1024 bytes for one line; split the case's log, or raise the limit (max_line_bytes, or --max-line-size on the command line)",
        "expandit-policy: error: '/dev/zero' has a line longer than 4 MiB, the input limit, and stopped being read there; is it JSON Lines?",
    ]


# -- MAIL-2 targets on the command line ---------------------------------------------------------


def test_resolution_targets_apply_and_unused_ones_are_told_at_the_end() -> None:
    argv = ("assess", str(SAMPLE), "--as-of", AS_OF, "--json-lines")
    status, text, err = run(*argv, "--resolution-target", "R-101=10bd", "--resolution-target", "R-999=2bh")  # fmt: skip
    assert status == 0
    assert err == "expandit-policy: warning: --resolution-target names no case read: 'R-999'\n"
    written = [from_json_dict(Assessment, json.loads(line)) for line in text.splitlines()]
    target = BusinessDays(10)
    assert written[0] == assess(EXPANDIT_POLICY, CASES[0], WHEN, resolution_target=target)
    assert written[0].result("MAIL-2").state is not ClauseState.UNKNOWN
    assert written[1] == assess(EXPANDIT_POLICY, CASES[1], WHEN)


def test_agenda_and_report_take_resolution_targets_too() -> None:
    target = ("--resolution-target", "R-101=10bd")
    status, text, err = run("agenda", str(SAMPLE), "--as-of", AS_OF, "--json", *target)
    assert (status, err) == (0, "")
    items = json.loads(text)["items"]
    expected = agenda(EXPANDIT_POLICY, CASES, WHEN, resolution_targets={"R-101": BusinessDays(10)})
    assert len(items) == len(expected)
    status, _, err = run("report", str(SAMPLE), "--as-of", AS_OF, "--resolution-target", "X=1h")
    assert status == 0 and "'X'" in err


def test_a_case_given_two_resolution_targets_is_a_usage_error() -> None:
    targets = ("--resolution-target", "R-101=10bd", "--resolution-target", "R-101=5bd")
    status, text, err = run("assess", str(SAMPLE), "--as-of", AS_OF, *targets)
    assert (status, text) == (2, "")
    assert err == (
        "expandit-policy: error: --resolution-target gives 'R-101' more than once; give one "
        "target per case\n"
    )


def test_a_malformed_resolution_target_is_a_usage_error() -> None:
    for bad in ("R-1", "R-1=10", "=5bd", "R-1=1.5bd", "R-1=-1bd", "R-1=10 weeks"):
        status, text, err = run("assess", str(SAMPLE), "--as-of", AS_OF, "--resolution-target", bad)
        assert (status, text) == (2, ""), bad
        assert err.startswith("expandit-policy assess: error: argument --resolution-target"), bad
        assert "\n" not in err.rstrip("\n")


# -- properties -------------------------------------------------------------------------------------


@settings(max_examples=budget.share(0.3))
@given(st.lists(strategies.cases(), max_size=4), st.data())
def test_a_lenient_json_lines_run_assesses_exactly_the_good_lines(
    cases: list[Case], data: st.DataObject
) -> None:
    lines = list(to_json_lines(cases))
    spoil = data.draw(st.sets(st.integers(0, max(len(lines) - 1, 0))) if lines else st.just(set()))
    text = "".join("not json\n" if k in spoil else line for k, line in enumerate(lines))
    status, out, err = run("assess", "-", "--input-format", "jsonl", "--as-of", AS_OF, "--json-lines", "--errors", "collect", stdin=text)  # fmt: skip
    assert status == (3 if spoil else 0)
    good = [c for k, c in enumerate(cases) if k not in spoil]
    written = [from_json_dict(Assessment, json.loads(line)) for line in out.splitlines()]
    assert written == [assess(EXPANDIT_POLICY, c, WHEN) for c in good]
    ids = [c.request.id for c in good]
    repeated = len(set(ids)) < len(ids)  # told in one warning at the end, every copy assessed
    assert len(err.splitlines()) == (len(spoil) + 1 if spoil else 0) + repeated
    assert ("given to more than one case" in err) == repeated


# -- the batch generator and the memory benchmark ------------------------------------------------


def _benchmark(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_make_cases_writes_the_same_cases_in_both_formats(tmp_path: pathlib.Path) -> None:
    make = _benchmark("make_cases")
    document, lines = str(tmp_path / "c.json"), str(tmp_path / "c.jsonl")
    assert make.main(["40", document]) == 0
    assert make.main(["40", lines]) == 0
    cases = load_cases(json.loads(pathlib.Path(document).read_text()))
    assert len(cases) == 40 and len({c.request.id for c in cases}) == 40
    assert list(iter_cases(pathlib.Path(lines).read_text().splitlines())) == list(cases)
    for command in ("assess", "agenda", "report"):
        assert run(command, document, "--as-of", AS_OF) == run(command, lines, "--as-of", AS_OF)


def test_the_memory_benchmark_runs(tmp_path: pathlib.Path, capsys: Any) -> None:
    make = _benchmark("make_cases")
    document, lines = str(tmp_path / "c.json"), str(tmp_path / "c.jsonl")
    make.write(5, document, "json")
    make.write(5, lines, "jsonl")
    assert _benchmark("bench_batch").main([document, lines]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["command", "peak", "MiB"]
    assert [line.split()[0] for line in out[1:]] == ["assess"] * 4 + ["agenda", "report"]


def _as_lines(cases: list[Case]) -> str:
    return "".join(to_json_lines(cases))


@settings(max_examples=budget.share(0.3))
@given(st.lists(strategies.cases(), max_size=4))
def test_agenda_json_is_the_librarys_agenda_in_its_order(cases: list[Case]) -> None:
    status, out, _ = run("agenda", "-", "--input-format", "jsonl", "--as-of", AS_OF, "--json", stdin=_as_lines(cases))  # fmt: skip
    assert status == 0
    items = [from_json_dict(AgendaItem, {"schema": SCHEMA_VERSION, **i}) for i in json.loads(out)["items"]]  # fmt: skip
    assert tuple(items) == agenda(EXPANDIT_POLICY, cases, WHEN)


@settings(max_examples=budget.share(0.3))
@given(st.lists(strategies.cases(), max_size=4))
def test_assess_json_lists_every_breached_result_as_late_and_every_open_one_as_due(
    cases: list[Case],
) -> None:
    status, out, _ = run("assess", "-", "--input-format", "jsonl", "--as-of", AS_OF, "--json", stdin=_as_lines(cases))  # fmt: skip
    assert status == 0
    payload = json.loads(out)
    results = [(c.request.id, r) for c in cases for r in assess(EXPANDIT_POLICY, c, WHEN).results]
    open_states = (ClauseState.RUNNING, ClauseState.PAUSED, ClauseState.OPEN)
    late = [(i, r.clause, r.instance) for i, r in results if r.state is ClauseState.BREACHED]
    due = [(i, r.clause, r.instance) for i, r in results if r.state in open_states]
    assert sorted((d["case_id"], d["clause"], d["instance"]) for d in payload["late"]) == sorted(late)  # fmt: skip
    assert sorted((d["case_id"], d["clause"], d["instance"]) for d in payload["due"]) == sorted(due)
    assert payload["cases"] == len(cases) == len(payload["assessments"])
    assert sum(payload["counts"].values()) == len(results)
    dated = [d["due_at"] for d in payload["due"] if d["due_at"] is not None]
    instants = [dt.datetime.fromisoformat(t) for t in dated]
    assert instants == sorted(instants)  # soonest due first, the undated last
    assert all(d["due_at"] is None for d in payload["due"][len(dated) :])


def test_collect_skips_a_case_that_reads_but_cannot_be_assessed(tmp_path: pathlib.Path) -> None:
    # A complaint received on 20 December 9998: CPL-2's 14 days would end past the last year
    # the engine represents. Strict, the run stops on it; collecting, it is skipped and told,
    # and the cases after it are still assessed.
    far = json.loads(LINES.splitlines()[0])
    far["request"]["id"] = "R-FAR"
    far["request"]["kind"] = "complaint"
    far["request"]["received_at"] = "9998-12-20T10:00:00+01:00"
    far["events"] = []
    lines = LINES.splitlines()
    text = "\n".join([lines[0], json.dumps(far), *lines[1:]]) + "\n"
    path = write(tmp_path, "far.jsonl", text)
    as_of = "9998-12-21T12:00:00+01:00"
    status, _, err = run("report", path, "--as-of", as_of)
    assert status == 2 and "line 2 ('R-FAR')" in err and "CPL-2" in err
    for command in ("report", "assess", "agenda"):
        status, out, err = run(command, path, "--as-of", as_of, "--errors", "collect")
        assert status == 3, (command, err)
        first, summary = err.splitlines()
        assert first.startswith("expandit-policy: skipped line 2 ('R-FAR'): cannot be assessed: ")
        assert "CPL-2" in first
        assert summary == (
            f"expandit-policy: skipped 1 of {len(lines) + 1} cases that could not be read or "
            f"assessed; exit status 3 (--allow-skipped makes it 0)"
        )
    status, out, _ = run("report", path, "--as-of", as_of, "--errors", "collect", "--json")
    assert json.loads(out)["cases"] == len(lines)  # every other case was reported


def test_agenda_needs_action_leaves_out_clocks_waiting_on_the_customer(tmp_path: pathlib.Path) -> None:  # fmt: skip
    # A complaint whose answer (CPL-2) waits on information asked of the customer: paused.
    ada = Contact("Ada Jensen", "ada@acme.dk")
    received = WHEN.subtract(days=3)
    waiting = Case(
        Request("R-WAIT", Channel.SUPPORT_MAILBOX, RequestKind.COMPLAINT, received, ada,
                EndCustomer("Acme", [ada])),
        [InformationRequested(received.add(hours=1))],
    )  # fmt: skip
    cases = [*CASES, waiting]
    path = write(tmp_path, "cases.jsonl", "".join(to_json_lines(cases)))
    status, everything, _ = run("agenda", path, "--as-of", AS_OF, "--json")
    assert status == 0
    status, acting, _ = run("agenda", path, "--as-of", AS_OF, "--json", "--needs-action")
    assert status == 0
    every = json.loads(everything)["items"]
    kept = json.loads(acting)["items"]
    assert ("R-WAIT", "CPL-2", "paused") in [(i["case_id"], i["clause"], i["state"]) for i in every]
    assert kept == [i for i in every if i["state"] != "paused"]
    library = agenda(EXPANDIT_POLICY, cases, WHEN, needs_action=True)
    assert [(i["case_id"], i["clause"]) for i in kept] == [(i.case_id, i.clause) for i in library]


def test_allow_skipped_without_collect_is_a_usage_error() -> None:
    status, out, err = run("report", str(SAMPLE), "--as-of", AS_OF, "--allow-skipped")
    assert (status, out) == (2, "")
    assert "--allow-skipped only applies with --errors collect" in err


def test_a_request_id_given_to_two_cases_is_told_at_the_end(tmp_path: pathlib.Path) -> None:
    first = LINES.splitlines()[0]
    path = write(tmp_path, "twice.jsonl", "\n".join([first, first, *LINES.splitlines()[1:]]) + "\n")
    status, out, err = run("report", path, "--as-of", AS_OF, "--json")
    assert status == 0  # a warning, not a failure: the copies may be meant
    case_id = json.loads(first)["request"]["id"]
    assert err == (
        f"expandit-policy: warning: 1 request id given to more than one case, each copy counted: "
        f"{case_id!r}\n"
    )
    assert json.loads(out)["cases"] == len(LINES.splitlines()) + 1
    assert run("report", str(SAMPLE), "--as-of", AS_OF)[2] == ""  # no warning without repeats
