"""Embed the policy in a CRM: an in-memory queue of cases, re-assessed as events arrive.

The library holds no state and reads no clock, so the host keeps both: ``CaseQueue`` stores each
case as an immutable value, re-assesses a case whenever something happens to it, and keeps one
wake-up per case at the instant its assessment says it will change on its own
(``next_change_at``: a warning threshold or a due instant). Nothing polls. At the end of the day
the agenda says what is due.

The day below is replayed from a script of instants, as a CRM would replay its own log. Run it
with ``python examples/crm_embedding.py``; the test suite runs it too.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable

import pendulum

from expandit_policy import (
    EXPANDIT_POLICY,
    AcknowledgedInWriting,
    Assessment,
    BusinessDays,
    Case,
    CaseEvent,
    Channel,
    ClauseResult,
    ClauseState,
    Contact,
    Coverage,
    Duration,
    EndCustomer,
    FeeNoticeSent,
    Licence,
    LoggedUnderMailbox,
    Mailbox,
    Partner,
    Policy,
    Product,
    Replied,
    Request,
    RequestKind,
    Reseller,
    SoftwareAssuranceTerm,
    WarningLevel,
    agenda,
    assess,
    format_due,
)

ZONE = "Europe/Copenhagen"


def at(day: int, hour: int, minute: int = 0) -> pendulum.DateTime:
    """An instant in March 2026 on the desk's clock (instants are always passed in)."""
    return pendulum.datetime(2026, 3, day, hour, minute, tz=ZONE)


def when(t: dt.datetime) -> str:
    """When something happened, on the desk's clock: 'Mon 2026-03-02 08:05'."""
    return pendulum.instance(t).in_timezone(ZONE).format("ddd YYYY-MM-DD HH:mm")


def by(t: dt.datetime) -> str:
    """When something is due, on the desk's clock: a deadline at midnight (CPL-2's calendar days)
    is the end of the day before, 'Mon 2026-03-16 24:00'."""
    return format_due(t, timezone=ZONE)


def describe(result: ClauseResult) -> str:
    """One clause result as a line of the CRM's activity feed."""
    text = f"{result.clause:<7}{result.state.value}"
    if result.warning is not WarningLevel.NONE:
        text += f" ({result.warning.value})"
    if result.due_at is not None:
        text += f", due {by(result.due_at)}"
    if result.met_at is not None:
        text += f", met {when(result.met_at)}"
    return text


class CaseQueue:
    """The CRM's side: the open cases, their latest assessments and one wake-up per case."""

    def __init__(
        self,
        policy: Policy,
        *,
        licences: Iterable[Licence] = (),
        resolution_terms: dict[str, Duration] | None = None,
    ) -> None:
        self.policy = policy
        self.licences = tuple(licences)  # COM-5: is the work covered by Software Assurance?
        self.resolution_terms = resolution_terms or {}  # MAIL-2: a party's licence terms
        self.cases: dict[str, Case] = {}
        self.latest: dict[str, Assessment] = {}
        self.wake_at: dict[str, dt.datetime] = {}
        self._heap: list[tuple[dt.datetime, str]] = []

    def receive(self, request: Request) -> None:
        """A new request: open a case and assess it at the instant it arrived."""
        print(f"{when(request.received_at)}  {request.id} received: {request.kind.value} from "
              f"{request.party.name} ({request.channel.value})")  # fmt: skip
        self.cases[request.id] = Case(request)
        self._reassess(request.id, request.received_at)

    def record(self, case_id: str, event: CaseEvent) -> None:
        """Something happened to a case: append it to the log and assess the case again."""
        self.wake_until(event.at)
        print(f"{when(event.at)}  {case_id}: {type(event).__name__}")
        self.cases[case_id] = self.cases[case_id].with_event(event)
        self._reassess(case_id, event.at)

    def wake_until(self, t: dt.datetime) -> None:
        """Run every wake-up due at or before ``t``, in order: what the host's scheduler does."""
        while self._heap and self._heap[0][0] <= t:
            instant, case_id = heapq.heappop(self._heap)
            if self.wake_at.get(case_id) != instant:
                continue  # superseded: an event re-assessed the case in the meantime
            print(f"{when(instant)}  {case_id}: wake-up")
            self._reassess(case_id, instant)

    def due(self, as_of: dt.datetime) -> None:
        """Print the agenda: what needs doing across all cases, soonest due first."""
        print(f"\nAgenda as of {when(as_of)}:")
        targets = {
            case_id: self.resolution_terms[case.request.party.name]
            for case_id, case in self.cases.items()
            if case.request.party.name in self.resolution_terms
        }
        items = agenda(
            self.policy,
            self.cases.values(),
            as_of,
            resolution_targets=targets,
            licences=self.licences,
        )
        for item in items:
            flag = "AT RISK " if item.at_risk else ""
            due = f"due {by(item.due_at)}" if item.due_at is not None else "no due instant"
            print(f"  {flag:<8}{item.case_id}  {item.clause:<7}{item.state.value:<10}{due}")

    def _reassess(self, case_id: str, as_of: dt.datetime) -> None:
        case = self.cases[case_id]
        assessment = assess(
            self.policy,
            case,
            as_of,
            resolution_target=self.resolution_terms.get(case.request.party.name),
            licences=self.licences,
        )
        before = self.latest.get(case_id)
        old = {} if before is None else {r.clause: r for r in before.results}
        for result in assessment.results:
            previous = old.get(result.clause)
            changed = previous is None or (previous.state, previous.warning) != (
                result.state,
                result.warning,
            )
            if changed and result.state is not ClauseState.NOT_APPLICABLE:
                print(f"{'':22}{describe(result)}")
        self.latest[case_id] = assessment
        wake = [r.next_change_at for r in assessment.results if r.next_change_at is not None]
        if wake:
            self.wake_at[case_id] = min(wake)
            heapq.heappush(self._heap, (min(wake), case_id))
        else:
            self.wake_at.pop(case_id, None)


