"""Every bad input named in the issues gets a clear error that names the parameter."""

import numpy as np
import pandas as pd
import pytest

import crmlib as crm
from conftest import assert_clear_error

CLV = crm.customer_lifetime_value

# (call, exception type, words the message must contain)
CASES = [
    ("retention as a percentage", lambda: CLV(2000, 80), ValueError,
     ["retention_rate", "80", "0.8"]),
    ("retention above 1 in an array", lambda: CLV(2000, np.array([0.8, 90])), ValueError,
     ["retention_rate", "0.9"]),
    ("negative retention", lambda: CLV(2000, -0.2), ValueError, ["retention_rate", "negative"]),
    ("retention 1 without discounting", lambda: CLV(2000, 1.0), ValueError,
     ["infinite", "horizon"]),
    ("negative discount", lambda: CLV(2000, 0.8, -0.1), ValueError, ["discount_rate", "-0.1"]),
    ("discount as a percentage", lambda: CLV(2000, 0.8, 10), ValueError,
     ["discount_rate", "0.1"]),
    ("horizon zero", lambda: CLV(2000, 0.8, horizon=0), ValueError, ["horizon", "whole number"]),
    ("horizon fractional", lambda: CLV(2000, 0.8, horizon=2.5), ValueError, ["horizon", "2.5"]),
    ("horizon text", lambda: CLV(2000, 0.8, horizon="5"), TypeError, ["horizon"]),
    ("unknown when", lambda: CLV(2000, 0.8, when="start"), ValueError,
     ["when", "'end'", "'begin'", "start"]),
    ("NaN margin", lambda: CLV(float("nan"), 0.8), ValueError, ["margin", "NaN"]),
    ("NaN retention in a Series", lambda: CLV(100, pd.Series([0.8, np.nan])), ValueError,
     ["retention_rate", "NaN"]),
    ("margin as text", lambda: CLV("2000", 0.8), TypeError, ["margin", "text"]),
    ("retention as text", lambda: CLV(2000, "80%"), TypeError, ["retention_rate", "parse_number"]),
    ("margin None", lambda: CLV(None, 0.8), TypeError, ["margin", "None"]),
    ("boolean retention", lambda: CLV(2000, True), TypeError, ["retention_rate", "boolean"]),
    ("empty margin list", lambda: CLV([], 0.8), ValueError, ["margin", "empty"]),
    ("negative acquisition cost", lambda: CLV(2000, 0.8, acquisition_cost=-800), ValueError,
     ["acquisition_cost", "-800"]),
    ("infinite margin", lambda: CLV(np.inf, 0.8), ValueError, ["margin", "finite"]),
    ("schedule periods zero", lambda: crm.clv_schedule(100, 0.8, periods=0), ValueError,
     ["periods"]),
    ("schedule with an array margin", lambda: crm.clv_schedule([1, 2], 0.8, periods=2), TypeError,
     ["margin", "single number"]),
    ("expected lifetime of a customer who never leaves", lambda: crm.expected_lifetime(1.0),
     ValueError, ["infinite"]),
    ("churn as a percentage", lambda: crm.retention_from_churn(20), ValueError,
     ["churn_rate", "0.2"]),
    ("margin multiple retention percentage", lambda: crm.margin_multiple(90, 0.1), ValueError,
     ["retention_rate", "0.9"]),
    ("turnover as a percentage", lambda: crm.turnover_scenario(1e9, 30, 0.15), ValueError,
     ["turnover_rate", "0.3"]),
    ("market growth as a percentage", lambda: crm.turnover_scenario(1e9, 0.3, 15), ValueError,
     ["market_growth_rate", "0.15"]),
    ("negative revenue", lambda: crm.turnover_scenario(-1, 0.3, 0.15), ValueError, ["revenue"]),
    ("retention gain as points", lambda: crm.clv_change_from_retention(0.8, 5), ValueError,
     ["retention_gain", "0.05"]),
    ("retention gain past 1", lambda: crm.clv_change_from_retention(0.98, 0.05), ValueError,
     ["between 0 and 1"]),
    ("target below current retention revenue", lambda: crm.crm_spending_assessment(
        marketing_expense=1, turnover_rate=0.1, sales_time_value=0, lost_referrals_value=0,
        target_retention_revenue=5, current_retention_revenue=10), ValueError,
     ["target_retention_revenue"]),
    ("negative spend", lambda: crm.lifetime_revenue(-100, 50, 10), ValueError,
     ["spend_per_purchase"]),
    ("empty delivered-value mapping", lambda: crm.customer_delivered_value({}, 10), ValueError,
     ["total_customer_value", "empty"]),
    ("programme retention zero", lambda: crm.break_even_programme_cost(100, 0.5, 0.0),
     ValueError, ["retention_after"]),
    ("unknown CDNOW kind", lambda: crm.datasets.load_cdnow("full"), ValueError,
     ["kind", "'sample'", "'master'"]),
]


@pytest.mark.parametrize("label, call, error, words", CASES, ids=[c[0] for c in CASES])
def test_bad_input_gets_a_clear_message(label, call, error, words):
    assert_clear_error(call, error, words, label)
