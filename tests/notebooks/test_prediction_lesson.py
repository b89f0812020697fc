"""Lesson 05 and exercises 05 (issue 15): prose that agrees with the numbers crmlib computes, the
course's terms used one way, the exercise count right, no answers printed or shown as input
examples, and an unanswered exercise notebook that shows every question (and its options) and
never prints ``Ellipsis``.
"""

import ast
import re

import nbformat
import numpy as np
import pandas as pd
import pytest

import crmlib as crm
from conftest import ROOT, execute_notebook

LESSON = ROOT / "lessons" / "05_predicting_customer_value.ipynb"
SOLUTION = ROOT / "solutions" / "05_predicting_customer_value_exercises.ipynb"
EXERCISE = ROOT / "exercises" / SOLUTION.name


def _markdown(path) -> str:
    notebook = nbformat.read(path, as_version=4)
    return "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")


@pytest.fixture(scope="module")
def cdnow():
    """What the lesson computes, recomputed here with crmlib (the lesson's own calls)."""
    log = crm.datasets.load_cdnow("sample")
    summary = crm.calibration_summary(log, calibration_end="1997-09-30",
                                      observation_end="1998-06-30", time_unit="W")
    model = crm.BetaGeoModel().fit(summary["frequency"], summary["recency"], summary["T"])
    repeat = summary[summary["frequency"] > 0]
    spend = crm.GammaGammaModel().fit(repeat["frequency"], repeat["monetary_value"])
    tracking = crm.purchase_tracking(model, log, calibration_end="1997-09-30",
                                     observation_end="1998-06-30")
    summary["predicted"] = model.conditional_expected_purchases(
        39, summary["frequency"], summary["recency"], summary["T"])
    expected_spend = spend.conditional_expected_spend(summary["frequency"],
                                                      summary["monetary_value"])
    summary["clv"] = crm.predicted_customer_lifetime_value(
        model, summary["frequency"], summary["recency"], summary["T"], expected_spend,
        profit_margin=0.30, annual_discount_rate=0.10, horizon=52, time_unit="W")
    summary["past_spend"] = summary["frequency"] * summary["monetary_value"]
    summary["holdout_spend"] = summary["frequency_holdout"] * summary["monetary_value_holdout"]
    return {"log": log, "summary": summary, "model": model, "spend": spend,
            "tracking": tracking, "repeat": repeat}


