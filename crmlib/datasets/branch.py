"""A bank branch's customer arrivals by quarter hour over one week (service unit, lesson 07)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from crmlib.datasets._files import parse_dates, read_verified_csv, shipped_by

#: The first day of the synthetic week (a Monday); the branch opens every day of the week.
BRANCH_WEEK_START = "2024-03-04"
#: Opening hours, the same every day: 09:00 to 17:00 (32 quarter hours).
BRANCH_OPENING_HOURS = (9, 17)
#: Mean customers arriving per hour on an ordinary day (Tuesday–Thursday), by the hour of day:
#: a morning build-up, a lunch-time peak (people come in their lunch break) and an
#: after-work rise before closing.
BRANCH_HOURLY_ARRIVALS = {9: 14.0, 10: 20.0, 11: 26.0, 12: 32.0, 13: 26.0, 14: 18.0,
                          15: 20.0, 16: 24.0}
#: How much busier each day is than an ordinary day (Monday and Friday busier, Sunday quiet).
BRANCH_DAY_FACTORS = {"Monday": 1.15, "Tuesday": 1.0, "Wednesday": 0.95, "Thursday": 1.0,
                      "Friday": 1.25, "Saturday": 0.85, "Sunday": 0.6}
#: Mean service time at the counter, minutes per customer (service times are exponential).
BRANCH_MEAN_SERVICE_MINUTES = 6.0

_COLUMNS = ["start", "weekday", "arrivals", "service_minutes"]
_FILENAME = "branch_arrivals.csv"


@shipped_by("branch_arrivals.csv")
def make_branch_arrivals(*, seed=707) -> pd.DataFrame:
    """A seeded synthetic week of customer arrivals at a bank branch, by quarter hour.

    How it is generated (all draws from ``np.random.default_rng(seed)``):

    1. The week runs from Monday :data:`BRANCH_WEEK_START` to the Sunday after; the branch is
       open 09:00–17:00 every day, so there are 7 × 32 = 224 quarter hours.
    2. The mean arrivals in a quarter hour are a quarter of the hour's rate in
       :data:`BRANCH_HOURLY_ARRIVALS` times the day's factor in :data:`BRANCH_DAY_FACTORS`
       (e.g. Friday 12:00–13:00: 32 × 1.25 = 40 an hour, 10 a quarter hour).
    3. ``arrivals`` is drawn from a Poisson distribution with that mean (random arrivals, the
       "M" of the M/M/c queue).
    4. Each arriving customer needs an exponential service time with mean
       :data:`BRANCH_MEAN_SERVICE_MINUTES` (6 minutes); ``service_minutes`` is their total
       (a Gamma draw with shape = arrivals), rounded to 0.1 minute, 0 when nobody came.

    The profile and the 6 minutes are the kit's assumptions for a mid-sized city branch, not
    measurements: they give a branch that needs between two tellers (a quiet Sunday or early
    morning) and five (the lunch peaks) for "95% served within 15 minutes".

    {{parameters}}

    Returns
    -------
    DataFrame
        One row per quarter hour: ``start`` (datetime64, the quarter hour's start),
        ``weekday`` (Monday … Sunday), ``arrivals`` (customers, int), ``service_minutes``
        (total counter minutes those customers needed, float).

    Examples
    --------
    >>> week = make_branch_arrivals()
    >>> len(week), week["start"].min(), week["start"].max()
    (224, Timestamp('2024-03-04 09:00:00'), Timestamp('2024-03-10 16:45:00'))
    """
    rng = np.random.default_rng(seed)
    opening, closing = BRANCH_OPENING_HOURS
    days = pd.date_range(BRANCH_WEEK_START, periods=7, freq="D")
    offsets = pd.to_timedelta(np.arange(opening * 60, closing * 60, 15), unit="min")
    starts = pd.DatetimeIndex([day + offset for day in days for offset in offsets])
    weekday = starts.day_name()
    mean = (pd.Series(BRANCH_HOURLY_ARRIVALS)[starts.hour].to_numpy() / 4
            * pd.Series(BRANCH_DAY_FACTORS)[weekday].to_numpy())
    arrivals = rng.poisson(mean)
    service = np.array([rng.gamma(n, BRANCH_MEAN_SERVICE_MINUTES) if n else 0.0
                        for n in arrivals])
    return pd.DataFrame({
        "start": starts.as_unit("us"),
        "weekday": np.asarray(weekday, dtype=object).astype(str),
        "arrivals": arrivals.astype(np.int64),
        "service_minutes": np.round(service, 1),
    })


def _branch_arrivals_csv(seed=707) -> str:
    """The text of the shipped CSV file, exactly as :func:`make_branch_arrivals` makes it."""
    return make_branch_arrivals(seed=seed).to_csv(index=False, lineterminator="\n",
                                                  date_format="%Y-%m-%d %H:%M",
                                                  float_format="%.1f")


@lru_cache(maxsize=1)
def _load_branch_cached() -> pd.DataFrame:
    table = read_verified_csv(_FILENAME, _COLUMNS, dtype={"start": str, "weekday": str})
    return pd.DataFrame({
        "start": parse_dates(table["start"], _FILENAME, "%Y-%m-%d %H:%M").astype(
            "datetime64[us]"),
        "weekday": table["weekday"].astype(str),
        "arrivals": table["arrivals"].astype("int64"),
        "service_minutes": table["service_minutes"].astype("float64"),
    })


def load_branch_arrivals() -> pd.DataFrame:
    """A bank branch's customer arrivals by quarter hour over one week, with service minutes.

    The file ``datasets/branch_arrivals.csv`` is exactly :func:`make_branch_arrivals` with
    the default seed (synthetic data); its datasheet is ``datasets/branch_arrivals.md``.

    Returns
    -------
    DataFrame
        224 rows, one per quarter hour from Monday 2024-03-04 09:00 to Sunday 16:45:
        ``start`` (datetime64), ``weekday`` (str), ``arrivals`` (customers who came in, int)
        and ``service_minutes`` (total counter minutes they needed, float; divide by
        ``arrivals`` summed over a period for the mean service time). A fresh copy on every
        call.

    Examples
    --------
    >>> week = load_branch_arrivals()
    >>> minutes = week["service_minutes"].sum() / week["arrivals"].sum()
    >>> int(week["arrivals"].sum()), round(float(minutes), 2)
    (1202, 5.75)
    """
    return _load_branch_cached().copy()
