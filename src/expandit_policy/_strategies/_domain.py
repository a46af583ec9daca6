"""Strategies for the domain layer: parties, licences, money, requests, case events and valid
case logs, and the values the domain's rules return (decisions, coverage, entitlements)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import get_args

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from .. import _time
from .._domain._case import (
    Case,
    CaseEvent,
    Closed,
    CloseReason,
    FeeNoticeSent,
    LoggedUnderMailbox,
    MessageReceived,
    Reopened,
    Replied,
    Resolved,
)
from .._domain._coverage import Coverage, CoverageDecision, coverage
from .._domain._entitlements import Entitlements, Grant, entitlements, escrow_access
from .._domain._gates import Decision, relationship_gate
from .._domain._licences import FeatureLevel, Licence, Product, SoftwareAssuranceTerm
from .._domain._money import MAX_DECIMAL_PLACES, MAX_WHOLE_DIGITS, Money, PriceList
from .._domain._parties import (
    Contact,
    EndCustomer,
    Mailbox,
    MailboxKind,
    Partner,
    Party,
    Reseller,
    ServiceTeam,
    StaffMember,
)
from .._domain._requests import Channel, Request, RequestKind
from ._base import (
    DEFAULT_MAX_DATE,
    DEFAULT_MIN_DATE,
    check_count,
    check_strategy,
    date_range,
    one_of_values,
    positive_span_us,
)
from ._time import instants

__all__ = [
    "EVENT_TYPES",
    "case_events",
    "cases",
    "complaints",
    "contacts",
    "coverage_decisions",
    "decisions",
    "end_customers",
    "entitlement_sets",
    "feature_levels",
    "grants",
    "licences",
    "mailboxes",
    "money",
    "parties",
    "partners",
    "price_lists",
    "products",
    "requests",
    "resellers",
    "sa_terms",
    "staff_members",
]

# -- parties ----------------------------------------------------------------------------------

#: People: their names as written, and the local part of their addresses.
_PEOPLE = (
    ("Ada Jensen", "ada"),
    ("Bo Holm", "bo"),
    ("Søren Ærø", "soren"),
    ("Mette Nørgaard", "mette.n"),
    ("Aisha Khan", "aisha"),
    ("Jean-Luc Martin", "jl.martin"),
    ("Li Wei", "li.wei"),
    ("Zoë O'Neill", "zoe"),
)
#: Organisations: their names, and their mail domains.
_ORGANISATIONS = (
    ("Acme", "acme.dk"),
    ("Nordic Partner", "nordic.dk"),
    ("Shop & Co", "shop.example"),
    ("Birk A/S", "birk.dk"),
    ("Müller GmbH", "mueller.de"),
    ("Øresund IT", "oresund.se"),
)


@st.composite
def _contacts(draw: st.DrawFn, domains: st.SearchStrategy[str], fee_earner: bool | None) -> Contact:
    name, local = draw(st.sampled_from(_PEOPLE))
    earner = draw(st.booleans()) if fee_earner is None else fee_earner
    return Contact(name, f"{local}@{draw(domains)}", earner)


def contacts(
    *, domains: Sequence[str] = ("acme.dk",), fee_earner: bool | None = None
) -> st.SearchStrategy[Contact]:
    """People at a customer: a name, an address at one of ``domains``, and whether they earn
    fees by the hour (TEL-3); ``fee_earner`` True or False fixes that. Shrinks towards Ada
    Jensen at acme.dk, not a fee earner.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(contacts(domains=["birk.dk"], fee_earner=True))
    ... def test_a_contact_writes_from_the_domain_asked_for(contact):
    ...     assert contact.email.endswith("@birk.dk") and contact.fee_earner
    >>> test_a_contact_writes_from_the_domain_asked_for()
    """
    if fee_earner is not None and not isinstance(fee_earner, bool):
        raise InvalidArgument(f"fee_earner must be True, False or None, got {fee_earner!r}")
    return _contacts(st.sampled_from(one_of_values(domains, "domains")), fee_earner)


@st.composite
def _organisations(
    draw: st.DrawFn,
    kind: type[Partner] | type[Reseller] | type[EndCustomer],
    names: st.SearchStrategy[str] | None,
    max_contacts: int,
) -> Partner | Reseller | EndCustomer:
    if names is None:
        name, domain = draw(st.sampled_from(_ORGANISATIONS))
    else:
        name, domain = draw(names), "example.com"
    people = draw(st.lists(contacts(domains=[domain]), max_size=max_contacts))
    # Some hosts give a party the identifier of its CRM account; it then decides its identity.
    identifier = draw(st.none() | st.integers(1, 9999).map("C-{}".format))
    return kind(name, people, identifier)


def _organisation_strategy(
    kind: type[Partner] | type[Reseller] | type[EndCustomer],
    names: st.SearchStrategy[str] | None,
    max_contacts: int,
) -> st.SearchStrategy[Partner | Reseller | EndCustomer]:
    if names is not None:
        check_strategy(names, "names")
    return _organisations(kind, names, check_count(max_contacts, "max_contacts"))


def end_customers(
    *, names: st.SearchStrategy[str] | None = None, max_contacts: int = 2
) -> st.SearchStrategy[EndCustomer]:
    """End customers with up to ``max_contacts`` contacts at their own domain; names from a
    small list of companies, or from ``names``. Shrinks towards Acme with no contacts.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(end_customers())
    ... def test_everyone_at_a_customer_writes_from_one_domain(customer):
    ...     assert len({c.email.partition("@")[2] for c in customer.contacts}) <= 1
    >>> test_everyone_at_a_customer_writes_from_one_domain()
    """
    return _organisation_strategy(EndCustomer, names, max_contacts)  # type: ignore[return-value]


def partners(
    *, names: st.SearchStrategy[str] | None = None, max_contacts: int = 2
) -> st.SearchStrategy[Partner]:
    """Partners, like :func:`end_customers`.

    >>> from hypothesis import given, settings
    >>> from hypothesis import strategies as st
    >>> @settings(max_examples=5)
    ... @given(partners(names=st.just("Nordic Partner"), max_contacts=1))
    ... def test_the_name_is_the_one_asked_for(partner):
    ...     assert partner.name == "Nordic Partner" and len(partner.contacts) <= 1
    >>> test_the_name_is_the_one_asked_for()
    """
    return _organisation_strategy(Partner, names, max_contacts)  # type: ignore[return-value]


def resellers(
    *, names: st.SearchStrategy[str] | None = None, max_contacts: int = 2
) -> st.SearchStrategy[Reseller]:
    """Resellers, like :func:`end_customers`.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(resellers(max_contacts=0))
    ... def test_a_reseller_without_contacts(reseller):
    ...     assert reseller.contacts == ()
    >>> test_a_reseller_without_contacts()
    """
    return _organisation_strategy(Reseller, names, max_contacts)  # type: ignore[return-value]


def parties(
    *, names: st.SearchStrategy[str] | None = None, max_contacts: int = 2
) -> st.SearchStrategy[Party]:
    """Any party: an end customer, a partner or a reseller (in that order of simplicity).

    >>> from hypothesis import given, settings
    >>> from expandit_policy import EndCustomer, Partner, Reseller
    >>> @settings(max_examples=5)
    ... @given(parties())
    ... def test_a_party_is_a_customer_partner_or_reseller(party):
    ...     assert isinstance(party, EndCustomer | Partner | Reseller)
    >>> test_a_party_is_a_customer_partner_or_reseller()
    """
    return st.one_of(
        end_customers(names=names, max_contacts=max_contacts),
        partners(names=names, max_contacts=max_contacts),
        resellers(names=names, max_contacts=max_contacts),
    )


_any_party = parties  # functions below have an argument of the same name


@st.composite
def _mailboxes(draw: st.DrawFn, kinds: tuple[MailboxKind, ...]) -> Mailbox:
    kind = draw(st.sampled_from(kinds))
    if kind is MailboxKind.SUPPORT:
        return Mailbox.support()
    if kind is MailboxKind.SALES:
        return Mailbox.sales()
    _, local = draw(st.sampled_from(_PEOPLE))
    return Mailbox(MailboxKind.PERSONAL, f"{local}@expandit.com")


def mailboxes(*, kinds: Sequence[MailboxKind] = tuple(MailboxKind)) -> st.SearchStrategy[Mailbox]:
    """Our mailboxes: the shared support and sales mailboxes and people's own, shrinking towards
    the support mailbox.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(mailboxes())
    ... def test_every_mailbox_is_ours(mailbox):
    ...     assert mailbox.address.endswith("@expandit.com")
    >>> test_every_mailbox_is_ours()
    """
    return _mailboxes(one_of_values(kinds, "kinds"))


def staff_members(
    *, teams: Sequence[ServiceTeam] = tuple(ServiceTeam)
) -> st.SearchStrategy[StaffMember]:
    """People on our side, in one of ``teams``.

    >>> from hypothesis import given, settings
    >>> from expandit_policy import ServiceTeam
    >>> @settings(max_examples=5)
    ... @given(staff_members(teams=[ServiceTeam.BOARD]))
    ... def test_a_board_member_has_a_personal_mailbox(member):
    ...     assert member.team is ServiceTeam.BOARD and not member.mailbox.is_shared
    >>> test_a_board_member_has_a_personal_mailbox()
    """
    pairs = st.sampled_from(_PEOPLE)
    return st.builds(
        lambda person, team: StaffMember(person[0], f"{person[1]}@expandit.com", team),
        pairs,
        st.sampled_from(one_of_values(teams, "teams")),
    )


# -- products, licences, money ----------------------------------------------------------------

_PRODUCTS = ("Commerce", "Mobile", "Portal", "Connector")
_LEVELS = ("Standard", "Professional", "Enterprise", "Premium", "Basic", "Ultimate")


def feature_levels() -> st.SearchStrategy[FeatureLevel]:
    """Feature levels: a name and any whole rank, shrinking towards ``Standard`` at rank 0.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(feature_levels(), feature_levels())
    ... def test_levels_order_by_rank(a, b):
    ...     assert (a < b) is (a.rank < b.rank)
    >>> test_levels_order_by_rank()
    """
    return st.builds(FeatureLevel, st.sampled_from(_LEVELS), st.integers())


@st.composite
def _products(draw: st.DrawFn, least: int, most: int) -> Product:
    unused = list(_LEVELS)
    rank = draw(st.integers(0, 3))
    levels = []
    for _ in range(draw(st.integers(least, most))):
        # Names taken from those not used yet, ranks rising: distinct by construction.
        name = unused.pop(draw(st.integers(0, len(unused) - 1)))
        rank += draw(st.integers(1, 10))
        levels.append(FeatureLevel(name, rank))
    return Product(draw(st.sampled_from(_PRODUCTS)), levels)


def products(*, min_levels: int = 1, max_levels: int = 4) -> st.SearchStrategy[Product]:
    """Products with between ``min_levels`` and ``max_levels`` feature levels (at most six),
    distinct in name and rank. Shrinks towards Commerce with one level.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(products(min_levels=2))
    ... def test_levels_rise_in_rank(product):
    ...     ranks = [level.rank for level in product.levels]
    ...     assert len(ranks) >= 2 and ranks == sorted(set(ranks))
    >>> test_levels_rise_in_rank()
    """
    least = check_count(min_levels, "min_levels", low=1)
    most = check_count(max_levels, "max_levels", low=least)
    if most > len(_LEVELS):
        raise InvalidArgument(f"max_levels must be at most {len(_LEVELS)}, got {max_levels!r}")
    return _products(least, most)


@st.composite
def _sa_terms(draw: st.DrawFn, lo: _dt.date, hi: _dt.date, longest: int) -> SoftwareAssuranceTerm:
    start = draw(st.dates(lo, hi))
    length = draw(st.integers(0, min(longest, (hi - start).days)))
    return SoftwareAssuranceTerm(start, start + _dt.timedelta(days=length))


def sa_terms(
    *,
    min_date: _dt.date = DEFAULT_MIN_DATE,
    max_date: _dt.date = DEFAULT_MAX_DATE,
    max_length: _dt.timedelta = _dt.timedelta(days=3 * 366),
) -> st.SearchStrategy[SoftwareAssuranceTerm]:
    """Software Assurance terms within two dates, at most ``max_length`` long, shrinking towards
    a single day at ``min_date``.

    >>> import datetime
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(sa_terms(max_length=datetime.timedelta(days=365)))
    ... def test_a_term_covers_its_own_days(term):
    ...     assert term.is_active(term.start) and term.is_active(term.end)
    >>> test_a_term_covers_its_own_days()
    """
    lo, hi = date_range(min_date, max_date)
    longest = positive_span_us(max_length, "max_length") // _time.US_PER_DAY
    return _sa_terms(lo, hi, longest)


_VERSIONS = ("2026.1", "2025.2", "2025.1", None)


@st.composite
def _licences(
    draw: st.DrawFn,
    product_strategy: st.SearchStrategy[Product],
    holders: st.SearchStrategy[Party],
    held_for: st.SearchStrategy[EndCustomer],
    terms: st.SearchStrategy[SoftwareAssuranceTerm | None],
    versions: st.SearchStrategy[str | None],
) -> Licence:
    product = draw(product_strategy)
    holder = draw(holders)
    customer = None
    if isinstance(holder, Partner | Reseller):
        customer = draw(st.none() | held_for)  # only the channel holds a licence for someone
    return Licence(
        product,
        draw(st.sampled_from(product.levels)),
        holder,
        customer,
        draw(terms),
        draw(versions),
    )


def licences(
    *,
    products: st.SearchStrategy[Product] | None = None,
    holders: st.SearchStrategy[Party] | None = None,
    held_for: st.SearchStrategy[EndCustomer] | None = None,
    sa_terms: st.SearchStrategy[SoftwareAssuranceTerm | None] | None = None,
    versions: st.SearchStrategy[str | None] | None = None,
) -> st.SearchStrategy[Licence]:
    """Licences of a product at one of its levels, held by a party, sometimes (when a partner or
    reseller holds it) for an end customer, with or without a Software Assurance term. Pass small
    pools of ``holders`` and ``held_for`` to make licences that concern the same parties.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(licences())
    ... def test_a_licence_is_at_one_of_its_products_levels(licence):
    ...     assert licence.feature_level in licence.product.levels
    >>> test_a_licence_is_at_one_of_its_products_levels()
    """
    product_strategy = _products(1, 4) if products is None else products
    owners = parties() if holders is None else holders
    customers = end_customers() if held_for is None else held_for
    terms = (
        st.none() | _sa_terms(DEFAULT_MIN_DATE, DEFAULT_MAX_DATE, 3 * 366)
        if sa_terms is None
        else sa_terms
    )
    labels = st.sampled_from(_VERSIONS) if versions is None else versions
    for name, value in (
        ("products", product_strategy),
        ("holders", owners),
        ("held_for", customers),
        ("sa_terms", terms),
        ("versions", labels),
    ):
        check_strategy(value, name)
    return _licences(product_strategy, owners, customers, terms, labels)


_CURRENCIES = ("EUR", "DKK", "USD", "SEK")


def money(
    *,
    currencies: Sequence[str] = _CURRENCIES,
    min_value: Decimal | int = 0,
    max_value: Decimal | int = 1_000_000,
    places: int = 2,
) -> st.SearchStrategy[Money]:
    """Exact amounts in one of ``currencies``, with ``places`` decimals, shrinking towards
    ``min_value`` euros.

    >>> from decimal import Decimal
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(money(currencies=["DKK"]))
    ... def test_amounts_are_exact_to_the_cent(amount):
    ...     assert amount.currency == "DKK"
    ...     assert amount.amount == amount.amount.quantize(Decimal("0.01"))
    >>> test_amounts_are_exact_to_the_cent()
    """
    codes = one_of_values(currencies, "currencies")
    for code in codes:
        try:
            Money(0, code)
        except ValueError as exc:
            raise InvalidArgument(f"currencies: {exc}") from None
    places = check_count(places, "places")
    if places > MAX_DECIMAL_PLACES:
        raise InvalidArgument(
            f"places must be at most {MAX_DECIMAL_PLACES} (the places a Money may have), "
            f"got {places}"
        )
    limit = 10**MAX_WHOLE_DIGITS
    for name, bound in (("min_value", min_value), ("max_value", max_value)):
        if isinstance(bound, int | Decimal) and not isinstance(bound, bool) and abs(bound) >= limit:
            raise InvalidArgument(
                f"{name} must lie within ±10**{MAX_WHOLE_DIGITS} (the amounts a Money may "
                f"have), got {bound!r}"
            )
    amounts = st.decimals(
        min_value=min_value,
        max_value=max_value,
        places=places,
        allow_nan=False,
        allow_infinity=False,
    )
    amounts.validate()  # Hypothesis checks its own arguments lazily: refuse bad bounds now
    return st.builds(Money, amounts, st.sampled_from(codes))


@st.composite
def _price_lists(
    draw: st.DrawFn, product_strategy: st.SearchStrategy[Product], currencies: tuple[str, ...]
) -> PriceList:
    product = draw(product_strategy)
    currency = draw(st.sampled_from(currencies))
    steps = st.decimals(min_value=0, max_value=10_000, places=2)
    total = Decimal(0)
    prices = {}
    for level in product.levels:
        total += draw(steps)  # a higher level never costs less (ENT-2), by construction
        prices[level] = Money(total, currency)
    return PriceList(prices)


def price_lists(
    *,
    products: st.SearchStrategy[Product] | None = None,
    currencies: Sequence[str] = _CURRENCIES,
) -> st.SearchStrategy[PriceList]:
    """Price lists for every level of a product, in one currency, never falling as the level
    rises (ENT-2). Shrinks towards one level at EUR 0.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(price_lists())
    ... def test_a_higher_level_never_costs_less(prices):
    ...     amounts = [price.amount for _, price in prices.prices]
    ...     assert amounts == sorted(amounts)
    >>> test_a_higher_level_never_costs_less()
    """
    product_strategy = _products(1, 4) if products is None else products
    check_strategy(product_strategy, "products")
    return _price_lists(product_strategy, one_of_values(currencies, "currencies"))


# -- requests ---------------------------------------------------------------------------------

_COMPLAINT_KINDS = (RequestKind.COMPLAINT, RequestKind.MATERIAL_DEFECT_CLAIM)


@st.composite
def _requests(
    draw: st.DrawFn,
    channels: tuple[Channel, ...],
    kinds: tuple[RequestKind, ...],
    received: st.SearchStrategy[_dt.datetime],
    party_strategy: st.SearchStrategy[Party],
    senders: st.SearchStrategy[Contact] | None,
) -> Request:
    channel = draw(st.sampled_from(channels))
    # A written complaint is a complaint or a claim of a material defect; anything else may be
    # of any kind. Both choices come from what was asked for, so nothing is filtered away.
    allowed = (
        [k for k in kinds if k in _COMPLAINT_KINDS]
        if channel is Channel.WRITTEN_COMPLAINT
        else list(kinds)
    )
    kind = draw(st.sampled_from(allowed or list(_COMPLAINT_KINDS)))
    party = draw(party_strategy)
    if senders is not None:
        sender = draw(senders)
    elif party.contacts and draw(st.integers(0, 3)) < 3:
        sender = draw(st.sampled_from(party.contacts))
    else:
        sender = draw(_ANY_CONTACT)
    number = draw(st.integers(1, 99_999))
    return Request(f"R-{number}", channel, kind, draw(received), sender, party)


def requests(
    *,
    channels: Sequence[Channel] = tuple(Channel),
    kinds: Sequence[RequestKind] = tuple(RequestKind),
    received: st.SearchStrategy[_dt.datetime] | None = None,
    parties: st.SearchStrategy[Party] | None = None,
    senders: st.SearchStrategy[Contact] | None = None,
) -> st.SearchStrategy[Request]:
    """Requests on every channel (or those in ``channels``), of every kind a channel allows (a
    written complaint is a complaint or a claim of a material defect), received at an instant
    from ``received``, from a party and, unless ``senders`` says otherwise, mostly from one of its
    contacts. Shrinks towards a question to the support mailbox.

    >>> from hypothesis import given, settings
    >>> from expandit_policy import Channel, RequestKind
    >>> @settings(max_examples=5)
    ... @given(requests(channels=[Channel.WRITTEN_COMPLAINT]))
    ... def test_a_written_complaint_is_a_complaint(request):
    ...     assert request.kind in (RequestKind.COMPLAINT, RequestKind.MATERIAL_DEFECT_CLAIM)
    >>> test_a_written_complaint_is_a_complaint()
    """
    lanes = one_of_values(channels, "channels")
    asks = one_of_values(kinds, "kinds")
    if (
        Channel.WRITTEN_COMPLAINT in lanes
        and len(lanes) == 1
        and not set(asks) & set(_COMPLAINT_KINDS)
    ):
        raise InvalidArgument(
            "kinds must include COMPLAINT or MATERIAL_DEFECT_CLAIM when the only channel is "
            "WRITTEN_COMPLAINT"
        )
    arrivals = instants() if received is None else received
    party_strategy = _any_party() if parties is None else parties
    for name, value in (("received", arrivals), ("parties", party_strategy)):
        check_strategy(value, name)
    if senders is not None:
        check_strategy(senders, "senders")
    return _requests(lanes, asks, arrivals, party_strategy, senders)


_any_request = requests  # ``cases`` has an argument of the same name
_ANY_CONTACT = contacts()
_ANY_MAILBOX = mailboxes()


def complaints(
    *,
    received: st.SearchStrategy[_dt.datetime] | None = None,
    parties: st.SearchStrategy[Party] | None = None,
) -> st.SearchStrategy[Request]:
    """Complaints and claims of material defects (CPL-1 to CPL-4), mostly written ones, some by
    mail or phone. Shrinks towards a written complaint.

    >>> from hypothesis import given, settings
    >>> from expandit_policy import RequestKind
    >>> @settings(max_examples=5)
    ... @given(complaints())
    ... def test_every_complaint_starts_the_complaint_clauses(request):
    ...     assert request.kind in (RequestKind.COMPLAINT, RequestKind.MATERIAL_DEFECT_CLAIM)
    >>> test_every_complaint_starts_the_complaint_clauses()
    """
    lanes = (Channel.WRITTEN_COMPLAINT, *(c for c in Channel if c is not Channel.WRITTEN_COMPLAINT))
    return requests(channels=lanes, kinds=_COMPLAINT_KINDS, received=received, parties=parties)


# -- case events and logs ---------------------------------------------------------------------

#: The kinds of case event that shrinking leads to, simplest first.
_SIMPLEST_EVENTS: tuple[type[CaseEvent], ...] = (Resolved, Closed, Replied)

#: Every kind of case event (the members of ``CaseEvent``), simplest first (where shrinking leads).
EVENT_TYPES: tuple[type[CaseEvent], ...] = (
    *_SIMPLEST_EVENTS,
    *(kind for kind in get_args(CaseEvent) if kind not in _SIMPLEST_EVENTS),
)


def _event_at(
    draw: st.DrawFn, kind: type[CaseEvent], at: _dt.datetime, recipients: Sequence[str]
) -> CaseEvent:
    if kind is Replied:
        box = draw(_ANY_MAILBOX)
        # COM-3 asks a reply from a shared mailbox to copy it; most do, some forget.
        copied = [box.address] if box.is_shared and draw(st.integers(0, 3)) < 3 else []
        return Replied(at, box, list(recipients) or ["ada@acme.dk"], copied)
    if kind is FeeNoticeSent:
        notice = draw(st.sampled_from((Coverage.NEEDS_FEES, Coverage.COVERED_BY_SA)))
        return FeeNoticeSent(at, notice, draw(st.sampled_from(("", "2 hours at EUR 150"))))
    if kind is LoggedUnderMailbox:
        return LoggedUnderMailbox(at, draw(_ANY_MAILBOX))
    if kind is Closed:
        # An ordinary close, or one that voids the case (a duplicate, spam, a withdrawn request).
        return Closed(at, draw(st.sampled_from((None, *CloseReason))))
    if kind is MessageReceived:
        # A follow-up from the customer, naming its sender or not.
        return MessageReceived(
            at, draw(st.sampled_from(list(Channel))), draw(st.none() | _ANY_CONTACT)
        )
    maker: Callable[[_dt.datetime], CaseEvent] = kind
    return maker(at)


def _check_event_types(kinds: Sequence[type[CaseEvent]]) -> tuple[type[CaseEvent], ...]:
    items = one_of_values(kinds, "kinds")
    for kind in items:
        if kind not in EVENT_TYPES:
            raise InvalidArgument(
                f"kinds must hold case event classes such as Replied, got {kind!r}"
            )
    return items


@st.composite
def _case_events(
    draw: st.DrawFn, kinds: tuple[type[CaseEvent], ...], at: st.SearchStrategy[_dt.datetime]
) -> CaseEvent:
    return _event_at(draw, draw(st.sampled_from(kinds)), draw(at), ())


def case_events(
    *,
    kinds: Sequence[type[CaseEvent]] = EVENT_TYPES,
    at: st.SearchStrategy[_dt.datetime] | None = None,
) -> st.SearchStrategy[CaseEvent]:
    """Single case events of the given ``kinds``, at an instant from ``at``; a reply goes to
    ada@acme.dk, mostly copying the shared mailbox it is sent from (COM-3). Shrinks towards a
    resolution.

    >>> from hypothesis import given, settings
    >>> from expandit_policy import Replied
    >>> @settings(max_examples=5)
    ... @given(case_events(kinds=[Replied]))
    ... def test_a_reply_goes_to_someone(reply):
    ...     assert reply.to and reply.at.utcoffset() is not None
    >>> test_a_reply_goes_to_someone()
    """
    moments = instants() if at is None else at
    check_strategy(moments, "at")
    return _case_events(_check_event_types(kinds), moments)


def _zone_name(t: _dt.datetime) -> str:
    """The IANA name of ``t``'s zone, or UTC for a fixed offset."""
    key = getattr(t.tzinfo, "key", None)
    return key if isinstance(key, str) else "UTC"


