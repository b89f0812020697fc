"""The prediction unit's exercises (lesson 05): answers from crmlib, hints for known mistakes,
personal numbers per student, and the course's numbers checked by hand."""

import pytest

import crmlib as crm
from crmlib.exercises import prediction

FACTORIES = [prediction.purchase_log_summary, prediction.interpret_parameters,
             prediction.probability_alive_comparison, prediction.next_quarter_purchases,
             prediction.target_customers]
STUDENTS = [None, "2024001", "2024002", "s-17", 42]


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f.__name__)
@pytest.mark.parametrize("student", STUDENTS, ids=str)
def test_every_answer_checks_and_hints_differ_from_it(factory, student):
    ex = factory(student)
    assert len(ex.question_names) >= 3
    for name, question in ex._all_questions().items():
        assert ex.check(name, question.answer).correct, name
        assert ex.check(name, ...).status == "not_attempted"
        for hint in getattr(question, "hints", []):
            feedback = ex.check(name, hint.value)
            assert not feedback.correct, f"{name}: hint {hint.value} equals the answer"
            assert hint.message in feedback.message


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f.__name__)
def test_students_get_their_own_numbers_reproducibly(factory):
    ours, again, other = factory("2024001"), factory("2024001"), factory("2024002")
    assert ours._answer_key().equals(again._answer_key())
    assert not ours._answer_key().equals(other._answer_key()) or ours.story != other.story
    assert ours.story != factory(None).story


def test_purchase_log_summary_course_numbers_by_hand():
    ex = prediction.purchase_log_summary()
    # A: days 01-06 (80+40), 02-03 (60), 03-16 (100+20); calibration ends 03-30.
    # frequency 2; recency 01-06 -> 03-16 = 70 days = 10 weeks; T 84 days = 12 weeks;
    # monetary (60 + 120) / 2 = 90. B: one purchase -> 0. C: 01-20, 03-02 (04-06 is after) -> 1.
    for name, value in [("a_frequency", 2), ("a_recency", 10), ("a_T", 12),
                        ("a_monetary_value", 90), ("b_frequency", 0), ("c_frequency", 1)]:
        assert ex.check(name, value).correct, name
    assert "first purchase" in ex.check("a_frequency", 3).message
    assert "RFM" in ex.check("a_recency", 2).message
    assert "includes the first purchase" in ex.check("a_monetary_value", 100).message


def test_interpret_parameters_course_numbers_by_hand():
    ex = prediction.interpret_parameters()
    # published CDNOW: r/alpha = 0.243/4.414 = 0.05505 a week; x 52.18 = 2.873 a year;
    # a/(a+b) = 0.793/3.219 = 0.2463
    assert ex.check("mean_rate", 0.05505).correct
    assert ex.check("purchases_per_year", 2.873).correct
    assert ex.check("dropout_probability", 0.2463).correct
    assert "alpha/r" in ex.check("mean_rate", 4.414 / 0.243).message
    # 0.05505 × 52 = 2.8627 (52 weeks instead of 52.18): told apart, four figures asked
    assert "52.18" in ex.check("purchases_per_year", 0.243 / 4.414 * 52).message
    assert "4 significant figures" in ex.prompt("purchases_per_year")
    assert ex.check("heterogeneity", "C").correct


def test_probability_alive_course_numbers_by_hand():
    ex = prediction.probability_alive_comparison()
    # Li: x=2, t_x=20, T=39: 1/(1 + 0.793/3.426 * (43.414/24.414)^2.243)
    #   ratio 1.77824, ln 0.57562, x2.243 = 1.29111, exp 3.63659; 0.23147*3.63659 = 0.84176
    #   -> 1/1.84176 = 0.5430
    assert ex.check("alive_occasional", 0.5430).correct
    assert ex.check("alive_one_time", 1).correct
    assert "only after a repeat purchase" in ex.check("alive_one_time", 0).message
    # RFM recency T - t_x = 19 instead of t_x = 20: 1/(1 + 0.23147 (43.414/23.414)^2.243)
    #   ratio 1.85419, ln 0.61744, x2.243 = 1.38492, exp 3.99427; 0.23147*3.99427 = 0.92455
    #   -> 1/1.92455 = 0.5196
    assert "RFM" in ex.check("alive_occasional", 0.5196).message
    assert ex.check("why", "B").correct


def test_target_customers_uses_the_published_models():
    ex = prediction.target_customers()
    model = crm.BetaGeoModel.from_params(**ex.bgnbd)
    assert ex.bgnbd == {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
    assert ex.gamma_gamma == {"p": 6.25, "q": 3.74, "gamma": 15.44}
    # Chen bought 12 times but not for 24 weeks: nearly certainly gone
    chen = ex.customers.loc["Chen"]
    assert model.probability_alive(chen["frequency"], chen["recency"], chen["T"]) < 0.01
    assert ex.check("decision", "D").correct
    assert "little future value" in ex.check("top_customer", "Chen").message


def test_stories_show_their_tables_and_parameters_in_chinese():
    """The story's tables carry Chinese headers with their keys, and a model's parameters are
    separated by a Chinese comma (solutions/zh/05 once showed "customer_id date amount")."""
    crm.set_language("zh")
    try:
        log_story = prediction.purchase_log_summary().story
        target_story = prediction.target_customers().story
        alive_story = prediction.probability_alive_comparison().story
    finally:
        crm.set_language("en")
    assert "客户编号（customer_id）" in log_story and "金额（amount）" in log_story
    assert "客户（customer）" in target_story and "客户年龄（T）" in target_story
    assert "r = 0.243，alpha = 4.414，a = 0.793，b = 2.426" in alive_story
    english = prediction.probability_alive_comparison().story
    assert "r = 0.243, alpha = 4.414, a = 0.793, b = 2.426" in english
    assert "customer_id" in prediction.purchase_log_summary().story
