"""Exercises for the customer-value units (lessons 01 and 02).

Each factory returns an :class:`~crmlib.exercises.ExerciseSet` whose expected answers are
computed by crmlib from the exercise's own numbers. ``student=None`` gives the course
material's numbers; a student id gives that student their own numbers (and answer key).
"""

from __future__ import annotations

import numpy as np

from crmlib.clv import (
    clv_lever_effects,
    clv_schedule,
    customer_lifetime_value,
    expected_lifetime,
    margin_multiple,
)
from crmlib.economics import (
    break_even_programme_cost,
    clv_change_from_retention,
    crm_spending_assessment,
    customer_delivered_value,
    lifetime_revenue,
    turnover_scenario,
)
from crmlib.exercises._core import (
    ChoiceQuestion,
    ExerciseSet,
    Hint,
    NumericQuestion,
    student_seed,
)
from crmlib.exercises._spec import Exercise, Numeric, pick
from crmlib.i18n import text


def _hotel_draw(rng, settings):
    churn_before = float(pick(rng, [0.15, 0.20, 0.25, 0.30]))
    return {"churn_before": churn_before,
            "churn_after": round(churn_before - float(pick(rng, [0.05, 0.10])), 2),
            "margin": float(rng.integers(15, 31) * 100),
            "acquisition_cost": float(rng.integers(5, 13) * 100),
            "programme_fee": float(pick(rng, [100, 150, 200, 250, 300]))}


def _hotel_solve(p):
    when, other = p["when"], ("end" if p["when"] == "begin" else "begin")
    r0, r1 = 1 - p["churn_before"], 1 - p["churn_after"]
    m0, fee, cost = p["margin"], p["programme_fee"], p["acquisition_cost"]
    m1 = m0 - fee

    def clv(m, r, convention=when, acquisition=cost):
        return customer_lifetime_value(m, r, when=convention, acquisition_cost=acquisition)

    before, after = clv(m0, r0), clv(m1, r1)
    return {
        "retention_before": r0, "retention_before.churn": p["churn_before"],
        "retention_after": r1, "retention_after.churn": p["churn_after"],
        "lifetime_before": expected_lifetime(r0),
        "lifetime_before.years_after_this": r0 / p["churn_before"],
        "lifetime_after": expected_lifetime(r1),
        "lifetime_after.years_after_this": r1 / p["churn_after"],
        "profit_after": m1, "profit_after.no_fee": m0,
        "clv_before": before,
        "clv_before.other_timing": clv(m0, r0, other),
        "clv_before.no_acquisition_cost": clv(m0, r0, acquisition=0.0),
        "clv_before.other_timing_no_cost": clv(m0, r0, other, 0.0),
        "clv_after": after,
        "clv_after.other_timing": clv(m1, r1, other),
        "clv_after.no_acquisition_cost": clv(m1, r1, acquisition=0.0),
        "clv_after.no_fee": clv(m0, r1),
        "clv_after.no_fee_other_timing": clv(m0, r1, other),
        "clv_after.other_timing_no_cost": clv(m1, r1, other, 0.0),
        "gain": after - before, "gain.reversed": before - after,
        "gain.other_timing": clv(m1, r1, other) - clv(m0, r0, other),
        "max_fee": break_even_programme_cost(m0, r0, r1, when=when),
        "max_fee.other_timing": break_even_programme_cost(m0, r0, r1, when=other),
        "max_fee.current_fee": fee,
    }


def _hotel_shown(p):
    return {"convention": text(f"hotel_loyalty.convention.{p['when']}"),
            "timing_hint": text(f"hotel_loyalty.timing_hint.{p['when']}")}


HOTEL_LOYALTY = Exercise(
    key="hotel_loyalty",
    defaults={"churn_before": 0.20, "churn_after": 0.10, "margin": 2000.0,
              "acquisition_cost": 800.0, "programme_fee": 200.0},
    draw=_hotel_draw,
    solve=_hotel_solve,
    shown=_hotel_shown,
    settings={"when": "begin"},
    questions=(
        Numeric("retention_before", decimals=2, fraction=True, mistakes=("churn",)),
        Numeric("retention_after", decimals=2, fraction=True, mistakes=("churn",)),
        Numeric("lifetime_before", unit="years", decimals=1, mistakes=("years_after_this",)),
        Numeric("lifetime_after", unit="years", decimals=1, mistakes=("years_after_this",)),
        Numeric("profit_after", unit="yuan", decimals=0, mistakes=("no_fee",)),
        Numeric("clv_before", unit="yuan", decimals=0,
                mistakes=("other_timing", "no_acquisition_cost", "other_timing_no_cost")),
        Numeric("clv_after", unit="yuan", decimals=0,
                mistakes=("other_timing", "no_acquisition_cost", "no_fee",
                          "no_fee_other_timing", "other_timing_no_cost")),
        Numeric("gain", unit="yuan", decimals=0, mistakes=("reversed", "other_timing")),
        Numeric("max_fee", unit="yuan", decimals=2, mistakes=("other_timing", "current_fee")),
    ),
)


