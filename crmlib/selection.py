r"""Customer selection (客户选择): which customers to build relationships with.

"The customer is not always god" (客户不都是"上帝"): customers differ in what they are worth,
resources are limited, so a firm chooses whom to develop. This module turns the course's tools
for that choice into tested functions:

* **Customer classes (客户分类)** (:class:`CustomerClass`, :func:`customer_class_table`):
  non-customer, potential, target, current and lost customers, by explicit rules over a
  customer table (:func:`classify_customers`).
* **Concentration (80/20)**: :func:`top_share`, :func:`gini`, :func:`concentration_curve`,
  :func:`concentration_table` and :func:`abc_classes`, all defined for loss-making customers
  too (a bank's top 20% of customers can bring 97% of its profit *because* more than half of
  its customers lose money).
* **Peter Cheverton's key-customer selection matrix (关键客户识别和选择矩阵)**: weighted scores
  for customer attractiveness and our relative strength (:func:`weighted_score`), the quadrant
  (:class:`ChevertonQuadrant`, :func:`cheverton_quadrant`, :func:`cheverton_matrix`) and the
  course's strategy for each quadrant (:func:`cheverton_quadrant_table`).
* **The customer value matrix (客户价值矩阵)**: current value × potential value
  (:class:`ValueTier`, :func:`value_matrix_quadrant`, :func:`value_matrix`,
  :func:`value_tier_table`).
* **A limited budget**: :func:`allocate_budget` funds the accounts with the best return per
  yuan first.

Scores are fractions from 0 to 1 (0.5, not 50); money is in the caller's currency (yuan in the
lessons) per year.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd

from crmlib._validation import (
    _show,
    as_float_array,
    as_timestamp,
    check_choice,
    check_columns,
    check_dataframe,
    check_finite,
    check_nonnegative,
    check_rate,
    check_scalar,
    check_whole_number,
    plain,
)
from crmlib.i18n import CatalogueEnum, text, texts_under

__all__ = [
    "ChevertonQuadrant",
    "CustomerClass",
    "ValueTier",
    "abc_classes",
    "allocate_budget",
    "cheverton_matrix",
    "cheverton_quadrant",
    "cheverton_quadrant_table",
    "classify_customers",
    "concentration_curve",
    "concentration_table",
    "customer_class_table",
    "gini",
    "top_share",
    "value_matrix",
    "value_matrix_quadrant",
    "value_tier_summary",
    "value_tier_table",
    "weighted_score",
]


#: This unit's error messages, from the text catalogue in the kit's language.
_error = texts_under("error.selection")


# --------------------------------------------------------------------------- customer classes

class CustomerClass(CatalogueEnum, vocabulary="customer_class"):
    """The five customer classes of the course, in the order a relationship moves through them.

    Members compare equal to their value, so the output of :func:`classify_customers` can be
    compared with them: ``classes == CustomerClass.LOST``.

    Examples
    --------
    >>> [member.value for member in CustomerClass]
    ['non-customer', 'potential', 'target', 'current', 'lost']
    >>> CustomerClass.TARGET.chinese
    '目标客户'
    """

    NON_CUSTOMER = "non-customer"
    POTENTIAL = "potential"
    TARGET = "target"
    CURRENT = "current"
    LOST = "lost"


def customer_class_table() -> pd.DataFrame:
    """The five customer classes: English and Chinese name, meaning and the kit's rule.

    Returns
    -------
    DataFrame
        Columns ``customer_class``, ``chinese``, ``meaning``, ``rule`` (the rule
        :func:`classify_customers` applies), one row per class in :class:`CustomerClass`
        order. ``meaning`` and ``rule`` are in the kit's language (:func:`crmlib.set_language`),
        from the text catalogue (``selection.customer_class``).

    References
    ----------
    Course material, 项目二 "建立客户关系（选择）", 小知识1 客户的分类.

    Examples
    --------
    >>> customer_class_table()["chinese"].tolist()
    ['非客户', '潜在客户', '目标客户', '现实客户', '流失客户']
    """
    rows = [(member.value, member.chinese, text(f"selection.customer_class.{member._key}.meaning"),
             text(f"selection.customer_class.{member._key}.rule")) for member in CustomerClass]
    return pd.DataFrame(rows, columns=["customer_class", "chinese", "meaning", "rule"])


def _as_bool(series: pd.Series, column: str) -> np.ndarray:
    values = series.to_numpy()
    if series.dtype == bool:
        return values
    if series.isna().any():
        raise ValueError(_error("need_missing", column=repr(column)))
    uniques = set(pd.unique(values).tolist())
    if uniques <= {0, 1}:
        return values.astype(bool)
    raise TypeError(_error("need_not_boolean", column=repr(column),
                           values=sorted(map(repr, uniques))[:5]))


def classify_customers(customers, *, as_of=None, lost_after_days=365, target_score=0.6,
                       last_purchase_col="last_purchase", need_col="has_need",
                       score_col="fit_score") -> pd.Series:
    """Put every person in a customer table into one of the five customer classes.

    The rules, applied in this order (the first that matches wins):

    1. **Bought before** (``last_purchase`` is a date):

       * ``current`` (现实客户) if the last purchase is at most ``lost_after_days`` days
         before ``as_of``;
       * ``lost`` (流失客户) otherwise. A former buyer stays "lost", never "non-customer":
         they once needed the product, and win-back is a different job from acquisition.
    2. **Never bought** (``last_purchase`` is missing, NaT):

       * ``non-customer`` (非客户) if ``has_need`` is False (no use for the product, or
         hostile);
       * ``target`` (目标客户) if ``fit_score`` ≥ ``target_score``: the firm has picked them
         to develop;
       * ``potential`` (潜在客户) otherwise.

    Parameters
    ----------
    customers : DataFrame
        One row per person, with the three columns below.
    as_of : date-like, optional
        The day of the analysis. Default: the latest ``last_purchase`` in the table.
    lost_after_days : int, default 365
        Days without a purchase after which a buyer counts as lost (whole days, ≥ 1). Pick it
        from the product's natural buying cycle: a year suits a bank or a hotel, a supermarket
        would use weeks.
    target_score : float, default 0.6
        The fit score (0–1) from which a prospect becomes a target customer. The score says
        how well the person matches the kind of customer the firm has chosen, e.g. a
        :func:`weighted_score` of the course's "good customer" criteria.
    last_purchase_col, need_col, score_col : str
        Column names: the date of the last purchase (NaT = never bought), whether the person
        has a need for the product (True/False), their fit score (0–1; ignored for buyers, may
        be missing for them).

    Returns
    -------
    Series of str
        The class of each row (a :class:`CustomerClass` value), with the table's index.

    Notes
    -----
    The course defines the classes in words; the thresholds are the kit's, and they are
    parameters because they depend on the business. "Current" means *still* buying: a buyer
    of long ago is lost even if they never formally left.

    References
    ----------
    Course material, 项目二 "建立客户关系（选择）", 小知识1 客户的分类.

    Examples
    --------
    >>> table = pd.DataFrame({
    ...     "last_purchase": pd.to_datetime(["2024-12-01", "2023-06-30", None, None, None]),
    ...     "has_need": [True, True, False, True, True],
    ...     "fit_score": [None, None, 0.9, 0.8, 0.3]})
    >>> classify_customers(table, as_of="2024-12-31").tolist()
    ['current', 'lost', 'non-customer', 'target', 'potential']
    """
    check_dataframe(customers, "customers")
    check_columns(customers, [last_purchase_col, need_col, score_col], "customers")
    lost_after_days = check_whole_number(lost_after_days, "lost_after_days", minimum=1)
    target = check_scalar(check_rate(target_score, "target_score"), "target_score")
    last = customers[last_purchase_col]
    if not pd.api.types.is_datetime64_any_dtype(last):
        if last.isna().all():
            last = pd.to_datetime(last)
        else:
            raise TypeError(_error("last_purchase_not_dates", column=repr(last_purchase_col),
                                   dtype=last.dtype))
    bought = last.notna().to_numpy()
    if as_of is None:
        if not bought.any():
            raise ValueError(_error("nobody_bought"))
        as_of = last.max()
    as_of = as_timestamp(as_of, "as_of")
    days = (as_of.normalize() - last.dt.normalize()).dt.days.to_numpy()
    if bought.any() and np.nanmin(days[bought]) < 0:
        first_bad = plain(customers.index[bought & (days < 0)][0])
        raise ValueError(_error("as_of_before_purchase", as_of=as_of.date(),
                                customer=repr(first_bad)))
    need = _as_bool(customers[need_col], need_col)
    prospects = ~bought & need
    scores = customers[score_col].to_numpy(dtype=float, na_value=np.nan)
    if np.isnan(scores[prospects]).any():
        raise ValueError(_error("fit_score_missing", column=repr(score_col)))
    if prospects.any():
        check_rate(scores[prospects], score_col)
    with np.errstate(invalid="ignore"):
        labels = np.select(
            [bought & (days <= lost_after_days), bought, ~need, scores >= target],
            ["current", "lost", "non-customer", "target"], default="potential")
    return pd.Series(labels.astype(object), index=customers.index, name="customer_class")


# --------------------------------------------------------------------------- concentration


def _values(values, name: str = "values") -> np.ndarray:
    array = check_finite(values, name)
    if array.ndim != 1:
        array = array.reshape(-1) if array.ndim == 0 else array
        if array.ndim != 1:
            raise ValueError(_error("not_one_dimensional", name=name, shape=array.shape))
    return array


def _positive_total(total: float, name: str) -> None:
    if total <= 0:
        raise ValueError(_error("total_not_positive", name=name, total=f"{total:,.6g}"))


def concentration_curve(values) -> pd.DataFrame:
    r"""The concentration (Pareto) curve: cumulative share of value against share of customers.

    Customers are sorted from the most to the least valuable; point :math:`k` is

    .. math:: \Big(\frac{k}{n},\; \frac{\sum_{j \le k} x_{(j)}}{\sum_{j} x_j}\Big),
              \qquad x_{(1)} \ge x_{(2)} \ge \dots \ge x_{(n)}

    with :math:`k = 0, 1, \dots, n`. It is the Lorenz curve read from the top.

    Parameters
    ----------
    values : array-like or Series
        One value per customer (e.g. annual profit in yuan). Negative values (loss-making
        customers) are allowed; the total must be positive.

    Returns
    -------
    DataFrame
        ``customers`` (k), ``customer_share`` (k/n), ``cumulative_value``,
        ``value_share`` (cumulative value / total), n + 1 rows starting at (0, 0).

    Notes
    -----
    With only profitable customers the curve rises and bends, ending at (1, 1). With
    loss-making customers it climbs *above* 1 (the profitable customers together earn more
    than the firm's total profit) and falls back to 1 as the loss-makers are added: Kaplan's
    "whale curve". Shares are of the net total, so they can exceed 100%.

    References
    ----------
    Lorenz, M. O. (1905). Methods of measuring the concentration of wealth. *Publications of
    the American Statistical Association* 9(70), 209–219. Kaplan, R. S. & Cooper, R. (1998).
    *Cost & Effect*. Harvard Business School Press (the whale curve of customer profitability).

    Examples
    --------
    Profits 60, 30, 20, −10 (total 100): the curve reaches 110% before the loss-maker.

    >>> concentration_curve([30, -10, 60, 20])["value_share"].tolist()
    [0.0, 0.6, 0.9, 1.1, 1.0]
    """
    array = _values(values)
    total = float(array.sum())
    _positive_total(total, "values")
    ordered = np.sort(array)[::-1]
    cumulative = np.concatenate([[0.0], np.cumsum(ordered)])
    n = array.size
    return pd.DataFrame({
        "customers": np.arange(n + 1),
        "customer_share": np.arange(n + 1) / n,
        "cumulative_value": cumulative,
        "value_share": cumulative / total,
    })


def _top_shares(array: np.ndarray, fractions: np.ndarray) -> np.ndarray:
    total = float(array.sum())
    _positive_total(total, "values")
    ordered = np.sort(array)[::-1]
    cumulative = np.concatenate([[0.0], np.cumsum(ordered)])
    position = fractions * array.size
    return np.interp(position, np.arange(array.size + 1), cumulative) / total


def top_share(values, fraction):
    r"""Share of the total held by the top ``fraction`` of customers (the "80/20" figure).

    .. math:: S(p) = \frac{\sum_{j \le pn} x_{(j)}}{\sum_j x_j},
              \qquad x_{(1)} \ge x_{(2)} \ge \dots

    Parameters
    ----------
    values : array-like or Series
        One value per customer (e.g. annual profit). Negative values are allowed; the total
        must be positive.
    fraction : float or array-like
        :math:`p`, the top share of customers, a fraction from 0 to 1 (0.2 for the top 20%).

    Returns
    -------
    float or ndarray
        The share of the (net) total, a fraction. It can be **above 1** when other customers
        lose money: the bank in the course earns 97% of its profit from its top 20% of
        customers, and a firm whose bottom half loses money can earn over 100% from its top
        half.

    Notes
    -----
    When :math:`pn` is not a whole number, the curve is interpolated linearly between
    customers (the next customer counts in part), as :func:`concentration_curve` is drawn.
    With 50 customers the top 2% is exactly one customer.

    References
    ----------
    Course material, "客户关系管理与服务营销" (bank CRM: top 2% of customers → 48% of profit,
    top 20% → 97%); 项目二 (a securities firm: 20% of customers → 90% of profit). Kaplan &
    Cooper (1998), *Cost & Effect* (shares above 100%).

    Examples
    --------
    Five customers with profits 50, 30, 10, 5, 5 (total 100): the top 20% is one customer.

    >>> top_share([5, 50, 10, 30, 5], 0.2)
    0.5

    The top 30% is 1.5 customers: 50 + half of 30.

    >>> top_share([5, 50, 10, 30, 5], 0.3)
    0.65

    A loss-maker pushes the share of the others above 100%: (60 + 30 + 20) / 100.

    >>> round(top_share([60, 30, 20, -10], 0.75), 10)
    1.1
    """
    array = _values(values)
    p = check_rate(fraction, "fraction")
    shares = _top_shares(array, p)
    return float(shares) if np.ndim(shares) == 0 else shares


def concentration_table(values, fractions=(0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1.0)):
    """The concentration table: what the top x% of customers bring, for several x.

    Parameters
    ----------
    values : array-like or Series
        One value per customer (negative values allowed; the total must be positive).
    fractions : sequence of float
        The top shares of customers to tabulate, fractions in (0, 1].

    Returns
    -------
    DataFrame
        ``top_fraction``, ``customers`` (how many customers that is, n × fraction, possibly
        fractional), ``value`` (their total), ``value_share`` (of the net total, may
        exceed 1), ``average_value`` (per customer in the group).

    Notes
    -----
    Uses the same interpolation as :func:`top_share`.

    Examples
    --------
    >>> table = concentration_table([5, 50, 10, 30, 5], fractions=[0.2, 0.4, 1.0])
    >>> table["value_share"].tolist()
    [0.5, 0.8, 1.0]
    >>> table["average_value"].tolist()
    [50.0, 40.0, 20.0]
    """
    array = _values(values)
    p = check_rate(fractions, "fractions", allow_zero=False).reshape(-1)
    shares = _top_shares(array, p)
    total = float(array.sum())
    customers = p * array.size
    return pd.DataFrame({
        "top_fraction": p,
        "customers": customers,
        "value": shares * total,
        "value_share": shares,
        "average_value": shares * total / customers,
    })


def gini(values) -> float:
    r"""The Gini coefficient of customer values: 0 = all equal, near 1 = one customer has all.

    .. math:: G = \frac{\sum_i \sum_j |x_i - x_j|}{2 n^2 \bar{x}}
              = \frac{2 \sum_{i=1}^{n} i\, x_{[i]}}{n \sum_i x_i} - \frac{n + 1}{n},
              \qquad x_{[1]} \le \dots \le x_{[n]}

    Parameters
    ----------
    values : array-like or Series
        One value per customer. Negative values allowed; the mean must be positive.

    Returns
    -------
    float

    Notes
    -----
    The population form (no :math:`n/(n-1)` correction): one customer with everything gives
    :math:`1 - 1/n`. With loss-making customers the coefficient can **exceed 1** (Chen, Tsaur &
    Rhai 1982): the spread of values is then larger than the net total. The kit reports it
    as it is rather than normalising it; read it together with the concentration curve.

    References
    ----------
    Gini, C. (1912). *Variabilità e mutabilità*. Chen, C.-N., Tsaur, T.-W. & Rhai, T.-S.
    (1982). The Gini coefficient and negative income. *Oxford Economic Papers* 34(3),
    473–478.

    Examples
    --------
    Four customers, one holds everything: Σ|xi − xj| = 2 × 3 × 10 = 60; 2 n² x̄ = 2 × 16 × 2.5
    = 80; G = 0.75.

    >>> gini([0, 0, 0, 10])
    0.75
    >>> gini([5, 5, 5, 5])
    0.0
    """
    array = _values(values)
    n = array.size
    total = float(array.sum())
    _positive_total(total, "values")
    ordered = np.sort(array)
    ranks = np.arange(1, n + 1)
    return float(2.0 * np.dot(ranks, ordered) / (n * total) - (n + 1) / n)


def abc_classes(values, *, a_share=0.8, b_share=0.95):
    """ABC classes: A = the few customers who bring most of the profit, then B, then C.

    Customers are sorted from most to least valuable. Among the **profitable** customers, a
    customer is

    * ``A`` if the profitable customers ranked above them bring less than ``a_share`` of the
      profitable customers' total (so the customer who crosses the line is still an A);
    * ``B`` if that share is below ``b_share``;
    * ``C`` otherwise, and every customer whose value is exactly 0.

    Every customer with a **negative** value is ``D`` (loss-making, 亏损客户).

    Parameters
    ----------
    values : array-like or Series
        One value per customer (e.g. annual profit in yuan).
    a_share, b_share : float, default 0.8 and 0.95
        Cumulative shares (fractions, ``a_share`` < ``b_share`` ≤ 1) of the profitable
        customers' total that mark the A and B classes.

    Returns
    -------
    Series or ndarray of str
        "A", "B", "C" or "D" per customer, in the input's order (a Series with the input's
        index for a Series).

    Notes
    -----
    The shares are of the profit of the profitable customers only, so the classes do not
    change when loss-makers are added; the loss-makers get their own class because the course
    treats them differently (末端客户：退出 — tail customers: exit, or make them profitable).
    Ties are broken by the input order.

    References
    ----------
    Dickie, H. F. (1951). ABC inventory analysis shoots for dollars, not pennies. *Factory
    Management and Maintenance* 109(7), 92–94. Course material, "客户关系管理与服务营销"
    (customer tiers).

    Examples
    --------
    Profits 50, 30, 10, 5, 5, −20: shares before each profitable customer 0, 0.5, 0.8, 0.9,
    0.95.

    >>> abc_classes([50, 30, 10, 5, 5, -20]).tolist()
    ['A', 'A', 'B', 'B', 'C', 'D']
    """
    array = _values(values)
    a = check_scalar(check_rate(a_share, "a_share", allow_zero=False), "a_share")
    b = check_scalar(check_rate(b_share, "b_share", allow_zero=False), "b_share")
    if not a < b:
        raise ValueError(_error("abc_shares_order", a_share=repr(a_share),
                                b_share=repr(b_share)))
    positive = array > 0
    if not positive.any():
        raise ValueError(_error("abc_nobody_profitable"))
    order = np.argsort(-array, kind="stable")
    ordered = array[order]
    gains = np.where(ordered > 0, ordered, 0.0)
    before = (np.cumsum(gains) - gains) / gains.sum()
    labels_sorted = np.select([ordered < 0, ordered == 0, before < a, before < b],
                              ["D", "C", "A", "B"], default="C")
    labels = np.empty(array.size, dtype=object)
    labels[order] = labels_sorted
    if isinstance(values, pd.Series):
        return pd.Series(labels, index=values.index, name="abc_class")
    return labels


# --------------------------------------------------------------------------- weighted scores


def weighted_score(ratings, weights: Mapping[str, float], *, scale=(1, 5)):
    r"""Combine ratings on several criteria into one score from 0 to 1, with weights.

    .. math:: s = \frac{\sum_k w_k\,\frac{x_k - \text{low}}{\text{high} - \text{low}}}
                       {\sum_k w_k}

    Parameters
    ----------
    ratings : DataFrame or mapping
        One column (or key) per criterion with the ratings, e.g. 1 (poor) to 5 (excellent);
        a DataFrame gives one score per row (account). Criteria not in ``weights`` are ignored.
    weights : mapping of str to float
        The weight of each criterion (≥ 0, at least one above 0). They need not sum to 1: they
        are normalised.
    scale : (low, high), default (1, 5)
        The rating scale. Every rating must lie within it.

    Returns
    -------
    float or Series
        The score, a fraction from 0 (worst on every criterion) to 1 (best on every one).

    Notes
    -----
    Rate every criterion so that higher is better for us: rate "price sensitivity" as low
    price sensitivity = 5. Customer attractiveness criteria follow the course's "good
    customer" standard (好客户的标准): buying power and volume, low price sensitivity and low
    cost to serve, growth potential, willingness to build a long-term partnership. Relative
    strength criteria compare us with the best competitor in the customer's eyes.

    References
    ----------
    Cheverton, P. (2004). *Key Account Management: A Complete Action Kit of Tools and
    Techniques for Achieving Profitable Key Supplier Status* (3rd ed.). Kogan Page
    (weighted criteria for the key-customer selection matrix).

    Examples
    --------
    Volume rated 5 (weight 0.6) and growth rated 3 (weight 0.4) on a 1–5 scale:
    (0.6 × 1 + 0.4 × 0.5) / 1.0 = 0.8.

    >>> weighted_score({"volume": 5, "growth": 3}, {"volume": 0.6, "growth": 0.4})
    0.8
    """
    if not isinstance(weights, Mapping) or not weights:
        raise TypeError(_error("weights_not_mapping", value=repr(weights)))
    low, high = _check_scale(scale)
    names = list(weights)
    w = np.array([check_scalar(check_nonnegative(weights[k], f"weights[{k!r}]"),
                               f"weights[{k!r}]") for k in names])
    if w.sum() <= 0:
        raise ValueError(_error("weights_all_zero", value=repr(dict(weights))))
    if isinstance(ratings, pd.DataFrame):
        check_dataframe(ratings, "ratings")
        check_columns(ratings, names, "ratings")
        table = np.column_stack([as_float_array(ratings[k], f"ratings[{k!r}]") for k in names])
    elif isinstance(ratings, Mapping):
        missing = [k for k in names if k not in ratings]
        if missing:
            raise ValueError(_error("ratings_missing", missing=", ".join(map(repr, missing)),
                                    have=", ".join(map(repr, ratings))))
        table = np.array([[check_scalar(as_float_array(ratings[k], f"ratings[{k!r}]"),
                                        f"ratings[{k!r}]") for k in names]])
    else:
        raise TypeError(_error("ratings_kind", kind=type(ratings).__name__))
    outside = (table < low) | (table > high)
    if outside.any():
        row, col = np.argwhere(outside)[0]
        raise ValueError(_error("rating_off_scale", criterion=repr(names[col]), low=f"{low:g}",
                                high=f"{high:g}", value=f"{table[row, col]:g}"))
    scores = ((table - low) / (high - low)) @ (w / w.sum())
    if isinstance(ratings, pd.DataFrame):
        return pd.Series(scores, index=ratings.index, name="score")
    return float(scores[0])


def _check_scale(scale) -> tuple[float, float]:
    try:
        low, high = (float(v) for v in scale)
    except (TypeError, ValueError):
        raise TypeError(_error("scale_pair", value=repr(scale))) from None
    if not (math.isfinite(low) and math.isfinite(high) and low < high):
        raise ValueError(_error("scale_order", value=repr(scale)))
    return low, high


# --------------------------------------------------------------------------- two-by-two matrices


def _quadrants(x, y, x_threshold, y_threshold, labels, x_name, y_name, *, fractions):
    """Label each point of a 2×2 matrix: labels = (high y & high x, high y & low x,
    low y & high x, low y & low x). On the threshold counts as high."""
    check = check_rate if fractions else check_finite
    xs, ys = check(x, x_name), check(y, y_name)
    try:
        xs, ys = np.broadcast_arrays(xs, ys)
    except ValueError:
        raise ValueError(_error("lengths_differ", x=x_name, y=y_name, x_size=np.size(x),
                                y_size=np.size(y))) from None
    # on the line counts as high, also when weighted sums land a rounding error below it
    high_x = xs >= x_threshold - 1e-9 * max(1.0, abs(x_threshold))
    high_y = ys >= y_threshold - 1e-9 * max(1.0, abs(y_threshold))
    result = np.select([high_y & high_x, high_y, high_x], list(labels[:3]), default=labels[3])
    result = result.astype(object)
    for item in (x, y):
        if isinstance(item, pd.Series):
            return pd.Series(result, index=item.index, name="quadrant")
    if result.ndim == 0:
        return str(result.item())
    return result


#: Where the labels of a 2×2 matrix sit, in the order :func:`_quadrants` takes them: the level
#: ("high" or "low") on the y axis and on the x axis.
_QUADRANT_LEVELS = ({"y": "high", "x": "high"}, {"y": "high", "x": "low"},
                    {"y": "low", "x": "high"}, {"y": "low", "x": "low"})


def _matrix_table(category, name: str, axes: Mapping[str, str],
                  texts: Mapping[str, str]) -> pd.DataFrame:
    """One row per quadrant of a 2×2 matrix, in ``category``'s order (the one :func:`_quadrants`
    takes): the member (column ``name``), its Chinese name, its level on each axis (``axes``:
    column → ``"x"`` or ``"y"``, as the classifier passes them) and, for each column of
    ``texts``, the catalogue text whose key is the template filled with the member's key."""
    rows = [{name: member.value, "chinese": member.chinese,
             **{column: levels[axis] for column, axis in axes.items()},
             **{column: text(key.format(member._key)) for column, key in texts.items()}}
            for member, levels in zip(category, _QUADRANT_LEVELS, strict=True)]
    return pd.DataFrame(rows)



