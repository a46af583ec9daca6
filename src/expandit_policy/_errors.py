"""The library's error hierarchy.

Every error the library raises on purpose derives from :class:`PolicyError` and from the builtin
that fits it best, so callers can catch either. Messages name the field, what was expected and
what arrived, and say how to fix it.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "CalendarNeverOpensError",
    "CaseEventError",
    "CurrencyMismatchError",
    "InvalidCalendarError",
    "InvalidCaseError",
    "InvalidDocumentError",
    "InvalidDurationError",
    "InvalidPolicyError",
    "InvalidUpgradeError",
    "InvalidValueError",
    "MissingExtraError",
    "NaiveDatetimeError",
    "PolicyError",
    "PolicyValidationError",
    "SpanOutOfRangeError",
    "UnknownCaseError",
    "UnknownClauseError",
    "UnknownFeatureLevelError",
    "UnknownTimezoneError",
    "WrongTypeError",
]


class PolicyError(Exception):
    """Base class of every error raised by expandit_policy.

    >>> issubclass(NaiveDatetimeError, PolicyError)
    True
    """

    __module__ = "expandit_policy"


class NaiveDatetimeError(PolicyError, TypeError):
    """A datetime without a time zone was given where an instant is required.

    >>> import datetime
    >>> from expandit_policy import presets
    >>> presets.denmark().is_open(datetime.datetime(2026, 3, 2, 9, 0))
    Traceback (most recent call last):
    ...
    expandit_policy.NaiveDatetimeError: t must be an aware datetime (with tzinfo), got naive datetime.datetime(2026, 3, 2, 9, 0); attach a zone, e.g. pendulum.datetime(..., tz='Europe/Copenhagen')
    """

    __module__ = "expandit_policy"


class UnknownTimezoneError(PolicyError, ValueError):
    """A time-zone name is not in the IANA database.

    >>> from expandit_policy import BusinessCalendar
    >>> BusinessCalendar.from_weekly("Europe/Kopenhagen", {"mon": [("08:00", "16:00")]})
    Traceback (most recent call last):
    ...
    expandit_policy.UnknownTimezoneError: timezone must be an IANA zone name such as 'Europe/Copenhagen', got 'Europe/Kopenhagen'
    """

    __module__ = "expandit_policy"


class InvalidCalendarError(PolicyError, ValueError):
    """Working hours, holidays, closures or openings are malformed (overlapping, inverted, ...).

    >>> from expandit_policy import WorkingHours
    >>> WorkingHours.from_weekly({"mon": [("16:00", "08:00")]})
    Traceback (most recent call last):
    ...
    expandit_policy.InvalidCalendarError: mon: window 16:00-08:00 ends before it starts; an overnight window must say so with overnight=True, e.g. ("22:00", "06:00", True), or use "24:00" for midnight
    """

    __module__ = "expandit_policy"


class CalendarNeverOpensError(PolicyError, ValueError):
    """A calculation needs open time, but the calendar has none where it was looked for.

    >>> from expandit_policy import BusinessCalendar
    >>> BusinessCalendar.from_weekly("UTC", {})
    Traceback (most recent call last):
    ...
    expandit_policy.CalendarNeverOpensError: the calendar never opens: weekly hours are empty and there are no special openings; give at least one window, e.g. {"mon": [("08:00", "16:00")]}
    """

    __module__ = "expandit_policy"


class SpanOutOfRangeError(PolicyError, OverflowError):
    """A result or a search would leave the range of representable dates (years 2 to 9998).

    >>> import pendulum
    >>> from expandit_policy import BusinessHours, presets
    >>> t = pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen")
    >>> presets.denmark().add(t, BusinessHours(20_000_000))
    Traceback (most recent call last):
    ...
    expandit_policy.SpanOutOfRangeError: adding 20000000 business hours from 2026-03-02T09:00:00+01:00 would end outside the years 2 to 9998 (about ... open hours a year); use a smaller duration
    """

    __module__ = "expandit_policy"


class InvalidDurationError(PolicyError, ValueError):
    """A duration is malformed: not a number, not finite, or of an unsupported kind for the call.

    >>> from expandit_policy import BusinessHours
    >>> BusinessHours(float("nan"))
    Traceback (most recent call last):
    ...
    expandit_policy.InvalidDurationError: BusinessHours.hours must be a finite number of hours, got nan
    """

    __module__ = "expandit_policy"


class WrongTypeError(PolicyError, TypeError):
    """A value of the wrong type was given (a string where a date belongs, a float for money, ...).

    >>> from expandit_policy import Holidays
    >>> Holidays.from_dates(["2026-12-25"])
    Traceback (most recent call last):
    ...
    expandit_policy.WrongTypeError: holidays[0] must be a datetime.date, got '2026-12-25' (str); parse it first, e.g. datetime.date.fromisoformat('2026-12-25')
    """

    __module__ = "expandit_policy"


class InvalidValueError(PolicyError, ValueError):
    """A domain value is malformed: an empty name, an e-mail address without a domain, a Software
    Assurance term that ends before it starts, a currency code that is not three letters, ...

    >>> from expandit_policy import Contact
    >>> Contact("Ada Jensen", "ada.example.com")
    Traceback (most recent call last):
    ...
    expandit_policy.InvalidValueError: Contact.email must be an e-mail address with one '@' and a dot in the domain, e.g. 'ada@example.com', got 'ada.example.com'
    """

    __module__ = "expandit_policy"


class CurrencyMismatchError(PolicyError, ValueError):
    """Amounts in different currencies were combined (ENT-2 prices, a price list).

    >>> from decimal import Decimal
    >>> from expandit_policy import Money
    >>> Money(Decimal("100"), "EUR") - Money(Decimal("40"), "DKK")
    Traceback (most recent call last):
    ...
    expandit_policy.CurrencyMismatchError: cannot subtract DKK 40 from EUR 100: the currencies differ; convert one amount first
    """

    __module__ = "expandit_policy"


class UnknownFeatureLevelError(PolicyError, ValueError):
    """A feature level is not one of a product's levels, or has no price in a price list.

    >>> from expandit_policy import Product
    >>> Product.ranked("Commerce", "Standard", "Professional").level("Gold")
    Traceback (most recent call last):
    ...
    expandit_policy.UnknownFeatureLevelError: product 'Commerce' has no feature level 'Gold'; its levels are 'Standard', 'Professional'
    """

    __module__ = "expandit_policy"


class InvalidUpgradeError(PolicyError, ValueError):
    """An upgrade price was asked for a move that is not an upgrade (ENT-2): a downgrade, or the
    same level.

    >>> from decimal import Decimal
    >>> from expandit_policy import Money, PriceList, Product, upgrade_price
    >>> std, pro = Product.ranked("Commerce", "Standard", "Professional").levels
    >>> prices = PriceList({std: Money(Decimal("1000"), "EUR"), pro: Money(Decimal("2500"), "EUR")})
    >>> upgrade_price(prices, pro, std, investment_protection=True)
    Traceback (most recent call last):
    ...
    expandit_policy.InvalidUpgradeError: ENT-2: from 'Professional' to 'Standard' is a downgrade; an upgrade must go to a higher feature level
    """

    __module__ = "expandit_policy"


class CaseEventError(PolicyError, ValueError):
    """One problem in a case's event log, named by the event's position; raised inside an
    :class:`InvalidCaseError`.

    >>> import pendulum
    >>> from expandit_policy import Case, CaseEventError, Closed
    >>> from expandit_policy import Channel, Contact, EndCustomer, Request, RequestKind
    >>> ada = Contact("Ada Jensen", "ada@acme.dk")
    >>> request = Request("R-1", Channel.SUPPORT_MAILBOX, RequestKind.QUESTION,
    ...                   pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen"), ada,
    ...                   EndCustomer("Acme", [ada]))
    >>> try:
    ...     Case(request, (Closed(pendulum.datetime(2026, 3, 1, tz="Europe/Copenhagen")),))
    ... except* CaseEventError as group:
    ...     print(group.exceptions[0])
    events[0] (Closed at 2026-03-01T00:00:00+01:00): happened before the request was received at 2026-03-02T09:00:00+01:00; the log starts with the request
    """

    __module__ = "expandit_policy"


class MissingExtraError(PolicyError, ImportError):
    """An optional feature needs a package that is not installed: the frames extra
    (``to_pandas``, ``to_arrow``) needs pandas and pyarrow. The message names the command that
    installs it.

    >>> str(MissingExtraError("to_pandas needs pandas, which is not installed; install the "
    ...                       "frames extra: pip install 'expandit-policy[frames]'"))
    "to_pandas needs pandas, which is not installed; install the frames extra: pip install 'expandit-policy[frames]'"
    """

    __module__ = "expandit_policy"


class UnknownCaseError(PolicyError, ValueError):
    """A mapping keyed by request id (``agenda``'s ``resolution_targets``) names a case that is
    not among the cases given.

    >>> import pendulum
    >>> from expandit_policy import EXPANDIT_POLICY, BusinessDays, agenda
    >>> agenda(EXPANDIT_POLICY, [], pendulum.datetime(2026, 3, 2, tz="UTC"),
    ...        resolution_targets={"R-9": BusinessDays(5)})
    Traceback (most recent call last):
    ...
    expandit_policy.UnknownCaseError: resolution_targets must be keyed by the ids of the cases given, got 'R-9', which names no case; check the ids, or pass those cases too
    """

    __module__ = "expandit_policy"


class UnknownClauseError(PolicyError, ValueError):
    """A clause ID is not one of the policy's (CLAUSES.md), or names a clause of the wrong kind
    for the call.

    >>> from expandit_policy import get_clause
    >>> get_clause("MAIL-7")
    Traceback (most recent call last):
    ...
    expandit_policy.UnknownClauseError: clause_id must be a clause ID of the policy such as 'MAIL-1', got 'MAIL-7'
    """

    __module__ = "expandit_policy"


class InvalidPolicyError(PolicyError, ValueError):
    """A policy value is malformed: a reading for a clause that has no clock, warning thresholds
    out of order, a routing to the developers, ...

    >>> from expandit_policy import BusinessHours, Reading
    >>> Reading("COM-3", BusinessHours(1), "an hour")
    Traceback (most recent call last):
    ...
    expandit_policy.InvalidPolicyError: Reading.clause must name a deadline clause (or COM-8's follow-up), got 'COM-3', of kind obligation

    A whole :class:`~expandit_policy.Policy` reports its problems together, in a
    :class:`PolicyValidationError`, which is an ``InvalidPolicyError`` too.
    """

    __module__ = "expandit_policy"


class PolicyValidationError(InvalidPolicyError, ExceptionGroup):
    """A :class:`~expandit_policy.Policy` has problems: every one is reported at once, each as a
    sub-exception (:class:`InvalidPolicyError` or :class:`WrongTypeError`) that names its field.

    It is itself an :class:`InvalidPolicyError`, so ``except InvalidPolicyError`` catches it
    whole; ``except*`` picks problems out.

    >>> import datetime
    >>> from expandit_policy import Policy
    >>> Policy(2026, datetime.date(2026, 1, 1), warning_thresholds=(0.9, 0.5))
    Traceback (most recent call last):
    ...
    expandit_policy.PolicyValidationError: the policy has 2 problems: Policy.version must be a str, got 2026 (int); Policy.warning_thresholds must be two fractions ... (2 sub-exceptions)
    """

    __module__ = "expandit_policy"

    @classmethod
    def of(cls, problems: Sequence[Exception]) -> PolicyValidationError:
        """The error for the given problems, its message summing them up.

        >>> str(PolicyValidationError.of([InvalidPolicyError("Policy.version must be ...")]))
        'the policy has 1 problem: Policy.version must be ... (1 sub-exception)'
        """
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        return cls(f"the policy has {count}: " + "; ".join(map(str, problems)), problems)

    def derive(self, excs: Sequence[Exception]) -> PolicyValidationError:  # type: ignore[override]
        """The same kind of error over a subset of the problems (used by ``except*``)."""
        return PolicyValidationError.of(excs)


def _case_summary(case_id: str, problems: Sequence[Exception]) -> str:
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    return f"case {case_id!r} has {count} in its event log: " + "; ".join(map(str, problems))


class InvalidCaseError(PolicyError, ExceptionGroup, ValueError):
    """A case's event log has problems: every one is reported at once, each as a sub-exception
    (:class:`CaseEventError`, :class:`NaiveDatetimeError`, :class:`WrongTypeError`) that names the
    offending event by its position.

    Catch it whole with ``except PolicyError`` (or ``except ValueError``), or pick problems out
    with ``except*``.

    >>> import pendulum
    >>> from expandit_policy import Case, Closed, Reopened
    >>> from expandit_policy import Channel, Contact, EndCustomer, Request, RequestKind
    >>> ada = Contact("Ada Jensen", "ada@acme.dk")
    >>> request = Request("R-1", Channel.SUPPORT_MAILBOX, RequestKind.QUESTION,
    ...                   pendulum.datetime(2026, 3, 2, 9, tz="Europe/Copenhagen"), ada,
    ...                   EndCustomer("Acme", [ada]))
    >>> t = pendulum.datetime(2026, 3, 2, 11, tz="Europe/Copenhagen")
    >>> Case(request, (Reopened(t), Closed(t.subtract(hours=3))))
    Traceback (most recent call last):
    ...
    expandit_policy.InvalidCaseError: case 'R-1' has 2 problems in its event log: events[0] (Reopened at 2026-03-02T11:00:00+01:00): a reopen without a prior close; ... (2 sub-exceptions)
    """

    __module__ = "expandit_policy"
    case_id: str

    @classmethod
    def of(cls, case_id: str, problems: Sequence[Exception]) -> InvalidCaseError:
        """The error for case ``case_id`` with the given problems, its message summing them up.

        >>> str(InvalidCaseError.of("R-7", [CaseEventError("events[2] (Closed at ...): ...")]))
        "case 'R-7' has 1 problem in its event log: events[2] (Closed at ...): ... (1 sub-exception)"
        """
        error = cls(_case_summary(case_id, problems), problems)
        error.case_id = case_id
        return error

    def derive(self, excs: Sequence[Exception]) -> InvalidCaseError:  # type: ignore[override]
        """The same kind of error over a subset of the problems (used by ``except*``)."""
        return InvalidCaseError.of(getattr(self, "case_id", "?"), excs)


class InvalidDocumentError(PolicyError, ValueError):
    """A JSON document (or a JSON-ready dict) could not be read: every problem at once, each with
    the path to the bad value, such as ``cases[3].events[7].at``.

    ``problems`` holds ``(path, message)`` pairs in document order; the path ``""`` is the
    document itself.

    >>> from expandit_policy import Case, from_json_dict
    >>> try:
    ...     from_json_dict(Case, {"schema": "expandit_policy/1", "request": {}, "colour": "red"})
    ... except InvalidDocumentError as error:
    ...     for path, message in error.problems[:2]:
    ...         print(path, "-", message)
    request.id - missing: this field is required
    request.channel - missing: this field is required
    """

    __module__ = "expandit_policy"
    problems: tuple[tuple[str, str], ...]

    def __init__(self, problems: Sequence[tuple[str, str]]) -> None:
        self.problems = tuple(problems)
        shown = "; ".join(
            f"{path or 'document'}: {message}" for path, message in self.problems[:20]
        )
        more = len(self.problems) - 20
        count = f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}"
        tail = f"; and {more} more (see .problems)" if more > 0 else ""
        super().__init__(f"the document has {count}: {shown}{tail}")

    def __reduce__(self) -> tuple[type[InvalidDocumentError], tuple[tuple[tuple[str, str], ...]]]:
        return (InvalidDocumentError, (self.problems,))


# The classes name "expandit_policy" as their module, which hides them from doctest's search of
# this module; listing them here makes their examples run with the others.
__test__ = {name: globals()[name] for name in __all__}


def shown(value: object, limit: int = 200) -> str:
    """A value as a message quotes it: its repr, cut to ``limit`` characters, so that a hostile
    value (an id of five million characters, a whole number of 5,000 digits that Python will
    not print) never makes the message huge or raises in its place.

    >>> shown("x" * 300)[-6:], shown(10**5000)
    ('xxx...', 'a whole number of 5001 digits')
    """
    try:
        text = repr(value)
    except ValueError:  # an int past sys.get_int_max_str_digits()
        if isinstance(value, int):
            return f"a whole number of {len(str(abs(value) // 10**4000)) + 4000} digits"
        text = object.__repr__(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
