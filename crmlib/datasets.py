"""The kit's data: ``load_*`` for the files shipped in ``datasets/``, ``make_*`` for seeded
synthetic data.

Every loader checks the file's SHA-256 checksum and columns before returning it, and says
clearly what is wrong with a damaged or edited file. The files are installed with crmlib (as
``crmlib._data``), so loading works from any working directory and from a non-editable install.
Each file has a datasheet next to it in ``datasets/`` (source, licence, columns, units,
checksum).
"""

from __future__ import annotations

import hashlib
import io
from functools import lru_cache
from importlib import resources

import pandas as pd

__all__ = ["DatasetError", "load_cdnow"]


class DatasetError(ValueError):
    """A shipped data file is missing, damaged or not in the expected format."""


#: SHA-256 of every shipped data file (also listed in each file's datasheet).
CHECKSUMS = {
    "CDNOW_master.txt": "eff6889ed364c5199d6eacbbeb7a6d559971df4406ac876f322c373f00a072ef",
    "CDNOW_sample.txt": "6fae10155c0b0ba363c2c386e30f77990d22328220efd862a5edd1443420d94a",
}


def _data_files():
    return resources.files("crmlib._data")


def read_verified_bytes(filename: str) -> bytes:
    """The bytes of a shipped data file, after checking it exists and its checksum matches.

    Raises
    ------
    DatasetError
        If the file is unknown, missing or its checksum differs from :data:`CHECKSUMS`.
    """
    if filename not in CHECKSUMS:
        raise DatasetError(f"{filename!r} is not one of the kit's data files: {', '.join(CHECKSUMS)}.")
    source = _data_files() / filename
    if not source.is_file():
        raise DatasetError(
            f"The data file {filename} is missing from the kit's datasets/ folder. Restore it "
            f"with `git checkout -- datasets/{filename}` or reinstall the kit."
        )
    data = source.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != CHECKSUMS[filename]:
        raise DatasetError(
            f"The data file {filename} is damaged or was edited: its SHA-256 is {digest}, "
            f"expected {CHECKSUMS[filename]}. Restore it with `git checkout -- "
            f"datasets/{filename}` (or reinstall the kit); never edit shipped data in place."
        )
    return data


def _parse_dates(values: pd.Series, filename: str, fmt: str) -> pd.Series:
    dates = pd.to_datetime(values.astype(str), format=fmt, errors="coerce")
    bad = dates.isna()
    if bad.any():
        raise DatasetError(f"{filename}: {int(bad.sum())} date(s) could not be read as {fmt}, "
                           f"e.g. {values[bad].iloc[0]!r}.")
    return dates


@lru_cache(maxsize=4)
def _load_cdnow_cached(kind: str) -> pd.DataFrame:
    filename = f"CDNOW_{kind}.txt"
    raw = read_verified_bytes(filename)
    if kind == "sample":
        names = ["master_id", "customer_id", "date", "quantity", "amount"]
        header = None
    else:
        names = ["customer_id", "date", "quantity", "amount"]
        header = 0
    try:
        table = pd.read_csv(io.BytesIO(raw), sep=r"\s+", header=header, names=names,
                            dtype={"date": str})
    except (ValueError, pd.errors.ParserError) as error:
        raise DatasetError(f"{filename} is not in the expected format: {error}") from None
    if list(table.columns) != names or table.empty:
        raise DatasetError(f"{filename}: expected columns {names}, got {list(table.columns)}.")
    return pd.DataFrame({
        "customer_id": table["customer_id"].astype("int64"),
        "date": _parse_dates(table["date"], filename, "%Y%m%d"),
        "quantity": table["quantity"].astype("int64"),
        "amount": table["amount"].astype("float64"),
    })


