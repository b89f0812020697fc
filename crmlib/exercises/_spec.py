"""Exercises as data: a spec says what an exercise is; one engine turns it into questions.

An :class:`Exercise` holds

* ``defaults``: the exercise's own numbers (the course's, or the kit's illustration:
  ``numbers=``), a mapping or a function of the settings;
* ``draw(rng, settings)``: a student's numbers, from a generator seeded by their id;
* ``solve(params)``: every quantity the questions need, computed with crmlib — each question's
  answer under its name, each known wrong path under ``"<question>.<mistake>"`` (``None`` where
  the path does not apply to these numbers);
* ``questions``: :class:`Numeric` and :class:`Choice` declarations (name, unit, precision,
  mistakes, options);
* ``shown(params)``: extra values the texts show (a table as text, a percentage …).

Every sentence — title, story, prompts, explanations, hints, option labels and the reason for
every option — lives in the text catalogue under the exercise's key (``crmlib/text/<lang>/``),
so nothing a student reads is built in code. The engine applies one policy to every question:

* an answer is accepted within half a unit of the last digit the question asks for
  (``decimals=2`` → ±0.005; ``significant=3`` → ±0.5 in the third significant digit);
* a known wrong path that the asked precision cannot tell from the right answer makes the
  engine ask for more digits (up to three more) for these numbers; a wrong path equal to the
  answer is dropped (the two paths agree for these numbers). A path that rounding cannot move
  (a count asked as a whole number: 5 tellers against 6) is told apart one unit away;
* a wrong answer near several known paths gets the nearest path's hint.

:meth:`Exercise.audit` reports, for given numbers, what the policy had to do, so a test can run
every question's wrong paths against its tolerance for many students.

A unit's public factory (``stew_leonards(student=None, *, graded=False)``) is a function marked
with :func:`exercise_factory`: its signature is checked against the spec, and the Parameters and
Returns sections every factory shares are written from the spec into its docstring, with the
Examples doctest when the spec has an :class:`Example` (its worked example as data).
"""

from __future__ import annotations

import inspect
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

from crmlib.exercises._core import ChoiceQuestion, ExerciseSet, Hint, NumericQuestion, student_seed
from crmlib.i18n import all_languages_text, get_language, has_text, text, text_list

MAX_EXTRA_DIGITS = 3


@dataclass(frozen=True)
class Numeric:
    """A question whose answer is a number.

    Parameters
    ----------
    name : str
        The question's name (``ex.check(name, answer)``); ``solve`` returns its answer under it.
    unit : str
        A key of the catalogue's ``units`` table (``"yuan"``, ``"years"``, ``"weeks"`` …), or
        ``""`` for a pure number or a fraction.
    decimals : int, optional
        The precision asked for: answers within half a unit of this decimal are accepted.
    significant : int, optional
        Instead of ``decimals``: significant figures (for model outputs of any size).
    mistakes : tuple of str
        Known wrong paths: ``solve`` gives each one's value under ``"<name>.<mistake>"`` and the
        catalogue its hint under ``"<exercise>.<name>.mistakes.<mistake>"``.
    fraction : bool
        The answer is a rate: "0.25" and "25%" are both accepted (the prompt says so).
    """

    name: str
    unit: str = ""
    decimals: int | None = 2
    significant: int | None = None
    mistakes: tuple[str, ...] = ()
    fraction: bool = False


@dataclass(frozen=True)
class Choice:
    """A question answered by choosing an option.

    Parameters
    ----------
    name : str
        The question's name; ``solve`` returns the correct option's key under it.
    options : tuple of str
        Option keys, in the order shown.
    labels : str, optional
        Where the options' labels live in the catalogue: ``"<labels>.<option>"`` (a string, or a
        table with ``label`` and ``synonyms``). Default ``"<exercise>.<name>.options"``; shared
        vocabularies such as ``"vocab.customer_class"`` serve several exercises.
    letters : bool
        Whether "A", "b)" … pick an option. False when the exercise names people A–E.
    """

    name: str
    options: tuple[str, ...]
    labels: str | None = None
    letters: bool = True


