"""Results made on read: ``assess`` keeps instants, business-time spans and explanations as what
makes them, and a result makes each on its first read. Whatever is read first, and whether it
is read at all, the result is the same value: equal, with the same hash, repr, pickle, JSON and
fields, as the result built with every check from the values it shows. The checks a user meets
building a result are the library's own errors, naming the field."""

from __future__ import annotations

import datetime as dt
import pickle
import zoneinfo

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expandit_policy import (
    EXPANDIT_POLICY,
    Assessment,
    BusinessDays,
    Case,
    ClauseKind,
    ClauseResult,
    ClauseState,
    MessageReceived,
    Policy,
    WarningLevel,
    WrongTypeError,
    assess,
    to_json_dict,
)
from tests.budget import share
from tests.evaluation.strategies import as_ofs, cases, cph, reply, request

POLICY: Policy = EXPANDIT_POLICY.with_reading("COM-9", BusinessDays(5))
INSTANTS = ("started_at", "due_at", "met_at", "next_change_at", "breached_at")
FIELDS = tuple(a.name for a in attrs.fields(ClauseResult))


def _checked(result: ClauseResult) -> ClauseResult:
    """``result`` built again through the public constructor, with every check."""
    return ClauseResult(**attrs.asdict(result, recurse=False))


def _flow() -> tuple[Case, pendulum.DateTime]:
    """A case with replies, a follow-up and a pause: every clause shape, several instances."""
    from expandit_policy import Channel, InformationReceived, InformationRequested

    case = Case(
        request(),
        [
            reply(cph(2, 10), cc=False),
            MessageReceived(cph(2, 12), Channel.SUPPORT_MAILBOX),
            InformationRequested(cph(2, 13)),
            InformationReceived(cph(3, 9)),
            reply(cph(3, 11)),
        ],
    )
    return case, cph(4, 12)


def test_a_result_read_in_any_order_is_the_result_checked_from_its_values() -> None:
    case, as_of = _flow()
    first = assess(POLICY, case, as_of)
    for order in (FIELDS, tuple(reversed(FIELDS)), ("explanation",), ()):
        again = assess(POLICY, case, as_of)
        for result in again.results:
            for name in order:
                getattr(result, name)
        assert again == first
        assert hash(again) == hash(first)
        assert repr(again) == repr(first)
        assert [_checked(r) for r in again.results] == list(first.results)


def test_an_unread_assessment_pickles_and_writes_json_as_a_read_one() -> None:
    case, as_of = _flow()
    unread, read = assess(POLICY, case, as_of), assess(POLICY, case, as_of)
    repr(read)  # reads every field
    assert pickle.loads(pickle.dumps(assess(POLICY, case, as_of))) == read
    assert to_json_dict(unread) == to_json_dict(read)
    assert to_json_dict(assess(POLICY, case, as_of).results[0]) == to_json_dict(read.results[0])


def test_the_instants_read_are_pendulum_datetimes_in_the_calendar_zone() -> None:
    case, as_of = _flow()
    assessment = assess(POLICY, case, as_of)
    assert type(assessment.as_of) is pendulum.DateTime
    assert assessment.as_of == as_of
    seen = 0
    for result in assessment.results:
        for name in INSTANTS:
            value = getattr(result, name)
            if value is not None:
                seen += 1
                assert type(value) is pendulum.DateTime, name
                assert value.timezone_name == "Europe/Copenhagen", name
        assert type(result.explanation) is tuple
        assert all(type(line) is str for line in result.explanation)
        for name in ("used", "left"):
            assert getattr(result, name) is None or type(getattr(result, name)) is dt.timedelta
    assert seen > 10


def test_the_fields_the_library_makes_on_read_stay_readable_as_class_attributes() -> None:
    # attrs, Sphinx and cattrs look the fields up on the class
    assert {a.name for a in attrs.fields(ClauseResult)} >= {*INSTANTS, "used", "explanation"}
    assert ClauseResult.__doc__ and "explanation" in FIELDS


