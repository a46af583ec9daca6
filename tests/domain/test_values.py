"""The domain values: frozen, equal by value, hashable, picklable, changed with attrs.evolve; bad
input raises a typed error whose message names the field, the expected form and the value."""

# The table of bad input passes values of the wrong type on purpose.
# mypy: disable-error-code="arg-type, list-item, operator"

from __future__ import annotations

import copy
import datetime as dt
import pickle
from collections.abc import Callable
from decimal import Decimal

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from expandit_policy import (
    AcknowledgedInWriting,
    Benefit,
    Case,
    Channel,
    Contact,
    Coverage,
    CoverageDecision,
    CurrencyMismatchError,
    Decision,
    EndCustomer,
    Entitlements,
    FeatureLevel,
    FeeNoticeSent,
    Grant,
    InvalidValueError,
    Licence,
    LoggedUnderMailbox,
    Mailbox,
    MailboxKind,
    Money,
    NaiveDatetimeError,
    Partner,
    PolicyError,
    PriceList,
    Product,
    Replied,
    Request,
    RequestKind,
    Reseller,
    ServiceTeam,
    SoftwareAssuranceTerm,
    StaffMember,
    UnknownFeatureLevelError,
    WrongTypeError,
    entitlements,
    escrow_access,
    strategies,
    upgrade_price,
)

