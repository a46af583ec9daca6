"""The built wheel, installed in a fresh virtual environment, announces its ``hypothesis`` entry
point, and Hypothesis finds it: st.from_type works without importing the strategies."""

from __future__ import annotations

import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]

CHECK = """
import importlib.metadata, sys
import expandit_policy
assert "hypothesis" not in sys.modules, "importing the library imported hypothesis"
hooks = [e.value for e in importlib.metadata.entry_points(group="hypothesis")]
assert hooks == ["expandit_policy._hypothesis_hook:register"], hooks
from hypothesis import given, settings, strategies as st

@settings(max_examples=5, database=None)
@given(st.from_type(expandit_policy.BusinessCalendar))
def draws(calendar):
    assert isinstance(calendar, expandit_policy.BusinessCalendar)
    assert calendar.is_open(calendar.next_open(calendar.zone.datetime(2026, 3, 2)))

draws()
print(expandit_policy.__file__)
"""


def _run(*args: str | pathlib.Path, cwd: pathlib.Path) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{args}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_the_installed_wheel_registers_its_strategies_with_hypothesis(
    tmp_path: pathlib.Path,
) -> None:
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", dist, ROOT, cwd=tmp_path)
    [wheel] = dist.glob("expandit_policy-*.whl")
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    _run(python, "-m", "pip", "install", "-q", wheel, "hypothesis", cwd=tmp_path)
    # Run from the temporary directory, so that the source tree cannot be imported instead.
    where = _run(python, "-W", "error", "-c", CHECK, cwd=tmp_path)
    assert pathlib.Path(where.strip()).is_relative_to(venv)
