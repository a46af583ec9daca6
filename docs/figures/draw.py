"""Draw the documentation's figures as SVG files, from the library's own answers.

Every instant in the pictures (a due instant, a warning threshold, an open span, a holiday) is
computed by ``expandit_policy`` when the figures are drawn, so a figure cannot say something the
library does not. Run ``python docs/figures/draw.py`` to write them beside this file; the test
suite checks that the committed files are what this script draws:

>>> stale()
[]
"""

from __future__ import annotations

import datetime as dt
import html
import pathlib
from collections.abc import Callable, Iterable, Sequence

import pendulum

from expandit_policy import (
    EXPANDIT_POLICY,
    BusinessCalendar,
    BusinessDays,
    BusinessHours,
    CalendarDays,
    Case,
    CaseEvent,
    Channel,
    ClauseState,
    Contact,
    EndCustomer,
    InformationReceived,
    InformationRequested,
    Mailbox,
    MessageReceived,
    Replied,
    Request,
    RequestKind,
    WarningLevel,
    assess,
    presets,
)

HERE = pathlib.Path(__file__).resolve().parent
ZONE = "Europe/Copenhagen"
WIDTH = 760
FONT = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif"

# One meaning, one colour, in every figure.
OPEN = "#cfe8d5"
OPEN_EDGE = "#7fb48c"
CLOSED = "#f3f3f3"
HOLIDAY = "#f6d5d0"
INK = "#222222"
MUTED = "#6b6b6b"
RECEIVED = "#1f5fbf"
DUE = "#c2410c"
MET = "#15803d"
FIRST = "#fde7b0"
SECOND = "#f9c47a"
BREACHED = "#f4b4a8"
PAUSED = "#d9d9d9"


def _at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> pendulum.DateTime:
    return pendulum.datetime(year, month, day, hour, minute, tz=ZONE)


