"""crmlib.cohorts: cohort tables, survival and retention, checked by hand and against pandas."""

import numpy as np
import pandas as pd
import pytest

import crmlib as crm

# Six customers. January cohort: 1 (Jan, Mar), 2 (Jan), 3 (Jan, Feb, Apr); February cohort:
# 4 (Feb, Mar), 5 (Feb); March cohort: 6 (Mar). The log ends in April.
LOG = pd.DataFrame({
    "customer_id": [1, 1, 2, 3, 3, 3, 4, 4, 5, 6],
    "date": pd.to_datetime(["2023-01-03", "2023-03-10", "2023-01-20", "2023-01-31",
                            "2023-02-01", "2023-04-30", "2023-02-14", "2023-03-01",
                            "2023-02-28", "2023-03-15"]),
})


def test_cohort_table_by_hand():
    table = crm.cohort_table(LOG)
    # Jan cohort: month 0 {1,2,3}=3, month 1 (Feb) {3}=1, month 2 (Mar) {1}=1, month 3 (Apr) {3}=1
    # Feb cohort: month 0 {4,5}=2, month 1 (Mar) {4}=1, month 2 (Apr) none=0, month 3 unseen
    # Mar cohort: month 0 {6}=1, month 1 (Apr) 0, months 2-3 unseen
    expected = [[3, 1, 1, 1], [2, 1, 0, np.nan], [1, 0, np.nan, np.nan]]
    np.testing.assert_array_equal(table.to_numpy(), expected)
    assert table.index.astype(str).tolist() == ["2023-01", "2023-02", "2023-03"]
    assert table.index.name == "cohort"
    assert table.columns.name == "months_since_acquisition"


def test_cohort_table_normalized_is_share_of_cohort():
    shares = crm.cohort_table(LOG, normalize=True)
    assert shares.iloc[0].tolist() == pytest.approx([1, 1 / 3, 1 / 3, 1 / 3])
    assert shares.iloc[1, :3].tolist() == pytest.approx([1, 0.5, 0])


def test_weeks_run_monday_to_sunday():
    log = pd.DataFrame({"customer_id": [1, 1, 2],
                        "date": pd.to_datetime(["2023-01-08", "2023-01-09", "2023-01-02"])})
    # 2023-01-08 is a Sunday, 2023-01-09 the next Monday, 2023-01-02 the Monday before
    table = crm.cohort_table(log, time_unit="W")
    assert table.index.astype(str).tolist() == ["2023-01-02/2023-01-08"]
    assert table.iloc[0].tolist() == [2, 1]  # week 0: both customers; week 1: customer 1


def test_cohort_table_matches_a_plain_pandas_groupby_on_cdnow():
    log = crm.datasets.load_cdnow()
    month = log["date"].dt.to_period("M")
    cohort = month.groupby(log["customer_id"]).transform("min")
    offset = (month - cohort).apply(lambda d: d.n)
    expected = (pd.DataFrame({"cohort": cohort, "offset": offset, "c": log["customer_id"]})
                .groupby(["cohort", "offset"])["c"].nunique().unstack())
    got = crm.cohort_table(log)
    np.testing.assert_array_equal(got.fillna(-1).to_numpy(),
                                  expected.reindex(columns=got.columns).fillna(0)
                                  .where(got.notna().to_numpy(), -1).to_numpy())
    assert got[0].sum() == 2357  # every sample customer is in exactly one cohort


def test_survival_and_retention_by_hand():
    survival = crm.cohort_survival(LOG)
    # Jan cohort last purchases at months 2 (1), 0 (2), 3 (3): alive 3, 2, 2, 1 of 3
    assert survival.iloc[0].tolist() == pytest.approx([1, 2 / 3, 2 / 3, 1 / 3])
    # Feb cohort last purchases at months 1 (4), 0 (5): alive 2, 1, 0
    assert survival.iloc[1, :3].tolist() == pytest.approx([1, 0.5, 0])
    assert np.isnan(survival.iloc[1, 3])
    retention = crm.cohort_retention(LOG)
    assert retention.iloc[0].tolist() == pytest.approx([2 / 3, 1.0, 0.5])
    assert list(retention.columns) == [1, 2, 3]


def test_followup_hides_cells_too_close_to_the_end_of_the_log():
    survival = crm.cohort_survival(LOG, followup=1)
    # the log ends in April: every cell in April (and the March cohort's month 0 + 1 only one
    # month before the end, so month 0 stays) is hidden
    assert survival.iloc[0].tolist()[:3] == pytest.approx([1, 2 / 3, 2 / 3])
    assert np.isnan(survival.iloc[0, 3])
    assert survival.iloc[2].notna().tolist() == [True, False, False, False]


def test_pooled_survival_uses_every_cohort_observed_in_each_period():
    pooled = crm.cohort_survival(LOG, pooled=True)
    # alive counts: Jan 3,2,2,1; Feb 2,1,0,-; Mar 1,0,-,-
    # r1 = (2+1+0)/(3+2+1) = 0.5; r2 = (2+0)/(2+1) = 2/3; r3 = 1/2
    assert pooled.tolist() == pytest.approx([1, 0.5, 0.5 * 2 / 3, 0.5 * 2 / 3 * 0.5])
    retention = crm.cohort_retention(LOG, pooled=True)
    assert retention.tolist() == pytest.approx([0.5, 2 / 3, 0.5])


def test_conversions_round_trip_on_the_fader_hardie_series():
    regular = np.array([1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173.0])
    retention = crm.retention_from_survival(regular)
    assert retention[:2] == pytest.approx([0.631, 468 / 631])
    np.testing.assert_allclose(crm.survival_from_retention(retention), regular / 1000)


def test_conversions_keep_series_and_frames():
    survival = pd.Series([1.0, 0.8, 0.6], index=[0, 1, 2])
    retention = crm.retention_from_survival(survival)
    assert retention.index.tolist() == [1, 2] and retention.tolist() == pytest.approx([0.8, 0.75])
    back = crm.survival_from_retention(retention)
    assert back.tolist() == pytest.approx([1.0, 0.8, 0.6]) and back.index.tolist() == [0, 1, 2]
    frame = crm.cohort_survival(LOG)
    rates = crm.retention_from_survival(frame)
    assert rates.shape == (3, 3) and np.isnan(rates.iloc[2, 1])


def test_retention_rises_with_tenure_in_the_hotel_members():
    """Heterogeneity: the pooled retention of hotel members rises over the first year."""
    stays = crm.datasets.load_hotel_stays()
    retention = crm.cohort_retention(stays, pooled=True, followup=12)
    assert retention.iloc[0] < retention.iloc[3] < retention.iloc[11]
