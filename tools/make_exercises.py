"""Generate the student notebooks in exercises/ from the solution notebooks in solutions/.

solutions/ is the only hand-edited exercise source. In it:

* a line ending in ``# SOLUTION`` is an answer: ``x = 1 - churn  # SOLUTION`` becomes
  ``x = ...`` (any other line becomes ``...``), so the student notebook still runs;
* a block between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` becomes ``...``;
* markdown or code cells tagged ``solution`` (model answers in prose) are removed.

The Chinese edition lives in ``solutions/zh/`` and becomes ``exercises/zh/`` the same way.

Outputs and execution counts are cleared. ``--check`` writes nothing and exits 1 when exercises/
is stale (the test suite runs the same comparison).

Usage: python tools/make_exercises.py [--check]
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "solutions"
EXERCISES = ROOT / "exercises"
#: Editions in their own subfolder (solutions/zh/ -> exercises/zh/); English at the top.
EDITIONS = ("zh",)


def solution_notebooks() -> list[Path]:
    """Every solution notebook: the English ones, then each edition's."""
    found = sorted(SOLUTIONS.glob("*.ipynb"))
    for edition in EDITIONS:
        found += sorted((SOLUTIONS / edition).glob("*.ipynb"))
    return found


def exercise_notebooks() -> list[Path]:
    found = sorted(EXERCISES.glob("*.ipynb"))
    for edition in EDITIONS:
        found += sorted((EXERCISES / edition).glob("*.ipynb"))
    return found

_LINE = re.compile(r"^(?P<indent>\s*)(?P<code>.*?)\s*#\s*SOLUTION\s*$")
_ASSIGN = re.compile(r"^(?P<target>[A-Za-z_][\w.\[\]'\", ]*?\s*(?:[-+*/]?=)(?!=))\s*(?P<value>.+)$")
_BEGIN = re.compile(r"^(?P<indent>\s*)#\s*BEGIN SOLUTION\s*$")
_END = re.compile(r"^\s*#\s*END SOLUTION\s*$")


def strip_solution_source(source: str) -> tuple[str, list[str]]:
    """Return the student version of a code cell and the answer texts it removed."""
    out: list[str] = []
    removed: list[str] = []
    in_block = False
    for line in source.split("\n"):
        if in_block:
            if _END.match(line):
                in_block = False
            elif line.strip():
                removed.append(line.strip())
            continue
        begin = _BEGIN.match(line)
        if begin:
            in_block = True
            out.append(f"{begin['indent']}...  # your code here")
            continue
        marked = _LINE.match(line)
        if marked:
            code = marked["code"]
            assign = _ASSIGN.match(code)
            if assign:
                out.append(f"{marked['indent']}{assign['target'].rstrip()} ...")
                removed.append(assign["value"].strip())
            else:
                out.append(f"{marked['indent']}...")
                removed.append(code.strip())
            continue
        out.append(line)
    if in_block:
        raise ValueError("a '# BEGIN SOLUTION' block has no '# END SOLUTION'")
    return "\n".join(out), removed


def make_exercise(solution: nbformat.NotebookNode) -> tuple[nbformat.NotebookNode, list[str]]:
    """The student notebook for one solution notebook, and every answer text removed."""
    notebook = nbformat.v4.new_notebook(metadata=solution.metadata)
    removed: list[str] = []
    for cell in solution.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if "solution" in tags:
            removed.append(cell.source.strip())
            continue
        if cell.cell_type == "code":
            source, answers = strip_solution_source(cell.source)
            removed.extend(answers)
            new = nbformat.v4.new_code_cell(source, metadata=cell.metadata)
        elif cell.cell_type == "markdown":
            new = nbformat.v4.new_markdown_cell(cell.source, metadata=cell.metadata)
        else:
            new = nbformat.v4.new_raw_cell(cell.source, metadata=cell.metadata)
        new.metadata.pop("execution", None)
        notebook.cells.append(new)
    for cell in notebook.cells:
        cell.pop("id", None)
    notebook.metadata.pop("widgets", None)
    return notebook, removed


def render(notebook: nbformat.NotebookNode) -> str:
    """Notebook JSON exactly as written to disk (stable ids, trailing newline)."""
    for k, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{k:03d}"
    return nbformat.writes(notebook) + "\n"


def generated() -> dict[Path, str]:
    """Every exercises/ file as it should be, keyed by its path."""
    files = {}
    for path in solution_notebooks():
        solution = nbformat.read(path, as_version=4)
        exercise, _ = make_exercise(solution)
        files[EXERCISES / path.relative_to(SOLUTIONS)] = render(exercise)
    return files


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if exercises/ is stale")
    args = parser.parse_args(argv)
    files = generated()
    stale = [p for p, text in files.items() if not p.exists() or p.read_text("utf-8") != text]
    extra = [p for p in exercise_notebooks() if p not in files]
    if args.check:
        for p in stale:
            print(f"stale: {p.relative_to(ROOT)}")
        for p in extra:
            print(f"no solution notebook for: {p.relative_to(ROOT)}")
        return 1 if stale or extra else 0
    for p in stale:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(files[p], encoding="utf-8")
        print(f"wrote {p.relative_to(ROOT)}")
    for p in extra:
        p.unlink()
        print(f"removed {p.relative_to(ROOT)} (its solution notebook is gone)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
