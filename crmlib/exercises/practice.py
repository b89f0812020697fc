r"""Exercises for lesson 08, CRM in practice (客户关系管理实务).

Seven exercises, each an :class:`~crmlib.exercises.Exercise` spec run by the kit's exercise
engine; every sentence a student reads is in ``crmlib/text/<lang>/exercises_practice.toml``.

* :func:`unique_customers`: one view of each customer (客户统一视图) from records in three
  systems (:func:`crmlib.unify_customers`, :func:`crmlib.single_customer_view`);
* :func:`campaign_rates`: response rates (响应率), uplift (增量效果) and lift against a control
  group (对照组) (:func:`crmlib.campaign_evaluation`);
* :func:`campaign_significance`: is the uplift distinguishable from noise (its 95% interval)?
* :func:`campaign_profit`: incremental profit, ROI, the cost of a customer the campaign won
  and the break-even cost per contact;
* :func:`npv_payback`: net present value (净现值) and payback period (投资回收期) of given cash
  flows and of a CRM project's business case (:func:`crmlib.crm_business_case`);
* :func:`winning_vendor`: the winning CRM system under a committee's weights, and the weight
  that could change the choice (:func:`crmlib.vendor_scores`,
  :func:`crmlib.weight_sensitivity`);
* :func:`signal_rules`: the bank's signal events (信号事件) written as rules on data
  (:func:`crmlib.signal_report`).

The course gives the measures and the criteria, not numbers for them: every exercise's own
numbers are the kit's illustration (``numbers="illustrative"``). A student id gives each
student numbers of their own.
"""

from __future__ import annotations

import math
from functools import lru_cache
from statistics import NormalDist

import pandas as pd

from crmlib.datasets import (
    CRM_VENDOR_WEIGHTS,
    crm_vendors,
    load_bank_customers,
    load_customer_records,
)
from crmlib.exercises._core import ExerciseSet
from crmlib.exercises._spec import Choice, Exercise, Numeric, exercise_factory, pick
from crmlib.i18n import text
from crmlib.practice import (
    CRMSystemCriterion,
    campaign_evaluation,
    crm_business_case,
    normalise_phone,
    npv,
    payback_period,
    signal_report,
    single_customer_view,
    unify_customers,
    vendor_scores,
    weight_sensitivity,
)
from crmlib.selection import weighted_score

__all__ = ["CAMPAIGN_PROFIT", "CAMPAIGN_RATES", "CAMPAIGN_SIGNIFICANCE", "NPV_PAYBACK",
           "SIGNAL_RULES", "SPECS", "UNIQUE_CUSTOMERS", "WINNING_VENDOR", "campaign_profit",
           "campaign_rates", "campaign_significance", "npv_payback", "signal_rules",
           "unique_customers", "winning_vendor"]

#: Draws are repeated (from the same generator) until the numbers suit the exercise.
_MAX_TRIES = 200


def _counts_apart(solved, questions) -> bool:
    """Whether every wrong path of these count questions is the answer or at least 2 away.

    A count is typed exactly, but the engine keeps a wrong path only if it lies more than two
    tolerances (2 × 0.5) from the answer; a path exactly 1 away would make it ask for a count
    "to 1 decimal place". Draws avoid such numbers instead.
    """
    for question in questions:
        answer = solved[question.name]
        for mistake in question.mistakes:
            value = solved.get(f"{question.name}.{mistake}")
            if value is not None and value != answer and abs(value - answer) < 2:
                return False
    return True


def _draw_until(rng, make, solve, accept):
    """``make(rng)`` until ``accept(params, solve(params))`` (an error if no try fits)."""
    for _ in range(_MAX_TRIES):
        params = make(rng)
        if accept(params, solve(params)):
            return params
    raise RuntimeError("no suitable numbers found; widen the draw")  # pragma: no cover


# --------------------------------------------------------------------------- 1. one view

_RECORD_COLUMNS = ["record_id", "source", "name", "phone", "email", "spend"]

#: The exercise's own twelve records of six customers: two chains of three records that need
#: an e-mail link (王芳, 陈静), a second till card (李伟/黎伟), phones in seven formats, names
#: with homophones and in pinyin.
_OWN_RECORDS = [
    ("T0001", "shop_till", "王芳", "138 1234 5678", None, 3200),
    ("T0002", "shop_till", "李伟", "13905511234", None, 2600),
    ("T0003", "shop_till", "黎伟", "139-0551-1234", None, 800),
    ("T0004", "shop_till", "陈静", "186 2233 4455", None, 1500),
    ("T0005", "shop_till", "周杰", "137 0000 1111", None, 3900),
    ("W0001", "web_shop", "Wang Fang", "+86 138-1234-5678", "wang.fang@example.com", 1200),
    ("W0002", "web_shop", "zhangmin", "0086 150 9988 7766", "zhangmin@example.net", 2100),
    ("W0003", "web_shop", "CHEN Jing", None, "chenjing@example.org", 900),
    ("W0004", "web_shop", "liu yang", "+8613355556666", "liuyang@example.com", 1600),
    ("C0001", "call_centre", "陈静", "+86-18622334455", " ChenJing@Example.org", 600),
    ("C0002", "call_centre", "汪芳", None, "WANG.FANG@example.com", 450),
    ("C0003", "call_centre", "张敏", "86-150-9988-7766", "ZhangMin@example.net", 0),
]


def _own_records(settings):
    return {"records": pd.DataFrame(_OWN_RECORDS, columns=_RECORD_COLUMNS)}


