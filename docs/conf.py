"""Sphinx configuration for the expandit_policy documentation."""

from __future__ import annotations

import sys

from sphinx.application import Sphinx
from sphinx.pycode import ModuleAnalyzer

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


def _source_docstring(name: str) -> list[str]:
    """The docstring written under a re-exported constant or type alias, in the private module
    that defines it (autodoc would otherwise show the docstring of the value's type)."""
    import expandit_policy

    value = getattr(expandit_policy, name)
    for module_name, module in sorted(sys.modules.items()):
        if module_name.startswith("expandit_policy.") and getattr(module, name, None) is value:
            docs = ModuleAnalyzer.for_module(module_name).find_attr_docs()
            if ("", name) in docs:
                return list(docs[("", name)])
    return []


def _data_docstrings(
    app: Sphinx, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    if what == "data" and name.startswith("expandit_policy.") and name.count(".") == 1:
        lines[:] = _source_docstring(name.rsplit(".", 1)[1])


def setup(app: Sphinx) -> None:
    app.connect("autodoc-process-docstring", _data_docstrings)
