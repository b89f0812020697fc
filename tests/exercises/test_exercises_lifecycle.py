"""Lifecycle exercises: the exercises' own answers checked by hand, per-student variants
self-consistent, and the known wrong paths recognised."""

import math

import pandas as pd
import pytest

import crmlib as crm
from crmlib.exercises import ChoiceQuestion, lifecycle

FACTORIES = [crm.exercises.identify_stages, crm.exercises.cohort_counting,
             crm.exercises.retention_and_survival, crm.exercises.sbg_projection,
             crm.exercises.naive_projection, crm.exercises.sbg_customer_value,
             crm.exercises.stage_strategy]


def test_every_factory_is_a_registered_spec():
    for factory, spec in zip(FACTORIES, lifecycle.SPECS, strict=True):
        assert factory.__name__ == spec.key
        assert crm.exercises.SPECS[spec.key] is spec


def test_identify_stages_own_answers_by_hand():
    ex = crm.exercises.identify_stages()
    # A: 16 stays every 45 days, the last 20 days ago, 2,400 yuan in each half-year: rule 5
    # B: joined 40 days ago, 2 stay days: rule 2; C: last stay 140 days ago: rule 3
    # D: joined 250 days ago, spend rising: rule 4; E: last stay 400 days ago: rule 1
    expected = {"A": "stability", "B": "exploration", "C": "decline", "D": "formation",
                "E": "ended"}
    for letter, stage in expected.items():
        assert ex.check(f"stage_{letter}", stage).correct, letter
    assert "Rule 1" in ex.check("stage_E", "ended").message
    # C: first stay 2022-07-06; to 2023-07-06 is 365 days, to 2024-07-06 another 366 (29 Feb
    # 2024), minus the 6 days from 30 June: 725. Last stay 2024-02-11: 18 + 31 + 30 + 31 + 30
    # = 140 days
    assert ex.check("tenure_C", 725).correct
    assert "LAST" in ex.check("tenure_C", 140).message
    # E: last stay 2023-05-27; to 2024-05-27 is 366 days, plus 4 + 30 to 30 June: 400
    assert ex.check("inactivity_E", 400).correct
    assert "FIRST" in ex.check("inactivity_E", 700).message


def test_identify_stages_days_not_weeks_and_not_a_time_span():
    ex = crm.exercises.identify_stages()
    span = ex.as_of - pd.Timestamp("2022-07-06")
    feedback = ex.check("tenure_C", span)
    assert feedback.status == "invalid" and ".days" in feedback.message
    assert ex.check("tenure_C", span.days).correct
    # 725 days are 103.6 weeks: the answer in weeks gets the unit hint
    assert "in weeks" in ex.check("tenure_C", 103.6).message


def test_cohort_counting_own_answers_by_hand():
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
    # everyone who bought in March: c03, c04, c06, c09, c10
    assert "only the January cohort" in ex.check("active_jan_m2", 5).message
    # three customers alive is a count, not S(2)
    assert "share of the cohort" in ex.check("survival_jan_m2", 3).message


def test_retention_and_survival_own_answers_by_hand():
    ex = crm.exercises.retention_and_survival()
    assert ex.check("survival_4", 0.6 * 0.75 * 0.8 * 0.85).correct  # 0.306
    assert ex.check("retention_3", 382 / 468).correct
    assert ex.check("average_retention", 0.75).correct
    assert ex.check("survival_from_average", 0.75**4).correct
    assert "multiply" in ex.check("survival_4", 0.85).message
    assert "r₂" in ex.check("retention_3", 468 / 631).message   # one period too early
    assert "r₄" in ex.check("retention_3", 326 / 382).message   # one period too late


def test_projection_exercises_own_answers():
    ex = crm.exercises.sbg_projection()
    assert ex.check("alpha", 0.668).correct and ex.check("beta", 3.806).correct
    assert ex.check("survivors_12", 378).correct
    all_years = crm.ShiftedBetaGeometric().fit(ex.survivors).params_["alpha"]
    assert "13 years" in ex.check("alpha", all_years).message
    naive = crm.exercises.naive_projection()
    assert naive.check("linear_12", 74).correct       # paper: -81% of 394
    assert naive.check("exponential_12", 276).correct  # paper: -30%
    assert naive.check("error_exponential", -30).correct
    assert naive.check("best", "sBG").correct and naive.check("best", "sBG 模型").correct
    assert "sign" in naive.check("error_exponential", 30).message