@lru_cache(maxsize=1)
def _record_pools() -> dict:
    """True customers of the shipped records that the linking rule gets exactly right, by kind.

    ``email_link``: phones alone split them (a chain needs an e-mail); ``phone_link``: several
    records joined by phone; ``single``: one record. Exactly right means their records get one
    id that no other customer shares, so a table of whole customers from these pools links
    the same way on its own.
    """
    records = load_customer_records()
    ids = unify_customers(records)
    by_phone = unify_customers(records, email=None)
    truths_per_id = records.groupby(ids)["true_id"].nunique()
    pools = {"email_link": [], "phone_link": [], "single": []}
    for true_id, rows in records.groupby("true_id").groups.items():
        found = ids[rows]
        if found.nunique() != 1 or truths_per_id[found.iloc[0]] != 1:
            continue
        if len(rows) == 1:
            pools["single"].append(int(true_id))
        elif by_phone[rows].nunique() > 1:
            pools["email_link"].append(int(true_id))
        else:
            pools["phone_link"].append(int(true_id))
    return pools


def _some(rng, pool, k):
    return [pool[int(j)] for j in rng.choice(len(pool), size=k, replace=False)]


def _student_records(rng):
    pools = _record_pools()
    chosen = (_some(rng, pools["email_link"], 2) + _some(rng, pools["phone_link"], 3)
              + _some(rng, pools["single"], int(rng.integers(1, 3))))
    records = load_customer_records()
    table = records[records["true_id"].isin(chosen)][_RECORD_COLUMNS].reset_index(drop=True)
    return {"records": table}


def _customers_solve(p):
    t = p["records"]
    ids = unify_customers(t)
    by_phone = unify_customers(t, email=None)
    by_email = unify_customers(t, phone=None)

    def top_total(customer_id):
        return float(single_customer_view(t, customer_id)["total"].max())

    reference = normalise_phone(text("unique_customers.same_number.reference", language="en"))
    different = [o for o in _PHONE_OPTIONS if normalise_phone(
        text(f"unique_customers.same_number.options.{o}", language="en")) != reference]
    return {
        "customers": ids.nunique(),
        "customers.records": len(t),
        "customers.names": t["name"].nunique(),
        "customers.raw_phones": t["phone"].nunique(),
        "customers.phones_only": by_phone.nunique(),
        "customers.emails_only": by_email.nunique(),
        "top_total": top_total(ids),
        "top_total.one_record": float(t["spend"].max()),
        "top_total.phones_only": top_total(by_phone),
        "same_number": different[0] if len(different) == 1 else None,
    }


def _customers_draw(rng, settings):
    def accept(params, solved):
        return (_counts_apart(solved, UNIQUE_CUSTOMERS.questions[:2])
                and solved["top_total"] - solved["top_total.one_record"] >= 2)

    return _draw_until(rng, _student_records, _customers_solve, accept)


def _customers_shown(p):
    t = p["records"]
    counts = t["source"].value_counts()
    return {"n_records": len(t), "reference": text("unique_customers.same_number.reference"),
            **{f"n_{system}": int(counts.get(system, 0))
               for system in ("shop_till", "web_shop", "call_centre")}}


_PHONE_OPTIONS = ("zero_zero_86", "punctuation", "full_width", "swapped_digits")

UNIQUE_CUSTOMERS = Exercise(
    key="unique_customers",
    defaults=_own_records,
    numbers="illustrative",
    draw=_customers_draw,
    solve=_customers_solve,
    shown=_customers_shown,
    questions=(
        Numeric("customers", unit="customers", decimals=0,
                mistakes=("records", "names", "raw_phones", "phones_only", "emails_only")),
        Numeric("top_total", unit="yuan", decimals=0, mistakes=("one_record", "phones_only")),
        Choice("same_number", _PHONE_OPTIONS),
    ),
)


@exercise_factory(UNIQUE_CUSTOMERS)
def unique_customers(student=None, *, graded=False) -> ExerciseSet:
    """Count the real customers behind records from three systems, and the biggest one's spend.

    A retailer's shop tills, web shop and call centre each keep customer records. Linking
    records by equal normalised phones or e-mails, through chains of links, gives one id per
    customer (:func:`crmlib.unify_customers`); the single customer view adds up each
    customer's spend over the systems (:func:`crmlib.single_customer_view`).

    The table is ``ex.records``.

    Parameters
    ----------
    student : str or int, optional
        A student id for personal records (whole customers drawn from the kit's shipped
        records, :func:`crmlib.datasets.load_customer_records`); ``None`` (default) uses the
        exercise's own twelve records.

    References
    ----------
    Course material, ERP unit on CRM (`004`): a single, shared customer view instead of data
    scattered over departments (Forrester Research, as quoted there: 90% of companies cannot
    hold all of a customer's information in one place). Tarjan, R. E. (1975). Efficiency of
    a good but not linear set union algorithm. *Journal of the ACM* 22(2), 215–225.

    Examples
    --------
    Twelve records; 王芳 (T0001–W0001 by phone, W0001–C0002 by e-mail), 李伟 (two till
    cards), 陈静 (T0004–C0001 by phone, C0001–W0003 by e-mail), 张敏, 周杰 and 刘洋: six
    customers. Linking by phone alone leaves C0002 and W0003 on their own: eight.

    >>> ex = unique_customers()
    >>> ex.check("customers", 6).correct
    True
    >>> print(ex.check("customers", 8))  # doctest: +ELLIPSIS
    ❌ Not quite (8). You linked by phone only...
    """
    return UNIQUE_CUSTOMERS.build(student, graded=graded)


