"""The public surface: one import, a complete sorted __all__, frozen documented values, layers."""

from __future__ import annotations

import ast
import importlib
import inspect
import pathlib
import re
import subprocess
import sys

import attrs
import pytest

import expandit_policy

SRC = pathlib.Path(expandit_policy.__file__).parent


def test_all_is_sorted_and_complete() -> None:
    assert expandit_policy.__all__ == sorted(expandit_policy.__all__)
    # dir(): the names load when first used, so vars() holds only those used so far.
    public = {n for n in dir(expandit_policy) if not n.startswith("_")}
    # Modules that are layers (private) are not part of the surface; ``presets`` is.
    public -= {
        n for n in public if inspect.ismodule(getattr(expandit_policy, n)) and n != "presets"
    }
    assert set(expandit_policy.__all__) == public


def test_every_public_name_is_documented_with_an_example() -> None:
    for name in expandit_policy.__all__:
        obj = getattr(expandit_policy, name)
        if inspect.isclass(obj) or inspect.isfunction(obj) or inspect.ismodule(obj):
            doc = inspect.getdoc(obj) or ""
            assert doc.strip(), name
            assert ">>>" in doc, f"{name} has no runnable example"


def test_public_value_classes_are_frozen() -> None:
    for name in expandit_policy.__all__:
        obj = getattr(expandit_policy, name)
        if inspect.isclass(obj) and attrs.has(obj):
            assert obj.__setattr__ is not object.__setattr__, name
            instance_attrs = attrs.fields(obj)
            assert instance_attrs, name


def test_public_errors_share_one_base_and_a_builtin() -> None:
    for name in expandit_policy.__all__:
        obj = getattr(expandit_policy, name)
        if inspect.isclass(obj) and issubclass(obj, Exception):
            assert issubclass(obj, expandit_policy.PolicyError), name
            assert obj.__module__ == "expandit_policy", name
            if obj is not expandit_policy.PolicyError:
                assert issubclass(obj, ValueError | TypeError | OverflowError | ImportError), name


def test_importing_the_library_does_not_import_hypothesis() -> None:
    code = "import sys, expandit_policy; print('hypothesis' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# Each layer imports only from the layers below it (ARCHITECTURE.md). The strategies import the
# layers and nothing imports them but the entry point Hypothesis calls.
LAYERS = ["_time", "_errors", "_engine", "_calendars", "_domain", "_policy", "_evaluation",
          "_interchange", "_cli", "laws", "strategies"]  # fmt: skip
RANK = {name: k for k, name in enumerate(LAYERS)}
RANK["_errors"] = RANK["_time"] = RANK["_checks"] = 0
RANK["presets"] = RANK["_calendars"]
RANK["_display"] = RANK["_calendars"]
RANK["_strategies"] = RANK["_hypothesis_hook"] = RANK["strategies"]


def _layer(path: pathlib.Path) -> str:
    rel = path.relative_to(SRC).parts
    return rel[0].removesuffix(".py")