@st.composite
def _cases(
    draw: st.DrawFn,
    request_strategy: st.SearchStrategy[Request],
    kinds: tuple[type[CaseEvent], ...],
    max_events: int,
    within_us: int,
) -> Case:
    request = draw(request_strategy)
    received = _time.to_us(request.received_at)
    zone = _time.zone(_zone_name(request.received_at))
    recipients = [c.email for c in request.party.contacts] or [request.sender.email]
    # Instants in order (equal ones allowed), never before the request: a valid log by
    # construction, whatever the kinds.
    offsets = sorted(draw(st.lists(st.integers(0, within_us), max_size=max_events)))
    openers = [k for k in kinds if k is not Reopened]
    closers = [k for k in kinds if k not in (Replied, MessageReceived)]
    events: list[CaseEvent] = []
    closed = False
    for offset in offsets:
        # While the case is closed nobody replies and no customer message comes without
        # reopening it first; a case that is open cannot be reopened.
        allowed = closers if closed else openers
        if not allowed:
            continue
        kind = draw(st.sampled_from(allowed))
        events.append(_event_at(draw, kind, _time.from_us(received + offset, zone), recipients))
        if kind is Closed:
            closed = True
        elif kind is Reopened:
            closed = False
    return Case(request, events)


def cases(
    *,
    requests: st.SearchStrategy[Request] | None = None,
    kinds: Sequence[type[CaseEvent]] = EVENT_TYPES,
    max_events: int = 8,
    within: _dt.timedelta = _dt.timedelta(days=14),
) -> st.SearchStrategy[Case]:
    """Cases with a valid log, so that :func:`~expandit_policy.assess` never refuses them: up to
    ``max_events`` events of the given ``kinds``, in order, within ``within`` of the request's
    receipt, none before it; closes and reopens alternate (a reopen follows a close), and no reply
    is sent and no customer message comes while the case is closed. Events are given in the request's zone. Shrinks towards a
    request with an empty log.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(cases())
    ... def test_a_log_is_in_order_from_the_request_on(case):
    ...     instants = [case.request.received_at, *(event.at for event in case.events)]
    ...     assert instants == sorted(instants, key=lambda t: t.timestamp())
    >>> test_a_log_is_in_order_from_the_request_on()
    """
    request_strategy = _any_request() if requests is None else requests
    check_strategy(request_strategy, "requests")
    return _cases(
        request_strategy,
        _check_event_types(kinds),
        check_count(max_events, "max_events"),
        positive_span_us(within, "within"),
    )