Question = Numeric | Choice


@dataclass(frozen=True)
class Example:
    """A factory's worked example as data: :func:`exercise_factory` writes it as a doctest.

    The answers and the hint's opening words are written by hand from the exercise's own
    numbers (the docstring's Examples prose may show the calculation), never computed with
    crmlib, so the doctest fails when the exercise marks them otherwise.

    Parameters
    ----------
    right : mapping of str to answer
        Question name → an answer the exercise marks correct, in the order checked. The
        doctest checks them on one line: ``True`` for one answer, ``(True, True)`` for two.
    wrong : (str, answer, str), optional
        ``(question, answer, hint)``: an answer on one of the question's known wrong paths (a
        number for a :class:`Numeric` question, an option's label for a :class:`Choice`) and
        the opening words of the hint it gets. The doctest prints the feedback and matches
        ``❌ Not quite (<answer>). <hint>...`` (``Not this one`` for a choice); a number is
        shown as typed, with thousands separators.
    """

    right: Mapping[str, int | float | str]
    wrong: tuple[str, int | float | str, str] | None = None


@dataclass(frozen=True)
class Exercise:
    """An exercise as data; :meth:`build` makes the :class:`ExerciseSet` a student works with.

    ``example`` (an :class:`Example`, optional) is the factory's worked example; the
    factory's docstring gets it as the doctest of its Examples section.
    """

    key: str
    questions: tuple[Question, ...]
    defaults: Mapping | Callable[[dict], Mapping]
    draw: Callable[[np.random.Generator, dict], Mapping]
    solve: Callable[[dict], Mapping]
    numbers: str = "course"
    settings: Mapping = field(default_factory=dict)
    shown: Callable[[dict], Mapping] | None = None
    example: Example | None = None

    def __post_init__(self):
        if self.numbers not in ("course", "illustrative"):
            raise ValueError(f"numbers must be 'course' or 'illustrative'; got {self.numbers!r}.")
        names = [q.name for q in self.questions]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.key}: question names repeat: {names}.")
        if self.example is not None:
            checked = [*self.example.right, *(self.example.wrong or ())[:1]]
            unknown = [name for name in checked if name not in names]
            if unknown or not self.example.right:
                raise ValueError(f"{self.key}: the example checks {checked}; it needs at least "
                                 f"one right answer, to questions of {names}.")

    # ----------------------------------------------------------------- numbers

    def _settings(self, overrides: Mapping) -> dict:
        settings = dict(self.settings)
        for name, value in overrides.items():
            if name not in settings:
                raise TypeError(f"{self.key}() got an unexpected setting {name!r}; it takes "
                                f"{', '.join(settings) or 'none'}.")
            settings[name] = value
        return settings

    def params(self, student=None, **settings) -> dict:
        """The numbers of this exercise for ``student`` (``None``: its own numbers)."""
        settings = self._settings(settings)
        seed = student_seed(student)
        if seed is None:
            drawn = self.defaults(settings) if callable(self.defaults) else self.defaults
        else:
            drawn = self.draw(np.random.default_rng(seed), settings)
        return {**dict(drawn), **settings}

    def values(self, params: Mapping) -> dict:
        """What the texts may show: the numbers plus ``shown(params)``."""
        extra = self.shown(dict(params)) if self.shown else {}
        return {**params, **extra}

    # ----------------------------------------------------------------- texts

    def _text(self, *parts, **values) -> str:
        return text(".".join((self.key, *parts)), **values)

    def _option_label(self, question: Choice, option: str, language=None) -> str:
        base = f"{question.labels or f'{self.key}.{question.name}.options'}.{option}"
        key = f"{base}.label" if has_text(f"{base}.label", language) else base
        return text(key, language=language)

    def _option_spellings(self, question: Choice, option: str) -> list[str]:
        base = f"{question.labels or f'{self.key}.{question.name}.options'}.{option}"
        spellings = [option.replace("_", " ")]
        spellings += all_languages_text(f"{base}.label") or all_languages_text(base)
        for language in ("en", "zh"):
            spellings += text_list(f"{base}.synonyms", language=language)
        return spellings

    def _reason(self, question: Choice, option: str, values: Mapping) -> str:
        for key in (f"{self.key}.{question.name}.why.{option}", f"{self.key}.why.{option}"):
            if has_text(key):
                return text(key, **values)
        return ""

    def _precision_text(self, question: Numeric, digits: int) -> str:
        if question.significant is not None:
            return text("precision.significant", n=digits)
        if digits <= 0:
            return text("precision.whole")
        if digits == 1:
            return text("precision.one_decimal")
        return text("precision.decimals", n=digits)

    # ----------------------------------------------------------------- the one policy

    @staticmethod
    def _tolerance(question: Numeric, answer: float, digits: int) -> float:
        if question.significant is not None:
            magnitude = math.floor(math.log10(abs(answer))) if answer else 0
            return 0.5 * 10.0 ** (magnitude - digits + 1) * (1 + 1e-9)
        return 0.5 * 10.0 ** (-digits) * (1 + 1e-9)

    def _resolve_precision(self, question: Numeric, solved: Mapping):
        """Digits to ask for and the wrong paths kept, after the one hint policy."""
        answer = float(solved[question.name])
        base = question.significant if question.significant is not None else question.decimals
        base = 0 if base is None else base
        paths = {}
        for mistake in question.mistakes:
            value = solved.get(f"{question.name}.{mistake}")
            if value is None or not math.isfinite(float(value)):
                continue
            if math.isclose(float(value), answer, rel_tol=1e-9, abs_tol=1e-12):
                continue  # the wrong path gives the right number for these numbers
            paths[mistake] = float(value)
        for digits in range(base, base + MAX_EXTRA_DIGITS + 1):
            if all(self._told_apart(question, v, answer, digits) for v in paths.values()):
                return digits, paths, []
        dropped = [m for m, v in paths.items()
                   if not self._told_apart(question, v, answer, digits)]
        return digits, {m: v for m, v in paths.items() if m not in dropped}, dropped

    @classmethod
    def _told_apart(cls, question: Numeric, value: float, answer: float, digits: int) -> bool:
        """Whether a wrong path, rounded to ``digits`` as a student would, stays wrong.

        Rounding moves a value by up to one tolerance, so in general the path must lie more
        than two tolerances from the answer. A path already on the asked grid (a count: 5
        tellers against 6, asked as a whole number) is not moved by rounding: one tolerance
        is enough.
        """
        tolerance = cls._tolerance(question, answer, digits)
        distance = abs(value - answer)
        if distance > 2 * tolerance:
            return True
        if question.significant is not None:
            return False
        steps = value * 10.0 ** digits
        return distance > tolerance and math.isclose(steps, round(steps), abs_tol=1e-6)

    def audit(self, params: Mapping) -> dict:
        """What the hint policy did for these numbers: question → (extra digits, dropped paths)."""
        solved = self.solve(dict(params))
        report = {}
        for question in self.questions:
            if isinstance(question, Numeric):
                digits, _, dropped = self._resolve_precision(question, solved)
                report[question.name] = (digits - _declared(question), dropped)
        return report

    # ----------------------------------------------------------------- marking graded work

    def grade(self, student, responses: Mapping, **settings) -> dict:
        """Mark graded answers against ``student``'s own numbers: question → :class:`Feedback`.

        The instructor's side of graded work (the kit's grader and nbgrader's hidden tests call
        it). Each answer is checked by the same question a practice set asks, with one
        difference: a numeric answer is marked at the precision the graded prompt asked for
        (the question's declared ``decimals``/``significant``), because graded work shows no
        extra digits. Known wrong paths are recognised as in practice, and ``Feedback.mistake``
        names the one an incorrect answer matched.

        Parameters
        ----------
        student : str or int or None
            Whose numbers (the roster's id, not the id typed into the notebook).
        responses : mapping of str to answer
            Question name → the answer as recorded (number, text, option …). Names that are
            not questions of this exercise raise KeyError.
        **settings
            The exercise's settings (``when="begin"`` …) as in the factory call.

        Examples
        --------
        The course's hotel (2000 yuan margin, churn 0.2, acquisition cost 800, course formula):
        CLV = 2000 × 0.8 / 0.2 − 800 = 7,200 yuan; 2000 / 0.2 − 800 = 9,200 is the other timing.

        >>> from crmlib.exercises import SPECS
        >>> marks = SPECS["hotel_loyalty"].grade(None, {"clv_before": 7200, "clv_after": 9200})
        >>> marks["clv_before"].status, marks["clv_after"].status
        ('correct', 'incorrect')
        >>> SPECS["hotel_loyalty"].grade(None, {"clv_before": "9,200"})["clv_before"].mistake
        'other_timing'
        """
        by_name = {question.name: question for question in self.questions}
        unknown = [name for name in responses if name not in by_name]
        if unknown:
            raise KeyError(f"{self.key} has no question {', '.join(map(repr, unknown))}; its "
                           f"questions are {', '.join(by_name)}.")
        params = self.params(student, **settings)
        solved = dict(self.solve(dict(params)))
        values = self.values(params)
        marks = {}
        for name, answer in responses.items():
            question = by_name[name]
            if isinstance(question, Choice):
                checked = self._choice(question, values, solved)
            else:
                checked = self._numeric(question, values, solved, asked=_declared(question))
            marks[name] = checked.check(answer)
        return marks

    # ----------------------------------------------------------------- questions

    def _numeric(self, question: Numeric, values: Mapping, solved: Mapping, *,
                 asked: int | None = None) -> NumericQuestion:
        answer = float(solved[question.name])
        digits, paths, _ = self._resolve_precision(question, solved)
        if asked is not None:
            digits = asked  # graded work: the precision its prompt asked for
        prompt = self._asked_prompt(question, digits, values)
        hints = [Hint(value, self._text(question.name, "mistakes", mistake,
                                        **{**values, **_flat(solved)}), mistake)
                 for mistake, value in paths.items()]
        explanation_key = f"{self.key}.{question.name}.explanation"
        hint_key = f"{self.key}.{question.name}.hint"
        shown_digits = digits if question.significant is None else None
        return NumericQuestion(
            prompt, answer, unit=text(f"units.{question.unit}") if question.unit else "",
            rel_tol=0.0, abs_tol=self._tolerance(question, answer, digits), hints=hints,
            explanation=(text(explanation_key, **{**values, **_flat(solved)})
                         if has_text(explanation_key) else ""),
            hint=text(hint_key, **values) if has_text(hint_key) else "",
            decimals=shown_digits, unit_key=question.unit)

    def _asked_prompt(self, question: Numeric, digits: int, values: Mapping) -> str:
        """The prompt with the precision it asks for (and "a fraction" for rates)."""
        precision = self._precision_text(question, digits)
        if question.fraction:
            precision = text("precision.fraction_and", precision=precision)
        return text("precision.with_precision", precision=precision,
                    prompt=self._text(question.name, "prompt", **values))

    def _choice(self, question: Choice, values: Mapping, solved: Mapping) -> ChoiceQuestion:
        labels = {option: self._option_label(question, option) for option in question.options}
        correct = solved[question.name]
        if correct not in labels:
            raise ValueError(f"{self.key}.{question.name}: solve() gave {correct!r}, not one of "
                             f"the options {list(labels)}.")
        reasons = {labels[o]: self._reason(question, o, {**values, **_flat(solved)})
                   for o in question.options}
        accepted = {labels[o]: self._option_spellings(question, o) for o in question.options}
        return ChoiceQuestion(self._text(question.name, "prompt", **values),
                              list(labels.values()), labels[correct], reasons, accepted,
                              letters=question.letters)

    def _choice_unsolved(self, question: Choice, values: Mapping) -> ChoiceQuestion:
        """The choice question without its answer (graded work never computes it)."""
        labels = [self._option_label(question, o) for o in question.options]
        accepted = {self._option_label(question, o): self._option_spellings(question, o)
                    for o in question.options}
        return ChoiceQuestion(self._text(question.name, "prompt", **values), labels, labels[0],
                              {}, accepted, letters=question.letters)

    def _questions(self, params: Mapping, solved: Mapping | None) -> dict:
        values = self.values(params)
        out = {}
        for question in self.questions:
            if solved is None:
                if isinstance(question, Choice):
                    out[question.name] = self._choice_unsolved(question, values)
                else:
                    unit = text(f"units.{question.unit}") if question.unit else ""
                    out[question.name] = NumericQuestion(
                        self._asked_prompt(question, _declared(question), values), math.nan,
                        unit=unit, unit_key=question.unit)
            elif isinstance(question, Choice):
                out[question.name] = self._choice(question, values, solved)
            else:
                out[question.name] = self._numeric(question, values, solved)
        return out

    # ----------------------------------------------------------------- the student's set

    def build(self, student=None, *, graded: bool = False, **settings) -> ExerciseSet:
        """The exercise with ``student``'s numbers (``None``: the exercise's own numbers).

        ``graded=True`` gives graded work: checks record answers and say nothing about their
        correctness, and the answers are never computed on the student's side.
        """
        params = self.params(student, **settings)
        cache = {}

        def solved():
            if "solved" not in cache:
                cache["solved"] = dict(self.solve(dict(params)))
            return cache["solved"]

        def questions():
            # made once per language: the numbers never change, the texts follow the language
            key = ("questions", get_language())
            if key not in cache:
                cache[key] = self._questions(params, None if graded else solved())
            return cache[key]

        # texts are made on every use, so they follow crm.set_language()
        exercise = ExerciseSet(lambda: self._text("title", **self.values(params)),
                               lambda: self._text("story", **self.values(params)), params,
                               questions, student=student, numbers=self.numbers, graded=graded)
        exercise._spec = self
        return exercise


