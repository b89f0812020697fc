"""Twelve rated corporate accounts for Cheverton's key-customer matrix (lesson 04)."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from crmlib.datasets._files import read_verified_csv

#: Criteria and weights used with :func:`key_accounts` for Cheverton's matrix: ratings 1–5,
#: higher is better for us (``cost_to_serve`` 5 = cheap to serve).
KEY_ACCOUNT_CRITERIA = {
    "attractiveness": {"volume": 0.30, "growth": 0.25, "margin": 0.20, "partnership": 0.15,
                       "cost_to_serve": 0.10},
    "relative_strength": {"relationship": 0.30, "product_fit": 0.30, "share_of_wallet": 0.20,
                          "service_record": 0.20},
}

#: Columns of ``datasets/key_accounts.csv``: the account's name, the nine 1–5 ratings, and the
#: account plan's cost and expected gain (10,000 yuan a year).
_KEY_ACCOUNT_COLUMNS = ["account", "volume", "growth", "margin", "partnership", "cost_to_serve",
                        "relationship", "product_fit", "share_of_wallet", "service_record",
                        "development_cost", "expected_gain"]


@lru_cache(maxsize=1)
def _load_key_accounts_cached() -> pd.DataFrame:
    table = read_verified_csv("key_accounts.csv", _KEY_ACCOUNT_COLUMNS)
    numbers = {column: "int64" for column in _KEY_ACCOUNT_COLUMNS[1:]}
    return table.astype(numbers).set_index("account")


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
    The table is the file ``datasets/key_accounts.csv``; its datasheet is
    ``datasets/key_accounts.md``.

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
    return _load_key_accounts_cached().copy()