def hotel_loyalty(student=None, *, when="begin", graded=False) -> ExerciseSet:
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
    graded : bool, default False
        Graded work: answers are recorded, not marked.

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
    if when not in ("begin", "end"):
        raise ValueError(f"when must be 'begin' or 'end'; got {when!r}.")
    return HOTEL_LOYALTY.build(student, graded=graded, when=when)


# --------------------------------------------------------------------------- shared helpers


def _rng(student):
    """The student's random generator, or ``None`` for the course's numbers."""
    seed = student_seed(student)
    return None if seed is None else np.random.default_rng(seed)


def _pick(rng, options):
    """One of ``options`` as a plain Python number."""
    return options[int(rng.integers(len(options)))]


def _hints(answer, candidates, rel_tol=0.005):
    """Hints for known wrong paths, leaving out any that a variant's numbers make right."""
    return [Hint(value, message) for value, message in candidates
            if not abs(value - answer) <= max(1e-9, rel_tol * abs(answer))]


# --------------------------------------------------------------------------- lesson 01


def stew_leonards(student=None) -> ExerciseSet:
    """The revenue (and profit) that walks out of Stew Leonard's with one unhappy customer.

    A customer spends 100 dollars a week, shops 50 weeks a year and lives in the area for 10
    years: 100 × 50 × 10 = 50,000 dollars of revenue. With an (illustrative) gross margin of
    25% that is 12,500 dollars of profit, and twice that when the unhappy customer takes one
    friend along.

    Parameters
    ----------
    student : str or int, optional
        A student id for personal numbers; ``None`` (default) uses the course's numbers.

    Returns
    -------
    ExerciseSet
        Questions ``yearly_revenue``, ``lifetime_revenue``, ``lifetime_profit`` and
        ``revenue_with_friends``.

    References
    ----------
    Course material, 项目二 "建立客户关系（选择）", 案例 2 (斯图·伦纳德); Kotler, P. & Keller,
    K. L. *Marketing Management*. The 25% margin is the kit's illustration, not the case's.

    Examples
    --------
    >>> stew = stew_leonards()
    >>> stew.check("lifetime_revenue", "$50,000").correct
    True
    >>> print(stew.check("lifetime_revenue", 5000))  # doctest: +ELLIPSIS
    ❌ Not quite (5,000). That is one year's spending...
    """
    rng = _rng(student)
    if rng is None:
        spend, weeks, years, margin_rate, friends = 100.0, 50.0, 10.0, 0.25, 1
    else:
        spend = float(_pick(rng, [60, 80, 100, 120, 150]))
        weeks = float(_pick(rng, [46, 48, 50]))
        years = float(rng.integers(5, 13))
        margin_rate = float(_pick(rng, [0.20, 0.25, 0.30]))
        friends = int(_pick(rng, [1, 2, 3]))
    yearly = lifetime_revenue(spend, weeks, 1)
    lifetime = lifetime_revenue(spend, weeks, years)
    profit = lifetime * margin_rate
    with_friends = lifetime * (1 + friends)
    questions = {
        "yearly_revenue": NumericQuestion(
            "Revenue one customer brings in a year (dollars)", yearly, "dollars",
            explanation="Spend per week × weeks a year.",
            hints=_hints(yearly, [(spend * 52, f"The story says {weeks:.0f} weeks a year, "
                                                "not 52."),
                                  (spend, "That is one week's spending.")])),
        "lifetime_revenue": NumericQuestion(
            "Revenue that walks out with one unhappy customer (dollars)", lifetime, "dollars",
            explanation="Spend per week × weeks a year × years in the area.",
            hints=_hints(lifetime, [
                (yearly, "That is one year's spending; the customer would have stayed "
                         f"{years:.0f} years."),
                (spend * 52 * years, f"The story says {weeks:.0f} weeks a year, not 52."),
                (spend * years, "You left out the number of weeks a year.")])),
        "lifetime_profit": NumericQuestion(
            "Profit that walks out with that customer (dollars)", profit, "dollars",
            explanation="Profit = revenue × margin.",
            hints=_hints(profit, [
                (lifetime, "That is revenue. The store keeps only the margin as profit."),
                (lifetime * margin_rate * 100, "The margin is a fraction: use "
                                               f"{margin_rate:g}, not {margin_rate * 100:g}."),
                (lifetime * (1 - margin_rate), "That is the cost of the goods; profit is "
                                               "revenue × margin.")])),
        "revenue_with_friends": NumericQuestion(
            f"Revenue lost if the unhappy customer also takes {friends} "
            f"friend{'s' if friends > 1 else ''} with the same habits along (dollars)",
            with_friends, "dollars",
            explanation="Everyone who leaves takes the same lifetime revenue along.",
            hints=_hints(with_friends, [
                (lifetime * friends, "Count the unhappy customer too, not only the friends."),
                (lifetime, "That is one customer; the friends leave as well.")])),
    }
    story = (
        f"A customer spends {spend:,.0f} dollars a week at Stew Leonard's supermarket, shops "
        f"there {weeks:.0f} weeks a year and will live nearby for {years:.0f} more years. "
        f"The store's gross margin is {margin_rate:.0%} of revenue. One bad experience and "
        "the customer goes to another supermarket for good. Ignore discounting."
    )
    params = {"spend_per_week": spend, "weeks_per_year": weeks, "years": years,
              "margin_rate": margin_rate, "friends_lost": friends}
    return ExerciseSet("Stew Leonard's: the value of one unhappy customer", story, params,
                       questions, student=student)


