"""A SERVQUAL survey of the bank branch's customers (service unit, lesson 07)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from crmlib.datasets._files import read_verified_csv
from crmlib.service import SERVQUAL_DIMENSIONS

#: Mean rating (1–7) customers give "an excellent bank" on each dimension's items, before
#: rounding and the limits of the scale.
SERVQUAL_EXPECTATION_MEANS = {"tangibles": 5.4, "reliability": 6.5, "responsiveness": 6.2,
                              "assurance": 6.1, "empathy": 5.6}
#: Mean rating (1–7) customers give this branch: it looks good, but keeps people waiting.
SERVQUAL_PERCEPTION_MEANS = {"tangibles": 5.7, "reliability": 5.3, "responsiveness": 4.6,
                             "assurance": 5.6, "empathy": 5.0}
#: Mean share of the 100 importance points customers give each dimension.
SERVQUAL_IMPORTANCE = {"tangibles": 0.10, "reliability": 0.30, "responsiveness": 0.22,
                       "assurance": 0.20, "empathy": 0.18}

_ITEMS = [item for items in SERVQUAL_DIMENSIONS.values() for item in items]
_COLUMNS = (["respondent_id"] + [f"e{item[1:]}" for item in _ITEMS]
            + [f"p{item[1:]}" for item in _ITEMS] + list(SERVQUAL_DIMENSIONS))
_FILENAME = "servqual_survey.csv"
PARTS = ("expectations", "perceptions", "importance")


def _points(shares: np.ndarray) -> np.ndarray:
    """Whole points summing to 100 per row (largest remainders), from shares summing to 1."""
    raw = shares * 100
    points = np.floor(raw).astype(int)
    short = 100 - points.sum(axis=1)
    order = np.argsort(-(raw - points), axis=1, kind="stable")
    for row, missing in enumerate(short):
        points[row, order[row, :missing]] += 1
    return points


def make_servqual_survey(n_respondents=200, *, seed=1988) -> pd.DataFrame:
    """A seeded synthetic SERVQUAL survey of a bank branch's customers.

    Every respondent answers the 22 statements of :func:`crmlib.servqual_item_table` twice, on a
    1–7 scale (1 = strongly disagree, 7 = strongly agree): once for "an excellent bank"
    (expectations, columns ``e01`` … ``e22``) and once for this branch (perceptions, ``p01``
    … ``p22``), then shares 100 importance points among the five dimensions (columns
    ``tangibles`` … ``empathy``), as the SERVQUAL instrument asks.

    How it is generated (all draws from ``np.random.default_rng(seed)``):

    1. Each respondent has a personal leniency (normal, sd 0.4) that shifts all their ratings,
       and each item a fixed offset (normal, sd 0.15) around its dimension's mean.
    2. An expectation rating is the dimension's mean in :data:`SERVQUAL_EXPECTATION_MEANS` +
       half the leniency + the item offset + noise (sd 0.6); a perception rating the mean in
       :data:`SERVQUAL_PERCEPTION_MEANS` + the leniency + the offset + noise (sd 0.9). Both
       are rounded to whole numbers and kept within 1–7 (so the means in the file are a little
       lower than those settings, because high expectations pile up at 7).
    3. Importance points: shares drawn from a Dirichlet distribution around
       :data:`SERVQUAL_IMPORTANCE` (concentration 40), as whole points summing to 100.

    The settings are the kit's assumptions, chosen so that the branch exceeds expectations on
    tangibles, falls furthest short on responsiveness (waiting) and next on reliability, and
    customers rate reliability the most important dimension — the order published SERVQUAL
    studies report (Parasuraman, Zeithaml & Berry 1988). No real bank is described.

    Parameters
    ----------
    n_respondents : int, default 200
        Number of questionnaires.
    seed : int, default 1988
        Random seed; ``datasets/servqual_survey.csv`` is ``make_servqual_survey()``.

    Returns
    -------
    DataFrame
        One row per respondent: ``respondent_id``, ``e01`` … ``e22``, ``p01`` … ``p22`` (ints
        1–7) and the importance points ``tangibles``, ``reliability``, ``responsiveness``,
        ``assurance``, ``empathy`` (ints summing to 100).

    Examples
    --------
    >>> survey = make_servqual_survey(5, seed=1)
    >>> survey.shape, survey[["tangibles", "reliability", "responsiveness", "assurance",
    ...                        "empathy"]].sum(axis=1).tolist()
    ((5, 50), [100, 100, 100, 100, 100])
    """
    rng = np.random.default_rng(seed)
    n = int(n_respondents)
    dimension_of = [d for d, items in SERVQUAL_DIMENSIONS.items() for _ in items]
    offset = rng.normal(0, 0.15, len(_ITEMS))
    leniency = rng.normal(0, 0.4, (n, 1))
    e_mean = pd.Series(SERVQUAL_EXPECTATION_MEANS)[dimension_of].to_numpy() + offset
    p_mean = pd.Series(SERVQUAL_PERCEPTION_MEANS)[dimension_of].to_numpy() + offset
    expectations = e_mean + 0.5 * leniency + rng.normal(0, 0.6, (n, len(_ITEMS)))
    perceptions = p_mean + leniency + rng.normal(0, 0.9, (n, len(_ITEMS)))
    shares = rng.dirichlet(40 * np.array(list(SERVQUAL_IMPORTANCE.values())), n)
    table = pd.DataFrame({"respondent_id": np.arange(1, n + 1)})
    ratings = np.hstack([np.clip(np.round(expectations), 1, 7),
                         np.clip(np.round(perceptions), 1, 7)]).astype(np.int64)
    table = pd.concat([table, pd.DataFrame(ratings, columns=_COLUMNS[1:1 + 2 * len(_ITEMS)]),
                       pd.DataFrame(_points(shares), columns=list(SERVQUAL_DIMENSIONS))],
                      axis=1)
    return table


def _servqual_csv(n_respondents=200, seed=1988) -> str:
    """The text of the shipped CSV file, exactly as :func:`make_servqual_survey` makes it."""
    return make_servqual_survey(n_respondents, seed=seed).to_csv(index=False,
                                                                 lineterminator="\n")


@lru_cache(maxsize=1)
def _load_servqual_cached() -> pd.DataFrame:
    return read_verified_csv(_FILENAME, _COLUMNS).astype("int64")


def load_servqual_survey(part="perceptions") -> pd.DataFrame:
    """One part of the bank branch's SERVQUAL survey: 200 respondents, 22 items, 5 dimensions.

    The file ``datasets/servqual_survey.csv`` is exactly :func:`make_servqual_survey` with the
    defaults (synthetic data); its datasheet is ``datasets/servqual_survey.md``.

    Parameters
    ----------
    part : {"perceptions", "expectations", "importance"}, default "perceptions"
        ``"expectations"``: ratings of "an excellent bank"; ``"perceptions"``: ratings of
        this branch (both 1–7, columns ``q01`` … ``q22``, the items of
        :func:`crmlib.servqual_item_table`); ``"importance"``: the 100 points each respondent
        shared among the five dimensions (columns ``tangibles`` … ``empathy``).

    Returns
    -------
    DataFrame
        Indexed by ``respondent_id`` (1–200). A fresh copy on every call.

    Examples
    --------
    >>> e = load_servqual_survey("expectations")
    >>> p = load_servqual_survey("perceptions")
    >>> e.shape, list(p.columns[:3]), e.index.equals(p.index)
    ((200, 22), ['q01', 'q02', 'q03'], True)
    """
    if part not in PARTS:
        raise ValueError(f"part must be one of {', '.join(map(repr, PARTS))}; got {part!r}.")
    table = _load_servqual_cached().set_index("respondent_id")
    if part == "importance":
        return table[list(SERVQUAL_DIMENSIONS)].copy()
    prefix = part[0]
    chosen = table[[f"{prefix}{item[1:]}" for item in _ITEMS]].copy()
    chosen.columns = _ITEMS
    return chosen
