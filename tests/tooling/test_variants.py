"""make variants: one exercise notebook set per student, their own numbers, a matching key."""

import csv
import json

import nbformat
import pytest

import crmlib as crm
from conftest import ROOT, execute_notebook, load_tool

make_variants = load_tool("make_variants")
SAMPLE_ROSTER = ROOT / "docs" / "sample_roster.csv"
REAL_EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))
STUDENT_LINE = ("import crmlib as crm\nSTUDENT_ID = None  # your student id gives you your own "
                "numbers (ask your instructor); None = the course's numbers")


def _notebook(*sources):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    return notebook


@pytest.fixture
def exercises(tmp_path):
    """A small exercise folder shaped like exercises/: the hotel exercise with the course
    formula (the default) and with the 1/churn convention as the comparison."""
    folder = tmp_path / "exercises"
    folder.mkdir()
    notebook = _notebook(STUDENT_LINE,
                         "hotel = crm.exercises.hotel_loyalty(student=STUDENT_ID)\nhotel.show()",
                         "clv_before = ...\nhotel.check('clv_before', clv_before)",
                         "hotel.widget('clv_after')",
                         "from crmlib.exercises import hotel_loyalty\n"
                         "compare = hotel_loyalty(student=STUDENT_ID, when='begin')")
    (folder / "02_hotel_exercises.ipynb").write_text(nbformat.writes(notebook) + "\n")
    return folder


