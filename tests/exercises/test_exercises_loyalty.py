"""Exercises of the satisfaction and loyalty unit (lesson 06): answers worked by hand, the hints
for known wrong paths, answers in Chinese, and per-student variants that are reproducible.

Every expected number below is worked out by hand in the comment beside it, or (for the samples
of the 1,000-guest survey) by plain numpy written out here; none is read from the code under
test. The generic checks of every spec (wrong paths told apart for 30 students, every text in
both languages) are in test_engine.py.
"""

import math

import numpy as np
import pandas as pd
import pytest

import crmlib as crm
from conftest import assert_correct, assert_hint
from crmlib import exercises
from crmlib.exercises import loyalty

FACTORIES = [exercises.nps_from_ratings, exercises.gap_table,
             exercises.importance_performance_map, exercises.credit_card_customer,
             exercises.complaint_handling, exercises.growth_12_vs_1, exercises.nps_by_segment]
STUDENTS = [f"2024{k:03d}" for k in range(40)]


def _nps_by_hand(ratings):
    """Promoters, detractors, NPS and its standard error, counted in plain Python."""
    n = len(ratings)
    promoters = sum(1 for r in ratings if r >= 9)
    detractors = sum(1 for r in ratings if r <= 6)
    p, d = promoters / n, detractors / n
    return promoters, detractors, 100 * (p - d), 100 * math.sqrt((p + d - (p - d) ** 2) / n)


# --------------------------------------------------------------------------- 1. NPS


def test_nps_own_ratings_by_hand():
    ex = exercises.nps_from_ratings()
    assert ex.ratings == [10, 9, 8, 6, 9, 10, 7, 9, 8, 3, 10, 9, 6, 8, 9, 7, 10, 5, 8, 6]
    # four 10s and five 9s = 9 promoters; four 8s and two 7s = 6 passives; three 6s, a 5 and
    # a 3 = 5 detractors: NPS = 100 x (9 - 5) / 20 = 20
    assert_correct(ex, {"promoters": 9, "detractors": 5, "nps": 20})
    assert ex.check("nps", "20.0").correct and not ex.check("nps", 21).correct


def test_nps_wrong_paths():
    ex = exercises.nps_from_ratings()
    assert_hint(ex, "promoters", 13, "8s as promoters")                  # 9 + four 8s
    assert_hint(ex, "promoters", 15, "7s and 8s")                        # 9 + four 8s + two 7s
    assert_hint(ex, "detractors", 2, "left out the 6s")                  # 5 - three 6s
    assert_hint(ex, "detractors", 11, "not a promoter")                  # 5 + 6 passives
    assert_hint(ex, "nps", 40, "8s as promoters")                        # 100 x (13 - 5) / 20
    assert_hint(ex, "nps", 50, "7s and 8s")                              # 100 x (15 - 5) / 20
    assert_hint(ex, "nps", 35, "left out the 6s")                        # 100 x (9 - 2) / 20
    assert_hint(ex, "nps", 100 * 4 / 14, "passives count in the total")  # (9 - 5) / 14 = 28.57
    assert_hint(ex, "nps", 45, "share of promoters alone")               # 9 / 20
    assert_hint(ex, "nps", 0.2, "in points")


def test_nps_solve_on_the_lessons_short_list():
    # lesson 06's check question: 10, 10, 8, 6, 5 = 2 promoters, 1 passive, 2 detractors: 0
    solved = loyalty.NPS_FROM_RATINGS.solve({"ratings": [10, 10, 8, 6, 5]})
    assert (solved["promoters"], solved["detractors"], solved["nps"]) == (2, 2, 0)
    assert solved["promoters.from_8"] == 3 and solved["nps.from_8"] == 20     # (3 - 2) / 5
    assert solved["nps.six_not_detractor"] == 20                             # (2 - 1) / 5
    assert solved["nps.passives_left_out"] == 0                              # (2 - 2) / 4


