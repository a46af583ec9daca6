"""The clause catalogue: every clause of the service policy as data (CLAUSES.md)."""

from __future__ import annotations

import enum

import attrs

from .. import _checks
from .._errors import UnknownClauseError

__all__ = ["CATALOGUE", "Clause", "ClauseKind", "get_clause"]


class ClauseKind(enum.Enum):
    """What a clause becomes in code.

    >>> ClauseKind("deadline")
    <ClauseKind.DEADLINE: 'deadline'>
    """

    DEADLINE = "deadline"
    """A time-bound target with a clock."""
    OBLIGATION = "obligation"
    """A duty checked against what happened, with no clock."""
    GATE = "gate"
    """A yes/no decision with reasons."""
    ROUTING = "routing"
    """Who handles a request."""
    PRICING = "pricing"
    """What something costs."""
    GUIDANCE = "guidance"
    """Not machine-checkable; listed so that a host can show it as a checklist item."""
    REPORTING = "reporting"
    """Figures over many cases."""


@attrs.frozen
class Clause:
    """One clause of the policy: its stable ID, its kind, and what it demands.

    >>> Clause("MAIL-1", ClauseKind.DEADLINE, "First reply to mail on a shared mailbox.").id
    'MAIL-1'
    """

    id: str = attrs.field(validator=_checks.identifier)
    """The stable ID, e.g. 'MAIL-1'."""
    kind: ClauseKind = attrs.field(validator=_checks.instance(ClauseKind, "a ClauseKind"))
    """What the clause becomes in code."""
    summary: str = attrs.field(validator=_checks.text)
    """What the clause demands, in a sentence."""


_D, _O, _G, _R = ClauseKind.DEADLINE, ClauseKind.OBLIGATION, ClauseKind.GATE, ClauseKind.ROUTING
_P, _U, _REP = ClauseKind.PRICING, ClauseKind.GUIDANCE, ClauseKind.REPORTING

CATALOGUE: tuple[Clause, ...] = (
    Clause("ENT-1", _G, "Partners whose customer licences have active Software Assurance get the "
           "portals, releases, the support mailbox, licence mobility, investment protection and "
           "source-code escrow; without active SA, none of these."),
    Clause("ENT-2", _P, "An upgrade to a higher feature level costs only the price difference "
           "between the two levels."),
    Clause("ENT-3", _G, "Escrowed source code is available to customers on the current software "
           "once the escrow agent has verified the recipient; priority access by separate "
           "agreement."),
    Clause("AIM-1", _REP, "Set a benchmark for service standards: compliance figures per clause."),
    Clause("AIM-2", _REP, "A consistent service level for every customer: the spread of response "
           "times per channel and party."),
    Clause("AIM-3", _U, "Competitive advantage through consistent, effective service."),
    Clause("COM-1", _U, "Be courteous, friendly and professional."),
    Clause("COM-2", _U, "Handle requests attentively and answer as precisely as possible."),
    Clause("COM-3", _O, "A reply sent on behalf of the sales or support mailbox copies that "
           "mailbox."),
    Clause("COM-4", _O, "Encourage partners, resellers and end customers to write to the shared "
           "sales and support mailboxes."),
    Clause("COM-5", _O, "Say explicitly, and document, when work needs extra fees or is covered by "
           "Software Assurance."),
    Clause("COM-6", _U, "Ask until the request is fully understood, above all what and why."),
    Clause("COM-7", _U, "Be on time for meetings and receive guests warmly."),
    Clause("COM-8", _O, "Once an end customer's problem is closed, ask whether they were "
           "satisfied."),
    Clause("COM-9", _D, "Keep in regular contact with partners, resellers and end customers."),
    Clause("COM-10", _G, "Enter no business relationship while a party has likely not understood "
           "the scope of the offering."),
    Clause("TEL-1", _R, "Calls go to the service teams and answering machines, keeping the "
           "developers free to concentrate."),
    Clause("TEL-2", _R, "Each kind of request has a primary and a secondary contact among the "
           "service teams."),
    Clause("TEL-3", _D, "A fee earner's call gets an answer to the specific request within 24 "
           "hours."),
    Clause("MAIL-1", _D, "Mail to the support or sales mailbox gets a first reply within 2 hours."),
    Clause("MAIL-2", _D, "Support mail gets a complete answer (a fix) within the time the "
           "customer's licence terms set."),
    Clause("MAIL-3", _D, "Sales mail gets a complete answer (a quote) within 2 days."),
    Clause("MAIL-4", _D, "Mail to a personal mailbox gets a reply within 24 hours."),
    Clause("MAIL-5", _O, "An absence of more than 8 hours needs the out-of-office reply switched "
           "on."),
    Clause("MAIL-6", _O, "The out-of-office reply names an alternative contact such as the sales "
           "or support mailbox."),
    Clause("CPL-1", _D, "A complaint gets a written acknowledgement of receipt within 2 working "
           "days."),
    Clause("CPL-2", _D, "A complaint is handled and answered within 14 days of the relevant "
           "information arriving."),
    Clause("CPL-3", _O, "Every complaint is logged under the sales or the support mailbox."),
    Clause("CPL-4", _O, "A claim of a material defect is escalated to the board and analysed "
           "there."),
)  # fmt: skip
"""Every clause of the policy, in the order of CLAUSES.md."""

_BY_ID = {c.id: c for c in CATALOGUE}


def get_clause(clause_id: str) -> Clause:
    """The clause with ID ``clause_id``.

    >>> get_clause("CPL-2").kind
    <ClauseKind.DEADLINE: 'deadline'>
    >>> get_clause("MAIL-9")
    Traceback (most recent call last):
    ...
    expandit_policy.UnknownClauseError: clause_id must be a clause ID of the policy such as 'MAIL-1', got 'MAIL-9'
    """
    try:
        return _BY_ID[clause_id]
    except (KeyError, TypeError):
        raise UnknownClauseError(
            f"clause_id must be a clause ID of the policy such as 'MAIL-1', got {clause_id!r}"
        ) from None
