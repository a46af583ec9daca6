"""Parties: partners, resellers and end customers with their contacts; on our side, staff, service
teams and mailboxes."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import TypeAlias

import attrs

from . import _checks

__all__ = [
    "Contact",
    "EndCustomer",
    "Mailbox",
    "MailboxKind",
    "Partner",
    "Party",
    "Reseller",
    "ServiceTeam",
    "StaffMember",
]


@attrs.frozen
class Contact:
    """A person at a partner, reseller or end customer.

    >>> Contact("Ada Jensen", "ada@acme.dk", fee_earner=True).fee_earner
    True
    """

    name: str = attrs.field(validator=_checks.identifier)
    """The person's name."""
    email: str = attrs.field(validator=_checks.email)
    """Their e-mail address, checked loosely (one '@' and a dot in the domain)."""
    fee_earner: bool = attrs.field(default=False, validator=_checks.boolean)
    """Whether the person earns fees by the hour (a consultant), whose calls are answered
    within 24 hours (TEL-3)."""


def _contacts(value: Iterable[Contact]) -> tuple[Contact, ...]:
    return _checks.as_tuple(value)  # type: ignore[no-any-return]


@attrs.frozen
class _Organisation:
    name: str = attrs.field(validator=_checks.identifier)
    """The organisation's name."""
    contacts: tuple[Contact, ...] = attrs.field(
        default=(), converter=_contacts, validator=_checks.items(Contact, "a Contact")
    )
    """The people we deal with there."""


@attrs.frozen
class Partner(_Organisation):
    """A partner: implements and sells the software, and may hold licences on behalf of end
    customers.

    >>> Partner("Nordic Partner", [Contact("Bo Holm", "bo@nordic.dk")]).contacts[0].name
    'Bo Holm'
    """


@attrs.frozen
class Reseller(_Organisation):
    """A reseller: sells the software to end customers.

    >>> Reseller("Shop & Co").name
    'Shop & Co'
    """


@attrs.frozen
class EndCustomer(_Organisation):
    """An end customer: uses the software, under a licence it holds or a partner holds for it.

    >>> EndCustomer("Acme") == EndCustomer("Acme")
    True
    """


Party: TypeAlias = Partner | Reseller | EndCustomer
"""Anyone on the customer side: a partner, a reseller or an end customer."""

PARTIES = (Partner, Reseller, EndCustomer)
"""The party classes, for isinstance checks."""

_KIND = {Partner: "partner", Reseller: "reseller", EndCustomer: "end customer"}


def label(party: Party) -> str:
    """The party as reasons and messages name it: ``end customer 'Acme'``."""
    return f"{_KIND[type(party)]} {party.name!r}"


class ServiceTeam(enum.Enum):
    """The teams on our side: support and sales serve customers; the board analyses claims of
    material defects (CPL-4); developers are kept free of calls (TEL-1).

    >>> ServiceTeam("support")
    <ServiceTeam.SUPPORT: 'support'>
    """

    SUPPORT = "support"
    SALES = "sales"
    BOARD = "board"
    DEVELOPMENT = "development"


class MailboxKind(enum.Enum):
    """The kinds of mailbox: the shared support and sales mailboxes, and a person's own.

    >>> MailboxKind.SUPPORT.value
    'support'
    """

    SUPPORT = "support"
    SALES = "sales"
    PERSONAL = "personal"


@attrs.frozen
class Mailbox:
    """A mailbox: its kind and address.

    >>> Mailbox.support()
    Mailbox(kind=<MailboxKind.SUPPORT: 'support'>, address='support@expandit.com')
    >>> Mailbox.sales().is_shared
    True
    """

    kind: MailboxKind = attrs.field(validator=_checks.instance(MailboxKind, "a MailboxKind"))
    """Shared support or sales mailbox, or a person's own."""
    address: str = attrs.field(validator=_checks.email)
    """The e-mail address."""

    @classmethod
    def support(cls, address: str = "support@expandit.com") -> Mailbox:
        """The shared support mailbox.

        >>> Mailbox.support().address
        'support@expandit.com'
        """
        return cls(MailboxKind.SUPPORT, address)

    @classmethod
    def sales(cls, address: str = "sales@expandit.com") -> Mailbox:
        """The shared sales mailbox.

        >>> Mailbox.sales().address
        'sales@expandit.com'
        """
        return cls(MailboxKind.SALES, address)

    @property
    def is_shared(self) -> bool:
        """Whether this is the support or the sales mailbox (not a person's own)."""
        return self.kind is not MailboxKind.PERSONAL


@attrs.frozen
class StaffMember:
    """A person on our side, in one of the service teams.

    >>> StaffMember("Kim Berg", "kim@expandit.com", ServiceTeam.SUPPORT).mailbox.kind
    <MailboxKind.PERSONAL: 'personal'>
    """

    name: str = attrs.field(validator=_checks.identifier)
    """The person's name."""
    email: str = attrs.field(validator=_checks.email)
    """Their own e-mail address."""
    team: ServiceTeam = attrs.field(validator=_checks.instance(ServiceTeam, "a ServiceTeam"))
    """The team they belong to."""

    @property
    def mailbox(self) -> Mailbox:
        """Their personal mailbox."""
        return Mailbox(MailboxKind.PERSONAL, self.email)