def test_nps_in_chinese():
    ex = exercises.nps_from_ratings()
    crm.set_language("zh")
    assert "净推荐值" in ex.title and "推荐" in ex.story
    assert ex.check("nps", "２０").message.startswith("正确")
    assert "8 分也算作推荐者" in ex.check("nps", 40).message
    assert "推荐者" in ex.prompt("promoters")


def test_nps_variants_count_by_hand():
    for student in STUDENTS:
        ex = exercises.nps_from_ratings(student=student)
        ratings = ex.ratings
        assert len(ratings) == 20 and all(0 <= r <= 10 for r in ratings)
        assert ratings.count(8) >= 2 and ratings.count(6) >= 2  # the border ratings
        promoters, detractors, nps, _ = _nps_by_hand(ratings)
        assert_correct(ex, {"promoters": promoters, "detractors": detractors, "nps": round(nps)})


# --------------------------------------------------------------------------- 2. gap table


def test_gap_table_own_ratings_by_hand():
    ex = exercises.gap_table()
    # reliability: perceived 4, 5, 5, 6 against expected 7, 6, 7, 6: gaps -3, -1, -2, 0,
    # mean -1.5; three of the four guests (0.75) below expectation
    assert ex.perceived["reliability"].tolist() == [4, 5, 5, 6]
    assert ex.expected["reliability"].tolist() == [7, 6, 7, 6]
    assert_correct(ex, {"reliability_gap": -1.5, "disappointed": 0.75, "shortest": "reliability"})
    assert ex.check("disappointed", "75%").correct and ex.check("shortest", "B").correct


def test_gap_table_wrong_paths():
    ex = exercises.gap_table()
    assert_hint(ex, "reliability_gap", 1.5, "expectation − perception")
    assert_hint(ex, "reliability_gap", 5.0, "mean perception alone")     # (4 + 5 + 5 + 6) / 4
    assert_hint(ex, "reliability_gap", -6, "sum of the 4 gaps")
    # room gaps 0, 1, 1, 0 (mean 0.5), staff 1, -1, 1, 0 (0.25): (0.5 - 1.5 + 0.25) / 3
    assert_hint(ex, "reliability_gap", -0.25, "all three attributes")
    assert_hint(ex, "disappointed", 1.0, "gap of 0")                     # 4 of 4 with the 0 counted
    assert_hint(ex, "disappointed", 0, "delighted")                      # no gap above 0
    room = ex.check("shortest", "room")
    assert room.status == "incorrect" and "reliability falls further short" in room.message
    assert "-1.5" not in room.message          # the reason does not give the first answer away


def test_gap_table_in_chinese():
    ex = exercises.gap_table()
    crm.set_language("zh")
    assert ex.check("shortest", "可靠性").correct
    wrong = ex.check("shortest", "客房")
    assert wrong.status == "incorrect" and "可靠性差得更远" in wrong.message
    assert "差距为 0" in ex.check("disappointed", 1).message


def test_gap_table_variants_by_hand():
    shortest = set()
    for student in STUDENTS:
        ex = exercises.gap_table(student=student)
        p, e = ex.perceived.to_numpy(), ex.expected.to_numpy()
        assert p.shape == (4, 3) and p.min() >= 1 and p.max() <= 7
        mean = (p - e).mean(axis=0)                          # room, reliability, staff
        worst = ["room", "reliability", "staff"][int(np.argmin(mean))]
        shortest.add(worst)
        assert sorted(mean)[1] - sorted(mean)[0] >= 0.5       # one clear answer
        assert_correct(ex, {"reliability_gap": mean[1], "shortest": worst,
                      "disappointed": float((p[:, 1] < e[:, 1]).mean())})
    assert shortest == {"room", "reliability", "staff"}     # not always reliability


# --------------------------------------------------------------------------- 3. IPA map


def _ipa_by_hand(survey, perceived):
    """Pearson correlations and means of the six attributes, written out with numpy."""
    y = survey["overall_satisfaction"].to_numpy(dtype=float)
    importance = {a: np.corrcoef(perceived[a].to_numpy(dtype=float), y)[0, 1]
                  for a in perceived.columns}
    performance = {a: perceived[a].to_numpy(dtype=float).mean() for a in perceived.columns}
    return pd.Series(importance), pd.Series(performance)


