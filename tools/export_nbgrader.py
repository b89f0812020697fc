"""Export the kit's exercises to nbgrader's source format (``make nbgrader``).

A department that runs nbgrader can set the kit's exercises as nbgrader assignments. From the
solution notebooks (``solutions/``, the kit's one hand-edited exercise source) this writes an
nbgrader course folder::

    <out>/nbgrader_config.py
    <out>/source/<assignment>/<notebook>.ipynb

in which

* every exercise factory call has ``graded=True``: checks answer "recorded", never right or
  wrong, on the student's side;
* every cell with an answer (``# SOLUTION`` lines, ``# BEGIN SOLUTION`` blocks) is an
  *autograded answer* cell: the answer sits between ``### BEGIN SOLUTION`` and
  ``### END SOLUTION`` (nbgrader's markers, so ``nbgrader generate_assignment`` removes it),
  after a line ``x = ...`` that tells the student which name to give the answer;
* every question the notebook checks gets an *autograder tests* cell (locked, one point) after
  the cell that checks it, holding a hidden test that calls the kit's checker with the
  submitting student's id: ``crm.exercises.assert_correct(ex, "q", answer)`` (which reads the id
  from nbgrader's ``autograded/<student_id>/`` folder and marks the answer against that student's
  own numbers, with the practice checks' tolerance and wrong paths);
* an answer box (``ex.widget("q")``) becomes an answer cell ``q = ...`` with its check (a box's
  value is not saved in a notebook, so nbgrader could not mark it); where the notebook also
  checks that question in code, the box is left out;
* prose model answers (markdown cells tagged ``solution``) are left out: nbgrader would release
  them; mark written answers by hand.

Students type their id into ``STUDENT_ID`` to get their own numbers, as in the kit's own
notebooks; the hidden tests mark against the id nbgrader knows them by, so a copied notebook
scores nothing. The exported ``nbgrader_config.py`` sets the stub that replaces an answer to a
comment (nbgrader's default, ``raise NotImplementedError()``, also works: the student deletes
it). Only notebooks whose exercises are all specs can be exported.

Usage: python tools/export_nbgrader.py [--notebooks 02 07] [--assignment crm] [--out build/nbgrader]
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

# tools/ is a folder of scripts: run as a script, this folder is on the path (tests load the
# sibling tools first, see tests/tooling/test_nbgrader.py)
import make_assignments  # noqa: E402
import make_exercises  # noqa: E402
import nbformat

variants = make_assignments.variants
ROOT = Path(__file__).resolve().parents[1]
CODE_STUB = "# your answer: replace each ... above"
CONFIG = f'''# nbgrader configuration for the CRM Course Kit (made by tools/export_nbgrader.py)
c = get_config()  # noqa: F821 (nbgrader's config loader defines it)
c.CourseDirectory.course_id = "crm-course-kit"
# the line that replaces an answer in the released notebook: the answer's name comes before it
c.ClearSolutions.code_stub = {{"python": {CODE_STUB!r}}}
# every notebook builds its exercises in a fresh kernel; a cell may take this long
c.Execute.timeout = 120
'''


def _meta(kind: str, grade_id: str) -> dict:
    if kind == "answer":
        flags = {"solution": True, "grade": False, "locked": False}
    else:
        flags = {"solution": False, "grade": True, "locked": True, "points": 1}
    return {"nbgrader": {**flags, "grade_id": grade_id, "schema_version": 3}}


def _checks(source: str) -> list[tuple[str, str, str]]:
    """(exercise variable, question, answer expression) of each ``ex.check("q", answer)``."""
    found = []
    for node in ast.walk(ast.parse(variants._python(source))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "check" and isinstance(node.func.value, ast.Name)
                and len(node.args) == 2 and isinstance(node.args[0], ast.Constant)):
            found.append((node.func.value.id, node.args[0].value,
                          ast.get_source_segment(source, node.args[1])))
    return sorted(found, key=lambda c: source.find(f'{c[0]}.check('))


def _boxes(source: str) -> list[tuple[str, str]]:
    """(exercise variable, question) of each ``ex.widget("q")`` in a cell."""
    return [(m["var"], m["q"]) for m in
            re.finditer(r"(?P<var>\w+)\.widget\(\s*[\"'](?P<q>\w+)[\"']\s*\)", source)]


def answer_source(source: str) -> str | None:
    """A solution cell's code in nbgrader's form (None: the cell holds no answer)."""
    out, region, has_answer = [], [], False
    names = []

    def close():
        if region:
            indent = region[0][: len(region[0]) - len(region[0].lstrip())]
            out.extend(f"{indent}{name} = ..." for name in dict.fromkeys(names))
            out.append(f"{indent}### BEGIN SOLUTION")
            out.extend(region)
            out.append(f"{indent}### END SOLUTION")
            region.clear()
            names.clear()

    in_block = False
    for line in source.split("\n"):
        if in_block:
            if make_exercises._END.match(line):
                in_block = False
            else:
                region.append(line)
            continue
        if make_exercises._BEGIN.match(line):
            in_block = has_answer = True
            continue
        marked = make_exercises._LINE.match(line)
        if marked:
            has_answer = True
            code = marked["code"]
            assign = make_exercises._ASSIGN.match(code)
            if assign and re.fullmatch(r"\s*[A-Za-z_]\w*\s*=", assign["target"]):
                names.append(assign["target"].split("=")[0].strip())
            region.append(f"{marked['indent']}{code}")
            continue
        close()
        out.append(line)
    close()
    return "\n".join(out) if has_answer else None


def export_notebook(solution, filename: str) -> nbformat.NotebookNode:
    """One solution notebook in nbgrader's source format."""
    graded = make_assignments.graded_notebook(solution, filename)
    spec_of = {e.variable: e.exercise for e in graded.exercises}
    factories = variants._factories()
    checked = {(var, q) for cell in solution.cells if cell.cell_type == "code"
               for var, q, _ in _checks(cell.source)}
    notebook = nbformat.v4.new_notebook(metadata=solution.metadata)
    notebook.metadata.pop("widgets", None)
    tested: set[tuple[str, str]] = set()
    answers = 0
    label = make_assignments.notebook_label(filename)
    for cell in solution.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if "solution" in tags:
            continue
        if cell.cell_type != "code":
            notebook.cells.append(nbformat.v4.new_markdown_cell(cell.source)
                                  if cell.cell_type == "markdown"
                                  else nbformat.v4.new_raw_cell(cell.source))
            continue
        source = cell.source
        for var, question in _boxes(source):
            call = re.compile(rf"{var}\.widget\(\s*[\"']{question}[\"']\s*\)")
            if (var, question) in checked:
                source = call.sub("", source)
            else:   # the box's answer as code: the engine's answer is the source's solution
                source = call.sub(
                    f"{question} = crm.exercises.SPECS[{spec_of[var]!r}].solve({var}.params)"
                    f"[{question!r}]  # SOLUTION\n{var}.check({question!r}, {question})", source)
        if not source.strip():
            continue
        source = make_assignments.graded_source(source, factories, boxes=False)
        nbgrader_source = answer_source(source)
        new = nbformat.v4.new_code_cell(nbgrader_source or source)
        if nbgrader_source is not None:
            answers += 1
            new.metadata.update(_meta("answer", f"{label}_answer_{answers}"))
        notebook.cells.append(new)
        for var, question, expression in _checks(source):
            if (var, question) in tested:
                continue
            tested.add((var, question))
            test = nbformat.v4.new_code_cell(
                "### BEGIN HIDDEN TESTS\n"
                f"crm.exercises.assert_correct({var}, {question!r}, {expression})\n"
                "### END HIDDEN TESTS")
            test.metadata.update(_meta("test", f"{label}_{var}_{question}"))
            notebook.cells.append(test)
    for cell in notebook.cells:
        cell.pop("id", None)
    return notebook


def export(out: Path, assignment: str, wanted: list[str] | None = None,
           solutions: Path = make_exercises.SOLUTIONS) -> list[Path]:
    """Write the course folder; returns the source notebooks written."""
    chosen, notes = make_assignments.choose(solutions, wanted)
    for note in notes:
        print(note, file=sys.stderr)
    folder = Path(out) / "source" / assignment
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for graded, text in chosen:
        notebook = export_notebook(nbformat.reads(text, as_version=4), graded.file)
        path = folder / graded.file
        path.write_text(make_exercises.render(notebook), encoding="utf-8")
        written.append(path)
    (Path(out) / "nbgrader_config.py").write_text(CONFIG, encoding="utf-8")
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "nbgrader")
    parser.add_argument("--assignment", default="crm")
    parser.add_argument("--notebooks", nargs="*", metavar="PREFIX")
    args = parser.parse_args(argv)
    try:
        written = export(args.out, args.assignment, args.notebooks)
    except variants.NotebookError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"wrote {len(written)} nbgrader source notebooks into "
          f"{args.out / 'source' / args.assignment}; then, in {args.out}: "
          f"nbgrader generate_assignment {args.assignment}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
