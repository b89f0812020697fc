r"""Customer lifetime value (CLV, 客户终身价值) with a known retention rate.

A customer who stays with probability :math:`r` each period and brings a margin :math:`m` per
period is worth the discounted sum of the margins they are expected to bring. The course
material (after Gupta & Lehmann) writes it as

.. math:: \mathrm{CLV} = \frac{m\,r}{1 + i - r}

Two timing conventions give different numbers for the same customer, so every function here
takes ``when``:

* ``when="end"`` (the default, Gupta & Lehmann): the first margin arrives one period from now and
  only if the customer is retained, :math:`\sum_{t=1}^{\infty} m\,r^t/(1+i)^t`.
* ``when="begin"``: the first margin is earned now, :math:`\sum_{t=0}^{\infty} m\,r^t/(1+i)^t
  = m(1+i)/(1+i-r)`. With :math:`i = 0` this is the textbook "average lifetime = 1/churn" rule,
  :math:`m/(1-r)`.

All rates are fractions per period (0.8, not 80); ``margin`` is money per period and the
retention and discount rates must be for that same period (e.g. all per year).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlib._validation import (
    as_output,
    check_choice,
    check_discount_rate,
    check_finite,
    check_nonnegative,
    check_rate,
    check_single_number,
    check_whole_number,
)

__all__ = [
    "churn_from_retention",
    "clv_lever_effects",
    "clv_schedule",
    "customer_lifetime_value",
    "expected_lifetime",
    "margin_multiple",
    "retention_from_churn",
]

TIMINGS = ("end", "begin")


def _geometric_sum(ratio: np.ndarray, terms: int | None) -> np.ndarray:
    """Sum of ``ratio**t`` for t = 0 .. terms-1 (or to infinity when ``terms`` is None)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        if terms is None:
            return 1.0 / (1.0 - ratio)
        closed = (1.0 - ratio**terms) / (1.0 - ratio)
    return np.where(ratio == 1.0, float(terms), closed)


def _check_common(retention_rate, discount_rate, when, horizon):
    r = check_rate(retention_rate, "retention_rate")
    i = check_discount_rate(discount_rate)
    check_choice(when, "when", TIMINGS)
    if horizon is not None:
        horizon = check_whole_number(horizon, "horizon", minimum=1)
    elif np.any((r == 1.0) & (i == 0.0)):
        raise ValueError(
            "retention_rate 1 with discount_rate 0 and no horizon gives an infinite value: a "
            "customer who never leaves and whose future margins are not discounted. "
            "Give a horizon (e.g. horizon=10 periods), a discount rate above 0, or a retention "
            "rate below 1."
        )
    return r, i, horizon


def margin_multiple(retention_rate, discount_rate=0.0, *, when="end", horizon=None):
    r"""How many periods' margins one customer is worth: CLV per unit of margin.

    .. math:: M = \frac{r}{1+i-r} \quad(\text{when="end"}), \qquad
              M = \frac{1+i}{1+i-r} \quad(\text{when="begin"})

    Parameters
    ----------
    retention_rate : float or array-like
        :math:`r`, the probability a customer stays for one more period, as a fraction (0.8).
    discount_rate : float or array-like, default 0.0
        :math:`i`, the discount rate per period, as a fraction (0.1 for 10%).
    when : {"end", "begin"}, default "end"
        Whether the first margin arrives after one period (Gupta & Lehmann) or now.
    horizon : int, optional
        Number of margins counted (periods). ``None`` counts them forever.

    Returns
    -------
    float, ndarray or Series
        The multiple (a pure number), in the shape of the inputs.

    Notes
    -----
    Gupta & Lehmann tabulate this multiple for retention 60–90% and discount rates 10–16% and
    point out it lies between about 1 and 4.5 for most firms, so "CLV ≈ margin × a small
    number" is a useful rule of thumb.

    References
    ----------
    Gupta, S. & Lehmann, D. R. (2003). Customers as assets. *Journal of Interactive Marketing*
    17(1), 9–24 (Table 1). Gupta, S. & Lehmann, D. R. (2005). *Managing Customers as
    Investments*. Wharton School Publishing.

    Examples
    --------
    Retention 80%, discount 10%: 0.8 / (1 + 0.1 - 0.8) = 0.8 / 0.3.

    >>> round(margin_multiple(0.8, 0.1), 2)
    2.67
    >>> round(margin_multiple(0.9, 0.1), 2)
    4.5
    """
    return customer_lifetime_value(1.0, retention_rate, discount_rate, horizon=horizon, when=when)


