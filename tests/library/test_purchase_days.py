"""crmlib.purchase_log.purchase_days: the one reduction of a purchase log to customer-days, and
the purchase-log functions built on it (local calendar days, calibration_end after the log)."""

import numpy as np
import pandas as pd
import pytest

import crmlib as crm
from crmlib.purchase_log import _sort_with_order


def _day(text):
    """A date as whole days since 1970-01-01."""
    return int(np.datetime64(text, "D").astype(np.int64))


# ---------------------------------------------------------------- the reduction, by hand

# Records in no order, text ids: "b" buys 2024-03-05 (7) and twice on 03-01 (3 + 4);
# "a" buys 2024-03-02 (10); "c" 2024-03-01 (0, a free sample) and 03-09 (2).
LOG = pd.DataFrame({
    "customer_id": ["b", "a", "c", "b", "c", "b"],
    "date": pd.to_datetime(["2024-03-05 10:00", "2024-03-02 12:00", "2024-03-09 09:15",
                            "2024-03-01 08:00", "2024-03-01 11:45", "2024-03-01 18:30"]),
    "amount": [7.0, 10.0, 2.0, 3.0, 0.0, 4.0],
})


def test_one_row_per_customer_and_day_sorted_by_customer_then_day():
    days = crm.purchase_days(LOG)
    assert days.customers.tolist() == ["a", "b", "c"]
    assert days.customers.name == "customer_id"
    # rows: a 03-02 | b 03-01, b 03-05 | c 03-01, c 03-09
    assert days.customer.tolist() == [0, 1, 1, 2, 2]
    assert days.day.tolist() == [_day("2024-03-02"), _day("2024-03-01"), _day("2024-03-05"),
                                 _day("2024-03-01"), _day("2024-03-09")]
    assert days.spend.tolist() == [10.0, 7.0, 7.0, 0.0, 2.0]    # b on 03-01: 3 + 4
    assert days.start.tolist() == [0, 1, 3, 5]
    assert len(days) == 5
    assert days.day_count.tolist() == [1, 2, 2]
    assert days.first_day.tolist() == [_day("2024-03-02"), _day("2024-03-01"), _day("2024-03-01")]
    assert days.last_day.tolist() == [_day("2024-03-02"), _day("2024-03-05"), _day("2024-03-09")]
    assert days.total_spend.tolist() == [10.0, 14.0, 2.0]
    assert days.cumulative_spend.tolist() == [0.0, 10.0, 17.0, 24.0, 24.0, 26.0]


def test_rows_through_a_day_and_sums_per_customer():
    days = crm.purchase_days(LOG)
    start = days.start[:-1]
    # purchase days up to 03-04: a 1 (03-02), b 1 (03-01), c 1 (03-01)
    assert (days.rows_through(_day("2024-03-04")) - start).tolist() == [1, 1, 1]
    # before the log: none; long after it: all
    assert (days.rows_through(_day("2024-02-01")) - start).tolist() == [0, 0, 0]
    assert (days.rows_through(_day("2030-01-01")) - start).tolist() == [1, 2, 2]
    after_march_2 = days.day > _day("2024-03-02")
    assert days.sum_per_customer(where=after_march_2).tolist() == [0, 1, 1]
    assert days.sum_per_customer(days.spend, where=after_march_2).tolist() == [0.0, 7.0, 2.0]


def test_without_amounts_there_is_no_spend():
    days = crm.purchase_days(LOG.drop(columns="amount"), amount_col=None)
    assert days.spend is None and days.total_spend is None and days.cumulative_spend is None
    assert days.day_count.tolist() == [1, 2, 2]


def test_integer_ids_take_the_fast_path_with_the_same_result():
    as_numbers = LOG.assign(customer_id=LOG["customer_id"].map({"a": 30, "b": 10, "c": 20}))
    days = crm.purchase_days(as_numbers)
    assert days.customers.tolist() == [10, 20, 30]
    assert days.day_count.tolist() == [2, 2, 1]
    assert days.total_spend.tolist() == [14.0, 2.0, 10.0]


def test_the_log_is_checked_once_with_the_usual_messages():
    with pytest.raises(ValueError, match="'amount' has 1 negative amount"):
        crm.purchase_days(LOG.assign(amount=[7.0, -10.0, 2.0, 3.0, 0.0, 4.0]))
    with pytest.raises(ValueError, match="missing the column"):
        crm.purchase_days(LOG, date_col="when")


@pytest.mark.parametrize("key", [np.array([5, 3, 5, 1, 3, 5]),
                                 np.array([2 ** 61, 7, 2 ** 61, 7])])   # too large to pack