class ChevertonQuadrant(CatalogueEnum, vocabulary="cheverton_quadrant"):
    """The four quadrants of Cheverton's key-customer selection matrix, most valuable first.

    Examples
    --------
    >>> [member.value for member in ChevertonQuadrant]
    ['key', 'key development', 'maintenance', 'opportunistic']
    >>> ChevertonQuadrant.KEY_DEVELOPMENT.chinese    # the course's name, with its figure's note
    '关键发展客户（重点开发）'
    """

    KEY = "key"
    KEY_DEVELOPMENT = "key development"
    MAINTENANCE = "maintenance"
    OPPORTUNISTIC = "opportunistic"


def cheverton_quadrant_table() -> pd.DataFrame:
    """The four quadrants of Cheverton's matrix with the course's resource strategy.

    Returns
    -------
    DataFrame
        ``quadrant``, ``chinese``, ``attractiveness`` and ``relative_strength`` ("high" or
        "low"), ``resources`` (the general principle) and ``mobile_operator`` (how the
        course's mobile operator manages each class). ``resources`` and ``mobile_operator``
        are in the kit's language (:func:`crmlib.set_language`), from the text catalogue
        (``selection.cheverton_resources``, ``vocab.cheverton_rule``).

    References
    ----------
    Cheverton (2004), *Key Account Management*, Kogan Page. Course material, 项目二, 四类客户
    分配资源的基本原则 and 案例 移动公司对四类客户的管理.

    Examples
    --------
    >>> cheverton_quadrant_table().set_index("quadrant").loc["opportunistic", "chinese"]
    '机会主义客户'
    """
    return _matrix_table(ChevertonQuadrant, "quadrant",
                         {"attractiveness": "y", "relative_strength": "x"},
                         {"resources": "selection.cheverton_resources.{}",
                          "mobile_operator": "vocab.cheverton_rule.{}.label"})


