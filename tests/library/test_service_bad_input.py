"""Bad input to the service functions gets a clear error naming the parameter and the value.

A parallel table to tests/library/test_bad_input.py (kept separate so units can be merged freely).
"""

import numpy as np
import pandas as pd
import pytest

import crmlib as crm
from conftest import assert_clear_error, assert_errors_from_catalogue

E = pd.DataFrame({"t1": [5, 6], "r1": [7, 6], "r2": [7, 6]})
P = pd.DataFrame({"t1": [6, 6], "r1": [5, 6], "r2": [4, 5]})
DIMS = {"tangibles": ["t1"], "reliability": ["r1", "r2"]}
RECOVERY = dict(stay_with_recovery=0.7, stay_without_recovery=0.3, margin=2000,
                retention_rate=0.8, cost_per_complaint=500)


def _recovery(**changes):
    return crm.service_recovery_value(1000, **{**RECOVERY, **changes})


# (label, call, exception type, words the message must contain)
CASES = [
    # the queue: stability
    ("arrivals equal capacity", lambda: crm.erlang_c(6, 3, 2), ValueError,
     ["grows without bound", "6", "2 × 3", "utilisation 1.00", "at least 3"]),
    ("arrivals above capacity", lambda: crm.mean_wait(10, 4, 2), ValueError,
     ["grows without bound", "10", "utilisation 1.25", "at least 3"]),
    ("arrivals above capacity, wait probability", lambda: crm.wait_probability(1, 10, 4, 2),
     ValueError, ["grows without bound"]),
    ("arrivals above capacity, summary", lambda: crm.queue_summary(10, 4, 2, max_wait=1),
     ValueError, ["grows without bound"]),
    # the queue: rates
    ("zero arrival rate", lambda: crm.erlang_c(0, 3, 2), ValueError,
     ["arrival_rate", "greater than 0", "0"]),
    ("negative arrival rate", lambda: crm.mean_wait(-2, 3, 2), ValueError,
     ["arrival_rate", "greater than 0", "-2"]),
    ("zero service rate", lambda: crm.erlang_c(2, 0, 2), ValueError,
     ["service_rate", "greater than 0"]),
    ("negative service rate", lambda: crm.servers_needed(2, -3, max_wait=1, target=0.9),
     ValueError, ["service_rate", "-3"]),
    ("NaN arrival rate", lambda: crm.erlang_c(np.nan, 3, 2), ValueError,
     ["arrival_rate", "NaN"]),
    ("infinite service rate", lambda: crm.erlang_c(2, np.inf, 2), ValueError,
     ["service_rate", "finite"]),
    ("arrival rate as text", lambda: crm.erlang_c("2", 3, 2), TypeError,
     ["arrival_rate", "text"]),
    ("several arrival rates", lambda: crm.erlang_c([2, 3], 3, 2), TypeError,
     ["arrival_rate", "single number"]),
    # the queue: servers
    ("fractional servers", lambda: crm.erlang_c(2, 3, 2.5), ValueError,
     ["servers", "whole number", "2.5"]),
    ("zero servers", lambda: crm.mean_wait(2, 3, 0), ValueError,
     ["servers", "at least 1", "0"]),
    ("negative servers", lambda: crm.erlang_c(2, 3, -1), ValueError, ["servers", "-1"]),
    ("servers as text", lambda: crm.erlang_c(2, 3, "2"), TypeError, ["servers", "'2'"]),
    ("servers as boolean", lambda: crm.erlang_c(2, 3, True), TypeError, ["servers", "True"]),
    ("servers NaN", lambda: crm.utilisation(2, 3, np.nan), ValueError, ["servers", "nan"]),
    # the queue: waits and targets
    ("negative wait", lambda: crm.wait_probability(-1, 2, 3, 2), ValueError,
     ["wait", "0 or more", "-1"]),
    ("negative max_wait", lambda: crm.servers_needed(2, 3, max_wait=-0.5, target=0.9),
     ValueError, ["max_wait", "-0.5"]),
    ("target as a percentage", lambda: crm.servers_needed(2, 3, max_wait=0.25, target=95),
     ValueError, ["target", "0.95"]),
    ("target of 1", lambda: crm.servers_needed(2, 3, max_wait=0.25, target=1), ValueError,
     ["target", "less than 1"]),
    ("target of 0", lambda: crm.servers_needed(2, 3, max_wait=0.25, target=0), ValueError,
     ["target", "greater than 0"]),
    ("max_wait missing", lambda: crm.servers_needed(2, 3, target=0.9), TypeError,
     ["max_wait"]),
    ("staffing plan with a zero rate", lambda: crm.staffing_plan(
        pd.Series({"09:00": 2.0, "10:00": 0.0}), 3, max_wait=0.25, target=0.95), ValueError,
     ["arrival_rates", "greater than 0"]),
    ("staffing plan empty", lambda: crm.staffing_plan(pd.Series([], dtype=float), 3,
                                                      max_wait=0.25, target=0.95),
     ValueError, ["arrival_rates", "empty"]),
    ("staffing plan of a list", lambda: crm.staffing_plan([2, 3], 3, max_wait=0.25,
                                                          target=0.95),
     TypeError, ["arrival_rates", "Series", "list"]),
    # SERVQUAL
    ("servqual columns differ", lambda: crm.servqual_gaps(E, P.rename(columns={"r2": "x"}),
                                                          DIMS),
     ValueError, ["same item columns", "'r2'", "'x'"]),
    ("servqual other respondents", lambda: crm.servqual_gaps(E, P.iloc[:1], DIMS),
     ValueError, ["2 rows", "1 rows", "same respondents"]),
    ("servqual unknown item", lambda: crm.servqual_gaps(
        E, P, {"tangibles": ["t1"], "reliability": ["r1", "r2", "r9"]}), ValueError,
     ["'r9'", "not columns", "'t1'"]),
    ("servqual item in no dimension", lambda: crm.servqual_gaps(
        E, P, {"tangibles": ["t1"], "reliability": ["r1"]}), ValueError,
     ["'r2'", "no dimension"]),
    ("servqual item in two dimensions", lambda: crm.servqual_gaps(
        E, P, {"tangibles": ["t1", "r1"], "reliability": ["r1", "r2"]}), ValueError,
     ["'r1'", "two dimensions"]),
    ("servqual dimension with no items", lambda: crm.servqual_gaps(
        E, P, {**DIMS, "empathy": []}), ValueError, ["'empathy'", "no items"]),
    ("servqual dimensions not a mapping", lambda: crm.servqual_gaps(E, P, ["t1", "r1"]),
     TypeError, ["dimensions", "SERVQUAL_DIMENSIONS", "list"]),
    ("servqual missing rating", lambda: crm.servqual_gaps(
        E.assign(r1=[7, np.nan]), P, DIMS), ValueError,
     ["expectations['r1']", "1 missing"]),
    ("servqual rating off the scale", lambda: crm.servqual_gaps(E, P.assign(t1=[6, 70]), DIMS),
     ValueError, ["perceptions['t1']", "1 to 7", "70"]),
    ("servqual ratings as text", lambda: crm.servqual_gaps(
        E.assign(t1=["5", "6"]), P, DIMS), TypeError, ["expectations['t1']", "numbers"]),
    ("servqual bad scale", lambda: crm.servqual_gaps(E, P, DIMS, scale=(7, 1)), ValueError,
     ["scale", "low < high"]),
    ("servqual not a table", lambda: crm.servqual_gaps([[5, 6]], P, DIMS), TypeError,
     ["expectations", "DataFrame"]),
    ("servqual empty table", lambda: crm.servqual_gaps(E.iloc[:0], P.iloc[:0], DIMS),
     ValueError, ["expectations", "empty"]),
    ("servqual weights missing a dimension", lambda: crm.servqual_gaps(
        E, P, DIMS, weights={"tangibles": 1}), ValueError, ["weights", "missing 'reliability'"]),
    ("servqual weights for an unknown dimension", lambda: crm.servqual_gaps(
        E, P, DIMS, weights={"tangibles": 1, "reliability": 1, "price": 1}), ValueError,
     ["weights", "unknown 'price'"]),
    ("servqual negative weight", lambda: crm.servqual_gaps(
        E, P, DIMS, weights={"tangibles": -1, "reliability": 1}), ValueError,
     ["weights['tangibles']", "0 or more", "-1"]),
    ("servqual importance table as weights", lambda: crm.servqual_gaps(
        E, P, DIMS, weights=pd.DataFrame({"tangibles": [20, 30], "reliability": [80, 70]})),
     TypeError, ["weights", "2 rows", "importance.mean()"]),
    ("servqual weights all zero", lambda: crm.servqual_gaps(
        E, P, DIMS, weights={"tangibles": 0, "reliability": 0}), ValueError,
     ["weights", "all 0"]),
    ("weighted score without a gap column", lambda: crm.weighted_servqual_score(
        pd.DataFrame({"x": [1.0]}), {"x": 1}), ValueError, ["'gap' column", "'x'"]),
    ("weighted score NaN gap", lambda: crm.weighted_servqual_score(
        {"tangibles": np.nan}, {"tangibles": 1}), ValueError, ["gaps['tangibles']", "NaN"]),
    ("weighted score weights as list", lambda: crm.weighted_servqual_score(
        {"tangibles": 0.5}, [1]), TypeError, ["weights", "list"]),
    # service recovery
    ("recovery shares swapped", lambda: _recovery(stay_with_recovery=0.3,
                                                  stay_without_recovery=0.7), ValueError,
     ["stay_with_recovery (0.3)", "stay_without_recovery (0.7)", "swap"]),
    ("recovery share as a percentage", lambda: _recovery(stay_with_recovery=70), ValueError,
     ["stay_with_recovery", "0.7"]),
    ("recovery negative complaints", lambda: crm.service_recovery_value(-5, **RECOVERY),
     ValueError, ["complaints", "-5"]),
    ("recovery negative cost", lambda: _recovery(cost_per_complaint=-1), ValueError,
     ["cost_per_complaint", "-1"]),
    ("recovery retention as a percentage", lambda: _recovery(retention_rate=80), ValueError,
     ["retention_rate", "0.8"]),
    ("recovery unknown timing", lambda: _recovery(when="later"), ValueError,
     ["when", "'end'", "'begin'", "later"]),
    ("recovery discount as a percentage", lambda: _recovery(discount_rate=10), ValueError,
     ["discount_rate", "0.1"]),
    # data
    ("survey unknown part", lambda: crm.datasets.load_servqual_survey("answers"), ValueError,
     ["part", "'expectations'", "'answers'"]),
]