def _key(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_sample_roster_gives_every_student_their_own_numbers(exercises, tmp_path):
    written, key = make_variants.make_variants(SAMPLE_ROSTER, tmp_path / "v", exercises)
    roster = make_variants.read_roster(SAMPLE_ROSTER)
    assert len(written) == len(roster)
    rows = _key(key)
    assert list(rows[0]) == list(make_variants.KEY_COLUMNS)
    # 2 exercises x 9 questions per student
    assert len(rows) == len(roster) * 2 * len(crm.exercises.hotel_loyalty().question_names)
    stories = {s.student_id: crm.exercises.hotel_loyalty(student=s.student_id).story
               for s in roster}
    assert len(set(stories.values())) == len(roster), "two students got the same numbers"
    for student in roster:
        text = (tmp_path / "v" / student.student_id / "02_hotel_exercises.ipynb").read_text()
        assert f"STUDENT_ID = '{student.student_id}'" in text and "STUDENT_ID = None" not in text
    assert {r["exercise"] for r in rows} == {"hotel", "compare"}


def test_key_matches_each_students_own_checks(exercises, tmp_path):
    _, key = make_variants.make_variants(SAMPLE_ROSTER, tmp_path / "v", exercises)
    for row in _key(key):
        when = "begin" if row["exercise"] == "compare" else "end"
        exercise = crm.exercises.hotel_loyalty(student=row["student_id"], when=when)
        assert exercise.check(row["question"], row["answer"]).correct, row
        other = crm.exercises.hotel_loyalty(student="someone-else", when=when)
        if row["question"] == "clv_before":
            assert not other.check(row["question"], row["answer"]).correct


def test_course_numbers_pin_the_key_format():
    # hand calculation, course hotel case (course formula, i = 0): 2000 × 0.8 / 0.2 − 800 = 7200
    assert make_variants.answer_text(2000 * 0.8 / 0.2 - 800) == "7200"
    assert make_variants.answer_text(2000 / 0.2 - 800) == "9200"   # the 1/churn comparison
    assert make_variants.answer_text(1 / (1 - 0.95)) == "20"   # 20.000000000000004 in floats
    assert make_variants.answer_text(1 / 0.15) == "6.666667"
    assert make_variants.answer_text("B") == "B"


def test_variants_are_reproducible(exercises, tmp_path):
    first = make_variants.make_variants(SAMPLE_ROSTER, tmp_path / "a", exercises)
    second = make_variants.make_variants(SAMPLE_ROSTER, tmp_path / "b", exercises)
    for a, b in zip([*first[0], first[1]], [*second[0], second[1]], strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    make_variants.make_variants(SAMPLE_ROSTER, tmp_path / "a", exercises)  # again, same place
    assert first[1].read_bytes() == second[1].read_bytes()


def test_a_shorter_roster_leaves_no_old_students_behind(exercises, tmp_path):
    roster = tmp_path / "crm_a.csv"
    roster.write_bytes(SAMPLE_ROSTER.read_bytes())
    make_variants.make_variants(roster, tmp_path / "v", exercises)
    roster.write_text("student_id,name\n2024001,Li Wei\n", encoding="utf-8")  # edited list
    make_variants.make_variants(roster, tmp_path / "v", exercises)
    assert sorted(p.name for p in (tmp_path / "v").iterdir()) == [
        ".variants.json", "2024001", "answer_key.csv"]


BAD_ROSTERS = [
    ("empty", "", "roster.csv, line 1: the file is empty"),
    ("header only", "student_id,name\n", "roster.csv, line 2: the roster lists no students"),
    ("missing column", "id,name\n1,Li\n",
     "roster.csv, line 1: no column 'student_id' (or '学号'); the columns are 'id', 'name'"),
    ("no name column", "student_id\n1\n", "roster.csv, line 1: no column 'name' (or '姓名')"),
    ("duplicate ids", "student_id,name\n7,A\n8,B\n7,C\n",
     "roster.csv, line 4: student_id '7' repeats line 2"),
    ("duplicate after spaces", "student_id,name\n7,A\n 7 ,C\n", "line 3: student_id '7' "
                                                                    "repeats line 2"),
    ("duplicate in another case", "student_id,name\nS-0042,A\ns-0042,B\n",
     "roster.csv, line 3: student_id 's-0042' repeats line 2 ('S-0042': ids ignore upper/lower "
     "case)"),
    ("blank id", "student_id,name\n1,A\n,B\n", "roster.csv, line 3: student_id is blank"),
    ("unsafe id", "student_id,name\n../x,A\n", "line 2: student_id '../x' may only contain"),
]


@pytest.mark.parametrize("text, message", [(t, m) for _, t, m in BAD_ROSTERS],
                         ids=[i for i, _, _ in BAD_ROSTERS])
def test_bad_rosters_get_clear_errors(tmp_path, exercises, text, message):
    roster = tmp_path / "roster.csv"
    roster.write_text(text, encoding="utf-8")
    with pytest.raises(make_variants.RosterError, match=message.replace("(", r"\(").replace(
            ")", r"\)").replace(".", r"\.")):
        make_variants.make_variants(roster, tmp_path / "v", exercises)
    assert make_variants.main([str(roster), "--out", str(tmp_path / "v"),
                               "--exercises", str(exercises)]) == 2


def test_roster_from_excel_with_bom_and_extra_columns(tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("\ufeffStudent_ID , Name,email\n2024001,李伟,a@b\n\n", encoding="utf-8")
    assert make_variants.read_roster(roster) == [make_variants.Student("2024001", "李伟", 2)]


@pytest.mark.parametrize("source, message", [
    ("hotel = crm.exercises.hotel_loyalty()", "must be called with student=STUDENT_ID"),
    ("w = 'begin'\nh = crm.exercises.hotel_loyalty(student=STUDENT_ID, when=w)", "literal"),
    ("x = 1", "calls no crmlib.exercises factory"),
])
def test_notebooks_that_cannot_be_personalised_are_refused(tmp_path, source, message):
    folder = tmp_path / "ex"
    folder.mkdir()
    (folder / "n.ipynb").write_text(nbformat.writes(_notebook(STUDENT_LINE, source)))
    with pytest.raises(make_variants.NotebookError, match=message):
        make_variants.make_variants(SAMPLE_ROSTER, tmp_path / "v", folder)


def test_notebook_without_student_line_is_refused(tmp_path):
    with pytest.raises(make_variants.NotebookError, match="STUDENT_ID = None"):
        make_variants.personalise(nbformat.writes(_notebook("import crmlib as crm")), "1")


def test_a_folder_not_made_by_make_variants_is_never_touched(exercises, tmp_path):
    (tmp_path / "v").mkdir()
    (tmp_path / "v" / "notes.txt").write_text("mine")
    for force in (False, True):
        with pytest.raises(make_variants.OutputError, match="was not made by make variants"):
            make_variants.make_variants(SAMPLE_ROSTER, tmp_path / "v", exercises, force=force)
    assert [p.name for p in (tmp_path / "v").iterdir()] == ["notes.txt"]


def _run_with_key(notebook_path, rows):
    """Execute a variant notebook, then check every key answer in the same kernel."""
    notebook = nbformat.read(notebook_path, as_version=4)
    answers = [(r["exercise"], r["question"], r["answer"]) for r in rows]
    notebook.cells.append(nbformat.v4.new_code_cell(
        "import json\n"
        "print(json.dumps([[v, q, globals()[v].check(q, a).correct]"
        f" for v, q, a in {answers!r}]))"))
    execute_notebook(notebook, notebook_path.parent)
    return json.loads(notebook.cells[-1].outputs[0]["text"])


@pytest.mark.slow
def test_a_variant_notebook_accepts_its_own_keys_answers(tmp_path, exercises):
    folder = ROOT / "exercises" if REAL_EXERCISES else exercises
    roster = tmp_path / "roster.csv"
    roster.write_text("student_id,name\n2024003,Wang Fang\n", encoding="utf-8")
    written, key = make_variants.make_variants(roster, tmp_path / "v", folder)
    rows = _key(key)
    # the hotel exercise (lesson 02) when it exists, else the first notebook
    target = next((p for p in written if "hotel_loyalty" in p.read_text()), written[0])
    results = _run_with_key(target, [r for r in rows if r["notebook"] == target.stem])
    assert results and all(ok for *_, ok in results), results


def test_every_key_answer_passes_its_students_check_for_every_exercise_notebook(tmp_path):
    if not REAL_EXERCISES:
        pytest.skip("no exercise notebooks yet")
    _, key = make_variants.make_variants(SAMPLE_ROSTER, tmp_path / "v", ROOT / "exercises")
    calls = {p.stem: {c.variable: c for c in make_variants.find_factory_calls(
        nbformat.read(p, as_version=4), p.name)} for p in REAL_EXERCISES}
    built = {}
    wrong = []
    for row in _key(key):
        ident = (row["notebook"], row["exercise"], row["student_id"])
        if ident not in built:
            built[ident] = calls[row["notebook"]][row["exercise"]].build(row["student_id"])
        if not built[ident].check(row["question"], row["answer"]).correct:
            wrong.append(row)
    assert not wrong


def test_every_exercise_notebook_is_personalisable():
    for path in REAL_EXERCISES:
        calls = make_variants.find_factory_calls(nbformat.read(path, as_version=4), path.name)
        assert calls, f"{path.name} builds no exercise with student=STUDENT_ID"
        for call in calls:
            assert call.build("2024001")._answer_key() is not None
