"""Exercises with instant feedback.

Checking machinery (:func:`parse_number`, :class:`NumericQuestion`, :class:`ChoiceQuestion`,
:class:`ExerciseSet`) and one module of exercise factories per unit. Every factory takes
``student=None`` (the course material's numbers) or a student id (personal numbers).
"""

from crmlib.exercises._core import (
    NOT_ATTEMPTED,
    ChoiceQuestion,
    ExerciseSet,
    Feedback,
    Hint,
    NumericQuestion,
    format_number,
    parse_number,
    student_seed,
)
from crmlib.exercises.customer_value import hotel_loyalty

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

__all__ = [
    "NOT_ATTEMPTED",
    "ChoiceQuestion",
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
]
