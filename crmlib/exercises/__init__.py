"""Exercises with instant feedback.

Checking machinery (:func:`parse_number`, :class:`NumericQuestion`, :class:`ChoiceQuestion`,
:class:`ExerciseSet`) and one module of exercise factories per unit. Every factory takes
``student=None`` (the exercise's own numbers: the course's where the course gives them,
else the kit's illustration; ``show()`` says which) or a student id (personal numbers).
"""

from crmlib.exercises import customer_value, lifecycle, prediction, selection, service
from crmlib.exercises._core import (
    ChoiceQuestion,
    ExerciseSet,
    Feedback,
    Hint,
    NumericQuestion,
    format_number,
    parse_number,
    student_seed,
)
from crmlib.exercises._marking import assert_correct
from crmlib.exercises._spec import Choice, Example, Exercise, Numeric
from crmlib.exercises.customer_value import (
    clv_rule_of_thumb,
    crm_budget,
    fewer_defections,
    hotel_loyalty,
    running_up_hill,
    stew_leonards,
    three_period_clv,
    two_offers,
)

# --- lifecycle unit (lesson 03)
from crmlib.exercises.lifecycle import (
    cohort_counting,
    identify_stages,
    naive_projection,
    retention_and_survival,
    sbg_customer_value,
    sbg_projection,
    stage_strategy,
)

# --- satisfaction and loyalty unit (lesson 06) ---
from crmlib.exercises.loyalty import SPECS as _LOYALTY_SPECS
from crmlib.exercises.loyalty import (
    complaint_handling,
    credit_card_customer,
    gap_table,
    growth_12_vs_1,
    importance_performance_map,
    nps_by_segment,
    nps_from_ratings,
)

# --- CRM in practice unit (lesson 08) ---
from crmlib.exercises.practice import SPECS as _PRACTICE_SPECS
from crmlib.exercises.practice import (
    campaign_profit,
    campaign_rates,
    campaign_significance,
    npv_payback,
    signal_rules,
    unique_customers,
    winning_vendor,
)

# --- prediction unit (lesson 05) ---
from crmlib.exercises.prediction import (
    interpret_parameters,
    next_quarter_purchases,
    probability_alive_comparison,
    purchase_log_summary,
    target_customers,
)

# --- customer selection unit (lesson 04) ---
from crmlib.exercises.selection import (
    cheverton_account,
    classify_people,
    limited_budget,
    profit_concentration,
    rfm_scoring,
    value_matrix_placement,
)

# --- service unit (lesson 07) ---
from crmlib.exercises.service import (
    chance_of_waiting,
    recovery_programme,
    restaurant_dessert,
    servqual_priorities,
    teller_utilisation,
    tellers_for_target,
    waiting_time,
)

#: Every exercise written as a spec, by key: what tools (variants, grading, nbgrader export) and
#: the engine's tests iterate over. Add a unit's specs here when they are written.
SPECS = {spec.key: spec for spec in (*customer_value.SPECS, *lifecycle.SPECS, *selection.SPECS,
                                     *prediction.SPECS, *_LOYALTY_SPECS, *service.SPECS,
                                     *_PRACTICE_SPECS)}

__all__ = [
    "SPECS",
    "assert_correct",
    "Choice",
    "ChoiceQuestion",
    "Example",
    "Exercise",
    "Numeric",
    "ExerciseSet",
    "Feedback",
    "Hint",
    "NumericQuestion",
    "format_number",
    "hotel_loyalty",
    "parse_number",
    "student_seed",
    # lifecycle unit
    "cohort_counting",
    "identify_stages",
    "naive_projection",
    "retention_and_survival",
    "sbg_customer_value",
    "sbg_projection",
    "stage_strategy",
    # customer-value units (lessons 01 and 02)
    "clv_rule_of_thumb",
    "crm_budget",
    "fewer_defections",
    "running_up_hill",
    "stew_leonards",
    "three_period_clv",
    "two_offers",
    # customer selection unit
    "cheverton_account",
    "classify_people",
    "limited_budget",
    "profit_concentration",
    "rfm_scoring",
    "value_matrix_placement",
    # prediction unit (lesson 05)
    "interpret_parameters",
    "next_quarter_purchases",
    "probability_alive_comparison",
    "purchase_log_summary",
    "target_customers",
    # satisfaction and loyalty unit (lesson 06)
    "complaint_handling",
    "credit_card_customer",
    "gap_table",
    "growth_12_vs_1",
    "importance_performance_map",
    "nps_by_segment",
    "nps_from_ratings",
    # service unit (lesson 07)
    "chance_of_waiting",
    "recovery_programme",
    "restaurant_dessert",
    "servqual_priorities",
    "teller_utilisation",
    "tellers_for_target",
    "waiting_time",
    # CRM in practice unit (lesson 08)
    "campaign_profit",
    "campaign_rates",
    "campaign_significance",
    "npv_payback",
    "signal_rules",
    "unique_customers",
    "winning_vendor",
]