def cheverton_quadrant(attractiveness, relative_strength, *, threshold=0.5):
    """Place customers in Peter Cheverton's key-customer selection matrix.

    ====================  ==================  ===================
    attractiveness        relative strength   quadrant
    ====================  ==================  ===================
    high                  high                ``"key"``
    high                  low                 ``"key development"``
    low                   high                ``"maintenance"``
    low                   low                 ``"opportunistic"``
    ====================  ==================  ===================

    Parameters
    ----------
    attractiveness : float or array-like
        How attractive the customer is to us (客户吸引力), a score from 0 to 1 (e.g. a
        :func:`weighted_score`).
    relative_strength : float or array-like
        Our strength in the customer's eyes compared with competitors (相对优势), 0 to 1.
    threshold : float, default 0.5
        The score from which a dimension counts as "high" (a score equal to the threshold is
        high, also when a weighted sum lands a rounding error below it).

    Returns
    -------
    str, ndarray of str or Series
        One quadrant per customer (a :class:`ChevertonQuadrant` value).

    References
    ----------
    Cheverton, P. (2004). *Key Account Management* (3rd ed.). Kogan Page. Course material,
    项目二, 小知识4 关键客户识别和选择矩阵（彼得•切维顿）.

    Examples
    --------
    >>> cheverton_quadrant(0.8, 0.3)
    'key development'
    >>> cheverton_quadrant([0.9, 0.2, 0.5], [0.7, 0.9, 0.1]).tolist()
    ['key', 'maintenance', 'key development']
    """
    t = check_scalar(check_rate(threshold, "threshold"), "threshold")
    return _quadrants(relative_strength, attractiveness, t, t, list(ChevertonQuadrant),
                      "relative_strength", "attractiveness", fractions=True)


