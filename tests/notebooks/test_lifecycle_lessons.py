"""Lesson 03 and exercises 03 (issue 15): prose that agrees with the numbers, the course's
definition and cases, the course's terms used one way, every step with its question, counts
that are right, no answers shown, and an unanswered notebook that never prints ``Ellipsis``.
"""

import ast
import re

import nbformat
import numpy as np
import pytest

import crmlib as crm
from conftest import ROOT, execute_notebook

LESSON = ROOT / "lessons" / "03_customer_lifecycle.ipynb"
SOLUTION = ROOT / "solutions" / "03_customer_lifecycle_exercises.ipynb"
EXERCISE = ROOT / "exercises" / SOLUTION.name


def _markdown(path) -> str:
    notebook = nbformat.read(path, as_version=4)
    return "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")


def _quoted():
    """(the sentence as the lesson writes it, the number crmlib computes, how it is written)."""
    cdnow = crm.datasets.load_cdnow()
    now = crm.classify_stages(cdnow, "1998-06-30")
    august = crm.classify_stages(cdnow, "1997-08-31").loc[1]
    shares = crm.cohort_table(cdnow, normalize=True)
    survival = crm.cohort_survival(cdnow)
    pooled = crm.cohort_retention(cdnow, pooled=True, followup=6)
    mixed = crm.retention_from_survival(0.5 * crm.survival_from_retention([0.5] * 6)
                                        + 0.5 * crm.survival_from_retention([0.9] * 6))
    high_end = crm.datasets.load_retention_series()["high_end"].tolist()
    sbg = crm.ShiftedBetaGeometric().fit(high_end[:8])
    errors = crm.projection_errors(crm.compare_retention_projections(high_end,
                                                                     calibration_periods=7))
    new_customer = 100 * sbg.discounted_expected_lifetime(0.1)            # first margin now
    residual = 100 * sbg.discounted_expected_residual_lifetime(0.1, [0, 1, 3, 7])
    line = crm.CurveFitProjection("linear").fit(high_end[:8])
    return [
        ("4 × 300 + 150 + 0 = **1,700**",
         crm.lifecycle_profit_curve(discount_rate=0.0)["cumulative_value"].iloc[-1], "{:,.0f}"),
        ("the tenure is 545 days", now.loc[1, "tenure_days"], "{:.0f}"),
        ("was on 1997-12-12, 200 days earlier", now.loc[1, "days_since_last"], "{:.0f}"),
        ("The 83 customers in stability", (now["stage"] == "stability").sum(), "{:.0f}"),
        ("last 180 days (14.96)", august["recent_spend"], "{:.2f}"),
        ("the 180 days before (59.06)", august["previous_spend"], "{:.2f}"),
        ("Between 12% and 16% of a cohort", shares[1].min(), "{:.0%}"),
        ("Between 12% and 16% of a cohort", shares[1].max(), "{:.0%}"),
        ("12–13% in month 2", 100 * shares[2].min(), "{:.0f}–"),
        ("12–13% in month 2", 100 * shares[2].max(), "–{:.0f}%"),
        ("and 4–11% in each month after that", 100 * np.nanmin(shares.iloc[:, 3:]), "{:.0f}–"),
        ("and 4–11% in each month after that", 100 * np.nanmax(shares.iloc[:, 3:]), "–{:.0f}%"),
        ("$S(1) = 355/781 = 0.455$", survival.iloc[0, 1] * 781, "{:.0f}"),
        ("323 buy in March or later", survival.iloc[0, 2] * 781, "{:.0f}"),
        ("$S(2) = 0.414$", survival.iloc[0, 2], "{:.3f}"),
        ("Retention is 45% in the first month", pooled.iloc[0], "{:.0%}"),
        ("0.53/0.70 = 0.757", mixed[1], "{:.3f}"),
        ("retention was 0.70", mixed[0], "{:.2f}"),
        ("$\\alpha = 0.668$, $\\beta = 3.806$ for the high-end", sbg.params_["alpha"], "{:.3f}"),
        ("$\\alpha = 0.668$, $\\beta = 3.806$ for the high-end", sbg.params_["beta"], "{:.3f}"),
        ("the straight line has $R^2 = 0.92$", line.r_squared_, "{:.2f}"),
        ("it explains 92% of the", line.r_squared_, "{:.0%}"),
        ("The sBG misses year 12 by 4%", -errors.loc[12, "sBG"], "{:.0f}%"),
        ("the exponential curve by 30%", -errors.loc[12, "exponential"], "{:.0f}%"),
        ("the line by 81%", -errors.loc[12, "linear"], "{:.0f}%"),
        ("here the first year's 0.869", high_end[1] / high_end[0], "{:.3f}"),
        ("is worth **541**", residual[0], "{:.0f}"),
        ("the\n**592** of a new customer", new_customer, "{:.0f}"),
        ("(592 − 100) × 1.1 = 541", (new_customer - 100) * 1.1, "{:.0f}"),
        ("(592 − 100) × 1.1 = 541", residual[0], "{:.0f}"),
        ("(590 after one, 753 after seven)", residual[1], "{:.0f}"),
        ("(590 after one, 753 after seven)", residual[3], "{:.0f}"),
    ]


QUOTED = _quoted()


@pytest.mark.parametrize("sentence, value, form", QUOTED,
                         ids=[f"{k}:{s[:28]}" for k, (s, _, _) in enumerate(QUOTED)])
def test_prose_quotes_the_number_crmlib_computes(sentence, value, form):
    """Item 17: where a sentence quotes a computed number, it is the number crmlib gives."""
    assert sentence in _markdown(LESSON), "the sentence changed: update this table"
    assert form.format(float(value)) in sentence, (sentence, form.format(float(value)))


