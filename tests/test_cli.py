"""The command line, through its entry point: arguments in, exit status and output out."""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import os
import pathlib
import re
import shlex
import subprocess
import sys
from typing import Any

import attrs
import pendulum
import pytest

from expandit_policy import (
    EXPANDIT_POLICY,
    SCHEMA_VERSION,
    Assessment,
    BusinessCalendar,
    BusinessDays,
    BusinessHours,
    Case,
    Channel,
    Closure,
    Contact,
    ContactCadence,
    EndCustomer,
    Mailbox,
    MessageReceived,
    Policy,
    Replied,
    Request,
    RequestKind,
    dump_cases,
    from_json_dict,
    load_cases,
    presets,
    to_json_dict,
)
from expandit_policy._cli import main

ROOT = pathlib.Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "data" / "cases.json"
AS_OF = "2026-03-09T12:00:00+01:00"


class Terminal(io.StringIO):
    """Standard error as a terminal sees it."""

    def isatty(self) -> bool:
        return True


def run(*argv: str, stdin: str = "", err: io.StringIO | None = None) -> tuple[int, str, str]:
    out, errors = io.StringIO(), err if err is not None else io.StringIO()
    status = main(list(argv), out=out, err=errors, stdin=io.StringIO(stdin))
    return status, out.getvalue(), errors.getvalue()


def write(tmp_path: pathlib.Path, name: str, payload: Any) -> str:
    path = tmp_path / name
    path.write_text(payload if isinstance(payload, str) else json.dumps(payload), "utf-8")
    return str(path)


# -- due --------------------------------------------------------------------------------------


def test_due_prints_the_support_deadlines() -> None:
    status, text, err = run("due", "--channel", "support", "--at", "2026-03-06T15:30:00+01:00")
    assert (status, err) == (0, "")
    assert text.startswith(
        "A request on the support channel, received Fri 2026-03-06 15:30 +01:00 "
        "(Europe/Copenhagen), on the Denmark calendar:\n"
    )
    assert "MAIL-1  due Mon 2026-03-09 09:30 +01:00" in text
    assert "reading: 2 business hours; a mail that arrives while closed starts the clock" in text
    assert "MAIL-2  due unknown" in text


def test_due_complaint_shows_end_of_day_as_24_00() -> None:
    status, text, _ = run("due", "--channel", "complaint", "--at", "2026-03-06T15:30:00+01:00")
    assert status == 0
    assert "CPL-1   due Tue 2026-03-10 16:00 +01:00" in text
    assert "CPL-2   due Fri 2026-03-20 24:00 +01:00" in text


def test_midnight_reads_as_00_00_when_received_and_24_00_when_due() -> None:
    status, text, _ = run("due", "--channel", "complaint", "--at", "2026-03-07T00:00+01:00")
    assert status == 0
    assert "received Sat 2026-03-07 00:00 +01:00 (Europe/Copenhagen)" in text
    assert "24:00" not in text.splitlines()[0]
    assert "CPL-2   due Mon 2026-03-23 24:00 +01:00" in text  # a deadline: the end of a day
    status, text, _ = run("assess", str(SAMPLE), "--as-of", "2026-03-10T00:00:00+01:00")
    assert status == 0
    assert text.startswith("As of Tue 2026-03-10 00:00 +01:00 (Europe/Copenhagen)\n")


def test_due_json_on_a_german_state_calendar() -> None:
    status, text, _ = run(
        "due", "--channel", "sales", "--at", "2026-01-05T16:30:00+01:00", "--calendar", "de-by",
        "--json",
    )  # fmt: skip
    assert status == 0
    payload = json.loads(text)
    assert payload["schema"] == SCHEMA_VERSION
    assert payload["timezone"] == "Europe/Berlin"
    assert (payload["kind"], payload["party"]) == ("quote", "end-customer")
    due = {d["clause"]: d["due"] for d in payload["deadlines"]}
    # 6 January is Epiphany in Bavaria: MAIL-1 runs 16:30-17:00 on Monday, then on Wednesday;
    # MAIL-3 counts Wednesday and Thursday as its two working days.
    assert due == {"MAIL-1": "2026-01-07T09:30:00+01:00", "MAIL-3": "2026-01-08T16:30:00+01:00"}