@settings(max_examples=share(0.5))
@given(st.data())
def test_MAIL_1_to_COM_9_every_result_equals_the_result_checked_from_its_values(
    data: st.DataObject,
) -> None:
    case = data.draw(cases())
    as_of = data.draw(as_ofs(case))
    first = assess(POLICY, case, as_of)
    again = assess(POLICY, case, as_of)
    # read one field of each result of ``again`` first, the rest through equality
    for k, result in enumerate(again.results):
        getattr(result, FIELDS[k % len(FIELDS)])
    assert again == first
    assert hash(again) == hash(first)
    assert (
        Assessment(
            first.case, first.as_of, first.policy_version, [_checked(r) for r in first.results]
        )
        == again
    )
    assert pickle.loads(pickle.dumps(assess(POLICY, case, as_of))) == first


# -- the public constructor checks what users give --------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"clause": 1}, r"ClauseResult\.clause must be a clause ID \(str\), got 1 \(int\)"),
        ({"kind": "deadline"}, r"ClauseResult\.kind must be a ClauseKind, got 'deadline' \(str\)"),
        ({"state": "met"}, r"ClauseResult\.state must be a ClauseState, got 'met' \(str\)"),
        ({"warning": 1}, r"ClauseResult\.warning must be a WarningLevel, got 1 \(int\)"),
        ({"explanation": 5}, r"ClauseResult\.explanation must be a collection of lines \(str\)"),
        ({"explanation": "late"}, r"ClauseResult\.explanation must be a collection of lines"),
    ],
)
def test_a_user_building_a_bad_result_gets_a_policy_error_naming_the_field(
    fields: dict[str, object], message: str
) -> None:
    given_fields: dict[str, object] = {
        "clause": "MAIL-1",
        "kind": ClauseKind.DEADLINE,
        "state": ClauseState.MET,
        **fields,
    }
    with pytest.raises(WrongTypeError, match=message):
        ClauseResult(**given_fields)  # type: ignore[arg-type]


def test_a_user_building_a_bad_assessment_gets_a_policy_error_naming_the_field() -> None:
    case, as_of = _flow()
    with pytest.raises(WrongTypeError, match=r"Assessment\.case must be a Case, got 'R-1'"):
        Assessment("R-1", as_of, "2026.1", ())  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match=r"Assessment\.policy_version must be a str"):
        Assessment(case, as_of, 2026, ())  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError, match=r"Assessment\.results\[0\] must be a ClauseResult"):
        Assessment(case, as_of, "2026.1", ["MET"])  # type: ignore[list-item]
    with pytest.raises(WrongTypeError, match=r"Assessment\.results must be a collection"):
        Assessment(case, as_of, "2026.1", 3)  # type: ignore[arg-type]


def test_a_result_built_with_a_stdlib_datetime_holds_the_pendulum_datetime_its_type_says() -> None:
    zone = zoneinfo.ZoneInfo("Europe/Copenhagen")
    at = dt.datetime(2026, 3, 2, 9, tzinfo=zone)
    result = ClauseResult("MAIL-1", ClauseKind.DEADLINE, ClauseState.MET, met_at=at)
    assert type(result.met_at) is pendulum.DateTime
    assert result.met_at == at
    assert result.met_at.utcoffset() == at.utcoffset()
    case, as_of = _flow()
    assessment = Assessment(case, as_of.in_timezone("UTC").naive().replace(tzinfo=dt.UTC), "x", ())
    assert type(assessment.as_of) is pendulum.DateTime
    assert result.warning is WarningLevel.NONE


def test_reading_one_field_makes_that_field_only() -> None:
    # report() reads the business time used of every result: it must not pay for the rest
    from expandit_policy._evaluation._results import _Later

    case, as_of = _flow()
    result = assess(POLICY, case, as_of).result("MAIL-1")
    raw = {name: ClauseResult.__dict__[name].slot for name in ("explanation", "due_at", "used")}
    assert all(type(slot.__get__(result)) is _Later for slot in raw.values())
    assert result.used is not None
    assert type(raw["used"].__get__(result)) is dt.timedelta
    assert type(raw["explanation"].__get__(result)) is _Later
    assert type(raw["due_at"].__get__(result)) is _Later
