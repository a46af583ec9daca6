"""The document versions this library reads, and how an older document is read today.

A document of an older version lacks the fields added since. Each such field takes a documented
value: its default, or, for a field without one, the value in :data:`VALUES`. The fields an older
version had are kept here as data, frozen when that version was replaced, so that a field added
later is found by comparing with them and needs no code of its own (docs/interchange.md lists
them, and a test checks that list against this module).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

__all__ = [
    "CURRENT",
    "SCHEMAS",
    "V1_FIELDS",
    "VALUES",
    "WRITTEN",
    "added_fields",
    "reading",
    "schema_version",
]

CURRENT = 2
"""The version this library writes."""

WRITTEN = "expandit_policy/2"
"""The schema string of the documents this library writes."""

SCHEMAS: Mapping[str, int] = {"expandit_policy/2": 2, "expandit_policy/1": 1}
"""Every schema string this library reads, newest first, with its version number."""

#: The fields of every type in version 1, by the type's name, as ``expandit_policy/1`` wrote
#: them. Frozen: never edit it when a type gains a field.
V1_FIELDS: Mapping[str, tuple[str, ...]] = {
    "Absence": ("start", "end"),
    "AcknowledgedInWriting": ("at",),
    "AgendaItem": ("case_id", "clause", "state", "due_at", "warning", "explanation"),
    "Assessment": ("case", "as_of", "policy_version", "results"),
    "AutoReply": ("enabled", "alternative"),
    "BoardAnalysisDone": ("at",),
    "BusinessCalendar": ("timezone", "hours", "holidays", "closures", "openings", "name"),
    "BusinessDays": ("days", "reading"),
    "BusinessHours": ("hours",),
    "CalendarDays": ("days",),
    "Case": ("request", "events"),
    "Clause": ("id", "kind", "summary"),
    "ClauseResult": (
        "clause",
        "kind",
        "state",
        "started_at",
        "due_at",
        "met_at",
        "used",
        "left",
        "warning",
        "next_change_at",
        "explanation",
    ),
    "ClockHours": ("hours",),
    "Closed": ("at",),
    "Closure": ("start", "end", "reason"),
    "ComposedCalendar": ("operation", "left", "right"),
    "Contact": ("name", "email", "fee_earner"),
    "ContactCadence": ("every", "party_kind", "party_name"),
    "CoverageDecision": ("coverage", "reasons", "licence"),
    "Decision": ("allowed", "clause", "reasons"),
    "EndCustomer": ("name", "contacts"),
    "Entitlements": ("party", "on", "grants", "reasons"),
    "EscalatedToBoard": ("at",),
    "FeatureLevel": ("name", "rank"),
    "FeeNoticeSent": ("at", "coverage", "note"),
    "Grant": ("licence", "benefits", "reason"),
    "Holiday": ("date", "name"),
    "HolidayRule": ("name", "month", "day", "easter_offset", "first_year", "last_year"),
    "Holidays": ("source", "dates", "added", "removed"),
    "InformationReceived": ("at",),
    "InformationRequested": ("at",),
    "Licence": ("product", "feature_level", "holder", "held_for", "sa_term", "version"),
    "LoggedUnderMailbox": ("at", "mailbox"),
    "Mailbox": ("kind", "address"),
    "Money": ("amount", "currency"),
    "Opening": ("start", "end", "reason"),
    "Partner": ("name", "contacts"),
    "Policy": (
        "version",
        "effective_from",
        "calendar",
        "readings",
        "warning_thresholds",
        "routing",
        "cadences",
    ),
    "PolicyHistory": ("policies", "choice"),
    "PriceList": ("prices",),
    "Product": ("name", "levels"),
    "Reading": ("clause", "duration", "description"),
    "Reopened": ("at",),
    "Replied": ("at", "from_mailbox", "to", "cc"),
    "ReportRow": (
        "clause",
        "channel",
        "party_kind",
        "met",
        "met_late",
        "breached",
        "open",
        "times_to_meet",
        "cases",
    ),
    "Request": ("id", "channel", "kind", "received_at", "sender", "party"),
    "Reseller": ("name", "contacts"),
    "Resolved": ("at",),
    "Routing": ("kind", "primary", "secondary"),
    "SatisfactionAsked": ("at",),
    "SoftwareAssuranceTerm": ("start", "end"),
    "StaffMember": ("name", "email", "team"),
    "Window": ("start", "end", "overnight"),
    "WorkingHours": ("days",),
}

#: The value an older document gets for a field added since that has no default, by
#: (type name, field). Empty while every added field has a default.
VALUES: Mapping[tuple[str, str], Any] = {}

_READING: contextvars.ContextVar[int] = contextvars.ContextVar("document_version", default=CURRENT)


def schema_version() -> int:
    """The version of the document being read (the current one outside :func:`reading`)."""
    return _READING.get()


@contextlib.contextmanager
def reading(version: int) -> Iterator[None]:
    """Read the values built inside this block as parts of a document of ``version``."""
    token = _READING.set(version)
    try:
        yield
    finally:
        _READING.reset(token)


def added_fields(kind: type, version: int) -> tuple[str, ...]:
    """The fields of ``kind`` that a document of ``version`` does not have, in field order.

    A type that ``version`` did not know has none listed: no document of that version holds one.
    """
    return _added_fields(kind, version)


@functools.cache
def _added_fields(kind: type, version: int) -> tuple[str, ...]:
    if version >= CURRENT:
        return ()
    before = V1_FIELDS.get(kind.__name__)
    if before is None:
        return ()
    return tuple(a.name for a in attrs.fields(kind) if a.init and a.name not in before)
