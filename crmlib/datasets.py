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
