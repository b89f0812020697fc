"""Bad input to crmlib.practice gets a clear error naming the parameter and the value.

A parallel table to tests/library/test_bad_input.py (kept separate so units can be merged freely).
"""

import numpy as np
import pandas as pd
import pytest

import crmlib as crm
from conftest import assert_clear_error, assert_errors_from_catalogue

RECORDS = pd.DataFrame({"phone": ["138 1234 5678", None], "email": [None, "a@example.com"]},
                       index=["r1", "r2"])
CONTACTS = pd.DataFrame({"segment": ["a", "a", "b"], "group": ["mailed", "control", "mailed"],
                         "responded": [1, 0, 1]})
RATINGS = pd.DataFrame({"functionality": [5, 2], "implementation": [1, 5]},
                       index=["Alpha", "Beta"])
WEIGHTS = {"functionality": 0.6, "implementation": 0.4}
RULES = pd.DataFrame({"signal": ["s"], "condition": ["age >= 55"], "meaning": ["m"],
                      "action": ["a"]})
PEOPLE = pd.DataFrame({"customer_id": [1, 2], "age": [30, 60]})


def _with(frame, **changes):
    return frame.assign(**changes)


# (label, call, exception type, words the message must contain)
CASES = [
    # one customer view
    ("unify not a table", lambda: crm.unify_customers([["138"]]), TypeError,
     ["records", "DataFrame"]),
    ("unify empty table", lambda: crm.unify_customers(RECORDS.iloc[:0]), ValueError,
     ["records", "empty"]),
    ("unify missing column", lambda: crm.unify_customers(RECORDS, email="mail"), ValueError,
     ["mail", "'phone', 'email'"]),
    ("unify no key at all", lambda: crm.unify_customers(RECORDS, phone=None, email=None),
     ValueError, ["phone", "email", "None"]),
    ("unify phone read as numbers", lambda: crm.unify_customers(
        _with(RECORDS, phone=[1.3812345678e10, np.nan])), TypeError,
     ["records['phone']", "'r1'", "13812345678.0", "text"]),
    ("unify phone as True", lambda: crm.unify_customers(_with(RECORDS, phone=[True, None])),
     TypeError, ["phone", "True"]),
    ("unify email as a number", lambda: crm.unify_customers(_with(RECORDS, email=[None, 42])),
     TypeError, ["records['email']", "'r2'", "42"]),
    ("normalise phone float", lambda: crm.normalise_phone(13812345678.0), TypeError,
     ["phone", "13812345678.0", "dtype=str"]),
    ("normalise email list", lambda: crm.normalise_email(["a@example.com"]), TypeError,
     ["email", "list"]),
    ("quality lengths differ", lambda: crm.unification_quality([0, 1], [1]), ValueError,
     ["customer_id", "true_id", "2", "1"]),
    ("quality missing label", lambda: crm.unification_quality([0, np.nan], [1, 2]),
     ValueError, ["customer_id", "missing"]),
    ("quality empty", lambda: crm.unification_quality([], []), ValueError,
     ["customer_id", "empty"]),
    ("quality text", lambda: crm.unification_quality("0011", [1, 1, 2, 2]), TypeError,
     ["customer_id", "one label per record"]),
    ("view ids too short", lambda: crm.single_customer_view(
        pd.DataFrame({"source": ["a", "b"], "spend": [1, 2]}), [0]), ValueError,
     ["customer_id", "2 records", "1 labels"]),
    ("view missing value column", lambda: crm.single_customer_view(
        pd.DataFrame({"source": ["a"]}), [0]), ValueError, ["spend", "'source'"]),
    ("view infinite spend", lambda: crm.system_coverage(
        pd.DataFrame({"source": ["a"], "spend": [np.inf]}), [0]), ValueError,
     ["spend", "finite"]),
    # campaigns
    ("responses above size", lambda: crm.campaign_evaluation(100, 120, 50, 5), ValueError,
     ["treated_responses", "120", "treated_size", "100", "swapped"]),
    ("control responses above size", lambda: crm.campaign_evaluation(100, 10, 50, 60),
     ValueError, ["control_responses", "60", "control_size", "50"]),
    ("negative responses", lambda: crm.campaign_evaluation(100, -1, 50, 5), ValueError,
     ["treated_responses", "-1", "at least 0"]),
    ("empty control group", lambda: crm.campaign_evaluation(100, 10, 0, 0), ValueError,
     ["control_size", "at least 1", "0"]),
    ("fractional count", lambda: crm.campaign_evaluation(100, 12.5, 50, 5), ValueError,
     ["treated_responses", "whole number", "12.5"]),
    ("count as text", lambda: crm.campaign_evaluation("10000", 320, 2000, 40), TypeError,
     ["treated_size", "'10000'"]),
    ("count NaN", lambda: crm.campaign_evaluation(np.nan, 320, 2000, 40), ValueError,
     ["treated_size", "nan"]),
    ("negative cost", lambda: crm.campaign_evaluation(100, 10, 50, 5, cost_per_contact=-2),
     ValueError, ["cost_per_contact", "0 or more"]),
    ("margin NaN", lambda: crm.campaign_evaluation(100, 10, 50, 5,
                                                   margin_per_response=np.nan),
     ValueError, ["margin_per_response", "NaN"]),
    ("confidence as percentage", lambda: crm.campaign_evaluation(100, 10, 50, 5,
                                                                 confidence=95),
     ValueError, ["confidence", "0.95"]),
    ("confidence 1", lambda: crm.campaign_evaluation(100, 10, 50, 5, confidence=1),
     ValueError, ["confidence", "less than 1"]),
    ("planned rate as percentage", lambda: crm.campaign_from_rates(1000, 3.2, 200, 0.02),
     ValueError, ["treated_rate", "0.032"]),
    ("planned negative rate", lambda: crm.campaign_from_rates(1000, 0.03, 200, -0.02),
     ValueError, ["control_rate", "negative"]),
    ("results unknown group label", lambda: crm.campaign_results(
        _with(CONTACTS, group=["mailed", "holdout", "mailed"])), ValueError,
     ["'holdout'", "control=", "'control'"]),
    ("results outcome as text", lambda: crm.campaign_results(
        _with(CONTACTS, responded=["yes", "no", "yes"])), TypeError,
     ["responded", "1/0", "'yes'"]),
    ("results outcome missing", lambda: crm.campaign_results(
        _with(CONTACTS, responded=[1, None, 0])), ValueError, ["responded", "missing", "1"]),
    ("results segment without control", lambda: crm.campaign_results(CONTACTS, by="segment"),
     ValueError, ["segment 'b'", "control"]),
    ("results missing column", lambda: crm.campaign_results(CONTACTS, outcome="bought"),
     ValueError, ["bought", "'responded'"]),
    ("results empty", lambda: crm.campaign_results(CONTACTS.iloc[:0]), ValueError,
     ["contacts", "empty"]),
    # business case
    ("npv empty", lambda: crm.npv([], 0.1), ValueError, ["cash_flows", "empty"]),
    ("npv NaN flow", lambda: crm.npv([-500, np.nan], 0.1), ValueError,
     ["cash_flows", "NaN"]),
    ("npv rate as percentage", lambda: crm.npv([-500, 600], 10), ValueError,
     ["discount_rate", "0.1"]),
    ("npv negative rate", lambda: crm.npv([-500, 600], -0.1), ValueError,
     ["discount_rate", "0 or more"]),
    ("npv 2-D flows", lambda: crm.npv([[-500, 600], [1, 2]], 0.1), ValueError,
     ["cash_flows", "1-D"]),
    ("npv text flows", lambda: crm.npv("-500, 600", 0.1), TypeError, ["cash_flows", "text"]),
    ("payback infinite", lambda: crm.payback_period([-500, np.inf]), ValueError,
     ["cash_flows", "finite"]),
    ("payback rate as percentage", lambda: crm.payback_period([-5, 6], discount_rate=8),
     ValueError, ["discount_rate", "0.08"]),
    ("case adoption as percentage", lambda: crm.crm_business_case(60, 65, adoption=(20, 45)),
     ValueError, ["adoption", "0.2"]),
    ("case zero years", lambda: crm.crm_business_case(60, 65, years=0), ValueError,
     ["years", "at least 1"]),
    ("case negative investment", lambda: crm.crm_business_case(-60, 65), ValueError,
     ["investment", "0 or more"]),
    ("case benefit series", lambda: crm.crm_business_case(60, [65, 70]), TypeError,
     ["yearly_benefit", "single number"]),
    # choosing a system
    ("scores weights all zero", lambda: crm.vendor_scores(
        RATINGS, {"functionality": 0, "implementation": 0}), ValueError,
     ["weights", "all 0"]),
    ("scores rating off scale", lambda: crm.vendor_scores(
        _with(RATINGS, functionality=[6, 2]), WEIGHTS), ValueError,
     ["functionality", "1 to 5", "6"]),
    ("scores missing criterion", lambda: crm.vendor_scores(
        RATINGS.drop(columns="implementation"), WEIGHTS), ValueError,
     ["implementation", "missing"]),
    ("scores negative weight", lambda: crm.vendor_scores(
        RATINGS, {"functionality": -1, "implementation": 1}), ValueError,
     ["functionality", "0 or more"]),
    ("scores ratings as mapping", lambda: crm.vendor_scores({"functionality": 5}, WEIGHTS),
     TypeError, ["ratings", "DataFrame", "dict"]),
    ("sensitivity one vendor", lambda: crm.weight_sensitivity(RATINGS.iloc[:1], WEIGHTS),
     ValueError, ["ratings", "one vendor", "two"]),
    ("sensitivity weights not a mapping", lambda: crm.weight_sensitivity(RATINGS, [0.6, 0.4]),
     TypeError, ["weights", "mapping"]),
    # signal events
    ("signal unknown column", lambda: crm.signal_report(
        PEOPLE, _with(RULES, condition=["income > 5"])), ValueError,
     ["signal 's'", "income > 5"]),
    ("signal not a condition", lambda: crm.signal_report(
        PEOPLE, _with(RULES, condition=["age + 1"])), TypeError,
     ["signal 's'", "True or False"]),
    ("signal missing id", lambda: crm.signal_report(PEOPLE.drop(columns="customer_id"), RULES),
     ValueError, ["customer_id", "'age'"]),
    ("signal rules lack action", lambda: crm.signal_report(PEOPLE, RULES.drop(columns="action")),
     ValueError, ["rules", "action"]),
]


