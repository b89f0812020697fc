"""The exercise engine: one hint policy, precision that tells wrong paths apart, graded mode,
choices in either language, and no answers on the student's side."""

import math

import numpy as np
import pytest

import crmlib as crm
from conftest import STUDENTS as ALL_STUDENTS
from crmlib import i18n
from crmlib.exercises import Choice, Exercise, Numeric
from crmlib.exercises._core import ChoiceQuestion

STUDENTS = [s for s in ALL_STUDENTS if s is not None]


def _spec(answer=0.275, wrong=0.27, decimals=2):
    return Exercise(
        key="hotel_loyalty",  # borrows the hotel's texts for the prompt and hints
        defaults={"x": answer, "w": wrong},
        draw=lambda rng, settings: {"x": answer, "w": wrong},
        solve=lambda p: {"gain": p["x"], "gain.reversed": p["w"]},
        settings={"when": "begin"},
        shown=lambda p: {"timing_hint": "", "convention": ""},
        questions=(Numeric("gain", decimals=decimals, mistakes=("reversed",)),))


def test_precision_accepts_honest_rounding_both_ways():
    # 0.275 asked to 2 decimals: 0.27, 0.28 and "28%" are honest roundings; 0.29 is not
    ex = _spec(wrong=0.9).build()
    for answer in (0.275, 0.27, 0.28, "28%", "27.5%"):
        assert ex.check("gain", answer).correct, answer
    assert not ex.check("gain", 0.29).correct


def test_a_wrong_path_inside_the_rounding_asks_for_more_digits():
    # a wrong path 0.2738 lies 0.0012 from 0.275: two decimals cannot tell them apart
    # (|0.2738 − 0.275| ≤ 2 × 0.005), three can (0.0012 > 2 × 0.0005)
    ex = _spec(wrong=0.2738).build()
    assert "3 decimal places" in ex.prompt("gain")
    assert ex.check("gain", 0.275).correct
    assert not ex.check("gain", 0.274).correct
    assert "before − after" in ex.check("gain", 0.2738).message
    assert _spec(wrong=0.2738).audit({"x": 0.275, "w": 0.2738}) == {"gain": (1, [])}


def test_a_count_one_unit_off_is_told_apart_without_more_digits():
    # 6 tellers asked as a whole number: a wrong path of 5 is not moved by rounding, so the
    # whole number is enough (|5 − 6| = 1 > 0.5); 5.4 would round to 5 too, but 5.6 rounds to
    # 6, so a path of 5.6 (not on the grid, 0.4 away) needs one more digit
    assert _spec(answer=6.0, wrong=5.0, decimals=0).audit({"x": 6.0, "w": 5.0}) == {"gain": (0, [])}
    ex = _spec(answer=6.0, wrong=5.0, decimals=0).build()
    assert "nearest whole number" in ex.prompt("gain")
    assert ex.check("gain", 6).correct and "before − after" in ex.check("gain", 5).message
    assert _spec(answer=6.0, wrong=5.6, decimals=0).audit({"x": 6.0, "w": 5.6}) == {
        "gain": (1, [])}


def test_a_wrong_path_equal_to_the_answer_is_dropped():
    ex = _spec(wrong=0.275).build()
    assert ex.check("gain", 0.275).correct
    assert _spec().audit({"x": 0.275, "w": 0.275}) == {"gain": (0, [])}


def _setting_combinations(spec):
    """Every setting at its default, and each choice-like setting's other values."""
    yield {}
    if "when" in spec.settings:
        yield {"when": "end" if spec.settings["when"] == "begin" else "begin"}


@pytest.mark.parametrize("spec", list(crm.exercises.SPECS.values()), ids=lambda s: s.key)
def test_every_wrong_path_is_told_apart_for_every_student(spec):
    """Every question's known wrong paths, run against its tolerance, for 30 students
    (5 in `make test-fast`)."""
    for settings in _setting_combinations(spec):
        for student in [None, *STUDENTS]:
            params = spec.params(student, **settings)
            report = spec.audit(params)
            assert all(not dropped for _, dropped in report.values()), (student, report)
            ex = spec.build(student, **settings)
            solved = spec.solve(params)
            for question in spec.questions:
                assert ex.check(question.name, solved[question.name]).correct
                for mistake in getattr(question, "mistakes", ()):
                    value = solved.get(f"{question.name}.{mistake}")
                    if value is None or math.isclose(value, solved[question.name]):
                        continue
                    feedback = ex.check(question.name, value)
                    assert feedback.status == "incorrect", (student, question.name, mistake)


def test_graded_work_records_and_never_reveals():
    ex = crm.exercises.hotel_loyalty(student="2024001", graded=True)
    for answer in (9200, 7200, "abc"):
        feedback = ex.check("clv_before", answer)
        assert "orrect" not in feedback.message and "Not quite" not in feedback.message
    assert ex.check("clv_before", 9200).status == "recorded"
    assert ex.check("clv_before", "abc").status == "invalid"  # still says it cannot read it
    assert ex.check("clv_before", ...).status == "not_attempted"
    assert math.isnan(ex._question("clv_before").answer)  # never computed student-side
    box = ex.widget("clv_before")
    box.answer_box.value = "9200"
    box.check_button.click()
    assert "recorded" in box.feedback.value


