"""Exercises of the customer selection unit (lesson 04), written as specs.

Six exercises, each an :class:`~crmlib.exercises.Exercise`: how concentrated ten customers'
profit is; five people in the five customer classes; one account scored and placed in
Cheverton's key-customer selection matrix; one customer's RFM values, scores and segment; eight
customers in the value matrix; and a limited budget spent on account plans. Every answer and
every known wrong path is computed with crmlib from the exercise's numbers; every sentence a
student reads (stories, prompts, hints, option labels and a reason for every option) is in
``crmlib/text/<language>/exercises_selection.toml`` and the option vocabularies (customer
classes, Cheverton quadrants, value tiers, RFM segments) in ``vocab_selection.toml``.

``student=None`` gives the exercise's own numbers: all six are the kit's illustrations (the
course gives the securities firm's 20% → 90%, the classes, the matrices and the mobile
operator's rules, not customer-level numbers), and ``show()`` says so. A student id gives that
student their own numbers, the same on every computer.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlib.exercises._core import ExerciseSet
from crmlib.exercises._spec import Choice, Exercise, Numeric, exercise_factory
from crmlib.i18n import relabel, text
from crmlib.purchase_log import calibration_summary
from crmlib.rfm import RFMSegment, rfm_scores, rfm_segments, rfm_summary
from crmlib.selection import (
    ChevertonQuadrant,
    CustomerClass,
    ValueTier,
    allocate_budget,
    cheverton_quadrant,
    classify_customers,
    gini,
    top_share,
    value_matrix_quadrant,
    weighted_score,
)

__all__ = ["CHEVERTON_ACCOUNT", "CLASSIFY_PEOPLE", "LIMITED_BUDGET", "PROFIT_CONCENTRATION",
           "RFM_SCORING", "SPECS", "VALUE_MATRIX_PLACEMENT", "cheverton_account",
           "classify_people", "limited_budget", "profit_concentration", "rfm_scoring",
           "value_matrix_placement"]


def _key(member) -> str:
    """The option key of a category (``"key development"`` → ``"key_development"``)."""
    return member.name.lower()


def _options(category) -> tuple[str, ...]:
    return tuple(_key(member) for member in category)


def _table(frame: pd.DataFrame) -> str:
    """A table as the story shows it: headers in the kit's language with the names code uses
    (in Chinese "利润（profit）", :func:`crmlib.i18n.relabel`)."""
    return relabel(frame).to_string()


# --------------------------------------------------------------------------- 1. concentration

_CUSTOMERS = [f"C{k:02d}" for k in range(1, 11)]


def _profits(values) -> pd.Series:
    return pd.Series(np.array(values, dtype=float), index=pd.Index(_CUSTOMERS, name="customer"),
                     name="profit")


def _profits_draw(rng, settings):
    big = rng.integers(30, 70, 2) * 1000
    mid = rng.integers(5, 40, 4) * 100
    losses = -rng.integers(1, 10, 4) * 100
    return {"profits": _profits(rng.permutation(np.concatenate([big, mid, losses])).tolist())}


def _profits_defaults(settings):
    # the kit's ten customers, built so that the top 20% bring 90% of the profit, as in the
    # course's securities firm (a fresh Series on every call: a student may change theirs)
    return {"profits": _profits([2500, -400, 52000, 700, -200, 6500, 1800, -600, 3000, -300])}


def _profits_solve(p):
    profits = p["profits"]
    n = len(profits)
    total = float(profits.sum())
    gains = profits[profits > 0]
    top = round(0.2 * n)
    share = top_share(profits, 0.2)
    losers = int((profits < 0).sum())
    return {
        "total_profit": total,
        "total_profit.profitable_only": float(gains.sum()),
        "top_20_share": share,
        "top_20_share.listed_first": float(profits.iloc[:top].sum()) / total,
        "top_20_share.gross": share * total / float(gains.sum()),
        "top_20_share.bottom": float(profits.nsmallest(top).sum()) / total,
        "loss_makers": losers,
        "loss_makers.profitable": n - losers,
        "loss_share": losers / n,
        "loss_share.count": losers,
        "loss_share.profitable": (n - losers) / n,
        "gini": gini(profits),
        "gini.profitable_only": gini(gains),
        "gini.sample": gini(profits) * n / (n - 1),
    }


PROFIT_CONCENTRATION = Exercise(
    key="profit_concentration",
    defaults=_profits_defaults,
    numbers="illustrative",
    draw=_profits_draw,
    solve=_profits_solve,
    shown=lambda p: {"table": _table(p["profits"].to_frame()), "customers": len(p["profits"])},
    questions=(
        Numeric("total_profit", unit="yuan", decimals=0, mistakes=("profitable_only",)),
        Numeric("top_20_share", decimals=2, fraction=True,
                mistakes=("listed_first", "gross", "bottom")),
        Numeric("loss_makers", unit="customers", decimals=0, mistakes=("profitable",)),
        Numeric("loss_share", decimals=2, fraction=True, mistakes=("count", "profitable")),
        Numeric("gini", decimals=2, mistakes=("profitable_only", "sample")),
    ),
)


@exercise_factory(PROFIT_CONCENTRATION)
def profit_concentration(student=None, *, graded=False) -> ExerciseSet:
    """How concentrated is the profit? The top-20% share, loss-makers and the Gini coefficient.

    Ten customers of a securities firm and their annual profit (the kit's numbers, built so
    that the top 20% of customers bring 90% of the profit, as in the course's securities-firm
    case): total 65,000 yuan, the two largest 52,000 + 6,500 = 58,500, so 90%; four of the ten
    lose money.

    The numbers are in ``ex.profits`` (a Series, yuan per year).

    References
    ----------
    Course material, 项目二: "大客户虽然仅占公司中客户的20%，但却占了公司利润来源的90%".
    Gini, C. (1912), *Variabilità e mutabilità* (:func:`crmlib.gini`).

    Examples
    --------
    >>> ex = profit_concentration()
    >>> ex.check("top_20_share", "90%").correct
    True
    >>> print(ex.check("total_profit", 66500))  # doctest: +ELLIPSIS
    ❌ Not quite (66,500). That is the profit of the profitable customers only...
    """
    return PROFIT_CONCENTRATION.build(student, graded=graded)


# --------------------------------------------------------------------------- 2. classes

_PEOPLE = list("ABCDE")
_AS_OF = pd.Timestamp("2024-12-31")


def _people(days, needs, fits, lost_after, target) -> dict:
    last = [None if d is None else _AS_OF - pd.Timedelta(days=d) for d in days]
    people = pd.DataFrame({"last_purchase": pd.to_datetime(last), "has_need": needs,
                           "fit_score": fits}, index=pd.Index(_PEOPLE, name="person"))
    buyer = str(people.index[people["last_purchase"].notna()][0])
    return {"people": people, "as_of": _AS_OF, "lost_after_days": lost_after,
            "target_score": target, "buyer": buyer}


def _people_defaults(settings):
    return _people([400, 30, None, None, None], [True, True, False, True, True],
                   [np.nan, np.nan, 0.8, 0.75, 0.4], 365, 0.6)


def _people_draw(rng, settings):
    lost_after = int(rng.choice([180, 270, 365]))
    target = float(rng.choice([0.5, 0.6, 0.7]))
    days = [int(lost_after + rng.integers(1, 200)), int(rng.integers(1, lost_after)),
            None, None, None]
    needs = [bool(rng.random() < 0.5), True, False, True, True]
    fits = [np.nan, np.nan, round(float(rng.uniform(0.5, 1.0)), 2),
            round(target + float(rng.uniform(0.0, 0.3)), 2),
            round(target - float(rng.uniform(0.05, 0.4)), 2)]
    order = rng.permutation(5)
    return _people([days[k] for k in order], [needs[k] for k in order],
                   [fits[k] for k in order], lost_after, target)


def _people_solve(p):
    people = p["people"]
    classes = classify_customers(people, as_of=p["as_of"], lost_after_days=p["lost_after_days"],
                                 target_score=p["target_score"])
    last = people.loc[p["buyer"], "last_purchase"]
    solved = {"days_since": float((p["as_of"] - last).days),
              "days_since.past_the_line": float((p["as_of"] - last).days - p["lost_after_days"])}
    for person in people.index:
        solved[f"class_{person}"] = _key(CustomerClass(classes[person]))
    return solved


CLASSIFY_PEOPLE = Exercise(
    key="classify_people",
    defaults=_people_defaults,
    numbers="illustrative",
    draw=_people_draw,
    solve=_people_solve,
    shown=lambda p: {"table": _table(p["people"]), "as_of_date": p["as_of"].date()},
    questions=(
        Numeric("days_since", unit="days", decimals=0, mistakes=("past_the_line",)),
        *(Choice(f"class_{person}", _options(CustomerClass), labels="vocab.customer_class",
                 letters=False)   # the people are named A–E: a letter is a name, not an option
          for person in _PEOPLE),
    ),
)


@exercise_factory(CLASSIFY_PEOPLE)
def classify_people(student=None, *, graded=False) -> ExerciseSet:
    """Put five people into the five customer classes by the lesson's rules.

    On 2024-12-31, with a buyer lost after 365 days and a target from fit score 0.6: A last
    bought 400 days ago (lost), B 30 days ago (current); C has no need (non-customer); D needs
    the product and fits 0.75 (target), E fits 0.4 (potential).

    ``days_since`` counts the days since person ``ex.buyer``'s last purchase; the people are
    named A–E, so a single letter is refused as an answer to ``class_A`` … ``class_E``. The
    table is ``ex.people``, the rules' settings ``ex.as_of``, ``ex.lost_after_days`` and
    ``ex.target_score``.

    References
    ----------
    Course material, 项目二 "建立客户关系（选择）", 小知识1 客户的分类
    (:func:`crmlib.classify_customers`).

    Examples
    --------
    >>> ex = classify_people()
    >>> ex.check("class_C", "non-customer").correct, ex.check("class_A", "流失客户").correct
    (True, True)
    >>> print(ex.check("class_A", "A"))  # doctest: +ELLIPSIS
    ⚠️ A single letter is a person's name in this exercise...
    """
    return CLASSIFY_PEOPLE.build(student, graded=graded)


# --------------------------------------------------------------------------- 3. Cheverton

_A_CRITERIA = ("volume", "growth", "margin")
_S_CRITERIA = ("relationship", "product_fit", "service_record")
_THRESHOLD = 0.5


def _account_defaults(settings):
    return {"ratings": {"volume": 5, "growth": 4, "margin": 2, "relationship": 2,
                        "product_fit": 3, "service_record": 2},
            "attractiveness_weights": {"volume": 0.5, "growth": 0.3, "margin": 0.2},
            "strength_weights": {"relationship": 0.4, "product_fit": 0.4,
                                 "service_record": 0.2},
            "threshold": _THRESHOLD}


def _account_draw(rng, settings):
    ratings = {k: int(rng.integers(1, 6)) for k in _A_CRITERIA + _S_CRITERIA}
    a_weights = rng.choice([[0.5, 0.3, 0.2], [0.4, 0.4, 0.2], [0.6, 0.2, 0.2], [0.3, 0.3, 0.4]])
    s_weights = rng.choice([[0.4, 0.4, 0.2], [0.5, 0.3, 0.2], [0.2, 0.4, 0.4]])
    return {"ratings": ratings,
            "attractiveness_weights": {k: float(v) for k, v in zip(_A_CRITERIA, a_weights)},
            "strength_weights": {k: float(v) for k, v in zip(_S_CRITERIA, s_weights)},
            "threshold": _THRESHOLD}


def _score_paths(ratings, weights) -> dict:
    """A weighted score and the known wrong ways to compute it."""
    total = sum(weights.values())
    return {"": weighted_score(ratings, weights),
            ".raw": sum(w * ratings[k] for k, w in weights.items()) / total,
            ".plain_mean": weighted_score(ratings, dict.fromkeys(weights, 1.0)),
            ".over_five": weighted_score(ratings, weights, scale=(0, 5))}


def _quadrants(p) -> tuple[str, str]:
    """The account's quadrant, and the quadrant with the two axes swapped."""
    a = weighted_score(p["ratings"], p["attractiveness_weights"])
    s = weighted_score(p["ratings"], p["strength_weights"])
    return (_key(ChevertonQuadrant(cheverton_quadrant(a, s, threshold=p["threshold"]))),
            _key(ChevertonQuadrant(cheverton_quadrant(s, a, threshold=p["threshold"]))))


