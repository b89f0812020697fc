"""Exercises for the prediction unit (lesson 05): from purchase logs to customer value.

Each factory returns an :class:`~crmlib.exercises.ExerciseSet` whose expected answers are
computed by crmlib from the exercise's own numbers (its purchase log, its model parameters, its
customers). ``student=None`` gives the course's numbers (for the models: the published CDNOW
estimates of Fader, Hardie & Lee 2005); a student id gives that student their own numbers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlib.datasets import load_cdnow
from crmlib.exercises._core import ChoiceQuestion, ExerciseSet, Hint, NumericQuestion, student_seed
from crmlib.purchase_log import calibration_summary
from crmlib.purchase_models import (
    BetaGeoModel,
    GammaGammaModel,
    predicted_customer_lifetime_value,
)
from crmlib.units import WEEKS_PER_YEAR

#: The published CDNOW estimates (Fader, Hardie & Lee 2005, Marketing Science; JMR).
CDNOW_BGNBD = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
CDNOW_GAMMA_GAMMA = {"p": 6.25, "q": 3.74, "gamma": 15.44}


def _rng(student):
    seed = student_seed(student)
    return None if seed is None else np.random.default_rng(seed)


def _bgnbd_params(rng):
    if rng is None:
        return dict(CDNOW_BGNBD)
    return {"r": round(float(rng.uniform(0.2, 0.9)), 3),
            "alpha": round(float(rng.uniform(3.0, 12.0)), 3),
            "a": round(float(rng.uniform(0.4, 1.2)), 3),
            "b": round(float(rng.uniform(1.5, 4.0)), 3)}


def _distinct(hints, answer, rel_tol=0.02):
    """Keep the hints that a student can tell apart from the answer and from each other."""
    kept = []
    for hint in hints:
        values = [answer] + [h.value for h in kept]
        if all(abs(hint.value - v) > rel_tol * max(abs(v), 1e-9) for v in values):
            kept.append(hint)
    return kept


def _exercise(title, story, params, questions, student) -> ExerciseSet:
    """An ExerciseSet whose hints never collide with the answer or with each other."""
    for question in questions.values():
        if isinstance(question, NumericQuestion):
            question.hints = _distinct(question.hints, question.answer,
                                       max(2 * question.rel_tol, 0.01))
    return ExerciseSet(title, story, params, questions, student=student)


def _params_text(params) -> str:
    return ", ".join(f"{name} = {value:g}" for name, value in params.items())


# --------------------------------------------------------------------------- 1. the summary


def purchase_log_summary(student=None) -> ExerciseSet:
    """Build the calibration summary by hand for three customers of a small purchase log.

    Questions ``a_frequency``, ``a_recency``, ``a_T``, ``a_monetary_value`` (customer A),
    ``b_frequency`` and ``c_frequency``. The log is ``ex.log``; the calibration period ends on
    ``ex.calibration_end``; times in weeks.

    Examples
    --------
    >>> ex = purchase_log_summary()
    >>> ex.check("a_frequency", 2).correct
    True
    >>> print(ex.check("a_frequency", 3))  # doctest: +ELLIPSIS
    ❌ Not quite (3). ...first purchase...
    """
    rng = _rng(student)
    start = pd.Timestamp("2024-01-06")
    if rng is None:
        a_gap1, a_gap2, b_day, c_gap, c_first = 28, 70, 35, 42, 14
        amounts = [80.0, 40.0, 60.0, 100.0, 20.0, 50.0, 30.0, 45.0, 25.0]
        end_day = 84
    else:
        a_gap1 = 7 * int(rng.integers(2, 6))
        a_gap2 = a_gap1 + 7 * int(rng.integers(3, 7))
        end_day = a_gap2 + 7 * int(rng.integers(1, 4))
        b_day = 7 * int(rng.integers(2, end_day // 7))
        c_first = 7 * int(rng.integers(1, 3))
        c_gap = 7 * int(rng.integers(2, (end_day - c_first) // 7))
        amounts = [float(v) for v in rng.integers(2, 21, 9) * 5]
    day = [start + pd.Timedelta(days=d) for d in
           (0, 0, a_gap1, a_gap2, a_gap2, b_day, c_first, c_first + c_gap, end_day + 7)]
    log = pd.DataFrame({"customer_id": ["A", "A", "A", "A", "A", "B", "C", "C", "C"],
                        "date": day, "amount": amounts})
    calibration_end = start + pd.Timedelta(days=end_day)
    summary = calibration_summary(log, calibration_end=calibration_end)
    a = summary.loc["A"]
    a_days = log[log["customer_id"] == "A"].groupby("date")["amount"].sum()
    records = log[(log["customer_id"] == "A")]
    weeks = 7.0
    questions = {
        "a_frequency": NumericQuestion(
            "Customer A: frequency (repeat purchase days)", a["frequency"], "",
            explanation="Records on one day are one purchase, and the first purchase is not a "
                        "repeat.",
            hints=[Hint(len(a_days), "That counts the first purchase too: frequency counts "
                                     "repeat purchases only."),
                   Hint(len(records) - 1, "Two records on one day are one purchase: count "
                                          "days, not rows."),
                   Hint(len(records), "Count purchase days, and leave out the first one.")]),
        "a_recency": NumericQuestion(
            "Customer A: recency (weeks from the first to the last purchase)", a["recency"],
            "weeks",
            explanation="Recency runs from the first purchase to the last one.",
            hints=[Hint(a["T"] - a["recency"], "That is the time since the last purchase "
                                               "(RFM's recency). Here recency runs from the "
                                               "first purchase to the last."),
                   Hint(a["recency"] * weeks, "That is in days; give weeks (days / 7).")]),
        "a_T": NumericQuestion(
            "Customer A: T (weeks from the first purchase to the end of the calibration period)",
            a["T"], "weeks", explanation="T is the customer's age at the calibration end.",
            hints=[Hint(a["T"] * weeks, "That is in days; give weeks (days / 7)."),
                   Hint(a["recency"], "That is recency; T runs to the end of the calibration "
                                      "period.")]),
        "a_monetary_value": NumericQuestion(
            "Customer A: monetary value (mean spend of the repeat purchase days)",
            a["monetary_value"], "yuan",
            explanation="Sum each day's records, leave out the first day, average the rest.",
            hints=[Hint(a_days.mean(), "That includes the first purchase; the models use the "
                                       "repeat purchases only."),
                   Hint(records["amount"].iloc[1:].mean(), "Add up the records of one day "
                                                           "before averaging: a day is one "
                                                           "purchase."),
                   Hint(records["amount"].mean(), "Average per purchase day, and leave out "
                                                  "the first day.")]),
        "b_frequency": NumericQuestion(
            "Customer B: frequency", summary.loc["B", "frequency"], "",
            explanation="A one-time buyer has frequency 0 (and recency 0).",
            hints=[Hint(1, "B's single purchase is the first one: it is not a repeat.")]),
        "c_frequency": NumericQuestion(
            "Customer C: frequency", summary.loc["C", "frequency"], "",
            explanation="Purchases after the calibration end belong to the holdout period.",
            hints=[Hint(summary.loc["C", "frequency"] + 1,
                        "One of C's purchases comes after the calibration end: leave it out."),
                   Hint(summary.loc["C", "frequency"] + 2, "Leave out the first purchase and "
                                                           "the one after the calibration "
                                                           "end.")]),
    }
    story = (
        "An online bookshop's purchase log (one row per record, amounts in yuan) for three "
        "customers:\n\n"
        f"{log.assign(date=log['date'].dt.date).to_string(index=False)}\n\n"
        f"The calibration period ends on {calibration_end.date()} (included). Give times in "
        "weeks (days / 7)."
    )
    params = {"log": log, "calibration_end": calibration_end.date().isoformat()}
    return _exercise("From a purchase log to the summary", story, params, questions, student)


# --------------------------------------------------------------------------- 2. parameters


def interpret_parameters(student=None) -> ExerciseSet:
    """Read a fitted BG/NBD model's four parameters as statements about customers.

    Questions ``mean_rate``, ``purchases_per_year``, ``dropout_probability``,
    ``first_year_purchases`` and ``heterogeneity`` (a choice).

    Examples
    --------
    >>> ex = interpret_parameters()
    >>> ex.check("mean_rate", 0.243 / 4.414).correct
    True
    """
    rng = _rng(student)
    params = _bgnbd_params(rng)
    r, alpha, a, b = params.values()
    model = BetaGeoModel.from_params(**params)
    rate = r / alpha
    options = [
        "Most customers buy rarely and a few buy very often: purchase rates differ a lot",
        "Every customer buys at about the same rate",
        "Customers buy less than once per time unit, so r is a probability",
        "Fewer than half of the customers are still alive",
    ]
    questions = {
        "mean_rate": NumericQuestion(
            "Mean purchase rate of an alive customer (purchases per week), r / alpha",
            rate, "purchases per week",
            explanation="The gamma distribution of rates has mean r/alpha.",
            hints=[Hint(alpha / r, "That is alpha/r: the mean rate is r divided by alpha."),
                   Hint(r * alpha, "Divide r by alpha, don't multiply.")]),
        "purchases_per_year": NumericQuestion(
            "The same rate per year (crm.units.WEEKS_PER_YEAR weeks)", rate * WEEKS_PER_YEAR,
            "purchases per year",
            explanation="Multiply a weekly rate by 365.25/7 = 52.18 weeks.",
            hints=[Hint(rate * 12, "12 is months per year; a year has 52.18 weeks."),
                   Hint(rate * 365.25, "The rate is per week, not per day.")]),
        "dropout_probability": NumericQuestion(
            "Mean probability of dropping out right after a repeat purchase, a / (a + b)",
            a / (a + b), "",
            explanation="The beta distribution of p has mean a/(a+b).",
            hints=[Hint(b / (a + b), "That is the chance of staying: a/(a+b) is dropping "
                                     "out."),
                   Hint(a / b, "Divide a by a + b, not by b.")]),
        "first_year_purchases": NumericQuestion(
            "Expected repeat purchases of a new customer in the first 52 weeks "
            "(model.expected_purchases(52))", model.expected_purchases(52.0), "purchases",
            explanation="Fewer than the mean rate × 52: customers drop out along the way.",
            hints=[Hint(rate * 52, "That ignores dropout: it is how much an alive customer "
                                   "buys. Use the model's expected_purchases.")]),
        "heterogeneity": ChoiceQuestion(
            f"r = {r:g} is below 1. What does that say about the customers?", options,
            options[0],
            {options[1]: "That would be a large r: a gamma distribution with r below 1 is "
                         "highly skewed, piled up near 0 with a long tail of heavy buyers.",
             options[2]: "r is the shape of the gamma distribution of purchase rates, not a "
                         "probability.",
             options[3]: "r describes purchase rates; dropout is a and b."}),
    }
    story = (f"A BG/NBD model fitted to a shop's customers, time unit weeks: "
             f"{_params_text(params)}.\n"
             "Build it with crm.BetaGeoModel.from_params(r=..., alpha=..., a=..., b=...).")
    return _exercise("What the BG/NBD parameters say", story, params, questions, student)


# --------------------------------------------------------------------------- 3. P(alive)


def probability_alive_comparison(student=None) -> ExerciseSet:
    """P(alive) for a frequent and an occasional buyer with the same last purchase, and a
    one-time buyer.

    Questions ``alive_frequent``, ``alive_occasional``, ``alive_one_time`` and ``why`` (a
    choice).

    Examples
    --------
    >>> ex = probability_alive_comparison()
    >>> ex.check("alive_one_time", 1).correct
    True
    """
    rng = _rng(student)
    params = _bgnbd_params(rng)
    model = BetaGeoModel.from_params(**params)
    r, alpha, a, b = params.values()
    if rng is None:
        frequent, occasional, recency, age = 10, 2, 20.0, 39.0
    else:
        frequent = int(rng.integers(8, 15))
        occasional = int(rng.integers(1, 3))
        age = float(rng.integers(30, 53))
        recency = float(rng.integers(int(age * 0.35), int(age * 0.6)))

    def inverted(x):  # ratio the wrong way up
        return 1.0 / (1.0 + a / (b + x - 1) * ((alpha + recency) / (alpha + age)) ** (r + x))

    def exponent_r(x):  # r instead of r + x
        return 1.0 / (1.0 + a / (b + x - 1) * ((alpha + age) / (alpha + recency)) ** r)

    def alive_question(who, x, explanation):
        return NumericQuestion(
            f"P(alive) of {who}", model.probability_alive(x, recency, age), "",
            explanation=explanation,
            hints=[Hint(inverted(x), "The ratio is (alpha + T)/(alpha + t_x): age on top."),
                   Hint(exponent_r(x), "The exponent is r + x, not r.")])

    options = [
        "The frequent buyer's silence is long for someone who usually buys so often; for the "
        "occasional buyer the same silence is normal",
        "The model counts money spent, and the frequent buyer spent more",
        "Buying more always makes a customer less likely to be alive",
        "The frequent buyer is older",
    ]
    questions = {
        "alive_frequent": alive_question(f"Fang ({frequent} repeat purchases)", frequent,
                                         "1 / (1 + a/(b+x−1) × ((alpha+T)/(alpha+t_x))^(r+x))."),
        "alive_occasional": alive_question(
            f"Li ({occasional} repeat purchase{'s' if occasional > 1 else ''})", occasional,
            "Same formula, with Li's x."),
        "alive_one_time": NumericQuestion(
            "P(alive) of Wang, who bought once, on the first day, and never again",
            model.probability_alive(0, 0.0, age), "",
            explanation="In the BG/NBD a customer drops out only right after a repeat purchase, "
                        "so a one-time buyer counts as alive. Look at expected purchases "
                        "instead: they are low.",
            hints=[Hint(0.0, "In this model dropout happens only after a repeat purchase. "
                             "Wang never made one, so he cannot have dropped out.")]),
        "why": ChoiceQuestion(
            "Fang bought far more often than Li, yet Fang is less likely to be alive. Why?",
            options, options[0],
            {options[1]: "The BG/NBD uses only frequency, recency and age, not money.",
             options[2]: "Not always: with a recent last purchase a frequent buyer is very "
                         "likely alive. Try recency close to T.",
             options[3]: "Both have the same age T."}),
    }
    story = (
        f"A BG/NBD model in weeks: {_params_text(params)}. Three customers of the same age "
        f"T = {age:g} weeks:\n"
        f"- Fang: {frequent} repeat purchases, the last at t_x = {recency:g} weeks;\n"
        f"- Li: {occasional} repeat purchase{'s' if occasional > 1 else ''}, the last also at "
        f"t_x = {recency:g} weeks;\n"
        "- Wang: no repeat purchase (frequency 0, recency 0)."
    )
    values = dict(params, frequent=frequent, occasional=occasional, recency=recency, T=age)
    return _exercise("Who is still alive?", story, values, questions, student)


# --------------------------------------------------------------------------- 4. next quarter


def next_quarter_purchases(student=None) -> ExerciseSet:
    """Predict a customer's purchases in the next quarter, then a whole group's.

    Questions ``customer_quarter``, ``group_quarter`` and ``cohort_quarter`` (the CDNOW
    sample's customers, with the published parameters).

    Examples
    --------
    >>> ex = next_quarter_purchases()
    >>> round(ex.quarter, 2)
    13.04
    """
    rng = _rng(student)
    params = _bgnbd_params(rng)
    model = BetaGeoModel.from_params(**params)
    quarter = WEEKS_PER_YEAR / 4
    if rng is None:
        x, recency, age, group = 4, 32.0, 38.0, 250
    else:
        x = int(rng.integers(1, 9))
        age = float(rng.integers(26, 53))
        recency = float(rng.integers(int(age * 0.5), int(age)))
        group = int(rng.integers(1, 9) * 50)
    one = model.conditional_expected_purchases(quarter, x, recency, age)
    cdnow = calibration_summary(load_cdnow("sample"), calibration_end="1997-09-30")
    cohort = float(model.conditional_expected_purchases(
        quarter, cdnow["frequency"], cdnow["recency"], cdnow["T"]).sum())
    new_customer = model.expected_purchases(quarter)
    questions = {
        "customer_quarter": NumericQuestion(
            "Expected purchases of this customer in the next quarter", one, "purchases",
            explanation="model.conditional_expected_purchases(quarter, x, t_x, T).",
            hints=[Hint(new_customer, "That is a brand-new customer's expectation "
                                      "(expected_purchases): use the customer's own history."),
                   Hint(model.conditional_expected_purchases(3, x, recency, age),
                        "3 is months; the model's time unit is weeks (a quarter is 13.04 "
                        "weeks).")]),
        "group_quarter": NumericQuestion(
            f"Expected purchases next quarter of {group} customers with this same history",
            group * one, "purchases",
            explanation="Expectations add up: multiply by the number of customers."),
        "cohort_quarter": NumericQuestion(
            "Expected purchases next quarter of all 2,357 CDNOW sample customers (calibration "
            "ending 1997-09-30), with this model", cohort, "purchases",
            explanation="Sum each customer's conditional expectation over the summary.",
            hints=[Hint(2357 * new_customer, "That treats every customer as brand new; use "
                                             "each one's history.")]),
    }
    story = (
        f"A BG/NBD model in weeks: {_params_text(params)}. A customer has x = {x} repeat "
        f"purchases, the last at t_x = {recency:g} weeks, and is T = {age:g} weeks old.\n"
        f"A quarter is crm.units.WEEKS_PER_YEAR / 4 = {quarter:.2f} weeks."
    )
    values = dict(params, x=x, recency=recency, T=age, group=group, quarter=quarter)
    return _exercise("Next quarter's purchases", story, values, questions, student)


# --------------------------------------------------------------------------- 5. targeting


def target_customers(student=None) -> ExerciseSet:
    """Rank eight customers by predicted CLV and choose whom to target with a small budget.

    Questions ``top_customer`` (a choice), ``top3_value``, ``overlap_with_past_spend`` and
    ``decision`` (a choice). The customers are ``ex.customers``.

    Examples
    --------
    >>> ex = target_customers()
    >>> ex.customers.shape
    (8, 4)
    """
    rng = _rng(student)
    names = ["Chen", "Deng", "Gao", "Huang", "Jiang", "Lin", "Ma", "Zhou"]
    if rng is None:
        x = np.array([12, 1, 5, 0, 3, 8, 2, 6])
        recency = np.array([14.0, 36.0, 35.0, 0.0, 30.0, 37.0, 10.0, 24.0])
        spend = np.array([85.0, 20.0, 30.0, 0.0, 55.0, 25.0, 150.0, 40.0])
    else:
        x = rng.integers(0, 14, 8)
        recency = np.where(x > 0, rng.integers(2, 38, 8).astype(float), 0.0)
        spend = np.where(x > 0, rng.integers(4, 31, 8) * 5.0, 0.0)
    age = np.full(8, 38.0)
    customers = pd.DataFrame({"frequency": x, "recency": recency, "T": age,
                              "monetary_value": spend}, index=pd.Index(names, name="customer"))
    purchases = BetaGeoModel.from_params(**CDNOW_BGNBD)
    spend_model = GammaGammaModel.from_params(**CDNOW_GAMMA_GAMMA)
    margin, annual_rate, horizon = 0.3, 0.1, 52
    expected_spend = spend_model.conditional_expected_spend(customers["frequency"],
                                                            customers["monetary_value"])
    clv = predicted_customer_lifetime_value(
        purchases, customers["frequency"], customers["recency"], customers["T"], expected_spend,
        profit_margin=margin, annual_discount_rate=annual_rate, horizon=horizon)
    by_clv = clv.sort_values(ascending=False, kind="stable")
    past = (customers["frequency"] * customers["monetary_value"]).sort_values(
        ascending=False, kind="stable")
    overlap = len(set(by_clv.index[:3]) & set(past.index[:3]))
    undiscounted = predicted_customer_lifetime_value(
        purchases, customers["frequency"], customers["recency"], customers["T"], expected_spend,
        profit_margin=margin, annual_discount_rate=0.0, horizon=horizon)
    raw_spend = predicted_customer_lifetime_value(
        purchases, customers["frequency"], customers["recency"], customers["T"],
        customers["monetary_value"], profit_margin=margin, annual_discount_rate=annual_rate,
        horizon=horizon)
    decision_options = [
        "Contact the top customers by predicted CLV; past big spenders who have gone quiet "
        "are worth less than their history suggests",
        "Contact the biggest past spenders: history is the best guide",
        "Contact the one-time buyers first: the model says they are all alive",
        "Contact everyone equally: the model cannot tell customers apart",
    ]
    questions = {
        "top_customer": ChoiceQuestion("Who has the highest predicted CLV?", names,
                                       str(by_clv.index[0])),
        "top3_value": NumericQuestion(
            "Total predicted CLV of the three best customers", by_clv.iloc[:3].sum(), "dollars",
            rel_tol=0.01,
            explanation="Sum of the three largest predicted CLVs.",
            hints=_distinct([
                Hint(undiscounted.sort_values(ascending=False).iloc[:3].sum(),
                     "Discount at 10% a year (converted to a weekly rate)."),
                Hint(raw_spend.sort_values(ascending=False).iloc[:3].sum(),
                     "Use the Gamma-Gamma expected spend, not the raw monetary_value: a few "
                     "purchases are a noisy guide.")], by_clv.iloc[:3].sum())),
        "overlap_with_past_spend": NumericQuestion(
            "How many of the top 3 by predicted CLV are also in the top 3 by past spend "
            "(frequency × monetary_value)?", overlap, "",
            explanation="Past value and future value are different rankings: a big past "
                        "spender who has gone quiet has little future value."),
        "decision": ChoiceQuestion(
            "You can afford to contact three customers. What do you do?", decision_options,
            decision_options[0],
            {decision_options[1]: "Past spend ignores whether the customer is still active.",
             decision_options[2]: "They count as alive, but their expected purchases are low.",
             decision_options[3]: "It can: expected purchases differ widely."}),
    }
    story = (
        "Eight customers of an online music shop, all first bought T = 38 weeks ago (monetary "
        "value in dollars):\n\n"
        f"{customers.to_string()}\n\n"
        "Use the published CDNOW models: BG/NBD "
        f"{_params_text(CDNOW_BGNBD)} and Gamma-Gamma {_params_text(CDNOW_GAMMA_GAMMA)}. "
        f"Profit margin {margin:.0%} of spend, discount rate {annual_rate:.0%} a year, horizon "
        f"{horizon} weeks."
    )
    values = {"customers": customers, "profit_margin": margin,
              "annual_discount_rate": annual_rate, "horizon": horizon,
              "bgnbd": dict(CDNOW_BGNBD), "gamma_gamma": dict(CDNOW_GAMMA_GAMMA)}
    return _exercise("Whom to target", story, values, questions, student)


__all__ = ["interpret_parameters", "next_quarter_purchases", "probability_alive_comparison",
           "purchase_log_summary", "target_customers"]
