"""Example counts for property tests that are costlier than most, as a share of the profile.

A test that sets ``max_examples`` to a fixed number ignores the loaded profile, so a long run
would not look any deeper into it. ``share(0.5)`` instead gives half of the profile's examples
(``dev`` 30, ``ci`` 50, ``long`` 500), and never fewer than ``at_least``.
"""

from __future__ import annotations

from hypothesis import settings


def share(fraction: float, *, at_least: int = 10) -> int:
    """``fraction`` of the loaded profile's ``max_examples``, at least ``at_least``.

    >>> share(1.0) == settings().max_examples
    True
    """
    return max(at_least, round(settings().max_examples * fraction))