# -- what the domain's rules return -----------------------------------------------------------

_DAYS = st.dates(_dt.date(2024, 1, 1), _dt.date(2028, 12, 31))


@st.composite
def _entitlement_sets(draw: st.DrawFn) -> Entitlements:
    party = draw(parties(max_contacts=0))
    held = draw(st.lists(licences(holders=st.just(party) | parties(max_contacts=0)), max_size=3))
    return entitlements(party, held, draw(_DAYS))


def entitlement_sets() -> st.SearchStrategy[Entitlements]:
    """ENT-1 answers, as :func:`~expandit_policy.entitlements` gives them for a party, its
    licences and a day. Shrinks towards a party with no licence.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(entitlement_sets())
    ... def test_every_reason_names_ENT_1(answer):
    ...     assert answer.reasons and all(r.startswith("ENT-1") for r in answer.reasons)
    >>> test_every_reason_names_ENT_1()
    """
    return _entitlement_sets()


@st.composite
def _grants(draw: st.DrawFn) -> Grant:
    term = draw(sa_terms(min_date=_dt.date(2024, 1, 1), max_date=_dt.date(2028, 12, 31)))
    lic = draw(licences(sa_terms=st.just(term)))
    on = term.start + _dt.timedelta(days=draw(st.integers(0, (term.end - term.start).days)))
    party = lic.held_for if lic.held_for is not None and draw(st.booleans()) else lic.holder
    # An active term on a day inside it grants by construction.
    return entitlements(party, [lic], on).grants[0]


