"""Input checks shared by every crmlib module (private).

Each helper takes the user's value and the parameter's name, and either returns a clean float
or float array or raises an error that names the parameter, shows the value and says how to fix
it, in the kit's language (the messages are the catalogue's ``errors`` texts). Numbers are
accepted as Python/NumPy scalars, sequences, NumPy arrays and pandas Series;
``as_output`` gives back the caller's shape (float for a scalar, Series with the caller's index
for a Series).
"""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from crmlib.i18n import text


def _show(value) -> str:
    """A short, readable rendering of a bad value for an error message."""
    if isinstance(value, np.ndarray | pd.Series):
        flat = np.asarray(value).ravel()
        head = ", ".join(repr(v.item() if hasattr(v, "item") else v) for v in flat[:5])
        return f"[{head}{', ...' if flat.size > 5 else ''}]"
    return repr(value)


def as_float_array(value, name: str) -> np.ndarray:
    """Convert ``value`` to a float array; reject text, booleans, None, empty input and NaN."""
    if value is None:
        raise TypeError(text("errors.missing_number", name=name))
    if isinstance(value, str | bytes):
        raise TypeError(text("errors.text_not_number", name=name, value=repr(value)))
    if isinstance(value, bool | np.bool_):
        raise TypeError(text("errors.boolean_not_number", name=name, value=repr(value)))
    if isinstance(value, numbers.Number):
        array = np.asarray(value, dtype=float)
    else:
        try:
            array = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            raise TypeError(text("errors.not_numbers", name=name, value=_show(value))) from None
        if array.dtype == object:
            raise TypeError(text("errors.not_numbers", name=name, value=_show(value)))
        if array.size == 0:
            raise ValueError(text("errors.empty_numbers", name=name))
    if np.isnan(array).any():
        raise ValueError(text("errors.nan", name=name, value=_show(value)))
    return array


def as_output(result: np.ndarray, *inputs):
    """Return ``result`` in the caller's form: float for scalars, Series for Series input."""
    for item in inputs:
        if isinstance(item, pd.Series):
            return pd.Series(np.broadcast_to(result, item.shape), index=item.index, name=item.name)
    if np.ndim(result) == 0:
        return float(result)
    return result


def check_rate(value, name: str, *, allow_zero: bool = True, allow_one: bool = True) -> np.ndarray:
    """A rate between 0 and 1 given as a fraction (0.8, not 80)."""
    array = as_float_array(value, name)
    if np.isinf(array).any():
        raise ValueError(text("errors.rate_range", name=name, value=_show(value)))
    too_big = array > 1
    if too_big.any():
        example = float(array[too_big].ravel()[0])
        key = "errors.rate_percent" if example <= 100 else "errors.rate_range"
        raise ValueError(text(key, name=name, value=_show(value),
                              fraction=f"{example / 100:g}", percent=f"{example:g}"))
    if (array < 0).any():
        raise ValueError(text("errors.rate_negative", name=name, value=_show(value)))
    if not allow_zero and (array == 0).any():
        raise ValueError(text("errors.positive", name=name, value=_show(value)))
    if not allow_one and (array == 1).any():
        raise ValueError(text("errors.below_one", name=name, value=_show(value)))
    return array


def check_discount_rate(value, name: str = "discount_rate") -> np.ndarray:
    """A discount rate per period: a fraction from 0 up to 1 (0.1 for 10%)."""
    array = as_float_array(value, name)
    if np.isinf(array).any():
        raise ValueError(text("errors.finite_fraction", name=name, value=_show(value)))
    if (array < 0).any():
        raise ValueError(text("errors.discount_negative", name=name, value=_show(value)))
    if (array > 1).any():
        example = float(array[array > 1].ravel()[0])
        raise ValueError(text("errors.discount_percent", name=name, value=_show(value),
                              fraction=f"{example / 100:g}", percent=f"{example:g}"))
    return array


def check_finite(value, name: str) -> np.ndarray:
    """Any finite number (margins may be negative: a loss-making customer)."""
    array = as_float_array(value, name)
    if np.isinf(array).any():
        raise ValueError(text("errors.finite", name=name, value=_show(value)))
    return array


def check_nonnegative(value, name: str) -> np.ndarray:
    """A finite number that is zero or more (a cost, a count, an amount of money)."""
    array = check_finite(value, name)
    if (array < 0).any():
        raise ValueError(text("errors.nonnegative", name=name, value=_show(value)))
    return array


