"""Issue 15 for the lifecycle exercises (lesson 03): kind to a student working alone.

The rules every spec of every unit keeps (no public answer key, input messages, precision and
honest rounding, choices in either language, no answer leaks, plain numbers) are in
test_student_alone.py; here are this unit's own examples: items 6 (letters that are names
refused), 7 (every exercise names its data), 9 (empty answer boxes), 11 (a reason for every
option), 15 (correct options not in A→D order) and 16 (days, weeks and time spans).
"""

import pandas as pd
import pytest

import crmlib as crm
from conftest import STUDENTS, choices
from crmlib import i18n
from crmlib.exercises import lifecycle

SPECS = lifecycle.SPECS


# --- item 6: an option's name in English or Chinese, its synonyms; member letters refused --

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

# --- item 9: input messages ------------------------------------------------------------------

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

@pytest.mark.parametrize("spec", [s for s in SPECS if choices(s)], ids=lambda s: s.key)
def test_every_wrong_option_has_its_own_reason(spec):
    for language in ("en", "zh"):
        i18n.set_language(language)
        for student in STUDENTS[:6]:
            ex = spec.build(student)
            for question in choices(spec):
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

# --- item 15: correct options are not in A→D order across a question set -----------------------

@pytest.mark.parametrize("spec", [s for s in SPECS if len(choices(s)) > 1], ids=lambda s: s.key)
def test_correct_options_are_not_in_a_to_d_order(spec):
    solved = spec.solve(spec.params())
    questions = choices(spec)
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
