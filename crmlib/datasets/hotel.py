"""The synthetic hotel loyalty members and their stays, run through the lifecycle (lesson 03)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from crmlib._validation import as_timestamp, check_whole_number
from crmlib.datasets._files import parse_dates, read_verified_csv
from crmlib.units import DAYS_PER_MONTH

#: Pattern mix of the synthetic hotel members (shares sum to 1).
HOTEL_PATTERN_SHARES = {"early_abort": 0.35, "midway_termination": 0.25,
                        "premature_exit": 0.20, "long_term": 0.20}
#: Stays per month in each stage (formation and decline ramp between the values given).
HOTEL_STAY_RATES = {"exploration": 0.3, "formation": (0.5, 2.0), "stability": 2.0,
                    "decline": (2.0, 0.15)}
#: Months formation would take to reach the stability rate (mid-way members stop part-way).
FULL_FORMATION_MONTHS = 10


def _stage_months(pattern: str, rng: np.random.Generator) -> tuple[int, int, int, int]:
    exploration = int(rng.integers(1, 4))
    if pattern == "early_abort":
        return exploration, 0, 0, 0
    if pattern == "midway_termination":
        return exploration, int(rng.integers(3, 7)), 0, int(rng.integers(2, 5))
    formation = int(rng.integers(4, 11))
    stability = int(rng.integers(6, 13) if pattern == "premature_exit" else rng.integers(30, 55))
    return exploration, formation, stability, int(rng.integers(3, 7))


def _monthly_plan(months: tuple[int, int, int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Expected stays and spend multiplier for each month of a member's relationship.

    Formation ramps towards the stability rate over ``FULL_FORMATION_MONTHS``; a relationship
    that never reaches stability is cut off part-way up the ramp. Decline falls from wherever
    the relationship was to the decline floor.
    """
    n_e, n_f, n_s, n_d = months
    f_low, f_high = HOTEL_STAY_RATES["formation"]
    d_floor = HOTEL_STAY_RATES["decline"][1]
    full = n_f if n_s else FULL_FORMATION_MONTHS
    ramp_f = np.arange(1, n_f + 1) / max(full, 1)
    formation = f_low + (f_high - f_low) * ramp_f
    peak = HOTEL_STAY_RATES["stability"] if n_s else (formation[-1] if n_f else 0.0)
    ramp_d = np.arange(1, n_d + 1) / max(n_d, 1)
    rate = np.concatenate([np.full(n_e, HOTEL_STAY_RATES["exploration"]), formation,
                           np.full(n_s, HOTEL_STAY_RATES["stability"]),
                           peak + (d_floor - peak) * ramp_d])
    spend = np.concatenate([np.full(n_e, 0.8), 0.8 + 0.2 * ramp_f, np.full(n_s, 1.0),
                            1.0 - 0.4 * ramp_d])
    return rate, spend


def make_hotel_loyalty(n_members=1500, *, seed=2024, start="2016-01-01", end="2024-12-31"):
    """Synthetic hotel loyalty members whose relationships run through the lifecycle.

    Each member joins on a random day between ``start`` and two months before ``end`` (with a
    first stay that day) and is given a lifecycle pattern (shares in
    :data:`HOTEL_PATTERN_SHARES`) and a number of months in each stage:

    * exploration 1–3 months (every pattern); early-abort members stop there;
    * mid-way termination: formation 3–6 months, then decline 2–4 months;
    * premature exit and long-term: formation 4–10 months, stability 6–12 months (premature
      exit) or 30–54 months (long-term), then decline 3–6 months;
    * after the decline the member never stays again.

    Month by month, the number of stays is Poisson with the stage's rate
    (:data:`HOTEL_STAY_RATES`: 0.3 a month exploring; in formation rising from 0.5 towards 2.0
    over :data:`FULL_FORMATION_MONTHS` = 10 months, so mid-way members stop part-way; 2.0 in
    stability; in decline falling from the last rate to 0.15), each stay on a uniformly random
    day of that month (months of 30.44 days counted from the join date).
    A stay's amount is the member's typical spend (lognormal, median 800 yuan, σ = 0.35) × a
    stage factor (0.8 exploring, 0.8 → 1.0 forming, 1.0 stable, 1.0 → 0.6 declining) × noise
    (lognormal, σ = 0.2), rounded to whole yuan. Stays after ``end`` are dropped.

    Parameters
    ----------
    n_members : int, default 1500
    seed : int, default 2024
        Seed of ``numpy.random.default_rng``: the same seed gives the same data.
    start, end : date-like
        First possible join date and the last day of the data.

    Returns
    -------
    stays : DataFrame
        ``customer_id`` (int), ``date`` (datetime64), ``amount`` (yuan, float), sorted by date
        and customer.
    members : DataFrame
        ``customer_id``, ``joined``, ``pattern`` (the planned :class:`crmlib.LifecyclePattern`
        value), ``exploration_months``, ``formation_months``, ``stability_months``,
        ``decline_months`` and ``relationship_end`` (the day after the last planned month;
        missing when it falls after ``end``: the relationship was still running).

    Notes
    -----
    The shipped files ``hotel_loyalty_stays.csv`` and ``hotel_loyalty_members.csv`` are exactly
    ``make_hotel_loyalty()`` with the defaults (see their datasheet, ``hotel_loyalty.md``).

    Examples
    --------
    >>> stays, members = make_hotel_loyalty(50, seed=1)
    >>> list(stays.columns), len(members)
    (['customer_id', 'date', 'amount'], 50)
    """
    n = check_whole_number(n_members, "n_members", minimum=1)
    first, last = as_timestamp(start, "start"), as_timestamp(end, "end")
    span = (last - first).days - 60
    if span <= 0:
        raise ValueError(f"end ({last.date()}) must be more than 60 days after start "
                         f"({first.date()}).")
    rng = np.random.default_rng(seed)
    join_day = rng.integers(0, span + 1, n)
    names = list(HOTEL_PATTERN_SHARES)
    patterns = rng.choice(names, size=n, p=list(HOTEL_PATTERN_SHARES.values()))
    typical = 800.0 * rng.lognormal(0.0, 0.35, n)
    owners, days, amounts, plans = [], [], [], []
    for member in range(n):
        months = _stage_months(str(patterns[member]), rng)
        rate, factor = _monthly_plan(months)
        counts = rng.poisson(rate)
        counts[0] += 1  # the first stay, on the day of joining
        month = np.repeat(np.arange(rate.size), counts)
        day = np.floor((month + rng.uniform(0, 1, month.size)) * DAYS_PER_MONTH)
        day[0] = 0.0
        owners.append(np.full(month.size, member + 1))
        days.append(join_day[member] + day.astype(np.int64))
        amounts.append(np.round(typical[member] * factor[month]
                                * rng.lognormal(0.0, 0.2, month.size)))
        plans.append((*months, join_day[member] + int(np.ceil(rate.size * DAYS_PER_MONTH))))
    origin = np.datetime64(first.date(), "D")
    stays = pd.DataFrame({"customer_id": np.concatenate(owners),
                          "date": (origin + np.concatenate(days)).astype("datetime64[us]"),
                          "amount": np.concatenate(amounts)})
    stays = stays[stays["date"] <= last]
    stays = stays.sort_values(["date", "customer_id"], kind="stable").reset_index(drop=True)
    plan = pd.DataFrame(plans, columns=["exploration_months", "formation_months",
                                        "stability_months", "decline_months",
                                        "relationship_end"])
    ending = (origin + plan["relationship_end"].to_numpy()).astype("datetime64[us]")
    plan["relationship_end"] = pd.Series(ending).where(ending <= np.datetime64(last.date()))
    members = pd.concat([pd.DataFrame({"customer_id": np.arange(1, n + 1),
                                       "joined": (origin + join_day).astype("datetime64[us]"),
                                       "pattern": patterns.astype(object)}), plan], axis=1)
    members["relationship_end"] = members["relationship_end"].astype("datetime64[us]")
    return stays, members