def _account_solve(p):
    solved = {}
    for question, weights in (("attractiveness", p["attractiveness_weights"]),
                              ("relative_strength", p["strength_weights"])):
        for path, value in _score_paths(p["ratings"], weights).items():
            solved[question + path] = value
    quadrant, _ = _quadrants(p)
    return {**solved, "quadrant": quadrant, "strategy": quadrant}


def _account_shown(p):
    quadrant, swapped = _quadrants(p)
    shown = {"ratings_text": ", ".join(f"{k} {v}" for k, v in p["ratings"].items()),
             "attractiveness_text": ", ".join(f"{k} {w:g}"
                                              for k, w in p["attractiveness_weights"].items()),
             "strength_text": ", ".join(f"{k} {w:g}" for k, w in p["strength_weights"].items())}
    for option in _options(ChevertonQuadrant):
        reason = text(f"cheverton_account.quadrant_rule.{option}", threshold=p["threshold"])
        if option == swapped != quadrant:
            reason = text("cheverton_account.with_axes_note", reason=reason,
                          note=text("cheverton_account.axes_swapped"))
        shown[f"why_{option}"] = reason
    return shown


CHEVERTON_ACCOUNT = Exercise(
    key="cheverton_account",
    defaults=_account_defaults,
    numbers="illustrative",
    draw=_account_draw,
    solve=_account_solve,
    shown=_account_shown,
    questions=(
        Numeric("attractiveness", decimals=2, mistakes=("raw", "plain_mean", "over_five")),
        Numeric("relative_strength", decimals=2, mistakes=("raw", "plain_mean", "over_five")),
        Choice("quadrant", _options(ChevertonQuadrant), labels="vocab.cheverton_quadrant"),
        Choice("strategy", _options(ChevertonQuadrant), labels="vocab.cheverton_rule"),
    ),
)


