"""Exercises of the service unit (lesson 07): answers worked by hand, the hints for known wrong
paths, answers in Chinese, and per-student variants that are reproducible and consistent.

Every expected number below is worked out by hand (or, for the 200-respondent survey, by a
plain numpy average written out here) in the comment beside it; none is read from the code
under test. The generic checks of every spec (wrong paths told apart for 30 students, every
text in both languages) are in test_engine.py.
"""

import math

import numpy as np
import pandas as pd
import pytest

import crmlib as crm
from conftest import assert_correct, assert_hint
from crmlib import exercises
from crmlib.exercises import service

FACTORIES = [exercises.servqual_priorities, exercises.teller_utilisation,
             exercises.chance_of_waiting, exercises.waiting_time, exercises.tellers_for_target,
             exercises.recovery_programme, exercises.restaurant_dessert]
STUDENTS = [f"2024{k:03d}" for k in range(40)]


def _erlang_c_by_hand(lam, mu, c):
    """Erlang C from the textbook formula with factorials (Gross et al. 2008, §2.3)."""
    a = lam / mu
    last = a**c / math.factorial(c) / (1 - a / c)
    return last / (sum(a**k / math.factorial(k) for k in range(c)) + last)


# --------------------------------------------------------------------------- 1. SERVQUAL


def test_servqual_whole_survey_by_plain_averages():
    ex = exercises.servqual_priorities()
    e, p, w = ex.expectations, ex.perceptions, ex.importance
    assert e.shape == p.shape == (200, 22) and w.shape == (200, 5)
    # plain numpy over the CSV's numbers: responsiveness items q10-q13, 200 x 4 ratings each
    items = ["q10", "q11", "q12", "q13"]
    gap = p[items].to_numpy().mean() - e[items].to_numpy().mean()
    assert gap == pytest.approx(4.6675 - 6.2)                       # = -1.5325
    weights = w.mean()                                              # points, summing to 100
    assert weights.sum() == pytest.approx(100)
    dims = {"tangibles": ["q01", "q02", "q03", "q04"],
            "reliability": ["q05", "q06", "q07", "q08", "q09"], "responsiveness": items,
            "assurance": ["q14", "q15", "q16", "q17"],
            "empathy": ["q18", "q19", "q20", "q21", "q22"]}
    gaps = pd.Series({d: p[c].to_numpy().mean() - e[c].to_numpy().mean()
                      for d, c in dims.items()})
    score = (gaps * weights).sum() / weights.sum()
    assert score == pytest.approx(-0.8587616)
    # weighted gaps: reliability -1.159 x 0.30345 = -0.3517 beats responsiveness -1.5325 x
    # 0.22045 = -0.3378 (the lesson's near tie)
    assert (gaps * weights).idxmin() == "reliability"
    assert_correct(ex, {"responsiveness_gap": -1.53, "score": -0.86, "fix_first": "reliability"})
    assert ex.check("fix_first", "可靠性").correct and ex.check("fix_first", "B").correct


def test_servqual_wrong_paths():
    ex = exercises.servqual_priorities()
    assert_hint(ex, "responsiveness_gap", 1.53, "expectation − perception")
    # every item: (sum of the 22 item gaps) / 22 = -0.709
    assert_hint(ex, "responsiveness_gap", -0.71, "all 22 items")
    assert_hint(ex, "responsiveness_gap", -1.5325 * 0.22045, "gap × its weight")   # -0.338
    # the plain mean of the five gaps: (0.2475 - 1.159 - 1.5325 - 0.48875 - 0.542) / 5
    assert_hint(ex, "score", (0.2475 - 1.159 - 1.5325 - 0.48875 - 0.542) / 5, "plain mean")
    assert_hint(ex, "score", -85.88, "Divide by the total weight")       # Σ points × gap
    assert "largest" in ex.check("fix_first", "responsiveness").message
    assert "positive" in ex.check("fix_first", "tangibles").message


