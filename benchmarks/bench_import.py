"""Benchmark the cost of importing the library, side by side with its own dependencies.

Each statement runs in a fresh ``python -c`` process; the runs of all statements are interleaved
(one of each in turn, repeated), so that a change in the machine's load touches every statement
alike, and with bytecode caches on, as an installed package has them (an unmeasured first round
writes them). It prints the median wall time of each and its ratio to the baseline it is compared with:

- ``import expandit_policy`` and ``from expandit_policy import assess, presets,
  EXPANDIT_POLICY`` against ``import pendulum, attrs`` (the library's names load when first
  used; the second statement loads the core, policy and calendars);
- ``import hypothesis`` with the library's entry point active against the same with every
  entry point off (``HYPOTHESIS_NO_PLUGINS=1``). The difference also holds Hypothesis' own scan
  of the installed distributions' entry points, which runs whenever plugins are on, so the
  entry point's own import is measured too: ``import expandit_policy._hypothesis_hook`` against
  ``python -c pass``.

Run: ``python benchmarks/bench_import.py [--quick] [--runs N]``.

Figures (2 shared cores under load; before: this script over the source before the names
loaded on first use, 10 rounds). ``import expandit_policy``: 34 ms against 204 ms for ``import
pendulum, attrs``, 0.17x (before 2.93x, 313 ms against 107 ms). ``from expandit_policy import
assess, presets, EXPANDIT_POLICY``: 2.49x (before 2.72x; the policy's Danish calendar resolves
workalendar's registry when it is built). The entry point's module: 0.97x of ``python -c pass``
(before 14.2x, +238 ms). ``import hypothesis`` with entry points on against off: +21 ms in this
run and -40 to -4 ms in two others, within the machine's noise (before +256 ms, 2.12x).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

#: (label, code, extra environment)
STATEMENTS: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("python -c pass", "pass", {}),
    ("import pendulum, attrs", "import pendulum, attrs", {}),
    ("import expandit_policy", "import expandit_policy", {}),
    (
        "from expandit_policy import assess, presets, EXPANDIT_POLICY",
        "from expandit_policy import assess, presets, EXPANDIT_POLICY",
        {},
    ),
    ("import expandit_policy._hypothesis_hook", "import expandit_policy._hypothesis_hook", {}),
    ("import hypothesis (no plugins)", "import hypothesis", {"HYPOTHESIS_NO_PLUGINS": "1"}),
    ("import hypothesis (entry points on)", "import hypothesis", {}),
)

#: (what, against): the ratios printed.
RATIOS: tuple[tuple[str, str], ...] = (
    ("import expandit_policy", "import pendulum, attrs"),
    ("from expandit_policy import assess, presets, EXPANDIT_POLICY", "import pendulum, attrs"),
    ("import hypothesis (entry points on)", "import hypothesis (no plugins)"),
    ("import expandit_policy._hypothesis_hook", "python -c pass"),
)


def _once(code: str, env: dict[str, str]) -> float:
    """The wall time of one ``python -c code``, in seconds."""
    # Bytecode caches on, as an installed package has them (a first round writes them).
    off = {"HYPOTHESIS_NO_PLUGINS", "PYTHONDONTWRITEBYTECODE"}
    full = {k: v for k, v in os.environ.items() if k not in off}
    full.update(env)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=full, check=True)
    return time.perf_counter() - start


def measure(runs: int) -> dict[str, float]:
    """The median wall time of each statement over ``runs`` interleaved rounds, in seconds."""
    times: dict[str, list[float]] = {label: [] for label, _, _ in STATEMENTS}
    for _, code, env in STATEMENTS:  # not measured: writes the bytecode caches
        _once(code, env)
    for _ in range(runs):
        for label, code, env in STATEMENTS:
            times[label].append(_once(code, env))
    return {label: statistics.median(values) for label, values in times.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="3 rounds, for a smoke test")
    parser.add_argument("--runs", type=int, default=15, help="rounds (default 15)")
    args = parser.parse_args(argv)
    runs = 3 if args.quick else max(1, args.runs)
    medians = measure(runs)
    print(f"import costs, median wall ms of {runs} fresh processes each (interleaved):")
    for label, seconds in medians.items():
        print(f"  {label:<62} {seconds * 1e3:8.1f}")
    print("\nratios:")
    for what, against in RATIOS:
        extra = (medians[what] - medians[against]) * 1e3
        print(
            f"  {what:<62} {medians[what] / medians[against]:5.2f}x  of {against} ({extra:+.1f} ms)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