@exercise_factory(CHEVERTON_ACCOUNT)
def cheverton_account(student=None, *, graded=False) -> ExerciseSet:
    """Score one account on weighted criteria and place it in Cheverton's matrix.

    Each 1–5 rating is rescaled to 0–1 by (rating − 1)/4 and the weighted average taken
    (:func:`crmlib.weighted_score`). With the kit's example: attractiveness 0.5 × 1 + 0.3 ×
    0.75 + 0.2 × 0.25 = 0.775, relative strength 0.4 × 0.25 + 0.4 × 0.5 + 0.2 × 0.25 = 0.35:
    high attractiveness, low strength, a key-development customer (关键发展客户, the course's
    重点开发), whose rule at the course's mobile operator is "the right methods make them the
    most valuable" (方法得当最有价值).

    The scores run from 0 to 1. The numbers are ``ex.ratings`` (1–5),
    ``ex.attractiveness_weights``, ``ex.strength_weights`` and ``ex.threshold``.

    References
    ----------
    Cheverton, P. (2004). *Key Account Management* (3rd ed.). Kogan Page. Course material,
    项目二, 小知识4 关键客户识别和选择矩阵 and 案例 移动公司对四类客户的管理.

    Examples
    --------
    >>> ex = cheverton_account()
    >>> ex.check("attractiveness", 0.775).correct, ex.check("quadrant", "重点开发").correct
    (True, True)
    >>> print(ex.check("attractiveness", 4.1))  # doctest: +ELLIPSIS
    ❌ Not quite (4.1). That is the weighted rating on the 1–5 scale...
    """
    return CHEVERTON_ACCOUNT.build(student, graded=graded)