def _n(x: float) -> str:
    """A coordinate, short and stable: at most one decimal."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


class Svg:
    """A small SVG writer: shapes and text, in drawing order."""

    def __init__(self, height: int, title: str, desc: str) -> None:
        self.height = height
        self.parts = [
            f"<title>{html.escape(title)}</title>",
            f"<desc>{html.escape(desc)}</desc>",
            f'<rect width="{WIDTH}" height="{height}" rx="6" fill="#ffffff"/>',
        ]

    def rect(self, x: float, y: float, w: float, h: float, fill: str, **extra: str) -> None:
        attrs = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in extra.items())
        self.parts.append(
            f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" fill="{fill}"{attrs}/>'
        )

    def line(
        self,
        x1: float,
        y1: float,
        x2: float,
        y2: float,
        stroke: str,
        width: float = 1,
        dash: str = "",
    ) -> None:
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        self.parts.append(
            f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="{stroke}" '
            f'stroke-width="{_n(width)}"{dashed}/>'
        )

    def text(
        self,
        x: float,
        y: float,
        words: str,
        *,
        anchor: str = "middle",
        size: int = 12,
        fill: str = INK,
        weight: str = "normal",
    ) -> None:
        bold = ' font-weight="bold"' if weight == "bold" else ""
        self.parts.append(
            f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" font-size="{size}" '
            f'fill="{fill}"{bold}>{html.escape(words)}</text>'
        )

    def dot(self, x: float, y: float, fill: str, r: float = 4) -> None:
        self.parts.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" fill="{fill}"/>')

    def arrow(self, x1: float, x2: float, y: float, stroke: str, dash: str = "") -> None:
        """A horizontal arrow from x1 to x2 with its head at x2."""
        self.line(x1, y, x2, y, stroke, 1.5, dash)
        d = -6 if x2 > x1 else 6
        self.parts.append(
            f'<path d="M{_n(x2)},{_n(y)} l{d},-4 v8 z" fill="{stroke}" stroke="none"/>'
        )

    def bracket(self, x1: float, x2: float, y: float, label: str, colour: str = INK) -> None:
        """A bracket under a span, labelled below."""
        self.parts.append(
            f'<path d="M{_n(x1)},{_n(y - 5)} v5 H{_n(x2)} v-5" fill="none" stroke="{colour}"/>'
        )
        self.text((x1 + x2) / 2, y + 15, label, fill=colour)

    def render(self) -> str:
        body = "\n".join(f"  {p}" for p in self.parts)
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {self.height}" '
            f'width="{WIDTH}" height="{self.height}" font-family="{FONT}" role="img">\n'
            f"{body}\n</svg>\n"
        )


def _linear(
    start: dt.datetime, end: dt.datetime, x0: float, x1: float
) -> Callable[[dt.datetime], float]:
    """Instants to x coordinates, linearly."""
    span = (end - start).total_seconds()

    def x(t: dt.datetime) -> float:
        return x0 + (x1 - x0) * (t - start).total_seconds() / span

    return x


def _clock(t: dt.datetime) -> str:
    return pendulum.instance(t).in_timezone(ZONE).format("HH:mm")


def _end_of_day(t: dt.datetime) -> str:
    """A day-level deadline as the policy says it: local midnight reads as 24:00 of the day."""
    local = pendulum.instance(t).in_timezone(ZONE)
    if local.format("HH:mm") == "00:00":
        return local.subtract(days=1).format("dddd D MMMM") + ", 24:00"
    return local.format("dddd D MMMM, HH:mm")


# -- MAIL-1 over a weekend --------------------------------------------------------------------


def business_hours() -> str:
    """MAIL-1: 2 business hours from a Friday afternoon mail, the closed weekend skipped."""
    desk = presets.denmark()
    received = _at(2026, 3, 6, 15, 30)
    due = desk.add(received, BusinessHours(2))
    friday = (_at(2026, 3, 6, 12), desk.next_close(received))
    monday = (desk.next_open(friday[1]), _at(2026, 3, 9, 12))
    assert due == _at(2026, 3, 9, 9, 30)
    closed_hours = (monday[0] - friday[1]).total_seconds() / 3600
    # Open time at 60 px an hour; the closed stretch drawn short, with a break.
    fx = _linear(*friday, 70, 310)
    mx = _linear(*monday, 450, 690)

    def x(t: dt.datetime) -> float:
        return fx(t) if t <= friday[1] else mx(t)

    svg = Svg(
        214,
        "MAIL-1: two business hours from a Friday afternoon",
        "A mail received on Friday 6 March 2026 at 15:30 on the Danish desk (open 08:00-16:00) "
        "is due on Monday 9 March at 09:30: 30 minutes on Friday and 1 hour 30 minutes on "
        "Monday; the closed evening, weekend and night are not counted.",
    )
    top, bottom = 56, 96
    svg.rect(70, top, 240, bottom - top, OPEN, stroke=OPEN_EDGE)
    svg.rect(450, top, 240, bottom - top, OPEN, stroke=OPEN_EDGE)
    svg.rect(310, top, 140, bottom - top, CLOSED, stroke="#cccccc")
    for bx in (326, 332, 428, 434):  # the axis breaks
        svg.line(bx - 5, bottom + 6, bx + 5, top - 6, MUTED)
    svg.text(380, top + 17, f"closed {closed_hours:.0f} h", fill=MUTED)
    svg.text(380, top + 32, "not counted", fill=MUTED, size=11)
    for hour in range(12, 17):
        t = _at(2026, 3, 6, hour)
        svg.line(x(t), bottom, x(t), bottom + 5, MUTED)
        svg.text(x(t), bottom + 18, f"{hour:02d}:00", size=11, fill=MUTED)
    for hour in range(8, 13):
        t = _at(2026, 3, 9, hour)
        svg.line(x(t), bottom, x(t), bottom + 5, MUTED)
        svg.text(x(t), bottom + 18, f"{hour:02d}:00", size=11, fill=MUTED)
    svg.text(190, bottom + 36, "Friday 6 March", weight="bold")
    svg.text(570, bottom + 36, "Monday 9 March", weight="bold")
    svg.line(x(received), top - 14, x(received), bottom, RECEIVED, 2)
    svg.text(x(received), top - 20, f"mail received {_clock(received)}", fill=RECEIVED)
    svg.line(x(due), top - 14, x(due), bottom, DUE, 2)
    svg.text(x(due), top - 20, f"MAIL-1 due {_clock(due)}", fill=DUE)
    first = desk.between(received, friday[1])
    second = desk.between(monday[0], due)
    svg.bracket(x(received), x(friday[1]), bottom + 52, _minutes(first))
    svg.bracket(x(monday[0]), x(due), bottom + 52, _minutes(second))
    total = desk.between(received, due)
    svg.text(
        380,
        bottom + 108,
        f"{_minutes(first)} + {_minutes(second)} = {_minutes(total)} of business time",
        weight="bold",
    )
    return svg.render()


def _minutes(td: dt.timedelta) -> str:
    minutes = round(td.total_seconds() / 60)
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" if not rest else f"{hours} h {rest} min"


# -- working days: same time of day, or the close of the day ----------------------------------


def day_readings() -> str:
    """MAIL-3, MAIL-4 and TEL-3, CPL-1: working days counted from a Friday afternoon."""
    desk = presets.denmark()
    received = _at(2026, 3, 6, 15, 30)
    days = [dt.date(2026, 3, 6) + dt.timedelta(days=k) for k in range(6)]
    left, col = 236, 86.0
    first_midnight = _at(2026, 3, 6)
    x = _linear(first_midnight, first_midnight.add(days=6), left, left + 6 * col)
    rows: Sequence[tuple[str, str, BusinessDays]] = (
        ("MAIL-4, TEL-3", "BusinessDays(1)", BusinessDays(1)),
        ("MAIL-3", "BusinessDays(2)", BusinessDays(2)),
        ("CPL-1", 'BusinessDays(2, "close_of_day")', BusinessDays(2, "close_of_day")),
    )
    svg = Svg(
        276,
        "Working days from a Friday afternoon",
        "A request received on Friday 6 March 2026 at 15:30. One working day at the same time "
        "of day ends on Monday at 15:30, two on Tuesday at 15:30; for CPL-1 the day of receipt "
        "does not count and the deadline is the close of the second working day after it, "
        "Tuesday at 16:00.",
    )
    head, band = 26, 36
    for k, day in enumerate(days):
        cx = left + (k + 0.5) * col
        working = desk.is_working_day(day)
        svg.text(cx, head, pendulum.date(day.year, day.month, day.day).format("ddd D MMM"),
                 weight="bold" if working else "normal", fill=INK if working else MUTED)  # fmt: skip
        svg.line(left + k * col, band, left + k * col, 238, "#dddddd")
        if not working:
            svg.rect(left + k * col, band, col, 200, CLOSED)
    svg.line(left + 6 * col, band, left + 6 * col, 238, "#dddddd")
    for start, end in desk.open_spans(first_midnight, first_midnight.add(days=6)):
        svg.rect(x(start), band, x(end) - x(start), 200, OPEN, opacity="0.55")
    svg.line(x(received), band, x(received), 238, RECEIVED, 2)
    svg.text(x(received) + 6, band + 16, f"received {_clock(received)}", anchor="start",
             fill=RECEIVED, size=11)  # fmt: skip
    _legend(svg, 12, 262, [(OPEN, "open 08:00-16:00"), (CLOSED, "closed all day")])
    for r, (clauses, duration_text, duration) in enumerate(rows):
        y = 92 + r * 52
        due = desk.add(received, duration)
        svg.text(12, y, clauses, anchor="start", weight="bold")
        svg.text(12, y + 16, duration_text, anchor="start", size=11, fill=MUTED)
        svg.arrow(x(received), x(due), y, DUE)
        svg.text(x(due) + 8, y + 4, f"due {_clock(due)}", anchor="start", fill=DUE)
        counted = 0
        for k, day in enumerate(days[1:], start=1):
            if desk.is_working_day(day) and counted < duration.days:
                counted += 1
                svg.text(left + (k + 0.5) * col, y + 20, f"day {counted}", size=11, fill=MUTED)
        if duration.reading == "close_of_day":
            svg.text(x(received) - 4, y + 20, "not counted", anchor="end", size=11, fill=MUTED)
    return svg.render()


# -- CPL-2: fourteen calendar days, rolled past a holiday --------------------------------------


def _day_strip(
    svg: Svg,
    desk: BusinessCalendar,
    first: dt.date,
    count: int,
    left: float,
    col: float,
    top: float,
) -> None:
    """A row of day cells: working days green, weekends grey, holidays red; dates inside."""
    holidays = desk.holidays.in_year(first.year) | desk.holidays.in_year(first.year + 1)
    month = None
    for k in range(count):
        day = first + dt.timedelta(days=k)
        x = left + k * col
        fill = OPEN if desk.is_working_day(day) else HOLIDAY if day in holidays else CLOSED
        svg.rect(x + 1, top, col - 2, 26, fill, rx="3")
        svg.text(x + col / 2, top + 17, str(day.day), size=11)
        svg.text(x + col / 2, top - 6, "MTWTFSS"[day.weekday()], size=10, fill=MUTED)
        if day.month != month:
            month = day.month
            svg.text(x + 2, top - 22, day.strftime("%B"), anchor="start", size=11, weight="bold")


def _legend(svg: Svg, x: float, y: float, items: Iterable[tuple[str, str]]) -> None:
    for fill, label in items:
        svg.rect(x, y - 10, 14, 12, fill, rx="2")
        svg.text(x + 20, y, label, anchor="start", size=11)
        x += 30 + 6.5 * len(label)


def calendar_days() -> str:
    """CPL-2: 14 calendar days whose last day is Good Friday, rolled past Easter."""
    desk = presets.denmark()
    received = _at(2026, 3, 20, 10)
    due = desk.add(received, CalendarDays(14))
    assert due == _at(2026, 4, 8)
    first, count = dt.date(2026, 3, 20), 20
    left, col, top = 28.0, 35.0, 58.0
    day_x = {first + dt.timedelta(days=k): left + k * col for k in range(count)}
    svg = Svg(
        212,
        "CPL-2: fourteen calendar days, rolled to a working day",
        "A complaint received on Friday 20 March 2026. The 14 days are 21 March to 3 April; "
        "3 April is Good Friday, a holiday, and the next working day is Tuesday 7 April "
        "(Easter Monday is a holiday too), so the answer is due at the end of 7 April.",
    )
    _day_strip(svg, desk, first, count, left, col, top)
    for k in range(1, 15):
        day = first + dt.timedelta(days=k)
        svg.text(day_x[day] + col / 2, top + 42, str(k), size=10, fill=MUTED)
    svg.text(left + col / 2, top + 42, "day 0", size=10, fill=MUTED)
    rx = day_x[first] + col * 10 / 24
    svg.line(rx, top - 4, rx, top + 30, RECEIVED, 2)
    svg.text(rx - 4, top + 96, "received 20 March", anchor="start", fill=RECEIVED, size=11)
    svg.line(rx, top + 47, rx, top + 84, RECEIVED, 1, "3 2")
    end14 = day_x[dt.date(2026, 4, 3)] + col
    svg.arrow(rx, end14, top + 62, MUTED)
    svg.text((rx + end14) / 2, top + 56, "14 calendar days: to the end of day 14", size=11,
             fill=MUTED)  # fmt: skip
    due_x = day_x[dt.date(2026, 4, 7)] + col
    svg.arrow(end14, due_x, top + 62, DUE)
    svg.line(due_x, top - 4, due_x, top + 84, DUE, 2)
    svg.text(due_x + 6, top + 96, f"due {_end_of_day(due)}", anchor="end", fill=DUE, size=11)
    svg.text(due_x + 6, top + 112, "day 14 is closed: rolled to the end of the next working day",
             anchor="end", size=11, fill=DUE)  # fmt: skip
    _legend(
        svg, left, 196, [(OPEN, "working day"), (CLOSED, "weekend"), (HOLIDAY, "public holiday")]
    )
    return svg.render()


# -- a target's clock: warnings, due, and the next change -------------------------------------


def _mail1_case(received: pendulum.DateTime) -> Case:
    ada = Contact("Ada Jensen", "ada@acme.dk")
    request = Request(
        "R-1", Channel.SUPPORT_MAILBOX, RequestKind.QUESTION, received, ada, EndCustomer("Acme")
    )
    return Case(request)


def clock_states() -> str:
    """MAIL-1's clock on a Monday morning: the warning levels, the due instant, next_change_at."""
    received = _at(2026, 3, 2, 9)
    case = _mail1_case(received)
    at = [received.add(minutes=m) for m in range(126)]
    results = [assess(EXPANDIT_POLICY, case, t).result("MAIL-1") for t in at]
    due = results[0].due_at
    assert due is not None
    first = next(t for t, r in zip(at, results, strict=True) if r.warning is WarningLevel.FIRST)
    second = next(t for t, r in zip(at, results, strict=True) if r.warning is WarningLevel.SECOND)
    breached = next(t for t, r in zip(at, results, strict=True) if r.state is ClauseState.BREACHED)
    assert breached == due
    end = _at(2026, 3, 2, 11, 25)
    x = _linear(_at(2026, 3, 2, 8, 52), end, 140, 745)
    svg = Svg(
        236,
        "A target's clock: warnings, due instant and next change",
        "MAIL-1 for a mail received on Monday 2 March 2026 at 09:00: due at 11:00, first "
        "warning at 10:30 (75 % of the business time used), second at 10:48 (90 %), breached "
        "from 11:00. Until the first warning the next change is 10:30, then 10:48, then 11:00, "
        "then none.",
    )
    band = 82
    spans = [
        (received, first, OPEN, "RUNNING, warning NONE"),
        (first, second, FIRST, "FIRST"),
        (second, due, SECOND, "SECOND"),
        (due, end, BREACHED, "BREACHED"),
    ]
    svg.text(126, band + 20, "state", anchor="end", weight="bold")
    for a, b, fill, label in spans:
        svg.rect(x(a), band, x(b) - x(a), 30, fill)
        svg.text((x(a) + x(b)) / 2, band + 20, label, size=10 if x(b) - x(a) < 80 else 12)
    marks = [
        (received, f"received {_clock(received)}", RECEIVED, 0),
        (first, f"75 %: {_clock(first)}", INK, 0),
        (second, f"90 %: {_clock(second)}", INK, 1),
        (due, f"due {_clock(due)}", DUE, 2),
    ]
    for t, label, colour, level in marks:
        y = band - 10 - 16 * level
        svg.line(x(t), y + 4, x(t), band + 30, colour, 2 if colour != INK else 1)
        svg.text(x(t), y, label, fill=colour, size=11)
    changes = band + 56
    svg.text(126, changes + 20, "next_change_at", anchor="end", weight="bold")
    steps = [(received, first), (first, second), (second, due)]
    for a, b in steps:
        nxt = results[at.index(a)].next_change_at
        assert nxt == b
        svg.rect(x(a), changes, x(b) - x(a), 30, "#eef2fb", stroke="#b8c6e6")
        svg.text((x(a) + x(b)) / 2, changes + 20, _clock(b), size=11)
    svg.rect(x(due), changes, x(end) - x(due), 30, "#f6f6f6", stroke="#dddddd")
    svg.text((x(due) + x(end)) / 2, changes + 20, "None", size=11)
    for hour, minute in ((9, 0), (9, 30), (10, 0), (10, 30), (11, 0)):
        t = _at(2026, 3, 2, hour, minute)
        svg.line(x(t), changes + 30, x(t), changes + 35, MUTED)
        svg.text(x(t), changes + 48, f"{hour:02d}:{minute:02d}", size=11, fill=MUTED)
    svg.text(
        WIDTH / 2,
        changes + 74,
        "a reply before 11:00 makes it MET, a reply after it MET_LATE",
        fill=MET,
        size=12,
    )
    return svg.render()


