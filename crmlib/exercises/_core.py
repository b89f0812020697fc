"""Question checking and feedback for the kit's exercises.

A question knows its expected answer (computed by crmlib from the exercise's own numbers), how
close an answer must be, and the wrong answers it recognises with a targeted hint. It checks an
answer typed into a widget or passed from a code cell, and never raises on what a student types:
an empty box, ``...``, text, ``None`` or NaN all get feedback instead.
"""

from __future__ import annotations

import hashlib
import html
import math
import numbers
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

# --------------------------------------------------------------------------- parsing answers

_MULTIPLIERS = {  # longest first when matched
    "百万": 1e6, "千万": 1e7, "万": 1e4, "亿": 1e8, "千": 1e3,
    "million": 1e6, "billion": 1e9, "mn": 1e6, "bn": 1e9, "k": 1e3, "m": 1e6, "b": 1e9,
}
_CURRENCY = ("人民币", "美元", "dollars", "dollar", "yuan", "rmb", "cny", "usd", "元", "块",
             "¥", "$", "€", "£")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_EXAMPLES = "Type a number such as 9200, 9,200, 9200元, 0.92万, 1.5k or 20%."


def parse_number(text) -> float:
    """Read a number the way students type it.

    Accepts thousands separators ("9,200"), currency signs and words ("¥9,200", "9200元",
    "$50,000", "RMB 800"), Chinese and English multipliers ("0.92万" = 9200, "1.5亿",
    "9.2k"), percentages ("20%" = 0.2), full-width characters ("９２００", "２０％") and the
    Unicode minus sign. Never evaluates the text as code.

    Parameters
    ----------
    text : str or number
        What the student typed. Numbers are returned as floats.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        With a friendly message when the text is empty or not a number.

    Examples
    --------
    >>> parse_number("9,200")
    9200.0
    >>> parse_number("0.92万")
    9200.0
    >>> parse_number("20%")
    0.2
    >>> parse_number("¥ 9,200 元")
    9200.0
    """
    if isinstance(text, bool) or text is None or text is Ellipsis:
        raise ValueError(f"No answer yet. {_EXAMPLES}")
    if isinstance(text, numbers.Real):
        value = float(text)
        if math.isnan(value) or math.isinf(value):
            raise ValueError(f"{value} is not a usable number: check the calculation that made it.")
        return value
    if not isinstance(text, str):
        raise ValueError(f"I can only read text or a number, not {type(text).__name__}.")
    s = unicodedata.normalize("NFKC", text).strip().lower()
    if not s:
        raise ValueError(f"The answer box is empty. {_EXAMPLES}")
    s = s.replace("−", "-").replace("–", "-")
    for token in _CURRENCY:
        s = s.replace(token, "")
    s = re.sub(r"\s+", "", s)
    factor = 1.0
    if s.endswith("%"):
        s, factor = s[:-1], 0.01
    elif s.endswith("‰"):
        s, factor = s[:-1], 0.001
    for word in sorted(_MULTIPLIERS, key=len, reverse=True):
        if s.endswith(word) and s[: -len(word)][-1:].isdigit():
            s, factor = s[: -len(word)], factor * _MULTIPLIERS[word]
            break
    if "," in s:
        if not _GROUPED.fullmatch(s):
            raise ValueError(
                f"I could not read {text!r}: commas must separate thousands (9,200). "
                "Use a point for decimals (0.8)."
            )
        s = s.replace(",", "")
    if not _NUMBER.fullmatch(s):
        if re.search(r"[\d.][-+*/()^]|[*/()^]", s):
            raise ValueError(f"{text!r} looks like a formula. Work it out and type the result.")
        raise ValueError(f"I could not read {text!r} as a number. {_EXAMPLES}")
    return float(s) * factor


# --------------------------------------------------------------------------- feedback

_ICONS = {"correct": "✅", "incorrect": "❌", "not_attempted": "✏️", "invalid": "⚠️"}
_COLOURS = {"correct": "#1a7f37", "incorrect": "#b42318", "not_attempted": "#555555",
            "invalid": "#9a6700"}


@dataclass(frozen=True)
class Feedback:
    """The result of checking one answer.

    ``status`` is ``"correct"``, ``"incorrect"``, ``"not_attempted"`` or ``"invalid"`` (the
    answer could not be read as a number or option); ``message`` says what to do next.
    """

    status: str
    message: str

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def __str__(self) -> str:
        return f"{_ICONS[self.status]} {self.message}"

    __repr__ = __str__

    def to_html(self) -> str:
        colour = _COLOURS[self.status]
        return f'<span style="color:{colour}">{html.escape(str(self))}</span>'


NOT_ATTEMPTED = Feedback("not_attempted", "Not attempted yet: replace ... with your answer.")


