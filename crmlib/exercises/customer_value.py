"""Exercises of the customer-value units (lessons 01 and 02), written as specs.

Each exercise is an :class:`~crmlib.exercises.Exercise`: its own numbers, how a student's numbers
are drawn, every answer and every known wrong path computed with crmlib from those numbers, and
its questions. Every sentence a student reads (story, prompts, hints, option labels, the reason
for every option) is in the text catalogue: ``crmlib/text/<lang>/exercises_value.toml`` and
``vocab_value.toml``. The factories below build a spec for a student (``student=None``: the
exercise's own numbers; a student id: that student's numbers, the same on every computer).
"""

from __future__ import annotations

import math

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
from crmlib.exercises._core import ExerciseSet
from crmlib.exercises._spec import Choice, Exercise, Numeric, exercise_factory, pick
from crmlib.i18n import text

__all__ = ["HOTEL_LOYALTY", "STEW_LEONARDS", "RUNNING_UP_HILL", "CRM_BUDGET", "FEWER_DEFECTIONS",
           "TWO_OFFERS", "THREE_PERIOD_CLV", "CLV_RULE_OF_THUMB", "SPECS",
           "hotel_loyalty", "stew_leonards", "running_up_hill", "crm_budget", "fewer_defections",
           "two_offers", "three_period_clv", "clv_rule_of_thumb"]

# --------------------------------------------------------------------------- lesson 02: hotel


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
    no_fee, other_timing = clv(m0, r1), clv(m1, r1, other)
    # with fee = margin × churn after (the course's numbers: 200 = 2000 × 0.1) leaving out the
    # fee and using the other timing give the same number: one hint names both slips
    both = math.isclose(no_fee, other_timing, rel_tol=1e-9)
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
        "clv_after.other_timing": None if both else other_timing,
        "clv_after.no_acquisition_cost": clv(m1, r1, acquisition=0.0),
        "clv_after.no_fee": None if both else no_fee,
        "clv_after.no_fee_or_other_timing": no_fee if both else None,
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
            "timing_hint": text(f"hotel_loyalty.timing_hint.{p['when']}"),
            "timing_slip": text(f"hotel_loyalty.timing_slip.{p['when']}")}


HOTEL_LOYALTY = Exercise(
    key="hotel_loyalty",
    defaults={"churn_before": 0.20, "churn_after": 0.10, "margin": 2000.0,
              "acquisition_cost": 800.0, "programme_fee": 200.0},
    numbers="course",
    draw=_hotel_draw,
    solve=_hotel_solve,
    shown=_hotel_shown,
    settings={"when": "end"},
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
                          "no_fee_or_other_timing", "no_fee_other_timing",
                          "other_timing_no_cost")),
        Numeric("gain", unit="yuan", decimals=0, mistakes=("reversed", "other_timing")),
        Numeric("max_fee", unit="yuan", decimals=2, mistakes=("other_timing", "current_fee")),
    ),
)


@exercise_factory(HOTEL_LOYALTY)
def hotel_loyalty(student=None, *, when="end", graded=False) -> ExerciseSet:
    """The course's hotel loyalty-programme problem, checked step by step.

    A hotel loses 20% of its customers a year; each brings a profit of 2000 a year and costs
    800 to acquire. A loyalty programme cuts churn to 10% but costs 200 per customer per
    year. What is a customer worth before and after, and does the programme pay?

    Parameters
    ----------
    when : {"end", "begin"}, default "end"
        The CLV convention the answers use. ``"end"`` is the course's formula, Gupta &
        Lehmann's m·r/(1+i−r) with i = 0 (7200 before and 15400 after with the course's
        numbers, acquisition cost included); ``"begin"`` is the 1/churn convention, which
        also counts this year's profit (9200 and 17200).

    References
    ----------
    Course material, 项目二 "建立客户关系（选择）", 练习案例 1, with the course's formula
    CLV = m·r/(1+i−r) (Gupta & Lehmann).

    Examples
    --------
    >>> hotel = hotel_loyalty()
    >>> hotel.check("clv_before", "7,200元").correct
    True
    >>> print(hotel.check("clv_before", 9200))  # doctest: +ELLIPSIS
    ❌ Not quite (9,200). You used m/churn, which counts this year's profit now...
    """
    if when not in ("begin", "end"):
        raise ValueError(f"when must be 'end' or 'begin'; got {when!r}.")
    return HOTEL_LOYALTY.build(student, graded=graded, when=when)


