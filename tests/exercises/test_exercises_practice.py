"""Exercises of lesson 08 (CRM in practice): the exercises' own numbers worked by hand, the
hints for known wrong paths, answers in Chinese, and per-student variants.

The generic engine tests (tests/exercises/test_engine.py) also run over these specs: every
wrong path told apart for 30 students, every text in both languages, a reason for every option.
"""

import ast
import math
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import crmlib as crm
from crmlib import exercises
from crmlib.exercises import practice

FACTORIES = [exercises.unique_customers, exercises.campaign_rates,
             exercises.campaign_significance, exercises.campaign_profit, exercises.npv_payback,
             exercises.winning_vendor, exercises.signal_rules]
STUDENTS = ["2024001", "2024002", "2024017"]


def _hint(ex, question, answer):
    feedback = ex.check(question, answer)
    assert feedback.status == "incorrect", (question, answer, feedback)
    return feedback.message


# --------------------------------------------------------------------------- 1. one view


def test_unique_customers_own_records_by_hand():
    ex = exercises.unique_customers()
    # chains: 王芳 T0001–W0001 (138 1234 5678 = +86 138-1234-5678), W0001–C0002 (wang.fang@
    # in capitals); 李伟 T0002–T0003 (13905511234 = 139-0551-1234); 陈静 T0004–C0001
    # (186 2233 4455 = +86-18622334455), C0001–W0003 (chenjing@ with spaces and capitals);
    # 张敏 W0002–C0003 (0086 150 9988 7766 = 86-150-9988-7766); 周杰 T0005; 刘洋 W0004
    assert len(ex.records) == 12
    assert ex.check("customers", 6).correct and ex.check("customers", "6").correct
    assert not ex.check("customers", 7).correct
    # 王芳 3200 + 1200 + 450 = 4850 beats 李伟 3400, 周杰 3900, 陈静 3000, 张敏 2100, 刘洋 1600
    assert ex.check("top_total", "4,850元").correct
    assert ex.check("same_number", "138-1234-5687").correct
    assert ex.check("same_number", "D").correct


def test_unique_customers_wrong_paths():
    ex = exercises.unique_customers()
    assert "number of records" in _hint(ex, "customers", 12)
    # 11 names: 王芳/汪芳, 李伟/黎伟, Wang Fang, CHEN Jing … are all different strings
    assert "distinct names" in _hint(ex, "customers", 11)
    # 10 phones as written (W0003 and C0002 have none)
    assert "as written" in _hint(ex, "customers", 10)
    # by phone only C0002 (汪芳) and W0003 (CHEN Jing) stay alone: 6 + 2 = 8
    assert "phone only" in _hint(ex, "customers", 8)
    # by e-mail only: {W0001, C0002}, {W0002, C0003}, {W0003, C0001}, W0004 and the five till
    # records without e-mail: 9
    assert "e-mail only" in _hint(ex, "customers", 9)
    assert "largest single record" in _hint(ex, "top_total", 3900)      # 周杰's one record
    assert "phone only" in _hint(ex, "top_total", 4400)                 # 王芳 without C0002
    assert "country code" in _hint(ex, "same_number", "0086-138-1234-5678")
    assert "Full-width" in _hint(ex, "same_number", "C")


# --------------------------------------------------------------------------- 2. rates


def test_campaign_rates_own_numbers_by_hand():
    ex = exercises.campaign_rates()
    # 320 / 10,000 = 0.032; 40 / 2,000 = 0.020; uplift 0.012; lift 1.6; 0.012 × 10,000 = 120
    assert ex.check("rate_treated", 0.032).correct and ex.check("rate_treated", "3.2%").correct
    assert ex.check("rate_control", "2%").correct
    assert ex.check("uplift", 0.012).correct
    assert ex.check("lift", 1.6).correct
    assert ex.check("incremental_responses", 120).correct


