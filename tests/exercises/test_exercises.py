"""crmlib.exercises: reading typed answers, feedback, hints, and per-student variants."""

import math

import numpy as np
import pandas as pd
import pytest

import crmlib as crm
from crmlib.exercises import ChoiceQuestion, NumericQuestion, parse_number

PARSED = [
    ("9200", 9200), ("9,200", 9200), ("9200元", 9200), ("¥9,200", 9200), ("￥9,200", 9200),
    ("0.92万", 9200), ("1.5亿", 150_000_000), ("9.2k", 9200), ("9.2K", 9200), ("20%", 0.2),
    ("２０％", 0.2), ("９２００", 9200), ("９，２００元", 9200), (" 9 200 ", 9200),
    ("-800", -800), ("−800", -800), ("$50,000", 50_000), ("RMB 800", 800), ("0.8", 0.8),
    (".5", 0.5), ("1,234,567.5", 1_234_567.5), ("1e4", 10_000), ("3 千", 3000),
    ("50,000 dollars", 50_000), (9200, 9200), (0.8, 0.8),
]


@pytest.mark.parametrize("text, value", PARSED)
def test_parse_number_reads_what_students_type(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "   ", "abc", "9,20", "1/0.2", "2000*0.8", "九千",
                                  "9200 or 7200", "20%%", None, ..., True, float("nan")])
def test_parse_number_rejects_with_a_friendly_message(text):
    with pytest.raises(ValueError) as caught:
        parse_number(text)
    assert len(str(caught.value)) > 15


def test_parse_number_never_evaluates_code():
    with pytest.raises(ValueError):
        parse_number("__import__('os').getcwd()")


STUDENT_INPUTS = ["9,200", "9200元", "0.92万", "20%", "", "abc", None, ..., float("nan"),
                  "1/0.2", True, [1, 2], np.array([9200.0]), pd.Series([9200.0]),
                  np.float64(9200), {"a": 1}, object()]


@pytest.mark.parametrize("answer", STUDENT_INPUTS,
                         ids=[f"input{k}" for k in range(len(STUDENT_INPUTS))])
def test_checks_never_raise_on_student_input(answer):
    question = NumericQuestion("CLV?", 9200, unit="yuan")
    feedback = question.check(answer)
    assert feedback.status in {"correct", "incorrect", "not_attempted", "invalid"}
    assert feedback.message


def test_feedback_statuses():
    q = NumericQuestion("CLV?", 9200)
    assert q.check("9,200").correct
    assert q.check(...).status == "not_attempted"
    assert q.check("").status == "not_attempted"
    assert q.check(None).status == "not_attempted"
    assert q.check("abc").status == "invalid"
    assert q.check(float("nan")).status == "invalid"
    assert "NaN" in q.check(float("nan")).message
    assert q.check(9000).status == "incorrect"


def test_percentage_typed_for_a_fraction_gets_a_hint():
    q = NumericQuestion("Retention?", 0.8)
    feedback = q.check(80)
    assert feedback.status == "incorrect"
    assert "0.8" in feedback.message and "percentage" in feedback.message
    assert q.check("80%").correct


def test_choice_question():
    q = ChoiceQuestion("Which lever?", ["margin", "retention", "discount rate"], "retention",
                       {"margin": "Margin scales CLV proportionally."})
    assert q.check("retention").correct
    assert q.check("B").correct
    assert q.check("b)").correct
    assert "proportionally" in q.check("A").message
    assert q.check("").status == "not_attempted"
    assert q.check("z").status == "invalid"
    assert q.check(3).status == "invalid"


# --- the hotel loyalty problem, course numbers ----------------------------------------------

def test_hotel_course_formula_by_default():
    """The course gives only CLV = m·r/(1+i−r) and the hotel's numbers (no discount rate)."""
    hotel = crm.exercises.hotel_loyalty()
    # retention 0.8 / 0.9, lifetimes 1/0.2 = 5 and 1/0.1 = 10 years, profit 2000 − 200 = 1800;
    # CLV 2000 × 0.8 / 0.2 − 800 = 7200; 1800 × 0.9 / 0.1 − 800 = 15400; gain 8200;
    # max fee 2000 × (1 − (0.8/0.2) / (0.9/0.1)) = 2000 × (1 − 4/9) = 1111.11
    expected = {"retention_before": 0.8, "retention_after": 0.9, "lifetime_before": 5,
                "lifetime_after": 10, "profit_after": 1800, "clv_before": 7200,
                "clv_after": 15400, "gain": 8200, "max_fee": 1111.11}
    for name, value in expected.items():
        assert hotel.check(name, value).correct, name
        assert hotel._question(name).answer == pytest.approx(value, abs=0.005)
    assert hotel.check("clv_before", "7200").correct
    assert hotel.when == "end" and "course formula" in hotel.story


