"""Domain values under hostile input: text that cannot be encoded or printed, and money at the
edges of its documented bounds."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable
from decimal import Decimal

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
    Money,
    Partner,
    PolicyError,
    Product,
    Request,
    RequestKind,
    Reseller,
    ServiceTeam,
    SoftwareAssuranceTerm,
    StaffMember,
    WrongTypeError,
)
from expandit_policy._domain import _checks
from expandit_policy._domain._money import MAX_DECIMAL_PLACES, MAX_WHOLE_DIGITS

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


# -- money: exact within documented bounds ------------------------------------------------------


def test_money_subtracts_exactly_beyond_the_default_decimal_precision() -> None:
    big = Money(Decimal("1234567890123456789012345678.91"), "EUR")
    assert big - Money(Decimal("0.01"), "EUR") == Money(
        Decimal("1234567890123456789012345678.90"), "EUR"
    )
    assert (big + Money(Decimal("0.01"), "EUR")).amount == Decimal(
        "1234567890123456789012345678.92"
    )


def test_money_is_exact_whatever_the_callers_decimal_context() -> None:
    with decimal.localcontext(decimal.Context(prec=3, traps=[])):
        total = Money(Decimal("12345.67"), "DKK") + Money(Decimal("0.01"), "DKK")
    assert total.amount == Decimal("12345.68")


LARGEST = Decimal("9" * MAX_WHOLE_DIGITS + "." + "9" * MAX_DECIMAL_PLACES)
# Written out, not negated: -LARGEST would be rounded to the default context's 28 digits.
SMALLEST = Decimal("-" + str(LARGEST))
#: A context wide enough to compute the expected results exactly in the tests themselves.
WIDE = decimal.Context(prec=80, traps=[decimal.Inexact])


@pytest.mark.parametrize(
    "amount",
    [LARGEST, SMALLEST, Decimal("1E+29"), Decimal("0.0001"), Decimal("0E-4"), 10**30 - 1],
    ids=str,
)
def test_money_takes_amounts_at_its_bounds(amount: Decimal | int) -> None:
    assert Money(amount, "EUR").amount == amount


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (Decimal(10**30), r"at most 30 digits before the decimal point .*which has 31"),
        (-(10**30), r"at most 30 digits before the decimal point .*which has 31"),
        (Decimal("1E+30"), r"at most 30 digits before the decimal point"),
        (Decimal("0.00001"), r"at most 4 digits after the decimal point.*which has 5; round it"),
        (Decimal("1.00000"), r"at most 4 digits after the decimal point"),
        (Decimal("1" * 4300), r"at most 30 digits .*\(4300 characters\), which has 4300"),
        (Decimal("1E-999999"), r"at most 4 digits after the decimal point"),
    ],
    ids=["10**30", "-10**30", "1E+30", "5 places", "trailing zeros", "4300 digits", "1E-999999"],
)
def test_money_refuses_amounts_past_its_bounds(amount: Decimal | int, message: str) -> None:
    with pytest.raises(InvalidValueError, match=r"^Money\.amount must have " + message):
        Money(amount, "EUR")


def test_a_sum_past_the_bounds_is_refused_not_rounded() -> None:
    with pytest.raises(InvalidValueError, match="at most 30 digits before the decimal point"):
        Money(LARGEST, "EUR") + Money(Decimal("0.0001"), "EUR")


AMOUNTS = st.decimals(min_value=SMALLEST, max_value=LARGEST, places=MAX_DECIMAL_PLACES)


@given(AMOUNTS, AMOUNTS)
def test_money_subtraction_undoes_addition_exactly(a: Decimal, b: Decimal) -> None:
    x, y = Money(a, "EUR"), Money(b, "EUR")
    with decimal.localcontext(WIDE):
        total, difference = a + b, a - b
    if total.copy_abs() <= LARGEST:
        assert (x + y).amount == total
        assert ((x + y) - y).amount == a
    if difference.copy_abs() <= LARGEST:
        assert (x - y).amount == difference


def test_free_text_may_be_empty_or_span_lines_but_holds_no_lone_surrogate() -> None:
    assert _checks.check_free_text("", "Closure.reason") == ""
    assert _checks.check_free_text("a\nb\tc", "Closure.reason") == "a\nb\tc"
    with pytest.raises(InvalidValueError, match=r"^Closure\.reason must be text without lone"):
        _checks.check_free_text("ok \ud83d", "Closure.reason")
    with pytest.raises(WrongTypeError, match=r"^Closure\.reason must be a str, got 3 \(int\)"):
        _checks.check_free_text(3, "Closure.reason")