# --------------------------------------------------------------------------- 2–4. campaigns


def _campaign_counts(rng) -> dict:
    """A mailing to thousands of members with a smaller random control group."""
    treated = int(pick(rng, [8_000, 10_000, 12_000, 16_000]))
    control = int(pick(rng, [2_000, 2_500, 4_000]))
    return {"treated_size": treated,
            "treated_responses": int(round(treated * int(rng.integers(28, 46)) / 1000)),
            "control_size": control,
            "control_responses": int(round(control * int(rng.integers(30, 51)) / 2000))}


def _evaluate(p, **options):
    return campaign_evaluation(p["treated_size"], p["treated_responses"], p["control_size"],
                               p["control_responses"], **options)


def _rates_solve(p):
    r = _evaluate(p)
    n_t, x_t, n_c, x_c = (p["treated_size"], p["treated_responses"], p["control_size"],
                          p["control_responses"])
    return {
        "rate_treated": r["response_rate_treated"],
        "rate_treated.whole_test": x_t / (n_t + n_c),
        "rate_control": r["response_rate_control"],
        "rate_control.treated_size": x_c / n_t,
        "uplift": r["uplift"],
        "uplift.relative": r["lift"] - 1,
        "lift": r["lift"],
        "lift.inverted": 1 / r["lift"],
        "incremental_responses": r["incremental_responses"],
        "incremental_responses.control_size": r["uplift"] * n_c,
        "incremental_responses.all_responses": float(x_t),
        "incremental_responses.count_difference": float(x_t - x_c),
    }


_CAMPAIGN_OWN = {"treated_size": 10_000, "treated_responses": 320, "control_size": 2_000,
                 "control_responses": 40}

CAMPAIGN_RATES = Exercise(
    key="campaign_rates",
    defaults=_CAMPAIGN_OWN,
    numbers="illustrative",
    draw=lambda rng, settings: _campaign_counts(rng),
    solve=_rates_solve,
    questions=(
        Numeric("rate_treated", decimals=4, fraction=True, mistakes=("whole_test",)),
        Numeric("rate_control", decimals=4, fraction=True, mistakes=("treated_size",)),
        Numeric("uplift", decimals=4, fraction=True, mistakes=("relative",)),
        Numeric("lift", decimals=2, mistakes=("inverted",)),
        Numeric("incremental_responses", unit="purchases", decimals=0,
                mistakes=("control_size", "all_responses", "count_difference")),
    ),
)


@exercise_factory(CAMPAIGN_RATES)
def campaign_rates(student=None, *, graded=False) -> ExerciseSet:
    r"""Response rates, uplift, lift and incremental responses of a mailing with a control group.

    .. math::
        p_t = x_t / n_t, \quad p_c = x_c / n_c, \quad \text{uplift} = p_t - p_c, \quad
        \text{lift} = p_t / p_c, \quad \text{incremental responses} = (p_t - p_c)\,n_t

    Parameters
    ----------
    student : str or int, optional
        A student id for personal numbers; ``None`` (default) uses the exercise's own numbers
        (10,000 mailed, 320 bought; 2,000 held back, 40 bought).

    References
    ----------
    Course material, "客户关系管理与服务营销" (CRM的评价: 邮件响应率). Radcliffe, N. J. & Surry,
    P. D. (2011). *Real-World Uplift Modelling with Significance-Based Uplift Trees*.
    Stochastic Solutions.

    Examples
    --------
    3.2% against 2.0%: an uplift of 0.012, a lift of 1.6, 0.012 × 10,000 = 120 purchases
    caused by the letter.

    >>> ex = campaign_rates()
    >>> ex.check("incremental_responses", 120).correct
    True
    >>> print(ex.check("incremental_responses", 280))  # doctest: +ELLIPSIS
    ❌ Not quite (280). You subtracted the counts...
    """
    return CAMPAIGN_RATES.build(student, graded=graded)


_Z95 = NormalDist().inv_cdf(0.975)


def _significance_solve(p):
    r = _evaluate(p)
    n_t, x_t, n_c, x_c = (p["treated_size"], p["treated_responses"], p["control_size"],
                          p["control_responses"])
    p_t, p_c, uplift = r["response_rate_treated"], r["response_rate_control"], r["uplift"]
    se = (r["uplift_high"] - r["uplift"]) / _Z95          # the unpooled standard error
    var_t, var_c = p_t * (1 - p_t) / n_t, p_c * (1 - p_c) / n_c
    pooled_rate = (x_t + x_c) / (n_t + n_c)
    wrong_se = {"pooled": math.sqrt(pooled_rate * (1 - pooled_rate) * (1 / n_t + 1 / n_c)),
                "treated_only": math.sqrt(var_t),
                "added": math.sqrt(var_t) + math.sqrt(var_c)}
    ninety = _evaluate(p, confidence=0.90)
    solved = {"standard_error": se, "standard_error.variance": var_t + var_c,
              **{f"standard_error.{k}": v for k, v in wrong_se.items()},
              "uplift_low": r["uplift_low"], "uplift_high": r["uplift_high"],
              "uplift_low.z90": ninety["uplift_low"], "uplift_high.z90": ninety["uplift_high"],
              "distinguishable": ("yes_excludes_zero" if r["uplift_low"] > 0
                                  or r["uplift_high"] < 0 else "no_contains_zero")}
    for mistake, value in wrong_se.items():
        solved[f"uplift_low.{mistake}"] = uplift - _Z95 * value
        solved[f"uplift_high.{mistake}"] = uplift + _Z95 * value
    return solved


