"""Issue 15 for the customer selection exercises (lesson 04): kind to a student working alone.
The rules every spec of every unit keeps (no public answer key, input messages, precision and
honest rounding, choices in either language, no answer leaks, plain numbers) are in
test_student_alone.py; here are this unit's own examples: items 6, 7, 8, 9, 11, 14 and 16.

Expected values are hand calculations written out in the comments, from the exercises' own
numbers (see the factories' docstrings) or from the course material (course project 001 for the
customer classes and Cheverton's matrix with the names 最有价值 / 重点开发; slides 003 for the
customer tiers).
"""

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

import crmlib as crm
from conftest import STUDENTS, choices
from crmlib import i18n
from crmlib.exercises import Numeric, selection

SPECS = selection.SPECS


# --- the unit is registered and labelled truthfully --------------------------------------------

def test_every_exercise_of_the_unit_is_a_registered_spec():
    assert [spec.key for spec in SPECS] == [
        "profit_concentration", "classify_people", "rfm_scoring", "cheverton_account",
        "value_matrix_placement", "limited_budget"]
    for spec in SPECS:
        assert crm.exercises.SPECS[spec.key] is spec
        # graded work never computes an answer student-side
        ex = spec.build("2024001", graded=True)
        assert all(math.isnan(ex._question(q.name).answer) for q in spec.questions
                   if isinstance(q, Numeric))


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_numbers_are_labelled_illustrative(spec, capsys):
    # the course gives the securities firm's 20% -> 90%, the classes, the matrices and the
    # operator's rules, but no customer-level numbers: every exercise's numbers are the kit's
    assert spec.numbers == "illustrative"
    spec.build().show()
    first = capsys.readouterr().out.splitlines()[0]
    assert "illustrative numbers" in first and "course's numbers" not in first


# --- item 6: choices in English or Chinese, synonyms, no silent letters ------------------------

def test_named_examples_of_item_6():
    people = crm.exercises.classify_people()
    # A last bought 400 days before 2024-12-31 (> 365): lost, 流失客户 in the course's words
    assert people.check("class_A", "流失客户").correct
    assert people.check("class_A", "lost customer").correct
    assert people.check("class_B", "现实客户").correct
    # the course's names in Cheverton's matrix (course project 001): 关键发展客户 = 重点开发
    account = crm.exercises.cheverton_account()
    for answer in ("key development", "key-development customers", "重点开发", "重点开发客户",
                   "关键发展客户", "关键发展客户（重点开发）"):
        assert account.check("quadrant", answer).correct, answer
    assert not account.check("quadrant", "最有价值").correct      # that is the key customers
    assert crm.exercises.value_matrix_placement().check("tier_V1", "高端客户").correct
    assert crm.exercises.rfm_scoring().check("segment", "沉睡客户").correct
    assert crm.exercises.limited_budget().check("opportunistic_rule", "不做无法兑现承诺").correct


def test_a_single_letter_is_never_read_as_an_option_when_people_are_named_a_to_e():
    ex = crm.exercises.classify_people()
    for person in "ABCDE":
        for letter in ("A", "b", "C)", "e."):
            feedback = ex.check(f"class_{person}", letter)
            assert feedback.status == "invalid" and "letter" in feedback.message
            assert "non-customer" in feedback.message and "lost" in feedback.message
    # where no one is named by a letter, letters pick options (the second rule: right methods)
    assert crm.exercises.cheverton_account().check("strategy", "B").correct


# --- item 7: every exercise names its data ---------------------------------------------------

@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_every_exercise_names_its_data_in_the_story(spec):
    for student in STUDENTS[:5]:
        ex = spec.build(student)
        for name, value in ex.params.items():
            if isinstance(value, pd.DataFrame | pd.Series | dict):
                assert f"`ex.{name}`" in ex.story, (spec.key, name)


def test_the_data_the_issue_names_is_introduced():
    assert "`ex.people`" in crm.exercises.classify_people().story
    assert "`ex.customers`" in crm.exercises.value_matrix_placement().story
    budget = crm.exercises.limited_budget().story
    assert "`ex.accounts`" in budget and "`ex.budget`" in budget


# --- item 8: no answer leaks -----------------------------------------------------------------

def test_quadrant_reasons_do_not_give_the_scores():
    # the scores 0.775 and 0.35 are the two questions before the quadrant: the reasons name the
    # rule and the threshold (0.5), never the account's scores
    ex = crm.exercises.cheverton_account()
    for option in ex.options("quadrant"):
        message = ex.check("quadrant", option).message
        assert "0.775" not in message and "0.35" not in message and "0.5" in message