def cheverton_matrix(accounts, attractiveness_weights, strength_weights, *, scale=(1, 5),
                     threshold=0.5) -> pd.DataFrame:
    """Score accounts on weighted criteria and place them in Cheverton's matrix.

    Parameters
    ----------
    accounts : DataFrame
        One row per account with a rating column per criterion (see :func:`weighted_score`).
    attractiveness_weights, strength_weights : mapping of str to float
        Criteria (column names) and weights for customer attractiveness and for our relative
        strength.
    scale : (low, high), default (1, 5)
        The rating scale.
    threshold : float, default 0.5
        Score from which a dimension is "high".

    Returns
    -------
    DataFrame
        The accounts' index with ``attractiveness``, ``relative_strength`` (scores 0–1),
        ``quadrant`` and ``strategy`` (the mobile operator's rule for that quadrant).

    Examples
    --------
    >>> accounts = pd.DataFrame({"volume": [5, 2], "growth": [4, 1], "relationship": [2, 5]},
    ...                         index=["North", "South"])
    >>> table = cheverton_matrix(accounts, {"volume": 1, "growth": 1}, {"relationship": 1})
    >>> table[["attractiveness", "relative_strength", "quadrant"]].to_dict("index")
    {'North': {'attractiveness': 0.875, 'relative_strength': 0.25, 'quadrant': 'key development'},
     'South': {'attractiveness': 0.125, 'relative_strength': 1.0, 'quadrant': 'maintenance'}}
    """
    attractiveness = weighted_score(accounts, attractiveness_weights, scale=scale)
    strength = weighted_score(accounts, strength_weights, scale=scale)
    quadrant = cheverton_quadrant(attractiveness, strength, threshold=threshold)
    strategy = cheverton_quadrant_table().set_index("quadrant")["mobile_operator"]
    return pd.DataFrame({"attractiveness": attractiveness, "relative_strength": strength,
                         "quadrant": quadrant, "strategy": quadrant.map(strategy)},
                        index=accounts.index)



