"""The ``hypothesis`` entry point: Hypothesis calls :func:`register` when it is imported.

What it costs: Hypothesis loads every ``hypothesis`` entry point on *every* ``import hypothesis``
in an environment where this library is installed (unless ``HYPOTHESIS_NO_PLUGINS`` is set), and
loading this one imports the :mod:`expandit_policy` package, since this module lives inside it.
That adds the import time of the package itself (a few tenths of a second) to ``import
hypothesis``, even in projects that never use the library. The strategies
(:mod:`expandit_policy.strategies`) are not imported then: only when ``st.from_type`` first asks
for one of the library's types.

Hypothesis does not guard entry points: an exception from :func:`register` would make
``import hypothesis`` itself fail. So :func:`register` never raises; if registering goes wrong
it emits a :class:`RuntimeWarning` that names the problem, and ``st.from_type`` then does not
know the library's types (importing :mod:`expandit_policy.strategies` registers them again, and
raises if that fails).
"""

from __future__ import annotations

import enum
import inspect
import warnings
from typing import Any

__all__ = ["public_classes", "register"]


def public_classes() -> list[type[Any]]:
    """The classes of the public surface that need a strategy: every one but the enums, which
    Hypothesis draws by itself.

    >>> from expandit_policy import BusinessCalendar, Channel
    >>> BusinessCalendar in public_classes(), Channel in public_classes()
    (True, False)
    """
    import expandit_policy

    found = []
    for name in expandit_policy.__all__:
        value = getattr(expandit_policy, name)
        if inspect.isclass(value) and not issubclass(value, enum.Enum):
            found.append(value)
    return found


def _strategy_for(cls: type[Any]) -> Any:
    from . import strategies  # first use: import the strategies now, not at registration

    return strategies._for_type(cls)


def _register_all() -> None:
    """Register a strategy for every public class, letting any error through."""
    from hypothesis import strategies as st

    for cls in public_classes():
        st.register_type_strategy(cls, _strategy_for)


def register() -> None:
    """Register a strategy for every public class with ``st.register_type_strategy``.

    Hypothesis runs this through the ``hypothesis`` entry point group; calling it again is
    harmless. It never raises (an error here would break ``import hypothesis`` for every project
    in the environment): a failure becomes a :class:`RuntimeWarning`.

    >>> import expandit_policy
    >>> from hypothesis import given, settings, strategies as st
    >>> register()
    >>> @settings(max_examples=5)
    ... @given(st.from_type(expandit_policy.WorkingHours))
    ... def test_from_type_draws_working_hours(hours):
    ...     assert isinstance(hours, expandit_policy.WorkingHours)
    >>> test_from_type_draws_working_hours()
    """
    try:
        _register_all()
    except Exception as exc:  # any error at all must not break ``import hypothesis``
        warnings.warn(
            f"expandit_policy could not register its Hypothesis strategies "
            f"({type(exc).__name__}: {exc}); st.from_type will not know its types until "
            f"expandit_policy.strategies is imported",
            RuntimeWarning,
            stacklevel=2,
        )
