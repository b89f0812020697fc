"""Four CRM systems rated on the course's six selection criteria (lesson 08)."""

from __future__ import annotations

import pandas as pd

#: Weights a home-appliance retailer might give the six criteria (they sum to 1): what the
#: product does and whether it can be implemented matter most; global support hardly, for a
#: firm that sells in China only.
CRM_VENDOR_WEIGHTS = {"functionality": 0.30, "architecture": 0.15, "vendor_management": 0.15,
                      "implementation": 0.20, "global_support": 0.05,
                      "viability_flexibility": 0.15}

_VENDORS = [
    # vendor, kind, functionality, architecture, vendor_management, implementation,
    # global_support, viability_flexibility, investment, running_cost (million yuan)
    ("Globe Suite", "global suite", 5, 4, 4, 3, 5, 4, 60.0, 8.0),
    ("Jiangnan Soft", "domestic suite", 4, 3, 4, 5, 2, 4, 35.0, 5.0),
    ("CloudDesk", "cloud service", 3, 5, 3, 4, 3, 3, 10.0, 12.0),
    ("RetailPro", "retail specialist", 4, 3, 3, 4, 1, 3, 25.0, 5.0),
]


def crm_vendors() -> pd.DataFrame:
    """Four fictional CRM systems, rated 1 (poor) to 5 (excellent) on the six criteria.

    A small hand-made teaching table: the vendors are invented, their profiles typical (a
    global suite, a domestic suite, a cloud service, a retail specialist). The ratings are
    what a selection committee of a home-appliance retailer might give after demonstrations
    and reference visits, on the course's six criteria (:data:`crmlib.CRMSystemCriterion`).
    ``investment`` (licences, implementation, data clean-up and training, paid up front) and
    ``running_cost`` (per year) are in million yuan and feed the business case; they are not
    among the six criteria. Use with :data:`CRM_VENDOR_WEIGHTS`.

    Returns
    -------
    DataFrame
        Indexed by ``vendor``: ``kind``, the six rating columns, ``investment``,
        ``running_cost``.

    References
    ----------
    Course material, "客户关系管理与服务营销" (CRM系统的选择: 产品功能, 软件结构, 软件供应商自身的
    管理水平与维护能力, 实施能力, 全球化的支持能力, 软件供应商自身的生存能力以及产品的灵活性).

    Examples
    --------
    >>> crm_vendors().shape
    (4, 9)
    """
    columns = ["vendor", "kind", "functionality", "architecture", "vendor_management",
               "implementation", "global_support", "viability_flexibility", "investment",
               "running_cost"]
    return pd.DataFrame(_VENDORS, columns=columns).set_index("vendor")