CPH = "Europe/Copenhagen"
T = pendulum.datetime(2026, 3, 2, 9, tz=CPH)
DAY = dt.date(2026, 3, 2)
ADA = Contact("Ada Jensen", "ada@acme.dk")
ACME = EndCustomer("Acme", [ADA])
NORDIC = Partner("Nordic Partner")
COMMERCE = Product.ranked("Commerce", "Standard", "Professional")
STD, PRO = COMMERCE.levels
SA = SoftwareAssuranceTerm(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
LICENCE = Licence(COMMERCE, PRO, NORDIC, ACME, SA, "2026.1")
REQUEST = Request("R-1", Channel.SUPPORT_MAILBOX, RequestKind.FIX, T, ADA, ACME)

VALUES = {
    "Contact": ADA,
    "Partner": NORDIC,
    "Reseller": Reseller("Shop & Co", (ADA,)),
    "EndCustomer": ACME,
    "StaffMember": StaffMember("Kim Berg", "kim@expandit.com", ServiceTeam.SUPPORT),
    "Mailbox": Mailbox.support(),
    "FeatureLevel": STD,
    "Product": COMMERCE,
    "SoftwareAssuranceTerm": SA,
    "Licence": LICENCE,
    "Money": Money(Decimal("12.50"), "EUR"),
    "PriceList": PriceList({STD: Money(1, "EUR"), PRO: Money(2, "EUR")}),
    "Decision": Decision(True, "ENT-3", ["ENT-3: granted"]),
    "Grant": Grant(LICENCE, {Benefit.RELEASES}, "ENT-1: active"),
    "Entitlements": entitlements(ACME, [LICENCE], DAY),
    "CoverageDecision": CoverageDecision(Coverage.NO_CHARGE, ["COM-5: a quote"]),
    "Request": REQUEST,
    "Replied": Replied(T, Mailbox.support(), ["ada@acme.dk"]),
    "FeeNoticeSent": FeeNoticeSent(T, Coverage.NEEDS_FEES, "EUR 150 an hour"),
    "LoggedUnderMailbox": LoggedUnderMailbox(T, Mailbox.sales()),
    "Case": Case(REQUEST, [AcknowledgedInWriting(T)]),
}


@pytest.mark.parametrize("value", VALUES.values(), ids=VALUES.keys())
def test_values_are_frozen_hashable_picklable_and_equal_by_value(value: object) -> None:
    assert attrs.has(type(value))
    assert pickle.loads(pickle.dumps(value)) == value
    assert hash(copy.deepcopy(value)) == hash(value)
    assert attrs.evolve(value) == value  # type: ignore[misc]
    name = attrs.fields(type(value))[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(value, name, None)


def test_collections_become_tuples_and_inputs_are_not_mutated() -> None:
    contacts = [ADA]
    partner = Partner("Nordic", contacts)
    contacts.append(Contact("Bo Holm", "bo@nordic.dk"))
    assert partner.contacts == (ADA,)
    to, cc = ["ada@acme.dk"], ["support@expandit.com"]
    replied = Replied(T, Mailbox.support(), to, cc)
    assert replied.to == ("ada@acme.dk",) and to == ["ada@acme.dk"]
    assert Grant(LICENCE, [Benefit.RELEASES], "ENT-1: x").benefits == frozenset({Benefit.RELEASES})


def test_evolve_validates_again() -> None:
    with pytest.raises(InvalidValueError, match="end must be on or after start"):
        attrs.evolve(SA, end=dt.date(2025, 1, 1))
    assert attrs.evolve(SA, end=dt.date(2027, 12, 31)).is_active(dt.date(2027, 6, 1))


def test_levels_order_by_rank_and_products_sort_them() -> None:
    assert Product("P", [FeatureLevel("High", 5), FeatureLevel("Low", 1)]).levels[0].name == "Low"
    assert max(STD, PRO) == PRO


def test_money_arithmetic_is_exact() -> None:
    assert Money(Decimal("0.10"), "EUR") + Money(Decimal("0.20"), "EUR") == Money(
        Decimal("0.30"), "EUR"
    )
    assert str(Money(7, "DKK")) == "DKK 7"


def test_mailboxes_and_staff() -> None:
    kim = VALUES["StaffMember"]
    assert isinstance(kim, StaffMember)
    assert kim.mailbox == Mailbox(MailboxKind.PERSONAL, "kim@expandit.com")
    assert not kim.mailbox.is_shared and Mailbox.sales().is_shared


BAD: list[tuple[str, Callable[[], object], type[PolicyError], str]] = [
    ("contact-without-at", lambda: Contact("Ada", "ada.acme.dk"), InvalidValueError,
     r"Contact.email must be an e-mail address with one '@' and a dot in the domain, "
     r"e.g. 'ada@example.com', got 'ada.acme.dk'"),
    ("contact-two-ats", lambda: Contact("Ada", "a@b@acme.dk"), InvalidValueError, "one '@'"),
    ("contact-domain-without-dot", lambda: Contact("Ada", "ada@localhost"), InvalidValueError,
     "got 'ada@localhost'"),
    ("contact-domain-ending-in-dot", lambda: Contact("Ada", "ada@acme."), InvalidValueError,
     "got 'ada@acme.'"),
    ("contact-with-space", lambda: Contact("Ada", "ada @acme.dk"), InvalidValueError, "got"),
    ("contact-email-not-str", lambda: Contact("Ada", 42), WrongTypeError,
     r"Contact.email must be an e-mail address \(str\), got 42 \(int\)"),
    ("contact-blank-name", lambda: Contact("  ", "ada@acme.dk"), InvalidValueError,
     "Contact.name must not be empty or blank, got '  '"),
    ("contact-name-not-str", lambda: Contact(None, "ada@acme.dk"), WrongTypeError,
     r"Contact.name must be a str, got None \(NoneType\)"),
    ("fee-earner-not-bool", lambda: Contact("Ada", "ada@acme.dk", "yes"), WrongTypeError,
     "Contact.fee_earner must be a bool, got 'yes'"),
    ("partner-contacts-not-contacts", lambda: Partner("N", ["bo@nordic.dk"]), WrongTypeError,
     r"Partner.contacts\[0\] must be a Contact, got 'bo@nordic.dk' \(str\)"),
    ("partner-contacts-not-a-collection", lambda: Partner("N", 3), WrongTypeError,
     r"Partner.contacts must be a collection of a Contact, got 3 \(int\)"),
    ("staff-team-as-string", lambda: StaffMember("Kim", "kim@expandit.com", "support"),
     WrongTypeError, "StaffMember.team must be a ServiceTeam, got 'support'"),
    ("mailbox-bad-address", lambda: Mailbox(MailboxKind.SALES, "sales"), InvalidValueError,
     "Mailbox.address must be an e-mail address"),
    ("sa-ends-before-it-starts",
     lambda: SoftwareAssuranceTerm(dt.date(2026, 2, 1), dt.date(2026, 1, 31)), InvalidValueError,
     "SoftwareAssuranceTerm.end must be on or after start, got start=2026-02-01 and "
     "end=2026-01-31"),
    ("sa-start-as-string", lambda: SoftwareAssuranceTerm("2026-01-01", dt.date(2026, 1, 2)),
     WrongTypeError, r"start must be a datetime.date, got '2026-01-01' \(str\); parse it first"),
    ("sa-start-as-datetime", lambda: SoftwareAssuranceTerm(T, dt.date(2026, 12, 31)),
     WrongTypeError, r"must be a datetime.date, got .*use its .date\(\)"),
    ("sa-is-active-on-a-datetime", lambda: SA.is_active(T), WrongTypeError,
     "on must be a datetime.date"),
    ("level-rank-not-int", lambda: FeatureLevel("Gold", 1.5), WrongTypeError,
     r"FeatureLevel.rank must be a whole number \(int\), got 1.5 \(float\)"),
    ("product-levels-as-strings", lambda: Product("P", ["Standard"]), WrongTypeError,
     r"Product.levels\[0\] must be a FeatureLevel, got 'Standard' \(str\)"),
    ("product-without-levels", lambda: Product("P", []), InvalidValueError,
     "must name at least one feature level"),
    ("product-duplicate-rank", lambda: Product("P", [FeatureLevel("A", 1), FeatureLevel("B", 1)]),
     InvalidValueError, "must have distinct ranks, got 1 more than once"),
    ("product-duplicate-name", lambda: Product.ranked("P", "A", "A"), InvalidValueError,
     "must have distinct names, got 'A' more than once"),
    ("unknown-level-name", lambda: COMMERCE.level("Gold"), UnknownFeatureLevelError,
     "product 'Commerce' has no feature level 'Gold'; its levels are 'Standard', 'Professional'"),
    ("licence-level-of-another-product",
     lambda: Licence(COMMERCE, FeatureLevel("Gold", 9), ACME), UnknownFeatureLevelError,
     "Licence.feature_level must be one of the levels of product 'Commerce' \\('Standard', "),
    ("licence-held-for-by-a-customer", lambda: Licence(COMMERCE, STD, ACME, EndCustomer("B")),
     InvalidValueError, "held_for may only be given when a partner or reseller holds"),
    ("licence-holder-a-string", lambda: Licence(COMMERCE, STD, "Acme"), WrongTypeError,
     "Licence.holder must be a Partner, Reseller or EndCustomer, got 'Acme'"),
    ("licence-held-for-a-partner", lambda: Licence(COMMERCE, STD, NORDIC, NORDIC), WrongTypeError,
     "Licence.held_for must be an EndCustomer or None"),
    ("licence-blank-version", lambda: Licence(COMMERCE, STD, ACME, version=""), InvalidValueError,
     "Licence.version must not be empty"),
    ("money-float", lambda: Money(12.5, "EUR"), WrongTypeError,
     r"Money.amount must be a decimal.Decimal \(or an int\), never a float, got 12.5 \(float\); "
     r"write Decimal\('12.5'\)"),
    ("money-bool", lambda: Money(True, "EUR"), WrongTypeError, "got True"),
    ("money-nan", lambda: Money(Decimal("NaN"), "EUR"), InvalidValueError, "finite amount"),
    ("money-lowercase-currency", lambda: Money(1, "eur"), InvalidValueError,
     "three-letter ISO 4217 code in capitals such as 'EUR' or 'DKK', got 'eur'"),
    ("money-currency-not-str", lambda: Money(1, 978), WrongTypeError, "Money.currency must be a str"),
    ("money-plus-number", lambda: Money(1, "EUR") + 1, WrongTypeError,
     r"can only add Money and Money, got 1 \(int\)"),
    ("money-minus-other-currency", lambda: Money(1, "EUR") - Money(1, "DKK"),
     CurrencyMismatchError, "cannot subtract DKK 1 from EUR 1"),
    ("price-list-not-a-mapping", lambda: PriceList(5), WrongTypeError,
     "PriceList.prices must map feature levels to Money, got 5"),
    ("price-list-pair-of-three", lambda: PriceList([(STD, Money(1, "EUR"), 3)]), WrongTypeError,
     r"PriceList.prices\[0\] must be a \(FeatureLevel, Money\) pair"),
    ("price-list-level-as-string", lambda: PriceList({"Standard": Money(1, "EUR")}),
     WrongTypeError, r"must be priced for a FeatureLevel, got 'Standard'"),
    ("price-list-price-as-decimal", lambda: PriceList({STD: Decimal(1)}), WrongTypeError,
     r"PriceList.prices\['Standard'\] must be Money, got Decimal\('1'\)"),
    ("price-list-level-twice",
     lambda: PriceList([(STD, Money(1, "EUR")), (FeatureLevel("Standard", 2), Money(1, "EUR"))]),
     InvalidValueError, "must price each feature level once"),
    ("upgrade-price-list-a-dict", lambda: upgrade_price({}, STD, PRO, investment_protection=True),
     WrongTypeError, "price_list must be a PriceList"),
    ("upgrade-level-as-string",
     lambda: upgrade_price(VALUES["PriceList"], "Standard", PRO, investment_protection=True),
     WrongTypeError, "from_level must be a FeatureLevel, got 'Standard'"),
    ("upgrade-protection-not-bool",
     lambda: upgrade_price(VALUES["PriceList"], STD, PRO, investment_protection=1),
     WrongTypeError, "investment_protection must be a bool, got 1"),
    ("entitlements-party-a-string", lambda: entitlements("Acme", [], DAY), WrongTypeError,
     "party must be a Partner, Reseller or EndCustomer, got 'Acme'"),
    ("entitlements-on-a-datetime", lambda: entitlements(ACME, [], T), WrongTypeError,
     "on must be a datetime.date"),
    ("entitlements-licence-a-string", lambda: entitlements(ACME, ["L-1"], DAY), WrongTypeError,
     r"licences\[0\] must be a Licence, got 'L-1'"),
    ("entitlements-licences-one-licence", lambda: entitlements(ACME, LICENCE, DAY),
     WrongTypeError, "licences must be a collection"),
    ("escrow-blank-version",
     lambda: escrow_access(ACME, [], DAY, current_version=" ", recipient_verified=True,
                           priority_agreement=False),
     InvalidValueError, "current_version must not be empty"),
    ("escrow-verified-not-bool",
     lambda: escrow_access(ACME, [], DAY, current_version="2026.1", recipient_verified="yes",
                           priority_agreement=False),
     WrongTypeError, "recipient_verified must be a bool"),
    ("decision-reason-without-clause", lambda: Decision(False, "ENT-3", ["no access"]),
     InvalidValueError, r"Decision.reasons\[0\] must name its clause 'ENT-3', got 'no access'"),
    ("decision-reasons-a-number", lambda: Decision(False, "ENT-3", 3), WrongTypeError,
     "Decision.reasons must be a collection"),
    ("grant-benefits-strings", lambda: Grant(LICENCE, ["releases"], "ENT-1: x"), WrongTypeError,
     "Grant.benefits must be a set of Benefit members"),
    ("request-naive", lambda: attrs.evolve(REQUEST, received_at=dt.datetime(2026, 3, 2, 9)),
     NaiveDatetimeError, "Request.received_at must be an aware datetime"),
    ("request-channel-a-string", lambda: attrs.evolve(REQUEST, channel="phone"), WrongTypeError,
     "Request.channel must be a Channel, got 'phone'"),
    ("replied-naive", lambda: Replied(dt.datetime(2026, 3, 2), Mailbox.support(), ["a@b.dk"]),
     NaiveDatetimeError, "Replied.at must be an aware datetime"),
    ("replied-to-a-string", lambda: Replied(T, Mailbox.support(), "ada@acme.dk"), WrongTypeError,
     r"Replied.to must be a tuple of e-mail addresses, got 'ada@acme.dk' \(str\); wrap it: "
     r"\('ada@acme.dk',\)"),
    ("replied-to-nobody", lambda: Replied(T, Mailbox.support(), []), InvalidValueError,
     "Replied.to must name at least one address"),
    ("replied-bad-cc", lambda: Replied(T, Mailbox.support(), ["a@b.dk"], ["support"]),
     InvalidValueError, r"Replied.cc\[0\] must be an e-mail address"),
    ("fee-notice-of-no-charge", lambda: FeeNoticeSent(T, Coverage.NO_CHARGE), InvalidValueError,
     "FeeNoticeSent.coverage must be Coverage.COVERED_BY_SA"),
    ("fee-notice-coverage-a-string", lambda: FeeNoticeSent(T, "fees"), WrongTypeError,
     "FeeNoticeSent.coverage must be a Coverage"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("make", "error", "message"), [b[1:] for b in BAD], ids=[b[0] for b in BAD]
)
def test_bad_input_raises_a_typed_error_that_says_what_to_fix(
    make: Callable[[], object], error: type[PolicyError], message: str
) -> None:
    with pytest.raises(error, match=message):
        make()
    assert issubclass(error, PolicyError)
    assert issubclass(error, ValueError | TypeError)


@given(strategies.money(currencies=["EUR", "DKK", "USD"], min_value=-(10**9), max_value=10**9))
def test_money_round_trips_through_pickle_and_stays_exact(money: Money) -> None:
    assert pickle.loads(pickle.dumps(money)) == money
    assert money - money + money == money


@given(
    strategies.sa_terms(
        min_date=dt.date.min, max_date=dt.date(9010, 12, 31), max_length=dt.timedelta(days=4000)
    ),
    st.dates(),
)
def test_sa_term_is_active_exactly_between_its_ends_inclusive(
    term: SoftwareAssuranceTerm, on: dt.date
) -> None:
    assert term.is_active(on) is (term.start <= on <= term.end)
    assert pickle.loads(pickle.dumps(term)) == term


def test_entitlements_value_round_trips() -> None:
    ents = VALUES["Entitlements"]
    assert isinstance(ents, Entitlements)
    assert pickle.loads(pickle.dumps(ents)).benefits == ents.benefits


# -- who a party is (CLAUSES.md, "Decisions on case flows") --------------------------------------

PER = Contact("Per Holm", "per@acme.dk")


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [
        pytest.param(EndCustomer("Acme", [ADA, PER]), EndCustomer("Acme", [PER]), True, id="contacts do not count"),
        pytest.param(EndCustomer("Acme"), EndCustomer("ACME"), True, id="names without regard to case"),
        pytest.param(EndCustomer("Acme"), EndCustomer("Acme Inc"), False, id="another name"),
        pytest.param(EndCustomer("Acme"), Partner("Acme"), False, id="another kind"),
        pytest.param(EndCustomer("Acme A/S", identifier="C-7"), EndCustomer("Acme", identifier="C-7"), True, id="both carry an identifier: it decides"),
        pytest.param(EndCustomer("Acme", identifier="C-7"), EndCustomer("Acme", identifier="C-8"), False, id="two identifiers differ"),
        pytest.param(EndCustomer("Acme", identifier="C-7"), EndCustomer("acme"), False, id="one identifier: not the same key"),
    ],
)  # fmt: skip
def test_a_party_is_its_kind_and_name_or_its_identifier(
    left: EndCustomer, right: EndCustomer | Partner, same: bool
) -> None:
    assert (left == right) is same
    assert (left != right) is not same
    if same:
        assert hash(left) == hash(right)
        assert {left: 1}.get(right) == 1  # one key in a mapping, whatever the contacts


@pytest.mark.parametrize(
    ("left", "right", "matching"),
    [
        pytest.param(EndCustomer("Acme", identifier="C-7"), EndCustomer("acme"), True, id="one identifier: the names decide"),
        pytest.param(EndCustomer("Acme A/S", identifier="C-7"), EndCustomer("Acme", identifier="C-7"), True, id="both identifiers: they decide"),
        pytest.param(EndCustomer("Acme", identifier="C-7"), EndCustomer("Acme", identifier="C-8"), False, id="two identifiers differ"),
        pytest.param(EndCustomer("Acme"), Partner("Acme"), False, id="another kind"),
        pytest.param(EndCustomer("Acme"), "Acme", False, id="not a party"),
    ],
)  # fmt: skip
def test_a_record_matches_a_party_without_an_identifier_by_name(
    left: EndCustomer, right: object, matching: bool
) -> None:
    assert left.matches(right) is matching
    if isinstance(right, EndCustomer):
        assert right.matches(left) is matching


@given(st.lists(strategies.parties(), max_size=6))
def test_party_equality_is_an_equivalence_consistent_with_the_hash(
    parties: list[Partner | Reseller | EndCustomer],
) -> None:
    for a in parties:
        for b in parties:
            assert (a == b) is (b == a)
            if a == b:
                assert hash(a) == hash(b)
            for c in parties:
                if a == b and b == c:
                    assert a == c
    # A set does not depend on the order the parties come in.
    backwards: set[Partner | Reseller | EndCustomer] = set()
    for party in reversed(parties):
        backwards.add(party)
    assert len(set(parties)) == len(backwards)


def test_many_parties_spread_over_a_mapping() -> None:
    parties = [EndCustomer(f"Customer {k}") for k in range(2000)]
    assert len({hash(p) for p in parties}) > 1900  # not one bucket: a dict of them stays linear


@given(strategies.parties(), st.lists(strategies.contacts(), max_size=3))
def test_party_identity_ignores_contacts(
    party: Partner | Reseller | EndCustomer, others: list[Contact]
) -> None:
    changed = attrs.evolve(party, contacts=others)
    assert changed == party and hash(changed) == hash(party)


def test_a_party_identifier_is_text_or_none() -> None:
    with pytest.raises(InvalidValueError, match="EndCustomer.identifier must be a non-empty str"):
        EndCustomer("Acme", identifier=" ")
    assert EndCustomer("Acme").identifier is None


def test_MAIL_4_a_personal_mailbox_is_built_by_name() -> None:
    kim = Mailbox.personal("kim@expandit.com")
    assert kim == Mailbox(MailboxKind.PERSONAL, "kim@expandit.com")
    assert not kim.is_shared
    assert StaffMember("Kim Berg", "kim@expandit.com", ServiceTeam.SUPPORT).mailbox == kim


@pytest.mark.parametrize("address", ["kim.expandit.com", "kim@expandit", "", "kim@expandit.com\n"])
def test_MAIL_4_a_personal_mailbox_checks_its_address(address: str) -> None:
    with pytest.raises(InvalidValueError, match="Mailbox.address must"):
        Mailbox.personal(address)


def test_MAIL_4_a_personal_mailbox_address_must_be_text() -> None:
    with pytest.raises(WrongTypeError, match="Mailbox.address must be an e-mail address"):
        Mailbox.personal(42)


@pytest.mark.parametrize("identifier", [7, b"C-7", ("C-7",)])
def test_a_party_identifier_of_another_type_is_a_type_error(identifier: object) -> None:
    with pytest.raises(WrongTypeError, match="EndCustomer.identifier must be a non-empty str"):
        EndCustomer("Acme", identifier=identifier)