def test_no_public_answer_key():
    ex = crm.exercises.hotel_loyalty()
    assert not hasattr(ex, "answer_key")
    assert not hasattr(ex, "questions")
    assert not [name for name in dir(ex) if "answer" in name and not name.startswith("_")]


def test_texts_follow_the_language_after_the_exercise_is_made():
    ex = crm.exercises.hotel_loyalty()
    crm.set_language("zh")
    assert "酒店" in ex.title and "流失" in ex.story
    assert ex.check("clv_before", "７２００元").message.startswith("正确")
    assert "今年的利润" in ex.check("clv_before", 9200).message
    crm.set_language("en")
    assert ex.check("clv_before", 9200).message.startswith("Not quite")


def test_choice_in_either_language_with_synonyms_and_letters():
    q = ChoiceQuestion("Which class?", ["lost", "current"], "lost",
                       accepted={"lost": ["流失客户", "流失", "lost customer"]})
    for answer in ("lost", "LOST", "Lost customer", "流失客户", "流失", " 流失。", "A", "a)"):
        assert q.check(answer).correct, answer
    feedback = q.check("maybe")
    assert feedback.status == "invalid" and "lost" in feedback.message
    assert "current" in feedback.message  # the allowed answers are listed
    people = ChoiceQuestion("Which class is A?", ["lost", "current"], "lost", letters=False)
    assert people.check("A").status == "invalid"
    assert "letter" in people.check("A").message


def test_spec_choice_labels_from_the_catalogue_and_reasons():
    spec = Exercise(
        key="hotel_loyalty", defaults={}, draw=lambda rng, s: {},
        solve=lambda p: {"gain": "begin"}, settings={"when": "begin"},
        shown=lambda p: {"timing_hint": "", "convention": ""},
        questions=(Choice("gain", ("begin", "end"), labels="hotel_loyalty.convention"),))
    ex = spec.build()
    english = i18n.text("hotel_loyalty.convention.begin", language="en")
    chinese = i18n.text("hotel_loyalty.convention.begin", language="zh")
    assert ex.check("gain", english).correct and ex.check("gain", chinese).correct
    assert ex.check("gain", "B").status == "incorrect"


@pytest.mark.parametrize("answer", ["", "   ", ..., None, "abc", "1e999", float("inf"),
                                    (9, 200), np.timedelta64(5, "D"), "9,200", "9200元",
                                    "0.92万", "20%", "９２００元", [1, 2], object()])
def test_engine_checks_never_raise(answer):
    ex = crm.exercises.hotel_loyalty()
    for name in ex.question_names:
        assert ex.check(name, answer).message


def test_unanswered_code_cell_shows_the_question():
    ex = crm.exercises.hotel_loyalty()
    feedback = ex.check("clv_before", ...)
    assert feedback.status == "not_attempted"
    assert ex.prompt("clv_before") in feedback.message
    assert "Ellipsis" not in feedback.message


def test_thousands_separator_in_code_gets_a_hint():
    feedback = crm.exercises.hotel_loyalty().check("clv_before", (9, 200))
    assert feedback.status == "invalid" and "9200" in feedback.message


def test_student_ids_ignore_case_and_width():
    a = crm.exercises.hotel_loyalty(student="S-0042")
    b = crm.exercises.hotel_loyalty(student=" s-0042 ")
    assert a.params == b.params


@pytest.mark.parametrize("spec", list(crm.exercises.SPECS.values()), ids=lambda s: s.key)
def test_every_text_a_spec_needs_is_in_the_catalogue(spec):
    """Title, story, every prompt, every mistake's hint and every wrong option's reason, in both
    languages, for the exercise's own numbers."""
    for language in ("en", "zh"):
        i18n.set_language(language)
        ex = spec.build()
        assert ex.title and ex.story
        solved = spec.solve(spec.params())
        for question in spec.questions:
            assert ex.prompt(question.name)
            if isinstance(question, Choice):
                shown = ex.options(question.name)
                assert len(shown) == len(question.options)
                for label in shown:
                    feedback = ex.check(question.name, label)
                    if not feedback.correct:  # every wrong option says why
                        assert i18n.text("choice.default_reason") not in feedback.message, (
                            question.name, label)
            else:
                for mistake in question.mistakes:
                    assert i18n.has_text(f"{spec.key}.{question.name}.mistakes.{mistake}"), (
                        question.name, mistake)
        assert solved
    i18n.set_language("en")


@pytest.mark.parametrize("spec", list(crm.exercises.SPECS.values()), ids=lambda s: s.key)
def test_every_spec_labels_its_numbers_truthfully(spec):
    assert spec.numbers in ("course", "illustrative")
    with pytest.raises(TypeError, match="unexpected setting"):
        spec.params(None, no_such_setting=1)


def test_unit_slip_is_recognised_in_either_units_precision():
    # 1.14 million yuan asked to 2 decimals: 1,138,242 yuan is the same amount in yuan, although
    # it lies far outside ±0.005 of 1,140,000
    from crmlib.exercises._core import NumericQuestion

    q = NumericQuestion("NPV", 1.138242, unit="million yuan", rel_tol=0.0, abs_tol=0.005,
                        unit_key="million_yuan")
    assert "millions of yuan" in q.check(1_138_242).message
    assert "millions of yuan" in q.check(1_140_000).message
    assert not q.check(1_138_242).correct
