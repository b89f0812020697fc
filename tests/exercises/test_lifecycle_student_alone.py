"""Issue 15 for the lifecycle exercises (lesson 03): kind to a student working alone.

Items 6 (choices in either language, letters that are names refused), 7 (every exercise names
its data), 8 (no answer leaks), 9 (input messages), 11 (a reason for every option), 14
(precision that tells the known wrong paths apart), 15 (every question visible, correct options
not in A→D order) and 16 (days, weeks and time spans), run against every spec of the unit.
"""

import math
import re

import pandas as pd
import pytest

import crmlib as crm
from crmlib import i18n
from crmlib.exercises import Choice, Numeric, lifecycle

SPECS = lifecycle.SPECS
STUDENTS = [None, *(f"2024{k:03d}" for k in range(30))]


@pytest.fixture(autouse=True)
def _english_after():
    yield
    i18n.set_language("en")


def _choices(spec):
    return [q for q in spec.questions if isinstance(q, Choice)]


def _numerics(spec):
    return [q for q in spec.questions if isinstance(q, Numeric)]


# --- item 6: an option's name in English or Chinese, its synonyms; member letters refused --

@pytest.mark.parametrize("spec", [s for s in SPECS if _choices(s)], ids=lambda s: s.key)
def test_choices_in_either_language_and_their_synonyms(spec):
    ex = spec.build()
    solved = spec.solve(spec.params())
    for question in _choices(spec):
        base = f"{question.labels or f'{spec.key}.{question.name}.options'}.{solved[question.name]}"
        for language in ("en", "zh"):
            label = i18n.text(f"{base}.label", language=language)
            assert ex.check(question.name, label).correct, (question.name, label)
            for synonym in i18n.text_list(f"{base}.synonyms", language=language):
                assert ex.check(question.name, synonym).correct, (question.name, synonym)
        wrong_form = ex.check(question.name, "something else entirely")
        assert wrong_form.status == "invalid"
        assert all(option in wrong_form.message for option in ex.options(question.name))


def test_named_answers_of_the_lesson_s_terms():
    stages = crm.exercises.identify_stages()
    for answer in ("stability", "Stability stage", "稳定期", "稳定"):
        assert stages.check("stage_A", answer).correct, answer
    for answer in ("ended", "关系已终止", "已终止"):
        assert stages.check("stage_E", answer).correct, answer
    strategy = crm.exercises.stage_strategy()
    for answer in ("premature exit", "提前退出型", "提前退出"):
        assert strategy.check("pattern_1", answer).correct, answer


def test_a_letter_is_a_member_not_an_option_in_identify_stages():
    ex = crm.exercises.identify_stages()
    for letter in ("A", "b", "C)"):
        feedback = ex.check("stage_A", letter)
        assert feedback.status == "invalid" and "letter" in feedback.message
        assert "exploration stage" in feedback.message   # the allowed answers are listed
    # where no one is named A–D, a letter picks an option
    assert crm.exercises.stage_strategy().check("strategy_stability", "A").correct


# --- item 7: every exercise names its data ----------------------------------------------------

@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_every_exercise_names_its_data_in_the_story(spec):
    for language in ("en", "zh"):
        i18n.set_language(language)
        story = spec.build().story
        # the order of the strategy exercise's cases is bookkeeping, not data to use
        for name in set(spec.params()) - {"case_order", "segment"}:
            assert f"`ex.{name}" in story, (language, name)


# --- item 8: no answer leaks -----------------------------------------------------------------

_NUMBER = re.compile(r"[-+−]?\d[\d,]*(?:\.\d+)?")


def _numbers(message: str) -> list[float]:
    return [float(m.replace(",", "").replace("−", "-")) for m in _NUMBER.findall(message)]


@pytest.mark.parametrize("spec", [s for s in SPECS if _choices(s) and _numerics(s)],
                         ids=lambda s: s.key)
def test_choice_feedback_does_not_reveal_a_numeric_answer(spec):
    """No option's feedback shows a numeric question's answer (as computed or as rounded);
    numbers the student already sees in the story, the prompt and the options do not count."""
    for student in STUDENTS:
        solved = spec.solve(spec.params(student))
        answers = {q.name: (float(solved[q.name]), q.decimals or 0) for q in _numerics(spec)}
        ex = spec.build(student)
        for question in _choices(spec):
            seen = _numbers(" ".join([ex.story, ex.prompt(question.name),
                                      *ex.options(question.name)]))
            for option in ex.options(question.name):
                for value in _numbers(ex.check(question.name, option).message):
                    if any(math.isclose(value, g, abs_tol=1e-9) for g in seen):
                        continue
                    leaked = [name for name, (answer, digits) in answers.items()
                              if math.isclose(value, answer, rel_tol=1e-6)
                              or math.isclose(value, round(answer, digits), abs_tol=1e-9)]
                    assert not leaked, (student, question.name, option, value, leaked)


def test_no_public_answer_key_and_graded_work_computes_nothing():
    for spec in SPECS:
        ex = spec.build("2024001")
        assert not hasattr(ex, "answer_key") and not hasattr(ex, "questions")
        graded = spec.build("2024001", graded=True)
        for question in _numerics(spec):
            assert math.isnan(graded._question(question.name).answer)
            assert graded.check(question.name, 1).status == "recorded"


# --- item 9: input messages ------------------------------------------------------------------

