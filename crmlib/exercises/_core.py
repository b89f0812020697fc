"""Question checking and feedback for the kit's exercises: the machinery under the specs.

A question knows its expected answer (computed by crmlib from the exercise's own numbers), how
close an answer must be, and the wrong answers it recognises with a targeted hint. It checks an
answer typed into a widget or passed from a code cell, and never raises on what a student types:
an empty box, ``...``, text, ``None`` or NaN all get feedback instead. Every sentence it says
comes from the text catalogue (:mod:`crmlib.i18n`), so it speaks the kit's current language.

Exercises themselves are data (:mod:`crmlib.exercises._spec`); this module holds what every
exercise shares: reading numbers, numeric and choice questions, feedback, the answer widget and
the exercise set a student works with.
"""

from __future__ import annotations

import datetime as _dt
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

from crmlib.i18n import text

# --------------------------------------------------------------------------- parsing answers

_MULTIPLIERS = {  # longest first when matched
    "百万": 1e6, "千万": 1e7, "万": 1e4, "亿": 1e8, "千": 1e3,
    "million": 1e6, "billion": 1e9, "mn": 1e6, "bn": 1e9, "k": 1e3, "m": 1e6, "b": 1e9,
}
_CURRENCY = ("人民币", "美元", "dollars", "dollar", "yuan", "rmb", "cny", "usd", "元", "块",
             "¥", "$", "€", "£")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?")
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def _examples() -> str:
    return text("parse.examples")


