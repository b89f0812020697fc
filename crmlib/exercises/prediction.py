"""Exercises of the prediction unit (lesson 05), written as specs: from purchase logs to value.

Five :class:`~crmlib.exercises.Exercise` specs: a calibration summary built by hand from a small
purchase log; the four BG/NBD parameters read as statements about customers; P(alive) of a
frequent and an occasional buyer with the same last purchase, and of a one-time buyer; a
customer's, a group's and the CDNOW sample's purchases next quarter; and eight customers ranked
by predicted CLV to choose whom to contact. Every answer and every known wrong path is computed
by crmlib from the exercise's own numbers; every sentence a student reads is in
``crmlib/text/<language>/exercises_prediction.toml``.

``student=None`` gives the exercise's own numbers: for the models, the published CDNOW estimates
of Fader, Hardie & Lee (2005), which the kit chose (the course material gives no model numbers,
so ``show()`` calls them illustrative); a student id gives that student their own numbers, the
same on every computer.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from crmlib.datasets import load_cdnow
from crmlib.exercises._core import ExerciseSet
from crmlib.exercises._spec import Choice, Exercise, Numeric, exercise_factory
from crmlib.i18n import table_text, text
from crmlib.purchase_log import calibration_summary
from crmlib.purchase_models import (
    BetaGeoModel,
    GammaGammaModel,
    predicted_customer_lifetime_value,
)
from crmlib.units import WEEKS_PER_YEAR

__all__ = ["CDNOW_BGNBD", "CDNOW_GAMMA_GAMMA", "PURCHASE_LOG_SUMMARY", "INTERPRET_PARAMETERS",
           "PROBABILITY_ALIVE_COMPARISON", "NEXT_QUARTER_PURCHASES", "TARGET_CUSTOMERS", "SPECS",
           "interpret_parameters", "next_quarter_purchases", "probability_alive_comparison",
           "purchase_log_summary", "target_customers"]

#: The published CDNOW estimates (Fader, Hardie & Lee 2005, Marketing Science; JMR).
CDNOW_BGNBD = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
CDNOW_GAMMA_GAMMA = {"p": 6.25, "q": 3.74, "gamma": 15.44}
#: The CDNOW calibration period of the lesson and the paper: 39 weeks ending on this day.
CDNOW_CALIBRATION_END = "1997-09-30"
#: A quarter in weeks, the models' time unit: 365.25 / 7 / 4 = 13.04.
QUARTER_WEEKS = WEEKS_PER_YEAR / 4


def _bgnbd_draw(rng) -> dict:
    """A student's BG/NBD parameters (weekly time unit), rounded to three decimals."""
    return {"r": round(float(rng.uniform(0.2, 0.9)), 3),
            "alpha": round(float(rng.uniform(3.0, 12.0)), 3),
            "a": round(float(rng.uniform(0.4, 1.2)), 3),
            "b": round(float(rng.uniform(1.5, 4.0)), 3)}


def _bgnbd(p) -> BetaGeoModel:
    return BetaGeoModel.from_params(r=p["r"], alpha=p["alpha"], a=p["a"], b=p["b"])


def _params_text(params) -> str:
    return text("prediction_exercises.separator").join(
        f"{name} = {value:g}" for name, value in params.items())


# --------------------------------------------------------------------------- 1. the summary

_LOG_START = pd.Timestamp("2024-01-06")


def _log(a_gap1, a_gap2, b_day, c_first, c_gap, end_day, amounts) -> dict:
    """Three customers' purchase records; A buys twice on its first and on its last day."""
    days = (0, 0, a_gap1, a_gap2, a_gap2, b_day, c_first, c_first + c_gap, end_day + 7)
    log = pd.DataFrame({"customer_id": ["A", "A", "A", "A", "A", "B", "C", "C", "C"],
                        "date": [_LOG_START + pd.Timedelta(days=d) for d in days],
                        "amount": [float(v) for v in amounts]})
    end = _LOG_START + pd.Timedelta(days=end_day)
    return {"log": log, "calibration_end": end.date().isoformat()}