# --------------------------------------------------------------------------- 4. RFM

_RFM_AS_OF = pd.Timestamp("2024-06-30")
_RFM_SEED = 20240630   # the exercise's own log is the draw of this seed


def _rfm_draw(rng, settings):
    rows = []
    for k in range(1, 11):
        visits = int(rng.integers(1, 5))
        days = np.sort(rng.choice(np.arange(1, 121), visits, replace=False))
        for day in days:
            for _ in range(1 + int(rng.random() < 0.3)):     # sometimes 2 records that day
                rows.append((f"K{k:02d}", _RFM_AS_OF - pd.Timedelta(days=int(day)),
                             float(rng.integers(2, 40) * 5)))
    log = pd.DataFrame(rows, columns=["customer_id", "date", "amount"])
    log = log.sort_values(["date", "customer_id"], ignore_index=True)
    # focus on a customer with several purchase days, one of them with two records, so that
    # counting records instead of days is a visible mistake (when there is one)
    summary = rfm_summary(log, as_of=_RFM_AS_OF)
    counts = log.groupby("customer_id").size()
    candidates = summary.index[(counts > summary["frequency"]) & (summary["frequency"] > 1)]
    focus = str(rng.choice(candidates if len(candidates) else summary.index))
    return {"log": log, "as_of": _RFM_AS_OF, "focus": focus}