def parse_number(answer) -> float:
    """Read a number the way students type it.

    Accepts thousands separators ("9,200"), currency signs and words ("¥9,200", "9200元",
    "$50,000", "RMB 800"), Chinese and English multipliers ("0.92万" = 9200, "1.5亿",
    "9.2k"), percentages ("20%" = 0.2), full-width characters ("９２００", "２０％") and the
    Unicode minus sign. Never evaluates the text as code.

    Parameters
    ----------
    answer : str or number
        What the student typed. Numbers are returned as floats.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        With a friendly message (in the kit's language) when the text is empty, not a number,
        or not finite.

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
    if isinstance(answer, bool) or answer is None or answer is Ellipsis:
        raise ValueError(text("parse.no_answer", examples=_examples()))
    if isinstance(answer, numbers.Real):
        value = float(answer)
        if not math.isfinite(value):
            raise ValueError(text("parse.not_finite", value=value))
        return value
    if not isinstance(answer, str):
        raise ValueError(text("parse.not_text", kind=type(answer).__name__))
    s = unicodedata.normalize("NFKC", answer).strip().lower()
    if not s:
        raise ValueError(text("parse.empty_box", examples=_examples()))
    s = s.replace("−", "-").replace("–", "-").replace("，", ",").replace("。", ".")
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
            raise ValueError(text("parse.commas", answer=repr(answer),
                                  joined=re.sub(r"[^\d.]", "", s) or "1234"))
        s = s.replace(",", "")
    if not _NUMBER.fullmatch(s):
        if re.search(r"[\d.][-+*/()^]|[*/()^]", s):
            raise ValueError(text("parse.formula", answer=repr(answer)))
        raise ValueError(text("parse.unreadable", answer=repr(answer), examples=_examples()))
    value = float(s) * factor
    if not math.isfinite(value):
        raise ValueError(text("parse.not_finite", value=answer.strip()))
    return value


# --------------------------------------------------------------------------- feedback

_ICONS = {"correct": "✅", "incorrect": "❌", "not_attempted": "✏️", "invalid": "⚠️",
          "recorded": "📝"}
_COLOURS = {"correct": "#1a7f37", "incorrect": "#b42318", "not_attempted": "#555555",
            "invalid": "#9a6700", "recorded": "#1f4e79"}


@dataclass(frozen=True)
class Feedback:
    """The result of checking one answer.

    ``status`` is ``"correct"``, ``"incorrect"``, ``"not_attempted"``, ``"invalid"`` (the
    answer could not be read as a number or option) or ``"recorded"`` (graded work: kept, not
    marked); ``message`` says what to do next. ``mistake`` names the known wrong path an
    incorrect answer matched, for the instructor's tools (a spec's mistake key such as
    ``"other_timing"``, ``"slip.million_for_yuan"``, ``"percentage"``, ``"sign"``, or the
    option chosen in a choice question); ``None`` when it matched none.
    """

    status: str
    message: str
    mistake: str | None = None

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def __str__(self) -> str:
        return f"{_ICONS[self.status]} {self.message}"

    __repr__ = __str__

    def to_html(self) -> str:
        colour = _COLOURS[self.status]
        return f'<span style="color:{colour}">{html.escape(str(self))}</span>'


def _is_blank(answer) -> bool:
    return answer is None or answer is Ellipsis or (isinstance(answer, str) and not answer.strip())


def _blank_feedback(answer, prompt: str, key: str, **values) -> Feedback:
    """Not attempted: a code cell still holding ``...`` shows the question; an empty box says so."""
    if isinstance(answer, str):
        return Feedback("not_attempted", text("parse.empty_box", examples=_examples()))
    return Feedback("not_attempted", text(key, prompt=prompt, **values))


def _to_number(answer):
    """A float, or a Feedback explaining why the answer is not one (never raises)."""
    if isinstance(answer, tuple) and len(answer) > 1 and all(
            isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in answer):
        joined = "".join(str(v) for v in answer)
        return Feedback("invalid", text("parse.tuple", answer=repr(answer), joined=joined,
                                        grouped=",".join(str(v) for v in answer)))
    if isinstance(answer, pd.Timedelta | _dt.timedelta | np.timedelta64):
        return Feedback("invalid", text("parse.timedelta", answer=str(answer)))
    if isinstance(answer, pd.Series | pd.DataFrame | np.ndarray | list | tuple):
        values = np.asarray(answer, dtype=object).ravel()
        if values.size != 1:
            return Feedback("invalid", text("parse.one_value", count=values.size))
        answer = values[0]
    if isinstance(answer, np.generic):
        answer = answer.item()
    if isinstance(answer, bool):
        return Feedback("invalid", text("parse.true_false"))
    if isinstance(answer, numbers.Real) and math.isnan(float(answer)):
        return Feedback("invalid", text("parse.nan"))
    try:
        return parse_number(answer)
    except ValueError as error:
        return Feedback("invalid", str(error))


def _has_magnitude_word(answer) -> bool:
    """Whether typed text carries its own magnitude ("1.5亿", "150 million", "0.92万")."""
    if not isinstance(answer, str):
        return False
    folded = unicodedata.normalize("NFKC", answer).strip().lower()
    return any(word in folded for word in ("万", "亿", "千", "million", "billion", "mn", "bn"))


def format_number(value: float, unit: str = "", decimals: int | None = None) -> str:
    """A readable rendering of a number: 9,200 / 0.8 / 1,111.11 yuan.

    Whole numbers that carry floating-point noise (2000 / 0.2 − 800 = 9200.000000000002)
    still show as whole numbers; ``decimals`` fixes the number of decimals shown.

    >>> format_number(9200.000000000002, "yuan")
    '9,200 yuan'
    >>> format_number(1111.111111)
    '1,111.11'
    >>> format_number(0.275, decimals=3)
    '0.275'
    """
    if decimals is not None:
        shown = f"{value:,.{max(decimals, 0)}f}"
    elif abs(value) >= 1 and math.isclose(value, round(value), rel_tol=1e-12):
        shown = f"{value:,.0f}"
    elif abs(value) >= 100:
        shown = f"{value:,.2f}"
    else:
        shown = f"{value:.4g}"
    return f"{shown} {unit}".strip()


# --------------------------------------------------------------------------- questions


@dataclass
class Hint:
    """A recognised wrong answer, what to say about it, and the mistake's key."""

    value: float
    message: str
    mistake: str = ""


