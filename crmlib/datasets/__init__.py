"""The kit's data: ``load_*`` for the files shipped in ``datasets/``, ``make_*`` for seeded
synthetic data.

One module per data set — :mod:`~crmlib.datasets.cdnow` (lesson 05),
:mod:`~crmlib.datasets.bank` and :mod:`~crmlib.datasets.accounts` (lesson 04),
:mod:`~crmlib.datasets.retention` and :mod:`~crmlib.datasets.hotel` (lesson 03),
:mod:`~crmlib.datasets.hotel_survey` (lesson 06) — all reading
through one verified reader (:mod:`~crmlib.datasets._files`): every loader checks the file's
SHA-256 checksum and columns before returning it, and says clearly what is wrong with a damaged
or edited file. The files are installed with crmlib (as ``crmlib._data``), so loading works
from any working directory and from a non-editable install. Each file has a datasheet next to it
in ``datasets/`` (source, licence, columns, units, checksum).
"""

from __future__ import annotations

from crmlib.datasets import bank, cdnow, hotel, hotel_survey, retention
from crmlib.datasets._files import CHECKSUMS, DatasetError, read_verified_bytes
from crmlib.datasets.accounts import KEY_ACCOUNT_CRITERIA, key_accounts
from crmlib.datasets.bank import (
    BANK_CUSTOMER_COLUMNS,
    load_bank_customers,
    make_bank_customers,
    save_bank_customers,
)
from crmlib.datasets.cdnow import load_cdnow
from crmlib.datasets.hotel import (
    FULL_FORMATION_MONTHS,
    HOTEL_PATTERN_SHARES,
    HOTEL_STAY_RATES,
    load_hotel_members,
    load_hotel_stays,
    make_hotel_loyalty,
)
from crmlib.datasets.hotel_survey import (
    COMPLAINT_OUTCOMES,
    HOTEL_SURVEY_ATTRIBUTES,
    RETURN_BY_SATISFACTION,
    load_hotel_survey,
    make_hotel_survey,
    save_hotel_survey,
)
from crmlib.datasets.retention import load_retention_series

_CACHED_LOADERS = (cdnow._load_cdnow_cached, bank._load_bank_cached,
                   retention._load_retention_cached, hotel._load_stays_cached,
                   hotel._load_members_cached, hotel_survey._load_survey_cached)


def clear_cache() -> None:
    """Forget every table read so far, so the next ``load_*`` reads and verifies its file again.

    Loaders keep one verified copy of each file in memory and hand out fresh copies of it.
    """
    for loader in _CACHED_LOADERS:
        loader.cache_clear()


__all__ = [
    "BANK_CUSTOMER_COLUMNS",
    "CHECKSUMS",
    "COMPLAINT_OUTCOMES",
    "DatasetError",
    "FULL_FORMATION_MONTHS",
    "HOTEL_PATTERN_SHARES",
    "HOTEL_STAY_RATES",
    "HOTEL_SURVEY_ATTRIBUTES",
    "KEY_ACCOUNT_CRITERIA",
    "RETURN_BY_SATISFACTION",
    "clear_cache",
    "key_accounts",
    "load_bank_customers",
    "load_cdnow",
    "load_hotel_members",
    "load_hotel_stays",
    "load_hotel_survey",
    "load_retention_series",
    "make_bank_customers",
    "make_hotel_loyalty",
    "make_hotel_survey",
    "read_verified_bytes",
    "save_bank_customers",
    "save_hotel_survey",
]
