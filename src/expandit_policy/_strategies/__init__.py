"""The implementation of :mod:`expandit_policy.strategies`, one module per layer."""
