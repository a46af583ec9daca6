"""The examples run, and the pages a newcomer follows work as written.

Every script in examples/ runs and says what is due. Every code block of README and the
quickstart page runs in the suite: Python blocks as doctests (pytest's ``--doctest-glob``), shell
commands here. The reference pages name every clause and every public name.
"""

from __future__ import annotations

import pathlib
import re
import runpy
import shlex
import subprocess
import sys

import pytest

import expandit_policy
from expandit_policy import CATALOGUE

ROOT = pathlib.Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))
NEWCOMER_PAGES = [ROOT / "README.md", ROOT / "docs" / "quickstart.md"]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_runs(path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(path), run_name="__main__")
    assert "due" in capsys.readouterr().out


def test_there_are_examples() -> None:
    assert {"quickstart.py", "crm_embedding.py", "deadlines.py"} <= {p.name for p in EXAMPLES}


def _blocks(page: pathlib.Path) -> list[tuple[str, str]]:
    return FENCE.findall(page.read_text(encoding="utf-8"))


def _shell_steps(page: pathlib.Path) -> list[str]:
    """Every step of every shell command on the page, split at ``&&``."""
    return [
        step.strip()
        for language, body in _blocks(page)
        if language == "sh"
        for line in body.splitlines()
        for step in line.split("&&")
    ]


# A step is one of these. Setting up the environment is what CI does from scratch (.ci/run runs
# README's check command in a fresh virtual environment); the library's command runs here.
SETUP = re.compile(r"^(python3 -m venv \.venv|\.venv/bin/pip install .*)$")
CHECKS = re.compile(r"^\.venv/bin/(coverage|mypy|ruff|sphinx-build)( .*)?$")
COMMAND = re.compile(r"^\.venv/bin/expandit-policy (.*)$")


@pytest.mark.parametrize("page", NEWCOMER_PAGES, ids=lambda p: p.name)
def test_every_shell_step_is_known(page: pathlib.Path) -> None:
    steps = _shell_steps(page)
    assert steps
    unknown = [s for s in steps if not (SETUP.match(s) or CHECKS.match(s) or COMMAND.match(s))]
    assert unknown == [], f"{page.name}: steps the tests do not run: {unknown}"


@pytest.mark.parametrize("page", NEWCOMER_PAGES, ids=lambda p: p.name)
def test_every_python_block_is_a_doctest(page: pathlib.Path) -> None:
    python = [body for language, body in _blocks(page) if language in ("python", "pycon", "")]
    assert python
    assert all(body.lstrip().startswith(">>>") for body in python)


COMMANDS = sorted(
    {m.group(1) for page in NEWCOMER_PAGES for s in _shell_steps(page) if (m := COMMAND.match(s))}
)


@pytest.mark.parametrize("arguments", COMMANDS)
def test_the_pages_commands_run(arguments: str) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "expandit_policy", *shlex.split(arguments)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "due" in run.stdout


def test_the_quickstart_installs_as_readme_does() -> None:
    [install] = [s for s in _shell_steps(ROOT / "docs" / "quickstart.md") if "pip install" in s]
    assert install == ".venv/bin/pip install ."


def test_the_clause_page_has_a_row_for_every_clause() -> None:
    text = (ROOT / "docs" / "clauses.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| ([A-Z]+-\d+) \|", text, re.MULTILINE)
    assert rows[: len(CATALOGUE)] == [c.id for c in CATALOGUE]


def test_the_api_reference_names_every_public_name() -> None:
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"expandit_policy\.(\w+)", text))
    assert [n for n in expandit_policy.__all__ if n not in documented] == []