# --------------------------------------------------------------------------- lesson 01


def _stew_draw(rng, settings):
    return {"spend_per_week": float(pick(rng, [60, 80, 100, 120, 150])),
            "weeks_per_year": float(pick(rng, [46, 48, 50])),
            "years": float(rng.integers(5, 13)),
            "margin_rate": float(pick(rng, [0.20, 0.25, 0.30])),
            "friends_lost": int(pick(rng, [1, 2, 3]))}


def _stew_solve(p):
    spend, weeks, years = p["spend_per_week"], p["weeks_per_year"], p["years"]
    margin, friends = p["margin_rate"], p["friends_lost"]
    yearly = lifetime_revenue(spend, weeks, 1)
    lifetime = lifetime_revenue(spend, weeks, years)
    return {
        "yearly_revenue": yearly,
        "yearly_revenue.fifty_two_weeks": lifetime_revenue(spend, 52, 1),
        "yearly_revenue.one_week": spend,
        "lifetime_revenue": lifetime,
        "lifetime_revenue.one_year": yearly,
        "lifetime_revenue.fifty_two_weeks": lifetime_revenue(spend, 52, years),
        "lifetime_revenue.no_weeks": spend * years,
        "lifetime_profit": lifetime * margin,
        "lifetime_profit.revenue": lifetime,
        "lifetime_profit.percent_margin": lifetime * margin * 100,
        "lifetime_profit.cost_of_goods": lifetime * (1 - margin),
        "revenue_with_friends": lifetime * (1 + friends),
        "revenue_with_friends.friends_only": lifetime * friends,
        "revenue_with_friends.one_customer": lifetime,
    }


def _stew_shown(p):
    friends = "one" if p["friends_lost"] == 1 else "many"
    return {"friends": text(f"stew_leonards.friends.{friends}", n=p["friends_lost"])}


STEW_LEONARDS = Exercise(
    key="stew_leonards",
    defaults={"spend_per_week": 100.0, "weeks_per_year": 50.0, "years": 10.0,
              "margin_rate": 0.25, "friends_lost": 1},
    numbers="course",
    draw=_stew_draw,
    solve=_stew_solve,
    shown=_stew_shown,
    questions=(
        Numeric("yearly_revenue", unit="dollars", decimals=0,
                mistakes=("fifty_two_weeks", "one_week")),
        Numeric("lifetime_revenue", unit="dollars", decimals=0,
                mistakes=("one_year", "fifty_two_weeks", "no_weeks")),
        Numeric("lifetime_profit", unit="dollars", decimals=0,
                mistakes=("revenue", "percent_margin", "cost_of_goods")),
        Numeric("revenue_with_friends", unit="dollars", decimals=0,
                mistakes=("friends_only", "one_customer")),
    ),
)


@exercise_factory(STEW_LEONARDS)
def stew_leonards(student=None, *, graded=False) -> ExerciseSet:
    """The revenue (and profit) that walks out of Stew Leonard's with one unhappy customer.

    A customer spends 100 dollars a week, shops 50 weeks a year and lives in the area for 10
    years: 100 × 50 × 10 = 50,000 dollars of revenue (the case's figures). With a gross margin
    of 25% (the kit's illustration: the case gives none) that is 12,500 dollars of profit,
    and twice the revenue when the unhappy customer takes one friend along.

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
    return STEW_LEONARDS.build(student, graded=graded)


def _hill_draw(rng, settings):
    return {"revenue": float(pick(rng, [0.5, 1, 2, 5])) * 1000,
            "turnover_rate": float(pick(rng, [0.20, 0.25, 0.30, 0.35, 0.40])),
            "market_growth_rate": float(pick(rng, [0.05, 0.10, 0.15, 0.20]))}


def _doubled_outcome(revenue, doubled) -> str:
    """Which option describes the firm when new business is twice the market's growth."""
    if doubled["shortfall_vs_market"] <= 1e-9 * revenue:
        return "grows_with_market"
    if abs(doubled["net_change"]) <= 1e-9 * revenue:
        return "same_size"
    return "grows_slower" if doubled["net_change"] > 0 else "shrinks"