def test_due_for_a_phone_call_needs_a_fee_earner_for_tel_3() -> None:
    at = ("--at", "2026-03-06T15:30:00+01:00")
    status, text, _ = run("due", "--channel", "phone", *at)
    assert status == 0
    assert "No deadline applies; TEL-3 covers calls from fee earners (add --fee-earner)." in text
    status, text, _ = run("due", "--channel", "phone", "--fee-earner", "--party", "partner", *at)
    assert status == 0
    assert text.startswith("A question from a partner (a fee earner) on the phone channel")
    assert "TEL-3   due Mon 2026-03-09 15:30 +01:00" in text


def test_due_with_a_sales_question_starts_the_complete_answer_deadline_too() -> None:
    # MAIL-3 covers every request on the sales mailbox, a quote being the policy's example:
    # Fri 6 March 15:30 plus 2 working days, same time of day, is Tue 10 March 15:30
    status, text, _ = run("due", "--channel", "sales", "--kind", "question", "--at", "2026-03-06T15:30:00+01:00")  # fmt: skip
    assert status == 0
    assert "MAIL-1" in text
    assert "MAIL-3  due Tue 2026-03-10 15:30 +01:00" in text


def test_due_reads_a_policy_with_a_contact_cadence(tmp_path: pathlib.Path) -> None:
    policy = EXPANDIT_POLICY.with_cadence(ContactCadence(BusinessDays(5), party_kind="partner"))
    path = write(tmp_path, "policy.json", to_json_dict(policy))
    argv = ("due", "--channel", "support", "--at", "2026-03-06T15:30:00+01:00", "--policy", path)
    status, text, _ = run(*argv, "--party", "partner")
    assert status == 0
    assert "COM-9   due Fri 2026-03-13 15:30 +01:00" in text
    com9 = text.splitlines()[
        text.splitlines().index("  COM-9   due Fri 2026-03-13 15:30 +01:00") + 2
    ]
    assert com9.startswith("          reading: ")
    assert "partner" in com9
    status, text, _ = run(*argv)  # an end customer has no cadence
    assert "COM-9" not in text


def test_due_on_a_policys_own_calendar(tmp_path: pathlib.Path) -> None:
    desk = BusinessCalendar.from_weekly("Europe/Berlin", {"sat": [("10:00", "14:00")]})
    for calendar, name in ((desk, "unnamed"), (desk | presets.denmark(), "composed (union)")):
        policy = attrs.evolve(EXPANDIT_POLICY, calendar=calendar)
        path = write(tmp_path, "policy.json", to_json_dict(policy))
        argv = ("due", "--channel", "sales", "--at", "2026-03-06T15:30:00+01:00", "--policy", path)
        status, text, _ = run(*argv)
        assert status == 0
        assert f"(Europe/Berlin), on the {name} calendar:" in text
        status, text, _ = run(*argv, "--json")
        assert json.loads(text)["calendar"] == name
    status, text, _ = run(*argv, "--calendar", "dk")  # a preset instead of the policy's
    assert "on the Denmark calendar:" in text


def test_due_refuses_a_complaint_that_is_not_one() -> None:
    status, text, err = run("due", "--channel", "complaint", "--kind", "fix", "--at", "2026-03-06T15:30:00+01:00")  # fmt: skip
    assert (status, text) == (2, "")
    assert err == (
        "expandit-policy: error: --kind must be complaint or material-defect-claim for "
        "--channel complaint, got fix\n"
    )


# -- calendar ---------------------------------------------------------------------------------


def test_calendar_shows_a_presets_hours_and_holidays_for_a_year() -> None:
    status, text, _ = run("calendar", "--year", "2026")
    assert status == 0
    lines = text.splitlines()
    assert lines[0] == "From Thu 2026-01-01 to Thu 2026-12-31: 254 working days"
    assert "Denmark in Europe/Copenhagen; opening hours in local time:" in lines
    assert "  Mon  08:00-16:00" in lines
    assert "  Sun  closed" in lines
    assert "Holidays: 10" in lines
    assert "  Fri 2026-12-25  Christmas Day" in lines
    assert not any("2026-05-01" in line for line in lines)  # Store Bededag: abolished
    assert "Closures: none" in lines
    assert max(len(line) for line in lines) <= 80