def _rfm_solve(p):
    log, as_of, focus = p["log"], p["as_of"], p["focus"]
    summary = rfm_summary(log, as_of=as_of)
    scores = rfm_scores(summary)
    row, score = summary.loc[focus], scores.loc[focus]
    # the same log as BG/NBD and Gamma-Gamma read it (lesson 05), in days: a different recency
    # (first to last purchase), a frequency of repeat purchases, a mean spend per repeat day
    model = calibration_summary(log, calibration_end=as_of, time_unit="D").loc[focus]
    records = log.loc[log["customer_id"] == focus]
    return {
        "recency": float(row["recency"]),
        "recency.bgnbd": float(model["recency"]),
        "recency.from_first": float(model["T"]),
        "frequency": float(row["frequency"]),
        "frequency.records": float(len(records)),
        "frequency.repeat": float(model["frequency"]),
        "monetary": float(row["monetary"]),
        "monetary.average": float(row["monetary"] / row["frequency"]),
        "monetary.repeat_mean": float(model["monetary_value"]),
        "R_score": float(score["R"]),
        "R_score.reversed": float(6 - score["R"]),
        "F_score": float(score["F"]),
        "F_score.reversed": float(6 - score["F"]),
        "segment": _key(RFMSegment(rfm_segments(scores)[focus])),
    }


def _rfm_shown(p):
    return {"table": _table(p["log"]), "as_of_date": p["as_of"].date(),
            "customers": p["log"]["customer_id"].nunique()}


RFM_SCORING = Exercise(
    key="rfm_scoring",
    defaults=lambda settings: _rfm_draw(np.random.default_rng(_RFM_SEED), settings),
    numbers="illustrative",
    draw=_rfm_draw,
    solve=_rfm_solve,
    shown=_rfm_shown,
    questions=(
        Numeric("recency", unit="days", decimals=0, mistakes=("bgnbd", "from_first")),
        Numeric("frequency", unit="purchase_days", decimals=0, mistakes=("records", "repeat")),
        Numeric("monetary", unit="yuan", decimals=0, mistakes=("average", "repeat_mean")),
        Numeric("R_score", decimals=0, mistakes=("reversed",)),
        Numeric("F_score", decimals=0, mistakes=("reversed",)),
        Choice("segment", _options(RFMSegment), labels="vocab.rfm_segment"),
    ),
)