# The people and licences of the example.
ADA = Contact("Ada Jensen", "ada@acme.dk")
ACME = EndCustomer("Acme", [ADA])
BO = Contact("Bo Holm", "bo@nordic.dk", fee_earner=True)
NORDIC = Partner("Nordic Partner", [BO])
EVA = Contact("Eva Lund", "eva@shop.dk")
SHOP = Reseller("Shop & Co", [EVA])
COMMERCE = Product.ranked("Commerce", "Standard", "Professional")
ACME_LICENCE = Licence(
    COMMERCE,
    COMMERCE.level("Professional"),
    NORDIC,
    held_for=ACME,
    sa_term=SoftwareAssuranceTerm(dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
)
SUPPORT, SALES = Mailbox.support(), Mailbox.sales()


def reply(t: dt.datetime, mailbox: Mailbox, to: str) -> Replied:
    """A reply from a shared mailbox, copied to it (COM-3)."""
    return Replied(t, mailbox, [to], cc=[mailbox.address])


def main() -> None:
    queue = CaseQueue(
        EXPANDIT_POLICY,
        licences=[ACME_LICENCE],
        resolution_terms={"Acme": BusinessDays(3)},  # from Acme's licence agreement (MAIL-2)
    )
    monday = 2
    queue.receive(
        Request("R-101", Channel.SUPPORT_MAILBOX, RequestKind.QUESTION, at(monday, 8, 5), ADA, ACME)
    )
    queue.receive(
        Request("R-102", Channel.PHONE, RequestKind.QUESTION, at(monday, 8, 40), BO, NORDIC)
    )
    queue.receive(
        Request("R-103", Channel.SALES_MAILBOX, RequestKind.QUOTE, at(monday, 9, 15), EVA, SHOP)
    )
    queue.record("R-101", reply(at(monday, 9, 50), SUPPORT, ADA.email))
    queue.record(
        "R-101", FeeNoticeSent(at(monday, 9, 50), Coverage.COVERED_BY_SA, "covered by your SA")
    )
    queue.receive(
        Request(
            "R-104", Channel.WRITTEN_COMPLAINT, RequestKind.COMPLAINT, at(monday, 10, 30), ADA, ACME
        )
    )
    queue.record("R-104", LoggedUnderMailbox(at(monday, 10, 45), SUPPORT))
    queue.wake_until(at(monday, 11, 10))
    queue.due(at(monday, 11, 10))  # a look at the work queue before lunch
    print()
    queue.record("R-103", reply(at(monday, 11, 40), SALES, EVA.email))
    queue.record("R-102", reply(at(monday, 13, 0), SUPPORT, BO.email))
    queue.record("R-104", AcknowledgedInWriting(at(monday, 14, 0)))
    queue.receive(
        Request(
            "R-105", Channel.PERSONAL_MAILBOX, RequestKind.QUESTION, at(monday, 15, 30), ADA, ACME
        )
    )
    end_of_day = at(monday, 16)
    queue.wake_until(end_of_day)
    queue.due(end_of_day)
    upcoming = sorted((t, case_id) for case_id, t in queue.wake_at.items())
    print("\nNext wake-ups:")
    for t, case_id in upcoming:
        print(f"  {by(t)}  {case_id}")


if __name__ == "__main__":
    main()
