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
        raise DatasetError(f"{filename!r} is not one of the kit's data files: "
                           f"{', '.join(CHECKSUMS)}.")
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


# --------------------------------------------------------------------------- bank customers
# (customer selection unit, lesson 04)

import numpy as np  # noqa: E402  (kept in this appended section)

from crmlib._validation import check_whole_number  # noqa: E402

__all__ += ["BANK_CUSTOMER_COLUMNS", "KEY_ACCOUNT_CRITERIA", "key_accounts",
            "load_bank_customers", "make_bank_customers", "save_bank_customers"]

CHECKSUMS["bank_customers.csv"] = "723d2a37d032b48ea7a4054112847d45819aedc59b8d604330b2ce0ab338157b"

#: The columns of the bank customer data set, grouped as in the course's segmentation lecture.
BANK_CUSTOMER_COLUMNS = {
    "customer_id": "id",
    "age": "demographic", "gender": "demographic", "annual_income": "demographic",
    "occupation": "demographic", "city_tier": "demographic", "children": "demographic",
    "life_stage": "life stage",
    "lifestyle": "lifestyle",
    "risk_preference": "risk preference",
    "balance": "behaviour", "products_held": "behaviour", "transactions_per_month": "behaviour",
    "preferred_channel": "channel",
    "profit": "profitability", "potential_profit": "profitability",
}

# Generator settings (see make_bank_customers): calibrated once, with seed 2004 and 10,000
# customers, so that the profit concentration matches the course's bank figures.
_DORMANT_SHARE = 0.54          # accounts with almost no balance or activity (休眠账户-like)
_OCCASIONAL_SHARE = 0.40       # of the remaining accounts: occasional users; the rest active
_BALANCE_SPREAD = 0.65          # sd of log balance around the multiple
_BALANCE_MULTIPLE = {"dormant": 0.02, "occasional": 0.2, "active": 1.4}   # × annual income
_AFFLUENT_BASE = 0.021         # chance an average-income active customer is affluent
_AFFLUENT_MULTIPLE = 5.0       # affluent balance ≥ 5 × income, Pareto tail above that
_PARETO_ALPHA = 2.3            # tail index of affluent balances
_MARGIN = {"conservative": 0.012, "balanced": 0.015, "aggressive": 0.019}  # yuan per yuan/yr
_PRODUCT_FEE = 20.0            # yuan per year for each product beyond the first
_ACCOUNT_UPKEEP = 76.0         # yuan per customer per year
_TRANSACTION_COST = {"branch": 5.7, "ATM": 1.4, "phone": 2.3, "online": 0.2}  # yuan each


def _life_stage(age, children):
    return np.select([age >= 65, children & (age < 45), children, age < 35],
                     ["retired", "young family", "mature family", "young single"],
                     default="empty nest")


