"""expandit_policy: ExpandIT's customer-service policy as typed values and exact business time.

>>> import pendulum
>>> from expandit_policy import BusinessHours, presets
>>> arrival = pendulum.datetime(2026, 3, 6, 15, 30, tz="Europe/Copenhagen")
>>> presets.denmark().add(arrival, BusinessHours(2)).isoformat()
'2026-03-09T09:30:00+01:00'
"""

import importlib as _importlib

from . import _hypothesis_hook
from ._version import __version__ as __version__

TYPE_CHECKING = False  # not ``typing``'s: importing ``typing`` would cost more than the rest
if TYPE_CHECKING:  # what type checkers and IDEs see; at run time each name loads when first used
    from . import presets as presets
    from ._calendars._calendar import BusinessCalendar as BusinessCalendar
    from ._calendars._calendar import Calendar as Calendar
    from ._calendars._calendar import ComposedCalendar as ComposedCalendar
    from ._calendars._calendar import Landing as Landing
    from ._calendars._calendar import Operation as Operation
    from ._calendars._durations import BusinessDays as BusinessDays
    from ._calendars._durations import BusinessHours as BusinessHours
    from ._calendars._durations import CalendarDays as CalendarDays
    from ._calendars._durations import ClockHours as ClockHours
    from ._calendars._durations import DayReading as DayReading
    from ._calendars._durations import Duration as Duration
    from ._calendars._durations import Number as Number
    from ._calendars._holidays import Holiday as Holiday
    from ._calendars._holidays import HolidayRule as HolidayRule
    from ._calendars._holidays import Holidays as Holidays
    from ._calendars._holidays import HolidaySource as HolidaySource
    from ._calendars._holidays import easter_sunday as easter_sunday
    from ._calendars._hours import Window as Window
    from ._calendars._hours import WorkingHours as WorkingHours
    from ._calendars._spans import Closure as Closure
    from ._calendars._spans import Opening as Opening
    from ._display import DueStyle as DueStyle
    from ._display import format_due as format_due
    from ._domain._case import AcknowledgedInWriting as AcknowledgedInWriting
    from ._domain._case import BoardAnalysisDone as BoardAnalysisDone
    from ._domain._case import Case as Case
    from ._domain._case import CaseEvent as CaseEvent
    from ._domain._case import Closed as Closed
    from ._domain._case import CloseReason as CloseReason
    from ._domain._case import EscalatedToBoard as EscalatedToBoard
    from ._domain._case import FeeNoticeSent as FeeNoticeSent
    from ._domain._case import InformationReceived as InformationReceived
    from ._domain._case import InformationRequested as InformationRequested
    from ._domain._case import LoggedUnderMailbox as LoggedUnderMailbox
    from ._domain._case import MessageReceived as MessageReceived
    from ._domain._case import Reopened as Reopened
    from ._domain._case import Replied as Replied
    from ._domain._case import Resolved as Resolved
    from ._domain._case import SatisfactionAsked as SatisfactionAsked
    from ._domain._coverage import Coverage as Coverage
    from ._domain._coverage import CoverageDecision as CoverageDecision
    from ._domain._coverage import coverage as coverage
    from ._domain._entitlements import Benefit as Benefit
    from ._domain._entitlements import Entitlements as Entitlements
    from ._domain._entitlements import Grant as Grant
    from ._domain._entitlements import entitlements as entitlements
    from ._domain._entitlements import escrow_access as escrow_access
    from ._domain._entitlements import upgrade_price as upgrade_price
    from ._domain._gates import Decision as Decision
    from ._domain._gates import relationship_gate as relationship_gate
    from ._domain._licences import FeatureLevel as FeatureLevel
    from ._domain._licences import Licence as Licence
    from ._domain._licences import Product as Product
    from ._domain._licences import SoftwareAssuranceTerm as SoftwareAssuranceTerm
    from ._domain._money import Money as Money
    from ._domain._money import PriceList as PriceList
    from ._domain._parties import Contact as Contact
    from ._domain._parties import EndCustomer as EndCustomer
    from ._domain._parties import Mailbox as Mailbox
    from ._domain._parties import MailboxKind as MailboxKind
    from ._domain._parties import Partner as Partner
    from ._domain._parties import Party as Party
    from ._domain._parties import Reseller as Reseller
    from ._domain._parties import ServiceTeam as ServiceTeam
    from ._domain._parties import StaffMember as StaffMember
    from ._domain._requests import Channel as Channel
    from ._domain._requests import Request as Request
    from ._domain._requests import RequestKind as RequestKind
    from ._errors import CalendarNeverOpensError as CalendarNeverOpensError
    from ._errors import CaseEventError as CaseEventError
    from ._errors import CurrencyMismatchError as CurrencyMismatchError
    from ._errors import InvalidCalendarError as InvalidCalendarError
    from ._errors import InvalidCaseError as InvalidCaseError
    from ._errors import InvalidDocumentError as InvalidDocumentError
    from ._errors import InvalidDurationError as InvalidDurationError
    from ._errors import InvalidPolicyError as InvalidPolicyError
    from ._errors import InvalidUpgradeError as InvalidUpgradeError
    from ._errors import InvalidValueError as InvalidValueError
    from ._errors import MissingExtraError as MissingExtraError
    from ._errors import NaiveDatetimeError as NaiveDatetimeError
    from ._errors import PolicyError as PolicyError
    from ._errors import PolicyValidationError as PolicyValidationError
    from ._errors import SpanOutOfRangeError as SpanOutOfRangeError
    from ._errors import UnknownCaseError as UnknownCaseError
    from ._errors import UnknownClauseError as UnknownClauseError
    from ._errors import UnknownFeatureLevelError as UnknownFeatureLevelError
    from ._errors import UnknownTimezoneError as UnknownTimezoneError
    from ._errors import WrongTypeError as WrongTypeError
    from ._evaluation._agenda import AgendaItem as AgendaItem
    from ._evaluation._agenda import Report as Report
    from ._evaluation._agenda import ReportRow as ReportRow
    from ._evaluation._agenda import agenda as agenda
    from ._evaluation._agenda import agenda_of as agenda_of
    from ._evaluation._agenda import report as report
    from ._evaluation._assess import assess as assess
    from ._evaluation._records import to_records as to_records
    from ._evaluation._results import Assessment as Assessment
    from ._evaluation._results import ClauseResult as ClauseResult
    from ._evaluation._results import ClauseState as ClauseState
    from ._evaluation._results import WarningLevel as WarningLevel
    from ._frames import to_arrow as to_arrow
    from ._frames import to_pandas as to_pandas
    from ._interchange._documents import SCHEMA_VERSION as SCHEMA_VERSION
    from ._interchange._documents import dump_cases as dump_cases
    from ._interchange._documents import from_json_dict as from_json_dict
    from ._interchange._documents import load_cases as load_cases
    from ._interchange._documents import to_json_dict as to_json_dict
    from ._interchange._lines import iter_cases as iter_cases
    from ._interchange._lines import to_json_lines as to_json_lines
    from ._interchange._refused import LoadedCases as LoadedCases
    from ._interchange._refused import RefusedCase as RefusedCase
    from ._interchange._text import MAX_LINE_BYTES as MAX_LINE_BYTES
    from ._policy._absence import Absence as Absence
    from ._policy._absence import AutoReply as AutoReply
    from ._policy._absence import out_of_office as out_of_office
    from ._policy._cadences import PARTY_KINDS as PARTY_KINDS
    from ._policy._cadences import ContactCadence as ContactCadence
    from ._policy._cadences import PartyKind as PartyKind
    from ._policy._catalogue import CATALOGUE as CATALOGUE
    from ._policy._catalogue import Clause as Clause
    from ._policy._catalogue import ClauseKind as ClauseKind
    from ._policy._catalogue import get_clause as get_clause
    from ._policy._desks import DeskCalendar as DeskCalendar
    from ._policy._policy import EXPANDIT_POLICY as EXPANDIT_POLICY
    from ._policy._policy import Choice as Choice
    from ._policy._policy import Policy as Policy
    from ._policy._policy import PolicyHistory as PolicyHistory
    from ._policy._readings import DEFAULT_READINGS as DEFAULT_READINGS
    from ._policy._readings import Reading as Reading
    from ._policy._routing import DEFAULT_ROUTING as DEFAULT_ROUTING
    from ._policy._routing import Routing as Routing