def _survey_by_hand():
    """Two respondents; every item of a dimension rated alike, so the means are plain."""
    items = [i for d in crm.SERVQUAL_DIMENSIONS.values() for i in d]
    dims = {i: d for d, its in crm.SERVQUAL_DIMENSIONS.items() for i in its}
    perceive = {"tangibles": 7, "reliability": 5, "responsiveness": 4, "assurance": 6,
                "empathy": 5}
    e = pd.DataFrame(6, index=[1, 2], columns=items)
    p = pd.DataFrame({i: [perceive[dims[i]]] * 2 for i in items}, index=[1, 2])
    w = pd.DataFrame({"tangibles": [10, 10], "reliability": [40, 20],
                      "responsiveness": [20, 40], "assurance": [20, 20], "empathy": [10, 10]},
                     index=[1, 2])
    return {"expectations": e, "perceptions": p, "importance": w}


def test_servqual_solve_on_a_survey_worked_by_hand():
    # gaps: tangibles 7-6 = +1, reliability -1, responsiveness -2, assurance 0, empathy -1;
    # mean points 10, 30, 30, 20, 10; weighted: +0.1, -0.3, -0.6, 0, -0.1
    solved = service.SERVQUAL_PRIORITIES.solve(_survey_by_hand())
    assert solved["responsiveness_gap"] == pytest.approx(-2)
    assert solved["responsiveness_gap.reversed"] == pytest.approx(2)
    # all 22 items: (4 x 1 + 5 x -1 + 4 x -2 + 4 x 0 + 5 x -1) / 22 = -14/22
    assert solved["responsiveness_gap.all_items"] == pytest.approx(-14 / 22)
    assert solved["responsiveness_gap.weighted"] == pytest.approx(-0.6)
    # S = (10 - 30 - 60 + 0 - 10) / 100 = -0.9; unweighted (1 - 1 - 2 + 0 - 1) / 5 = -0.6
    assert solved["score"] == pytest.approx(-0.9)
    assert solved["score.unweighted"] == pytest.approx(-0.6)
    assert solved["score.points_not_divided"] == pytest.approx(-90)
    assert solved["fix_first"] == "responsiveness"
    # the reasons name the numbers of each dimension, except responsiveness's gap and weighted
    # gap: question 1 asks for that gap
    shown = service.SERVQUAL_PRIORITIES.values(_survey_by_hand())
    assert "question 1" in shown["why_responsiveness"]
    assert "most negative" in shown["why_responsiveness"]
    why = shown["why_responsiveness"]
    assert "-2.00" not in why and "-0.600" not in why
    assert "+1.00, positive" in shown["why_tangibles"]
    assert "-0.300, a smaller weighted shortfall than responsiveness" in shown[
        "why_reliability"]


# --------------------------------------------------------------------------- 2-4. the queue


def test_teller_utilisation_by_hand():
    ex = exercises.teller_utilisation()
    # λ = 40 an hour, μ = 60/6 = 10 an hour, c = 5: ρ = 40 / 50 = 0.8; stable from 5 tellers
    assert_correct(ex, {"utilisation": 0.8, "stable_minimum": 5, "full_utilisation": "A"})
    assert ex.check("utilisation", "80%").correct
    assert_hint(ex, "utilisation", 4, "offered load")                     # λ/μ = 4
    assert_hint(ex, "utilisation", 40 / (5 * 6), "as μ")                  # minutes as a rate: 1.33
    assert_hint(ex, "utilisation", 48, "60 minutes")                      # 40 x 6 / 5 minutes busy
    assert_hint(ex, "utilisation", 1.25, "upside down")                   # cμ/λ = 50/40
    assert_hint(ex, "stable_minimum", 4, "utilisation is 1.00")           # 40 / (4 x 10)
    assert ex.prompt("stable_minimum").endswith("(to the nearest whole number)")
    assert "catch up" in ex.check("full_utilisation", "A").message
    assert ex.check("full_utilisation", "无限增长").correct
    assert ex.check("full_utilisation", "nobody waits").status == "incorrect"