def grants() -> st.SearchStrategy[Grant]:
    """ENT-1 grants: the benefits one licence with active Software Assurance gives a party.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(grants())
    ... def test_a_grant_comes_from_an_active_term(grant):
    ...     assert grant.benefits and grant.reason.startswith("ENT-1")
    >>> test_a_grant_comes_from_an_active_term()
    """
    return _grants()


@st.composite
def _coverage_decisions(draw: st.DrawFn) -> CoverageDecision:
    party = draw(parties(max_contacts=0))
    held = draw(st.lists(licences(holders=st.just(party) | parties(max_contacts=0)), max_size=3))
    return coverage(draw(st.sampled_from(RequestKind)), party, held, draw(_DAYS))


def coverage_decisions() -> st.SearchStrategy[CoverageDecision]:
    """COM-5 answers, as :func:`~expandit_policy.coverage` gives them.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(coverage_decisions())
    ... def test_every_reason_names_COM_5(decision):
    ...     assert all(r.startswith("COM-5") for r in decision.reasons)
    >>> test_every_reason_names_COM_5()
    """
    return _coverage_decisions()


@st.composite
def _decisions(draw: st.DrawFn) -> Decision:
    gate = draw(st.integers(0, 2))
    if gate == 0:
        members = draw(st.lists(parties(max_contacts=0), min_size=1, max_size=3))
        confirmed = {p: draw(st.booleans()) for p in members}
        return relationship_gate(members, confirmed)
    if gate == 1:
        return draw(coverage_decisions()).as_decision()
    party = draw(parties(max_contacts=0))
    held = draw(st.lists(licences(holders=st.just(party)), max_size=2))
    return escrow_access(
        party,
        held,
        draw(_DAYS),
        current_version="2026.1",
        recipient_verified=draw(st.booleans()),
        priority_agreement=draw(st.booleans()),
    )


def decisions() -> st.SearchStrategy[Decision]:
    """Gate answers with their reasons, as the gates give them: COM-10's relationship gate,
    COM-5's coverage as a gate, ENT-3's escrow access. (MAIL-5 and MAIL-6 decisions come from
    the policy layer's :func:`auto_replies` and :func:`absences` through ``out_of_office``.)

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(decisions())
    ... def test_every_reason_names_the_clause(decision):
    ...     assert all(decision.clause in reason for reason in decision.reasons)
    >>> test_every_reason_names_the_clause()
    """
    return _decisions()
