"""Interchange: the library's values to and from JSON-ready dicts (cattrs), with a schema version."""