def _declared(question: Numeric) -> int:
    """The precision a numeric question declares (before the policy adds any digit)."""
    declared = question.significant if question.significant is not None else question.decimals
    return 0 if declared is None else declared


def _flat(solved: Mapping) -> dict:
    """Solved quantities as text placeholders: ``"clv_before.begin"`` → ``clv_before__begin``."""
    return {name.replace(".", "__"): value for name, value in solved.items()}


def pick(rng: np.random.Generator, options):
    """One of ``options``, as a plain Python value (the draws' one helper)."""
    return options[int(rng.integers(len(options)))]


# --------------------------------------------------------------------------- factories

_STANDARD_PARAMETERS = {
    "student": ("student : str or int, optional\n"
                "    A student id for that student's own numbers (the same on every computer);\n"
                "    ``None`` (default) uses {own_numbers}."),
    "graded": ("graded : bool, default False\n"
               "    Graded work: answers are recorded, not marked."),
}
_OWN_NUMBERS = {"course": "the course's numbers", "illustrative": "the kit's illustration"}
_SECTION = re.compile(r"^([A-Z][A-Za-z ]*)\n-+\n", re.MULTILINE)


def exercise_factory(spec: Exercise) -> Callable[[Callable], Callable]:
    """Mark a function as the factory of ``spec``: check its signature, complete its docstring.

    Every factory takes ``student=None``, the spec's settings as keyword-only parameters with
    the spec's defaults, and ``graded=False``; a factory whose signature says otherwise is an
    error when the module is imported. The factory's docstring keeps what is its own (the
    summary, notes, References, Examples) and gets the sections every factory shares, written
    from the spec:

    * **Parameters**: one entry per parameter, in the signature's order. ``student`` and
      ``graded`` have a standard entry (``None`` uses the course's numbers or the kit's
      illustration, as ``spec.numbers`` says); an entry in the docstring's own Parameters
      section replaces the standard one, and a setting (``when=`` …) must have one there.
    * **Returns**: the :class:`ExerciseSet` and its questions, in order, each with its kind,
      unit and declared precision. What the numbers are called (``ex.log`` …) belongs in the
      docstring's own text.
    * **Examples**, when the spec has an :class:`Example`: the doctest that makes the exercise
      with its own numbers (``>>> ex = <factory>()``), checks the right answers on one line
      (``True``, or ``(True, True)``) and prints the feedback on the wrong answer with
      ``+ELLIPSIS``. It follows the prose of the docstring's own Examples section (the hand
      calculation), which then holds no doctest of its own; without a spec example the
      docstring's own Examples section is kept as written.

    The function itself is returned unchanged (doctest collects its Examples as before).

    Examples
    --------
    >>> demo = Exercise(key="demo", defaults={"margin": 100.0}, draw=lambda rng, s: {},
    ...                 solve=lambda p: {}, numbers="illustrative",
    ...                 questions=(Numeric("clv", unit="yuan", decimals=0),
    ...                            Numeric("retention", decimals=2, fraction=True),
    ...                            Choice("pays", ("yes", "no"))))
    >>> @exercise_factory(demo)
    ... def demo_factory(student=None, *, graded=False) -> ExerciseSet:
    ...     '''A demonstration: the margin is ``ex.margin``.'''
    >>> print(demo_factory.__doc__)
    A demonstration: the margin is ``ex.margin``.
    <BLANKLINE>
    Parameters
    ----------
    student : str or int, optional
        A student id for that student's own numbers (the same on every computer);
        ``None`` (default) uses the kit's illustration.
    graded : bool, default False
        Graded work: answers are recorded, not marked.
    <BLANKLINE>
    Returns
    -------
    ExerciseSet
        Its questions, in the order asked (``ex.check(name, answer)``):
    <BLANKLINE>
        - ``clv``: yuan, a whole number
        - ``retention``: a fraction, 2 decimals
        - ``pays``: a choice of 2 options
    <BLANKLINE>
    """
    def decorate(factory: Callable) -> Callable:
        _check_factory_signature(factory, spec)
        factory.__doc__ = _factory_doc(factory, spec)
        return factory

    return decorate


