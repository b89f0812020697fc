"""Issue 15, the rules every exercise keeps for a student working alone, run against every spec
of every unit (``crmlib.exercises.SPECS``: customer value, lifecycle, selection, prediction,
loyalty, service, practice), for the exercise's own numbers and 30 students.

The rules: no public answer key and graded work that computes nothing (item 8); non-finite,
unanswered and empty answers get friendly messages, and an unanswered question shows itself
and its options (items 9 and 15); every numeric prompt states its precision and honest rounding
at that precision is accepted (item 14); choice answers in either language and their synonyms
(item 6); no choice's feedback gives away another question's answer (item 8); a student's
numbers are plain Python values (item 7). Each unit's own examples, hand calculations and
wrong paths stay in its tests/exercises/test_<unit>_student_alone.py or test_exercises_<unit>.py;
every spec's known wrong paths are told apart in test_engine.py
(test_every_wrong_path_is_told_apart_for_every_student).
"""

import math
import re

import numpy as np
import pytest

import crmlib as crm
from conftest import STUDENTS, choices, numbers_in, numerics
from crmlib import i18n

SPECS = list(crm.exercises.SPECS.values())
WITH_CHOICES = [spec for spec in SPECS if choices(spec)]


def _by_key(specs):
    return pytest.mark.parametrize("spec", specs, ids=lambda s: s.key)


# --- item 8: no public answer key; graded work computes nothing --------------------------------

@_by_key(SPECS)
def test_no_public_answer_key_and_graded_work_computes_nothing(spec):
    for graded in (False, True):
        ex = spec.build("2024001", graded=graded)
        assert not hasattr(ex, "answer_key") and not hasattr(ex, "questions")
        assert not [name for name in dir(ex) if "answer" in name and not name.startswith("_")]
    graded = spec.build("2024001", graded=True)
    for question in numerics(spec):
        assert math.isnan(graded._question(question.name).answer), question.name
        assert graded.check(question.name, 1).status == "recorded", question.name
    ungraded = spec.build("2024001")
    for question in choices(spec):
        option = graded.options(question.name)[0]
        assert graded.check(question.name, option).status == "recorded", question.name
        # a letter is recorded too, unless letters are refused (people named A to E)
        letter = "invalid" if ungraded.check(question.name, "A").status == "invalid" else \
            "recorded"
        assert graded.check(question.name, "A").status == letter, question.name


# --- items 9 and 15: input messages; the unanswered question shows itself --------------------

@_by_key(SPECS)
def test_non_finite_unanswered_and_empty_answers_get_friendly_messages(spec):
    ex = spec.build()
    for question in spec.questions:
        name = question.name
        if question in numerics(spec):
            for answer in ("1e999", 1e999, float("inf"), float("-inf"), "-1e999"):
                feedback = ex.check(name, answer)
                assert feedback.status == "invalid", (name, answer)
                assert "not a usable number" in feedback.message, (name, answer)
            typed = ex.check(name, (1, 234))
            assert typed.status == "invalid" and "quotes" in typed.message, name
        unanswered = ex.check(name, ...)
        assert unanswered.status == "not_attempted" and "Ellipsis" not in unanswered.message
        assert ex.prompt(name) in unanswered.message, name
        if question in choices(spec):
            assert all(option in unanswered.message for option in ex.options(name)), name
        for blank in ("", "  "):
            empty = ex.check(name, blank)
            assert empty.status == "not_attempted", (name, blank)
            assert "..." not in empty.message and "empty" in empty.message, (name, empty.message)


# --- item 14: the precision each question asks for ---------------------------------------------

def _asked(question, prompt):
    """(significant?, digits) the prompt asks for; fails if it states no precision."""
    if question.significant is not None:
        found = re.search(r"to (\d+) significant figure", prompt)
        assert found, prompt
        return True, int(found[1])
    found = re.search(r"to (\d+) decimal place", prompt)
    if found:
        return False, int(found[1])
    assert "whole number" in prompt, prompt
    return False, 0


@_by_key(SPECS)
def test_every_numeric_prompt_states_its_precision(spec):
    for student in STUDENTS[:10]:
        ex = spec.build(student)
        for question in numerics(spec):
            _asked(question, ex.prompt(question.name))


@_by_key(SPECS)
def test_honest_rounding_to_the_asked_precision_is_accepted(spec):
    """The answer rounded as the prompt asks is correct; 1.5 units of the last digit away is
    not, for every student."""
    for student in STUDENTS:
        solved = spec.solve(spec.params(student))
        ex = spec.build(student)
        for question in numerics(spec):
            answer = float(solved[question.name])
            significant, digits = _asked(question, ex.prompt(question.name))
            if significant:
                step = 10.0 ** (math.floor(math.log10(abs(answer))) - digits + 1)
                rounded = float(f"{answer:.{digits}g}")
            else:
                step = 10.0 ** -digits
                rounded = round(answer, digits)
            assert ex.check(question.name, rounded).correct, (student, question.name, rounded)
            off = rounded + 1.5 * step
            assert not ex.check(question.name, off).correct, (student, question.name, off)