@exercise_factory(RFM_SCORING)
def rfm_scoring(student=None, *, graded=False) -> ExerciseSet:
    """One customer's recency, frequency and monetary value, their R and F scores and segment.

    The kit's log of ten customers up to 2024-06-30. Customer K09 bought on 2024-03-10 (85 +
    125 yuan) and on 2024-05-07 (135 + 35): recency 54 days, frequency 2 purchase days,
    monetary value 380 yuan; two customers have a longer recency, so R = 1 + ⌊5 × 2/10⌋ = 2;
    one has a lower frequency, so F = 1 + ⌊5 × 1/10⌋ = 1: hibernating.

    ``recency``, ``frequency`` and ``monetary`` are for customer ``ex.focus``; ``R_score`` and
    ``F_score`` run from 1 to 5, among the ten customers. The purchase log is ``ex.log``, the
    analysis day ``ex.as_of``.

    References
    ----------
    Hughes, A. M. (1994). *Strategic Database Marketing*. Probus (RFM). The BG/NBD meanings of
    recency and frequency that the hints tell apart: Fader, P. S., Hardie, B. G. S. & Lee,
    K. L. (2005). "Counting your customers" the easy way. *Marketing Science* 24(2), 275–284.

    Examples
    --------
    >>> ex = rfm_scoring()
    >>> ex.check("frequency", 2).correct, ex.check("segment", "沉睡客户").correct
    (True, True)
    >>> print(ex.check("recency", 58))  # doctest: +ELLIPSIS
    ❌ Not quite (58). That is recency as BG/NBD counts it...
    """
    return RFM_SCORING.build(student, graded=graded)


# --------------------------------------------------------------------------- 5. value matrix

_VALUE_CUSTOMERS = pd.Index([f"V{k}" for k in range(1, 9)], name="customer")
_VALUE_THRESHOLD = 1000.0


def _value_customers(current, potential) -> dict:
    customers = pd.DataFrame({"current_value": np.array(current, dtype=float),
                              "potential_value": np.array(potential, dtype=float)},
                             index=_VALUE_CUSTOMERS)
    return {"customers": customers, "current_threshold": _VALUE_THRESHOLD,
            "potential_threshold": _VALUE_THRESHOLD}


def _value_draw(rng, settings):
    return _value_customers((rng.integers(-5, 60, 8) * 100).tolist(),
                            (rng.integers(1, 50, 8) * 100).tolist())


def _tiers(p, *, swapped=False, nudge=0.0) -> pd.Series:
    """The tiers; ``swapped`` exchanges the axes, ``nudge`` moves both lines up (so that a
    value on a line counts as low)."""
    current, potential = p["customers"]["current_value"], p["customers"]["potential_value"]
    if swapped:
        current, potential = potential, current
    return value_matrix_quadrant(current, potential,
                                 current_threshold=p["current_threshold"] + nudge,
                                 potential_threshold=p["potential_threshold"] + nudge)


def _value_solve(p):
    customers = p["customers"]
    tiers, swapped, strict = _tiers(p), _tiers(p, swapped=True), _tiers(p, nudge=0.5)
    tail = customers.loc[tiers == ValueTier.TAIL, "current_value"]
    low_current = customers.loc[tiers.isin([ValueTier.TAIL, ValueTier.POTENTIAL]),
                                "current_value"]
    first = str(customers.index[0])
    return {
        f"tier_{first}": _key(ValueTier(tiers[first])),
        "potential_count": float((tiers == ValueTier.POTENTIAL).sum()),
        "potential_count.swapped_axes": float((swapped == ValueTier.POTENTIAL).sum()),
        "potential_count.line_counts_low": float((strict == ValueTier.POTENTIAL).sum()),
        "tail_current_value": float(tail.sum()),
        "tail_current_value.losses_left_out": float(tail[tail > 0].sum()),
        "tail_current_value.all_low_current": float(low_current.sum()),
        "potential_strategy": _key(ValueTier.POTENTIAL),
    }


def _value_shown(p):
    customers = p["customers"]
    first = str(customers.index[0])
    return {"table": _table(customers), "first": first,
            "first_current": float(customers.loc[first, "current_value"]),
            "first_potential": float(customers.loc[first, "potential_value"])}