def _check_factory_signature(factory: Callable, spec: Exercise) -> None:
    expected = [inspect.Parameter("student", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                  default=None)]
    expected += [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default)
                 for name, default in spec.settings.items()]
    expected.append(inspect.Parameter("graded", inspect.Parameter.KEYWORD_ONLY, default=False))
    found = list(inspect.signature(factory).parameters.values())
    if [(p.name, p.kind, p.default) for p in found] != [(p.name, p.kind, p.default)
                                                          for p in expected]:
        raise TypeError(f"{factory.__name__}{inspect.signature(factory)} does not match its "
                        f"spec {spec.key!r}: expected ({', '.join(map(str, expected))}).")


def _factory_doc(factory: Callable, spec: Exercise) -> str:
    """The factory's docstring with the shared Parameters and Returns sections written in."""
    head, sections = _doc_sections(factory.__doc__ or "")
    own = _doc_entries(sections.pop("Parameters", ""))
    entries = []
    for name in inspect.signature(factory).parameters:
        if name in own:
            entries.append(own.pop(name))
        elif name in _STANDARD_PARAMETERS:
            entries.append(_STANDARD_PARAMETERS[name].format(
                own_numbers=_OWN_NUMBERS[spec.numbers]))
        else:
            raise TypeError(f"{factory.__name__}: document the setting {name!r} in the "
                            "docstring's Parameters section.")
    if own:
        raise TypeError(f"{factory.__name__}: the docstring documents {', '.join(own)}, "
                        "which the factory does not take.")
    returns = ["ExerciseSet", "    Its questions, in the order asked "
               "(``ex.check(name, answer)``):", ""]
    returns += [f"    - ``{question.name}``: {_question_kind(question)}"
                for question in spec.questions]
    if "Returns" in sections:
        raise TypeError(f"{factory.__name__}: the Returns section is written from the spec; "
                        "say what the numbers are called in the docstring's own text.")
    if spec.example is not None:
        prose = sections.get("Examples", "").strip()
        if ">>>" in prose:
            raise TypeError(f"{factory.__name__}: the Examples doctest is written from the "
                            "spec's example; keep only the prose in the docstring.")
        sections["Examples"] = "\n\n".join(
            filter(None, [prose, _example_doctest(factory.__name__, spec)]))
    shared = [("Parameters", "\n".join(entries)), ("Returns", "\n".join(returns))]
    return "\n\n".join([head.rstrip()]
                       + [f"{title}\n{'-' * len(title)}\n{body.rstrip()}"
                          for title, body in (*shared, *sections.items())]) + "\n"


