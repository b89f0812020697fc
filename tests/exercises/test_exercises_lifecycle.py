"""Lifecycle exercises: course answers checked by hand, per-student variants self-consistent."""

import math

import pytest

import crmlib as crm
from crmlib.exercises import ChoiceQuestion

FACTORIES = [crm.exercises.identify_stages, crm.exercises.cohort_counting,
             crm.exercises.retention_and_survival, crm.exercises.sbg_projection,
             crm.exercises.naive_projection, crm.exercises.sbg_customer_value,
             crm.exercises.stage_strategy]


def test_identify_stages_course_answers():
    ex = crm.exercises.identify_stages()
    expected = {"A": "exploration", "B": "formation", "C": "stability", "D": "decline",
                "E": "ended"}
    for letter, stage in expected.items():
        assert ex.check(f"stage_{letter}", stage).correct, letter
    assert "Rule 1" in ex.check("stage_E", "ended").message
    # C: first stay 2022-08-05, as of 2024-06-30 -> 695 days; E: last stay 2023-05-27 -> 400
    assert ex.check("tenure_C", 695).correct
    assert ex.check("inactivity_E", 400).correct
    assert "FIRST" in ex.check("inactivity_E", 700).message


def test_cohort_counting_course_answers_by_hand():
    ex = crm.exercises.cohort_counting()
    # January cohort c01-c05; bought in March: c03, c04 -> 2 of 5;
    # last purchase in month >= 2: c01 (Apr), c03 (Mar), c04 (Apr) -> S(2) = 3/5;
    # month >= 3: c01, c04 -> S(3) = 2/5, r_3 = (2/5) / (3/5)
    assert ex.check("size_jan", 5).correct
    assert ex.check("active_jan_m2", 2).correct
    assert ex.check("share_jan_m2", 0.4).correct
    assert ex.check("survival_jan_m2", 0.6).correct
    assert ex.check("retention_jan_m3", 2 / 3).correct
    assert "survival" in ex.check("share_jan_m2", 0.6).message
    assert "S(3)" in ex.check("retention_jan_m3", 0.4).message


def test_retention_and_survival_course_answers_by_hand():
    ex = crm.exercises.retention_and_survival()
    assert ex.check("survival_4", 0.6 * 0.75 * 0.8 * 0.85).correct  # 0.306
    assert ex.check("retention_3", 382 / 468).correct
    assert ex.check("average_retention", 0.75).correct
    assert ex.check("survival_from_average", 0.75**4).correct
    assert "multiply" in ex.check("survival_4", 0.85).message


def test_projection_exercises_course_answers():
    ex = crm.exercises.sbg_projection()
    assert ex.check("alpha", 0.668).correct and ex.check("beta", 3.806).correct
    assert ex.check("survivors_12", 378).correct
    # r_12 = (3.806 + 11) / (0.668 + 3.806 + 11) = 0.9568
    assert ex.check("retention_12", 14.806 / 15.474).correct
    all_years = crm.ShiftedBetaGeometric().fit(ex.survivors).params_["alpha"]
    assert "13 years" in ex.check("alpha", all_years).message
    naive = crm.exercises.naive_projection()
    assert naive.check("linear_12", 74).correct       # paper: -81% of 394
    assert naive.check("exponential_12", 276).correct  # paper: -30%
    assert naive.check("error_exponential", -30).correct
    assert naive.check("best", "sBG").correct
    assert "sign" in naive.check("error_exponential", 30).message


def test_value_exercise_course_answers():
    ex = crm.exercises.sbg_customer_value()
    # constant first-year retention 0.631, first margin now: 100 x 1.1 / (1.1 - 0.631)
    assert ex.check("clv_constant", 110 / 0.469).correct
    assert ex._question("residual_after_4").answer > ex._question("clv_sbg").answer
    assert ex._question("clv_sbg").answer > ex._question("clv_constant").answer
    # residual_value() values the same margins one period earlier than Fader & Hardie's
    # margin x DERL: the check says so instead of only "wrong"
    model = crm.ShiftedBetaGeometric().fit(ex.params["survivors"])
    feedback = ex.check("residual_after_4", model.residual_value(100, 0.1, renewals=4))
    assert not feedback.correct and "margin × DERL" in str(feedback)


def test_strategy_exercise():
    ex = crm.exercises.stage_strategy()
    table = crm.stage_table()
    for stage in table.index:
        assert ex.check(f"strategy_{stage}", table.loc[stage, "strategy"]).correct
    assert ex.check("pattern_2", "mid-way termination").correct
    assert ex.check("pattern_3", "premature exit").correct


@pytest.mark.parametrize("factory", FACTORIES, ids=[f.__name__ for f in FACTORIES])
def test_student_variants_are_reproducible_and_answerable(factory):
    for student in ["2024001", "2024002", "李雷", 17]:
        a, b = factory(student=student), factory(student=student)
        assert a._answer_key()["answer"].tolist() == b._answer_key()["answer"].tolist()
        for name, question in a._all_questions().items():
            answer = question.answer
            if not isinstance(question, ChoiceQuestion):
                assert math.isfinite(answer), (student, name)
            assert a.check(name, answer).correct, (student, name)
            assert a.check(name, ...).status == "not_attempted"


@pytest.mark.parametrize("factory", FACTORIES, ids=[f.__name__ for f in FACTORIES])
def test_variants_differ_between_students(factory):
    keys = {tuple(map(str, factory(student=f"s{k}")._answer_key()["answer"])) for k in range(8)}
    assert len(keys) > 1
