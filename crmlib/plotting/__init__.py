"""Plots for the lessons: every function is ``plot_*(..., ax=None) -> Axes``.

One module per unit (``value``: lessons 01–02, ``lifecycle``: 03, ``selection``: 04,
``prediction``: 05, ``loyalty``: 06, ``service``: 07, ``practice``: 08); shared helpers in
``_base``.

matplotlib is imported inside the functions only, so ``import crmlib`` stays light. Chinese
labels draw from the kit's own font (:func:`use_chinese_font`, called by every plot), so they
render on a laptop with no Chinese font installed.
"""

from __future__ import annotations

from crmlib.plotting._base import use_chinese_font
from crmlib.plotting.lifecycle import (
    STAGE_COLOURS,
    plot_cohort_curves,
    plot_cohort_heatmap,
    plot_lifecycle_profit_curve,
    plot_retention_projection,
    plot_stage_mix,
)
from crmlib.plotting.loyalty import (
    plot_complaint_funnel,
    plot_importance_performance,
    plot_nps,
    plot_profit_path,
    plot_retention_by_satisfaction,
    plot_satisfaction_gap,
)
from crmlib.plotting.practice import (
    plot_campaign_uplift,
    plot_cash_flows,
    plot_system_coverage,
    plot_vendor_scores,
)
from crmlib.plotting.prediction import (
    plot_frequency_recency_heatmap,
    plot_purchase_timelines,
    plot_purchase_tracking,
    plot_repeat_purchase_histogram,
)
from crmlib.plotting.selection import (
    plot_cheverton_matrix,
    plot_concentration_curve,
    plot_rfm_segment_map,
    plot_value_matrix,
)
from crmlib.plotting.service import (
    plot_servqual_gaps,
    plot_staffing_plan,
    plot_wait_distribution,
)
from crmlib.plotting.value import (
    plot_clv_conventions,
    plot_clv_schedule,
    plot_margin_multiple,
    plot_turnover_scenario,
)

__all__ = [
    "STAGE_COLOURS",
    "plot_campaign_uplift",
    "plot_cash_flows",
    "plot_cheverton_matrix",
    "plot_clv_conventions",
    "plot_clv_schedule",
    "plot_complaint_funnel",
    "plot_cohort_curves",
    "plot_cohort_heatmap",
    "plot_concentration_curve",
    "plot_frequency_recency_heatmap",
    "plot_importance_performance",
    "plot_lifecycle_profit_curve",
    "plot_margin_multiple",
    "plot_nps",
    "plot_profit_path",
    "plot_purchase_timelines",
    "plot_purchase_tracking",
    "plot_repeat_purchase_histogram",
    "plot_retention_by_satisfaction",
    "plot_retention_projection",
    "plot_rfm_segment_map",
    "plot_satisfaction_gap",
    "plot_servqual_gaps",
    "plot_stage_mix",
    "plot_staffing_plan",
    "plot_turnover_scenario",
    "plot_value_matrix",
    "plot_wait_distribution",
    "plot_system_coverage",
    "plot_vendor_scores",
    "use_chinese_font",
]
