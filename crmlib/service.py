r"""Service quality, waiting and service recovery (服务营销): the service unit (lesson 07).

A service is produced and consumed at once, so its quality is judged while the customer is
there. This module turns three of the course's service-marketing questions into tested
functions:

* **How good is our service, in the customer's eyes?** SERVQUAL measures quality as
  perception minus expectation on five dimensions (:func:`servqual_gaps`,
  :func:`weighted_servqual_score`, :data:`SERVQUAL_DIMENSIONS`, :func:`servqual_item_table`).
* **How long do customers wait, and how many staff do we need?** The M/M/c queue, with the
  Erlang C formula: :func:`utilisation`, :func:`erlang_c`, :func:`mean_wait`,
  :func:`wait_probability`, :func:`servers_needed`, and for a whole day
  :func:`queue_summary` and :func:`staffing_plan`.
* **What is recovering a complaint worth?** :func:`service_recovery_value` counts the
  customers a recovery programme keeps and values them with
  :func:`crmlib.customer_lifetime_value`.

Queue functions take rates "per the same unit of time" (all per hour, or all per minute) and
give times in that unit; ratings are on the survey's scale (1–7 for SERVQUAL); money is in the
caller's currency.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from crmlib._validation import (
    as_output,
    check_choice,
    check_dataframe,
    check_nonnegative,
    check_positive,
    check_scalar,
    check_single_number,
    check_whole_number,
    plain,
)
from crmlib.clv import TIMINGS, customer_lifetime_value
from crmlib.i18n import text, texts_under

__all__ = [
    "SERVQUAL_DIMENSIONS",
    "erlang_c",
    "mean_wait",
    "queue_summary",
    "servers_needed",
    "service_recovery_value",
    "servqual_gaps",
    "servqual_item_table",
    "staffing_plan",
    "utilisation",
    "wait_probability",
    "weighted_servqual_score",
]


#: This unit's error messages, from the text catalogue in the kit's language.
_error = texts_under("error.service")


def _names(values) -> str:
    """Labels as a student would type them: ``'r1', 'r2'``."""
    return ", ".join(map(repr, values))


# --------------------------------------------------------------------------- SERVQUAL

#: The five SERVQUAL dimensions and the survey items (columns) that measure each, in the
#: order of Parasuraman, Zeithaml & Berry (1988): items 1–4 tangibles, 5–9 reliability,
#: 10–13 responsiveness, 14–17 assurance, 18–22 empathy.
SERVQUAL_DIMENSIONS = {
    "tangibles": ("q01", "q02", "q03", "q04"),
    "reliability": ("q05", "q06", "q07", "q08", "q09"),
    "responsiveness": ("q10", "q11", "q12", "q13"),
    "assurance": ("q14", "q15", "q16", "q17"),
    "empathy": ("q18", "q19", "q20", "q21", "q22"),
}


def servqual_item_table() -> pd.DataFrame:
    """The 22 SERVQUAL items of the kit's bank-branch survey, with their dimension.

    Returns
    -------
    DataFrame
        Indexed by ``item`` (``q01`` … ``q22``), with ``dimension``, ``chinese`` (the
        dimension's Chinese name) and ``statement`` (the kit's wording for a bank branch, in
        the kit's language: :func:`crmlib.set_language`).

    Notes
    -----
    The statements and the dimensions' names are texts of the kit's catalogue
    (``crmlib/text/<language>/service.toml``, keys ``service.servqual_item.q01`` … and
    ``vocab.servqual_dimension.<dimension>.label``), so the Chinese edition asks the same
    survey in Chinese.

    References
    ----------
    Parasuraman, A., Zeithaml, V. A. & Berry, L. L. (1988). SERVQUAL: a multiple-item scale
    for measuring consumer perceptions of service quality. *Journal of Retailing* 64(1), 12–40
    (the five dimensions and the allocation of the 22 items; the wording here is the kit's).

    Examples
    --------
    >>> items = servqual_item_table()
    >>> len(items), items.loc["q05", "dimension"], items.loc["q05", "chinese"]
    (22, 'reliability', '可靠性')
    >>> items.loc["q11", "statement"]
    'gives customers prompt service'
    """
    rows = [(item, dimension,
             text(f"vocab.servqual_dimension.{dimension}.label", language="zh"),
             text(f"service.servqual_item.{item}"))
            for dimension, items in SERVQUAL_DIMENSIONS.items() for item in items]
    return pd.DataFrame(rows, columns=["item", "dimension", "chinese", "statement"]
                        ).set_index("item")


def _check_dimensions(dimensions, columns, name="dimensions") -> dict[str, list[str]]:
    if not isinstance(dimensions, Mapping) or not dimensions:
        got = type(dimensions).__name__ if dimensions else repr(dimensions)
        raise TypeError(_error("dimensions_not_mapping", name=name, got=got))
    clean, seen = {}, {}
    for dimension, items in dimensions.items():
        items = [items] if isinstance(items, str) else list(items)
        if not items:
            raise ValueError(_error("dimension_no_items", name=name, dimension=repr(dimension)))
        for item in items:
            if item in seen:
                raise ValueError(_error("item_in_two_dimensions", item=repr(item),
                                        first=repr(seen[item]), second=repr(dimension)))
            seen[item] = dimension
        clean[dimension] = items
    unknown = [item for item in seen if item not in columns]
    if unknown:
        raise ValueError(_error("unknown_items", name=name, items=_names(unknown),
                                columns=_names(columns)))
    orphans = [column for column in columns if column not in seen]
    if orphans:
        raise ValueError(_error("orphan_items", name=name, items=_names(orphans)))
    return clean


def _check_ratings(table: pd.DataFrame, name: str, scale) -> None:
    low, high = scale
    numeric = all(pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)
                  for dtype in table.dtypes)
    if numeric:   # the usual case, at once; a problem is named column by column below
        values = table.to_numpy(dtype=float, na_value=np.nan)
        if not (np.isnan(values) | (values < low) | (values > high)).any():
            return
    for column in table.columns:
        values = table[column]
        if not pd.api.types.is_numeric_dtype(values.dtype) or values.dtype == bool:
            raise TypeError(_error("ratings_not_numbers", name=name, column=repr(column),
                                   low=low, high=high, dtype=values.dtype))
        missing = values.isna()
        if missing.any():
            raise ValueError(_error("ratings_missing", name=name, column=repr(column),
                                    count=int(missing.sum())))
        outside = (values < low) | (values > high)
        if outside.any():
            raise ValueError(_error("ratings_off_scale", name=name, column=repr(column),
                                    low=low, high=high,
                                    example=repr(plain(values[outside].iloc[0]))))


def _check_weights(weights, dimensions, name="weights") -> pd.Series:
    if isinstance(weights, pd.DataFrame):   # e.g. the respondents' importance points
        raise TypeError(_error("weights_table", name=name, rows=len(weights)))
    if not isinstance(weights, Mapping | pd.Series) or len(weights) == 0:
        got = type(weights).__name__ if weights is not None else None
        raise TypeError(_error("weights_not_mapping", name=name, got=got))
    weights = pd.Series(dict(weights), dtype=object)
    missing = [d for d in dimensions if d not in weights.index]
    extra = [d for d in weights.index if d not in dimensions]
    if missing or extra:
        key = ("weights_missing_and_unknown" if missing and extra
               else "weights_missing" if missing else "weights_unknown")
        raise ValueError(_error(key, name=name, dimensions=_names(dimensions),
                                missing=_names(missing), unknown=_names(extra)))
    values = {}
    for dimension in dimensions:
        values[dimension] = check_single_number(weights[dimension], f"{name}[{dimension!r}]",
                                                "nonnegative")
    result = pd.Series(values, dtype=float)
    if result.sum() <= 0:
        raise ValueError(_error("weights_all_zero", name=name))
    return result


def servqual_gaps(expectations, perceptions, dimensions, weights=None, *, scale=(1, 7)):
    r"""SERVQUAL gap per dimension: mean perception minus mean expectation.

    For dimension :math:`d` with items :math:`I_d`, over :math:`n` respondents:

    .. math::
        \bar E_d = \frac{1}{n|I_d|}\sum_{r}\sum_{i \in I_d} E_{ri}, \qquad
        \bar P_d = \frac{1}{n|I_d|}\sum_{r}\sum_{i \in I_d} P_{ri}, \qquad
        G_d = \bar P_d - \bar E_d

    A negative gap means the service falls short of what customers expect; a positive gap
    means it exceeds their expectations.

    Parameters
    ----------
    expectations, perceptions : DataFrame
        Respondent × item tables of ratings (one row per questionnaire, one column per item)
        with the same rows and columns: what customers expect of an excellent firm, and what
        they perceive of this one.
    dimensions : mapping
        Dimension → its item columns, e.g. :data:`SERVQUAL_DIMENSIONS`. Every column must
        belong to exactly one dimension.
    weights : mapping, optional
        Dimension → importance (any non-negative numbers, e.g. the 100 points SERVQUAL asks
        respondents to share among the dimensions). Added as a column ``weight``, rescaled to
        sum to 1.
    scale : (low, high), default (1, 7)
        The rating scale; a rating outside it is an error.

    Returns
    -------
    DataFrame
        Indexed by ``dimension`` (in the order of ``dimensions``), columns ``expectation``,
        ``perception``, ``gap`` and, with weights, ``weight``.

    Notes
    -----
    The mean runs over all of the dimension's items and respondents, so with complete
    questionnaires it equals the average of the item means. Missing ratings are an error, not
    silently dropped. Which dimension to improve first depends on the gap *and* on how much
    customers care: compare ``gap × weight`` (see :func:`weighted_servqual_score`).

    References
    ----------
    Parasuraman, A., Zeithaml, V. A. & Berry, L. L. (1988). SERVQUAL: a multiple-item scale
    for measuring consumer perceptions of service quality. *Journal of Retailing* 64(1), 12–40.
    Course material, "客户关系管理与服务营销" (customer satisfaction as perception against
    expectation).

    Examples
    --------
    Two respondents, one tangibles item and two reliability items. Tangibles: expectations
    5 and 6 (mean 5.5), perceptions 6 and 6 (6.0), gap +0.5. Reliability: expectations
    7, 7, 6, 6 (mean 6.5), perceptions 5, 4, 6, 5 (mean 5.0), gap −1.5.

    >>> e = pd.DataFrame({"t1": [5, 6], "r1": [7, 6], "r2": [7, 6]})
    >>> p = pd.DataFrame({"t1": [6, 6], "r1": [5, 6], "r2": [4, 5]})
    >>> servqual_gaps(e, p, {"tangibles": ["t1"], "reliability": ["r1", "r2"]})
                 expectation  perception  gap
    dimension
    tangibles            5.5         6.0  0.5
    reliability          6.5         5.0 -1.5
    """
    check_dataframe(expectations, "expectations")
    check_dataframe(perceptions, "perceptions")
    if list(expectations.columns) != list(perceptions.columns):
        raise ValueError(_error("survey_columns_differ",
                                expectations=list(expectations.columns),
                                perceptions=list(perceptions.columns)))
    if expectations.shape != perceptions.shape or not expectations.index.equals(
            perceptions.index):
        raise ValueError(_error("survey_rows_differ", expectations=len(expectations),
                                perceptions=len(perceptions)))
    if not (isinstance(scale, tuple | list) and len(scale) == 2 and scale[0] < scale[1]):
        raise ValueError(_error("bad_scale", scale=repr(scale)))
    groups = _check_dimensions(dimensions, list(expectations.columns))
    _check_ratings(expectations, "expectations", scale)
    _check_ratings(perceptions, "perceptions", scale)
    rows = {}
    for dimension, items in groups.items():
        e = float(expectations[items].to_numpy(dtype=float).mean())
        p = float(perceptions[items].to_numpy(dtype=float).mean())
        rows[dimension] = {"expectation": e, "perception": p, "gap": p - e}
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "dimension"
    if weights is not None:
        w = _check_weights(weights, list(groups))
        table["weight"] = w / w.sum()
    return table


def weighted_servqual_score(gaps, weights):
    r"""The overall SERVQUAL score: the importance-weighted average gap.

    .. math:: S = \frac{\sum_d w_d\, G_d}{\sum_d w_d}

    Parameters
    ----------
    gaps : DataFrame, Series or mapping
        The gap per dimension: the output of :func:`servqual_gaps` (its ``gap`` column is
        used) or a dimension → gap mapping.
    weights : mapping or Series
        Dimension → importance (non-negative, any scale: points out of 100 or fractions), one
        for every dimension of ``gaps``.

    Returns
    -------
    float
        The weighted gap, on the rating scale (negative: below expectations overall).

    References
    ----------
    Parasuraman, A., Zeithaml, V. A. & Berry, L. L. (1988), *Journal of Retailing* 64(1);
    Zeithaml, V. A., Parasuraman, A. & Berry, L. L. (1990). *Delivering Quality Service*.
    Free Press (the 100-point importance allocation and the weighted score).

    Examples
    --------
    Gaps +0.5 and −1.5 weighted 20 and 80: (20 × 0.5 + 80 × (−1.5)) / 100 = −1.1.

    >>> round(weighted_servqual_score({"tangibles": 0.5, "reliability": -1.5},
    ...                               {"tangibles": 20, "reliability": 80}), 10)
    -1.1
    """
    if isinstance(gaps, pd.DataFrame):
        if "gap" not in gaps.columns:
            raise ValueError(_error("gaps_no_gap_column", columns=list(gaps.columns)))
        gaps = gaps["gap"]
    if not isinstance(gaps, Mapping | pd.Series) or len(gaps) == 0:
        raise TypeError(_error("gaps_not_mapping", got=type(gaps).__name__))
    gaps = pd.Series(dict(gaps), dtype=object)
    values = pd.Series({d: check_single_number(g, f"gaps[{d!r}]", "finite")
                        for d, g in gaps.items()}, dtype=float)
    w = _check_weights(weights, list(values.index))
    return float((w * values).sum() / w.sum())


# --------------------------------------------------------------------------- the M/M/c queue


def _check_queue(arrival_rate, service_rate, servers=None):
    lam = check_single_number(arrival_rate, "arrival_rate", "positive")
    mu = check_single_number(service_rate, "service_rate", "positive")
    if servers is None:
        return lam, mu, None
    c = check_whole_number(servers, "servers", minimum=1)
    if lam >= c * mu:
        need = math.floor(lam / mu) + 1
        raise ValueError(_error("queue_unstable", arrival_rate=lam, servers=c,
                                service_rate=mu, capacity=c * mu,
                                utilisation=lam / (c * mu), needed=need))
    return lam, mu, c


def _erlang_b(offered_load: float, servers: int) -> float:
    """Erlang B by its recursion B(k) = a·B(k−1) / (k + a·B(k−1)), B(0) = 1: no factorials."""
    b = 1.0
    for k in range(1, servers + 1):
        b = offered_load * b / (k + offered_load * b)
    return b


def _erlang_c_from_b(b: float, offered_load: float, servers: int) -> float:
    rho = offered_load / servers
    return b / (1.0 - rho * (1.0 - b))


def utilisation(arrival_rate, service_rate, servers):
    r"""Utilisation (occupancy) of the servers: the share of time a server is busy.

    .. math:: \rho = \frac{\lambda}{c\,\mu}

    Parameters
    ----------
    arrival_rate : float
        :math:`\lambda`, customers arriving per unit of time (e.g. per hour).
    service_rate : float
        :math:`\mu`, customers one server serves per unit of time when busy (the same unit;
        1 / mean service time).
    servers : int
        :math:`c`, servers (tellers, waiters, agents) on duty.

    Returns
    -------
    float
        :math:`\rho`, a fraction. At 1 or above the queue grows without bound; this function
        still returns it (so it can tell you so), the others raise.

    Examples
    --------
    40 customers an hour, 6 minutes each (10 an hour per teller), 5 tellers: 40 / 50.

    >>> utilisation(40, 10, 5)
    0.8
    """
    lam, mu, _ = _check_queue(arrival_rate, service_rate)
    c = check_whole_number(servers, "servers", minimum=1)
    return lam / (c * mu)


def erlang_c(arrival_rate, service_rate, servers):
    r"""The probability that an arriving customer has to wait (the Erlang C formula).

    For the M/M/c queue with offered load :math:`a = \lambda/\mu` and utilisation
    :math:`\rho = a/c < 1`:

    .. math::
        C(c, a) = \frac{\dfrac{a^c}{c!\,(1-\rho)}}
                       {\displaystyle\sum_{k=0}^{c-1}\frac{a^k}{k!} + \frac{a^c}{c!\,(1-\rho)}}

    Parameters
    ----------
    arrival_rate : float
        :math:`\lambda`, customers per unit of time (> 0).
    service_rate : float
        :math:`\mu`, customers one server serves per unit of time (> 0), the same unit.
    servers : int
        :math:`c`, a whole number ≥ 1.

    Returns
    -------
    float
        :math:`C`, a probability: the share of customers who find every server busy.

    Raises
    ------
    ValueError
        If :math:`\lambda \ge c\mu`: the queue then grows without bound and has no steady
        state.

    Notes
    -----
    Assumptions (M/M/c): arrivals form a Poisson process, service times are exponential, all
    servers are alike, one first-come first-served queue, nobody gives up waiting.

    Computed without factorials, from the Erlang B recursion
    :math:`B(0)=1,\; B(k) = aB(k-1)/(k + aB(k-1))` and :math:`C = B/(1-\rho(1-B))`, so it is
    exact to rounding and stable for hundreds or thousands of servers, where :math:`a^c`
    and :math:`c!` overflow.

    References
    ----------
    Erlang, A. K. (1917). Solution of some problems in the theory of probabilities of
    significance in automatic telephone exchanges. *Elektroteknikeren* 13. Cooper, R. B.
    (1981). *Introduction to Queueing Theory*, 2nd ed. North Holland (the recursion and
    :math:`C = cB/(c - a(1-B))`). Worked examples: Bronson, R. (1982). *Schaum's Outline of
    Operations Research*. McGraw-Hill, problem 24.6; Call Centre Helper, "Erlang C formula –
    made simple with an easy worked example" (callcentrehelper.com).

    Examples
    --------
    Hand calculation: λ = 2 an hour, μ = 3 an hour, c = 2, so a = 2/3 and ρ = 1/3. The last
    term is (4/9) / (2 × 2/3) = 1/3, the sum is 1 + 2/3, and C = (1/3) / (5/3 + 1/3) = 1/6.

    >>> round(erlang_c(2, 3, 2), 6)
    0.166667

    A single server waits exactly when busy: C = ρ.

    >>> round(erlang_c(24, 30, 1), 6)
    0.8
    """
    lam, mu, c = _check_queue(arrival_rate, service_rate, servers)
    a = lam / mu
    return _erlang_c_from_b(_erlang_b(a, c), a, c)


def mean_wait(arrival_rate, service_rate, servers):
    r"""The mean time a customer waits before service starts (in the queue), :math:`W_q`.

    .. math:: W_q = \frac{C(c, a)}{c\mu - \lambda}

    Parameters
    ----------
    arrival_rate, service_rate, servers
        As in :func:`erlang_c`.

    Returns
    -------
    float
        :math:`W_q` in the time unit of the rates (hours for rates per hour), averaged over
        *all* customers, including those who do not wait at all. Those who do wait, wait
        :math:`1/(c\mu - \lambda)` on average.

    Notes
    -----
    Little's law gives the mean queue length :math:`L_q = \lambda W_q`. The time in the
    system adds the mean service time: :math:`W = W_q + 1/\mu`.

    References
    ----------
    Gross, D., Shortle, J. F., Thompson, J. M. & Harris, C. M. (2008). *Fundamentals of
    Queueing Theory*, 4th ed. Wiley, §2.3 (M/M/c). Bronson (1982), problem 24.6.

    Examples
    --------
    λ = 2, μ = 3 an hour, c = 2: C = 1/6, so W_q = (1/6) / (6 − 2) = 1/24 hour = 2.5 minutes.

    >>> round(mean_wait(2, 3, 2) * 60, 6)
    2.5
    """
    lam, mu, c = _check_queue(arrival_rate, service_rate, servers)
    return erlang_c(lam, mu, c) / (c * mu - lam)


def wait_probability(wait, arrival_rate, service_rate, servers):
    r"""The probability that a customer waits longer than ``wait`` before service starts.

    .. math:: P(W_q > t) = C(c, a)\, e^{-(c\mu - \lambda)\,t}, \qquad t \ge 0

    Parameters
    ----------
    wait : float or array-like
        :math:`t`, the waiting time (≥ 0) in the time unit of the rates.
    arrival_rate, service_rate, servers
        As in :func:`erlang_c`.

    Returns
    -------
    float, ndarray or Series
        :math:`P(W_q > t)`, in the shape of ``wait``. The share served (service started)
        within :math:`t` is ``1 - wait_probability(t, ...)``; at :math:`t = 0` this is the
        Erlang C probability.

    Notes
    -----
    First come, first served; the waiting time of those who wait is exponential with rate
    :math:`c\mu - \lambda`.

    References
    ----------
    Gross et al. (2008), *Fundamentals of Queueing Theory*, §2.3. Call Centre Helper, "Erlang C
    formula – made simple" (the service level 1 − P(W_q > t)).

    Examples
    --------
    λ = 2, μ = 3 an hour, c = 2, a quarter of an hour: (1/6) × e^(−4 × 0.25) = e^(−1) / 6.

    >>> round(wait_probability(0.25, 2, 3, 2), 6)
    0.061313
    """
    lam, mu, c = _check_queue(arrival_rate, service_rate, servers)
    t = check_nonnegative(wait, "wait")
    probability = erlang_c(lam, mu, c) * np.exp(-(c * mu - lam) * t)
    return as_output(probability, wait)


def servers_needed(arrival_rate, service_rate, *, max_wait, target):
    r"""The fewest servers with which at least ``target`` of customers wait at most ``max_wait``.

    .. math:: c^{*} = \min\{\, c > \lambda/\mu :\; 1 - C(c, a)\,e^{-(c\mu-\lambda)t}
              \ge \text{target} \,\}

    Parameters
    ----------
    arrival_rate, service_rate : float
        :math:`\lambda` and :math:`\mu`, as in :func:`erlang_c`.
    max_wait : float
        :math:`t`, the longest acceptable wait before service starts (≥ 0), in the time unit
        of the rates (0.25 hour for the restaurant's fifteen minutes with rates per hour).
    target : float
        The share of customers who must be served within ``max_wait``, a fraction strictly
        between 0 and 1 (0.95, not 95).

    Returns
    -------
    int
        :math:`c^{*}`, at least the smallest stable number of servers
        :math:`\lfloor \lambda/\mu \rfloor + 1`.

    Notes
    -----
    The share served within :math:`t` rises with every server added, so the search goes up
    from the smallest stable staff, updating Erlang B by one recursion step per server: the
    cost grows with :math:`c^{*}` only, and hundreds of servers take well under a millisecond
    each. A target of 1 is never reached exactly (some customer always may wait), so it is
    refused. The wait counts until service *starts*; the service time itself is extra.

    References
    ----------
    Call Centre Helper, "Erlang C formula – made simple with an easy worked example"
    (callcentrehelper.com): 100 calls in 30 minutes, 3 minutes each, 80% answered within 20
    seconds needs 14 agents.

    Examples
    --------
    Hand calculation, λ = 2 and μ = 3 an hour, 95% within a quarter hour: one server serves
    1 − (2/3)e^(−0.25) = 48% in time, two serve 1 − e^(−1)/6 = 93.9%, three serve 99.4%.

    >>> servers_needed(2, 3, max_wait=0.25, target=0.95)
    3
    """
    lam, mu, _ = _check_queue(arrival_rate, service_rate)
    t = check_single_number(max_wait, "max_wait", "nonnegative")
    goal = check_single_number(target, "target", "rate", allow_zero=False, allow_one=False)
    a = lam / mu
    c = math.floor(a) + 1
    b = _erlang_b(a, c)
    while True:
        served = 1.0 - _erlang_c_from_b(b, a, c) * math.exp(-(c * mu - lam) * t)
        if served >= goal:
            return c
        c += 1
        b = a * b / (c + a * b)


def queue_summary(arrival_rate, service_rate, servers, *, max_wait):
    r"""The key numbers of an M/M/c queue, in one table row.

    Parameters
    ----------
    arrival_rate, service_rate, servers
        As in :func:`erlang_c`.
    max_wait : float
        :math:`t`, the acceptable wait (≥ 0) in the time unit of the rates.

    Returns
    -------
    Series
        ``utilisation`` (:math:`\rho`), ``prob_wait`` (:math:`C`), ``mean_wait``
        (:math:`W_q`), ``mean_wait_if_waiting`` (:math:`1/(c\mu-\lambda)`),
        ``mean_queue_length`` (:math:`L_q = \lambda W_q`), ``served_within``
        (:math:`1 - P(W_q > t)`). Times in the unit of the rates.

    Examples
    --------
    λ = 2, μ = 3 an hour, c = 2 (see :func:`erlang_c`), a quarter-hour limit: one customer in
    six waits, 2.5 minutes on average, and 1 − e^(−1)/6 = 93.9% are served within the limit.

    >>> s = queue_summary(2, 3, 2, max_wait=0.25)
    >>> s[["prob_wait", "served_within"]].round(4).tolist(), round(float(s["mean_wait"]) * 60, 2)
    ([0.1667, 0.9387], 2.5)
    """
    lam, mu, c = _check_queue(arrival_rate, service_rate, servers)
    t = check_single_number(max_wait, "max_wait", "nonnegative")
    probability = erlang_c(lam, mu, c)
    wait = probability / (c * mu - lam)
    return pd.Series({
        "utilisation": lam / (c * mu),
        "prob_wait": probability,
        "mean_wait": wait,
        "mean_wait_if_waiting": 1.0 / (c * mu - lam),
        "mean_queue_length": lam * wait,
        "served_within": 1.0 - float(wait_probability(t, lam, mu, c)),
    }, name="queue")


def staffing_plan(arrival_rates, service_rate, *, max_wait, target):
    r"""Servers needed in every period for "``target`` served within ``max_wait``".

    Applies :func:`servers_needed` to each period's arrival rate and reports how the queue
    then behaves (:func:`queue_summary`).

    Parameters
    ----------
    arrival_rates : Series or mapping
        Period → :math:`\lambda` (> 0), e.g. customers per hour for each opening hour; the
        index (hours, or weekday and hour) is kept.
    service_rate : float
        :math:`\mu` per server, in the same time unit.
    max_wait, target
        As in :func:`servers_needed`.

    Returns
    -------
    DataFrame
        One row per period: ``arrival_rate``, ``offered_load`` (:math:`a = \lambda/\mu`, the
        servers busy on average), ``servers``, ``utilisation``, ``prob_wait``, ``mean_wait``,
        ``served_within``.

    Notes
    -----
    Each period is treated as a steady state of its own (the usual "stationary independent
    period-by-period" approximation): good when periods are long compared with a service
    time and arrival rates change slowly.

    References
    ----------
    Green, L. V., Kolesar, P. J. & Whitt, W. (2007). Coping with time-varying demand when
    setting staffing requirements for a service system. *Production and Operations
    Management* 16(1), 13–39.

    Examples
    --------
    >>> staffing_plan({"09:00": 2, "12:00": 6}, 3, max_wait=0.25, target=0.95)["servers"]
    09:00    3
    12:00    4
    Name: servers, dtype: int64
    """
    if isinstance(arrival_rates, Mapping):
        arrival_rates = pd.Series(dict(arrival_rates), dtype=float)
    if not isinstance(arrival_rates, pd.Series):
        raise TypeError(_error("arrival_rates_not_series", got=type(arrival_rates).__name__))
    if arrival_rates.empty:
        raise ValueError(_error("arrival_rates_empty"))
    check_positive(arrival_rates, "arrival_rates")
    rows = []
    for period, rate in arrival_rates.items():
        c = servers_needed(rate, service_rate, max_wait=max_wait, target=target)
        summary = queue_summary(rate, service_rate, c, max_wait=max_wait)
        rows.append({"arrival_rate": float(rate), "offered_load": float(rate) / service_rate,
                     "servers": c, "utilisation": summary["utilisation"],
                     "prob_wait": summary["prob_wait"], "mean_wait": summary["mean_wait"],
                     "served_within": summary["served_within"]})
    return pd.DataFrame(rows, index=arrival_rates.index)


# --------------------------------------------------------------------------- service recovery


def service_recovery_value(complaints, *, stay_with_recovery, stay_without_recovery, margin,
                           retention_rate, cost_per_complaint, discount_rate=0.0, when="end"):
    r"""What a service-recovery programme is worth: customers it keeps × their CLV − its cost.

    With :math:`n` complaining customers a period, a share :math:`s_1` who stay when the
    complaint is recovered well and :math:`s_0` who stay otherwise, a recovery cost :math:`k`
    per complaint and the lifetime value of a kept customer
    :math:`\mathrm{CLV} = m\,r/(1+i-r)` (:func:`crmlib.customer_lifetime_value`):

    .. math::
        \Delta N = n\,(s_1 - s_0), \qquad
        V = \Delta N \cdot \mathrm{CLV} - n\,k, \qquad
        k^{*} = (s_1 - s_0)\,\mathrm{CLV}

    Parameters
    ----------
    complaints : float
        :math:`n`, complaining customers per period (e.g. per year).
    stay_with_recovery, stay_without_recovery : float
        :math:`s_1`, :math:`s_0`: the shares (fractions) of complainers who stay as customers
        with and without the recovery programme.
    margin : float
        :math:`m`, profit per customer per period (money), as in
        :func:`crmlib.customer_lifetime_value`.
    retention_rate : float
        :math:`r`, retention per period of a customer who stays.
    cost_per_complaint : float
        :math:`k`, what recovering one complaint costs (staff time, a free dessert, a refund).
    discount_rate : float, default 0.0
        :math:`i` per period.
    when : {"end", "begin"}, default "end"
        CLV timing, as in :func:`crmlib.customer_lifetime_value`.

    Returns
    -------
    Series
        ``complaints``, ``customers_kept`` (:math:`\Delta N`), ``value_per_customer``
        (CLV), ``value_kept`` (:math:`\Delta N \cdot \mathrm{CLV}`), ``programme_cost``
        (:math:`nk`), ``net_value`` (:math:`V`), ``return_on_cost`` (:math:`V / nk`, NaN when
        the cost is 0) and ``break_even_cost_per_complaint`` (:math:`k^{*}`).

    Notes
    -----
    Counts only the customers kept. A recovered complaint also stops bad word of mouth (the
    course: a dissatisfied customer tells 8–10 people), which this value leaves out, so it is
    a lower bound. The kept customers' CLV starts after the complaint, with the timing set by
    ``when``.

    References
    ----------
    Course material, "客户关系管理与服务营销" (70% of dissatisfied customers keep doing business
    if the problem is put right; a dissatisfied customer tells 8–10 people). Hart, C. W. L.,
    Heskett, J. L. & Sasser, W. E. (1990). The profitable art of service recovery. *Harvard
    Business Review* 68(4), 148–156. Gupta, S. & Lehmann, D. R. (2003), *Journal of
    Interactive Marketing* 17(1) (CLV).

    Examples
    --------
    1,000 complaints a year; 70% stay if recovered, 30% if not; margin 2,000 a year, retention
    0.8, so CLV = 2000 × 0.8 / 0.2 = 8,000; recovery costs 500 a complaint. Kept: 400 ×
    8,000 = 3.2 million against 0.5 million of cost.

    >>> v = service_recovery_value(1000, stay_with_recovery=0.7, stay_without_recovery=0.3,
    ...                            margin=2000, retention_rate=0.8, cost_per_complaint=500)
    >>> round(float(v["net_value"])), round(float(v["break_even_cost_per_complaint"]))
    (2700000, 3200)
    """
    n = check_single_number(complaints, "complaints", "nonnegative")
    s1 = check_single_number(stay_with_recovery, "stay_with_recovery", "rate")
    s0 = check_single_number(stay_without_recovery, "stay_without_recovery", "rate")
    if s1 < s0:
        raise ValueError(_error("recovery_swapped", with_recovery=s1, without_recovery=s0))
    k = check_single_number(cost_per_complaint, "cost_per_complaint", "nonnegative")
    check_choice(when, "when", TIMINGS)
    i = check_single_number(discount_rate, "discount_rate", "discount_rate")
    clv = customer_lifetime_value(margin, retention_rate, i, when=when)
    clv = check_scalar(np.asarray(clv), "margin")
    kept = n * (s1 - s0)
    cost = n * k
    net = kept * clv - cost
    return pd.Series({
        "complaints": n,
        "customers_kept": kept,
        "value_per_customer": clv,
        "value_kept": kept * clv,
        "programme_cost": cost,
        "net_value": net,
        "return_on_cost": net / cost if cost > 0 else float("nan"),
        "break_even_cost_per_complaint": (s1 - s0) * clv,
    }, name="service_recovery")

