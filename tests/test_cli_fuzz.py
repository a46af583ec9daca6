"""The command line over mutated documents: batches of cases drawn from the strategies (every
kind of event, party and channel) and policies, broken by tests/interchange/mutations.py, are
assessed and reported with exit status 0 and sane output, or refused with exit status 2 and one
line on standard error, never a traceback, within a time bound."""

from __future__ import annotations

import pathlib
import tempfile
import time

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from expandit_policy import EXPANDIT_POLICY, Case, Policy, dump_cases, to_json_dict
from tests.budget import share
from tests.interchange.mutations import as_text, mutations
from tests.test_cli_hostile import AS_OF, assert_one_line_error, assert_sane_output, run

#: The most one command may take, loosely: far above the slowest seen, far below a hang.
COMMAND_SECONDS = 10.0


@st.composite
def batches(draw: st.DrawFn) -> str:
    """A batch of cases as JSON text, mutated or (now and then) not."""
    cases = draw(st.lists(st.from_type(Case), min_size=1, max_size=3))
    document = dump_cases(cases)
    if draw(st.integers(0, 4)) > 0:
        document = draw(mutations(document))
    return as_text(document, ensure_ascii=draw(st.booleans()))


@st.composite
def policies(draw: st.DrawFn) -> str:
    """A policy as JSON text, mutated: ExpandIT's, or one drawn from the strategies."""
    policy = draw(st.one_of(st.just(EXPANDIT_POLICY), st.from_type(Policy)))
    return as_text(draw(mutations(to_json_dict(policy))))


@settings(
    max_examples=share(1.0, at_least=50),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    deadline=None,
)
@given(
    st.sampled_from(["assess", "report"]),
    batches(),
    st.none() | policies(),
    st.booleans(),
)
def test_a_mutated_document_exits_0_or_2_in_one_line(
    command: str, cases: str, policy: str | None, as_json: bool
) -> None:
    argv = [command, "-", "--as-of", AS_OF, *(["--json"] if as_json else [])]
    with tempfile.TemporaryDirectory() as folder:
        if policy is not None:
            path = pathlib.Path(folder, "policy.json")
            path.write_text(policy, "utf-8", errors="surrogatepass")
            argv += ["--policy", str(path)]
        started = time.monotonic()
        status, out, err = run(*argv, stdin=cases)
        elapsed = time.monotonic() - started
    assert elapsed < COMMAND_SECONDS, f"took {elapsed:.1f} s"
    event(f"{command}: exit status {status}")
    if status == 0:  # nothing on stderr but, at most, one warning (a request id given twice)
        assert err == "" or (err.startswith("expandit-policy: warning: ") and err.count("\n") == 1)
        assert out
        assert_sane_output(out)
    else:
        assert_one_line_error(status, out, err)