def _is_blank(answer) -> bool:
    return answer is None or answer is Ellipsis or (isinstance(answer, str) and not answer.strip())


def _to_number(answer):
    """A float, or a Feedback explaining why the answer is not one."""
    if _is_blank(answer):
        return NOT_ATTEMPTED
    if isinstance(answer, pd.Series | pd.DataFrame | np.ndarray | list | tuple):
        values = np.asarray(answer, dtype=object).ravel()
        if values.size != 1:
            return Feedback("invalid", f"Give one number, not {values.size} values.")
        answer = values[0]
    if isinstance(answer, np.generic):
        answer = answer.item()
    if isinstance(answer, bool):
        return Feedback("invalid", "That is True/False; this question wants a number.")
    if isinstance(answer, numbers.Real) and math.isnan(float(answer)):
        return Feedback("invalid", "Your answer is NaN (not a number): check the calculation "
                                   "that produced it, e.g. a missing value or 0/0.")
    try:
        return parse_number(answer)
    except ValueError as error:
        return Feedback("invalid", str(error))


def format_number(value: float, unit: str = "") -> str:
    """A readable rendering of an expected value: 9,200 / 0.8 / 1,111.11 yuan.

    Whole numbers that carry floating-point noise (2000 / 0.2 − 800 = 9200.000000000002)
    still show as whole numbers.

    >>> format_number(9200.000000000002, "yuan")
    '9,200 yuan'
    >>> format_number(1111.111111)
    '1,111.11'
    """
    if abs(value) >= 1 and math.isclose(value, round(value), rel_tol=1e-12):
        text = f"{value:,.0f}"
    elif abs(value) >= 100:
        text = f"{value:,.2f}"
    else:
        text = f"{value:.4g}"
    return f"{text} {unit}".strip()


# --------------------------------------------------------------------------- questions


@dataclass
class Hint:
    """A recognised wrong answer and what to say about it."""

    value: float
    message: str


@dataclass
class NumericQuestion:
    """A question whose answer is a number.

    Parameters
    ----------
    prompt : str
        The question as the student reads it.
    answer : float
        The expected value (computed with crmlib from the exercise's numbers).
    unit : str
        Shown in the feedback ("yuan", "years", "" for a fraction).
    rel_tol, abs_tol : float
        An answer is accepted when it is within ``max(abs_tol, rel_tol * |answer|)``.
    hints : list of Hint
        Known wrong answers with a targeted message.
    explanation : str
        Shown after a correct answer: why it is right, in one sentence.
    hint : str
        General hint for a wrong answer that matches no known mistake.
    """

    prompt: str
    answer: float
    unit: str = ""
    rel_tol: float = 0.005
    abs_tol: float = 1e-9
    hints: list[Hint] = field(default_factory=list)
    explanation: str = ""
    hint: str = "Check each step against the formula in the lesson."

    def _close(self, a: float, b: float) -> bool:
        return abs(a - b) <= max(self.abs_tol, self.rel_tol * abs(b))

    def check(self, answer) -> Feedback:
        """Feedback on ``answer`` (a number, or text as typed); never raises."""
        value = _to_number(answer)
        if isinstance(value, Feedback):
            return value
        shown = format_number(value)
        if self._close(value, self.answer):
            return Feedback("correct", f"Correct: {format_number(self.answer, self.unit)}. "
                                       f"{self.explanation}".strip())
        for known in self.hints:
            if self._close(value, known.value):
                return Feedback("incorrect", f"Not quite ({shown}). {known.message}")
        looks_like_percent = 1 < abs(value) <= 100 and abs(self.answer) <= 1
        if looks_like_percent and self._close(value / 100, self.answer):
            return Feedback("incorrect", f"{shown} looks like a percentage. Rates are fractions "
                                         f"here: type {value / 100:g} or {value:g}%.")
        if self.answer != 0 and self._close(-value, self.answer):
            return Feedback("incorrect", f"Not quite ({shown}): check the sign.")
        return Feedback("incorrect", f"Not quite ({shown}). {self.hint}")

    def widget(self):
        """A prompt, an answer box, a Check button and a feedback line."""
        return _question_widget(self, answer_control="text")


