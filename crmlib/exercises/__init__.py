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

# --- customer selection unit (lesson 04) ---
from crmlib.exercises.selection import (
    cheverton_account,
    classify_people,
    limited_budget,
    profit_concentration,
    rfm_scoring,
    value_matrix_placement,
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
    # customer selection unit
    "cheverton_account",
    "classify_people",
    "limited_budget",
    "profit_concentration",
    "rfm_scoring",
    "value_matrix_placement",
]
