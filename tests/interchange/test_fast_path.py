"""The fast path of ``load_cases``: a case of a current document that holds nothing unusual is
read without running the values' validators again. It must read exactly what the general path
reads, and leave everything else (every problem, every unusual but valid form) to it."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import json
import pathlib
import sys
from collections.abc import Iterator
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expandit_policy import (
    SCHEMA_VERSION,
    Case,
    Closed,
    InvalidCaseError,
    InvalidDocumentError,
    Mailbox,
    Replied,
    Request,
    dump_cases,
    load_cases,
    to_json_dict,
)
from expandit_policy._checks import builder, builder_fields
from expandit_policy._domain._case import in_order
from expandit_policy._interchange import _converter
from expandit_policy._interchange._converter import CONVERTER, fast_case
from expandit_policy._interchange._versions import added_fields
from expandit_policy._time import to_us
from tests.budget import share
from tests.interchange.mutations import mutations, realise

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "benchmarks"))
import bench_assess  # the benchmark's mix of cases, found on the path above

GENERAL = _converter._attrs_hook(Case, CONVERTER)
"""The general path alone, as the converter builds it for any value type."""


def same(fast: object, general: object) -> None:
    """The same value, down to the type and zone of each instant and the kind of each
    collection (``==`` alone would take a list for a tuple, and an instant in another zone for
    the same one)."""
    assert type(fast) is type(general)
    assert repr(fast) == repr(general)
    assert to_json_dict(fast) == to_json_dict(general)


def one_case(case: Case) -> dict[str, Any]:
    """The JSON form of ``case`` in a batch, as plain JSON values."""
    document: dict[str, Any] = json.loads(json.dumps(dump_cases([case])))
    return document["cases"][0]  # type: ignore[no-any-return]


@contextlib.contextmanager
def general_path_only() -> Iterator[None]:
    """``load_cases`` without the fast path."""

    def declined(value: object) -> Any:
        raise _converter._SlowPathError

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_converter._fast_cases(), "case", declined)
        yield


def outcome(document: object) -> object:
    """What ``load_cases`` makes of ``document``: the cases' JSON form, or every problem."""
    try:
        return dump_cases(load_cases(document))
    except InvalidDocumentError as error:
        return error.problems


# -- it reads what the general path reads ------------------------------------------------------


def test_the_fast_path_reads_every_case_of_the_benchmark_mix_as_the_general_path_does() -> None:
    cases = bench_assess.generate(300, seed=7)
    for case in cases:
        document = one_case(case)
        read = fast_case(document)
        assert read is not None, document  # the common case takes the fast path
        same(read, GENERAL(document, Case))
        assert read == case


@settings(max_examples=share(1.0), suppress_health_check=[HealthCheck.too_slow])
@given(st.from_type(Case))
def test_a_case_the_fast_path_reads_is_the_one_the_general_path_reads(case: Case) -> None:
    document = one_case(case)
    read = fast_case(document)
    if read is not None:
        same(read, GENERAL(document, Case))


@settings(
    max_examples=share(2.0, at_least=100),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    deadline=None,
)
@given(st.data())
def test_a_mutated_case_is_read_by_the_fast_path_only_as_the_general_path_reads_it(
    data: st.DataObject,
) -> None:
    case = data.draw(st.sampled_from(bench_assess.generate(40, seed=3)) | st.from_type(Case))
    document = realise(data.draw(mutations(one_case(case))))
    read = fast_case(document)
    if read is not None:  # then the general path reads it too, to the same value
        same(read, GENERAL(document, Case))


@settings(
    max_examples=share(1.0, at_least=50),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    deadline=None,
)
@given(st.data())
def test_a_mutated_batch_gives_the_same_cases_or_the_same_problems_either_way(
    data: st.DataObject,
) -> None:
    cases = data.draw(st.lists(st.sampled_from(bench_assess.generate(40, seed=5)), max_size=3))
    document = realise(data.draw(mutations(dump_cases(cases))))
    fast = outcome(document)
    with general_path_only():
        assert outcome(document) == fast