def test_chance_of_waiting_by_hand():
    ex = exercises.chance_of_waiting()
    # a = 4, c = 5: Σ_{k<5} 4^k/k! = 1 + 4 + 8 + 32/3 + 32/3 = 103/3;
    # 4^5/5!/(1 - 0.8) = 128/3; C = 128 / (103 + 128) = 128/231 = 0.5541
    c = 128 / 231
    assert _erlang_c_by_hand(40, 10, 5) == pytest.approx(c)
    # over 15 minutes: C e^(-(50 - 40) x 0.25) = 0.5541 x e^(-2.5) = 0.04548
    longer = c * math.exp(-2.5)
    assert_correct(ex, {"prob_wait": 0.554, "wait_longer": 0.045})
    assert ex.check("wait_longer", longer).correct and ex.check("prob_wait", "55.4%").correct
    assert_hint(ex, "prob_wait", 0.8, "utilisation")
    assert_hint(ex, "prob_wait", 1 - c, "served at once")                 # 0.446
    assert_hint(ex, "prob_wait", longer, "longer than 15 minutes")
    # Erlang B: (4^5/5!) / Σ_{k≤5} 4^k/k! = (128/15) / (103/3 + 128/15) = 128/643 = 0.199
    assert_hint(ex, "prob_wait", 128 / 643, "Erlang B")
    assert_hint(ex, "wait_longer", c, "waiting at all")
    assert_hint(ex, "wait_longer", 1 - longer, "served within")
    assert_hint(ex, "wait_longer", c * math.exp(-10 * 15), "15 hours")     # t = 15 at hourly rates


def test_waiting_time_by_hand():
    ex = exercises.waiting_time()
    # W_q = C / (cμ - λ) = (128/231) / 10 hour = 0.05541 hour = 3.32 minutes;
    # those who wait: 1/10 hour = 6 minutes
    wait = 128 / 231 / 10 * 60
    assert_correct(ex, {"mean_wait": 3.3, "wait_if_waiting": 6})
    assert ex.check("mean_wait", wait).correct
    assert_hint(ex, "mean_wait", 6, "those who wait")
    assert_hint(ex, "mean_wait", wait / 60, "hours")
    assert_hint(ex, "mean_wait", wait + 6, "service time")  # 9.3 minutes in the branch
    assert_hint(ex, "mean_wait", 40 * wait / 60, "Little's law")          # L_q = λ W_q = 2.2
    assert_hint(ex, "wait_if_waiting", wait, "including those who do not wait")
    assert_hint(ex, "wait_if_waiting", 0.1, "hours")


def test_tellers_for_target_by_hand():
    ex = exercises.tellers_for_target()
    # λ = 45, μ = 10, a = 4.5. Five tellers: C = 153.773 / (47.898 + 153.773) = 0.7625 and
    # 1 - 0.7625 e^(-5 x 0.25) = 0.782 < 0.95. Six: C = 46.132 / (63.275 + 46.132) = 0.4217
    # and 1 - 0.4217 e^(-15 x 0.25) = 0.9901 >= 0.95
    five = 1 - _erlang_c_by_hand(45, 10, 5) * math.exp(-1.25)
    six = 1 - _erlang_c_by_hand(45, 10, 6) * math.exp(-3.75)
    assert five == pytest.approx(0.78154, abs=1e-5) and six == pytest.approx(0.99008, abs=1e-5)
    # nobody waits: the fewest c with C <= 5% (t = 0)
    no_wait = next(c for c in range(5, 20) if _erlang_c_by_hand(45, 10, c) <= 0.05)
    assert no_wait == 9
    assert_correct(ex, {"tellers": 6, "served_within": 0.990})
    assert ex.check("served_within", "99.0%").correct
    assert_hint(ex, "tellers", 5, "78.2%")
    assert_hint(ex, "tellers", 5, "max_wait")  # max_wait=15 at hourly rates
    assert_hint(ex, "tellers", 9, "without waiting at all")
    assert_hint(ex, "served_within", 1 - six, "wait longer")
    assert_hint(ex, "served_within", 1 - _erlang_c_by_hand(45, 10, 6), "do not wait at all")
    assert_hint(ex, "served_within", 1.0, "15 hours")