def test_calendar_for_a_span_as_json() -> None:
    status, text, _ = run("calendar", "--calendar", "de-by", "--from", "2026-01-01", "--to", "2026-01-31", "--json")  # fmt: skip
    assert status == 0
    payload = json.loads(text)
    assert payload["working_days"] == 20
    assert payload["calendar"]["name"] == "Germany (Bavaria)"
    assert payload["calendar"]["hours"]["mon"] == [{"start": "08:00", "end": "17:00", "overnight": False}]  # fmt: skip
    assert [h["date"] for h in payload["calendar"]["holidays"]] == ["2026-01-01", "2026-01-06"]


def test_calendar_shows_closures_of_a_policys_calendar_and_composed_calendars(
    tmp_path: pathlib.Path,
) -> None:
    dk = presets.denmark()
    party = Closure(
        dk.zone.datetime(2026, 12, 23, 12), dk.zone.datetime(2026, 12, 23, 16), "staff party"
    )
    desk = type(dk)(dk.timezone, dk.hours, dk.holidays, [party], name="Desk")
    policy = Policy("local", EXPANDIT_POLICY.effective_from, desk | presets.germany())
    path = write(tmp_path, "policy.json", to_json_dict(policy))
    status, text, _ = run("calendar", "--policy", path, "--from", "2026-12-21", "--to", "2026-12-27")  # fmt: skip
    assert status == 0, text
    assert "The union of two calendars, in Europe/Copenhagen:" in text
    assert "    Wed 2026-12-23 12:00 +01:00 to Wed 2026-12-23 16:00 +01:00  staff party" in text
    assert "  Germany in Europe/Berlin; opening hours in local time:" in text
    status, text, _ = run("calendar", "--policy", path, "--year", "2026", "--json")
    composed = json.loads(text)["calendar"]
    assert composed["operation"] == "union"
    assert composed["left"]["closures"][0]["reason"] == "staff party"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["calendar"], "give --year, or --from and --to"),
        (["calendar", "--year", "2026", "--from", "2026-01-01"], "not both"),
        (["calendar", "--year", "0"], "--year must be a year from 2 to 9998, got 0"),
        (["calendar", "--year", "1"], "--year must be a year from 2 to 9998, got 1"),
        (["calendar", "--year", "9999"], "--year must be a year from 2 to 9998, got 9999"),
        (
            ["calendar", "--from", "0001-12-31", "--to", "0002-01-05"],
            "--from must be a date in the years 2 to 9998, got '0001-12-31'",
        ),
        (
            ["calendar", "--from", "0002-01-01", "--to", "9998-12-31"],
            "--from and --to may span at most 100 years (e.g. 2000-01-01 to 2099-12-31), "
            "got 0002-01-01 to 9998-12-31",
        ),
        (
            ["calendar", "--from", "2000-01-01", "--to", "2100-01-01"],
            "may span at most 100 years",
        ),
        (
            ["calendar", "--from", "2026-02-01", "--to", "2026-01-01"],
            "--to must be on or after --from",
        ),
        (
            ["calendar", "--from", "9998-02-01", "--to", "9999-01-01"],
            "--to must be a date in the years 2 to 9998, got '9999-01-01'",
        ),
        (
            ["calendar", "--from", "1 March", "--to", "2026-03-31"],
            "--from must be a date such as 2026-03-01",
        ),
        (
            ["calendar", "--year", "2026", "--calendar", "dk", "--policy", "p.json"],
            "either --calendar or --policy",
        ),
        (["calendar", "--year", "2026", "--calendar", "fr"], "unknown preset 'fr'"),
    ],
)
def test_calendar_usage_errors(argv: list[str], message: str) -> None:
    status, text, err = run(*argv)
    assert (status, text) == (2, "")
    assert message in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("argv", "first_line", "days"),
    [
        (["--year", "2"], "From Tue 0002-01-01 to Tue 0002-12-31: 252 working days", 252),
        (["--year", "9998"], "From Thu 9998-01-01 to Thu 9998-12-31: 254 working days", 254),
        (
            ["--from", "2000-01-01", "--to", "2099-12-31"],
            "From Sat 2000-01-01 to Thu 2099-12-31: 25350 working days",
            presets.denmark().working_days_between(dt.date(2000, 1, 1), dt.date(2100, 1, 1)),
        ),
    ],
)
def test_calendar_covers_the_years_2_to_9998_with_years_in_four_digits(
    argv: list[str], first_line: str, days: int
) -> None:
    status, text, err = run("calendar", *argv)
    assert (status, err) == (0, "")
    assert text.splitlines()[0] == first_line
    assert first_line.endswith(f": {days} working days")
    status, text, err = run("calendar", *argv, "--json")
    assert (status, err) == (0, "")
    assert json.loads(text)["working_days"] == days