#: Unit slips the checker recognises by themselves: (unit, factor the slip multiplies the right
#: answer by, text key). ``"yuan"``: 9.2 for 9,200,000 is an answer in millions.
UNIT_SLIPS = (
    ("yuan", 1e-6, "slip.million_for_yuan"),
    ("yuan", 1e-4, "slip.wan_for_yuan"),
    ("million_yuan", 1e6, "slip.yuan_for_million"),
    ("weeks", 7.0, "slip.days_for_weeks"),
    ("days", 1 / 7, "slip.weeks_for_days"),
)


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
    decimals : int, optional
        Decimals shown in feedback (the precision the question asks for).
    unit_key : str
        The unit's catalogue key (``"yuan"``, ``"weeks"`` …) for the unit-slip hints.
    """

    prompt: str
    answer: float
    unit: str = ""
    rel_tol: float = 0.005
    abs_tol: float = 1e-9
    hints: list[Hint] = field(default_factory=list)
    explanation: str = ""
    hint: str = ""
    decimals: int | None = None
    unit_key: str = ""

    def tolerance(self) -> float:
        return max(self.abs_tol, self.rel_tol * abs(self.answer))

    def _close(self, a: float, b: float) -> bool:
        return abs(a - b) <= max(self.abs_tol, self.rel_tol * abs(b))

    def _show(self, value, unit=""):
        """The expected value as the correct-answer line shows it: one digit more than asked,
        so 0.275 asked to 2 decimals shows as 0.275, not 0.27 or 0.28."""
        if self.decimals is None or value == round(value):
            return format_number(value, unit)
        shown = f"{value:,.{self.decimals + 1}f}".rstrip("0").rstrip(".")
        return f"{shown} {unit}".strip()

    def check(self, answer) -> Feedback:
        """Feedback on ``answer`` (a number, or text as typed); never raises."""
        if _is_blank(answer):
            return _blank_feedback(answer, self.prompt, "numeric.not_attempted")
        value = _to_number(answer)
        if isinstance(value, Feedback):
            return value
        if self.unit_key == "million_yuan" and _has_magnitude_word(answer):
            value = value / 1e6   # "-1.5亿" or "150 million" is an amount in yuan
        shown = format_number(value)
        if self._close(value, self.answer):
            return Feedback("correct", text("numeric.correct",
                                            answer=self._show(self.answer, self.unit),
                                            explanation=self.explanation).strip())
        matches = [known for known in self.hints if self._close(value, known.value)]
        if matches:
            nearest = min(abs(k.value - value) for k in matches)
            same = [k for k in matches if math.isclose(abs(k.value - value), nearest,
                                                        rel_tol=1e-9, abs_tol=1e-12)]
            messages = list(dict.fromkeys(k.message for k in same))
            mistake = "+".join(dict.fromkeys(k.mistake for k in same if k.mistake)) or None
            return Feedback("incorrect", text("numeric.not_quite", shown=shown,
                                              hint=" ".join(messages)), mistake)
        for unit, factor, key in UNIT_SLIPS:
            # in either unit's precision: 1,138,242 yuan for 1.14 million is a slip too
            slipped = self._close(value, self.answer * factor) or self._close(value / factor,
                                                                               self.answer)
            if unit == self.unit_key and slipped:
                return Feedback("incorrect", text("numeric.not_quite", shown=shown,
                                                  hint=text(key)), key)
        looks_like_percent = 1 < abs(value) <= 100 and abs(self.answer) <= 1
        if looks_like_percent and self._close(value / 100, self.answer):
            return Feedback("incorrect", text("numeric.percentage", shown=f"{value:g}",
                                              fraction=f"{value / 100:g}"), "percentage")
        if self.answer != 0 and self._close(-value, self.answer):
            return Feedback("incorrect", text("numeric.sign", shown=shown), "sign")
        return Feedback("incorrect", text("numeric.not_quite", shown=shown,
                                          hint=self.hint or text("numeric.default_hint")))

    def widget(self, *, record=None):
        """A prompt, an answer box, a Check button and a feedback line."""
        return _question_widget(self, answer_control="text", record=record)


def _fold(answer: str) -> str:
    """An answer folded for comparison: width, case, spaces and end punctuation ignored."""
    folded = unicodedata.normalize("NFKC", answer).casefold().strip()
    folded = re.sub(r"[\s\-_]+", " ", folded)
    return folded.strip(" .。!！)）(（\"'“”")


@dataclass
class ChoiceQuestion:
    """A multiple-choice question.

    ``options`` are the choices as shown; ``correct`` is the correct option's text;
    ``explanations`` maps an option to what to say when it is chosen. Answers may be the
    option's text in any language the catalogue has, a synonym listed in ``accepted``, or,
    when ``letters`` is true, its letter ("A", "b)").
    """

    prompt: str
    options: Sequence[str]
    correct: str
    explanations: Mapping[str, str] = field(default_factory=dict)
    accepted: Mapping[str, Sequence[str]] = field(default_factory=dict)
    letters: bool = True

    def __post_init__(self):
        if self.correct not in self.options:
            raise ValueError(f"correct must be one of the options; got {self.correct!r}.")

    @property
    def answer(self) -> str:
        return self.correct

    def _listing(self) -> str:
        if self.letters:
            return "; ".join(f"{chr(ord('A') + k)}. {option}"
                             for k, option in enumerate(self.options))
        return "; ".join(self.options)

    def _resolve(self, answer):
        if _is_blank(answer):
            return _blank_feedback(answer, self.prompt, "choice.not_attempted",
                                   options=self._listing())
        if isinstance(answer, np.str_):
            answer = str(answer)
        if not isinstance(answer, str):
            return Feedback("invalid", text("choice.answer_with", options=self._listing()))
        folded = _fold(answer)
        letter = folded.rstrip(").")
        if len(letter) == 1 and "a" <= letter <= "z":
            index = ord(letter) - ord("a")
            if not self.letters:
                return Feedback("invalid", text("choice.letters_refused",
                                                options=self._listing()))
            if index < len(self.options):
                return self.options[index]
        for option in self.options:
            spellings = [option, *self.accepted.get(option, ())]
            if folded in {_fold(s) for s in spellings}:
                return option
        return Feedback("invalid", text("choice.unknown", answer=repr(answer),
                                        options=self._listing()))

    def check(self, answer) -> Feedback:
        """Feedback on ``answer``; never raises."""
        chosen = self._resolve(answer)
        if isinstance(chosen, Feedback):
            return chosen
        reason = self.explanations.get(chosen, "")
        if chosen == self.correct:
            return Feedback("correct", text("choice.correct", option=chosen,
                                            reason=reason).strip())
        return Feedback("incorrect", text("choice.not_this", option=chosen,
                                          reason=reason or text("choice.default_reason")),
                        chosen)

    def widget(self, *, record=None):
        """The options as radio buttons, a Check button and a feedback line."""
        return _question_widget(self, answer_control="choice", record=record)


def _question_widget(question, *, answer_control: str, record=None):
    """The answer widget; ``record(answer)`` replaces checking in graded work."""
    import ipywidgets as widgets

    prompt = widgets.HTML(f"<b>{html.escape(question.prompt)}</b>",
                          layout=widgets.Layout(width="auto"))
    if answer_control == "text":
        placeholder = (text("widget.placeholder_unit", unit=question.unit) if question.unit
                       else text("widget.placeholder"))
        answer_box = widgets.Text(placeholder=placeholder, continuous_update=False)
    else:
        answer_box = widgets.RadioButtons(options=list(question.options), value=None,
                                          layout=widgets.Layout(width="auto"))
    check_button = widgets.Button(description=text("widget.check"), button_style="primary",
                                  icon="check")
    feedback = widgets.HTML("")
    attempts = [0]

    def on_check(_button):
        attempts[0] += 1
        verdict = (record or question.check)(answer_box.value)
        counter = text("widget.attempt", n=attempts[0]) if attempts[0] > 1 else ""
        feedback.value = f"{html.escape(counter)} {verdict.to_html()}".strip()

    check_button.on_click(on_check)
    box = widgets.VBox([prompt, widgets.HBox([answer_box, check_button]), feedback])
    box.add_class("crm-question")
    box.answer_box, box.check_button, box.feedback = answer_box, check_button, feedback
    return box


# --------------------------------------------------------------------------- exercise sets


def student_seed(student) -> int | None:
    """A stable integer seed from a student id (number or text); ``None`` stays ``None``.

    Uses SHA-256 of the id's text with width, case and surrounding spaces ignored, so
    ``"S-0042"``, ``"s-0042"`` and ``" S-0042 "`` give the same numbers on every machine.

    >>> student_seed(None) is None
    True
    >>> student_seed("2024001") == student_seed(2024001)
    True
    >>> student_seed("S-0042") == student_seed("s-0042")
    True
    """
    if student is None:
        return None
    key = unicodedata.normalize("NFKC", str(student)).strip().casefold()
    if not key:
        raise ValueError(text("exercise.empty_student"))
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big")


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
    questions : mapping of str to question, or a callable returning one
        In the order the student answers them. A callable is called on every use, so the
        texts follow the current language.
    student : str or int, optional
        The student id the numbers were drawn for (``None`` = the exercise's own numbers).
    numbers : {"course", "illustrative"}
        What the numbers without a student id are: the course material's, or the kit's own.
    graded : bool
        Graded work: checks record the answer instead of marking it.
    """

    def __init__(self, title, story, params, questions, *, student=None, numbers="course",
                 graded=False):
        self._title = title
        self._story = story
        self.params = dict(params)
        self._questions = questions
        self.student = student
        self.numbers = numbers
        self.graded = bool(graded)
        self._responses: dict[str, object] = {}

    # texts are callables in spec-built sets, so they follow the language
    @property
    def title(self) -> str:
        return self._title() if callable(self._title) else self._title

    @property
    def story(self) -> str:
        return self._story() if callable(self._story) else self._story

    def _all_questions(self) -> dict:
        return dict(self._questions() if callable(self._questions) else self._questions)

    @property
    def question_names(self) -> list[str]:
        """The questions' names, in order."""
        return list(self._all_questions())

    def prompt(self, name: str) -> str:
        """The text of question ``name``."""
        return self._question(name).prompt

    def options(self, name: str) -> list[str]:
        """The options of choice question ``name`` as shown (``[]`` for a numeric question)."""
        return list(getattr(self._question(name), "options", []))

    def __getattr__(self, name):
        params = self.__dict__.get("params", {})
        if name in params:
            return params[name]
        raise AttributeError(text("exercise.no_number", name=repr(name),
                                  names=", ".join(params)))

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self.params))

    def _question(self, name):
        questions = self._all_questions()
        if name not in questions:
            raise KeyError(text("exercise.no_question", name=repr(name),
                                names=", ".join(questions)))
        return questions[name]

    def _record(self, name: str, answer) -> Feedback:
        question = self._question(name)
        if _is_blank(answer):
            return question.check(answer)
        self._responses[name] = answer
        if isinstance(question, ChoiceQuestion):
            chosen = question._resolve(answer)
            if isinstance(chosen, Feedback):
                return chosen
            return Feedback("recorded", text("choice.recorded", option=chosen))
        value = _to_number(answer)
        if isinstance(value, Feedback):
            return value
        return Feedback("recorded", text("numeric.recorded", shown=format_number(value)))

    def check(self, name: str, answer) -> Feedback:
        """Check the answer to question ``name`` (never raises on the answer).

        The last answer given to each question is kept (graded work is marked from it).
        """
        if self.graded:
            return self._record(name, answer)
        feedback = self._question(name).check(answer)
        if not _is_blank(answer):
            self._responses[name] = answer
        return feedback

    def widget(self, name: str):
        """The answer widget for question ``name``."""
        question = self._question(name)
        record = (lambda answer: self._record(name, answer)) if self.graded else None
        return question.widget(record=record)

    def show(self) -> None:
        """Print the exercise with this student's numbers, and how to reach them in code."""
        if self.student is not None:
            numbers = text("exercise.student_numbers", student=self.student)
        else:
            numbers = text(f"exercise.{self.numbers}_numbers")
        names = ", ".join(f".{name}" for name in self.params)
        lines = [text("exercise.heading", title=self.title, numbers=numbers), "",
                 self.story, "", text("exercise.data_note", names=names)]
        if self.graded:
            lines += ["", text("exercise.graded_note")]
        _display_text("\n".join(lines))

    def _answer_key(self) -> pd.DataFrame:
        """Question, expected answer and unit: for the instructor's tools, not for students."""
        rows = [{"question": name, "prompt": q.prompt, "answer": q.answer,
                 "unit": getattr(q, "unit", "")} for name, q in self._all_questions().items()]
        return pd.DataFrame(rows)

    def __repr__(self) -> str:
        return f"<ExerciseSet {self.title!r}: {len(self._all_questions())} questions>"


class _WrappedText:
    """Text that wraps at word boundaries at any window width in a notebook (plain elsewhere)."""

    def __init__(self, body: str):
        self.body = body

    def __repr__(self) -> str:
        return self.body

    def _repr_html_(self) -> str:
        style = "white-space:pre-wrap;word-break:normal;overflow-wrap:break-word"
        return f'<pre style="{style}">{html.escape(self.body)}</pre>'


def _display_text(body: str) -> None:
    """Show ``body`` as wrapped HTML in a notebook, or print it (console, tests, doctests)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the kit
        get_ipython = None
    shell = get_ipython() if get_ipython else None
    if shell is not None and getattr(shell, "kernel", None) is not None:
        from IPython.display import display

        display(_WrappedText(body))
    else:
        print(body)


ExerciseFactory = Callable[..., ExerciseSet]
