"""The ``hypothesis`` entry point: Hypothesis calls :func:`register` when it is imported.

What it costs: Hypothesis loads every ``hypothesis`` entry point on *every* ``import hypothesis``
in an environment where this library is installed (unless ``HYPOTHESIS_NO_PLUGINS`` is set).
Loading this one imports this module and the package's ``__init__``, which loads its names only
when they are first used: neither imports the library's values, so ``import hypothesis`` stays
as fast in projects that never use the library.

Registering is lazy, in either import order. :func:`register` only notes that Hypothesis asked;
the strategies are registered when the library's values are loaded (the package calls
:func:`loaded` when it loads a public name), or at once if they already are. The strategies
themselves (:mod:`expandit_policy.strategies`) are imported only when ``st.from_type`` first asks
for one of the library's types.

Hypothesis does not guard entry points, and a registration may run inside the first use of a
public name: so registering never raises; if it goes wrong it emits a :class:`RuntimeWarning`
that names the problem, and ``st.from_type`` then does not know the library's types (importing
:mod:`expandit_policy.strategies` registers them again, and raises if that fails).

This module imports nothing but the standard library's ``sys`` and ``warnings``.
"""

from __future__ import annotations

import sys
import warnings

TYPE_CHECKING = False  # not ``typing``'s, which the entry point would import for nothing
if TYPE_CHECKING:
    from typing import Any

__all__ = ["loaded", "public_classes", "register"]

#: Whether Hypothesis has asked (through the entry point), whether the library's values are
#: loaded, and whether the strategies are registered (or being registered).
_asked = False
_loaded = False
_done = False


def public_classes() -> list[type[Any]]:
    """The classes of the public surface that need a strategy: every one but the enums, which
    Hypothesis draws by itself.

    >>> from expandit_policy import BusinessCalendar, Channel
    >>> BusinessCalendar in public_classes(), Channel in public_classes()
    (True, False)
    """
    import enum
    import inspect

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


def _register_warning_on_failure() -> None:
    global _done
    if _done:
        return
    _done = True  # also while registering: loading the names it needs calls loaded() again
    try:
        _register_all()
    except Exception as exc:  # any error at all must not break ``import hypothesis``
        warnings.warn(
            f"expandit_policy could not register its Hypothesis strategies "
            f"({type(exc).__name__}: {exc}); st.from_type will not know its types until "
            f"expandit_policy.strategies is imported",
            RuntimeWarning,
            stacklevel=3,
        )


def register() -> None:
    """Register a strategy for every public class with ``st.register_type_strategy``: now if
    the library's values are loaded, else when they first are.

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
    global _asked, _done
    _asked, _done = True, False  # asked again (a test, a reload): register again
    if _loaded or _values_loaded():
        _register_warning_on_failure()


def loaded() -> None:
    """The package has loaded a public name: register the strategies if Hypothesis asked."""
    global _loaded
    _loaded = True
    if _asked and not _done:
        _register_warning_on_failure()


def _values_loaded() -> bool:
    """Whether the library's values were imported without the package's names (a module of
    the library imported by its path)."""
    return "expandit_policy._evaluation._results" in sys.modules
