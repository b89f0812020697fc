"""Grade a class's submitted notebooks (``make grade SUBMISSIONS=folder ROSTER=roster.csv``).

Input: the roster, the assignment that ``make assignments`` released (``assignments/
assignment.json``: which notebooks, exercises and questions are marked) and a folder of
submissions, one folder per student named by their id (``submissions/2024001/02_….ipynb``), as
the notebooks were handed out. Ids match the roster without regard to case; a notebook whose
name was changed is recognised by the exercises it builds.

Every submitted notebook is re-executed from the top in a fresh kernel, in a temporary copy
with its own working folder and HOME, with a time limit per cell and per notebook; answers are
read from the exercise sets the notebook built (a first cell added by the grader writes them to
a file after every cell, so a cell that hangs or kills Python loses only what came after it)
and marked against the roster student's own numbers by the exercise engine
(:meth:`crmlib.exercises.Exercise.grade`: the practice checks' tolerance and known wrong paths).
Notebooks run in parallel, one per core, with a progress line and the time left.

Output (in ``grades/``):

* ``gradebook.csv`` (UTF-8 with BOM, opens in Excel): one row per roster student, a column per
  question (points), ``total``, ``max`` and ``problems`` (what went wrong: a missing or renamed
  file, a wrong or missing student id, a cell that fails or timed out …);
* ``answers.csv``: one row per student and question (answer, expected, status, wrong path);
* ``feedback/<student_id>.md``: each student's answers, marks and problems;
* ``summary.html``: one page, offline: the score distribution, the share correct per question
  and the most common wrong path per question, as plots.

What this does not protect against: the submissions run as the user who runs the grader. A
notebook cannot reach the grader's files by a relative path (it runs in a temporary copy), and a
notebook that loops, floods its output or kills Python costs only its own points; but code that
deletes files by absolute path, reads other files the user can read, or uses the network can do
so. Run ``make grade`` as a separate user with no rights on anything else, or in a container
(see docs/instructor_guide.md, "Grading").

Usage: python tools/grade.py SUBMISSIONS --roster ROSTER.csv [--assignment assignments]
       [--out grades] [--jobs N] [--cell-timeout 60] [--notebook-timeout 300] [--lang en]
"""

from __future__ import annotations

import argparse
import base64
import csv
import html
import io
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import crmlib
from crmlib.exercises import SPECS, format_number
from crmlib.exercises._marking import decode_answer
from crmlib.i18n import text

ROOT = Path(__file__).resolve().parents[1]


# tools/ is a folder of scripts: run as a script, this folder is on the path (tests load the
# sibling tools first, see tests/tooling/test_grade.py)
import make_assignments  # noqa: E402
from grade_worker import KERNEL_STARTUP  # noqa: E402

variants = make_assignments.variants
CELL_TIMEOUT = 60          # seconds one cell may run
NOTEBOOK_TIMEOUT = 300     # seconds a whole notebook may run
MEMORY_LIMIT = 4 * 2**30   # bytes of address space for one submission's Python (and kernel)


def fold(student_id) -> str:
    """An id as compared: width, case and surrounding spaces ignored."""
    return unicodedata.normalize("NFKC", str(student_id)).strip().casefold()


# --------------------------------------------------------------------------- finding work


@dataclass
class Submission:
    """One student's file for one assignment notebook (``path`` None: nothing submitted)."""

    student_id: str
    notebook: str
    path: Path | None = None
    problems: list[tuple] = field(default_factory=list)   # (text key, values)


def _exercises_built(path: Path) -> set[str]:
    """Spec keys a notebook file builds (empty if it cannot be read)."""
    import nbformat

    try:
        notebook = nbformat.read(path, as_version=4)
        calls = make_assignments.graded_notebook(notebook, path.name).exercises
    except Exception:   # noqa: BLE001 - any unreadable file simply matches nothing
        return set()
    return {call.exercise for call in calls}


