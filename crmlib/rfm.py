r"""RFM analysis: recency, frequency and monetary value from a purchase log.

RFM (最近一次消费 recency, 消费频率 frequency, 消费金额 monetary) describes each customer by
three numbers a firm can read from its own sales records: how long since the last purchase,
how often they buy and how much they spend. Scored and grouped, they say which customers to
reward, which to win back and which to leave alone.

* :func:`rfm_summary` — one row per customer: ``recency`` (days), ``frequency`` (distinct
  purchase days), ``monetary`` (total spend).
* :func:`rfm_scores` — R, F and M scores from 1 to ``bins`` (higher = better) and the RFM cell.
* :func:`rfm_segments` — named segments (:class:`RFMSegment`: champions, loyal, at risk,
  hibernating, …) from the R and F scores, by the rules in :func:`rfm_segment_table`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlib._validation import (
    as_day_number,
    check_columns,
    check_dataframe,
    check_whole_number,
    plain,
)
from crmlib.i18n import CatalogueEnum, text, texts_under
from crmlib.purchase_log import purchase_days

__all__ = ["RFMSegment", "rfm_scores", "rfm_segment_table", "rfm_segments", "rfm_summary"]


#: This module's error messages, from the text catalogue in the kit's language.
_error = texts_under("error.rfm")


def rfm_summary(transactions, *, as_of=None, customer_col="customer_id", date_col="date",
                amount_col="amount") -> pd.DataFrame:
    r"""Recency, frequency and monetary value of every customer in a purchase log.

    For customer :math:`c` with purchases on days :math:`d_1, \dots` for amounts
    :math:`a_1, \dots`:

    .. math::
        R_c = \text{as\_of} - \max_j d_j \ \text{(days)}, \qquad
        F_c = \#\{\text{distinct } d_j\}, \qquad
        M_c = \sum_j a_j

    Parameters
    ----------
    transactions : DataFrame
        One row per purchase record, with the three columns below.
    as_of : date-like, optional
        The day the analysis is made. Default: the last purchase date in the data.
    customer_col, date_col, amount_col : str
        Column names: customer id, purchase date (datetime64, text such as '1997-01-01' or
        YYYYMMDD numbers; only the calendar day counts), amount spent (money, ≥ 0).

    Returns
    -------
    DataFrame
        Indexed by customer id (sorted), with ``recency`` (int, whole days from the last
        purchase day to ``as_of``; 0 = bought on that day), ``frequency`` (int, number of
        distinct days with a purchase) and ``monetary`` (float, total amount, in the log's
        currency).

    Notes
    -----
    * Several records on one day count as one purchase occasion for ``frequency`` (as Fader,
      Hardie & Lee count CDNOW transactions), but all their amounts count in ``monetary``.
    * Times of day are ignored: recency is the difference of calendar days.
    * ``monetary`` is the total, not the average per purchase; divide by ``frequency`` for the
      average.
    * A purchase after ``as_of`` is an error: filter the log first (what a firm knew on a past
      day excludes later purchases). So is a purchase dated after today (a swapped day and
      month, or a faulty log), as in every crmlib function that reads a purchase log.
    * Timezone-aware dates count on their local calendar day (two purchases on one Shanghai
      morning are one purchase day), as in every crmlib function that reads a purchase log
      (:func:`crmlib.purchase_log.purchase_days`).

    References
    ----------
    Hughes, A. M. (1994). *Strategic Database Marketing*. Probus. Fader, P. S., Hardie, B. G. S.
    & Lee, K. L. (2005). RFM and CLV: using iso-value curves for customer base analysis.
    *Journal of Marketing Research* 42(4), 415–430.

    Examples
    --------
    Customer 1 buys twice on 1 March and once on 5 March; customer 2 once on 3 March.

    >>> log = pd.DataFrame({"customer_id": [1, 1, 2, 1],
    ...                     "date": pd.to_datetime(["2024-03-01", "2024-03-01", "2024-03-03",
    ...                                             "2024-03-05"]),
    ...                     "amount": [10.0, 5.0, 20.0, 7.5]})
    >>> rfm_summary(log, as_of="2024-03-10")
                 recency  frequency  monetary
    customer_id
    1                  5          2      22.5
    2                  7          1      20.0
    """
    days = purchase_days(transactions, customer_col=customer_col, date_col=date_col,
                         amount_col=amount_col)      # one row per customer and purchase day
    as_of_day = days.last_day.max() if as_of is None else as_day_number(as_of, "as_of")
    recency = as_of_day - days.last_day
    _check_nobody_bought_after(as_of_day, recency, days.customers)
    return pd.DataFrame({"recency": recency,                  # R: days since the last purchase
                         "frequency": days.day_count,         # F: days with a purchase
                         "monetary": days.total_spend},       # M: money spent in all
                        index=days.customers)


def _check_nobody_bought_after(as_of_day, recency, customers) -> None:
    late = recency < 0
    if late.any():
        raise ValueError(_error("as_of_before_purchase",
                                as_of=np.datetime64(int(as_of_day), "D"), count=int(late.sum()),
                                customer=repr(plain(customers[late][0]))))


# --------------------------------------------------------------------------- scores


def _score(values: np.ndarray, bins: int, *, higher_is_better: bool) -> np.ndarray:
    """1 + floor(bins × (number of customers strictly worse) / n): ties share a score."""
    n = values.size
    ordered = np.sort(values)
    if higher_is_better:
        worse = np.searchsorted(ordered, values, side="left")
    else:
        worse = n - np.searchsorted(ordered, values, side="right")
    return 1 + (bins * worse) // n


def rfm_scores(summary, *, bins=5) -> pd.DataFrame:
    r"""Score recency, frequency and monetary value from 1 to ``bins`` (higher = better).

    Each score is the customer's quantile group on that dimension:

    .. math:: \text{score}_c = 1 + \Big\lfloor \text{bins} \cdot
              \frac{\#\{\text{customers strictly worse than } c\}}{n} \Big\rfloor

    "Worse" means a *longer* recency, a *lower* frequency, a *lower* monetary value. With
    distinct values each score holds n / bins customers (the classic quintiles for bins = 5);
    customers with equal values always get the same score.

    Parameters
    ----------
    summary : DataFrame
        The output of :func:`rfm_summary` (columns ``recency``, ``frequency``, ``monetary``).
    bins : int, default 5
        Number of score levels, 2 to 9 (so the cell is one digit per score).

    Returns
    -------
    DataFrame
        The summary's index with ``R``, ``F``, ``M`` (int scores) and ``cell`` (text such as
        ``"545"``: R, F, M digits).

    Notes
    -----
    Ties matter in real logs: in CDNOW about half the customers bought on one day only, so
    they all share F = 1 and the next F score is 3 (half the customers are worse than
    anyone who bought twice). Splitting ties at random (``rank(method="first")``) would give
    the same customers different scores for no reason; this rule does not.

    References
    ----------
    Hughes, A. M. (1994). *Strategic Database Marketing*. Probus (quintile RFM scoring).

    Examples
    --------
    Five customers with distinct values get scores 1 to 5; the most recent gets R = 5.

    >>> summary = pd.DataFrame({"recency": [3, 40, 10, 200, 90],
    ...                         "frequency": [9, 1, 4, 1, 2],
    ...                         "monetary": [500.0, 20.0, 150.0, 35.0, 60.0]})
    >>> rfm_scores(summary)
       R  F  M cell
    0  5  5  5  555
    1  3  1  1  311
    2  4  4  4  444
    3  1  1  2  112
    4  2  3  3  233
    """
    check_dataframe(summary, "summary")
    check_columns(summary, ["recency", "frequency", "monetary"], "summary")
    bins = check_whole_number(bins, "bins", minimum=2)
    if bins > 9:
        raise ValueError(_error("bins", value=repr(bins)))
    columns = {}
    for name, better in (("recency", False), ("frequency", True), ("monetary", True)):
        values = summary[name].to_numpy(dtype=np.float64, na_value=np.nan)
        if not np.isfinite(values).all():
            raise ValueError(_error("summary_not_finite", column=repr(name)))
        if (values < 0).any():
            raise ValueError(_error("summary_negative", column=repr(name), name=name,
                                    value=f"{values[values < 0][0]:g}"))
        columns[name[0].upper()] = _score(values, bins, higher_is_better=better)
    scores = pd.DataFrame(columns, index=summary.index)
    scores["cell"] = (scores["R"].astype(str) + scores["F"].astype(str)
                      + scores["M"].astype(str))
    return scores


# --------------------------------------------------------------------------- segments


class RFMSegment(CatalogueEnum, vocabulary="rfm_segment"):
    """The named RFM segments, best first (rules in :func:`rfm_segment_table`).

    Members compare equal to their value, so the output of :func:`rfm_segments` can be
    compared with them: ``segments == RFMSegment.AT_RISK``.

    Examples
    --------
    >>> [segment.value for segment in RFMSegment][:3]
    ['champions', 'loyal', 'potential loyalists']
    >>> RFMSegment("at risk") == "at risk"
    True
    >>> RFMSegment.AT_RISK.chinese
    '有流失风险的客户'
    """

    CHAMPIONS = "champions"
    LOYAL = "loyal"
    POTENTIAL_LOYALISTS = "potential loyalists"
    NEW_CUSTOMERS = "new customers"
    NEEDS_ATTENTION = "needs attention"
    AT_RISK = "at risk"
    HIBERNATING = "hibernating"


#: The R and F score ranges of each segment (the grid's rules).
_SEGMENT_RULES = [
    ("champions", "4–5", "4–5"),
    ("loyal", "3", "4–5"),
    ("potential loyalists", "4–5", "2–3"),
    ("new customers", "4–5", "1"),
    ("needs attention", "3", "1–3"),
    ("at risk", "1–2", "3–5"),
    ("hibernating", "1–2", "1–2"),
]


def rfm_segment_table() -> pd.DataFrame:
    """The rules that name RFM segments from the R and F scores (1–5), with a suggested action.

    Returns
    -------
    DataFrame
        ``segment``, ``R`` and ``F`` (score ranges), ``description``, ``action``. The rules
        cover all 25 (R, F) combinations exactly once. ``description`` and ``action`` are in
        the kit's language (:func:`crmlib.set_language`), from the text catalogue
        (``selection.rfm_segment``).

    Notes
    -----
    The segments are the kit's version of the R × F grid widely used in marketing practice;
    M is left out of the names (it ranks customers *within* a segment). Recency comes first
    because it predicts the next purchase best (Hughes 1994).

    Examples
    --------
    >>> rfm_segment_table()["segment"].tolist()[:3]
    ['champions', 'loyal', 'potential loyalists']
    """
    rows = [(segment, r, f, text(f"selection.rfm_segment.{RFMSegment(segment)._key}.description"),
             text(f"selection.rfm_segment.{RFMSegment(segment)._key}.action"))
            for segment, r, f in _SEGMENT_RULES]
    return pd.DataFrame(rows, columns=["segment", "R", "F", "description", "action"])


def _segment_grid() -> np.ndarray:
    """grid[R - 1, F - 1] = segment name, from the rules table."""
    def span(text):
        low, _, high = text.partition("–")
        return range(int(low), int(high or low) + 1)

    grid = np.empty((5, 5), dtype=object)
    for segment, r_range, f_range in _SEGMENT_RULES:
        for r in span(r_range):
            for f in span(f_range):
                grid[r - 1, f - 1] = segment
    return grid


def rfm_segments(scores) -> pd.Series:
    """Name each customer's RFM segment from their R and F scores (1–5).

    Parameters
    ----------
    scores : DataFrame
        With integer columns ``R`` and ``F`` from 1 to 5, e.g. the output of
        ``rfm_scores(summary, bins=5)``.

    Returns
    -------
    Series of str
        The segment (an :class:`RFMSegment` value), with the scores' index.

    Notes
    -----
    The rules (see :func:`rfm_segment_table`): champions R 4–5 & F 4–5; loyal R 3 & F 4–5;
    potential loyalists R 4–5 & F 2–3; new customers R 4–5 & F 1; needs attention R 3 & F 1–3;
    at risk R 1–2 & F 3–5; hibernating R 1–2 & F 1–2.

    Examples
    --------
    >>> rfm_segments(pd.DataFrame({"R": [5, 3, 1, 2], "F": [5, 4, 4, 1]})).tolist()
    ['champions', 'loyal', 'at risk', 'hibernating']
    """
    check_dataframe(scores, "scores")
    check_columns(scores, ["R", "F"], "scores")
    values = {}
    for name in ("R", "F"):
        column = scores[name].to_numpy(dtype=np.float64, na_value=np.nan)
        if not np.isin(column, [1, 2, 3, 4, 5]).all():
            bad = column[~np.isin(column, [1, 2, 3, 4, 5])][0]
            raise ValueError(_error("segment_scores", column=repr(name), value=f"{bad:g}"))
        values[name] = column.astype(int)
    names = _segment_grid()[values["R"] - 1, values["F"] - 1]
    return pd.Series(names, index=scores.index, name="segment")
