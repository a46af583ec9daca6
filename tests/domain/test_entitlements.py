"""ENT-1, ENT-2, ENT-3, COM-10 and the COM-5 coverage decision: tables of named cases, then the
laws each rule keeps for all inputs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from expandit_policy import (
    Benefit,
    Contact,
    Coverage,
    CurrencyMismatchError,
    Decision,
    EndCustomer,
    FeatureLevel,
    InvalidUpgradeError,
    InvalidValueError,
    Licence,
    Money,
    Partner,
    PriceList,
    Product,
    RequestKind,
    Reseller,
    SoftwareAssuranceTerm,
    UnknownFeatureLevelError,
    WrongTypeError,
    coverage,
    entitlements,
    escrow_access,
    relationship_gate,
    strategies,
    upgrade_price,
)

COMMERCE = Product.ranked("Commerce", "Standard", "Professional", "Enterprise")
STD, PRO, ENT = COMMERCE.levels
ACME = EndCustomer("Acme")
NORDIC = Partner("Nordic Partner")
SHOP = Reseller("Shop & Co")
SA_2026 = SoftwareAssuranceTerm(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
MONDAY = dt.date(2026, 3, 2)
PRICES = PriceList({STD: Money(1000, "EUR"), PRO: Money(2500, "EUR"), ENT: Money(6000, "EUR")})
ALL_BENEFITS = frozenset(Benefit)
CUSTOMER_BENEFITS = ALL_BENEFITS - {Benefit.PARTNER_PORTAL}


def licence(
    holder: Partner | Reseller | EndCustomer = ACME,
    held_for: EndCustomer | None = None,
    sa: SoftwareAssuranceTerm | None = SA_2026,
    version: str | None = "2026.1",
) -> Licence:
    return Licence(COMMERCE, PRO, holder, held_for, sa, version)


# ENT-1 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("party", "licences", "on", "benefits", "reason"),
    [
        pytest.param(ACME, [licence()], MONDAY, CUSTOMER_BENEFITS, "active on 2026-03-02",
                     id="ENT-1-own-licence-active-sa"),
        pytest.param(ACME, [licence()], dt.date(2026, 1, 1), CUSTOMER_BENEFITS, "active",
                     id="ENT-1-first-day-of-term-counts"),
        pytest.param(ACME, [licence()], dt.date(2026, 12, 31), CUSTOMER_BENEFITS, "active",
                     id="ENT-1-last-day-of-term-counts"),
        pytest.param(ACME, [licence()], dt.date(2027, 1, 1), frozenset(),
                     "Software Assurance expired on 2026-12-31", id="ENT-1-sa-expired"),
        pytest.param(ACME, [licence()], dt.date(2025, 12, 31), frozenset(),
                     "not yet started on 2025-12-31; it starts 2026-01-01",
                     id="ENT-1-sa-not-yet-started"),
        pytest.param(ACME, [licence(sa=None)], MONDAY, frozenset(),
                     "licence without Software Assurance", id="ENT-1-licence-without-sa"),
        pytest.param(ACME, [], MONDAY, frozenset(),
                     "no licence is held by or for end customer 'Acme'", id="ENT-1-no-licence"),
        pytest.param(ACME, [licence(holder=EndCustomer("Other"))], MONDAY, frozenset(),
                     "no licence is held by or for", id="ENT-1-someone-elses-licence"),
        pytest.param(NORDIC, [licence(NORDIC, ACME)], MONDAY, ALL_BENEFITS,
                     "held by partner 'Nordic Partner' for end customer 'Acme'",
                     id="ENT-1-partner-holding-for-customer-gets-all"),
        pytest.param(ACME, [licence(NORDIC, ACME)], MONDAY, CUSTOMER_BENEFITS,
                     "for end customer 'Acme'", id="ENT-1-customer-a-partner-holds-for"),
        pytest.param(SHOP, [licence(SHOP, ACME)], MONDAY, ALL_BENEFITS, "reseller 'Shop & Co'",
                     id="ENT-1-reseller-holding-for-customer"),
        pytest.param(NORDIC, [licence(NORDIC, ACME, sa=None), licence(NORDIC)], MONDAY,
                     ALL_BENEFITS, "licence without Software Assurance",
                     id="ENT-1-one-active-licence-is-enough"),
    ],
)  # fmt: skip
def test_ENT_1_benefits_on_a_day(
    party: Partner | Reseller | EndCustomer,
    licences: list[Licence],
    on: dt.date,
    benefits: frozenset[Benefit],
    reason: str,
) -> None:
    ents = entitlements(party, licences, on)
    assert ents.benefits == benefits
    assert any(reason in r for r in ents.reasons), ents.reasons
    assert all(r.startswith("ENT-1: ") for r in ents.reasons)
    assert ents.party == party and ents.on == on


def test_ENT_1_says_which_licence_and_term_grant_each_benefit() -> None:
    active, lapsed = licence(NORDIC, ACME), licence(NORDIC, sa=None)
    ents = entitlements(NORDIC, (lic for lic in [lapsed, active]), MONDAY)
    assert ents.granted_by(Benefit.SOURCE_CODE_ESCROW) == (active,)
    assert [g.term for g in ents.grants] == [SA_2026]
    assert Benefit.LICENCE_MOBILITY in ents
    assert "nothing" not in ents
    assert len(ents.reasons) == 2


# ENT-2 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "protected", "price"),
    [
        pytest.param(STD, PRO, True, "1500", id="ENT-2-protected-pays-the-difference"),
        pytest.param(STD, PRO, False, "2500", id="ENT-2-unprotected-pays-the-list-price"),
        pytest.param(STD, ENT, True, "5000", id="ENT-2-skipping-a-level"),
        pytest.param(PRO, ENT, False, "6000", id="ENT-2-unprotected-from-the-middle"),
    ],
)
def test_ENT_2_upgrade_prices(
    old: FeatureLevel, new: FeatureLevel, protected: bool, price: str
) -> None:
    assert upgrade_price(PRICES, old, new, investment_protection=protected) == Money(
        Decimal(price), "EUR"
    )


@pytest.mark.parametrize(
    ("old", "new", "error", "message"),
    [
        pytest.param(PRO, STD, InvalidUpgradeError, "is a downgrade", id="ENT-2-downgrade"),
        pytest.param(PRO, PRO, InvalidUpgradeError, "is the same level", id="ENT-2-same-level"),
        pytest.param(STD, FeatureLevel("Gold", 9), UnknownFeatureLevelError,
                     "no price for FeatureLevel\\(name='Gold'", id="ENT-2-unknown-level"),
        pytest.param(FeatureLevel("Standard", 7), PRO, UnknownFeatureLevelError,
                     "it prices 'Standard', 'Professional', 'Enterprise'",
                     id="ENT-2-name-known-but-rank-differs"),
    ],
)  # fmt: skip
def test_ENT_2_refuses_what_is_not_an_upgrade(
    old: FeatureLevel, new: FeatureLevel, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        upgrade_price(PRICES, old, new, investment_protection=True)


def test_ENT_2_mixed_currencies_are_refused() -> None:
    with pytest.raises(CurrencyMismatchError, match="one currency, got EUR 1000 for 'Standard'"):
        PriceList({STD: Money(1000, "EUR"), PRO: Money(2500, "DKK")})
    with pytest.raises(CurrencyMismatchError, match="cannot add DKK 1 to EUR 1"):
        Money(1, "EUR") + Money(1, "DKK")


def test_ENT_2_a_price_list_whose_prices_fall_is_refused() -> None:
    with pytest.raises(InvalidValueError, match="must not fall as the level rises"):
        PriceList({STD: Money(3000, "EUR"), PRO: Money(2500, "EUR")})


# ENT-3 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("licences", "verified", "priority", "allowed", "reasons"),
    [
        pytest.param([licence()], True, False, True,
                     ["is on the current version 2026.1", "has verified the recipient",
                      "standard access"], id="ENT-3-granted"),
        pytest.param([licence()], True, True, True, ["priority access under a separate agreement"],
                     id="ENT-3-granted-with-priority"),
        pytest.param([licence(version="2025.2")], True, False, False,
                     ["not on the current version 2026.1: Commerce Professional licence held by "
                      "end customer 'Acme' is on 2025.2"], id="ENT-3-old-version"),
        pytest.param([licence(version=None)], True, False, False, ["is on an unknown version"],
                     id="ENT-3-version-unknown"),
        pytest.param([licence()], False, True, False,
                     ["verification of the recipient by the escrow agent is pending"],
                     id="ENT-3-verification-pending"),
        pytest.param([licence(sa=None)], True, False, False,
                     ["has Software Assurance active on 2026-03-02"], id="ENT-3-no-active-sa"),
        pytest.param([], False, False, False, ["no licence held by or for", "pending"],
                     id="ENT-3-everything-missing"),
        pytest.param([licence(NORDIC, ACME)], True, False, True, ["partner 'Nordic Partner'"],
                     id="ENT-3-customer-a-partner-holds-for"),
    ],
)  # fmt: skip
def test_ENT_3_escrow_access(
    licences: list[Licence], verified: bool, priority: bool, allowed: bool, reasons: list[str]
) -> None:
    decision = escrow_access(
        ACME,
        licences,
        MONDAY,
        current_version="2026.1",
        recipient_verified=verified,
        priority_agreement=priority,
    )
    assert decision.allowed is allowed
    assert decision.clause == "ENT-3"
    for expected in reasons:
        assert any(expected in r for r in decision.reasons), decision.reasons
    assert all(r.startswith("ENT-3: ") for r in decision.reasons)


# COM-10 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parties", "confirmations", "allowed", "missing"),
    [
        pytest.param([NORDIC, ACME], {NORDIC: True, ACME: True}, True, [],
                     id="COM-10-everyone-confirmed"),
        pytest.param([NORDIC, ACME], {NORDIC: True}, False, ["end customer 'Acme'"],
                     id="COM-10-customer-missing"),
        pytest.param([NORDIC, ACME], {NORDIC: False, ACME: True}, False,
                     ["partner 'Nordic Partner'"], id="COM-10-partner-said-no"),
        pytest.param([NORDIC, SHOP, ACME], {}, False,
                     ["partner 'Nordic Partner'", "reseller 'Shop & Co'", "end customer 'Acme'"],
                     id="COM-10-nobody-confirmed"),
        pytest.param([ACME, ACME], {ACME: True, SHOP: False}, True, [],
                     id="COM-10-duplicates-and-outsiders-ignored"),
    ],
)  # fmt: skip
def test_COM_10_relationship_gate(
    parties: list[Partner | Reseller | EndCustomer],
    confirmations: dict[Partner | Reseller | EndCustomer, bool],
    allowed: bool,
    missing: list[str],
) -> None:
    decision = relationship_gate(parties, confirmations)
    assert decision.allowed is allowed
    assert decision.clause == "COM-10"
    if allowed:
        assert len(decision.reasons) == 1
    else:
        assert [r.split(" has not confirmed")[0] for r in decision.reasons] == [
            f"COM-10: {m}" for m in missing
        ]


@pytest.mark.parametrize(
    ("parties", "confirmations", "error", "message"),
    [
        pytest.param([], {}, InvalidValueError, "at least one party", id="COM-10-no-parties"),
        pytest.param(["Acme"], {}, WrongTypeError, r"parties\[0\] must be a Partner",
                     id="COM-10-party-as-a-string"),
        pytest.param([ACME], [ACME], WrongTypeError, "confirmations must map",
                     id="COM-10-confirmations-not-a-mapping"),
        pytest.param([ACME], {ACME: "yes"}, WrongTypeError, "must be True or False",
                     id="COM-10-confirmation-not-a-bool"),
        pytest.param(ACME, {}, WrongTypeError, "parties must be a collection",
                     id="COM-10-one-party-not-in-a-collection"),
    ],
)  # fmt: skip
def test_COM_10_bad_input(
    parties: object, confirmations: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        relationship_gate(parties, confirmations)  # type: ignore[arg-type]


# COM-5 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "licences", "on", "expected", "reason"),
    [
        pytest.param(RequestKind.FIX, [licence()], MONDAY, Coverage.COVERED_BY_SA,
                     "a fix for end customer 'Acme' is covered by Software Assurance",
                     id="COM-5-fix-with-active-sa-is-covered"),
        pytest.param(RequestKind.QUESTION, [licence(NORDIC, ACME)], MONDAY,
                     Coverage.COVERED_BY_SA, "held by partner 'Nordic Partner'",
                     id="COM-5-question-covered-through-a-partner"),
        pytest.param(RequestKind.FIX, [licence()], dt.date(2027, 2, 1), Coverage.NEEDS_FEES,
                     "needs extra fees: Commerce Professional licence held by end customer "
                     "'Acme': Software Assurance expired on 2026-12-31",
                     id="COM-5-fix-after-sa-expired-needs-fees"),
        pytest.param(RequestKind.QUESTION, [licence(sa=None)], MONDAY, Coverage.NEEDS_FEES,
                     "licence without Software Assurance", id="COM-5-question-without-sa"),
        pytest.param(RequestKind.FIX, [], MONDAY, Coverage.UNKNOWN,
                     "no licence held by or for them is on record", id="COM-5-no-licence-unknown"),
        pytest.param(RequestKind.QUOTE, [], MONDAY, Coverage.NO_CHARGE, "a quote is sales work",
                     id="COM-5-quote-never-charged"),
        pytest.param(RequestKind.COMPLAINT, [licence(sa=None)], MONDAY, Coverage.NO_CHARGE,
                     "handling a complaint is never billed", id="COM-5-complaint-never-charged"),
        pytest.param(RequestKind.MATERIAL_DEFECT_CLAIM, [licence(sa=None)], MONDAY,
                     Coverage.NO_CHARGE, "with or without Software Assurance",
                     id="COM-5-material-defect-claim-covered-regardless"),
    ],
)  # fmt: skip
def test_COM_5_coverage(
    kind: RequestKind, licences: list[Licence], on: dt.date, expected: Coverage, reason: str
) -> None:
    decision = coverage(kind, ACME, licences, on)
    assert decision.coverage is expected
    assert decision.clause == "COM-5"
    assert any(reason in r for r in decision.reasons), decision.reasons
    assert all(r.startswith("COM-5: ") for r in decision.reasons)
    assert decision.notice_required is (expected is not Coverage.NO_CHARGE)
    assert decision.as_decision() == Decision(
        not decision.notice_required, "COM-5", decision.reasons
    )
    assert (decision.licence is not None) is (expected is Coverage.COVERED_BY_SA)


def test_COM_5_refuses_a_request_kind_that_is_not_one() -> None:
    with pytest.raises(WrongTypeError, match="request_kind must be a RequestKind, got 'fix'"):
        coverage("fix", ACME, [], MONDAY)  # type: ignore[arg-type]


# Laws -------------------------------------------------------------------------------------------

DAYS = st.dates(dt.date(2024, 1, 1), dt.date(2028, 12, 31))
PARTIES: st.SearchStrategy[Partner | Reseller | EndCustomer] = st.sampled_from(
    [ACME, EndCustomer("Birk"), NORDIC, SHOP]
)


SA_TERMS = st.none() | strategies.sa_terms(
    min_date=dt.date(2024, 1, 1),
    max_date=dt.date(2028, 12, 31),
    max_length=dt.timedelta(days=5 * 366),
)
# Small pools of parties, so that licences concern the party asked about.
LICENCES = st.lists(
    strategies.licences(
        products=st.just(COMMERCE),
        holders=PARTIES,
        held_for=st.sampled_from([ACME, EndCustomer("Birk")]),
        sa_terms=SA_TERMS,
        versions=st.sampled_from(["2025.2", "2026.1", None]),
    ),
    max_size=5,
)


def _covered(party: Partner | Reseller | EndCustomer, lics: list[Licence], on: dt.date) -> bool:
    return any(
        lic.concerns(party)
        and lic.sa_term is not None
        and lic.sa_term.start <= on <= lic.sa_term.end
        for lic in lics
    )


@given(PARTIES, LICENCES, DAYS)
def test_ENT_1_benefits_are_empty_exactly_when_no_sa_term_covers_the_day(
    party: Partner | Reseller | EndCustomer, lics: list[Licence], on: dt.date
) -> None:
    before = list(lics)
    ents = entitlements(party, lics, on)
    assert (ents.benefits == frozenset()) is not _covered(party, lics, on)
    assert lics == before  # the input is not mutated
    expected = CUSTOMER_BENEFITS if isinstance(party, EndCustomer) else ALL_BENEFITS
    assert ents.benefits in (frozenset(), expected)
    assert ents.reasons and all(r.startswith("ENT-1: ") for r in ents.reasons)
    for grant in ents.grants:
        assert grant.licence.concerns(party) and grant.term.is_active(on)


def price_lists() -> st.SearchStrategy[PriceList]:
    return strategies.price_lists(
        products=strategies.products(min_levels=3, max_levels=6), currencies=["DKK"]
    )


@given(price_lists(), st.data())
def test_ENT_2_protected_upgrade_prices_add_up_along_a_chain(
    prices: PriceList, data: st.DataObject
) -> None:
    a, b, c = sorted(data.draw(st.lists(st.sampled_from(prices.levels), min_size=3, max_size=3,
                                        unique=True)))  # fmt: skip
    ab = upgrade_price(prices, a, b, investment_protection=True)
    bc = upgrade_price(prices, b, c, investment_protection=True)
    assert ab + bc == upgrade_price(prices, a, c, investment_protection=True)


@given(price_lists(), st.data())
def test_ENT_2_without_protection_the_price_is_the_target_list_price(
    prices: PriceList, data: st.DataObject
) -> None:
    a, b = sorted(data.draw(st.lists(st.sampled_from(prices.levels), min_size=2, max_size=2,
                                     unique=True)))  # fmt: skip
    full = upgrade_price(prices, a, b, investment_protection=False)
    assert full == prices.price(b)
    protected = upgrade_price(prices, a, b, investment_protection=True)
    assert Decimal(0) <= protected.amount <= full.amount
    with pytest.raises(InvalidUpgradeError):
        upgrade_price(prices, b, a, investment_protection=True)


@given(PARTIES, LICENCES, DAYS, st.booleans(), st.booleans())
def test_ENT_3_escrow_is_granted_exactly_when_all_conditions_hold(
    party: Partner | Reseller | EndCustomer,
    lics: list[Licence],
    on: dt.date,
    verified: bool,
    priority: bool,
) -> None:
    decision = escrow_access(
        party,
        lics,
        on,
        current_version="2026.1",
        recipient_verified=verified,
        priority_agreement=priority,
    )
    on_current_with_sa = any(lic.version == "2026.1" and _covered(party, [lic], on) for lic in lics)
    assert decision.allowed is (on_current_with_sa and verified)
    assert decision.reasons and all(r.startswith("ENT-3: ") for r in decision.reasons)
    assert decision.allowed or verified or any("pending" in r for r in decision.reasons)


@given(st.lists(PARTIES, min_size=1, max_size=4), st.dictionaries(PARTIES, st.booleans()))
def test_COM_10_allowed_exactly_when_every_party_confirmed(
    parties: list[Partner | Reseller | EndCustomer],
    confirmations: dict[Partner | Reseller | EndCustomer, bool],
) -> None:
    decision = relationship_gate(parties, confirmations)
    missing = {p for p in parties if not confirmations.get(p, False)}
    assert decision.allowed is (not missing)
    if missing:
        assert len(decision.reasons) == len(missing)


@given(st.sampled_from(RequestKind), PARTIES, LICENCES, DAYS)
def test_COM_5_covered_by_sa_exactly_for_fixes_and_questions_with_active_sa(
    kind: RequestKind,
    party: Partner | Reseller | EndCustomer,
    lics: list[Licence],
    on: dt.date,
) -> None:
    decision = coverage(kind, party, lics, on)
    support_work = kind in (RequestKind.FIX, RequestKind.QUESTION)
    assert (decision.coverage is Coverage.COVERED_BY_SA) is (
        support_work and _covered(party, lics, on)
    )
    assert (decision.coverage is Coverage.NO_CHARGE) is (not support_work)
    assert (decision.coverage is Coverage.UNKNOWN) is (
        support_work and not any(lic.concerns(party) for lic in lics)
    )


@pytest.mark.parametrize(
    ("held_by", "asked_for"),
    [
        pytest.param(EndCustomer("Acme", [Contact("Ada Jensen", "ada@acme.dk")]), EndCustomer("Acme", [Contact("Per Holm", "per@acme.dk")]), id="staff changed"),
        pytest.param(EndCustomer("Acme"), EndCustomer("ACME"), id="name in capitals"),
        pytest.param(EndCustomer("Acme", identifier="C-7"), EndCustomer("Acme A/S", identifier="C-7"), id="renamed, same identifier"),
    ],
)  # fmt: skip
def test_ENT_1_COM_5_a_licence_matches_its_party_by_identity(
    held_by: EndCustomer, asked_for: EndCustomer
) -> None:
    lic = licence(holder=held_by)
    assert lic.concerns(asked_for)
    assert entitlements(asked_for, [lic], MONDAY).benefits == CUSTOMER_BENEFITS
    assert coverage(RequestKind.FIX, asked_for, [lic], MONDAY).coverage is Coverage.COVERED_BY_SA
    held_for_them = licence(holder=NORDIC, held_for=held_by)
    assert held_for_them.concerns(asked_for)


def test_ENT_1_a_licence_of_another_identifier_does_not_match() -> None:
    lic = licence(holder=EndCustomer("Acme", identifier="C-7"))
    assert not lic.concerns(EndCustomer("Acme", identifier="C-8"))
    assert (
        entitlements(EndCustomer("Acme", identifier="C-8"), [lic], MONDAY).benefits == frozenset()
    )
