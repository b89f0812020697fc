"""Fader & Hardie's published retention series (lesson 03)."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from crmlib.datasets._files import read_verified_csv


@lru_cache(maxsize=1)
def _load_retention_cached() -> pd.DataFrame:
    table = read_verified_csv("fader_hardie_retention.csv", ["year", "regular", "high_end"])
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
