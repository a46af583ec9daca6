"""The ``hypothesis`` entry point: Hypothesis calls :func:`register` when it is imported.

What it costs: Hypothesis loads every ``hypothesis`` entry point on *every* ``import hypothesis``
in an environment where this library is installed (unless ``HYPOTHESIS_NO_PLUGINS`` is set).
Loading this one imports this module and the package's ``__init__``, which loads its names only
when they are first used: neither imports the library's values, so ``import hypothesis`` stays
as fast in projects that never use the library.

Registering is lazy, in either import order. :func:`register` registers the public classes whose
modules are loaded so far, and notes that Hypothesis asked; the package calls :func:`loaded`
for each public name it loads afterwards, which registers the classes loaded by then. The strategies
themselves (:mod:`expandit_policy.strategies`) are imported only when ``st.from_type`` first asks
for one of the library's types.

Hypothesis does not guard entry points, and a registration may run inside the first use of a
public name: so registering never raises; if it goes wrong it emits a :class:`RuntimeWarning`
that names the problem, and ``st.from_type`` then does not know the library's types (importing
:mod:`expandit_policy.strategies` registers them again, and raises if that fails).

This module imports nothing but the standard library's ``warnings``.
"""

from __future__ import annotations

import warnings

TYPE_CHECKING = False  # not ``typing``'s, which the entry point would import for nothing
if TYPE_CHECKING:
    from typing import Any

__all__ = ["loaded", "public_classes", "register"]

#: Whether Hypothesis has asked, through the entry point.
_asked = False
#: The classes registered so far.
_done: set[type[Any]] = set()


def public_classes() -> list[type[Any]]:
    """The classes of the public surface that need a strategy: every one but the enums, which
    Hypothesis draws by itself.

    >>> from expandit_policy import BusinessCalendar, Channel
    >>> BusinessCalendar in public_classes(), Channel in public_classes()
    (True, False)
    """
    import expandit_policy

    found: list[type[Any]] = []
    for name in expandit_policy.__all__:
        value = getattr(expandit_policy, name)
        if _needs_strategy(value):
            found.append(value)
    return found


def _needs_strategy(value: object) -> bool:
    """Whether public value ``value`` is a class that needs a strategy (not an enum)."""
    import enum  # imported by the library's values anyway; not at import, for Hypothesis' sake

    return isinstance(value, type) and not issubclass(value, enum.Enum)


def _strategy_for(cls: type[Any]) -> Any:
    from . import strategies  # first use: import the strategies now, not at registration

    return strategies._for_type(cls)


def _register(classes: list[type[Any]]) -> None:
    """Register a strategy for each of ``classes`` not registered yet, letting any error
    through."""
    from hypothesis import strategies as st

    for cls in classes:
        if cls not in _done:
            st.register_type_strategy(cls, _strategy_for)
            _done.add(cls)


def _without_raising(register: Any, *args: Any) -> None:
    try:
        register(*args)
    except Exception as exc:  # any error at all must not break ``import hypothesis``
        warnings.warn(
            f"expandit_policy could not register its Hypothesis strategies "
            f"({type(exc).__name__}: {exc}); st.from_type will not know its types until "
            f"expandit_policy.strategies is imported",
            RuntimeWarning,
            stacklevel=3,
        )


def _register_loaded() -> None:
    """Register the public classes whose modules are loaded so far, importing nothing: those
    the package has handed out, and those a loaded module defines though nobody asked the
    package for them yet (a ``Mailbox`` inside a ``Replied``, the class of a preset's
    calendar)."""
    import sys

    import expandit_policy

    names = vars(expandit_policy)
    where: dict[str, str] = getattr(expandit_policy, "_WHERE", {})
    found: list[type[Any]] = []
    for name in expandit_policy.__all__:
        value = names.get(name)
        if value is None and name in where:
            module = sys.modules.get(f"expandit_policy{where[name]}")
            value = getattr(module, name, None) if module is not None else None
        if isinstance(value, type) and _needs_strategy(value):
            found.append(value)
    _register(found)


def register() -> None:
    """Register a strategy for every public class with ``st.register_type_strategy``: for the
    classes loaded already, now; for each other one, when the package first loads it. Nothing
    is imported for it, so that ``import hypothesis`` stays fast.

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
    global _asked
    _asked = True
    _without_raising(_register_loaded)


def loaded(value: object) -> None:
    """The package has loaded public value ``value``: if Hypothesis asked, register a strategy
    for every public class whose module is loaded now (``value``'s, and those its module
    imported). Called while the library may be importing itself, so it imports nothing of the
    library."""
    if _asked:
        _without_raising(_register_loaded)