def make_bank_customers(n=10_000, *, seed=2004) -> pd.DataFrame:
    """A seeded synthetic retail-bank customer base for the bank segmentation lecture.

    Each customer has the columns of the course's bank segmentation (客户差别化分析): a
    demographic profile, a life stage, a lifestyle, a risk preference, behaviour, a preferred
    channel and an annual profit. The profit is built from the customer's behaviour the way a
    bank's customer profitability analysis computes it:

    .. math:: \\text{profit} = \\text{margin}(\\text{risk}) \\times \\text{balance}
              + 20 \\times (\\text{products} - 1) - 76
              - 12 \\times \\text{transactions per month} \\times \\text{cost}(\\text{channel})

    How it is generated, in order (all draws from ``np.random.default_rng(seed)``):

    1. **Demographics**: age (normal, mean 43, sd 15, 18–85), gender, city tier, occupation
       (by age), annual income (log-normal around 60,000 yuan, rising with age, higher for
       managers and professionals and in tier-1 cities), children at home (by age).
    2. **Life stage** from age and children: young single, young family, mature family, empty
       nest, retired (65+). **Lifestyle** from income and life stage: frugal,
       family-centred, urban professional, affluent leisure. **Risk preference**
       (conservative, balanced, aggressive): more conservative with age.
    3. **Behaviour**: 54% of accounts are nearly dormant (balance about 2% of income, about
       0.3 transactions a month); of the rest 40% are occasional users (20% of income, 2
       transactions) and 60% active (140% of income, 8 transactions), each with a
       log-normal spread (sd 0.65) around that multiple. Active customers with
       high incomes may be affluent: their balance is 5 × income times a Pareto(2.3)
       factor. Products held grow with the balance. The preferred channel is online for
       most young customers and branch, ATM or phone for older ones.
    4. **Profit** (yuan per year) by the formula above: margin 1.2% / 1.5% / 1.9% of the
       balance for conservative / balanced / aggressive customers (deposit spread and fund
       fees), 20 yuan a year per extra product, 76 yuan account upkeep, and 5.7 (branch), 1.4
       (ATM), 2.3 (phone) or 0.2 (online) yuan per transaction.
    5. **Potential profit** (yuan per year): what the bank could add by selling the
       customer what their life stage and income suggest — 1.2% of the gap between a
       savings capacity (2 × income, 4 × from age 45) and the balance, plus 150 yuan for a
       young family (mortgage, education savings) or 80 for a young single (first loan, card).

    The shares (54%, 40%), the balance multiples, the affluent settings and the costs were
    calibrated once, with the default seed and size, so that the profit distribution matches
    the figures the course quotes for a Chinese bank: the top 2% of customers bring about
    48% of the profit, the top 20% about 97%, and more than half of the customers lose money.
    Other seeds and sizes give similar but not identical figures.

    Parameters
    ----------
    n : int, default 10000
        Number of customers.
    seed : int, default 2004
        Random seed. The shipped file ``datasets/bank_customers.csv`` is
        ``make_bank_customers()`` with the defaults.

    Returns
    -------
    DataFrame
        One row per customer; columns as in :data:`BANK_CUSTOMER_COLUMNS`, money in yuan
        (``annual_income``, ``balance``: whole yuan; ``profit``, ``potential_profit``: whole
        yuan per year).

    References
    ----------
    Course material, "客户关系管理与服务营销" (CRM in banking: 客户差别化分析 — 人口统计、生命阶段、
    生活方式、偏好、行为、渠道、收益性; top 2% → 48% of profit, top 20% → 97%, loss-making
    customers more than half).

    Examples
    --------
    >>> bank = make_bank_customers(200, seed=1)
    >>> len(bank), bank["customer_id"].is_unique
    (200, True)
    """
    n = check_whole_number(n, "n", minimum=1)
    rng = np.random.default_rng(seed)
    age = np.clip(np.round(rng.normal(43, 15, n)), 18, 85).astype(int)
    gender = rng.choice(["female", "male"], n)
    city_tier = rng.choice(["tier 1", "tier 2", "tier 3"], n, p=[0.25, 0.40, 0.35])
    occupation = np.where(
        age >= 62, "retired",
        np.where(age < 23, rng.choice(["student", "worker", "service"], n, p=[0.6, 0.2, 0.2]),
                 rng.choice(["worker", "service", "professional", "manager", "civil servant",
                             "self-employed"], n, p=[0.25, 0.22, 0.18, 0.10, 0.10, 0.15])))
    boost = (pd.Series({"manager": 0.45, "professional": 0.3, "self-employed": 0.15,
                        "civil servant": 0.1, "student": -0.9, "retired": -0.2})
             .reindex(occupation, fill_value=0.0).to_numpy()
             + pd.Series({"tier 1": 0.25, "tier 2": 0.0, "tier 3": -0.2})[city_tier].to_numpy())
    income = np.exp(rng.normal(np.log(60_000) + 0.01 * np.minimum(age - 18, 30) + boost, 0.5))
    children = (rng.random(n) < np.select([age < 25, age < 35, age < 55, age < 65],
                                          [0.05, 0.45, 0.75, 0.3], default=0.05))
    life_stage = _life_stage(age, children)
    z_income = (np.log(income) - np.log(income).mean()) / np.log(income).std()
    lifestyle = np.select(
        [z_income + rng.normal(0, 0.5, n) > 1.3, children & (rng.random(n) < 0.7),
         (age < 45) & (city_tier != "tier 3") & (rng.random(n) < 0.6)],
        ["affluent leisure", "family-centred", "urban professional"], default="frugal")
    aggressive = np.clip(0.45 - 0.007 * (age - 18) + 0.08 * z_income, 0.03, 0.7)
    conservative = np.clip(0.15 + 0.009 * (age - 18), 0.1, 0.8)
    u = rng.random(n)
    risk = np.where(u < conservative, "conservative",
                    np.where(u < conservative + aggressive * (1 - conservative), "aggressive",
                             "balanced"))
    u = rng.random(n)
    engagement = np.where(u < _DORMANT_SHARE, "dormant",
                          np.where(u < _DORMANT_SHARE + (1 - _DORMANT_SHARE) * _OCCASIONAL_SHARE,
                                   "occasional", "active"))
    active_share = (1 - _DORMANT_SHARE) * (1 - _OCCASIONAL_SHARE)
    affluent = (engagement == "active") & (
        rng.random(n) < np.clip(_AFFLUENT_BASE * np.exp(0.9 * z_income), 0, 0.6) / active_share)
    ordinary = income * pd.Series(_BALANCE_MULTIPLE)[engagement].to_numpy() \
        * np.exp(rng.normal(0, _BALANCE_SPREAD, n))
    wealthy = income * _AFFLUENT_MULTIPLE * (rng.pareto(_PARETO_ALPHA, n) + 1.0)
    balance = np.round(np.where(affluent, wealthy, ordinary))
    transactions = rng.poisson(pd.Series({"dormant": 0.3, "occasional": 2.0, "active": 8.0})
                               [engagement].to_numpy())
    products = 1 + rng.poisson(0.3 + 0.5 * np.log1p(balance / 50_000))
    online = rng.random(n) < np.clip((70 - age) / 60, 0.1, 0.9)
    channel = np.where(online, "online", rng.choice(["branch", "ATM", "phone"], n,
                                                    p=[0.55, 0.30, 0.15]))
    revenue = pd.Series(_MARGIN)[risk].to_numpy() * balance + _PRODUCT_FEE * (products - 1)
    cost = _ACCOUNT_UPKEEP + 12 * transactions * pd.Series(_TRANSACTION_COST)[channel].to_numpy()
    capacity = income * np.where(age >= 45, 4.0, 2.0)
    needs = pd.Series({"young family": 150.0, "young single": 80.0}).reindex(
        life_stage, fill_value=0.0).to_numpy()
    potential = 0.012 * np.maximum(capacity - balance, 0.0) + needs
    return pd.DataFrame({
        "customer_id": np.arange(1, n + 1),
        "age": age,
        "gender": gender,
        "annual_income": np.round(income, -2).astype(np.int64),
        "occupation": occupation,
        "city_tier": city_tier,
        "children": children,
        "life_stage": life_stage,
        "lifestyle": lifestyle,
        "risk_preference": risk,
        "balance": balance.astype(np.int64),
        "products_held": products,
        "transactions_per_month": transactions,
        "preferred_channel": channel,
        "profit": np.round(revenue - cost).astype(np.int64),
        "potential_profit": np.round(potential).astype(np.int64),
    })