def running_up_hill(student=None) -> ExerciseSet:
    """The handout's turnover scenario: a firm loses customers while its market grows.

    A firm with revenue 1 billion yuan loses the customers behind 30% of it each year while
    the market grows 15%. Winning new customers only at the market's pace, it shrinks by 150
    million; to grow with the market it must win 45% of its revenue in new business.

    Parameters
    ----------
    student : str or int, optional
        A student id for personal numbers; ``None`` (default) uses the course's numbers.

    Returns
    -------
    ExerciseSet
        Questions ``lost_revenue``, ``net_change``, ``shortfall``,
        ``required_acquisition_rate`` and ``double_growth`` (multiple choice).

    References
    ----------
    Course material, lecture handout "客户关系管理(CRM)讲义", *A Scenario (1), (2)*.

    Examples
    --------
    >>> hill = running_up_hill()
    >>> hill.check("net_change", "-1.5亿").correct
    True
    >>> print(hill.check("required_acquisition_rate", 0.30))  # doctest: +ELLIPSIS
    ❌ Not quite (0.3). That is the handout's 'double the growth rate'...
    """
    rng = _rng(student)
    if rng is None:
        revenue, turnover, growth = 1e9, 0.30, 0.15
    else:
        revenue = float(_pick(rng, [0.5, 1, 2, 5])) * 1e9
        turnover = float(_pick(rng, [0.20, 0.25, 0.30, 0.35, 0.40]))
        growth = float(_pick(rng, [0.05, 0.10, 0.15, 0.20]))
    s = turnover_scenario(revenue, turnover, growth)
    required = float(s["required_acquisition_rate"])
    doubled = turnover_scenario(revenue, turnover, growth, acquisition_rate=2 * growth)
    options = ["It grows as fast as the market.", "It grows, but more slowly than the market.",
               "It stays the same size.", "It shrinks."]
    if doubled["shortfall_vs_market"] <= 1e-9 * revenue:
        correct = options[0]
    elif abs(doubled["net_change"]) <= 1e-9 * revenue:
        correct = options[2]
    else:
        correct = options[1] if doubled["net_change"] > 0 else options[3]
    why = (f"At {2 * growth:.0%} new business the firm wins {doubled['acquired_revenue']:,.0f} "
           f"and loses {doubled['lost_revenue']:,.0f}: net change "
           f"{doubled['net_change']:+,.0f}, against {s['market_pace_revenue'] - revenue:+,.0f} "
           "for the market.")
    questions = {
        "lost_revenue": NumericQuestion(
            "Revenue lost with departing customers in one year (yuan)", s["lost_revenue"],
            "yuan", explanation="Lost revenue = turnover rate × revenue.",
            hints=_hints(s["lost_revenue"], [
                (-s["net_change"], "That is the net loss after new customers; the question "
                                   "asks what walks out before any are won."),
                (revenue * growth, "That is the market growth; use the turnover rate.")])),
        "net_change": NumericQuestion(
            "Change in revenue over the year if new customers bring in revenue at the "
            "market's growth rate (yuan; negative for a fall)", s["net_change"], "yuan",
            explanation="New revenue (growth × revenue) minus lost revenue (turnover × "
                        "revenue).",
            hints=_hints(s["net_change"], [
                (-s["lost_revenue"], "You left out the new customers the firm does win."),
                (s["acquired_revenue"], "That is only the new revenue; subtract what was lost.")
            ])),
        "shortfall": NumericQuestion(
            "How far behind a competitor that grows with the market is the firm after the "
            "year? (yuan)", s["shortfall_vs_market"], "yuan",
            explanation="Market pace revenue − the firm's revenue next year.",
            hints=_hints(s["shortfall_vs_market"], [
                (-s["net_change"], "That is the firm's own fall; the competitor also grew "
                                   f"{growth:.0%}.")])),
        "required_acquisition_rate": NumericQuestion(
            "New business needed, as a fraction of this year's revenue, to grow with the "
            "market", required,
            explanation="Replace what turnover takes away, then add the market's growth.",
            hints=_hints(required, [
                (2 * growth, f"That is the handout's 'double the growth rate'. To grow "
                             f"{growth:.0%}, the firm must first replace the {turnover:.0%} it "
                             "loses: add the turnover rate to the growth rate."),
                (growth, "That is the market growth rate: winning only that shrinks the firm."),
                (turnover, "That only replaces the customers who left: the firm stands still.")])),
        "double_growth": ChoiceQuestion(
            f"The handout says new-customer acquisition must 'double the market growth rate'. "
            f"What happens to the firm if new customers bring in {2 * growth:.0%} of revenue?",
            options, correct, {option: why for option in options}),
    }
    story = (
        f"A firm has revenue of {revenue:,.0f} yuan a year. Each year the customers behind "
        f"{turnover:.0%} of its revenue leave (customer turnover), while its market grows "
        f"{growth:.0%} a year. Give rates as fractions (0.3 for 30%)."
    )
    params = {"revenue": revenue, "turnover_rate": turnover, "market_growth_rate": growth}
    return ExerciseSet("Running up hill: turnover against market growth", story, params,
                       questions, student=student)


