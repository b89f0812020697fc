"""Marking graded work: which wrong path an answer took, the precision graded work asks for,
answers carried out of a kernel as JSON, and the check nbgrader's hidden tests call.

Numbers are the course's hotel (项目二, 练习案例 1): margin 2000 yuan, churn 0.2 before and 0.1
with the programme, acquisition cost 800, fee 200, no discounting; course formula m·r/(1+i−r).
"""

import math

import numpy as np
import pandas as pd
import pytest

import crmlib as crm
from crmlib.exercises import SPECS, assert_correct
from crmlib.exercises._marking import (
    collect_answers,
    decode_answer,
    encode_answer,
    nbgrader_student,
)

HOTEL = SPECS["hotel_loyalty"]
# hand calculations, course numbers
CLV_BEFORE = 2000 * 0.8 / 0.2 - 800          # 7,200: the course formula
OTHER_TIMING = 2000 / 0.2 - 800              # 9,200: first profit now (1/churn)
NO_COST = 2000 * 0.8 / 0.2                   # 8,000: acquisition cost left out


@pytest.mark.parametrize("answer, mistake", [
    (OTHER_TIMING, "other_timing"),
    (NO_COST, "no_acquisition_cost"),
    (2000 / 0.2, "other_timing_no_cost"),          # 10,000: both slips
    (CLV_BEFORE / 1e6, "slip.million_for_yuan"),   # 0.0072: the answer in millions
    (-CLV_BEFORE, "sign"),
    (1234, None),                                  # wrong, but on no known path
])
def test_feedback_names_the_wrong_path_it_matched(answer, mistake):
    feedback = crm.exercises.hotel_loyalty().check("clv_before", answer)
    assert feedback.status == "incorrect"
    assert feedback.mistake == mistake


def test_percentage_typed_for_a_fraction_and_a_wrong_option_are_named():
    hotel = crm.exercises.hotel_loyalty()
    assert hotel.check("retention_before", 80).mistake == "percentage"   # 0.8 typed as 80
    assert hotel.check("retention_before", 0.8).mistake is None          # correct: no mistake
    offers = crm.exercises.two_offers()
    wrong = [o for o in offers.options("choice") if not offers.check("choice", o).correct]
    assert offers.check("choice", wrong[0]).mistake == wrong[0]


def test_grade_marks_against_the_students_own_numbers():
    marks = HOTEL.grade(None, {"clv_before": "7,200元", "clv_after": OTHER_TIMING,
                               "retention_before": "80%"})
    assert [marks[q].status for q in ("clv_before", "clv_after", "retention_before")] == [
        "correct", "incorrect", "correct"]
    # a student's numbers differ from the course's: 7,200 is not their answer
    other = HOTEL.params("2024001")
    assert (other["margin"], other["churn_before"]) != (2000.0, 0.2)
    assert not HOTEL.grade("2024001", {"clv_before": CLV_BEFORE})["clv_before"].correct
    with pytest.raises(KeyError, match="no question 'clv'"):
        HOTEL.grade(None, {"clv": 1})


def test_grade_takes_the_settings_of_the_factory_call():
    # the 1/churn comparison (when="begin"): 9,200 is right there, and 7,200 the other timing
    marks = HOTEL.grade(None, {"clv_before": OTHER_TIMING}, when="begin")
    assert marks["clv_before"].correct
    assert HOTEL.grade(None, {"clv_before": CLV_BEFORE}, when="begin")[
        "clv_before"].mistake == "other_timing"


def test_graded_prompts_state_the_precision_they_mark_at():
    graded = crm.exercises.hotel_loyalty(graded=True)
    assert "nearest whole number" in graded.prompt("clv_before")
    assert "fraction" in graded.prompt("retention_before")
    assert "2 decimal places" in graded.prompt("retention_before")
    # marked at that precision: 0.8 asked to 2 decimals accepts 0.795 … 0.805
    marks = HOTEL.grade(None, {"retention_before": 0.804, "retention_after": 0.894})
    assert marks["retention_before"].correct and not marks["retention_after"].correct