# -- assess and report ------------------------------------------------------------------------


def test_assess_prints_what_is_late_and_what_is_due() -> None:
    status, text, err = run("assess", str(SAMPLE), "--as-of", AS_OF)
    assert (status, err) == (0, "")
    lines = text.splitlines()
    assert lines[:2] == [
        "As of Mon 2026-03-09 12:00 +01:00 (Europe/Copenhagen)",
        "6 cases assessed under policy 2026.1",
    ]
    late = lines[lines.index("Late: 2 breached") + 1 : lines.index("Due: 5 open")]
    assert late[0].split() == ["case", "clause", "was", "due", "overdue"]
    # COM-8 runs from R-106's Resolved (Wed 4 March 11:00): due Thu 11:00, 17 business hours ago
    assert late[1].split() == ["R-106", "COM-8", "Thu", "2026-03-05", "11:00", "17h00m"]
    assert late[2].split() == ["R-102", "MAIL-1", "Mon", "2026-03-09", "10:10", "1h50m"]
    due = lines[lines.index("Due: 5 open") + 1 :]
    assert due[1].split() == ["R-104", "TEL-3", "running", "Tue", "2026-03-10", "09:00", "5h00m"]
    assert due[3].split() == ["R-105", "CPL-2", "running", "Mon", "2026-03-23", "24:00", "84h00m"]
    assert due[4].split() == ["R-103", "COM-4", "open", "-", "-"]
    # COM-5 of R-101: coverage unknown (no licences passed), and any notice meets it: 8 met
    assert lines[-2].startswith("All results: 2 not started, 3 running, 8 met, 2 breached")
    assert max(len(line) for line in lines) <= 80


def test_assess_reads_standard_input_and_writes_json() -> None:
    status, text, _ = run("assess", "-", "--as-of", AS_OF, "--json", stdin=SAMPLE.read_text())
    assert status == 0
    payload = json.loads(text)
    assert (payload["schema"], payload["as_of"]) == (SCHEMA_VERSION, AS_OF)
    assessments = [
        from_json_dict(Assessment, {"schema": SCHEMA_VERSION, **a}) for a in payload["assessments"]
    ]
    assert [a.case for a in assessments] == list(load_cases(json.loads(SAMPLE.read_text())))
    mail1 = assessments[1].result("MAIL-1")
    assert mail1.state.value == "breached"
    [raw] = [r for r in payload["assessments"][1]["results"] if r["clause"] == "MAIL-1"]
    assert raw["due_at"] == "2026-03-09T10:10:00+01:00"
    assert mail1.due_at == dt.datetime(2026, 3, 9, 9, 10, tzinfo=dt.UTC)


def test_assess_names_each_instance_of_a_clause(tmp_path: pathlib.Path) -> None:
    # Mon 2 March 09:00, answered 10:00; a follow-up at 13:00 is due 15:00 and never answered
    ada = Contact("Ada Jensen", "ada@acme.dk")
    at = functools.partial(pendulum.datetime, 2026, 3, tz="Europe/Copenhagen")
    request = Request("R-1", Channel.SUPPORT_MAILBOX, RequestKind.QUESTION, at(2, 9), ada,
                      EndCustomer("Acme", [ada]))  # fmt: skip
    reply = Replied(at(2, 10), Mailbox.support(), [ada.email], cc=["support@expandit.com"])
    case = Case(request, [reply, MessageReceived(at(2, 13), Channel.SUPPORT_MAILBOX, ada)])
    path = write(tmp_path, "follow-up.json", dump_cases([case]))
    status, text, _ = run("assess", path, "--as-of", "2026-03-03T09:00:00+01:00")
    assert status == 0
    assert "  R-1   MAIL-1 #1  Mon 2026-03-02 15:00    2h00m\n" in text
    assert "MAIL-1  " not in text.split("Due:")[0]  # the met instance 0 is not late