def load_bank_customers() -> pd.DataFrame:
    """The kit's synthetic bank customer base (10,000 customers), checked against its checksum.

    The file ``datasets/bank_customers.csv`` is exactly :func:`make_bank_customers` with the
    default arguments; its datasheet is ``datasets/bank_customers.md``.

    Returns
    -------
    DataFrame
        One row per customer with the columns of :data:`BANK_CUSTOMER_COLUMNS`: demographics
        (``age``, ``gender``, ``annual_income`` in yuan, ``occupation``, ``city_tier``,
        ``children``), ``life_stage``, ``lifestyle``, ``risk_preference``, behaviour
        (``balance`` in yuan, ``products_held``, ``transactions_per_month``),
        ``preferred_channel``, ``profit`` and ``potential_profit`` (yuan per year). A fresh
        copy on every call.

    Examples
    --------
    >>> bank = load_bank_customers()
    >>> len(bank), int((bank["profit"] < 0).sum())
    (10000, 5310)
    """
    return _load_bank_cached().copy()


_BANK_DTYPES = {"customer_id": "int64", "age": "int64", "gender": "str",
                "annual_income": "int64", "occupation": "str", "city_tier": "str",
                "children": "bool", "life_stage": "str", "lifestyle": "str",
                "risk_preference": "str", "balance": "int64", "products_held": "int64",
                "transactions_per_month": "int64", "preferred_channel": "str",
                "profit": "int64", "potential_profit": "int64"}


@lru_cache(maxsize=1)
def _load_bank_cached() -> pd.DataFrame:
    filename = "bank_customers.csv"
    raw = read_verified_bytes(filename)
    try:
        table = pd.read_csv(io.BytesIO(raw))
    except (ValueError, pd.errors.ParserError) as error:
        raise DatasetError(f"{filename} is not in the expected format: {error}") from None
    if list(table.columns) != list(BANK_CUSTOMER_COLUMNS):
        raise DatasetError(f"{filename}: expected columns {list(BANK_CUSTOMER_COLUMNS)}, got "
                           f"{list(table.columns)}.")
    return table.astype(_BANK_DTYPES)


