r"""Cohort analysis (同期群分析): how each acquisition cohort keeps buying over time.

A *cohort* is the group of customers who made their first purchase in the same period (month or
week). Following each cohort period by period since acquisition shows how a customer base
wears away, and whether newer cohorts behave better than older ones.

Three tables, all with one row per acquisition cohort and one column per *period since
acquisition* (0 = the acquisition period itself):

* :func:`cohort_table` — how many of the cohort bought in each period (*active customers*), or
  with ``normalize=True`` the share of the cohort that did (the usual "retention heat map");
* :func:`cohort_survival` — :math:`S(t)`, the share of the cohort still *alive* in period
  :math:`t`, i.e. that buys in period :math:`t` or later;
* :func:`cohort_retention` — :math:`r_t = S(t)/S(t-1)`, the share of those alive in period
  :math:`t-1` who are still alive in period :math:`t`.

Survival and retention convert into each other (Fader & Hardie 2007, eq. 1):

.. math:: S(t) = \prod_{i=1}^{t} r_i, \qquad r_t = \frac{S(t)}{S(t-1)}

(:func:`survival_from_retention`, :func:`retention_from_survival`).

Cells a cohort has not reached yet (after the last date in the log) are empty (NaN), never 0.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlib._validation import _show, as_float_array, check_rate, check_whole_number
from crmlib.i18n import text
from crmlib.purchase_log import purchase_days
from crmlib.units import TimeUnit, check_time_unit

__all__ = [
    "cohort_retention",
    "cohort_survival",
    "cohort_table",
    "retention_from_survival",
    "survival_from_retention",
]



class _Cohorts:
    """Every purchase day's period and every customer's cohort, from the purchase-log layer."""

    def __init__(self, transactions, time_unit, customer_col, date_col):
        self.unit = check_time_unit(time_unit, allowed=("M", "W"))
        days = purchase_days(transactions, customer_col=customer_col, date_col=date_col,
                             amount_col=None, sort_customers=False)   # ids are not shown
        if self.unit == TimeUnit.MONTH:
            number = days.day.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
        else:  # weeks run Monday to Sunday; day 0 (1970-01-01) was a Thursday
            number = (days.day + 3) // 7
        self.customer = days.customer    # one row per customer and purchase day, sorted
        self.number = number             # the period of each row, sorted within a customer
        self.first = number[days.start[:-1]]
        self.last = number[days.start[1:] - 1]
        self.start = int(self.first.min())
        self.end = int(number.max())
        self.n_cohorts = int(self.first.max()) - self.start + 1
        self.n_offsets = self.end - self.start + 1
        self.cohort_of_customer = self.first - self.start
        self.sizes = np.bincount(self.cohort_of_customer, minlength=self.n_cohorts)

    def labels(self) -> pd.PeriodIndex:
        ordinals = np.arange(self.start, self.start + self.n_cohorts)
        if self.unit == TimeUnit.MONTH:
            index = pd.PeriodIndex.from_ordinals(ordinals, freq="M")
        else:
            mondays = (ordinals * 7 - 3).astype("datetime64[D]")
            index = pd.DatetimeIndex(mondays).to_period("W-SUN")
        return index.rename("cohort")

    def observed(self) -> np.ndarray:
        """True where cohort c has reached offset k by the end of the log."""
        last_offset = self.end - (self.start + np.arange(self.n_cohorts))
        return np.arange(self.n_offsets)[None, :] <= last_offset[:, None]

    def count(self, cohort: np.ndarray, offset: np.ndarray) -> np.ndarray:
        """How many (cohort, offset) pairs fall in each cell of the cohorts × offsets grid."""
        cells = np.bincount(cohort * self.n_offsets + offset,
                            minlength=self.n_cohorts * self.n_offsets)
        return cells.reshape(self.n_cohorts, self.n_offsets)

    def frame(self, values: np.ndarray, *, mask_unobserved=True) -> pd.DataFrame:
        values = values.astype(float)
        if mask_unobserved:
            values[~self.observed()] = np.nan
        table = pd.DataFrame(values, index=self.labels(),
                             columns=pd.RangeIndex(self.n_offsets,
                                                   name=f"{self.unit.plural}_since_acquisition"))
        return table[self.sizes > 0]


def cohort_table(transactions, *, time_unit="M", normalize=False, customer_col="customer_id",
                 date_col="date"):
    """Active customers by acquisition cohort and period since acquisition.

    A customer belongs to the cohort of the period (calendar month, or Monday-to-Sunday week) of
    their first purchase, and is *active* in a period if they bought at least once in it.

    Parameters
    ----------
    transactions : DataFrame
        One row per purchase: customer and date (amounts are not needed).
    time_unit : {"M", "W"}, default "M"
        The length of a period, for cohorts and columns alike: calendar months or
        Monday-to-Sunday weeks (a :class:`crmlib.units.TimeUnit`).
    normalize : bool, default False
        ``False``: numbers of active customers. ``True``: the share of each cohort active in
        each period (column 0 is then 1.0).
    customer_col, date_col : str
        Column names (keyword-only).

    Returns
    -------
    DataFrame
        Index: the cohorts (``PeriodIndex`` named ``cohort``); columns: periods since
        acquisition 0, 1, 2, …; NaN where the log ends before the cohort reaches that period.
        Column 0 holds the cohort sizes.

    Notes
    -----
    Active customers are not survivors: a customer may skip a period and buy again later, so
    the counts can rise as well as fall. For survival (share not yet lost) use
    :func:`cohort_survival`.

    Examples
    --------
    Three customers: two acquired in January (one buys again in March), one in February.

    >>> import pandas as pd
    >>> log = pd.DataFrame({"customer_id": [1, 2, 1, 3],
    ...     "date": pd.to_datetime(["2023-01-05", "2023-01-20", "2023-03-02", "2023-02-11"])})
    >>> cohort_table(log)
    months_since_acquisition    0    1    2
    cohort
    2023-01                   2.0  0.0  1.0
    2023-02                   1.0  0.0  NaN
    """
    cohorts = _Cohorts(transactions, time_unit, customer_col, date_col)
    customer, number = cohorts.customer, cohorts.number
    # rows are sorted by customer and day, so a customer's active periods are where it changes
    active = np.r_[True, (customer[1:] != customer[:-1]) | (number[1:] != number[:-1])]
    customer, number = customer[active], number[active]
    counts = cohorts.count(cohorts.cohort_of_customer[customer], number - cohorts.first[customer])
    table = cohorts.frame(counts)
    if normalize:
        table = table.div(table[0], axis=0)
    return table


def _survival_counts(cohorts: _Cohorts, followup: int) -> pd.DataFrame:
    histogram = cohorts.count(cohorts.cohort_of_customer, cohorts.last - cohorts.first)
    alive = np.cumsum(histogram[:, ::-1], axis=1)[:, ::-1]  # last purchase at offset >= k
    table = cohorts.frame(alive)
    if followup:
        reached = cohorts.observed()
        shifted = np.zeros_like(reached)
        if followup < reached.shape[1]:
            shifted[:, : reached.shape[1] - followup] = reached[:, followup:]
        table = table.where(shifted[cohorts.sizes > 0])
    return table


def cohort_survival(transactions, *, time_unit="M", followup=0, pooled=False,
                    customer_col="customer_id", date_col="date"):
    r"""Share of each acquisition cohort still alive, period by period: :math:`S(t)`.

    A customer counts as *alive* in period :math:`t` (since acquisition) if they buy in period
    :math:`t` or in any later period of the log; :math:`S(0) = 1`.

    Parameters
    ----------
    transactions : DataFrame
        One row per purchase: customer and date.
    time_unit : {"M", "W"}, default "M"
        Period length: calendar months or Monday-to-Sunday weeks.
    followup : int, default 0
        Leave a cell empty unless the log continues at least this many periods after it. Near
        the end of the log, customers who have not bought *yet* may still come back, so the last
        cells understate survival (right-censoring); ``followup=6`` with months hides the last
        six months of every cohort.
    pooled : bool, default False
        ``True``: one survival curve for all cohorts together (a Series indexed by period since
        acquisition): each period's retention pools every cohort observed in that period,
        :math:`r_t = \sum_c \text{alive}_c(t) / \sum_c \text{alive}_c(t-1)`, and
        :math:`S(t) = \prod r_i` (the life-table method).
    customer_col, date_col : str
        Column names (keyword-only).

    Returns
    -------
    DataFrame or Series
        Fractions between 0 and 1: cohorts × periods since acquisition (NaN where not
        observed), or the pooled curve.

    References
    ----------
    Fader, P. S. & Hardie, B. G. S. (2007). How to project customer retention. *Journal of
    Interactive Marketing* 21(1), 76–90 (survival and retention, eq. 1).

    Examples
    --------
    Four January customers whose last purchases fall in months 0, 0, 1 and 2 since acquisition:
    S = 4/4, 2/4, 1/4.

    >>> import pandas as pd
    >>> log = pd.DataFrame({"customer_id": [1, 2, 3, 3, 4, 4],
    ...     "date": pd.to_datetime(["2023-01-03", "2023-01-09", "2023-01-15", "2023-02-15",
    ...                             "2023-01-30", "2023-03-01"])})
    >>> cohort_survival(log).iloc[0].tolist()
    [1.0, 0.5, 0.25]
    """
    followup = check_whole_number(followup, "followup", minimum=0)
    cohorts = _Cohorts(transactions, time_unit, customer_col, date_col)
    alive = _survival_counts(cohorts, followup)
    if not pooled:
        return alive.div(alive[0], axis=0)
    previous = alive.shift(1, axis=1)
    both = alive.notna() & previous.notna()
    at_risk = previous.where(both).sum()
    retention = alive.where(both).sum() / at_risk.where(at_risk > 0)
    retention.iloc[0] = 1.0
    retention = retention[(at_risk > 0) | (retention.index == 0)]
    survival = retention.cumprod()
    survival.name = "survival"
    return survival


def cohort_retention(transactions, *, time_unit="M", followup=0, pooled=False,
                     customer_col="customer_id", date_col="date"):
    r"""Period-to-period retention of each acquisition cohort: :math:`r_t = S(t)/S(t-1)`.

    The share of the customers alive in period :math:`t-1` since acquisition who are still
    alive in period :math:`t` (see :func:`cohort_survival` for "alive").

    Parameters
    ----------
    transactions, time_unit, followup, pooled, customer_col, date_col
        As in :func:`cohort_survival`.

    Returns
    -------
    DataFrame or Series
        Retention rates (fractions) for periods 1, 2, …; NaN where not observed.

    Examples
    --------
    >>> import pandas as pd
    >>> log = pd.DataFrame({"customer_id": [1, 2, 3, 3, 4, 4],
    ...     "date": pd.to_datetime(["2023-01-03", "2023-01-09", "2023-01-15", "2023-02-15",
    ...                             "2023-01-30", "2023-03-01"])})
    >>> cohort_retention(log).iloc[0].tolist()  # 2/4, then 1/2
    [0.5, 0.5]
    """
    survival = cohort_survival(transactions, time_unit=time_unit, followup=followup, pooled=pooled,
                               customer_col=customer_col, date_col=date_col)
    return retention_from_survival(survival)


# --------------------------------------------------------------------------- conversions


def retention_from_survival(survival):
    r"""Retention rates from a survival curve: :math:`r_t = S(t) / S(t-1)`, :math:`t \ge 1`.

    Parameters
    ----------
    survival : array-like, Series or DataFrame
        :math:`S(0), S(1), \dots` — shares or counts of a cohort still alive (counts work too:
        the ratio is the same). A DataFrame is read row by row (one cohort per row); NaN cells
        (not yet observed) stay NaN.

    Returns
    -------
    ndarray, Series or DataFrame
        One value fewer per row than the input, for periods 1, 2, …

    References
    ----------
    Fader & Hardie (2007), eq. 1.

    Examples
    --------
    The Fader–Hardie "regular" customers: 1000, 631, 468 survivors give retention 0.631 and
    468 / 631 = 0.742.

    >>> retention_from_survival([1000, 631, 468]).round(3).tolist()
    [0.631, 0.742]
    """
    if isinstance(survival, pd.DataFrame):
        for label, row in survival.iterrows():
            check_survival(row.dropna().to_numpy(dtype=float), f"survival of cohort {label}")
        return survival.iloc[:, 1:] / survival.iloc[:, :-1].to_numpy()
    values = check_survival(survival)
    ratio = values[1:] / values[:-1]
    if isinstance(survival, pd.Series):
        return pd.Series(ratio, index=survival.index[1:], name="retention")
    return ratio


def check_survival(values, name: str = "survival", *, minimum: int = 2) -> np.ndarray:
    """One survival curve (counts or shares, oldest first): at least ``minimum`` finite numbers,
    none negative, the first above 0, never rising. Returns it as a float array."""
    curve = as_float_array(values, name)
    if curve.ndim != 1:
        raise ValueError(text("error.cohorts.not_one_curve", name=name, shape=curve.shape))
    if curve.size < minimum:
        raise ValueError(text("error.cohorts.too_short", name=name, size=curve.size,
                              values=_show(curve), minimum=minimum, periods=minimum - 1))
    if np.isinf(curve).any():
        raise ValueError(text("error.cohorts.not_finite", name=name, values=_show(curve)))
    if (curve < 0).any():
        k = int(np.flatnonzero(curve < 0)[0])
        raise ValueError(text("error.cohorts.negative", name=name, value=f"{curve[k]:g}",
                              period=k, values=_show(curve)))
    if curve[0] <= 0:
        raise ValueError(text("error.cohorts.first_not_positive", name=name,
                              values=_show(curve)))
    rising = np.flatnonzero(np.diff(curve) > 0)
    if rising.size:
        k = int(rising[0])
        raise ValueError(text("error.cohorts.rising", name=name, before=f"{curve[k]:g}",
                              period=k, after=f"{curve[k + 1]:g}", next_period=k + 1))
    return curve


def survival_from_retention(retention):
    r"""A survival curve from period-by-period retention rates: :math:`S(t) = \prod_{i\le t} r_i`.

    Parameters
    ----------
    retention : array-like or Series
        :math:`r_1, r_2, \dots`, fractions between 0 and 1 (0.8, not 80).

    Returns
    -------
    ndarray or Series
        :math:`S(0) = 1, S(1), \dots, S(T)`: one value more than the input.

    References
    ----------
    Fader & Hardie (2007), eq. 1.

    Examples
    --------
    Retention 0.631 then 0.742: S = 1, 0.631, 0.631 × 0.742 = 0.468.

    >>> survival_from_retention([0.631, 0.742]).round(3).tolist()
    [1.0, 0.631, 0.468]
    """
    rates = check_rate(retention, "retention")
    if rates.ndim != 1:
        raise ValueError(text("error.cohorts.retention_not_one_curve", shape=rates.shape))
    survival = np.concatenate([[1.0], np.cumprod(rates)])
    if isinstance(retention, pd.Series):
        index = pd.RangeIndex(len(survival))
        return pd.Series(survival, index=index, name="survival")
    return survival
