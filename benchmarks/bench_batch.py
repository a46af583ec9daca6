"""Peak memory and output size of the batch commands: a cases document read whole against JSON
Lines read one case at a time.

Each command runs in its own process (``python -m expandit_policy._cli``-style, through the
installed entry point's ``main``), and its peak resident memory is read from the operating
system when it ends (``os.wait4``), so one run cannot inflate the next. It prints, for each
command, the peak memory in MiB, the bytes written and the wall time, with the ratio of each to
the first row (``assess --json`` over the cases document, as it was done before JSON Lines).

``--before SRC`` adds the same commands run on another checkout's ``src`` (for a before and
after in one run).

Run: ``python benchmarks/make_cases.py 20000 /tmp/cases.jsonl``,
``python benchmarks/make_cases.py 20000 /tmp/cases.json``, then
``python benchmarks/bench_batch.py /tmp/cases.json /tmp/cases.jsonl``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

AS_OF = "2026-04-01T12:00:00+02:00"
_RUN = "import sys; from expandit_policy._cli import main; sys.exit(main(sys.argv[1:]))"


def measure(argv: list[str], src: str | None = None) -> tuple[float, int, float, int]:
    """Peak memory (MiB), bytes written, seconds and exit status of one command."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", _RUN, *argv], stdout=out, stderr=subprocess.DEVNULL, env=env
        )
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        size = out.seek(0, os.SEEK_END)
    return usage.ru_maxrss / 1024, size, seconds, child.returncode  # ru_maxrss is in KiB


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("document", help="a cases document (JSON)")
    parser.add_argument("lines", help="the same cases as JSON Lines")
    parser.add_argument("--before", metavar="SRC", help="another checkout's src to run too")
    args = parser.parse_args(argv)
    doc, lines = args.document, args.lines
    big = ["--max-input-size", "1G"]
    runs: list[tuple[str, list[str], str | None]] = []
    if args.before:
        runs += [
            (
                "before: assess document --json",
                ["assess", doc, "--as-of", AS_OF, "--json", *big],
                args.before,
            ),
            ("before: report document", ["report", doc, "--as-of", AS_OF, *big], args.before),
        ]
    runs += [
        ("assess document --json", ["assess", doc, "--as-of", AS_OF, "--json", *big], None),
        ("assess lines --json", ["assess", lines, "--as-of", AS_OF, "--json"], None),
        ("assess lines --json-lines", ["assess", lines, "--as-of", AS_OF, "--json-lines"], None),
        ("assess lines (text)", ["assess", lines, "--as-of", AS_OF], None),
        ("agenda lines --json-lines", ["agenda", lines, "--as-of", AS_OF, "--json-lines"], None),
        ("report lines", ["report", lines, "--as-of", AS_OF], None),
    ]
    print(f"{'command':<34} {'peak MiB':>9} {'ratio':>6} {'output bytes':>13} {'ratio':>6} {'seconds':>8}")  # fmt: skip
    base: tuple[float, int] | None = None
    for name, command, src in runs:
        peak, size, seconds, status = measure(command, src)
        if status != 0:
            print(f"{name}: exit status {status}")
            return 1
        base = base or (peak, max(size, 1))
        print(
            f"{name:<34} {peak:>9.1f} {peak / base[0]:>6.2f} {size:>13,} "
            f"{size / base[1]:>6.2f} {seconds:>8.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
