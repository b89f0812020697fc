r"""From a purchase log to what the purchase models need: one row per customer.

A purchase log (交易记录) has one row per purchase record: who bought, on which day, for how
much. The BG/NBD and Gamma-Gamma models do not need the whole history of a customer, only a
short summary of it (a "customer-by-sufficient-statistic" table):

* ``frequency`` :math:`x` — the number of **repeat purchase days** in the calibration period;
* ``recency`` :math:`t_x` — the time from the customer's first purchase to their last one;
* ``T`` — the customer's age: the time from their first purchase to the end of the calibration
  period;
* ``monetary_value`` :math:`\bar z` — the mean spend of the repeat purchase days.

These four numbers are easy to get wrong, and each mistake gives a quietly wrong forecast, so
every convention is fixed and stated here (and in :func:`calibration_summary`):

1. Several records of one customer on one calendar day are **one purchase** (their amounts add
   up). The CDNOW log records each CD title as a line, and Fader, Hardie & Lee count days.
2. The **first purchase is not counted** in ``frequency``: it is the moment the customer joins,
   not a repeat. A one-time buyer has ``frequency`` 0 and ``recency`` 0.
3. ``recency`` runs **from the first to the last purchase** (not "time since the last purchase",
   which is what RFM calls recency: that is ``T - recency`` here).
4. ``T`` runs from the first purchase to the **calibration_end date** (both as calendar days).
5. ``monetary_value`` leaves out the first purchase too, so it describes the same repeat
   purchases the models count; it is 0 for a customer with no repeat purchase.
6. All times are in one explicit ``time_unit`` (weeks by default, as in the papers).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlib._validation import check_choice, check_columns, check_dataframe
from crmlib.units import DAYS_PER_TIME_UNIT, TIME_UNIT_NAMES

__all__ = ["calibration_summary"]

TIME_UNITS = tuple(DAYS_PER_TIME_UNIT)


def _as_day(value, name: str) -> np.datetime64:
    """A date given as text, ``date``, ``datetime`` or Timestamp, as a calendar day."""
    if value is None:
        raise TypeError(f"{name} is missing (got None); give a date such as '1997-09-30'.")
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a date such as '1997-09-30'; got {value!r}.") from None
    if pd.isna(stamp):
        raise ValueError(f"{name} must be a date such as '1997-09-30'; got {value!r}.")
    if stamp.tzinfo is not None:
        stamp = stamp.tz_localize(None)
    return np.datetime64(stamp.date(), "D")


def _day_numbers(dates: pd.Series, date_col: str) -> np.ndarray:
    """Calendar days (int64 days since 1970-01-01) of a date column; clear errors otherwise."""
    if not pd.api.types.is_datetime64_any_dtype(dates):
        if pd.api.types.is_numeric_dtype(dates) or pd.api.types.is_bool_dtype(dates):
            raise TypeError(
                f"transactions[{date_col!r}] must hold dates; got numbers "
                f"(dtype {dates.dtype}). Convert them first, e.g. "
                f"pd.to_datetime(log[{date_col!r}].astype(str), format='%Y%m%d')."
            )
        parsed = pd.to_datetime(dates, errors="coerce", format="mixed")
        unreadable = parsed.isna() & dates.notna()
        if unreadable.any():
            example = dates[unreadable].iloc[0]
            raise ValueError(
                f"transactions[{date_col!r}] has {int(unreadable.sum())} value(s) that are not "
                f"dates, e.g. {example!r}. Fix or drop those rows first."
            )
        dates = parsed
    if dates.isna().any():
        row = dates.index[dates.isna()][0]
        raise ValueError(
            f"transactions[{date_col!r}] has {int(dates.isna().sum())} missing date(s) "
            f"(first at row {row!r}). Drop or fill them before summarising."
        )
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_localize(None)
    return dates.to_numpy().astype("datetime64[D]").astype(np.int64)


def _amounts(values: pd.Series, amount_col: str) -> np.ndarray:
    if not (pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)):
        raise TypeError(
            f"transactions[{amount_col!r}] must hold numbers (money spent); got dtype "
            f"{values.dtype}. Convert it first, e.g. pd.to_numeric(log[{amount_col!r}])."
        )
    amount = values.to_numpy(dtype=float)
    bad = ~np.isfinite(amount)
    if bad.any():
        row = values.index[bad][0]
        raise ValueError(
            f"transactions[{amount_col!r}] has {int(bad.sum())} missing or infinite value(s) "
            f"(first at row {row!r}, value {values.loc[row]!r}). Fill or drop them first."
        )
    negative = amount < 0
    if negative.any():
        row = values.index[negative][0]
        raise ValueError(
            f"transactions[{amount_col!r}] has {int(negative.sum())} negative amount(s) (first "
            f"at row {row!r}: {values.loc[row]!r}). Spend must be 0 or more: remove returns and "
            "refunds, or net them against their purchases, before summarising."
        )
    return amount


def _purchase_days(transactions, *, customer_col="customer_id", date_col="date",
                  amount_col="amount"):
    """The log reduced to one row per customer and purchase day (private helper of this unit).

    Returns
    -------
    customers : ndarray
        The distinct customer ids, sorted.
    customer : ndarray of int
        For every purchase day, the position of its customer in ``customers``.
    day : ndarray of int64
        The purchase day (days since 1970-01-01), sorted within each customer.
    spend : ndarray of float or None
        Total amount spent that day (``None`` when ``amount_col`` is ``None``).
    """
    check_dataframe(transactions, "transactions")
    needed = [customer_col, date_col] + ([amount_col] if amount_col is not None else [])
    check_columns(transactions, needed, "transactions")
    ids = transactions[customer_col]
    if ids.isna().any():
        row = ids.index[ids.isna()][0]
        raise ValueError(
            f"transactions[{customer_col!r}] has {int(ids.isna().sum())} missing customer "
            f"id(s) (first at row {row!r}). Every purchase must belong to a customer."
        )
    days = _day_numbers(transactions[date_col], date_col)
    amount = _amounts(transactions[amount_col], amount_col) if amount_col is not None else None

    codes, customers = pd.factorize(ids, sort=True)
    first_day = days.min()
    span = np.int64(days.max() - first_day + 1)
    key = codes.astype(np.int64) * span + (days - first_day)
    order = np.argsort(key)  # introsort: deterministic, and 2-3x faster than a stable sort
    key = key[order]
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    unique_key = key[starts]
    spend = np.add.reduceat(amount[order], starts) if amount is not None else None
    customer = (unique_key // span).astype(np.intp)
    day = unique_key % span + first_day
    return np.asarray(customers), customer, day, spend


def _last_per_group(group: np.ndarray, values: np.ndarray, size: int, fill) -> np.ndarray:
    """The last value of each group in a group-sorted array (``fill`` for empty groups)."""
    out = np.full(size, fill, dtype=values.dtype)
    if group.size:
        ends = np.flatnonzero(np.r_[group[1:] != group[:-1], True])
        out[group[ends]] = values[ends]
    return out


def calibration_summary(transactions, *, calibration_end, observation_end=None, time_unit="W",
                        customer_col="customer_id", date_col="date", amount_col="amount"):
    r"""Summarise a purchase log into frequency, recency, age and mean spend per customer.

    For customer :math:`i` with purchase days :math:`d_0 < d_1 < \dots < d_x \le` the
    calibration end :math:`d_c` (one day per distinct calendar day), and :math:`u` days per time
    unit:

    .. math::
        x_i = \text{number of repeat purchase days}, \quad
        t_{x,i} = \frac{d_x - d_0}{u}, \quad
        T_i = \frac{d_c - d_0}{u}, \quad
        \bar z_i = \frac{1}{x_i}\sum_{j=1}^{x_i} \text{spend}(d_j)

    Parameters
    ----------
    transactions : DataFrame
        The purchase log: one row per purchase record, with a customer id, a date and an amount.
    calibration_end : str, date or Timestamp
        The last day of the calibration period (included): purchases on or before it are
        summarised. It must lie within the log's dates.
    observation_end : str, date or Timestamp, optional
        The last day of a holdout period (included) after ``calibration_end``; when given, the
        summary also counts each customer's purchases after ``calibration_end`` up to this day.
        It must lie within the log's dates.
    time_unit : {"W", "D", "M", "Y"}, default "W"
        Unit of ``recency``, ``T`` and ``duration_holdout``: weeks (7 days), days, months
        (30.44 days) or years (365.25 days).
    customer_col, date_col, amount_col : str
        Column names in ``transactions``. ``amount_col=None`` leaves out the money columns.

    Returns
    -------
    DataFrame
        Indexed by customer id (sorted), one row per customer whose first purchase is on or
        before ``calibration_end``. Columns:

        * ``frequency`` (int): repeat purchase days in the calibration period, :math:`x`;
        * ``recency`` (float, ``time_unit``): first to last purchase, :math:`t_x`;
        * ``T`` (float, ``time_unit``): first purchase to ``calibration_end``;
        * ``monetary_value`` (float, money per purchase day): mean spend of the repeat purchase
          days, 0 when ``frequency`` is 0;
        * with ``observation_end``: ``frequency_holdout`` (int, purchase days after
          ``calibration_end`` up to ``observation_end``), ``monetary_value_holdout`` (their mean
          spend, 0 when there are none) and ``duration_holdout`` (float, ``time_unit``, the
          length of the holdout period, the same for everyone).

    Notes
    -----
    Conventions (they change the numbers; see the module's docstring):

    * several records of one customer on one day are one purchase, their amounts summed;
    * the first purchase is not counted in ``frequency`` nor in ``monetary_value``;
    * ``recency`` is measured from the first purchase, not back from ``calibration_end``
      (RFM's recency, "time since the last purchase", is ``T - recency``);
    * ``T`` is counted in whole calendar days from the first purchase day to the
      ``calibration_end`` day; with CDNOW's calibration ending 1997-09-30, a customer who first
      bought on 1997-01-01 has :math:`T = 272/7 = 38.86` weeks, as in Fader, Hardie & Lee (2005);
    * customers who first buy after ``calibration_end`` are not in the summary: the models
      describe a cohort that was already acquired.

    Raises
    ------
    ValueError
        If a column is missing, an id or a date is missing, a date cannot be read, an amount is
        negative, missing or infinite, or ``calibration_end`` / ``observation_end`` lie outside
        the log (or ``observation_end`` is not after ``calibration_end``).

    References
    ----------
    Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). "Counting your customers" the easy way:
    an alternative to the Pareto/NBD model. *Marketing Science* 24(2), 275–284 (Section 7 and
    Figure 1: the CDNOW summary). Fader, P. S. & Hardie, B. G. S. (2013). The Gamma-Gamma model
    of monetary value (note 025, brucehardie.com).

    Examples
    --------
    CDNOW's first sampled customer bought on 1997-01-01, 01-18 and 08-02 before the calibration
    end: 2 repeat purchases, recency 213 days = 30.43 weeks, age 272 days = 38.86 weeks (the
    first row of Fader, Hardie & Lee's Figure 1).

    >>> from crmlib.datasets import load_cdnow
    >>> summary = calibration_summary(load_cdnow(), calibration_end="1997-09-30")
    >>> summary.loc[1, ["frequency", "recency", "T"]].round(2).tolist()
    [2.0, 30.43, 38.86]

    A small log by hand (two records on 1 March are one purchase of 30):

    >>> log = pd.DataFrame({"customer_id": ["a", "a", "a", "b"],
    ...                     "date": pd.to_datetime(["2024-01-01", "2024-03-01", "2024-03-01",
    ...                                             "2024-02-01"]),
    ...                     "amount": [50.0, 10.0, 20.0, 40.0]})
    >>> calibration_summary(log, calibration_end="2024-03-01", time_unit="D")
                 frequency  recency     T  monetary_value
    customer_id
    a                    1     60.0  60.0            30.0
    b                    0      0.0  29.0             0.0
    """
    check_choice(time_unit, "time_unit", TIME_UNITS)
    end = _as_day(calibration_end, "calibration_end")
    holdout_end = None if observation_end is None else _as_day(observation_end, "observation_end")
    customers, customer, day, spend = _purchase_days(
        transactions, customer_col=customer_col, date_col=date_col, amount_col=amount_col)

    first_log, last_log = day.min(), day.max()
    end_day = end.astype(np.int64)

    def _shown(d):
        return str(np.datetime64(int(d), "D"))

    if end_day < first_log or end_day > last_log:
        where = "before the first" if end_day < first_log else "after the last"
        raise ValueError(
            f"calibration_end {end} is {where} purchase in the log ({_shown(first_log)} to "
            f"{_shown(last_log)}). Choose a calibration_end within the log's dates: "
            "customers' ages T would otherwise count time the log does not cover."
        )
    if holdout_end is not None:
        holdout_day = holdout_end.astype(np.int64)
        if holdout_day <= end_day:
            raise ValueError(
                f"observation_end {holdout_end} must be after calibration_end {end}: the "
                "holdout period follows the calibration period."
            )
        if holdout_day > last_log:
            raise ValueError(
                f"observation_end {holdout_end} is after the last purchase in the log "
                f"({_shown(last_log)}): holdout purchases after the log ends are unknown. "
                "Choose an observation_end within the log's dates."
            )

    n = customers.size
    unit_days = DAYS_PER_TIME_UNIT[time_unit]
    # purchase days are sorted by customer, then day: each customer's first row is the first day
    first_row = np.flatnonzero(np.r_[True, customer[1:] != customer[:-1]])
    first_day = day[first_row]

    in_calibration = day <= end_day
    cal_customer = customer[in_calibration]
    cal_days = np.bincount(cal_customer, minlength=n)
    last_day = _last_per_group(cal_customer, day[in_calibration], n, fill=0)
    keep = first_day <= end_day
    frequency = (cal_days - 1)[keep]
    columns = {
        "frequency": frequency.astype(np.int64),
        "recency": (last_day - first_day)[keep] / unit_days,
        "T": (end_day - first_day)[keep] / unit_days,
    }
    if spend is not None:
        repeat_spend = np.bincount(cal_customer, weights=spend[in_calibration], minlength=n)
        repeat_spend = (repeat_spend - spend[first_row])[keep]
        with np.errstate(invalid="ignore", divide="ignore"):
            columns["monetary_value"] = np.where(frequency > 0, repeat_spend / frequency, 0.0)
    if holdout_end is not None:
        in_holdout = (day > end_day) & (day <= holdout_day)
        hold_days = np.bincount(customer[in_holdout], minlength=n)[keep]
        columns["frequency_holdout"] = hold_days.astype(np.int64)
        if spend is not None:
            hold_spend = np.bincount(customer[in_holdout], weights=spend[in_holdout],
                                     minlength=n)[keep]
            with np.errstate(invalid="ignore", divide="ignore"):
                columns["monetary_value_holdout"] = np.where(hold_days > 0,
                                                             hold_spend / hold_days, 0.0)
        columns["duration_holdout"] = np.full(int(keep.sum()),
                                              (holdout_day - end_day) / unit_days)
    index = pd.Index(customers[keep], name=customer_col)
    summary = pd.DataFrame(columns, index=index)
    summary.attrs["time_unit"] = TIME_UNIT_NAMES[time_unit]
    return summary