class ValueTier(CatalogueEnum, vocabulary="value_tier"):
    """The customer value matrix's four tiers, from the most to the least valuable.

    Examples
    --------
    >>> [member.value for member in ValueTier]
    ['high-end', 'potential', 'basic', 'tail']
    >>> ValueTier.TAIL.chinese
    '末端客户'
    """

    HIGH_END = "high-end"
    POTENTIAL = "potential"
    BASIC = "basic"
    TAIL = "tail"


def value_tier_table() -> pd.DataFrame:
    """The four tiers of the customer value matrix with the course's strategy for each.

    Returns
    -------
    DataFrame
        ``tier``, ``chinese``, ``current_value``, ``potential_value`` ("high"/"low"),
        ``strategy`` (in the kit's language, :func:`crmlib.set_language`; from the text
        catalogue, ``vocab.value_tier_strategy``).

    Notes
    -----
    The course's slides list four customer tiers (高端客户：专注（培养）, 潜力客户：投入,
    基本客户：抓住, 末端客户：退出) and, separately, a value matrix of current × potential value.
    The kit places the tiers in the matrix's quadrants as above: the tiers' names say which
    value is high (high-end: both; potential: the future; basic: today; tail: neither).

    Examples
    --------
    >>> value_tier_table()["tier"].tolist()
    ['high-end', 'potential', 'basic', 'tail']
    """
    return _matrix_table(ValueTier, "tier", {"current_value": "x", "potential_value": "y"},
                         {"strategy": "vocab.value_tier_strategy.{}.label"})


