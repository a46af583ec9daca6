"""Entitlements: the benefits of an active Software Assurance (ENT-1), the upgrade price under
investment protection (ENT-2) and access to the escrowed source code (ENT-3)."""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable
from typing import Any

import attrs

from .. import _checks
from .._errors import InvalidUpgradeError, WrongTypeError
from ._gates import Decision
from ._licences import FeatureLevel, Licence, SoftwareAssuranceTerm
from ._money import Money, PriceList
from ._parties import PARTIES, EndCustomer, Party, label

__all__ = [
    "Benefit",
    "Entitlements",
    "Grant",
    "entitlements",
    "escrow_access",
    "upgrade_price",
]


class Benefit(enum.Enum):
    """What an active Software Assurance gives access to (ENT-1).

    >>> Benefit.RELEASES.value
    'versions, service packs and hotfixes'
    """

    PARTNER_PORTAL = "partner portal"
    COMMERCE_PORTAL = "commerce portal"
    RELEASES = "versions, service packs and hotfixes"
    SUPPORT_MAILBOX = "support mailbox"
    LICENCE_MOBILITY = "licence mobility"
    INVESTMENT_PROTECTION = "investment protection"
    SOURCE_CODE_ESCROW = "source-code escrow"


_ALL_BENEFITS = frozenset(Benefit)
# The partner portal serves the channel; an end customer gets every other benefit.
_END_CUSTOMER_BENEFITS = _ALL_BENEFITS - {Benefit.PARTNER_PORTAL}


def _benefits_of(party: Party) -> frozenset[Benefit]:
    return _END_CUSTOMER_BENEFITS if isinstance(party, EndCustomer) else _ALL_BENEFITS


def _benefit_set(value: Iterable[Benefit]) -> frozenset[Benefit]:
    items = _checks.as_tuple(value)
    return frozenset(items) if isinstance(items, tuple) else items