_BUDGET_PARTS = {
    "marketing_spent_on_turnover": "marketing spent replacing lost customers",
    "sales_time_regaining_revenue": "sales time spent re-gaining lost revenue",
    "lost_referrals": "lost referrals and word of mouth",
    "retention_gap": "revenue better retention would keep",
}


def crm_budget(student=None) -> ExerciseSet:
    """The handout's "How much can you spend on CRM?" quick assessment, with stated numbers.

    The handout lists four components and gives no numbers; the kit's illustration (in
    millions of yuan a year): marketing 200 with turnover 30% → 60; sales time 15; lost
    referrals 25; retention revenue 770 at the target against 700 now → 70. Total 170.

    Parameters
    ----------
    student : str or int, optional
        A student id for personal numbers; ``None`` (default) uses the kit's numbers.

    Returns
    -------
    ExerciseSet
        Questions ``marketing_on_turnover``, ``retention_gap``, ``total`` and ``largest``
        (multiple choice).

    References
    ----------
    Course material, lecture handout, *How Much Can You Spend on CRM? – quick assessment*.

    Examples
    --------
    >>> budget = crm_budget()
    >>> budget.check("total", 170).correct
    True
    >>> print(budget.check("total", 100))  # doctest: +ELLIPSIS
    ❌ Not quite (100). You left out the revenue better retention would keep...
    """
    rng = _rng(student)
    if rng is None:
        marketing, turnover, sales, referrals, current, gap = 200.0, 0.30, 15.0, 25.0, 700.0, 70.0
    else:
        marketing = float(rng.integers(2, 9) * 50)
        turnover = float(_pick(rng, [0.20, 0.25, 0.30, 0.35, 0.40]))
        sales = float(rng.integers(1, 7) * 5)
        referrals = float(rng.integers(2, 9) * 5)
        current = float(rng.integers(10, 19) * 50)
        gap = float(rng.integers(2, 11) * 10)
    b = crm_spending_assessment(marketing_expense=marketing, turnover_rate=turnover,
                                sales_time_value=sales, lost_referrals_value=referrals,
                                target_retention_revenue=current + gap,
                                current_retention_revenue=current)
    total = float(b["total"])
    parts = {key: float(b[key]) for key in _BUDGET_PARTS}
    largest = max(parts, key=parts.get)
    labels = [text[0].upper() + text[1:] for text in _BUDGET_PARTS.values()]
    note = "Components: " + "; ".join(f"{text} {value:,.0f}" for text, value
                                      in zip(_BUDGET_PARTS.values(), parts.values(), strict=True))
    explanations = {label: note + " (million yuan)." for label in labels}
    left_out = [(total - value, f"You left out the {_BUDGET_PARTS[key]}.")
                for key, value in parts.items()]
    questions = {
        "marketing_on_turnover": NumericQuestion(
            "Marketing spent each year just replacing lost customers (million yuan)",
            parts["marketing_spent_on_turnover"], "million yuan",
            explanation="Marketing expense × turnover rate.",
            hints=_hints(parts["marketing_spent_on_turnover"], [
                (marketing, "Only the turnover share of marketing goes on replacing lost "
                            "customers: multiply by the turnover rate."),
                (marketing * turnover * 100, f"The turnover rate is a fraction: use "
                                             f"{turnover:g}, not {turnover * 100:g}."),
                (marketing * (1 - turnover), "That is the share NOT spent on turnover.")])),
        "retention_gap": NumericQuestion(
            "Revenue a year that reaching the target retention would keep (million yuan)",
            parts["retention_gap"], "million yuan",
            explanation="Target retention revenue − current retention revenue.",
            hints=_hints(parts["retention_gap"], [
                (current + gap, "That is the target level; subtract the current level."),
                (current, "That is the current level; the gap is target − current.")])),
        "total": NumericQuestion(
            "How much could go to CRM each year: the quick assessment's total (million yuan)",
            total, "million yuan", explanation="The sum of the four components.",
            hints=_hints(total, [
                *left_out,
                (total - parts["marketing_spent_on_turnover"] + marketing,
                 "Only the turnover share of marketing counts, not all of it."),
                (total - gap + current + gap, "Use the retention gap (target − current), not "
                                              "the target level.")])),
        "largest": ChoiceQuestion(
            "Which component is the largest here?", labels,
            labels[list(_BUDGET_PARTS).index(largest)], explanations),
    }
    story = (
        "The kit's illustration of the quick assessment (the handout gives no numbers), in "
        f"million yuan a year: marketing expense {marketing:,.0f}; customer turnover "
        f"{turnover:.0%}; sales-management time spent re-gaining lost revenue worth "
        f"{sales:,.0f}; lost referrals and good word of mouth worth {referrals:,.0f} (present "
        f"value); revenue kept from existing customers {current:,.0f} now and "
        f"{current + gap:,.0f} at the target retention."
    )
    params = {"marketing_expense": marketing, "turnover_rate": turnover,
              "sales_time_value": sales, "lost_referrals_value": referrals,
              "current_retention_revenue": current, "target_retention_revenue": current + gap}
    return ExerciseSet("How much can you spend on CRM?", story, params, questions,
                       student=student)