@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_unreadable_unanswered_and_empty_answers_get_friendly_messages(spec):
    ex = spec.build()
    for question in spec.questions:
        if isinstance(question, Numeric):
            for answer in ("1e999", float("inf"), "-1e999"):
                feedback = ex.check(question.name, answer)
                assert feedback.status == "invalid" and "not a usable number" in feedback.message
            typed = ex.check(question.name, (1, 234))
            assert typed.status == "invalid" and "quotes" in typed.message
        unanswered = ex.check(question.name, ...)
        assert unanswered.status == "not_attempted" and "Ellipsis" not in unanswered.message
        assert ex.prompt(question.name) in unanswered.message          # item 15: the question
        if isinstance(question, Choice):                                # ... and its options
            assert all(option in unanswered.message for option in ex.options(question.name))
        empty = ex.check(question.name, "  ")
        assert empty.status == "not_attempted" and "empty" in empty.message


def test_empty_answer_boxes_say_so_and_a_chinese_option_is_checked():
    ex = crm.exercises.stage_strategy()
    box = ex.widget("pattern_2")
    box.check_button.click()                         # nothing chosen yet
    assert "Not attempted" in box.feedback.value and "Ellipsis" not in box.feedback.value
    numeric = crm.exercises.identify_stages().widget("tenure_C")
    numeric.answer_box.value = ""
    numeric.check_button.click()
    assert "empty" in numeric.feedback.value and "..." not in numeric.feedback.value
    numeric.answer_box.value = "725"
    numeric.check_button.click()
    assert "✅" in numeric.feedback.value
    crm.set_language("zh")
    chinese = crm.exercises.stage_strategy().widget("pattern_2")
    chinese.answer_box.value = "早期流产型"
    chinese.check_button.click()
    assert "✅" in chinese.feedback.value and "考察期" in chinese.feedback.value


# --- item 11: every wrong option says why, in both languages ------------------------------------

@pytest.mark.parametrize("spec", [s for s in SPECS if _choices(s)], ids=lambda s: s.key)
def test_every_wrong_option_has_its_own_reason(spec):
    for language in ("en", "zh"):
        i18n.set_language(language)
        for student in STUDENTS[:6]:
            ex = spec.build(student)
            for question in _choices(spec):
                for option in ex.options(question.name):
                    message = ex.check(question.name, option).message
                    assert i18n.text("choice.default_reason") not in message
                    assert not message.rstrip().endswith(")."), message   # a reason follows


def test_stage_reasons_teach_the_rule_order_without_the_answer():
    ex = crm.exercises.identify_stages()
    # C is in decline (rule 3): "ended" is rule 1, which does not apply; "stability" is rule 5,
    # which an earlier rule pre-empts; neither names C's stage
    assert "Rule 1 does not apply" in ex.check("stage_C", "ended").message
    later = ex.check("stage_C", "stability stage").message
    assert "from rule 1" in later and "decline" not in later


# --- item 14: the precision each question asks for ---------------------------------------------

@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.key)
def test_every_numeric_prompt_states_its_precision_and_accepts_honest_rounding(spec):
    for student in STUDENTS[:10]:
        solved = spec.solve(spec.params(student))
        ex = spec.build(student)
        for question in _numerics(spec):
            prompt = ex.prompt(question.name)
            assert re.search(r"decimal place|whole number|significant figures", prompt), prompt
            answer = float(solved[question.name])
            if question.significant is not None:
                figures = int(re.search(r"to (\d+) significant", prompt)[1])
                shown = float(f"{answer:.{figures}g}")
                assert ex.check(question.name, shown).correct, (student, question.name, shown)
                continue
            found = re.search(r"to (\d+) decimal place", prompt)
            digits = int(found[1]) if found else 0
            rounded = round(answer, digits)
            assert ex.check(question.name, rounded).correct, (student, question.name, rounded)
            off = rounded + 1.5 * 10.0 ** -digits
            assert not ex.check(question.name, off).correct, (student, question.name, off)


# --- item 15: correct options are not in A→D order across a question set -----------------------

@pytest.mark.parametrize("spec", [s for s in SPECS if len(_choices(s)) > 1], ids=lambda s: s.key)
def test_correct_options_are_not_in_a_to_d_order(spec):
    solved = spec.solve(spec.params())
    questions = _choices(spec)
    positions = [q.options.index(solved[q.name]) for q in questions]
    assert positions != sorted(positions), positions
    # and not in the options' order within each block of questions sharing their options
    for options in {q.options for q in questions}:
        block = [q.options.index(solved[q.name]) for q in questions if q.options == options]
        assert block != list(range(len(block))), (options, block)


# --- item 16: days are days ------------------------------------------------------------------

def test_a_time_span_or_weeks_where_days_are_asked():
    ex = crm.exercises.identify_stages()
    first = ex.log.loc[ex.log["customer_id"] == "C", "date"].min()
    span = ex.as_of - first                                   # what subtracting dates gives
    assert isinstance(span, pd.Timedelta)
    feedback = ex.check("tenure_C", span)
    assert feedback.status == "invalid" and ".days" in feedback.message
    assert ex.check("tenure_C", span.days).correct
    weeks = span.days / 7
    assert "in weeks" in ex.check("tenure_C", round(weeks, 1)).message
    crm.set_language("zh")
    assert ".days" in ex.check("tenure_C", span).message