def customer_lifetime_value(
    margin,
    retention_rate,
    discount_rate=0.0,
    *,
    horizon=None,
    when="end",
    acquisition_cost=0.0,
):
    r"""Customer lifetime value with a constant margin and retention rate.

    .. math::
        \mathrm{CLV} = \sum_{t=1}^{H} \frac{m\,r^t}{(1+i)^t} - \mathrm{AC}
        \;\xrightarrow{H\to\infty}\; \frac{m\,r}{1+i-r} - \mathrm{AC}
        \quad(\text{when="end"})

    .. math::
        \mathrm{CLV} = \sum_{t=0}^{H-1} \frac{m\,r^t}{(1+i)^t} - \mathrm{AC}
        \;\xrightarrow{H\to\infty}\; \frac{m(1+i)}{1+i-r} - \mathrm{AC}
        \quad(\text{when="begin"})

    Parameters
    ----------
    margin : float or array-like
        :math:`m`, profit per customer per period (money per period, e.g. yuan per year). May be
        negative for a loss-making customer.
    retention_rate : float or array-like
        :math:`r`, probability a customer stays for one more period, a fraction (0.8 for 80%).
    discount_rate : float or array-like, default 0.0
        :math:`i`, discount rate per period, a fraction (0.1 for 10%).
    horizon : int, optional
        :math:`H`, the number of margins counted (periods). ``None`` (default) counts forever.
    when : {"end", "begin"}, default "end"
        ``"end"``: the first margin comes one period from now, if the customer is retained
        (Gupta & Lehmann, the course's formula). ``"begin"``: the first margin is earned now.
    acquisition_cost : float or array-like, default 0.0
        AC, money spent to win the customer, subtracted once (net CLV).

    Returns
    -------
    float, ndarray or Series
        CLV in the margin's currency, in the shape of the inputs (vectorised, broadcasting).

    Notes
    -----
    * The two timings differ by exactly one undiscounted first margin less the last one:
      with :math:`i=0`, ``begin`` gives :math:`m/(1-r)` ("average lifetime = 1/churn") and
      ``end`` gives :math:`m\,r/(1-r)`, which is :math:`m` less.
    * Assumes margin, retention and discount rate stay constant; the retention rate is the
      same for every customer (see ``ShiftedBetaGeometric`` for a mixed customer base).
    * ``retention_rate=1`` with ``discount_rate=0`` and no horizon is infinite and raises.

    References
    ----------
    Gupta, S. & Lehmann, D. R. (2003). Customers as assets. *Journal of Interactive Marketing*
    17(1), 9–24. Gupta, S., Lehmann, D. R. & Stuart, J. A. (2004). Valuing customers.
    *Journal of Marketing Research* 41(1), 7–18.

    Examples
    --------
    The course's hotel: profit 2000 a year, churn 20% (retention 0.8), acquisition cost 800,
    no discounting. Gupta & Lehmann timing: 2000 × 0.8 / 0.2 − 800 = 8000 − 800.

    >>> customer_lifetime_value(2000, 0.8, acquisition_cost=800)
    7200.0

    The 1/churn convention counts this year's profit too: 2000 / 0.2 − 800.

    >>> customer_lifetime_value(2000, 0.8, when="begin", acquisition_cost=800)
    9200.0

    Three years only, discounted at 10%: 2000 × (0.8/1.1 + 0.8²/1.1² + 0.8³/1.1³).

    >>> round(customer_lifetime_value(2000, 0.8, 0.1, horizon=3), 2)
    3281.74
    """
    m = check_finite(margin, "margin")
    cost = check_nonnegative(acquisition_cost, "acquisition_cost")
    r, i, horizon = _check_common(retention_rate, discount_rate, when, horizon)
    ratio = r / (1.0 + i)
    first = ratio if when == "end" else np.ones_like(ratio)
    value = m * first * _geometric_sum(ratio, horizon) - cost
    return as_output(value, margin, retention_rate, discount_rate, acquisition_cost)


