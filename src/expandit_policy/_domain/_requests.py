"""Requests: what arrives, on which channel, from whom, and when."""

from __future__ import annotations

import datetime as _dt
import enum

import attrs

from .. import _checks
from .._errors import InvalidValueError
from ._parties import PARTIES, Contact, Party

__all__ = ["COMPLAINT_KINDS", "Channel", "Request", "RequestKind"]


class Channel(enum.Enum):
    """The channel a request arrives on; it decides which deadlines start (MAIL-1 to MAIL-4,
    TEL-3, CPL-1).

    >>> Channel("phone")
    <Channel.PHONE: 'phone'>
    """

    SUPPORT_MAILBOX = "support mailbox"
    SALES_MAILBOX = "sales mailbox"
    PERSONAL_MAILBOX = "personal mailbox"
    PHONE = "phone"
    WRITTEN_COMPLAINT = "written complaint"


class RequestKind(enum.Enum):
    """What a request asks for.

    >>> RequestKind.MATERIAL_DEFECT_CLAIM.value
    'material defect claim'
    """

    QUESTION = "question"
    FIX = "fix"
    QUOTE = "quote"
    COMPLAINT = "complaint"
    MATERIAL_DEFECT_CLAIM = "material defect claim"


COMPLAINT_KINDS = frozenset({RequestKind.COMPLAINT, RequestKind.MATERIAL_DEFECT_CLAIM})
"""The kinds of request that are complaints (CPL-1 to CPL-4), kept here once."""


@attrs.frozen
class Request:
    """A request as it arrived: its id, channel, kind, the instant it was received, who sent it
    and for which party.

    >>> import pendulum
    >>> from expandit_policy import Contact, EndCustomer
    >>> ada = Contact("Ada Jensen", "ada@acme.dk", fee_earner=True)
    >>> call = Request("R-1", Channel.PHONE, RequestKind.QUESTION,
    ...                pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen"), ada,
    ...                EndCustomer("Acme", [ada]))
    >>> call.caller_is_fee_earner
    True
    """

    # pendulum pickles an instant without its fold; this keeps it (_checks)
    __reduce__ = _checks.reduce_keeping_folds

    id: str = attrs.field(validator=_checks.identifier)
    """The request's identifier in the host system: one line, no control characters."""
    channel: Channel = attrs.field(validator=_checks.instance(Channel, "a Channel"))
    """The channel it arrived on."""
    kind: RequestKind = attrs.field(validator=_checks.instance(RequestKind, "a RequestKind"))
    """What it asks for."""
    received_at: _dt.datetime = attrs.field(validator=_checks.aware, eq=_checks.moment)
    """The instant it was received (an aware datetime)."""
    sender: Contact = attrs.field(validator=_checks.instance(Contact, "a Contact"))
    """The person who sent it or called."""
    party: Party = attrs.field(
        validator=_checks.instance(PARTIES, "a Partner, Reseller or EndCustomer")
    )
    """The partner, reseller or end customer the request is from."""

    def __attrs_post_init__(self) -> None:
        if self.channel is Channel.WRITTEN_COMPLAINT and self.kind not in COMPLAINT_KINDS:
            raise InvalidValueError(
                f"Request.kind must be COMPLAINT or MATERIAL_DEFECT_CLAIM for a written complaint, "
                f"got {self.kind!r}"
            )

    @property
    def caller_is_fee_earner(self) -> bool:
        """Whether this is a phone call from a fee earner (TEL-3): the sender's flag, on PHONE."""
        return self.channel is Channel.PHONE and self.sender.fee_earner