@pytest.mark.parametrize("label, call, error, words", CASES, ids=[c[0] for c in CASES])
def test_bad_input_gets_a_clear_error(label, call, error, words):
    assert_clear_error(call, error, words, label)


# --------------------------------------------------------------------------- in Chinese


# The unit's own errors that a student of the Chinese edition meets in lesson 08 and its
# exercises (a phone column read as numbers, swapped counts, a control group with another
# label, a segment without a control group, a rule that is not a condition), in Chinese with
# the parameter names and values as the student typed them.
CHINESE_CASES = [
    ("phone read as numbers", lambda: crm.unify_customers(
        _with(RECORDS, phone=[1.3812345678e10, np.nan])), TypeError,
     ["records['phone'] 中的行 'r1'", "13812345678.0", "读成文本（dtype=str）"]),
    ("phone as True", lambda: crm.normalise_phone(True), TypeError,
     ["phone 必须是文本", "True"]),
    ("email as a number", lambda: crm.normalise_email(42), TypeError,
     ["email 必须是文本", "42（int）"]),
    ("no key at all", lambda: crm.unify_customers(RECORDS, phone=None, email=None),
     ValueError, ["phone 和 email 都是 None"]),
    ("counts swapped", lambda: crm.campaign_evaluation(100, 120, 50, 5), ValueError,
     ["treated_responses（120）大于 treated_size（100）", "弄反"]),
    ("ids too short", lambda: crm.single_customer_view(
        pd.DataFrame({"source": ["a", "b"], "spend": [1, 2]}), [0]), ValueError,
     ["有 2 条记录，却有 1 个标签"]),
    ("quality lengths differ", lambda: crm.unification_quality([0, 1], [1]), ValueError,
     ["customer_id 和 true_id", "2 和 1"]),
    ("unknown group label", lambda: crm.campaign_results(
        _with(CONTACTS, group=["mailed", "holdout", "mailed"])), ValueError,
     ["contacts['group'] 中有 'holdout'", "对照组的标签 'control'", "control="]),
    ("outcome as text", lambda: crm.campaign_results(
        _with(CONTACTS, responded=["yes", "no", "yes"])), TypeError,
     ["contacts['responded'] 必须是 True/False 或 1/0", "'yes'"]),
    ("outcome missing", lambda: crm.campaign_results(
        _with(CONTACTS, responded=[1, None, 0])), ValueError,
     ["1 个缺失值", "在第 1 行"]),
    ("segment without control", lambda: crm.campaign_results(CONTACTS, by="segment"),
     ValueError, ["细分 'b' 在对照组（'control'）中没有客户"]),
    ("one vendor", lambda: crm.weight_sensitivity(RATINGS.iloc[:1], WEIGHTS), ValueError,
     ["ratings 只有一个供应商"]),
    ("ratings as mapping", lambda: crm.vendor_scores({"functionality": 5}, WEIGHTS),
     TypeError, ["ratings 必须是 DataFrame", "dict"]),
    ("rule on a column that is not there", lambda: crm.signal_report(
        PEOPLE, _with(RULES, condition=["income > 5"])), ValueError,
     ["信号 's' 的条件 'income > 5' 无法在 customers 上计算"]),
    ("rule that is not a condition", lambda: crm.signal_report(
        PEOPLE, _with(RULES, condition=["age + 1"])), TypeError,
     ["信号 's' 的条件 'age + 1' 必须对每位客户给出 True 或 False"]),
]


@pytest.mark.parametrize("label, call, error, words", CHINESE_CASES,
                         ids=[c[0] for c in CHINESE_CASES])
def test_the_unit_errors_speak_chinese(chinese, label, call, error, words):
    assert_clear_error(call, error, words, label)


def test_every_error_of_the_unit_comes_from_the_catalogue():
    # so that it reads in the kit's language: no message of crmlib/practice.py is a literal; the
    # one built key names either group
    from crmlib import practice

    assert_errors_from_catalogue(
        practice, "error.practice", 20, built=["segment_without_{name}"],
        extra=["segment_without_treated", "segment_without_control"])
