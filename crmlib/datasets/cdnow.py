"""The CDNOW purchase log (Fader & Hardie), the real data of the prediction unit (lesson 05)."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from crmlib._docstrings import shared_doc
from crmlib.datasets._files import parse_dates, read_verified_csv


@lru_cache(maxsize=4)
def _load_cdnow_cached(kind: str) -> pd.DataFrame:
    filename = f"CDNOW_{kind}.txt"
    if kind == "sample":
        names = ["master_id", "customer_id", "date", "quantity", "amount"]
        header = None
    else:
        names = ["customer_id", "date", "quantity", "amount"]
        header = 0
    table = read_verified_csv(filename, names, sep=r"\s+", header=header, names=names,
                              dtype={"date": str})
    return pd.DataFrame({
        "customer_id": table["customer_id"].astype("int64"),
        "date": parse_dates(table["date"], filename, "%Y%m%d"),
        "quantity": table["quantity"].astype("int64"),
        "amount": table["amount"].astype("float64"),
    })

@shared_doc
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
    {{fader_hardie_lee_2005_counting}}

    Examples
    --------
    >>> log = load_cdnow()
    >>> len(log), log["customer_id"].nunique()
    (6919, 2357)
    """
    if kind not in ("sample", "master"):
        raise ValueError(f"kind must be 'sample' or 'master'; got {kind!r}.")
    return _load_cdnow_cached(kind).copy()
