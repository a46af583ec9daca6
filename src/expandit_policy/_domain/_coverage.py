"""COM-5 groundwork: whether a request is covered by Software Assurance or needs extra fees."""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Callable, Iterable

import attrs

from .. import _checks
from .._errors import WrongTypeError
from ._entitlements import check_licences, check_party, sa_status
from ._gates import Decision
from ._licences import Licence
from ._parties import Party, label
from ._requests import RequestKind

__all__ = ["Coverage", "CoverageDecision", "coverage"]


class Coverage(enum.Enum):
    """How a request's work is paid for (COM-5).

    >>> Coverage.NEEDS_FEES.value
    'needs extra fees'
    """

    COVERED_BY_SA = "covered by Software Assurance"
    NO_CHARGE = "never charged"
    NEEDS_FEES = "needs extra fees"
    UNKNOWN = "unknown"


def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return _checks.as_tuple(value)  # type: ignore[no-any-return]


@attrs.frozen
class CoverageDecision:
    """The COM-5 answer for a request: how its work is paid for, which licence covers it, and why.

    >>> d = CoverageDecision(Coverage.UNKNOWN, ["COM-5: no licence on record"])
    >>> d.notice_required, d.clause
    (True, 'COM-5')
    """

    coverage: Coverage = attrs.field(validator=_checks.instance(Coverage, "a Coverage"))
    """Covered by SA, never charged, needs extra fees, or unknown."""
    reasons: tuple[str, ...] = attrs.field(
        default=(), converter=_strings, validator=_checks.free_texts
    )
    """Why, one line each, naming COM-5."""
    licence: Licence | None = attrs.field(
        default=None, validator=_checks.optional(Licence, "a Licence or None")
    )
    """The licence whose Software Assurance covers the work, when it is covered by SA."""
    clause: str = attrs.field(default="COM-5", init=False)
    """Always 'COM-5'."""

    @property
    def notice_required(self) -> bool:
        """Whether COM-5 asks for a documented notice before work starts: the customer is told
        the work is covered by SA, or what it costs, or asked for the facts when unknown."""
        return self.coverage is not Coverage.NO_CHARGE

    def as_decision(self) -> Decision:
        """The coverage as a gate: allowed to start work without a fee notice only when nothing is
        charged.

        >>> CoverageDecision(Coverage.NO_CHARGE, ["COM-5: a quote"]).as_decision().allowed
        True
        """
        return Decision(not self.notice_required, self.clause, self.reasons)


_NEVER_CHARGED = {
    RequestKind.QUOTE: "a quote is sales work, never billed",
    RequestKind.COMPLAINT: "handling a complaint is never billed",
    RequestKind.MATERIAL_DEFECT_CLAIM: (
        "a claim of a material defect is handled without charge, with or without Software Assurance"
    ),
}


def coverage(
    request_kind: RequestKind, party: Party, licences: Iterable[Licence], on: _dt.date
) -> CoverageDecision:
    """COM-5: whether the work a request of ``request_kind`` asks for is covered by Software
    Assurance, never charged, needs extra fees, or cannot be told from the licences given.

    Questions and fixes are covered when a licence the party holds (or that is held for it) has
    Software Assurance active on day ``on``; they need extra fees when the party's licences have
    none active; they are unknown when no licence of the party's is on record. Quotes, complaints
    and claims of material defects are never charged.

    >>> from expandit_policy import EndCustomer, Product, SoftwareAssuranceTerm
    >>> commerce = Product.ranked("Commerce", "Standard")
    >>> sa = SoftwareAssuranceTerm(_dt.date(2026, 1, 1), _dt.date(2026, 12, 31))
    >>> lic = Licence(commerce, commerce.levels[0], EndCustomer("Acme"), sa_term=sa)
    >>> coverage(RequestKind.FIX, EndCustomer("Acme"), [lic], _dt.date(2026, 3, 2)).coverage
    <Coverage.COVERED_BY_SA: 'covered by Software Assurance'>
    >>> coverage(RequestKind.FIX, EndCustomer("Acme"), [lic], _dt.date(2027, 1, 4)).reasons
    ("COM-5: a fix for end customer 'Acme' needs extra fees: Commerce Standard licence held by end customer 'Acme': Software Assurance expired on 2026-12-31",)
    """
    if not isinstance(request_kind, RequestKind):
        raise WrongTypeError(f"request_kind must be a RequestKind, got {_checks.got(request_kind)}")
    check_party(party)
    _checks.check_date(on, "on")
    return decide(request_kind, party, check_licences(licences), lambda: on)


def _decision(
    coverage: Coverage, reasons: tuple[str, ...], licence: Licence | None = None
) -> CoverageDecision:
    """A decision made here from checked values: built without its validators."""
    return _checks.unchecked(CoverageDecision, coverage=coverage, reasons=reasons, licence=licence)


def decide(
    request_kind: RequestKind,
    party: Party,
    licences: tuple[Licence, ...],
    on: Callable[[], _dt.date],
) -> CoverageDecision:
    """:func:`coverage` for a request kind and party already checked (a request's, as ``assess``
    has them) and licences checked by ``check_licences``; ``on()`` gives the day, asked only when
    a licence of the party's is on record."""
    what = f"a {request_kind.value} for {label(party)}"
    if request_kind in _NEVER_CHARGED:
        return _decision(
            Coverage.NO_CHARGE, (f"COM-5: {what} is never charged: {_NEVER_CHARGED[request_kind]}",)
        )
    held = [lic for lic in licences if lic.concerns(party)]
    if not held:
        return _decision(
            Coverage.UNKNOWN,
            (
                f"COM-5: whether {what} is covered is unknown: no licence held by or for them is "
                f"on record",
            ),
        )
    day = on()
    statuses = [(lic, *sa_status(lic, day)) for lic in held]
    for lic, active, why in statuses:
        if active:
            return _decision(
                Coverage.COVERED_BY_SA,
                (f"COM-5: {what} is covered by Software Assurance: {lic.label}: {why}",),
                lic,
            )
    return _decision(
        Coverage.NEEDS_FEES,
        tuple(f"COM-5: {what} needs extra fees: {lic.label}: {why}" for lic, _, why in statuses),
    )