def _example_doctest(factory_name: str, spec: Exercise) -> str:
    """The doctest of ``spec.example``: right answers on one line, the wrong one printed."""
    example = spec.example
    checks = [f"ex.check({_literal(name)}, {_literal(answer)}).correct"
              for name, answer in example.right.items()]
    marks = ", ".join(["True"] * len(checks))
    lines = [f">>> ex = {factory_name}()", f">>> {', '.join(checks)}",
             marks if len(checks) == 1 else f"({marks})"]
    if example.wrong is not None:
        name, answer, hint = example.wrong
        question = next(q for q in spec.questions if q.name == name)
        if isinstance(question, Choice) != isinstance(answer, str):
            raise TypeError(f"{spec.key}: the example's wrong answer {answer!r} to {name!r} "
                            "must be an option's label for a choice, a number otherwise.")
        verdict, shown = (("Not this one", answer) if isinstance(question, Choice)
                          else ("Not quite", f"{answer:,}"))
        lines += [f">>> print(ex.check({_literal(name)}, {_literal(answer)}))"
                  "  # doctest: +ELLIPSIS", f"❌ {verdict} ({shown}). {hint}..."]
    return "\n".join(lines)


def _literal(value) -> str:
    """A doctest's spelling of a name or an answer: ``"重点开发"`` in double quotes, ``0.775``."""
    if isinstance(value, str) and not set(value) & set('"\\\n'):
        return f'"{value}"'
    if isinstance(value, int | float) and not isinstance(value, bool):
        return repr(value)
    raise TypeError(f"an example answer is a number or a one-line text without quotes or "
                    f"backslashes; got {value!r}.")


