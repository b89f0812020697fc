"""Verified reading of the shipped data files: checksums, one CSV reader, date parsing.

Every loader in :mod:`crmlib.datasets` reads its file through :func:`read_verified_csv` (or
:func:`read_verified_bytes`), so a missing, damaged or edited file is reported the same way
everywhere. The files are installed with crmlib as the package ``crmlib._data`` (the top-level
``datasets/`` folder), so loading works from any working directory and from a non-editable
install.
"""

from __future__ import annotations

import hashlib
import inspect
import io
import textwrap
from importlib import resources

import pandas as pd

from crmlib._docstrings import shared_doc


class DatasetError(ValueError):
    """A shipped data file is missing, damaged or not in the expected format."""


#: SHA-256 of every shipped data file (also listed in each file's datasheet).
CHECKSUMS = {
    "CDNOW_master.txt": "eff6889ed364c5199d6eacbbeb7a6d559971df4406ac876f322c373f00a072ef",
    "CDNOW_sample.txt": "6fae10155c0b0ba363c2c386e30f77990d22328220efd862a5edd1443420d94a",
    "bank_customers.csv": "723d2a37d032b48ea7a4054112847d45819aedc59b8d604330b2ce0ab338157b",
    "fader_hardie_retention.csv":
        "d7c1522aaf2bbd07722ab0dc14a4833a3f291aa46510cde691a008892ba2ddb7",
    "hotel_loyalty_stays.csv": "cbd06df1dfc29f3d6f6aaa216c13da964b0170ce49c62e98228a727bbe8dd1ba",
    "hotel_loyalty_members.csv":
        "abfe579f8fb334940b510eab932fb2ee35ad8f1ba01bd6aabcb03b247347a402",
    # satisfaction and loyalty unit (lesson 06)
    "hotel_survey.csv": "fdad940b1691a41fbe9ca4a273de5a93ee8319ee5d6f542ce576e97e1e2c363a",
    # service unit (lesson 07)
    "branch_arrivals.csv": "b8afc8661960f0464642dfce3cbcf05979fc58b50879bc080e88eab94deb2efd",
    "servqual_survey.csv": "481a2ba2e2dbb84b4fa1508a54637fd5b981cf68c79a3687548437577e42f042",
    "customer_records.csv": "884aa610fb27ac96dc0cd878697259c8f78b98df470a02572e897d08be556d83",
    "campaign_mailing.csv": "48bb9cc762e2a758a5e93302a743183b5dc9165ec385d83bfca0ddf8b7681150",
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


def read_verified_csv(filename: str, columns: list[str], **options) -> pd.DataFrame:
    """A shipped table, read after :func:`read_verified_bytes`, with its columns checked.

    ``options`` go to :func:`pandas.read_csv` (``sep``, ``header``, ``names``, ``dtype`` …).

    Raises
    ------
    DatasetError
        If the file fails its checksum, cannot be parsed, is empty or has other columns.
    """
    raw = read_verified_bytes(filename)
    try:
        table = pd.read_csv(io.BytesIO(raw), **options)
    except (ValueError, pd.errors.ParserError) as error:
        raise DatasetError(f"{filename} is not in the expected format: {error}") from None
    if list(table.columns) != list(columns) or table.empty:
        raise DatasetError(f"{filename}: expected columns {list(columns)}, got "
                           f"{list(table.columns)}.")
    return table


def parse_dates(values: pd.Series, filename: str, fmt: str) -> pd.Series:
    """Dates of a shipped file in format ``fmt``; a value that does not parse is an error."""
    dates = pd.to_datetime(values.astype(str), format=fmt, errors="coerce")
    bad = dates.isna()
    if bad.any():
        raise DatasetError(f"{filename}: {int(bad.sum())} date(s) could not be read as {fmt}, "
                           f"e.g. {values[bad].iloc[0]!r}.")
    return dates


def write_shipped_csv(table: pd.DataFrame, path) -> str:
    """Write ``table`` as a shipped CSV (no index, UTF-8, ``\\n`` line ends); return its SHA-256.

    For maintainers regenerating a data file: the digest goes into :data:`CHECKSUMS`.
    """
    data = table.to_csv(index=False, lineterminator="\n").encode("utf-8")
    with open(path, "wb") as handle:
        handle.write(data)
    return hashlib.sha256(data).hexdigest()


def shipped_by(filename: str, *, counting: str | None = None):
    """Decorator for the ``make_*`` generator of a shipped file: writes its ``{{parameters}}``.

    The section has ``n`` (when ``counting`` says what ``n`` counts: ``"customers"``) and
    ``seed``, with the defaults read from the generator's signature, and says that the shipped
    ``datasets/<filename>`` is the generator's default call.
    """
    def decorate(maker):
        defaults = {name: parameter.default
                    for name, parameter in inspect.signature(maker).parameters.items()}
        lines = ["Parameters", "----------"]
        if counting is not None:
            lines += [f"n : int, default {defaults['n']}", f"    Number of {counting}."]
        lines += [f"seed : int, default {defaults['seed']}",
                  f"    Random seed. The shipped file ``datasets/{filename}`` is",
                  f"    ``{maker.__name__}()`` with the default{'s' if len(defaults) > 1 else ''}."]
        return shared_doc(parameters="\n".join(lines))(maker)

    return decorate


def loaded_from(filename: str, maker: str):
    """Decorator for the ``load_*`` loader of a shipped file: writes its ``{{shipped_file}}``,
    the sentence that names the file, the generator it is the default call of, and its
    datasheet (``datasets/<name>.md``)."""
    datasheet = filename.rsplit(".", 1)[0] + ".md"
    sentence = (f"The file ``datasets/{filename}`` is exactly :func:`{maker}` with the default "
                f"arguments; its datasheet is ``datasets/{datasheet}``.")
    return shared_doc(shipped_file=textwrap.fill(sentence, width=92, break_long_words=False,
                                                 break_on_hyphens=False))