def check_positive(value, name: str) -> np.ndarray:
    """A finite number greater than zero."""
    array = check_finite(value, name)
    if (array <= 0).any():
        raise ValueError(text("errors.positive", name=name, value=_show(value)))
    return array


def check_scalar(array: np.ndarray, name: str) -> float:
    """Require a single number (for functions whose output is a table for one customer)."""
    if array.ndim != 0 and array.size != 1:
        raise TypeError(text("errors.single_number", name=name, count=array.size))
    return float(array.ravel()[0]) if array.ndim else float(array)


#: The checks :func:`check_single_number` can apply, by ``kind``.
_NUMBER_CHECKS = {"finite": check_finite, "nonnegative": check_nonnegative,
                  "positive": check_positive, "rate": check_rate,
                  "discount_rate": check_discount_rate}


def check_single_number(value, name: str, kind: str, **options) -> float:
    """One number of a ``kind`` (a key of :data:`_NUMBER_CHECKS`: ``"finite"``,
    ``"nonnegative"``, ``"positive"``, ``"rate"`` or ``"discount_rate"``), as a float.

    The same as ``check_scalar(check_<kind>(value, name, **options), name)``: the value is
    checked first (so a rate of 80 still gets "did you mean 0.8?"), then required to be a
    single number. ``options`` go to the check (``allow_zero=False`` for a rate).
    """
    return check_scalar(_NUMBER_CHECKS[kind](value, name, **options), name)


def check_whole_number(value, name: str, *, minimum: int = 1) -> int:
    """A whole number (int, or a float with no fractional part) of at least ``minimum``."""
    message = text("errors.whole_number", name=name, minimum=minimum, value=repr(value))
    if isinstance(value, bool | np.bool_) or value is None or isinstance(value, str | bytes):
        raise TypeError(message)
    if not isinstance(value, numbers.Real):
        raise TypeError(message)
    if value != value or value in (float("inf"), float("-inf")) or int(value) != value:
        raise ValueError(message)
    if value < minimum:
        raise ValueError(message)
    return int(value)


def check_choice(value, name: str, choices: Sequence[str]) -> str:
    """One of a fixed set of option strings."""
    if value not in choices:
        options = ", ".join(repr(c) for c in choices)
        raise ValueError(text("errors.choice", name=name, options=options, value=repr(value)))
    return value


def check_dataframe(data, name: str = "data") -> pd.DataFrame:
    """A non-empty pandas DataFrame."""
    if not isinstance(data, pd.DataFrame):
        raise TypeError(text("errors.not_dataframe", name=name, kind=type(data).__name__))
    if data.empty:
        raise ValueError(text("errors.empty_table", name=name))
    return data


def check_columns(data: pd.DataFrame, columns: Iterable[str], name: str = "data") -> None:
    """Every named column is present; the error lists what is missing and what is there."""
    missing = [c for c in columns if c not in data.columns]
    if missing:
        have = ", ".join(repr(c) for c in data.columns)
        want = ", ".join(repr(c) for c in missing)
        raise ValueError(text("errors.missing_columns", name=name, want=want, have=have))


# --------------------------------------------------------------------------- dates and ids
# (added by the customer selection unit; general helpers for any unit that reads dates)


def as_timestamp(value, name: str) -> pd.Timestamp:
    """A single date (text such as '1998-06-30', a datetime or a Timestamp) as a Timestamp.

    Raises a ValueError naming the parameter for text that is not a date or NaT, and a
    TypeError for None, a number or a boolean (``pd.Timestamp(2023)`` would silently be
    1970-01-01). Timezone-aware dates keep their timezone.
    """
    if value is None:
        raise TypeError(text("errors.missing_date", name=name))
    if isinstance(value, bool | np.bool_ | numbers.Number):
        # pd.Timestamp(2023) would silently mean 2023 nanoseconds after 1970-01-01
        raise TypeError(text("errors.number_not_date", name=name, value=repr(value)))
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise ValueError(text("errors.not_a_date", name=name, value=repr(value))) from None
    if stamp is pd.NaT:
        raise ValueError(text("errors.not_a_date", name=name, value=repr(value)))
    return stamp


