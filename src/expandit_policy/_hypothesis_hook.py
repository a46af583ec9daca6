"""The ``hypothesis`` entry point: Hypothesis calls :func:`register` when it is imported.

Nothing here imports Hypothesis or :mod:`expandit_policy.strategies` until then, and the
strategies themselves are imported only when ``st.from_type`` first asks for one of the types,
so installing the library costs a Hypothesis user nothing until they use it.
"""

from __future__ import annotations

import enum
import inspect
from typing import Any

import expandit_policy

__all__ = ["public_classes", "register"]


def public_classes() -> list[type[Any]]:
    """The classes of the public surface that need a strategy: every one but the enums, which
    Hypothesis draws by itself.

    >>> from expandit_policy import BusinessCalendar, Channel
    >>> BusinessCalendar in public_classes(), Channel in public_classes()
    (True, False)
    """
    found = []
    for name in expandit_policy.__all__:
        value = getattr(expandit_policy, name)
        if inspect.isclass(value) and not issubclass(value, enum.Enum):
            found.append(value)
    return found


def _strategy_for(cls: type[Any]) -> Any:
    from . import strategies  # first use: import the strategies now, not at registration

    return strategies._for_type(cls)


def register() -> None:
    """Register a strategy for every public class with ``st.register_type_strategy``.

    Hypothesis runs this through the ``hypothesis`` entry point group; calling it again is
    harmless.

    >>> import expandit_policy
    >>> from hypothesis import given, settings, strategies as st
    >>> register()
    >>> @settings(max_examples=5)
    ... @given(st.from_type(expandit_policy.WorkingHours))
    ... def test_from_type_draws_working_hours(hours):
    ...     assert isinstance(hours, expandit_policy.WorkingHours)
    >>> test_from_type_draws_working_hours()
    """
    from hypothesis import strategies as st

    for cls in public_classes():
        st.register_type_strategy(cls, _strategy_for)
