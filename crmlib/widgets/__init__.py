"""What-if explorers for the lessons: ``*_explorer(...) -> widget``.

One module per unit (``value``: lessons 00–02, ``lifecycle``: 03, ``selection``: 04,
``prediction``: 05, ``loyalty``: 06, ``service``: 07, ``practice``: 08); the shared layout
and inline charts in ``_base``.

No formulas live here: each explorer reads its controls, calls a concept module and shows the
result as HTML (fast to update, readable in any viewer that keeps widget state). Every explorer
returned has ``.controls`` (name → control widget), ``.result`` (the HTML widget showing the
result) and ``.update()``; moving a control updates the result. ipywidgets is imported inside
the functions only, on first use.
"""

from __future__ import annotations

from crmlib.widgets.lifecycle import (
    lifecycle_profit_explorer,
    sbg_explorer,
)
from crmlib.widgets.loyalty import (
    complaint_funnel_explorer,
    profit_path_explorer,
)
from crmlib.widgets.practice import (
    campaign_explorer,
    vendor_weights_explorer,
)
from crmlib.widgets.prediction import (
    purchase_history_explorer,
)
from crmlib.widgets.selection import (
    cheverton_explorer,
    value_matrix_explorer,
)
from crmlib.widgets.service import (
    queue_explorer,
    recovery_explorer,
)
from crmlib.widgets.value import (
    clv_explorer,
    crm_budget_explorer,
    turnover_explorer,
)

__all__ = [
    "campaign_explorer",
    "cheverton_explorer",
    "clv_explorer",
    "complaint_funnel_explorer",
    "crm_budget_explorer",
    "lifecycle_profit_explorer",
    "profit_path_explorer",
    "purchase_history_explorer",
    "queue_explorer",
    "recovery_explorer",
    "sbg_explorer",
    "turnover_explorer",
    "value_matrix_explorer",
    "vendor_weights_explorer",
]
