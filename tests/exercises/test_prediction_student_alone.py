"""Issue 15 for the prediction exercises (lesson 05): kind to a student working alone.

The rules every spec of every unit keeps (no public answer key, input messages, precision and
honest rounding, choices in either language, no answer leaks, plain numbers) are in
test_student_alone.py; here are this unit's own examples: items 6 (letters are not customers), 7
(every exercise names its data), 14 (precision that tells the known wrong paths apart), 15
(correct options not in letter order) and 16 (hints for days against weeks, RFM recency and a
Timedelta).

Expected numbers are worked by hand in the comments from the published CDNOW estimates
(Fader, Hardie & Lee 2005: r = 0.243, α = 4.414, a = 0.793, b = 2.426; Gamma-Gamma p = 6.25,
q = 3.74, γ = 15.44).
"""

import numpy as np
import pandas as pd
import pytest

import crmlib as crm
from conftest import choices
from crmlib import i18n
from crmlib.exercises import prediction

SPECS = prediction.SPECS


# --- item 2: truthful labels -----------------------------------------------------------------

@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_numbers_are_labelled_illustrative(spec, capsys):
    # the course material gives no purchase-model numbers: the logs and customers are the kit's,
    # the parameters the published CDNOW estimates the kit chose
    assert spec.numbers == "illustrative"
    spec.build().show()
    assert "illustrative numbers" in capsys.readouterr().out.splitlines()[0]


# --- item 6: choices in English or Chinese, synonyms, no letters for people -----------------

def test_named_examples_of_item_6():
    # the kit's eight customers: Lin has the highest predicted CLV (a Chinese name is accepted)
    ex = crm.exercises.target_customers()
    for answer in ("Lin", "lin", "林", "Lin（林）"):
        assert ex.check("top_customer", answer).correct, answer
    assert crm.exercises.probability_alive_comparison().check("why", "沉默").correct
    assert crm.exercises.interpret_parameters().check("heterogeneity", "购买率差异很大").correct


def test_a_letter_is_never_read_as_a_customer():
    # "G" would be the 7th option (Ma), "C" the 3rd (Gao): a student typing an initial means
    # Gao or Chen. Letters are refused, with the list of names
    ex = crm.exercises.target_customers()
    for letter in ("G", "C", "l", "A)"):
        feedback = ex.check("top_customer", letter)
        assert feedback.status == "invalid" and "letter" in feedback.message
        assert all(name in feedback.message for name in prediction.CUSTOMER_NAMES)


# --- item 7: every exercise names its data ---------------------------------------------------

@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_every_number_is_named_where_the_student_reads(spec):
    """Each attribute of the exercise (``ex.log``, ``ex.customers``, ``ex.group`` …) is named
    in the story or in a prompt, so a student knows where their data are."""
    for language in ("en", "zh"):
        i18n.set_language(language)
        ex = spec.build()
        shown = " ".join([ex.story, *(ex.prompt(name) for name in ex.question_names)])
        for name in ex.params:
            assert f"`ex.{name}`" in shown, (language, name)


# --- item 8: no answer leaks -------------------------------------------------------------------

# --- item 9: input messages ------------------------------------------------------------------

def test_input_messages_in_chinese():
    crm.set_language("zh")
    ex = crm.exercises.target_customers()
    assert ex.check("top3_value", "1e999").status == "invalid"
    unanswered = ex.check("decision", ...)
    assert "平等地联系所有人" in unanswered.message  # the options, in Chinese


# --- item 14: precision that matches the question -------------------------------------------

def test_top3_value_tells_gamma_gamma_from_the_raw_mean_spend():
    # the example: the top three by predicted CLV (Lin, Gao, Zhou) are worth 120.53
    # together; with the raw monetary_value instead of the Gamma-Gamma expected spend 120.65.
    # Two decimals are asked, so 120.53 ± 0.005 is accepted and 120.65 is a known wrong path.
    ex = crm.exercises.target_customers()
    assert "to 2 decimal places" in ex.prompt("top3_value")
    assert ex.check("top3_value", 120.53).correct
    for near in (120.52, 120.54, 120.65):
        assert not ex.check("top3_value", near).correct, near
    assert "Gamma-Gamma expected spend" in ex.check("top3_value", 120.65).message