def _hill_solve(p):
    revenue, turnover, growth = p["revenue"], p["turnover_rate"], p["market_growth_rate"]
    s = turnover_scenario(revenue, turnover, growth)
    doubled = turnover_scenario(revenue, turnover, growth, acquisition_rate=2 * growth)
    return {
        "lost_revenue": s["lost_revenue"],
        "lost_revenue.net_loss": -s["net_change"],
        "lost_revenue.market_growth": s["acquired_revenue"],
        "net_change": s["net_change"],
        "net_change.no_new_customers": -s["lost_revenue"],
        "net_change.new_only": s["acquired_revenue"],
        "shortfall": s["shortfall_vs_market"],
        "shortfall.own_fall": -s["net_change"],
        "required_acquisition_rate": s["required_acquisition_rate"],
        "required_acquisition_rate.double_growth": 2 * growth,
        "required_acquisition_rate.growth": growth,
        "required_acquisition_rate.turnover": turnover,
        "double_growth": _doubled_outcome(revenue, doubled),
        "doubled_next_year": doubled["revenue_next_year"],
        "market_pace": doubled["market_pace_revenue"],
    }


RUNNING_UP_HILL = Exercise(
    key="running_up_hill",
    defaults={"revenue": 1000.0, "turnover_rate": 0.30, "market_growth_rate": 0.15},
    numbers="course",
    draw=_hill_draw,
    solve=_hill_solve,
    shown=lambda p: {"double_rate": 2 * p["market_growth_rate"]},
    questions=(
        Numeric("lost_revenue", unit="million_yuan", decimals=0,
                mistakes=("net_loss", "market_growth")),
        Numeric("net_change", unit="million_yuan", decimals=0,
                mistakes=("no_new_customers", "new_only")),
        Numeric("shortfall", unit="million_yuan", decimals=0, mistakes=("own_fall",)),
        Numeric("required_acquisition_rate", decimals=2, fraction=True,
                mistakes=("double_growth", "growth", "turnover")),
        Choice("double_growth", ("grows_with_market", "grows_slower", "same_size", "shrinks")),
    ),
)


@exercise_factory(RUNNING_UP_HILL)
def running_up_hill(student=None, *, graded=False) -> ExerciseSet:
    """The handout's turnover scenario: a firm loses customers while its market grows.

    A firm with revenue of 1 billion yuan (1000 million) loses the customers behind 30% of it
    each year while the market grows 15%. Winning new customers only at the market's pace, it
    shrinks by 150 million; to grow with the market it must win 45% of its revenue in new
    business. Amounts are in million yuan, as in lesson 01.

    References
    ----------
    Course material, lecture handout "客户关系管理(CRM)讲义", *A Scenario (1), (2)*.

    Examples
    --------
    >>> hill = running_up_hill()
    >>> hill.check("net_change", -150).correct
    True
    >>> print(hill.check("required_acquisition_rate", 0.30))  # doctest: +ELLIPSIS
    ❌ Not quite (0.3). That is the handout's 'double the growth rate'...
    """
    return RUNNING_UP_HILL.build(student, graded=graded)


_BUDGET_PARTS = ("marketing_spent_on_turnover", "sales_time_regaining_revenue",
                 "lost_referrals", "retention_gap")


def _budget_draw(rng, settings):
    p = {"marketing_expense": float(rng.integers(2, 9) * 50),
         "turnover_rate": float(pick(rng, [0.20, 0.25, 0.30, 0.35, 0.40])),
         "sales_time_value": float(rng.integers(1, 7) * 5),
         "lost_referrals_value": float(rng.integers(2, 9) * 5)}
    current = float(rng.integers(10, 19) * 50)
    gap = float(rng.integers(2, 11) * 10)
    return {**p, "current_retention_revenue": current, "target_retention_revenue": current + gap}