def value_matrix_quadrant(current_value, potential_value, *, current_threshold,
                          potential_threshold):
    """Place customers in the customer value matrix (current value × potential value).

    ==============  ===============  =============
    current value   potential value  tier
    ==============  ===============  =============
    high            high             ``"high-end"``
    low             high             ``"potential"``
    high            low              ``"basic"``
    low             low              ``"tail"``
    ==============  ===============  =============

    Parameters
    ----------
    current_value : float or array-like
        What the customer brings now, e.g. profit per year (money; may be negative).
    potential_value : float or array-like
        What more the customer could bring, e.g. the extra profit per year from cross-selling
        and referrals (money).
    current_threshold, potential_threshold : float
        The values from which each dimension counts as "high" (equal counts as high), in the
        same money unit.

    Returns
    -------
    str, ndarray of str or Series
        One tier per customer (a :class:`ValueTier` value).

    References
    ----------
    Course material, "客户关系管理与服务营销" (CRM value chain: 客户价值矩阵 of current and
    potential value; customer tiers). Verhoef, P. C. & Donkers, B. (2001). Predicting
    customer potential value. *Decision Support Systems* 32(2), 189–199.

    Examples
    --------
    >>> value_matrix_quadrant(1200, 300, current_threshold=1000, potential_threshold=500)
    'basic'
    >>> value_matrix_quadrant([-50, 2000], [900, 800], current_threshold=1000,
    ...                       potential_threshold=500).tolist()
    ['potential', 'high-end']
    """
    c = check_scalar(check_finite(current_threshold, "current_threshold"), "current_threshold")
    p = check_scalar(check_finite(potential_threshold, "potential_threshold"),
                     "potential_threshold")
    return _quadrants(current_value, potential_value, c, p, list(ValueTier), "current_value",
                      "potential_value", fractions=False)