# -- what it leaves to the general path --------------------------------------------------------

READABLE = bench_assess.generate(1, seed=1)[0]


def edited(path: tuple[str | int, ...], value: object) -> dict[str, Any]:
    """The case READABLE's JSON form with the value at ``path`` replaced."""
    document = one_case(
        READABLE.with_event(Closed(READABLE.request.received_at + dt.timedelta(days=40)))
    )
    node: Any = document
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return document


@pytest.mark.parametrize(
    ("path", "value"),
    [
        # unusual but valid: read by the general path, to the same value
        (("request", "received_at"), "2026-03-02T09:00:00.250000+01:00"),  # a fraction
        (("request", "received_at"), "2026-03-02T09:00:00,5+01:00"),  # a decimal comma
        (("request", "id"), "Sag æ-1"),  # printable, not ASCII: still plain
        (("request", "id"), "R\u00a01"),  # a no-break space: not printable, yet an identifier
        (("request", "sender", "name"), "Ada\u00a0Jensen"),
        (("request", "party", "identifier"), "C\u00a07"),
        (("events", -1, "at"), "2026-04-20T12:00:00Z"),
        (("request", "party", "contacts"), ()),  # a tuple where JSON has a list
    ],
)
def test_an_unusual_but_valid_value_is_read_by_the_general_path_to_the_same_case(
    path: tuple[str | int, ...], value: object
) -> None:
    document = edited(path, value)
    general = GENERAL(document, Case)
    read = fast_case(document)
    if read is not None:
        same(read, general)
    same(load_cases({"schema": SCHEMA_VERSION, "cases": [document]})[0], general)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("request", "received_at"), "0002-01-01T00:00:00+00:00"),  # before the engine's years
        (("request", "received_at"), "2026-03-02T09:00:00.1234567+01:00"),  # 7 digits
        (("request", "received_at"), "2026-03-02T09:00:00"),  # naive
        (("request", "id"), "R-1\x1b[2J"),
        (("request", "id"), " "),
        (("request", "id"), "R-\ud800"),
        (("request", "sender", "email"), "ada@acme"),
        (("request", "sender", "fee_earner"), 1),
        (("request", "channel"), "SUPPORT_MAILBOX"),
        (("request", "party", "type"), "Case"),
        (("request", "party", "identifier"), ""),
        (("events", -1, "reason"), "DUPLICATE"),
        (("events", -1, "at"), "2026-03-01T00:00:00+01:00"),  # before the request
        (("events", -1, "type"), "Reopened"),  # a reopen without a close
        (("events", -1, "type"), ["Closed"]),  # a tag that is not text (nor hashable)
        (("events",), {}),
        (("events", -1, "extra"), None),  # an unknown key
        (("request", "sender", "email"), ["ada@acme.dk"]),  # not text (nor hashable)
        (("request", "party", "name"), {"name": "Acme"}),
        (("request", "party", "identifier"), ["C-7"]),
        (("request", "sender"), {"name": "Ada", "email": "ada@acme.dk"}),  # a key missing
        (("request", "party", "extra"), None),
        (("request", "channel"), "written complaint"),  # a written complaint must be one
        (
            ("events", -1),
            {
                "type": "FeeNoticeSent",
                "at": "2026-04-20T12:00:00+02:00",
                "coverage": "needs extra fees",
                "note": "EUR \udc80",
            },
        ),
        (
            ("events", -1),
            {
                "type": "FeeNoticeSent",
                "at": "2026-04-20T12:00:00+02:00",
                "coverage": "never charged",
                "note": "",
            },
        ),
    ],
)
def test_a_problem_is_reported_by_the_general_path_with_the_same_words(
    path: tuple[str | int, ...], value: object
) -> None:
    document = {"schema": SCHEMA_VERSION, "cases": [edited(path, value)]}
    assert fast_case(document["cases"][0]) is None
    with pytest.raises(InvalidDocumentError) as fast:
        load_cases(document)
    with general_path_only(), pytest.raises(InvalidDocumentError) as general:
        load_cases(document)
    assert fast.value.problems == general.value.problems
    assert fast.value.problems[0][0].startswith("cases[0].")