def _budget_solve(p):
    b = crm_spending_assessment(**p)
    marketing, turnover = p["marketing_expense"], p["turnover_rate"]
    spent, gap, total = b["marketing_spent_on_turnover"], b["retention_gap"], b["total"]
    solved = {
        "marketing_on_turnover": spent,
        "marketing_on_turnover.all_marketing": marketing,
        "marketing_on_turnover.percent": marketing * turnover * 100,
        "marketing_on_turnover.not_turnover": marketing * (1 - turnover),
        "retention_gap": gap,
        "retention_gap.target": p["target_retention_revenue"],
        "retention_gap.current": p["current_retention_revenue"],
        "total": total,
        "total.all_marketing": total - spent + marketing,
        "total.target_level": total - gap + p["target_retention_revenue"],
        "largest": max(_BUDGET_PARTS, key=lambda part: b[part]),
    }
    for part in _BUDGET_PARTS:
        solved[f"total.without_{part}"] = total - b[part]
    return solved


CRM_BUDGET = Exercise(
    key="crm_budget",
    defaults={"marketing_expense": 200.0, "turnover_rate": 0.30, "sales_time_value": 15.0,
              "lost_referrals_value": 25.0, "current_retention_revenue": 700.0,
              "target_retention_revenue": 770.0},
    numbers="illustrative",
    draw=_budget_draw,
    solve=_budget_solve,
    questions=(
        Numeric("marketing_on_turnover", unit="million_yuan", decimals=1,
                mistakes=("all_marketing", "percent", "not_turnover")),
        Numeric("retention_gap", unit="million_yuan", decimals=0,
                mistakes=("target", "current")),
        Numeric("total", unit="million_yuan", decimals=1,
                mistakes=(*(f"without_{part}" for part in _BUDGET_PARTS), "all_marketing",
                          "target_level")),
        Choice("largest", _BUDGET_PARTS, labels="vocab.crm_budget_part"),
    ),
)