def value_matrix(customers, *, current_col="current_value", potential_col="potential_value",
                 current_threshold=None, potential_threshold=None, current_quantile=0.5,
                 potential_quantile=0.5) -> pd.DataFrame:
    """Place every customer of a table in the value matrix and name the tier's strategy.

    Parameters
    ----------
    customers : DataFrame
        One row per customer with the two value columns.
    current_col, potential_col : str
        Column names of current and potential value (money per year).
    current_threshold, potential_threshold : float, optional
        "High" from this value on (money). Default: the column's ``current_quantile`` /
        ``potential_quantile`` quantile.
    current_quantile, potential_quantile : float, default 0.5
        Used only when the matching threshold is not given: the threshold is this quantile
        of the column (0.5 = the median, so half the customers are high; 0.8 = only the top
        20% are high).

    Returns
    -------
    DataFrame
        The customers' index with ``current_value``, ``potential_value``, ``tier`` and
        ``strategy``.

    Examples
    --------
    >>> table = pd.DataFrame({"current_value": [100, -20, 40, 10],
    ...                       "potential_value": [50, 80, 5, 1]})
    >>> value_matrix(table)["tier"].tolist()   # medians 25 and 27.5
    ['high-end', 'potential', 'basic', 'tail']
    """
    check_dataframe(customers, "customers")
    check_columns(customers, [current_col, potential_col], "customers")
    current = pd.Series(check_finite(customers[current_col], current_col), index=customers.index)
    potential = pd.Series(check_finite(customers[potential_col], potential_col),
                          index=customers.index)
    cq = check_scalar(check_rate(current_quantile, "current_quantile"), "current_quantile")
    pq = check_scalar(check_rate(potential_quantile, "potential_quantile"),
                      "potential_quantile")
    ct = float(current.quantile(cq)) if current_threshold is None else current_threshold
    pt = float(potential.quantile(pq)) if potential_threshold is None else potential_threshold
    tier = value_matrix_quadrant(current, potential, current_threshold=ct,
                                 potential_threshold=pt)
    strategy = value_tier_table().set_index("tier")["strategy"]
    return pd.DataFrame({"current_value": current, "potential_value": potential, "tier": tier,
                         "strategy": tier.map(strategy)}, index=customers.index)