def find_submissions(folder: Path, students, notebooks) -> tuple[dict, list[str]]:
    """(submissions by (student id, notebook file), folders that match no roster student)."""
    folder = Path(folder)
    by_id = {fold(s.student_id): s.student_id for s in students}
    found: dict[str, Path] = {}
    unknown = []
    for entry in sorted(folder.iterdir()) if folder.is_dir() else []:
        if entry.is_dir() and not entry.name.startswith("."):
            if fold(entry.name) in by_id:
                found[by_id[fold(entry.name)]] = entry
            else:
                unknown.append(entry.name)
    wanted = {n.file: {e.exercise for e in n.exercises} for n in notebooks}
    submissions = {}
    for student in students:
        sid = student.student_id
        files = sorted(found[sid].rglob("*.ipynb")) if sid in found else []
        files = [f for f in files if ".ipynb_checkpoints" not in f.parts]
        taken: dict[str, Submission] = {}
        for name in wanted:
            exact = [f for f in files if f.name == name]
            if exact:
                taken[name] = Submission(sid, name, exact[0])
                files.remove(exact[0])
        for path in files:   # renamed (or extra) notebooks: recognised by what they build
            built = _exercises_built(path)
            scores = {name: len(built & keys) for name, keys in wanted.items()
                      if name not in taken}
            best = max(scores, key=scores.get, default=None)
            if best is not None and scores[best] > 0:
                taken[best] = Submission(sid, best, path,
                                         [("renamed", {"found": path.name})])
            elif len(wanted) - len(taken) == 1 and not built:
                best = next(name for name in wanted if name not in taken)
                taken[best] = Submission(sid, best, path, [("renamed", {"found": path.name})])
            else:
                owner = next(iter(wanted))
                taken.setdefault(f"extra:{path.name}", Submission(
                    sid, owner, None, [("extra", {"found": path.name})]))
        for name in wanted:
            submissions[(sid, name)] = taken.get(name) or Submission(
                sid, name, None, [("missing", {})])
        for key, extra in taken.items():
            if key.startswith("extra:"):
                submissions[(sid, key)] = extra
    return submissions, unknown


# --------------------------------------------------------------------------- running one notebook
# Each notebook runs in tools/grade_worker.py, a process of its own started in a fresh temporary
# folder; its kernel inherits the worker's limits and environment.

WORKER = Path(__file__).with_name("grade_worker.py")
#: Process groups of the workers and kernels running now, stopped if grading is interrupted.
_RUNNING: set[int] = set()


def _kernel_env(home: Path, work: Path) -> dict:
    """The kernel's environment: its own HOME and temporary folder, nothing of the user's."""
    venv_bin = str(Path(sys.executable).parent)
    return {
        "PATH": f"{venv_bin}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
        "HOME": str(home), "TMPDIR": str(work), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
        "MPLBACKEND": "agg", "MPLCONFIGDIR": str(home / ".matplotlib"),
        "IPYTHONDIR": str(home / ".ipython"), "JUPYTER_PLATFORM_DIRS": "1",
        "PYTHONNOUSERSITE": "1", "PYTHONWARNINGS": "ignore",
        "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
    }


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _remove(folder: Path) -> None:
    def unlock(function, path, _info):
        try:
            os.chmod(path, 0o700)
            os.chmod(os.path.dirname(path), 0o700)
            function(path)
        except OSError:
            pass
    shutil.rmtree(folder, onexc=unlock) if sys.version_info >= (3, 12) else \
        shutil.rmtree(folder, onerror=unlock)


def run_sandboxed(path: Path, filename: str, limits: dict, scratch: Path, mpl_cache: Path):
    """Run one submitted notebook in a temporary copy; return (result, answers)."""
    box = Path(tempfile.mkdtemp(prefix="crm-grade-"))
    private = Path(tempfile.mkdtemp(prefix="job-", dir=scratch))
    home, work = box / "home", box / "work"
    home.mkdir()
    work.mkdir()
    if mpl_cache.is_dir():
        shutil.copytree(mpl_cache, home / ".matplotlib")
    answers = work / f".answers-{os.urandom(8).hex()}.json"
    copy = work / filename
    shutil.copyfile(path, copy)
    job = {"notebook": str(copy), "workdir": str(work), "answers": str(answers),
           "kernel_pid": str(private / "kernel.pid"), "env": _kernel_env(home, work),
           **limits}
    (private / "job.json").write_text(json.dumps(job), encoding="utf-8")
    result_file = private / "result.json"
    worker_env = {**job["env"], "HOME": str(private), "TMPDIR": str(private)}
    worker_env.pop("PYTHONWARNINGS")
    command = [sys.executable, str(WORKER), str(private / "job.json"), str(result_file)]
    try:
        with open(private / "worker.log", "wb") as log:
            worker = subprocess.Popen(command, cwd=private, env=worker_env, stdout=log,
                                      stderr=log, stdin=subprocess.DEVNULL,
                                      start_new_session=True)
            _RUNNING.add(worker.pid)
            try:
                # the worker's own limit starts once its kernel is ready
                worker.wait(timeout=limits["notebook_timeout"] + KERNEL_STARTUP + 60)
                timed_out = False
            except subprocess.TimeoutExpired:
                timed_out = True
                _kill_group(worker.pid)
                worker.wait()
        _RUNNING.discard(worker.pid)
        kernel_pid = private / "kernel.pid"
        if kernel_pid.exists():   # the kernel and anything it started
            _kill_group(int(kernel_pid.read_text() or 0))
        if result_file.exists():
            result = json.loads(result_file.read_text(encoding="utf-8"))
        else:
            result = {"events": [], "ran": kernel_pid.exists()}
            if timed_out:
                result["events"].append({"kind": "notebook_timeout", "cell": "?",
                                         "seconds": limits["notebook_timeout"]})
            elif not kernel_pid.exists():
                log = (private / "worker.log").read_text(errors="replace")[-300:]
                result["not_run"] = log.strip().splitlines()[-1] if log.strip() else "?"
            else:
                result["events"].append({"kind": "kernel_died", "cell": "?"})
        try:
            data = json.loads(answers.read_text(encoding="utf-8")) if answers.exists() else []
        except (ValueError, OSError):
            data = []
        return result, data if isinstance(data, list) else []
    finally:
        _remove(box)
        _remove(private)