@exercise_factory(CRM_BUDGET)
def crm_budget(student=None, *, graded=False) -> ExerciseSet:
    """The handout's "How much can you spend on CRM?" quick assessment, with stated numbers.

    The handout lists four components and gives no numbers; the kit's illustration (in
    million yuan a year): marketing 200 with turnover 30% → 60; sales time 15; lost
    referrals 25; retention revenue 770 at the target against 700 now → 70. Total 170.

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
    return CRM_BUDGET.build(student, graded=graded)


def _defections_draw(rng, settings):
    return {"retention_rate": float(pick(rng, [0.65, 0.70, 0.75, 0.80, 0.85, 0.90])),
            "retention_gain": 0.05,
            "discount_rate": float(pick(rng, [0.08, 0.10, 0.12, 0.15]))}


def _claim_band(increase: float) -> str:
    if increase < 0.25:
        return "below_25"
    return "between" if increase <= 0.85 else "above_85"


def _defections_solve(p):
    r, gain, i = p["retention_rate"], p["retention_gain"], p["discount_rate"]
    after = round(r + gain, 2)
    before_m, after_m = margin_multiple(r, i), margin_multiple(after, i)
    increase = clv_change_from_retention(r, gain, i)
    return {
        "multiple_before": before_m,
        "multiple_before.no_discount": margin_multiple(r, 0.0),
        "multiple_before.begin": margin_multiple(r, i, when="begin"),
        "multiple_before.lifetime": expected_lifetime(r),
        "multiple_after": after_m,
        "multiple_after.no_discount": margin_multiple(after, 0.0),
        "multiple_after.begin": margin_multiple(after, i, when="begin"),
        "multiple_after.lower_retention": margin_multiple(round(r - gain, 2), i),
        "clv_increase": increase,
        "clv_increase.multiple_change": after_m - before_m,
        "clv_increase.no_discount": clv_change_from_retention(r, gain, 0.0),
        "clv_increase.begin": clv_change_from_retention(r, gain, i, when="begin"),
        "clv_increase.ratio": after_m / before_m,
        "claim": _claim_band(increase),
    }


FEWER_DEFECTIONS = Exercise(
    key="fewer_defections",
    defaults={"retention_rate": 0.80, "retention_gain": 0.05, "discount_rate": 0.10},
    numbers="illustrative",
    draw=_defections_draw,
    solve=_defections_solve,
    shown=lambda p: {"retention_after": round(p["retention_rate"] + p["retention_gain"], 2)},
    questions=(
        Numeric("multiple_before", decimals=2, mistakes=("no_discount", "begin", "lifetime")),
        Numeric("multiple_after", decimals=2,
                mistakes=("no_discount", "begin", "lower_retention")),
        Numeric("clv_increase", decimals=2, fraction=True,
                mistakes=("multiple_change", "no_discount", "begin", "ratio")),
        Choice("claim", ("below_25", "between", "above_85")),
    ),
)


@exercise_factory(FEWER_DEFECTIONS)
def fewer_defections(student=None, *, graded=False) -> ExerciseSet:
    """Reichheld & Sasser's claim checked with CLV: what do 5 points fewer defections add?

    Retention 80% → 85%, discount rate 10% (the kit's illustration), course formula (first
    margin after a year): the margin multiple goes from 0.8/0.3 = 2.667 to 0.85/0.25 = 3.4, so
    CLV rises 27.5%: the low end of the quoted 25–85%.

    References
    ----------
    Reichheld, F. F. & Sasser, W. E. (1990). Zero defections: quality comes to services.
    *Harvard Business Review* 68(5), 105–111 (as quoted in the course slides).

    Examples
    --------
    >>> ex = fewer_defections()
    >>> [ex.check("clv_increase", a).correct for a in (0.275, 0.27, 0.28, "28%")]
    [True, True, True, True]
    >>> print(ex.check("clv_increase", 0.7333))  # doctest: +ELLIPSIS
    ❌ Not quite (0.7333). That is the change in the multiple...
    """
    return FEWER_DEFECTIONS.build(student, graded=graded)


_VALUE_PARTS = ("product", "service", "personnel", "image")
_COST_PARTS = ("money", "time", "energy", "psychic")


def _offer(value, cost):
    return (dict(zip(_VALUE_PARTS, value, strict=True)),
            dict(zip(_COST_PARTS, cost, strict=True)))


def _offers_draw(rng, settings):
    def draw(low, high):
        return tuple(int(v) for v in rng.integers(low, high))

    while True:  # B costs more money but must deliver more value: the lesson's point
        a_cost = draw([40, 5, 2, 2], [61, 16, 11, 11])
        a = _offer(draw([50, 5, 5, 0], [71, 16, 11, 11]), a_cost)
        b = _offer(draw([55, 15, 5, 5], [81, 31, 16, 16]),
                   (a_cost[0] + int(rng.integers(5, 26)), *draw([1] * 3, [9] * 3)))
        if customer_delivered_value(*b) >= customer_delivered_value(*a) + 3:
            return {"offer_a_value": a[0], "offer_a_cost": a[1],
                    "offer_b_value": b[0], "offer_b_cost": b[1]}


def _offers_defaults(settings):
    """The exercise's own offers (fresh dicts on every call: a student may change theirs)."""
    a, b = _offer((60, 10, 5, 5), (50, 10, 5, 5)), _offer((65, 25, 10, 10), (70, 5, 5, 5))
    return {"offer_a_value": a[0], "offer_a_cost": a[1],
            "offer_b_value": b[0], "offer_b_cost": b[1]}


def _offers_solve(p):
    solved = {}
    for name in ("a", "b"):
        value, cost = p[f"offer_{name}_value"], p[f"offer_{name}_cost"]
        total_value, total_cost = sum(value.values()), sum(cost.values())
        question = f"delivered_{name}"
        solved[question] = customer_delivered_value(value, cost)
        solved[f"{question}.price_only"] = total_value - cost["money"]
        solved[f"{question}.product_and_price"] = value["product"] - cost["money"]
        solved[f"{question}.ratio"] = total_value / total_cost
        solved[f"{question}.reversed"] = total_cost - total_value
    solved["choice"] = "offer_a" if solved["delivered_a"] > solved["delivered_b"] else "offer_b"
    return solved


