"""crmlib — the CRM Course Kit's library: customer value, lifecycle, selection, prediction, service.

Quick start::

    import crmlib as crm
    crm.customer_lifetime_value(2000, 0.8, acquisition_cost=800)  # 7200, m·r/(1+i−r) − AC
    crm.turnover_scenario(1e9, 0.30, 0.15)["net_change"]          # −150 million (course case)
    log = crm.datasets.load_cdnow()                               # real CDNOW purchase log
    crm.classify_stages(log, as_of="1998-06-30")                  # lifecycle stage per customer
    crm.rfm_scores(crm.rfm_summary(log))                          # RFM scores, higher = better
    crm.ShiftedBetaGeometric().fit([1000, 631, 468, 382, 326, 289, 262, 241]).params_
    summary = crm.calibration_summary(log, calibration_end="1997-09-30")   # weeks
    crm.BetaGeoModel().fit(summary["frequency"], summary["recency"], summary["T"]).params_
    crm.servers_needed(40, 10, max_wait=0.25, target=0.95)       # tellers for 95% in 15 min
    crm.exercises.hotel_loyalty().check("clv_before", "9,200元")  # instant feedback

Rates are fractions (0.8, not 80); every time value states its unit. Plots live in
``crmlib.plotting`` and what-if widgets in ``crmlib.widgets`` (both load matplotlib or
ipywidgets on first use), data in ``crmlib.datasets``, exercises in ``crmlib.exercises``.
"""

from crmlib import (
    clv,
    cohorts,
    datasets,
    economics,
    exercises,
    i18n,
    lifecycle,
    loyalty,
    practice,
    purchase_log,
    purchase_models,
    retention_projection,
    rfm,
    selection,
    service,
    units,
)

# Every name a concept module lists in its ``__all__`` is part of ``crm.``: the modules own their
# public names, this file only gathers them.
from crmlib.clv import *  # noqa: F403
from crmlib.cohorts import *  # noqa: F403
from crmlib.economics import *  # noqa: F403
from crmlib.i18n import get_language, set_language
from crmlib.lifecycle import *  # noqa: F403
from crmlib.loyalty import *  # noqa: F403
from crmlib.models import IdentificationWarning, NotFittedError
from crmlib.practice import *  # noqa: F403
from crmlib.purchase_log import *  # noqa: F403
from crmlib.purchase_models import *  # noqa: F403
from crmlib.retention_projection import *  # noqa: F403
from crmlib.rfm import *  # noqa: F403
from crmlib.selection import *  # noqa: F403
from crmlib.service import *  # noqa: F403
from crmlib.units import TimeUnit

__version__ = "0.1.0"

# a kernel started in Chinese (CRMLIB_LANG=zh) shows table headers in Chinese from the start
i18n._register_table_display()

# plotting and widgets import matplotlib / ipywidgets, so they load on first use
# (``crm.plotting.plot_...``) rather than at ``import crmlib``.
_LAZY_MODULES = ("plotting", "widgets")


def __getattr__(name):
    if name in _LAZY_MODULES:
        import importlib

        return importlib.import_module(f"crmlib.{name}")
    raise AttributeError(f"module 'crmlib' has no attribute {name!r}")


def __dir__():
    return sorted([*globals(), *_LAZY_MODULES])


__all__ = [
    # modules
    "datasets",
    "exercises",
    "i18n",
    "units",
    # language of every student-facing text
    "get_language",
    "set_language",
    # fitted models (the estimator base) and units of time
    "IdentificationWarning",
    "NotFittedError",
    "TimeUnit",
    # the concept modules' public names, unit by unit
    *clv.__all__,
    *economics.__all__,
    *lifecycle.__all__,
    *cohorts.__all__,
    *retention_projection.__all__,
    *selection.__all__,
    *rfm.__all__,
    *purchase_log.__all__,
    *purchase_models.__all__,
    *loyalty.__all__,
    *service.__all__,
    *practice.__all__,
]