def _imported_layers(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = path.relative_to(SRC).parts[:-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(package[: len(package) - (node.level - 1)])
            parts = base + (node.module.split(".") if node.module else [])
            if parts:
                found.add(parts[0])
            else:
                found.update(alias.name for alias in node.names)
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("expandit_policy.")
        ):
            found.add(node.module.split(".")[1])
    return found


@pytest.mark.parametrize(
    "path",
    [p for p in sorted(SRC.rglob("*.py")) if _layer(p) in RANK],
    ids=lambda p: str(p.relative_to(SRC)),
)
def test_layers_import_only_from_below(path: pathlib.Path) -> None:
    own = RANK[_layer(path)]
    for layer in _imported_layers(path):
        if layer in RANK:
            assert RANK[layer] <= own, f"{path.name} ({_layer(path)}) imports {layer}"


def _top_level_imports(path: pathlib.Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_workalendar_is_imported_by_one_module_only() -> None:
    importers = [
        p.relative_to(SRC).as_posix()
        for p in sorted(SRC.rglob("*.py"))
        if "workalendar" in _top_level_imports(p)
    ]
    assert importers == ["_calendars/_holidays.py"]


def test_the_core_reads_no_clock() -> None:
    forbidden = ("now(", "today(", "utcnow(", "time.time(")
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for word in forbidden:
            assert word not in text, f"{path.name} calls {word}"


# -- the public modules beside the main surface: strategies (Hypothesis) and laws --------------

HYPOTHESIS_MODULES = {
    "strategies.py",
    *(p.relative_to(SRC).as_posix() for p in SRC.glob("_strategies/_*.py") if p.stem != "__init__"),
}


def _module_level_imports(path: pathlib.Path) -> set[str]:
    """What a module imports when it is imported (not inside its functions)."""
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_only_the_strategies_import_hypothesis_when_imported() -> None:
    importers = {
        p.relative_to(SRC).as_posix()
        for p in SRC.rglob("*.py")
        if "hypothesis" in _module_level_imports(p)
    }
    assert importers == HYPOTHESIS_MODULES
    # The entry point imports Hypothesis only when Hypothesis calls it.
    assert "hypothesis" in _top_level_imports(SRC / "_hypothesis_hook.py")


def test_nothing_imports_the_strategies_but_the_entry_point() -> None:
    importers = {
        p.relative_to(SRC).as_posix()
        for p in SRC.rglob("*.py")
        if {"strategies", "_strategies"} & _imported_layers(p)
    }
    assert importers - HYPOTHESIS_MODULES == {"_hypothesis_hook.py"}
    hook = ast.parse((SRC / "_hypothesis_hook.py").read_text(encoding="utf-8"))
    at_import = [n for n in hook.body if isinstance(n, ast.ImportFrom) and n.level]
    assert at_import == [], "the entry point imports the strategies only on first use"


def test_importing_the_laws_does_not_import_hypothesis() -> None:
    code = "import sys, expandit_policy.laws; print('hypothesis' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("module_name", ["strategies", "laws"])
def test_every_strategy_and_law_is_documented_with_an_example(module_name: str) -> None:
    module = importlib.import_module(f"expandit_policy.{module_name}")
    assert ">>>" in (module.__doc__ or "")
    functions = [n for n in module.__all__ if inspect.isfunction(getattr(module, n))]
    assert functions
    for name in functions:
        doc = inspect.getdoc(getattr(module, name)) or ""
        assert doc.strip(), name
        assert ">>>" in doc, f"{module_name}.{name} has no runnable example"


def _annotations(obj: object) -> list[str]:
    """The annotations (as text) of a public function, or of a public class's fields, its
    constructor and its public methods."""
    found: list[object] = []
    if inspect.isclass(obj):
        members: list[object] = [obj.__init__]
        for name, member in vars(obj).items():
            if name.startswith("_"):
                continue
            if isinstance(member, classmethod | staticmethod):
                member = member.__func__
            if isinstance(member, property):
                member = member.fget
            if inspect.isfunction(member):
                members.append(member)
        for member in members:
            found += getattr(member, "__annotations__", {}).values()
        found += vars(obj).get("__annotations__", {}).values()
    elif callable(obj):
        found += getattr(obj, "__annotations__", {}).values()
    return [str(a) for a in found]


def _type_aliases() -> dict[str, str]:
    """Every type alias (``Name: TypeAlias = ...``) of the library's modules, with its module."""
    importlib.import_module("expandit_policy.strategies")
    aliases = {}
    for module_name, module in list(sys.modules.items()):
        if module_name.startswith("expandit_policy."):
            for name, annotation in vars(module).get("__annotations__", {}).items():
                if annotation in ("TypeAlias", "typing.TypeAlias"):
                    aliases[name] = module_name
    return aliases


def test_every_type_alias_in_a_public_signature_is_exported() -> None:
    aliases = _type_aliases()
    assert {"Number", "Operation", "Choice", "Duration", "CaseEvent"} <= set(aliases)
    missing = {
        (alias, name)
        for name in expandit_policy.__all__
        for annotation in _annotations(getattr(expandit_policy, name))
        for alias in re.findall(r"[A-Za-z_]\w*", annotation)
        if alias in aliases and alias not in expandit_policy.__all__
    }
    assert not missing, f"type aliases in public signatures but not exported: {sorted(missing)}"


def test_the_type_checker_sees_the_names_that_are_exported_at_run_time(
    tmp_path: pathlib.Path,
) -> None:
    from mypy import api as mypy_api

    names = expandit_policy.__all__
    # Importing a name that the package does not export explicitly is an error under --strict
    # (no implicit re-export), and so is a name in __all__ that the type checker cannot find;
    # using each alias as an annotation checks that the checker takes it for a type.
    aliases = [n for n in names if n in _type_aliases()]
    program = "\n".join(
        [
            f"from expandit_policy import {', '.join(names)}",
            *(f"def use_{n}(value: {n}) -> {n}:\n    return value" for n in aliases),
            "",
        ]
    )
    out, err, status = mypy_api.run(
        ["--config-file", "", "--strict", "--cache-dir", str(tmp_path), "-c", program]
    )
    assert status == 0, out + err
    assert {"Number", "Operation", "Choice"} <= set(aliases)