def test_assess_with_nothing_due_or_late(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, "none.json", {"schema": SCHEMA_VERSION, "cases": []})
    status, text, _ = run("assess", path, "--as-of", AS_OF)
    assert status == 0
    assert "0 cases assessed under policy 2026.1" in text
    assert "Late: nothing" in text
    assert "Due: nothing" in text
    assert "All results: none" in text


def test_report_prints_compliance_per_clause_channel_and_party() -> None:
    status, text, _ = run("report", str(SAMPLE), "--as-of", AS_OF)
    assert status == 0
    lines = text.splitlines()
    assert lines[:2] == [
        "As of Mon 2026-03-09 12:00 +01:00 (Europe/Copenhagen)",
        "Compliance figures for 6 cases under policy 2026.1",
    ]
    header = lines[3].split()
    assert header == ["clause", "channel", "party", "met", "late", "breach", "open", "rate", "median", "p90"]  # fmt: skip
    rows = {tuple(line.split()[:3]): line.split()[3:] for line in lines[4:] if line.startswith(("COM", "MAIL", "CPL", "TEL"))}  # fmt: skip
    assert rows[("MAIL-1", "support", "end")] == ["customer", "2", "0", "0", "0", "100%", "1h07m", "1h45m"]  # fmt: skip
    assert rows[("MAIL-1", "sales", "partner")] == ["0", "0", "1", "0", "0%", "-", "-"]
    assert lines[-1].endswith("not started): COM-9, MAIL-2")
    assert rows[("COM-5", "support", "end")] == ["customer", "1", "0", "0", "0", "100%", "-", "-"]
    assert max(len(line) for line in lines) <= 80


def test_report_json_carries_the_figures() -> None:
    status, text, _ = run("report", str(SAMPLE), "--as-of", AS_OF, "--json")
    assert status == 0
    payload = json.loads(text)
    assert payload["cases"] == 6
    [row] = [r for r in payload["rows"] if r["clause"] == "MAIL-1" and r["channel"] == "support mailbox"]  # fmt: skip
    assert row["compliance_rate"] == 1.0
    assert (row["median_time_to_meet"], row["p90_time_to_meet"]) == ("PT1H7M30S", "PT1H45M")
    assert row["times_to_meet"] == ["PT30M", "PT1H45M"]


def test_report_json_lists_only_the_cases_each_row_counts() -> None:
    status, text, _ = run("report", str(SAMPLE), "--as-of", AS_OF, "--json")
    assert status == 0
    rows = json.loads(text)["rows"]
    for row in rows:
        counted = row["met"] + row["met_late"] + row["breached"] + row["open"]
        assert len(row["cases"]) == counted, row
    [com_8] = [r for r in rows if r["clause"] == "COM-8" and r["channel"] == "support mailbox"]
    assert (com_8["breached"], com_8["cases"]) == (1, ["R-106"])
    assert any(r["cases"] == [] for r in rows)  # COM-9: nothing counted


def test_report_with_no_cases(tmp_path: pathlib.Path) -> None:
    path = write(tmp_path, "none.json", {"schema": SCHEMA_VERSION, "cases": []})
    status, text, _ = run("report", path, "--as-of", AS_OF)
    assert status == 0
    assert "No clause has a result met, late, breached, open or cancelled yet." in text


def test_report_lists_the_clauses_it_does_not_show() -> None:
    status, text, _ = run("report", str(SAMPLE), "--as-of", "2026-03-02T08:00:00+01:00")
    assert status == 0
    lines = text.splitlines()
    assert (
        lines[-3] == "Not shown, with nothing met, late, breached, open or cancelled (unknown, not"
    )
    assert lines[-1] == "  MAIL-3, MAIL-4, CPL-1, CPL-2"