def _significance_draw(rng, settings):
    # pilots: rates of 3.0–4.5% and 2.0–3.0%, at least 10 responses in each group (where the
    # normal approximation holds); about half the intervals contain 0
    treated = int(pick(rng, [2_000, 3_000, 5_000, 8_000]))
    control = int(pick(rng, [500, 600, 800, 1_000, 1_500]))
    return {"treated_size": treated,
            "treated_responses": int(round(treated * int(rng.integers(30, 46)) / 1000)),
            "control_size": control,
            "control_responses": int(round(control * int(rng.integers(40, 61)) / 2000))}


def _significance_shown(p):
    r = _evaluate(p)
    which = "excludes" if r["uplift_low"] > 0 or r["uplift_high"] < 0 else "contains"
    # the interval's ends are questions of their own: the verdict does not give them
    return {"verdict": text(f"campaign_significance.verdict.{which}")}


CAMPAIGN_SIGNIFICANCE = Exercise(
    key="campaign_significance",
    defaults={"treated_size": 3_000, "treated_responses": 105, "control_size": 600,
              "control_responses": 15},
    numbers="illustrative",
    draw=_significance_draw,
    solve=_significance_solve,
    shown=_significance_shown,
    questions=(
        Numeric("standard_error", significant=3, fraction=True,
                mistakes=("pooled", "treated_only", "added", "variance")),
        Numeric("uplift_low", decimals=4, fraction=True,
                mistakes=("pooled", "treated_only", "added", "z90")),
        Numeric("uplift_high", decimals=4, fraction=True,
                mistakes=("pooled", "treated_only", "added", "z90")),
        Choice("distinguishable", ("yes_excludes_zero", "no_contains_zero", "yes_higher_rate",
                                   "need_p_value")),
    ),
)


@exercise_factory(CAMPAIGN_SIGNIFICANCE)
def campaign_significance(student=None, *, graded=False) -> ExerciseSet:
    r"""Is a campaign's uplift distinguishable from noise? Its standard error and 95% interval.

    .. math::
        SE = \sqrt{\frac{p_t(1-p_t)}{n_t} + \frac{p_c(1-p_c)}{n_c}}, \qquad
        \text{uplift} \pm 1.96\,SE

    (the normal-approximation interval with the unpooled standard error, as
    :func:`crmlib.campaign_evaluation` computes it).

    Parameters
    ----------
    student : str or int, optional
        A student id for personal numbers (about half the students get an interval that
        contains 0); ``None`` (default) uses the exercise's own pilot: 3,000 text messages,
        105 bought; 600 held back, 15 bought.

    References
    ----------
    Agresti, A. (2013). *Categorical Data Analysis* (3rd ed.), section 3.1. Wiley (the Wald
    interval for a difference of two proportions). Course material, "客户关系管理与服务营销"
    (CRM的评价).

    Examples
    --------
    3.5% against 2.5%: SE = √(0.035·0.965/3000 + 0.025·0.975/600) = 0.00720; the interval
    0.010 ± 1.96 × 0.00720 runs from −0.0041 to 0.0241 and contains 0. The pooled standard
    error, √(0.0333·0.9667·(1/3000 + 1/600)) = 0.00803, would give −0.0057.

    >>> ex = campaign_significance()
    >>> ex.check("uplift_low", -0.0041).correct, ex.check("distinguishable", "B").correct
    (True, True)
    >>> print(ex.check("uplift_low", -0.0057))  # doctest: +ELLIPSIS
    ❌ Not quite (-0.0057). You used the pooled standard error...
    """
    return CAMPAIGN_SIGNIFICANCE.build(student, graded=graded)


def _profit_solve(p):
    options = {"cost_per_contact": p["cost_per_contact"],
               "margin_per_response": p["margin_per_response"]}
    r = _evaluate(p, **options)
    claimed = campaign_evaluation(p["treated_size"], p["treated_responses"], p["control_size"],
                                  0, **options)          # every response credited to the letter
    revenue = r["incremental_responses"] * p["margin_per_response"]
    return {
        "incremental_profit": r["incremental_profit"],
        "incremental_profit.all_responses": claimed["incremental_profit"],
        "incremental_profit.no_cost": revenue,
        "incremental_profit.control_cost": (r["incremental_profit"]
                                            - p["cost_per_contact"] * p["control_size"]),
        "roi": r["roi"],
        "roi.margin_over_cost": revenue / r["cost"],
        "roi.all_responses": claimed["roi"],
        "cost_per_acquisition": r["cost_per_incremental_response"],
        "cost_per_acquisition.per_response": r["cost_per_response"],
        "break_even_cost": r["uplift"] * p["margin_per_response"],
        "break_even_cost.all_responses": r["response_rate_treated"] * p["margin_per_response"],
    }


def _profit_draw(rng, settings):
    return {**_campaign_counts(rng),
            "cost_per_contact": float(pick(rng, [1.5, 2.0, 2.5, 3.0])),
            "margin_per_response": float(pick(rng, [100, 150, 200, 300]))}