def test_campaign_rates_wrong_paths():
    ex = exercises.campaign_rates()
    assert "everyone in the test" in _hint(ex, "rate_treated", 320 / 12_000)
    assert "size of the mailed group" in _hint(ex, "rate_control", 40 / 10_000)
    assert "relative increase" in _hint(ex, "uplift", 0.6)            # 1.6 − 1
    assert "percentage" in ex.check("uplift", 1.2).message             # points for a fraction
    assert "control ÷ mailed" in _hint(ex, "lift", 0.625)              # 0.02 / 0.032
    assert "control group" in _hint(ex, "incremental_responses", 24)   # 0.012 × 2,000
    assert "every purchase" in _hint(ex, "incremental_responses", 320)
    assert "subtracted the counts" in _hint(ex, "incremental_responses", 280)   # 320 − 40


# --------------------------------------------------------------------------- 3. significance


def test_campaign_significance_own_numbers_by_hand():
    ex = exercises.campaign_significance()
    # p_t = 105/3000 = 0.035, p_c = 15/600 = 0.025, uplift 0.010
    # SE = sqrt(0.035·0.965/3000 + 0.025·0.975/600) = sqrt(1.12583e-5 + 4.0625e-5)
    #    = sqrt(5.18833e-5) = 0.0072030; 1.96 × 0.0072030 = 0.014118
    assert ex.check("standard_error", 0.00720).correct
    assert ex.check("uplift_low", -0.0041).correct
    assert ex.check("uplift_high", 0.0241).correct
    assert ex.check("uplift_high", "2.41%").correct
    assert ex.check("distinguishable", "No: the interval contains 0").correct
    assert "contains 0" in ex.check("distinguishable", "no").message


def test_campaign_significance_wrong_paths():
    ex = exercises.campaign_significance()
    # pooled: p = 120/3600; sqrt(0.03333·0.96667·(1/3000 + 1/600)) = 0.0080277
    assert "pooled" in _hint(ex, "standard_error", 0.0080277)
    assert "pooled" in _hint(ex, "uplift_low", 0.010 - 1.959964 * 0.0080277)     # −0.0057
    # treated group alone: sqrt(1.12583e-5) = 0.0033553: the interval would exclude 0
    assert "alone" in _hint(ex, "uplift_low", 0.010 - 1.959964 * 0.0033553)     # +0.0034
    # standard errors added: 0.0033553 + 0.0063738 = 0.0097291
    assert "added" in _hint(ex, "uplift_high", 0.010 + 1.959964 * 0.0097291)
    # 90%: z = 1.644854
    assert "90%" in _hint(ex, "uplift_low", 0.010 - 1.644854 * 0.0072030)
    assert "variance" in _hint(ex, "standard_error", 5.18833e-5)
    assert "chance" in _hint(ex, "distinguishable", "Yes: the texted group's response rate "
                                                    "is higher")
    assert "5% level" in _hint(ex, "distinguishable", "D")


def test_campaign_significance_variants_reach_both_conclusions():
    answers = {practice.CAMPAIGN_SIGNIFICANCE.solve(practice.CAMPAIGN_SIGNIFICANCE.params(
        f"2024{k:03d}"))["distinguishable"] for k in range(40)}
    assert answers == {"yes_excludes_zero", "no_contains_zero"}


# --------------------------------------------------------------------------- 4. profit


def test_campaign_profit_own_numbers_by_hand():
    ex = exercises.campaign_profit()
    # 120 × 150 = 18,000 margin − 10,000 × 2 = 20,000 cost: −2,000; ROI −2,000/20,000 = −0.10
    # 20,000 / 120 = 166.67 per purchase the letter caused; break even at 150 × 0.012 = 1.80
    assert ex.check("incremental_profit", -2000).correct
    assert ex.check("roi", "-10%").correct
    assert ex.check("cost_per_acquisition", 166.67).correct
    assert ex.check("break_even_cost", 1.8).correct


def test_campaign_profit_wrong_paths():
    ex = exercises.campaign_profit()
    assert "all 320 purchases" in _hint(ex, "incremental_profit", 320 * 150 - 20_000)
    assert "subtract the cost" in _hint(ex, "incremental_profit", 18_000)
    assert "control group too" in _hint(ex, "incremental_profit", -2000 - 2 * 2000)
    assert "margin ÷ cost" in _hint(ex, "roi", 0.9)                    # 18,000 / 20,000
    assert "every purchase" in _hint(ex, "roi", 28_000 / 20_000)
    assert "flattering" in _hint(ex, "cost_per_acquisition", 62.5)     # 20,000 / 320
    assert "whole response rate" in _hint(ex, "break_even_cost", 4.8)  # 150 × 0.032