def load_cdnow(kind: str = "sample") -> pd.DataFrame:
    """The real CDNOW purchase log (Fader & Hardie): one row per purchase record.

    Parameters
    ----------
    kind : {"sample", "master"}, default "sample"
        ``"sample"``: the 1/10 sample of 2,357 customers used by Fader, Hardie & Lee (2005);
        ``"master"``: all 23,570 customers.

    Returns
    -------
    DataFrame
        ``customer_id`` (int), ``date`` (datetime64, day of purchase), ``quantity`` (CDs, int),
        ``amount`` (US dollars, float), sorted as in the file. A fresh copy on every call.

    Notes
    -----
    Several records on the same day are separate items bought that day; Fader & Hardie count
    them as one transaction. The data cover 1997-01-01 to 1998-06-30.

    References
    ----------
    Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). "Counting your customers" the easy way:
    an alternative to the Pareto/NBD model. *Marketing Science* 24(2), 275–284.

    Examples
    --------
    >>> log = load_cdnow()
    >>> len(log), log["customer_id"].nunique()
    (6919, 2357)
    """
    if kind not in ("sample", "master"):
        raise ValueError(f"kind must be 'sample' or 'master'; got {kind!r}.")
    return _load_cdnow_cached(kind).copy()


# =========================================================================== lifecycle unit
# Fader & Hardie's retention series and the synthetic hotel loyalty members (lesson 03).

import numpy as np  # noqa: E402

from crmlib.units import DAYS_PER_MONTH  # noqa: E402

__all__ += ["load_hotel_members", "load_hotel_stays", "load_retention_series",
            "make_hotel_loyalty"]

CHECKSUMS.update({
    "fader_hardie_retention.csv":
        "d7c1522aaf2bbd07722ab0dc14a4833a3f291aa46510cde691a008892ba2ddb7",
    "hotel_loyalty_stays.csv": "cbd06df1dfc29f3d6f6aaa216c13da964b0170ce49c62e98228a727bbe8dd1ba",
    "hotel_loyalty_members.csv":
        "abfe579f8fb334940b510eab932fb2ee35ad8f1ba01bd6aabcb03b247347a402",
})


def _read_verified_csv(filename: str, columns: list[str], **options) -> pd.DataFrame:
    raw = read_verified_bytes(filename)
    try:
        table = pd.read_csv(io.BytesIO(raw), **options)
    except (ValueError, pd.errors.ParserError) as error:
        raise DatasetError(f"{filename} is not in the expected format: {error}") from None
    if list(table.columns) != columns or table.empty:
        raise DatasetError(f"{filename}: expected columns {columns}, got {list(table.columns)}.")
    return table


@lru_cache(maxsize=1)
def _load_retention_cached() -> pd.DataFrame:
    table = _read_verified_csv("fader_hardie_retention.csv", ["year", "regular", "high_end"])
    return table.astype({"year": "int64", "regular": "int64", "high_end": "int64"})


def load_retention_series() -> pd.DataFrame:
    """Survivors per 1,000 customers of two cohorts over 13 years (Fader & Hardie 2007, Table 1).

    Returns
    -------
    DataFrame
        ``year`` (0–12; year 0 is acquisition), ``regular`` and ``high_end``: customers of a
        1,000-customer cohort still active at the start of that year, for the two segments.

    References
    ----------
    Fader, P. S. & Hardie, B. G. S. (2007). How to project customer retention. *Journal of
    Interactive Marketing* 21(1), 76–90, Table 1 (data from Berry & Linoff, 2004, *Data Mining
    Techniques*, 2nd ed., Wiley).

    Examples
    --------
    >>> series = load_retention_series()
    >>> series["regular"].tolist()[:4], series["high_end"].iloc[-1]
    ([1000, 631, 468, 382], np.int64(394))
    """
    return _load_retention_cached().copy()


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
    from crmlib._validation import check_date, check_whole_number

    n = check_whole_number(n_members, "n_members", minimum=1)
    first, last = check_date(start, "start"), check_date(end, "end")
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
    table = _read_verified_csv("hotel_loyalty_stays.csv", _STAY_COLUMNS, dtype={"date": str})
    return pd.DataFrame({
        "customer_id": table["customer_id"].astype("int64"),
        "date": _parse_dates(table["date"], "hotel_loyalty_stays.csv", "%Y-%m-%d"),
        "amount": table["amount"].astype("float64"),
    })


@lru_cache(maxsize=1)
def _load_members_cached() -> pd.DataFrame:
    filename = "hotel_loyalty_members.csv"
    table = _read_verified_csv(filename, _MEMBER_COLUMNS,
                               dtype={"joined": str, "relationship_end": str, "pattern": str})
    members = table.astype({"customer_id": "int64", "exploration_months": "int64",
                            "formation_months": "int64", "stability_months": "int64",
                            "decline_months": "int64"})
    members["joined"] = _parse_dates(table["joined"], filename, "%Y-%m-%d")
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
