"""Parties: partners, resellers and end customers with their contacts; on our side, staff, service
teams and mailboxes."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import TypeAlias

import attrs

from .. import _checks
from .._errors import InvalidValueError, WrongTypeError

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


def _identifier(inst: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not value.strip():
        error = InvalidValueError if isinstance(value, str) else WrongTypeError
        raise error(
            f"{type(inst).__name__}.identifier must be a non-empty str (the party's id in your "
            f"CRM, e.g. 'C-1042') or None, got {_checks.got(value)}"
        )
    _checks.identifier(inst, attribute, value)


@attrs.frozen(eq=False)
class _Organisation:
    """A party: identified by its kind and name, or by its identifier.

    Equality (``==`` and the hash) is by kind and key: the identifier when the party carries one,
    else the name without regard to case. That is an equivalence, so sets and mappings of
    parties behave. Contacts describe a party and take no part in its identity: a customer keeps
    its licences when its staff changes.

    Matching a ticket's party to a record (``matches``, used for licences) also accepts one side
    without an identifier: then the names decide, since a party built from a ticket often lacks
    the CRM id its licence was recorded with.
    """

    name: str = attrs.field(validator=_checks.identifier)
    """The organisation's name; compared without regard to case."""
    contacts: tuple[Contact, ...] = attrs.field(
        default=(), converter=_contacts, validator=_checks.items(Contact, "a Contact")
    )
    """The people we deal with there; not part of the party's identity."""
    identifier: str | None = attrs.field(default=None, validator=_identifier)
    """The party's identifier in the host system (a CRM account id), or None. When present, it
    alone identifies the party (the name may change)."""

    @property
    def key(self) -> tuple[str, str]:
        """What identifies the party within its kind: ``("identifier", id)`` when it carries an
        identifier, else ``("name", casefolded name)``.

        >>> EndCustomer("Acme").key, EndCustomer("Acme", identifier="C-7").key
        (('name', 'acme'), ('identifier', 'C-7'))
        """
        if self.identifier is not None:
            return ("identifier", self.identifier)
        return ("name", self.name.casefold())

    def matches(self, other: object) -> bool:
        """Whether ``other`` is this party as far as records can tell: the same kind, and the
        same identifier when both carry one, else the same name without regard to case.

        >>> EndCustomer("Acme", identifier="C-7").matches(EndCustomer("ACME"))
        True
        >>> EndCustomer("Acme", identifier="C-7").matches(EndCustomer("Acme", identifier="C-8"))
        False
        """
        if type(other) is not type(self):
            return False
        assert isinstance(other, _Organisation)
        if self.identifier is not None and other.identifier is not None:
            return self.identifier == other.identifier
        return self.name.casefold() == other.name.casefold()

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, _Organisation)
        return self.key == other.key

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash((type(self), self.key))


@attrs.frozen(eq=False)
class Partner(_Organisation):
    """A partner: implements and sells the software, and may hold licences on behalf of end
    customers.

    >>> Partner("Nordic Partner", [Contact("Bo Holm", "bo@nordic.dk")]).contacts[0].name
    'Bo Holm'
    """


@attrs.frozen(eq=False)
class Reseller(_Organisation):
    """A reseller: sells the software to end customers.

    >>> Reseller("Shop & Co").name
    'Shop & Co'
    """


@attrs.frozen(eq=False)
class EndCustomer(_Organisation):
    """An end customer: uses the software, under a licence it holds or a partner holds for it.

    Identified by its identifier, or by name (without regard to case) when it has none;
    contacts do not count:

    >>> ada, per = Contact("Ada Jensen", "ada@acme.dk"), Contact("Per Holm", "per@acme.dk")
    >>> EndCustomer("Acme", [ada, per]) == EndCustomer("ACME", [per])
    True
    >>> EndCustomer("Acme A/S", identifier="C-7") == EndCustomer("Acme", identifier="C-7")
    True
    >>> EndCustomer("Acme", identifier="C-7") == EndCustomer("Acme", identifier="C-8")
    False
    >>> EndCustomer("Acme", identifier="C-7") == EndCustomer("Acme")   # see ``matches``
    False
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

    @classmethod
    def personal(cls, address: str) -> Mailbox:
        """A person's own mailbox at ``address``: mail to it is answered within 24 hours (MAIL-4),
        and COM-4 nudges the sender towards the shared mailboxes.

        >>> Mailbox.personal("kim@expandit.com")
        Mailbox(kind=<MailboxKind.PERSONAL: 'personal'>, address='kim@expandit.com')
        >>> Mailbox.personal("kim@expandit.com").is_shared
        False
        """
        return cls(MailboxKind.PERSONAL, address)

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
        return Mailbox.personal(self.email)
