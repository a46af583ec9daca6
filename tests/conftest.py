"""Test configuration: the Hypothesis profiles, chosen by environment variables.

``HYPOTHESIS_PROFILE`` names a profile (``dev``, ``ci`` or ``long``); without it, ``CI`` set to
anything selects ``ci`` and otherwise ``dev`` is loaded. ``pytest --hypothesis-profile=NAME``
works too. docs/testing.md ("The test suite's profiles") says what each is for and what it costs.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Quick feedback while editing: random examples, few of them, the example database on.
settings.register_profile("dev", max_examples=60, deadline=None)
# The check command in CI: the same examples on every run (derandomized, so a red build is
# reproducible and never flaky), as many as fit the 10-minute budget on a 2-core machine.
settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
# A long exploratory run (before a release, after an engine change, nightly): ten times CI's
# examples, new random ones each run, failures printed with a blob to replay them.
settings.register_profile(
    "long",
    max_examples=1000,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)

_name = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
settings.load_profile(_name)

# Load every public name before any test runs. The library registers a Hypothesis strategy for
# each public class as its module loads; a registration arriving in the middle of a test would
# change what ``st.from_type`` draws for a nested field on the test's next run, and Hypothesis
# would report the test's data generation as flaky.
import expandit_policy  # noqa: E402

for _name in expandit_policy.__all__:
    getattr(expandit_policy, _name)
