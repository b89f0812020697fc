r"""Customer satisfaction (客户满意) and customer loyalty (客户忠诚), computed.

The course defines **satisfaction** as the customer's perception of a product or service
measured against what they expected: below expectation the customer is disappointed, level
with it satisfied, above it delighted. **Loyalty** is the continuity of the customer's buying
from the same firm. This module turns both into numbers a lesson can show:

* :func:`satisfaction_gap` — perception minus expectation, per respondent and attribute;
* :func:`importance_performance` — Martilla & James's importance–performance map, with
  importance derived from each attribute's correlation with overall satisfaction;
* :func:`retention_by_satisfaction` — how often customers at each satisfaction level came back
  (satisfaction and loyalty are related, not the same);
* :func:`net_promoter_score`, :func:`nps_category`, :func:`nps_breakdown` — the Net Promoter
  Score from 0–10 "would you recommend us?" ratings;
* :func:`clv_from_profit_path`, :func:`profit_path_schedule`, :func:`clv_gain_from_retention`
  — the value of a customer whose yearly profit grows with tenure (Reichheld & Sasser's
  credit-card customer), and why fewer defections raise profit so much;
* :func:`complaint_funnel` — from dissatisfied customers to complaints, recoveries, customers
  kept and lost, people told and the value lost, with the course's complaint statistics;
* :func:`compound_growth` and :data:`DEFECTION_REASONS` — the course's growth and defection
  statistics.

Ratings are numbers on the survey's scale (1–7 for expectations, perceptions and overall
satisfaction in the kit's hotel survey; 0–10 for the recommendation question); rates are
fractions (0.7, not 70); profits are money per year.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlib._docstrings import shared_doc
from crmlib._validation import (
    _show,
    as_float_array,
    as_output,
    check_choice,
    check_dataframe,
    check_discount_rate,
    check_finite,
    check_nonnegative,
    check_rate,
    check_ratings,
    check_scalar,
)
from crmlib.clv import TIMINGS, customer_lifetime_value
from crmlib.i18n import texts_under

__all__ = [
    "COMPLAINT_OUTCOMES",
    "DEFECTION_REASONS",
    "IPA_QUADRANTS",
    "NPS_CATEGORIES",
    "clv_from_profit_path",
    "clv_gain_from_retention",
    "complaint_funnel",
    "complaint_rates",
    "compound_growth",
    "importance_performance",
    "net_promoter_score",
    "nps_breakdown",
    "nps_category",
    "profit_path_schedule",
    "retention_by_satisfaction",
    "satisfaction_gap",
]

#: The scale of the "How likely is it that you would recommend us to a friend or colleague?"
#: question behind the Net Promoter Score: 0 (not at all likely) to 10 (extremely likely).
NPS_SCALE = (0, 10)

#: The three groups of the Net Promoter Score, from the lowest ratings to the highest:
#: detractors 0–6, passives 7–8, promoters 9–10 (Reichheld 2003).
NPS_CATEGORIES = ("detractor", "passive", "promoter")

#: The four cells of Martilla & James's importance–performance map, in their order A–D:
#: A high importance, low performance; B high, high; C low, low; D low importance, high
#: performance.
IPA_QUADRANTS = ("concentrate here", "keep up the good work", "low priority",
                 "possible overkill")

#: What a customer with a problem did about it and how the firm answered, as survey answers
#: (:func:`complaint_rates`); the last three are the paths of :func:`complaint_funnel`.
COMPLAINT_OUTCOMES = ("no problem", "did not complain", "complained, recovered",
                      "complained, not recovered")

#: Why customers leave: the shares of defections the course quotes from the Meta Group (ERP
#: unit, ``004`` in the course material): poor service 68%, price too high 15%, poor product
#: quality 12%; the remaining 5% is not broken down there.
DEFECTION_REASONS = {"poor service": 0.68, "price too high": 0.15,
                     "poor product quality": 0.12, "other": 0.05}


# --------------------------------------------------------------------------- satisfaction


#: This unit's error messages, from the text catalogue in the kit's language.
_error = texts_under("error.loyalty")


def _numbers(value, name: str, scale) -> np.ndarray:
    """Ratings (any shape; a DataFrame's values) as floats, on ``scale`` if one is given."""
    if isinstance(value, pd.DataFrame):
        check_dataframe(value, name)
    raw = value.to_numpy() if isinstance(value, pd.DataFrame) else value
    if scale is None:
        return check_finite(raw, name)
    return check_ratings(raw, name, scale=scale)


def _different_labels(left: pd.Index, right: pd.Index, names: tuple[str, str]) -> str:
    only_left = [label for label in left if label not in right][:3]
    only_right = [label for label in right if label not in left][:3]
    if only_left:
        return _error("labels_only_in", has=names[0], labels=only_left, lacks=names[1])
    if only_right:
        return _error("labels_only_in", has=names[1], labels=only_right, lacks=names[0])
    return _error("labels_reordered")


def _check_same_labels(first, second, names: tuple[str, str]) -> None:
    """Two pandas objects must carry the same row (and column) labels in the same order."""
    a, b = names
    if isinstance(first, pd.DataFrame) != isinstance(second, pd.DataFrame):
        raise TypeError(_error("frame_and_series", a=a, b=b, first=type(first).__name__,
                               second=type(second).__name__))
    axes = [("rows", first.index, second.index)]
    if isinstance(first, pd.DataFrame):
        axes.append(("columns", first.columns, second.columns))
    for axis, left, right in axes:
        if not left.equals(right):
            raise ValueError(_error(f"labels_differ_{axis}", a=a, b=b,
                                    difference=_different_labels(left, right, names)))


def satisfaction_gap(perception, expectation, *, scale=None):
    r"""The satisfaction gap: how far a customer's perception lies above their expectation.

    .. math:: G = P - E

    :math:`G < 0`: the service fell short of what the customer expected (dissatisfied,
    disappointed); :math:`G = 0`: it met the expectation (satisfied); :math:`G > 0`: it
    exceeded it (highly satisfied).

    Parameters
    ----------
    perception : float, array-like, Series or DataFrame
        :math:`P`, the customer's rating of what they experienced (e.g. 1–7), one per
        respondent and attribute: a DataFrame has one row per respondent and one column per
        attribute.
    expectation : float, array-like, Series or DataFrame
        :math:`E`, the rating of what they expected, on the same scale as ``perception``. Two
        pandas objects must have the same labels (rows, and columns for DataFrames); a plain
        number or array is broadcast (one expectation for everyone, or one per attribute).
    scale : (low, high), optional
        The rating scale, e.g. ``(1, 7)``. When given, every rating of both must lie on it,
        which catches a perception on 1–7 set against an expectation on 1–5 or 0–10.

    Returns
    -------
    float, ndarray, Series or DataFrame
        :math:`G` in scale points, in the shape and with the labels of the pandas input.

    Notes
    -----
    The gap is meaningful only if both ratings use the same scale and the same anchors;
    averaging gaps across respondents (``gap.mean()``) gives an attribute's average gap. The
    course's encyclopaedia article defines satisfaction exactly as this comparison of
    perceived result with expectation; SERVQUAL (Parasuraman, Zeithaml & Berry 1988) measures
    service quality as the same P − E gap on 7-point scales.

    References
    ----------
    Oliver, R. L. (1980). A cognitive model of the antecedents and consequences of satisfaction
    decisions. *Journal of Marketing Research* 17(4), 460–469. Parasuraman, A., Zeithaml, V. A.
    & Berry, L. L. (1988). SERVQUAL: a multiple-item scale for measuring consumer perceptions of
    service quality. *Journal of Retailing* 64(1), 12–40. Course material, encyclopaedia
    article on CRM (客户满意管理).

    Examples
    --------
    A guest expected 6 on a 1–7 scale and experienced 4: a gap of −2, disappointed.

    >>> satisfaction_gap(4, 6)
    -2.0
    >>> satisfaction_gap([4, 6, 7], [6, 6, 5], scale=(1, 7)).tolist()
    [-2.0, 0.0, 2.0]
    """
    p = _numbers(perception, "perception", scale)
    e = _numbers(expectation, "expectation", scale)
    labelled = [x for x in (perception, expectation) if isinstance(x, pd.Series | pd.DataFrame)]
    if len(labelled) == 2:
        _check_same_labels(perception, expectation, ("perception", "expectation"))
    try:
        gap = p - e
    except ValueError:
        raise ValueError(_error("gap_shapes", perception=p.shape,
                                expectation=e.shape)) from None
    if not labelled:
        return float(gap) if gap.ndim == 0 else gap
    template = labelled[0]
    if gap.shape != template.shape:
        raise ValueError(_error("gap_shapes", perception=p.shape, expectation=e.shape))
    if isinstance(template, pd.DataFrame):
        return pd.DataFrame(gap, index=template.index, columns=template.columns)
    return pd.Series(gap, index=template.index, name=template.name)


def _paired(first, second, names: tuple[str, str]) -> tuple[np.ndarray, np.ndarray]:
    """Two 1-D columns of equal length (Series must share their index)."""
    arrays = []
    for value, name in zip((first, second), names, strict=True):
        array = as_float_array(value, name)
        if array.ndim != 1:
            raise ValueError(_error("one_per_respondent", name=name, shape=array.shape))
        arrays.append(array)
    if arrays[0].size != arrays[1].size:
        raise ValueError(_error("paired_lengths", a=names[0], b=names[1],
                                first=arrays[0].size, second=arrays[1].size))
    if isinstance(first, pd.Series) and isinstance(second, pd.Series):
        _check_same_labels(first, second, names)
    return arrays[0], arrays[1]


def _correlations(table: np.ndarray, overall: np.ndarray, attributes) -> np.ndarray:
    """Pearson correlation of every column of ``table`` with ``overall``."""
    dx = table - table.mean(axis=0)
    dy = overall - overall.mean()
    spread_x = np.sqrt((dx**2).sum(axis=0))
    spread_y = np.sqrt((dy**2).sum())
    if spread_y == 0:
        raise ValueError(_error("overall_constant", value=overall[0]))
    flat = np.flatnonzero(spread_x == 0)
    if flat.size:
        name = attributes[flat[0]]
        raise ValueError(_error("attribute_constant", attribute=repr(name),
                                value=table[0, flat[0]]))
    return (dx * dy[:, None]).sum(axis=0) / (spread_x * spread_y)


def _is_high(values: np.ndarray, split: float) -> np.ndarray:
    """At or above the split; a value a rounding error below an exact tie counts as on it."""
    return values >= split - 1e-9 * max(1.0, abs(split))


def importance_performance(ratings, overall):
    r"""Martilla & James's importance–performance analysis (IPA) with derived importance.

    For each attribute :math:`k` (a column of ``ratings``):

    .. math::
        \text{importance}_k = \operatorname{corr}(x_k, y), \qquad
        \text{performance}_k = \bar{x}_k

    where :math:`x_k` are the respondents' ratings of the attribute, :math:`y` their overall
    satisfaction and corr the Pearson correlation. Each attribute is placed against the mean
    importance and the mean performance across attributes:

    ============================ =============== ============================
    quadrant                     importance      performance
    ============================ =============== ============================
    "concentrate here"           high            low
    "keep up the good work"      high            high
    "low priority"               low             low
    "possible overkill"          low             high
    ============================ =============== ============================

    Parameters
    ----------
    ratings : DataFrame
        One row per respondent, one column per attribute: the respondents' ratings of how the
        firm performed on it (perception, e.g. 1–7). At least two attributes and two
        respondents.
    overall : array-like or Series
        The same respondents' overall satisfaction, in the same order (a Series must have the
        same index as ``ratings``).

    Returns
    -------
    DataFrame
        Indexed by attribute (in the columns' order), with ``importance`` (a correlation,
        −1 to 1), ``performance`` (the mean rating, scale points) and ``quadrant`` (one of
        :data:`IPA_QUADRANTS`).

    Notes
    -----
    * **Derived, not stated, importance.** Martilla & James asked customers how important
      each attribute was. Stated importance tends to rate everything "very important"; the
      correlation with overall satisfaction instead measures how much an attribute moves
      satisfaction in these data (Matzler et al. 2004 discuss both and their limits). A
      correlation is not a cause, and an attribute everyone rates alike gets a low correlation
      even if its failure would be a disaster ("hygiene" attributes).
    * **Where the lines go** changes the quadrants: here they cross at the mean importance and
      the mean performance across attributes (data-centred), so every map has attributes on
      both sides. An attribute exactly on a line (to rounding error) counts as high.

    References
    ----------
    Martilla, J. A. & James, J. C. (1977). Importance–performance analysis. *Journal of
    Marketing* 41(1), 77–79. Matzler, K., Bailom, F., Hinterhuber, H. H., Renzl, B. & Pichler,
    J. (2004). The asymmetric relationship between attribute-level performance and overall
    customer satisfaction: a reconsideration of the importance–performance analysis.
    *Industrial Marketing Management* 33(4), 271–277.

    Examples
    --------
    Five guests rate overall satisfaction 1, 2, 3, 4, 5 and the room 2, 1, 4, 3, 5
    (deviations from the means −2, −1, 0, 1, 2 and −1, −2, 1, 0, 2): the correlation is
    (2 + 2 + 0 + 0 + 4) / √(10 × 10) = 0.8, mean 3. The staff are rated 4, 5, 5, 6, 5:
    correlation 3 / √(10 × 2) = 0.671, mean 5. The lines cross at importance
    (0.8 + 0.671) / 2 = 0.735 and performance 4: the room is above the first and below the
    second.

    >>> ratings = pd.DataFrame({"room": [2, 1, 4, 3, 5], "staff": [4, 5, 5, 6, 5]})
    >>> ipa = importance_performance(ratings, [1, 2, 3, 4, 5])
    >>> ipa.round(3)
               importance  performance           quadrant
    attribute
    room            0.800          3.0   concentrate here
    staff           0.671          5.0  possible overkill
    """
    check_dataframe(ratings, "ratings")
    attributes = list(ratings.columns)
    if len(attributes) < 2:
        raise ValueError(_error("ipa_two_attributes", attributes=attributes))
    table = np.column_stack([as_float_array(ratings[name], f"ratings[{name!r}]")
                             for name in attributes])
    if np.isinf(table).any():
        raise ValueError(_error("ipa_infinite"))
    y = as_float_array(overall, "overall")
    if y.ndim != 1 or y.size != table.shape[0]:
        raise ValueError(_error("ipa_overall_length", rows=table.shape[0], count=y.size))
    if isinstance(overall, pd.Series) and not overall.index.equals(ratings.index):
        difference = _different_labels(overall.index, ratings.index, ("overall", "ratings"))
        raise ValueError(_error("ipa_overall_rows", difference=difference))
    if table.shape[0] < 2:
        raise ValueError(_error("ipa_two_respondents"))
    importance = _correlations(table, y, attributes)
    performance = table.mean(axis=0)
    high_importance = _is_high(importance, importance.mean())
    high_performance = _is_high(performance, performance.mean())
    concentrate, keep_up, low_priority, overkill = IPA_QUADRANTS
    quadrant = np.where(high_importance, np.where(high_performance, keep_up, concentrate),
                        np.where(high_performance, overkill, low_priority))
    return pd.DataFrame({"importance": importance, "performance": performance,
                         "quadrant": quadrant.astype(object)},
                        index=pd.Index(attributes, name="attribute"))


def retention_by_satisfaction(satisfaction, retained):
    r"""How often customers at each satisfaction level stayed: satisfaction against loyalty.

    For each satisfaction level :math:`s`,

    .. math:: \text{retention rate}(s) = \frac{\text{customers at } s \text{ who stayed}}
                                              {\text{customers at } s}

    Parameters
    ----------
    satisfaction : array-like or Series
        One overall satisfaction rating per customer (e.g. 1–7).
    retained : array-like or Series
        For the same customers: ``True`` (or 1) if they stayed (came back, renewed), ``False``
        (or 0) if they left.

    Returns
    -------
    DataFrame
        One row per satisfaction level found (ascending), with ``customers``, ``retained``,
        ``lost`` (counts), ``retention_rate`` (fraction) and ``share_of_lost`` (the fraction of
        all lost customers who gave this rating).

    Notes
    -----
    Jones & Sasser (1995) found that only *completely* satisfied customers are reliably loyal:
    customers who rate themselves merely "satisfied" defect far more often, so a satisfaction
    score that looks good can hide many defectors. ``share_of_lost`` shows how many of those
    who left were satisfied ones.

    References
    ----------
    Jones, T. O. & Sasser, W. E. (1995). Why satisfied customers defect. *Harvard Business
    Review* 73(6), 88–99.

    Examples
    --------
    Six guests: two rated 4 (one came back), four rated 7 (three came back).

    >>> table = retention_by_satisfaction([4, 4, 7, 7, 7, 7], [1, 0, 1, 1, 1, 0])
    >>> table["retention_rate"].tolist(), table["share_of_lost"].tolist()
    ([0.5, 0.75], [0.5, 0.5])
    """
    levels, kept = _paired(satisfaction, retained, ("satisfaction", "retained"))
    if np.isinf(levels).any():
        raise ValueError(_error("satisfaction_infinite"))
    if not np.isin(kept, (0.0, 1.0)).all():
        raise ValueError(_error("retained_not_boolean", value=_show(np.asarray(kept))))
    if np.array_equal(levels, np.round(levels)):
        levels = levels.astype(np.int64)   # ratings: show 5, not 5.0
    frame = pd.DataFrame({"level": levels, "kept": kept})
    grouped = frame.groupby("level")["kept"]
    customers = grouped.size()
    stayed = grouped.sum()
    lost = customers - stayed
    total_lost = lost.sum()
    table = pd.DataFrame({
        "customers": customers.astype(np.int64),
        "retained": stayed.astype(np.int64),
        "lost": lost.astype(np.int64),
        "retention_rate": stayed / customers,
        "share_of_lost": lost / total_lost if total_lost else np.nan,
    })
    table.index.name = "satisfaction"
    return table


# --------------------------------------------------------------------------- Net Promoter Score


def _recommend_ratings(ratings) -> np.ndarray:
    array = check_ratings(ratings, "ratings", scale=NPS_SCALE, whole=True)
    if array.ndim > 1:
        raise ValueError(_error("nps_not_1d", shape=array.shape))
    return array.reshape(-1)


def nps_category(ratings):
    """The Net Promoter group of each 0–10 rating: detractor (0–6), passive (7–8), promoter
    (9–10).

    Parameters
    ----------
    ratings : int, array-like or Series
        Answers to "How likely is it that you would recommend us to a friend or colleague?",
        whole numbers from 0 to 10.

    Returns
    -------
    str, ndarray of str or Series
        One of :data:`NPS_CATEGORIES` per rating (a Series keeps the ratings' index).

    Examples
    --------
    >>> nps_category([10, 8, 6]).tolist()
    ['promoter', 'passive', 'detractor']
    """
    array = _recommend_ratings(ratings)
    detractor, passive, promoter = NPS_CATEGORIES
    groups = np.where(array >= 9, promoter, np.where(array >= 7, passive, detractor))
    groups = groups.astype(object)
    if isinstance(ratings, pd.Series):
        return pd.Series(groups, index=ratings.index, name="nps_category")
    if np.ndim(ratings) == 0:
        return str(groups[0])
    return groups


@shared_doc
def nps_breakdown(ratings) -> pd.Series:
    r"""The Net Promoter Score with its parts and its standard error.

    With :math:`n` ratings, :math:`p_P` the share of promoters (9–10) and :math:`p_D` the share
    of detractors (0–6):

    .. math::
        \mathrm{NPS} = 100\,(p_P - p_D), \qquad
        \mathrm{SE} = 100\,\sqrt{\frac{p_P + p_D - (p_P - p_D)^2}{n}}

    Parameters
    ----------
    ratings : array-like or Series
        Whole numbers from 0 to 10, one per respondent.

    Returns
    -------
    Series
        ``respondents``, ``detractors``, ``passives``, ``promoters`` (counts),
        ``detractor_share``, ``passive_share``, ``promoter_share`` (fractions), ``nps``
        (points, −100 to 100) and ``standard_error`` (NPS points).

    Notes
    -----
    The standard error treats each answer as a score of +1 (promoter), 0 (passive) or −1
    (detractor): NPS/100 is the mean of that score, whose variance is
    :math:`p_P + p_D - (p_P - p_D)^2` (mean of the squares minus the square of the mean).
    About two standard errors either side of the NPS make a 95% interval for a simple random
    sample; a difference of a few points between two small surveys is usually noise.

    References
    ----------
    {{reichheld_2003}}

    Examples
    --------
    Ten guests: five promoters, three passives, two detractors. NPS = 100 (0.5 − 0.2) = 30;
    SE = 100 √((0.5 + 0.2 − 0.3²) / 10) = 100 √0.061 = 24.7.

    >>> parts = nps_breakdown([10, 9, 9, 10, 9, 8, 7, 7, 3, 6])
    >>> float(parts["nps"]), round(float(parts["standard_error"]), 1)
    (30.0, 24.7)
    """
    array = _recommend_ratings(ratings)
    n = array.size
    promoters = int((array >= 9).sum())
    detractors = int((array <= 6).sum())
    passives = n - promoters - detractors
    p_promoter, p_detractor = promoters / n, detractors / n
    variance = p_promoter + p_detractor - (p_promoter - p_detractor) ** 2
    return pd.Series({
        "respondents": n,
        "detractors": detractors,
        "passives": passives,
        "promoters": promoters,
        "detractor_share": p_detractor,
        "passive_share": passives / n,
        "promoter_share": p_promoter,
        "nps": 100.0 * (promoters - detractors) / n,
        "standard_error": 100.0 * np.sqrt(max(variance, 0.0) / n),
    }, name="nps")


@shared_doc
def net_promoter_score(ratings) -> float:
    r"""The Net Promoter Score (NPS, 净推荐值): % promoters minus % detractors.

    .. math:: \mathrm{NPS} = 100 \times \frac{\#\{x \ge 9\} - \#\{x \le 6\}}{n}

    Parameters
    ----------
    ratings : array-like or Series
        Answers to "How likely is it that you would recommend us to a friend or colleague?",
        whole numbers from 0 (not at all likely) to 10 (extremely likely), one per respondent.

    Returns
    -------
    float
        The NPS in points, from −100 (everyone a detractor) to 100 (everyone a promoter).

    Notes
    -----
    Passives (7–8) count in :math:`n` but on neither side, so turning a passive into a
    promoter raises the NPS as much as turning a detractor into a passive. The score says
    nothing about *why* customers would or would not recommend (the gap and the
    importance–performance map do), and Keiningham et al. (2007) found it predicts growth no
    better than other satisfaction measures. See :func:`nps_breakdown` for its standard
    error.

    References
    ----------
    {{reichheld_2003}} {{keiningham_2007}}

    Examples
    --------
    Ten ratings: 10, 9, 9, 10, 9 are promoters (5), 8, 7, 7 passives (3), 3 and 6 detractors
    (2): 100 × (5 − 2) / 10 = 30.

    >>> net_promoter_score([10, 9, 9, 10, 9, 8, 7, 7, 3, 6])
    30.0
    """
    return float(nps_breakdown(ratings)["nps"])


# --------------------------------------------------------------------------- profit-path CLV


def _profit_path(profits) -> np.ndarray:
    path = check_finite(profits, "profits")
    if path.ndim != 1:
        raise ValueError(_error("profits_not_1d", shape=path.shape))
    return path


def _path_rates(retention_rate, discount_rate, when):
    r = check_rate(retention_rate, "retention_rate")
    i = check_discount_rate(discount_rate)
    check_choice(when, "when", TIMINGS)
    if np.any((r == 1.0) & (i == 0.0)):
        raise ValueError(_error("infinite_value"))
    return r, i


def clv_from_profit_path(profits, retention_rate, discount_rate=0.0, *, when="end",
                         acquisition_cost=0.0):
    r"""Lifetime value of a customer whose yearly profit changes with tenure (a profit path).

    Year :math:`t`'s profit :math:`p_t` (:math:`t = 1 \dots n`) is earned if the customer is
    still there; after year :math:`n` the profit stays at :math:`p_n` for ever. With
    :math:`q = r/(1+i)`:

    .. math::
        \mathrm{CLV} = \sum_{t=1}^{n} p_t\,q^{t} + p_n \sum_{t=n+1}^{\infty} q^{t} - \mathrm{AC}
        \quad(\text{when="end"})

    .. math::
        \mathrm{CLV} = \sum_{t=1}^{n} p_t\,q^{t-1} + p_n \sum_{t=n+1}^{\infty} q^{t-1}
        - \mathrm{AC} \quad(\text{when="begin"})

    The tail is summed in closed form: it is :math:`q^{n-1}` times the constant-margin CLV of
    :math:`p_n` (:func:`crmlib.customer_lifetime_value`), counted from year :math:`n`.

    Parameters
    ----------
    profits : array-like
        :math:`p_1, \dots, p_n`, the profit of a customer in their 1st, 2nd, … year (money per
        year). May be negative (a customer who costs money in some year).
    retention_rate : float or array-like
        :math:`r`, the probability a customer stays another year (fraction).
    discount_rate : float or array-like, default 0.0
        :math:`i` per year (fraction).
    when : {"end", "begin"}, default "end"
        ``"end"``: year :math:`t`'s profit arrives at the end of year :math:`t`, if the customer
        survived :math:`t` renewals (survival :math:`r^t`, discount :math:`(1+i)^t`; Gupta &
        Lehmann's timing). ``"begin"``: it arrives at the start of year :math:`t` (survival
        :math:`r^{t-1}`, discount :math:`(1+i)^{t-1}`): the first year's profit is certain.
    acquisition_cost : float or array-like, default 0.0
        AC, spent once to win the customer (year 0), subtracted undiscounted.

    Returns
    -------
    float, ndarray or Series
        CLV in the profits' currency, in the shape of ``retention_rate``, ``discount_rate`` and
        ``acquisition_cost`` (broadcast).

    Notes
    -----
    * A one-element path :math:`[m]` is a constant margin: the result equals
      ``customer_lifetime_value(m, retention_rate, discount_rate, when=when,
      acquisition_cost=acquisition_cost)`` exactly.
    * Reichheld & Sasser's point: customers become more profitable the longer they stay
      (they buy more, cost less to serve, pay more, refer others), so each extra year of
      tenure that lower defection buys is worth more than the first.
    * With ``discount_rate=0`` and ``when="begin"`` the CLV is also the yearly profit, in a
      steady state, of a firm that wins one customer a year: it then has :math:`r^{t-1}`
      customers in their :math:`t`-th year, each earning :math:`p_t`.

    References
    ----------
    Reichheld, F. F. & Sasser, W. E. (1990). Zero defections: quality comes to services.
    *Harvard Business Review* 68(5), 105–111 (the credit-card customer's profit by year:
    acquisition −51, then 30, 42, 44, 49, 55). Gupta, S. & Lehmann, D. R. (2003). Customers as
    assets. *Journal of Interactive Marketing* 17(1), 9–24.

    Examples
    --------
    Reichheld & Sasser's credit-card customer at 10% defection (r = 0.9), i = 10%: q = 9/11,
    30q + 42q² + 44q³ + 49q⁴ + 55q⁵ + 55q⁵ × 4.5 = 24.55 + 28.12 + 24.10 + 21.96 + 20.17 +
    90.75 = 209.63, less 51 for acquisition.

    >>> round(clv_from_profit_path([30, 42, 44, 49, 55], 0.9, 0.1, acquisition_cost=51), 2)
    158.63

    A flat path is the constant-margin CLV (the course's hotel: 2000 × 0.8 / 0.2 − 800):

    >>> clv_from_profit_path([2000], 0.8, acquisition_cost=800)
    7200.0
    """
    path = _profit_path(profits)
    r, i = _path_rates(retention_rate, discount_rate, when)
    cost = check_nonnegative(acquisition_cost, "acquisition_cost")
    q = r / (1.0 + i)
    n = path.size
    if n > 1:
        powers = np.arange(1, n) - (0 if when == "end" else 1)
        head = np.sum(path[:-1] * np.expand_dims(q, -1) ** powers, axis=-1)
    else:
        head = 0.0
    tail = np.asarray(customer_lifetime_value(path[-1], r, i, when=when))
    value = head + q ** (n - 1) * tail - cost
    return as_output(value, retention_rate, discount_rate, acquisition_cost)


def profit_path_schedule(profits, retention_rate, discount_rate=0.0, *, when="end",
                         acquisition_cost=0.0) -> pd.DataFrame:
    r"""The year-by-year table behind :func:`clv_from_profit_path`: what a hand calculation
    writes down.

    One row per year of the path (year :math:`t`, profit :math:`p_t`, the time it arrives,
    the probability the customer is still there, the discount factor, the present value
    :math:`p_t\,r^{\tau}/(1+i)^{\tau}` with :math:`\tau = t` or :math:`t-1`), then one row
    ``"n+1+"`` for every later year together (profit :math:`p_n` for ever, present value
    :math:`q^n \times` ``customer_lifetime_value(p_n, r, i, when=when)``), and, when an
    acquisition cost is given, a first row ``"0"`` with it as a negative profit.

    Parameters
    ----------
    profits, retention_rate, discount_rate, when, acquisition_cost
        As in :func:`clv_from_profit_path`; the rates and the cost must be single numbers.

    Returns
    -------
    DataFrame
        Columns ``year`` (text: ``"0"``, ``"1"``, …, ``"6+"``), ``profit``, ``time`` (years
        from now when the profit arrives; missing for the tail row),
        ``survival_probability``, ``discount_factor`` (missing for the tail row),
        ``present_value`` and ``cumulative_present_value``. The last cumulative value is the
        CLV.

    Examples
    --------
    >>> table = profit_path_schedule([30, 42], 0.5)
    >>> table["present_value"].tolist()
    [15.0, 10.5, 10.5]
    >>> table["year"].tolist()
    ['1', '2', '3+']
    """
    path = _profit_path(profits)
    r, i = _path_rates(retention_rate, discount_rate, when)
    r, i = check_scalar(r, "retention_rate"), check_scalar(i, "discount_rate")
    cost = check_scalar(check_nonnegative(acquisition_cost, "acquisition_cost"),
                        "acquisition_cost")
    n = path.size
    years = np.arange(1, n + 1)
    time = years - (0 if when == "end" else 1)
    survival = r ** time
    discount = (1.0 + i) ** -time.astype(float)
    present = path * survival * discount
    tail = (r / (1.0 + i)) ** n * float(customer_lifetime_value(path[-1], r, i, when=when))
    table = pd.DataFrame({
        "year": [str(t) for t in years] + [f"{n + 1}+"],
        "profit": np.append(path, path[-1]),
        "time": np.append(time.astype(float), np.nan),
        "survival_probability": np.append(survival, np.nan),
        "discount_factor": np.append(discount, np.nan),
        "present_value": np.append(present, tail),
    })
    if cost:
        first = pd.DataFrame({"year": ["0"], "profit": [-cost], "time": [0.0],
                              "survival_probability": [1.0], "discount_factor": [1.0],
                              "present_value": [-cost]})
        table = pd.concat([first, table], ignore_index=True)
    table["cumulative_present_value"] = table["present_value"].cumsum()
    return table


def clv_gain_from_retention(profits, retention_rate, retention_gain=0.05, discount_rate=0.0,
                            *, when="end", acquisition_cost=0.0, tenure_growth=1.0):
    r"""What a rise in retention is worth, for a flat profit and for a profit growing with tenure.

    Compares :func:`clv_from_profit_path` at retention :math:`r` and :math:`r + \delta` for two
    customers: one whose profit stays at the first year's :math:`p_1` ("flat profit") and one
    whose profit follows the path ("profit grows with tenure"). ``tenure_growth`` :math:`g`
    scales the growth: the growing path is :math:`p_1 + g\,(p_t - p_1)` (0 = flat, 1 = the path
    as given, 2 = twice its growth).

    Parameters
    ----------
    profits, discount_rate, when, acquisition_cost
        As in :func:`clv_from_profit_path` (single numbers).
    retention_rate : float
        :math:`r` before the improvement (fraction).
    retention_gain : float, default 0.05
        :math:`\delta` in fraction points: 0.05 = five points fewer defections (10% → 5%).
    tenure_growth : float, default 1.0
        :math:`g`, how much of the path's growth over the first year's profit to keep (≥ 0).

    Returns
    -------
    DataFrame
        Rows ``"flat profit"`` and ``"profit grows with tenure"``; columns
        ``retention_before`` (:math:`r`), ``retention_after`` (:math:`r + \delta`),
        ``clv_before``, ``clv_after``, ``gain`` (money) and ``change_pct`` (percent of the CLV
        before; missing when that is 0).

    Notes
    -----
    Reichheld & Sasser (1990) reported that 5 points fewer defections raised profits by
    25–85% (as quoted in the course slides). Part of that rise is the longer lifetime alone
    (the flat row); the profit growth with tenure adds more money on top (the growing row).
    The percentage also depends on where retention starts (10% → 5% defection doubles the
    expected lifetime, 20% → 15% adds a third), on discounting and on whether the acquisition
    cost is netted out.

    References
    ----------
    Reichheld, F. F. & Sasser, W. E. (1990). Zero defections: quality comes to services.
    *Harvard Business Review* 68(5), 105–111.

    Examples
    --------
    Flat profit 30 at r = 0.9 → 0.95, no discounting (end of year): 30 × 0.9/0.1 = 270 becomes
    30 × 0.95/0.05 = 570, a gain of 300 (+111.1%).

    >>> table = clv_gain_from_retention([30, 42, 44, 49, 55], 0.9)
    >>> flat = table.loc["flat profit", ["clv_before", "clv_after", "gain", "change_pct"]]
    >>> flat.round(1).tolist()
    [270.0, 570.0, 300.0, 111.1]
    """
    path = _profit_path(profits)
    r = check_scalar(check_rate(retention_rate, "retention_rate"), "retention_rate")
    delta = check_scalar(check_finite(retention_gain, "retention_gain"), "retention_gain")
    growth = check_scalar(check_nonnegative(tenure_growth, "tenure_growth"), "tenure_growth")
    if abs(delta) > 1:
        raise ValueError(_error("retention_gain_points", value=repr(retention_gain)))
    after = r + delta
    if not 0.0 <= after <= 1.0:
        raise ValueError(_error("retention_after_range", rate=repr(retention_rate),
                                gain=repr(retention_gain), after=after))
    paths = {"flat profit": path[:1],
             "profit grows with tenure": path[0] + growth * (path - path[0])}
    rows = {}
    for name, values in paths.items():
        before = clv_from_profit_path(values, r, discount_rate, when=when,
                                      acquisition_cost=acquisition_cost)
        later = clv_from_profit_path(values, after, discount_rate, when=when,
                                     acquisition_cost=acquisition_cost)
        change = 100.0 * (later - before) / abs(before) if before else np.nan
        rows[name] = {"retention_before": r, "retention_after": after, "clv_before": before,
                      "clv_after": later, "gain": later - before, "change_pct": change}
    return pd.DataFrame.from_dict(rows, orient="index")


# --------------------------------------------------------------------------- complaints


def _count(value, name: str) -> float:
    return check_scalar(check_nonnegative(value, name), name)


def _fraction(value, name: str) -> float:
    return check_scalar(check_rate(value, name), name)


def complaint_funnel(customers, dissatisfaction_rate, complaint_rate, recovery_rate, *,
                     retention_unrecovered, retention_silent, retention_recovered=0.70,
                     people_told=9, value_per_customer=0.0, acquisition_cost=0.0):
    r"""Follow dissatisfied customers through complaint handling: who stays, who leaves, who
    hears about it, and what it costs.

    With :math:`N` customers, dissatisfaction rate :math:`d`, complaint rate :math:`c` (of the
    dissatisfied), recovery rate :math:`s` (of the complaints) and retention rates
    :math:`r_R, r_U, r_S` for recovered complainers, unrecovered complainers and silent
    dissatisfied customers:

    .. math::
        D = N d, \quad R = D c s, \quad U = D c (1 - s), \quad S = D (1 - c)

    .. math::
        \text{kept} = R\,r_R + U\,r_U + S\,r_S, \qquad \text{lost} = D - \text{kept}, \qquad
        \text{told} = (U + S)\,w

    where :math:`w` is the number of people each still-unhappy customer tells. The value lost
    is lost × ``value_per_customer``; the replacement cost is lost × ``acquisition_cost``.

    Parameters
    ----------
    customers : float
        :math:`N`, customers served in the period (e.g. guests in a year).
    dissatisfaction_rate : float
        :math:`d`, the fraction of them who are dissatisfied.
    complaint_rate : float
        :math:`c`, the fraction of dissatisfied customers who complain to the firm.
    recovery_rate : float
        :math:`s`, the fraction of complaints resolved to the customer's satisfaction (service
        recovery, 服务补救).
    retention_unrecovered, retention_silent : float
        :math:`r_U`, :math:`r_S`: the fraction of unrecovered complainers and of dissatisfied
        customers who never complained who stay. The course gives no figure: state your
        assumption.
    retention_recovered : float, default 0.70
        :math:`r_R`: the course slides' figure: if the firm puts things right, 70% of
        dissatisfied customers keep doing business with it.
    people_told : float, default 9
        :math:`w`, how many people each dissatisfied customer tells (the course: 8–10; 9 is the
        middle). Recovered complainers are counted as no longer unhappy.
    value_per_customer : float, default 0.0
        What one lost customer was worth (e.g. their CLV or a year's profit).
    acquisition_cost : float, default 0.0
        What winning one new customer costs; replacing every lost customer costs lost × this
        (the course: winning a customer costs 5–8 times as much as keeping one).

    Returns
    -------
    DataFrame
        Rows ``"complained, recovered"``, ``"complained, not recovered"``, ``"did not
        complain"`` and ``"all dissatisfied"``; columns ``customers``, ``retention_rate``,
        ``kept``, ``lost``, ``told``, ``value_lost`` and ``replacement_cost``. Counts are
        expected numbers (not rounded).

    See Also
    --------
    complaint_rates : the funnel's rates estimated from survey answers.
    crmlib.service_recovery_value : the value of a recovery programme for a number of
        complaints (lesson 07).

    Notes
    -----
    The funnel follows only the dissatisfied customers; satisfied customers leave too (see
    :func:`retention_by_satisfaction`), for reasons complaint handling cannot reach. Word of
    mouth counts each unhappy customer once, whether they stay or leave, and ignores people
    told twice.

    References
    ----------
    Course material, "客户关系管理与服务营销" slides (a dissatisfied customer tells 8–10 people;
    with a good remedy 70% of dissatisfied customers stay; a new customer costs 5–6 times as
    much as keeping one) and the ERP unit (8 times). Hart, C. W. L., Heskett, J. L. & Sasser,
    W. E. (1990). The profitable art of service recovery. *Harvard Business Review* 68(4),
    148–156.

    Examples
    --------
    1000 guests, 10% dissatisfied (100), 40% of them complain (40), 75% of complaints
    recovered (30). Kept: 30 × 0.7 + 10 × 0.2 + 60 × 0.3 = 21 + 2 + 18 = 41 of 100; told:
    (10 + 60) × 9 = 630.

    >>> funnel = complaint_funnel(1000, 0.10, 0.40, 0.75, retention_unrecovered=0.2,
    ...                           retention_silent=0.3)
    >>> funnel.loc["all dissatisfied", ["kept", "lost", "told"]].round(6).tolist()
    [41.0, 59.0, 630.0]
    """
    n = _count(customers, "customers")
    d = _fraction(dissatisfaction_rate, "dissatisfaction_rate")
    c = _fraction(complaint_rate, "complaint_rate")
    s = _fraction(recovery_rate, "recovery_rate")
    rates = np.array([_fraction(retention_recovered, "retention_recovered"),
                      _fraction(retention_unrecovered, "retention_unrecovered"),
                      _fraction(retention_silent, "retention_silent")])
    told_each = _count(people_told, "people_told")
    value = check_scalar(check_finite(value_per_customer, "value_per_customer"),
                         "value_per_customer")
    cost = _count(acquisition_cost, "acquisition_cost")
    dissatisfied = n * d
    groups = np.array([dissatisfied * c * s, dissatisfied * c * (1 - s), dissatisfied * (1 - c)])
    kept = groups * rates
    lost = groups - kept
    told = groups * np.array([0.0, told_each, told_each])
    index = ["complained, recovered", "complained, not recovered", "did not complain",
             "all dissatisfied"]
    total_kept = kept.sum()
    table = pd.DataFrame({
        "customers": np.append(groups, dissatisfied),
        "retention_rate": np.append(rates, total_kept / dissatisfied if dissatisfied else np.nan),
        "kept": np.append(kept, total_kept),
        "lost": np.append(lost, lost.sum()),
        "told": np.append(told, told.sum()),
    }, index=index)
    table["value_lost"] = table["lost"] * value
    table["replacement_cost"] = table["lost"] * cost
    return table


def complaint_rates(outcomes, retained=None) -> pd.Series:
    r"""Estimate the rates of :func:`complaint_funnel` from survey answers.

    With counts of customers with no problem, silent ones (a problem, no complaint), recovered
    and unrecovered complainers (:math:`n_0, n_S, n_R, n_U`; a problem counts as
    dissatisfaction):

    .. math::
        d = \frac{n_S + n_R + n_U}{n_0 + n_S + n_R + n_U}, \quad
        c = \frac{n_R + n_U}{n_S + n_R + n_U}, \quad
        s = \frac{n_R}{n_R + n_U}

    and, when ``retained`` is given, each path's retention rate: the share of its customers who
    stayed.

    Parameters
    ----------
    outcomes : array-like or Series of str
        One answer per customer, each one of :data:`COMPLAINT_OUTCOMES`.
    retained : array-like or Series of bool, optional
        For the same customers: did they stay (come back)?

    Returns
    -------
    Series
        ``dissatisfaction_rate``, ``complaint_rate``, ``recovery_rate`` and, with ``retained``,
        ``retention_recovered``, ``retention_unrecovered``, ``retention_silent``: named as the
        arguments of :func:`complaint_funnel`, so ``complaint_funnel(n, **rates)`` runs the
        funnel on them.

    Notes
    -----
    Estimates from one survey carry sampling error, largest for the small complaint paths;
    a retention rate estimated from a handful of customers is a guess.

    Examples
    --------
    Ten customers: six without a problem, two silent, one recovered and one unrecovered
    complainer: d = 4/10, c = 2/4, s = 1/2.

    >>> rates = complaint_rates(["no problem"] * 6 + ["did not complain"] * 2
    ...                         + ["complained, recovered", "complained, not recovered"])
    >>> rates.tolist()
    [0.4, 0.5, 0.5]
    """
    labels = np.asarray(outcomes, dtype=object).reshape(-1)
    if labels.size == 0:
        raise ValueError(_error("outcomes_empty"))
    unknown = sorted({str(v) for v in labels if v not in COMPLAINT_OUTCOMES})
    if unknown:
        options = ", ".join(repr(c) for c in COMPLAINT_OUTCOMES)
        raise ValueError(_error("outcomes_unknown", options=options, got=unknown[:3]))
    none, silent, recovered, unrecovered = (labels == name for name in COMPLAINT_OUTCOMES)
    problems = int((~none).sum())
    complaints = int((recovered | unrecovered).sum())
    if complaints == 0:
        raise ValueError(_error("outcomes_no_complaint"))
    rates = {"dissatisfaction_rate": problems / labels.size,
             "complaint_rate": complaints / problems,
             "recovery_rate": int(recovered.sum()) / complaints}
    if retained is not None:
        codes = np.select([none, silent, recovered], [0, 1, 2], default=3)
        if isinstance(outcomes, pd.Series):
            codes = pd.Series(codes, index=outcomes.index)
        _, kept = _paired(codes, retained, ("outcomes", "retained"))
        if not np.isin(kept, (0.0, 1.0)).all():
            raise ValueError(_error("retained_not_boolean", value=_show(np.asarray(kept))))
        for name, label, mask in (("retention_recovered", COMPLAINT_OUTCOMES[2], recovered),
                                  ("retention_unrecovered", COMPLAINT_OUTCOMES[3], unrecovered),
                                  ("retention_silent", COMPLAINT_OUTCOMES[1], silent)):
            if not mask.any():
                raise ValueError(_error("outcomes_no_path", label=repr(label), name=name))
            rates[name] = float(kept[mask].mean())
    return pd.Series(rates, name="complaint_rates")


def compound_growth(growth_rate, years, *, start=1.0):
    r"""Where steady growth leads: :math:`V_T = V_0 (1 + g)^T`.

    Parameters
    ----------
    growth_rate : float or array-like
        :math:`g` per year (fraction; 0.12 for 12%, −0.02 for a 2% decline), above −1.
    years : float or array-like
        :math:`T`, years of growth (0 or more).
    start : float or array-like, default 1.0
        :math:`V_0`, the starting value (revenue, market share, 1 for an index).

    Returns
    -------
    float, ndarray or Series
        :math:`V_T`, in the unit of ``start``.

    Notes
    -----
    The course slides quote that companies which satisfy their customers grow their business
    12% a year (market share +6%), while companies with poor service grow 1% (market share
    −2%). Growth compounds: the gap after :math:`T` years is the ratio
    :math:`(1.12/1.01)^T`, not :math:`11\% \times T`.

    References
    ----------
    Course material, "客户关系管理与服务营销" slides (service statistics).

    Examples
    --------
    Ten years at 12% and at 1%: 1.12¹⁰ = 3.106 and 1.01¹⁰ = 1.105.

    >>> round(compound_growth(0.12, 10), 3), round(compound_growth(0.01, 10), 3)
    (3.106, 1.105)
    """
    g = check_finite(growth_rate, "growth_rate")
    if np.any(g > 1):
        example = float(g[g > 1].ravel()[0])
        raise ValueError(_error("growth_percent", value=_show(growth_rate),
                                fraction=example / 100, percent=example))
    if np.any(g <= -1):
        raise ValueError(_error("growth_below_minus_one", value=_show(growth_rate)))
    t = check_nonnegative(years, "years")
    v0 = check_finite(start, "start")
    return as_output(v0 * (1.0 + g) ** t, growth_rate, years, start)