@dataclass
class ChoiceQuestion:
    """A multiple-choice question.

    ``options`` are the choices as shown; ``correct`` is the correct option's text;
    ``explanations`` maps an option to what to say when it is chosen.
    Answers may be the option text or its letter ("A", "b").
    """

    prompt: str
    options: Sequence[str]
    correct: str
    explanations: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self):
        if self.correct not in self.options:
            raise ValueError(f"correct must be one of the options; got {self.correct!r}.")

    @property
    def answer(self) -> str:
        return self.correct

    def _resolve(self, answer):
        if _is_blank(answer):
            return NOT_ATTEMPTED
        if not isinstance(answer, str):
            return Feedback("invalid", "Answer with the option's letter or its text.")
        text = unicodedata.normalize("NFKC", answer).strip()
        letters = {chr(ord("a") + k): option for k, option in enumerate(self.options)}
        if text.lower().rstrip(").") in letters:
            return letters[text.lower().rstrip(").")]
        for option in self.options:
            if text.casefold() == option.casefold():
                return option
        choices = ", ".join(f"{chr(ord('A') + k)}" for k in range(len(self.options)))
        return Feedback("invalid", f"{answer!r} is not one of the options; answer {choices}.")

    def check(self, answer) -> Feedback:
        """Feedback on ``answer``; never raises."""
        chosen = self._resolve(answer)
        if isinstance(chosen, Feedback):
            return chosen
        note = self.explanations.get(chosen, "")
        if chosen == self.correct:
            return Feedback("correct", f"Correct: {chosen}. {note}".strip())
        return Feedback("incorrect", f"Not this one ({chosen}). {note or 'Think again.'}".strip())

    def widget(self):
        """The options as radio buttons, a Check button and a feedback line."""
        return _question_widget(self, answer_control="choice")


def _question_widget(question, *, answer_control: str):
    import ipywidgets as widgets

    prompt = widgets.HTML(f"<b>{html.escape(question.prompt)}</b>")
    if answer_control == "text":
        unit = f" ({question.unit})" if question.unit else ""
        answer_box = widgets.Text(placeholder=f"your answer{unit}", continuous_update=False)
    else:
        answer_box = widgets.RadioButtons(options=list(question.options), value=None,
                                          layout=widgets.Layout(width="auto"))
    check_button = widgets.Button(description="Check", button_style="primary", icon="check")
    feedback = widgets.HTML("")

    def on_check(_button):
        feedback.value = question.check(answer_box.value).to_html()

    check_button.on_click(on_check)
    box = widgets.VBox([prompt, widgets.HBox([answer_box, check_button]), feedback])
    box.add_class("crm-question")
    box.answer_box, box.check_button, box.feedback = answer_box, check_button, feedback
    return box


# --------------------------------------------------------------------------- exercise sets


def student_seed(student) -> int | None:
    """A stable integer seed from a student id (number or text); ``None`` stays ``None``.

    Uses SHA-256 of the id's text, so the same id gives the same numbers on every machine.

    >>> student_seed(None) is None
    True
    >>> student_seed("2024001") == student_seed(2024001)
    True
    """
    if student is None:
        return None
    text = str(student).strip()
    if not text:
        raise ValueError("student id is empty; leave it as None for the textbook's numbers.")
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


class ExerciseSet:
    """Questions that share one exercise's numbers.

    Parameters
    ----------
    title : str
        Shown by :meth:`show`.
    story : str
        The exercise's text with its numbers filled in.
    params : mapping
        The numbers the student uses (also available as attributes: ``ex.margin``).
    questions : mapping of str to question
        In the order the student answers them.
    student : str or int, optional
        The student id the numbers were drawn for (``None`` = the textbook's numbers).
    """

    def __init__(self, title, story, params, questions, *, student=None):
        self.title = title
        self.story = story
        self.params = dict(params)
        self.questions = dict(questions)
        self.student = student

    def __getattr__(self, name):
        params = self.__dict__.get("params", {})
        if name in params:
            return params[name]
        raise AttributeError(f"this exercise has no number called {name!r}; "
                             f"it has: {', '.join(params)}")

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self.params))

    def _question(self, name):
        if name not in self.questions:
            raise KeyError(f"no question {name!r}; the questions are: {', '.join(self.questions)}")
        return self.questions[name]

    def check(self, name: str, answer) -> Feedback:
        """Check the answer to question ``name`` (never raises on the answer)."""
        return self._question(name).check(answer)

    def widget(self, name: str):
        """The answer widget for question ``name``."""
        return self._question(name).widget()

    def show(self) -> None:
        """Print the exercise with this student's numbers."""
        who = "the textbook's numbers" if self.student is None else f"numbers for {self.student}"
        print(f"{self.title} ({who})\n\n{self.story}")

    def answer_key(self) -> pd.DataFrame:
        """Question, expected answer and unit: the instructor's key for these numbers."""
        rows = [{"question": name, "prompt": q.prompt, "answer": q.answer,
                 "unit": getattr(q, "unit", "")} for name, q in self.questions.items()]
        return pd.DataFrame(rows)

    def __repr__(self) -> str:
        return f"<ExerciseSet {self.title!r}: {len(self.questions)} questions>"


ExerciseFactory = Callable[..., ExerciseSet]
