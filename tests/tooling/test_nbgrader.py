"""nbgrader round trip with the real nbgrader: the kit's exercises exported to nbgrader's source
format, `nbgrader generate_assignment`, fake submissions, `nbgrader autograde`, `nbgrader export`.

nbgrader brings its own Jupyter server extensions and pins; it is installed into a separate
virtual environment, build/nbgrader-venv (from PyPI, kept between runs, remade when
pyproject.toml or the pin changes), never into the kit's .venv. The kit is installed there too
(editable), so nbgrader's kernels import crmlib.
"""

import copy
import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time

import nbformat
import pytest

from conftest import ROOT, load_tool

load_tool("make_variants")
load_tool("make_exercises")
load_tool("make_assignments")
export_nbgrader = load_tool("export_nbgrader")

NBGRADER = "nbgrader>=0.9.6,<0.10"
VENV = ROOT / "build" / "nbgrader-venv"
NOTEBOOK = "02_customer_lifetime_value_exercises.ipynb"


def _nbgrader_venv():
    """build/nbgrader-venv with nbgrader and the kit, made once (a stamp says for what)."""
    python = VENV / "bin" / "python"
    wanted = hashlib.sha256(((ROOT / "pyproject.toml").read_bytes()
                             + NBGRADER.encode())).hexdigest()
    stamp = VENV / ".stamp"
    if stamp.exists() and stamp.read_text() == wanted and python.exists():
        return VENV / "bin"
    shutil.rmtree(VENV, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    uv = shutil.which("uv", path=str(ROOT / ".venv" / "bin"))
    if uv:
        command = [uv, "pip", "install", "--quiet", "--python", str(python)]
    else:
        command = [str(python), "-m", "pip", "install", "--quiet"]
    subprocess.run([*command, NBGRADER, "-e", str(ROOT)], check=True)
    stamp.write_text(wanted)
    return VENV / "bin"


def _run(bin_dir, course, *args):
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    env.pop("MPLBACKEND", None)
    done = subprocess.run([str(bin_dir / "nbgrader"), *args], cwd=course, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return done


def _submission(release, source, student, answered):
    """The released notebook with STUDENT_ID set and the first ``answered`` answer cells
    filled in with the source's solution (as a student who got them right writes them)."""
    notebook = copy.deepcopy(release)
    solutions = {c.metadata["nbgrader"]["grade_id"]: c.source for c in source.cells
                 if c.metadata.get("nbgrader", {}).get("solution")}
    filled = 0
    for cell in notebook.cells:
        if cell.cell_type == "code" and "STUDENT_ID = None" in cell.source:
            cell.source = re.sub(r"STUDENT_ID = None.*", f"STUDENT_ID = {student!r}",
                                 cell.source)
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and filled < answered:
            filled += 1
            cell.source = "\n".join(line for line in solutions[meta["grade_id"]].split("\n")
                                    if "### " not in line)
    return notebook


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory):
    timings = {}
    start = time.perf_counter()
    bin_dir = _nbgrader_venv()
    timings["venv"] = time.perf_counter() - start
    course = tmp_path_factory.mktemp("course")
    export_nbgrader.export(course, "crm", ["02"])
    start = time.perf_counter()
    _run(bin_dir, course, "generate_assignment", "crm", "--force")
    timings["generate_assignment"] = time.perf_counter() - start
    source = nbformat.read(course / "source" / "crm" / NOTEBOOK, as_version=4)
    release = nbformat.read(course / "release" / "crm" / NOTEBOOK, as_version=4)
    # alice answers everything; bob the first six answer cells; carol hands in alice's notebook
    for student, answered, numbers in (("alice", 99, "alice"), ("bob", 6, "bob"),
                                       ("carol", 99, "alice")):
        folder = course / "submitted" / student / "crm"
        folder.mkdir(parents=True)
        nbformat.write(_submission(release, source, numbers, answered), folder / NOTEBOOK)
    start = time.perf_counter()
    _run(bin_dir, course, "autograde", "crm")
    timings["autograde (3 submissions)"] = time.perf_counter() - start
    _run(bin_dir, course, "export")
    with open(course / "grades.csv", encoding="utf-8") as handle:
        grades = {row["student_id"]: row for row in csv.DictReader(handle)}
    print("nbgrader round trip, seconds:", json.dumps({k: round(v, 1)
                                                       for k, v in timings.items()}))
    return {"course": course, "source": source, "release": release, "grades": grades}


def test_source_has_answer_cells_and_hidden_tests(round_trip):
    cells = round_trip["source"].cells
    tests = [c for c in cells if c.metadata.get("nbgrader", {}).get("grade")]
    # notebook 02 checks 22 questions: hotel 9, hotel with when="begin" 4, three-period CLV 4,
    # rule of thumb 5 (its two answer boxes become answer cells)
    assert len(tests) == 22
    assert all("crm.exercises.assert_correct(" in c.source and "HIDDEN TESTS" in c.source
               and c.metadata["nbgrader"]["points"] == 1 and c.metadata["nbgrader"]["locked"]
               for c in tests)
    assert any("acquire = ...\n### BEGIN SOLUTION" in c.source for c in cells)


def test_release_hides_answers_and_tests_and_records_only(round_trip):
    released = nbformat.writes(round_trip["release"])
    assert "1 - hotel.churn_before" not in released          # the first answer, removed
    assert "assert_correct" not in released and "BEGIN SOLUTION" not in released
    assert "hotel_loyalty(student=STUDENT_ID, graded=True)" in released
    assert any(c.source.startswith(f"retention_before = ...\nretention_after = ...\n"
                                   f"{export_nbgrader.CODE_STUB}")
               for c in round_trip["release"].cells)


def test_autograde_marks_each_student_against_their_own_numbers(round_trip):
    grades = round_trip["grades"]
    assert float(grades["alice"]["max_score"]) == 22
    assert float(grades["alice"]["score"]) == 22
    # bob's first six answer cells hold retention (2 questions), lifetime (2), profit (1),
    # CLV before and after (2), CLV from crmlib (a second check of CLV before: no test of its
    # own) and gain (1): 8 points
    assert float(grades["bob"]["score"]) == 8
    # carol handed in alice's notebook: marked against carol's numbers, it scores (almost)
    # nothing, and her feedback says whose id the notebook carries
    assert float(grades["carol"]["score"]) < 22 / 2
    autograded = (round_trip["course"] / "autograded" / "carol" / "crm" / NOTEBOOK).read_text()
    assert "STUDENT_ID is alice, but this is carol's work" in autograded