def test_one_sort_gives_the_sorted_keys_and_the_stable_order(key):
    ordered, order = _sort_with_order(key)
    assert ordered.tolist() == sorted(key.tolist())
    assert order.tolist() == np.argsort(key, kind="stable").tolist()


# ---------------------------------------------------------------- local calendar days

# Two purchases on one Shanghai morning, 1 March 2024: 07:30 and 09:00 local time. In UTC the
# first is 2024-02-29 23:30 (the day before) and the second 2024-03-01 01:00, so counting UTC
# days would make them two purchase days in two different months.
SHANGHAI = pd.DataFrame({
    "customer_id": [1, 1, 1],
    "date": pd.to_datetime(["2024-03-01 07:30", "2024-03-01 09:00", "2024-03-15 20:00"])
              .tz_localize("Asia/Shanghai"),
    "amount": [30.0, 20.0, 40.0],
})


def test_shanghai_morning_purchases_are_one_purchase_day():
    days = crm.purchase_days(SHANGHAI)
    assert days.day.tolist() == [_day("2024-03-01"), _day("2024-03-15")]
    assert days.spend.tolist() == [50.0, 40.0]


def test_rfm_counts_local_days():
    # last purchase 03-15; as_of 03-20: recency 5 days; two purchase days; 90 in all
    summary = crm.rfm_summary(SHANGHAI, as_of="2024-03-20")
    assert summary.loc[1].tolist() == [5, 2, 90.0]


def test_calibration_summary_counts_local_days():
    # first day 03-01 (30 + 20), one repeat day 03-15 (40): x = 1, t_x = 14 days, T = 19 days
    summary = crm.calibration_summary(SHANGHAI, calibration_end="2024-03-20", time_unit="D")
    assert summary.loc[1].tolist() == [1, 14.0, 19.0, 40.0]


def test_cohorts_and_stages_count_local_days():
    # the customer joins in March (in UTC, the first purchase would fall in February)
    assert crm.cohort_table(SHANGHAI).index.astype(str).tolist() == ["2024-03"]
    stages = crm.classify_stages(SHANGHAI, "2024-03-20")
    assert stages.loc[1, "purchase_days"] == 2
    assert stages.loc[1, "first_purchase"] == pd.Timestamp("2024-03-01")


def test_an_as_of_with_a_time_zone_counts_its_local_day_too():
    # 2024-03-16 06:00 in Shanghai is 03-15 22:00 UTC: locally one day after the last purchase
    as_of = pd.Timestamp("2024-03-16 06:00", tz="Asia/Shanghai")
    assert crm.rfm_summary(SHANGHAI, as_of=as_of).loc[1, "recency"] == 1


# ---------------------------------------------------------------- calibration_end after the log


def test_calibration_end_after_the_last_purchase_counts_the_quiet_days_in_T():
    # A month-end summary of a log whose last purchase is on 15 January:
    # a buys 01-01 (10) and 01-15 (30): x = 1, t_x = 14 days, T = 01-01 -> 01-31 = 30 days,
    # mean repeat spend 30; b buys once on 01-10: x = 0, t_x = 0, T = 21 days.
    log = pd.DataFrame({"customer_id": ["a", "a", "b"],
                        "date": pd.to_datetime(["2024-01-01", "2024-01-15", "2024-01-10"]),
                        "amount": [10.0, 30.0, 25.0]})
    summary = crm.calibration_summary(log, calibration_end="2024-01-31", time_unit="D")
    assert summary.loc["a"].tolist() == [1, 14.0, 30.0, 30.0]
    assert summary.loc["b"].tolist() == [0, 0.0, 21.0, 0.0]
    weeks = crm.calibration_summary(log, calibration_end="2024-01-31")
    assert weeks.loc["a", "T"] == pytest.approx(30 / 7)


def test_an_as_of_today_summary_works():
    today = pd.Timestamp.today().normalize()
    log = pd.DataFrame({"customer_id": [1, 1],
                        "date": [today - pd.Timedelta(days=20), today - pd.Timedelta(days=6)],
                        "amount": [5.0, 5.0]})
    summary = crm.calibration_summary(log, calibration_end=today, time_unit="D")
    assert summary.loc[1].tolist() == [1, 14.0, 20.0, 5.0]


def test_a_calibration_end_before_the_log_is_still_an_error():
    with pytest.raises(ValueError, match="calibration_end 2023-12-31 is before the first"):
        crm.calibration_summary(SHANGHAI, calibration_end="2023-12-31")