def _summary_defaults(settings):
    return _log(28, 70, 35, 14, 42, 84, [80, 40, 60, 100, 20, 50, 30, 45, 25])


def _summary_draw(rng, settings):
    a_gap1 = 7 * int(rng.integers(2, 6))
    a_gap2 = a_gap1 + 7 * int(rng.integers(3, 7))
    end_day = a_gap2 + 7 * int(rng.integers(1, 4))
    b_day = 7 * int(rng.integers(2, end_day // 7))
    c_first = 7 * int(rng.integers(1, 3))
    c_gap = 7 * int(rng.integers(2, (end_day - c_first) // 7))
    amounts = rng.integers(2, 21, 9) * 5
    return _log(a_gap1, a_gap2, b_day, c_first, c_gap, end_day, amounts)


def _summary_solve(p):
    log = p["log"]
    summary = calibration_summary(log, calibration_end=p["calibration_end"], time_unit="W")
    a = summary.loc["A"]
    records = log[log["customer_id"] == "A"]
    a_days = records.groupby("date")["amount"].sum()
    last_record = (log["date"].max() - records["date"].min()).days / 7
    c = int(summary.loc["C", "frequency"])
    return {
        "a_frequency": int(a["frequency"]),
        "a_frequency.first_counted": len(a_days),
        "a_frequency.records": len(records) - 1,
        "a_frequency.all_records": len(records),
        "a_recency": float(a["recency"]),
        "a_recency.rfm_recency": float(a["T"] - a["recency"]),
        "a_T": float(a["T"]),
        "a_T.recency": float(a["recency"]),
        "a_T.log_end": last_record,
        "a_monetary_value": float(a["monetary_value"]),
        "a_monetary_value.first_counted": float(a_days.mean()),
        "a_monetary_value.per_record": float(records["amount"].iloc[1:].mean()),
        "a_monetary_value.all_records": float(records["amount"].mean()),
        "b_frequency": int(summary.loc["B", "frequency"]),
        "b_frequency.first_counted": int(summary.loc["B", "frequency"]) + 1,
        "c_frequency": c,
        "c_frequency.holdout": c + 1,
        "c_frequency.holdout_and_first": c + 2,
    }


def _summary_shown(p):
    log = p["log"]
    return {"log_text": table_text(log.assign(date=log["date"].dt.date), index=False)}


PURCHASE_LOG_SUMMARY = Exercise(
    key="purchase_log_summary",
    defaults=_summary_defaults,
    numbers="illustrative",
    draw=_summary_draw,
    solve=_summary_solve,
    shown=_summary_shown,
    questions=(
        Numeric("a_frequency", decimals=0,
                mistakes=("first_counted", "records", "all_records")),
        Numeric("a_recency", unit="weeks", decimals=1, mistakes=("rfm_recency",)),
        Numeric("a_T", unit="weeks", decimals=1, mistakes=("recency", "log_end")),
        Numeric("a_monetary_value", unit="yuan", decimals=2,
                mistakes=("first_counted", "per_record", "all_records")),
        Numeric("b_frequency", decimals=0, mistakes=("first_counted",)),
        Numeric("c_frequency", decimals=0, mistakes=("holdout", "holdout_and_first")),
    ),
)


@exercise_factory(PURCHASE_LOG_SUMMARY)
def purchase_log_summary(student=None, *, graded=False) -> ExerciseSet:
    """Build the calibration summary by hand for three customers of a small purchase log.

    Customer A buys on 2024-01-06 (80 + 40 yuan), 02-03 (60) and 03-16 (100 + 20); the
    calibration period ends on 03-30. Records on one day are one purchase and the first
    purchase is not a repeat, so A's frequency is 2, recency 70 days = 10 weeks, T 84 days =
    12 weeks and monetary value (60 + 120) / 2 = 90 yuan. B bought once (frequency 0); one of
    C's three purchases comes after the calibration end (frequency 1).

    The ``a_`` questions are about customer A. The log is ``ex.log`` and the calibration period
    ends on ``ex.calibration_end``; times in weeks.

    References
    ----------
    Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). "Counting your customers" the easy way:
    an alternative to the Pareto/NBD model. *Marketing Science* 24(2), 275–284 (the summary
    (x, t_x, T) and its conventions).

    Examples
    --------
    >>> ex = purchase_log_summary()
    >>> ex.check("a_frequency", 2).correct, ex.check("a_recency", 10).correct
    (True, True)
    >>> print(ex.check("a_frequency", 3))  # doctest: +ELLIPSIS
    ❌ Not quite (3). That counts the first purchase too...
    """
    return PURCHASE_LOG_SUMMARY.build(student, graded=graded)


# --------------------------------------------------------------------------- 2. parameters


def _interpret_solve(p):
    r, alpha, a, b = p["r"], p["alpha"], p["a"], p["b"]
    rate = r / alpha
    return {
        "mean_rate": rate,
        "mean_rate.inverted": alpha / r,
        "mean_rate.product": r * alpha,
        "purchases_per_year": rate * WEEKS_PER_YEAR,
        "purchases_per_year.months": rate * 12,
        "purchases_per_year.days": rate * 365.25,
        "purchases_per_year.fifty_two": rate * 52,
        "dropout_probability": a / (a + b),
        "dropout_probability.stay": b / (a + b),
        "dropout_probability.ratio": a / b,
        "first_year_purchases": float(_bgnbd(p).expected_purchases(52.0)),
        "first_year_purchases.no_dropout": rate * 52,
        "heterogeneity": "skewed",
    }


INTERPRET_PARAMETERS = Exercise(
    key="interpret_parameters",
    defaults=lambda settings: dict(CDNOW_BGNBD),
    numbers="illustrative",
    draw=lambda rng, settings: _bgnbd_draw(rng),
    solve=_interpret_solve,
    questions=(
        Numeric("mean_rate", unit="purchases_per_week", significant=3,
                mistakes=("inverted", "product")),
        Numeric("purchases_per_year", unit="purchases_per_year", significant=3,
                mistakes=("months", "days", "fifty_two")),
        Numeric("dropout_probability", decimals=2, fraction=True, mistakes=("stay", "ratio")),
        Numeric("first_year_purchases", unit="purchases", significant=3,
                mistakes=("no_dropout",)),
        Choice("heterogeneity", ("same_rate", "probability", "skewed", "half_alive")),
    ),
)


@exercise_factory(INTERPRET_PARAMETERS)
def interpret_parameters(student=None, *, graded=False) -> ExerciseSet:
    r"""Read a fitted BG/NBD model's four parameters as statements about customers.

    With the published CDNOW estimates (r = 0.243, α = 4.414, a = 0.793, b = 2.426) an alive
    customer buys r/α = 0.0551 times a week, 2.87 times a year (× 365.25/7 weeks); the mean
    chance of dropping out after a repeat purchase is a/(a+b) = 0.246; a new customer expects
    1.45 repeat purchases in the first 52 weeks; and r below 1 means purchase rates are highly
    skewed.

    The parameters are ``ex.r``, ``ex.alpha``, ``ex.a`` and ``ex.b``.

    Parameters
    ----------
    student : str or int, optional
        A student id for personal parameters; ``None`` (default) uses the published CDNOW
        estimates.

    References
    ----------
    Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). "Counting your customers" the easy way:
    an alternative to the Pareto/NBD model. *Marketing Science* 24(2), 275–284 (Section 7: the
    CDNOW estimates; eq. 9: expected purchases).

    Examples
    --------
    >>> ex = interpret_parameters()
    >>> ex.check("mean_rate", 0.243 / 4.414).correct
    True
    >>> print(ex.check("mean_rate", 4.414 / 0.243))  # doctest: +ELLIPSIS
    ❌ Not quite (18.16). That is alpha/r...
    """
    return INTERPRET_PARAMETERS.build(student, graded=graded)


# --------------------------------------------------------------------------- 3. P(alive)


def _alive_defaults(settings):
    return {**CDNOW_BGNBD, "frequent": 10, "occasional": 2, "recency": 20.0, "T": 39.0}


def _alive_draw(rng, settings):
    params = _bgnbd_draw(rng)
    frequent = int(rng.integers(8, 15))
    occasional = int(rng.integers(1, 3))
    age = float(rng.integers(30, 53))
    recency = float(rng.integers(int(age * 0.35), int(age * 0.6)))
    return {**params, "frequent": frequent, "occasional": occasional, "recency": recency,
            "T": age}


def _alive_paths(p, x: int, name: str) -> dict:
    """P(alive) of a customer with ``x`` repeat purchases and its known wrong paths."""
    r, alpha, a, b = p["r"], p["alpha"], p["a"], p["b"]
    t_x, age = p["recency"], p["T"]
    model = _bgnbd(p)
    odds = a / (b + x - 1)
    return {
        name: float(model.probability_alive(x, t_x, age)),
        f"{name}.inverted": 1 / (1 + odds * ((alpha + t_x) / (alpha + age)) ** (r + x)),
        f"{name}.exponent_r": 1 / (1 + odds * ((alpha + age) / (alpha + t_x)) ** r),
        f"{name}.rfm_recency": float(model.probability_alive(x, age - t_x, age)),
    }


def _alive_solve(p):
    return {**_alive_paths(p, p["frequent"], "alive_frequent"),
            **_alive_paths(p, p["occasional"], "alive_occasional"),
            "alive_one_time": float(_bgnbd(p).probability_alive(0, 0.0, p["T"])),
            "alive_one_time.dropped": 0.0,
            "why": "silence"}


def _alive_shown(p):
    many = "one" if p["occasional"] == 1 else "many"
    return {"params_text": _params_text({k: p[k] for k in CDNOW_BGNBD}),
            "occasional_text": text(f"probability_alive_comparison.purchases.{many}",
                                    n=p["occasional"]),
            "silence": p["T"] - p["recency"]}


_ALIVE_MISTAKES = ("inverted", "exponent_r", "rfm_recency")

PROBABILITY_ALIVE_COMPARISON = Exercise(
    key="probability_alive_comparison",
    defaults=_alive_defaults,
    numbers="illustrative",
    draw=_alive_draw,
    solve=_alive_solve,
    shown=_alive_shown,
    questions=(
        Numeric("alive_frequent", significant=2, fraction=True, mistakes=_ALIVE_MISTAKES),
        Numeric("alive_occasional", significant=2, fraction=True, mistakes=_ALIVE_MISTAKES),
        Numeric("alive_one_time", significant=2, fraction=True, mistakes=("dropped",)),
        Choice("why", ("spend", "silence", "older", "more_is_less")),
    ),
)


@exercise_factory(PROBABILITY_ALIVE_COMPARISON)
def probability_alive_comparison(student=None, *, graded=False) -> ExerciseSet:
    r"""P(alive) of a frequent and an occasional buyer with the same last purchase, and of a
    one-time buyer.

    .. math::
        P(\text{alive} \mid x, t_x, T) = 1 \Big/ \left(1 + \frac{a}{b+x-1}
        \left(\frac{\alpha+T}{\alpha+t_x}\right)^{r+x}\right) \quad (x > 0),

    and 1 for :math:`x = 0`. With the published CDNOW estimates and T = 39, t_x = 20 weeks:
    Fang (10 repeat purchases) 0.038, Li (2) 0.543, Wang (none) 1.

    References
    ----------
    Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). "Counting your customers" the easy way:
    an alternative to the Pareto/NBD model. *Marketing Science* 24(2), 275–284 (eq. 13: the
    probability of being alive).

    Examples
    --------
    Li: 1/(1 + 0.793/3.426 × (43.414/24.414)^2.243) = 1/(1 + 0.23147 × 3.63659) = 0.543.

    >>> ex = probability_alive_comparison()
    >>> ex.check("alive_occasional", 0.54).correct, ex.check("alive_one_time", 1).correct
    (True, True)
    >>> print(ex.check("alive_one_time", 0))  # doctest: +ELLIPSIS
    ❌ Not quite (0). In this model dropout happens only after a repeat purchase...
    """
    return PROBABILITY_ALIVE_COMPARISON.build(student, graded=graded)


# --------------------------------------------------------------------------- 4. next quarter


@lru_cache(maxsize=1)
def _cdnow_calibration() -> pd.DataFrame:
    """The CDNOW sample's calibration summary in weeks (read once, then shared)."""
    return calibration_summary(load_cdnow("sample"), calibration_end=CDNOW_CALIBRATION_END,
                               time_unit="W")


def _quarter_defaults(settings):
    return {**CDNOW_BGNBD, "x": 4, "recency": 32.0, "T": 38.0, "group": 250,
            "quarter": QUARTER_WEEKS}


def _quarter_draw(rng, settings):
    params = _bgnbd_draw(rng)
    x = int(rng.integers(1, 9))
    age = float(rng.integers(26, 53))
    recency = float(rng.integers(int(age * 0.5), int(age)))
    group = int(rng.integers(1, 9) * 50)
    return {**params, "x": x, "recency": recency, "T": age, "group": group,
            "quarter": QUARTER_WEEKS}


def _quarter_solve(p):
    model = _bgnbd(p)
    quarter, x, t_x, age, group = p["quarter"], p["x"], p["recency"], p["T"], p["group"]
    one = float(model.conditional_expected_purchases(quarter, x, t_x, age))
    months = float(model.conditional_expected_purchases(3, x, t_x, age))
    new = float(model.expected_purchases(quarter))
    cdnow = _cdnow_calibration()
    history = (cdnow["frequency"], cdnow["recency"], cdnow["T"])
    return {
        "customer_quarter": one,
        "customer_quarter.new_customer": new,
        "customer_quarter.months": months,
        "customer_quarter.rfm_recency": float(
            model.conditional_expected_purchases(quarter, x, age - t_x, age)),
        "group_quarter": group * one,
        "group_quarter.new_customers": group * new,
        "group_quarter.months": group * months,
        "cohort_quarter": float(model.conditional_expected_purchases(quarter, *history).sum()),
        "cohort_quarter.all_new": len(cdnow) * new,
        "cohort_quarter.months": float(model.conditional_expected_purchases(3, *history).sum()),
    }


def _quarter_shown(p):
    return {"params_text": _params_text({k: p[k] for k in CDNOW_BGNBD}),
            "cohort_size": len(_cdnow_calibration()), "calibration_end": CDNOW_CALIBRATION_END}


NEXT_QUARTER_PURCHASES = Exercise(
    key="next_quarter_purchases",
    defaults=_quarter_defaults,
    numbers="illustrative",
    draw=_quarter_draw,
    solve=_quarter_solve,
    shown=_quarter_shown,
    questions=(
        Numeric("customer_quarter", unit="purchases", significant=3,
                mistakes=("new_customer", "months", "rfm_recency")),
        Numeric("group_quarter", unit="purchases", significant=3,
                mistakes=("new_customers", "months")),
        Numeric("cohort_quarter", unit="purchases", significant=3, mistakes=("all_new", "months")),
    ),
)


@exercise_factory(NEXT_QUARTER_PURCHASES)
def next_quarter_purchases(student=None, *, graded=False) -> ExerciseSet:
    """Predict a customer's purchases in the next quarter, then a group's and a whole cohort's.

    A quarter is 365.25 / 7 / 4 = 13.04 weeks. With the published CDNOW estimates a customer
    with 4 repeat purchases, the last at week 32, aged 38 weeks, expects 0.941 purchases next
    quarter; 250 such customers 235; the 2,357 customers of the CDNOW sample (calibration
    ending 1997-09-30) 630.

    The quarter's length in weeks is ``ex.quarter`` and the group's size ``ex.group``.

    References
    ----------
    Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). "Counting your customers" the easy way:
    an alternative to the Pareto/NBD model. *Marketing Science* 24(2), 275–284 (eq. 10: the
    conditional expectation).

    Examples
    --------
    >>> ex = next_quarter_purchases()
    >>> round(ex.quarter, 2)
    13.04
    >>> ex.check("customer_quarter", 0.941).correct
    True
    """
    return NEXT_QUARTER_PURCHASES.build(student, graded=graded)


# --------------------------------------------------------------------------- 5. targeting

#: The eight customers of the targeting exercise (the kit's names).
CUSTOMER_NAMES = ("Chen", "Deng", "Gao", "Huang", "Jiang", "Lin", "Ma", "Zhou")
_AGE_WEEKS = 38.0
_MARGIN, _ANNUAL_RATE, _HORIZON = 0.3, 0.1, 52


def _customers(x, recency, spend) -> dict:
    customers = pd.DataFrame({"frequency": np.asarray(x, dtype=np.int64),
                              "recency": np.asarray(recency, dtype=float),
                              "T": np.full(len(CUSTOMER_NAMES), _AGE_WEEKS),
                              "monetary_value": np.asarray(spend, dtype=float)},
                             index=pd.Index(list(CUSTOMER_NAMES), name="customer"))
    return {"customers": customers, "profit_margin": _MARGIN,
            "annual_discount_rate": _ANNUAL_RATE, "horizon": _HORIZON,
            "bgnbd": dict(CDNOW_BGNBD), "gamma_gamma": dict(CDNOW_GAMMA_GAMMA)}


def _target_defaults(settings):
    return _customers([12, 1, 5, 0, 3, 8, 2, 6],
                      [14.0, 36.0, 35.0, 0.0, 30.0, 37.0, 10.0, 24.0],
                      [85.0, 20.0, 30.0, 0.0, 55.0, 25.0, 150.0, 40.0])


def _target_draw(rng, settings):
    x = rng.integers(0, 14, 8)
    recency = np.where(x > 0, rng.integers(2, 38, 8).astype(float), 0.0)
    spend = np.where(x > 0, rng.integers(4, 31, 8) * 5.0, 0.0)
    return _customers(x, recency, spend)


def _target_models(p):
    return (BetaGeoModel.from_params(**p["bgnbd"]), GammaGammaModel.from_params(**p["gamma_gamma"]))


def _clv(p, spend, annual_rate=None):
    purchases, _ = _target_models(p)
    c = p["customers"]
    return predicted_customer_lifetime_value(
        purchases, c["frequency"], c["recency"], c["T"], spend,
        profit_margin=p["profit_margin"],
        annual_discount_rate=p["annual_discount_rate"] if annual_rate is None else annual_rate,
        horizon=p["horizon"], time_unit="W")


def _top3(values) -> float:
    return float(values.sort_values(ascending=False, kind="stable").iloc[:3].sum())


def _target_solve(p):
    c = p["customers"]
    _, spend_model = _target_models(p)
    expected_spend = spend_model.conditional_expected_spend(c["frequency"], c["monetary_value"])
    clv = _clv(p, expected_spend)
    by_clv = clv.sort_values(ascending=False, kind="stable")
    past = (c["frequency"] * c["monetary_value"]).sort_values(ascending=False, kind="stable")
    return {
        "top_customer": str(by_clv.index[0]),
        "top3_value": _top3(clv),
        "top3_value.undiscounted": _top3(_clv(p, expected_spend, annual_rate=0.0)),
        "top3_value.raw_spend": _top3(_clv(p, c["monetary_value"])),
        "top3_value.by_past_spend": float(clv[past.index[:3]].sum()),
        "overlap_with_past_spend": len(set(by_clv.index[:3]) & set(past.index[:3])),
        "decision": "by_clv",
    }


def _target_shown(p):
    """The customers' table and, for each customer, why they are (not) the top one."""
    c = p["customers"]
    purchases, spend_model = _target_models(p)
    expected_spend = spend_model.conditional_expected_spend(c["frequency"], c["monetary_value"])
    clv = _clv(p, expected_spend)
    alive = purchases.probability_alive(c["frequency"], c["recency"], c["T"])
    future = purchases.conditional_expected_purchases(p["horizon"], c["frequency"], c["recency"],
                                                      c["T"])
    top = str(clv.sort_values(ascending=False, kind="stable").index[0])
    shown = {"customers_text": table_text(c),
             "bgnbd_text": _params_text(p["bgnbd"]),
             "gamma_gamma_text": _params_text(p["gamma_gamma"])}
    for name in CUSTOMER_NAMES:
        row = {"name": name, "x": int(c.loc[name, "frequency"]),
               "recency": float(c.loc[name, "recency"]), "p_alive": float(alive[name]),
               "purchases": float(future[name]), "spend": float(expected_spend[name]),
               "horizon": p["horizon"]}
        if name == top:
            reason = "top"
        elif row["x"] == 0:
            reason = "one_time"
        elif row["p_alive"] < 0.5:
            reason = "gone_quiet"
        else:
            reason = "less"
        shown[f"why_{name}"] = text(f"target_customers.reason.{reason}", **row)
    return shown


TARGET_CUSTOMERS = Exercise(
    key="target_customers",
    defaults=_target_defaults,
    numbers="illustrative",
    draw=_target_draw,
    solve=_target_solve,
    shown=_target_shown,
    questions=(
        Choice("top_customer", CUSTOMER_NAMES, labels="target_customers.names", letters=False),
        Numeric("top3_value", unit="dollars", decimals=2,
                mistakes=("undiscounted", "raw_spend", "by_past_spend")),
        Numeric("overlap_with_past_spend", unit="customers", decimals=0),
        Choice("decision", ("by_past", "one_time", "everyone", "by_clv")),
    ),
)


@exercise_factory(TARGET_CUSTOMERS)
def target_customers(student=None, *, graded=False) -> ExerciseSet:
    r"""Rank eight customers by predicted CLV and choose whom to contact with a small budget.

    Each customer's predicted CLV is :func:`crmlib.predicted_customer_lifetime_value` with the
    published CDNOW BG/NBD and Gamma-Gamma models, a 30% margin, 10% a year discounting and a
    52-week horizon. With the kit's eight customers the top three (Lin, Gao, Zhou) are worth
    120.53 dollars together; the raw mean spend instead of the Gamma-Gamma expected spend gives
    120.65, and none of the three is among the top three by past spend.

    The customers are ``ex.customers``; the models' parameters ``ex.bgnbd`` and
    ``ex.gamma_gamma``.

    References
    ----------
    Fader, Hardie & Lee (2005), cited in full at :func:`crmlib.predicted_customer_lifetime_value`,
    which values the customers.

    Examples
    --------
    >>> ex = target_customers()
    >>> ex.customers.shape
    (8, 4)
    >>> ex.check("top3_value", 120.53).correct, ex.check("top3_value", 120.65).correct
    (True, False)
    """
    return TARGET_CUSTOMERS.build(student, graded=graded)


#: This unit's specs, in the order of the exercise notebook.
SPECS = (PURCHASE_LOG_SUMMARY, INTERPRET_PARAMETERS, PROBABILITY_ALIVE_COMPARISON,
         NEXT_QUARTER_PURCHASES, TARGET_CUSTOMERS)