def warm_matplotlib(scratch: Path) -> Path:
    """A matplotlib font cache made once, copied into every kernel's fresh HOME."""
    cache = scratch / "matplotlib"
    env = {**os.environ, "MPLCONFIGDIR": str(cache), "MPLBACKEND": "agg"}
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env=env,
                   check=False, capture_output=True)
    return cache


# --------------------------------------------------------------------------- marking


@dataclass
class Mark:
    column: str
    notebook: str
    exercise: str
    question: str
    answer: str
    expected: str
    status: str
    mistake: str
    points: int
    message: str


def _shown(answer) -> str:
    if answer is None:
        return ""
    if isinstance(answer, float):
        return format_number(answer)
    return str(answer)[:80]


def _expected(spec, student, settings) -> dict:
    key = spec.build(student, **settings)._answer_key()
    out = {}
    for row in key.itertuples():
        out[row.question] = (row.answer if isinstance(row.answer, str)
                             else format_number(float(row.answer), row.unit))
    return out


def mark_notebook(student_id: str, notebook, result: dict, answers: list[dict],
                  found: str = ""):
    """(marks, problems) for one student's notebook (``found``: the submitted file's name)."""
    problems = []
    label = notebook.file
    if result.get("unreadable"):
        problems.append(("unreadable", {"error": result["unreadable"],
                                        "found": found or notebook.file}))
    if result.get("not_run"):
        problems.append(("not_run", {"error": result["not_run"]}))
    for event in result.get("events", []):
        values = {k: v for k, v in event.items() if k != "kind"}
        problems.append((event["kind"], values))
    typed = {a.get("student") for a in answers if isinstance(a, dict)}
    typed.discard(None) if len(typed) > 1 else None
    if answers and typed == {None}:
        problems.append(("no_student_id", {}))
    elif answers and not any(t is not None and fold(t) == fold(student_id) for t in typed):
        shown = ", ".join(sorted(str(t) for t in typed))
        problems.append(("wrong_student_id", {"found": shown, "expected": student_id}))
    marks = []
    for exercise in notebook.exercises:
        spec = SPECS[exercise.exercise]
        built = [a for a in answers if isinstance(a, dict)
                 and a.get("exercise") == exercise.exercise
                 and a.get("settings") == exercise.settings]
        if result.get("ran") and not built and not result.get("unreadable"):
            problems.append(("exercise_missing", {"exercise": exercise.variable}))
        if any(not a.get("graded", True) for a in built):
            problems.append(("not_graded", {"exercise": exercise.variable}))
        given = {}
        for found in built:
            for question, data in (found.get("answers") or {}).items():
                if question in exercise.questions and isinstance(data, dict):
                    given[question] = decode_answer(data)
        feedback = spec.grade(student_id, given, **exercise.settings) if given else {}
        expected = _expected(spec, student_id, exercise.settings)
        for question in exercise.questions:
            column = f"{notebook.label}.{exercise.variable}.{question}"
            checked = feedback.get(question)
            status = checked.status if checked else "not_attempted"
            marks.append(Mark(column, label, exercise.variable, question,
                              _shown(given.get(question)), expected[question], status,
                              (checked.mistake or "") if checked else "",
                              int(bool(checked and checked.correct)),
                              checked.message if checked else ""))
    return marks, problems