CAMPAIGN_PROFIT = Exercise(
    key="campaign_profit",
    defaults={**_CAMPAIGN_OWN, "cost_per_contact": 2.0, "margin_per_response": 150.0},
    numbers="illustrative",
    draw=_profit_draw,
    solve=_profit_solve,
    questions=(
        Numeric("incremental_profit", unit="yuan", decimals=0,
                mistakes=("all_responses", "no_cost", "control_cost")),
        Numeric("roi", decimals=2, fraction=True, mistakes=("margin_over_cost", "all_responses")),
        Numeric("cost_per_acquisition", unit="yuan", decimals=2, mistakes=("per_response",)),
        Numeric("break_even_cost", unit="yuan", decimals=2, mistakes=("all_responses",)),
    ),
)


@exercise_factory(CAMPAIGN_PROFIT)
def campaign_profit(student=None, *, graded=False) -> ExerciseSet:
    r"""What the campaign earned: incremental profit, ROI, acquisition cost, break-even cost.

    .. math::
        \text{incremental profit} = m\,(p_t - p_c)\,n_t - c\,n_t, \qquad
        \text{ROI} = \frac{\text{incremental profit}}{c\,n_t}, \qquad
        \text{cost per acquisition} = \frac{c\,n_t}{(p_t - p_c)\,n_t}, \qquad
        c^{*} = m\,(p_t - p_c)

    Parameters
    ----------
    student : str or int, optional
        A student id for personal numbers (the same mailing as their
        :func:`campaign_rates`); ``None`` (default) uses the exercise's own: the mailing of
        :func:`campaign_rates` at 2 yuan a letter and 150 yuan of margin per purchase.

    References
    ----------
    Course material, "客户关系管理与服务营销" (CRM的评价: 邮件响应率, 交叉销售, 获得客户成本).
    Radcliffe, N. J. & Surry, P. D. (2011), as in :func:`campaign_rates`.

    Examples
    --------
    120 purchases caused × 150 yuan = 18,000 yuan of margin against 20,000 yuan of letters: a
    loss of 2,000 yuan, ROI −10%.

    >>> ex = campaign_profit()
    >>> ex.check("incremental_profit", "-2,000元").correct
    True
    >>> print(ex.check("incremental_profit", 28000))  # doctest: +ELLIPSIS
    ❌ Not quite (28,000). That credits the letter with all 320 purchases...
    """
    return CAMPAIGN_PROFIT.build(student, graded=graded)


# --------------------------------------------------------------------------- 5. business case


def _npv_solve(p):
    flows, i = list(p["flows"]), p["discount_rate"]
    value = npv(flows, i)
    payback = payback_period(flows)
    case = crm_business_case(p["investment"], p["yearly_benefit"], years=p["years"],
                             running_cost=p["running_cost"], adoption=p["adoption"],
                             discount_rate=i)["cash_flow"]

    def case_with(**changes):
        options = {"years": p["years"], "running_cost": p["running_cost"],
                   "adoption": p["adoption"], "discount_rate": i, **changes}
        return crm_business_case(p["investment"], p["yearly_benefit"], **options)["cash_flow"]

    full, no_running = case_with(adoption=(1.0,)), case_with(running_cost=0.0)
    case_payback = payback_period(case)
    return {
        "npv": value,
        "npv.undiscounted": npv(flows, 0.0),
        "npv.investment_discounted": value / (1 + i),
        "npv.start_of_year": flows[0] + (1 + i) * (value - flows[0]),
        "npv.no_investment": value - flows[0],
        "payback": payback,
        "payback.whole_years": float(math.ceil(payback)),
        "payback.counted_year_zero": payback + 1,
        "payback.discounted": payback_period(flows, discount_rate=i),
        "case_npv": npv(case, i),
        "case_npv.no_running_cost": npv(no_running, i),
        "case_npv.full_benefit": npv(full, i),
        "case_npv.undiscounted": npv(case, 0.0),
        "case_payback": case_payback,
        "case_payback.no_running_cost": payback_period(no_running),
        "case_payback.full_benefit": payback_period(full),
        "case_payback.whole_years": float(math.ceil(case_payback)),
    }


_ADOPTIONS = [(0.2, 0.45, 0.6), (0.3, 0.5, 0.7), (0.25, 0.5, 0.75), (0.4, 0.6, 0.8)]


def _npv_make(rng):
    investment = float(pick(rng, [4.0, 5.0, 6.0, 8.0]))
    years = int(rng.integers(3, 5))
    return {"flows": [-investment] + [float(rng.integers(3, 9)) / 2 for _ in range(years)],
            "discount_rate": float(pick(rng, [0.08, 0.10, 0.12])),
            "investment": float(pick(rng, [30.0, 40.0, 45.0, 60.0])),
            "yearly_benefit": float(pick(rng, [50.0, 65.0, 80.0])),
            "running_cost": float(pick(rng, [5.0, 8.0, 12.0])),
            "adoption": pick(rng, _ADOPTIONS), "years": 5}


def _npv_draw(rng, settings):
    def paid_back(params, _):
        # within the horizon, and also without the running cost (a slip the hints name)
        case = [crm_business_case(params["investment"], params["yearly_benefit"],
                                  years=params["years"], running_cost=cost,
                                  adoption=params["adoption"])["cash_flow"]
                for cost in (params["running_cost"], 0.0)]
        return all(payback_period(flows) is not None for flows in [params["flows"], *case])

    return _draw_until(rng, _npv_make, lambda params: None, paid_back)


def _money(value) -> str:
    return f"{value:.1f}".replace("-", "−")


