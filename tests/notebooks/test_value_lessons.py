"""Lessons 00–02 and exercises 01–02 (issue 15): prose that agrees with the numbers, exercise
counts that are right, the course's terms used one way, no answers printed or shown as input
examples, and unanswered exercise cells that never print ``Ellipsis``.
"""

import ast
import re

import nbformat
import numpy as np
import pytest

import crmlib as crm
from conftest import ROOT, execute_notebook

LESSONS = {n: ROOT / "lessons" / f"{n}.ipynb" for n in (
    "00_start_here", "01_why_customer_relationships", "02_customer_lifetime_value")}
SOLUTIONS = {n: ROOT / "solutions" / f"{n}_exercises.ipynb" for n in (
    "01_why_customer_relationships", "02_customer_lifetime_value")}
EXERCISES = {n: ROOT / "exercises" / p.name for n, p in SOLUTIONS.items()}


def _markdown(path) -> str:
    notebook = nbformat.read(path, as_version=4)
    return "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")


def _outputs(path) -> str:
    notebook = nbformat.read(path, as_version=4)
    texts = []
    for cell in notebook.cells:
        for out in cell.get("outputs", []):
            texts.append(out.get("text", "") or out.get("data", {}).get("text/plain", ""))
    return "\n".join(texts)


# --- item 17: where a sentence quotes a computed number, this test keeps them equal ---------
# (lesson, the sentence as written, the number crmlib computes, how the sentence writes it)

clv = crm.customer_lifetime_value
QUOTED = [
    ("00_start_here", "The member is worth **4500 yuan**", clv(1500, 0.75), "{:.0f}"),
    ("00_start_here", "Four years: a member leaves", crm.expected_lifetime(0.75), "Four"),
    ("00_start_here", "4500 against 6000", clv(1500, 0.75, when="begin"), "{:.0f}"),
    ("00_start_here", "the difference, 1500, is exactly one year's margin",
     clv(1500, 0.75, when="begin") - clv(1500, 0.75), "{:.0f}"),
    ("00_start_here", "At r = 0.85 the CLV is 1500 × 0.85 / 0.15 = 8,500 yuan", clv(1500, 0.85),
     "{:,.0f}"),
    ("00_start_here", "(0.795 to 0.805 here)",
     0.8 - crm.exercises.hotel_loyalty()._question("retention_before").tolerance(), "{:.3f}"),
    ("01_why_customer_relationships", "**shrinks by 150 million**",
     -crm.turnover_scenario(1000, 0.30, 0.15)["net_change"], "{:.0f}"),
    ("01_why_customer_relationships", "worth **45%** of its revenue",
     crm.turnover_scenario(1000, 0.30, 0.15)["required_acquisition_rate"], "{:.0%}"),
    ("01_why_customer_relationships", "about **65 million yuan a year**",
     crm.crm_spending_assessment(marketing_expense=100, turnover_rate=0.30, sales_time_value=5,
                                 lost_referrals_value=10, target_retention_revenue=720,
                                 current_retention_revenue=700)["total"], "{:.0f}"),
    ("01_why_customer_relationships", "total falls from 65 to 50 million yuan",
     crm.crm_spending_assessment(marketing_expense=100, turnover_rate=0.15, sales_time_value=5,
                                 lost_referrals_value=10, target_retention_revenue=720,
                                 current_retention_revenue=700)["total"], "{:.0f}"),
    ("01_why_customer_relationships", "**50,000 dollars**", crm.lifetime_revenue(100, 50, 10),
     "{:,.0f}"),
    ("01_why_customer_relationships", "CLV rises **27.5%**",
     crm.clv_change_from_retention(0.80, 0.05, 0.10), "{:.1%}"),
    ("01_why_customer_relationships", "Delivered value **30 points**",
     crm.customer_delivered_value({"product": 60, "service": 20, "personnel": 10, "image": 10},
                                  {"money": 50, "time": 10, "energy": 5, "psychic": 5}), "{:.0f}"),
    ("02_customer_lifetime_value", "3,400 yuan still to come", clv(1000, 0.85, 0.10), "{:,.0f}"),
    ("02_customer_lifetime_value", "1,020 yuan of potential value",
     clv(1300, 0.85, 0.10) - clv(1000, 0.85, 0.10), "{:,.0f}"),
    ("02_customer_lifetime_value", "= **1831.24** yuan", clv(1000, 0.85, 0.10, horizon=3),
     "{:.2f}"),
    ("02_customer_lifetime_value", "850 / 0.25 = **3400** yuan", clv(1000, 0.85, 0.10), "{:.0f}"),
    ("02_customer_lifetime_value", "1000 × 0.85 / 0.15 = 5666.67", clv(1000, 0.85), "{:.2f}"),
    ("02_customer_lifetime_value", "1000 × 1.1 / 0.25 = 4400", clv(1000, 0.85, 0.1, when="begin"),
     "{:.0f}"),
    ("02_customer_lifetime_value", "1500 × 0.75 / 0.25 − 600 = **3900**",
     clv(1500, 0.75, acquisition_cost=600), "{:.0f}"),
    ("02_customer_lifetime_value", "1350 × 0.85 / 0.15 − 600 = **7050**",
     clv(1350, 0.85, acquisition_cost=600), "{:.0f}"),
    ("02_customer_lifetime_value", "1500 / 0.25 − 600 = **5400**",
     clv(1500, 0.75, when="begin", acquisition_cost=600), "{:.0f}"),
    ("02_customer_lifetime_value", "1350 / 0.15 − 600 = **8400**",
     clv(1350, 0.85, when="begin", acquisition_cost=600), "{:.0f}"),
    ("02_customer_lifetime_value", "pay up to a fee of **705.88**",
     crm.break_even_programme_cost(1500, 0.75, 0.85), "{:.2f}"),
    ("02_customer_lifetime_value", "or **600** (`begin`",
     crm.break_even_programme_cost(1500, 0.75, 0.85, when="begin"), "{:.0f}"),
    ("02_customer_lifetime_value", "Five points of retention add **32.35%**",
     crm.clv_lever_effects(1000, 0.85, 0.10)["change_pct"].iloc[2], "{:.2f}"),
    ("02_customer_lifetime_value", "two points off the discount rate add **8.7%**",
     crm.clv_lever_effects(1000, 0.85, 0.10)["change_pct"].iloc[3], "{:.1f}"),
    ("02_customer_lifetime_value", "at r = 0.95 they add about\n**58%**",
     crm.clv_lever_effects(1000, 0.95, 0.10)["change_pct"].iloc[2], "{:.0f}"),
    ("02_customer_lifetime_value", "The multiple at r = 0.85, i = 0.14 is 2.93",
     crm.margin_multiple(0.85, 0.14), "{:.2f}"),
]