VALUE_MATRIX_PLACEMENT = Exercise(
    key="value_matrix_placement",
    defaults=lambda settings: _value_customers([5200, -300, 1800, 150, 2600, -80, 900, 60],
                                               [4000, 3500, 300, 200, 500, 2600, 1200, 100]),
    numbers="illustrative",
    draw=_value_draw,
    solve=_value_solve,
    shown=_value_shown,
    questions=(
        Choice(f"tier_{_VALUE_CUSTOMERS[0]}", _options(ValueTier), labels="vocab.value_tier"),
        Numeric("potential_count", unit="customers", decimals=0,
                mistakes=("swapped_axes", "line_counts_low")),
        Numeric("tail_current_value", unit="yuan", decimals=0,
                mistakes=("losses_left_out", "all_low_current")),
        Choice("potential_strategy", _options(ValueTier), labels="vocab.value_tier_strategy"),
    ),
)


@exercise_factory(VALUE_MATRIX_PLACEMENT)
def value_matrix_placement(student=None, *, graded=False) -> ExerciseSet:
    """Place customers in the value matrix (current × potential value) and pick the strategy.

    Eight customers, "high" from 1,000 yuan on both axes (a value on the line counts as high).
    With the kit's example V1 (5,200; 4,000) is high-end; V2, V6 and V7 (current below 1,000,
    potential from 1,000) are potential; the tail is V4 (150) and V8 (60), together 210 yuan.

    ``potential_count`` is how many customers are in the "potential" tier,
    ``tail_current_value`` their total current value. The numbers are ``ex.customers``,
    ``ex.current_threshold`` and ``ex.potential_threshold`` (yuan per year).

    References
    ----------
    Course material, "客户关系管理与服务营销" slides: the value matrix of current × potential
    value and the four customer tiers (高端客户：专注（培养）, 潜力客户：投入, 基本客户：抓住,
    末端客户：退出). Which tier sits in which cell is the kit's reading
    (:func:`crmlib.value_tier_table`).

    Examples
    --------
    >>> ex = value_matrix_placement()
    >>> ex.check("potential_count", 3).correct, ex.check("tier_V1", "高端客户").correct
    (True, True)
    """
    return VALUE_MATRIX_PLACEMENT.build(student, graded=graded)


# --------------------------------------------------------------------------- 6. budget

_ACCOUNTS = pd.Index(["Harbour Logistics", "Lotus Hotels", "Northgate Steel",
                      "Green Valley Farms", "Star Electronics", "Redwood Insurance"],
                     name="account")
_ACCOUNT_QUADRANTS = ["key", "key development", "key development", "maintenance",
                      "opportunistic", "maintenance"]


def _budget_accounts(cost, gain, budget) -> dict:
    accounts = pd.DataFrame({"quadrant": _ACCOUNT_QUADRANTS, "cost": np.array(cost, dtype=float),
                             "gain": np.array(gain, dtype=float)}, index=_ACCOUNTS)
    return {"accounts": accounts, "budget": float(budget)}


def _budget_draw(rng, settings):
    cost = (rng.integers(2, 11, 6) * 5).tolist()
    ratios = [rng.uniform(2.5, 3.5), rng.uniform(2.0, 3.2), rng.uniform(2.0, 3.0),
              rng.uniform(1.2, 1.8), rng.uniform(0.5, 0.95), rng.uniform(1.2, 1.8)]
    gain = [round(c * r) for c, r in zip(cost, ratios)]
    return _budget_accounts(cost, gain, round(sum(cost) * rng.uniform(0.45, 0.7) / 5) * 5)


def _largest_gains_first(accounts, budget) -> np.ndarray:
    """A known wrong plan: fund the largest gains first, skipping what no longer fits."""
    funded = np.zeros(len(accounts), dtype=bool)
    left, net = budget, accounts["gain"] - accounts["cost"]
    for k in np.argsort(-accounts["gain"].to_numpy(), kind="stable"):
        if net.iloc[k] > 0 and accounts["cost"].iloc[k] <= left:
            funded[k], left = True, left - accounts["cost"].iloc[k]
    return funded


