"""A spec's worked example (``Exercise.example``) becomes its factory's Examples doctest:
written as documented, and a doctest that fails when the exercise marks otherwise."""

import doctest

import pytest

from crmlib.exercises import Choice, Example, Exercise, ExerciseSet, Numeric
from crmlib.exercises._spec import exercise_factory

_RULES = ("key", "key_development", "maintenance", "opportunistic")
_WRONG = ("attractiveness", 4.1, "That is the weighted rating on the 1–5 scale")


def _demo(example):
    """A small spec that borrows the Cheverton exercise's texts (prompts, the "raw" hint,
    the operator's rules as option labels); its numbers are fixed by hand: attractiveness
    0.775, the raw weighted rating 4.1 as the known wrong path, the key customers' rule."""
    return Exercise(
        key="cheverton_account", numbers="illustrative", defaults={},
        draw=lambda rng, settings: {},
        solve=lambda p: {"attractiveness": 0.775, "attractiveness.raw": 4.1, "strategy": "key"},
        questions=(Numeric("attractiveness", decimals=2, mistakes=("raw",)),
                   Choice("strategy", _RULES, labels="vocab.cheverton_rule")),
        example=example)


def _factory(spec, doc="A demonstration account."):
    def demo_account(student=None, *, graded=False) -> ExerciseSet:
        return spec.build(student, graded=graded)

    demo_account.__doc__ = doc
    return exercise_factory(spec)(demo_account)


def _run(factory):
    """Run the factory's docstring as doctest does: (failed, attempted)."""
    test = doctest.DocTestParser().get_doctest(
        factory.__doc__, {factory.__name__: factory}, factory.__name__, None, 0)
    runner = doctest.DocTestRunner()
    runner.run(test, out=lambda report: None)
    return runner.summarize(verbose=False)


def _examples(doc):
    return doc.split("Examples\n--------\n", 1)[1]


def test_the_example_is_written_as_documented_after_the_prose():
    right = {"attractiveness": 0.775, "strategy": "资源服务优先配置"}
    factory = _factory(_demo(Example(right=right, wrong=_WRONG)),
                       doc="""A demonstration account.

    Examples
    --------
    Rescaled ratings weighted as the course does: 0.775.
    """)
    assert _examples(factory.__doc__) == (
        "Rescaled ratings weighted as the course does: 0.775.\n"
        "\n"
        ">>> ex = demo_account()\n"
        '>>> ex.check("attractiveness", 0.775).correct, ex.check("strategy", "资源服务优先配置")'
        ".correct\n"
        "(True, True)\n"
        '>>> print(ex.check("attractiveness", 4.1))  # doctest: +ELLIPSIS\n'
        "❌ Not quite (4.1). That is the weighted rating on the 1–5 scale...\n")
    assert _run(factory) == (0, 3)


def test_one_right_answer_checks_true_and_an_example_without_a_wrong_answer_has_no_print():
    factory = _factory(_demo(Example(right={"attractiveness": "77.5%"})))
    assert _examples(factory.__doc__) == (
        ">>> ex = demo_account()\n"
        '>>> ex.check("attractiveness", "77.5%").correct\n'
        "True\n")
    assert factory.__doc__.index("Returns") < factory.__doc__.index("Examples")
    assert _run(factory) == (0, 2)


def test_a_wrong_choice_shows_the_option_not_quite_a_number():
    factory = _factory(_demo(Example(
        right={"strategy": "key"},
        wrong=("strategy", "promise nothing you cannot keep (不做无法兑现承诺)",
               "That is the operator's rule for opportunistic customers"))))
    assert _examples(factory.__doc__).splitlines()[-1] == (
        "❌ Not this one (promise nothing you cannot keep (不做无法兑现承诺)). "
        "That is the operator's rule for opportunistic customers...")
    assert _run(factory) == (0, 3)


@pytest.mark.parametrize("example", [
    # the hint's opening words differ from the catalogue's hint for the raw weighted rating
    Example(right={"attractiveness": 0.775},
            wrong=("attractiveness", 4.1, "That is the plain average of the rescaled ratings")),
    # the "wrong" answer is one the exercise accepts (0.775 itself)
    Example(right={"attractiveness": 0.775}, wrong=("attractiveness", 0.775, _WRONG[2])),
    # 0.8 is not 0.775 asked to 2 decimals (0.77 and 0.78 are)
    Example(right={"attractiveness": 0.8, "strategy": "key"}),
], ids=["hint", "accepted", "right"])
def test_the_generated_doctest_fails_when_the_exercise_marks_otherwise(example):
    failed, attempted = _run(_factory(_demo(example)))
    assert failed == 1 and attempted >= 2


def test_a_docstring_keeps_no_doctest_of_its_own_beside_the_spec_example():
    with pytest.raises(TypeError, match="written from the spec's example"):
        _factory(_demo(Example(right={"attractiveness": 0.775})), doc="""Demo.

        Examples
        --------
        >>> 1 + 1
        2
        """)


def test_without_a_spec_example_the_docstring_examples_are_kept_as_written():
    doc = "Demo.\n\nExamples\n--------\n>>> 1 + 1\n2\n"
    assert _examples(_factory(_demo(None), doc=doc).__doc__) == ">>> 1 + 1\n2\n"


def test_an_example_checks_questions_of_its_spec_with_answers_of_their_kind():
    with pytest.raises(ValueError, match="questions of"):
        _demo(Example(right={"attractivness": 0.775}))
    with pytest.raises(ValueError, match="at least one right answer"):
        _demo(Example(right={}, wrong=_WRONG))
    with pytest.raises(TypeError, match="a number otherwise"):
        _factory(_demo(Example(right={"strategy": "key"},
                               wrong=("attractiveness", "4.1", _WRONG[2]))))
    with pytest.raises(TypeError, match="without quotes"):
        _factory(_demo(Example(right={"strategy": 'say "key"'})))
