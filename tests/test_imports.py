"""``import expandit_policy`` imports next to nothing: each public name loads its module when
first used (PEP 562). Checked by what a fresh interpreter has imported, never by timing."""

from __future__ import annotations

import ast
import importlib
import importlib.metadata
import os
import pathlib
import subprocess
import sys
from typing import Any

import pytest

import expandit_policy

SRC = pathlib.Path(expandit_policy.__file__).parent
ROOT = SRC.parents[1]


def _run(code: str, **env: str) -> str:
    out = subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **env},
    )
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    return out.stdout.strip()


def test_importing_the_package_imports_no_dependency_and_none_of_its_values() -> None:
    code = (
        "import sys, expandit_policy\n"
        "heavy = ('workalendar', 'cattrs', 'hypothesis', 'pandas', 'attrs', 'pendulum')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
        "print(sorted(m for m in sys.modules if m.startswith('expandit_policy')))\n"
    )
    deps, ours = _run(code).splitlines()
    assert deps == "[]"
    assert (
        ours
        == "['expandit_policy', 'expandit_policy._hypothesis_hook', 'expandit_policy._version']"
    )


def test_the_entry_point_module_imports_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "before = set(sys.modules)\n"
        "import expandit_policy._hypothesis_hook\n"
        "print(sorted(m for m in set(sys.modules) - before if not m.startswith('expandit_policy')))\n"
    )
    # the standard library's import machinery and ``warnings``; none of the library's values,
    # no dependency
    tiny = {"__future__", "importlib", "importlib._bootstrap", "importlib._bootstrap_external"}
    assert set(ast.literal_eval(_run(code))) <= tiny | {"warnings"}


def test_assessing_a_case_does_not_load_the_interchange() -> None:
    code = (
        "import sys, pendulum\n"
        "from expandit_policy import (EXPANDIT_POLICY, Case, Channel, Contact, EndCustomer,\n"
        "    Request, RequestKind, assess)\n"
        "ada = Contact('Ada Jensen', 'ada@acme.dk')\n"
        "t = pendulum.datetime(2026, 3, 2, 9, tz='Europe/Copenhagen')\n"
        "case = Case(Request('R-1', Channel.SUPPORT_MAILBOX, RequestKind.QUESTION, t, ada,\n"
        "                    EndCustomer('Acme', [ada])))\n"
        "print(assess(EXPANDIT_POLICY, case, t.add(hours=1)).result('MAIL-1').state.value)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('cattrs', 'hypothesis')))\n"
    )
    assert _run(code).splitlines() == ["running", "[]"]


def test_every_name_in_all_resolves_in_a_fresh_interpreter_to_its_defining_module() -> None:
    code = (
        "import importlib, expandit_policy as p\n"
        "for name in p.__all__:\n"
        "    value = getattr(p, name)\n"
        "    module = importlib.import_module(p._WHERE[name], 'expandit_policy')\n"
        "    assert value is (module if p._WHERE[name] == '.' + name else getattr(module, name)), name\n"
        "print(len(p.__all__))\n"
    )
    assert _run(code) == str(len(expandit_policy.__all__))


def test_star_import_gives_every_public_name() -> None:
    code = (
        "from expandit_policy import *\n"
        "import expandit_policy\n"
        "missing = [n for n in expandit_policy.__all__ if n not in globals()]\n"
        "print(missing, assess is expandit_policy.assess)\n"
    )
    assert _run(code) == "[] True"


def test_dir_lists_every_public_name_before_it_is_used() -> None:
    code = (
        "import expandit_policy\nprint(set(expandit_policy.__all__) <= set(dir(expandit_policy)))"
    )
    assert _run(code) == "True"


def test_a_misspelt_name_is_an_attribute_error_naming_it() -> None:
    with pytest.raises(
        AttributeError, match=r"module 'expandit_policy' has no attribute 'Assesment'"
    ):
        expandit_policy.Assesment  # type: ignore[attr-defined]  # noqa: B018
    with pytest.raises(ImportError, match="Assesment"):
        exec("from expandit_policy import Assesment", {})


def test_the_type_checking_imports_and_the_table_of_names_agree() -> None:
    # Type checkers read the imports under TYPE_CHECKING; the run time reads _WHERE.
    tree = ast.parse((SRC / "__init__.py").read_text(encoding="utf-8"))
    block = next(
        n
        for n in tree.body
        if isinstance(n, ast.If) and getattr(n.test, "id", "") == "TYPE_CHECKING"
    )
    imported = {}
    for node in block.body:
        assert isinstance(node, ast.ImportFrom), ast.dump(node)
        for alias in node.names:
            assert alias.asname == alias.name
            module = "." * node.level + (node.module or "")
            imported[alias.name] = module if node.module else f".{alias.name}"
    assert imported == expandit_policy._WHERE
    assert sorted(imported) == expandit_policy.__all__


def test_version_is_the_installed_distribution_version_and_one_file_holds_it() -> None:
    assert expandit_policy.__version__ == importlib.metadata.version("expandit-policy")
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject
    assert 'path = "src/expandit_policy/_version.py"' in pyproject
    assert _run("import expandit_policy; print(expandit_policy.__version__)") == (
        expandit_policy.__version__
    )


def test_the_import_benchmark_runs() -> None:
    spec = importlib.util.spec_from_file_location(
        "bench_import", ROOT / "benchmarks" / "bench_import.py"
    )
    assert spec is not None and spec.loader is not None
    module: Any = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    statements = module.STATEMENTS
    module.STATEMENTS = statements[:3]  # a smoke test: three statements, one round
    module.RATIOS = (("import expandit_policy", "import pendulum, attrs"),)
    try:
        assert module.main(["--runs", "1"]) == 0
    finally:
        module.STATEMENTS = statements