def _doc_sections(doc: str) -> tuple[str, dict[str, str]]:
    """A numpydoc docstring's text before its first section, and its sections by title."""
    parts = _SECTION.split(inspect.cleandoc(doc))
    return parts[0], dict(zip(parts[1::2], parts[2::2], strict=True))


def _doc_entries(section: str) -> dict[str, str]:
    """The entries of a Parameters section by name (each with its indented description)."""
    entries: dict[str, list[str]] = {}
    for line in section.strip().splitlines():
        if line and not line[0].isspace():
            entries[line.split(":")[0].strip()] = [line]
        elif entries:
            entries[next(reversed(entries))].append(line)
    return {name: "\n".join(lines).rstrip() for name, lines in entries.items()}


def _question_kind(question: Question) -> str:
    """What a question asks for, in a few words: "yuan, 0 decimals", "a choice of 4 options"."""
    if isinstance(question, Choice):
        kind = f"a choice of {len(question.options)} options"
        return kind if question.letters else f"{kind}, by name (a letter picks none)"
    if question.fraction:
        what = "a fraction"
    else:
        what = question.unit.replace("_", " ") if question.unit else "a number"
    digits = _declared(question)
    if question.significant is not None:
        precision = f"{digits} significant figures"
    else:
        precision = {0: "a whole number", 1: "1 decimal"}.get(digits, f"{digits} decimals")
    return f"{what}, {precision}"