@pytest.mark.parametrize("label, call, error, words", CASES, ids=[c[0] for c in CASES])
def test_bad_input_gets_a_clear_message(label, call, error, words):
    assert_clear_error(call, error, words, label)


# --------------------------------------------------------------------------- in Chinese


# The unit's own errors that a student of the Chinese edition meets in lesson 07 and its
# exercises (a rate in minutes where the queue wants one per hour, swapped shares, the table of
# importance points where one weight per dimension is wanted), in Chinese with the values.
CHINESE_CASES = [
    ("arrivals equal capacity", lambda: crm.erlang_c(6, 3, 2), ValueError,
     ["队伍会无限增长", "2 × 3 = 6", "利用率 1.00", "至少安排 3 个服务台"]),
    ("service time taken for the rate", lambda: crm.mean_wait(40, 6, 5), ValueError,
     ["队伍会无限增长", "arrival_rate 40", "5 × 6 = 30", "利用率 1.33", "至少安排 7 个"]),
    ("recovery shares swapped", lambda: _recovery(stay_with_recovery=0.3,
                                                  stay_without_recovery=0.7), ValueError,
     ["stay_with_recovery（0.3）", "stay_without_recovery（0.7）", "弄反"]),
    ("importance table as weights", lambda: crm.servqual_gaps(
        E, P, DIMS, weights=pd.DataFrame({"tangibles": [20, 30], "reliability": [80, 70]})),
     TypeError, ["2 行", "importance.mean()"]),
    ("weights missing a dimension", lambda: crm.servqual_gaps(
        E, P, DIMS, weights={"tangibles": 1}), ValueError, ["缺少 'reliability'"]),
    ("weights missing one, one unknown", lambda: crm.servqual_gaps(
        E, P, DIMS, weights={"tangibles": 1, "price": 1}), ValueError,
     ["缺少 'reliability'", "未知的维度：'price'"]),
    ("unknown item", lambda: crm.servqual_gaps(
        E, P, {"tangibles": ["t1"], "reliability": ["r1", "r2", "r9"]}), ValueError,
     ["'r9'", "不是问卷表中的列"]),
    ("rating off the scale", lambda: crm.servqual_gaps(E, P.assign(t1=[6, 70]), DIMS),
     ValueError, ["perceptions['t1']", "1 到 7", "70"]),
    ("weighted score without a gap column", lambda: crm.weighted_servqual_score(
        pd.DataFrame({"x": [1.0]}), {"x": 1}), ValueError, ["'gap' 列", "'x'"]),
    ("staffing plan empty", lambda: crm.staffing_plan(pd.Series([], dtype=float), 3,
                                                      max_wait=0.25, target=0.95),
     ValueError, ["arrival_rates 是空的"]),
]


@pytest.mark.parametrize("label, call, error, words", CHINESE_CASES,
                         ids=[c[0] for c in CHINESE_CASES])
def test_the_unit_errors_speak_chinese(chinese, label, call, error, words):
    assert_clear_error(call, error, words, label)


def test_every_error_of_the_unit_comes_from_the_catalogue():
    # so that it reads in the kit's language: no message of crmlib/service.py is a literal; the
    # weights check picks one of three keys
    from crmlib import service

    assert_errors_from_catalogue(
        service, "error.service", 21, built=["{key}"],
        extra=["weights_missing_and_unknown", "weights_missing", "weights_unknown"])