def test_progress_shows_on_a_terminal_for_a_long_batch(tmp_path: pathlib.Path) -> None:
    one = json.loads(SAMPLE.read_text())["cases"][0]
    many = [{**one, "request": {**one["request"], "id": f"R-{k}"}} for k in range(250)]
    path = write(tmp_path, "many.json", {"schema": SCHEMA_VERSION, "cases": many})
    terminal = Terminal()
    status, text, err = run("report", path, "--as-of", AS_OF, err=terminal)
    assert status == 0
    assert "\rreading cases 250/250" not in err  # the finished line is cleared ...
    assert "\rreading cases 4/250 (1%)" in err  # ... shown every 1 %, here every 2 cases
    assert "\rreading cases 3/250" not in err
    assert "\rassessing cases 126/250 (50%)" in err
    assert err.endswith("\r")  # ... so that only the result remains
    assert "250 cases" in text
    status, _, err = run("report", path, "--as-of", AS_OF)  # not a terminal: no progress
    assert (status, err) == (0, "")
    status, _, err = run("report", str(SAMPLE), "--as-of", AS_OF, err=Terminal())  # short
    assert (status, err) == (0, "")


# -- bad input: one line, status 2, never a traceback -----------------------------------------


def bad_inputs(tmp_path: pathlib.Path) -> list[tuple[list[str], str]]:
    good = json.loads(SAMPLE.read_text())
    naive = json.loads(SAMPLE.read_text())
    naive["cases"][3]["request"]["received_at"] = "2026-03-09T09:00:00"
    policy = to_json_dict(EXPANDIT_POLICY)
    policy["warning_thresholds"] = "high"
    return [
        (["assess", str(tmp_path / "missing.json"), "--as-of", AS_OF], "cannot read '"),
        (["assess", str(tmp_path), "--as-of", AS_OF], "it is a directory, not a file"),
        (["assess", write(tmp_path, "bad.json", '{"schema": "expandit_policy/2", "cases": [}'), "--as-of", AS_OF],
         "bad.json' is not valid JSON: Expecting value at line 1, column 43"),
        (["assess", "-", "--as-of", AS_OF], "standard input is not valid JSON: Expecting value at line 1, column 1"),
        (["assess", write(tmp_path, "naive.json", naive), "--as-of", AS_OF],
         "naive.json' has 1 problem: cases[3].request.received_at: must carry a UTC offset"),
        (["assess", write(tmp_path, "good.json", good), "--as-of", "2026-03-09T12:00:00"],
         "--as-of must carry a UTC offset such as '2026-03-06T15:30:00+01:00', got '2026-03-09T12:00:00' (naive: no offset)"),
        (["assess", write(tmp_path, "good.json", good)], "the following arguments are required: --as-of"),
        (["report", write(tmp_path, "good.json", good), "--as-of", "noon"], "--as-of must be an ISO 8601 instant"),
        (["report", write(tmp_path, "good.json", good), "--as-of", AS_OF, "--calendar", "fr"],
         "argument --calendar: unknown preset 'fr'; the presets are dk, dk-xmas, de, de-bw"),
        (["report", write(tmp_path, "good.json", good), "--as-of", AS_OF, "--policy", write(tmp_path, "p.json", policy)],
         "p.json' has 1 problem: warning_thresholds: must be a list of 2 values, got 'high' (string)"),
        (["due", "--channel", "support", "--at", "2026-03-06T15:30:00"], "--at must carry a UTC offset"),
        (["due", "--channel", "support", "--at", "yesterday"], "--at must be an ISO 8601 instant"),
        (["due", "--channel", "fax", "--at", "2026-03-06T15:30:00+01:00"], "invalid choice: 'fax'"),
        (["due", "--channel", "sales", "--at", "2026-03-06T15:30:00+01:00", "--calendar", "fr"],
         "expandit-policy due: error: argument --calendar: unknown preset 'fr'"),
        (["due", "--channel", "sales", "--at", "0001-01-01T00:00:00+01:00"], "expandit-policy: error: "),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        ([], "the following arguments are required: COMMAND"),
    ]  # fmt: skip


def test_bad_input_gives_one_line_and_status_2(tmp_path: pathlib.Path) -> None:
    for argv, message in bad_inputs(tmp_path):
        status, text, err = run(*argv, stdin="not json")
        assert status == 2, argv
        assert text == "", argv
        assert message in err, (argv, err)
        assert err.startswith("expandit-policy")
        assert err.endswith("\n") and err.count("\n") == 1, (argv, err)
        assert "Traceback" not in err


