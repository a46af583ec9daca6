"""The Hypothesis entry point registers lazily, in either import order: ``st.from_type`` knows
the library's types whether a name was loaded before or after ``import hypothesis``, and
registering imports none of the library's values by itself."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

_DRAW = """
from hypothesis import given, settings, strategies as st

@settings(max_examples=3, database=None)
@given(st.from_type({name}))
def draws(value):
    assert isinstance(value, {name})

draws()
print("ok")
"""


def _run(code: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "HYPOTHESIS_NO_PLUGINS"}
    return subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


@pytest.mark.parametrize(
    "before",
    [
        "from expandit_policy import Assessment\nimport hypothesis",
        "import hypothesis\nfrom expandit_policy import Assessment",
        "import expandit_policy\nimport hypothesis\nfrom expandit_policy import Assessment",
        "import hypothesis\nimport expandit_policy\nAssessment = expandit_policy.Assessment",
    ],
    ids=["name-then-hypothesis", "hypothesis-then-name", "package-hypothesis-name", "attribute"],
)
def test_from_type_knows_a_public_class_in_every_import_order(before: str) -> None:
    out = _run(before + "\n" + _DRAW.format(name="Assessment"))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


@pytest.mark.parametrize("hypothesis_first", [True, False])
@pytest.mark.parametrize(
    ("reach", "name"),
    [
        ("from expandit_policy import presets\nCls = type(presets.denmark())", "Cls"),
        ("import typing\nfrom expandit_policy import Replied\n"
         "Cls = typing.get_type_hints(Replied)['from_mailbox']", "Cls"),
    ],
    ids=["class-of-a-preset", "class-of-a-field"],
)  # fmt: skip
def test_from_type_knows_a_public_class_reached_other_than_by_its_name(
    reach: str, name: str, hypothesis_first: bool
) -> None:
    # A BusinessCalendar from a preset, a Mailbox from Replied's fields: never asked of the
    # package by name, yet their strategies are the library's (a Mailbox with an address).
    before = "import hypothesis\n" + reach if hypothesis_first else reach + "\nimport hypothesis"
    out = _run(before + "\n" + _DRAW.format(name=name))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_import_hypothesis_loads_none_of_the_library_values() -> None:
    code = (
        "import sys, hypothesis\n"
        "assert 'expandit_policy._hypothesis_hook' in sys.modules, 'the entry point did not run'\n"
        "print(sorted(m for m in sys.modules if m.startswith('expandit_policy')))\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('workalendar', 'cattrs')))\n"
    )
    out = _run(code)
    assert out.returncode == 0, out.stderr
    ours, deps = out.stdout.strip().splitlines()
    assert (
        ours
        == "['expandit_policy', 'expandit_policy._hypothesis_hook', 'expandit_policy._version']"
    )
    assert deps == "[]"


def test_the_entry_point_and_the_strategies_do_not_import_each_other_at_import() -> None:
    import ast
    import pathlib

    import expandit_policy

    src = pathlib.Path(expandit_policy.__file__).parent
    strategies = ast.parse((src / "strategies.py").read_text(encoding="utf-8"))
    imported = {
        alias.name
        for node in ast.walk(strategies)
        if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module is None
        for alias in node.names
    }
    assert "_hypothesis_hook" not in imported


def test_registering_twice_is_harmless() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from expandit_policy import Money, _hypothesis_hook

    _hypothesis_hook.register()
    _hypothesis_hook.register()

    @settings(max_examples=3, database=None)
    @given(st.from_type(Money))
    def draws(value: Money) -> None:
        assert isinstance(value, Money)

    draws()
