"""Bad documents, as a table: each is refused with every problem at once and the path to each bad
value; nothing is guessed and the input is never changed."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest

from expandit_policy import (
    EXPANDIT_POLICY,
    SCHEMA_VERSION,
    BusinessCalendar,
    BusinessDays,
    BusinessHours,
    Case,
    CaseEvent,
    Channel,
    Contact,
    Coverage,
    Duration,
    FeatureLevel,
    FeeNoticeSent,
    InvalidDocumentError,
    Money,
    Policy,
    PolicyError,
    PriceList,
    ReportRow,
    WorkingHours,
    from_json_dict,
    load_cases,
    to_json_dict,
)


def request(**changes: Any) -> dict[str, Any]:
    """A valid request document, with some fields changed (or removed when given as ...)."""
    base: dict[str, Any] = {
        "id": "R-1",
        "channel": "support mailbox",
        "kind": "question",
        "received_at": "2026-03-02T09:00:00+01:00",
        "sender": {"name": "Ada Jensen", "email": "ada@acme.dk", "fee_earner": False},
        "party": {"type": "EndCustomer", "name": "Acme", "contacts": [], "identifier": None},
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not ...}


def closed(at: str = "2026-03-02T12:00:00+01:00") -> dict[str, Any]:
    return {"type": "Closed", "at": at, "reason": None}


def cases(*items: dict[str, Any]) -> dict[str, Any]:
    return {"schema": SCHEMA_VERSION, "cases": list(items)}


def problems(data: object) -> list[tuple[str, str]]:
    with pytest.raises(InvalidDocumentError) as info:
        load_cases(data)
    return list(info.value.problems)


NAIVE = "must carry a UTC offset"
MISSING = "missing: this field is required"

TABLE: list[tuple[str, dict[str, Any], list[tuple[str, str]]]] = [
    (
        "unknown field, with a suggestion",
        cases({"request": request(recieved_at="x"), "events": []}),
        [("cases[0].request.recieved_at", "did you mean 'received_at'?")],
    ),
    (
        "unknown field on a tagged event",
        cases({"request": request(), "events": [{**closed(), "by": "Kim"}]}),
        [("cases[0].events[0].by", "unknown field; Closed has at, reason")],
    ),
    (
        "wrong type: a number for a string",
        cases({"request": request(id=17), "events": []}),
        [("cases[0].request.id", "must be a string, got 17 (number)")],
    ),
    (
        "wrong type: a string for a list",
        cases({"request": request(), "events": "none"}),
        [("cases[0].events", "must be a list, got 'none' (string)")],
    ),
    (
        "wrong type: a string for a boolean",
        cases(
            {
                "request": request(sender={"name": "A", "email": "a@b.dk", "fee_earner": "no"}),
                "events": [],
            }
        ),
        [("cases[0].request.sender.fee_earner", "must be true or false, got 'no' (string)")],
    ),
    (
        "naive timestamp of an event",
        cases({"request": request(), "events": [closed("2026-03-02T12:00:00")]}),
        [("cases[0].events[0].at", NAIVE)],
    ),
    (
        "naive timestamp of the request",
        cases({"request": request(received_at="2026-03-02"), "events": []}),
        [("cases[0].request.received_at", NAIVE)],
    ),
    (
        "not an instant at all",
        cases({"request": request(received_at="Monday morning"), "events": []}),
        [("cases[0].request.received_at", "must be an ISO 8601 instant with an offset")],
    ),
    (
        "missing field",
        cases({"request": request(kind=...), "events": []}),
        [("cases[0].request.kind", MISSING)],
    ),
    (
        "missing events list",
        cases({"request": request()}),
        [("cases[0].events", MISSING)],
    ),
    (
        "unknown value of an enumeration",
        cases({"request": request(channel="fax"), "events": []}),
        [("cases[0].request.channel", "must be one of 'support mailbox', 'sales mailbox'")],
    ),
    (
        "an event without its type",
        cases({"request": request(), "events": [{"at": "2026-03-02T12:00:00+01:00"}]}),
        [("cases[0].events[0].type", "missing: say which kind of value this is, one of")],
    ),
    (
        "an event of an unknown type",
        cases({"request": request(), "events": [{"type": "Deleted", "at": "x"}]}),
        [("cases[0].events[0].type", "got 'Deleted' (string)")],
    ),
    (
        "a party given by name only",
        cases({"request": request(party="Acme"), "events": []}),
        [
            (
                "cases[0].request.party",
                'must be an object with a "type" (Partner, Reseller, EndCustomer)',
            )
        ],
    ),
    (
        "a value the domain refuses, at the field its check names",
        cases(
            {
                "request": request(
                    sender={"name": "Ada", "email": "ada.acme.dk", "fee_earner": False}
                ),
                "events": [],
            }
        ),
        [("cases[0].request.sender.email", "Contact.email must be an e-mail address")],
    ),
    (
        "an event log out of order: the event's own path",
        cases(
            {
                "request": request(),
                "events": [
                    closed("2026-03-02T12:00:00+01:00"),
                    {"type": "Reopened", "at": "2026-03-02T11:00:00+01:00"},
                ],
            }
        ),
        [("cases[0].events[1]", "Reopened at 2026-03-02T11:00:00+01:00: is earlier than")],
    ),
    (
        "a case that is not an object",
        cases({"request": request(), "events": []}, "R-2"),  # type: ignore[arg-type]
        [("cases[1]", "must be an object with the fields of Case (request, events), got 'R-2'")],
    ),
    (
        "several problems at once, in document order, across cases",
        cases(
            {"request": request(id=3, kind=...), "events": [closed("2026-03-02T12:00")]},
            {"request": request(), "events": []},
            {
                "request": request(),
                "events": [closed(), {"type": "Closed", "at": 5, "reason": None}],
                "colour": "red",
            },
        ),
        [
            ("cases[0].request.id", "must be a string"),
            ("cases[0].request.kind", MISSING),
            ("cases[0].events[0].at", NAIVE),
            ("cases[2].events[1].at", "got 5 (number)"),
            ("cases[2].colour", "unknown field"),
        ],
    ),
    (
        "unknown field of the document",
        {"schema": SCHEMA_VERSION, "cases": [], "policy": "strict"},
        [("policy", 'unknown field; a cases document has "schema" and "cases"')],
    ),
    (
        "no schema: reported with the other problems",
        {"cases": [{"request": request(id=None), "events": []}]},
        [
            ("schema", 'add "schema": "expandit_policy/2"'),
            ("cases[0].request.id", "got None (null)"),
        ],
    ),
    (
        "cases that are not a list",
        {"schema": SCHEMA_VERSION, "cases": {"R-1": {}}},
        [("cases", "must be a list of cases, got {'R-1': {}} (object)")],
    ),
    (
        "no cases",
        {"schema": SCHEMA_VERSION},
        [("cases", "missing: give the cases as a list")],
    ),
]


@pytest.mark.parametrize(("document", "expected"), [(d, e) for _, d, e in TABLE], ids=[n for n, _, _ in TABLE])  # fmt: skip
def test_a_bad_cases_document_lists_every_problem_with_its_path(
    document: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    before = copy.deepcopy(document)
    found = problems(document)
    assert [path for path, _ in found] == [path for path, _ in expected]
    for (_, message), (_, part) in zip(found, expected, strict=True):
        assert part in message
    assert document == before  # the input is not changed


def valid(value: object) -> dict[str, Any]:
    """The document of a valid value, to spoil in one place."""
    return to_json_dict(value)


def spoiled(document: dict[str, Any], path: str, value: object) -> dict[str, Any]:
    """A copy of ``document`` with the value at ``path`` ('hours.mon.0.start') replaced, or
    removed when ``value`` is ``...``."""
    out = copy.deepcopy(document)
    *parents, last = path.split(".")
    node: Any = out
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    if value is ...:
        del node[last]
    elif isinstance(node, list):
        node[int(last)] = value
    else:
        node[last] = value
    return out


DESK = BusinessCalendar.from_weekly(
    "Europe/Copenhagen", {"mon": [("08:00", "12:00"), ("13:00", "16:00")]}, name="desk"
)
STD = FeatureLevel("Standard", 1)
PRICES = PriceList({STD: Money(Decimal("1000"), "EUR")})
POLICY = attrs.evolve(EXPANDIT_POLICY, calendar=DESK)
NOTICE = FeeNoticeSent(dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC), Coverage.NEEDS_FEES)

VALUE_TABLE: list[tuple[str, object, dict[str, Any], str, str]] = [
    ("a date that is not one", Policy, spoiled(valid(POLICY), "effective_from", "2026-13-01"), "effective_from", "ISO 8601 date"),
    ("an unknown preset", Policy, spoiled(valid(POLICY), "calendar", "fr"), "calendar", "must be a calendar preset (dk, dk-xmas, de"),
    ("a pair that is not two", Policy, spoiled(valid(POLICY), "warning_thresholds", [0.5]), "warning_thresholds", "must be a list of 2 values"),
    ("the policy's own check", Policy, spoiled(valid(POLICY), "warning_thresholds", [0.9, 0.5]), "warning_thresholds", "Policy.warning_thresholds must be two fractions"),
    ("a boolean for hours", Policy, spoiled(valid(POLICY), "readings.0.duration.hours", True), "readings[0].duration.hours", "must be a number of hours"),
    ("a missing calendar", Policy, spoiled(valid(POLICY), "calendar", ...), "calendar", MISSING),
    ("money as a number", Money, spoiled(valid(Money(Decimal("2500.5"), "EUR")), "amount", 2500.5), "amount", 'write it as a string, e.g. "2500.5"'),
    ("money with a comma", Money, spoiled(valid(Money(Decimal("2500"), "EUR")), "amount", "2,500"), "amount", "written as a string such as '2500.00'"),
    ("a price without its price", PriceList, spoiled(valid(PRICES), "prices.0.price", ...), "prices[0].price", MISSING),
    ("a price with more", PriceList, spoiled(valid(PRICES), "prices.0.x", 1), "prices[0].x", "unknown field"),
    ("prices as text", PriceList, spoiled(valid(PRICES), "prices", "EUR 100"), "prices", "must be a list of"),
    ("a price as text", PriceList, spoiled(valid(PRICES), "prices.0", "EUR 100"), "prices[0]", "must be a price, an object with level, price"),
    ("a weekday misspelt", WorkingHours, spoiled(valid(DESK.hours), "monday", []), "monday", "unknown field; did you mean 'mon'?"),
    ("a weekday missing", WorkingHours, spoiled(valid(DESK.hours), "sun", ...), "sun", MISSING),
    ("a clock time without its zero", WorkingHours, spoiled(valid(DESK.hours), "mon.0.start", "8:00"), "mon[0].start", "wall-clock time"),
    ("a clock time past midnight", WorkingHours, spoiled(valid(DESK.hours), "mon.0.end", "24:01"), "mon[0].end", "between '00:00' and '24:00'"),
    ("a window inverted", WorkingHours, spoiled(valid(DESK.hours), "mon.0.end", "07:00"), "mon[0]", "ends before it starts"),
    ("windows that overlap", WorkingHours, spoiled(valid(DESK.hours), "mon.1.start", "11:00"), "", "overlaps"),
    ("hours as text", BusinessCalendar, spoiled(valid(DESK), "hours", "08:00-16:00"), "hours", "must be an object of weekdays to windows"),
    ("a zone misspelt", BusinessCalendar, spoiled(valid(DESK), "timezone", "Europe/Kopenhagen"), "", "IANA zone name"),
    ("an unknown holiday source", BusinessCalendar, spoiled(valid(DESK), "holidays.source", "XX"), "holidays.source", "workalendar has no calendar for 'XX'"),
    ("a holiday source as a number", BusinessCalendar, spoiled(valid(DESK), "holidays.source", 45), "holidays.source", "ISO code of a workalendar calendar"),
    ("a fraction over zero", BusinessHours, {**valid(BusinessHours(1)), "hours": "3/0"}, "hours", "a denominator above 0"),
    ("hours in words", BusinessHours, {**valid(BusinessHours(1)), "hours": "two"}, "hours", "must be a number of hours"),
    ("hours not finite", BusinessHours, {**valid(BusinessHours(1)), "hours": float("inf")}, "hours", "a finite number of hours"),
    ("a notice the domain refuses", FeeNoticeSent, spoiled(valid(NOTICE), "coverage", "unknown"), "coverage", "FeeNoticeSent.coverage must be"),
    ("a duration without its type", Duration, {"schema": SCHEMA_VERSION, "days": 3}, "type", "missing: say which kind of value this is, one of BusinessHours"),
    ("a duration of an unknown type", Duration, {"schema": SCHEMA_VERSION, "type": "Weeks", "weeks": 3}, "type", "got 'Weeks' (string)"),
    ("an event whose type is a number", CaseEvent, {"schema": SCHEMA_VERSION, "type": 3}, "type", "got 3 (number)"),
    ("an event whose type is a list", CaseEvent, {"schema": SCHEMA_VERSION, "type": ["Closed"]}, "type", "must be a string naming the kind of value, one of AcknowledgedInWriting, Replied, "),
    ("a duration whose type is an object", Duration, {"schema": SCHEMA_VERSION, "type": {"BusinessHours": 1}}, "type", "got {'BusinessHours': 1} (object)"),
    ("hours too long to read", BusinessHours, {**valid(BusinessHours(1)), "hours": 10**5000}, "hours", "must be a number of hours, got a number too long to read: at most 4300 digits are allowed"),
    ("a fraction too long to read", BusinessHours, {**valid(BusinessHours(1)), "hours": "1/" + "9" * 5000}, "hours", "has a number too long to read: 5000 digits, at most 4300 are allowed, got '1/999"),
    ("a span too long to read", ReportRow, spoiled(valid(ReportRow("MAIL-1", Channel.PHONE, "partner", 1, 0, 0, 0, [dt.timedelta(hours=1)], ["R-1"])), "times_to_meet.0", "PT" + "9" * 5000 + "H"), "times_to_meet[0]", "has a number too long to read: 5000 digits"),
    ("money too long to read", Money, spoiled(valid(Money(Decimal("2500.5"), "EUR")), "amount", 10**5000), "amount", "got a number of more than 4300 digits (number)"),
    ("a rank in words", FeatureLevel, {**valid(STD), "rank": "1"}, "rank", "must be a whole number, got '1' (string)"),
    ("a threshold in words", Policy, spoiled(valid(POLICY), "warning_thresholds", ["high", 0.9]), "warning_thresholds[0]", "must be a number, got 'high' (string)"),
    ("a threshold beyond a float", Policy, spoiled(valid(POLICY), "warning_thresholds", [10**400, 0.9]), "warning_thresholds[0]", "invalid value: int too large to convert to float"),
    ("a reading of days misspelt", BusinessDays, {**valid(BusinessDays(2)), "reading": "same time"}, "reading", "must be one of 'same_time', 'close_of_day', got 'same time' (string)"),
    ("a date as a number", Policy, spoiled(valid(POLICY), "effective_from", 20260101), "effective_from", "must be an ISO 8601 date such as '2026-03-06', got 20260101 (number)"),
    ("a long value, cut short", Policy, spoiled(valid(POLICY), "effective_from", "x" * 100), "effective_from", "got '" + "x" * 56 + "..."),
    ("a span of time in minutes", ReportRow, spoiled(valid(ReportRow("MAIL-1", Channel.PHONE, "partner", 1, 0, 0, 0, [dt.timedelta(hours=1)], ["R-1"])), "times_to_meet.0", 60), "times_to_meet[0]", "must be a span of time such as 'PT1H30M'"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "document", "path", "message"),
    [row[1:] for row in VALUE_TABLE],
    ids=[row[0] for row in VALUE_TABLE],
)
def test_a_bad_value_document_names_the_path_and_the_fix(
    kind: object, document: dict[str, Any], path: str, message: str
) -> None:
    with pytest.raises(InvalidDocumentError) as info:
        from_json_dict(kind, document)
    assert [p for p, _ in info.value.problems] == [path], info.value.problems
    assert message in info.value.problems[0][1]


def test_a_value_refused_by_its_own_check_is_reported_at_the_field_it_names() -> None:
    document = cases({"request": request(received_at="0001-06-01T00:00:00+00:00"), "events": []})
    [(path, message)] = problems(document)
    assert path == "cases[0].request.received_at"
    assert message.startswith("Request.received_at must lie between the years 2 and 9998")


def test_no_message_of_the_table_gives_pythons_own_hints() -> None:
    for _, kind, document, _, _ in VALUE_TABLE:
        with pytest.raises(InvalidDocumentError) as info:
            from_json_dict(kind, document)
        for _, message in info.value.problems:
            assert "sys.set_int_max_str_digits" not in message
            assert "unhashable" not in message


def test_every_base_document_of_the_table_is_valid() -> None:
    for value in (POLICY, PRICES, DESK, DESK.hours, NOTICE, Money(Decimal("2500.5"), "EUR")):
        assert from_json_dict(type(value), valid(value)) == value


def test_a_document_that_is_not_an_object_is_refused_at_its_root() -> None:
    data: object
    for data in ([], "cases", None, 3):
        with pytest.raises(InvalidDocumentError) as info:
            load_cases(data)
        assert info.value.problems[0][0] == ""
        assert "must be a JSON object" in info.value.problems[0][1]


def test_a_value_not_in_an_object_is_refused_at_its_root() -> None:
    with pytest.raises(InvalidDocumentError, match='document: must be a JSON object with "schema"'):
        from_json_dict(CaseEvent, [])
    with pytest.raises(InvalidDocumentError) as info:
        from_json_dict(Case, {"schema": SCHEMA_VERSION, "request": [], "events": []})
    assert info.value.problems == (
        (
            "request",
            "must be an object with the fields of Request (id, channel, kind, received_at, "
            "sender, party), got [] (array)",
        ),
    )


def test_another_schema_version_is_refused_alone() -> None:
    with pytest.raises(InvalidDocumentError) as info:
        load_cases({"schema": "expandit_policy/3", "cases": [{"nonsense": 1}]})
    assert [p for p, _ in info.value.problems] == ["schema"]
    assert (
        "reads 'expandit_policy/2' and 'expandit_policy/1' documents, got 'expandit_policy/3'"
        in str(info.value)
    )


def test_a_document_of_another_type_is_refused() -> None:
    with pytest.raises(InvalidDocumentError, match="the document holds a 'Closed' .string., not a Case"):  # fmt: skip
        from_json_dict(Case, {"schema": SCHEMA_VERSION, "type": "Closed", "at": "2026-03-02T10:00Z"})  # fmt: skip


def test_the_error_is_a_policy_error_and_a_value_error_that_keeps_every_problem() -> None:
    many = cases(*({"request": request(id=k), "events": []} for k in range(30)))
    with pytest.raises(ValueError, match=r"the document has 30 problems: cases\[0\]\.request\.id") as info:  # fmt: skip
        load_cases(many)
    error: BaseException = info.value
    assert isinstance(error, PolicyError)
    assert isinstance(error, InvalidDocumentError)
    assert len(error.problems) == 30
    assert str(error).endswith("; and 10 more (see .problems)")


def test_the_error_survives_pickling() -> None:
    import pickle

    error = InvalidDocumentError([("cases[0].id", "must be a string")])
    again = pickle.loads(pickle.dumps(error))
    assert again.problems == error.problems
    assert str(again) == str(error)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2026-03-02T09:00:00", "naive"),
        ("2026-03-02", "naive"),
        ("02/03/2026 09:00 +01:00", "not ISO 8601"),
        ("", "empty"),
    ],
)
def test_instants_without_an_offset_are_refused_wherever_they_are(text: str, reason: str) -> None:
    document = {"schema": SCHEMA_VERSION, "type": "Closed", "at": text, "reason": None}
    with pytest.raises(InvalidDocumentError) as info:
        from_json_dict(CaseEvent, document)
    assert [p for p, _ in info.value.problems] == ["at"], reason


def test_an_instant_with_z_or_an_offset_is_read_as_that_instant() -> None:
    event = from_json_dict(CaseEvent, {"schema": SCHEMA_VERSION, "type": "Closed", "at": "2026-03-02T08:00:00Z", "reason": None})  # fmt: skip
    assert event.at == dt.datetime(2026, 3, 2, 9, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert event.at.utcoffset() == dt.timedelta(0)


@pytest.mark.parametrize(
    "text",
    [
        "2026-03-02T09:00:00.123456789+01:00",
        "2026-03-02T09:00:00.1234567Z",
        "2026-03-02T09:00:00,1234567+01:00",
    ],
)
def test_an_instant_finer_than_a_microsecond_is_refused_not_truncated(text: str) -> None:
    document = {"schema": SCHEMA_VERSION, "type": "Closed", "at": text, "reason": None}
    with pytest.raises(InvalidDocumentError) as info:
        from_json_dict(CaseEvent, document)
    [(path, message)] = info.value.problems
    assert path == "at"
    assert message.startswith("must have at most 6 fractional digits of a second (microseconds)")


def test_an_instant_with_six_fractional_digits_is_read_exactly() -> None:
    document = {"schema": SCHEMA_VERSION, "type": "Closed", "at": "2026-03-02T09:00:00.123456+01:00", "reason": None}  # fmt: skip
    assert from_json_dict(CaseEvent, document).at.microsecond == 123456


def test_a_missing_field_and_an_unknown_one_are_reported_in_document_order() -> None:
    document = {"schema": SCHEMA_VERSION, "name": "Ada", "mail": "ada@acme.dk", "fee_earner": 1}
    with pytest.raises(InvalidDocumentError) as info:
        from_json_dict(Contact, document)
    assert info.value.problems == (
        ("email", MISSING),
        ("fee_earner", "must be true or false, got 1 (number)"),
        ("mail", "unknown field; did you mean 'email'? Contact has name, email, fee_earner"),
    )


def test_a_union_the_library_does_not_use_has_no_json_form() -> None:
    from expandit_policy._interchange._converter import CONVERTER

    neither: Any = int | str
    with pytest.raises(TypeError, match="no JSON form for the union"):
        CONVERTER.structure(1, neither)
    with pytest.raises(TypeError, match="no JSON form for the union"):
        CONVERTER.unstructure(1, neither)