def problem_text(key: str, notebook: str, values: dict) -> str:
    return text(f"grading.problem.{key}", notebook=notebook, **values)


# --------------------------------------------------------------------------- outputs


def write_gradebook(path: Path, students, columns: list[str], marks: dict, problems: dict):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(["student_id", "name", *columns, "total", "max", "problems"])
        for student in students:
            points = {m.column: m.points for m in marks[student.student_id]}
            total = sum(points.values())
            writer.writerow([student.student_id, student.name,
                             *[points.get(c, 0) for c in columns], total, len(columns),
                             " | ".join(problems[student.student_id])])


def write_answers(path: Path, students, marks: dict):
    fields = ["student_id", "name", "column", "notebook", "exercise", "question", "answer",
              "expected", "status", "mistake", "points", "feedback"]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(fields)
        for student in students:
            for m in marks[student.student_id]:
                writer.writerow([student.student_id, student.name, m.column, m.notebook,
                                 m.exercise, m.question, m.answer, m.expected, m.status,
                                 m.mistake, m.points, m.message])


def feedback_markdown(student, marks: list[Mark], problems: list[str]) -> str:
    total = sum(m.points for m in marks)
    lines = [f"# {text('grading.feedback.title', name=student.name, student=student.student_id)}",
             "", text("grading.feedback.score", score=total, points=len(marks)), ""]
    notebook = None
    for m in marks:
        if m.notebook != notebook:
            notebook = m.notebook
            lines += [f"## {text('grading.feedback.notebook', notebook=notebook)}", ""]
        answer = m.answer or text("grading.feedback.no_answer")
        lines += [f"### {text('grading.feedback.question', question=f'{m.exercise}.{m.question}')}"
                  f" — {text(f'status.{m.status}')}", "",
                  f"- {text('grading.feedback.your_answer', answer=answer)}",
                  f"- {text('grading.feedback.expected', answer=m.expected)}",
                  f"- {text('grading.feedback.points', points=m.points, max=1)}"]
        if m.message:
            lines.append(f"- {m.message}")
        lines.append("")
    lines += [f"## {text('grading.feedback.problems')}", ""]
    lines += [f"- {p}" for p in problems] or [text("grading.feedback.none")]
    return "\n".join(lines) + "\n"


def _png(figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(figure)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def class_summary(columns: list[str], marks: dict) -> dict:
    """Per question: share correct, the most common wrong path (key, count, an example)."""
    summary = {}
    students = list(marks)
    for column in columns:
        rows = [m for s in students for m in marks[s] if m.column == column]
        wrong = Counter(m.mistake for m in rows if m.status == "incorrect" and m.mistake)
        top = wrong.most_common(1)
        example = next((m.message for m in rows if top and m.mistake == top[0][0]), "")
        summary[column] = {"correct": sum(m.points for m in rows) / max(len(rows), 1),
                           "mistake": top[0][0] if top else "",
                           "count": top[0][1] if top else 0, "example": example}
    return summary


def write_summary(path: Path, title: str, students, columns, marks, problems, unknown,
                  submitted: int) -> None:
    import matplotlib

    matplotlib.use("agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    from crmlib.plotting._base import use_chinese_font

    use_chinese_font()
    totals = [sum(m.points for m in marks[s.student_id]) for s in students]
    per_question = class_summary(columns, marks)
    n = len(students)

    fig, ax = plt.subplots(figsize=(7, 3.2))
    ax.hist(totals, bins=range(0, len(columns) + 2), color="#1f4e79", edgecolor="white",
            align="left")
    ax.set_xlabel(text("grading.report.score"))
    ax.set_ylabel(text("grading.report.students"))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(text("grading.report.distribution"))
    distribution = _png(fig)

    def bars(labels, shares, colour, label, title):
        fig, ax = plt.subplots(figsize=(7, max(2.5, 0.22 * len(columns) + 1)))
        ax.barh(labels, shares, color=colour)
        ax.set_xlim(0, 1)
        ax.invert_yaxis()
        ax.xaxis.set_major_formatter(PercentFormatter(1.0))
        ax.set_xlabel(text(label))
        ax.set_title(text(title))
        ax.tick_params(axis="y", labelsize=7)
        return _png(fig)

    difficulty = bars(columns, [per_question[c]["correct"] for c in columns], "#1a7f37",
                      "grading.report.share_correct", "grading.report.difficulty")
    misconceptions = bars(
        [f"{c}: {per_question[c]['mistake']}" if per_question[c]["mistake"] else c
         for c in columns],
        [per_question[c]["count"] / max(n, 1) for c in columns], "#b42318",
        "grading.report.share_wrong_path", "grading.report.misconceptions")

    mean = statistics.fmean(totals) if totals else 0.0
    median = statistics.median(totals) if totals else 0.0
    with_problems = sum(1 for s in students if problems[s.student_id])
    e = html.escape
    rows = "".join(
        f"<tr><td>{e(c)}</td><td>{per_question[c]['correct']:.0%}</td>"
        f"<td>{e(per_question[c]['mistake'] or text('grading.report.no_mistake'))}</td>"
        f"<td>{per_question[c]['count']}</td><td>{e(per_question[c]['example'])}</td></tr>"
        for c in columns)
    problem_rows = "".join(
        f"<li><b>{e(s.student_id)}</b> {e(s.name)}: {e(' | '.join(problems[s.student_id]))}</li>"
        for s in students if problems[s.student_id]) or \
        f"<li>{e(text('grading.report.no_problems'))}</li>"
    unknown_block = (f"<h2>{e(text('grading.report.unknown'))}</h2><p>"
                     f"{e(', '.join(unknown))}</p>") if unknown else ""
    page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{e(title)}</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em}}
