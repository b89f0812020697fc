"""crmlib._validation.check_transactions: the shared check of a purchase log (all units)."""

import pandas as pd
import pytest

from crmlib._validation import check_transactions, parse_date_column


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
    aware = pd.Series(pd.to_datetime(["2023-01-05 12:00"]).tz_localize("Asia/Shanghai"))
    assert parse_date_column(aware, "date").iloc[0] == pd.Timestamp("2023-01-05 04:00")


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
