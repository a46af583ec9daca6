"""Money and price lists: exact decimal amounts in one currency, never floats (ENT-2)."""

from __future__ import annotations

import decimal
import itertools
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from .. import _checks
from .._errors import (
    CurrencyMismatchError,
    InvalidValueError,
    UnknownFeatureLevelError,
    WrongTypeError,
)
from ._licences import FeatureLevel

__all__ = ["MAX_DECIMAL_PLACES", "MAX_WHOLE_DIGITS", "Money", "PriceList"]

#: The most digits an amount has before the decimal point: 30, below 10**30 in size, far beyond
#: any price or total in any currency, and twice what a 64-bit count of cents holds.
MAX_WHOLE_DIGITS = 30
#: The most digits an amount has after the decimal point: 4, the most any currency's minor unit
#: or a common unit price needs. Trailing zeros count: Decimal('1.00000') has five.
MAX_DECIMAL_PLACES = 4

#: The context of Money's arithmetic. The sum or difference of two amounts in bounds has at most
#: 31 + 4 digits, so a precision of 36 holds it exactly whatever the caller's own context says;
#: were a result ever rounded, ``Inexact`` would raise instead of changing it silently.
_EXACT = decimal.Context(
    prec=MAX_WHOLE_DIGITS + MAX_DECIMAL_PLACES + 2,
    rounding=decimal.ROUND_HALF_EVEN,
    traps=[decimal.Inexact, decimal.InvalidOperation, decimal.Overflow, decimal.DivisionByZero],
)


def _amount(value: Decimal | int) -> Decimal:
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return value  # type: ignore[return-value]  # a bool is left for the validator to refuse


def _check_amount(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, Decimal):
        hint = f"; write Decimal({str(value)!r})" if isinstance(value, float | str) else ""
        raise WrongTypeError(
            f"Money.amount must be a decimal.Decimal (or an int), never a float, "
            f"got {_checks.got(value)}{hint}"
        )
    if not value.is_finite():
        raise InvalidValueError(f"Money.amount must be a finite amount, got {value!r}")
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)  # a finite Decimal's exponent is a number
    whole_digits = 0 if value.is_zero() else max(value.adjusted() + 1, 0)
    if whole_digits > MAX_WHOLE_DIGITS:
        raise InvalidValueError(
            f"Money.amount must have at most {MAX_WHOLE_DIGITS} digits before the decimal point "
            f"(be less than 10**{MAX_WHOLE_DIGITS} in size), got {_shown(value)}, which has "
            f"{whole_digits}"
        )
    if -exponent > MAX_DECIMAL_PLACES:
        raise InvalidValueError(
            f"Money.amount must have at most {MAX_DECIMAL_PLACES} digits after the decimal point, "
            f"got {_shown(value)}, which has {-exponent}; round it first, e.g. "
            f"amount.quantize(Decimal('0.01'))"
        )


def _shown(value: Decimal) -> str:
    """An amount as a message shows it: whole when short, else its first digits and its size."""
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:30]}...{text[-8:]} ({len(str(value))} characters)"


def _check_currency(inst: object, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, str):
        raise WrongTypeError(f"Money.currency must be a str, got {_checks.got(value)}")
    if not (len(value) == 3 and value.isascii() and value.isalpha() and value.isupper()):
        raise InvalidValueError(
            f"Money.currency must be a three-letter ISO 4217 code in capitals such as 'EUR' or "
            f"'DKK', got {value!r}"
        )


@attrs.frozen
class Money:
    """An exact amount in one currency. Floats are refused: prices are decimal.

    An amount has at most 30 digits before the decimal point and 4 after it
    (:data:`MAX_WHOLE_DIGITS`, :data:`MAX_DECIMAL_PLACES`); within those bounds sums and
    differences are exact, whatever the caller's decimal context.

    >>> Money(Decimal("2500.00"), "EUR") - Money(1000, "EUR")
    Money(amount=Decimal('1500.00'), currency='EUR')
    >>> str(Money(Decimal("99.50"), "DKK"))
    'DKK 99.50'
    >>> Money(Decimal("1234567890123456789012345678.91"), "EUR") - Money(Decimal("0.01"), "EUR")
    Money(amount=Decimal('1234567890123456789012345678.90'), currency='EUR')
    """

    amount: Decimal = attrs.field(converter=_amount, validator=_check_amount)
    """The amount, exact (an int is taken as a whole amount): at most 30 digits before the
    decimal point and 4 after it."""
    currency: str = attrs.field(validator=_check_currency)
    """The ISO 4217 currency code, e.g. 'EUR'."""

    def _same_currency(self, other: object, verb: str) -> Money:
        if not isinstance(other, Money):
            raise WrongTypeError(f"can only {verb} Money and Money, got {_checks.got(other)}")
        if other.currency != self.currency:
            joiner = "from" if verb == "subtract" else "to"
            raise CurrencyMismatchError(
                f"cannot {verb} {other} {joiner} {self}: the currencies differ; convert one "
                f"amount first"
            )
        return other

    def __add__(self, other: Money) -> Money:
        addend = self._same_currency(other, "add").amount
        with decimal.localcontext(_EXACT):
            return Money(self.amount + addend, self.currency)

    def __sub__(self, other: Money) -> Money:
        subtrahend = self._same_currency(other, "subtract").amount
        with decimal.localcontext(_EXACT):
            return Money(self.amount - subtrahend, self.currency)

    def __str__(self) -> str:
        return f"{self.currency} {self.amount}"


