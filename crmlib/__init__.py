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

from crmlib import datasets, exercises, i18n, units
from crmlib.clv import (
    churn_from_retention,
    clv_lever_effects,
    clv_schedule,
    customer_lifetime_value,
    expected_lifetime,
    margin_multiple,
    retention_from_churn,
)

# --- lifecycle unit (stages, patterns, cohorts, retention projection)
from crmlib.cohorts import (
    cohort_retention,
    cohort_survival,
    cohort_table,
    retention_from_survival,
    survival_from_retention,
)
from crmlib.economics import (
    break_even_programme_cost,
    clv_change_from_retention,
    crm_spending_assessment,
    customer_delivered_value,
    lifetime_revenue,
    turnover_scenario,
)
from crmlib.i18n import get_language, set_language
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

# --- satisfaction and loyalty (lesson 06) ---
from crmlib.loyalty import (
    COMPLAINT_OUTCOMES,
    DEFECTION_REASONS,
    IPA_QUADRANTS,
    NPS_CATEGORIES,
    clv_from_profit_path,
    clv_gain_from_retention,
    complaint_funnel,
    complaint_rates,
    compound_growth,
    importance_performance,
    net_promoter_score,
    nps_breakdown,
    nps_category,
    profit_path_schedule,
    retention_by_satisfaction,
    satisfaction_gap,
)
from crmlib.models import IdentificationWarning, NotFittedError

# --- CRM in practice: one customer view, campaigns, business case, system choice (lesson 08)
from crmlib.practice import (
    CRMSystemCriterion,
    bank_signal_table,
    campaign_evaluation,
    campaign_from_rates,
    campaign_results,
    crm_business_case,
    crm_system_criterion_table,
    normalise_email,
    normalise_phone,
    npv,
    payback_period,
    signal_report,
    single_customer_view,
    system_coverage,
    unification_quality,
    unify_customers,
    vendor_scores,
    weight_sensitivity,
)

# --- prediction: purchase logs, BG/NBD and Gamma-Gamma (lesson 05) ---
from crmlib.purchase_log import PurchaseDays, calibration_summary, purchase_days
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
from crmlib.retention_projection import (
    CurveFitProjection,
    ShiftedBetaGeometric,
    compare_retention_projections,
    projection_errors,
)

# --- selection and RFM (customer selection unit, lesson 04) ---
from crmlib.rfm import (
    RFMSegment,
    rfm_scores,
    rfm_segment_table,
    rfm_segments,
    rfm_summary,
)
from crmlib.selection import (
    ChevertonQuadrant,
    CustomerClass,
    ValueTier,
    abc_classes,
    allocate_budget,
    cheverton_matrix,
    cheverton_quadrant,
    cheverton_quadrant_table,
    classify_customers,
    concentration_curve,
    concentration_table,
    customer_class_table,
    gini,
    top_share,
    value_matrix,
    value_matrix_quadrant,
    value_tier_summary,
    value_tier_table,
    weighted_score,
)

# --- service quality, waiting and recovery (lesson 07) ---
from crmlib.service import (
    SERVQUAL_DIMENSIONS,
    erlang_c,
    mean_wait,
    queue_summary,
    servers_needed,
    service_recovery_value,
    servqual_gaps,
    servqual_item_table,
    staffing_plan,
    utilisation,
    wait_probability,
    weighted_servqual_score,
)
from crmlib.units import TimeUnit

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
    "i18n",
    "units",
    # language of every student-facing text
    "get_language",
    "set_language",
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
    "ChevertonQuadrant",
    "CustomerClass",
    "ValueTier",
    "abc_classes",
    "allocate_budget",
    "cheverton_matrix",
    "cheverton_quadrant",
    "cheverton_quadrant_table",
    "classify_customers",
    "concentration_curve",
    "concentration_table",
    "customer_class_table",
    "gini",
    "top_share",
    "value_matrix",
    "value_matrix_quadrant",
    "value_tier_summary",
    "value_tier_table",
    "weighted_score",
    # rfm (customer selection unit)
    "RFMSegment",
    "rfm_scores",
    "rfm_segment_table",
    "rfm_segments",
    "rfm_summary",
    # fitted models (models: the estimator base)
    "IdentificationWarning",
    "NotFittedError",
    # purchase logs: one row per customer and purchase day
    "PurchaseDays",
    "purchase_days",
    # units of time
    "TimeUnit",
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
    # satisfaction and loyalty (lesson 06)
    "COMPLAINT_OUTCOMES",
    "DEFECTION_REASONS",
    "IPA_QUADRANTS",
    "NPS_CATEGORIES",
    "clv_from_profit_path",
    "clv_gain_from_retention",
    "complaint_funnel",
    "complaint_rates",
    "compound_growth",
    "importance_performance",
    "net_promoter_score",
    "nps_breakdown",
    "nps_category",
    "profit_path_schedule",
    "retention_by_satisfaction",
    "satisfaction_gap",
    # service (lesson 07: service quality, waiting and recovery)
    "SERVQUAL_DIMENSIONS",
    "erlang_c",
    "mean_wait",
    "queue_summary",
    "servers_needed",
    "service_recovery_value",
    "servqual_gaps",
    "servqual_item_table",
    "staffing_plan",
    "utilisation",
    "wait_probability",
    "weighted_servqual_score",
    # practice (CRM in practice, lesson 08)
    "CRMSystemCriterion",
    "bank_signal_table",
    "campaign_evaluation",
    "campaign_from_rates",
    "campaign_results",
    "crm_business_case",
    "crm_system_criterion_table",
    "normalise_email",
    "normalise_phone",
    "npv",
    "payback_period",
    "signal_report",
    "single_customer_view",
    "system_coverage",
    "unification_quality",
    "unify_customers",
    "vendor_scores",
    "weight_sensitivity",
]
