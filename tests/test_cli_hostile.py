"""The command line under hostile input: terminal escapes in what it prints, inputs larger than
the limit or endless, and a fuzz test over mutated command lines and case files."""

from __future__ import annotations

import copy
import io
import json
import pathlib
import subprocess
import sys
import tempfile
import time
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from expandit_policy import EXPANDIT_POLICY, to_json_dict
from expandit_policy._cli import main
from expandit_policy._cli._io import MAX_INPUT_SIZE

ROOT = pathlib.Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "data" / "cases.json"
AS_OF = "2026-03-09T12:00:00+01:00"
CASES: dict[str, Any] = json.loads(SAMPLE.read_text("utf-8"))
POLICY: dict[str, Any] = to_json_dict(EXPANDIT_POLICY)

#: What a terminal acts on instead of showing: ESC (colours, cursor moves, clearing, retitling
#: with OSC ... BEL), BEL, CR (overwrites the line), DEL, CSI as one C1 byte, a bidi override.
TERMINAL_CONTROLS = "\x1b\x07\r\x7f\x9b\u202e"


def run(*argv: str, stdin: io.TextIOBase | str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    source = io.StringIO(stdin) if isinstance(stdin, str) else stdin
    status = main(list(argv), out=out, err=err, stdin=source)  # type: ignore[arg-type]
    return status, out.getvalue(), err.getvalue()


def write(tmp_path: pathlib.Path, name: str, payload: Any) -> str:
    path = tmp_path / name
    text = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
    path.write_text(text, "utf-8", errors="surrogatepass")
    return str(path)


def assert_one_line_error(status: int, out: str, err: str) -> None:
    assert status == 2, (status, out, err)
    assert err.startswith("expandit-policy") and err.endswith("\n"), err
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    assert not any(c in err for c in TERMINAL_CONTROLS), err
    err.encode("utf-8")


def assert_sane_output(out: str) -> None:
    out.encode("utf-8")  # no lone surrogate: the output can be written to any UTF-8 stream
    assert not any(c in out for c in TERMINAL_CONTROLS), out


# -- escaping -----------------------------------------------------------------------------------


def _policy_with(**changes: Any) -> dict[str, Any]:
    policy = copy.deepcopy(POLICY)
    policy.update(changes)
    return policy


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_a_policy_version_with_terminal_escapes_is_printed_escaped(
    tmp_path: pathlib.Path, as_json: bool
) -> None:
    version = "2026\x1b]0;owned\x07\x1b[2J\r\x9b31m"
    policy = write(tmp_path, "policy.json", _policy_with(version=version))
    argv = ["assess", str(SAMPLE), "--as-of", AS_OF, "--policy", policy]
    status, out, err = run(*argv, *(["--json"] if as_json else []))
    assert (status, err) == (0, "")
    assert_sane_output(out)
    if as_json:
        # The escapes are JSON's own, so the document still says exactly what the file said.
        assert json.loads(out)["policy_version"] == version
    else:
        # Escaped before the headline is wrapped, so the CR is shown too, as \r.
        assert "2026\\x1b]0;owned\\x07\\x1b[2J\\r\\x9b31m" in out


def test_a_case_id_with_a_lone_surrogate_is_one_line_of_error_not_a_traceback() -> None:
    cases = copy.deepcopy(CASES)
    cases["cases"][0]["request"]["id"] = "R-\ud800"
    text = json.dumps(cases, ensure_ascii=False)
    for extra in ([], ["--json"]):
        status, out, err = run("assess", "-", "--as-of", AS_OF, *extra, stdin=text)
        assert_one_line_error(status, out, err)
        assert "cases[0].request.id" in err
        assert "\\ud800" in err


@pytest.mark.parametrize("char", list("\x1b\x07\r\n"), ids=["esc", "bel", "cr", "lf"])
def test_a_case_id_with_a_control_character_is_refused_in_one_line(char: str) -> None:
    cases = copy.deepcopy(CASES)
    cases["cases"][1]["request"]["id"] = f"R-1{char}[2J"
    status, out, err = run("report", "-", "--as-of", AS_OF, stdin=json.dumps(cases))
    assert_one_line_error(status, out, err)
    assert "cases[1].request.id" in err
    assert repr(char) in err


def test_an_error_message_never_carries_a_control_character_raw() -> None:
    status, out, err = run("due", "--channel", "support", "--at", "2026-03-06T15:30\x1b[2J")
    assert_one_line_error(status, out, err)
    assert "\\x1b[2J" in err


# -- bounded input ------------------------------------------------------------------------------


def _padded(size: int) -> str:
    """The sample cases, padded with spaces to exactly ``size`` bytes."""
    text = json.dumps(CASES)
    assert len(text.encode("utf-8")) <= size
    return text + " " * (size - len(text.encode("utf-8")))


SMALL = 8192  # bytes: above the sample's size, small enough to keep these tests quick


@pytest.mark.parametrize("source", ["file", "stdin-text", "stdin-bytes"])
def test_an_input_at_the_limit_is_read_and_one_byte_more_is_refused(
    tmp_path: pathlib.Path, source: str
) -> None:
    for size, fits in ((SMALL, True), (SMALL + 1, False)):
        text = _padded(size)
        stdin: io.TextIOBase | str = ""
        path = "-"
        if source == "file":
            path = write(tmp_path, "cases.json", text)
        elif source == "stdin-text":
            stdin = text
        else:
            stdin = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")
        status, out, err = run(
            "assess", path, "--as-of", AS_OF, "--max-input-size", str(SMALL), stdin=stdin
        )
        if fits:
            assert (status, err) == (0, ""), err
        else:
            assert_one_line_error(status, out, err)
            assert "is larger than the input limit of 8 KiB" in err
            assert "--max-input-size" in err


def test_the_limit_counts_bytes_not_characters() -> None:
    text = _padded(SMALL - 2)[:-1] + "ø"  # one character, two bytes in UTF-8: SMALL - 1 + 2 bytes
    assert len(text) == SMALL - 2
    argv = ["assess", "-", "--as-of", AS_OF, "--max-input-size", str(SMALL - 1)]
    assert_one_line_error(*run(*argv, stdin=text))


def test_an_endless_input_is_refused_at_the_default_limit() -> None:
    zero = pathlib.Path("/dev/zero")
    if not zero.exists():  # pragma: no cover - not on every system
        pytest.skip("no /dev/zero")
    started = time.monotonic()
    status, out, err = run("assess", str(zero), "--as-of", AS_OF)
    assert_one_line_error(status, out, err)
    assert "'/dev/zero' is larger than the input limit of 64 MiB" in err
    assert MAX_INPUT_SIZE == 64 * 1024**2
    assert time.monotonic() - started < 30


def test_a_policy_file_is_bounded_too(tmp_path: pathlib.Path) -> None:
    policy = write(tmp_path, "policy.json", json.dumps(POLICY) + " " * SMALL)
    argv = ["due", "--channel", "phone", "--at", AS_OF, "--policy", policy]
    status, out, err = run(*argv, "--max-input-size", "8K")
    assert_one_line_error(status, out, err)
    assert "is larger than the input limit of 8 KiB" in err
    assert run(*argv)[0] == 0


@pytest.mark.parametrize("size", ["0", "-1", "lots", "1T", "1.5M"])
def test_a_bad_input_size_is_a_usage_error(size: str) -> None:
    status, out, err = run("assess", "-", "--as-of", AS_OF, "--max-input-size", size)
    assert_one_line_error(status, out, err)
    assert "argument --max-input-size: a size must be a positive number of bytes" in err


# -- the fuzz test ------------------------------------------------------------------------------

#: Text that has broken or fooled programs: controls, surrogates, separators, a huge string.
SHORT_HOSTILE_TEXT = st.one_of(
    st.sampled_from(
        ["", " ", "\x1b[2J", "\x07", "R-\ud800", "\udfff", "a\r\nb", "\u2028", "\x00", "\u202e"]
    ),
    st.text(st.characters(categories=["Cc", "Cs", "Zl", "Zp", "Cf"]), max_size=5),
    st.text(max_size=20),
)
HOSTILE_TEXT = st.one_of(SHORT_HOSTILE_TEXT, st.integers(1, 200_000).map(lambda n: "x" * n))
#: Words for a command line: the same, short enough for one (argv has its own limits).
HOSTILE_WORDS = st.one_of(
    SHORT_HOSTILE_TEXT,
    st.sampled_from(["-", "--", "--json", "--as-of", "--help", "x" * 5000, "/dev/zero"]),
)
HOSTILE_NUMBERS = st.sampled_from(
    [0, -1, 10**30, -(10**30), 2**63, 1e308, -1e-308, 0.5, float("1e300")]
)
#: Durations at and past the engine's bounds, for a policy's readings (CalendarDays past year
#: 9998 and a BusinessHours of "1e-999999999" are also tested alone below).
EXTREME_DURATIONS = st.sampled_from(
    [
        {"type": "BusinessDays", "days": 10**9, "reading": "same_time"},
        {"type": "BusinessDays", "days": 3_650_000, "reading": "same_time"},
        {"type": "BusinessHours", "hours": 1e308},
        {"type": "BusinessHours", "hours": 87_000_000},
        {"type": "BusinessHours", "hours": "1e+999999999"},
        {"type": "BusinessHours", "hours": "1e-30"},
        {"type": "BusinessHours", "hours": "1/3"},
        {"type": "CalendarDays", "days": -1},
        {"type": "CalendarDays", "days": 100_000},
        {"type": "CalendarDays", "days": 2_900_000},
        {"type": "CalendarDays", "days": 3_000_000},
        {"type": "BusinessHours", "hours": "1e-999999999"},
        {"type": "BusinessHours", "hours": "-1e-999999999"},
    ]
)
#: A marker replaced by deeply nested brackets once the document is JSON text.
DEEP = "\x00deep\x00"
HOSTILE_VALUES: st.SearchStrategy[Any] = st.one_of(
    HOSTILE_TEXT,
    HOSTILE_NUMBERS,
    st.sampled_from([None, True, False, [], {}, [[[[]]]], {"type": "Replied"}]),
    st.just(DEEP),
    EXTREME_DURATIONS,
)


@st.composite
def mutated_documents(draw: st.DrawFn, base: dict[str, Any]) -> str:
    """``base`` as JSON text after a few mutations: a field dropped, retyped or made extreme."""
    doc = copy.deepcopy(base)
    depth = 0
    for _ in range(draw(st.integers(0, 3))):
        # Walk down to a random container, then drop or replace one of its entries.
        node: Any = doc
        while True:
            keys = list(node) if isinstance(node, dict) else list(range(len(node)))
            if not keys:
                break
            key = draw(st.sampled_from(keys))
            child = node[key]
            if isinstance(child, dict | list) and child and draw(st.booleans()):
                node = child
                continue
            if draw(st.booleans()):
                del node[key]
            else:
                node[key] = copy.deepcopy(draw(HOSTILE_VALUES))  # never the shared constant
            break
    text = json.dumps(doc, ensure_ascii=draw(st.booleans()), allow_nan=False)
    if json.dumps(DEEP) in text:
        depth = draw(st.sampled_from([50, 1_000, 100_000]))
        text = text.replace(json.dumps(DEEP), "[" * depth + "]" * depth, 1)
    return text


@st.composite
def command_lines(draw: st.DrawFn) -> tuple[list[str], str, str | None]:
    """A command line, the text on standard input, and the text of a --policy file (or None)."""
    command = draw(st.sampled_from(["assess", "report", "due", "calendar"]))
    stdin, policy = "", None
    if command in ("assess", "report"):
        argv = [command, "-", "--as-of", AS_OF]
        stdin = draw(mutated_documents(CASES))
    elif command == "due":
        channel = draw(st.sampled_from(["support", "sales", "personal", "phone", "complaint"]))
        argv = ["due", "--channel", channel, "--at", AS_OF]
    else:
        argv = ["calendar", "--year", draw(st.sampled_from(["2026", "1", "9998", "-5", "1e3"]))]
    if draw(st.booleans()):
        argv.append("--json")
    if draw(st.integers(0, 3)) == 0:
        policy = draw(mutated_documents(POLICY))
        argv += ["--policy", "POLICY"]
    # Mutate the command line itself: drop a word, or put hostile text in place of one.
    for _ in range(draw(st.integers(0, 2))):
        k = draw(st.integers(0, len(argv) - 1))
        if draw(st.booleans()):
            del argv[k]
        else:
            argv[k] = draw(HOSTILE_WORDS)
        if not argv:
            break
    return argv, stdin, policy


def _asks_for_help(word: str) -> bool:
    """Whether argparse takes ``word`` for --help (or -h), abbreviations included."""
    return word.startswith("-h") or (len(word) > 2 and "--help".startswith(word))


#: The most one example may take, loosely: far above the slowest seen, far below a hang.
EXAMPLE_SECONDS = 5.0


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(command_lines())
def test_hostile_command_lines_exit_0_or_2_in_one_line(
    case: tuple[list[str], str, str | None],
) -> None:
    argv, stdin, policy = case
    with tempfile.TemporaryDirectory() as folder:
        if policy is not None:
            path = pathlib.Path(folder, "policy.json")
            path.write_text(policy, "utf-8", errors="surrogatepass")
            argv = [str(path) if word == "POLICY" else word for word in argv]
        started = time.monotonic()
        status, out, err = run(*argv, stdin=stdin)
        elapsed = time.monotonic() - started
    assert elapsed < EXAMPLE_SECONDS, f"took {elapsed:.1f} s"
    command = argv[0] if argv and argv[0] in ("assess", "report", "due", "calendar") else "other"
    event(f"{command}: exit status {status}")
    if status == 0:
        assert err == ""
        # argparse prints --help on sys.stdout itself (tests/test_cli.py relies on it).
        assert out or any(_asks_for_help(word) for word in argv), argv
        assert_sane_output(out)
    else:
        assert_one_line_error(status, out, err)


@pytest.mark.parametrize("path", ["\ud800", "cases\x00.json"], ids=["surrogate", "nul"])
def test_a_file_name_no_system_can_open_is_one_line_of_error(path: str) -> None:
    status, out, err = run("assess", path, "--as-of", AS_OF)
    assert_one_line_error(status, out, err)
    assert err.startswith(f"expandit-policy: error: cannot read {path!r}: ")


# -- found by the fuzz test, in code this file does not own -------------------------------------


def _policy_file(tmp_path: pathlib.Path, duration: dict[str, Any]) -> str:
    policy = copy.deepcopy(POLICY)
    policy["readings"][0]["duration"] = duration  # MAIL-1
    return write(tmp_path, "policy.json", policy)


def test_a_calendar_days_reading_past_the_supported_years_is_one_line(
    tmp_path: pathlib.Path,
) -> None:
    policy = _policy_file(tmp_path, {"type": "CalendarDays", "days": 3_000_000})
    status, out, err = run("assess", str(SAMPLE), "--as-of", AS_OF, "--policy", policy)
    assert_one_line_error(status, out, err)


HANG_SCRIPT = """
import sys
from expandit_policy._cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_business_hours_reading_of_a_tiny_exponent_is_refused_quickly(
    tmp_path: pathlib.Path,
) -> None:
    policy = _policy_file(tmp_path, {"type": "BusinessHours", "hours": "1e-999999999"})
    argv = ["due", "--channel", "support", "--at", AS_OF, "--policy", policy]
    done = subprocess.run(
        [sys.executable, "-c", HANG_SCRIPT, *argv], capture_output=True, text=True, timeout=3
    )
    assert_one_line_error(done.returncode, done.stdout, done.stderr)