def test_ipa_own_sample_by_hand():
    ex = exercises.importance_performance_map()
    assert list(ex.survey.index) == list(range(1, 301))     # respondents 1-300
    importance, performance = _ipa_by_hand(ex.survey, ex.perceived)
    # numpy.corrcoef over respondents 1-300: reliability 0.466322, room 0.340751; the line
    # (mean importance of the six) 0.319528; room performance 5.903 above the mean 5.168
    assert importance["reliability"] == pytest.approx(0.466322, abs=1e-6)
    assert importance["room"] == pytest.approx(0.340751, abs=1e-6)
    assert importance.mean() == pytest.approx(0.319528, abs=1e-6)
    assert performance["room"] > performance.mean()
    assert_correct(ex, {"reliability_importance": 0.47, "room_cell": "keep up the good work",
                  "fix_first": "reliability"})
    assert ex.check("room_cell", "B").correct and ex.check("fix_first", "B").correct


def test_ipa_wrong_paths():
    ex = exercises.importance_performance_map()
    s = ex.survey
    recommend = np.corrcoef(ex.perceived["reliability"], s["likelihood_to_recommend"])[0, 1]
    gap = ex.perceived["reliability"] - s["expectation_reliability"]
    assert recommend == pytest.approx(0.428051, abs=1e-6)             # numpy.corrcoef
    assert_hint(ex, "reliability_importance", recommend, "likelihood to recommend")
    assert_hint(ex, "reliability_importance",
          np.corrcoef(gap, s["overall_satisfaction"])[0, 1], "correlated the gap")
    assert_hint(ex, "reliability_importance", s["expectation_reliability"].mean(),
                "mean expectation")
    assert_hint(ex, "reliability_importance", ex.perceived["reliability"].mean(), "performance")
    overkill = ex.check("room_cell", "possible overkill")
    assert overkill.status == "incorrect" and "0.341" in overkill.message
    assert "keep up the good work" in ex.check("fix_first", "staff").message


def test_ipa_accepts_the_librarys_quadrant_names_and_chinese():
    ex = exercises.importance_performance_map()
    for quadrant in crm.IPA_QUADRANTS:        # what importance_performance() writes
        assert ex.check("room_cell", quadrant).status in ("correct", "incorrect"), quadrant
    crm.set_language("zh")
    assert ex.check("room_cell", "继续保持").correct
    assert ex.check("fix_first", "可靠性").correct
    assert "重点改进" in ex.check("fix_first", "可靠性").message
    assert "不低于分界线" in ex.check("room_cell", "可能过度").message


def test_ipa_variants_are_samples_of_the_survey():
    survey = crm.datasets.load_hotel_survey().set_index("respondent_id")
    for student in STUDENTS[:10]:
        ex = exercises.importance_performance_map(student=student)
        assert len(ex.survey) == 300 and ex.survey.index.is_unique
        pd.testing.assert_frame_equal(ex.survey, survey.loc[ex.survey.index])
        importance, performance = _ipa_by_hand(ex.survey, ex.perceived)
        concentrate = [a for a in importance.index if importance[a] >= importance.mean()
                       and performance[a] < performance.mean()]
        assert len(concentrate) == 1                         # one attribute to fix first
        assert_correct(ex, {"reliability_importance": importance["reliability"],
                      "fix_first": concentrate[0]})


# --------------------------------------------------------------------------- 4. credit card


def _path_clv(profits, r, i, cost, when="end"):
    """The profit-path CLV written out term by term, with the tail in closed form."""
    q = r / (1 + i)
    shift = 0 if when == "end" else 1
    head = sum(p * q ** (t - shift) for t, p in enumerate(profits, start=1))
    tail = profits[-1] * q ** (len(profits) - shift) * q / (1 - q)
    return head + tail - cost