#: Where each public name is defined: its module is imported when the name is first used
#: (PEP 562), so that ``import expandit_policy`` imports next to nothing and a program pays only
#: for the parts it uses. Keep it in step with the ``TYPE_CHECKING`` imports above (a test does).
_WHERE: dict[str, str] = {
    "Operation": "._calendars._calendar",
    "Number": "._calendars._durations",
    "DueStyle": "._display",
    "format_due": "._display",
    "MAX_LINE_BYTES": "._interchange._text",
    "iter_cases": "._interchange._lines",
    "to_json_lines": "._interchange._lines",
    "LoadedCases": "._interchange._refused",
    "RefusedCase": "._interchange._refused",
    "Choice": "._policy._policy",
    "presets": ".presets",
    "BusinessCalendar": "._calendars._calendar",
    "Calendar": "._calendars._calendar",
    "ComposedCalendar": "._calendars._calendar",
    "Landing": "._calendars._calendar",
    "BusinessDays": "._calendars._durations",
    "BusinessHours": "._calendars._durations",
    "CalendarDays": "._calendars._durations",
    "ClockHours": "._calendars._durations",
    "DayReading": "._calendars._durations",
    "Duration": "._calendars._durations",
    "Holiday": "._calendars._holidays",
    "HolidayRule": "._calendars._holidays",
    "Holidays": "._calendars._holidays",
    "HolidaySource": "._calendars._holidays",
    "easter_sunday": "._calendars._holidays",
    "Window": "._calendars._hours",
    "WorkingHours": "._calendars._hours",
    "Closure": "._calendars._spans",
    "Opening": "._calendars._spans",
    "AcknowledgedInWriting": "._domain._case",
    "BoardAnalysisDone": "._domain._case",
    "Case": "._domain._case",
    "CaseEvent": "._domain._case",
    "Closed": "._domain._case",
    "CloseReason": "._domain._case",
    "EscalatedToBoard": "._domain._case",
    "FeeNoticeSent": "._domain._case",
    "InformationReceived": "._domain._case",
    "InformationRequested": "._domain._case",
    "LoggedUnderMailbox": "._domain._case",
    "MessageReceived": "._domain._case",
    "Reopened": "._domain._case",
    "Replied": "._domain._case",
    "Resolved": "._domain._case",
    "SatisfactionAsked": "._domain._case",
    "Coverage": "._domain._coverage",
    "CoverageDecision": "._domain._coverage",
    "coverage": "._domain._coverage",
    "Benefit": "._domain._entitlements",
    "Entitlements": "._domain._entitlements",
    "Grant": "._domain._entitlements",
    "entitlements": "._domain._entitlements",
    "escrow_access": "._domain._entitlements",
    "upgrade_price": "._domain._entitlements",
    "Decision": "._domain._gates",
    "relationship_gate": "._domain._gates",
    "FeatureLevel": "._domain._licences",
    "Licence": "._domain._licences",
    "Product": "._domain._licences",
    "SoftwareAssuranceTerm": "._domain._licences",
    "Money": "._domain._money",
    "PriceList": "._domain._money",
    "Contact": "._domain._parties",
    "EndCustomer": "._domain._parties",
    "Mailbox": "._domain._parties",
    "MailboxKind": "._domain._parties",
    "Partner": "._domain._parties",
    "Party": "._domain._parties",
    "Reseller": "._domain._parties",
    "ServiceTeam": "._domain._parties",
    "StaffMember": "._domain._parties",
    "Channel": "._domain._requests",
    "Request": "._domain._requests",
    "RequestKind": "._domain._requests",
    "CalendarNeverOpensError": "._errors",
    "CaseEventError": "._errors",
    "CurrencyMismatchError": "._errors",
    "InvalidCalendarError": "._errors",
    "InvalidCaseError": "._errors",
    "InvalidDocumentError": "._errors",
    "InvalidDurationError": "._errors",
    "InvalidPolicyError": "._errors",
    "InvalidUpgradeError": "._errors",
    "InvalidValueError": "._errors",
    "MissingExtraError": "._errors",
    "NaiveDatetimeError": "._errors",
    "PolicyError": "._errors",
    "PolicyValidationError": "._errors",
    "SpanOutOfRangeError": "._errors",
    "UnknownCaseError": "._errors",
    "UnknownClauseError": "._errors",
    "UnknownFeatureLevelError": "._errors",
    "UnknownTimezoneError": "._errors",
    "WrongTypeError": "._errors",
    "AgendaItem": "._evaluation._agenda",
    "Report": "._evaluation._agenda",
    "ReportRow": "._evaluation._agenda",
    "agenda": "._evaluation._agenda",
    "agenda_of": "._evaluation._agenda",
    "report": "._evaluation._agenda",
    "to_records": "._evaluation._records",
    "to_pandas": "._frames",
    "to_arrow": "._frames",
    "assess": "._evaluation._assess",
    "Assessment": "._evaluation._results",
    "ClauseResult": "._evaluation._results",
    "ClauseState": "._evaluation._results",
    "WarningLevel": "._evaluation._results",
    "SCHEMA_VERSION": "._interchange._documents",
    "dump_cases": "._interchange._documents",
    "from_json_dict": "._interchange._documents",
    "load_cases": "._interchange._documents",
    "to_json_dict": "._interchange._documents",
    "Absence": "._policy._absence",
    "AutoReply": "._policy._absence",
    "out_of_office": "._policy._absence",
    "PARTY_KINDS": "._policy._cadences",
    "ContactCadence": "._policy._cadences",
    "PartyKind": "._policy._cadences",
    "CATALOGUE": "._policy._catalogue",
    "Clause": "._policy._catalogue",
    "ClauseKind": "._policy._catalogue",
    "get_clause": "._policy._catalogue",
    "DeskCalendar": "._policy._desks",
    "EXPANDIT_POLICY": "._policy._policy",
    "Policy": "._policy._policy",
    "PolicyHistory": "._policy._policy",
    "DEFAULT_READINGS": "._policy._readings",
    "Reading": "._policy._readings",
    "DEFAULT_ROUTING": "._policy._routing",
    "Routing": "._policy._routing",
}


