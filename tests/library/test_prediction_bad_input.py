"""Bad input to the prediction unit (purchase logs, BG/NBD, Gamma-Gamma, model-based CLV) gets
a clear error naming the parameter and the value (a table parallel to test_bad_input.py)."""

import numpy as np
import pandas as pd
import pytest

import crmlib as crm
from conftest import assert_clear_error

LOG = pd.DataFrame({"customer_id": [1, 1, 2],
                    "date": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-01-15"]),
                    "amount": [10.0, 20.0, 30.0]})
MODEL = crm.BetaGeoModel.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)
SPEND = crm.GammaGammaModel.from_params(p=6.25, q=3.74, gamma=15.44)


def summary(log=LOG, **kwargs):
    kwargs.setdefault("calibration_end", "2024-02-01")
    return crm.calibration_summary(log, **kwargs)


def fit(*history):
    return crm.BetaGeoModel().fit(*history)


def clv(**kwargs):
    args = {"profit_margin": 0.3, "annual_discount_rate": 0.1, "horizon": 52}
    args.update(kwargs)
    return crm.predicted_customer_lifetime_value(MODEL, 2, 30.0, 38.0, 35.0, **args)


# (label, call, exception type, words the message must contain)
CASES = [
    # --- the purchase log
    ("log not a DataFrame", lambda: crm.calibration_summary([1, 2], calibration_end="2024-01-01"),
     TypeError, ["transactions", "DataFrame"]),
    ("empty log", lambda: summary(LOG.iloc[:0]), ValueError, ["transactions", "empty"]),
    ("missing amount column", lambda: summary(LOG.drop(columns="amount")), ValueError,
     ["'amount'", "_col keyword"]),
    ("missing customer id", lambda: summary(LOG.assign(customer_id=[1, None, 2])), ValueError,
     ["'customer_id'", "missing"]),
    ("missing date", lambda: summary(LOG.assign(date=[LOG["date"][0], pd.NaT, LOG["date"][2]])),
     ValueError, ["'date'", "missing"]),
    ("unreadable date", lambda: summary(LOG.assign(date=["2024-01-01", "soon", "2024-01-15"])),
     ValueError, ["'date'", "soon"]),
    ("dates as numbers", lambda: summary(LOG.assign(date=[45292, 45323, 45306])),
     TypeError, ["'date'", "45292", "YYYYMMDD"]),   # spreadsheet day numbers, not YYYYMMDD
    ("purchase in the future",
     lambda: summary(LOG.assign(date=["2024-01-01", "2099-02-01", "2024-01-15"])), ValueError,
     ["'date'", "future", "2099-02-01"]),
    ("negative spend in the log", lambda: summary(LOG.assign(amount=[10.0, -20.0, 30.0])),
     ValueError, ["'amount'", "negative", "-20.0", "refunds"]),
    ("NaN spend in the log", lambda: summary(LOG.assign(amount=[10.0, np.nan, 30.0])),
     ValueError, ["'amount'", "missing"]),
    ("spend as text", lambda: summary(LOG.assign(amount=["10", "twenty", "30"])), ValueError,
     ["'amount'", "'twenty'", "not finite numbers"]),
    ("calibration end before the log", lambda: summary(calibration_end="2023-12-31"),
     ValueError, ["calibration_end", "2023-12-31", "before the first", "2024-01-01"]),
    ("calibration end not a date", lambda: summary(calibration_end="next week"), ValueError,
     ["calibration_end", "next week"]),
    ("calibration end missing", lambda: summary(calibration_end=None), TypeError,
     ["calibration_end"]),
    ("observation end before calibration end",
     lambda: summary(calibration_end="2024-01-20", observation_end="2024-01-10"), ValueError,
     ["observation_end", "after calibration_end"]),
    ("observation end after the log",
     lambda: summary(calibration_end="2024-01-20", observation_end="2024-12-31"), ValueError,
     ["observation_end", "2024-12-31", "after the last"]),
    ("unknown time unit", lambda: summary(time_unit="weeks"), ValueError,
     ["time_unit", "'W'", "weeks", "Did you mean 'W'?"]),
    ("calibration end after the log, with a holdout",
     lambda: summary(calibration_end="2024-06-30", observation_end="2024-07-31"), ValueError,
     ["observation_end", "2024-07-31", "after the last", "2024-02-01"]),
    ("tracking time unit unknown",
     lambda: crm.purchase_tracking(MODEL, LOG, calibration_end="2024-01-20",
                                   observation_end="2024-02-01", time_unit="fortnight"),
     ValueError, ["time_unit", "'W' (weeks)", "fortnight"]),
    # --- the purchase model's inputs
    ("recency above T", lambda: fit([2, 1], [30.0, 40.0], [38.0, 38.0]), ValueError,
     ["recency", "T", "40", "38", "position 1"]),
    ("recency 0 with repeat purchases", lambda: fit([2, 1], [30.0, 0.0], [38.0, 38.0]),
     ValueError, ["recency", "0", "repeat", "RFM recency"]),
    ("recency without repeat purchases", lambda: fit([0, 1], [5.0, 3.0], [38.0, 38.0]),
     ValueError, ["recency", "frequency 0"]),
    ("negative frequency", lambda: fit([-1, 1], [0.0, 3.0], [38.0, 38.0]), ValueError,
     ["frequency", "0 or more"]),
    ("fractional frequency", lambda: fit([1.5, 1], [3.0, 3.0], [38.0, 38.0]), ValueError,
     ["frequency", "whole", "1.5"]),
    ("negative T", lambda: fit([0, 1], [0.0, 3.0], [-1.0, 38.0]), ValueError, ["T", "0 or more"]),
    ("NaN recency", lambda: fit([1, 1], [np.nan, 3.0], [38.0, 38.0]), ValueError,
     ["recency", "NaN"]),
    ("lengths differ", lambda: fit([1, 1, 0], [3.0, 3.0], [38.0, 38.0]), ValueError,
     ["same length"]),
    ("summary.T is the transpose", lambda: fit([1, 0], [3.0, 0.0], pd.DataFrame({"a": [1]}).T),
     TypeError, ["T", "DataFrame", "summary['T']"]),
    ("no repeat purchases at all", lambda: fit([0, 0], [0.0, 0.0], [10.0, 20.0]), ValueError,
     ["frequency", "every customer"]),
    ("series label in the message",
     lambda: MODEL.probability_alive(pd.Series([1, 1], index=["ann", "bob"]), [3.0, 50.0],
                                     [38.0, 38.0]),
     ValueError, ["recency", "customer 'bob'"]),
    ("negative horizon t", lambda: MODEL.expected_purchases(-1.0), ValueError, ["t", "0 or more"]),
    ("published parameter zero", lambda: crm.BetaGeoModel.from_params(r=0, alpha=1, a=1, b=1),
     ValueError, ["r", "greater than 0"]),
    # --- the spend model
    ("spend model fitted on one-time buyers",
     lambda: crm.GammaGammaModel().fit([0, 2, 3], [0.0, 20.0, 30.0]), ValueError,
     ["frequency", "at least 1", "repeat buyers"]),
    ("negative spend", lambda: crm.GammaGammaModel().fit([1, 2, 3], [10.0, -20.0, 30.0]),
     ValueError, ["monetary_value", "negative"]),
    ("zero spend", lambda: crm.GammaGammaModel().fit([1, 2, 3], [10.0, 0.0, 30.0]), ValueError,
     ["monetary_value", "above 0"]),
    ("NaN spend", lambda: SPEND.conditional_expected_spend([1, 2], [np.nan, 30.0]), ValueError,
     ["monetary_value", "NaN"]),
    ("correlation with constant spend",
     lambda: crm.spend_frequency_correlation([1, 2, 3], [5.0, 5.0, 5.0]), ValueError,
     ["at least 3", "vary"]),
    # --- model-based CLV
    ("margin as a percentage", lambda: clv(profit_margin=30), ValueError,
     ["profit_margin", "0.3"]),
    ("discount rate as a percentage", lambda: clv(annual_discount_rate=10), ValueError,
     ["annual_rate", "0.1"]),
    ("horizon not whole", lambda: clv(horizon=2.5), ValueError, ["horizon", "2.5"]),
    ("CLV time unit unknown", lambda: clv(time_unit="week"), ValueError, ["time_unit", "'W'"]),
    ("CLV without a purchase model",
     lambda: crm.predicted_customer_lifetime_value("model", 2, 30.0, 38.0, 35.0,
                                                   profit_margin=0.3, annual_discount_rate=0.1,
                                                   horizon=52),
     TypeError, ["purchase_model", "BetaGeoModel"]),
    ("negative expected spend", lambda: crm.predicted_customer_lifetime_value(
        MODEL, 2, 30.0, 38.0, -35.0, profit_margin=0.3, annual_discount_rate=0.1, horizon=52),
     ValueError, ["expected_spend", "0 or more"]),
    ("grid quantity unknown",
     lambda: crm.frequency_recency_grid(MODEL, 39.0, quantity="alive"), ValueError,
     ["quantity", "probability_alive"]),
]


@pytest.mark.parametrize("label, call, error, words", CASES, ids=[c[0] for c in CASES])
def test_prediction_bad_input_gets_a_clear_message(label, call, error, words):
    assert_clear_error(call, error, words, label)
