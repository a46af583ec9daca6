"""How the command line shows things: local times, spans of business time, tables that fit."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Sequence

import pendulum

from .._display import _WEEKDAYS, format_due

__all__ = ["UNSAFE", "Table", "local", "local_date", "printable", "span"]


#: The characters that must never reach a terminal raw: the controls (C0 such as ESC, BEL, CR
#: and LF; DEL; C1 such as CSI), which move the cursor, restyle, retitle or clear it; the
#: line and paragraph separators; the bidirectional overrides and isolates, which reorder what
#: is shown; and lone surrogates, which no encoding can write.
UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    return repr(match.group())[1:-1]


def printable(text: str) -> str:
    r"""``text`` safe to show on one line of a terminal: every character of :data:`UNSAFE`
    written as Python escapes it, ESC as ``\x1b`` and a newline as ``\n``.

    Ids and names reach tables and messages from case and policy files, which anyone may write;
    this keeps a file from rewriting the operator's terminal or faking lines of output.

    >>> print(printable("R-1\x1b[2J\nLate: nothing"))
    R-1\x1b[2J\nLate: nothing
    >>> printable("Åse Ølund")
    'Åse Ølund'
    """
    return UNSAFE.sub(_escape, text)


def local(when: _dt.datetime, zone: str, *, offset: bool = True, end: bool = False) -> str:
    """An instant in the local time of ``zone``: 'Mon 2026-03-09 09:30 +01:00'. When ``end`` (a
    deadline, the end of a span), local midnight reads as 24:00 of the day before, as a deadline
    at the end of a day is usually said (:func:`format_due`); otherwise as 00:00 of its own
    day. Without ``offset``, a time the change of clocks repeats still shows its offset, since
    its wall time alone names two instants."""
    t = pendulum.instance(when).in_timezone(zone)
    offset = offset or t.replace(fold=1 - t.fold).utcoffset() != t.utcoffset()
    if end:
        return format_due(t, style="offset" if offset else "date")
    tail = " " + t.format("Z") if offset else ""
    return local_date(t.date()) + t.format(" HH:mm") + tail


def local_date(day: _dt.date) -> str:
    """A date with its weekday: 'Thu 2026-01-01'; the year in four digits, '0002' too."""
    return f"{_WEEKDAYS[day.weekday()]} {day.isoformat()}"  # not %a, which follows the locale


def span(td: _dt.timedelta | None) -> str:
    """A span of business time in hours and minutes, '26h05m'; '-' when there is none."""
    if td is None:
        return "-"
    minutes = abs(td) // _dt.timedelta(minutes=1)
    sign = "-" if td < _dt.timedelta(0) else ""
    return f"{sign}{minutes // 60}h{minutes % 60:02d}m"


class Table:
    """Rows of text in aligned columns; numbers right-aligned, long cells cut to their width, and
    every cell :func:`printable`."""

    def __init__(self, headers: Sequence[str], *, right: Sequence[int] = (), limits: Sequence[int | None] = ()) -> None:  # fmt: skip
        self.headers = list(headers)
        self.right = set(right)
        self.limits = list(limits) + [None] * (len(headers) - len(limits))
        self.rows: list[list[str]] = []

    def add(self, *cells: str) -> None:
        """Add a row (one cell per header)."""
        row = []
        for cell, limit in zip(cells, self.limits, strict=True):
            cell = printable(cell)
            row.append(cell if limit is None or len(cell) <= limit else cell[: limit - 1] + "~")
        self.rows.append(row)

    def lines(self, indent: str = "  ") -> list[str]:
        """The table as lines of text, headers first."""
        widths = [max(len(r[k]) for r in [self.headers, *self.rows]) for k in range(len(self.headers))]  # fmt: skip
        out = []
        for row in [self.headers, *self.rows]:
            cells = [
                cell.rjust(w) if k in self.right else cell.ljust(w)
                for k, (cell, w) in enumerate(zip(row, widths, strict=True))
            ]
            out.append((indent + "  ".join(cells)).rstrip())
        return out