def _npv_shown(p):
    return {"flows_text": ", ".join(_money(v) for v in p["flows"]),
            "adoption_text": ", ".join(f"{a:.0%}" for a in p["adoption"]),
            "last_year": len(p["flows"]) - 1}


NPV_PAYBACK = Exercise(
    key="npv_payback",
    defaults={"flows": [-5.0, 2.0, 2.5, 3.0], "discount_rate": 0.10, "investment": 45.0,
              "yearly_benefit": 65.0, "running_cost": 6.0, "adoption": (0.2, 0.45, 0.6),
              "years": 5},
    numbers="illustrative",
    draw=_npv_draw,
    solve=_npv_solve,
    shown=_npv_shown,
    questions=(
        Numeric("npv", unit="million_yuan", decimals=2,
                mistakes=("undiscounted", "investment_discounted", "start_of_year",
                          "no_investment")),
        Numeric("payback", unit="years", decimals=2,
                mistakes=("whole_years", "counted_year_zero", "discounted")),
        Numeric("case_npv", unit="million_yuan", decimals=2,
                mistakes=("no_running_cost", "full_benefit", "undiscounted")),
        Numeric("case_payback", unit="years", decimals=2,
                mistakes=("no_running_cost", "full_benefit", "whole_years")),
    ),
)


@exercise_factory(NPV_PAYBACK)
def npv_payback(student=None, *, graded=False) -> ExerciseSet:
    r"""Net present value and payback period of cash flows, then of a CRM project's business case.

    .. math::
        \mathrm{NPV} = \sum_{t=0}^{T} \frac{CF_t}{(1+i)^t}, \qquad
        \text{payback} = (t - 1) + \frac{-S_{t-1}}{CF_t}

    with :math:`S_t` the cumulative cash flow and :math:`t` the first period in which it
    reaches 0. The business case's flows are :math:`CF_0 = -I` and :math:`CF_t = a_t B - C`
    (:func:`crmlib.crm_business_case`), the yearly benefit :math:`B` from lesson 01's quick
    assessment.

    Parameters
    ----------
    student : str or int, optional
        A student id for personal numbers; ``None`` (default) uses the exercise's own: flows
        −5.0, 2.0, 2.5, 3.0 million yuan at 10%, and a CRM system costing 45 million yuan up
        front and 6 million a year that recovers 20%, 45% and then 60% of a 65 million yuan
        yearly benefit over five years.

    References
    ----------
    Brealey, R. A., Myers, S. C. & Allen, F. (2020). *Principles of Corporate Finance* (13th
    ed.), ch. 2 and 5. McGraw-Hill. Course material, lecture handout (`000`), *How much can
    you spend on CRM? – quick assessment*.

    Examples
    --------
    −5 + 2/1.1 + 2.5/1.21 + 3/1.331 = −5 + 1.8182 + 2.0661 + 2.2539 = 1.1382 million yuan;
    cumulative −5, −3, −0.5, +2.5: paid back 0.5/3 into year 3, after 2.17 years.

    >>> ex = npv_payback()
    >>> ex.check("npv", 1.14).correct, ex.check("payback", "2.17").correct
    (True, True)
    >>> print(ex.check("payback", 3))  # doctest: +ELLIPSIS
    ❌ Not quite (3). You rounded up to whole years...
    """
    return NPV_PAYBACK.build(student, graded=graded)


# --------------------------------------------------------------------------- 6. choosing

_VENDOR_KEYS = {"Globe Suite": "globe_suite", "Jiangnan Soft": "jiangnan_soft",
                "CloudDesk": "clouddesk", "RetailPro": "retailpro"}


def _vendor_ratings():
    return crm_vendors()[list(CRMSystemCriterion)]


def _vendor_tables(p):
    """Scores and switch points for these ratings and weights.

    Cached by their values: every check rebuilds the questions' texts, which show them.
    """
    ratings = p["ratings"]
    return _vendor_tables_cached((tuple(p["weights"].items()), tuple(ratings.columns),
                                  tuple(ratings.index), tuple(map(tuple, ratings.to_numpy()))))


@lru_cache(maxsize=64)
def _vendor_tables_cached(key):
    weights, columns, index, values = key
    ratings = pd.DataFrame(list(values), index=list(index), columns=list(columns))
    return vendor_scores(ratings, dict(weights)), weight_sensitivity(ratings, dict(weights))


def _move(row):
    """A criterion's nearer switch point: (direction, weight it moves to, the other, vendor)."""
    lowered = not math.isnan(row["lower_to"]) and math.isclose(
        row["weight"] - row["lower_to"], row["smallest_change"])
    if lowered:
        return "lower", row["lower_to"], row["raise_to"], row["winner_if_lowered"]
    return "raise", row["raise_to"], row["lower_to"], row["winner_if_raised"]


def _closest(p):
    """The criterion whose weight needs the smallest move, its switch point, the runner-up's."""
    table = _vendor_tables(p)[1]
    change = table["smallest_change"].dropna().sort_values(kind="stable")
    criterion = change.index[0]
    second = change.iloc[1] if len(change) > 1 else math.inf
    return criterion, _move(table.loc[criterion]), change.iloc[0], second


