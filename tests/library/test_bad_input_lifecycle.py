"""Every bad input of the lifecycle unit gets a clear error naming the parameter and the value.

A parallel table to tests/library/test_bad_input.py: (label, call, exception type, words the
message must contain).
"""

import numpy as np
import pandas as pd
import pytest

import crmlib as crm
from conftest import assert_clear_error

SBG = crm.ShiftedBetaGeometric
GOOD = pd.DataFrame({"customer_id": [1, 1, 2],
                     "date": pd.to_datetime(["2023-01-05", "2023-02-01", "2023-01-09"]),
                     "amount": [10.0, 20.0, 30.0]})


def log(**changes):
    data = {"customer_id": [1, 1, 2], "date": ["2023-01-05", "2023-02-01", "2023-01-09"],
            "amount": [10.0, 20.0, 30.0]}
    data.update(changes)
    return pd.DataFrame(data)


CASES = [
    # ---- survivor counts for the sBG
    ("survivors rise", lambda: SBG().fit([1000, 631, 700, 382]), ValueError,
     ["survivors", "must not rise", "631", "700", "period 2"]),
    ("survivors negative", lambda: SBG().fit([1000, 631, -5]), ValueError,
     ["survivors", "negative", "-5"]),
    ("survivors too short", lambda: SBG().fit([1000, 631]), ValueError,
     ["too short", "at least 3"]),
    ("survivors as text", lambda: SBG().fit("1000, 631, 468"), TypeError, ["survivors", "text"]),
    ("survivors with text inside", lambda: SBG().fit([1000, "631", "x"]), TypeError,
     ["survivors", "numbers"]),
    ("survivors with NaN", lambda: SBG().fit([1000, np.nan, 468]), ValueError,
     ["survivors", "NaN"]),
    ("survivors as a table", lambda: SBG().fit([[1000, 631], [468, 382]]), ValueError,
     ["1-D"]),
    ("survivors start at zero", lambda: SBG().fit([0, 0, 0]), ValueError,
     ["start", "above 0"]),
    ("survivors never leave", lambda: SBG().fit([1000, 1000, 1000]), ValueError,
     ["no customer leaving", "100%"]),
    ("survivors infinite", lambda: SBG().fit([np.inf, 10, 5]), ValueError, ["finite"]),
    ("empty survivors", lambda: SBG().fit([]), ValueError, ["survivors", "empty"]),
    ("naive curve unknown", lambda: crm.CurveFitProjection("cubic").fit([1000, 631, 468]),
     ValueError, ["kind", "'linear'", "cubic"]),
    ("calibration longer than the data",
     lambda: crm.compare_retention_projections([1000, 631, 468, 382], calibration_periods=7),
     ValueError, ["calibration_periods", "7", "3 periods"]),
    ("alpha negative", lambda: SBG.from_params(-1, 2), ValueError, ["alpha", "-1"]),
    ("discount as a percentage",
     lambda: SBG.from_params(1, 2).discounted_expected_residual_lifetime(10), ValueError,
     ["discount_rate", "0.1"]),
    ("infinite undiscounted lifetime",
     lambda: SBG.from_params(0.7, 1.2).discounted_expected_lifetime(0), ValueError,
     ["infinite", "alpha"]),
    ("renewals fractional",
     lambda: SBG.from_params(1, 2).discounted_expected_residual_lifetime(0.1, 1.5),
     ValueError, ["renewals", "whole"]),
    ("negative period", lambda: SBG.from_params(1, 2).survival(-1), ValueError,
     ["t", "whole numbers", "-1"]),
    ("retention in period 0", lambda: SBG.from_params(1, 2).retention(0), ValueError,
     ["at least 1"]),
    # ---- survival and retention
    ("retention as percentages", lambda: crm.survival_from_retention([80, 90]), ValueError,
     ["retention", "0.8"]),
    ("survival rises", lambda: crm.retention_from_survival([1.0, 0.5, 0.6]), ValueError,
     ["must not rise", "cohort_table"]),
    ("survival of one period", lambda: crm.retention_from_survival([1.0]), ValueError,
     ["too short", "at least 2"]),
    # ---- transaction logs
    ("log missing a column", lambda: crm.classify_stages(GOOD.drop(columns="amount")),
     ValueError, ["missing the column", "'amount'", "'customer_id'", "_col"]),
    ("log with another customer column",
     lambda: crm.cohort_table(GOOD.rename(columns={"customer_id": "member"})), ValueError,
     ["'customer_id'", "'member'"]),
    ("unparseable date", lambda: crm.classify_stages(log(date=["2023-01-05", "2023-02-30",
                                                               "soon"])),
     ValueError, ["'date'", "2023-02-30", "could not be read as dates"]),
    ("missing date", lambda: crm.cohort_table(log(date=["2023-01-05", None, "2023-01-09"])),
     ValueError, ["missing date", "row"]),
    ("future date", lambda: crm.classify_stages(log(date=["2023-01-05", "2099-02-01",
                                                          "2023-01-09"])),
     ValueError, ["future", "2099-02-01", "day and month"]),
    ("numbers that are not dates", lambda: crm.cohort_table(log(date=[1, 2, 3])), TypeError,
     ["not dates", "YYYYMMDD"]),
    ("empty log", lambda: crm.classify_stages(GOOD.iloc[0:0]), ValueError,
     ["empty", "no rows"]),
    ("log is not a table", lambda: crm.cohort_table([1, 2, 3]), TypeError,
     ["DataFrame", "list"]),
    ("missing customer id", lambda: crm.cohort_table(log(customer_id=[1, None, 2])),
     ValueError, ["missing customer id", "row"]),
    ("negative amount", lambda: crm.classify_stages(log(amount=[10.0, -5.0, 3.0])),
     ValueError, ["negative amount", "-5.0", "refunds"]),
    ("amount not a number", lambda: crm.classify_stages(log(amount=[10.0, "ten", 3.0])),
     ValueError, ["'amount'", "'ten'", "not finite numbers"]),
    ("as_of not a date", lambda: crm.classify_stages(GOOD, "tomorrow-ish"), ValueError,
     ["as_of", "tomorrow-ish"]),
    ("as_of as a number", lambda: crm.classify_stages(GOOD, 2023), TypeError, ["as_of", "2023"]),
    ("as_of before every purchase", lambda: crm.classify_stages(GOOD, "2020-01-01"), ValueError,
     ["as_of", "before the first purchase", "2023-01-05"]),
    ("unknown customer", lambda: crm.stage_path(GOOD, 99), ValueError,
     ["customer 99", "no purchases"]),
    # ---- thresholds
    ("negative exploration days",
     lambda: crm.classify_stages(GOOD, exploration_days=-10), ValueError,
     ["exploration_days", "-10"]),
    ("decline ratio as a percentage",
     lambda: crm.classify_stages(GOOD, decline_ratio=50), ValueError,
     ["decline_ratio", "below 1", "50"]),
    ("growth ratio below 1", lambda: crm.classify_stages(GOOD, growth_ratio=0.8), ValueError,
     ["growth_ratio", "above 1", "0.8"]),
    ("stability before exploration",
     lambda: crm.classify_stages(GOOD, exploration_days=400), ValueError,
     ["stability_days", "exploration_days", "400"]),
    ("decline after the end",
     lambda: crm.classify_stages(GOOD, decline_after_days=500), ValueError,
     ["decline_after_days", "lost_after_days"]),
    ("min purchase days zero",
     lambda: crm.classify_stages(GOOD, min_purchase_days=0), ValueError,
     ["min_purchase_days"]),
    ("unknown checkpoint spacing", lambda: crm.stage_history(GOOD, time_unit="Q"), ValueError,
     ["time_unit", "'M' (months)", "'W' (weeks)", "'Q'"]),
    ("checkpoint spacing written out", lambda: crm.stage_history(GOOD, time_unit="week"),
     ValueError, ["time_unit", "'week'", "Did you mean 'W'?"]),
    ("daily checkpoints", lambda: crm.lifecycle_patterns(GOOD, time_unit="D"), ValueError,
     ["time_unit", "'M' (months)", "'W' (weeks)", "'D'"]),
    ("unknown cohort period", lambda: crm.cohort_table(GOOD, time_unit="quarter"), ValueError,
     ["time_unit", "'M' (months)", "'W' (weeks)", "quarter"]),
    ("cohort period written out", lambda: crm.cohort_survival(GOOD, time_unit="months"),
     ValueError, ["time_unit", "'months'", "Did you mean 'M'?"]),
    ("the old name of the time unit", lambda: crm.cohort_table(GOOD, period="M"), TypeError,
     ["period"]),
    ("negative followup", lambda: crm.cohort_survival(GOOD, followup=-1), ValueError,
     ["followup"]),
    ("negative long-term threshold",
     lambda: crm.lifecycle_patterns(GOOD, long_term_days=-1), ValueError, ["long_term_days"]),
    # ---- profit curve
    ("no exploration period",
     lambda: crm.lifecycle_profit_curve(exploration_periods=0), ValueError,
     ["exploration_periods", "at least 1"]),
    ("stability without formation",
     lambda: crm.lifecycle_profit_curve(formation_periods=0, stability_periods=3), ValueError,
     ["formation_periods", "stability"]),
    ("fractional periods", lambda: crm.lifecycle_profit_curve(stability_periods=2.5),
     ValueError, ["stability_periods", "2.5"]),
]