def _quoted(c):
    """(the sentence as the lesson writes it, the number crmlib computes, how it is written)."""
    s, model, spend, tracking = c["summary"], c["model"], c["spend"], c["tracking"]
    one = s.loc[1]
    params = model.params_
    table = model.summary()
    a, b = params["a"], params["b"]
    # delta method for a/(a+b): gradient (b, -a)/(a+b)^2 against the covariance of (a, b)
    gradient = np.array([b, -a]) / (a + b) ** 2
    covariance = model._covariance[2:, 2:]
    dropout_se = float(np.sqrt(gradient @ covariance @ gradient))
    holdout = tracking[tracking["holdout"]]
    week_78 = tracking.loc[78]
    zero = s[s["frequency"] == 0]
    n = len(s) // 10
    by_model, by_past = s.nlargest(n, "clv"), s.nlargest(n, "past_spend")
    gg = spend.params_
    two = spend.conditional_expected_spend(np.array([1, 10]), np.array([100.0, 100.0]))
    lapsed, back = s.loc[1901], s.loc[1580]
    alive_20 = model.probability_alive(10, 20.0, 39.0)
    return [
        ("a 1/10 sample of 2,357 customers", len(s), "{:,}"),
        ("01-01 to 08-02 is 213 days =\n  **30.43** weeks", one["recency"], "{:.2f}"),
        ("01-01 to 09-30 is 272\n  days = **38.86** weeks", one["T"], "{:.2f}"),
        ("(29.73 + 14.96) / 2 = **22.35** dollars", one["monetary_value"], "{:.2f}"),
        ("Customer 1's row reads 2, 30.43", one["frequency"], "{:.0f}"),
        ("and 1 purchase in the\n39-week holdout", one["frequency_holdout"], "{:.0f}"),
        ("Six customers in ten bought once", (s["frequency"] == 0).mean(), "Six"),
        ("their log-likelihood,\n−9582.4", -model.log_likelihood_, "{:.1f}"),
        ("0.243 / 4.414 = 0.055 purchases a week", params["r"] / params["alpha"], "{:.3f}"),
        ("about 2.9 a\n  year", params["r"] / params["alpha"] * crm.units.WEEKS_PER_YEAR,
         "{:.1f}"),
        ("0.793 / 3.219 = 0.25", a / (a + b), "{:.2f}"),
        ("$r$ between 0.22 and 0.27", table.loc["r", "lower_95"], "{:.2f}"),
        ("$r$ between 0.22 and 0.27", table.loc["r", "upper_95"], "{:.2f}"),
        ("$a$ = 0.79 ± 0.19", table.loc["a", "std_error"], "{:.2f}"),
        ("$b$ = 2.43 ± 0.71", table.loc["b", "std_error"], "{:.2f}"),
        ("from 0.50 to 1.25", table.loc["a", "lower_95"], "{:.2f}"),
        ("from 0.50 to 1.25", table.loc["a", "upper_95"], "{:.2f}"),
        ("from\n1.37 to 4.29", table.loc["b", "lower_95"], "{:.2f}"),
        ("from\n1.37 to 4.29", table.loc["b", "upper_95"], "{:.2f}"),
        ("$a/(a+b)$ = 0.25 ± 0.02", dropout_se, "{:.2f}"),
        ("including the 1,411 customers", len(zero), "{:,}"),
        ("A 73% chance that customer 1",
         model.probability_alive(one["frequency"], one["recency"], one["T"]), "{:.0%}"),
        ("and 1.226 expected purchases", one["predicted"], "{:.3f}"),
        ("ends **4% short** after 78 weeks",
         1 - week_78["cumulative_expected"] / week_78["cumulative_actual"], "{:.0%}"),
        ("1,882 actual repeat purchases", holdout["actual"].sum(), "{:,}"),
        ("about 1,664 forecast", holdout["expected"].sum(), "{:,.0f}"),
        ("1,664 forecast, 12% short", 1 - holdout["expected"].sum() / holdout["actual"].sum(),
         "{:.0%}"),
        ("(between 28 and 85 repeat purchases a week", holdout["actual"].min(), "{}"),
        ("(between 28 and 85 repeat purchases a week", holdout["actual"].max(), "{}"),
        ("made 334 purchases in the\nholdout", zero["frequency_holdout"].sum(), "{}"),
        ("**0.24** each", zero["frequency_holdout"].mean(), "{:.2f}"),
        ("the model expected **0.23**", zero["predicted"].mean(), "{:.2f}"),
        ("against\n**1.23** for customer 1", one["predicted"], "{:.2f}"),
        ("the **946 repeat buyers**", len(c["repeat"]), "{}"),
        ("A correlation of **0.11**", crm.spend_frequency_correlation(
            c["repeat"]["frequency"], c["repeat"]["monetary_value"]), "{:.2f}"),
        ("6.25 × 15.44 / 2.74 = **35.2** dollars", spend.mean_spend_, "{:.1f}"),
        ("an expected spend of only **80.22**", two[0], "{:.2f}"),
        ("convincing: **97.27**", two[1], "{:.2f}"),
        # 100 → 80.22 against the mean 35.2: (100 − 80.22) / (100 − 35.2) ≈ 0.31, "a third"
        ("$(q-1)/(px+q-1)$ = **0.31**", (gg["q"] - 1) / (gg["p"] + gg["q"] - 1), "{:.2f}"),
        ("weight of only 0.04", (gg["q"] - 1) / (10 * gg["p"] + gg["q"] - 1), "{:.2f}"),
        ("$1.1^{1/52.18} - 1$ = 0.18% a week",
         crm.units.discount_rate_per_period(0.10, crm.units.WEEKS_PER_YEAR), "{:.2%}"),
        ("worth **9.22** dollars of profit", s["clv"].mean(), "{:.2f}"),
        ("the median is\nonly **3.10**", s["clv"].median(), "{:.2f}"),
        ("**the top 20% hold\n71%**",
         s["clv"].nlargest(len(s) // 5).sum() / s["clv"].sum(), "{:.0%}"),
        ("Take the top 10% (235 customers)", n, "{}"),
        ("(186 of 235 customers)", by_model.index.intersection(by_past.index).size, "{}"),
        ("(35,629 and 34,813 of 70,976 dollars)", by_model["holdout_spend"].sum(), "{:,.0f}"),
        ("(35,629 and 34,813 of 70,976 dollars)", by_past["holdout_spend"].sum(), "{:,.0f}"),
        ("(35,629 and 34,813 of 70,976 dollars)", s["holdout_spend"].sum(), "{:,.0f}"),
        ("spent **6,292** dollars", lapsed["past_spend"], "{:,.0f}"),
        ("on 21 repeat\npurchases", lapsed["frequency"], "{:.0f}"),
        ("all within 5 weeks of joining", lapsed["recency"], "{:.0f}"),
        ("then nothing for 25 weeks", lapsed["T"] - lapsed["recency"], "{:.0f}"),  # 24.57
        ("gives them a CLV of **0**", lapsed["clv"], "{:.0f}"),
        ("silent for 19 weeks after", back["T"] - back["recency"], "{:.0f}"),
        ("after 9 repeat\npurchases", back["frequency"], "{:.0f}"),
        ("came back and spent 386 dollars", back["holdout_spend"], "{:.0f}"),
        ("P(alive) jumps from 0.04 to 0.92", alive_20, "{:.2f}"),
        ("P(alive) jumps from 0.04 to 0.92", model.probability_alive(10, 38.0, 39.0), "{:.2f}"),
        ("from 0.28 to 6.67", model.conditional_expected_purchases(39, 10, 20.0, 39.0),
         "{:.2f}"),
        ("from 0.28 to 6.67", model.conditional_expected_purchases(39, 10, 38.0, 39.0),
         "{:.2f}"),
        ("fall to 0.19", model.conditional_expected_purchases(39, 0, 0.0, 39.0), "{:.2f}"),
        ("low expected purchases (0.23 in 39 weeks)", zero["predicted"].mean(), "{:.2f}"),
        ("frequency **2**; recency 1 March to\n   5 April = **35** days", None, None),
        ("on CDNOW $b$ = 2.43 ± 0.71", table.loc["b", "std_error"], "{:.2f}"),
    ]


def test_prose_quotes_the_numbers_crmlib_computes(cdnow):
    text = _markdown(LESSON)
    for sentence, value, form in _quoted(cdnow):
        assert sentence in text, f"the sentence changed: update this table: {sentence!r}"
        if value is None:
            continue
        shown = ("Six" if round(float(value), 1) == 0.6 else "?") if form == "Six" \
            else form.format(value.item() if hasattr(value, "item") else value)
        assert shown in sentence, (sentence, shown)


def test_check_your_understanding_question_1_by_hand():
    # bought 1 March, twice on 15 March, 5 April; calibration ends 30 April: frequency 2,
    # recency 1 March -> 5 April = 35 days, T 1 March -> 30 April = 60 days
    log = pd.DataFrame({"customer_id": [1, 1, 1, 1],
                        "date": pd.to_datetime(["2024-03-01", "2024-03-15", "2024-03-15",
                                                "2024-04-05"]),
                        "amount": [10.0, 5.0, 5.0, 20.0]})
    row = crm.calibration_summary(log, calibration_end="2024-04-30", time_unit="D").loc[1]
    assert (row["frequency"], row["recency"], row["T"]) == (2, 35, 60)
    assert "T 1 March to 30 April = **60** days" in _markdown(LESSON)


def test_the_worked_customer_reproduces_the_paper(cdnow):
    # Fader, Hardie & Lee (2005), the worked customer: 1.226 expected purchases in 39 weeks
    assert "**1.226** purchases" in _markdown(LESSON)
    assert round(float(cdnow["summary"].loc[1, "predicted"]), 3) == 1.226


def test_no_holdout_year_and_every_time_has_its_unit():
    text = _markdown(LESSON)
    assert "holdout year" not in text and "next year's spend" not in text
    assert "about 0.2 " not in text and "about 0.2:" not in text


# --- item 3: the course's terms ---------------------------------------------------------------

def test_terms_as_the_glossary_writes_them():
    text = re.sub(r"\s+", " ", _markdown(LESSON))
    assert "客户终身价值" not in text
    glossary = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    rows = {}   # "alive (P(alive))" | "活跃（活跃概率）" is the row of "alive" | "活跃"
    for english, chinese in re.findall(r"^\| ([^|]+?) \| ([^|]+?) \| \d\d \|$", glossary,
                                       re.MULTILINE):
        rows[re.sub(r" \(.*\)$", "", english)] = re.sub(r"（.*）$", "", chinese)
    glossed = re.findall(r"\*\*([A-Za-z][^*(,]*?)(?:, | \()([^)*]*[\u4e00-\u9fff][^)*]*)\)?\*\*",
                         text)
    assert len(glossed) >= 10
    for english, chinese in glossed:   # every bold term glossed in Chinese: the glossary's term
        assert rows.get(english.lower()) == chinese, (english, chinese)
    assert rows["predicted customer lifetime value"].endswith(rows["customer lifetime value"])


# --- item 12: the exercise count ---------------------------------------------------------------

def test_exercise_count_is_right():
    notebook = nbformat.read(SOLUTION, as_version=4)
    count = sum(1 for c in notebook.cells if c.cell_type == "markdown"
                and re.match(r"## Exercise \d+\.", c.source))
    assert count == 5
    assert notebook.cells[0].source.count("Five exercises on lesson 05") == 1
    assert "`exercises/05_predicting_customer_value_exercises.ipynb` has five exercises" in \
        _markdown(LESSON)


# --- item 8: no answers printed, no input example equal to an answer --------------------------

@pytest.mark.parametrize("path", [LESSON, SOLUTION, EXERCISE], ids=lambda p: p.parent.name)
def test_no_notebook_shows_how_to_print_answers(path):
    source = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
    for peek in ("answer_key", "._question(", "_answer_key", ".answer)", "SPECS["):
        assert peek not in source, peek


def _default_answers() -> list[float]:
    answers = []
    for spec in crm.exercises.prediction.SPECS:
        for name, value in spec.solve(spec.params()).items():
            if "." not in name and isinstance(value, int | float):
                answers.append(float(value))
    return answers


def test_no_input_example_equals_an_answer():
    answers = _default_answers()
    examples = re.findall(r"`([^`]*\d[^`]*)`", _markdown(EXERCISE))
    for example in examples:
        try:
            value = crm.exercises.parse_number(example)
        except ValueError:
            continue
        assert not any(np.isclose(value, a) for a in answers), example


# --- items 9 and 15: the unanswered notebook shows every question, never Ellipsis ------------

def _bare_ellipsis_at_the_end(source: str) -> bool:
    body = ast.parse(source).body
    return bool(body) and isinstance(body[-1], ast.Expr) and \
        isinstance(body[-1].value, ast.Constant) and body[-1].value.value is Ellipsis


def test_no_unanswered_cell_ends_in_a_bare_ellipsis():
    notebook = nbformat.read(EXERCISE, as_version=4)
    ending = [k for k, c in enumerate(notebook.cells)
              if c.cell_type == "code" and _bare_ellipsis_at_the_end(c.source)]
    assert not ending


def test_unanswered_notebook_shows_every_question_and_never_ellipsis():
    notebook = nbformat.read(EXERCISE, as_version=4)
    execute_notebook(notebook, EXERCISE.parent)
    shown = []
    for k, cell in enumerate(c for c in notebook.cells if c.cell_type == "code"):
        for out in cell.outputs:
            text = out.get("text", "") or out.get("data", {}).get("text/plain", "")
            assert "Ellipsis" not in text, (k, text[:200])
            assert out.output_type != "error", (k, out.get("ename"))
            shown.append(text)
    shown = "\n".join(shown)
    for spec in crm.exercises.prediction.SPECS:
        ex = spec.build()
        for name in ex.question_names:
            assert ex.prompt(name) in shown, name          # every question is asked
            for option in ex.options(name):
                assert option in shown, (name, option)     # with its options