# -- CPL-2: paused while information is awaited, started again when it arrives -----------------


def cpl2_pause() -> str:
    """CPL-2 paused by InformationRequested and started again by InformationReceived."""
    desk = presets.denmark()
    received = _at(2026, 3, 2, 10)
    asked = _at(2026, 3, 4, 11)
    arrived = _at(2026, 3, 10, 9)
    ada = Contact("Ada Jensen", "ada@acme.dk")
    request = Request(
        "C-1", Channel.WRITTEN_COMPLAINT, RequestKind.COMPLAINT, received, ada, EndCustomer("Acme")
    )
    case = Case(request, [InformationRequested(asked), InformationReceived(arrived)])
    before = assess(EXPANDIT_POLICY, case, asked.subtract(minutes=1)).result("CPL-2")
    paused = assess(EXPANDIT_POLICY, case, asked.add(days=1)).result("CPL-2")
    again = assess(EXPANDIT_POLICY, case, arrived.add(hours=1)).result("CPL-2")
    assert paused.state is ClauseState.PAUSED and paused.due_at is None
    assert before.due_at is not None and again.due_at is not None
    first, count = dt.date(2026, 3, 2), 24
    left, col, top = 24.0, 29.5, 58.0
    x = _linear(_at(2026, 3, 2), _at(2026, 3, 26), left, left + count * col)
    svg = Svg(
        232,
        "CPL-2: paused while information is awaited",
        "A complaint received on Monday 2 March 2026. More information is requested on 4 March: "
        "the clock pauses and has no due instant. The information arrives on 10 March: the 14 "
        "days start again from that day and end with 24 March.",
    )
    _day_strip(svg, desk, first, count, left, col, top)
    lane = top + 50
    svg.rect(x(received), lane, x(asked) - x(received), 16, OPEN, stroke=OPEN_EDGE)
    svg.rect(x(asked), lane, x(arrived) - x(asked), 16, PAUSED)
    svg.text((x(asked) + x(arrived)) / 2, lane + 12, "paused", size=11)
    svg.rect(x(arrived), lane, x(again.due_at) - x(arrived), 16, OPEN, stroke=OPEN_EDGE)
    svg.text((x(arrived) + x(before.due_at)) / 2, lane + 12, "14 days from 10 March", size=11)
    svg.line(x(before.due_at), lane - 6, x(before.due_at), lane + 22, MUTED, 1.5, "3 3")
    svg.text(x(before.due_at), lane + 36, f"was due {_end_of_day(before.due_at)}", size=11,
             fill=MUTED)  # fmt: skip
    for t, label, colour, y in (
        (received, "received", RECEIVED, lane + 60),
        (asked, "InformationRequested", INK, lane + 60),
        (arrived, "InformationReceived", INK, lane + 78),
    ):
        svg.line(x(t), lane - 6, x(t), y - 12, colour, 1.5)
        svg.text(x(t) - 3, y, label, anchor="start", size=11, fill=colour)
    due_x = x(again.due_at)
    svg.line(due_x, lane - 6, due_x, lane + 66, DUE, 2)
    svg.text(due_x + 3, lane + 78, f"due {_end_of_day(again.due_at)}", anchor="end", size=11,
             fill=DUE)  # fmt: skip
    _legend(svg, left, 222, [(OPEN, "working day"), (CLOSED, "weekend"), (PAUSED, "paused")])
    return svg.render()


