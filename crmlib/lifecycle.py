r"""The customer lifecycle (客户生命周期): stages, patterns and where each customer is now.

A customer relationship runs from the first contact to its end through four stages — the
*exploration stage* (考察期), the *formation stage* (形成期), the *stability stage* (稳定期) and the
*decline stage* (退化期) — and, looking back on relationships that have ended, follows one of four
*patterns*: *early abort* (早期流产型), *mid-way termination* (中途夭折型), *premature exit*
(提前退出型) and *long-term* (长久保持型).

This module makes the model measurable:

* :class:`LifecycleStage`, :class:`LifecyclePattern` and :func:`stage_table` /
  :func:`pattern_table`: the course's definitions (what each stage looks like, the firm's aim,
  the customer's contribution and the strategy) as data.
* :func:`classify_stages`: the stage of every customer in a purchase log *as of* a date, by five
  explicit rules on tenure, purchase trend and inactivity (thresholds are parameters).
* :func:`stage_history` / :func:`stage_path`: the same rules applied at the end of every month
  (or week), so a customer's path through the stages can be read off.
* :func:`lifecycle_patterns`: the pattern of each ended relationship, from its path.
* :func:`lifecycle_profit_curve`: the stylised profit a relationship brings in each stage, and
  what cutting it short (each pattern) does to its value.

The rules
---------
For a customer with at least one purchase on or before the date :math:`A` ("as of"), let the
*tenure* be the days since the first purchase, the *inactivity* the days since the last purchase,
and compare the spend in the last ``window_days`` (the *recent window*, :math:`(A-w, A]`) with
the spend in the ``window_days`` before it (the *previous window*). The first rule that applies
gives the stage:

1. **ended** — inactivity above ``lost_after_days`` (365): the relationship is over.
2. **exploration** — tenure below ``exploration_days`` (90), or fewer than
   ``min_purchase_days`` (3) days with a purchase: both sides are still trying each other out.
3. **decline** — inactivity above ``decline_after_days`` (90), or recent spend below
   ``decline_ratio`` (0.5) × previous spend: the customer is drifting away.
4. **formation** — tenure below ``stability_days`` (365), or recent spend above
   ``growth_ratio`` (1.5) × previous spend: the relationship is still growing.
5. **stability** — everything else: an established customer buying at a steady level.

"Ended" is a state, not a stage: the relationship has no stage any more.

References
----------
Course material, 项目二 "建立客户关系（选择）": 客户生命周期理论 (stage table and the four
patterns).
Dwyer, F. R., Schurr, P. H. & Oh, S. (1987). Developing buyer-seller relationships. *Journal of
Marketing* 51(2), 11–27 (the phase model the four stages build on).
Chen Mingliang 陈明亮 (2003). 客户生命周期模式研究. *浙江大学学报(人文社会科学版)* 33(6), 66–72.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import numpy as np
import pandas as pd

from crmlib._validation import (
    as_day_number,
    check_discount_rate,
    check_finite,
    check_nonnegative,
    check_positive,
    check_scalar,
    check_transactions,
    check_whole_number,
)
from crmlib.i18n import text
from crmlib.purchase_log import PurchaseDays, purchase_days
from crmlib.units import TimeUnit, check_time_unit

__all__ = [
    "ENDED",
    "LifecyclePattern",
    "LifecycleStage",
    "classify_stages",
    "lifecycle_patterns",
    "lifecycle_profit_curve",
    "pattern_table",
    "stage_history",
    "stage_path",
    "stage_table",
]


# --------------------------------------------------------------------------- definitions


# The stages' and patterns' names in both languages (fixed: the tables show the English name
# beside the course's term). Every sentence about them (metaphor, features, aim, contribution,
# strategy, a pattern's description) is in the catalogue: lifecycle.toml and
# vocab_lifecycle.toml, one file per language.
_STAGES = {
    "exploration": ("exploration stage", "考察期"),
    "formation": ("formation stage", "形成期"),
    "stability": ("stability stage", "稳定期"),
    "decline": ("decline stage", "退化期"),
}
_STAGE_TEXTS = ("metaphor", "features", "aim", "customer_contribution", "strategy")

_PATTERNS = {
    "early_abort": ("early abort", "早期流产型", "exploration"),
    "midway_termination": ("mid-way termination", "中途夭折型", "formation"),
    "premature_exit": ("premature exit", "提前退出型", "stability"),
    "long_term": ("long-term", "长久保持型", "stability"),
}
_NAMES = {"LifecycleStage": _STAGES, "LifecyclePattern": _PATTERNS}


class _NamedTerm(enum.StrEnum):
    """A category of the lifecycle model whose names in both languages are fixed: its row in
    :data:`_NAMES` is (English name, the course's Chinese term, …)."""

    @property
    def _row(self) -> tuple:
        return _NAMES[type(self).__name__][self.value]

    @property
    def english(self) -> str:
        """English name, e.g. 'exploration stage' or 'early abort'."""
        return self._row[0]

    @property
    def chinese(self) -> str:
        """The course's Chinese term, e.g. '考察期' or '早期流产型'."""
        return self._row[1]


class LifecycleStage(_NamedTerm):
    """The four stages of a customer relationship, in order.

    Members compare equal to their value, so a DataFrame column of stage names can be compared
    with them directly: ``table["stage"] == LifecycleStage.STABILITY``.

    Examples
    --------
    >>> LifecycleStage.FORMATION.chinese
    '形成期'
    >>> LifecycleStage("stability").english
    'stability stage'
    >>> [stage.value for stage in LifecycleStage]
    ['exploration', 'formation', 'stability', 'decline']
    """

    EXPLORATION = "exploration"
    FORMATION = "formation"
    STABILITY = "stability"
    DECLINE = "decline"

    @property
    def order(self) -> int:
        """Position in the lifecycle: 0 (exploration) to 3 (decline)."""
        return list(_STAGES).index(self.value)

    @property
    def strategy(self) -> str:
        """What the firm should do in this stage (from :func:`stage_table`)."""
        return text(f"lifecycle.stage.{self.value}.strategy")


class LifecyclePattern(_NamedTerm):
    """The four ways an ended relationship can have run (Chen 2003, course material).

    Examples
    --------
    >>> LifecyclePattern.PREMATURE_EXIT.chinese
    '提前退出型'
    >>> LifecyclePattern.EARLY_ABORT.highest_stage
    <LifecycleStage.EXPLORATION: 'exploration'>
    """

    EARLY_ABORT = "early_abort"
    MIDWAY_TERMINATION = "midway_termination"
    PREMATURE_EXIT = "premature_exit"
    LONG_TERM = "long_term"

    @property
    def highest_stage(self) -> LifecycleStage:
        """The furthest stage the relationship reached before it ended."""
        return LifecycleStage(_PATTERNS[self.value][2])

    @property
    def description(self) -> str:
        """One sentence on how the relationship ran (in the current language)."""
        return text(f"vocab.lifecycle_pattern.{self.value}.description")


#: The state of a customer whose relationship is over (not a stage).
ENDED = "ended"
_STAGE_ORDER = [*(stage.value for stage in LifecycleStage), ENDED]


def stage_table() -> pd.DataFrame:
    """The course's table of lifecycle stages: what each looks like and what the firm does.

    Returns
    -------
    DataFrame
        One row per stage (index: ``exploration``, ``formation``, ``stability``, ``decline``)
        with columns ``name``, ``chinese``, ``metaphor``, ``metaphor_chinese``, ``features``,
        ``aim``, ``customer_contribution`` and ``strategy``.

    References
    ----------
    Course material, 项目二, "客户关系生命周期各阶段的特征" (1) and (2).

    Examples
    --------
    >>> table = stage_table()
    >>> table.loc["stability", ["chinese", "metaphor"]].tolist()
    ['稳定期', 'marriage']
    """
    rows = {key: {"name": english, "chinese": chinese,
                  "metaphor": text(f"lifecycle.stage.{key}.metaphor"),
                  "metaphor_chinese": text(f"lifecycle.stage.{key}.metaphor", language="zh"),
                  **{column: text(f"lifecycle.stage.{key}.{column}")
                     for column in _STAGE_TEXTS[1:]}}
            for key, (english, chinese) in _STAGES.items()}
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "stage"
    return table


def pattern_table() -> pd.DataFrame:
    """The four lifecycle patterns: name, Chinese term, furthest stage reached, description.

    Examples
    --------
    >>> pattern_table().loc["midway_termination", "chinese"]
    '中途夭折型'
    """
    table = pd.DataFrame.from_dict(
        {key: {"name": name, "chinese": chinese, "highest_stage": highest,
               "description": text(f"vocab.lifecycle_pattern.{key}.description")}
         for key, (name, chinese, highest) in _PATTERNS.items()}, orient="index")
    table.index.name = "pattern"
    return table


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class _Rules:
    exploration_days: float
    stability_days: float
    window_days: float
    decline_ratio: float
    growth_ratio: float
    lost_after_days: float
    min_purchase_days: int
    decline_after_days: float


def _check_rules(exploration_days, stability_days, window_days, decline_ratio, growth_ratio,
                 lost_after_days, min_purchase_days, decline_after_days) -> _Rules:
    def positive(value, name):
        return check_scalar(check_positive(value, name), name)

    rules = _Rules(positive(exploration_days, "exploration_days"),
                   positive(stability_days, "stability_days"),
                   positive(window_days, "window_days"),
                   positive(decline_ratio, "decline_ratio"),
                   positive(growth_ratio, "growth_ratio"),
                   positive(lost_after_days, "lost_after_days"),
                   check_whole_number(min_purchase_days, "min_purchase_days", minimum=1),
                   positive(decline_after_days, "decline_after_days"))
    if rules.stability_days < rules.exploration_days:
        raise ValueError(text("error.lifecycle.stability_before_exploration",
                              stability_days=repr(stability_days),
                              exploration_days=repr(exploration_days)))
    if rules.decline_after_days > rules.lost_after_days:
        raise ValueError(text("error.lifecycle.decline_after_lost",
                              decline_after_days=repr(decline_after_days),
                              lost_after_days=repr(lost_after_days)))
    if rules.decline_ratio >= 1:
        raise ValueError(text("error.lifecycle.decline_ratio", value=repr(decline_ratio)))
    if rules.growth_ratio <= 1:
        raise ValueError(text("error.lifecycle.growth_ratio", value=repr(growth_ratio)))
    return rules


def _dates(days) -> np.ndarray:
    """Day numbers (days since 1970-01-01) as datetime64[us]."""
    return np.asarray(days, dtype=np.int64).astype("datetime64[D]").astype("datetime64[us]")


def _date(day) -> pd.Timestamp:
    """One day number as a Timestamp."""
    return pd.Timestamp(np.datetime64(int(day), "D"))


def _evaluate(days: PurchaseDays, as_of_day: int, rules: _Rules) -> pd.DataFrame:
    """The rule inputs and the stage of every customer with a purchase by ``as_of_day``.

    Binary searches in the sorted purchase days instead of a group-by, so the rules can be
    applied at many dates cheaply: spend in a window is a difference of running sums.
    """
    cumulative = days.cumulative_spend
    end = days.rows_through(as_of_day)
    mid = days.rows_through(as_of_day - rules.window_days)
    begin = days.rows_through(as_of_day - 2 * rules.window_days)
    start = days.start[:-1]
    known = end > start
    last = days.day[np.maximum(end - 1, 0)]
    tenure = (as_of_day - days.first_day).astype(float)
    inactivity = (as_of_day - last).astype(float)
    purchase_days = end - start
    recent = cumulative[end] - cumulative[np.maximum(mid, start)]
    previous = (cumulative[np.maximum(mid, start)] - cumulative[np.maximum(begin, start)])
    conditions = [
        inactivity > rules.lost_after_days,
        (tenure < rules.exploration_days) | (purchase_days < rules.min_purchase_days),
        (inactivity > rules.decline_after_days) | (recent < rules.decline_ratio * previous),
        (tenure < rules.stability_days) | (recent > rules.growth_ratio * previous),
    ]
    codes = np.select(conditions, [4, 0, 3, 1], default=2)
    rule = np.select(conditions, [1, 2, 3, 4], default=5)
    table = pd.DataFrame({
        "first_purchase": _dates(days.first_day), "last_purchase": _dates(last),
        "tenure_days": tenure, "days_since_last": inactivity,
        "purchase_days": purchase_days, "recent_spend": recent, "previous_spend": previous,
        "stage_code": codes, "rule": rule,
    }, index=days.customers.rename("customer_id"))
    return table[known]


def _stage_column(codes) -> pd.Categorical:
    return pd.Categorical.from_codes(np.asarray(codes), categories=_STAGE_ORDER, ordered=True)


def _reasons(rules: _Rules) -> dict[int, str]:
    r = rules
    values = dict(lost_after_days=f"{r.lost_after_days:g}",
                  exploration_days=f"{r.exploration_days:g}",
                  min_purchase_days=r.min_purchase_days,
                  decline_after_days=f"{r.decline_after_days:g}", window_days=f"{r.window_days:g}",
                  decline_ratio=f"{r.decline_ratio:g}", stability_days=f"{r.stability_days:g}",
                  growth_ratio=f"{r.growth_ratio:g}")
    return {rule: text(f"lifecycle.reason.rule_{rule}", **values) for rule in range(1, 6)}


def _as_of_day(days: PurchaseDays, as_of) -> int:
    if as_of is None:
        return int(days.day.max())
    day = as_day_number(as_of, "as_of")
    if day < int(days.first_day.min()):
        first = _date(days.first_day.min()).date()
        raise ValueError(text("error.lifecycle.as_of_before_first", as_of=_date(day).date(),
                              first=first))
    return day


def classify_stages(transactions, as_of=None, *, exploration_days=90, stability_days=365,
                    window_days=180, decline_ratio=0.5, growth_ratio=1.5, lost_after_days=365,
                    min_purchase_days=3, decline_after_days=90, customer_col="customer_id",
                    date_col="date", amount_col="amount"):
    """The lifecycle stage of every customer in a purchase log, as of a date.

    Applies the five rules of the module docstring, in order; the first that applies gives the
    stage. Purchases dated after ``as_of`` are not seen (the classification is what a manager
    could have known on that day); several purchases on one day count as one purchase day.

    Parameters
    ----------
    transactions : DataFrame
        One row per purchase: customer, date, amount (money, 0 or more).
    as_of : date-like, optional
        The day of the classification. Default: the last purchase date in the log.
    exploration_days : float, default 90
        Tenure (days since the first purchase) below which a customer is still exploring.
    stability_days : float, default 365
        Tenure in days below which a non-declining customer is still in formation.
    window_days : float, default 180
        Length in days of the recent window and of the previous window the trend compares.
    decline_ratio : float, default 0.5
        Decline when recent spend is below this fraction of previous spend.
    decline_after_days : float, default 90
        Decline when the customer has not bought for more than this many days.
    growth_ratio : float, default 1.5
        Formation (still growing) when recent spend is above this multiple of previous spend.
    lost_after_days : float, default 365
        Days without a purchase after which the relationship counts as ended.
    min_purchase_days : int, default 3
        Days with a purchase needed to leave exploration (3 = the customer came back twice).
    customer_col, date_col, amount_col : str
        Column names (keyword-only).

    Returns
    -------
    DataFrame
        Indexed by customer id, one row per customer with a purchase on or before ``as_of``:
        ``first_purchase``, ``last_purchase``, ``tenure_days``, ``days_since_last``,
        ``purchase_days``, ``recent_spend``, ``previous_spend``, ``stage`` (ordered categorical:
        exploration, formation, stability, decline, ended), ``rule`` (1–5, which rule decided)
        and ``reason`` (the rule in words).

    Notes
    -----
    The thresholds suit a business where good customers buy every few months (hotel stays, CDs,
    clothing). For weekly purchases (groceries) shorten every window; for yearly contracts use
    a cohort survival model (:class:`crmlib.ShiftedBetaGeometric`) instead.

    Examples
    --------
    Customer 1 bought twice a month for two years at a steady level; customer 2 bought once a
    week ago; customer 3 stopped buying 400 days ago.

    >>> import pandas as pd
    >>> dates = pd.date_range("2022-01-01", "2023-12-31", freq="SMS")
    >>> log = pd.DataFrame({"customer_id": 1, "date": dates, "amount": 100.0})
    >>> others = pd.DataFrame({"customer_id": [2, 3, 3], "amount": 50.0,
    ...     "date": pd.to_datetime(["2023-12-25", "2022-06-01", "2022-11-26"])})
    >>> log = pd.concat([log, others], ignore_index=True)
    >>> classify_stages(log, "2023-12-31")["stage"].tolist()
    ['stability', 'exploration', 'ended']
    """
    rules = _check_rules(exploration_days, stability_days, window_days, decline_ratio,
                         growth_ratio, lost_after_days, min_purchase_days, decline_after_days)
    days = purchase_days(transactions, customer_col=customer_col, date_col=date_col,
                         amount_col=amount_col)
    table = _evaluate(days, _as_of_day(days, as_of), rules)
    table.index.name = customer_col
    reasons = _reasons(rules)
    table["stage"] = _stage_column(table.pop("stage_code").to_numpy())
    table["reason"] = table["rule"].map(reasons).astype(str)
    return table


#: Checkpoints of the stage history: month ends, or Sundays (the end of a Monday-Sunday week).
_CHECKPOINT_ALIAS = {TimeUnit.MONTH: "ME", TimeUnit.WEEK: "W-SUN"}


def _checkpoints(days: PurchaseDays, unit: TimeUnit, end_day: int) -> pd.DatetimeIndex:
    start = _date(days.first_day.min())
    end = _date(end_day)
    points = pd.date_range(start, end, freq=_CHECKPOINT_ALIAS[unit])
    if len(points) == 0 or points[-1] != end:
        points = points.append(pd.DatetimeIndex([end]))
    return points


def stage_history(transactions, *, time_unit="M", end=None, exploration_days=90,
                  stability_days=365, window_days=180, decline_ratio=0.5, growth_ratio=1.5,
                  lost_after_days=365, min_purchase_days=3, decline_after_days=90,
                  customer_col="customer_id", date_col="date", amount_col="amount"):
    """Every customer's stage at the end of every month (or week): the lifecycle as a panel.

    Applies :func:`classify_stages` with the same rules at each checkpoint — the last day of
    every month (``time_unit="M"``) or every Sunday (``time_unit="W"``) from the first purchase in
    the log, plus ``end`` itself — using only the purchases made by then.

    Parameters
    ----------
    transactions : DataFrame
        One row per purchase.
    time_unit : {"M", "W"}, default "M"
        Spacing of the checkpoints: calendar months or Monday-to-Sunday weeks (a
        :class:`crmlib.units.TimeUnit`).
    end : date-like, optional
        The last checkpoint. Default: the last purchase date in the log.
    exploration_days, stability_days, window_days, decline_ratio, growth_ratio : float
        The rules' thresholds, as in :func:`classify_stages`.
    lost_after_days, decline_after_days : float
        As in :func:`classify_stages`.
    min_purchase_days : int
        As in :func:`classify_stages`.
    customer_col, date_col, amount_col : str
        Column names (keyword-only).

    Returns
    -------
    DataFrame
        Long format: ``customer_id`` (or ``customer_col``), ``as_of`` (checkpoint date) and
        ``stage`` (ordered categorical), one row per customer and checkpoint from the
        customer's first purchase on.

    Examples
    --------
    >>> import pandas as pd
    >>> log = pd.DataFrame({"customer_id": 7, "amount": [80.0, 120.0, 100.0],
    ...                     "date": pd.to_datetime(["2023-01-10", "2023-02-15", "2023-03-05"])})
    >>> history = stage_history(log, end="2023-05-31")
    >>> history["stage"].tolist()
    ['exploration', 'exploration', 'exploration', 'formation', 'formation']
    """
    unit = check_time_unit(time_unit, allowed=_CHECKPOINT_ALIAS)
    rules = _check_rules(exploration_days, stability_days, window_days, decline_ratio,
                         growth_ratio, lost_after_days, min_purchase_days, decline_after_days)
    days = purchase_days(transactions, customer_col=customer_col, date_col=date_col,
                         amount_col=amount_col)
    end_day = _as_of_day(days, end)
    frames = []
    for point in _checkpoints(days, unit, end_day):
        day = int(np.datetime64(point.date(), "D").astype(np.int64))
        table = _evaluate(days, day, rules)
        frames.append(pd.DataFrame({customer_col: table.index.to_numpy(), "as_of": point,
                                    "stage_code": table["stage_code"].to_numpy()}))
    history = pd.concat(frames, ignore_index=True)
    history["stage"] = _stage_column(history.pop("stage_code").to_numpy())
    return history.sort_values([customer_col, "as_of"], kind="stable").reset_index(drop=True)


def stage_path(transactions, customer, *, time_unit="M", end=None, customer_col="customer_id",
               date_col="date", amount_col="amount", **rules):
    """One customer's stage at the end of every month (or week): their path through the lifecycle.

    Parameters
    ----------
    transactions : DataFrame
        The purchase log.
    customer
        The customer id to follow.
    time_unit, end, customer_col, date_col, amount_col, **rules
        As in :func:`stage_history` (thresholds as keyword arguments).

    Returns
    -------
    DataFrame
        ``as_of`` and ``stage``, one row per checkpoint from the customer's first purchase.

    Examples
    --------
    >>> import pandas as pd
    >>> log = pd.DataFrame({"customer_id": ["a", "a", "a", "b"], "amount": 10.0,
    ...     "date": pd.to_datetime(["2023-01-05", "2023-02-20", "2023-03-25", "2023-01-07"])})
    >>> stage_path(log, "a", end="2023-04-30")["stage"].tolist()
    ['exploration', 'exploration', 'exploration', 'formation']
    """
    log = check_transactions(transactions, customer_col=customer_col, date_col=date_col,
                             amount_col=amount_col)
    mine = log[log[customer_col] == customer]
    if mine.empty:
        examples = ", ".join(repr(c) for c in pd.unique(log[customer_col])[:5].tolist())
        raise ValueError(text("error.lifecycle.unknown_customer", customer=repr(customer),
                              examples=examples))
    if end is None:
        end = log[date_col].max()
    history = stage_history(mine, time_unit=time_unit, end=end, customer_col=customer_col,
                            date_col=date_col, amount_col=amount_col, **rules)
    return history[["as_of", "stage"]]


def lifecycle_patterns(transactions, *, time_unit="M", end=None, long_term_days=730,
                       customer_col="customer_id", date_col="date", amount_col="amount",
                       **rules):
    """The lifecycle pattern of every relationship that has ended, from its stage path.

    The path comes from :func:`stage_history` (a checkpoint at the end of every month or
    week). For each customer whose stage at the last checkpoint is *ended*:

    * **early abort** (早期流产型): never left the exploration stage;
    * **mid-way termination** (中途夭折型): reached formation but never stability;
    * **premature exit** (提前退出型): reached stability, but spent less than
      ``long_term_days`` in it;
    * **long-term** (长久保持型): spent at least ``long_term_days`` in stability.

    Customers still active get no pattern yet (their relationship has not ended).

    Parameters
    ----------
    transactions : DataFrame
        The purchase log.
    time_unit : {"M", "W"}, default "M"
        Checkpoint spacing; time in stability is counted as checkpoints × the unit's length
        in days (``DAYS_PER_MONTH`` = 30.44 days, or 7 days).
    end : date-like, optional
        The last checkpoint (default: the last purchase date in the log).
    long_term_days : float, default 730
        Days in stability that make a relationship long-term (two years).
    customer_col, date_col, amount_col, **rules
        Column names and the stage thresholds, as in :func:`classify_stages`.

    Returns
    -------
    DataFrame
        Indexed by customer: ``status`` ("active" or "ended"), ``stage`` (at the last
        checkpoint), ``highest_stage`` (furthest of exploration/formation/stability reached),
        ``days_in_stability`` and ``pattern`` (a :class:`LifecyclePattern` value, or missing for
        active customers).

    Examples
    --------
    A customer who bought once and never came back aborted early:

    >>> import pandas as pd
    >>> log = pd.DataFrame({"customer_id": [1, 2, 2], "amount": 50.0,
    ...     "date": pd.to_datetime(["2021-01-15", "2021-01-20", "2022-06-01"])})
    >>> lifecycle_patterns(log, end="2022-06-30")["pattern"].tolist()
    ['early_abort', nan]
    """
    unit = check_time_unit(time_unit, allowed=_CHECKPOINT_ALIAS)
    long_term = check_scalar(check_nonnegative(long_term_days, "long_term_days"),
                             "long_term_days")
    history = stage_history(transactions, time_unit=unit, end=end, customer_col=customer_col,
                            date_col=date_col, amount_col=amount_col, **rules)
    spacing = unit.days
    codes = history["stage"].cat.codes.to_numpy()
    grouped = pd.DataFrame({customer_col: history[customer_col].to_numpy(), "code": codes,
                            "level": np.where(codes <= 2, codes, -1),
                            "stable": (codes == 2).astype(int)}).groupby(customer_col, sort=True)
    summary = pd.DataFrame({"last": grouped["code"].last(), "level": grouped["level"].max(),
                            "stable_checkpoints": grouped["stable"].sum()})
    ended = summary["last"].to_numpy() == _STAGE_ORDER.index(ENDED)
    level = summary["level"].to_numpy()
    in_stability = summary["stable_checkpoints"].to_numpy() * spacing
    pattern = np.select(
        [level <= 0, level == 1, in_stability < long_term],
        [LifecyclePattern.EARLY_ABORT.value, LifecyclePattern.MIDWAY_TERMINATION.value,
         LifecyclePattern.PREMATURE_EXIT.value], default=LifecyclePattern.LONG_TERM.value)
    result = pd.DataFrame({
        "status": np.where(ended, "ended", "active"),
        "stage": _stage_column(summary["last"].to_numpy()),
        "highest_stage": pd.Categorical.from_codes(np.maximum(level, 0),
                                                   categories=_STAGE_ORDER[:3], ordered=True),
        "days_in_stability": in_stability,
        "pattern": pd.Series(pattern, dtype=object).where(ended, np.nan).to_numpy(),
    }, index=summary.index)
    return result


# --------------------------------------------------------------------------- profit curve


def lifecycle_profit_curve(*, exploration_periods=1, formation_periods=2, stability_periods=4,
                           decline_periods=2, exploration_profit=-100.0, peak_profit=300.0,
                           discount_rate=0.0):
    r"""The stylised profit a relationship brings in each period of its lifecycle.

    The course describes the customer's contribution in each stage: negative in exploration
    (the firm invests, the customer has not contributed), rising in formation (revenue starts
    to exceed investment), highest in stability, falling fast in decline. This function draws
    that curve piecewise linearly, period by period:

    .. math::
        \pi_t = \begin{cases}
          \pi_E & \text{exploration} \\
          \pi^{*}\, k / n_F & \text{formation period } k = 1, \dots, n_F \\
          \pi^{*} & \text{stability} \\
          \pi^{*}\,(1 - k / n_D) & \text{decline period } k = 1, \dots, n_D
        \end{cases}
        \qquad V = \sum_{t=0}^{T-1} \frac{\pi_t}{(1+i)^t}

    Cutting the curve short gives the four patterns: a relationship that ends after exploration
    aborts early, one that ends in formation terminates mid-way, a short stability stage is a
    premature exit, a long one is long-term.

    Parameters
    ----------
    exploration_periods, formation_periods, stability_periods, decline_periods : int
        :math:`n_E, n_F, n_S, n_D`, the number of periods (e.g. quarters or years) spent in each
        stage; exploration needs at least 1, the others may be 0 (the relationship ended).
    exploration_profit : float, default -100
        :math:`\pi_E`, profit per period in exploration (usually negative: the firm's
        investment).
    peak_profit : float, default 300
        :math:`\pi^{*}`, profit per period in stability.
    discount_rate : float, default 0
        :math:`i` per period, a fraction; the first period (t = 0) is not discounted.

    Returns
    -------
    DataFrame
        ``period`` (0, 1, …), ``stage``, ``profit``, ``present_value`` and
        ``cumulative_value`` (the relationship's value so far, :math:`V` in the last row).
        ``.attrs["pattern"]`` holds the :class:`LifecyclePattern` value the durations imply
        (premature exit when ``stability_periods`` is below ``long_term_periods`` = 4).

    Notes
    -----
    A teaching model, not an estimate: the shape follows the course's stage table; the numbers
    are yours to choose. Use it to see how much of a customer's value comes from reaching and
    keeping the stability stage.

    Examples
    --------
    One period of exploration at −100, two of formation (150, 300), one of stability (300), one
    of decline (0): 650 in total, undiscounted.

    >>> curve = lifecycle_profit_curve(formation_periods=2, stability_periods=1, decline_periods=1)
    >>> curve["profit"].tolist()
    [-100.0, 150.0, 300.0, 300.0, 0.0]
    >>> float(curve["cumulative_value"].iloc[-1])
    650.0
    >>> curve.attrs["pattern"]
    'premature_exit'
    """
    n_e = check_whole_number(exploration_periods, "exploration_periods", minimum=1)
    n_f = check_whole_number(formation_periods, "formation_periods", minimum=0)
    n_s = check_whole_number(stability_periods, "stability_periods", minimum=0)
    n_d = check_whole_number(decline_periods, "decline_periods", minimum=0)
    explore = check_scalar(check_finite(exploration_profit, "exploration_profit"),
                           "exploration_profit")
    peak = check_scalar(check_finite(peak_profit, "peak_profit"), "peak_profit")
    rate = check_scalar(check_discount_rate(discount_rate), "discount_rate")
    if n_s > 0 and n_f == 0:
        raise ValueError(text("error.lifecycle.stability_needs_formation"))
    profit = np.concatenate([
        np.full(n_e, explore),
        peak * np.arange(1, n_f + 1) / max(n_f, 1),
        np.full(n_s, peak),
        peak * (1 - np.arange(1, n_d + 1) / max(n_d, 1)),
    ])
    stages = (["exploration"] * n_e + ["formation"] * n_f + ["stability"] * n_s
              + ["decline"] * n_d)
    t = np.arange(profit.size)
    present = profit / (1.0 + rate) ** t
    curve = pd.DataFrame({"period": t, "stage": pd.Categorical(stages, categories=_STAGE_ORDER[:4],
                                                               ordered=True),
                          "profit": profit, "present_value": present,
                          "cumulative_value": np.cumsum(present)})
    if n_f == 0:
        pattern = LifecyclePattern.EARLY_ABORT
    elif n_s == 0:
        pattern = LifecyclePattern.MIDWAY_TERMINATION
    elif n_s < LONG_TERM_PERIODS:
        pattern = LifecyclePattern.PREMATURE_EXIT
    else:
        pattern = LifecyclePattern.LONG_TERM
    curve.attrs["pattern"] = pattern.value
    return curve


#: Periods of stability from which :func:`lifecycle_profit_curve` calls a relationship long-term.
LONG_TERM_PERIODS = 4