def clv_schedule(margin, retention_rate, discount_rate=0.0, *, periods, when="end"):
    r"""The period-by-period table behind a CLV: what a hand calculation writes down.

    For each period :math:`t` it lists the probability the customer is still a customer,
    :math:`r^t`, the expected margin :math:`m\,r^t`, the discount factor :math:`1/(1+i)^t`, the
    present value :math:`m\,r^t/(1+i)^t` and its running total. The last running total equals
    ``customer_lifetime_value(margin, retention_rate, discount_rate, horizon=periods, when=when)``.

    Parameters
    ----------
    margin : float
        :math:`m`, profit per customer per period.
    retention_rate : float
        :math:`r`, a fraction (0.8).
    discount_rate : float, default 0.0
        :math:`i` per period, a fraction (0.1).
    periods : int
        Number of rows (margins) in the table, at least 1.
    when : {"end", "begin"}, default "end"
        ``"end"``: rows are periods 1, 2, …; ``"begin"``: rows are periods 0, 1, … (the first
        margin is earned now, with probability 1 and no discounting).

    Returns
    -------
    DataFrame
        Columns ``period``, ``survival_probability``, ``expected_margin``,
        ``discount_factor``, ``present_value``, ``cumulative_present_value``.

    Examples
    --------
    >>> table = clv_schedule(100, 0.5, 0.0, periods=3)
    >>> table["present_value"].tolist()
    [50.0, 25.0, 12.5]
    >>> float(table["cumulative_present_value"].iloc[-1])
    87.5
    """
    m = check_single_number(margin, "margin", "finite")
    r = check_single_number(retention_rate, "retention_rate", "rate")
    i = check_single_number(discount_rate, "discount_rate", "discount_rate")
    periods = check_whole_number(periods, "periods", minimum=1)
    check_choice(when, "when", TIMINGS)
    start = 1 if when == "end" else 0
    t = np.arange(start, start + periods)
    survival = r**t
    discount = (1.0 + i) ** -t.astype(float)
    present = m * survival * discount
    return pd.DataFrame(
        {
            "period": t,
            "survival_probability": survival,
            "expected_margin": m * survival,
            "discount_factor": discount,
            "present_value": present,
            "cumulative_present_value": np.cumsum(present),
        }
    )


def expected_lifetime(retention_rate):
    r"""Expected number of periods a customer stays, counting the current one: :math:`1/(1-r)`.

    Parameters
    ----------
    retention_rate : float or array-like
        :math:`r`, a fraction below 1.

    Returns
    -------
    float, ndarray or Series
        Periods (the unit of the retention rate: years for an annual rate).

    Notes
    -----
    With a constant retention rate the lifetime is geometric: the customer is here now and
    leaves at the end of each period with probability :math:`1-r`, so the mean number of
    periods is :math:`1/(1-r)`, i.e. 1/churn. The number of *further* periods after this one
    is :math:`r/(1-r)`.

    Examples
    --------
    Churn 20% a year: on average 1 / 0.2 = 5 years.

    >>> expected_lifetime(0.8)
    5.0
    """
    r = check_rate(retention_rate, "retention_rate")
    if np.any(r == 1.0):
        raise ValueError(
            "retention_rate 1 means customers never leave: the expected lifetime is infinite. "
            "Use a retention rate below 1."
        )
    return as_output(1.0 / (1.0 - r), retention_rate)