def test_hotel_one_over_churn_is_the_comparison():
    hotel = crm.exercises.hotel_loyalty(when="begin")
    # 2000 / 0.2 − 800 = 9200; 1800 / 0.1 − 800 = 17200; gain 8000; max fee 2000 × (1 − 5/10)
    assert hotel.check("clv_before", 9200).correct
    assert hotel.check("clv_after", 17200).correct
    assert hotel.check("gain", 8000).correct
    assert hotel.check("max_fee", 1000).correct


def test_hotel_targeted_hints():
    hotel = crm.exercises.hotel_loyalty()
    assert "m/churn" in hotel.check("clv_before", 9200).message          # 2000 / 0.2 − 800
    assert "this year's profit" in hotel.check("clv_before", 9200).message
    assert "acquisition cost" in hotel.check("clv_before", 8000).message  # 2000 × 0.8 / 0.2
    # 1800 / 0.1 − 800 = 17200 (the other timing) = 2000 × 0.9 / 0.1 − 800 (no fee): both named
    both = hotel.check("clv_after", 17200).message
    assert "maintenance fee" in both and "m/churn" in both
    assert "churn" in hotel.check("retention_before", 0.2).message
    begin = crm.exercises.hotel_loyalty(when="begin")
    assert "first year's profit" in begin.check("clv_before", 7200).message
    assert "maintenance fee" in begin.check("clv_after", 19200).message  # 2000/0.1 − 800


def test_hotel_typed_forms_accepted():
    hotel = crm.exercises.hotel_loyalty()
    for typed in ["7,200", "7200元", "0.72万", "¥7,200", "７２００", "7.2k"]:
        assert hotel.check("clv_before", typed).correct, typed
    assert hotel.check("retention_before", "80%").correct


def test_hotel_variant_per_student_is_reproducible_and_self_consistent():
    a1 = crm.exercises.hotel_loyalty(student="2024001")
    a2 = crm.exercises.hotel_loyalty(student="2024001")
    assert a1.params == a2.params
    others = [crm.exercises.hotel_loyalty(student=f"20240{k:02d}").params for k in range(20)]
    assert len({tuple(sorted(p.items())) for p in others}) > 10
    # the key follows the student's own numbers (hand formula, course formula with i = 0)
    p = a1.params
    r1 = 1 - p["churn_after"]
    expected = (p["margin"] - p["programme_fee"]) * r1 / p["churn_after"] - p["acquisition_cost"]
    assert a1._question("clv_after").answer == pytest.approx(expected)
    assert a1.check("clv_after", expected).correct
    assert 0 < p["churn_after"] < p["churn_before"] < 1


def test_answer_key_table():
    key = crm.exercises.hotel_loyalty()._answer_key()
    assert list(key.columns) == ["question", "prompt", "answer", "unit"]
    assert key.set_index("question").loc["clv_after", "answer"] == pytest.approx(15400)


def test_exercise_set_attribute_access_and_errors():
    hotel = crm.exercises.hotel_loyalty()
    assert hotel.margin == 2000
    with pytest.raises(AttributeError, match="margin"):
        hotel.profit
    with pytest.raises(KeyError, match="clv_before"):
        hotel.check("clv", 1)


def test_student_seed_is_stable():
    # SHA-256("42")[:8] read as a big-endian integer: fixed forever.
    import hashlib
    assert crm.exercises.student_seed(42) == int(hashlib.sha256(b"42").hexdigest()[:16], 16)
    assert not math.isnan(crm.exercises.student_seed("李雷"))


def test_hotel_gain_rejects_the_other_convention_for_every_variant():
    # Under the course formula the gain is (m − f)·r1/c1 − m·r0/c0; under 1/churn it is
    # (m − f)/c1 − m/c0 = the same − f. Student 2024001 has m 2700, c0 0.15, c1 0.05, f 150:
    # gain 2550 × 0.95 / 0.05 − 2700 × 0.85 / 0.15 = 48450 − 15300 = 33150; 1/churn 33000,
    # only 0.45% apart: the whole-yuan precision tells them apart.
    hotel = crm.exercises.hotel_loyalty(student="2024001")
    assert hotel.check("gain", 33150).correct
    assert "m/churn" in hotel.check("gain", 33000).message
    for k in range(300):
        h = crm.exercises.hotel_loyalty(student=k)
        other = h._question("gain").answer - h.programme_fee
        assert h.check("gain", other).status == "incorrect", k


def test_feedback_shows_whole_numbers_without_float_noise():
    # 2000 / 0.2 − 800 = 9200 exactly, but in floating point 9200.000000000002
    q = NumericQuestion("CLV?", 2000 / (1 - 0.8) - 800, unit="yuan")
    assert "9,200 yuan" in q.check(9200).message
    assert "9,200.00" not in q.check(9200).message
    assert crm.exercises.format_number(1111.111111) == "1,111.11"
    assert crm.exercises.format_number(0.275) == "0.275"
