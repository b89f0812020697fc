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

# --- prediction unit (lesson 05) ---
from crmlib.exercises.prediction import (
    interpret_parameters,
    next_quarter_purchases,
    probability_alive_comparison,
    purchase_log_summary,
    target_customers,
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
    # prediction unit (lesson 05)
    "interpret_parameters",
    "next_quarter_purchases",
    "probability_alive_comparison",
    "purchase_log_summary",
    "target_customers",
]
