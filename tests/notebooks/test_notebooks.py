"""Notebooks are software: exercises in sync with solutions, clean committed outputs,
student notebooks that run top to bottom unanswered.

The lessons and solutions themselves are re-executed and compared by nbval (``make test``
passes ``--nbval-lax --nbval-current-env lessons solutions``).
"""

import importlib.util
import json
import re

import nbformat
import pytest

from conftest import ROOT, execute_notebook

_spec = importlib.util.spec_from_file_location("make_exercises",
                                               ROOT / "tools" / "make_exercises.py")
make_exercises = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_exercises)

def _notebooks(folder):
    """The English notebooks of ``folder``, then each edition's (``folder/zh/``)."""
    found = sorted((ROOT / folder).glob("*.ipynb"))
    for edition in make_exercises.EDITIONS:
        found += sorted((ROOT / folder / edition).glob("*.ipynb"))
    return found


LESSONS = _notebooks("lessons")
SOLUTIONS = _notebooks("solutions")
EXERCISES = _notebooks("exercises")
TAUGHT = LESSONS + SOLUTIONS
MAX_CELL_LINES = 15


def _ids(paths):
    return [str(p.relative_to(ROOT / p.relative_to(ROOT).parts[0])) for p in paths]


def _code_cells(path):
    notebook = nbformat.read(path, as_version=4)
    return [c for c in notebook.cells if c.cell_type == "code"]


def test_every_solution_has_a_generated_exercise():
    assert _ids(SOLUTIONS) == _ids(EXERCISES)


def test_exercises_are_not_stale():
    stale = [str(path.relative_to(ROOT)) for path, text in make_exercises.generated().items()
             if not path.exists() or path.read_text(encoding="utf-8") != text]
    assert not stale, f"run `make exercises`: stale {stale}"


@pytest.mark.parametrize("solution", SOLUTIONS, ids=_ids(SOLUTIONS))
def test_exercises_do_not_leak_solutions(solution):
    exercise = ROOT / "exercises" / solution.relative_to(ROOT / "solutions")
    text = exercise.read_text(encoding="utf-8")
    _, removed = make_exercises.make_exercise(nbformat.read(solution, as_version=4))
    assert removed, "a solution notebook with no # SOLUTION answers"
    assert "SOLUTION" not in text
    leaked = [answer for answer in removed if len(answer) >= 8 and json.dumps(answer)[1:-1] in text]
    assert not leaked


def test_generator_blanks_answers_but_keeps_valid_python():
    source = ("churn = 0.2\nretention = 1 - churn  # SOLUTION\nprint(retention)  # SOLUTION\n"
              "# BEGIN SOLUTION\nx = 1\ny = 2\n# END SOLUTION\ncheck(retention)")
    student, removed = make_exercises.strip_solution_source(source)
    assert student == ("churn = 0.2\nretention = ...\n...\n...  # your code here\n"
                       "check(retention)")
    assert removed == ["1 - churn", "print(retention)", "x = 1", "y = 2"]
    compile(student, "<exercise>", "exec")


@pytest.mark.parametrize("path", TAUGHT, ids=_ids(TAUGHT))
def test_committed_outputs_are_clean(path):
    problems = []
    for k, cell in enumerate(_code_cells(path)):
        tags = cell.metadata.get("tags", [])
        if cell.source.strip() and cell.execution_count is None and "skip-execution" not in tags:
            problems.append(f"cell {k} never executed")
        for out in cell.get("outputs", []):
            if out.output_type == "error":
                problems.append(f"cell {k} has an error output")
            if out.get("name") == "stderr":
                problems.append(f"cell {k} writes to stderr: {out.text[:80]!r}")
    assert not problems


@pytest.mark.parametrize("path", TAUGHT + EXERCISES, ids=_ids(TAUGHT + EXERCISES))
def test_notebook_code_follows_house_style(path):
    problems = []
    for k, cell in enumerate(_code_cells(path)):
        src = cell.source
        if re.search(r"sys\.path|os\.chdir", src):
            problems.append(f"cell {k}: sys.path/os.chdir")
        if re.search(r"read_csv|read_excel|open\(|urlopen|requests\.", src):
            problems.append(f"cell {k}: reads data directly; use crmlib.datasets")
        if re.search(r"from crmlib import \*", src):
            problems.append(f"cell {k}: star import")
        if len(src.strip().splitlines()) > MAX_CELL_LINES:
            n_lines = len(src.strip().splitlines())
            problems.append(f"cell {k}: {n_lines} lines (max {MAX_CELL_LINES})")
    assert not problems


@pytest.mark.parametrize("path", TAUGHT, ids=_ids(TAUGHT))
def test_key_results_are_compared_exactly_by_nbval(path):
    checked = [c for c in _code_cells(path)
               if "nbval-check-output" in c.metadata.get("tags", [])
               or "# NBVAL_CHECK_OUTPUT" in c.source]
    assert len(checked) >= 2, "tag the cells that show the key results with nbval-check-output"


# The Chinese twins run in `make test` only: their code is the English notebooks' (the parity
# test, which `make test-fast` runs, checks that), so the quick loop runs the English ones.
_RUN_UNANSWERED = [pytest.param(p, marks=pytest.mark.slow) if p.parent.name == "zh" else p
                   for p in EXERCISES]


@pytest.mark.parametrize("path", _RUN_UNANSWERED, ids=_ids(EXERCISES))
def test_exercise_notebook_runs_clean_unanswered(path):
    notebook = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in notebook.cells if c.cell_type == "code")
    execute_notebook(notebook, path.parent)
    for k, cell in enumerate(c for c in notebook.cells if c.cell_type == "code"):
        for out in cell.outputs:
            assert out.output_type != "error", f"cell {k} raised {out.get('ename')}"
            assert out.get("name") != "stderr", f"cell {k} wrote to stderr: {out.text[:200]}"
