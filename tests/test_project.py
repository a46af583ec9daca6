"""The project's promises about itself: README's commands and CI run the same checks."""

from __future__ import annotations

import pathlib
import re
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)


def test_readme_gives_two_single_line_commands() -> None:
    commands = _readme_commands()
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    assert "expandit-policy due" in commands[0]


def test_ci_runs_exactly_readmes_check_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _readme_commands()[1] in ci.splitlines()


def test_changelog_has_an_unreleased_section() -> None:
    assert "## [Unreleased]" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_ci_fails_when_readmes_check_command_fails(tmp_path: pathlib.Path) -> None:
    # Under ``set -e`` a failure inside an ``&&`` chain stops only the chain: the script must
    # test the chain's status itself, or a failing test suite would be reported as a pass.
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    (tmp_path / ".ci").mkdir()
    script = tmp_path / ".ci" / "run"
    for stand_in, status in (("true", 0), ("false && true", 1), ("(exit 5) && true", 1)):
        script.write_text(ci.replace(_readme_commands()[1], stand_in), encoding="utf-8")
        run = subprocess.run(["bash", str(script)], capture_output=True, text=True, check=False)
        assert run.returncode == status, (stand_in, run.stdout, run.stderr)
        assert ("every check passed" in run.stdout) == (status == 0)