def value_tier_summary(matrix) -> pd.DataFrame:
    """How many customers, and how much value, sit in each tier of the value matrix.

    Parameters
    ----------
    matrix : DataFrame
        The output of :func:`value_matrix`, or any table with its columns ``current_value``,
        ``potential_value`` and ``tier`` (checked; a missing one is an error).

    Returns
    -------
    DataFrame
        One row per tier (in :class:`ValueTier` order): ``customers``, ``customer_share``,
        ``current_value`` (total), ``current_share`` (of the net total; may be negative or
        above 1 when some customers lose money), ``potential_value`` (total) and
        ``strategy``.

    Examples
    --------
    >>> table = pd.DataFrame({"current_value": [100, -20, 40, 10],
    ...                       "potential_value": [50, 80, 5, 1]})
    >>> value_tier_summary(value_matrix(table))["current_value"].tolist()
    [100.0, -20.0, 40.0, 10.0]
    """
    check_dataframe(matrix, "matrix")
    check_columns(matrix, ["current_value", "potential_value", "tier"], "matrix")
    grouped = matrix.groupby("tier")
    summary = pd.DataFrame({
        "customers": grouped.size(),
        "current_value": grouped["current_value"].sum(),
        "potential_value": grouped["potential_value"].sum(),
    }).reindex([tier.value for tier in ValueTier], fill_value=0)
    summary.index.name = "tier"
    total = float(matrix["current_value"].sum())
    summary.insert(1, "customer_share", summary["customers"] / len(matrix))
    summary.insert(3, "current_share", summary["current_value"] / total if total else np.nan)
    summary["strategy"] = value_tier_table().set_index("tier")["strategy"]
    return summary.astype({"current_value": float, "potential_value": float})


# --------------------------------------------------------------------------- a limited budget


_EXACT_LIMIT = 20   # accounts: 2**20 combinations is still quick to enumerate


def allocate_budget(cost, gain, budget, *, method="exact"):
    r"""Choose which accounts to fund from a limited budget, for the largest net gain.

    The aim is the largest total net gain :math:`\sum_k (g_k - c_k)` over the funded accounts,
    with their total cost :math:`\sum_k c_k` within the budget. An account whose expected gain
    does not exceed its cost is never funded (it would destroy value); money not spent is kept.

    * ``method="exact"`` tries every combination of accounts (up to 20 accounts) and returns
      the best; ties go to the cheaper plan, then to the earlier accounts.
    * ``method="greedy"`` ranks accounts by gain per yuan, :math:`g_k / c_k` (ties by input
      order), and funds them in that order whenever their cost still fits in what is left.
      Easy to explain and to do by hand, but it can miss a better combination.

    Parameters
    ----------
    cost : array-like or Series
        What developing each account would cost (money, > 0).
    gain : array-like or Series
        The expected extra profit from that spending (money, same unit; may be negative).
    budget : float
        The money available (≥ 0).
    method : {"exact", "greedy"}, default "exact"

    Returns
    -------
    ndarray of bool or Series of bool
        True for the accounts to fund.

    Notes
    -----
    This is the 0–1 knapsack problem. Dantzig's greedy rule is optimal when money can be
    split between accounts; with whole account plans it can leave money unused that a
    different combination would have earned with. The course's principle — the most valuable
    resources go to key and key-development customers — usually follows, because those are
    the accounts where spending earns most.

    References
    ----------
    Dantzig, G. B. (1957). Discrete-variable extremum problems. *Operations Research* 5(2),
    266–288.

    Examples
    --------
    Costs 50, 60, 40, 10 and gains 150, 120, 60, 5 (gain per yuan 3, 2, 1.5, 0.5), budget
    100. Greedy funds #1 (50 left); #2 (60) no longer fits; #3 (40) does: net gain
    100 + 20 = 120. Trying every combination agrees: #1 + #2 would cost 110, #2 + #3 nets
    only 60 + 20 = 80. The fourth account would lose money.

    >>> allocate_budget([50, 60, 40, 10], [150, 120, 60, 5], 100, method="greedy").tolist()
    [True, False, True, False]
    >>> allocate_budget([50, 60, 40, 10], [150, 120, 60, 5], 100).tolist()
    [True, False, True, False]

    Costs 40, 50, 30, 10 with gains 130, 120, 84, 16 and budget 80: #1 + #3 + #4 spend 80
    for a net gain of 90 + 54 + 6 = 150; #1 + #2 would cost 90, #2 + #3 nets only 124.

    >>> allocate_budget([40, 50, 30, 10], [130, 120, 84, 16], 80).tolist()
    [True, False, True, True]
    """
    c = check_finite(cost, "cost").reshape(-1)
    if (c <= 0).any():
        raise ValueError(_error("cost_not_positive", value=_show(cost)))
    g = check_finite(gain, "gain").reshape(-1)
    if g.size != c.size:
        raise ValueError(_error("cost_gain_lengths", costs=c.size, gains=g.size))
    left = check_scalar(check_nonnegative(budget, "budget"), "budget")
    check_choice(method, "method", ("exact", "greedy"))
    tolerance = 1e-9 * max(1.0, left)
    worth = g > c
    if method == "greedy":
        chosen = np.zeros(c.size, dtype=bool)
        for k in np.argsort(-(g / c), kind="stable"):
            if worth[k] and c[k] <= left + tolerance:
                chosen[k] = True
                left -= c[k]
    else:
        candidates = np.flatnonzero(worth)
        if candidates.size > _EXACT_LIMIT:
            raise ValueError(_error("exact_too_many", limit=_EXACT_LIMIT,
                                    count=candidates.size))
        plans = (np.arange(2 ** candidates.size)[:, None] >> np.arange(candidates.size)) & 1
        spent = plans @ c[candidates]
        net = np.where(spent <= left + tolerance, plans @ (g - c)[candidates], -np.inf)
        best = np.flatnonzero(net == net.max())
        best = best[np.argmin(spent[best])]
        chosen = np.zeros(c.size, dtype=bool)
        chosen[candidates] = plans[best].astype(bool)
    for item in (cost, gain):
        if isinstance(item, pd.Series):
            return pd.Series(chosen, index=item.index, name="funded")
    return chosen