REPLY = {
    "type": "Replied",
    "at": "2026-04-20T12:00:00+02:00",
    "from_mailbox": {"kind": "support", "address": "support@expandit.com"},
    "to": ["ada@acme.dk"],
    "cc": [],
}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("to", []),
        ("to", ["ada@acme"]),
        ("to", [["ada@acme.dk"]]),  # not text (nor hashable)
        ("cc", ["ada @acme.dk"]),
        ("cc", ["ada@acme.dk", 7]),
    ],
)
def test_a_reply_the_constructor_refuses_is_left_to_the_general_path(
    field: str, value: object
) -> None:
    document = one_case(READABLE)
    document["events"] = [dict(REPLY)]
    assert fast_case(document) is not None  # the reply as it is: read fast
    document["events"][-1][field] = value
    assert fast_case(document) is None
    with pytest.raises(InvalidDocumentError):
        load_cases({"schema": SCHEMA_VERSION, "cases": [document]})


def test_a_document_of_the_older_schema_takes_the_general_path() -> None:
    document = one_case(READABLE)
    objects: list[tuple[dict[str, Any], type]] = [
        (document["request"], Request),
        (document["request"]["party"], type(READABLE.request.party)),
        *((d, type(e)) for d, e in zip(document["events"], READABLE.events, strict=True)),
    ]
    for value, kind in objects:
        for name in added_fields(kind, 1):
            del value[name]
    (read,) = load_cases({"schema": "expandit_policy/1", "cases": [document]})
    assert read == READABLE
    assert fast_case(one_case(READABLE)) is not None  # the same case in the current form


# -- the pieces ---------------------------------------------------------------------------------


#: The value types a builder builds (as ``unchecked``, it takes no default made by a factory).
WITHOUT_FACTORIES = [
    kind
    for kind in _converter.value_types()
    if not any(isinstance(f.default, attrs.Factory) for f in attrs.fields(kind))  # type: ignore[arg-type]
]


@settings(max_examples=share(2.0), suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(WITHOUT_FACTORIES).flatmap(st.from_type))
def test_a_builder_builds_what_the_class_builds_from_the_same_fields(value: Any) -> None:
    kind = type(value)
    fields = {name: getattr(value, name) for name in builder_fields(kind)}
    built = builder(kind)(**fields)
    assert type(built) is kind and repr(built) == repr(value)
    assert builder(kind)(*fields.values()) == built  # in field order too
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(built, builder_fields(kind)[0], None)  # still frozen


@settings(max_examples=share(1.0))
@given(st.from_type(Case))
def test_the_log_check_passes_a_sound_log_on_microseconds_and_fixed_offsets(
    case: Case,
) -> None:
    events = case.events
    received = case.request.received_at
    assert in_order(to_us(received), events, [to_us(e.at) for e in events])
    # as the reader passes them: datetimes with a fixed offset, as ISO text is read
    assert in_order(fixed(received), events, [fixed(e.at) for e in events])


def fixed(t: dt.datetime) -> dt.datetime:
    """The moment ``t`` with its offset as a fixed one."""
    offset = t.utcoffset()
    assert offset is not None
    return t.astimezone(dt.timezone(offset))


LOGS = [
    # events after a request at 09:00 (hours), and whether the log is sound
    ([("Closed", 10), ("Replied", 11)], False),
    ([("Closed", 10), ("Reopened", 11), ("Replied", 12)], True),
    ([("Reopened", 10)], False),
    ([("Replied", 8)], False),
    ([("Replied", 11), ("Closed", 10)], False),
    ([("Replied", 10), ("Closed", 10)], True),
    ([("Closed", 10), ("Closed", 11), ("Reopened", 12), ("Reopened", 13)], False),
]