@pytest.mark.parametrize("lesson, sentence, value, form", QUOTED,
                         ids=[f"{n[:2]}:{s[:30]}" for n, s, _, _ in QUOTED])
def test_prose_quotes_the_number_crmlib_computes(lesson, sentence, value, form):
    assert sentence in _markdown(LESSONS[lesson]), "the sentence changed: update this table"
    shown = {"Four": "Four" if round(float(value)) == 4 else "?"}.get(form)
    shown = shown or form.format(float(value))
    assert shown in sentence, (sentence, shown)


def test_net_clv_table_of_lesson_02_matches_its_prose():
    # "At retention 0.2 or 0.3 ... From 0.4 up they pay": 1000 r / (1.1 − r) − 500
    net = crm.customer_lifetime_value(1000, np.array([0.2, 0.3, 0.4]), 0.10, acquisition_cost=500)
    assert net[0] < 0 and net[1] < 0 and net[2] > 0
    text = _markdown(LESSONS["02_customer_lifetime_value"])
    assert "At retention 0.2 or 0.3 the customer is worth less than the 500" in text
    assert "From 0.4 up they pay" in text


# --- item 12: exercise counts in headers ----------------------------------------------------

WORDS = {"Three": 3, "Four": 4, "Five": 5, "Six": 6, "three": 3, "four": 4, "five": 5}


@pytest.mark.parametrize("name", list(SOLUTIONS), ids=list(SOLUTIONS))
def test_exercise_counts_are_right(name):
    notebook = nbformat.read(SOLUTIONS[name], as_version=4)
    count = sum(1 for c in notebook.cells if c.cell_type == "markdown"
                and re.match(r"## Exercise \d+\.", c.source))
    header = re.match(r"# [^\n]+\n\n(\w+) exercises on lesson", notebook.cells[0].source)
    assert header and WORDS[header[1]] == count
    pointer = re.search(r"`exercises/" + re.escape(EXERCISES[name].name) + r"`[^.]*? has (\w+) "
                        r"exercises", _markdown(LESSONS[name]))
    assert pointer and WORDS[pointer[1]] == count


# --- item 3: the course's terms, used one way ------------------------------------------------

def test_terms_are_used_one_way():
    for path in LESSONS.values():
        text = _markdown(path)
        assert "保留率" not in text, path.name      # the course's one term is 保持率
        assert "客户终身价值" not in text, path.name  # the glossary's term is 客户终生价值
    assert "客户保持率" in _markdown(LESSONS["00_start_here"])
    figures = _markdown(LESSONS["01_why_customer_relationships"])
    assert "5–8 times" not in figures
    for quoted in ("**5–6 times**", "**7 times**", "**8 times** (Forrester Research)"):
        assert quoted in figures
    assert "客户是企业的重要资产" in figures   # the slide's 价值主张