def test_the_residual_value_below_a_new_customer_is_explained():
    text = _markdown(LESSON)
    assert "0.756" not in text
    explained = text[text.index("a customer who has not renewed yet is worth **541**"):]
    assert "already in the till" in explained[:900]


def test_the_course_definition_and_cases_are_in_the_lesson():
    """Item 4: the course's definition of the customer lifecycle; Manager D and Watsons."""
    text = _markdown(LESSON)
    assert "**customer lifecycle (客户生命周期)**" in text
    assert "客户关系生命周期" in text and "ends\ncompletely" in text
    cases = text[text.index("### Discuss: two of the course's cases"):]
    cases = cases[:cases.index("</details>")]
    for needle in ("D经理的客户分类", "屈臣氏选准关系客户获得新生", "gives only their titles"):
        assert needle in cases, needle
    assert cases.count("\n- ") >= 6          # three questions per case, then notes


def test_terms_are_used_one_way():
    """Item 3: the kit's one term for retention rate is 客户保持率 (never 保留率)."""
    for path in (LESSON, SOLUTION, EXERCISE):
        assert "保留率" not in _markdown(path), path.name
    assert "(客户保持率)" in _markdown(LESSON)
    for folder in ("en", "zh"):
        for name in ("exercises_lifecycle.toml", "vocab_lifecycle.toml", "lifecycle.toml"):
            text = (ROOT / "crmlib" / "text" / folder / name).read_text(encoding="utf-8")
            assert "保留率" not in text, (folder, name)
    chinese = (ROOT / "crmlib" / "text" / "zh" / "exercises_lifecycle.toml").read_text("utf-8")
    assert "客户保持率" in chinese


def test_exercise_count_is_right_in_the_notebook_and_the_lesson():
    """Item 12."""
    notebook = nbformat.read(SOLUTION, as_version=4)
    count = sum(1 for c in notebook.cells if c.cell_type == "markdown"
                and re.match(r"## Exercise \d+\.", c.source))
    assert count == len(crm.exercises.lifecycle.SPECS) == 7
    assert notebook.cells[0].source.split("\n\n")[1].startswith("Seven exercises on lesson 03")
    assert "`exercises/03_customer_lifecycle_exercises.ipynb`, which has seven exercises" in \
        _markdown(LESSON)


def test_every_check_follows_the_text_of_its_step():
    """Item 15: each cell that checks an answer comes after a markdown cell that asks for it
    (exercise 3's steps had none), and every exercise is built in the notebook."""
    notebook = nbformat.read(EXERCISE, as_version=4)
    previous = None
    for cell in notebook.cells:
        if cell.cell_type == "code" and re.search(r"\.(check|widget)\(", cell.source):
            assert previous is not None and re.match(r"\*\*\d[a-z]\.\*\*", previous.source), \
                cell.source[:80]
        if cell.cell_type == "markdown":
            previous = cell
    built = set(re.findall(r"crm\.exercises\.(\w+)\(student=STUDENT_ID",
                           "\n".join(c.source for c in notebook.cells)))
    assert built == {spec.key for spec in crm.exercises.lifecycle.SPECS}


@pytest.mark.parametrize("path", [LESSON, SOLUTION, EXERCISE], ids=lambda p: p.parent.name)
def test_no_notebook_shows_how_to_print_answers(path):
    """Item 8."""
    source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
    for peek in ("answer_key", "._question(", ".answer)", "SPECS["):
        assert peek not in source, peek


def test_no_input_example_equals_an_answer():
    """Item 8: a number shown as an example of how to type an answer is no exercise's answer."""
    answers = []
    for spec in crm.exercises.lifecycle.SPECS:
        solved = spec.solve(spec.params())
        answers += [float(solved[q.name]) for q in spec.questions
                    if isinstance(q, crm.exercises.Numeric)]
    examples = re.findall(r"`([^`]*\d[^`]*)`", _markdown(EXERCISE))
    examples += re.findall(r"accepts ([\d.]+), ([\d.]+) and ([\d.]+%)", _markdown(EXERCISE))[0]
    checked = 0
    for example in examples:
        try:
            value = crm.exercises.parse_number(example)
        except ValueError:
            continue
        checked += 1
        ex = crm.exercises.retention_and_survival()   # the tolerance of a 2-decimal rate
        tolerance = ex._question("retention_3").tolerance()
        assert not any(abs(value - a) <= tolerance for a in answers), example
    assert checked >= 3


def _bare_ellipsis_at_the_end(source: str) -> bool:
    body = ast.parse(source).body
    return bool(body) and isinstance(body[-1], ast.Expr) and \
        isinstance(body[-1].value, ast.Constant) and body[-1].value.value is Ellipsis


def test_unanswered_exercise_notebook_shows_questions_and_never_ellipsis():
    """Items 9 and 15: run as a student gets it, every check shows its question (and options),
    no cell prints Ellipsis or fails."""
    notebook = nbformat.read(EXERCISE, as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert not [c.source for c in code if _bare_ellipsis_at_the_end(c.source)]
    execute_notebook(notebook, EXERCISE.parent)
    shown = []
    for cell in code:
        for out in cell.outputs:
            assert out.output_type != "error", (cell.source[:80], out.get("ename"))
            text = out.get("text", "") or out.get("data", {}).get("text/plain", "")
            assert "Ellipsis" not in text, cell.source[:80]
            shown.append(text)
    shown = "\n".join(shown)
    assert shown.count("Not attempted yet") == sum(
        len(spec.questions) for spec in crm.exercises.lifecycle.SPECS)
    assert "Options: exploration stage; formation stage" in shown
    assert "to 3 decimal places)" in shown
