"""The agenda's order compares instants as moments: in the hour the clocks go back, 02:40 at
+02:00 comes before 02:20 at +01:00, though its wall time is later."""

from __future__ import annotations

import pendulum

from expandit_policy import AgendaItem, ClauseState, WarningLevel
from expandit_policy._cli._batch import _Listed
from expandit_policy._cli._format import local
from expandit_policy._evaluation._agenda import agenda_order

CPH = "Europe/Copenhagen"
EARLIER = pendulum.datetime(2026, 10, 25, 2, 40, tz=CPH, fold=0)  # 00:40 UTC
LATER = pendulum.datetime(2026, 10, 25, 2, 20, tz=CPH, fold=1)  # 01:20 UTC


def item(case_id: str, clause: str, at: pendulum.DateTime) -> AgendaItem:
    return AgendaItem(case_id, clause, ClauseState.BREACHED, at, WarningLevel.BREACHED, ("x",),
                      breached_at=at)  # fmt: skip


def test_breaches_in_the_repeated_hour_are_listed_by_moment() -> None:
    items = [item("B", "COM-3", LATER), item("A", "COM-3", EARLIER)]
    assert [i.case_id for i in sorted(items, key=agenda_order)] == ["A", "B"]


def test_a_clause_outside_the_catalogue_sorts_after_the_catalogues_by_its_id() -> None:
    items = [item("A", "X-2", EARLIER), item("A", "X-1", EARLIER), item("A", "COM-3", EARLIER)]
    assert [i.clause for i in sorted(items, key=agenda_order)] == ["COM-3", "X-1", "X-2"]


def test_the_assess_command_lists_due_results_by_moment() -> None:
    def listed(case_id: str, due: pendulum.DateTime) -> _Listed:
        return _Listed(case_id, "MAIL-1", 0, ClauseState.RUNNING, due, None, WarningLevel.NONE)

    rows = sorted([listed("B", LATER), listed("A", EARLIER)], key=_Listed.key)
    assert [r.case_id for r in rows] == ["A", "B"]


def test_a_repeated_wall_time_is_shown_with_its_offset() -> None:
    assert local(EARLIER, CPH, offset=False, end=True) == "Sun 2026-10-25 02:40 +02:00"
    assert local(LATER, CPH, offset=False) == "Sun 2026-10-25 02:20 +01:00"
    assert local(EARLIER.add(hours=5), CPH, offset=False, end=True) == "Sun 2026-10-25 06:40"