# --------------------------------------------------------------------------- 5. business case


def test_npv_payback_own_numbers_by_hand():
    ex = exercises.npv_payback()
    # −5 + 2/1.1 + 2.5/1.21 + 3/1.331 = −5 + 1.818182 + 2.066116 + 2.253944 = 1.138242
    assert ex.check("npv", 1.14).correct and ex.check("npv", 1.138242).correct
    assert not ex.check("npv", 1.15).correct and not ex.check("npv", 1.13).correct
    # cumulative −5, −3, −0.5, +2.5: 2 + 0.5/3 = 2.1667
    assert ex.check("payback", 2.17).correct
    # flows −45; 0.2·65 − 6 = 7; 0.45·65 − 6 = 23.25; 0.6·65 − 6 = 33 (years 3–5)
    # NPV = −45 + 6.363636 + 19.214876 + 24.793388 + 22.539444 + 20.490404 = 48.401748
    assert ex.check("case_npv", 48.40).correct
    # cumulative −45, −38, −14.75, +18.25: 2 + 14.75/33 = 2.44697
    assert ex.check("case_payback", 2.45).correct


def test_npv_payback_wrong_paths():
    ex = exercises.npv_payback()
    assert "plain sum" in _hint(ex, "npv", 2.5)                         # −5 + 2 + 2.5 + 3
    assert "investment too" in _hint(ex, "npv", 1.138242 / 1.1)         # 1.0348
    # −5 + 2 + 2.5/1.1 + 3/1.21 = 1.752066
    assert "start of its year" in _hint(ex, "npv", 1.752066)
    assert "subtract the investment" in _hint(ex, "npv", 6.138242)
    assert "whole years" in _hint(ex, "payback", 3)
    assert "year 0 as a year" in _hint(ex, "payback", 3.1667)
    # discounted: cumulative −5, −3.181818, −1.115702, +1.138242: 2 + 1.115702/2.253944
    assert "discounted payback" in _hint(ex, "payback", 2 + 1.115702 / 2.253944)
    # without the running cost: −45, 13, 29.25, 39, 39, 39 at 10% → 71.146
    assert "running cost" in _hint(ex, "case_npv", 71.146464)
    # cumulative −45, −32, −2.75: 2 + 2.75/39 = 2.0705
    assert "running cost" in _hint(ex, "case_payback", 2 + 2.75 / 39)
    # full benefit from year 1: 59 a year for five years: 59 × 3.790787 − 45 = 178.656
    assert "full benefit" in _hint(ex, "case_npv", 59 * 3.790787 - 45)
    assert "full benefit" in _hint(ex, "case_payback", 45 / 59)
    assert "plain sum" in _hint(ex, "case_npv", -45 + 7 + 23.25 + 3 * 33)


def test_npv_payback_units_in_chinese(chinese):
    ex = exercises.npv_payback()
    assert ex.check("case_npv", "４８．４０").correct
    assert "以百万元为单位" in ex.check("npv", 1_138_242).message   # yuan for million yuan


# --------------------------------------------------------------------------- 6. choosing


def test_winning_vendor_own_weights_by_hand():
    ex = exercises.winning_vendor()
    assert sum(ex.weights.values()) == pytest.approx(1.0)
    # rescaled (x − 1)/4, weights 0.25, 0.10, 0.15, 0.30, 0.05, 0.15:
    # Jiangnan Soft (4, 3, 4, 5, 2, 4): .1875 + .05 + .1125 + .30 + .0125 + .1125 = 0.775
    # Globe Suite (5, 4, 4, 3, 5, 4):   .25 + .075 + .1125 + .15 + .05 + .1125 = 0.750
    assert ex.check("winner", "Jiangnan Soft").correct
    assert ex.check("winner_score", 0.775).correct
    # Globe − Jiangnan with the global-support weight g: .0625 + .025 − .15 + .75 g = 0 at
    # g = 0.0833 (a move of 0.033); the implementation weight must fall to 0.25 (0.05)
    assert ex.check("closest_criterion", "global support").correct
    assert ex.check("closest_weight", 0.08).correct


