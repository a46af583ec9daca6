"""examples/notebook.ipynb is a valid notebook that runs top to bottom and draws its figure.

No Jupyter kernel is needed: the notebook's code cells are executed in order in one namespace, as
a kernel would run them, and any exception (or warning, which the suite turns into an error)
fails the test. The notebook is committed without outputs, so what it shows is always what it
computes now.
"""

from __future__ import annotations

import contextlib
import io
import json
import pathlib
import re
from typing import Any

import pytest

from expandit_policy import Assessment, ClauseState, ReportRow

NOTEBOOK = pathlib.Path(__file__).resolve().parents[1] / "examples" / "notebook.ipynb"
CELL_ID = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")


def _notebook() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    return data


def _source(cell: dict[str, Any]) -> str:
    source = cell["source"]
    return source if isinstance(source, str) else "".join(source)


def test_notebook_has_the_nbformat_4_structure() -> None:
    nb = _notebook()
    assert nb["nbformat"] == 4
    assert isinstance(nb["nbformat_minor"], int)
    assert nb["nbformat_minor"] >= 5  # cell ids are required from 4.5 on
    assert nb["metadata"]["kernelspec"]["language"] == "python"
    assert nb["metadata"]["language_info"]["name"] == "python"
    ids = [cell["id"] for cell in nb["cells"]]
    assert len(set(ids)) == len(ids)
    for cell in nb["cells"]:
        assert CELL_ID.match(cell["id"]), cell["id"]
        assert cell["cell_type"] in ("markdown", "code")
        assert isinstance(cell["metadata"], dict)
        source = cell["source"]
        assert isinstance(source, str) or all(isinstance(line, str) for line in source)


def test_notebook_is_committed_without_outputs() -> None:
    for cell in _notebook()["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], cell["id"]
            assert cell["execution_count"] is None, cell["id"]


def test_notebook_reads_no_clock() -> None:
    code = "\n".join(_source(c) for c in _notebook()["cells"] if c["cell_type"] == "code")
    for word in ("now(", "today(", "utcnow(", "time.time(", "plt.show("):
        assert word not in code


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str, pathlib.Path]:
    """Run every code cell in order in one namespace, in a scratch directory; return the
    namespace, everything printed, and the directory."""
    where = tmp_path_factory.mktemp("notebook")
    namespace: dict[str, Any] = {"__name__": "__main__"}
    printed = io.StringIO()
    with contextlib.chdir(where), contextlib.redirect_stdout(printed):
        for k, cell in enumerate(_notebook()["cells"]):
            if cell["cell_type"] == "code":
                code = compile(_source(cell), f"{NOTEBOOK.name} cell {k + 1}", "exec")
                exec(code, namespace)
    return namespace, printed.getvalue(), where


def test_notebook_generates_a_month_of_cases(
    executed: tuple[dict[str, Any], str, pathlib.Path],
) -> None:
    namespace, printed, _ = executed
    cases = namespace["cases"]
    assert 80 <= len(cases) <= 250
    months = {c.request.received_at.month for c in cases}
    assert months == {3}
    assert "cases received from" in printed


def test_notebook_assesses_every_case_at_one_instant(
    executed: tuple[dict[str, Any], str, pathlib.Path],
) -> None:
    namespace, printed, _ = executed
    assessments: list[Assessment] = namespace["assessments"]
    assert len(assessments) == len(namespace["cases"])
    assert {a.as_of for a in assessments} == {namespace["AS_OF"]}
    states = {r.state for a in assessments for r in a.results}
    assert {ClauseState.MET, ClauseState.MET_LATE} <= states
    assert " due " in printed


def test_notebook_reports_compliance_per_clause(
    executed: tuple[dict[str, Any], str, pathlib.Path],
) -> None:
    namespace, printed, _ = executed
    rows: tuple[ReportRow, ...] = namespace["rows"]
    assert {"MAIL-1", "CPL-1", "CPL-2"} <= {row.clause for row in rows}
    assert "compliance" in printed
    assert re.search(r"^MAIL-1 .* \d+%$", printed, re.MULTILINE)
    assert "median" in printed


def test_notebook_draws_the_timeline_of_one_case(
    executed: tuple[dict[str, Any], str, pathlib.Path],
) -> None:
    namespace, _, where = executed
    figure_file = where / namespace["FIGURE_FILE"]
    assert figure_file.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    fig = namespace["fig"]
    [ax] = fig.axes
    chosen: Assessment = namespace["chosen"]
    clocks = [r.clause for r in chosen.results if r.due_at is not None]
    assert [t.get_text() for t in ax.get_yticklabels()] == clocks
    assert len(ax.patches) >= 2  # shaded open hours
    [legend] = fig.legends
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels[:4] == ["open hours", "received", "due", "met"]


def test_notebook_shows_the_figure_it_saves() -> None:
    markdown = "\n".join(_source(c) for c in _notebook()["cells"] if c["cell_type"] == "markdown")
    code = "\n".join(_source(c) for c in _notebook()["cells"] if c["cell_type"] == "code")
    [name] = re.findall(r'^FIGURE_FILE = "(.+)"$', code, re.MULTILINE)
    assert f"]({name})" in markdown