def fewer_defections(student=None) -> ExerciseSet:
    """Reichheld & Sasser's claim checked with CLV: what do 5 points fewer defections add?

    Retention 80% → 85%, discount rate 10%, course formula (first margin after a year): the
    margin multiple goes from 0.8/0.3 = 2.667 to 0.85/0.25 = 3.4, so CLV rises 27.5%: the low
    end of the quoted 25–85%.

    Parameters
    ----------
    student : str or int, optional
        A student id for personal numbers; ``None`` (default) uses the numbers above.

    Returns
    -------
    ExerciseSet
        Questions ``multiple_before``, ``multiple_after``, ``clv_increase`` and ``claim``
        (multiple choice).

    References
    ----------
    Reichheld, F. F. & Sasser, W. E. (1990). Zero defections: quality comes to services.
    *Harvard Business Review* 68(5), 105–111 (as quoted in the course slides).

    Examples
    --------
    >>> ex = fewer_defections()
    >>> ex.check("clv_increase", "27.5%").correct
    True
    >>> print(ex.check("clv_increase", 0.7333))  # doctest: +ELLIPSIS
    ❌ Not quite (0.7333). That is the change in the multiple...
    """
    rng = _rng(student)
    if rng is None:
        retention, gain, discount = 0.80, 0.05, 0.10
    else:
        retention = float(_pick(rng, [0.65, 0.70, 0.75, 0.80, 0.85, 0.90]))
        gain = 0.05
        discount = float(_pick(rng, [0.08, 0.10, 0.12, 0.15]))
    after = round(retention + gain, 2)
    before_m = margin_multiple(retention, discount)
    after_m = margin_multiple(after, discount)
    increase = clv_change_from_retention(retention, gain, discount)
    no_discount = clv_change_from_retention(retention, gain, 0.0)
    begin = clv_change_from_retention(retention, gain, discount, when="begin")
    timing = "Use the course formula: the first margin comes after one year, m·r/(1+i−r)."
    options = ["Below 25%", "Between 25% and 85%", "Above 85%"]
    correct = options[0] if increase < 0.25 else (options[1] if increase <= 0.85 else options[2])
    note = (f"CLV alone rises {increase:.1%}. Reichheld & Sasser's profits also include customers "
            "who spend more, cost less to serve and bring referrals the longer they stay, which "
            "a constant-margin CLV leaves out.")
    questions = {
        "multiple_before": NumericQuestion(
            "Margin multiple (CLV ÷ margin) before", before_m,
            explanation="Multiple = r / (1 + i − r).",
            hints=_hints(before_m, [
                (margin_multiple(retention, 0.0), "You left out the discount rate."),
                (margin_multiple(retention, discount, when="begin"), timing),
                (expected_lifetime(retention), "That is the expected lifetime 1/(1−r), not the "
                                               "margin multiple.")])),
        "multiple_after": NumericQuestion(
            f"Margin multiple with {gain * 100:.0f} points fewer defections", after_m,
            explanation="Same formula with the higher retention rate.",
            hints=_hints(after_m, [
                (margin_multiple(after, 0.0), "You left out the discount rate."),
                (margin_multiple(after, discount, when="begin"), timing),
                (margin_multiple(round(retention - gain, 2), discount),
                 "Fewer defections means a HIGHER retention rate.")])),
        "clv_increase": NumericQuestion(
            "Relative increase in CLV (a fraction: 0.1 = 10% more)", increase,
            explanation="after ÷ before − 1; the margin cancels.",
            hints=_hints(increase, [
                (after_m - before_m, "That is the change in the multiple; divide by the "
                                     "multiple before to get the relative change."),
                (no_discount, "That is the answer with no discounting; use the discount rate."),
                (begin, timing),
                (after_m / before_m, "That is the ratio after ÷ before; subtract 1 for the "
                                     "increase.")])),
        "claim": ChoiceQuestion(
            "Reichheld & Sasser report 25% to 85% more profit from 5 points fewer defections. "
            "Where does your CLV increase fall?", options, correct,
            {option: note for option in options}),
    }
    story = (
        f"A firm keeps {retention:.0%} of its customers each year (retention rate "
        f"{retention:g}); a CRM programme cuts defections by {gain * 100:.0f} percentage points, "
        f"to a retention rate of {after:g}. The discount rate is {discount:.0%} a year and the "
        "margin per customer stays the same. Use the course formula, CLV = m·r / (1 + i − r)."
    )
    params = {"retention_rate": retention, "retention_gain": gain, "discount_rate": discount}
    return ExerciseSet("Fewer defections, more profit?", story, params, questions,
                       student=student)