def retention_from_churn(churn_rate):
    """Retention rate from a churn (defection) rate per period: :math:`r = 1 - c`.

    Examples
    --------
    >>> retention_from_churn(0.2)
    0.8
    """
    c = check_rate(churn_rate, "churn_rate")
    return as_output(1.0 - c, churn_rate)


def churn_from_retention(retention_rate):
    """Churn (defection) rate per period from a retention rate: :math:`c = 1 - r`.

    Examples
    --------
    >>> round(churn_from_retention(0.9), 10)
    0.1
    """
    r = check_rate(retention_rate, "retention_rate")
    return as_output(1.0 - r, retention_rate)


def clv_lever_effects(margin, retention_rate, discount_rate=0.0, *, margin_change=0.10,
                      retention_change=0.05, discount_change=-0.02, when="end",
                      acquisition_cost=0.0):
    r"""Which lever moves CLV most? CLV after improving each lever on its own.

    Compares the CLV now with the CLV after (a) raising the margin by ``margin_change``
    (relative: 0.10 = 10% more), (b) raising retention by ``retention_change`` (fraction
    points: 0.05 = five points), (c) changing the discount rate by ``discount_change``
    (fraction points; −0.02 = two points cheaper capital).

    Parameters
    ----------
    margin, retention_rate, discount_rate, when, acquisition_cost
        As in :func:`customer_lifetime_value` (scalars).
    margin_change : float, default 0.10
        Relative change in the margin.
    retention_change : float, default 0.05
        Change in the retention rate, in fraction points; the result is capped at 1. If that
        makes retention 1 with no discounting, that row's CLV is reported as ``inf``
        (a customer who never leaves, undiscounted); the current CLV must be finite.
    discount_change : float, default -0.02
        Change in the discount rate, in fraction points; the result is floored at 0.

    Returns
    -------
    DataFrame
        One row per scenario (``now``, ``margin``, ``retention``, ``discount rate``) with its
        ``margin``, ``retention_rate``, ``discount_rate``, ``clv`` and ``change_pct`` (percent
        change against now).

    Notes
    -----
    Gupta, Lehmann & Stuart (2004) find that a 1% improvement in retention raises customer
    value about five times as much as a 1% improvement in margin, and far more than a 1%
    lower discount rate. The table lets a student see this for their own numbers.

    References
    ----------
    Gupta, S., Lehmann, D. R. & Stuart, J. A. (2004). Valuing customers. *Journal of Marketing
    Research* 41(1), 7–18.

    Examples
    --------
    Margin 100, retention 0.8, discount 0.1: now 100 × 0.8/0.3 = 266.67; five points more
    retention gives 100 × 0.85/0.25 = 340.

    >>> table = clv_lever_effects(100, 0.8, 0.1)
    >>> table["clv"].round(2).tolist()
    [266.67, 293.33, 340.0, 285.71]
    """
    m = check_single_number(margin, "margin", "finite")
    r = check_single_number(retention_rate, "retention_rate", "rate")
    i = check_single_number(discount_rate, "discount_rate", "discount_rate")
    for name, value in (("margin_change", margin_change), ("retention_change", retention_change),
                        ("discount_change", discount_change)):
        check_single_number(value, name, "finite")
    rows = [("now", m, r, i), ("margin", m * (1 + margin_change), r, i),
            ("retention", m, min(1.0, r + retention_change), i),
            ("discount rate", m, r, max(0.0, i + discount_change))]
    clv = [np.inf if (rr == 1.0 and ii == 0.0 and name != "now") else
           customer_lifetime_value(mm, rr, ii, when=when, acquisition_cost=acquisition_cost)
           for name, mm, rr, ii in rows]
    base = clv[0]
    return pd.DataFrame({
        "lever": [row[0] for row in rows],
        "margin": [row[1] for row in rows],
        "retention_rate": [row[2] for row in rows],
        "discount_rate": [row[3] for row in rows],
        "clv": clv,
        "change_pct": [100 * (v - base) / abs(base) if base else np.nan for v in clv],
    })
