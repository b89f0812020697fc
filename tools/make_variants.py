"""Per-student exercise notebooks and the instructor's answer key (``make variants``).

For every student in a roster (a class list: see ``tools/roster.py`` for the encodings, column
names and separators it accepts) this writes ``<out>/<student_id>/`` with a copy of every
``exercises/*.ipynb`` in which the line ``STUDENT_ID = None`` reads ``STUDENT_ID = "<id>"``:
each exercise factory then draws that student's own numbers (seeded from the id, see
``crmlib.exercises.student_seed``), and the notebook's checks and answer boxes check the
student's own answers. It also writes ``<out>/answer_key.csv``: one row per student, exercise
and question with the expected answer, computed by the same factories from the same seed, in
UTF-8 with a BOM so that Excel shows the Chinese names.

One folder per class: ``<out>`` is ``variants/<roster file name>/`` unless ``--out`` says
otherwise, so two classes' notebooks and keys live side by side. Running the same roster again
regenerates its folder (a student removed from the roster disappears from it); a folder made
from another roster is never touched without ``--force``, and a folder that was not made by
this tool never at all. Ids are canonical (``S-0042`` for ``s-0042``: one id, one set of
numbers).

Which factories a notebook uses is read from its code (no list to keep up to date): every call
``crm.exercises.<factory>(student=STUDENT_ID, ...)`` (or ``crmlib.exercises.<factory>``, or a
factory imported by name) is found, with its other arguments, which must be literals
(``when="begin"``). A notebook that builds an exercise without ``student=STUDENT_ID`` is an error:
its students would all get the same numbers.

The output is reproducible: the same roster and exercises give byte-identical files.

Usage: python tools/make_variants.py ROSTER.csv [--out variants/class_a] [--force]
                                     [--exercises exercises]
"""

from __future__ import annotations

import argparse
import ast
import csv
import importlib.util
import inspect
import json
import re
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


class NotebookError(ValueError):
    """An exercise notebook cannot be personalised; the message says why."""


class OutputError(ValueError):
    """The output folder belongs to something else; the message says what to do."""


def _sibling(name: str):
    """Import tools/<name>.py (tools/ is a folder of scripts, not a package)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


roster_module = _sibling("roster")
Progress = _sibling("progress").Progress
RosterError = roster_module.RosterError
Student = roster_module.Student


def read_roster(path: Path) -> list[Student]:
    """The students of a roster file (see tools/roster.py)."""
    return list(roster_module.read_roster(path).students)


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


MARKER = ".variants.json"


def default_out(roster: Path) -> Path:
    """``variants/<roster file name without .csv>``: one folder per class."""
    return ROOT / "variants" / Path(roster).stem


def _claim(out: Path, roster: Path, force: bool) -> list[str]:
    """Check that ``out`` may be written for ``roster``; returns the files a previous run of
    the same class wrote there (to be replaced)."""
    if not out.exists() or not any(out.iterdir()):
        return []
    marker = out / MARKER
    if not marker.is_file():
        raise OutputError(f"{out} exists and was not made by make variants (no {MARKER}); "
                          f"nothing was changed. Choose another folder (OUT=...).")
    made = json.loads(marker.read_text(encoding="utf-8"))
    if made.get("roster") != Path(roster).name and not force:
        raise OutputError(
            f"{out} holds the variants of another class (roster {made.get('roster')!r}, "
            f"{len(made.get('students', []))} students); nothing was changed. Choose another "
            f"folder (OUT=...), or replace them with --force (make variants ... FORCE=1).")
    return list(made.get("files", []))


def make_variants(roster: Path, out: Path | None, exercises_dir: Path, *, force: bool = False,
                  quiet: bool = True) -> tuple[list[Path], Path]:
    """Write every student's notebooks and the answer key; returns (notebook paths, key path)."""
    students = read_roster(roster)
    out = Path(out) if out is not None else default_out(roster)
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
    previous = _claim(out, roster, force)
    for relative in previous:        # only what make variants wrote there before
        (out / relative).unlink(missing_ok=True)
    for folder in sorted({(out / r).parent for r in previous}, reverse=True):
        if folder != out and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    progress = Progress(len(students), "students", quiet=quiet)
    written, rows = [], []
    for student in students:
        folder = out / student.student_id
        folder.mkdir(parents=True, exist_ok=True)
        for filename, text in texts.items():
            path = folder / filename
            path.write_text(personalise(text, student.student_id, filename), encoding="utf-8")
            written.append(path)
            rows.extend(key_rows(student, Path(filename).stem, calls[filename]))
        progress.step(student.student_id, student.name)
    key = out / KEY_FILE
    # utf-8-sig: Excel reads a CSV without a BOM in the system's code page and garbles Chinese
    with key.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=KEY_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    marker = {"roster": Path(roster).name, "students": [s.student_id for s in students],
              "files": sorted(p.relative_to(out).as_posix() for p in [*written, key])}
    (out / MARKER).write_text(json.dumps(marker, indent=1, ensure_ascii=False) + "\n",
                              encoding="utf-8")
    return written, key


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roster", type=Path, help="class list: student_id,name or 学号,姓名")
    parser.add_argument("--out", type=Path,
                        help="output folder (default: variants/<roster file name>)")
    parser.add_argument("--force", action="store_true",
                        help="replace the variants of another class in that folder")
    parser.add_argument("--exercises", type=Path, default=ROOT / "exercises")
    args = parser.parse_args(argv)
    try:
        roster = roster_module.read_roster(args.roster)
        out = args.out or default_out(args.roster)
        print(f"roster {roster.describe()}", file=sys.stderr)
        written, key = make_variants(args.roster, out, args.exercises, force=args.force,
                                     quiet=False)
    except (RosterError, NotebookError, OutputError) as error:
        for line in str(error).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return 2
    students = len({p.parent for p in written})
    print(f"wrote {len(written)} notebooks for {students} students into {out}/<student_id>/")
    print(f"answer key: {key} (keep it to yourself)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