def test_credit_card_by_hand():
    ex = exercises.credit_card_customer()
    # r = 0.9, i = 0.1, q = 9/11: 30q + 42q² + 44q³ + 49q⁴ + 55q⁵ = 24.545 + 28.116 + 24.102
    # + 21.958 + 20.167 = 118.88; tail 20.167 x q/(1 - q) = 20.167 x 4.5 = 90.75;
    # 118.88 + 90.75 - 51 = 158.63
    before = _path_clv([30, 42, 44, 49, 55], 0.9, 0.1, 51)
    after = _path_clv([30, 42, 44, 49, 55], 0.95, 0.1, 51)
    assert before == pytest.approx(158.6294, abs=1e-4)
    assert after == pytest.approx(255.6225, abs=1e-4)
    assert_correct(ex, {"clv_before": 159, "clv_after": 256, "gain": 97, "change": "61%"})
    assert ex.check("clv_before", 158.63).correct and ex.check("change", 0.6114).correct
    assert (after - before) / before == pytest.approx(0.61144, abs=1e-5)


def test_credit_card_wrong_paths():
    ex = exercises.credit_card_customer()
    assert_hint(ex, "clv_before", 118.88 - 51, "add the tail")                  # 67.88
    # start of year: every term x 1/q = x 11/9: 209.63 x 11/9 - 51 = 205.21
    assert_hint(ex, "clv_before", 209.6294 * 11 / 9 - 51, "start of the year")
    assert_hint(ex, "clv_before", 209.63, "acquisition cost")
    assert_hint(ex, "clv_before", 30 * 4.5 - 51, "first year's profit")          # 84.00
    assert_hint(ex, "clv_before", 55 * 4.5 - 51, "last year's profit")           # 196.50
    # no discounting, q = 0.9: 27 + 34.02 + 32.076 + 32.1489 + 32.47695 + 32.47695 x 9 - 51
    assert_hint(ex, "clv_before", 399.0144, "did not discount")
    # flat profit 30: 30 x 0.95/0.15 - 51 = 139 against 30 x 4.5 - 51 = 84: gain 55
    assert_hint(ex, "gain", 55, "first year's")
    assert_hint(ex, "change", 0.05, "defection rate")
    assert_hint(ex, "change", 96.99, "in dollars")
    assert_hint(ex, "change", 96.9931 / 255.6225, "CLV after")                   # 0.379
    assert_hint(ex, "change", 55 / 84, "first year's")                           # 0.655
    assert_hint(ex, "change", (306.6225 - 209.6294) / 209.6294, "acquisition cost")  # 0.463


def test_credit_card_in_chinese_and_variants():
    crm.set_language("zh")
    assert exercises.credit_card_customer().check("clv_before", "１５９美元").correct
    assert "尾部" in exercises.credit_card_customer().check("clv_before", 67.88).message
    crm.set_language("en")
    for student in STUDENTS[:12]:
        ex = exercises.credit_card_customer(student=student)
        r0, r1 = 1 - ex.churn_before, 1 - ex.churn_after
        assert r1 - r0 == pytest.approx(0.05)
        before = _path_clv(ex.profits, r0, ex.discount_rate, ex.acquisition_cost)
        after = _path_clv(ex.profits, r1, ex.discount_rate, ex.acquisition_cost)
        assert_correct(ex, {"clv_before": before, "clv_after": after, "gain": after - before,
                      "change": (after - before) / before})


# --------------------------------------------------------------------------- 5. complaints


def test_complaint_funnel_by_hand():
    ex = exercises.complaint_handling()
    # 10,000 x 20% = 2,000 dissatisfied; 40% complain = 800: 75% put right = 600, 200 not;
    # 1,200 silent. Kept 600 x 0.7 + 200 x 0.2 + 1,200 x 0.3 = 420 + 40 + 360 = 820;
    # told (200 + 1,200) x 9 = 12,600; lost 1,180 x 8,000 = 9,440,000
    assert_correct(ex, {"kept": 820, "told": 12600, "value_lost": 9_440_000})
    assert ex.check("value_lost", "944万").correct and ex.check("value_lost", "9.44m").correct


