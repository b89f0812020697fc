"""Bad input to crmlib.loyalty gets a clear error naming the parameter and the value.

A parallel table to tests/library/test_bad_input.py (kept separate so units can be merged freely).
"""

import numpy as np
import pandas as pd
import pytest

import crmlib as crm
from conftest import assert_clear_error, assert_errors_from_catalogue

CARD = [30, 42, 44, 49, 55]
RATINGS = pd.DataFrame({"room": [2, 1, 4, 3, 5], "staff": [4, 5, 5, 6, 5]})
OVERALL = [1, 2, 3, 4, 5]
FUNNEL = {"retention_unrecovered": 0.2, "retention_silent": 0.3}


def _funnel(*args, **changes):
    return lambda: crm.complaint_funnel(*args, **{**FUNNEL, **changes})


# (label, call, exception type, words the message must contain)
CASES = [
    # satisfaction gap
    ("gap text", lambda: crm.satisfaction_gap("5", 4), TypeError, ["perception", "text"]),
    ("gap NaN", lambda: crm.satisfaction_gap([5, np.nan], [4, 4]), ValueError,
     ["perception", "NaN"]),
    ("gap off the scale", lambda: crm.satisfaction_gap([5, 9], [4, 4], scale=(1, 7)),
     ValueError, ["perception", "1 to 7", "9"]),
    ("gap expectation on another scale", lambda: crm.satisfaction_gap(
        [5, 6], [0, 10], scale=(1, 7)), ValueError, ["expectation", "1 to 7", "0"]),
    ("gap shapes differ", lambda: crm.satisfaction_gap([5, 6, 7], [4, 4]), ValueError,
     ["matching shapes", "(3,)", "(2,)"]),
    ("gap labels differ", lambda: crm.satisfaction_gap(
        pd.Series([5, 6], index=[1, 2]), pd.Series([4, 4], index=[2, 3])), ValueError,
     ["same rows", "perception has [1]"]),
    ("gap columns differ", lambda: crm.satisfaction_gap(
        RATINGS, RATINGS.rename(columns={"staff": "service"})), ValueError,
     ["same columns", "perception has ['staff']", "expectation lacks"]),
    ("gap frame against series", lambda: crm.satisfaction_gap(RATINGS, RATINGS["room"]),
     TypeError, ["both be DataFrames", "Series"]),
    ("gap empty frame", lambda: crm.satisfaction_gap(RATINGS.iloc[:0], 4), ValueError,
     ["perception", "empty"]),
    ("gap bad scale", lambda: crm.satisfaction_gap(5, 4, scale=(7, 1)), ValueError,
     ["scale", "low < high"]),
    ("gap scale not a pair", lambda: crm.satisfaction_gap(5, 4, scale=7), TypeError,
     ["scale", "pair"]),
    ("gap text column", lambda: crm.satisfaction_gap(
        RATINGS.assign(staff=["good"] * 5), 4), TypeError, ["perception", "numbers"]),
    # NPS
    ("nps above 10", lambda: crm.net_promoter_score([9, 11]), ValueError,
     ["ratings", "0 to 10", "11"]),
    ("nps percentage scale", lambda: crm.net_promoter_score([90, 70]), ValueError,
     ["ratings", "0 to 10", "90"]),
    ("nps negative", lambda: crm.net_promoter_score([-1, 5]), ValueError,
     ["ratings", "0 to 10", "-1"]),
    ("nps not whole", lambda: crm.net_promoter_score([7.5, 9]), ValueError,
     ["ratings", "whole", "7.5"]),
    ("nps NaN", lambda: crm.net_promoter_score([9, np.nan]), ValueError, ["ratings", "NaN"]),
    ("nps empty", lambda: crm.net_promoter_score([]), ValueError, ["ratings", "empty"]),
    ("nps text", lambda: crm.net_promoter_score("9"), TypeError, ["ratings", "text"]),
    ("nps words", lambda: crm.net_promoter_score(["nine", "ten"]), TypeError,
     ["ratings", "numbers"]),
    ("nps None", lambda: crm.net_promoter_score(None), TypeError, ["ratings", "None"]),
    ("nps infinite", lambda: crm.net_promoter_score([np.inf]), ValueError,
     ["ratings", "0 to 10"]),
    ("nps table", lambda: crm.net_promoter_score([[9, 10], [3, 4]]), ValueError,
     ["ratings", "1-D"]),
    ("nps category off the scale", lambda: crm.nps_category(12), ValueError,
     ["ratings", "12"]),
    ("nps breakdown NaN", lambda: crm.nps_breakdown(pd.Series([9.0, None])), ValueError,
     ["ratings", "NaN"]),
    # importance-performance
    ("ipa not a table", lambda: crm.importance_performance([[1, 2], [3, 4]], [1, 2]),
     TypeError, ["ratings", "DataFrame"]),
    ("ipa one attribute", lambda: crm.importance_performance(RATINGS[["room"]], OVERALL),
     ValueError, ["two attribute", "room"]),
    ("ipa overall too short", lambda: crm.importance_performance(RATINGS, [1, 2, 3]),
     ValueError, ["overall", "(5)", "3 values"]),
    ("ipa overall NaN", lambda: crm.importance_performance(RATINGS, [1, 2, np.nan, 4, 5]),
     ValueError, ["overall", "NaN"]),
    ("ipa rating NaN", lambda: crm.importance_performance(
        RATINGS.assign(staff=[4, 5, None, 6, 5]), OVERALL), ValueError,
     ["ratings['staff']", "NaN"]),
    ("ipa constant attribute", lambda: crm.importance_performance(
        RATINGS.assign(staff=5), OVERALL), ValueError, ["ratings['staff']", "same rating", "5"]),
    ("ipa constant overall", lambda: crm.importance_performance(RATINGS, [4] * 5),
     ValueError, ["overall", "same value", "4"]),
    ("ipa overall other rows", lambda: crm.importance_performance(
        RATINGS, pd.Series(OVERALL, index=[5, 6, 7, 8, 9])), ValueError,
     ["overall", "same rows"]),
    ("ipa one respondent", lambda: crm.importance_performance(RATINGS.iloc[:1], [3]),
     ValueError, ["two respondents"]),
    ("ipa text ratings", lambda: crm.importance_performance(
        RATINGS.assign(room=list("abcde")), OVERALL), TypeError, ["ratings['room']", "numbers"]),
    ("ipa empty", lambda: crm.importance_performance(RATINGS.iloc[:0], []), ValueError,
     ["ratings", "empty"]),
    # satisfaction vs loyalty
    ("retention by satisfaction lengths", lambda: crm.retention_by_satisfaction(
        [7, 6, 5], [1, 0]), ValueError, ["satisfaction", "retained", "3", "2"]),
    ("retention by satisfaction not yes/no", lambda: crm.retention_by_satisfaction(
        [7, 6], [1, 2]), ValueError, ["retained", "True/False", "2"]),
    ("retention by satisfaction NaN", lambda: crm.retention_by_satisfaction(
        [7, np.nan], [1, 0]), ValueError, ["satisfaction", "NaN"]),
    ("retention by satisfaction labels", lambda: crm.retention_by_satisfaction(
        pd.Series([7, 6], index=[1, 2]), pd.Series([1, 0], index=[3, 4])), ValueError,
     ["same rows"]),
    ("retention by satisfaction 2-D", lambda: crm.retention_by_satisfaction(
        [[7, 6]], [[1, 0]]), ValueError, ["satisfaction", "1-D"]),
    # profit-path CLV
    ("path retention as percentage", lambda: crm.clv_from_profit_path(CARD, 90, 0.1),
     ValueError, ["retention_rate", "0.9"]),
    ("path discount as percentage", lambda: crm.clv_from_profit_path(CARD, 0.9, 10),
     ValueError, ["discount_rate", "0.1"]),
    ("path empty", lambda: crm.clv_from_profit_path([], 0.9), ValueError, ["profits", "empty"]),
    ("path NaN", lambda: crm.clv_from_profit_path([30, np.nan], 0.9), ValueError,
     ["profits", "NaN"]),
    ("path infinite", lambda: crm.clv_from_profit_path([30, np.inf], 0.9), ValueError,
     ["profits", "finite"]),
    ("path table", lambda: crm.clv_from_profit_path([[30, 42]], 0.9), ValueError,
     ["profits", "1-D"]),
    ("path text", lambda: crm.clv_from_profit_path("30 42", 0.9), TypeError,
     ["profits", "text"]),
    ("path bad timing", lambda: crm.clv_from_profit_path(CARD, 0.9, when="start"), ValueError,
     ["when", "'end'", "'begin'", "'start'"]),
    ("path never ends", lambda: crm.clv_from_profit_path(CARD, 1.0), ValueError,
     ["retention_rate 1", "discount_rate 0", "infinite"]),
    ("path negative acquisition", lambda: crm.clv_from_profit_path(
        CARD, 0.9, acquisition_cost=-51), ValueError, ["acquisition_cost", "0 or more"]),
    ("schedule array rate", lambda: crm.profit_path_schedule(CARD, [0.9, 0.95]), TypeError,
     ["retention_rate", "single number"]),
    ("gain beyond 1", lambda: crm.clv_gain_from_retention(CARD, 0.97, 0.05), ValueError,
     ["retention_rate + retention_gain", "1.02"]),
    ("gain as points", lambda: crm.clv_gain_from_retention(CARD, 0.9, 5), ValueError,
     ["retention_gain", "0.05"]),
    ("gain negative growth", lambda: crm.clv_gain_from_retention(
        CARD, 0.9, tenure_growth=-1), ValueError, ["tenure_growth", "0 or more"]),
    ("gain to retention 1 undiscounted", lambda: crm.clv_gain_from_retention(CARD, 0.95),
     ValueError, ["retention_rate 1", "infinite"]),
    # complaints
    ("funnel rate as percentage", _funnel(1000, 10, 0.4, 0.75), ValueError,
     ["dissatisfaction_rate", "0.1"]),
    ("funnel complaint rate above 1", _funnel(1000, 0.1, 40, 0.75), ValueError,
     ["complaint_rate", "0.4"]),
    ("funnel recovery negative", _funnel(1000, 0.1, 0.4, -0.1), ValueError,
     ["recovery_rate", "negative"]),
    ("funnel retention as percentage", _funnel(1000, 0.1, 0.4, 0.7,
                                               retention_recovered=70), ValueError,
     ["retention_recovered", "0.7"]),
    ("funnel negative customers", _funnel(-5, 0.1, 0.4, 0.7), ValueError,
     ["customers", "0 or more"]),
    ("funnel NaN told", _funnel(1000, 0.1, 0.4, 0.7, people_told=np.nan), ValueError,
     ["people_told", "NaN"]),
    ("funnel rates as a list", _funnel(1000, [0.1, 0.2], 0.4, 0.7), TypeError,
     ["dissatisfaction_rate", "single number"]),
    ("funnel missing assumption", lambda: crm.complaint_funnel(1000, 0.1, 0.4, 0.7),
     TypeError, ["retention_unrecovered", "retention_silent"]),
    ("rates unknown answer", lambda: crm.complaint_rates(["no problem", "angry"]),
     ValueError, ["outcomes", "'angry'", "'did not complain'"]),
    ("rates no complaints", lambda: crm.complaint_rates(["no problem", "did not complain"]),
     ValueError, ["no complaint", "recovery"]),
    ("rates empty", lambda: crm.complaint_rates([]), ValueError, ["outcomes", "empty"]),
    ("rates path missing", lambda: crm.complaint_rates(
        ["did not complain", "complained, recovered"], [1, 0]), ValueError,
     ["'complained, not recovered'", "retention_unrecovered"]),
    ("rates retained length", lambda: crm.complaint_rates(
        ["complained, recovered", "no problem"], [1]), ValueError, ["retained", "2", "1"]),
    ("rates retained not yes/no", lambda: crm.complaint_rates(
        ["complained, recovered", "complained, not recovered", "did not complain"], [1, 3, 0]),
     ValueError, ["retained", "True/False"]),
    # growth
    ("growth as percentage", lambda: crm.compound_growth(12, 10), ValueError,
     ["growth_rate", "0.12"]),
    ("growth below -100%", lambda: crm.compound_growth(-1.0, 3), ValueError,
     ["growth_rate", "above"]),
    ("growth negative years", lambda: crm.compound_growth(0.12, -1), ValueError,
     ["years", "0 or more"]),
]