def test_queue_exercises_share_a_students_busy_hour():
    for student in STUDENTS:
        hours = [f(student=student).params for f in (exercises.teller_utilisation,
                                                     exercises.chance_of_waiting,
                                                     exercises.waiting_time)]
        assert hours[0] == hours[1] == hours[2]


def test_queue_variants_by_hand():
    for student in STUDENTS:
        ex = exercises.teller_utilisation(student=student)
        lam, minutes, c = ex.arrivals_per_hour, ex.service_minutes, ex.tellers
        load = lam * minutes / 60                                    # tellers busy on average
        assert c > load                                              # a stable queue
        assert ex.check("utilisation", load / c).correct
        assert ex.check("stable_minimum", math.floor(load) + 1).correct
        chance = _erlang_c_by_hand(lam, 60 / minutes, c)
        assert exercises.chance_of_waiting(student=student).check("prob_wait", chance).correct
        spare = c * 60 / minutes - lam                               # cμ − λ, an hour
        wait = exercises.waiting_time(student=student)
        assert wait.check("mean_wait", chance / spare * 60).correct
        assert wait.check("wait_if_waiting", 60 / spare).correct


# --------------------------------------------------------------------------- 6-7. recovery


def test_recovery_programme_by_hand():
    ex = exercises.recovery_programme()
    # CLV = 2000 x 0.8 / (1 - 0.8) = 8,000; kept 1000 x (0.7 - 0.3) = 400;
    # V = 400 x 8,000 - 1000 x 500 = 2,700,000; k* = 0.4 x 8,000 = 3,200
    assert_correct(ex, {"customers_kept": 400, "net_value": 2_700_000, "break_even_cost": 3200})
    assert_hint(ex, "customers_kept", 700, "every complainer who stays")   # 1000 x 0.7
    assert_hint(ex, "customers_kept", 300, "without the programme")       # 1000 x 0.3
    assert_hint(ex, "net_value", 700 * 8000 - 500_000, "every complainer")  # 5,100,000
    assert_hint(ex, "net_value", 400 * 8000, "Subtract the programme's cost")
    assert_hint(ex, "net_value", 400 * 2000 - 500_000, "one year's margin")  # 300,000
    # m / (1 - r) = 10,000 counts this year: 400 x 10,000 - 500,000 = 3,500,000
    assert_hint(ex, "net_value", 3_500_000, "a year later")
    assert_hint(ex, "break_even_cost", 8000, "probability s₁ − s₀")
    assert_hint(ex, "break_even_cost", 0.7 * 8000, "uses s₁")
    assert_hint(ex, "break_even_cost", 0.4 * 2000, "one year's margin")
    # 2.7 is the answer in millions: the engine's unit slip
    assert "millions" in ex.check("net_value", 2.7).message


def test_restaurant_dessert_by_hand():
    ex = exercises.restaurant_dessert()
    # CLV = 1200 x 0.75 / 0.25 = 3,600; (0.7 - 0.3) x 3,600 - 30 = 1,410
    assert_correct(ex, {"expected_gain": 1410, "first_response": "B"})
    assert_hint(ex, "expected_gain", 1440, "Subtract what the dessert costs")
    assert_hint(ex, "expected_gain", 0.7 * 3600 - 30, "uses s₁")          # 2,490
    assert_hint(ex, "expected_gain", 0.4 * 1200 - 30, "one year's margin")  # 450
    assert_hint(ex, "expected_gain", 3600 - 30, "surely keeps")             # 3,570
    assert "forbidden phrases" in ex.check("first_response", "D").message
    assert "empowerment" in ex.check("first_response", "fetch the manager").message
    assert "kitchen" in ex.check("first_response", "A").message
    # the correct option's reason says what a recovery is worth: 0.4 x 3,600 = 1,440
    assert "1,440 yuan" in ex.check("first_response", "B").message


