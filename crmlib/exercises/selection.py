"""Exercises for the customer selection unit (lesson 04).

Each factory returns an :class:`~crmlib.exercises.ExerciseSet` whose expected answers are
computed by crmlib from the exercise's own numbers. ``student=None`` gives the course
material's numbers (or the kit's teaching example); a student id gives that student their own
numbers and answer key.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlib.exercises._core import (
    ChoiceQuestion,
    ExerciseSet,
    Hint,
    NumericQuestion,
    student_seed,
)
from crmlib.rfm import RFMSegment, rfm_scores, rfm_segments, rfm_summary
from crmlib.selection import (
    ChevertonQuadrant,
    CustomerClass,
    ValueTier,
    allocate_budget,
    cheverton_quadrant,
    cheverton_quadrant_table,
    classify_customers,
    gini,
    top_share,
    value_matrix_quadrant,
    value_tier_table,
    weighted_score,
)

__all__ = ["cheverton_account", "classify_people", "limited_budget", "profit_concentration",
           "rfm_scoring", "value_matrix_placement"]


def _rng(student):
    seed = student_seed(student)
    return None if seed is None else np.random.default_rng(seed)


def _format_table(table: pd.DataFrame) -> str:
    return table.to_string()


# --------------------------------------------------------------------------- 1 concentration


def profit_concentration(student=None) -> ExerciseSet:
    """How concentrated is the profit? The top-20% share, loss-makers and the Gini coefficient.

    Ten customers of a securities firm and their annual profit. With the course's numbers the
    top 20% of customers bring 90% of the profit, as in the course's securities-firm case.

    Parameters
    ----------
    student : str or int, optional
        A student id for personal numbers; ``None`` (default) uses the course's figures.

    Returns
    -------
    ExerciseSet
        Questions ``total_profit``, ``top_20_share``, ``loss_makers``, ``loss_share`` and
        ``gini``; the numbers are in ``ex.profits`` (a Series, yuan per year).

    References
    ----------
    Course material, 项目二: "大客户虽然仅占公司中客户的20%，但却占了公司利润来源的90%".

    Examples
    --------
    >>> ex = profit_concentration()
    >>> ex.check("top_20_share", "90%").correct
    True
    """
    rng = _rng(student)
    names = [f"C{k:02d}" for k in range(1, 11)]
    if rng is None:
        values = [2500, -400, 52000, 700, -200, 6500, 1800, -600, 3000, -300]
    else:
        big = rng.integers(30, 70, 2) * 1000
        mid = rng.integers(5, 40, 4) * 100
        losses = -rng.integers(1, 10, 4) * 100
        values = rng.permutation(np.concatenate([big, mid, losses])).tolist()
    profits = pd.Series(np.array(values, dtype=float), index=pd.Index(names, name="customer"),
                        name="profit")
    total = float(profits.sum())
    share = top_share(profits, 0.2)
    listed_first = float(profits.iloc[:2].sum()) / total
    gross = float(profits.nlargest(2).sum() / profits[profits > 0].sum())
    bottom = float(profits.nsmallest(2).sum()) / total
    losers = int((profits < 0).sum())
    questions = {
        "total_profit": NumericQuestion(
            "Total annual profit of the ten customers (yuan)", total, "yuan",
            explanation="Add every customer's profit, losses included.",
            hints=[Hint(float(profits[profits > 0].sum()),
                        "That is the profit of the profitable customers only: the "
                        "loss-makers' losses count too.")]),
        "top_20_share": NumericQuestion(
            "Share of the total profit brought by the top 20% of customers (a fraction)",
            share,
            explanation="Top 20% of 10 customers = the 2 most profitable; divide their "
                        "profit by the total.",
            hints=[Hint(listed_first, "Those are the first two customers in the list: sort "
                                      "by profit, largest first."),
                   Hint(gross, "You divided by the profit of the profitable customers only; "
                               "divide by the net total."),
                   Hint(bottom, "Those are the two least profitable: take the two largest.")]),
        "loss_makers": NumericQuestion(
            "How many customers lose money for the firm?", float(losers), "customers",
            explanation="A loss-making customer has a negative profit.", rel_tol=0.0,
            abs_tol=0.01),
        "loss_share": NumericQuestion(
            "What fraction of the customers is loss-making?", losers / len(profits),
            explanation="Loss-makers ÷ all customers.",
            hints=[Hint(float(losers), "That is the count; divide by the number of "
                                       "customers.")]),
        "gini": NumericQuestion(
            "Gini coefficient of the profits (use crm.gini)", gini(profits), rel_tol=0.01,
            explanation="0 = every customer equally profitable; near 1 = one customer brings "
                        "everything. With loss-makers it can even exceed 1."),
    }
    story = ("A securities firm's ten customers brought these profits last year (yuan):\n"
             f"{_format_table(profits.to_frame())}\n"
             "How much of the profit do the top 20% of customers bring, and how many "
             "customers lose money?")
    return ExerciseSet("Who brings the profit?", story, {"profits": profits}, questions,
                       student=student)


# --------------------------------------------------------------------------- 2 classes


def classify_people(student=None) -> ExerciseSet:
    """Put five people into the five customer classes by the lesson's rules.

    Parameters
    ----------
    student : str or int, optional
        A student id for personal numbers; ``None`` (default) uses the kit's example.

    Returns
    -------
    ExerciseSet
        Questions ``days_since`` (days since the last purchase of person ``ex.buyer``) and
        ``class_A`` … ``class_E`` (choices); the table is ``ex.people``, the rules' settings
        ``ex.as_of``, ``ex.lost_after_days`` and ``ex.target_score``.

    Examples
    --------
    >>> ex = classify_people()
    >>> ex.check("class_C", "non-customer").correct
    True
    """
    rng = _rng(student)
    as_of = pd.Timestamp("2024-12-31")
    lost_after, target = 365, 0.6
    if rng is None:
        days = [400, 30, None, None, None]
        needs = [True, True, False, True, True]
        fits = [np.nan, np.nan, 0.8, 0.75, 0.4]
    else:
        lost_after = int(rng.choice([180, 270, 365]))
        target = float(rng.choice([0.5, 0.6, 0.7]))
        days = [int(lost_after + rng.integers(1, 200)), int(rng.integers(1, lost_after)),
                None, None, None]
        needs = [bool(rng.random() < 0.5), True, False, True, True]
        fits = [np.nan, np.nan, round(float(rng.uniform(0.5, 1.0)), 2),
                round(target + float(rng.uniform(0.0, 0.3)), 2),
                round(target - float(rng.uniform(0.05, 0.4)), 2)]
        order = rng.permutation(5)
        days = [days[k] for k in order]
        needs = [needs[k] for k in order]
        fits = [fits[k] for k in order]
    last = [None if d is None else as_of - pd.Timedelta(days=d) for d in days]
    people = pd.DataFrame({"last_purchase": pd.to_datetime(last), "has_need": needs,
                           "fit_score": fits}, index=pd.Index(list("ABCDE"), name="person"))
    classes = classify_customers(people, as_of=as_of, lost_after_days=lost_after,
                                 target_score=target)
    why = {"current": "bought, and recently enough", "lost": "bought, but too long ago",
           "non-customer": "never bought and has no need", "target": "never bought, needs the "
           "product, and fits well enough to be picked", "potential": "never bought, needs the "
           "product, but does not fit well enough yet"}
    questions = {}
    bought = people["last_purchase"].notna()
    first_buyer = people.index[bought][0]
    questions["days_since"] = NumericQuestion(
        f"How many days before {as_of.date()} did {first_buyer} last buy?",
        float((as_of - people.loc[first_buyer, "last_purchase"]).days), "days", rel_tol=0.0,
        abs_tol=0.5, explanation="Subtract the dates: (as_of − last_purchase).days.")
    for person in people.index:
        answer = classes[person]
        questions[f"class_{person}"] = ChoiceQuestion(
            f"Which class is {person}?", [c.value for c in CustomerClass], answer,
            {option.value: why[option] + "." for option in CustomerClass})
    story = (f"On {as_of.date()} a firm reviews five people (NaT = never bought). A buyer "
             f"whose last purchase is more than {lost_after} days ago is lost; a person who "
             f"never bought but needs the product is a target customer from a fit score of "
             f"{target} on.\n{_format_table(people)}")
    params = {"people": people, "as_of": as_of, "lost_after_days": lost_after,
              "target_score": target, "buyer": first_buyer}
    return ExerciseSet("Five kinds of customer", story, params, questions, student=student)


# --------------------------------------------------------------------------- 3 Cheverton

_A_CRITERIA = ("volume", "growth", "margin")
_S_CRITERIA = ("relationship", "product_fit", "service_record")


def cheverton_account(student=None) -> ExerciseSet:
    """Score one account on weighted criteria and place it in Cheverton's matrix.

    Parameters
    ----------
    student : str or int, optional
        A student id for personal numbers; ``None`` (default) uses the kit's example.

    Returns
    -------
    ExerciseSet
        Questions ``attractiveness``, ``relative_strength`` (scores 0–1), ``quadrant`` and
        ``strategy`` (choices). Numbers: ``ex.ratings`` (1–5), ``ex.attractiveness_weights``,
        ``ex.strength_weights``, ``ex.threshold``.

    References
    ----------
    Cheverton (2004), *Key Account Management*; course material 项目二 (移动公司对四类客户的管理).

    Examples
    --------
    >>> ex = cheverton_account()
    >>> ex.check("attractiveness", 0.775).correct
    True
    """
    rng = _rng(student)
    if rng is None:
        ratings = {"volume": 5, "growth": 4, "margin": 2, "relationship": 2, "product_fit": 3,
                   "service_record": 2}
        a_weights = {"volume": 0.5, "growth": 0.3, "margin": 0.2}
        s_weights = {"relationship": 0.4, "product_fit": 0.4, "service_record": 0.2}
    else:
        ratings = {k: int(rng.integers(1, 6)) for k in _A_CRITERIA + _S_CRITERIA}
        a_weights = dict(zip(_A_CRITERIA, rng.choice([[0.5, 0.3, 0.2], [0.4, 0.4, 0.2],
                                                      [0.6, 0.2, 0.2], [0.3, 0.3, 0.4]])))
        s_weights = dict(zip(_S_CRITERIA, rng.choice([[0.4, 0.4, 0.2], [0.5, 0.3, 0.2],
                                                      [0.2, 0.4, 0.4]])))
        a_weights = {k: float(v) for k, v in a_weights.items()}
        s_weights = {k: float(v) for k, v in s_weights.items()}
    threshold = 0.5
    attractiveness = weighted_score(ratings, a_weights)
    strength = weighted_score(ratings, s_weights)
    quadrant = cheverton_quadrant(attractiveness, strength, threshold=threshold)
    swapped = cheverton_quadrant(strength, attractiveness, threshold=threshold)
    strategies = cheverton_quadrant_table().set_index("quadrant")["mobile_operator"]

    def raw(weights):   # the weighted average on the 1-5 scale, before rescaling
        return sum(weights[k] * ratings[k] for k in weights)

    def plain_mean(weights):
        return weighted_score(ratings, dict.fromkeys(weights, 1.0))

    rescale = "Rescale each rating to 0–1 first: (rating − 1) / (5 − 1)."
    quadrant_notes = {q: f"{q}: {row.attractiveness} attractiveness, {row.relative_strength} "
                         "strength." for q, row in
                      cheverton_quadrant_table().set_index("quadrant").iterrows()}
    if swapped != quadrant:
        quadrant_notes[swapped] += " Check the axes: attractiveness is the customer's, " \
                                   "strength is ours."
    questions = {
        "attractiveness": NumericQuestion(
            "Customer attractiveness score (0–1)", attractiveness, rel_tol=0.01,
            explanation="Σ weight × (rating − 1)/4, divided by the sum of the weights.",
            hints=[Hint(raw(a_weights), "That is the weighted rating on the 1–5 scale. "
                                        + rescale),
                   Hint(plain_mean(a_weights), "That is the plain average: use the weights.")]),
        "relative_strength": NumericQuestion(
            "Our relative strength score (0–1)", strength, rel_tol=0.01,
            explanation="The same weighted score over the strength criteria.",
            hints=[Hint(raw(s_weights), "That is the weighted rating on the 1–5 scale. "
                                        + rescale),
                   Hint(plain_mean(s_weights), "That is the plain average: use the weights.")]),
        "quadrant": ChoiceQuestion(
            f"Which quadrant (high = score ≥ {threshold})?", [q.value for q in ChevertonQuadrant],
            quadrant, quadrant_notes),
        "strategy": ChoiceQuestion(
            "How would the course's mobile operator manage this account?",
            list(strategies), strategies[quadrant],
            {strategies[q]: f"That is the rule for {q} customers." for q in strategies.index}),
    }
    story = ("A mobile operator rates a corporate account from 1 (poor) to 5 (excellent).\n"
             f"Ratings: {ratings}\n"
             f"Attractiveness weights: {a_weights}\nStrength weights: {s_weights}\n"
             f"A score counts as high from {threshold}.")
    params = {"ratings": ratings, "attractiveness_weights": a_weights,
              "strength_weights": s_weights, "threshold": threshold}
    return ExerciseSet("Place an account in Cheverton's matrix", story, params, questions,
                       student=student)


# --------------------------------------------------------------------------- 4 RFM


def rfm_scoring(student=None) -> ExerciseSet:
    """Compute one customer's recency, frequency and monetary value, their scores and segment.

    Parameters
    ----------
    student : str or int, optional
        A student id for personal numbers; ``None`` (default) uses the kit's example.

    Returns
    -------
    ExerciseSet
        Questions ``recency``, ``frequency``, ``monetary`` (for customer ``ex.focus``),
        ``R_score``, ``F_score`` (1–5, among the ten customers) and ``segment`` (choice).
        The purchase log is ``ex.log``; the analysis day ``ex.as_of``.

    Examples
    --------
    >>> ex = rfm_scoring()
    >>> ex.check("frequency", 2).correct
    True
    """
    rng = np.random.default_rng(20240630 if student is None else student_seed(student))
    as_of = pd.Timestamp("2024-06-30")
    rows = []
    for k in range(1, 11):
        visits = int(rng.integers(1, 5))
        days = np.sort(rng.choice(np.arange(1, 121), visits, replace=False))
        for day in days:
            for _ in range(1 + int(rng.random() < 0.3)):     # sometimes 2 records that day
                rows.append((f"K{k:02d}", as_of - pd.Timedelta(days=int(day)),
                             float(rng.integers(2, 40) * 5)))
    log = pd.DataFrame(rows, columns=["customer_id", "date", "amount"])
    log = log.sort_values(["date", "customer_id"], ignore_index=True)
    summary = rfm_summary(log, as_of=as_of)
    scores = rfm_scores(summary)
    segments = rfm_segments(scores)
    # focus on a customer with several purchase days, one of them with two records, so
    # that counting records instead of days is a visible mistake (when there is one)
    counts = log.groupby("customer_id").size()
    candidates = summary.index[(counts > summary["frequency"]) & (summary["frequency"] > 1)]
    focus = str(rng.choice(candidates if len(candidates) else summary.index))
    row, score = summary.loc[focus], scores.loc[focus]
    mine = log[log["customer_id"] == focus]
    questions = {
        "recency": NumericQuestion(
            f"Recency of {focus}: days from the last purchase to {as_of.date()}",
            float(row["recency"]), "days", rel_tol=0.0, abs_tol=0.5,
            explanation="as_of − the last purchase date, in days.",
            hints=[Hint(float((as_of - mine["date"].min()).days),
                        "That counts from the first purchase: use the last one.")]),
        "frequency": NumericQuestion(
            f"Frequency of {focus}: number of distinct purchase days",
            float(row["frequency"]), "days", rel_tol=0.0, abs_tol=0.01,
            explanation="Several records on one day are one purchase occasion.",
            hints=[Hint(float(len(mine)), "That counts records; count distinct days.")]
            if len(mine) != row["frequency"] else []),
        "monetary": NumericQuestion(
            f"Monetary value of {focus}: total spend", float(row["monetary"]), "yuan",
            explanation="Add every record's amount.",
            hints=[Hint(float(row["monetary"] / row["frequency"]),
                        "That is the average per purchase day; the lesson's M is the total.")]
            if row["frequency"] > 1 else []),
        "R_score": NumericQuestion(
            f"R score of {focus} among the ten customers (1–5, 5 = most recent)",
            float(score["R"]), rel_tol=0.0, abs_tol=0.01,
            explanation="1 + floor(5 × number of customers with a longer recency / 10).",
            hints=[Hint(float(6 - score["R"]), "Reversed: a *short* recency is good and "
                                               "gets a high score.")] if score["R"] != 3
            else []),
        "F_score": NumericQuestion(
            f"F score of {focus} (1–5, 5 = most frequent)", float(score["F"]), rel_tol=0.0,
            abs_tol=0.01,
            explanation="1 + floor(5 × number of customers with a lower frequency / 10); "
                        "equal frequencies share a score."),
        "segment": ChoiceQuestion(
            f"Which RFM segment is {focus} in?", [s.value for s in RFMSegment], segments[focus]),
    }
    story = (f"Purchase records of ten customers up to {as_of.date()} (amounts in yuan). "
             f"Focus on customer {focus}.\n{_format_table(log)}")
    params = {"log": log, "as_of": as_of, "focus": focus}
    return ExerciseSet("Score a customer with RFM", story, params, questions, student=student)


# --------------------------------------------------------------------------- 5 value matrix


def value_matrix_placement(student=None) -> ExerciseSet:
    """Place customers in the value matrix (current × potential value) and pick the strategy.

    Parameters
    ----------
    student : str or int, optional
        A student id for personal numbers; ``None`` (default) uses the kit's example.

    Returns
    -------
    ExerciseSet
        Questions ``tier_<id>`` for the first customer, ``potential_count`` (how many
        customers are in the "potential" tier), ``tail_current_value`` (their total current
        value) and ``potential_strategy`` (choice). Numbers: ``ex.customers``,
        ``ex.current_threshold``, ``ex.potential_threshold`` (yuan per year).

    Examples
    --------
    >>> ex = value_matrix_placement()
    >>> ex.check("potential_count", 3).correct
    True
    """
    rng = _rng(student)
    names = pd.Index([f"V{k}" for k in range(1, 9)], name="customer")
    if rng is None:
        current = [5200, -300, 1800, 150, 2600, -80, 900, 60]
        potential = [4000, 3500, 300, 200, 500, 2600, 1200, 100]
    else:
        current = (rng.integers(-5, 60, 8) * 100).tolist()
        potential = (rng.integers(1, 50, 8) * 100).tolist()
    customers = pd.DataFrame({"current_value": np.array(current, dtype=float),
                              "potential_value": np.array(potential, dtype=float)},
                             index=names)
    ct, pt = 1000.0, 1000.0
    tiers = value_matrix_quadrant(customers["current_value"], customers["potential_value"],
                                  current_threshold=ct, potential_threshold=pt)
    strategy = value_tier_table().set_index("tier")["strategy"]
    tail = float(customers.loc[tiers == "tail", "current_value"].sum())
    first = names[0]
    questions = {
        f"tier_{first}": ChoiceQuestion(f"Which tier is {first} in?", [t.value for t in ValueTier],
                                        tiers[first]),
        "potential_count": NumericQuestion(
            "How many customers are in the 'potential' tier (low current, high potential)?",
            float((tiers == "potential").sum()), "customers", rel_tol=0.0, abs_tol=0.01,
            explanation="Current value below the threshold, potential value at or above it."),
        "tail_current_value": NumericQuestion(
            "Total current value of the 'tail' tier (yuan per year)", tail, "yuan",
            rel_tol=0.0, abs_tol=0.5,
            explanation="Add the current value of every low/low customer; losses count."),
        "potential_strategy": ChoiceQuestion(
            "What does the course advise for potential customers?", list(strategy),
            strategy["potential"]),
    }
    story = (f"Eight customers' current value (profit per year) and potential value (extra "
             f"profit per year the firm could add), in yuan. High means at least {ct:,.0f} "
             f"(current) and {pt:,.0f} (potential).\n{_format_table(customers)}")
    params = {"customers": customers, "current_threshold": ct, "potential_threshold": pt}
    return ExerciseSet("The customer value matrix", story, params, questions, student=student)


# --------------------------------------------------------------------------- 6 budget


def limited_budget(student=None) -> ExerciseSet:
    """Choose which accounts to develop with a limited budget, and justify it.

    Parameters
    ----------
    student : str or int, optional
        A student id for personal numbers; ``None`` (default) uses the kit's example (six of
        the mobile operator's accounts from :func:`crmlib.datasets.key_accounts`).

    Returns
    -------
    ExerciseSet
        Questions ``net_gain_first`` (net gain of the first account), ``greedy_net``
        (total net gain funding by gain per yuan), ``best_net`` (the best total net gain
        within the budget), ``best_spent`` and ``opportunistic_rule`` (choice). Numbers:
        ``ex.accounts`` (cost and gain in 10,000 yuan), ``ex.budget``.

    Examples
    --------
    >>> ex = limited_budget()
    >>> ex.check("best_net", 166).correct
    True
    """
    rng = _rng(student)
    index = pd.Index(["Harbour Logistics", "Lotus Hotels", "Northgate Steel",
                      "Green Valley Farms", "Star Electronics", "Redwood Insurance"],
                     name="account")
    quadrant = ["key", "key development", "key development", "maintenance", "opportunistic",
                "maintenance"]
    if rng is None:
        cost, gain, budget = [40, 30, 50, 10, 15, 12], [130, 84, 120, 16, 12, 20], 100.0
    else:
        cost = (rng.integers(2, 11, 6) * 5).tolist()
        ratios = [rng.uniform(2.5, 3.5), rng.uniform(2.0, 3.2), rng.uniform(2.0, 3.0),
                  rng.uniform(1.2, 1.8), rng.uniform(0.5, 0.95), rng.uniform(1.2, 1.8)]
        gain = [round(c * r) for c, r in zip(cost, ratios)]
        budget = float(round(sum(cost) * rng.uniform(0.45, 0.7) / 5) * 5)
    accounts = pd.DataFrame({"quadrant": quadrant, "cost": np.array(cost, dtype=float),
                             "gain": np.array(gain, dtype=float)}, index=index)
    net = accounts["gain"] - accounts["cost"]
    greedy = allocate_budget(accounts["cost"], accounts["gain"], budget, method="greedy")
    best = allocate_budget(accounts["cost"], accounts["gain"], budget)
    by_gain = np.zeros(len(accounts), dtype=bool)          # a known wrong path
    left = budget
    for k in np.argsort(-accounts["gain"].to_numpy(), kind="stable"):
        if net.iloc[k] > 0 and accounts["cost"].iloc[k] <= left:
            by_gain[k], left = True, left - accounts["cost"].iloc[k]
    rules = cheverton_quadrant_table().set_index("quadrant")["mobile_operator"]
    first = index[0]
    questions = {
        "net_gain_first": NumericQuestion(
            f"Net gain of developing {first} (gain − cost, 10,000 yuan)", float(net[first]),
            explanation="What the plan earns beyond what it costs.",
            hints=[Hint(float(accounts.loc[first, "gain"]), "That is the gross gain; take "
                                                            "off the cost.")]),
        "greedy_net": NumericQuestion(
            "Total net gain if you fund accounts by gain per yuan, best first, skipping any "
            "that no longer fit", float(net[greedy].sum()),
            explanation="The ratio rule: gain ÷ cost, highest first (crm.allocate_budget with "
                        "method='greedy')."),
        "best_net": NumericQuestion(
            "The best total net gain you can reach within the budget",
            float(net[best].sum()),
            explanation="Try the combinations (crm.allocate_budget): the ratio rule can leave "
                        "money unused that a different mix would put to work.",
            hints=[Hint(float(net[greedy].sum()), "That is the ratio rule's plan; another "
                                                  "combination does better here.")]
            if net[greedy].sum() != net[best].sum() else []),
        "best_spent": NumericQuestion(
            "How much of the budget does the best plan spend (10,000 yuan)?",
            float(accounts.loc[best, "cost"].sum()),
            explanation="The costs of the funded accounts."),
        "opportunistic_rule": ChoiceQuestion(
            "The course's rule for opportunistic customers is …", list(rules),
            rules["opportunistic"]),
    }
    if by_gain.any() and net[by_gain].sum() != net[best].sum():
        questions["best_net"].hints.append(Hint(
            float(net[by_gain].sum()), "That funds the largest gains first; compare gain per "
                                       "yuan, or try the combinations."))
    story = (f"A mobile operator can spend {budget:,.0f} (10,000 yuan) on account plans next "
             "year. Each plan's cost and expected extra profit (gain):\n"
             f"{_format_table(accounts)}\nWhich plans should it fund?")
    params = {"accounts": accounts, "budget": budget}
    return ExerciseSet("Spend a limited budget", story, params, questions, student=student)
