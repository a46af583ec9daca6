"""Products, feature levels, Software Assurance terms and licences."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import Any

import attrs

from .. import _checks
from .._errors import InvalidValueError, UnknownFeatureLevelError
from ._parties import PARTIES, EndCustomer, Partner, Party, Reseller, label

__all__ = ["FeatureLevel", "Licence", "Product", "SoftwareAssuranceTerm"]


@attrs.frozen(order=True)
class FeatureLevel:
    """A feature level of a product: a name and a rank; a higher rank is a higher level (ENT-2).

    Levels order by rank alone, so ``min``, ``max`` and ``sorted`` work on them.

    >>> FeatureLevel("Standard", 1) < FeatureLevel("Professional", 2)
    True
    """

    name: str = attrs.field(validator=_checks.identifier, order=False)
    """What the level is called."""
    rank: int = attrs.field(validator=_checks.integer())
    """Its place in the product's order of levels; higher is more features."""


def _levels(value: Iterable[FeatureLevel]) -> tuple[FeatureLevel, ...]:
    levels = _checks.as_tuple(value)
    if isinstance(levels, tuple) and all(isinstance(x, FeatureLevel) for x in levels):
        return tuple(sorted(levels))
    return levels  # type: ignore[no-any-return]


def _distinct_levels(inst: Product, attribute: attrs.Attribute[Any], value: Any) -> None:
    _checks.items(FeatureLevel, "a FeatureLevel")(inst, attribute, value)
    if not value:
        raise InvalidValueError(
            f"Product.levels must name at least one feature level, got {value!r}"
        )
    for what, keys in (("name", [x.name for x in value]), ("rank", [x.rank for x in value])):
        twice = sorted({repr(k) for k in keys if keys.count(k) > 1})
        if twice:
            raise InvalidValueError(
                f"Product.levels of {inst.name!r} must have distinct {what}s, got {', '.join(twice)} "
                f"more than once"
            )


@attrs.frozen
class Product:
    """A product and its feature levels, lowest first.

    >>> commerce = Product.ranked("Commerce", "Standard", "Professional", "Enterprise")
    >>> [level.name for level in commerce.levels]
    ['Standard', 'Professional', 'Enterprise']
    >>> commerce.level("Professional")
    FeatureLevel(name='Professional', rank=2)
    """

    name: str = attrs.field(validator=_checks.identifier)
    """The product's name."""
    levels: tuple[FeatureLevel, ...] = attrs.field(converter=_levels, validator=_distinct_levels)
    """Its feature levels, sorted by rank; names and ranks are distinct."""

    @classmethod
    def ranked(cls, name: str, *level_names: str) -> Product:
        """A product whose levels are ranked 1, 2, ... in the order given.

        >>> Product.ranked("Commerce", "Standard").levels
        (FeatureLevel(name='Standard', rank=1),)
        """
        return cls(name, [FeatureLevel(n, k) for k, n in enumerate(level_names, start=1)])

    def level(self, name: str) -> FeatureLevel:
        """The level called ``name``.

        >>> Product.ranked("Commerce", "Standard", "Professional").level("Standard").rank
        1
        """
        for level in self.levels:
            if level.name == name:
                return level
        known = ", ".join(repr(x.name) for x in self.levels)
        raise UnknownFeatureLevelError(
            f"product {self.name!r} has no feature level {name!r}; its levels are {known}"
        )