def test_recovery_variants_by_hand():
    for student in STUDENTS:
        ex = exercises.recovery_programme(student=student)
        clv = ex.margin * ex.retention_rate / (1 - ex.retention_rate)
        share = ex.stay_with_recovery - ex.stay_without_recovery
        assert ex.stay_with_recovery == 0.7                        # the course's figure, always
        assert ex.check("net_value",
                        ex.complaints * share * clv - ex.complaints * ex.cost_per_complaint
                        ).correct
        assert ex.check("break_even_cost", share * clv).correct
        d = exercises.restaurant_dessert(student=student)
        clv = d.margin * d.retention_rate / (1 - d.retention_rate)
        gain = (d.stay_with_recovery - d.stay_without_recovery) * clv - d.dessert_cost
        assert d.check("expected_gain", gain).correct


# --------------------------------------------------------------------------- Chinese


def test_answers_in_chinese_are_accepted():
    assert exercises.recovery_programme().check("net_value", "２７０万元").correct
    assert exercises.recovery_programme().check("break_even_cost", "３２００元").correct
    assert exercises.restaurant_dessert().check("expected_gain", "1,410元").correct
    assert exercises.teller_utilisation().check("utilisation", "８０％").correct
    assert exercises.restaurant_dessert().check("first_response", "送甜点").correct
    assert exercises.servqual_priorities().check("fix_first", "可靠性").correct
    assert exercises.servqual_priorities().check("fix_first", "响应性").status == "incorrect"


def test_exercises_speak_chinese():
    ex = exercises.tellers_for_target()
    crm.set_language("zh")
    assert "柜员" in ex.title and "分钟" in ex.story
    assert ex.check("tellers", 6).message.startswith("正确")
    five = ex.check("tellers", 5).message
    assert "78.2%" in five and "排队稳定" in five
    servqual = exercises.servqual_priorities()
    assert servqual.options("fix_first") == ["有形性", "可靠性", "响应性", "保证性", "移情性"]
    assert "权重只有" in servqual.check("fix_first", "响应性").message
    assert "服务禁语" in exercises.restaurant_dessert().check("first_response", "D").message


# --------------------------------------------------------------------------- variants


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f.__name__)
def test_variants_are_reproducible_and_varied(factory):
    def numbers(ex):
        return repr(sorted((k, v.to_dict() if hasattr(v, "to_dict") else v)
                           for k, v in ex.params.items()))

    assert numbers(factory(student="2024001")) == numbers(factory(student="2024001"))
    assert numbers(factory(student=2024001)) == numbers(factory(student=" 2024001 "))
    kinds = {numbers(factory(student=s)) for s in STUDENTS}
    assert len(kinds) >= 15, f"{factory.__name__}: only {len(kinds)} variants for 40 students"


def test_servqual_variants_are_samples_of_the_survey():
    whole = exercises.servqual_priorities()
    firsts = set()
    for student in STUDENTS[:20]:
        ex = exercises.servqual_priorities(student=student)
        assert len(ex.expectations) == service.SAMPLE_SIZE == 20
        assert ex.expectations.index.equals(ex.perceptions.index)
        assert ex.importance.index.equals(ex.expectations.index)
        pd.testing.assert_frame_equal(ex.perceptions, whole.perceptions.loc[ex.perceptions.index])
        items = crm.SERVQUAL_DIMENSIONS["responsiveness"]
        gap = (ex.perceptions[list(items)].to_numpy().mean()
               - ex.expectations[list(items)].to_numpy().mean())
        assert ex.check("responsiveness_gap", gap).correct
        weighted = pd.Series({d: (ex.perceptions[list(c)].to_numpy().mean()
                                  - ex.expectations[list(c)].to_numpy().mean())
                              for d, c in crm.SERVQUAL_DIMENSIONS.items()}) * ex.importance.mean()
        firsts.add(weighted.idxmin())
        assert ex.check("fix_first", weighted.idxmin()).correct
    assert len(firsts) >= 2, "every sample gives the same answer: the choice teaches nothing"
    assert "sample of 20" in exercises.servqual_priorities(student="2024001").story


def test_graded_work_never_solves_on_the_students_side():
    ex = exercises.servqual_priorities(student="2024001", graded=True)
    assert ex.check("responsiveness_gap", -1.5).status == "recorded"
    assert np.isnan(ex._question("responsiveness_gap").answer)
    assert ex.check("fix_first", "可靠性").status == "recorded"
