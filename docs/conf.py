"""Sphinx configuration for the expandit_policy documentation."""

from __future__ import annotations

import sys

from sphinx.application import Sphinx
from sphinx.pycode import ModuleAnalyzer
from sphinx.util import logging

project = "expandit_policy"
author = "expandit_policy developers"
copyright = "2026, expandit_policy developers"

# No napoleon: the docstrings are plain reST with doctest examples, no Google or NumPy sections,
# and napoleon reads the first words of an attribute docstring up to a colon ("How the last day
# is read: ...") as the attribute's type. _check_attribute_docstring keeps that from returning.
extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx.ext.viewcode"]
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


_logger = logging.getLogger(__name__)

#: What autodoc documents with the docstring of a single value, whose type comes from its
#: annotation and never from its docstring.
VALUE_KINDS = frozenset({"attribute", "property", "data"})


def type_fields(what: str, lines: list[str]) -> list[str]:
    """The ``:type:`` fields in a processed docstring of an attribute, property or constant:
    none, unless a docstring processor (such as napoleon) read the docstring's words as a type
    (tests/test_docs.py runs this over every attribute docstring of the package)."""
    if what not in VALUE_KINDS:
        return []
    return [line for line in lines if line.lstrip().startswith(":type:")]


def _check_attribute_docstring(
    app: Sphinx, what: str, name: str, obj: object, options: object, lines: list[str]
) -> None:
    for field in type_fields(what, lines):
        _logger.warning(
            "the docstring of %s %s renders a Type field (%r): its type comes from the "
            "annotation; remove the field, or the extension that makes it",
            what,
            name,
            field.strip(),
            type="expandit_policy",
            subtype="attribute-type",
        )


def setup(app: Sphinx) -> None:
    app.connect("autodoc-process-docstring", _data_docstrings)
    # Last, after every other processor of docstrings has run: it checks what they produced.
    app.connect("autodoc-process-docstring", _check_attribute_docstring, priority=1000)
