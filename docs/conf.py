"""Sphinx configuration for the expandit_policy documentation."""

from __future__ import annotations

project = "expandit_policy"
author = "expandit_policy developers"
copyright = "2026, expandit_policy developers"

extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx.ext.napoleon", "sphinx.ext.viewcode"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
html_theme = "furo"
html_title = "expandit_policy"
myst_heading_anchors = 3
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": False}
suppress_warnings = ["myst.xref_missing"]