def test_a_document_with_many_problems_shows_the_first_ten_in_its_line(
    tmp_path: pathlib.Path,
) -> None:
    data = json.loads(SAMPLE.read_text())
    data["cases"] = data["cases"] * 3
    for case in data["cases"]:
        case["request"]["id"] = 7
    status, _, err = run("assess", write(tmp_path, "ids.json", data), "--as-of", AS_OF)
    assert status == 2
    assert "ids.json' has 18 problems: cases[0].request.id: must be a string, got 7" in err
    assert err.count("must be a string") == 10
    assert err.rstrip().endswith("; and 8 more")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"schema": ' + "9" * 5000 + "}",
         "has 1 problem: schema: must be a number below 1e309 in size, got a whole number of 5000 digits"),
        ("[" * 200_000 + "]" * 200_000,
         "has 1 problem: " + "[0]" * 128 + ": is nested too deeply: objects and lists may nest at most 128 levels"),
        ('{"schema": "expandit_policy/2", "cases": [], "cases": [1]}',
         "gives the key 'cases' twice; give each key once"),
        ('{"schema": "expandit_policy/2", "cases": [{"request": {"id": "R-1", "id": "R-2"}}]}',
         "has 1 problem: cases[0].request: gives the key 'id' twice; give each key once"),
    ],
)  # fmt: skip
def test_json_that_cannot_be_read_safely_gives_one_line(text: str, message: str) -> None:
    status, out, err = run("assess", "-", "--as-of", AS_OF, stdin=text)
    assert (status, out) == (2, "")
    assert err == f"expandit-policy: error: standard input {message}" + err.split(message)[1]
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_repeated_key_in_a_policy_file_is_named(tmp_path: pathlib.Path) -> None:
    text = json.dumps(to_json_dict(EXPANDIT_POLICY))
    path = write(tmp_path, "p.json", text[:-1] + ', "version": "other"}')
    status, _, err = run("due", "--channel", "support", "--at", AS_OF, "--policy", path)
    assert status == 2
    assert "p.json' gives the key 'version' twice; give each key once" in err


def test_a_file_that_starts_with_a_byte_order_mark_is_read(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + SAMPLE.read_bytes())
    expected = run("assess", str(SAMPLE), "--as-of", AS_OF)
    assert expected[0] == 0
    assert run("assess", str(path), "--as-of", AS_OF) == expected
    assert (
        run("assess", "-", "--as-of", AS_OF, stdin="\ufeff" + SAMPLE.read_text("utf-8")) == expected
    )


def test_a_file_that_is_not_utf_8_is_refused(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "latin.json"
    path.write_bytes('{"schema": "Ø"}'.encode("latin-1"))
    status, _, err = run("assess", str(path), "--as-of", AS_OF)
    assert status == 2
    assert "latin.json': it is not UTF-8 text (invalid continuation byte)" in err


def test_a_file_whose_name_the_system_refuses_is_refused(tmp_path: pathlib.Path) -> None:
    status, _, err = run("assess", str(tmp_path / ("x" * 5000)), "--as-of", AS_OF)
    assert status == 2
    assert err.endswith("': File name too long\n")


def test_help_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--help")[0] == 0
    out = capsys.readouterr().out
    for command in ("due", "calendar", "assess", "report"):
        assert command in out
    assert run("assess", "--help")[0] == 0
    assert "nothing reads the clock" in capsys.readouterr().out


class ClosedPipe(io.StringIO):
    """Standard output whose reader has gone away."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


class ClosedFilePipe(io.TextIOWrapper):
    """Standard output on a file descriptor whose reader has gone away."""

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_reader_that_goes_away_ends_the_command_quietly(tmp_path: pathlib.Path) -> None:
    err = io.StringIO()
    status = main(["calendar", "--year", "2026"], out=ClosedPipe(), err=err)
    assert (status, err.getvalue()) == (141, "")
    # On a real descriptor, output goes nowhere afterwards, so that the flush at exit is quiet.
    with (tmp_path / "out").open("wb") as raw, ClosedFilePipe(raw, encoding="utf-8") as out:
        assert main(["calendar", "--year", "2026"], out=out, err=err) == 141
        os.write(out.fileno(), b"lost")
    assert (tmp_path / "out").read_bytes() == b""


# -- the entry points -------------------------------------------------------------------------


def test_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "expandit_policy", "due", "--channel", "personal", "--at",
         "2026-03-06T15:30:00+01:00"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "MAIL-4  due Mon 2026-03-09 15:30 +01:00" in result.stdout


def test_module_entry_point_reads_standard_input_and_fails_cleanly() -> None:
    command = [sys.executable, "-m", "expandit_policy", "assess", "-", "--as-of", AS_OF]
    result = subprocess.run(command, input=SAMPLE.read_text(), capture_output=True, text=True, check=False)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Late: 2 breached" in result.stdout
    result = subprocess.run(command, input="{", capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr == (
        "expandit-policy: error: standard input is not valid JSON: Expecting property name "
        "enclosed in double quotes at line 1, column 2\n"
    )


def console_examples() -> list[tuple[str, str]]:
    """The commands of docs/cli.md's console blocks, each with the output it shows."""
    text = (ROOT / "docs" / "cli.md").read_text("utf-8")
    examples: list[tuple[str, str]] = []
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.DOTALL):
        for chunk in block.split("$ ")[1:]:
            command, _, output = chunk.partition("\n")
            examples.append((command, output))
    return examples


