"""The command line, through its entry point: arguments in, exit status and output out."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from expandit_policy._cli import main


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(list(argv), out=out)
    return status, out.getvalue()


def test_due_prints_the_support_deadlines() -> None:
    status, text = run("due", "--channel", "support", "--at", "2026-03-06T15:30:00+01:00")
    assert status == 0
    assert "MAIL-1  due Mon 2026-03-09 09:30 +01:00" in text
    assert "MAIL-2  due unknown" in text
    assert "Denmark" in text


def test_due_complaint_shows_end_of_day_as_24_00() -> None:
    status, text = run("due", "--channel", "complaint", "--at", "2026-03-06T15:30:00+01:00")
    assert status == 0
    assert "CPL-1   due Tue 2026-03-10 16:00 +01:00" in text
    assert "CPL-2   due Fri 2026-03-20 24:00 +01:00" in text


def test_due_json_on_a_german_state_calendar() -> None:
    status, text = run(
        "due", "--channel", "sales", "--at", "2026-01-05T16:30:00+01:00", "--calendar", "de-by",
        "--json",
    )  # fmt: skip
    assert status == 0
    payload = json.loads(text)
    assert payload["timezone"] == "Europe/Berlin"
    due = {d["clause"]: d["due"] for d in payload["deadlines"]}
    # 6 January is Epiphany in Bavaria: MAIL-1 runs 16:30-17:00 on Monday, then on Wednesday;
    # MAIL-3 counts Wednesday and Thursday as its two working days.
    assert due == {"MAIL-1": "2026-01-07T09:30:00+01:00", "MAIL-3": "2026-01-08T16:30:00+01:00"}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["due", "--channel", "support", "--at", "2026-03-06T15:30:00"], "must carry an offset"),
        (["due", "--channel", "support", "--at", "yesterday"], "ISO 8601 instant"),
    ],
)
def test_user_errors_give_one_line_and_status_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, text = run(*argv)
    err = capsys.readouterr().err
    assert status == 2
    assert text == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_unknown_preset_and_channel_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("due", "--channel", "fax", "--at", "2026-03-06T15:30:00+01:00")[0] == 2
    assert "invalid choice: 'fax'" in capsys.readouterr().err
    status, _ = run("due", "--channel", "sales", "--at", "2026-03-06T15:30:00+01:00",
                    "--calendar", "fr")  # fmt: skip
    assert status == 2
    assert "invalid choice: 'fr'" in capsys.readouterr().err


def test_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "expandit_policy", "due", "--channel", "personal", "--at",
         "2026-03-06T15:30:00+01:00"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "MAIL-4  due Mon 2026-03-09 15:30 +01:00" in result.stdout


def test_help_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--help")[0] == 0
    assert "due" in capsys.readouterr().out
