"""Bad input to the selection and RFM functions gets a clear error naming the parameter.

A parallel table to tests/library/test_bad_input.py (kept separate so units can be merged freely).
"""

import numpy as np
import pandas as pd
import pytest

import crmlib as crm
from conftest import assert_clear_error, assert_errors_from_catalogue

LOG = pd.DataFrame({"customer_id": [1, 2], "date": pd.to_datetime(["2024-01-01", "2024-01-05"]),
                    "amount": [10.0, 20.0]})
SUMMARY = pd.DataFrame({"recency": [1, 5], "frequency": [2, 1], "monetary": [10.0, 5.0]})
PEOPLE = pd.DataFrame({"last_purchase": pd.to_datetime(["2024-01-01", None]),
                       "has_need": [True, True], "fit_score": [np.nan, 0.7]})


def _with(frame, **changes):
    return frame.assign(**changes)


# (label, call, exception type, words the message must contain)
CASES = [
    # concentration
    ("top share fraction as a percentage", lambda: crm.top_share([1, 2], 20), ValueError,
     ["fraction", "0.2"]),
    ("top share negative fraction", lambda: crm.top_share([1, 2], -0.1), ValueError,
     ["fraction", "negative"]),
    ("top share NaN value", lambda: crm.top_share([1, np.nan], 0.2), ValueError,
     ["values", "NaN"]),
    ("top share empty", lambda: crm.top_share([], 0.2), ValueError, ["values", "empty"]),
    ("top share total not positive", lambda: crm.top_share([5, -10], 0.5), ValueError,
     ["total", "-5", "lose money"]),
    ("top share text values", lambda: crm.top_share("100", 0.2), TypeError, ["values", "text"]),
    ("top share infinite value", lambda: crm.top_share([1, np.inf], 0.2), ValueError,
     ["values", "finite"]),
    ("top share 2-D values", lambda: crm.top_share([[1, 2], [3, 4]], 0.2), ValueError,
     ["values", "1-D"]),
    ("gini total zero", lambda: crm.gini([0, 0]), ValueError, ["total", "0"]),
    ("concentration table zero fraction", lambda: crm.concentration_table([1, 2], [0.0]),
     ValueError, ["fractions", "greater than 0"]),
    ("abc a above b", lambda: crm.abc_classes([1, 2], a_share=0.9, b_share=0.8), ValueError,
     ["a_share", "b_share"]),
    ("abc a as percentage", lambda: crm.abc_classes([1, 2], a_share=80), ValueError,
     ["a_share", "0.8"]),
    ("abc nobody profitable", lambda: crm.abc_classes([0, -1]), ValueError, ["profitable"]),
    # classes
    ("classes missing column", lambda: crm.classify_customers(PEOPLE.drop(columns="has_need")),
     ValueError, ["has_need", "last_purchase"]),
    ("classes empty table", lambda: crm.classify_customers(PEOPLE.iloc[:0]), ValueError,
     ["customers", "empty"]),
    ("classes not a table", lambda: crm.classify_customers([1, 2]), TypeError,
     ["customers", "DataFrame"]),
    ("classes dates as text", lambda: crm.classify_customers(
        _with(PEOPLE, last_purchase=["2024-01-01", None])), TypeError,
     ["last_purchase", "pd.to_datetime"]),
    ("classes fit score as percentage", lambda: crm.classify_customers(
        _with(PEOPLE, fit_score=[np.nan, 70])), ValueError, ["fit_score", "0.7"]),
    ("classes missing fit score for a prospect", lambda: crm.classify_customers(
        _with(PEOPLE, fit_score=[np.nan, np.nan])), ValueError, ["fit_score", "missing"]),
    ("classes need as text", lambda: crm.classify_customers(
        _with(PEOPLE, has_need=["yes", "no"])), TypeError, ["has_need", "True/False"]),
    ("classes lost after zero days", lambda: crm.classify_customers(PEOPLE, lost_after_days=0),
     ValueError, ["lost_after_days"]),
    ("classes target score as percentage", lambda: crm.classify_customers(
        PEOPLE, target_score=60), ValueError, ["target_score", "0.6"]),
    ("classes as_of before a purchase", lambda: crm.classify_customers(
        PEOPLE, as_of="2023-12-01"), ValueError, ["as_of", "2023-12-01"]),
    ("classes as_of not a date", lambda: crm.classify_customers(PEOPLE, as_of="soon"),
     ValueError, ["as_of", "soon"]),
    ("classes nobody bought and no as_of", lambda: crm.classify_customers(
        _with(PEOPLE, last_purchase=pd.to_datetime([None, None]))), ValueError, ["as_of"]),
    # scores and matrices
    ("cheverton attractiveness as percentage", lambda: crm.cheverton_quadrant(80, 0.5),
     ValueError, ["attractiveness", "0.8"]),
    ("cheverton negative strength", lambda: crm.cheverton_quadrant(0.5, -0.2), ValueError,
     ["relative_strength", "negative"]),
    ("cheverton NaN", lambda: crm.cheverton_quadrant(np.nan, 0.5), ValueError,
     ["attractiveness", "NaN"]),
    ("cheverton threshold as percentage", lambda: crm.cheverton_quadrant(0.5, 0.5,
                                                                         threshold=50),
     ValueError, ["threshold", "0.5"]),
    ("cheverton lengths differ", lambda: crm.cheverton_quadrant([0.1, 0.2], [0.1, 0.2, 0.3]),
     ValueError, ["same length", "2", "3"]),
    ("weighted score rating off the scale", lambda: crm.weighted_score(
        {"volume": 6}, {"volume": 1}), ValueError, ["volume", "1 to 5", "6"]),
    ("weighted score rating zero on 1-5", lambda: crm.weighted_score(
        pd.DataFrame({"a": [3, 0]}), {"a": 1}), ValueError, ["'a'", "0"]),
    ("weighted score negative weight", lambda: crm.weighted_score(
        {"a": 3}, {"a": -1}), ValueError, ["weights['a']", "0 or more"]),
    ("weighted score all weights zero", lambda: crm.weighted_score(
        {"a": 3}, {"a": 0}), ValueError, ["weights", "positive"]),
    ("weighted score missing criterion", lambda: crm.weighted_score(
        pd.DataFrame({"a": [3]}), {"a": 1, "growth": 1}), ValueError, ["growth", "'a'"]),
    ("weighted score missing key", lambda: crm.weighted_score({"a": 3}, {"b": 1}),
     ValueError, ["'b'", "'a'"]),
    ("weighted score no weights", lambda: crm.weighted_score({"a": 3}, {}), TypeError,
     ["weights"]),
    ("weighted score bad scale", lambda: crm.weighted_score({"a": 3}, {"a": 1}, scale=(5, 1)),
     ValueError, ["scale", "low < high"]),
    ("weighted score NaN rating", lambda: crm.weighted_score(
        pd.DataFrame({"a": [3, np.nan]}), {"a": 1}), ValueError, ["ratings['a']", "NaN"]),
    ("value matrix NaN", lambda: crm.value_matrix_quadrant(
        np.nan, 1, current_threshold=0, potential_threshold=0), ValueError,
     ["current_value", "NaN"]),
    ("value matrix missing column", lambda: crm.value_matrix(
        pd.DataFrame({"current_value": [1]})), ValueError, ["potential_value"]),
    ("budget negative", lambda: crm.allocate_budget([1], [2], -5), ValueError,
     ["budget", "-5"]),
    ("budget zero cost", lambda: crm.allocate_budget([0, 1], [2, 2], 5), ValueError,
     ["cost", "greater than 0"]),
    ("budget lengths differ", lambda: crm.allocate_budget([1, 2], [2], 5), ValueError,
     ["2 costs", "1 gains"]),
    ("budget unknown method", lambda: crm.allocate_budget([1], [2], 5, method="best"),
     ValueError, ["method", "'exact'", "'greedy'", "best"]),
    ("budget too many accounts for exact", lambda: crm.allocate_budget([1] * 21, [2] * 21, 5),
     ValueError, ["20", "21", "greedy"]),
    ("value matrix quantile as percentage", lambda: crm.value_matrix(
        pd.DataFrame({"current_value": [1, 2], "potential_value": [1, 2]}),
        current_quantile=80), ValueError, ["current_quantile", "0.8"]),
    # RFM
    ("rfm missing column", lambda: crm.rfm_summary(LOG.drop(columns="amount")), ValueError,
     ["'amount'", "_col"]),
    ("rfm empty log", lambda: crm.rfm_summary(LOG.iloc[:0]), ValueError,
     ["transactions", "empty"]),
    ("rfm dates as text", lambda: crm.rfm_summary(_with(LOG, date=["2024-01-01", "x"])),
     ValueError, ["'date'", "'x'", "could not be read as dates"]),
    ("rfm missing date", lambda: crm.rfm_summary(_with(LOG, date=pd.to_datetime(
        ["2024-01-01", None]))), ValueError, ["'date'", "missing", "row"]),
    ("rfm purchase in the future", lambda: crm.rfm_summary(_with(LOG, date=["2024-01-01",
                                                                          "2099-01-05"])),
     ValueError, ["'date'", "future", "2099-01-05"]),
    ("rfm negative amount", lambda: crm.rfm_summary(_with(LOG, amount=[10.0, -3.0])),
     ValueError, ["amount", "negative", "-3", "refunds"]),
    ("rfm NaN amount", lambda: crm.rfm_summary(_with(LOG, amount=[10.0, np.nan])),
     ValueError, ["amount", "missing"]),
    ("rfm text amount", lambda: crm.rfm_summary(_with(LOG, amount=["10", "ten"])), ValueError,
     ["'amount'", "'ten'", "not finite numbers"]),
    ("rfm missing customer id", lambda: crm.rfm_summary(_with(LOG, customer_id=[1, None])),
     ValueError, ["customer_id", "missing"]),
    ("rfm as_of before a purchase", lambda: crm.rfm_summary(LOG, as_of="2024-01-03"),
     ValueError, ["as_of", "2024-01-03", "customer 2"]),
    ("rfm as_of not a date", lambda: crm.rfm_summary(LOG, as_of="tomorrow"), ValueError,
     ["as_of", "tomorrow"]),
    ("rfm scores bins 1", lambda: crm.rfm_scores(SUMMARY, bins=1), ValueError, ["bins"]),
    ("rfm scores bins 10", lambda: crm.rfm_scores(SUMMARY, bins=10), ValueError,
     ["bins", "2 to 9", "10"]),
    ("rfm scores negative recency", lambda: crm.rfm_scores(_with(SUMMARY, recency=[-1, 5])),
     ValueError, ["recency", "negative", "-1"]),
    ("rfm scores NaN monetary", lambda: crm.rfm_scores(_with(SUMMARY, monetary=[np.nan, 5])),
     ValueError, ["monetary", "missing"]),
    ("rfm scores missing column", lambda: crm.rfm_scores(SUMMARY.drop(columns="frequency")),
     ValueError, ["'frequency'"]),
    ("rfm segment score out of range", lambda: crm.rfm_segments(
        pd.DataFrame({"R": [6], "F": [1]})), ValueError, ["'R'", "1 to 5", "6"]),
    ("rfm segment fractional score", lambda: crm.rfm_segments(
        pd.DataFrame({"R": [3], "F": [2.5]})), ValueError, ["'F'", "2.5"]),
    ("bank data size zero", lambda: crm.datasets.make_bank_customers(0), ValueError, ["n"]),
]


