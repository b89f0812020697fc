"""Per-student exercise notebooks and the instructor's answer key (``make variants``).

For every student in a roster (a CSV with the columns ``student_id`` and ``name``) this writes
``variants/<student_id>/`` with a copy of every ``exercises/*.ipynb`` in which the line
``STUDENT_ID = None`` reads ``STUDENT_ID = "<student_id>"``: each exercise factory then draws
that student's own numbers (seeded from the id, see ``crmlib.exercises.student_seed``), and the
notebook's checks and answer boxes check the student's own answers. It also writes
``variants/answer_key.csv``: one row per student, exercise and question with the expected
answer, computed by the same factories from the same seed.

Which factories a notebook uses is read from its code (no list to keep up to date): every call
``crm.exercises.<factory>(student=STUDENT_ID, ...)`` (or ``crmlib.exercises.<factory>``, or a
factory imported by name) is found, with its other arguments, which must be literals
(``when="begin"``). A notebook that builds an exercise without ``student=STUDENT_ID`` is an error:
its students would all get the same numbers.

The output is reproducible: the same roster and exercises give byte-identical files.

Usage: python tools/make_variants.py ROSTER.csv [--out variants] [--exercises exercises]
"""

from __future__ import annotations

import argparse
import ast
import csv
import inspect
import io
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

import crmlib.exercises
from crmlib.exercises import ExerciseSet

ROOT = Path(__file__).resolve().parents[1]
REQUIRED_COLUMNS = ("student_id", "name")
KEY_COLUMNS = ("student_id", "name", "notebook", "exercise", "question", "answer", "unit",
               "prompt")
KEY_FILE = "answer_key.csv"
_STUDENT_LINE = re.compile(r"^(?P<indent>\s*)STUDENT_ID\s*=\s*None\b.*$", re.MULTILINE)
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


class RosterError(ValueError):
    """The roster cannot be used; the message says which row and what to fix."""


class NotebookError(ValueError):
    """An exercise notebook cannot be personalised; the message says why."""


# --------------------------------------------------------------------------- roster


@dataclass(frozen=True)
class Student:
    student_id: str
    name: str


def read_roster(path: Path) -> list[Student]:
    """Students from a roster CSV (UTF-8, an Excel BOM is fine), checked.

    Columns ``student_id`` and ``name`` are required (other columns are ignored); ids must be
    present, unique and usable as a folder name (letters, digits, ``_ . -``).
    """
    path = Path(path)
    if not path.is_file():
        raise RosterError(f"roster {path} does not exist")
    text = path.read_text(encoding="utf-8-sig")
    if not text.strip():
        raise RosterError(f"roster {path} is empty: it needs a header line "
                          f"'student_id,name' and one line per student")
    reader = csv.DictReader(io.StringIO(text))
    header = [(column or "").strip().lower() for column in reader.fieldnames or []]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise RosterError(f"roster {path} has no column {', '.join(missing)}; its columns are "
                          f"{', '.join(repr(c) for c in header) or 'none'}. The first line must "
                          f"name the columns, e.g. 'student_id,name'.")
    reader.fieldnames = header
    students, seen, problems = [], {}, []
    for line, row in enumerate(reader, start=2):
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue  # a blank line
        student_id = (row.get("student_id") or "").strip()
        name = (row.get("name") or "").strip()
        if not student_id:
            problems.append(f"line {line}: student_id is blank (name {name!r})")
        elif not _SAFE_ID.match(student_id):
            problems.append(f"line {line}: student_id {student_id!r} may only contain letters, "
                            f"digits, '_', '.' and '-' (it names the student's folder)")
        elif student_id in seen:
            problems.append(f"line {line}: student_id {student_id!r} repeats line "
                            f"{seen[student_id]}; ids must be unique")
        else:
            seen[student_id] = line
            students.append(Student(student_id, name))
    if problems:
        raise RosterError(f"roster {path}:\n  " + "\n  ".join(problems))
    if not students:
        raise RosterError(f"roster {path} lists no students (only the header line)")
    return students


# --------------------------------------------------------------------------- notebooks


@dataclass
class FactoryCall:
    """One ``crm.exercises.<factory>(student=STUDENT_ID, ...)`` call in a notebook."""

    factory: str
    variable: str
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)

    def build(self, student_id) -> ExerciseSet:
        return getattr(crmlib.exercises, self.factory)(*self.args, student=student_id,
                                                       **self.kwargs)


def _factories() -> set[str]:
    """Names in crmlib.exercises that are exercise factories (functions taking ``student``)."""
    names = set()
    for name in getattr(crmlib.exercises, "__all__", dir(crmlib.exercises)):
        obj = getattr(crmlib.exercises, name, None)
        if inspect.isfunction(obj) and "student" in inspect.signature(obj).parameters:
            names.add(name)
    return names


def _dotted(node) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


