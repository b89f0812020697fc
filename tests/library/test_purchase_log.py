"""crmlib.purchase_log: the calibration summary, pinned to hand-worked logs and to the CDNOW
summary published by Fader, Hardie & Lee (2005)."""

import numpy as np
import pandas as pd
import pytest

import crmlib as crm


@pytest.fixture(scope="module")
def cdnow_summary():
    log = crm.datasets.load_cdnow("sample")
    return crm.calibration_summary(log, calibration_end="1997-09-30",
                                   observation_end="1998-06-30")


def _log(rows):
    return pd.DataFrame(rows, columns=["customer_id", "date", "amount"]).assign(
        date=lambda t: pd.to_datetime(t["date"]))


# Fader, Hardie & Lee (2005), Marketing Science 24(2), Figure 1 (the spreadsheet's first rows):
# ID 0001 x=2, t_x=30.43, T=38.86; ID 0002 x=1, t_x=1.71; ID 0003 x=0; ID 0006 x=7, t_x=29.43.
# By hand from the log: customer 1 bought 1997-01-01, 01-18, 08-02 (and 12-12, after the
# calibration end): 2 repeats, 213 days = 30.43 weeks; customer 2 bought 01-01 and 01-13:
# 12 days = 1.71 weeks. T = 1997-09-30 - 1997-01-01 = 272 days = 38.86 weeks.
@pytest.mark.parametrize("customer, frequency, recency", [(1, 2, 30.43), (2, 1, 1.71), (3, 0, 0.0),
                                                          (6, 7, 29.43)])
def test_cdnow_rows_match_fader_hardie_lee_2005_figure_1(cdnow_summary, customer, frequency,
                                                         recency):
    row = cdnow_summary.loc[customer]
    assert row["frequency"] == frequency
    assert round(row["recency"], 2) == recency
    assert round(row["T"], 2) == 38.86


def test_cdnow_counts_match_the_papers(cdnow_summary):
    # 2357 sampled customers (FHL 2005); 946 of them repeat buyers, the Gamma-Gamma sample (Fader,
    # Hardie & Lee 2005, JMR); 1411 with no repeat purchase who made 334 purchases in weeks
    # 40-78 (FHL 2005, Marketing Science, Section 7: "334/1411 = 0.24").
    assert len(cdnow_summary) == 2357
    assert (cdnow_summary["frequency"] > 0).sum() == 946
    zero = cdnow_summary[cdnow_summary["frequency"] == 0]
    assert len(zero) == 1411
    assert zero["frequency_holdout"].sum() == 334
    assert (cdnow_summary["duration_holdout"] == 39.0).all()  # 273 days


def test_same_day_records_are_one_purchase_and_first_purchase_not_counted():
    log = _log([("a", "2024-01-01", 50.0), ("a", "2024-01-01", 5.0),   # first day: 55
                ("a", "2024-01-15", 10.0), ("a", "2024-01-15", 20.0),  # one repeat day: 30
                ("a", "2024-01-29", 60.0),                            # second repeat day: 60
                ("b", "2024-01-08", 40.0), ("c", "2024-02-05", 1.0)])
    summary = crm.calibration_summary(log, calibration_end="2024-02-05")
    a = summary.loc["a"]
    assert a["frequency"] == 2
    assert a["recency"] == pytest.approx(28 / 7)       # 2024-01-01 -> 01-29: 4 weeks
    assert a["T"] == pytest.approx(35 / 7)             # 2024-01-01 -> 02-05: 5 weeks
    assert a["monetary_value"] == pytest.approx((30 + 60) / 2)  # first day (55) left out
    b = summary.loc["b"]
    assert (b["frequency"], b["recency"], b["monetary_value"]) == (0, 0.0, 0.0)
    assert b["T"] == pytest.approx(4.0)
    assert summary.loc["c", "T"] == 0.0  # first purchase on the calibration end
    assert summary["frequency"].dtype == np.int64


def test_holdout_counts_and_customers_acquired_later_are_left_out():
    log = _log([("a", "2024-01-01", 10.0), ("a", "2024-01-10", 20.0), ("a", "2024-02-10", 30.0),
                ("a", "2024-02-11", 50.0), ("a", "2024-03-20", 99.0),
                ("late", "2024-02-15", 5.0)])
    summary = crm.calibration_summary(log, calibration_end="2024-01-31",
                                      observation_end="2024-03-01", time_unit="D")
    assert list(summary.index) == ["a"]
    a = summary.loc["a"]
    assert a["frequency"] == 1 and a["frequency_holdout"] == 2  # 03-20 is after observation_end
    assert a["monetary_value_holdout"] == pytest.approx(40.0)
    assert a["duration_holdout"] == 30.0                        # 2024-01-31 -> 03-01 (leap year)


@pytest.mark.parametrize("unit, days", [("D", 1), ("W", 7), ("M", 365.25 / 12), ("Y", 365.25)])
def test_time_units(unit, days):
    log = _log([("a", "2023-01-01", 1.0), ("a", "2023-03-02", 1.0), ("a", "2023-12-31", 1.0)])
    summary = crm.calibration_summary(log, calibration_end="2023-12-31", time_unit=unit)
    assert summary.loc["a", "recency"] == pytest.approx(364 / days)
    assert summary.loc["a", "T"] == pytest.approx(364 / days)
    assert summary.attrs["time_unit"] == {"D": "days", "W": "weeks", "M": "months",
                                          "Y": "years"}[unit]


def test_row_order_text_dates_and_integer_ids_do_not_matter(cdnow_summary):
    log = crm.datasets.load_cdnow("sample")
    shuffled = log.sample(frac=1.0, random_state=np.random.default_rng(7))
    shuffled = shuffled.assign(date=shuffled["date"].dt.strftime("%Y-%m-%d"))
    again = crm.calibration_summary(shuffled, calibration_end="1997-09-30",
                                    observation_end="1998-06-30")
    pd.testing.assert_frame_equal(again, cdnow_summary)


def test_dates_as_yyyymmdd_numbers_as_in_every_purchase_log_function():
    # a: 2024-01-01 (5) and 2024-01-29 (7): 1 repeat purchase, 28 days = 4 weeks; spend 7
    log = pd.DataFrame({"customer_id": ["a", "a"], "date": [20240101, 20240129],
                        "amount": [5.0, 7.0]})
    summary = crm.calibration_summary(log, calibration_end="2024-01-29")
    assert summary.loc["a"].tolist() == [1, 4.0, 4.0, 7.0]


def test_without_amounts_and_custom_column_names():
    log = pd.DataFrame({"who": [1, 1, 2], "when": pd.to_datetime(["2024-01-01", "2024-01-08",
                                                                  "2024-01-02"])})
    summary = crm.calibration_summary(log, calibration_end="2024-01-08", customer_col="who",
                                      date_col="when", amount_col=None)
    assert list(summary.columns) == ["frequency", "recency", "T"]
    assert summary.index.name == "who"
    assert summary.loc[1, "recency"] == 1.0
