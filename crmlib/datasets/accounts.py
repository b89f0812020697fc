"""Twelve rated corporate accounts for Cheverton's key-customer matrix (lesson 04)."""

from __future__ import annotations

import pandas as pd

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
