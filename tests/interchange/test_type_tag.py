"""Where a document's "type" is required, where it may be left out, and where it is refused
(docs/interchange.md, "Where "type" is required"), for every value type and every union."""

from __future__ import annotations

from typing import Any, get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from expandit_policy import (
    SCHEMA_VERSION,
    Calendar,
    Case,
    CaseEvent,
    Duration,
    InvalidDocumentError,
    Party,
    from_json_dict,
    to_json_dict,
)
from expandit_policy._interchange._converter import value_types

TYPES = value_types()

UNIONS: dict[str, Any] = {
    "CaseEvent": CaseEvent,
    "Party": Party,
    "Duration": Duration,
    "Calendar": Calendar,
}


def untagged(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "type"}


@settings(max_examples=60)
@given(st.sampled_from(TYPES).flatmap(st.from_type))
def test_a_document_read_as_its_class_may_leave_out_the_type(value: object) -> None:
    document = to_json_dict(value)
    assert document["type"] == type(value).__name__  # the writer always puts it
    assert from_json_dict(type(value), untagged(document)) == value


@settings(max_examples=60)
@given(st.sampled_from(TYPES).flatmap(st.from_type))
def test_a_type_at_the_top_must_name_the_class_it_is_read_as(value: object) -> None:
    other = next(t for t in TYPES if t is not type(value))
    with pytest.raises(InvalidDocumentError) as caught:
        from_json_dict(type(value), {**to_json_dict(value), "type": other.__name__})
    assert caught.value.problems == (
        ("type", f"the document holds a {other.__name__!r} (string), not a {type(value).__name__}"),
    )


@pytest.mark.parametrize("name", UNIONS)
@settings(max_examples=30)
@given(data=st.data())
def test_a_document_read_as_a_union_needs_its_type(name: str, data: st.DataObject) -> None:
    union = UNIONS[name]
    value = data.draw(st.from_type(union))
    document = to_json_dict(value)
    assert from_json_dict(union, document) == value
    with pytest.raises(InvalidDocumentError) as caught:
        from_json_dict(union, untagged(document))
    members = ", ".join(m.__name__ for m in get_args(union))
    assert caught.value.problems == (
        ("type", f"missing: say which kind of value this is, one of {members}"),
    )


def event_document() -> dict[str, Any]:
    return {"type": "Closed", "at": "2026-03-09T15:30:00+01:00", "reason": None}


def case_document(**request: Any) -> dict[str, Any]:
    sender = {"name": "Ada", "email": "ada@acme.dk", "fee_earner": False}
    party = {"type": "EndCustomer", "name": "Acme", "contacts": [dict(sender)], "identifier": None}
    return {
        "schema": SCHEMA_VERSION,
        "request": {
            "id": "R-1",
            "channel": "phone",
            "kind": "question",
            "received_at": "2026-03-09T09:00:00+01:00",
            "sender": sender,
            "party": party,
            **request,
        },
        "events": [event_document()],
    }


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        pytest.param(
            lambda d: d["request"]["party"].pop("type"),
            "request.party.type",
            "missing: say which kind of value this is, one of Partner, Reseller, EndCustomer",
            id="a party (a union) without its type",
        ),
        pytest.param(
            lambda d: d["events"][0].pop("type"),
            "events[0].type",
            "missing: say which kind of value this is, one of",
            id="an event (a union) without its type",
        ),
        pytest.param(
            lambda d: d["request"].update(type="Request"),
            "request.type",
            "unknown field; Request has id, channel, kind, received_at, sender, party",
            id="a request (one class) with a type",
        ),
        pytest.param(
            lambda d: d["request"]["sender"].update(type="Contact"),
            "request.sender.type",
            "unknown field; Contact has name, email, fee_earner",
            id="a contact (one class) with a type",
        ),
    ],
)  # fmt: skip
def test_inside_a_document_the_type_is_required_in_a_union_and_refused_elsewhere(
    change: Any, path: str, message: str
) -> None:
    document = case_document()
    assert from_json_dict(Case, document).request.id == "R-1"
    change(document)
    with pytest.raises(InvalidDocumentError) as caught:
        from_json_dict(Case, document)
    ((where, said),) = caught.value.problems
    assert where == path and said.startswith(message)
