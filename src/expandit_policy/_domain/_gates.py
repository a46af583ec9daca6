"""Gates: yes/no decisions with reasons, each reason naming its clause; COM-10's relationship gate."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from .. import _checks
from .._errors import InvalidValueError, WrongTypeError
from ._parties import PARTIES, Party, label

__all__ = ["Decision", "relationship_gate"]


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return _checks.as_tuple(value)  # type: ignore[no-any-return]


def _reasons(inst: Decision, attribute: attrs.Attribute[Any], value: Any) -> None:
    _checks.free_texts(inst, attribute, value)
    for k, reason in enumerate(value):
        if inst.clause not in reason:
            raise InvalidValueError(
                f"Decision.reasons[{k}] must name its clause {inst.clause!r}, got {reason!r}; "
                f"start it with '{inst.clause}: '"
            )


@attrs.frozen
class Decision:
    """The answer of a gate: allowed or not, under which clause, and why. Every reason names the
    clause.

    >>> d = Decision(False, "COM-10", ["COM-10: end customer 'Acme' has not confirmed ..."])
    >>> d.allowed, d.clause
    (False, 'COM-10')
    """

    allowed: bool = attrs.field(validator=_checks.boolean)
    """Whether the gate lets the matter go ahead."""
    clause: str = attrs.field(validator=_checks.identifier)
    """The clause that decides, e.g. 'ENT-3'."""
    reasons: tuple[str, ...] = attrs.field(default=(), converter=_strings, validator=_reasons)
    """Why, one line each; every line names the clause."""


def relationship_gate(parties: Iterable[Party], confirmations: Mapping[Party, bool]) -> Decision:
    """COM-10: whether a business relationship may go ahead: only when every party has confirmed
    that it understands the scope of the offering. The reasons list the parties still missing.

    A party absent from ``confirmations`` has not confirmed; confirmations of parties outside
    the relationship are ignored.

    >>> from expandit_policy import EndCustomer, Partner
    >>> nordic, acme = Partner("Nordic Partner"), EndCustomer("Acme")
    >>> relationship_gate([nordic, acme], {nordic: True}).reasons
    ("COM-10: end customer 'Acme' has not confirmed that it understands the scope of the offering",)
    >>> relationship_gate([nordic, acme], {nordic: True, acme: True}).allowed
    True
    """
    members = _checks.check_iterable(parties, "parties")
    if not isinstance(confirmations, Mapping):
        raise WrongTypeError(
            f"confirmations must map each party to True or False, got {_checks.got(confirmations)}"
        )
    unique: list[Party] = []
    for k, party in enumerate(members):
        if not isinstance(party, PARTIES):
            raise WrongTypeError(
                f"parties[{k}] must be a Partner, Reseller or EndCustomer, got {_checks.got(party)}"
            )
        if party not in unique:
            unique.append(party)
    if not unique:
        raise InvalidValueError(
            "parties must name at least one party of the relationship, got none"
        )
    for party, confirmed in confirmations.items():
        if not isinstance(confirmed, bool):
            raise WrongTypeError(
                f"confirmations[{party!r}] must be True or False, got {_checks.got(confirmed)}"
            )
    missing = [p for p in unique if not confirmations.get(p, False)]
    if missing:
        return Decision(
            False,
            "COM-10",
            [
                f"COM-10: {label(p)} has not confirmed that it understands the scope of the "
                f"offering"
                for p in missing
            ],
        )
    everyone = ", ".join(label(p) for p in unique)
    return Decision(
        True,
        "COM-10",
        [
            f"COM-10: every party has confirmed that it understands the scope of the offering: "
            f"{everyone}"
        ],
    )