@attrs.frozen
class SoftwareAssuranceTerm:
    """A Software Assurance term: active from ``start`` to ``end``, both days included.

    Whether it is active is asked for a given date; nothing here reads the clock.

    >>> term = SoftwareAssuranceTerm(_dt.date(2026, 1, 1), _dt.date(2026, 12, 31))
    >>> term.is_active(_dt.date(2026, 12, 31)), term.is_active(_dt.date(2027, 1, 1))
    (True, False)
    """

    start: _dt.date = attrs.field(validator=_checks.date)
    """The first day covered."""
    end: _dt.date = attrs.field(validator=_checks.date)
    """The last day covered."""

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidValueError(
                f"SoftwareAssuranceTerm.end must be on or after start, got start={self.start} "
                f"and end={self.end}"
            )

    def is_active(self, on: _dt.date) -> bool:
        """Whether the term covers the day ``on``.

        >>> SoftwareAssuranceTerm(_dt.date(2026, 1, 1), _dt.date(2026, 1, 1)).is_active(
        ...     _dt.date(2026, 1, 1))
        True
        """
        _checks.check_date(on, "on")
        return self.start <= on <= self.end


@attrs.frozen
class Licence:
    """A licence of a product at a feature level, held by a party, possibly on behalf of an end
    customer, with or without a Software Assurance term.

    A partner (or reseller) may hold a licence for an end customer: ``holder`` is the partner,
    ``held_for`` the customer. Both get the licence's ENT-1 benefits (see :func:`entitlements`).

    >>> commerce = Product.ranked("Commerce", "Standard", "Professional")
    >>> from expandit_policy import EndCustomer, Partner
    >>> lic = Licence(commerce, commerce.level("Professional"), Partner("Nordic Partner"),
    ...               held_for=EndCustomer("Acme"), version="2026.1")
    >>> lic.concerns(EndCustomer("Acme")), lic.sa_term is None
    (True, True)
    """

    product: Product = attrs.field(validator=_checks.instance(Product, "a Product"))
    """The product licensed."""
    feature_level: FeatureLevel = attrs.field(
        validator=_checks.instance(FeatureLevel, "a FeatureLevel")
    )
    """The feature level licensed; one of the product's levels."""
    holder: Party = attrs.field(
        validator=_checks.instance(PARTIES, "a Partner, Reseller or EndCustomer")
    )
    """Who holds the licence."""
    held_for: EndCustomer | None = attrs.field(
        default=None, validator=_checks.optional(EndCustomer, "an EndCustomer or None")
    )
    """The end customer the licence is held for, when a partner or reseller holds it on their
    behalf; None when the holder uses it."""
    sa_term: SoftwareAssuranceTerm | None = attrs.field(
        default=None,
        validator=_checks.optional(SoftwareAssuranceTerm, "a SoftwareAssuranceTerm or None"),
    )
    """The Software Assurance term, or None for a licence without SA."""
    version: str | None = attrs.field(default=None, validator=_checks.identifier_or_none)
    """The software version the licence runs (ENT-3 asks whether it is the current one); None
    when not known."""

    def __attrs_post_init__(self) -> None:
        if self.feature_level not in self.product.levels:
            known = ", ".join(repr(x.name) for x in self.product.levels)
            raise UnknownFeatureLevelError(
                f"Licence.feature_level must be one of the levels of product {self.product.name!r} "
                f"({known}), got {self.feature_level!r}"
            )
        if self.held_for is not None and not isinstance(self.holder, Partner | Reseller):
            raise InvalidValueError(
                f"Licence.held_for may only be given when a partner or reseller holds the licence "
                f"for an end customer, got holder={label(self.holder)} and "
                f"held_for={label(self.held_for)}"
            )

    def concerns(self, party: Party) -> bool:
        """Whether ``party`` holds the licence or has it held for them (``Party.matches``: the
        identifiers when both carry one, else the names without regard to case).

        >>> commerce = Product.ranked("Commerce", "Standard")
        >>> from expandit_policy import EndCustomer
        >>> Licence(commerce, commerce.levels[0], EndCustomer("Acme")).concerns(EndCustomer("Bo"))
        False
        """
        return self.holder.matches(party) or (
            self.held_for is not None and self.held_for.matches(party)
        )

    @property
    def label(self) -> str:
        """The licence as reasons name it: product, level, holder and whom it is held for."""
        text = f"{self.product.name} {self.feature_level.name} licence held by {label(self.holder)}"
        return text if self.held_for is None else f"{text} for {label(self.held_for)}"