def _python(source: str) -> str:
    """Cell source without IPython magics/shell lines, so ``ast`` can parse it."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line
                     for line in source.splitlines())


def find_factory_calls(notebook, name: str = "notebook") -> list[FactoryCall]:
    """Every exercise factory the notebook calls, with its literal arguments, in order."""
    factories = _factories()
    imported: dict[str, str] = {}
    calls = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(_python(cell.source))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "crmlib.exercises":
                imported.update({a.asname or a.name: a.name for a in node.names})
        assigned = {id(n.value): n.targets[0].id for n in ast.walk(tree)
                    if isinstance(n, ast.Assign) and isinstance(n.targets[0], ast.Name)}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            dotted = _dotted(node.func)
            head, _, factory = dotted.rpartition(".")
            if not head and imported.get(factory) in factories:
                factory = imported[factory]
            elif not (head.endswith("exercises") and factory in factories):
                continue
            where = f"{name}: {dotted}(...)"
            student = [k for k in node.keywords if k.arg == "student"]
            if not (student and isinstance(student[0].value, ast.Name)
                    and student[0].value.id == "STUDENT_ID"):
                raise NotebookError(f"{where} must be called with student=STUDENT_ID, or every "
                                    f"student gets the same numbers")
            try:
                args = tuple(ast.literal_eval(a) for a in node.args)
                kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords
                          if k.arg != "student"}
            except (ValueError, TypeError, SyntaxError):
                raise NotebookError(f"{where}: its arguments other than student must be literal "
                                    f"values (e.g. when=\"begin\") so the answer key can rebuild "
                                    f"the exercise") from None
            if any(k.arg is None for k in node.keywords):
                raise NotebookError(f"{where}: **kwargs cannot be rebuilt for the answer key")
            calls.append(FactoryCall(factory, assigned.get(id(node), factory), args, kwargs))
    return calls


def personalise(text: str, student_id: str, name: str = "notebook") -> str:
    """The notebook JSON text with ``STUDENT_ID = None`` set to the student's id."""
    notebook = nbformat.reads(text, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code" and _STUDENT_LINE.search(cell.source):
            cell.source = _STUDENT_LINE.sub(
                lambda m: f"{m['indent']}STUDENT_ID = {student_id!r}  # your own numbers: keep "
                          f"this line as it is", cell.source, count=1)
            return nbformat.writes(notebook) + "\n"
    raise NotebookError(f"{name}: no line 'STUDENT_ID = None' in any code cell; the first code "
                        f"cell of an exercise notebook must set it")


def answer_text(value) -> str:
    """An expected answer as the key shows it (and a student could type it)."""
    if isinstance(value, str):
        return value
    value = round(float(value), 6)
    return str(int(value)) if value.is_integer() else repr(value)


def key_rows(student: Student, notebook: str, calls: list[FactoryCall]) -> list[dict]:
    rows = []
    for call in calls:
        exercise = call.build(student.student_id)
        for question, spec in exercise._all_questions().items():
            rows.append({"student_id": student.student_id, "name": student.name,
                         "notebook": notebook, "exercise": call.variable, "question": question,
                         "answer": answer_text(spec.answer), "unit": getattr(spec, "unit", ""),
                         "prompt": spec.prompt})
    return rows


def make_variants(roster: Path, out: Path, exercises_dir: Path) -> tuple[list[Path], Path]:
    """Write every student's notebooks and the answer key; returns (notebook paths, key path)."""
    students = read_roster(roster)
    sources = sorted(Path(exercises_dir).glob("*.ipynb"))
    if not sources:
        raise NotebookError(f"no exercise notebooks in {exercises_dir} (run `make exercises`)")
    texts = {p.name: p.read_text(encoding="utf-8") for p in sources}
    calls = {}
    for filename, text in texts.items():
        calls[filename] = find_factory_calls(nbformat.reads(text, as_version=4), filename)
        if not calls[filename]:
            raise NotebookError(f"{filename} calls no crmlib.exercises factory with "
                                f"student=STUDENT_ID; nothing to personalise")
    out = Path(out)
    if out.exists():
        if any(out.iterdir()) and not (out / KEY_FILE).exists():
            raise NotebookError(f"{out} exists and is not a variants folder (no {KEY_FILE}); "
                                f"choose another --out")
        shutil.rmtree(out)  # a shorter roster must not leave old students behind
    written, rows = [], []
    for student in students:
        folder = out / student.student_id
        folder.mkdir(parents=True)
        for filename, text in texts.items():
            path = folder / filename
            path.write_text(personalise(text, student.student_id, filename), encoding="utf-8")
            written.append(path)
            rows.extend(key_rows(student, Path(filename).stem, calls[filename]))
    key = out / KEY_FILE
    with key.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=KEY_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return written, key


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roster", type=Path, help="CSV with columns student_id,name")
    parser.add_argument("--out", type=Path, default=ROOT / "variants")
    parser.add_argument("--exercises", type=Path, default=ROOT / "exercises")
    args = parser.parse_args(argv)
    try:
        written, key = make_variants(args.roster, args.out, args.exercises)
    except (RosterError, NotebookError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    students = len({p.parent for p in written})
    print(f"wrote {len(written)} notebooks for {students} students into {args.out}/<student_id>/")
    print(f"answer key: {key} (keep it to yourself)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