@pytest.mark.parametrize(("command", "output"), console_examples())
def test_the_examples_of_the_command_line_page_print_what_it_shows(
    command: str, output: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    program, *argv = shlex.split(command)
    assert program == "expandit-policy"
    status, out, err = run(*argv)
    assert out + err == output
    # an error is status 2; skipped cases (--errors collect) 3; a warning alone leaves it 0
    expected = 2 if "error:" in err else 3 if "exit status 3" in err else 0
    assert status == expected


def test_the_command_line_page_has_examples_of_every_command() -> None:
    commands = {shlex.split(command)[1] for command, _ in console_examples()}
    assert commands == {"due", "calendar", "assess", "agenda", "report"}


def test_a_case_the_policy_cannot_assess_is_named(tmp_path: pathlib.Path) -> None:
    endless = EXPANDIT_POLICY.with_reading("MAIL-1", BusinessHours(20_000_000))
    policy = write(tmp_path, "endless.json", to_json_dict(endless))
    status, text, err = run("assess", str(SAMPLE), "--as-of", AS_OF, "--policy", policy)
    assert (status, text) == (2, "")
    assert err.startswith("expandit-policy: error: cases[0] ('R-101'): ")
    assert "would end outside the years" in err


def test_report_shows_a_cancel_column_when_closing_cancelled_something(
    tmp_path: pathlib.Path,
) -> None:
    from expandit_policy import Case, Closed, CloseReason, dump_cases
    from tests.evaluation.strategies import cph, request

    # support mail Mon 2 March 09:00, closed as a duplicate at 10:00 (MAIL-1 was due 11:00)
    case = attrs.evolve(request(), id="D-1")
    path = write(
        tmp_path,
        "cases.json",
        dump_cases([Case(case, [Closed(cph(2, 10), CloseReason.DUPLICATE)])]),
    )
    status, text, _ = run("report", path, "--as-of", "2026-03-03T12:00:00+01:00")
    assert status == 0
    lines = text.splitlines()
    header = lines[3].split()
    assert header[7] == "cancel"
    mail1 = next(line.split() for line in lines if line.startswith("MAIL-1"))
    # met, late, breach, open, cancel, rate: nothing decided, one cancelled
    assert mail1[4:10] == ["0", "0", "0", "0", "1", "-"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["due", "--channel", "support", "--at", "2026-03-09T12.5+01:00"], "no fractions of an hour"),
        (["due", "--channel", "support", "--at", "2026-03-09T12:00:00.123456789+01:00"], "at most 6 fractional digits"),
        (["report", "-", "--as-of", AS_OF, "--resolution-target", "R-101=\u0661bd"], "--resolution-target"),
        (["report", "-", "--as-of", AS_OF, "--max-input-size", "\u0661K"], "--max-input-size"),
    ],
)  # fmt: skip
def test_options_read_instants_and_numbers_as_the_documents_do(argv: list[str], message: str) -> None:  # fmt: skip
    status, out, err = run(*argv, stdin='{"schema": "expandit_policy/2", "cases": []}')
    assert (status, out) == (2, "")
    assert message in err and err.count("\n") == 1
