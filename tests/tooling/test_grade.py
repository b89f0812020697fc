"""make assignments and make grade: graded notebooks that record, and a class's submissions
re-run in a sandbox and marked against each student's own numbers.

The class: S001 and S002 hand in three notebooks each (all right, half right, broken or
hostile); S003 hands in a notebook with someone else's id and one that fails; S004 hands in
nothing. Every right answer in a fake submission is the formula written out here (not crmlib's
function), every wrong one a wrong path a student takes (first profit now, no discounting …), so
the expected gradebook below is counted by hand from how the submissions were made.
"""

import csv
import hashlib
import re

import nbformat
import pytest

import crmlib as crm
from conftest import load_tool

load_tool("make_variants")
make_assignments = load_tool("make_assignments")
load_tool("grade_worker")
grade = load_tool("grade")

SETUP = ("import crmlib as crm\n"
         "STUDENT_ID = None  # your student id gives you your own numbers")
ROSTER = "student_id,name\nS001,Li Wei\nS002,Wang Fang\nS003,Zhang Min\nS004,Chen Jie\n"

# right answers as a student writes them (lesson 02's formulas; course formula, i = 0)
HOTEL_RIGHT = {
    "retention_before": "1 - hotel.churn_before",
    "lifetime_before": "1 / hotel.churn_before",
    "clv_before": "hotel.margin * (1 - hotel.churn_before) / hotel.churn_before"
                  " - hotel.acquisition_cost",
    "clv_after": "(hotel.margin - hotel.programme_fee) * (1 - hotel.churn_after)"
                 " / hotel.churn_after - hotel.acquisition_cost",
}
HOTEL_HALF = {**HOTEL_RIGHT,
              # r / churn: counts the years after this one only
              "lifetime_before": "(1 - hotel.churn_before) / hotel.churn_before",
              # m / churn − cost: the first profit now (the 1/churn convention)
              "clv_before": "hotel.margin / hotel.churn_before - hotel.acquisition_cost"}
THREE_RIGHT = {"survival_2": "r ** 2", "pv_1": "m * r / (1 + i)",
               "pv_3": "m * r ** 3 / (1 + i) ** 3",
               "clv_3": "m * r / (1 + i) + m * r ** 2 / (1 + i) ** 2 + m * r ** 3 / (1 + i) ** 3"}
THREE_HALF = {**THREE_RIGHT, "pv_3": "m * r ** 3",                      # not discounted
              "clv_3": "m * r + m * r ** 2 + m * r ** 3"}               # not discounted
# customer delivered value = total value − total cost (lesson 01); offer B is built to win
OFFERS_RIGHT = {"delivered_a": "sum(offers.offer_a_value.values())"
                               " - sum(offers.offer_a_cost.values())",
                "delivered_b": "sum(offers.offer_b_value.values())"
                               " - sum(offers.offer_b_cost.values())",
                "choice": "'B'"}
DELETE_NEIGHBOURS = ("import os, shutil\n"
                     "for name in os.listdir('.'):\n"
                     "    os.remove(name)\n"
                     "shutil.rmtree('..', ignore_errors=True)")
LOOP_IGNORING_INTERRUPTS = ("import signal\n"
                            "signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                            "while True:\n"
                            "    pass")


def _notebook(*sources):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    return notebook


def _exercises(folder):
    """Three small exercise notebooks shaped like exercises/ (answers `...`, a box)."""
    folder.mkdir()
    notebooks = {
        "01_hotel.ipynb": _notebook(
            SETUP, "hotel = crm.exercises.hotel_loyalty(student=STUDENT_ID)\nhotel.show()",
            *[f"{q} = ...\nhotel.check({q!r}, {q})" for q in HOTEL_RIGHT]),
        "02_three.ipynb": _notebook(
            SETUP, "three = crm.exercises.three_period_clv(student=STUDENT_ID)",
            "m, r, i = three.margin, three.retention_rate, three.discount_rate",
            *[f"{q} = ...\nthree.check({q!r}, {q})" for q in THREE_RIGHT]),
        "03_offers.ipynb": _notebook(
            SETUP, "offers = crm.exercises.two_offers(student=STUDENT_ID)",
            "delivered_a = ...\noffers.check('delivered_a', delivered_a)",
            "delivered_b = ...\noffers.check('delivered_b', delivered_b)",
            "offers.widget('choice')"),
    }
    for name, notebook in notebooks.items():
        nbformat.write(notebook, folder / name)
    return folder