# --- item 6: choices in English or Chinese, synonyms, the list of allowed answers -------------

# Loyalty's and practice's options are catalogue texts of their own (``<base>.<option>``), not
# ``<base>.<option>.label`` with ``.synonyms``: they keep the rule loyalty had (taken from the
# customer-value tests), which reads the label either way; every other unit must have .label.
PLAIN_OPTION_TEXTS = {spec.key for spec in (*crm.exercises.loyalty.SPECS,
                                            *crm.exercises.practice.SPECS)}


def _label_key(spec, question, option):
    base = f"{question.labels or f'{spec.key}.{question.name}.options'}.{option}"
    if spec.key in PLAIN_OPTION_TEXTS and not i18n.has_text(f"{base}.label"):
        return base, base
    return f"{base}.label", base


@_by_key(WITH_CHOICES)
def test_choice_answers_in_either_language_and_synonyms(spec):
    for student in STUDENTS[:6]:
        ex = spec.build(student)
        solved = spec.solve(spec.params(student))
        for question in choices(spec):
            key, base = _label_key(spec, question, solved[question.name])
            for language in ("en", "zh"):
                label = i18n.text(key, language=language)
                assert ex.check(question.name, label).correct, (question.name, language, label)
                for synonym in i18n.text_list(f"{base}.synonyms", language=language):
                    assert ex.check(question.name, synonym).correct, (question.name, synonym)
            wrong_form = ex.check(question.name, "something else entirely")
            assert wrong_form.status == "invalid"
            assert all(option in wrong_form.message for option in ex.options(question.name))


# --- item 8: no choice's feedback gives away another question's answer ------------------------

PREDICTION = {spec.key for spec in crm.exercises.prediction.SPECS}

def _leaked(value, whole, answers, strict):
    """The numeric questions whose answer ``value`` shows: within the check's tolerance (a
    count, asked as a whole number, only when written as a whole number); with ``strict`` also
    as computed, as rounded to the question's decimals, or as a percentage for a fraction."""
    leaked = []
    for name, (answer, digits, tolerance, count) in answers.items():
        if name.endswith("(as %)") and not strict:
            continue
        if ((abs(value - answer) <= tolerance and (whole or not count))
                or (strict and (math.isclose(value, answer, rel_tol=1e-6)
                                or math.isclose(value, round(answer, digits), abs_tol=1e-9)))):
            leaked.append(name)
    return leaked


def _leaks(spec):
    """(student, choice question, option, number, numeric questions it gives away) for every
    option of every choice question, for every student. Numbers the student already sees (story,
    prompt, options) do not count.

    The prediction unit keeps its own rule (the check's tolerance, a count only when written as
    a whole number, no percentages): the strict rule flags "P(alive) is only 0.00" as
    target_customers' overlap count 0 (student 2024027) and "23 weeks" as Li's P(alive) of 23%
    in probability_alive_comparison (student 2024012), coincidences, not answers."""
    found = []
    for student in STUDENTS:
        solved = spec.solve(spec.params(student))
        ex = spec.build(student)
        answers = {}
        for q in numerics(spec):
            answer, count = float(solved[q.name]), q.decimals == 0 and q.significant is None
            tolerance = ex._question(q.name).tolerance()
            answers[q.name] = (answer, q.decimals or 0, tolerance, count)
            if q.fraction:
                answers[f"{q.name} (as %)"] = (100 * answer, max((q.decimals or 0) - 2, 0),
                                               100 * tolerance, False)
        for question in choices(spec):
            seen = numbers_in(" ".join([ex.story, ex.prompt(question.name),
                                        *ex.options(question.name)]))
            for option in ex.options(question.name):
                for value, whole in numbers_in(ex.check(question.name, option).message):
                    if any(math.isclose(value, g, abs_tol=1e-9) for g, _ in seen):
                        continue
                    leaked = _leaked(value, whole, answers, strict=spec.key not in PREDICTION)
                    if leaked:
                        found.append((student, question.name, option, value, leaked))
    return found


@_by_key(WITH_CHOICES)
def test_choice_feedback_does_not_reveal_another_questions_answer(spec):
    assert _leaks(spec) == []


# --- item 7: a student's numbers are plain Python values --------------------------------------

@_by_key(SPECS)
def test_student_numbers_are_plain_python_values_in_the_texts(spec):
    # a student's numbers print cleanly and feed crmlib calls (no numpy scalars in the story)
    for student in STUDENTS[:5]:
        ex = spec.build(student)
        assert "np." not in ex.story and "numpy" not in ex.story
        for value in spec.params(student).values():
            assert not isinstance(value, np.generic), (spec.key, value)
        for value in ex.params.values():
            assert not isinstance(value, np.generic), (spec.key, value)
