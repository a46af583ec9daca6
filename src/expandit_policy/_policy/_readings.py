"""The clauses' readings: how the policy's open wording is turned into durations.

A reading is declared with its clause in the registry (``_registry``); this module keeps the
names under which readings have always been imported.
"""

from __future__ import annotations

from ._registry import DEFAULT_READINGS, Reading

__all__ = ["DEFAULT_READINGS", "Reading"]