def _vendor_solve(p):
    ratings, weights = p["ratings"], p["weights"]
    scores = _vendor_tables(p)[0]
    winner = scores.index[0]
    total = sum(weights.values())
    raw = sum(w * ratings.loc[winner, c] for c, w in weights.items()) / total
    criterion, (_, target, other, _), change, _ = _closest(p)
    return {
        "winner": _VENDOR_KEYS[winner],
        "winner_score": float(scores["score"].iloc[0]),
        "winner_score.raw_ratings": float(raw),
        "winner_score.over_five": float(weighted_score(ratings, weights, scale=(0, 5))[winner]),
        "winner_score.unweighted": float(weighted_score(
            ratings, dict.fromkeys(weights, 1.0))[winner]),
        "closest_criterion": criterion,
        "closest_weight": float(target),
        "closest_weight.change": float(change),
        "closest_weight.other_direction": None if math.isnan(other) else float(other),
    }


def _vendor_make(rng):
    weights = {"functionality": float(pick(rng, [0.20, 0.25, 0.30, 0.35])),
               "architecture": float(pick(rng, [0.10, 0.15, 0.20])),
               "vendor_management": float(pick(rng, [0.10, 0.15])),
               "implementation": float(pick(rng, [0.15, 0.20, 0.25, 0.30, 0.35])),
               "global_support": float(pick(rng, [0.05, 0.10]))}
    weights["viability_flexibility"] = round(1 - sum(weights.values()), 2)
    return {"ratings": _vendor_ratings(), "weights": weights}


def _vendor_draw(rng, settings):
    def accept(params, solved):
        if not 0.05 <= params["weights"]["viability_flexibility"] <= 0.25:
            return False
        _, _, change, second = _closest(params)
        return second - change >= 0.01            # one criterion is clearly the closest

    return _draw_until(rng, _vendor_make, lambda params: None, accept)


def _vendor_shown(p):
    scores, table = _vendor_tables(p)
    closest = _closest(p)[0]
    shown = {"weights_text": " · ".join(f"{text(f'practice.criteria.{c}')} {w:.2f}"
                                        for c, w in p["weights"].items())}
    for name, key in _VENDOR_KEYS.items():
        shown[f"score_{key}"] = float(scores.loc[name, "score"])
        shown[f"rank_{key}"] = int(scores.loc[name, "rank"])
    for criterion, row in table.iterrows():
        if math.isnan(row["smallest_change"]):
            shown[f"move_{criterion}"] = text("winning_vendor.move.none")
            continue
        direction, _, _, vendor = _move(row)
        if criterion == closest:         # question 4 asks where its weight must go
            shown[f"move_{criterion}"] = text(
                "winning_vendor.move.closest", vendor=vendor,
                moved=text(f"winning_vendor.move.moved_{direction}"))
        else:
            shown[f"move_{criterion}"] = text(f"winning_vendor.move.{direction}", vendor=vendor)
    return shown


WINNING_VENDOR = Exercise(
    key="winning_vendor",
    defaults=lambda settings: {
        "ratings": _vendor_ratings(),
        "weights": {**CRM_VENDOR_WEIGHTS, "functionality": 0.25, "architecture": 0.10,
                    "implementation": 0.30}},
    numbers="illustrative",
    draw=_vendor_draw,
    solve=_vendor_solve,
    shown=_vendor_shown,
    questions=(
        Choice("winner", tuple(_VENDOR_KEYS.values())),
        Numeric("winner_score", decimals=3, mistakes=("raw_ratings", "over_five", "unweighted")),
        Choice("closest_criterion", CRMSystemCriterion, labels="practice.criteria"),
        Numeric("closest_weight", decimals=2, mistakes=("change", "other_direction")),
    ),
)


@exercise_factory(WINNING_VENDOR)
def winning_vendor(student=None, *, graded=False) -> ExerciseSet:
    r"""The CRM system a committee's weights choose, and the weight that could change the choice.

    Each rating :math:`x` on the 1–5 scale is rescaled to :math:`(x - 1)/4` and the scores are
    the weighted averages :math:`s_v = \sum_k w_k r_{vk} / \sum_k w_k`
    (:func:`crmlib.vendor_scores`); :func:`crmlib.weight_sensitivity` finds, for each
    criterion, how far its weight must move (the others held) before another system draws
    level.

    The table is ``ex.ratings`` and the mapping ``ex.weights``.

    Parameters
    ----------
    student : str or int, optional
        A student id for a committee with weights of its own; ``None`` (default) uses the
        exercise's committee: the lesson's weights with implementation raised to 0.30,
        functionality lowered to 0.25 and architecture to 0.10. The ratings are the lesson's
        four systems (:func:`crmlib.datasets.crm_vendors`) in both cases.

    References
    ----------
    Course material, "客户关系管理与服务营销" (CRM系统的选择: the six criteria).
    Triantaphyllou, E. & Sánchez, A. (1997). A sensitivity analysis approach for some
    deterministic multi-criteria decision-making methods. *Decision Sciences* 28(1),
    151–194.

    Examples
    --------
    Jiangnan Soft (4, 3, 4, 5, 2, 4): 0.25·0.75 + 0.10·0.5 + 0.15·0.75 + 0.30·1 + 0.05·0.25
    + 0.15·0.75 = 0.775; Globe Suite (5, 4, 4, 3, 5, 4) scores 0.750. Weighting the ratings
    as they are gives 0.25·4 + 0.10·3 + 0.15·4 + 0.30·5 + 0.05·2 + 0.15·4 = 4.1.

    >>> ex = winning_vendor()
    >>> ex.check("winner", "Jiangnan Soft").correct, ex.check("winner_score", 0.775).correct
    (True, True)
    >>> print(ex.check("winner_score", 4.1))  # doctest: +ELLIPSIS
    ❌ Not quite (4.1). Those are the ratings on the 1–5 scale...
    """
    return WINNING_VENDOR.build(student, graded=graded)


