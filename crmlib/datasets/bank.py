"""The synthetic retail-bank customer base of the customer selection unit (lesson 04)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from crmlib._validation import check_whole_number
from crmlib.datasets._files import loaded_from, read_verified_csv, shipped_by, write_shipped_csv

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


@shipped_by("bank_customers.csv", counting="customers")
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

    {{parameters}}

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


@loaded_from("bank_customers.csv", "make_bank_customers")
def load_bank_customers() -> pd.DataFrame:
    """The kit's synthetic bank customer base (10,000 customers), checked against its checksum.

    {{shipped_file}}

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
    table = read_verified_csv("bank_customers.csv", list(BANK_CUSTOMER_COLUMNS))
    return table.astype(_BANK_DTYPES)


def save_bank_customers(path) -> str:
    """Write ``make_bank_customers()`` to ``path`` as the shipped CSV; return its SHA-256.

    For maintainers: this is how ``datasets/bank_customers.csv`` was made.
    """
    return write_shipped_csv(make_bank_customers(), path)
