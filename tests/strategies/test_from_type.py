"""st.from_type resolves every public type through the registered strategies, and every value
drawn passes its own validators."""

from __future__ import annotations

import enum
import inspect
import os
import subprocess
import sys
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import expandit_policy
from expandit_policy import (
    Calendar,
    CaseEvent,
    Duration,
    HolidaySource,
    Party,
    PolicyError,
    _hypothesis_hook,
    strategies,
)

PUBLIC_CLASSES = [
    getattr(expandit_policy, name)
    for name in expandit_policy.__all__
    if inspect.isclass(getattr(expandit_policy, name))
]
# Assessing builds fresh calendars, the slowest thing the library does; a few examples suffice.
SLOW = {
    expandit_policy.AgendaItem,
    expandit_policy.Assessment,
    expandit_policy.ClauseResult,
    expandit_policy.Report,
    expandit_policy.ReportRow,
    expandit_policy.PolicyHistory,
}


def _revalidated(value: Any) -> Any:
    """The value built again through its class's __init__: every validator and post-init check
    runs on it a second time."""
    if attrs.has(type(value)):
        attrs.validate(value)
        return attrs.evolve(value)
    return value


def test_every_public_class_but_the_enums_has_a_registered_strategy() -> None:
    classes = _hypothesis_hook.public_classes()
    assert classes, "the public surface has classes"
    missing = [c.__name__ for c in classes if strategies._for_type(c) is NotImplemented]
    assert missing == []
    enums = [c for c in PUBLIC_CLASSES if issubclass(c, enum.Enum)]
    assert set(PUBLIC_CLASSES) == set(classes) | set(enums)


@pytest.mark.parametrize("cls", PUBLIC_CLASSES, ids=lambda c: c.__name__)
def test_from_type_draws_valid_instances_of_every_public_class(cls: type[Any]) -> None:
    @settings(
        max_examples=3 if cls in SLOW else 15,
        suppress_health_check=[HealthCheck.too_slow],
        deadline=None,
    )
    @given(st.from_type(cls))
    def draws(value: Any) -> None:
        if cls is HolidaySource:  # a protocol: anything with holidays(year)
            assert callable(value.holidays)
            assert all(hasattr(d, "year") for d, _ in value.holidays(2026))
            return
        assert isinstance(value, cls)
        rebuilt = _revalidated(value)
        if isinstance(value, PolicyError):
            assert str(value)
        else:
            assert rebuilt == value

    draws()


@pytest.mark.parametrize(
    "alias",
    [Party, Duration, CaseEvent, Calendar],
    ids=["Party", "Duration", "CaseEvent", "Calendar"],
)
def test_from_type_resolves_the_public_unions(alias: Any) -> None:
    members = set(alias.__args__)

    @settings(max_examples=15, deadline=None)
    @given(st.from_type(alias))
    def draws(value: Any) -> None:
        assert type(value) in members
        assert _revalidated(value) == value

    draws()


_BOTH_ORDERS = """
import sys
{first}
{second}
from hypothesis import given, settings, strategies as st
assert "expandit_policy.strategies" not in sys.modules, "registration imported the strategies"

@settings(max_examples=5, database=None)
@given(st.from_type(expandit_policy.BusinessCalendar), st.from_type(expandit_policy.Case))
def draws(calendar, case):
    assert isinstance(calendar, expandit_policy.BusinessCalendar)
    assert isinstance(case, expandit_policy.Case)

draws()
assert "expandit_policy.strategies" in sys.modules  # imported on first use
print("ok")
"""


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("import expandit_policy", "import hypothesis"),
        ("import hypothesis", "import expandit_policy"),
    ],
    ids=["library-first", "hypothesis-first"],
)
def test_from_type_works_in_either_import_order_without_importing_the_strategies(
    first: str, second: str
) -> None:
    code = _BOTH_ORDERS.format(first=first, second=second)
    out = subprocess.run(
        [sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_importing_the_strategies_registers_them_even_without_entry_points() -> None:
    code = (
        "import expandit_policy\n"
        "from hypothesis import find, strategies as st\n"
        "from expandit_policy import strategies\n"
        "print(find(st.from_type(expandit_policy.Policy), lambda p: True).version)\n"
    )
    out = subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "HYPOTHESIS_NO_PLUGINS": "1"},
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == expandit_policy.EXPANDIT_POLICY.version


# -- the entry point never breaks ``import hypothesis`` -----------------------------------------


def test_a_failing_registration_warns_instead_of_raising(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise TypeError("this Hypothesis refuses the registration")

    monkeypatch.setattr(st, "register_type_strategy", refuse)
    monkeypatch.setattr(_hypothesis_hook, "_done", set())  # as if nothing were registered yet
    with pytest.warns(RuntimeWarning, match="TypeError: this Hypothesis refuses the registration"):
        _hypothesis_hook.register()


def test_registration_that_cannot_import_the_library_warns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "expandit_policy", None)  # ``import`` now raises ImportError
    with pytest.warns(RuntimeWarning, match="could not register its Hypothesis strategies"):
        _hypothesis_hook.register()


def test_importing_the_strategies_still_raises_when_registration_fails() -> None:
    code = (
        "from hypothesis import strategies as st\n"
        "def refuse(*args):\n"
        "    raise TypeError('refused')\n"
        "st.register_type_strategy = refuse\n"
        "try:\n"
        "    import expandit_policy.strategies\n"
        "except TypeError as exc:\n"
        "    print(exc)\n"
    )
    out = subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "HYPOTHESIS_NO_PLUGINS": "1"},
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "refused"
