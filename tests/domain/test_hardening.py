"""Domain values under hostile input: text that cannot be encoded or printed, and money at the
edges of its documented bounds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from expandit_policy import (
    Benefit,
    Channel,
    Contact,
    EndCustomer,
    FeatureLevel,
    Grant,
    InvalidValueError,
    Licence,
    Mailbox,
    MailboxKind,
    Partner,
    PolicyError,
    Product,
    Request,
    RequestKind,
    Reseller,
    ServiceTeam,
    SoftwareAssuranceTerm,
    StaffMember,
)

T = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen")
ADA = Contact("Ada Jensen", "ada@acme.dk")
ACME = EndCustomer("Acme", [ADA])
COMMERCE = Product.ranked("Commerce", "Standard")


def _request(request_id: str) -> Request:
    return Request(request_id, Channel.SUPPORT_MAILBOX, RequestKind.QUESTION, T, ADA, ACME)


#: Every identifier-like field, built with the given text in it.
IDENTIFIERS: dict[str, Callable[[str], object]] = {
    "Request.id": _request,
    "Contact.name": lambda s: Contact(s, "ada@acme.dk"),
    "Contact.email": lambda s: Contact("Ada", f"ada{s}@acme.dk"),
    "Partner.name": Partner,
    "Reseller.name": Reseller,
    "EndCustomer.name": EndCustomer,
    "StaffMember.name": lambda s: StaffMember(s, "kim@expandit.com", ServiceTeam.SUPPORT),
    "StaffMember.email": lambda s: StaffMember("Kim", f"kim{s}@expandit.com", ServiceTeam.SALES),
    "Mailbox.address": lambda s: Mailbox(MailboxKind.PERSONAL, f"kim@expandit{s}.com"),
    "FeatureLevel.name": lambda s: FeatureLevel(s, 1),
    "Product.name": lambda s: Product.ranked(s, "Standard"),
    "Licence.version": lambda s: Licence(COMMERCE, COMMERCE.levels[0], ACME, version=s),
}

#: Characters that rewrite a terminal or break a line: ESC, BEL, CR, LF, NUL, DEL, a C1 control
#: (CSI), and the Unicode line and paragraph separators.
CONTROLS = ["\x1b", "\x07", "\r", "\n", "\x00", "\x7f", "\x9b", "\u2028", "\u2029"]


@pytest.mark.parametrize("field", list(IDENTIFIERS))
def test_an_identifier_with_a_lone_surrogate_is_refused_when_built(field: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        IDENTIFIERS[field]("R-\ud800x")
    message = str(caught.value)
    assert message.startswith(f"{field} must be text without lone surrogates")
    assert "got '\\ud800' at position" in message
    message.encode("utf-8")  # the message itself can be written out


@pytest.mark.parametrize("char", CONTROLS, ids=[hex(ord(c)) for c in CONTROLS])
@pytest.mark.parametrize("field", list(IDENTIFIERS))
def test_an_identifier_with_a_control_character_is_refused_and_shown_escaped(
    field: str, char: str
) -> None:
    with pytest.raises(InvalidValueError) as caught:
        IDENTIFIERS[field](f"x{char}y")
    message = str(caught.value)
    assert message.startswith(f"{field} must not contain control characters or line breaks")
    assert f"got {char!r} at position" in message
    assert char not in message  # shown escaped, never raw
    assert isinstance(caught.value, PolicyError | ValueError)


def test_the_request_id_of_the_issue_is_refused() -> None:
    with pytest.raises(InvalidValueError, match=r"Request\.id must be text without lone"):
        _request("R-\ud800")


@pytest.mark.parametrize("field", list(IDENTIFIERS))
def test_identifiers_keep_letters_of_any_script_tabs_aside(field: str) -> None:
    # Accents, other scripts and symbols are text, not controls.
    IDENTIFIERS[field]("Åse-Ølund_Σ")


@given(st.text(st.characters(categories=["Cc", "Cs", "Zl", "Zp"]), min_size=1))
def test_no_control_or_surrogate_reaches_a_request_id(bad: str) -> None:
    with pytest.raises(InvalidValueError):
        _request("R-" + bad)


def test_a_free_text_reason_keeps_its_line_breaks_but_not_surrogates() -> None:
    term = SoftwareAssuranceTerm(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    licence = Licence(COMMERCE, COMMERCE.levels[0], ACME, sa_term=term)
    benefits = {Benefit.RELEASES}
    assert "\n" in Grant(licence, benefits, "ENT-1: first line\nsecond line").reason
    with pytest.raises(InvalidValueError, match=r"Grant\.reason must be text without lone"):
        Grant(licence, benefits, "ENT-1: half \udc80 a pair")
