"""Issue 15 for the customer-value exercises (lessons 00–02): true to the course and kind to a
student working alone. The rules every spec of every unit keeps (no public answer key, input
messages, precision and honest rounding, choices in either language, no answer leaks, plain
numbers) are in test_student_alone.py; here are this unit's own examples (items 1, 2, 6, 9 and
14).

Expected numbers are the course's (the hotel: churn 20% → 10%, profit 2000, acquisition 800,
fee 200; course project 001, 练习案例 1) worked out by hand in the comments.
"""

import pytest

import crmlib as crm
from conftest import STUDENTS
from crmlib.exercises import customer_value

# --- item 1: the hotel uses the course's formula by default --------------------------------

def test_hotel_course_formula_everywhere_by_default():
    hotel = crm.exercises.hotel_loyalty()
    # 2000 × 0.8 / 0.2 − 800 = 7200 and 1800 × 0.9 / 0.1 − 800 = 15400, acquisition included
    assert hotel.check("clv_before", "7200").correct
    assert hotel.check("clv_after", "15400").correct
    assert crm.exercises.SPECS["hotel_loyalty"].settings == {"when": "end"}
    # the 1/churn convention stays as the comparison: 2000 / 0.2 − 800 = 9200, 1800 / 0.1 − 800
    compare = crm.exercises.hotel_loyalty(when="begin")
    assert compare.check("clv_before", "9200").correct
    assert compare.check("clv_after", "17200").correct
    assert not hotel.check("clv_before", "9200").correct


# --- item 2: truthful labels ---------------------------------------------------------------

@pytest.mark.parametrize("spec, label", [
    (customer_value.HOTEL_LOYALTY, "course"), (customer_value.RUNNING_UP_HILL, "course"),
    (customer_value.STEW_LEONARDS, "course"), (customer_value.CRM_BUDGET, "illustrative"),
    (customer_value.FEWER_DEFECTIONS, "illustrative"), (customer_value.TWO_OFFERS, "illustrative"),
    (customer_value.THREE_PERIOD_CLV, "illustrative"),
    (customer_value.CLV_RULE_OF_THUMB, "illustrative")], ids=lambda x: getattr(x, "key", x))
def test_numbers_are_labelled_truthfully(spec, label, capsys):
    # the course material gives the hotel's, the turnover scenario's and Stew Leonard's numbers;
    # the quick assessment has none ("the handout gives no numbers"), the others are the kit's
    assert spec.numbers == label
    spec.build().show()
    first = capsys.readouterr().out.splitlines()[0]
    assert (("the course's numbers" in first) == (label == "course"))
    assert (("illustrative numbers" in first) == (label == "illustrative"))


def test_crm_budget_does_not_claim_the_textbooks_numbers(capsys):
    crm.exercises.crm_budget().show()
    shown = capsys.readouterr().out
    assert "textbook" not in shown and "course's numbers" not in shown
    assert "illustrat" in shown


def test_stew_leonards_says_which_numbers_are_the_case_and_which_the_kits():
    story = crm.exercises.stew_leonards().story
    assert "the case's figures" in story and "the case gives no margin" in story


# --- item 6: choices in English or Chinese, synonyms, the list of allowed answers ----------

def test_named_examples_of_item_6():
    assert crm.exercises.running_up_hill().check("double_growth", "规模不变").correct
    assert crm.exercises.two_offers().check("choice", "方案 B（价格较高）").correct
    assert crm.exercises.clv_rule_of_thumb().check("lever", "客户保持率提高 5 个百分点").correct
    assert crm.exercises.clv_rule_of_thumb().check("acquire", "值得").correct
    assert crm.exercises.crm_budget().check("largest", "retention gap").correct


# --- item 8: no answer leaks ---------------------------------------------------------------

# --- item 9: input messages ----------------------------------------------------------------

def test_non_finite_message_in_chinese():
    crm.set_language("zh")
    feedback = crm.exercises.hotel_loyalty().check("clv_before", "1e999")
    assert feedback.status == "invalid" and feedback.message


# --- item 14: tolerances that match the question -------------------------------------------

def test_fewer_defections_clv_increase_named_in_the_issue():
    ex = crm.exercises.fewer_defections()
    # 0.85/0.25 ÷ 0.8/0.3 − 1 = 3.4 / 2.6667 − 1 = 0.275: two decimals asked
    for answer in (0.27, 0.28, "28%", 0.275):
        assert ex.check("clv_increase", answer).correct


def test_wrong_paths_of_the_unit_stay_wrong_under_the_policy():
    """Every known wrong path of every question, for 30 students, is told apart (the engine's
    generic test does this for every spec; here also the hotel's 1/churn comparison)."""
    spec = customer_value.HOTEL_LOYALTY
    for student in STUDENTS:
        params = spec.params(student, when="begin")
        assert all(not dropped for _, dropped in spec.audit(params).values()), student


