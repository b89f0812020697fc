r"""Retention economics: the course's quantitative claims about keeping customers, computed.

The course material quotes several figures to argue that keeping customers pays. Each function
here recomputes one of them from its inputs, so a student can change the inputs and see whether
the claim still holds:

* :func:`turnover_scenario` — the "RMB 1 billion company with 30% customer turnover in a market
  growing 15%" scenario (lecture handout, ``000`` in the course material).
* :func:`crm_spending_assessment` — "How much can you spend on CRM? A quick assessment", the
  sum of four components from the same handout.
* :func:`lifetime_revenue` — the revenue that walks out with one unhappy customer (Stew
  Leonard's supermarket: $100 a week × 50 weeks × 10 years = $50,000).
* :func:`clv_change_from_retention` — the profit effect of fewer defections through CLV
  (Reichheld & Sasser: 5 points fewer defections → 25–85% more profit).
* :func:`customer_delivered_value` — Kotler's customer delivered value (客户让渡价值), total
  customer value minus total customer cost.

All rates are fractions per year (0.3, not 30); money is in whatever currency the inputs use.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from crmlib._docstrings import shared_doc
from crmlib._validation import (
    as_output,
    check_finite,
    check_nonnegative,
    check_rate,
    check_scalar,
)
from crmlib.clv import customer_lifetime_value

__all__ = [
    "break_even_programme_cost",
    "clv_change_from_retention",
    "crm_spending_assessment",
    "customer_delivered_value",
    "lifetime_revenue",
    "turnover_scenario",
]


def _scalar_rate(value, name):
    return check_scalar(check_rate(value, name), name)


def _scalar_money(value, name):
    return check_scalar(check_nonnegative(value, name), name)


def turnover_scenario(revenue, turnover_rate, market_growth_rate, *, acquisition_rate=None):
    r"""One year of a firm that loses customers while its market grows.

    With revenue :math:`R`, customer turnover :math:`c` (share of revenue whose customers
    leave in a year), market growth :math:`g` and new-customer acquisition :math:`a` (new
    revenue as a share of :math:`R`):

    .. math::
        R_{\text{next}} = R\,(1 - c + a), \qquad a_{\text{needed}} = c + g

    Parameters
    ----------
    revenue : float
        :math:`R`, this year's revenue (money per year).
    turnover_rate : float
        :math:`c`, share of revenue lost with departing customers per year (0.3 for 30%).
    market_growth_rate : float
        :math:`g`, market growth per year (0.15 for 15%).
    acquisition_rate : float, optional
        :math:`a`, new revenue won per year as a share of :math:`R`. Default: the market
        growth rate (the firm wins new customers exactly as fast as the market grows).

    Returns
    -------
    Series
        ``revenue``, ``lost_revenue`` (:math:`cR`), ``acquired_revenue`` (:math:`aR`),
        ``revenue_next_year``, ``net_change``, ``market_pace_revenue`` (:math:`R(1+g)`, what
        the firm would have if it grew with the market), ``shortfall_vs_market`` and
        ``required_acquisition_rate`` (:math:`c+g`).

    Notes
    -----
    The handout says acquisition "must double the market growth rate". The arithmetic above
    says the firm must win :math:`c + g` = 45% of its revenue in new business: the 15% growth
    plus the 30% it loses, which is twice the growth rate. Either way the firm spends
    :math:`c/(c+g)` of its acquisition effort just standing still.

    References
    ----------
    Course material, lecture handout "客户关系管理(CRM)讲义", *A Scenario (1), (2)*.

    Examples
    --------
    >>> s = turnover_scenario(1_000_000_000, 0.30, 0.15)
    >>> float(s["net_change"])
    -150000000.0
    >>> round(float(s["required_acquisition_rate"]), 2)
    0.45
    """
    r = check_scalar(check_nonnegative(revenue, "revenue"), "revenue")
    c = _scalar_rate(turnover_rate, "turnover_rate")
    g = check_scalar(check_finite(market_growth_rate, "market_growth_rate"), "market_growth_rate")
    if abs(g) > 1:
        raise ValueError(
            f"market_growth_rate must be a fraction per year; got {market_growth_rate!r}. "
            f"Rates are fractions: use {g / 100:g} for {g:g}%."
        )
    a = g if acquisition_rate is None else _scalar_rate(acquisition_rate, "acquisition_rate")
    lost, acquired = c * r, a * r
    next_year = r - lost + acquired
    return pd.Series(
        {
            "revenue": r,
            "lost_revenue": lost,
            "acquired_revenue": acquired,
            "revenue_next_year": next_year,
            "net_change": next_year - r,
            "market_pace_revenue": r * (1 + g),
            "shortfall_vs_market": r * (1 + g) - next_year,
            "required_acquisition_rate": c + g,
        },
        name="turnover_scenario",
    )


def crm_spending_assessment(
    *,
    marketing_expense,
    turnover_rate,
    sales_time_value,
    lost_referrals_value,
    target_retention_revenue,
    current_retention_revenue,
):
    r""""How much can you spend on CRM?" — the handout's quick assessment, component by component.

    .. math::
        B = E_{\text{mkt}}\,c + V_{\text{sales time}} + PV_{\text{referrals}}
            + (R_{\text{target}} - R_{\text{current}})

    Parameters
    ----------
    marketing_expense : float
        :math:`E_{\text{mkt}}`, marketing expense per year.
    turnover_rate : float
        :math:`c`, customer turnover per year (fraction): the share of marketing spent
        replacing customers who left.
    sales_time_value : float
        Value of the sales-management time spent per year re-gaining lost revenue.
    lost_referrals_value : float
        Present value of the referrals and good word of mouth lost with departing customers.
    target_retention_revenue, current_retention_revenue : float
        Revenue per year kept from existing customers at the target and the current retention
        level; their difference is the revenue better retention would keep.

    Returns
    -------
    Series
        The four components and their ``total``: the yearly cost of turnover that could be
        re-allocated to CRM.

    References
    ----------
    Course material, lecture handout, *How Much Can You Spend on CRM? – quick assessment*.

    Examples
    --------
    Marketing 100 (million) with 30% turnover wastes 30; add 5 of sales time, 10 of lost
    referrals and 20 of revenue better retention would keep: 30 + 5 + 10 + 20 = 65.

    >>> b = crm_spending_assessment(marketing_expense=100, turnover_rate=0.3, sales_time_value=5,
    ...     lost_referrals_value=10, target_retention_revenue=720, current_retention_revenue=700)
    >>> float(b["total"])
    65.0
    """
    expense = _scalar_money(marketing_expense, "marketing_expense")
    c = _scalar_rate(turnover_rate, "turnover_rate")
    target = _scalar_money(target_retention_revenue, "target_retention_revenue")
    current = _scalar_money(current_retention_revenue, "current_retention_revenue")
    if target < current:
        raise ValueError(
            f"target_retention_revenue ({target:g}) is below current_retention_revenue "
            f"({current:g}); the target should be the higher retention level."
        )
    parts = {
        "marketing_spent_on_turnover": expense * c,
        "sales_time_regaining_revenue": _scalar_money(sales_time_value, "sales_time_value"),
        "lost_referrals": _scalar_money(lost_referrals_value, "lost_referrals_value"),
        "retention_gap": target - current,
    }
    parts["total"] = sum(parts.values())
    return pd.Series(parts, name="crm_budget")


def lifetime_revenue(spend_per_purchase, purchases_per_year, years):
    r"""Undiscounted revenue one customer brings over their stay: spend × frequency × years.

    .. math:: V = s \times f \times T

    Parameters
    ----------
    spend_per_purchase : float or array-like
        :math:`s`, money spent per purchase (per visit).
    purchases_per_year : float or array-like
        :math:`f`, purchases per year.
    years : float or array-like
        :math:`T`, how long the customer stays, in years.

    Returns
    -------
    float, ndarray or Series
        Revenue over the customer's stay (money; not discounted, not a profit).

    Notes
    -----
    This is the revenue that "walks out" when an unhappy customer leaves. It overstates the
    loss in present-value terms (no discounting, revenue rather than margin) and understates
    it in another way: an unhappy customer also tells others (the course quotes 8–10 people).

    References
    ----------
    Course material, case "斯图·伦纳德" (Stew Leonard's supermarket); Kotler, P. & Keller, K. L.
    *Marketing Management*.

    Examples
    --------
    Stew Leonard's: $100 a week, 50 weeks a year, 10 years.

    >>> lifetime_revenue(100, 50, 10)
    50000.0
    """
    s = check_nonnegative(spend_per_purchase, "spend_per_purchase")
    f = check_nonnegative(purchases_per_year, "purchases_per_year")
    t = check_nonnegative(years, "years")
    return as_output(s * f * t, spend_per_purchase, purchases_per_year, years)


@shared_doc
def clv_change_from_retention(retention_rate, retention_gain, discount_rate=0.0, *, when="end"):
    r"""Relative change in CLV when retention improves by ``retention_gain`` (points).

    .. math:: \Delta = \frac{\mathrm{CLV}(r + \delta)}{\mathrm{CLV}(r)} - 1

    The margin cancels, so the answer depends only on :math:`r`, :math:`\delta`, :math:`i` and
    the timing convention.

    Parameters
    ----------
    retention_rate : float or array-like
        :math:`r` before the improvement (fraction per period).
    retention_gain : float or array-like
        :math:`\delta`, the rise in retention in fraction points: 0.05 means five percentage
        points fewer defections (churn 20% → 15%).
    {{clv_timing_parameters}}

    Returns
    -------
    float, ndarray or Series
        The relative increase in CLV (0.275 = 27.5% more).

    Notes
    -----
    Reichheld & Sasser (1990) report that cutting defections by 5 percentage points raised
    profits by 25% to 85% across industries. Their figures include effects a constant-margin
    CLV leaves out (customers spend more and cost less to serve the longer they stay), so the
    CLV effect alone is usually at the low end of that range.

    References
    ----------
    Reichheld, F. F. & Sasser, W. E. (1990). Zero defections: quality comes to services.
    *Harvard Business Review* 68(5), 105–111 (as quoted in the course slides).

    Examples
    --------
    Retention 0.80 → 0.85 at 10%: multiple 0.8/0.3 = 2.667 becomes 0.85/0.25 = 3.4, +27.5%.

    >>> round(clv_change_from_retention(0.8, 0.05, 0.1), 4)
    0.275
    """
    r = check_rate(retention_rate, "retention_rate", allow_zero=False)
    delta = check_finite(retention_gain, "retention_gain")
    if np.any(np.abs(delta) > 1):
        raise ValueError(
            f"retention_gain must be in fraction points; got {retention_gain!r}. "
            "Use 0.05 for five percentage points."
        )
    after = r + delta
    if np.any((after < 0) | (after > 1)):
        raise ValueError(
            "retention_rate + retention_gain must stay between 0 and 1; got "
            f"{retention_rate!r} + {retention_gain!r}."
        )
    before_value = customer_lifetime_value(1.0, r, discount_rate, when=when)
    after_value = customer_lifetime_value(1.0, after, discount_rate, when=when)
    return as_output(np.asarray(after_value) / np.asarray(before_value) - 1.0,
                     retention_rate, retention_gain, discount_rate)


def _total(value, name):
    if isinstance(value, Mapping):
        if not value:
            raise ValueError(f"{name} is an empty mapping; list its components and their values.")
        parts = {key: check_scalar(check_nonnegative(v, f"{name}[{key!r}]"), name)
                 for key, v in value.items()}
        return sum(parts.values())
    return check_scalar(check_nonnegative(value, name), name)


def customer_delivered_value(total_customer_value, total_customer_cost):
    r"""Customer delivered value (客户让渡价值): what the customer gets minus what it costs them.

    .. math:: \mathrm{CDV} = \mathrm{TCV} - \mathrm{TCC}

    Parameters
    ----------
    total_customer_value : float or mapping
        TCV, the benefits the customer expects, as one number or its components, e.g.
        ``{"product": 60, "service": 20, "personnel": 10, "image": 10}``.
    total_customer_cost : float or mapping
        TCC, everything the customer spends to get and use it, as one number or components,
        e.g. ``{"money": 50, "time": 10, "energy": 5, "psychic": 5}``.

    Returns
    -------
    float
        Delivered value in the same units; positive means the offer is worth more to the
        customer than it costs them.

    References
    ----------
    Kotler, P. (1994). *Marketing Management*, 8th ed. Prentice Hall (customer delivered value).

    Examples
    --------
    >>> customer_delivered_value({"product": 60, "service": 20, "personnel": 10, "image": 10},
    ...                          {"money": 50, "time": 10, "energy": 5, "psychic": 5})
    30.0
    """
    return float(_total(total_customer_value, "total_customer_value")
                 - _total(total_customer_cost, "total_customer_cost"))


@shared_doc
def break_even_programme_cost(margin, retention_before, retention_after, discount_rate=0.0, *,
                              when="end"):
    r"""The highest cost per customer per period at which a retention programme still pays.

    A programme that lifts retention from :math:`r_0` to :math:`r_1` but costs :math:`f` per
    customer per period leaves CLV unchanged when
    :math:`(m - f)\,M(r_1) = m\,M(r_0)`, where :math:`M` is the margin multiple, so

    .. math:: f^{*} = m \left(1 - \frac{M(r_0)}{M(r_1)}\right)

    The acquisition cost is paid either way, so it cancels.

    Parameters
    ----------
    margin : float or array-like
        :math:`m`, profit per customer per period before the programme's cost.
    retention_before, retention_after : float or array-like
        :math:`r_0`, :math:`r_1`, retention per period without and with the programme.
    {{clv_timing_parameters}}

    Returns
    -------
    float, ndarray or Series
        :math:`f^{*}`, money per customer per period. Any cost below it raises CLV.

    Examples
    --------
    The hotel: profit 2000, churn 20% → 10%, no discounting. Under the 1/churn convention the
    multiple doubles from 5 to 10, so up to half the profit, 1000, can go on the programme.

    >>> break_even_programme_cost(2000, 0.8, 0.9, when="begin")
    1000.0
    """
    m = check_finite(margin, "margin")
    check_rate(retention_after, "retention_after", allow_zero=False)
    before = customer_lifetime_value(1.0, retention_before, discount_rate, when=when)
    after = customer_lifetime_value(1.0, retention_after, discount_rate, when=when)
    return as_output(m * (1.0 - np.asarray(before) / np.asarray(after)),
                     margin, retention_before, retention_after, discount_rate)