img{{max-width:100%}}table{{border-collapse:collapse;font-size:90%}}
td,th{{border:1px solid #ccc;padding:3px 6px;vertical-align:top}}</style></head><body>
<h1>{e(title)}</h1>
<p>{e(text("grading.report.summary", students=n, submitted=submitted, mean=mean,
           median=median, points=len(columns), problems=with_problems))}</p>
<img alt="{e(text('grading.report.distribution'))}" src="data:image/png;base64,{distribution}">
<img alt="{e(text('grading.report.difficulty'))}" src="data:image/png;base64,{difficulty}">
<img alt="{e(text('grading.report.misconceptions'))}"
 src="data:image/png;base64,{misconceptions}">
<h2>{e(text("grading.report.misconceptions"))}</h2>
<table><tr><th>{e(text("grading.report.question"))}</th>
<th>{e(text("grading.report.share_correct"))}</th><th>{e(text("grading.report.mistake"))}</th>
<th>{e(text("grading.report.count"))}</th><th>{e(text("grading.report.example"))}</th></tr>
{rows}</table>
<h2>{e(text("grading.report.problems"))}</h2><ul>{problem_rows}</ul>
{unknown_block}
<p><small>{e(text("grading.report.how"))}</small></p>
</body></html>
"""
    path.write_text(page, encoding="utf-8")


# --------------------------------------------------------------------------- the whole class


def _progress(done: int, total: int, start: float, item: str) -> None:
    elapsed = time.monotonic() - start
    left = elapsed / done * (total - done) if done else 0
    line = (f"[{done:>{len(str(total))}}/{total}] {item} ({elapsed:.0f} s so far, "
            f"about {left:.0f} s left)")
    if sys.stderr.isatty():
        end = "\n" if done == total else ""
        sys.stderr.write(f"\r\033[K{line}{end}")
    else:
        sys.stderr.write(line + "\n")
    sys.stderr.flush()


def grade(submissions_dir: Path, roster: Path, assignment: Path, out: Path, *,
          jobs: int | None = None, cell_timeout: int = CELL_TIMEOUT,
          notebook_timeout: int = NOTEBOOK_TIMEOUT, memory_limit: int = MEMORY_LIMIT,
          quiet: bool = False) -> dict:
    """Grade every roster student's submissions; write the outputs into ``out``."""
    students = variants.read_roster(roster)
    manifest = Path(assignment)
    if manifest.is_dir():
        manifest = manifest / make_assignments.MANIFEST
    if not manifest.is_file():
        raise FileNotFoundError(f"no {make_assignments.MANIFEST} at {assignment}: run "
                                f"`make assignments ROSTER=…` first (it says what is graded)")
    notebooks = make_assignments.read_manifest(manifest)
    if not Path(submissions_dir).is_dir():
        raise FileNotFoundError(f"submissions folder {submissions_dir} does not exist")
    submissions, unknown = find_submissions(submissions_dir, students, notebooks)
    todo = [s for s in submissions.values() if s.path is not None]
    limits = {"cell_timeout": cell_timeout, "notebook_timeout": notebook_timeout,
              "memory_limit": memory_limit}
    results = {}
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="crm-grader-") as scratch_name:
        scratch = Path(scratch_name)
        mpl_cache = warm_matplotlib(scratch)
        workers = max(1, jobs or os.cpu_count() or 1)
        pool = ThreadPoolExecutor(workers)
        futures = {pool.submit(run_sandboxed, s.path, s.notebook, limits, scratch,
                               mpl_cache): s for s in todo}
        try:
            for done, future in enumerate(as_completed(futures), start=1):
                s = futures[future]
                results[(s.student_id, s.notebook)] = future.result()
                if not quiet:
                    _progress(done, len(todo), start, f"{s.student_id} {s.notebook}")
        except BaseException:   # Ctrl-C: stop every notebook still running, then stop
            pool.shutdown(wait=False, cancel_futures=True)
            for pid in list(_RUNNING):
                _kill_group(pid)
            raise
        pool.shutdown()
    elapsed = time.monotonic() - start

    marks, problems = {}, {}
    by_file = {n.file: n for n in notebooks}
    for student in students:
        sid = student.student_id
        marks[sid], problems[sid] = [], []
        for key, submission in submissions.items():
            if key[0] != sid:
                continue
            texts = [problem_text(k, submission.notebook, v) for k, v in submission.problems]
            if key[1] in by_file:
                result, answers = results.get(key, ({"events": [], "ran": False}, []))
                found, more = mark_notebook(sid, by_file[key[1]], result, answers,
                                            submission.path.name if submission.path else "")
                marks[sid] += found
                texts += [problem_text(k, submission.notebook, v) for k, v in more]
            problems[sid] += list(dict.fromkeys(texts))
    columns = [c for n in notebooks for c in n.question_ids()]
    for sid in marks:   # gradebook order: the assignment's
        order = {c: k for k, c in enumerate(columns)}
        marks[sid].sort(key=lambda m: order[m.column])

    out = Path(out)
    (out / "feedback").mkdir(parents=True, exist_ok=True)
    write_gradebook(out / "gradebook.csv", students, columns, marks, problems)
    write_answers(out / "answers.csv", students, marks)
    for student in students:
        (out / "feedback" / f"{student.student_id}.md").write_text(
            feedback_markdown(student, marks[student.student_id], problems[student.student_id]),
            encoding="utf-8")
    submitted = len({s.student_id for s in todo})
    title = text("grading.report.title", assignment=", ".join(n.file for n in notebooks))
    write_summary(out / "summary.html", title, students, columns, marks, problems, unknown,
                  submitted)
    return {"students": len(students), "notebooks": len(todo), "seconds": elapsed,
            "workers": workers, "columns": columns, "marks": marks, "problems": problems,
            "unknown": unknown}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("submissions", type=Path, help="folder with one folder per student")
    parser.add_argument("--roster", type=Path, required=True)
    parser.add_argument("--assignment", type=Path, default=ROOT / "assignments",
                        help="the folder make assignments wrote (its assignment.json)")
    parser.add_argument("--out", type=Path, default=ROOT / "grades")
    parser.add_argument("--jobs", type=int, default=None, help="notebooks at once (cores)")
    parser.add_argument("--cell-timeout", type=int, default=CELL_TIMEOUT)
    parser.add_argument("--notebook-timeout", type=int, default=NOTEBOOK_TIMEOUT)
    parser.add_argument("--lang", default=None, help="language of feedback and summary")
    args = parser.parse_args(argv)
    if args.lang:
        crmlib.set_language(args.lang)
    try:
        report = grade(args.submissions, args.roster, args.assignment, args.out,
                       jobs=args.jobs, cell_timeout=args.cell_timeout,
                       notebook_timeout=args.notebook_timeout)
    except (variants.RosterError, FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"graded {report['notebooks']} notebooks of {report['students']} students in "
          f"{report['seconds']:.0f} s ({report['workers']} at a time)")
    print(f"gradebook: {args.out / 'gradebook.csv'}; summary: {args.out / 'summary.html'}; "
          f"feedback: {args.out / 'feedback'}/")
    for name in report["unknown"]:
        print(f"note: folder {name!r} matches no student in the roster", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
