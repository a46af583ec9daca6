"""The evaluation layer: assessing cases against a policy, the agenda, and the reports."""
