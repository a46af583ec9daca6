"""What the public strategies promise: the simplest values they shrink to, the shapes they reach
(lunch breaks, 24:00 ends, overnight windows, DST gaps and folds, every channel, complaints,
reopened cases), and values the engine accepts."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from itertools import pairwise
from typing import Any

import pendulum
import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from expandit_policy import (
    EXPANDIT_POLICY,
    AgendaItem,
    BusinessCalendar,
    BusinessDays,
    CalendarDays,
    Case,
    Channel,
    ClauseState,
    Closed,
    ComposedCalendar,
    Contact,
    Mailbox,
    Partner,
    Policy,
    Reopened,
    Replied,
    Request,
    RequestKind,
    Resolved,
    Window,
    WorkingHours,
    assess,
    strategies,
)

NINE_TO_FIVE = Window.parse("09:00", "17:00")
MONDAY_TO_FRIDAY = WorkingHours([[NINE_TO_FIVE]] * 5 + [[], []])


# -- shrinking towards the simplest value -------------------------------------------------------


def test_instants_shrink_towards_the_start_of_the_range_in_UTC() -> None:
    t = find(strategies.instants(), lambda t: True)
    assert (t.isoformat(), t.tzinfo) == ("2020-01-01T00:00:00+00:00", pendulum.UTC)


def test_business_calendars_shrink_towards_UTC_monday_to_friday_nine_to_five() -> None:
    desk = find(strategies.business_calendars(), lambda c: True)
    assert desk == BusinessCalendar("UTC", MONDAY_TO_FRIDAY)


def test_policies_shrink_towards_expandits_policy() -> None:
    assert find(strategies.policies(), lambda p: True) == EXPANDIT_POLICY


def test_cases_shrink_towards_a_question_to_the_support_mailbox_with_an_empty_log() -> None:
    case = find(strategies.cases(), lambda c: True)
    assert (case.request.channel, case.request.kind, case.events) == (
        Channel.SUPPORT_MAILBOX,
        RequestKind.QUESTION,
        (),
    )


# -- the shapes they reach ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("shape", "holds"),
    [
        ("a lunch break", lambda w: any(b.start > a.end for d in w.days for a, b in pairwise(d))),
        ("a 24:00 end", lambda w: any(x.end == 86_400 for d in w.days for x in d)),
        ("an overnight window", lambda w: any(x.overnight for d in w.days for x in d)),
        ("a Sunday overnight window", lambda w: any(x.overnight for x in w.days[6])),
        ("a weekend opening", lambda w: bool(w.days[5] or w.days[6])),
        ("a closed weekday", lambda w: not all(w.days[:5])),
    ],
)
def test_working_hours_reach(shape: str, holds: Any) -> None:
    assert holds(find(strategies.working_hours(), holds)), shape


def test_working_hours_without_overnight_windows_have_none() -> None:
    @given(strategies.working_hours(overnight=False))
    def check(hours: WorkingHours) -> None:
        assert not any(w.overnight for day in hours.days for w in day)

    check()


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(strategies.instants(timezones=strategies.timezones()))
def test_instants_without_gaps_and_folds_have_one_unambiguous_wall_time(t: dt.datetime) -> None:
    zone = zoneinfo.ZoneInfo(t.tzinfo.key)  # type: ignore[union-attr]
    wall = t.replace(tzinfo=None, fold=0)
    assert zone.utcoffset(wall) == zone.utcoffset(wall.replace(fold=1))
    assert dt.datetime.fromtimestamp(t.timestamp(), zone).replace(tzinfo=None) == wall


def _in_a_gap_or_fold(t: dt.datetime) -> bool:
    zone = t.tzinfo
    assert isinstance(zone, zoneinfo.ZoneInfo)
    wall = t.replace(tzinfo=None)
    return zone.utcoffset(wall.replace(fold=0)) != zone.utcoffset(wall.replace(fold=1))


@pytest.mark.parametrize("edge", ["gap", "fold"])
def test_instants_with_gaps_and_folds_reach_both_in_both_folds(edge: str) -> None:
    cph = strategies.instants(
        timezones=st.just("Europe/Copenhagen"), gaps_and_folds=True
    )  # spring forward 02:00 -> 03:00, fall back 03:00 -> 02:00

    def reached(fold: int) -> dt.datetime:
        def wanted(t: dt.datetime) -> bool:
            if type(t) is not dt.datetime or not _in_a_gap_or_fold(t) or t.fold != fold:
                return False
            return (t.month < 7) is (edge == "gap")

        return find(cph, wanted)

    for fold in (0, 1):
        t = reached(fold)
        assert t.hour == 2 and t.fold == fold
        # a gap's wall time never shows on a clock; a fold's shows twice
        shown = dt.datetime.fromtimestamp(t.timestamp(), t.tzinfo).replace(tzinfo=None)
        assert (shown == t.replace(tzinfo=None)) is (edge == "fold")


@pytest.mark.parametrize("channel", list(Channel), ids=lambda c: c.value)
def test_requests_reach_every_channel(channel: Channel) -> None:
    assert find(strategies.requests(), lambda r: r.channel is channel).channel is channel


@pytest.mark.parametrize("kind", [RequestKind.COMPLAINT, RequestKind.MATERIAL_DEFECT_CLAIM])
def test_complaints_reach_every_kind_of_complaint(kind: RequestKind) -> None:
    assert find(strategies.complaints(), lambda r: r.kind is kind).kind is kind


def test_cases_reach_a_reply_after_a_reopen() -> None:
    def reopened_then_replied(case: Case) -> bool:
        kinds = [type(e) for e in case.events]
        return Reopened in kinds and Replied in kinds[kinds.index(Reopened) :]

    log = [type(e) for e in find(strategies.cases(), reopened_then_replied).events]
    assert Closed in log[: log.index(Reopened)]  # a reopen follows a close


@pytest.mark.parametrize("operation", ["union", "intersection", "difference"])
def test_composed_calendars_open_for_every_operation(operation: str) -> None:
    @settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
    @given(strategies.composed_calendars(operations=(operation,)), strategies.instants())  # type: ignore[arg-type]
    def check(calendar: ComposedCalendar, t: dt.datetime) -> None:
        assert calendar.operation == operation
        assert calendar.is_open(calendar.next_open(t))

    check()


# -- values the engine accepts ------------------------------------------------------------------


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(
    strategies.policies(),
    strategies.cases(
        requests=strategies.requests(received=strategies.instants(gaps_and_folds=True))
    ),
    st.integers(0, 40 * 24 * 3600),
)
def test_assess_never_refuses_a_generated_case(policy: Policy, case: Case, seconds: int) -> None:
    as_of = pendulum.instance(case.request.received_at).add(seconds=seconds)
    result = assess(policy, case, as_of)
    assert result.results
    assert {r.clause for r in result.results} >= {"COM-9"}


# -- arguments are checked at once ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: strategies.timezones(zones=["Europe/Kopenhagen"]), "IANA zone name"),
        (lambda: strategies.instants(min_value=dt.datetime(2026, 1, 1)), "aware datetime"),
        (lambda: strategies.working_hours(granularity=dt.timedelta(minutes=7)), "divides an hour"),
        (lambda: strategies.business_calendars(timezones="UTC"), "must be a Hypothesis strategy"),  # type: ignore[arg-type]
        (lambda: strategies.composed_calendars(operations=("xor",)), "operations must be among"),  # type: ignore[arg-type]
        (lambda: strategies.products(max_levels=9), "max_levels must be at most"),
        (lambda: strategies.money(currencies=["euro"]), "three-letter"),
        (lambda: strategies.readings(clauses=["COM-3"]), "clauses with a reading"),
        (lambda: strategies.timezones(zones=[]), "non-empty sequence"),
        (lambda: strategies.instants(gaps_and_folds="yes"), "True or False"),  # type: ignore[arg-type]
        (lambda: strategies.instants(min_value=dt.datetime(2026, 2, 1, tzinfo=dt.UTC),
                                     max_value=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)),
         "max_value must not be before min_value"),
        (lambda: strategies.holidays(min_date="2026-01-01"), "must be a datetime.date"),  # type: ignore[arg-type]
        (lambda: strategies.holidays(min_date=dt.date(2026, 2, 1), max_date=dt.date(2026, 1, 1)),
         "max_date must not be before min_date"),
        (lambda: strategies.holiday_rules(min_year=2030, max_year=2020), "min_year <= max_year"),
        (lambda: strategies.business_calendars(max_closures=-1), "max_closures must be an int"),
        (lambda: strategies.cases(within=dt.timedelta(0)), "positive datetime.timedelta"),
        (lambda: strategies.requests(channels=[]), "channels must not be empty"),
        (lambda: strategies.requests(channels=5), "channels must be a collection"),  # type: ignore[arg-type]
        (lambda: strategies.requests(channels=[Channel.WRITTEN_COMPLAINT],
                                     kinds=[RequestKind.QUESTION]), "kinds must include COMPLAINT"),
        (lambda: strategies.requests(senders="Ada"), "senders must be a Hypothesis strategy"),  # type: ignore[arg-type]
        (lambda: strategies.contacts(fee_earner="yes"), "fee_earner must be True, False or None"),  # type: ignore[arg-type]
        (lambda: strategies.case_events(kinds=[int]), "case event classes"),  # type: ignore[list-item]
        (lambda: strategies.business_hours(min_value=5), "must be a datetime.timedelta"),  # type: ignore[arg-type]
        (lambda: strategies.business_hours(min_value=dt.timedelta(hours=2),
                                           max_value=dt.timedelta(hours=1)), "must not be below"),
        (lambda: strategies.policy_errors(types=[ValueError]), "PolicyError classes"),  # type: ignore[list-item]
        (lambda: strategies.business_days(min_value=10, max_value=5), "must not be below"),
        (lambda: strategies.calendar_days(min_value=10, max_value=5), "must not be below"),
        (lambda: strategies.calendar_days(max_value=10**9), "max_value must be at most 3650000"),
        (lambda: strategies.business_days(max_value=10**9), "max_value must be at most 3650000"),
        (lambda: strategies.business_days(min_value=-1), "min_value must be an int of at least 0"),
        (lambda: strategies.business_days(readings=()), "readings must not be empty"),
        (lambda: strategies.business_days(readings=("noon",)), "readings must be among"),  # type: ignore[arg-type]
        (lambda: strategies.clock_hours(max_value=dt.timedelta(days=10**7)), "87 million hours"),
        (lambda: strategies.business_hours(min_value=-dt.timedelta(days=10**7)), "87 million hours"),
        (lambda: strategies.instants(min_value=dt.datetime(1, 1, 1, tzinfo=dt.UTC)),
         "years 2 and 9998"),
        (lambda: strategies.closures(max_value=dt.datetime(9999, 1, 1, tzinfo=dt.UTC)),
         "years 2 and 9998"),
        (lambda: strategies.money(min_value=10, max_value=5), "max_value"),
        (lambda: strategies.money(places=5), "places must be at most 4"),
        (lambda: strategies.money(max_value=10**30), r"max_value must lie within ±10\*\*30"),
        (lambda: strategies.money(min_value=-(10**31)), r"min_value must lie within ±10\*\*30"),
        (lambda: strategies.products(min_levels=3, max_levels=2), "max_levels must be an int"),
        (lambda: strategies.holiday_sets(max_dates=-1), "max_dates must be an int"),
        (lambda: strategies.cases(max_events=-1), "max_events must be an int"),
        (lambda: strategies.end_customers(max_contacts=-1), "max_contacts must be an int"),
        (lambda: strategies.holiday_sources(codes=()), "codes must not be empty"),
        (lambda: strategies.mailboxes(kinds=[]), "kinds must not be empty"),
    ],
)  # fmt: skip
def test_bad_arguments_raise_invalid_argument_at_once(make: Any, message: str) -> None:
    with pytest.raises(InvalidArgument, match=message):
        make()


@pytest.mark.parametrize(
    "make",
    [
        lambda zones: strategies.instants(timezones=zones),
        lambda zones: strategies.instants(timezones=zones, gaps_and_folds=True),
        lambda zones: strategies.closures(timezones=zones),
        lambda zones: strategies.openings(timezones=zones),
        lambda zones: strategies.business_calendars(timezones=zones),
    ],
)
def test_an_unknown_zone_drawn_from_timezones_is_named_in_invalid_argument(make: Any) -> None:
    @settings(max_examples=1, database=None)
    @given(make(st.just("Mars/Base")))
    def draw(value: object) -> None:
        raise AssertionError("an unknown zone was drawn without complaint")

    with pytest.raises(InvalidArgument, match="timezones drew 'Mars/Base'"):
        draw()


def test_bounds_that_touch_draw_values_at_the_bounds() -> None:
    @settings(max_examples=20, database=None)
    @given(
        strategies.business_days(min_value=3_650_000, max_value=3_650_000),
        strategies.calendar_days(min_value=5, max_value=5),
    )
    def check(days: BusinessDays, calendar: CalendarDays) -> None:
        assert days.days == 3_650_000 and calendar.days == 5

    check()


# -- options that change what is drawn ----------------------------------------------------------


def test_requests_come_from_the_senders_asked_for() -> None:
    bo = Contact("Bo Holm", "bo@nordic.dk", fee_earner=True)

    @settings(max_examples=10)
    @given(strategies.requests(senders=st.just(bo)))
    def check(request: Request) -> None:
        assert request.sender == bo

    check()


def test_calendars_without_composition_are_business_calendars() -> None:
    @settings(max_examples=10)
    @given(strategies.calendars(composed=False))
    def check(calendar: object) -> None:
        assert type(calendar) is BusinessCalendar

    check()


def test_cases_of_kinds_that_cannot_start_a_log_are_empty() -> None:
    @settings(max_examples=10)
    @given(strategies.cases(kinds=[Reopened]))  # a reopen needs a close before it
    def check(case: Case) -> None:
        assert case.events == ()

    check()


def test_an_instant_range_inside_a_fold_gives_instants_in_the_fold() -> None:
    # 25 October 2026 in Copenhagen: 02:00-03:00 happens twice; 00:10-00:50 UTC is the first.
    lo = dt.datetime(2026, 10, 25, 0, 10, tzinfo=dt.UTC)
    hi = dt.datetime(2026, 10, 25, 0, 50, tzinfo=dt.UTC)

    @settings(max_examples=10)
    @given(strategies.instants(timezones=st.just("Europe/Copenhagen"), min_value=lo, max_value=hi))
    def check(t: dt.datetime) -> None:
        assert lo <= t <= hi

    check()


def test_agenda_items_come_from_the_moment_of_arrival_when_nothing_is_due_later() -> None:
    """A question answered, copied and resolved at once owes nothing afterwards (MAIL-2 has no
    target, COM-5 knows no licence): the item is the first reply running at arrival."""
    nordic = Partner("Nordic Partner", [Contact("Bo Holm", "bo@nordic.dk")])
    t = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen")
    asked = Request(
        "R-1", Channel.SUPPORT_MAILBOX, RequestKind.QUESTION, t, nordic.contacts[0], nordic
    )
    reply = Replied(t, Mailbox.support(), ["bo@nordic.dk"], ["support@expandit.com"])
    done = Case(asked, [reply, Resolved(t)])

    @settings(max_examples=10)
    @given(strategies.agenda_items(policies=st.just(EXPANDIT_POLICY), cases=st.just(done)))
    def check(item: AgendaItem) -> None:
        assert (item.clause, item.state) == ("MAIL-1", ClauseState.RUNNING)

    check()


def test_an_unknown_type_is_left_to_hypothesis() -> None:
    assert strategies._for_type(int) is NotImplemented