def _answer(path, answers, *, insert=(), student=None):
    """A student's copy of their graded notebook with answers written in (and extra cells)."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        for question, expression in answers.items():
            cell.source = re.sub(rf"^{question} = \.\.\.$", f"{question} = {expression}",
                                 cell.source, flags=re.MULTILINE)
            cell.source = cell.source.replace(f'check("{question}", ...)',
                                              f'check("{question}", {expression})')
        if student is not None:
            cell.source = re.sub(r"^STUDENT_ID = .*$", f"STUDENT_ID = {student!r}",
                                 cell.source, flags=re.MULTILINE)
    for before, source in insert:
        index = next(k for k, c in enumerate(notebook.cells) if before in c.source)
        notebook.cells.insert(index, nbformat.v4.new_code_cell(source))
    return nbformat.writes(notebook)


def _tree(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("class")
    roster = tmp / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    released = tmp / "assignments"
    make_assignments.make_assignments(roster, released, _exercises(tmp / "exercises"))
    subs = tmp / "submissions"
    for sid in ("S001", "s002", "S003"):     # ids match without regard to case
        (subs / sid).mkdir(parents=True)
    (subs / "S999").mkdir()                  # a folder for no one on the roster

    def mine(sid, name):
        return released / sid / name

    # S001: all right, half right, hostile (deletes its neighbours, then a loop that ignores
    # interrupts after the first answer: the answers after it are lost)
    (subs / "S001" / "01_hotel.ipynb").write_text(
        _answer(mine("S001", "01_hotel.ipynb"), HOTEL_RIGHT))
    (subs / "S001" / "02_three.ipynb").write_text(
        _answer(mine("S001", "02_three.ipynb"), THREE_HALF))
    (subs / "S001" / "03_offers.ipynb").write_text(
        _answer(mine("S001", "03_offers.ipynb"), OFFERS_RIGHT,
                insert=[("delivered_b = ", DELETE_NEIGHBOURS),
                        ("delivered_b = ", LOOP_IGNORING_INTERRUPTS)]))
    (subs / "S001" / "notes.txt").write_text("the grader must not delete me")
    # S002: half right, all right in a renamed file, a file that is not a notebook
    (subs / "s002" / "01_hotel.ipynb").write_text(
        _answer(mine("S002", "01_hotel.ipynb"), HOTEL_HALF))
    (subs / "s002" / "02_three (1).ipynb").write_text(
        _answer(mine("S002", "02_three.ipynb"), THREE_RIGHT))
    (subs / "s002" / "03_offers.ipynb").write_text('{"cells": [')
    # S003: right formulas with S002's id (so S002's numbers), and a notebook whose exercise
    # cell fails; 02 not handed in
    (subs / "S003" / "01_hotel.ipynb").write_text(
        _answer(mine("S003", "01_hotel.ipynb"), HOTEL_RIGHT, student="S002"))
    (subs / "S003" / "03_offers.ipynb").write_text(
        _answer(mine("S003", "03_offers.ipynb"), OFFERS_RIGHT).replace(
            "crm.exercises.two_offers(", "crm.exercises.two_offer("))
    before = _tree(subs)
    report = grade.grade(subs, roster, released, tmp / "grades", jobs=2, cell_timeout=8,
                         notebook_timeout=90, quiet=True)
    return {"tmp": tmp, "report": report, "before": before, "subs": subs,
            "out": tmp / "grades"}


def _gradebook(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


HOTEL_Q = ["01.hotel.retention_before", "01.hotel.lifetime_before", "01.hotel.clv_before",
           "01.hotel.clv_after"]
THREE_Q = ["02.three.survival_2", "02.three.pv_1", "02.three.pv_3", "02.three.clv_3"]
OFFERS_Q = ["03.offers.delivered_a", "03.offers.delivered_b", "03.offers.choice"]
# counted by hand from how each submission was made (see graded_class)
EXPECTED = {
    "S001": [1, 1, 1, 1] + [1, 1, 0, 0] + [1, 0, 0],
    "S002": [1, 0, 0, 1] + [1, 1, 1, 1] + [0, 0, 0],
    "S003": [0, 0, 0, 0] + [0, 0, 0, 0] + [0, 0, 0],
    "S004": [0] * 11,
}


def test_assignments_record_and_never_mark(graded_class):
    released = graded_class["tmp"] / "assignments"
    text = (released / "S001" / "03_offers.ipynb").read_text()
    assert "two_offers(student=STUDENT_ID, graded=True)" in text
    assert "STUDENT_ID = 'S001'" in text
    assert "offers.check('choice', ...)" in text and ".widget(" not in text
    assert "Graded work for Li Wei (S001)" in text
    manifest = make_assignments.read_manifest(released / "assignment.json")
    assert [q for n in manifest for q in n.question_ids()] == HOTEL_Q + THREE_Q + OFFERS_Q


def test_gradebook_has_the_expected_points(graded_class):
    rows = _gradebook(graded_class["out"] / "gradebook.csv")
    assert list(rows[0]) == ["student_id", "name", *HOTEL_Q, *THREE_Q, *OFFERS_Q, "total",
                             "max", "problems"]
    assert [r["student_id"] for r in rows] == ["S001", "S002", "S003", "S004"]
    for row in rows:
        points = [int(row[c]) for c in HOTEL_Q + THREE_Q + OFFERS_Q]
        assert points == EXPECTED[row["student_id"]], row
        assert int(row["total"]) == sum(points) and row["max"] == "11"


def test_the_problems_column_says_what_went_wrong(graded_class):
    problems = {r["student_id"]: r["problems"]
                for r in _gradebook(graded_class["out"] / "gradebook.csv")}
    assert problems["S001"] == ("03_offers.ipynb: cell 6 (import signal) ran longer than 8 s "
                                "and was stopped")
    assert "renamed (02_three (1).ipynb)" in problems["S002"]
    assert "03_offers.ipynb cannot be read as a notebook" in problems["S002"]
    assert "STUDENT_ID is S002, but this is S003's work" in problems["S003"]
    assert "02_three.ipynb: no notebook was submitted" in problems["S003"]
    assert "stops with AttributeError" in problems["S003"]
    assert "the exercise offers was never made" in problems["S003"]
    assert problems["S004"].count("no notebook was submitted") == 3
    assert graded_class["report"]["unknown"] == ["S999"]


def test_wrong_id_is_marked_against_the_roster_students_own_numbers(graded_class):
    # S003 typed S002's id: the right formulas on S002's numbers are not S003's answers
    hotel = crm.exercises.SPECS["hotel_loyalty"]
    s2, s3 = hotel.params("S002"), hotel.params("S003")

    def clv_after(p):   # the formula of HOTEL_RIGHT
        return ((p["margin"] - p["programme_fee"]) * (1 - p["churn_after"]) / p["churn_after"]
                - p["acquisition_cost"])

    # retention, lifetime and CLV before all follow churn before; CLV after is checked apart
    assert s2["churn_before"] != s3["churn_before"]
    assert abs(clv_after(s2) - clv_after(s3)) > 1
    assert EXPECTED["S003"][:4] == [0, 0, 0, 0]


def test_hostile_notebook_touches_nothing_of_the_grader(graded_class):
    assert _tree(graded_class["subs"]) == graded_class["before"]
    assert (graded_class["subs"] / "S001" / "notes.txt").exists()
    assert (graded_class["tmp"] / "assignments" / "assignment.json").exists()


def test_answers_and_feedback_name_the_wrong_paths(graded_class):
    with open(graded_class["out"] / "answers.csv", encoding="utf-8-sig") as handle:
        rows = {(r["student_id"], r["column"]): r for r in csv.DictReader(handle)}
    assert rows[("S002", "01.hotel.clv_before")]["mistake"] == "other_timing"
    assert rows[("S002", "01.hotel.lifetime_before")]["mistake"] == "years_after_this"
    assert rows[("S001", "02.three.pv_3")]["mistake"] == "no_discount"
    assert rows[("S001", "03.offers.delivered_b")]["status"] == "not_attempted"
    feedback = (graded_class["out"] / "feedback" / "S002.md").read_text(encoding="utf-8")
    assert "Score: 6 of 11 points." in feedback
    assert "counts this year's profit now" in feedback     # the other-timing hint
    assert (graded_class["out"] / "feedback" / "S004.md").exists()


def test_summary_page_plots_the_class(graded_class):
    page = (graded_class["out"] / "summary.html").read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") == 3          # offline: embedded plots
    assert "http" not in page.replace("http-equiv", "")
    # mean of 7, 6, 0, 0 = 3.25; median 3.0
    assert "4 students, 3 with work submitted. Mean score 3.2 of 11 points, median 3.0" in page
    # 01.hotel.retention_before: S001 and S002 right of 4 students
    assert "<td>01.hotel.retention_before</td><td>50%</td>" in page
    assert "<td>01.hotel.clv_before</td><td>25%</td><td>other_timing</td><td>1</td>" in page
    assert "<td>02.three.pv_3</td><td>25%</td><td>no_discount</td>" in page


def test_guide_and_readme_explain_grading_and_its_limits():
    from conftest import ROOT

    guide = (ROOT / "docs" / "instructor_guide.md").read_text(encoding="utf-8")
    section = guide.split("\n## Grading\n", 1)[1].split("\n## ", 1)[0]
    for needle in ("make assignments ROSTER=", "make grade SUBMISSIONS=", "gradebook.csv",
                   "summary.html", "feedback/", "separate user", "container",
                   "absolute path", "make nbgrader", "nbgrader autograde"):
        assert needle in section, needle
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make grade SUBMISSIONS=folder ROSTER=roster.csv" in readme
    assert "make assignments ROSTER=roster.csv" in readme