@pytest.mark.parametrize(("log", "sound"), LOGS)
def test_the_log_check_by_hand(log: list[tuple[str, int]], sound: bool) -> None:
    document = one_case(READABLE)
    document["events"] = []
    for name, hour in log:
        event: dict[str, Any] = {"type": name, "at": f"2026-03-02T{hour:02d}:00:00+01:00"}
        if name == "Replied":
            event |= {"from_mailbox": {"kind": "support", "address": "support@expandit.com"},
                      "to": ["ada@acme.dk"], "cc": []}  # fmt: skip
        if name == "Closed":
            event["reason"] = None
        document["events"].append(event)
    document["request"]["received_at"] = "2026-03-02T09:00:00+01:00"
    read = fast_case(document)
    assert (read is not None) is sound
    if sound:
        same(read, GENERAL(document, Case))
    else:
        with pytest.raises(InvalidDocumentError):
            load_cases({"schema": SCHEMA_VERSION, "cases": [document]})


@attrs.frozen
class LateClosed(Closed):
    """A close of the user's own kind: the log check asks what it derives from."""


def test_an_event_of_a_derived_class_counts_as_its_base() -> None:
    t = pendulum.datetime(2026, 3, 2, 10, tz="Europe/Copenhagen")
    request = attrs.evolve(READABLE.request, received_at=t)
    log = (LateClosed(t), Replied(t.add(hours=1), Mailbox.support(), ["ada@acme.dk"]))
    assert not in_order(request.received_at, log, [e.at for e in log])
    with pytest.raises(InvalidCaseError, match="a reply after the case was closed"):
        Case(request, log)
    assert Case(request, log[:1]).events == log[:1]


# -- the collector -----------------------------------------------------------------------------


@pytest.mark.parametrize("enabled", [True, False])
@pytest.mark.parametrize("valid", [True, False])
def test_loading_leaves_the_cycle_collector_as_it_found_it(enabled: bool, valid: bool) -> None:
    document = {"schema": SCHEMA_VERSION, "cases": [one_case(READABLE) if valid else {}]}
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        with contextlib.suppress(InvalidDocumentError):
            load_cases(document)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_parties_of_the_same_name_keep_their_own_contacts_and_identifiers() -> None:
    base = one_case(READABLE)
    variants = []
    for contacts, identifier in [([], None), ([base["request"]["sender"]], None), ([], "C-7")]:
        document = json.loads(json.dumps(base))
        document["request"]["party"] |= {"name": "Acme", "contacts": contacts, "identifier": identifier}  # fmt: skip
        variants.append(document)
    batch = {"schema": SCHEMA_VERSION, "cases": variants * 2}
    read = load_cases(batch)
    with general_path_only():
        expected = load_cases(batch)
    assert [repr(c) for c in read] == [repr(c) for c in expected]
    parties = [c.request.party for c in read]
    assert len({(p.contacts, p.identifier) for p in parties}) == 3
    assert parties[0] is parties[3]  # the same text: the same value, kept once


@pytest.mark.parametrize(
    ("received", "at", "sound"),
    [
        # the hour that repeats in Copenhagen: wall times in reverse, moments in order
        ("2020-10-25T02:59:59+02:00", "2020-10-25T02:00:00+01:00", True),
        ("2020-10-25T02:00:00+01:00", "2020-10-25T02:59:59+02:00", False),
        ("2026-03-02T09:00:00Z", "2026-03-02T09:30:00+01:00", False),
        ("2026-03-02T09:00:00Z", "2026-03-02T10:00:00+01:00", True),
    ],
)
def test_the_fast_path_orders_instants_by_the_moment_across_offsets(
    received: str, at: str, sound: bool
) -> None:
    document = one_case(READABLE)
    document["request"]["received_at"] = received
    document["events"] = [{"type": "Resolved", "at": at}]
    assert (fast_case(document) is not None) is sound
    if sound:
        same(fast_case(document), GENERAL(document, Case))
    else:
        with pytest.raises(InvalidDocumentError, match="before the request was received"):
            load_cases({"schema": SCHEMA_VERSION, "cases": [document]})