_VALUE_PARTS = ("product", "service", "personnel", "image")
_COST_PARTS = ("money", "time", "energy", "psychic")


def two_offers(student=None) -> ExerciseSet:
    """Customer delivered value (客户让渡价值) of two offers: which one does the customer take?

    Offer A: value 60 + 10 + 5 + 5 = 80, cost 50 + 10 + 5 + 5 = 70, delivered value 10.
    Offer B: value 65 + 25 + 10 + 10 = 110, cost 70 + 5 + 5 + 5 = 85, delivered value 25.
    A is cheaper, B delivers more: a value-maximising customer takes B.

    Parameters
    ----------
    student : str or int, optional
        A student id for personal numbers; ``None`` (default) uses the numbers above.

    Returns
    -------
    ExerciseSet
        Questions ``delivered_a``, ``delivered_b`` and ``choice`` (multiple choice).

    References
    ----------
    Kotler, P. (1994). *Marketing Management*, 8th ed. Prentice Hall (customer delivered
    value). Course material, 项目二, 客户价值 (从客户角度).

    Examples
    --------
    >>> offers = two_offers()
    >>> offers.check("delivered_b", 25).correct
    True
    >>> print(offers.check("delivered_a", 30))  # doctest: +ELLIPSIS
    ❌ Not quite (30). You counted only the price...
    """
    rng = _rng(student)

    def offer(value, cost):
        return (dict(zip(_VALUE_PARTS, value, strict=True)),
                dict(zip(_COST_PARTS, cost, strict=True)))

    def draw(low, high):
        return tuple(int(v) for v in rng.integers(low, high))

    if rng is None:
        offers = {"A": offer((60, 10, 5, 5), (50, 10, 5, 5)),
                  "B": offer((65, 25, 10, 10), (70, 5, 5, 5))}
    else:
        while True:  # B costs more money but must deliver more value: the lesson's point
            a_cost = draw([40, 5, 2, 2], [61, 16, 11, 11])
            offers = {"A": offer(draw([50, 5, 5, 0], [71, 16, 11, 11]), a_cost),
                      "B": offer(draw([55, 15, 5, 5], [81, 31, 16, 16]),
                                 (a_cost[0] + int(rng.integers(5, 26)), *draw([1] * 3, [9] * 3)))}
            a, b = (customer_delivered_value(*offers[name]) for name in "AB")
            if b >= a + 3:
                break
    delivered = {name: customer_delivered_value(value, cost)
                 for name, (value, cost) in offers.items()}

    def delivered_question(name):
        value, cost = offers[name]
        answer = delivered[name]
        total_value, total_cost = sum(value.values()), sum(cost.values())
        return NumericQuestion(
            f"Customer delivered value of offer {name} (points)", answer, "points",
            explanation="Total customer value − total customer cost.",
            hints=_hints(answer, [
                (total_value - cost["money"], "You counted only the price. Total customer cost "
                                              "also includes time, energy and psychic cost."),
                (value["product"] - cost["money"], "Count every part of value (product, "
                                                   "service, personnel, image) and of cost."),
                (total_value / total_cost, "Delivered value is a difference (value − cost), "
                                           "not a ratio."),
                (total_cost - total_value, "Subtract the other way: value − cost.")]))

    options = ["Offer A: it has the lower price", "Offer B: it delivers more value"]
    best = max(delivered, key=delivered.get)
    note = (f"Delivered value: A {delivered['A']:g}, B {delivered['B']:g} points. The customer "
            "weighs everything they get against everything it costs them, not the price alone.")
    questions = {
        "delivered_a": delivered_question("A"),
        "delivered_b": delivered_question("B"),
        "choice": ChoiceQuestion(
            "Which offer does a customer who maximises delivered value choose?", options,
            options[0] if best == "A" else options[1], {option: note for option in options}),
    }

    def describe(parts):
        return ", ".join(f"{key} {value}" for key, value in parts.items())

    story = (
        "A customer compares two broadband offers, scoring everything in the same points.\n"
        f"Offer A: value — {describe(offers['A'][0])}; cost — {describe(offers['A'][1])}.\n"
        f"Offer B: value — {describe(offers['B'][0])}; cost — {describe(offers['B'][1])}.\n"
        "(money = the price; time, energy and psychic cost = the customer's effort and worry.)"
    )
    params = {"offer_a_value": offers["A"][0], "offer_a_cost": offers["A"][1],
              "offer_b_value": offers["B"][0], "offer_b_cost": offers["B"][1]}
    return ExerciseSet("Two offers: customer delivered value", story, params, questions,
                       student=student)