@pytest.mark.parametrize("label, call, error, words", CASES, ids=[c[0] for c in CASES])
def test_bad_input_gets_a_clear_message(label, call, error, words):
    assert_clear_error(call, error, words, label)


# The unit's own errors in the Chinese edition: the same parameter and value, the advice in
# Chinese (a student of lessons/zh/04 who types a rating of 6, a fit score of 70, a loss-making
# total, ... reads what to do in Chinese).
CHINESE_CASES = [
    ("total not positive", lambda: crm.top_share([5, -10], 0.5), ValueError,
     ["values 的总和是 -5", "客户总体上让企业亏钱"]),
    ("2-D values", lambda: crm.gini([[1, 2], [3, 4]]), ValueError, ["values", "一维", "(2, 2)"]),
    ("abc shares in the wrong order", lambda: crm.abc_classes([1, 2], a_share=0.9, b_share=0.8),
     ValueError, ["a_share 必须小于 b_share", "a_share=0.9", "b_share=0.8"]),
    ("abc nobody profitable", lambda: crm.abc_classes([0, -1]), ValueError, ["没有一位客户盈利"]),
    ("need as text", lambda: crm.classify_customers(_with(PEOPLE, has_need=["yes", "no"])),
     TypeError, ["customers['has_need']", "True/False", "'yes'"]),
    ("need missing", lambda: crm.classify_customers(_with(PEOPLE, has_need=[True, None])),
     ValueError, ["customers['has_need']", "缺失值"]),
    ("dates as text", lambda: crm.classify_customers(
        _with(PEOPLE, last_purchase=["2024-01-01", None])), TypeError,
     ["customers['last_purchase']", "pd.to_datetime", "日期"]),
    ("nobody bought", lambda: crm.classify_customers(
        _with(PEOPLE, last_purchase=pd.to_datetime([None, None]))), ValueError,
     ["还没有人购买过", "as_of"]),
    ("as_of before a purchase", lambda: crm.classify_customers(PEOPLE, as_of="2023-12-01"),
     ValueError, ["as_of（2023-12-01）早于客户 0 的最后一次购买"]),
    ("fit score missing", lambda: crm.classify_customers(
        _with(PEOPLE, fit_score=[np.nan, np.nan])), ValueError,
     ["customers['fit_score']", "目标客户还是潜在客户"]),
    ("weights not a mapping", lambda: crm.weighted_score({"a": 3}, {}), TypeError,
     ["weights", "映射", "{'volume': 0.6, 'growth': 0.4}"]),
    ("weights all zero", lambda: crm.weighted_score({"a": 3}, {"a": 0}), ValueError,
     ["weights 全部为 0", "{'a': 0}"]),
    ("rating missing", lambda: crm.weighted_score({"a": 3}, {"b": 1}), ValueError,
     ["没有 'b' 的评分", "'a'"]),
    ("ratings of the wrong kind", lambda: crm.weighted_score([3], {"a": 1}), TypeError,
     ["ratings 必须是 DataFrame", "list"]),
    ("rating off the scale", lambda: crm.weighted_score({"volume": 6}, {"volume": 1}),
     ValueError, ["ratings['volume']", "1 到 5 的量表", "6"]),
    ("scale not a pair", lambda: crm.weighted_score({"a": 3}, {"a": 1}, scale=5), TypeError,
     ["scale", "(1, 5)", "5"]),
    ("scale in the wrong order", lambda: crm.weighted_score({"a": 3}, {"a": 1}, scale=(5, 1)),
     ValueError, ["low < high", "(5, 1)"]),
    ("lengths differ", lambda: crm.cheverton_quadrant([0.1, 0.2], [0.1, 0.2, 0.3]), ValueError,
     ["长度必须相同", "3 和 2"]),
    ("cost zero", lambda: crm.allocate_budget([0, 1], [2, 2], 5), ValueError,
     ["cost 都必须大于 0", "[0, 1]"]),
    ("cost and gain lengths", lambda: crm.allocate_budget([1, 2], [2], 5), ValueError,
     ["2 个成本和 1 个收益"]),
    ("too many accounts for exact", lambda: crm.allocate_budget([1] * 21, [2] * 21, 5),
     ValueError, ["最多只能处理 20 个", "21 个", "method='greedy'"]),
    ("rfm as_of before a purchase", lambda: crm.rfm_summary(LOG, as_of="2024-01-03"),
     ValueError, ["as_of（2024-01-03）早于 1 位客户", "客户 2"]),
    ("rfm bins", lambda: crm.rfm_scores(SUMMARY, bins=10), ValueError, ["bins", "2 到 9", "10"]),
    ("rfm summary negative", lambda: crm.rfm_scores(_with(SUMMARY, recency=[-1, 5])),
     ValueError, ["summary['recency'] 有负数", "-1"]),
    ("rfm summary missing", lambda: crm.rfm_scores(_with(SUMMARY, monetary=[np.nan, 5])),
     ValueError, ["summary['monetary']", "缺失值"]),
    ("rfm segment scores", lambda: crm.rfm_segments(pd.DataFrame({"R": [6], "F": [1]})),
     ValueError, ["scores['R']", "1 到 5 的整数", "6"]),
]


@pytest.mark.parametrize("label, call, error, words", CHINESE_CASES,
                         ids=[c[0] for c in CHINESE_CASES])
def test_the_unit_errors_speak_chinese(chinese, label, call, error, words):
    assert_clear_error(call, error, words, label)


@pytest.mark.parametrize("module, prefix", [("selection", "error.selection"),
                                            ("rfm", "error.rfm")])
def test_every_error_of_the_unit_comes_from_the_catalogue(module, prefix):
    # so that it reads in the kit's language: no message of crmlib/selection.py or
    # crmlib/rfm.py is a literal
    import importlib

    assert_errors_from_catalogue(importlib.import_module(f"crmlib.{module}"), prefix, 5)