def test_grade_marks_at_the_asked_precision_where_practice_asks_for_more_digits():
    # two_offers: for some students a wrong path lies within the rounding of delivered_a, and
    # the practice check asks for one more digit; graded work asked for the declared precision
    # and is marked there
    spec = SPECS["two_offers"]
    question = next(q for q in spec.questions if q.name == "delivered_a")
    student = next(f"S{k:03d}" for k in range(200)
                   if spec.audit(spec.params(f"S{k:03d}"))["delivered_a"][0] > 0)
    answer = spec.solve(spec.params(student))["delivered_a"]
    assert question.decimals == 0                  # asked as a whole number of points
    rounded = round(answer)
    practice = crm.exercises.two_offers(student=student)
    graded = crm.exercises.two_offers(student=student, graded=True)
    assert "decimal place" in practice.prompt("delivered_a")     # more digits in practice
    assert "nearest whole number" in graded.prompt("delivered_a")
    assert not practice.check("delivered_a", rounded).correct or rounded == answer
    assert spec.grade(student, {"delivered_a": rounded})["delivered_a"].correct


def test_practice_checks_keep_the_last_answer_too():
    hotel = crm.exercises.hotel_loyalty()
    hotel.check("clv_before", 9200)
    hotel.check("clv_before", "7,200")
    hotel.check("clv_before", ...)          # a blank does not replace an answer
    assert hotel._responses == {"clv_before": "7,200"}


@pytest.mark.parametrize("answer", [
    7200, 7200.0, "7,200", np.float64(7200), pd.Series([7200.0]), np.array([[7200]]),
    (7, 200), [7200, 9200], pd.Timedelta(days=3), math.nan, math.inf, True, "abc",
    object(), pd.DataFrame({"a": [1, 2]}),
])
def test_an_answer_carried_as_json_gets_the_same_feedback(answer):
    import json

    carried = decode_answer(json.loads(json.dumps(encode_answer(answer))))
    hotel = crm.exercises.hotel_loyalty()
    direct, after = hotel.check("clv_before", answer), hotel.check("clv_before", carried)
    assert (after.status, after.message, after.mistake) == (
        direct.status, direct.message, direct.mistake)


def test_collect_answers_finds_every_exercise_set_in_a_namespace():
    hotel = crm.exercises.hotel_loyalty(student="2024001", graded=True)
    begin = crm.exercises.hotel_loyalty(student="2024001", when="begin", graded=True)
    hotel.check("clv_before", "9,200")
    begin.check("gain", 1500)
    found = collect_answers({"hotel": hotel, "pair": [begin, hotel], "_hidden": hotel,
                             "n": 3})
    assert [(f["variable"], f["exercise"], f["settings"]) for f in found] == [
        ("hotel", "hotel_loyalty", {"when": "end"}),
        ("pair", "hotel_loyalty", {"when": "begin"})]
    assert found[0]["answers"] == {"clv_before": {"kind": "plain", "value": "9,200"}}
    assert found[0]["graded"] and found[0]["student"] == "2024001"


def test_assert_correct_marks_against_the_nbgrader_student(tmp_path, monkeypatch):
    hotel = crm.exercises.hotel_loyalty(graded=True)     # STUDENT_ID left as None
    assert_correct(hotel, "clv_before", CLV_BEFORE)      # outside nbgrader: its own numbers
    with pytest.raises(AssertionError, match="Not quite"):
        assert_correct(hotel, "clv_before", OTHER_TIMING)
    submission = tmp_path / "autograded" / "2024001" / "week2"
    submission.mkdir(parents=True)
    monkeypatch.chdir(submission)
    assert nbgrader_student() is None                     # not while nbgrader autogrades
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    assert nbgrader_student() == "2024001"
    with pytest.raises(AssertionError, match="STUDENT_ID is None, but this is 2024001's work"):
        assert_correct(hotel, "clv_before", CLV_BEFORE)   # the course's answer is not theirs
    own = HOTEL.solve(HOTEL.params("2024001"))["clv_before"]
    assert_correct(hotel, "clv_before", own)