# -- MAIL-1 for every message: instances ------------------------------------------------------


def mail1_instances() -> str:
    """MAIL-1 on a case with three customer messages: two instances, the third message joining
    the second while its answer is owed."""
    ada = Contact("Ada Jensen", "ada@acme.dk")
    received = _at(2026, 3, 2, 9)
    request = Request(
        "R-1", Channel.SUPPORT_MAILBOX, RequestKind.QUESTION, received, ada, EndCustomer("Acme")
    )

    def reply(t: pendulum.DateTime) -> Replied:
        return Replied(t, Mailbox.support(), [ada.email], cc=[Mailbox.support().address])

    follow_up, joining = _at(2026, 3, 2, 11), _at(2026, 3, 2, 12)
    events: list[CaseEvent] = [
        reply(_at(2026, 3, 2, 10)),
        MessageReceived(follow_up, Channel.SUPPORT_MAILBOX, ada),
        MessageReceived(joining, Channel.SUPPORT_MAILBOX, ada),
        reply(_at(2026, 3, 2, 13, 30)),
    ]
    case = Case(request, events)
    first, second = assess(EXPANDIT_POLICY, case, _at(2026, 3, 2, 15)).instances("MAIL-1")
    assert first.state is ClauseState.MET and second.state is ClauseState.MET_LATE
    assert second.started_at == follow_up
    for r in (first, second):
        assert r.started_at and r.due_at and r.met_at
    x = _linear(_at(2026, 3, 2, 8, 40), _at(2026, 3, 2, 14, 10), 150, 745)
    svg = Svg(
        280,
        "MAIL-1 for every message: one instance per unanswered run of messages",
        "A support mail on Monday 2 March 2026 at 09:00 is answered at 10:00: instance 0, due "
        "11:00, met. A follow-up at 11:00 starts instance 1, due 13:00; a second follow-up at "
        "12:00 joins it, since an answer is already owed; the reply at 13:30 answers both, late: "
        "instance 1 is met late, breached at 13:00.",
    )
    lane = 40
    svg.text(136, lane + 4, "customer", anchor="end", weight="bold")
    for t, label in ((received, "request"), (follow_up, "follow-up"), (joining, "follow-up")):
        svg.dot(x(t), lane, RECEIVED)
        svg.text(x(t), lane - 10, f"{label} {_clock(t)}", size=11, fill=RECEIVED)
    rows = [(first, "MAIL-1 #0", lane + 46), (second, "MAIL-1 #1", lane + 116)]
    for r, name, y in rows:
        assert r.started_at and r.due_at and r.met_at
        svg.text(136, y + 20, name, anchor="end", weight="bold")
        on_time = min(r.met_at, r.due_at)
        svg.rect(x(r.started_at), y, x(on_time) - x(r.started_at), 30, OPEN, stroke=OPEN_EDGE)
        if r.met_at > r.due_at:
            svg.rect(x(r.due_at), y, x(r.met_at) - x(r.due_at), 30, BREACHED)
        svg.line(x(r.due_at), y - 6, x(r.due_at), y + 36, DUE, 2, "4 3")
        svg.text(x(r.due_at) + 4, y - 8, f"due {_clock(r.due_at)}", anchor="start", size=11,
                 fill=DUE)  # fmt: skip
        svg.line(x(r.met_at), y - 6, x(r.met_at), y + 36, MET, 2)
        svg.text(x(r.met_at) - 4, y + 48, f"reply {_clock(r.met_at)}: {r.state.value.upper()}",
                 anchor="end", size=11, fill=MET)  # fmt: skip
    svg.line(x(joining), lane + 4, x(joining), lane + 116, RECEIVED, 1, "2 3")
    svg.text(x(joining) + 4, lane + 135, "joins #1", anchor="start", size=10, fill=RECEIVED)
    axis = lane + 186
    for hour in range(9, 15):
        t = _at(2026, 3, 2, hour)
        svg.line(x(t), axis, x(t), axis + 5, MUTED)
        svg.text(x(t), axis + 18, f"{hour:02d}:00", size=11, fill=MUTED)
    _legend(svg, 150, axis + 32, [(OPEN, "answer owed"), (BREACHED, "owed past due")])
    return svg.render()


FIGURES: dict[str, Callable[[], str]] = {
    "business-hours.svg": business_hours,
    "day-readings.svg": day_readings,
    "calendar-days.svg": calendar_days,
    "clock-states.svg": clock_states,
    "cpl2-pause.svg": cpl2_pause,
    "mail1-instances.svg": mail1_instances,
}


def stale() -> list[str]:
    """The figures whose committed file differs from what the library draws now."""
    return [
        name
        for name, draw in FIGURES.items()
        if not (HERE / name).exists() or (HERE / name).read_text(encoding="utf-8") != draw()
    ]


def main() -> None:
    for name, draw in FIGURES.items():
        (HERE / name).write_text(draw(), encoding="utf-8")
        print(f"wrote {HERE / name}")


if __name__ == "__main__":
    main()