def test_retention_12_tells_the_neighbouring_years_apart():
    """Issue 15 item 14: r₁₂ = 0.9568 once accepted r₁₁ = 0.9538 and r₁₃ = 0.9594."""
    ex = crm.exercises.sbg_projection()
    # Fader & Hardie's alpha = 0.668, beta = 3.806: r_t = (beta + t - 1) / (alpha + beta + t - 1)
    r = {t: (3.806 + t - 1) / (0.668 + 3.806 + t - 1) for t in (11, 12, 13)}
    for t, quoted in ((11, 0.9538), (12, 0.9568), (13, 0.9594)):  # the figures
        assert abs(r[t] - quoted) < 1e-4
    assert "3 decimal places" in ex.prompt("retention_12")
    for answer in (r[12], 0.957, "95.7%", 0.9568):
        assert ex.check("retention_12", answer).correct, answer
    for name, answer in (("r₁₁", r[11]), ("r₁₁", 0.954), ("r₁₃", r[13]), ("r₁₃", 0.959)):
        feedback = ex.check("retention_12", answer)
        assert not feedback.correct, answer
        assert f"That is {name}" in feedback.message, (answer, feedback.message)


def test_value_exercise_own_answers():
    ex = crm.exercises.sbg_customer_value()
    # constant first-year retention 0.631, first margin now: 100 x 1.1 / (1.1 - 0.631)
    assert ex.check("clv_constant", 110 / 0.469).correct
    assert 'when="begin"' in ex.check("clv_constant", 63.1 / 0.469).message
    solved = lifecycle.SBG_CUSTOMER_VALUE.solve(ex.params)
    assert solved["residual_after_4"] > solved["clv_sbg"] > solved["clv_constant"]
    # m x DEL counts the margin paid on joining; m x (DEL - 1), the method's default
    # (when="end"), leaves it out
    model = crm.ShiftedBetaGeometric().fit(ex.survivors)
    assert ex.check("clv_sbg", model.customer_lifetime_value(100, 0.1, when="begin")).correct
    feedback = ex.check("clv_sbg", model.customer_lifetime_value(100, 0.1))
    assert math.isclose(float(model.customer_lifetime_value(100, 0.1)), solved["clv_sbg"] - 100)
    assert not feedback.correct and "paid on joining" in feedback.message
    # residual_value() values the same margins one period earlier than Fader & Hardie's
    # margin x DERL (that is margin x DERL / (1 + i)): the check says so
    earlier = 100 * model.discounted_expected_residual_lifetime(0.1, renewals=4) / 1.1
    assert math.isclose(float(model.residual_value(100, 0.1, renewals=4)), earlier)
    feedback = ex.check("residual_after_4", model.residual_value(100, 0.1, renewals=4))
    assert not feedback.correct and "margin × DERL" in feedback.message
    three = 100 * model.discounted_expected_residual_lifetime(0.1, renewals=3)
    assert "renewed 3 times" in ex.check("residual_after_4", three).message


def test_strategy_exercise():
    ex = crm.exercises.stage_strategy()
    table = crm.stage_table()
    for stage in table.index:
        assert ex.check(f"strategy_{stage}", table.loc[stage, "strategy"]).correct
    # the options are not in the stages' order: stability, exploration, decline, formation
    for stage, letter in (("exploration", "B"), ("formation", "D"), ("stability", "A"),
                          ("decline", "C")):
        assert ex.check(f"strategy_{stage}", letter).correct, stage
    assert ex.check("pattern_1", "premature exit").correct
    assert ex.check("pattern_2", "早期流产型").correct
    assert ex.check("pattern_3", "mid-way termination").correct


@pytest.mark.parametrize("factory", FACTORIES, ids=[f.__name__ for f in FACTORIES])
def test_student_variants_are_reproducible_and_answerable(factory):
    for student in ["2024001", "2024002", "李雷", 17]:
        a, b = factory(student=student), factory(student=student)
        assert a._answer_key()["answer"].tolist() == b._answer_key()["answer"].tolist()
        for name in a.question_names:
            question = a._question(name)
            if not isinstance(question, ChoiceQuestion):
                assert math.isfinite(question.answer), (student, name)
            assert a.check(name, question.answer).correct, (student, name)
            assert a.check(name, ...).status == "not_attempted"


@pytest.mark.parametrize("factory", FACTORIES, ids=[f.__name__ for f in FACTORIES])
def test_variants_differ_between_students(factory):
    keys = {tuple(map(str, factory(student=f"s{k}")._answer_key()["answer"])) for k in range(8)}
    assert len(keys) > 1