def save_bank_customers(path) -> str:
    """Write ``make_bank_customers()`` to ``path`` as the shipped CSV; return its SHA-256.

    For maintainers: this is how ``datasets/bank_customers.csv`` was made.
    """
    text = make_bank_customers().to_csv(index=False, lineterminator="\n")
    data = text.encode("utf-8")
    with open(path, "wb") as handle:
        handle.write(data)
    return hashlib.sha256(data).hexdigest()


# --------------------------------------------------------------------------- key accounts

#: Criteria and weights used with :func:`key_accounts` for Cheverton's matrix: ratings 1–5,
#: higher is better for us (``cost_to_serve`` 5 = cheap to serve).
KEY_ACCOUNT_CRITERIA = {
    "attractiveness": {"volume": 0.30, "growth": 0.25, "margin": 0.20, "partnership": 0.15,
                       "cost_to_serve": 0.10},
    "relative_strength": {"relationship": 0.30, "product_fit": 0.30, "share_of_wallet": 0.20,
                          "service_record": 0.20},
}

_KEY_ACCOUNTS = [
    # name, volume, growth, margin, partnership, cost_to_serve, relationship, product_fit,
    # share_of_wallet, service_record, development_cost, expected_gain (10,000 yuan a year)
    ("Harbour Logistics", 5, 4, 4, 4, 3, 5, 4, 4, 4, 40, 130),
    ("Jade River Hospital", 4, 5, 3, 5, 3, 4, 4, 3, 5, 35, 105),
    ("Sunrise Schools Group", 3, 4, 4, 3, 4, 4, 3, 3, 4, 20, 52),
    ("Northgate Steel", 5, 3, 3, 3, 2, 2, 2, 1, 3, 50, 120),
    ("Lotus Hotels", 4, 5, 4, 4, 3, 2, 3, 2, 2, 30, 84),
    ("Pearl Retail Chain", 3, 5, 3, 4, 4, 2, 2, 2, 3, 25, 48),
    ("Green Valley Farms", 2, 2, 3, 4, 3, 5, 4, 5, 4, 10, 16),
    ("Metro Taxi Company", 2, 1, 2, 3, 4, 4, 4, 4, 3, 8, 10),
    ("Redwood Insurance", 3, 2, 2, 2, 3, 4, 5, 3, 4, 12, 20),
    ("Star Electronics", 2, 3, 2, 2, 2, 2, 3, 1, 2, 15, 12),
    ("Bamboo Cafe Chain", 1, 3, 2, 3, 3, 1, 1, 2, 3, 6, 7),
    ("Summit Travel", 2, 2, 1, 2, 2, 3, 2, 2, 1, 10, 6),
]


def key_accounts() -> pd.DataFrame:
    """Twelve corporate accounts of a mobile operator, rated for Cheverton's matrix.

    A small, hand-made teaching table (the companies are fictional), in the spirit of the
    course's mobile-operator case (移动公司对四类客户的管理). Each account is rated 1 (poor) to 5
    (excellent) on five customer-attractiveness criteria (``volume``, ``growth``, ``margin``,
    ``partnership``, ``cost_to_serve`` — 5 means cheap to serve) and four criteria of our
    strength relative to competitors (``relationship``, ``product_fit``,
    ``share_of_wallet``, ``service_record``). ``development_cost`` is what an account plan
    for the coming year would cost and ``expected_gain`` the extra profit it is expected to
    bring, both in 10,000 yuan. Use with the weights in :data:`KEY_ACCOUNT_CRITERIA`.

    Returns
    -------
    DataFrame
        Indexed by ``account`` (company name).

    Examples
    --------
    >>> accounts = key_accounts()
    >>> accounts.shape
    (12, 11)
    """
    columns = ["account", "volume", "growth", "margin", "partnership", "cost_to_serve",
               "relationship", "product_fit", "share_of_wallet", "service_record",
               "development_cost", "expected_gain"]
    return pd.DataFrame(_KEY_ACCOUNTS, columns=columns).set_index("account")


# =========================================================================== lifecycle unit
# Fader & Hardie's retention series and the synthetic hotel loyalty members (lesson 03).


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
    from crmlib._validation import as_timestamp, check_whole_number

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