# --------------------------------------------------------------------------- lesson 02


def three_period_clv(student=None) -> ExerciseSet:
    """A three-period CLV worked by hand, step by step (the course formula, first margin later).

    Margin 100 a year, retention 0.8, discount rate 10%: period 1 is worth 100 × 0.8 / 1.1 =
    72.73, period 2 100 × 0.64 / 1.21 = 52.89, period 3 100 × 0.512 / 1.331 = 38.47; three
    periods together 164.09.

    Parameters
    ----------
    student : str or int, optional
        A student id for personal numbers; ``None`` (default) uses the numbers above.

    Returns
    -------
    ExerciseSet
        Questions ``survival_2``, ``pv_1``, ``pv_3`` and ``clv_3``.

    References
    ----------
    Gupta, S. & Lehmann, D. R. (2003). Customers as assets. *Journal of Interactive
    Marketing* 17(1), 9–24.

    Examples
    --------
    >>> ex = three_period_clv()
    >>> ex.check("clv_3", 164.09).correct
    True
    >>> print(ex.check("pv_1", 80))  # doctest: +ELLIPSIS
    ❌ Not quite (80). You did not discount...
    """
    rng = _rng(student)
    if rng is None:
        margin, retention, discount = 100.0, 0.80, 0.10
    else:
        margin = float(rng.integers(1, 11) * 50)
        retention = float(_pick(rng, [0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90]))
        discount = float(_pick(rng, [0.05, 0.08, 0.10, 0.12, 0.15]))
    table = clv_schedule(margin, retention, discount, periods=3)
    survival_2 = float(table["survival_probability"].iloc[1])
    pv_1, pv_3 = (float(table["present_value"].iloc[k]) for k in (0, 2))
    clv_3 = float(table["cumulative_present_value"].iloc[-1])
    undiscounted = float(table["expected_margin"].sum())
    no_discount = "You did not discount: divide period t's expected margin by (1 + i)^t."
    questions = {
        "survival_2": NumericQuestion(
            "Probability the customer is still a customer in period 2", survival_2,
            explanation="They must stay twice: r × r.",
            hints=_hints(survival_2, [
                (retention, "That is one period; to be there in period 2 they stay twice."),
                ((1 - retention) ** 2, "That is the chance of leaving twice; use the retention "
                                       "rate."),
                (2 * retention, "Probabilities of staying multiply, they do not add.")])),
        "pv_1": NumericQuestion(
            "Present value of period 1's expected margin", pv_1,
            explanation="m × r / (1 + i).",
            hints=_hints(pv_1, [
                (margin * retention, no_discount),
                (margin / (1 + discount), "The customer must stay to pay in period 1: multiply "
                                          "by the retention rate."),
                (margin, "In the course formula the first margin comes after one period, if "
                         "the customer stays: m × r / (1 + i).")])),
        "pv_3": NumericQuestion(
            "Present value of period 3's expected margin", pv_3,
            explanation="m × r³ / (1 + i)³.",
            hints=_hints(pv_3, [
                (margin * retention**3, no_discount),
                (margin * retention**3 / (1 + discount), "Discount three periods: divide by "
                                                        "(1 + i)³, not (1 + i)."),
                (margin * retention / (1 + discount) ** 3, "The customer must stay three "
                                                          "times: r³.")])),
        "clv_3": NumericQuestion(
            "CLV over these three periods (sum of the three present values)", clv_3,
            explanation="The last line of clv_schedule(..., periods=3).",
            hints=_hints(clv_3, [
                (undiscounted, no_discount),
                (customer_lifetime_value(margin, retention, discount),
                 "That is the value over all future periods; the question stops at three."),
                (customer_lifetime_value(margin, retention, discount, horizon=3, when="begin"),
                 "You counted a margin now (period 0). Here the first margin comes after one "
                 "period.")])),
    }
    story = (
        f"A customer brings a margin of {margin:,.0f} yuan a year while they stay. Each year "
        f"they stay with probability {retention:g} (the retention rate); the discount rate is "
        f"{discount:.0%} a year. The first margin comes at the end of year 1, if the customer "
        "is still there (the course formula's timing). Work out the first three years by hand."
    )
    params = {"margin": margin, "retention_rate": retention, "discount_rate": discount}
    return ExerciseSet("Three years of CLV by hand", story, params, questions, student=student)


_LEVERS = {"margin": "Margin 10% higher", "retention": "Retention 5 points higher",
           "discount rate": "Discount rate 2 points lower"}