@pytest.mark.parametrize("label, call, error, words", CASES, ids=[c[0] for c in CASES])
def test_bad_input_gets_a_clear_error(label, call, error, words):
    assert_clear_error(call, error, words, label)


# --------------------------------------------------------------------------- in Chinese


# The unit's own errors that a student of the Chinese edition may meet in lesson 06 and its
# exercises, in Chinese with the parameter and the value.
CHINESE_CASES = [
    ("gap shapes differ", lambda: crm.satisfaction_gap([5, 6, 7], [4, 4]), ValueError,
     ["形状必须一致", "(3,)", "(2,)"]),
    ("gap columns differ", lambda: crm.satisfaction_gap(
        RATINGS, RATINGS.rename(columns={"staff": "service"})), ValueError,
     ["必须有相同的列", "perception 有 ['staff']", "expectation 却没有"]),
    ("gain as points", lambda: crm.clv_gain_from_retention(CARD, 0.9, 5), ValueError,
     ["retention_gain", "得到的是 5", "写成 0.05"]),
    ("gain to retention 1 undiscounted", lambda: crm.clv_gain_from_retention(CARD, 0.95),
     ValueError, ["retention_rate 为 1", "无穷大"]),
    ("rates unknown answer", lambda: crm.complaint_rates(["no problem", "angry"]),
     ValueError, ["outcomes 的每个值", "'angry'"]),
    ("growth as percentage", lambda: crm.compound_growth(12, 10), ValueError,
     ["growth_rate", "12% 请写成 0.12"]),
]


@pytest.mark.parametrize("label, call, error, words", CHINESE_CASES,
                         ids=[c[0] for c in CHINESE_CASES])
def test_the_unit_errors_speak_chinese(chinese, label, call, error, words):
    assert_clear_error(call, error, words, label)


def test_every_error_of_the_unit_comes_from_the_catalogue():
    # so that it reads in the kit's language: no message of crmlib/loyalty.py is a literal; the
    # one built key is rows or columns, and two keys are a helper's
    from crmlib import loyalty

    assert_errors_from_catalogue(
        loyalty, "error.loyalty", 25, built=["labels_differ_{axis}"],
        extra=["labels_differ_rows", "labels_differ_columns", "labels_only_in",
               "labels_reordered"])
