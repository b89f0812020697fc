"""Marking graded work on the instructor's side: the one entry point autograders call.

A graded exercise set (``graded=True``) records answers and never computes them. Marking happens
where the answers may be computed: the kit's grader (``tools/grade.py``) and nbgrader's hidden
test cells both end in :meth:`crmlib.exercises.Exercise.grade`, so a graded answer is marked by
the same questions, tolerance and known wrong paths as a practice check.

nbgrader's ``autograde`` gives a notebook no variable with the student's id; it executes each
submission in ``autograded/<student_id>/<assignment>/`` with ``NBGRADER_EXECUTION=autograde`` in
the environment. :func:`nbgrader_student` reads the id from there, so a hidden test marks the
answers against the submitting student's numbers, whatever id was typed into ``STUDENT_ID``.
"""

from __future__ import annotations

import math
import os
import unicodedata
from pathlib import Path

from crmlib.exercises._core import ExerciseSet
from crmlib.i18n import text


def exercise_settings(exercise: ExerciseSet) -> dict:
    """The settings (``when="begin"`` …) a spec-built exercise set was made with."""
    spec = _spec_of(exercise)
    return {name: exercise.params[name] for name in spec.settings}


def _spec_of(exercise: ExerciseSet):
    spec = getattr(exercise, "_spec", None)
    if spec is None:
        raise TypeError(text("grading.not_a_spec", exercise=repr(exercise)))
    return spec


def _same_student(a, b) -> bool:
    def fold(student):
        return None if student is None else unicodedata.normalize(
            "NFKC", str(student)).strip().casefold()
    return fold(a) == fold(b)


def nbgrader_student() -> str | None:
    """The submitting student's id while nbgrader autogrades, else ``None``.

    nbgrader runs a submission with the working directory
    ``<course>/autograded/<student_id>/<assignment>/`` and ``NBGRADER_EXECUTION=autograde``.
    """
    if os.environ.get("NBGRADER_EXECUTION") != "autograde":
        return None
    here = Path.cwd()
    if here.parent.parent.name != "autograded":
        return None
    return here.parent.name


def assert_correct(exercise: ExerciseSet, question: str, answer, *, student=None) -> None:
    """Raise AssertionError unless ``answer`` is correct for ``student``'s numbers.

    For autograder test cells (the nbgrader export's hidden tests). ``student`` defaults to
    :func:`nbgrader_student` while nbgrader autogrades, else to the exercise's own student; the
    answer is marked against that student's numbers even when the notebook's ``STUDENT_ID``
    names someone else (the message then says so). The answer is marked by
    :meth:`~crmlib.exercises.Exercise.grade` with the exercise's settings; the error message is
    the feedback a student would read, in the kit's language.

    Examples
    --------
    The course's hotel: CLV = 2000 × 0.8 / 0.2 − 800 = 7,200 yuan (course formula).

    >>> import crmlib as crm
    >>> hotel = crm.exercises.hotel_loyalty(graded=True)
    >>> assert_correct(hotel, "clv_before", 7200)
    >>> assert_correct(hotel, "clv_before", 9200)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    AssertionError: Not quite (9,200). ...
    """
    spec = _spec_of(exercise)
    if student is None:
        student = nbgrader_student()
    if student is None:
        student = exercise.student
    feedback = spec.grade(student, {question: answer}, **exercise_settings(exercise))[question]
    if not feedback.correct:
        message = feedback.message
        if not _same_student(student, exercise.student):
            message += " " + text("grading.problem.wrong_student_id", found=exercise.student,
                                  expected=student)
        raise AssertionError(message)


# --------------------------------------------------------------------------- collecting answers
# The kit's grader re-executes a submission in a fresh kernel whose first cell calls
# record_answers_to(path): after every cell, the answers recorded by every exercise set in the
# notebook's namespace are written to ``path`` as JSON, so answers given before a cell that
# hangs or kills Python are kept.


def encode_answer(answer):
    """An answer as JSON data that :func:`decode_answer` turns back into what the check reads."""
    import datetime as dt

    import numpy as np
    import pandas as pd

    if isinstance(answer, pd.Series | pd.DataFrame | np.ndarray | list):
        values = np.asarray(answer, dtype=object).ravel()
        if values.size == 1:
            return encode_answer(values[0])
        return {"kind": "many", "count": int(values.size)}
    if isinstance(answer, np.generic):
        answer = answer.item()
    if answer is None or isinstance(answer, bool | str):
        return {"kind": "plain", "value": answer}
    if isinstance(answer, int | float):
        return {"kind": "plain", "value": answer if math.isfinite(answer) else repr(answer),
                "finite": math.isfinite(answer)}
    if isinstance(answer, tuple) and all(isinstance(v, int | float | str) for v in answer):
        return {"kind": "tuple", "value": list(answer)}
    if isinstance(answer, pd.Timedelta | dt.timedelta | np.timedelta64):
        return {"kind": "timedelta", "value": str(pd.Timedelta(answer))}
    return {"kind": "other", "type": type(answer).__name__}


def decode_answer(data):
    """The answer :func:`encode_answer` wrote, as the engine's checks read it."""
    kind = data.get("kind")
    if kind == "plain":
        value = data.get("value")
        return float(value) if data.get("finite") is False else value
    if kind == "tuple":
        return tuple(data["value"])
    if kind == "many":
        return [math.nan] * max(int(data.get("count", 2)), 2)
    if kind == "timedelta":
        import pandas as pd

        return pd.Timedelta(data["value"])
    # an object the checks cannot read: a stand-in of the same type name gets the same feedback
    return type(str(data.get("type", "object")), (), {})()


def collect_answers(namespace: dict) -> list[dict]:
    """Every spec-built exercise set in ``namespace`` (and in lists, tuples and dicts one level
    down), with its settings, student, mode and recorded answers."""
    found, seen = [], set()

    def add(name, value):
        if isinstance(value, ExerciseSet) and id(value) not in seen:
            seen.add(id(value))
            spec = getattr(value, "_spec", None)
            if spec is None:
                return
            found.append({"variable": name, "exercise": spec.key,
                          "settings": exercise_settings(value),
                          "student": None if value.student is None else str(value.student),
                          "graded": bool(value.graded),
                          "answers": {q: encode_answer(a) for q, a in value._responses.items()}})

    for name, value in list(namespace.items()):
        if name.startswith("_"):
            continue
        add(name, value)
        inner = value.values() if isinstance(value, dict) else value
        if isinstance(value, list | tuple | dict):
            for item in list(inner)[:100]:
                add(name, item)
    return found


def write_answers(path, namespace: dict | None = None) -> None:
    """Write the answers of every exercise set in ``namespace`` (default: the notebook's) to
    ``path`` as JSON."""
    import json

    if namespace is None:
        from IPython import get_ipython

        namespace = get_ipython().user_ns
    data = json.dumps(collect_answers(namespace), ensure_ascii=False)
    Path(path).write_text(data, encoding="utf-8")


def record_answers_to(path) -> None:
    """Write the notebook's recorded answers to ``path`` now and after every cell (the
    grader's first cell calls it)."""
    from IPython import get_ipython

    shell = get_ipython()

    def write(*_):
        try:   # a cell that deleted the folder must not lose the answers given after it
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            write_answers(path, shell.user_ns)
        except OSError:
            pass

    shell.events.register("post_run_cell", write)
    write()