def _budget_solve(p):
    accounts, budget = p["accounts"], p["budget"]
    cost, gain = accounts["cost"], accounts["gain"]
    net = gain - cost
    greedy = allocate_budget(cost, gain, budget, method="greedy")
    best = allocate_budget(cost, gain, budget)
    by_gain = _largest_gains_first(accounts, budget)
    first = accounts.index[0]
    return {
        "net_gain_first": float(net[first]),
        "net_gain_first.gross": float(gain[first]),
        "net_gain_first.ratio": float(gain[first] / cost[first]),
        "greedy_net": float(net[greedy].sum()),
        "greedy_net.gross": float(gain[greedy].sum()),
        "best_net": float(net[best].sum()),
        "best_net.greedy": float(net[greedy].sum()),
        "best_net.by_gain": float(net[by_gain].sum()) if by_gain.any() else None,
        "best_net.gross": float(gain[best].sum()),
        "best_spent": float(cost[best].sum()),
        "best_spent.greedy": float(cost[greedy].sum()),
        "best_spent.net": float(net[best].sum()),
        "opportunistic_rule": _key(ChevertonQuadrant.OPPORTUNISTIC),
    }


LIMITED_BUDGET = Exercise(
    key="limited_budget",
    defaults=lambda settings: _budget_accounts([40, 30, 50, 10, 15, 12],
                                               [130, 84, 120, 16, 12, 20], 100),
    numbers="illustrative",
    draw=_budget_draw,
    solve=_budget_solve,
    shown=lambda p: {"table": _table(p["accounts"]), "first": str(p["accounts"].index[0])},
    questions=(
        Numeric("net_gain_first", unit="wan_yuan", decimals=0, mistakes=("gross", "ratio")),
        Numeric("greedy_net", unit="wan_yuan", decimals=0, mistakes=("gross",)),
        Numeric("best_net", unit="wan_yuan", decimals=0, mistakes=("greedy", "by_gain", "gross")),
        Numeric("best_spent", unit="wan_yuan", decimals=0, mistakes=("greedy", "net")),
        Choice("opportunistic_rule", _options(ChevertonQuadrant), labels="vocab.cheverton_rule"),
    ),
)


@exercise_factory(LIMITED_BUDGET)
def limited_budget(student=None, *, graded=False) -> ExerciseSet:
    """Choose which account plans to fund with a limited budget, and justify it.

    Six of the mobile operator's accounts (the kit's numbers, in 10,000 yuan), budget 100.
    The ratio rule (gain per yuan first: Harbour 3.25, Lotus 2.8, Northgate 2.4 no longer
    fits, Redwood 1.67, Green Valley 1.6) nets 90 + 54 + 8 + 6 = 158; the best combination,
    Harbour + Northgate + Green Valley, spends all 100 and nets 90 + 70 + 6 = 166.

    ``net_gain_first`` is the first account's net gain, ``greedy_net`` the total net gain
    funding by gain per yuan, ``best_net`` the best total net gain within the budget. The
    numbers are ``ex.accounts`` (cost and gain in 10,000 yuan) and ``ex.budget``.

    References
    ----------
    Dantzig, G. B. (1957). Discrete-variable extremum problems. *Operations Research* 5(2),
    266–288 (:func:`crmlib.allocate_budget`). Course material, 项目二, 四类客户分配资源的基本原则
    and 案例 移动公司对四类客户的管理.

    Examples
    --------
    >>> ex = limited_budget()
    >>> ex.check("best_net", 166).correct
    True
    >>> print(ex.check("best_net", 158))  # doctest: +ELLIPSIS
    ❌ Not quite (158). That is the ratio rule's plan...
    """
    return LIMITED_BUDGET.build(student, graded=graded)


#: This unit's specs, in the order of the exercise notebook.
SPECS = (PROFIT_CONCENTRATION, CLASSIFY_PEOPLE, RFM_SCORING, CHEVERTON_ACCOUNT,
         VALUE_MATRIX_PLACEMENT, LIMITED_BUDGET)
