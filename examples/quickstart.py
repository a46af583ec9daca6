"""The quickstart as a script: deadlines on the Danish desk, then one case assessed clause by clause.

Run it with ``python examples/quickstart.py``; the test suite runs it too.
"""

from __future__ import annotations

import pendulum

from expandit_policy import (
    EXPANDIT_POLICY,
    BusinessHours,
    Case,
    Channel,
    Contact,
    EndCustomer,
    Mailbox,
    Replied,
    Request,
    RequestKind,
    assess,
    format_due,
    presets,
)


def main() -> None:
    desk = presets.denmark()  # Europe/Copenhagen, Monday to Friday 08:00-16:00, Danish holidays
    received = pendulum.datetime(2026, 3, 6, 15, 30, tz="Europe/Copenhagen")  # a Friday
    first_reply_due = desk.add(received, BusinessHours(2))  # MAIL-1
    print(f"mail received {received.format('ddd YYYY-MM-DD HH:mm')}; "
          f"MAIL-1 first reply due {format_due(first_reply_due)}")  # fmt: skip

    ada = Contact("Ada Jensen", "ada@acme.dk")
    request = Request(
        "R-1", Channel.SUPPORT_MAILBOX, RequestKind.QUESTION, received, ada, EndCustomer("Acme")
    )
    replied = pendulum.datetime(2026, 3, 9, 10, tz="Europe/Copenhagen")
    case = Case(
        request, [Replied(replied, Mailbox.support(), [ada.email], cc=["support@expandit.com"])]
    )
    as_of = pendulum.datetime(2026, 3, 9, 12, tz="Europe/Copenhagen")
    print(f"\ncase R-1 as of {as_of.format('ddd YYYY-MM-DD HH:mm')}:")
    for result in assess(EXPANDIT_POLICY, case, as_of).results:
        due = "" if result.due_at is None else f", due {format_due(result.due_at)}"
        print(f"  {result.clause:<7}{result.state.value}{due}")


if __name__ == "__main__":
    main()