def test_winning_vendor_wrong_paths():
    ex = exercises.winning_vendor()
    # raw: .25·4 + .10·3 + .15·4 + .30·5 + .05·2 + .15·4 = 4.1; /5: 0.82; plain mean 4/6
    assert "1–5 scale" in _hint(ex, "winner_score", 4.1)
    assert "divided the ratings by 5" in _hint(ex, "winner_score", 0.82)
    assert "weights" in _hint(ex, "winner_score", 4 / 6)
    assert "how far" in _hint(ex, "closest_weight", 1 / 30)            # 0.0833 − 0.05
    # reasons give ranks and directions, not the scores and weights the other questions ask for
    assert "ranks 2 of 4" in _hint(ex, "winner", "Globe Suite")        # 0.750 < Jiangnan's
    assert "0.750" not in _hint(ex, "winner", "Globe Suite")
    assert "Lowering it lets Globe Suite" in _hint(ex, "closest_criterion", "implementation")
    closest = ex.check("closest_criterion", "global support").message
    assert "raised far enough" in closest and "0.083" not in closest
    assert "No move" in _hint(ex, "closest_criterion", "vendor management")


def test_winning_vendor_in_chinese(chinese):
    ex = exercises.winning_vendor()
    assert "产品功能 0.25" in ex.story
    assert ex.check("winner", "Jiangnan Soft（国产套件）").correct
    assert ex.check("winner", "Jiangnan Soft").correct
    assert ex.check("closest_criterion", "全球化支持能力").correct
    assert "追平" in ex.check("closest_criterion", "实施能力").message


# --------------------------------------------------------------------------- 7. signals


def test_signal_rules_own_rules_counted_independently():
    ex = exercises.signal_rules()
    bank = crm.datasets.load_bank_customers()
    young, one = bank["life_stage"] == "young family", bank["products_held"] == 1
    online = bank["preferred_channel"] == "online"
    retire = (bank["age"] >= 55) & (bank["age"] < 65) & (bank["balance"]
                                                         >= 2 * bank["annual_income"])
    # counted with boolean masks, not signal_report: 1,031 and 160 of the 10,000 customers
    assert (young & one & online).sum() == 1031 and retire.sum() == 160
    assert ex.check("education_signals", 1031).correct
    assert ex.check("retirement_signals", 160).correct
    # young families are under 45: nobody shows both signals, 1,031 + 160 = 1,191
    assert ex.check("customers_flagged", 1191).correct


def test_signal_rules_wrong_paths():
    ex = exercises.signal_rules()
    bank = crm.datasets.load_bank_customers()
    young, online = bank["life_stage"] == "young family", bank["preferred_channel"] == "online"
    few, one = bank["products_held"] <= 2, bank["products_held"] == 1
    assert "at most two" in _hint(ex, "education_signals", int((young & few & online).sum()))
    assert "channel" in _hint(ex, "education_signals", int((young & one).sum()))
    assert "life stage" in _hint(ex, "education_signals", int((one & online).sum()))
    age = bank["age"]
    rich = bank["balance"] >= 2 * bank["annual_income"]
    assert "65-year-olds" in _hint(ex, "retirement_signals",
                                   int(((age >= 55) & (age <= 65) & rich).sum()))
    assert "one year's income" in _hint(ex, "retirement_signals", int(
        ((age >= 55) & (age < 65) & (bank["balance"] >= bank["annual_income"])).sum()))


def test_signal_rules_report_rows_hint_when_customers_show_both():
    # a mature-family rule overlaps the retirement rule: find a student whose report names
    # some customers twice, and check the hint there
    for k in range(60):
        params = practice.SIGNAL_RULES.params(f"2024{k:03d}")
        solved = practice.SIGNAL_RULES.solve(params)
        if solved["customers_flagged.report_rows"] != solved["customers_flagged"]:
            ex = exercises.signal_rules(student=f"2024{k:03d}")
            assert "rows in the report" in _hint(ex, "customers_flagged",
                                                 solved["customers_flagged.report_rows"])
            assert params["stage"] == "mature family"
            return
    pytest.fail("no student's rules overlap")


