"""The API reference: every public name has its entry, and no attribute docstring is misread.

The docs build (``sphinx-build -W``) fails when a docstring processor turns the first words of an
attribute, property or constant docstring into a "Type" field (docs/conf.py,
``_check_attribute_docstring``). These tests run the same processors, configured as docs/conf.py
configures them, over every such docstring in the package, in a second rather than a full build.
"""

from __future__ import annotations

import importlib
import inspect
import io
import pathlib
import pkgutil
import re
import sys
from collections.abc import Iterator
from typing import Any

from sphinx.application import Sphinx
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docstrings import prepare_docstring

import expandit_policy

ROOT = pathlib.Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
GUARD = "renders a Type field"


def _value_docstrings() -> Iterator[tuple[str, str, object, list[str]]]:
    """``(what, name, obj, lines)`` for every attribute, property and constant docstring of the
    package, as autodoc hands them to ``autodoc-process-docstring``."""
    # The package loads its modules on first use: import every one, as autodoc would.
    for info in pkgutil.walk_packages(expandit_policy.__path__, "expandit_policy."):
        if info.name != "expandit_policy.__main__":
            importlib.import_module(info.name)
    modules = sorted(n for n in sys.modules if n.split(".")[0] == "expandit_policy")
    for module_name in modules:
        module = sys.modules[module_name]
        if getattr(module, "__file__", None) is None:
            continue
        for (qualname, attr), lines in (
            ModuleAnalyzer.for_module(module_name).find_attr_docs().items()
        ):
            what = "attribute" if qualname else "data"
            name = ".".join(p for p in (module_name, qualname, attr) if p)
            yield what, name, getattr(module, attr, None), list(lines)
        for cls_name, cls in vars(module).items():
            if not inspect.isclass(cls) or cls.__module__ != module_name:
                continue
            for attr, value in vars(cls).items():
                if isinstance(value, property) and value.__doc__:
                    name = f"{module_name}.{cls_name}.{attr}"
                    yield "property", name, value, prepare_docstring(value.__doc__)


VALUE_DOCSTRINGS = list(_value_docstrings())


def _docs_app(tmp_path: pathlib.Path, **overrides: Any) -> tuple[Sphinx, io.StringIO]:
    """A Sphinx application configured by docs/conf.py (nothing is built)."""
    warnings = io.StringIO()
    app = Sphinx(
        str(DOCS),
        str(DOCS),
        str(tmp_path / "html"),
        str(tmp_path / "doctrees"),
        "html",
        confoverrides=overrides,
        status=None,
        warning=warnings,
        freshenv=True,
    )
    return app, warnings


def _process(app: Sphinx, what: str, name: str, obj: object, lines: list[str]) -> list[str]:
    processed = list(lines)
    app.emit("autodoc-process-docstring", what, name, obj, {}, processed)
    return processed


def test_there_are_value_docstrings_to_check() -> None:
    kinds = {what for what, *_ in VALUE_DOCSTRINGS}
    assert kinds == {"attribute", "property", "data"}
    names = {name for _, name, *_ in VALUE_DOCSTRINGS}
    assert "expandit_policy._calendars._durations.BusinessDays.reading" in names
    assert len(VALUE_DOCSTRINGS) > 100


def test_no_attribute_docstring_renders_a_type_field(tmp_path: pathlib.Path) -> None:
    app, warnings = _docs_app(tmp_path)
    garbled = [
        (name, line)
        for what, name, obj, lines in VALUE_DOCSTRINGS
        for line in _process(app, what, name, obj, lines)
        if line.lstrip().startswith(":type:")
    ]
    assert garbled == []
    assert GUARD not in warnings.getvalue()


def test_the_docs_build_fails_on_a_misread_attribute_docstring(tmp_path: pathlib.Path) -> None:
    """With napoleon, which reads "How the last day is read: ..." as a type and a description,
    the check in docs/conf.py warns (and ``-W`` turns the warning into a failed build)."""
    app, _ = _docs_app(tmp_path)
    with_napoleon = [*app.config.extensions, "sphinx.ext.napoleon"]
    app, warnings = _docs_app(tmp_path, extensions=with_napoleon)
    for what, name, obj, lines in VALUE_DOCSTRINGS:
        _process(app, what, name, obj, lines)
    flagged = set(re.findall(rf"of \w+ (\S+) {GUARD}", warnings.getvalue()))
    assert "expandit_policy._calendars._durations.BusinessDays.reading" in flagged
    assert "expandit_policy._domain._money.Money.amount" in flagged
    # Every docstring it flags has a colon in its first line; those without one pass.
    first_lines = {name: lines[0] for _, name, _, lines in VALUE_DOCSTRINGS if lines}
    assert all(":" in first_lines[name] for name in flagged)


def test_the_check_leaves_other_docstrings_alone(tmp_path: pathlib.Path) -> None:
    app, warnings = _docs_app(tmp_path)
    lines = ["Add business time.", "", ":type: not checked outside values"]
    assert _process(app, "method", "expandit_policy.BusinessCalendar.add", None, lines) == lines
    assert GUARD not in warnings.getvalue()
    _process(app, "attribute", "expandit_policy.Money.amount", None, ["x", "", ":type: Money"])
    assert f"attribute expandit_policy.Money.amount {GUARD}" in warnings.getvalue()


AUTODOC = re.compile(r"^\.\. auto(\w+):: expandit_policy\.(\w+)\s*$", re.MULTILINE)
PUBLIC_MODULES = {"strategies", "laws"}  # documented as modules beside the main surface


def test_the_api_reference_has_an_entry_for_every_public_name() -> None:
    entries = [name for _, name in AUTODOC.findall((DOCS / "api.md").read_text("utf-8"))]
    assert [n for n in expandit_policy.__all__ if n not in entries] == []
    assert {n for n in entries if n not in expandit_policy.__all__} == PUBLIC_MODULES
    assert len(entries) == len(set(entries)), "a name with two entries"
