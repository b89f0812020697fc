"""crmlib._validation.check_transactions: the shared check of a purchase log (all units)."""

import pandas as pd
import pytest

from crmlib._validation import (
    as_day_number,
    check_transactions,
    day_numbers,
    parse_date_column,
)


def test_returns_only_the_named_columns_with_parsed_dates():
    log = pd.DataFrame({"member": ["a", "b"], "day": ["2023-01-05", "2023-02-01"],
                        "spend": ["10.5", 3], "note": ["x", "y"]}, index=[10, 11])
    clean = check_transactions(log, customer_col="member", date_col="day", amount_col="spend")
    assert list(clean.columns) == ["member", "day", "spend"]
    assert list(clean.index) == [10, 11]
    assert clean["day"].tolist() == [pd.Timestamp("2023-01-05"), pd.Timestamp("2023-02-01")]
    assert clean["spend"].tolist() == [10.5, 3.0]
    assert "amount" not in check_transactions(log, customer_col="member", date_col="day")


def test_accepts_yyyymmdd_numbers_and_time_zones():
    assert parse_date_column(pd.Series([19970101, 19971231]), "date").tolist() == [
        pd.Timestamp("1997-01-01"), pd.Timestamp("1997-12-31")]
    # a time-zone-aware date keeps its local clock time (12:00 in Shanghai, not 04:00 UTC)
    aware = pd.Series(pd.to_datetime(["2023-01-05 12:00"]).tz_localize("Asia/Shanghai"))
    assert parse_date_column(aware, "date").iloc[0] == pd.Timestamp("2023-01-05 12:00")


def test_future_dates_can_be_allowed_explicitly():
    log = pd.DataFrame({"customer_id": [1], "date": ["2999-01-01"]})
    with pytest.raises(ValueError, match="future"):
        check_transactions(log)
    assert len(check_transactions(log, allow_future=True)) == 1


def test_error_names_the_rows():
    log = pd.DataFrame({"customer_id": [1, 2, 3], "date": ["2023-01-01", "x", "y"]},
                       index=["r1", "r2", "r3"])
    with pytest.raises(ValueError, match=r"2 value\(s\).*'r2', 'r3'"):
        check_transactions(log)


def test_the_checked_log_does_not_change_the_callers_data():
    log = pd.DataFrame({"customer_id": [1, 2], "date": pd.to_datetime(["2023-01-05", "2023-02-01"]),
                        "amount": [10.0, 20.0]})
    clean = check_transactions(log, amount_col="amount")
    clean.loc[0, "customer_id"] = 99
    clean.loc[0, "amount"] = -1.0
    assert log["customer_id"].tolist() == [1, 2] and log["amount"].tolist() == [10.0, 20.0]


def test_missing_amounts_are_called_missing():
    log = pd.DataFrame({"customer_id": [1, 2], "date": ["2023-01-05", "2023-02-01"],
                        "amount": [10.0, None]})
    with pytest.raises(ValueError, match=r"'amount' has 1 missing amount\(s\), in row\(s\) 1"):
        check_transactions(log, amount_col="amount")


def test_day_numbers_count_calendar_days_from_1970():
    # 1970-01-02 is day 1; 1997-01-01 is 27 years (7 of them leap: 72, 76, ..., 96) later:
    # 27 * 365 + 7 = 9862. Times of day are dropped.
    dates = pd.Series(pd.to_datetime(["1970-01-02 23:59", "1997-01-01 08:00"]))
    assert day_numbers(dates).tolist() == [1, 9862]
    assert as_day_number("1997-01-01 20:00", "as_of") == 9862


def test_a_single_date_with_a_timezone_counts_its_local_day_like_a_column():
    # 1997-01-02 02:00 in Shanghai (UTC+8) is 1997-01-01 18:00 UTC; its local day is 1997-01-02,
    # day 9862 + 1 = 9863, for a single date and for a column alike
    stamp = pd.Timestamp("1997-01-02 02:00", tz="Asia/Shanghai")
    assert as_day_number(stamp, "as_of") == 9863
    assert day_numbers(parse_date_column(pd.Series([stamp]), "date")).tolist() == [9863]


def test_a_missing_single_date_is_a_type_error_naming_the_parameter():
    with pytest.raises(TypeError, match="as_of is missing"):
        as_day_number(None, "as_of")
    with pytest.raises(ValueError, match="as_of"):
        as_day_number("soon", "as_of")
    assert isinstance(as_day_number("2024-01-01", "as_of"), int)