@pytest.mark.parametrize("label, call, error, words", CASES, ids=[c[0] for c in CASES])
def test_bad_input_gets_a_clear_message(label, call, error, words):
    assert_clear_error(call, error, words, label)


def test_damaged_shipped_files_are_reported(fake_data_folder):
    from crmlib import datasets

    for name in ("fader_hardie_retention.csv", "hotel_loyalty_stays.csv"):
        (fake_data_folder / name).write_text("year,regular\n0,1000\n")
    with pytest.raises(datasets.DatasetError, match="damaged or was edited"):
        datasets.load_retention_series()
    with pytest.raises(datasets.DatasetError, match="damaged or was edited"):
        datasets.load_hotel_stays()
    with pytest.raises(datasets.DatasetError, match="missing"):
        datasets.load_hotel_members()


def test_wrong_columns_in_a_file_with_a_matching_checksum(monkeypatch, fake_data_folder):
    import hashlib

    from crmlib import datasets

    text = b"year,segment_a,segment_b\n0,1000,1000\n"
    (fake_data_folder / "fader_hardie_retention.csv").write_bytes(text)
    monkeypatch.setitem(datasets.CHECKSUMS, "fader_hardie_retention.csv",
                        hashlib.sha256(text).hexdigest())
    with pytest.raises(datasets.DatasetError, match="expected columns"):
        datasets.load_retention_series()