def test_complaint_funnel_wrong_paths():
    ex = exercises.complaint_handling()
    assert_hint(ex, "kept", 2000 * 0.7, "for guests whose complaint was put right only")
    assert_hint(ex, "kept", 600 * 0.7, "only the recovered complainers")
    assert_hint(ex, "kept", 800 * 0.7 + 1200 * 0.3, "every complaint as put right")   # 920
    assert_hint(ex, "told", 2000 * 9, "no longer complain")                           # 18,000
    assert_hint(ex, "told", 1180 * 9, "only the guests who left")                     # 10,620
    assert_hint(ex, "told", 1200 * 9, "add them to the silent")                       # 10,800
    assert_hint(ex, "value_lost", 820 * 8000, "guests the hotel keeps")
    assert_hint(ex, "value_lost", 2000 * 8000, "every dissatisfied guest")
    assert_hint(ex, "value_lost", 160 * 8000, "unrecovered complainers only")
    assert_hint(ex, "value_lost", 9.44, "millions")                # the engine's unit slip


def test_complaint_funnel_in_chinese_and_variants():
    crm.set_language("zh")
    ex = exercises.complaint_handling()
    assert ex.check("value_lost", "９４４万元").correct and ex.check("kept", "８２０").correct
    assert "补救" in ex.check("told", 18000).message
    crm.set_language("en")
    for student in STUDENTS[:12]:
        ex = exercises.complaint_handling(student=student)
        d = ex.customers * ex.dissatisfaction_rate
        recovered = d * ex.complaint_rate * ex.recovery_rate
        unrecovered = d * ex.complaint_rate * (1 - ex.recovery_rate)
        silent = d * (1 - ex.complaint_rate)
        kept = recovered * 0.7 + unrecovered * 0.2 + silent * 0.3
        assert_correct(ex, {"kept": kept, "told": (unrecovered + silent) * ex.people_told,
                      "value_lost": (d - kept) * 8000})


# --------------------------------------------------------------------------- 6. growth


def test_growth_by_hand():
    ex = exercises.growth_12_vs_1()
    # 1.12^10 = 3.105848, 1.01^10 = 1.104622: 310.58 and 110.46 million; ratio 2.8117
    assert_correct(ex, {"size_satisfied": 310.6, "size_poor_service": 110.5, "ratio": 2.81})
    assert_hint(ex, "size_satisfied", 100 * (1 + 0.12 * 10), "simple growth")         # 220
    assert_hint(ex, "size_satisfied", 210.58, "the increase")
    assert_hint(ex, "size_satisfied", 3.11, "growth factor")
    assert_hint(ex, "size_poor_service", 110.0, "simple growth")                      # 0.46 away
    assert_hint(ex, "ratio", 12, "ratio of the growth rates")
    assert_hint(ex, "ratio", 2.2 / 1.1, "simple growth")                              # 2.00
    assert_hint(ex, "ratio", 2.839421, "1.11^T")                                      # 1.11^10
    assert_hint(ex, "ratio", 1 + 0.11 * 10, "times the years")                        # 2.10


def test_growth_in_chinese_and_variants():
    crm.set_language("zh")
    ex = exercises.growth_12_vs_1()
    assert ex.check("size_satisfied", "３１０.６").correct
    assert "复利" in ex.check("size_satisfied", 220).message
    crm.set_language("en")
    for student in STUDENTS[:12]:
        ex = exercises.growth_12_vs_1(student=student)
        assert (ex.growth_satisfied, ex.growth_poor_service) == (0.12, 0.01)  # the course's
        good = ex.start * 1.12 ** ex.years
        poor = ex.start * 1.01 ** ex.years
        assert_correct(ex, {"size_satisfied": good, "size_poor_service": poor,
                            "ratio": good / poor})


# --------------------------------------------------------------------------- 7. NPS limits


