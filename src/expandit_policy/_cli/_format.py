"""How the command line shows things: local times, spans of business time, tables that fit."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

import pendulum

__all__ = ["Table", "local", "local_date", "span"]


def local(when: _dt.datetime, zone: str, *, offset: bool = True, end: bool = False) -> str:
    """An instant in the local time of ``zone``: 'Mon 2026-03-09 09:30 +01:00'. When ``end`` (a
    deadline, the end of a span), local midnight reads as 24:00 of the day before, as a deadline
    at the end of a day is usually said; otherwise as 00:00 of its own day."""
    t = pendulum.instance(when).in_timezone(zone)
    tail = " " + t.format("Z") if offset else ""
    if end and (t.hour, t.minute, t.second, t.microsecond) == (0, 0, 0, 0):
        return local_date(t.date() - _dt.timedelta(days=1)) + " 24:00" + tail
    return local_date(t.date()) + t.format(" HH:mm") + tail


def local_date(day: _dt.date) -> str:
    """A date with its weekday: 'Thu 2026-01-01'; the year in four digits, '0002' too."""
    return f"{day.strftime('%a')} {day.isoformat()}"


def span(td: _dt.timedelta | None) -> str:
    """A span of business time in hours and minutes, '26h05m'; '-' when there is none."""
    if td is None:
        return "-"
    minutes = abs(td) // _dt.timedelta(minutes=1)
    sign = "-" if td < _dt.timedelta(0) else ""
    return f"{sign}{minutes // 60}h{minutes % 60:02d}m"


class Table:
    """Rows of text in aligned columns; numbers right-aligned, long cells cut to their width."""

    def __init__(self, headers: Sequence[str], *, right: Sequence[int] = (), limits: Sequence[int | None] = ()) -> None:  # fmt: skip
        self.headers = list(headers)
        self.right = set(right)
        self.limits = list(limits) + [None] * (len(headers) - len(limits))
        self.rows: list[list[str]] = []

    def add(self, *cells: str) -> None:
        """Add a row (one cell per header)."""
        row = []
        for cell, limit in zip(cells, self.limits, strict=True):
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