def _offers_shown(p):
    def describe(parts, vocab):
        return text("two_offers.separator").join(
            text("two_offers.part", part=text(f"vocab.{vocab}.{key}"), points=points)
            for key, points in parts.items())

    return {f"{name}_{side}_text": describe(p[f"offer_{name}_{side}"], vocab)
            for name in ("a", "b")
            for side, vocab in (("value", "customer_value_part"), ("cost", "customer_cost_part"))}


_OFFER_MISTAKES = ("price_only", "product_and_price", "ratio", "reversed")

TWO_OFFERS = Exercise(
    key="two_offers",
    defaults=_offers_defaults,
    numbers="illustrative",
    draw=_offers_draw,
    solve=_offers_solve,
    shown=_offers_shown,
    questions=(
        Numeric("delivered_a", unit="points", decimals=0, mistakes=_OFFER_MISTAKES),
        Numeric("delivered_b", unit="points", decimals=0, mistakes=_OFFER_MISTAKES),
        Choice("choice", ("offer_a", "offer_b")),
    ),
)


@exercise_factory(TWO_OFFERS)
def two_offers(student=None, *, graded=False) -> ExerciseSet:
    """Customer delivered value (客户让渡价值) of two offers: which one does the customer take?

    Offer A: value 60 + 10 + 5 + 5 = 80, cost 50 + 10 + 5 + 5 = 70, delivered value 10.
    Offer B: value 65 + 25 + 10 + 10 = 110, cost 70 + 5 + 5 + 5 = 85, delivered value 25.
    A is cheaper, B delivers more: a value-maximising customer takes B.

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
    return TWO_OFFERS.build(student, graded=graded)


# --------------------------------------------------------------------------- lesson 02


def _three_draw(rng, settings):
    return {"margin": float(rng.integers(1, 11) * 50),
            "retention_rate": float(pick(rng, [0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90])),
            "discount_rate": float(pick(rng, [0.05, 0.08, 0.10, 0.12, 0.15]))}


def _three_solve(p):
    m, r, i = p["margin"], p["retention_rate"], p["discount_rate"]
    table = clv_schedule(m, r, i, periods=3)
    return {
        "survival_2": table["survival_probability"].iloc[1],
        "survival_2.one_period": r,
        "survival_2.churn_twice": (1 - r) ** 2,
        "survival_2.added": 2 * r,
        "pv_1": table["present_value"].iloc[0],
        "pv_1.no_discount": table["expected_margin"].iloc[0],
        "pv_1.no_retention": m / (1 + i),
        "pv_1.first_margin_now": m,
        "pv_3": table["present_value"].iloc[2],
        "pv_3.no_discount": table["expected_margin"].iloc[2],
        "pv_3.one_discount": table["expected_margin"].iloc[2] / (1 + i),
        "pv_3.one_retention": m * r / (1 + i) ** 3,
        "clv_3": table["cumulative_present_value"].iloc[-1],
        "clv_3.no_discount": table["expected_margin"].sum(),
        "clv_3.forever": customer_lifetime_value(m, r, i),
        "clv_3.begin": customer_lifetime_value(m, r, i, horizon=3, when="begin"),
    }


THREE_PERIOD_CLV = Exercise(
    key="three_period_clv",
    defaults={"margin": 100.0, "retention_rate": 0.80, "discount_rate": 0.10},
    numbers="illustrative",
    draw=_three_draw,
    solve=_three_solve,
    questions=(
        Numeric("survival_2", decimals=2, fraction=True,
                mistakes=("one_period", "churn_twice", "added")),
        Numeric("pv_1", unit="yuan", decimals=2,
                mistakes=("no_discount", "no_retention", "first_margin_now")),
        Numeric("pv_3", unit="yuan", decimals=2,
                mistakes=("no_discount", "one_discount", "one_retention")),
        Numeric("clv_3", unit="yuan", decimals=1, mistakes=("no_discount", "forever", "begin")),
    ),
)


@exercise_factory(THREE_PERIOD_CLV)
def three_period_clv(student=None, *, graded=False) -> ExerciseSet:
    """A three-period CLV worked by hand, step by step (the course formula, first margin later).

    Margin 100 a year, retention 0.8, discount rate 10%: period 1 is worth 100 × 0.8 / 1.1 =
    72.73, period 2 100 × 0.64 / 1.21 = 52.89, period 3 100 × 0.512 / 1.331 = 38.47; three
    periods together 164.09.

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
    return THREE_PERIOD_CLV.build(student, graded=graded)


