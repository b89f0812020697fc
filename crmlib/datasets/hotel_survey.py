"""The synthetic guest-satisfaction survey of the course's hotel (lesson 06)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from crmlib._validation import check_choice, check_whole_number
from crmlib.datasets._files import loaded_from, read_verified_csv, shipped_by, write_shipped_csv

#: The rated attributes of a stay and the course's driver of satisfaction (客户满意度的影响因素)
#: each stands for; ``value_for_money`` is the price, one of the five attributes of any deal the
#: course lists (价格、产品、易接近性、服务、体验).
HOTEL_SURVEY_ATTRIBUTES = {
    "room": "core product or service (核心产品或服务): a clean, quiet, comfortable room",
    "reliability": "technical performance (技术表现): the booking honoured, the room ready on "
                   "time, promises kept, no mistakes",
    "staff": "interaction with customers (与客户互动): attention, courtesy and speed of the staff",
    "booking": "service and system support (服务和系统支持): booking, check-in/out and billing",
    "feeling_valued": "emotional factors (情感因素): how the stay made the guest feel — "
                      "recognised and valued",
    "value_for_money": "price (价格): what the stay was worth for what it cost",
}

#: What a guest with a problem did about it, and how the hotel answered (column
#: ``complaint_outcome``): the labels of :data:`crmlib.COMPLAINT_OUTCOMES`, which
#: :func:`crmlib.complaint_rates` reads (a test checks they agree).
COMPLAINT_OUTCOMES = ("no problem", "did not complain", "complained, recovered",
                      "complained, not recovered")

# Generator settings (see make_hotel_survey), on the latent 1-7 scale before rounding.
_SEGMENT_SHARES = {"business": 0.4, "leisure": 0.6}
_EXPECTED = {"room": 5.7, "reliability": 6.2, "staff": 5.6, "booking": 5.2,
             "feeling_valued": 4.9, "value_for_money": 5.4}
_SEGMENT_SHIFT = {"business": {"reliability": 0.4, "booking": 0.4, "staff": 0.2},
                  "leisure": {"room": 0.3, "value_for_money": 0.3, "feeling_valued": 0.2}}
_PERCEIVED = {"room": 6.0, "reliability": 4.7, "staff": 5.6, "booking": 4.8,
              "feeling_valued": 5.3, "value_for_money": 4.8}
#: Weight of each attribute's gap in overall satisfaction (the "true" importance).
_WEIGHTS = {"room": 0.08, "reliability": 0.30, "staff": 0.25, "booking": 0.05,
            "feeling_valued": 0.22, "value_for_money": 0.10}
_PROBLEM_RATE = 0.22           # guests who had a problem during the stay
_PROBLEM_AREAS = {"reliability": 0.40, "staff": 0.25, "room": 0.20, "booking": 0.15}
_PROBLEM_HIT = -2.0            # latent perception points the problem costs its attribute
_COMPLAINT_RATE = 0.45         # of guests with a problem
_RECOVERY_RATE = 0.65          # of complaints
#: Effect of the problem episode on overall satisfaction (latent points), by outcome.
_EPISODE = {"no problem": 0.0, "did not complain": -1.1, "complained, recovered": -0.6,
            "complained, not recovered": -2.0}
_OVERALL_BASE = 6.25
_RECOMMEND = (7.5, 1.8, 1.3)   # intercept at overall 5, slope, noise sd
#: Probability of coming back within 12 months by overall satisfaction (1-7): completely
#: satisfied guests are far more loyal than merely satisfied ones (Jones & Sasser 1995).
RETURN_BY_SATISFACTION = {1: 0.15, 2: 0.25, 3: 0.40, 4: 0.58, 5: 0.76, 6: 0.88, 7: 0.96}

_COLUMNS = (["respondent_id", "segment"]
            + [f"expectation_{a}" for a in HOTEL_SURVEY_ATTRIBUTES]
            + [f"perception_{a}" for a in HOTEL_SURVEY_ATTRIBUTES]
            + ["overall_satisfaction", "likelihood_to_recommend", "complaint_outcome",
               "returned_12m"])


def _rating(latent: np.ndarray, low: int, high: int) -> np.ndarray:
    return np.clip(np.round(latent), low, high).astype(np.int64)


@shipped_by("hotel_survey.csv", counting="respondents")
def make_hotel_survey(n=1000, *, seed=2026) -> pd.DataFrame:
    """A seeded synthetic guest-satisfaction survey for the hotel of the course's loyalty
    exercise.

    Each respondent stayed at the hotel, rated what they had expected and what they got on six
    attributes (1 = very poor … 7 = excellent; see :data:`HOTEL_SURVEY_ATTRIBUTES`), gave an
    overall satisfaction rating (1 = very dissatisfied … 7 = completely satisfied) and a 0–10
    likelihood to recommend the hotel, said whether they had a problem and what happened when
    they complained, and was followed up: did they stay again within 12 months?

    How it is generated, in order (all draws from ``np.random.default_rng(seed)``; ratings are
    latent numbers rounded and clipped to their scale at the end):

    1. **Segment**: business (40%) or leisure (60%) traveller.
    2. **Expectations**: the attribute's level (room 5.7, reliability 6.2, staff 5.6, booking
       5.2, feeling valued 4.9, value for money 5.4), plus the segment's shift (business +0.4
       reliability and booking, +0.2 staff; leisure +0.3 room and value for money, +0.2
       feeling valued), plus the guest's demandingness (normal, sd 0.5) and noise (sd 0.6).
    3. **Problems**: 22% of guests had one, with reliability (40%), staff (25%), the room
       (20%) or booking (15%); it costs that attribute 2 points. 45% of them complained; the
       hotel recovered 65% of complaints, which gives back 1.5 of the 2 points and adds 0.5 to
       feeling valued. A complaint not recovered costs another 0.7 on staff and on feeling
       valued.
    4. **Perceptions**: the hotel's level (room 6.0, reliability 4.7, staff 5.6, booking 4.8,
       feeling valued 5.3, value for money 4.8), plus the guest's mood (normal, sd 0.5), the
       problem's effect, and noise (sd 0.7).
    5. **Overall satisfaction**: 6.25 plus the weighted sum of the latent gaps (perception −
       expectation; weights reliability 0.30, staff 0.25, feeling valued 0.22, value for money
       0.10, room 0.08, booking 0.05), plus the problem episode (did not complain −1.1,
       complained and recovered −0.6, complained and not recovered −2.0), plus noise (sd
       0.5): the course's definition of satisfaction as perception against expectation.
    6. **Likelihood to recommend**: 7.5 + 1.8 × (overall − 5) + noise (sd 1.3), on 0–10.
    7. **Came back within 12 months** with the probability of the guest's overall satisfaction
       rating in :data:`RETURN_BY_SATISFACTION` (15% at 1, 76% at 5, 88% at 6, 96% at 7), so
       merely satisfied guests still defect (Jones & Sasser 1995).

    The levels and effects were set once so that the file shows what the lesson needs: about
    80% of guests come back (the course's hotel loses 20% of its customers a year), recovered
    complainers come back about as often as the course's 70% and far more often than
    complainers left unhappy, the importance–performance map has attributes in every quadrant,
    and the NPS is moderately positive. Over seeds 2000–2039 these settings give on average
    78% returning, 74% of recovered complainers, 41% of unrecovered complainers and 61% of
    silent ones; the default seed (2026) is one of the 23 of those 40 whose map puts room in
    "possible overkill", reliability in "concentrate here", staff and feeling valued in "keep
    up the good work" and booking and value for money in "low priority".

    {{parameters}}

    Returns
    -------
    DataFrame
        One row per respondent: ``respondent_id``, ``segment``, ``expectation_<attribute>``
        and ``perception_<attribute>`` for each of :data:`HOTEL_SURVEY_ATTRIBUTES` (1–7),
        ``overall_satisfaction`` (1–7), ``likelihood_to_recommend`` (0–10),
        ``complaint_outcome`` (one of :data:`COMPLAINT_OUTCOMES`) and ``returned_12m`` (bool).

    References
    ----------
    Course material: the hotel loyalty exercise (course project ``001``: churn 20%); the
    drivers of satisfaction and the service statistics ("客户关系管理与服务营销" slides: 70% of
    dissatisfied customers stay after a good remedy); satisfaction as perception against
    expectation (encyclopaedia article ``002``). Jones, T. O. & Sasser, W. E. (1995). Why
    satisfied customers defect. *Harvard Business Review* 73(6), 88–99.

    Examples
    --------
    >>> survey = make_hotel_survey(50, seed=1)
    >>> ratings_on_scale = bool(survey["overall_satisfaction"].between(1, 7).all())
    >>> len(survey), survey["respondent_id"].is_unique, ratings_on_scale
    (50, True, True)
    """
    n = check_whole_number(n, "n", minimum=1)
    rng = np.random.default_rng(seed)
    attributes = list(HOTEL_SURVEY_ATTRIBUTES)
    segment = rng.choice(list(_SEGMENT_SHARES), n, p=list(_SEGMENT_SHARES.values()))
    demand = rng.normal(0.0, 0.5, n)
    expectation = {}
    for a in attributes:
        shift = np.select([segment == s for s in _SEGMENT_SHIFT],
                          [_SEGMENT_SHIFT[s].get(a, 0.0) for s in _SEGMENT_SHIFT])
        expectation[a] = _EXPECTED[a] + shift + demand + rng.normal(0.0, 0.6, n)
    problem = rng.random(n) < _PROBLEM_RATE
    area = rng.choice(list(_PROBLEM_AREAS), n, p=list(_PROBLEM_AREAS.values()))
    complained = problem & (rng.random(n) < _COMPLAINT_RATE)
    recovered = complained & (rng.random(n) < _RECOVERY_RATE)
    outcome = np.select([~problem, ~complained, recovered],
                        list(COMPLAINT_OUTCOMES[:3]), default=COMPLAINT_OUTCOMES[3])
    mood = rng.normal(0.0, 0.5, n)
    perception = {}
    for a in attributes:
        effect = np.where(problem & (area == a), _PROBLEM_HIT, 0.0)
        effect = effect + np.where(recovered & (area == a), 1.5, 0.0)
        if a == "feeling_valued":
            effect = effect + np.where(recovered, 0.5, 0.0)
        if a in ("staff", "feeling_valued"):
            effect = effect - np.where(complained & ~recovered, 0.7, 0.0)
        perception[a] = _PERCEIVED[a] + mood + effect + rng.normal(0.0, 0.7, n)
    gaps = sum(_WEIGHTS[a] * (perception[a] - expectation[a]) for a in attributes)
    episode = pd.Series(_EPISODE)[outcome].to_numpy()
    overall = _OVERALL_BASE + gaps + episode + rng.normal(0.0, 0.5, n)
    overall_rating = _rating(overall, 1, 7)
    recommend = _rating(_RECOMMEND[0] + _RECOMMEND[1] * (overall - 5.0)
                        + rng.normal(0.0, _RECOMMEND[2], n), 0, 10)
    returned = rng.random(n) < pd.Series(RETURN_BY_SATISFACTION)[overall_rating].to_numpy()
    table = {"respondent_id": np.arange(1, n + 1), "segment": segment}
    table.update({f"expectation_{a}": _rating(expectation[a], 1, 7) for a in attributes})
    table.update({f"perception_{a}": _rating(perception[a], 1, 7) for a in attributes})
    table.update({"overall_satisfaction": overall_rating, "likelihood_to_recommend": recommend,
                  "complaint_outcome": outcome, "returned_12m": returned})
    return pd.DataFrame(table)[_COLUMNS]


_PARTS = ("all", "expectation", "perception")
_DTYPES = {column: "int64" for column in _COLUMNS}
_DTYPES.update({"segment": "str", "complaint_outcome": "str", "returned_12m": "bool"})


@lru_cache(maxsize=1)
def _load_survey_cached() -> pd.DataFrame:
    table = read_verified_csv("hotel_survey.csv", _COLUMNS)
    return table.astype(_DTYPES)


@loaded_from("hotel_survey.csv", "make_hotel_survey")
def load_hotel_survey(part="all") -> pd.DataFrame:
    """The hotel's guest-satisfaction survey (1000 respondents), checked against its checksum.

    {{shipped_file}}

    Parameters
    ----------
    part : {"all", "expectation", "perception"}, default "all"
        ``"all"``: the whole table. ``"expectation"`` or ``"perception"``: only those ratings,
        one column per attribute (named as in :data:`HOTEL_SURVEY_ATTRIBUTES`), indexed by
        ``respondent_id``: the shape :func:`crmlib.satisfaction_gap` and
        :func:`crmlib.importance_performance` take.

    Returns
    -------
    DataFrame
        A fresh copy on every call. ``"all"``: ``respondent_id``, ``segment`` (business,
        leisure), ``expectation_<attribute>`` and ``perception_<attribute>`` (1–7),
        ``overall_satisfaction`` (1–7), ``likelihood_to_recommend`` (0–10),
        ``complaint_outcome`` (see :data:`COMPLAINT_OUTCOMES`), ``returned_12m`` (bool: stayed
        again within 12 months).

    Examples
    --------
    >>> survey = load_hotel_survey()
    >>> len(survey), list(load_hotel_survey("perception").columns)[:3]
    (1000, ['room', 'reliability', 'staff'])
    """
    check_choice(part, "part", _PARTS)
    survey = _load_survey_cached().copy()
    if part == "all":
        return survey
    columns = [f"{part}_{a}" for a in HOTEL_SURVEY_ATTRIBUTES]
    ratings = survey.set_index("respondent_id")[columns]
    return ratings.rename(columns=lambda c: c.removeprefix(f"{part}_"))


def save_hotel_survey(path) -> str:
    """Write ``make_hotel_survey()`` to ``path`` as the shipped CSV; return its SHA-256.

    For maintainers: this is how ``datasets/hotel_survey.csv`` was made.
    """
    return write_shipped_csv(make_hotel_survey(), path)