def as_day_number(value, name: str) -> int:
    """A single date (see :func:`as_timestamp`) as its calendar day: whole days since 1970-01-01.

    The time of day is dropped. A timezone-aware date counts on its **local** calendar day (the
    day on the clock where it was written), as :func:`parse_date_column` reads a column, so a
    date and a log compare day for day.
    """
    stamp = as_timestamp(value, name)
    if stamp.tzinfo is not None:
        stamp = stamp.tz_localize(None)
    return int(np.datetime64(stamp.date(), "D").astype(np.int64))


def day_numbers(dates: pd.Series) -> np.ndarray:
    """The calendar days of a checked date column (datetime64, e.g. from
    :func:`check_transactions`) as whole days since 1970-01-01 (int64); times of day are
    dropped."""
    return dates.to_numpy().astype("datetime64[D]").astype(np.int64)


def plain(value):
    """A NumPy scalar as the Python value it holds, so messages read 2, not np.int64(2)."""
    return value.item() if isinstance(value, np.generic) else value


# --------------------------------------------------------------------------- dates and logs


def _rows(index, mask, limit=3) -> str:
    """'rows 3, 8, 11' for the first few row labels where ``mask`` is true."""
    labels = [repr(label) if isinstance(label, str) else str(label)
              for label in index[np.asarray(mask)][:limit]]
    more = int(np.asarray(mask).sum()) - len(labels)
    return ", ".join(labels) + (text("errors.and_more", more=more) if more > 0 else "")


def _today() -> pd.Timestamp:
    return pd.Timestamp.today().normalize()


def parse_date_column(values: pd.Series, name: str) -> pd.Series:
    """A column of dates as datetime64, or an error that shows the values that are not dates.

    Accepts datetime64 columns, text dates ('1997-01-01', '1997/01/01', …; one format for the
    whole column) and YYYYMMDD integers (19970101). Missing values and values that do not parse
    raise ``ValueError`` naming the column and the first offending rows.

    Timezone-aware dates keep their **local** time and drop the zone: a purchase at 07:30 in
    Shanghai stays on that Shanghai calendar day (in UTC it is 23:30 the day before), so a
    log's calendar days are the days its customers lived them.
    """
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        values = values.dt.tz_localize(None)
    if pd.api.types.is_datetime64_dtype(values.dtype):
        dates = values
    elif pd.api.types.is_bool_dtype(values.dtype):
        raise TypeError(text("errors.boolean_dates", name=name))
    elif pd.api.types.is_numeric_dtype(values.dtype):
        numbers_ = pd.to_numeric(values)
        plausible = numbers_.isna() | numbers_.between(10000101, 99991231)
        if not plausible.all():
            example = numbers_[~plausible].iloc[0]
            raise TypeError(text("errors.number_dates", name=name, example=repr(example)))
        digits = numbers_.astype("Int64").astype(str).where(numbers_.notna())
        dates = pd.to_datetime(digits, format="%Y%m%d", errors="coerce")
    else:
        with warnings.catch_warnings():  # unparseable values are reported below, one by one
            warnings.simplefilter("ignore", UserWarning)
            dates = pd.to_datetime(values, errors="coerce")
    missing = values.isna()
    if missing.any():
        raise ValueError(text("errors.missing_dates", name=name, count=int(missing.sum()),
                              rows=_rows(values.index, missing)))
    bad = dates.isna()
    if bad.any():
        example = values[bad].iloc[0]
        raise ValueError(text("errors.unparseable_dates", name=name, count=int(bad.sum()),
                              example=repr(example), rows=_rows(values.index, bad)))
    return dates