def test_nps_by_segment_own_sample_by_hand():
    ex = exercises.nps_by_segment()
    s = ex.survey
    assert list(s.index) == list(range(501, 1001))           # respondents 501-1000
    business = s.loc[s["segment"] == "business", "likelihood_to_recommend"].tolist()
    leisure = s.loc[s["segment"] == "leisure", "likelihood_to_recommend"].tolist()
    _, _, nps_b, se_b = _nps_by_hand(business)
    _, _, nps_l, se_l = _nps_by_hand(leisure)
    # 171 business travellers: 79 promoters, 52 detractors: 100 x 27/171 = 15.79, SE 6.58;
    # 329 leisure guests: 161 and 76: 100 x 85/329 = 25.84, SE 4.46
    assert len(business) == 171 and nps_b == pytest.approx(100 * 27 / 171)
    assert len(leisure) == 329 and nps_l == pytest.approx(100 * 85 / 329)
    se = math.hypot(se_b, se_l)
    assert se == pytest.approx(7.9504, abs=1e-4)
    assert abs(nps_l - nps_b) < 2 * se                      # 10.05 < 15.90: noise
    assert_correct(ex, {"nps_business": 15.8, "se_difference": 7.95, "conclusion": "noise"})
    assert ex.check("conclusion", "A").correct


def test_nps_by_segment_wrong_paths():
    ex = exercises.nps_by_segment()
    assert_hint(ex, "se_difference", 6.5835 + 4.4572, "added the two standard errors")  # 11.04
    assert_hint(ex, "se_difference", 6.5835**2 + 4.4572**2, "square root")             # 63.21
    assert_hint(ex, "nps_business", 100 * (240 - 128) / 500, "all 500 guests")         # 22.4
    assert_hint(ex, "nps_business", 100 * 79 / 171, "share of promoters")              # 46.2
    assert_hint(ex, "nps_business", 100 * 27 / 131, "passives out")                    # 20.6
    assert "names no attribute" in ex.check("conclusion", "D").message
    assert "15.9" in ex.check("conclusion", "leisure higher").message


def _segment_survey(business, leisure):
    ratings = business + leisure
    return pd.DataFrame({"segment": ["business"] * len(business) + ["leisure"] * len(leisure),
                         "likelihood_to_recommend": ratings},
                        index=pd.RangeIndex(1, len(ratings) + 1, name="respondent_id"))


def test_nps_by_segment_solve_on_surveys_worked_by_hand():
    # business: 2 promoters, 8 detractors of 10: NPS -60, SE 100 √((0.2 + 0.8 - 0.36)/10) =
    # 25.30; leisure the mirror image: +60, 25.30. Difference 120 > 2 x √2 x 25.30 = 71.55
    low, high = [10] * 2 + [3] * 8, [10] * 8 + [3] * 2
    solved = loyalty.NPS_BY_SEGMENT.solve({"survey": _segment_survey(low, high)})
    assert solved["nps_business"] == pytest.approx(-60)
    assert solved["se_difference"] == pytest.approx(math.sqrt(2) * 100 * math.sqrt(0.064))
    assert solved["conclusion"] == "leisure_higher"
    assert loyalty.NPS_BY_SEGMENT.solve(
        {"survey": _segment_survey(high, low)})["conclusion"] == "business_higher"
    # one passive more on each side: 2 - 8 and 3 - 7 of 10 => -60 and -40, diff 20 < 2 SE
    close = loyalty.NPS_BY_SEGMENT.solve(
        {"survey": _segment_survey(low, [10] * 3 + [3] * 7)})
    assert close["conclusion"] == "noise"


def test_nps_by_segment_in_chinese():
    ex = exercises.nps_by_segment()
    crm.set_language("zh")
    assert ex.check("conclusion", "分不出").correct
    assert ex.check("conclusion", "这次调查分不出两个群体的差别：差值在两倍标准误以内").correct
    assert "平方相加" in ex.check("se_difference", 11.04).message


# --------------------------------------------------------------------------- every exercise


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f.__name__)
def test_variants_are_reproducible_and_personal(factory):
    first, again, other = (factory(student=s) for s in ("2024001", " 2024001 ", "2024002"))
    assert first.story == again.story
    key = first._answer_key()
    pd.testing.assert_frame_equal(key, again._answer_key())
    assert not key["answer"].equals(other._answer_key()["answer"])   # another student's
    for name, value in first.params.items():
        same = again.params[name]
        if isinstance(value, pd.DataFrame):
            pd.testing.assert_frame_equal(value, same)
        else:
            assert value == same, name