# --- item 9: input messages; an accepted answer stays usable ----------------------------------

def test_a_score_typed_as_a_percentage_is_accepted():
    # 0.5 × (5 − 1)/4 + 0.3 × (4 − 1)/4 + 0.2 × (2 − 1)/4 = 0.5 + 0.225 + 0.05 = 0.775
    ex = crm.exercises.cheverton_account()
    for answer in ("77.5%", "0.775", 0.775, 0.78, "78%"):
        assert ex.check("attractiveness", answer).correct, answer


# --- item 11: every wrong choice gets a reason -------------------------------------------------

@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_every_option_of_every_choice_has_its_own_reason(spec):
    for language in ("en", "zh"):
        i18n.set_language(language)
        for student in STUDENTS[:10]:
            ex = spec.build(student)
            for question in choices(spec):
                reasons = set()
                for option in ex.options(question.name):
                    message = ex.check(question.name, option).message
                    assert i18n.text("choice.default_reason") not in message
                    reasons.add(message.split(")", 1)[-1] if "(" in message else message)
                assert len(reasons) == len(ex.options(question.name)), (question.name, reasons)


def test_rfm_segment_and_value_tier_reasons_say_why():
    # K09 is hibernating (R = 2, F = 1); choosing "at risk" says what at risk means
    at_risk = crm.exercises.rfm_scoring().check("segment", "at risk")
    assert at_risk.status == "incorrect" and "bought often" in at_risk.message
    # V1 (5,200; 4,000) is high-end; "basic" gets the rule and V1's own numbers
    basic = crm.exercises.value_matrix_placement().check("tier_V1", "basic")
    assert "potential value below" in basic.message and "4,000" in basic.message


# --- item 14: tolerances that match the question ------------------------------------------------

def test_two_decimal_scores_accept_honest_rounding_and_reject_the_wrong_paths():
    ex = crm.exercises.cheverton_account()
    # attractiveness 0.775: 0.77 and 0.78 are honest; 4.1 is the weighted rating on the 1–5
    # scale (0.5 × 5 + 0.3 × 4 + 0.2 × 2); the plain mean of 1, 0.75, 0.25 is 0.667; dividing by
    # 5 gives 0.5 × 1 + 0.3 × 0.8 + 0.2 × 0.4 = 0.82
    assert ex.check("attractiveness", 0.77).correct and ex.check("attractiveness", 0.78).correct
    assert "1–5 scale" in ex.check("attractiveness", 4.1).message
    assert "plain average" in ex.check("attractiveness", 0.67).message
    assert "divided the ratings by 5" in ex.check("attractiveness", 0.82).message


# --- item 16: hints for the slips the lessons warn about -------------------------------------

def test_rfm_recency_and_frequency_are_told_from_bg_nbd():
    ex = crm.exercises.rfm_scoring()
    # K09 bought on 2024-03-10 and 2024-05-07, as of 2024-06-30: RFM recency 54 days; BG/NBD
    # recency (first to last purchase) 58 days; T (first purchase to as of) 112 days
    assert ex.check("recency", 54).correct
    assert "BG/NBD" in ex.check("recency", 58).message
    assert "first purchase" in ex.check("recency", 112).message
    # frequency: 2 purchase days; BG/NBD counts 1 repeat purchase; 4 records
    assert "repeat purchases" in ex.check("frequency", 1).message
    assert "distinct days" in ex.check("frequency", 4).message
    # monetary: 380 in total; 190 per day; Gamma-Gamma's mean of the repeat day: 135 + 35 = 170
    assert "average per purchase day" in ex.check("monetary", 190).message
    assert "Gamma-Gamma" in ex.check("monetary", 170).message


def test_a_timedelta_where_days_are_expected_gets_a_hint():
    # A last bought 400 days before 2024-12-31
    ex = crm.exercises.classify_people()
    since = ex.as_of - ex.people.loc[ex.buyer, "last_purchase"]
    for typed in (since, since.to_pytimedelta(), np.timedelta64(400, "D")):
        feedback = ex.check("days_since", typed)
        assert feedback.status == "invalid" and ".days" in feedback.message
    assert ex.check("days_since", since.days).correct
    assert isinstance(since.to_pytimedelta(), dt.timedelta)
    rfm = crm.exercises.rfm_scoring()
    assert ".days" in rfm.check("recency", pd.Timedelta(days=54)).message


def test_days_past_the_line_is_told_apart():
    # 400 days since, the line at 365: 35 days past it
    assert "line" in crm.exercises.classify_people().check("days_since", 35).message