_STAY_COLUMNS = ["customer_id", "date", "amount"]
_MEMBER_COLUMNS = ["customer_id", "joined", "pattern", "exploration_months", "formation_months",
                   "stability_months", "decline_months", "relationship_end"]


@lru_cache(maxsize=1)
def _load_stays_cached() -> pd.DataFrame:
    table = read_verified_csv("hotel_loyalty_stays.csv", _STAY_COLUMNS, dtype={"date": str})
    return pd.DataFrame({
        "customer_id": table["customer_id"].astype("int64"),
        "date": parse_dates(table["date"], "hotel_loyalty_stays.csv", "%Y-%m-%d"),
        "amount": table["amount"].astype("float64"),
    })


@lru_cache(maxsize=1)
def _load_members_cached() -> pd.DataFrame:
    filename = "hotel_loyalty_members.csv"
    table = read_verified_csv(filename, _MEMBER_COLUMNS,
                               dtype={"joined": str, "relationship_end": str, "pattern": str})
    members = table.astype({"customer_id": "int64", "exploration_months": "int64",
                            "formation_months": "int64", "stability_months": "int64",
                            "decline_months": "int64"})
    members["joined"] = parse_dates(table["joined"], filename, "%Y-%m-%d")
    members["relationship_end"] = pd.to_datetime(table["relationship_end"], format="%Y-%m-%d")
    return members


def _hotel_loyalty_files(n_members=1500, seed=2024) -> dict[str, str]:
    """The text of the two shipped CSV files, exactly as :func:`make_hotel_loyalty` makes them."""
    stays, members = make_hotel_loyalty(n_members, seed=seed)
    options = {"index": False, "lineterminator": "\n", "date_format": "%Y-%m-%d"}
    return {"hotel_loyalty_stays.csv": stays.to_csv(float_format="%.0f", **options),
            "hotel_loyalty_members.csv": members.to_csv(**options)}


def load_hotel_stays() -> pd.DataFrame:
    """Stays of the synthetic hotel loyalty members, 2016–2024: a lifecycle purchase log.

    Returns
    -------
    DataFrame
        ``customer_id`` (int, 1–1500), ``date`` (datetime64, day of the stay), ``amount``
        (yuan spent, float), one row per stay, sorted by date. A fresh copy on every call.

    Notes
    -----
    Synthetic: generated by :func:`make_hotel_loyalty` (seed 2024), so that every lifecycle
    stage and pattern occurs. The planned pattern of each member is in
    :func:`load_hotel_members`. Datasheet: ``datasets/hotel_loyalty.md``.

    Examples
    --------
    >>> stays = load_hotel_stays()
    >>> list(stays.columns)
    ['customer_id', 'date', 'amount']
    """
    return _load_stays_cached().copy()


def load_hotel_members() -> pd.DataFrame:
    """The synthetic hotel loyalty members: join date and the lifecycle each was given.

    Returns
    -------
    DataFrame
        ``customer_id``, ``joined``, ``pattern`` (planned lifecycle pattern), months planned in
        each stage and ``relationship_end`` (NaT: still running at the end of 2024).

    Examples
    --------
    >>> sorted(load_hotel_members()["pattern"].unique())
    ['early_abort', 'long_term', 'midway_termination', 'premature_exit']
    """
    return _load_members_cached().copy()