def _check_benefits(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    name = _checks.field_name(inst, attribute)
    if not isinstance(value, frozenset) or not all(isinstance(b, Benefit) for b in value):
        raise WrongTypeError(f"{name} must be a set of Benefit members, got {_checks.got(value)}")


@attrs.frozen
class Grant:
    """One licence's contribution to a party's entitlements (ENT-1): the benefits it grants and
    why.

    >>> from expandit_policy import EndCustomer, Product, SoftwareAssuranceTerm
    >>> commerce = Product.ranked("Commerce", "Standard")
    >>> lic = Licence(commerce, commerce.levels[0], EndCustomer("Acme"),
    ...               sa_term=SoftwareAssuranceTerm(_dt.date(2026, 1, 1), _dt.date(2026, 12, 31)))
    >>> entitlements(EndCustomer("Acme"), [lic], _dt.date(2026, 3, 2)).grants[0].term.end
    datetime.date(2026, 12, 31)
    """

    licence: Licence = attrs.field(validator=_checks.instance(Licence, "a Licence"))
    """The licence whose Software Assurance grants the benefits."""
    benefits: frozenset[Benefit] = attrs.field(converter=_benefit_set, validator=_check_benefits)
    """The benefits granted."""
    reason: str = attrs.field(validator=_checks.text)
    """Why, naming ENT-1, the licence and its SA term."""

    @property
    def term(self) -> SoftwareAssuranceTerm:
        """The Software Assurance term that grants the benefits."""
        assert self.licence.sa_term is not None  # a grant comes only from a licence with SA
        return self.licence.sa_term


def _grants(value: Iterable[Grant]) -> tuple[Grant, ...]:
    return _checks.as_tuple(value)  # type: ignore[no-any-return]


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return _checks.as_tuple(value)  # type: ignore[no-any-return]


@attrs.frozen
class Entitlements:
    """Which ENT-1 benefits a party has on a day, which licences grant them, and why (or why not).

    >>> from expandit_policy import EndCustomer
    >>> none = entitlements(EndCustomer("Acme"), [], _dt.date(2026, 3, 2))
    >>> none.benefits, none.reasons
    (frozenset(), ("ENT-1: no licence is held by or for end customer 'Acme'",))
    """

    party: Party = attrs.field(
        validator=_checks.instance(PARTIES, "a Partner, Reseller or EndCustomer")
    )
    """The party asked about."""
    on: _dt.date = attrs.field(validator=_checks.date)
    """The day asked about."""
    grants: tuple[Grant, ...] = attrs.field(
        default=(), converter=_grants, validator=_checks.items(Grant, "a Grant")
    )
    """One grant per licence whose Software Assurance is active on the day."""
    reasons: tuple[str, ...] = attrs.field(
        default=(), converter=_strings, validator=_checks.free_texts
    )
    """One line per licence of the party's (or one saying there is none), why it grants the
    benefits or why not; each names ENT-1."""

    @property
    def benefits(self) -> frozenset[Benefit]:
        """Every benefit the party has on the day."""
        return frozenset().union(*(g.benefits for g in self.grants))

    def __contains__(self, benefit: object) -> bool:
        return any(benefit in g.benefits for g in self.grants)

    def granted_by(self, benefit: Benefit) -> tuple[Licence, ...]:
        """The licences that grant ``benefit``.

        >>> from expandit_policy import EndCustomer
        >>> entitlements(EndCustomer("Acme"), [], _dt.date(2026, 3, 2)).granted_by(
        ...     Benefit.RELEASES)
        ()
        """
        return tuple(g.licence for g in self.grants if benefit in g.benefits)


def sa_status(licence: Licence, on: _dt.date) -> tuple[bool, str]:
    term = licence.sa_term
    if term is None:
        return False, "licence without Software Assurance"
    if on < term.start:
        return False, f"Software Assurance not yet started on {on}; it starts {term.start}"
    if on > term.end:
        return False, f"Software Assurance expired on {term.end}"
    return True, f"Software Assurance active on {on} (term {term.start} to {term.end})"


def check_licences(licences: Iterable[Licence]) -> tuple[Licence, ...]:
    items = _checks.check_iterable(licences, "licences")
    for k, licence in enumerate(items):
        if not isinstance(licence, Licence):
            raise WrongTypeError(f"licences[{k}] must be a Licence, got {_checks.got(licence)}")
    return items


def check_party(party: object) -> Party:
    if not isinstance(party, PARTIES):
        raise WrongTypeError(
            f"party must be a Partner, Reseller or EndCustomer, got {_checks.got(party)}"
        )
    return party


def entitlements(party: Party, licences: Iterable[Licence], on: _dt.date) -> Entitlements:
    """ENT-1: the benefits ``party`` has on day ``on`` from the licences it holds or that are held
    for it, each with the licence and Software Assurance term that grant it; and, for every licence
    that grants nothing, why not (no SA, SA expired, SA not yet started).

    Both the holder of a licence and the end customer it is held for get its benefits; the partner
    portal goes to partners and resellers only.

    >>> from expandit_policy import EndCustomer, Partner, Product, SoftwareAssuranceTerm
    >>> commerce = Product.ranked("Commerce", "Standard")
    >>> sa = SoftwareAssuranceTerm(_dt.date(2025, 1, 1), _dt.date(2025, 12, 31))
    >>> lic = Licence(commerce, commerce.levels[0], Partner("Nordic"), EndCustomer("Acme"), sa)
    >>> entitlements(EndCustomer("Acme"), [lic], _dt.date(2026, 3, 2)).reasons
    ("ENT-1: Commerce Standard licence held by partner 'Nordic' for end customer 'Acme': Software Assurance expired on 2025-12-31",)
    >>> Benefit.SUPPORT_MAILBOX in entitlements(Partner("Nordic"), [lic], _dt.date(2025, 6, 1))
    True
    """
    check_party(party)
    _checks.check_date(on, "on")
    relevant = [lic for lic in check_licences(licences) if lic.concerns(party)]
    if not relevant:
        return Entitlements(party, on, (), [f"ENT-1: no licence is held by or for {label(party)}"])
    grants, reasons = [], []
    for licence in relevant:
        active, why = sa_status(licence, on)
        reason = f"ENT-1: {licence.label}: {why}"
        reasons.append(reason)
        if active:
            grants.append(Grant(licence, _benefits_of(party), reason))
    return Entitlements(party, on, grants, reasons)


def upgrade_price(
    price_list: PriceList,
    from_level: FeatureLevel,
    to_level: FeatureLevel,
    *,
    investment_protection: bool,
) -> Money:
    """ENT-2: the price of an upgrade from ``from_level`` to the higher ``to_level``.

    With investment protection (a benefit of active Software Assurance, see :func:`entitlements`)
    the customer pays the difference of the two list prices; without it, the full list price of
    the new level.

    >>> from expandit_policy import Product
    >>> std, pro, ent = Product.ranked("Commerce", "Standard", "Professional", "Enterprise").levels
    >>> prices = PriceList({std: Money(1000, "EUR"), pro: Money(2500, "EUR"),
    ...                     ent: Money(6000, "EUR")})
    >>> str(upgrade_price(prices, std, pro, investment_protection=True))
    'EUR 1500'
    >>> str(upgrade_price(prices, std, pro, investment_protection=False))
    'EUR 2500'
    """
    if not isinstance(price_list, PriceList):
        raise WrongTypeError(f"price_list must be a PriceList, got {_checks.got(price_list)}")
    for name, level in (("from_level", from_level), ("to_level", to_level)):
        if not isinstance(level, FeatureLevel):
            raise WrongTypeError(f"{name} must be a FeatureLevel, got {_checks.got(level)}")
    if not isinstance(investment_protection, bool):
        raise WrongTypeError(
            f"investment_protection must be a bool, got {_checks.got(investment_protection)}"
        )
    old, new = price_list.price(from_level), price_list.price(to_level)
    if to_level.rank <= from_level.rank:
        what = "the same level" if to_level == from_level else "a downgrade"
        raise InvalidUpgradeError(
            f"ENT-2: from {from_level.name!r} to {to_level.name!r} is {what}; an upgrade must go "
            f"to a higher feature level"
        )
    return new - old if investment_protection else new


def escrow_access(
    party: Party,
    licences: Iterable[Licence],
    on: _dt.date,
    *,
    current_version: str,
    recipient_verified: bool,
    priority_agreement: bool,
) -> Decision:
    """ENT-3: whether ``party`` may have the escrowed source code on day ``on``.

    Granted when a licence the party holds, or that is held for it, runs ``current_version`` and
    has Software Assurance active on the day, and the escrow agent has verified the recipient. A
    separate agreement with the escrow agent gives priority access; it does not waive the
    conditions. A refusal lists every condition that fails.

    >>> from expandit_policy import EndCustomer, Product, SoftwareAssuranceTerm
    >>> commerce = Product.ranked("Commerce", "Standard")
    >>> sa = SoftwareAssuranceTerm(_dt.date(2026, 1, 1), _dt.date(2026, 12, 31))
    >>> lic = Licence(commerce, commerce.levels[0], EndCustomer("Acme"), sa_term=sa,
    ...               version="2025.2")
    >>> escrow_access(EndCustomer("Acme"), [lic], _dt.date(2026, 3, 2), current_version="2026.1",
    ...               recipient_verified=False, priority_agreement=False).reasons
    ("ENT-3: not on the current version 2026.1: Commerce Standard licence held by end customer 'Acme' is on 2025.2", 'ENT-3: verification of the recipient by the escrow agent is pending')
    """
    ents = entitlements(party, licences, on)
    _checks.check_text(current_version, "current_version")
    for name, flag in (
        ("recipient_verified", recipient_verified),
        ("priority_agreement", priority_agreement),
    ):
        if not isinstance(flag, bool):
            raise WrongTypeError(f"{name} must be a bool, got {_checks.got(flag)}")
    covered = ents.granted_by(Benefit.SOURCE_CODE_ESCROW)
    current = [lic for lic in covered if lic.version == current_version]
    reasons = []
    if not covered:
        reasons.append(
            f"ENT-3: no licence held by or for {label(party)} has Software Assurance active on {on}"
        )
    elif not current:
        reasons.extend(
            f"ENT-3: not on the current version {current_version}: {lic.label} is on "
            f"{lic.version or 'an unknown version'}"
            for lic in covered
        )
    if not recipient_verified:
        reasons.append("ENT-3: verification of the recipient by the escrow agent is pending")
    if reasons:
        return Decision(False, "ENT-3", reasons)
    access = (
        "ENT-3: priority access under a separate agreement with the escrow agent"
        if priority_agreement
        else "ENT-3: standard access (priority access needs a separate agreement with the escrow "
        "agent)"
    )
    return Decision(
        True,
        "ENT-3",
        [
            f"ENT-3: {current[0].label} is on the current version {current_version} with "
            f"Software Assurance active on {on}",
            "ENT-3: the escrow agent has verified the recipient",
            access,
        ],
    )