# --------------------------------------------------------------------------- all exercises


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f.__name__)
def test_variants_are_reproducible_and_personal(factory):
    def numbers(ex):   # the bank's 10,000 customers are the same for everyone
        return {k: v.to_json() if isinstance(v, pd.DataFrame) else v
                for k, v in ex.params.items() if k != "customers"}

    first = [numbers(factory(student=s)) for s in STUDENTS]
    again = [numbers(factory(student=s.lower() + " ")) for s in STUDENTS]
    assert first == again
    keys = [factory(student=s)._answer_key()["answer"].astype(str).tolist() for s in STUDENTS]
    keys.append(factory()._answer_key()["answer"].astype(str).tolist())
    assert len({tuple(k) for k in keys}) >= 3, "students should not share one answer key"


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f.__name__)
def test_a_students_key_passes_their_own_checks_only(factory):
    ex = factory(student="2024001")
    for question, answer in ex._answer_key()[["question", "answer"]].itertuples(index=False):
        assert ex.check(question, answer).correct, question


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f.__name__)
def test_every_exercise_speaks_chinese(factory, chinese):
    ex = factory()
    assert any("\u4e00" <= c <= "\u9fff" for c in ex.title + ex.story)
    for name in ex.question_names:
        assert any("\u4e00" <= c <= "\u9fff" for c in ex.prompt(name)), name


def test_chinese_answers_accepted(chinese):
    assert exercises.campaign_profit().check("incremental_profit", "－２，０００元").correct
    assert exercises.campaign_profit().check("cost_per_acquisition", "166.67元").correct
    assert exercises.campaign_rates().check("rate_treated", "３．２％").correct
    assert exercises.campaign_significance().check("distinguishable", "不能").correct
    assert exercises.unique_customers().check("customers", "６").correct
    assert exercises.signal_rules().check("education_signals", "１，０３１").correct
    message = exercises.campaign_rates().check("incremental_responses", 280).message
    assert "两组人数不同" in message


def test_student_data_are_whole_customers_the_rule_gets_right():
    # the per-student records come from the shipped data: every chosen true customer's
    # records, and the rule finds exactly those customers
    records = crm.datasets.load_customer_records()
    for student in STUDENTS:
        table = exercises.unique_customers(student=student).records
        rows = records.set_index("record_id").loc[table["record_id"]]
        true_ids = rows["true_id"].unique()
        assert len(table) == records["true_id"].isin(true_ids).sum()
        ids = crm.unify_customers(table)
        assert ids.nunique() == len(true_ids)
        assert crm.unification_quality(ids, rows["true_id"].to_numpy())["exactly_right"] == len(
            true_ids)


# --------------------------------------------------------------------------- the notebook

NOTEBOOK = Path(__file__).resolve().parents[2] / "exercises" / "08_crm_in_practice_exercises.ipynb"


def _default_answers():
    return [float(a) for f in FACTORIES for a in f()._answer_key()["answer"]
            if not isinstance(a, str)]


def test_exercise_notebook_gives_no_answer_away():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    markdown = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    answers = _default_answers()
    for example in re.findall(r"`([^`]*\d[^`]*)`|\(([\d.,%\" ]+)\)", markdown):
        for text in filter(None, example):
            try:
                value = crm.exercises.parse_number(text.strip('" '))
            except ValueError:
                continue
            assert not any(math.isclose(value, a) for a in answers), text
    # an unanswered cell never ends in a bare ... (it would print "Ellipsis")
    for k, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            body = ast.parse(cell.source).body
            assert not (body and isinstance(body[-1], ast.Expr)
                        and getattr(body[-1].value, "value", None) is Ellipsis), k


def test_exercise_notebook_builds_every_exercise_for_each_student():
    source = "\n".join(c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells
                       if c.cell_type == "code")
    for factory in FACTORIES:
        assert f"crm.exercises.{factory.__name__}(student=STUDENT_ID)" in source