if not TYPE_CHECKING:  # type checkers see the imports above instead, and refuse a misspelling

    def __getattr__(name: str) -> object:
        """Public name ``name``, imported from its module on first use and kept."""
        module = _WHERE.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        loaded = _importlib.import_module(module, __name__)
        value = loaded if module == f".{name}" else getattr(loaded, name)
        globals()[name] = value
        _hypothesis_hook.loaded(value)  # registered with Hypothesis, if it asked
        return value

    def __dir__() -> list[str]:
        return sorted({*globals(), *__all__})


del TYPE_CHECKING

__all__ = [  # noqa: RUF022 (plain sorted order, as the surface test checks)
    "Absence",
    "AcknowledgedInWriting",
    "AgendaItem",
    "Assessment",
    "AutoReply",
    "Benefit",
    "BoardAnalysisDone",
    "BusinessCalendar",
    "BusinessDays",
    "BusinessHours",
    "CATALOGUE",
    "Calendar",
    "CalendarDays",
    "CalendarNeverOpensError",
    "Case",
    "CaseEvent",
    "CaseEventError",
    "Channel",
    "Choice",
    "Clause",
    "ClauseKind",
    "ClauseResult",
    "ClauseState",
    "ClockHours",
    "CloseReason",
    "Closed",
    "Closure",
    "ComposedCalendar",
    "Contact",
    "ContactCadence",
    "Coverage",
    "CoverageDecision",
    "CurrencyMismatchError",
    "DEFAULT_READINGS",
    "DEFAULT_ROUTING",
    "DayReading",
    "Decision",
    "DeskCalendar",
    "DueStyle",
    "Duration",
    "EXPANDIT_POLICY",
    "EndCustomer",
    "Entitlements",
    "EscalatedToBoard",
    "FeatureLevel",
    "FeeNoticeSent",
    "Grant",
    "Holiday",
    "HolidayRule",
    "HolidaySource",
    "Holidays",
    "InformationReceived",
    "InformationRequested",
    "InvalidCalendarError",
    "InvalidCaseError",
    "InvalidDocumentError",
    "InvalidDurationError",
    "InvalidPolicyError",
    "InvalidUpgradeError",
    "InvalidValueError",
    "Landing",
    "Licence",
    "LoadedCases",
    "LoggedUnderMailbox",
    "MAX_LINE_BYTES",
    "Mailbox",
    "MailboxKind",
    "MessageReceived",
    "MissingExtraError",
    "Money",
    "NaiveDatetimeError",
    "Number",
    "Opening",
    "Operation",
    "PARTY_KINDS",
    "Partner",
    "Party",
    "PartyKind",
    "Policy",
    "PolicyError",
    "PolicyHistory",
    "PolicyValidationError",
    "PriceList",
    "Product",
    "Reading",
    "RefusedCase",
    "Reopened",
    "Replied",
    "Report",
    "ReportRow",
    "Request",
    "RequestKind",
    "Reseller",
    "Resolved",
    "Routing",
    "SCHEMA_VERSION",
    "SatisfactionAsked",
    "ServiceTeam",
    "SoftwareAssuranceTerm",
    "SpanOutOfRangeError",
    "StaffMember",
    "UnknownCaseError",
    "UnknownClauseError",
    "UnknownFeatureLevelError",
    "UnknownTimezoneError",
    "WarningLevel",
    "Window",
    "WorkingHours",
    "WrongTypeError",
    "agenda",
    "agenda_of",
    "assess",
    "coverage",
    "dump_cases",
    "easter_sunday",
    "entitlements",
    "escrow_access",
    "format_due",
    "from_json_dict",
    "get_clause",
    "iter_cases",
    "load_cases",
    "out_of_office",
    "presets",
    "relationship_gate",
    "report",
    "to_arrow",
    "to_json_dict",
    "to_json_lines",
    "to_pandas",
    "to_records",
    "upgrade_price",
]
