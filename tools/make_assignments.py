"""Graded assignments: per-student exercise notebooks whose checks record, not mark (``make
assignments``).

For every student in a roster this writes ``assignments/<student_id>/`` with a graded copy of
each chosen ``exercises/*.ipynb``:

* ``STUDENT_ID`` is the student's id (their own numbers, as ``make variants`` does);
* every exercise factory call gets ``graded=True``: checks answer "recorded" and show nothing
  about correctness, and the graded exercise set never computes an answer (see
  ``crmlib.exercises.Exercise.build``);
* an answer box (``ex.widget("q")``) becomes a code check, ``ex.check("q", ...)``: a box's
  value is not saved in the notebook file, so it could not be marked;
* a first cell says that the work is graded and how it is collected.

It also writes ``assignments/assignment.json``, what ``make grade`` marks: per notebook, the
exercises it builds (spec, settings, the variable the notebook uses) and the questions it asks
(every ``<exercise>.check("q", …)`` and ``<exercise>.widget("q")``), one point each.

Only notebooks whose exercises are all written as specs (``crmlib.exercises.SPECS``) can be
graded; the others are listed and left out.

Usage: python tools/make_assignments.py ROSTER.csv [--notebooks 02 07] [--out assignments]
"""

from __future__ import annotations

import argparse
import ast
import json
import shutil
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat

import crmlib
from crmlib.exercises._marking import exercise_settings
from crmlib.i18n import text

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = "assignment.json"


# tools/ is a folder of scripts: run as a script, this folder is on the path (tests load the
# sibling tools first, see tests/tooling/test_grade.py)
import make_variants as variants  # noqa: E402

NotebookError = variants.NotebookError
RosterError = variants.RosterError


# --------------------------------------------------------------------------- what is graded


@dataclass
class GradedExercise:
    """One exercise a graded notebook builds, and the questions the notebook asks of it."""

    variable: str
    factory: str
    exercise: str                  # the spec's key
    settings: dict
    questions: list[str] = field(default_factory=list)


@dataclass
class GradedNotebook:
    file: str                      # the notebook's file name, as released
    label: str                     # short name in the gradebook's columns: "02"
    exercises: list[GradedExercise]

    def question_ids(self) -> list[str]:
        return [f"{self.label}.{e.variable}.{q}" for e in self.exercises for q in e.questions]


def notebook_label(filename: str) -> str:
    """``02_customer_lifetime_value_exercises.ipynb`` → ``02`` (else the name without .ipynb)."""
    stem = Path(filename).stem
    head = stem.split("_", 1)[0]
    return head if head.isdigit() else stem


def _asked(notebook) -> dict[str, list[str]]:
    """Variable → question names the notebook checks or asks in a box, in order."""
    asked: dict[str, list[str]] = {}
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(variants._python(cell.source))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("check", "widget")
                    and isinstance(node.func.value, ast.Name) and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                names = asked.setdefault(node.func.value.id, [])
                if node.args[0].value not in names:
                    names.append(node.args[0].value)
    return asked


def graded_notebook(notebook, filename: str) -> GradedNotebook:
    """What a notebook asks, exercise by exercise; NotebookError if it cannot be graded."""
    calls = variants.find_factory_calls(notebook, filename)
    if not calls:
        raise NotebookError(f"{filename} calls no crmlib.exercises factory with "
                            f"student=STUDENT_ID; nothing to grade")
    asked = _asked(notebook)
    exercises = []
    for call in calls:
        try:
            built = getattr(crmlib.exercises, call.factory)(*call.args, **call.kwargs,
                                                            student=None, graded=True)
        except TypeError:
            built = None
        spec = getattr(built, "_spec", None)
        if spec is None:
            raise NotebookError(f"{filename}: {call.factory}() is not written as an exercise "
                                f"spec yet, so its answers cannot be marked")
        questions = [q for q in asked.get(call.variable, []) if q in built.question_names]
        exercises.append(GradedExercise(call.variable, call.factory, spec.key,
                                        exercise_settings(built), questions))
    return GradedNotebook(filename, notebook_label(filename), exercises)


def write_manifest(path: Path, notebooks: list[GradedNotebook]) -> None:
    data = {"notebooks": [asdict(n) for n in notebooks], "points_per_question": 1}
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def read_manifest(path: Path) -> list[GradedNotebook]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return [GradedNotebook(n["file"], n["label"], [GradedExercise(**e) for e in n["exercises"]])
            for n in data["notebooks"]]


# --------------------------------------------------------------------------- the graded copy


