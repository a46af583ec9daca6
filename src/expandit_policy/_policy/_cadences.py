"""COM-9: how often the desk keeps in contact with a party while its case is open.

The policy says "regularly" and gives no number, so nothing is reported until a cadence is set:
for every party (COM-9's reading), for a kind of party, or for one party by name.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal, TypeAlias

import attrs

from .. import _checks
from .._calendars._durations import BusinessDays, BusinessHours, CalendarDays, ClockHours, Duration
from .._domain._parties import EndCustomer, Partner, Party
from .._errors import InvalidPolicyError, WrongTypeError

__all__ = [
    "PARTY_KINDS",
    "ContactCadence",
    "PartyKind",
    "cadence_for",
    "check_cadences",
    "parties_key",
    "party_kind",
]

PartyKind: TypeAlias = Literal["partner", "reseller", "end customer"]
#: The kinds of party, as reports and cadences name them.
PARTY_KINDS: tuple[PartyKind, ...] = ("partner", "reseller", "end customer")


def party_kind(party: Party) -> PartyKind:
    """The kind of ``party``: 'partner', 'reseller' or 'end customer'.

    >>> from expandit_policy import Contact, Reseller
    >>> party_kind(Reseller("Nordic IT", [Contact("Bo Holm", "bo@nordic.dk")]))
    'reseller'
    """
    if isinstance(party, Partner):
        return "partner"
    return "end customer" if isinstance(party, EndCustomer) else "reseller"


def _every(inst: ContactCadence, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, Duration):
        raise WrongTypeError(
            f"ContactCadence.every must be BusinessHours, BusinessDays, CalendarDays or "
            f"ClockHours, got {value!r} ({type(value).__name__})"
        )
    if isinstance(value, BusinessHours | ClockHours) and value.hours <= 0:
        raise InvalidPolicyError(f"ContactCadence.every must be positive, got {value!r}")
    if isinstance(value, BusinessDays | CalendarDays) and value.days <= 0:
        raise InvalidPolicyError(f"ContactCadence.every must be positive, got {value!r}")


def _kind(inst: ContactCadence, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and value not in PARTY_KINDS:
        raise InvalidPolicyError(
            f"ContactCadence.party_kind must be one of {', '.join(map(repr, PARTY_KINDS))} "
            f"or None, got {value!r}"
        )


@attrs.frozen
class ContactCadence:
    """COM-9: keep in contact with a party at least every ``every`` while its case is open.

    It applies to the parties of ``party_kind``, or to the one named ``party_name``, or to both
    conditions at once; the most specific cadence that applies wins (a name over a kind), and
    COM-9's reading, when it has a duration, is the cadence for every other party.

    >>> from expandit_policy import BusinessDays, Contact, Partner
    >>> partners = ContactCadence(BusinessDays(5), party_kind="partner")
    >>> partners.applies_to(Partner("Nordic IT", [Contact("Bo Holm", "bo@nordic.dk")]))
    True
    """

    every: Duration = attrs.field(validator=_every)
    """The longest silence allowed while a case is open."""
    party_kind: PartyKind | None = attrs.field(default=None, validator=_kind)
    """'partner', 'reseller' or 'end customer'; None for any kind."""
    party_name: str | None = attrs.field(default=None, validator=_checks.identifier_or_none)
    """One party's name (compared without regard to case); None for any party."""

    def applies_to(self, party: Party) -> bool:
        """Whether this cadence applies to ``party``.

        >>> from expandit_policy import BusinessDays, Contact, EndCustomer
        >>> acme = EndCustomer("Acme", [Contact("Ada Jensen", "ada@acme.dk")])
        >>> ContactCadence(BusinessDays(5), party_name="ACME").applies_to(acme)
        True
        """
        if self.party_kind is not None and party_kind(party) != self.party_kind:
            return False
        return self.party_name is None or self.party_name.casefold() == party.name.casefold()

    @property
    def specificity(self) -> int:
        """How narrowly it applies: 2 for a name, 1 for a kind only, 0 for every party (a name
        and a kind together count 3)."""
        return 2 * (self.party_name is not None) + (self.party_kind is not None)

    @property
    def parties(self) -> str:
        """Whom it applies to, in words.

        >>> from expandit_policy import BusinessDays
        >>> ContactCadence(BusinessDays(5), party_kind="reseller", party_name="Shop").parties
        "reseller 'Shop'"
        """
        named = None if self.party_name is None else repr(self.party_name)
        return " ".join(x for x in (self.party_kind, named) if x) or "every party"

    def __str__(self) -> str:
        return f"every {self.every} for {self.parties}"


def parties_key(cadence: ContactCadence) -> tuple[str | None, str | None]:
    """What identifies the parties a cadence is for: two cadences with one key clash."""
    name = None if cadence.party_name is None else cadence.party_name.casefold()
    return cadence.party_kind, name


def check_cadences(value: Iterable[Any]) -> list[Exception]:
    """The problems of a policy's cadences: wrong types and two cadences for the same parties."""
    problems: list[Exception] = []
    seen: set[tuple[str | None, str | None]] = set()
    for k, cadence in enumerate(value):
        if not isinstance(cadence, ContactCadence):
            problems.append(
                WrongTypeError(
                    f"Policy.cadences[{k}] must be a ContactCadence, got {cadence!r} "
                    f"({type(cadence).__name__})"
                )
            )
            continue
        key = parties_key(cadence)
        if key in seen:
            problems.append(
                InvalidPolicyError(
                    f"Policy.cadences[{k}] repeats the parties of an earlier cadence "
                    f"({cadence}); give each set of parties one cadence"
                )
            )
        seen.add(key)
    return problems


def cadence_for(
    party: Party, cadences: Iterable[ContactCadence], default: Duration | None
) -> tuple[Duration | None, str]:
    """COM-9's cadence for ``party`` and a line saying where it comes from."""
    matching = [c for c in cadences if c.applies_to(party)]
    if matching:
        best = max(matching, key=lambda c: c.specificity)
        return best.every, f"the contact cadence set for {best.parties}"
    if default is not None:
        return default, "COM-9's reading, the contact cadence for every party"
    return None, "no contact cadence is set for this party, so there is nothing to report"