_LEVERS = ("margin", "retention", "discount rate")


def _thumb_draw(rng, settings):
    retention = float(pick(rng, [0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90]))
    discount = float(pick(rng, [0.10, 0.12, 0.14, 0.16]))
    margin = float(rng.integers(2, 11) * 100)
    gross = customer_lifetime_value(margin, retention, discount)
    acquisition = float(round(gross * pick(rng, [0.5, 0.7, 1.3, 1.6]), -2))
    return {"retention_rate": retention, "discount_rate": discount, "margin": margin,
            "acquisition_cost": acquisition}


def _thumb_solve(p):
    r, i, m, cost = p["retention_rate"], p["discount_rate"], p["margin"], p["acquisition_cost"]
    clv = customer_lifetime_value(m, r, i)
    net = customer_lifetime_value(m, r, i, acquisition_cost=cost)
    begin = customer_lifetime_value(m, r, i, when="begin")
    levers = clv_lever_effects(m, r, i).set_index("lever")
    best = levers.drop("now")["clv"].idxmax()
    return {
        "multiple": margin_multiple(r, i),
        "multiple.begin": margin_multiple(r, i, when="begin"),
        "multiple.no_discount": margin_multiple(r, 0.0),
        "multiple.lifetime": expected_lifetime(r),
        "clv": clv,
        "clv.begin": begin,
        "clv.net": net,
        "clv.no_discount": customer_lifetime_value(m, r),
        "net_clv": net,
        "net_clv.gross": clv,
        "net_clv.begin": begin - cost,
        "acquire": "yes" if net > 0 else "no",
        "lever": {"margin": "margin", "retention": "retention",
                  "discount rate": "discount_rate"}[best],
        **{f"lever_{name.replace(' ', '_')}_pct": levers.loc[name, "change_pct"]
           for name in _LEVERS},
    }


CLV_RULE_OF_THUMB = Exercise(
    key="clv_rule_of_thumb",
    defaults={"retention_rate": 0.75, "discount_rate": 0.12, "margin": 600.0,
              "acquisition_cost": 1000.0},
    numbers="illustrative",
    draw=_thumb_draw,
    solve=_thumb_solve,
    questions=(
        Numeric("multiple", decimals=2, mistakes=("begin", "no_discount", "lifetime")),
        Numeric("clv", unit="yuan", decimals=0, mistakes=("begin", "net", "no_discount")),
        Numeric("net_clv", unit="yuan", decimals=0, mistakes=("gross", "begin")),
        Choice("acquire", ("yes", "no")),
        Choice("lever", ("margin", "retention", "discount_rate"), labels="vocab.clv_lever"),
    ),
)


@exercise_factory(CLV_RULE_OF_THUMB)
def clv_rule_of_thumb(student=None, *, graded=False) -> ExerciseSet:
    """CLV ≈ margin × multiple, against the acquisition cost; which lever matters most.

    Retention 0.75, discount 12%, margin 600, acquisition cost 1000 (the kit's illustration):
    the multiple is 0.75 / 0.37 = 2.027, CLV 1216.2, net of acquisition 216.2, so winning the
    customer pays; five points more retention adds the most.

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
    return CLV_RULE_OF_THUMB.build(student, graded=graded)


#: This unit's specs, in the order of the lessons' exercise notebooks.
SPECS = (STEW_LEONARDS, RUNNING_UP_HILL, CRM_BUDGET, FEWER_DEFECTIONS, TWO_OFFERS,
         HOTEL_LOYALTY, THREE_PERIOD_CLV, CLV_RULE_OF_THUMB)