# --------------------------------------------------------------------------- 7. signal events

_STAGES = {"young_family": "young family", "mature_family": "mature family"}
_CHANNELS = ("online", "branch", "ATM", "phone")


def _signal_rules_table(p) -> pd.DataFrame:
    """The student's two rules as a rules table for :func:`crmlib.signal_report`."""
    family = (f"life_stage == '{p['stage']}' and products_held == 1 "
              f"and preferred_channel == '{p['channel']}'")
    retirement = f"{p['age_from']} <= age < 65 and balance >= {p['multiple']} * annual_income"
    return pd.DataFrame({"signal": ["education", "retirement"],
                         "condition": [family, retirement], "meaning": "", "action": ""})


def _signal_solve(p):
    customers = p["customers"]
    report = signal_report(customers, _signal_rules_table(p))
    # the known slips, each one condition changed (as boolean masks: one report per slip
    # would cost a pandas eval each)
    stage = customers["life_stage"] == p["stage"]
    channel = customers["preferred_channel"] == p["channel"]
    products = customers["products_held"]
    age, balance = customers["age"], customers["balance"]
    rich = balance >= p["multiple"] * customers["annual_income"]
    from_age = age >= p["age_from"]
    return {
        "education_signals": int((report["signal"] == "education").sum()),
        "education_signals.at_most_two": int((stage & (products <= 2) & channel).sum()),
        "education_signals.any_channel": int((stage & (products == 1)).sum()),
        "education_signals.any_stage": int(((products == 1) & channel).sum()),
        "retirement_signals": int((report["signal"] == "retirement").sum()),
        "retirement_signals.to_65": int((from_age & (age <= 65) & rich).sum()),
        "retirement_signals.balance_over_income": int(
            (from_age & (age < 65) & (balance >= customers["annual_income"])).sum()),
        "retirement_signals.age_only": int((from_age & (age < 65)).sum()),
        "customers_flagged": int(report["customer_id"].nunique()),
        "customers_flagged.report_rows": len(report),
    }


def _signal_make(rng):
    return {"customers": load_bank_customers(),
            "stage": _STAGES[pick(rng, list(_STAGES))],
            "channel": pick(rng, _CHANNELS),
            "age_from": int(pick(rng, [50, 55, 58, 60])),
            "multiple": int(pick(rng, [1, 2, 3]))}


def _signal_draw(rng, settings):
    return _draw_until(rng, _signal_make, _signal_solve,
                       lambda params, solved: _counts_apart(solved, SIGNAL_RULES.questions))


def _signal_shown(p):
    stage = next(key for key, value in _STAGES.items() if value == p["stage"])
    return {"stage_label": text(f"signal_rules.stages.{stage}"),
            "channel_label": text(f"signal_rules.channels.{p['channel']}"),
            "n_customers": len(p["customers"])}


SIGNAL_RULES = Exercise(
    key="signal_rules",
    defaults=lambda settings: {"customers": load_bank_customers(), "stage": "young family",
                               "channel": "online", "age_from": 55, "multiple": 2},
    numbers="illustrative",
    draw=_signal_draw,
    solve=_signal_solve,
    shown=_signal_shown,
    questions=(
        Numeric("education_signals", unit="customers", decimals=0,
                mistakes=("at_most_two", "any_channel", "any_stage")),
        Numeric("retirement_signals", unit="customers", decimals=0,
                mistakes=("to_65", "balance_over_income", "age_only")),
        Numeric("customers_flagged", unit="customers", decimals=0, mistakes=("report_rows",)),
    ),
)


@exercise_factory(SIGNAL_RULES)
def signal_rules(student=None, *, graded=False) -> ExerciseSet:
    """The bank's signal events as rules on data: write two rules, count whom they flag.

    The course's bank turns its customer database into a prompt report (提示报告): signal
    events (信号事件), what each means and the action to take. Here the student writes two
    signal rules as conditions on the kit's bank table and runs them with
    :func:`crmlib.signal_report`: a tighter version of the lesson's "young family, few
    products" rule (one product only, reachable through one channel) and an "approaching
    retirement" rule.

    The table is ``ex.customers`` (:func:`crmlib.datasets.load_bank_customers`).

    Parameters
    ----------
    student : str or int, optional
        A student id for rules of their own (life stage, channel, age and balance thresholds);
        ``None`` (default) uses young families banking online, and customers from 55 to under
        65 with a balance of at least twice their yearly income.

    References
    ----------
    The course material's bank case (CRM在银行中的应用), cited in full at
    :func:`crmlib.bank_signal_table`, whose rules the exercise tightens.

    Examples
    --------
    Young families holding exactly one product and banking online: 1,031 of the bank's
    10,000 customers; the lesson's rule (at most two products, any channel) flags 2,553.

    >>> ex = signal_rules()
    >>> ex.check("education_signals", 1031).correct
    True
    >>> print(ex.check("education_signals", 1470))  # doctest: +ELLIPSIS
    ❌ Not quite (1,470). That is "at most two products"...
    """
    return SIGNAL_RULES.build(student, graded=graded)


#: The unit's specs, in the order of the exercise notebook.
SPECS = (UNIQUE_CUSTOMERS, CAMPAIGN_RATES, CAMPAIGN_SIGNIFICANCE, CAMPAIGN_PROFIT, NPV_PAYBACK,
         WINNING_VENDOR, SIGNAL_RULES)