def test_the_lifecycle_units_errors_are_chinese_in_chinese_mode(chinese):
    # the parameter and the value stay as the student typed them; the sentence is Chinese
    with pytest.raises(ValueError) as caught:
        crm.classify_stages(GOOD, "2023-03-01", decline_ratio=50)
    assert "decline_ratio" in str(caught.value) and "50" in str(caught.value)
    assert "必须小于 1" in str(caught.value)
    with pytest.raises(ValueError) as caught:
        SBG().fit([1000, 631, 700, 382])
    assert "不能上升" in str(caught.value) and "700" in str(caught.value)
    with pytest.raises(ValueError) as caught:
        crm.stage_path(GOOD, 99)
    assert "客户 99" in str(caught.value) and "1, 2" in str(caught.value)


def test_the_stage_table_and_the_rule_in_words_follow_the_language(chinese):
    # customer 1 of GOOD on 2023-06-01: not lost (120 days <= 365), only 2 purchase days < 3,
    # so rule 2 decides: exploration
    table = crm.stage_table()
    assert table.loc["stability", "aim"] == "保持客户：“保持”是最主要的任务。"
    assert table.loc["stability", "name"] == "stability stage"   # the English term stays
    stage = crm.classify_stages(GOOD, "2023-06-01")
    assert stage.loc[1, "stage"] == "exploration"
    assert stage.loc[1, "reason"] == "成为客户不到 90 天，或有购买的天数少于 3 天"
    crm.set_language("en")
    assert crm.stage_table().loc["stability", "aim"] == (
        "Keep: retaining the customer is the main task.")
    assert crm.classify_stages(GOOD, "2023-06-01").loc[1, "reason"] == (
        "customer for less than 90 days or fewer than 3 purchase days")