def test_top3_value_by_hand_for_one_customer():
    # Gamma-Gamma for Lin (x = 8, mean 25): 6.25 (15.44 + 8 × 25) / (6.25 × 8 + 3.74 − 1)
    # = 1346.5 / 52.74 = 25.531; for Zhou (x = 6, mean 40): 6.25 × 255.44 / 40.24
    # = 1596.5 / 40.24 = 39.674
    ex = crm.exercises.target_customers()
    spend = crm.GammaGammaModel.from_params(**ex.gamma_gamma).conditional_expected_spend(
        np.array([8, 6]), np.array([25.0, 40.0]))
    np.testing.assert_allclose(spend, [25.531, 39.674], atol=5e-4)


# --- item 15: every question visible where it is asked --------------------------------------

def test_correct_options_are_not_in_letter_order():
    # the lettered choices in notebook order: heterogeneity, why, decision
    letters = []
    for spec in SPECS:
        solved = spec.solve(spec.params())
        for question in choices(spec):
            if question.letters:
                letters.append("ABCD"[question.options.index(solved[question.name])])
    assert letters == ["C", "B", "D"]
    assert len(set(letters)) == len(letters) and letters != sorted(letters)


def test_group_size_and_the_meaning_of_each_question_are_shown():
    quarter = crm.exercises.next_quarter_purchases(student="2024003")
    assert f"{quarter.group} customers" in quarter.prompt("group_quarter")
    target = crm.exercises.target_customers()
    assert "the sum of their three values" in target.prompt("top3_value")
    assert "frequency × monetary_value" in target.prompt("overlap_with_past_spend")
    assert "0 to 3" in target.prompt("overlap_with_past_spend")


# --- item 16: days against weeks, RFM recency, a Timedelta ----------------------------------

def test_days_for_weeks_gets_a_hint():
    # customer A: first purchase 2024-01-06, last 2024-03-16: 70 days = 10 weeks
    ex = crm.exercises.purchase_log_summary()
    feedback = ex.check("a_recency", 70)
    assert not feedback.correct
    assert "in days" in feedback.message and "divide by 7" in feedback.message
    # T: 2024-01-06 to 2024-03-30 is 84 days = 12 weeks
    assert "in days" in ex.check("a_T", 84).message


def test_rfm_recency_gets_a_hint():
    # A's RFM recency is T − t_x = 12 − 10 = 2 weeks
    ex = crm.exercises.purchase_log_summary()
    assert "RFM" in ex.check("a_recency", 2).message
    # the next-quarter customer: t_x = 32, T = 38, so RFM recency 6 weeks; the conditional
    # expectation with t_x = 6 is far lower than with 32 (a long silence)
    quarter = crm.exercises.next_quarter_purchases()
    model = crm.BetaGeoModel.from_params(**prediction.CDNOW_BGNBD)
    slip = model.conditional_expected_purchases(quarter.quarter, 4, 6.0, 38.0)
    assert "RFM" in quarter.check("customer_quarter", slip).message


def test_a_timedelta_gets_told_to_take_days():
    ex = crm.exercises.purchase_log_summary()
    span = pd.Timestamp("2024-03-16") - pd.Timestamp("2024-01-06")
    for answer in (span, span.to_pytimedelta(), np.timedelta64(70, "D")):
        feedback = ex.check("a_recency", answer)
        assert feedback.status == "invalid" and ".days" in feedback.message
    assert ex.check("a_recency", span.days / 7).correct
    crm.set_language("zh")
    assert ".days" in ex.check("a_recency", span).message


def test_a_purchase_after_the_calibration_end_is_named():
    # C buys on 01-20, 03-02 and 04-06; the calibration ends on 03-30: frequency 1, not 2
    ex = crm.exercises.purchase_log_summary()
    assert "after the calibration end" in ex.check("c_frequency", 2).message
    # T measured to the last date of the log (04-06: 91 days = 13 weeks) instead of 03-30
    assert "last date in the log" in ex.check("a_T", 13).message
