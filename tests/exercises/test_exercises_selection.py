"""Exercises of the customer selection unit: course answers worked by hand, hints, variants."""

import pytest

import crmlib as crm
from crmlib import exercises

FACTORIES = [exercises.profit_concentration, exercises.classify_people,
             exercises.cheverton_account, exercises.rfm_scoring,
             exercises.value_matrix_placement, exercises.limited_budget]


def test_profit_concentration_course_numbers():
    ex = exercises.profit_concentration()
    # profits 52000, 6500, 3000, 2500, 1800, 700, -200, -300, -400, -600: total 65,000;
    # top 2 = 58,500 -> 90% (the course's securities firm); 4 loss-makers of 10
    assert ex.check("total_profit", "65,000").correct
    assert ex.check("top_20_share", 0.9).correct
    assert ex.check("top_20_share", "90%").correct
    assert ex.check("loss_makers", 4).correct
    assert ex.check("loss_share", 0.4).correct
    assert ex.check("gini", crm.gini(ex.profits)).correct
    # wrong paths: first two listed (2500 - 400) / 65000; gross 58500 / 66500
    assert "sort" in ex.check("top_20_share", 2100 / 65000).message
    assert "net total" in ex.check("top_20_share", 58500 / 66500).message
    assert "loss-makers" in ex.check("total_profit", 66500).message


def test_classify_people_course_numbers():
    ex = exercises.classify_people()
    # A: 400 days > 365 -> lost; B: 30 days -> current; C: no need -> non-customer;
    # D: fit 0.75 >= 0.6 -> target; E: 0.4 -> potential
    assert ex.buyer == "A" and ex.check("days_since", 400).correct
    for person, cls in zip("ABCDE", ["lost", "current", "non-customer", "target",
                                     "potential"]):
        assert ex.check(f"class_{person}", cls).correct, person
    assert ex.check("class_A", "current").status == "incorrect"


def test_cheverton_account_course_numbers():
    ex = exercises.cheverton_account()
    # attractiveness: .5 * (5-1)/4 + .3 * (4-1)/4 + .2 * (2-1)/4 = .5 + .225 + .05 = 0.775
    # strength: .4 * .25 + .4 * .5 + .2 * .25 = 0.35 -> key development
    assert ex.check("attractiveness", 0.775).correct
    assert ex.check("relative_strength", 0.35).correct
    assert ex.check("quadrant", "key development").correct
    assert ex.check("strategy", "B").correct          # the second rule: right methods
    # unrescaled weighted rating: .5*5 + .3*4 + .2*2 = 4.1
    assert "Rescale" in ex.check("attractiveness", 4.1).message
    # plain mean: (1 + .75 + .25) / 3 = 0.667
    assert "plain average" in ex.check("attractiveness", 2 / 3).message
    # swapped axes land in maintenance
    assert "axes" in ex.check("quadrant", "maintenance").message


def test_rfm_scoring_course_numbers():
    ex = exercises.rfm_scoring()
    assert ex.focus == "K09"
    # K09 bought 2024-03-10 (85 + 125) and 2024-05-07 (135 + 35): last purchase 24 + 30 = 54
    # days before 2024-06-30; 2 days; 380 yuan; longer recencies: K03 (119), K06 (94) -> R = 2;
    # lower frequency: only K03 (1) -> F = 1 + floor(5 * 1 / 10) = 1 -> hibernating
    assert ex.check("recency", 54).correct
    assert ex.check("frequency", 2).correct
    assert "distinct days" in ex.check("frequency", 4).message
    assert ex.check("monetary", 380).correct
    assert ex.check("R_score", 2).correct
    assert ex.check("F_score", 1).correct
    assert ex.check("segment", "hibernating").correct


def test_value_matrix_placement_course_numbers():
    ex = exercises.value_matrix_placement()
    # thresholds 1000/1000: V1 (5200, 4000) high-end; potential: V2, V6, V7 (900 < 1000,
    # 1200); tail: V4 (150) + V8 (60) = 210
    assert ex.check("tier_V1", "high-end").correct
    assert ex.check("potential_count", 3).correct
    assert ex.check("tail_current_value", 210).correct
    assert ex.check("potential_strategy", "invest to grow them (投入)").correct


def test_limited_budget_course_numbers():
    ex = exercises.limited_budget()
    # Harbour: 130 - 40 = 90. Greedy (gain per yuan 3.25, 2.8, 2.4, 1.6, 0.8, 1.67):
    # Harbour, Lotus, (Northgate no longer fits), Redwood, Green Valley: 90+54+8+6 = 158.
    # Best: Harbour + Northgate + Green Valley = 100 spent, 90 + 70 + 6 = 166.
    assert ex.check("net_gain_first", 90).correct
    assert "gross" in ex.check("net_gain_first", 130).message
    assert ex.check("greedy_net", 158).correct
    assert ex.check("best_net", 166).correct
    assert "ratio rule" in ex.check("best_net", 158).message
    assert ex.check("best_spent", 100).correct
    assert ex.check("opportunistic_rule", "D").correct


@pytest.mark.parametrize("factory", FACTORIES, ids=[f.__name__ for f in FACTORIES])
@pytest.mark.parametrize("student", [None, "2024001", 7, "李雷"])
def test_answer_key_answers_are_accepted(factory, student):
    ex = factory(student=student)
    key = ex._answer_key()
    assert len(key) >= 4
    for name, question in ex._all_questions().items():
        assert ex.check(name, question.answer).correct, (factory.__name__, student, name)
        assert ex.check(name, ...).status == "not_attempted"


@pytest.mark.parametrize("factory", FACTORIES, ids=[f.__name__ for f in FACTORIES])
def test_student_numbers_are_personal_and_stable(factory):
    a, b = factory(student="s-001"), factory(student="s-001")
    assert a.story == b.story
    assert factory(student="s-002").story != a.story


def test_six_exercise_factories_are_exported():
    for factory in FACTORIES:
        assert factory.__name__ in exercises.__all__


def test_the_stories_tables_show_chinese_headers_in_chinese(capsys):
    # in Chinese a story's table is headed "中文名（code name）", as the lessons' tables are
    crm.set_language("zh")
    try:
        exercises.profit_concentration().show()
        exercises.classify_people().show()
        exercises.limited_budget().show()
    finally:
        crm.set_language("en")
    shown = capsys.readouterr().out
    for header in ("利润（profit）", "客户（customer）", "最近一次购买（last_purchase）",
                   "人（person）", "成本（cost）", "象限（quadrant）"):
        assert header in shown, header
    exercises.profit_concentration().show()
    assert "利润" not in capsys.readouterr().out    # English unchanged
