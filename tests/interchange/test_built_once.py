"""Small values that a batch repeats (contacts, mailboxes) are built and checked once per text:
the value read is the same as building it anew, and what is refused stays refused."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from expandit_policy import (
    SCHEMA_VERSION,
    Contact,
    InvalidDocumentError,
    Mailbox,
    Money,
    from_json_dict,
    to_json_dict,
)
from expandit_policy._interchange import _converter


def contact(**fields: Any) -> dict[str, Any]:
    return {"schema": SCHEMA_VERSION, "name": "Ada", "email": "ada@acme.dk", "fee_earner": False, **fields}  # fmt: skip


def test_a_contact_read_twice_is_equal_to_one_built_anew() -> None:
    first = from_json_dict(Contact, contact())
    assert from_json_dict(Contact, contact()) == first == Contact("Ada", "ada@acme.dk")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("fee_earner", 0, "must be true or false, got 0 (number)"),
        ("fee_earner", 1, "must be true or false, got 1 (number)"),
        ("email", "ada@", "Contact.email must be an e-mail address"),
    ],
)
def test_a_value_refused_stays_refused_after_a_like_one_was_read(
    field: str, value: object, message: str
) -> None:
    from_json_dict(Contact, contact(fee_earner=True))
    from_json_dict(Contact, contact(fee_earner=False))
    for _ in range(2):
        with pytest.raises(InvalidDocumentError) as caught:
            from_json_dict(Contact, contact(**{field: value}))
        ((path, said),) = caught.value.problems
        assert path == field and said.startswith(message), said


def test_only_values_of_text_truth_values_and_enumerations_are_kept() -> None:
    assert _converter._of_scalars(Contact) and _converter._of_scalars(Mailbox)
    assert not _converter._of_scalars(Money)


def test_more_values_than_are_kept_still_read_right() -> None:
    for k in range(_converter._BUILT_ONCE + 10):
        email = f"p{k}@acme.dk"
        assert from_json_dict(Contact, contact(email=email)) == Contact("Ada", email)


@given(st.from_type(Contact), st.from_type(Contact))
def test_contacts_read_in_any_order_are_the_contacts_written(a: Contact, b: Contact) -> None:
    for value in (a, b, a, b):
        assert from_json_dict(Contact, to_json_dict(value)) == value
