"""Exercises for the customer-value units (lessons 01 and 02).

Each factory returns an :class:`~crmlib.exercises.ExerciseSet` whose expected answers are
computed by crmlib from the exercise's own numbers. ``student=None`` gives the course
material's numbers; a student id gives that student their own numbers (and answer key).
"""

from __future__ import annotations

import numpy as np

from crmlib.clv import customer_lifetime_value, expected_lifetime
from crmlib.economics import break_even_programme_cost
from crmlib.exercises._core import ExerciseSet, Hint, NumericQuestion, student_seed

_CONVENTIONS = {
    "begin": "the 1/churn convention: this year's profit counts, CLV = m / churn − acquisition "
             "cost (no discounting)",
    "end": "the course formula CLV = m·r / (1 + i − r) with i = 0: the first profit comes after "
           "one year, if the customer stays",
}


def hotel_loyalty(student=None, *, when="begin") -> ExerciseSet:
    """The course's hotel loyalty-programme problem, checked step by step.

    A hotel loses 20% of its customers a year; each brings a profit of 2000 a year and costs
    800 to acquire. A loyalty programme cuts churn to 10% but costs 200 per customer per
    year. What is a customer worth before and after, and does the programme pay?

    Parameters
    ----------
    student : str or int, optional
        A student id for personal numbers; ``None`` (default) uses the course's numbers.
    when : {"begin", "end"}, default "begin"
        The CLV convention the answers use: ``"begin"`` is the 1/churn convention (9200 and
        17200 with the course's numbers), ``"end"`` is Gupta & Lehmann's m·r/(1+i−r) with
        i = 0 (7200 and 15400).

    Returns
    -------
    ExerciseSet
        Questions ``retention_before``, ``retention_after``, ``lifetime_before``,
        ``lifetime_after``, ``profit_after``, ``clv_before``, ``clv_after``, ``gain`` and
        ``max_fee``.

    References
    ----------
    Course material, 项目二 "建立客户关系（选择）", 练习案例 1.

    Examples
    --------
    >>> hotel = hotel_loyalty()
    >>> hotel.check("clv_before", "9,200元").correct
    True
    >>> print(hotel.check("clv_before", 7200))  # doctest: +ELLIPSIS
    ❌ Not quite (7,200). You used m·r/(1−r)...
    """
    if when not in _CONVENTIONS:
        raise ValueError(f"when must be 'begin' or 'end'; got {when!r}.")
    seed = student_seed(student)
    if seed is None:
        churn_before, churn_after, margin, acquisition, fee = 0.20, 0.10, 2000.0, 800.0, 200.0
    else:
        rng = np.random.default_rng(seed)
        churn_before = float(rng.choice([0.15, 0.20, 0.25, 0.30]))
        churn_after = round(churn_before - float(rng.choice([0.05, 0.10])), 2)
        margin = float(rng.integers(15, 31) * 100)
        acquisition = float(rng.integers(5, 13) * 100)
        fee = float(rng.choice([100, 150, 200, 250, 300]))
    r0, r1 = 1 - churn_before, 1 - churn_after
    margin_after = margin - fee
    other = "end" if when == "begin" else "begin"

    def clv(m, r, convention=when, cost=acquisition):
        return customer_lifetime_value(m, r, when=convention, acquisition_cost=cost)

    clv_before, clv_after = clv(margin, r0), clv(margin_after, r1)
    if when == "begin":
        wrong_timing = ("You used m·r/(1−r): that leaves out the first year's profit. This "
                        "exercise uses the 1/churn convention, m/churn.")
    else:
        wrong_timing = ("You used m/churn, which counts this year's profit now. The course "
                        "formula m·r/(1+i−r) counts the first profit after one year.")
    no_cost = "Don't forget the acquisition cost: CLV is net of what it took to win the customer."
    no_fee = ("After the programme the yearly profit is the old profit minus the programme's "
              "maintenance fee.")

    questions = {
        "retention_before": NumericQuestion(
            "Retention rate before the programme (a fraction)", r0,
            explanation="Retention = 1 − churn.",
            hints=[Hint(churn_before, "That is the churn rate; retention is 1 − churn.")]),
        "retention_after": NumericQuestion(
            "Retention rate with the programme (a fraction)", r1,
            explanation="Retention = 1 − churn.",
            hints=[Hint(churn_after, "That is the churn rate; retention is 1 − churn.")]),
        "lifetime_before": NumericQuestion(
            "Expected customer lifetime before the programme", expected_lifetime(r0), "years",
            explanation="Expected lifetime = 1 / churn.",
            hints=[Hint(r0 / churn_before, "r/(1−r) counts only the years after this one; the "
                                           "expected lifetime is 1/churn.")]),
        "lifetime_after": NumericQuestion(
            "Expected customer lifetime with the programme", expected_lifetime(r1), "years",
            explanation="Expected lifetime = 1 / churn.",
            hints=[Hint(r1 / churn_after, "r/(1−r) counts only the years after this one; the "
                                          "expected lifetime is 1/churn.")]),
        "profit_after": NumericQuestion(
            "Profit per customer per year with the programme", margin_after, "yuan",
            explanation="The programme's fee comes out of every year's profit.",
            hints=[Hint(margin, no_fee)]),
        "clv_before": NumericQuestion(
            "CLV before the programme", clv_before, "yuan",
            explanation=f"Convention: {_CONVENTIONS[when]}.",
            hints=[Hint(clv(margin, r0, other), wrong_timing),
                   Hint(clv(margin, r0, cost=0.0), no_cost),
                   Hint(clv(margin, r0, other, 0.0), wrong_timing + " " + no_cost)]),
        "clv_after": NumericQuestion(
            "CLV with the loyalty programme", clv_after, "yuan",
            explanation=f"Convention: {_CONVENTIONS[when]}; profit after the fee.",
            hints=[Hint(clv(margin_after, r1, other), wrong_timing),
                   Hint(clv(margin_after, r1, cost=0.0), no_cost),
                   Hint(clv(margin, r1), no_fee),
                   Hint(clv(margin, r1, other), no_fee + " " + wrong_timing),
                   Hint(clv(margin_after, r1, other, 0.0), wrong_timing + " " + no_cost)]),
        "gain": NumericQuestion(
            "Gain in CLV per customer from the programme", clv_after - clv_before, "yuan",
            # the two conventions' gains differ by exactly one fee: keep the tolerance below
            # half a fee, or a large gain would accept the other convention's answer
            rel_tol=min(0.005, 0.4 * fee / abs(clv_after - clv_before)),
            explanation="Gain = CLV after − CLV before; the acquisition cost cancels.",
            hints=[Hint(clv_before - clv_after, "That is before − after: subtract the other way."),
                   Hint(clv(margin_after, r1, other) - clv(margin, r0, other), wrong_timing)]),
        "max_fee": NumericQuestion(
            "Highest yearly maintenance fee per customer at which the programme still pays",
            break_even_programme_cost(margin, r0, r1, when=when), "yuan",
            explanation="At this fee CLV with the programme equals CLV without it.",
            hints=[Hint(break_even_programme_cost(margin, r0, r1, when=other), wrong_timing),
                   Hint(fee, "That is the fee the programme charges now; find the fee at which "
                             "CLV after equals CLV before.")]),
    }
    story = (
        f"A hotel loses {churn_before:.0%} of its customers each year. Each customer brings a "
        f"profit of {margin:,.0f} yuan a year, and winning a new customer costs "
        f"{acquisition:,.0f} yuan. A loyalty programme would cut churn to {churn_after:.0%}, "
        f"but costs {fee:,.0f} yuan per customer per year to run.\n"
        f"Use {_CONVENTIONS[when]}."
    )
    params = {"churn_before": churn_before, "churn_after": churn_after, "margin": margin,
              "acquisition_cost": acquisition, "programme_fee": fee, "when": when}
    return ExerciseSet("Hotel loyalty programme", story, params, questions, student=student)