def _prices(
    value: Mapping[FeatureLevel, Money] | Iterable[tuple[FeatureLevel, Money]],
) -> tuple[tuple[FeatureLevel, Money], ...]:
    pairs = _checks.as_tuple(value.items() if isinstance(value, Mapping) else value)
    if isinstance(pairs, tuple) and all(
        isinstance(p, tuple) and len(p) == 2 and isinstance(p[0], FeatureLevel) for p in pairs
    ):
        return tuple(sorted(pairs, key=lambda p: p[0].rank))
    return pairs  # type: ignore[no-any-return]


def _check_prices(inst: PriceList, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, tuple):
        raise WrongTypeError(
            f"PriceList.prices must map feature levels to Money, got {_checks.got(value)}"
        )
    for k, pair in enumerate(value):
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise WrongTypeError(
                f"PriceList.prices[{k}] must be a (FeatureLevel, Money) pair, got {_checks.got(pair)}"
            )
        level, price = pair
        if not isinstance(level, FeatureLevel):
            raise WrongTypeError(
                f"PriceList.prices[{k}] must be priced for a FeatureLevel, got {_checks.got(level)}"
            )
        if not isinstance(price, Money):
            raise WrongTypeError(
                f"PriceList.prices[{level.name!r}] must be Money, got {_checks.got(price)}"
            )
    for (a, pa), (b, pb) in itertools.pairwise(value):
        if a.rank == b.rank or a.name == b.name:
            raise InvalidValueError(
                f"PriceList.prices must price each feature level once, got {a!r} and {b!r}"
            )
        if pa.currency != pb.currency:
            raise CurrencyMismatchError(
                f"PriceList.prices must all be in one currency, got {pa} for {a.name!r} and {pb} "
                f"for {b.name!r}"
            )
        if pb.amount < pa.amount:
            raise InvalidValueError(
                f"PriceList.prices must not fall as the level rises (ENT-2 would pay a negative "
                f"difference), got {pa} for {a.name!r} and {pb} for {b.name!r}"
            )


@attrs.frozen
class PriceList:
    """The list prices of a product's feature levels, in one currency; a higher level never costs
    less than a lower one.

    >>> from expandit_policy import Product
    >>> std, pro = Product.ranked("Commerce", "Standard", "Professional").levels
    >>> prices = PriceList({std: Money(1000, "EUR"), pro: Money(2500, "EUR")})
    >>> str(prices.price(pro))
    'EUR 2500'
    """

    prices: tuple[tuple[FeatureLevel, Money], ...] = attrs.field(
        converter=_prices, validator=_check_prices
    )
    """(level, price) pairs sorted by rank; give a mapping or pairs."""

    @property
    def levels(self) -> tuple[FeatureLevel, ...]:
        """The levels priced, lowest first."""
        return tuple(level for level, _ in self.prices)

    def price(self, level: FeatureLevel) -> Money:
        """The list price of ``level``.

        >>> from expandit_policy import FeatureLevel
        >>> PriceList({}).price(FeatureLevel("Gold", 9))
        Traceback (most recent call last):
        ...
        expandit_policy.UnknownFeatureLevelError: the price list has no price for FeatureLevel(name='Gold', rank=9); it prices no levels
        """
        for known, price in self.prices:
            if known == level:
                return price
        names = ", ".join(repr(x.name) for x in self.levels) or "no levels"
        raise UnknownFeatureLevelError(
            f"the price list has no price for {level!r}; it prices {names}"
        )