def test_lesson_02_says_which_convention_the_course_uses_and_works_another_case():
    text = _markdown(LESSONS["02_customer_lifetime_value"])
    assert "**The course uses one convention:**" in text and "**Why the other one exists:**" in text
    # the hotel's numbers are the exercise's: the lesson works a parallel case
    for hotel in ("7200", "15400", "9200", "17200", "1111.11", "2000 × 0.8"):
        assert hotel not in text, hotel


# --- item 8: no answers printed, no input example equal to an answer -------------------------

@pytest.mark.parametrize("path", [*LESSONS.values(), *SOLUTIONS.values(), *EXERCISES.values()],
                         ids=lambda p: f"{p.parent.name}/{p.stem[:20]}")
def test_no_notebook_shows_how_to_print_answers(path):
    notebook = nbformat.read(path, as_version=4)
    source = "\n".join(c.source for c in notebook.cells)
    for peek in ("answer_key", "._question(", "_answer_key", ".answer)", "SPECS["):
        assert peek not in source, peek


def _default_answers(solution_path) -> list[float]:
    """Every numeric answer of the exercises a solution notebook builds, for STUDENT_ID None."""
    notebook = nbformat.read(solution_path, as_version=4)
    answers = []
    for cell in notebook.cells:
        for call in re.finditer(r"crm\.exercises\.(\w+)\(student=STUDENT_ID(?:, when=\"(\w+)\")?",
                                cell.source):
            kwargs = {"when": call[2]} if call[2] else {}
            ex = getattr(crm.exercises, call[1])(**kwargs)
            for name in ex.question_names:
                answer = ex._question(name).answer
                if isinstance(answer, float):
                    answers.append(answer)
    return answers


@pytest.mark.parametrize("name", list(SOLUTIONS), ids=list(SOLUTIONS))
def test_no_input_example_equals_an_answer(name):
    answers = _default_answers(SOLUTIONS[name])
    assert answers
    examples = re.findall(r"`([^`]*\d[^`]*)`", _markdown(EXERCISES[name]))
    for example in examples:
        try:
            value = crm.exercises.parse_number(example)
        except ValueError:
            continue
        assert not any(np.isclose(value, a) for a in answers), example


def test_lesson_00_examples_are_not_exercise_answers():
    answers = [a for n in SOLUTIONS for a in _default_answers(SOLUTIONS[n])]
    for example in ("1,234", "1234元", "0.12万", "12%", "1.5亿", "1.2k"):
        assert f"`{example}`" in _markdown(LESSONS["00_start_here"])
        value = crm.exercises.parse_number(example)
        assert not any(np.isclose(value, a) for a in answers), example


# --- item 9: quotes in code, and no Ellipsis from an unanswered cell -------------------------

def test_lesson_00_shows_that_text_needs_quotes_in_code():
    notebook = nbformat.read(LESSONS["00_start_here"], as_version=4)
    cell = next(c for c in notebook.cells if c.cell_type == "code" and "typed = 1,234" in c.source)
    assert '"1,234元"' in cell.source
    shown = "".join(o.get("text", "") for o in cell.outputs)
    assert "tuple" in shown and "quotes" in shown
    assert "SyntaxError" in _markdown(LESSONS["00_start_here"])


def _bare_ellipsis_at_the_end(source: str) -> bool:
    body = ast.parse(source).body
    return bool(body) and isinstance(body[-1], ast.Expr) and \
        isinstance(body[-1].value, ast.Constant) and body[-1].value.value is Ellipsis


@pytest.mark.parametrize("name", list(EXERCISES), ids=list(EXERCISES))
def test_no_unanswered_cell_ends_in_a_bare_ellipsis(name):
    notebook = nbformat.read(EXERCISES[name], as_version=4)
    ending = [k for k, c in enumerate(notebook.cells)
              if c.cell_type == "code" and _bare_ellipsis_at_the_end(c.source)]
    assert not ending, f"cells {ending} would print Ellipsis"


@pytest.mark.parametrize("name", list(EXERCISES), ids=list(EXERCISES))
def test_unanswered_exercise_notebook_never_prints_ellipsis(name):
    notebook = nbformat.read(EXERCISES[name], as_version=4)
    execute_notebook(notebook, EXERCISES[name].parent)
    for k, cell in enumerate(c for c in notebook.cells if c.cell_type == "code"):
        for out in cell.outputs:
            text = out.get("text", "") or out.get("data", {}).get("text/plain", "")
            assert "Ellipsis" not in text, (k, text[:200])
            assert out.output_type != "error", (k, out.get("ename"))
