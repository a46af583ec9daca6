"""Print the deadlines a few requests start on the Danish default calendar.

Run it with ``python examples/deadlines.py``; the test suite runs it too.
"""

from __future__ import annotations

import pendulum

from expandit_policy import BusinessDays, BusinessHours, CalendarDays, Duration, format_due, presets

READINGS: dict[str, Duration] = {
    "MAIL-1 first reply (2 business hours)": BusinessHours(2),
    "MAIL-3 quote (2 working days)": BusinessDays(2),
    "MAIL-4 personal mail (1 working day)": BusinessDays(1),
    "CPL-1 acknowledge a complaint": BusinessDays(2, "close_of_day"),
    "CPL-2 answer a complaint (14 days)": CalendarDays(14),
}


def main() -> None:
    desk = presets.denmark()
    arrivals = [
        pendulum.datetime(2026, 3, 6, 15, 30, tz="Europe/Copenhagen"),  # Friday afternoon
        pendulum.datetime(2026, 4, 1, 23, 0, tz="Europe/Copenhagen"),  # the night before Easter
        pendulum.datetime(2026, 10, 24, 10, 0, tz="Europe/Copenhagen"),  # Saturday, DST ends
    ]
    for arrival in arrivals:
        print(f"received {arrival.format('ddd YYYY-MM-DD HH:mm Z')}")
        for label, duration in READINGS.items():
            due = desk.add(arrival, duration)
            # CPL-2's 14 days end at midnight: "24:00" of the 14th day, not 00:00 of the next.
            print(f"  {label:<40} due {format_due(due, style='offset')}")


if __name__ == "__main__":
    main()
