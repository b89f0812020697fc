"""The kit's data: ``load_*`` for the files shipped in ``datasets/``, ``make_*`` for seeded
synthetic data.

One module per data set — :mod:`~crmlib.datasets.cdnow` (lesson 05),
:mod:`~crmlib.datasets.bank` and :mod:`~crmlib.datasets.accounts` (lesson 04),
:mod:`~crmlib.datasets.retention` and :mod:`~crmlib.datasets.hotel` (lesson 03),
:mod:`~crmlib.datasets.hotel_survey` (lesson 06),
:mod:`~crmlib.datasets.branch` and :mod:`~crmlib.datasets.servqual` (lesson 07),
:mod:`~crmlib.datasets.customer_records`, :mod:`~crmlib.datasets.campaign` and
:mod:`~crmlib.datasets.vendors` (lesson 08) — all reading
through one verified reader (:mod:`~crmlib.datasets._files`): every loader checks the file's
SHA-256 checksum and columns before returning it, and says clearly what is wrong with a damaged
or edited file. The files are installed with crmlib (as ``crmlib._data``), so loading works
from any working directory and from a non-editable install. Each file has a datasheet next to it
in ``datasets/`` (source, licence, columns, units, checksum).
"""

from __future__ import annotations

from crmlib.datasets import (
    accounts,
    bank,
    branch,
    campaign,
    cdnow,
    customer_records,
    hotel,
    hotel_survey,
    retention,
    servqual,
)
from crmlib.datasets._files import CHECKSUMS, DatasetError, read_verified_bytes
from crmlib.datasets.accounts import KEY_ACCOUNT_CRITERIA, key_accounts
from crmlib.datasets.bank import (
    BANK_CUSTOMER_COLUMNS,
    load_bank_customers,
    make_bank_customers,
    save_bank_customers,
)
from crmlib.datasets.branch import (
    BRANCH_DAY_FACTORS,
    BRANCH_HOURLY_ARRIVALS,
    BRANCH_MEAN_SERVICE_MINUTES,
    load_branch_arrivals,
    make_branch_arrivals,
)
from crmlib.datasets.campaign import (
    CAMPAIGN_COLUMNS,
    CAMPAIGN_CROSS_SELL_RATES,
    CAMPAIGN_RESPONSE_RATES,
    CAMPAIGN_SEGMENTS,
    load_campaign,
    make_campaign,
    save_campaign,
)
from crmlib.datasets.cdnow import load_cdnow
from crmlib.datasets.customer_records import (
    CUSTOMER_RECORD_COLUMNS,
    RECORD_SOURCES,
    SYSTEM_MIX,
    load_customer_records,
    make_customer_records,
    save_customer_records,
)
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
from crmlib.datasets.servqual import load_servqual_survey, make_servqual_survey
from crmlib.datasets.vendors import CRM_VENDOR_WEIGHTS, crm_vendors

_CACHED_LOADERS = (cdnow._load_cdnow_cached, bank._load_bank_cached,
                   retention._load_retention_cached, hotel._load_stays_cached,
                   hotel._load_members_cached, hotel_survey._load_survey_cached,
                   branch._load_branch_cached,
                   servqual._load_servqual_cached, customer_records._load_records_cached,
                   campaign._load_campaign_cached, accounts._load_key_accounts_cached)


def clear_cache() -> None:
    """Forget every table read so far, so the next ``load_*`` reads and verifies its file again.

    Loaders keep one verified copy of each file in memory and hand out fresh copies of it.
    """
    for loader in _CACHED_LOADERS:
        loader.cache_clear()


__all__ = [
    "BANK_CUSTOMER_COLUMNS",
    "BRANCH_DAY_FACTORS",
    "BRANCH_HOURLY_ARRIVALS",
    "BRANCH_MEAN_SERVICE_MINUTES",
    "CAMPAIGN_COLUMNS",
    "CAMPAIGN_CROSS_SELL_RATES",
    "CAMPAIGN_RESPONSE_RATES",
    "CAMPAIGN_SEGMENTS",
    "CRM_VENDOR_WEIGHTS",
    "CUSTOMER_RECORD_COLUMNS",
    "RECORD_SOURCES",
    "SYSTEM_MIX",
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
    "crm_vendors",
    "key_accounts",
    "load_bank_customers",
    "load_branch_arrivals",
    "load_campaign",
    "load_cdnow",
    "load_customer_records",
    "load_hotel_members",
    "load_hotel_stays",
    "load_hotel_survey",
    "load_retention_series",
    "load_servqual_survey",
    "make_bank_customers",
    "make_branch_arrivals",
    "make_campaign",
    "make_customer_records",
    "make_hotel_loyalty",
    "make_hotel_survey",
    "make_servqual_survey",
    "read_verified_bytes",
    "save_bank_customers",
    "save_campaign",
    "save_customer_records",
    "save_hotel_survey",
]
