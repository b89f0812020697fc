"""crmlib — the CRM Course Kit's library: customer value, lifecycle and selection, computed.

Quick start::

    import crmlib as crm
    crm.customer_lifetime_value(2000, 0.8, acquisition_cost=800)   # 7200.0 (Gupta & Lehmann)
    crm.customer_lifetime_value(2000, 0.8, when="begin", acquisition_cost=800)  # 9200.0
    crm.clv_schedule(2000, 0.8, 0.1, periods=5)       # the period-by-period table
    crm.margin_multiple(0.8, 0.1)                    # CLV per unit of margin: 2.67
    crm.turnover_scenario(1e9, 0.30, 0.15)           # the course's turnover scenario
    hotel = crm.exercises.hotel_loyalty()            # an exercise with instant feedback
    hotel.check("clv_before", "9,200元")

Rates are fractions (0.8, not 80); every time value states its unit. Plots live in
``crmlib.plotting``, what-if widgets in ``crmlib.widgets``, data in ``crmlib.datasets``.
"""

from crmlib import datasets, exercises, units
from crmlib.clv import (
    churn_from_retention,
    clv_lever_effects,
    clv_schedule,
    customer_lifetime_value,
    expected_lifetime,
    margin_multiple,
    retention_from_churn,
)
from crmlib.economics import (
    break_even_programme_cost,
    clv_change_from_retention,
    crm_spending_assessment,
    customer_delivered_value,
    lifetime_revenue,
    turnover_scenario,
)

# --- lifecycle unit (stages, patterns, cohorts, retention projection)
from crmlib.cohorts import (
    cohort_retention,
    cohort_survival,
    cohort_table,
    retention_from_survival,
    survival_from_retention,
)
from crmlib.lifecycle import (
    ENDED,
    LifecyclePattern,
    LifecycleStage,
    classify_stages,
    lifecycle_patterns,
    lifecycle_profit_curve,
    pattern_table,
    stage_history,
    stage_path,
    stage_table,
)
from crmlib.retention_projection import (
    CurveFitProjection,
    ShiftedBetaGeometric,
    compare_retention_projections,
    projection_errors,
)

# --- selection and RFM (customer selection unit, lesson 04) ---
from crmlib.rfm import (
    RFM_SEGMENTS,
    rfm_scores,
    rfm_segment_rules,
    rfm_segments,
    rfm_summary,
)
from crmlib.selection import (
    CHEVERTON_QUADRANTS,
    CUSTOMER_CLASSES,
    VALUE_TIERS,
    abc_classes,
    allocate_budget,
    cheverton_matrix,
    cheverton_quadrant,
    cheverton_strategies,
    classify_customers,
    concentration_curve,
    concentration_table,
    customer_classes,
    gini,
    top_share,
    value_matrix,
    value_matrix_quadrant,
    value_tier_summary,
    value_tiers,
    weighted_score,
)

# --- prediction: purchase logs, BG/NBD and Gamma-Gamma (lesson 05) ---
from crmlib.purchase_log import calibration_summary
from crmlib.purchase_models import (
    BetaGeoModel,
    GammaGammaModel,
    frequency_recency_grid,
    predicted_customer_lifetime_value,
    purchase_tracking,
    repeat_purchase_histogram,
    simulate_purchase_histories,
    spend_frequency_correlation,
)

__version__ = "0.1.0"

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
    "units",
    # clv
    "churn_from_retention",
    "clv_lever_effects",
    "clv_schedule",
    "customer_lifetime_value",
    "expected_lifetime",
    "margin_multiple",
    "retention_from_churn",
    # economics
    "break_even_programme_cost",
    "clv_change_from_retention",
    "crm_spending_assessment",
    "customer_delivered_value",
    "lifetime_revenue",
    "turnover_scenario",
    # lifecycle: stages and patterns
    "ENDED",
    "LifecyclePattern",
    "LifecycleStage",
    "classify_stages",
    "lifecycle_patterns",
    "lifecycle_profit_curve",
    "pattern_table",
    "stage_history",
    "stage_path",
    "stage_table",
    # lifecycle: cohorts
    "cohort_retention",
    "cohort_survival",
    "cohort_table",
    "retention_from_survival",
    "survival_from_retention",
    # lifecycle: retention projection
    "CurveFitProjection",
    "ShiftedBetaGeometric",
    "compare_retention_projections",
    "projection_errors",
    # selection (customer selection unit)
    "CHEVERTON_QUADRANTS",
    "CUSTOMER_CLASSES",
    "VALUE_TIERS",
    "abc_classes",
    "allocate_budget",
    "cheverton_matrix",
    "cheverton_quadrant",
    "cheverton_strategies",
    "classify_customers",
    "concentration_curve",
    "concentration_table",
    "customer_classes",
    "gini",
    "top_share",
    "value_matrix",
    "value_matrix_quadrant",
    "value_tier_summary",
    "value_tiers",
    "weighted_score",
    # rfm (customer selection unit)
    "RFM_SEGMENTS",
    "rfm_scores",
    "rfm_segment_rules",
    "rfm_segments",
    "rfm_summary",
    # prediction (purchase_log, purchase_models)
    "calibration_summary",
    "BetaGeoModel",
    "GammaGammaModel",
    "frequency_recency_grid",
    "predicted_customer_lifetime_value",
    "purchase_tracking",
    "repeat_purchase_histogram",
    "simulate_purchase_histories",
    "spend_frequency_correlation",
]