def clv_rule_of_thumb(student=None) -> ExerciseSet:
    """CLV ≈ margin × multiple, against the acquisition cost; which lever matters most.

    Retention 0.75, discount 12%, margin 600, acquisition cost 1000: the multiple is 0.75 /
    0.37 = 2.027, CLV 1216.2, net of acquisition 216.2, so winning the customer pays; five
    points more retention adds the most.

    Parameters
    ----------
    student : str or int, optional
        A student id for personal numbers; ``None`` (default) uses the numbers above.

    Returns
    -------
    ExerciseSet
        Questions ``multiple``, ``clv``, ``net_clv``, ``acquire`` and ``lever`` (the last two
        multiple choice).

    References
    ----------
    Gupta, S. & Lehmann, D. R. (2003). Customers as assets. *Journal of Interactive
    Marketing* 17(1), 9–24 (Table 1). Gupta, S., Lehmann, D. R. & Stuart, J. A. (2004).
    Valuing customers. *Journal of Marketing Research* 41(1), 7–18.

    Examples
    --------
    >>> ex = clv_rule_of_thumb()
    >>> ex.check("net_clv", 216.2).correct
    True
    >>> print(ex.check("net_clv", 1216.2))  # doctest: +ELLIPSIS
    ❌ Not quite (1,216.20). Don't forget the acquisition cost...
    """
    rng = _rng(student)
    if rng is None:
        retention, discount, margin, acquisition = 0.75, 0.12, 600.0, 1000.0
    else:
        retention = float(_pick(rng, [0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90]))
        discount = float(_pick(rng, [0.10, 0.12, 0.14, 0.16]))
        margin = float(rng.integers(2, 11) * 100)
        gross = customer_lifetime_value(margin, retention, discount)
        acquisition = float(round(gross * _pick(rng, [0.5, 0.7, 1.3, 1.6]), -2))
    multiple = margin_multiple(retention, discount)
    clv = customer_lifetime_value(margin, retention, discount)
    net = customer_lifetime_value(margin, retention, discount, acquisition_cost=acquisition)
    begin = customer_lifetime_value(margin, retention, discount, when="begin")
    timing = ("You counted a margin now. The course formula's first margin comes after one "
              "year: m·r / (1 + i − r).")
    levers = clv_lever_effects(margin, retention, discount).set_index("lever")
    best = levers.drop("now")["clv"].idxmax()
    lever_note = ("CLV after each change: " + "; ".join(
        f"{_LEVERS[name]} → {levers.loc[name, 'clv']:,.0f} ({levers.loc[name, 'change_pct']:+.1f}%)"
        for name in _LEVERS) + ".")
    acquire_options = ["Yes: the customer is worth more than it costs to win them",
                       "No: winning the customer costs more than they are worth"]
    acquire_note = f"Net CLV = {clv:,.2f} − {acquisition:,.0f} = {net:,.2f}."
    questions = {
        "multiple": NumericQuestion(
            "Margin multiple: how many years' margins is one customer worth?", multiple,
            explanation="r / (1 + i − r).",
            hints=_hints(multiple, [
                (margin_multiple(retention, discount, when="begin"), timing),
                (margin_multiple(retention, 0.0), "You left out the discount rate."),
                (expected_lifetime(retention), "That is the expected lifetime 1/(1−r): it "
                                               "neither discounts nor waits a year.")])),
        "clv": NumericQuestion(
            "CLV before acquisition cost (yuan)", clv, "yuan",
            explanation="margin × margin multiple.",
            hints=_hints(clv, [(begin, timing),
                               (net, "That is net of the acquisition cost; this question asks "
                                     "for CLV before it."),
                               (customer_lifetime_value(margin, retention),
                                "You left out the discount rate.")])),
        "net_clv": NumericQuestion(
            "CLV net of the acquisition cost (yuan)", net, "yuan",
            explanation="CLV − acquisition cost.",
            hints=_hints(net, [(clv, "Don't forget the acquisition cost: subtract it once."),
                               (begin - acquisition, timing)])),
        "acquire": ChoiceQuestion(
            "Is it worth spending the acquisition cost to win such a customer?",
            acquire_options, acquire_options[0] if net > 0 else acquire_options[1],
            {option: acquire_note for option in acquire_options}),
        "lever": ChoiceQuestion(
            "Which single change raises this customer's CLV most?", list(_LEVERS.values()),
            _LEVERS[best], {option: lever_note for option in _LEVERS.values()}),
    }
    story = (
        f"A subscription service keeps {retention:.0%} of its customers each year and discounts "
        f"future money at {discount:.0%} a year. A customer brings a margin of {margin:,.0f} "
        f"yuan a year and costs {acquisition:,.0f} yuan to win. Use the course formula (first "
        "margin after one year)."
    )
    params = {"retention_rate": retention, "discount_rate": discount, "margin": margin,
              "acquisition_cost": acquisition}
    return ExerciseSet("CLV as a multiple of margin", story, params, questions, student=student)