def _edits(source: str, factories: set[str], *, boxes: bool = True) -> list[tuple[int, int, str]]:
    """(start, end, replacement) offsets that make a cell's source graded (``boxes``: answer
    boxes become code checks too)."""
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(line, col):   # ast columns count UTF-8 bytes
        return starts[line - 1] + len(lines[line - 1].encode()[:col].decode())

    edits = []
    for node in ast.walk(ast.parse(variants._python(source))):
        if not isinstance(node, ast.Call):
            continue
        name = variants._dotted(node.func).rpartition(".")[2]
        if name in factories and not any(k.arg == "graded" for k in node.keywords):
            end = offset(node.end_lineno, node.end_col_offset) - 1    # the closing ")"
            before = source[:end].rstrip()
            edits.append((end, end, " graded=True" if before.endswith(",") else ", graded=True"))
        elif (boxes and isinstance(node.func, ast.Attribute) and node.func.attr == "widget"
              and isinstance(node.func.value, ast.Name) and len(node.args) == 1):
            start = offset(node.lineno, node.col_offset)
            end = offset(node.end_lineno, node.end_col_offset)
            question = ast.get_source_segment(source, node.args[0])
            edits.append((start, end, f"{node.func.value.id}.check({question}, ...)"))
    return sorted(edits, reverse=True)


def graded_source(source: str, factories: set[str], *, boxes: bool = True) -> str:
    """A code cell's source with ``graded=True`` in every factory call (and boxes as checks)."""
    for start, end, new in _edits(source, factories, boxes=boxes):
        source = source[:start] + new + source[end:]
    return source


def make_graded(notebook_text: str, student_id: str, name: str, filename: str,
                factories: set[str]) -> str:
    """A released exercise notebook (JSON text) as one student's graded assignment."""
    personal = variants.personalise(notebook_text, student_id, filename)
    notebook = nbformat.reads(personal, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.source = graded_source(cell.source, factories)
    header = nbformat.v4.new_markdown_cell(text("grading.assignment.header", name=name,
                                                student=student_id))
    notebook.cells.insert(0, header)
    for k, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{k:03d}"
    return nbformat.writes(notebook) + "\n"


def choose(exercises_dir: Path, wanted: list[str] | None):
    """(gradeable notebooks with their texts, notes on the notebooks left out)."""
    sources = sorted(Path(exercises_dir).glob("*.ipynb"))
    if wanted:
        picked = [p for p in sources if any(p.name.startswith(w) for w in wanted)]
        missing = [w for w in wanted if not any(p.name.startswith(w) for p in sources)]
        if missing:
            raise NotebookError(f"no exercise notebook in {exercises_dir} starts with "
                                f"{', '.join(missing)}")
        sources = picked
    chosen, notes = [], []
    for path in sources:
        notebook_text = path.read_text(encoding="utf-8")
        try:
            graded = graded_notebook(nbformat.reads(notebook_text, as_version=4), path.name)
        except NotebookError as error:
            if wanted:
                raise
            notes.append(f"left out {path.name}: {str(error).split(': ', 1)[-1]}")
            continue
        chosen.append((graded, notebook_text))
    if not chosen:
        raise NotebookError(f"no gradeable exercise notebook in {exercises_dir}")
    return chosen, notes


def make_assignments(roster: Path, out: Path, exercises_dir: Path,
                     wanted: list[str] | None = None):
    """Write every student's graded notebooks and the manifest; returns (paths, notes)."""
    students = variants.read_roster(roster)
    chosen, notes = choose(exercises_dir, wanted)
    factories = variants._factories()
    out = Path(out)
    if out.exists():
        if any(out.iterdir()) and not (out / MANIFEST).exists():
            raise NotebookError(f"{out} exists and is not an assignments folder (no "
                                f"{MANIFEST}); choose another --out")
        shutil.rmtree(out)  # a shorter roster must not leave old students behind
    written = []
    for student in students:
        folder = out / student.student_id
        folder.mkdir(parents=True)
        for graded, notebook_text in chosen:
            path = folder / graded.file
            path.write_text(make_graded(notebook_text, student.student_id, student.name,
                                        graded.file, factories), encoding="utf-8")
            written.append(path)
    write_manifest(out / MANIFEST, [graded for graded, _ in chosen])
    return written, notes


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roster", type=Path, help="CSV with columns student_id,name")
    parser.add_argument("--out", type=Path, default=ROOT / "assignments")
    parser.add_argument("--exercises", type=Path, default=ROOT / "exercises")
    parser.add_argument("--notebooks", nargs="*", metavar="PREFIX",
                        help="the notebooks to grade, by the start of their name (02 07); "
                             "default: every notebook that can be graded")
    parser.add_argument("--lang", default=None, help="language of the notes: en or zh")
    args = parser.parse_args(argv)
    if args.lang:
        crmlib.set_language(args.lang)
    try:
        written, notes = make_assignments(args.roster, args.out, args.exercises, args.notebooks)
    except (RosterError, NotebookError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for note in notes:
        print(note, file=sys.stderr)
    students = len({p.parent for p in written})
    files = sorted({p.name for p in written})
    print(f"wrote {len(written)} graded notebooks for {students} students into "
          f"{args.out}/<student_id>/: {', '.join(files)}")
    print(f"what make grade marks: {args.out / MANIFEST}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