def check_transactions(data, *, customer_col: str = "customer_id", date_col: str = "date",
                       amount_col: str | None = None, name: str = "transactions",
                       allow_future: bool = False) -> pd.DataFrame:
    """A purchase log: one row per purchase with a customer, a date and (optionally) an amount.

    Checks that ``data`` is a non-empty DataFrame with the named columns, that no customer id is
    missing, that every date parses (see :func:`parse_date_column`) and none lies after today
    (unless ``allow_future``), and that no amount is missing and every amount is a finite number
    (or text that reads as one, such as '12.50') of 0 or more. Returns a new DataFrame with only
    those columns, under the caller's names, the date column as datetime64 and the amount column
    as float (it shares memory with ``data`` where it can; copy-on-write keeps ``data`` safe).
    :func:`day_numbers` turns the date column into whole calendar days.

    Used by every unit that reads a transaction log (lifecycle, selection, prediction), so the
    same mistake gets the same message everywhere.
    """
    check_dataframe(data, name)
    columns = [customer_col, date_col] + ([amount_col] if amount_col is not None else [])
    check_columns(data, columns, name)
    customers = data[customer_col]
    if customers.isna().any():
        missing = customers.isna()
        raise ValueError(text("errors.missing_ids", name=name, column=repr(customer_col),
                              count=int(missing.sum()), rows=_rows(data.index, missing)))
    dates = parse_date_column(data[date_col],
                              text("errors.column_of", name=name, column=repr(date_col)))
    if not allow_future:
        today = _today()
        future = dates > today + pd.Timedelta(days=1)
        if future.any():
            raise ValueError(text("errors.future_dates", name=name, column=repr(date_col),
                                  count=int(future.sum()), today=today.date(),
                                  example=dates[future].iloc[0].date(),
                                  rows=_rows(data.index, future)))
    # copy=False: with copy-on-write the result still never changes the caller's data
    result = pd.DataFrame({customer_col: customers, date_col: dates}, index=data.index,
                          copy=False)
    if amount_col is not None:
        result[amount_col] = _check_amounts(
            data[amount_col], text("errors.column_of", name=name, column=repr(amount_col)))
    return result


def _check_amounts(raw: pd.Series, name: str) -> np.ndarray:
    """Purchase amounts as floats: numbers (or text that reads as a number), finite, 0 or more."""
    if pd.api.types.is_bool_dtype(raw.dtype):
        raise TypeError(text("errors.boolean_amounts", name=name))
    missing = raw.isna()
    if missing.any():
        raise ValueError(text("errors.missing_amounts", name=name, count=int(missing.sum()),
                              rows=_rows(raw.index, missing)))
    amounts = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    bad = ~np.isfinite(amounts)
    if bad.any():
        raise ValueError(text("errors.bad_amounts", name=name, count=int(bad.sum()),
                              example=repr(plain(raw[bad].iloc[0])),
                              rows=_rows(raw.index, bad)))
    negative = amounts < 0
    if negative.any():
        raise ValueError(text("errors.negative_amounts", name=name,
                              count=int(negative.sum()),
                              example=repr(float(amounts[negative][0])),
                              rows=_rows(raw.index, negative)))
    return amounts


# --------------------------------------------------------------------------- survey ratings
# (added by the satisfaction and loyalty unit; for any unit that reads rating scales)


def check_scale(scale, name: str = "scale") -> tuple[float, float]:
    """A rating scale given as a pair (low, high) of finite numbers with low < high."""
    try:
        low, high = (float(v) for v in scale)
    except (TypeError, ValueError):
        raise TypeError(text("errors.scale_pair", name=name, value=repr(scale))) from None
    if not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise ValueError(text("errors.scale_order", name=name, value=repr(scale)))
    return low, high


def check_ratings(value, name: str, *, scale, whole: bool = False) -> np.ndarray:
    """Survey ratings on a fixed scale, e.g. 1–7 or the 0–10 "would you recommend" scale.

    Returns a float array. Rejects what :func:`as_float_array` rejects (text, None, empty input,
    NaN), and ratings outside ``scale`` (a pair checked by :func:`check_scale`; infinite ratings
    are outside too); with ``whole``, also ratings that are not whole points of the scale (7.5
    on a 0–10 question).
    """
    low, high = check_scale(scale)
    array = as_float_array(value, name)
    outside = ~((array >= low) & (array <= high))
    if outside.any():
        example = float(array[outside].ravel()[0])
        raise ValueError(text("errors.rating_range", name=name, low=f"{low:g}",
                              high=f"{high:g}", value=_show(value), example=f"{example:g}"))
    if whole:
        fractional = array != np.round(array)
        if fractional.any():
            example = float(array[fractional].ravel()[0])
            raise ValueError(text("errors.rating_whole", name=name, low=f"{low:g}",
                                  high=f"{high:g}", value=_show(value),
                                  example=f"{example:g}"))
    return array


def check_cash_flows(cash_flows) -> np.ndarray:
    """Cash flows as a finite 1-D float array: one amount per period, the first at t = 0."""
    flows = check_finite(cash_flows, "cash_flows")
    if flows.ndim != 1:
        raise ValueError(text("errors.cash_flows", value=_show(cash_flows)))
    return flows
