"""Exercises for the satisfaction and loyalty unit (lesson 06).

Seven exercises written as :class:`~crmlib.exercises.Exercise` specs: the Net Promoter Score
of twenty guests' ratings; a small gap table (perception − expectation); reading the
importance–performance map of a sample of the hotel's survey; Reichheld & Sasser's credit-card
customer at two defection rates; the complaint funnel; 12% against 1% growth, compounded; and
what an NPS difference between two segments can and cannot say. Every answer is computed by
crmlib from the exercise's own numbers; every sentence a student reads is in
``crmlib/text/<language>/exercises_loyalty.toml``.

``student=None`` gives the exercise's own numbers: the kit's illustration around the course's
figures (70% of recovered complainers stay, 8–10 people told, 12% against 1% growth) and the
literature's (the credit-card customer); a student id gives that student their own numbers.
The survey exercises use a sample of the kit's synthetic hotel survey (lesson 06's data).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from crmlib.datasets import HOTEL_SURVEY_ATTRIBUTES, load_hotel_survey
from crmlib.exercises._core import ExerciseSet
from crmlib.exercises._spec import Choice, Exercise, Numeric, exercise_factory, pick
from crmlib.i18n import table_text, text
from crmlib.loyalty import (
    IPA_QUADRANTS,
    clv_from_profit_path,
    clv_gain_from_retention,
    complaint_funnel,
    compound_growth,
    importance_performance,
    net_promoter_score,
    nps_breakdown,
    satisfaction_gap,
)

__all__ = ["complaint_handling", "credit_card_customer", "gap_table", "growth_12_vs_1",
           "importance_performance_map", "nps_by_segment", "nps_from_ratings"]


def _attribute(name: str) -> str:
    """A survey attribute's name in the current language (the lesson's plot labels)."""
    return text(f"loyalty.attributes.{name}")


def _ratings_text(ratings) -> str:
    return ", ".join(str(int(r)) for r in ratings)


# --------------------------------------------------------------------------- 1. NPS


#: The exercise's own twenty ratings: 9 promoters, 4 eights and 2 sevens (passives), 3 sixes
#: and 2 lower ratings (detractors): NPS = 100 × (9 − 5) / 20 = 20.
NPS_RATINGS = (10, 9, 8, 6, 9, 10, 7, 9, 8, 3, 10, 9, 6, 8, 9, 7, 10, 5, 8, 6)


def _nps_paths(ratings) -> dict:
    r = np.asarray(ratings)
    parts = nps_breakdown(r)
    nps = float(parts["nps"])
    not_passive = r[(r <= 6) | (r >= 9)]
    return {
        "promoters": float(parts["promoters"]),
        "promoters.from_8": float(nps_breakdown(np.where(r == 8, 9, r))["promoters"]),
        "promoters.from_7": float(nps_breakdown(np.where(r >= 7, 9, r))["promoters"]),
        "detractors": float(parts["detractors"]),
        "detractors.six_not_detractor": float(nps_breakdown(np.where(r == 6, 7, r))
                                              ["detractors"]),
        "detractors.below_9": float(parts["detractors"] + parts["passives"]),
        "nps": nps,
        "nps.from_8": net_promoter_score(np.where(r == 8, 9, r)),
        "nps.from_7": net_promoter_score(np.where(r >= 7, 9, r)),
        "nps.six_not_detractor": net_promoter_score(np.where(r == 6, 7, r)),
        "nps.passives_left_out": net_promoter_score(not_passive),
        "nps.promoter_share": 100.0 * float(parts["promoter_share"]),
        "nps.fraction": nps / 100.0,
    }


def _nps_told_apart(ratings) -> bool:
    """Every wrong path at least two NPS points from the answer and from the others."""
    paths = _nps_paths(ratings)
    values = sorted(v for k, v in paths.items() if k == "nps" or k.startswith("nps."))
    return min(b - a for a, b in zip(values, values[1:], strict=False)) >= 2.0


def _nps_draw(rng, settings):
    while True:
        eights, sevens = int(rng.integers(2, 6)), int(rng.integers(1, 4))
        sixes, low = int(rng.integers(2, 4)), int(rng.integers(1, 4))
        promoters = 20 - eights - sevens - sixes - low
        ratings = ([int(pick(rng, (9, 9, 10))) for _ in range(promoters)] + [8] * eights
                   + [7] * sevens + [6] * sixes + [int(rng.integers(1, 6)) for _ in range(low)])
        ratings = [int(v) for v in rng.permutation(ratings)]
        if promoters > sixes + low and _nps_told_apart(ratings):
            return {"ratings": ratings}


def _nps_shown(p):
    return {"ratings_text": _ratings_text(p["ratings"]), "respondents": len(p["ratings"])}


NPS_FROM_RATINGS = Exercise(
    key="nps_from_ratings",
    defaults={"ratings": list(NPS_RATINGS)},
    numbers="illustrative",
    draw=_nps_draw,
    solve=lambda p: _nps_paths(p["ratings"]),
    shown=_nps_shown,
    questions=(
        Numeric("promoters", unit="customers", decimals=0, mistakes=("from_8", "from_7")),
        Numeric("detractors", unit="customers", decimals=0,
                mistakes=("six_not_detractor", "below_9")),
        Numeric("nps", unit="points", decimals=0,
                mistakes=("from_8", "from_7", "six_not_detractor", "passives_left_out",
                          "promoter_share", "fraction")),
    ),
)


@exercise_factory(NPS_FROM_RATINGS)
def nps_from_ratings(student=None, *, graded=False) -> ExerciseSet:
    r"""The Net Promoter Score of twenty guests' 0–10 ratings, counted by hand.

    Promoters rate 9–10, passives 7–8, detractors 0–6;
    :math:`\mathrm{NPS} = 100\,(\#\text{promoters} - \#\text{detractors}) / n`
    (:func:`crmlib.net_promoter_score`). The exercise's own ratings have 9 promoters, 6
    passives and 5 detractors: NPS = 100 × (9 − 5) / 20 = 20.

    The ratings are ``ex.ratings``.

    Parameters
    ----------
    student : str or int, optional
        A student id for personal ratings (twenty, each with at least two 8s and two 6s, the
        ratings on the groups' borders); ``None`` (default) uses the exercise's own.

    References
    ----------
    Reichheld (2003), cited in full at :func:`crmlib.net_promoter_score`.

    Examples
    --------
    >>> ex = nps_from_ratings()
    >>> ex.check("promoters", 9).correct, ex.check("nps", 20).correct
    (True, True)
    >>> print(ex.check("nps", 40))  # doctest: +ELLIPSIS
    ❌ Not quite (40). You counted the 8s as promoters...
    """
    return NPS_FROM_RATINGS.build(student, graded=graded)


# --------------------------------------------------------------------------- 2. gap table

#: The attributes of the gap table (three of the survey's six).
GAP_ATTRIBUTES = ("room", "reliability", "staff")
_GUESTS = ("A", "B", "C", "D")

#: The exercise's own ratings (1–7) of four guests: reliability falls short (mean gap −1.5),
#: the room (+0.5) and the staff (+0.25) meet or beat expectations.
GAP_EXPECTED = {"room": [6, 5, 6, 5], "reliability": [7, 6, 7, 6], "staff": [5, 6, 5, 6]}
GAP_PERCEIVED = {"room": [6, 6, 7, 5], "reliability": [4, 5, 5, 6], "staff": [6, 5, 6, 6]}


def _gap_tables(expected: dict, perceived: dict) -> dict:
    index = pd.Index(_GUESTS, name="guest")
    return {"expected": pd.DataFrame(expected, index=index)[list(GAP_ATTRIBUTES)],
            "perceived": pd.DataFrame(perceived, index=index)[list(GAP_ATTRIBUTES)]}


def _gap_draw(rng, settings):
    short = pick(rng, GAP_ATTRIBUTES)
    while True:
        expected = {a: [int(v) for v in rng.integers(4, 8, size=len(_GUESTS))]
                    for a in GAP_ATTRIBUTES}
        perceived = {}
        for a in GAP_ATTRIBUTES:
            low, high = (-3, 0) if a == short else (-1, 2)   # short: 1 to 3 points below
            shift = rng.integers(low, high, size=len(_GUESTS))
            perceived[a] = [int(v) for v in np.clip(np.array(expected[a]) + shift, 1, 7)]
        tables = _gap_tables(expected, perceived)
        gaps = satisfaction_gap(tables["perceived"], tables["expected"]).mean().sort_values()
        if gaps.index[0] == short and gaps.iloc[1] - gaps.iloc[0] >= 0.5:
            return tables


def _gap_solve(p):
    gap = satisfaction_gap(p["perceived"], p["expected"])
    mean = gap.mean()
    reliability = gap["reliability"]
    return {
        "reliability_gap": float(mean["reliability"]),
        "reliability_gap.reversed": float(satisfaction_gap(p["expected"], p["perceived"])
                                          .mean()["reliability"]),
        "reliability_gap.perception_only": float(p["perceived"]["reliability"].mean()),
        "reliability_gap.sum": float(reliability.sum()),
        "reliability_gap.all_attributes": float(gap.to_numpy().mean()),
        "disappointed": float((reliability < 0).mean()),
        "disappointed.zero_counted": float((reliability <= 0).mean()),
        "disappointed.above": float((reliability > 0).mean()),
        "shortest": str(mean.idxmin()),
    }


def _gap_shown(p):
    mean = satisfaction_gap(p["perceived"], p["expected"]).mean()
    shown = {"expected_table": table_text(p["expected"]),
             "perceived_table": table_text(p["perceived"]),
             "guests": len(p["expected"])}
    shortest = str(mean.idxmin())
    for name in GAP_ATTRIBUTES:    # no gap in the reasons: the first question asks for one
        reason = "shortest" if name == shortest else "other"
        shown[f"why_{name}"] = text(f"gap_table.reason.{reason}", attribute=_attribute(name),
                                    shortest=_attribute(shortest))
    return shown


GAP_TABLE = Exercise(
    key="gap_table",
    defaults=lambda settings: _gap_tables(GAP_EXPECTED, GAP_PERCEIVED),
    numbers="illustrative",
    draw=_gap_draw,
    solve=_gap_solve,
    shown=_gap_shown,
    questions=(
        Numeric("reliability_gap", unit="points", decimals=2,
                mistakes=("reversed", "perception_only", "sum", "all_attributes")),
        Numeric("disappointed", decimals=2, fraction=True, mistakes=("zero_counted", "above")),
        Choice("shortest", GAP_ATTRIBUTES, labels="loyalty.attributes"),
    ),
)


@exercise_factory(GAP_TABLE)
def gap_table(student=None, *, graded=False) -> ExerciseSet:
    r"""A gap table of four guests: perception − expectation, by attribute.

    The gap of a rating is :math:`G = P - E` (:func:`crmlib.satisfaction_gap`); an attribute's
    gap is the mean over the guests. With the exercise's own ratings reliability's gaps are
    −3, −1, −2 and 0: mean −1.5, three guests of four (0.75) disappointed; the room's mean gap
    is +0.5 and the staff's +0.25, so reliability falls shortest.

    ``shortest`` chooses among the room, reliability and the staff; the tables are
    ``ex.expected`` and ``ex.perceived``.

    Parameters
    ----------
    student : str or int, optional
        A student id for personal ratings (the attribute that falls shortest is drawn too);
        ``None`` (default) uses the exercise's own.

    References
    ----------
    Oliver, R. L. (1980). A cognitive model of the antecedents and consequences of satisfaction
    decisions. *Journal of Marketing Research* 17(4), 460–469. Course material, encyclopaedia
    article on CRM (客户满意: perception against expectation).

    Examples
    --------
    >>> ex = gap_table()
    >>> ex.check("reliability_gap", -1.5).correct, ex.check("shortest", "可靠性").correct
    (True, True)
    >>> print(ex.check("disappointed", 1))  # doctest: +ELLIPSIS
    ❌ Not quite (1). A gap of 0 means...
    """
    return GAP_TABLE.build(student, graded=graded)


# --------------------------------------------------------------------------- 3. IPA map

#: Guests in a student's sample of the hotel survey for the importance–performance map.
IPA_SAMPLE = 300
_QUADRANT_KEYS = dict(zip(IPA_QUADRANTS, ("concentrate_here", "keep_up", "low_priority",
                                          "overkill"), strict=True))


def _survey_sample(respondents) -> dict:
    survey = load_hotel_survey().set_index("respondent_id").loc[respondents]
    perceived = load_hotel_survey("perception").loc[respondents]
    return {"survey": survey, "perceived": perceived}


def _ipa_draw(rng, settings):
    ids = load_hotel_survey()["respondent_id"].to_numpy()
    while True:
        chosen = np.sort(rng.choice(ids, IPA_SAMPLE, replace=False)).tolist()
        sample = _survey_sample(chosen)
        ipa = importance_performance(sample["perceived"], sample["survey"]["overall_satisfaction"])
        if (ipa["quadrant"] == IPA_QUADRANTS[0]).sum() == 1:   # one attribute to fix first
            return sample


def _ipa(p):
    return importance_performance(p["perceived"], p["survey"]["overall_satisfaction"])


def _correlation(x, y) -> float:
    return float(np.corrcoef(np.asarray(x, dtype=float), np.asarray(y, dtype=float))[0, 1])


def _ipa_solve(p):
    ipa = _ipa(p)
    survey = p["survey"]
    reliability = p["perceived"]["reliability"]
    gap = reliability - survey["expectation_reliability"]
    return {
        "reliability_importance": float(ipa.loc["reliability", "importance"]),
        "reliability_importance.recommend": _correlation(reliability,
                                                         survey["likelihood_to_recommend"]),
        "reliability_importance.gap": _correlation(gap, survey["overall_satisfaction"]),
        "reliability_importance.expectation": float(survey["expectation_reliability"].mean()),
        "reliability_importance.performance": float(ipa.loc["reliability", "performance"]),
        "room_cell": _QUADRANT_KEYS[ipa.loc["room", "quadrant"]],
        "fix_first": str(ipa.index[ipa["quadrant"] == IPA_QUADRANTS[0]][0]),
    }


def _ipa_shown(p):
    ipa = _ipa(p)
    lines = {"mean_importance": float(ipa["importance"].mean()),
             "mean_performance": float(ipa["performance"].mean())}
    shown = {**lines, "respondents": len(p["survey"]),
             "room_importance": float(ipa.loc["room", "importance"]),
             "room_performance": float(ipa.loc["room", "performance"])}
    for name, row in ipa.iterrows():
        # no importance in the reasons: the first question asks for reliability's
        shown[f"why_{name}"] = text(
            f"importance_performance_map.reason.{_QUADRANT_KEYS[row['quadrant']]}",
            attribute=_attribute(name), performance=float(row["performance"]), **lines)
    return shown


IMPORTANCE_PERFORMANCE_MAP = Exercise(
    key="importance_performance_map",
    defaults=lambda settings: _survey_sample(list(range(1, IPA_SAMPLE + 1))),
    numbers="illustrative",
    draw=_ipa_draw,
    solve=_ipa_solve,
    shown=_ipa_shown,
    questions=(
        Numeric("reliability_importance", decimals=2,
                mistakes=("recommend", "gap", "expectation", "performance")),
        Choice("room_cell", tuple(_QUADRANT_KEYS.values())),
        Choice("fix_first", tuple(HOTEL_SURVEY_ATTRIBUTES),
               labels="loyalty.attributes"),
    ),
)


@exercise_factory(IMPORTANCE_PERFORMANCE_MAP)
def importance_performance_map(student=None, *, graded=False) -> ExerciseSet:
    r"""Read the importance–performance map of 300 guests of the hotel's survey.

    Derived importance is the Pearson correlation of an attribute's perception ratings with
    overall satisfaction, performance its mean rating; the lines cross at the means across the
    attributes (:func:`crmlib.importance_performance`). With the exercise's own sample (the
    survey's respondents 1–300) reliability's importance is 0.466 and it is the one attribute
    to "concentrate here"; the room (importance 0.341, just above the line at 0.320) falls in
    "keep up the good work", not in "possible overkill" as in the lesson's 1,000 guests.

    ``room_cell`` chooses among the four cells, ``fix_first`` among the six attributes; the
    tables are ``ex.survey`` (the sample's rows of the survey) and ``ex.perceived`` (their
    perception ratings).

    Parameters
    ----------
    student : str or int, optional
        A student id: a sample of 300 of the survey's 1,000 guests drawn for that student
        (one with a single "concentrate here" attribute). ``None`` (default): respondents
        1–300.

    References
    ----------
    Martilla, J. A. & James, J. C. (1977). Importance–performance analysis. *Journal of
    Marketing* 41(1), 77–79. The survey is the kit's synthetic hotel survey
    (``datasets/hotel_survey.md``).

    Examples
    --------
    >>> ex = importance_performance_map()
    >>> ex.check("reliability_importance", 0.47).correct, ex.check("fix_first", "B").correct
    (True, True)
    >>> print(ex.check("room_cell", "possible overkill"))  # doctest: +ELLIPSIS
    ❌ Not this one (possible overkill). Possible overkill needs importance below the line...
    """
    return IMPORTANCE_PERFORMANCE_MAP.build(student, graded=graded)


# --------------------------------------------------------------------------- 4. credit card

#: Reichheld & Sasser's (1990) credit-card customer: profit in years 1–5 of tenure and the
#: cost of winning the customer.
CARD_PROFITS = (30.0, 42.0, 44.0, 49.0, 55.0)
CARD_ACQUISITION_COST = 51.0


def _card_draw(rng, settings):
    scale = float(pick(rng, (0.8, 1.2, 1.5, 2.0)))
    churn_before = float(pick(rng, (0.10, 0.15, 0.20)))
    return {"profits": [round(scale * p, 2) for p in CARD_PROFITS],
            "acquisition_cost": round(scale * CARD_ACQUISITION_COST, 2),
            "discount_rate": float(pick(rng, (0.08, 0.10, 0.12))),
            "churn_before": churn_before, "churn_after": round(churn_before - 0.05, 2)}


def _card_solve(p):
    path, i, cost = p["profits"], p["discount_rate"], p["acquisition_cost"]
    out = {}
    for question, churn in (("clv_before", p["churn_before"]), ("clv_after", p["churn_after"])):
        r = 1.0 - churn
        clv = clv_from_profit_path(path, r, i, acquisition_cost=cost)
        q = r / (1.0 + i)
        out[question] = clv
        out[f"{question}.no_tail"] = float(sum(
            profit * q ** year for year, profit in enumerate(path, start=1))) - cost
        out[f"{question}.begin"] = clv_from_profit_path(path, r, i, when="begin",
                                                        acquisition_cost=cost)
        out[f"{question}.no_acquisition_cost"] = clv_from_profit_path(path, r, i)
        out[f"{question}.first_year_flat"] = clv_from_profit_path(path[:1], r, i,
                                                                  acquisition_cost=cost)
        out[f"{question}.last_year_flat"] = clv_from_profit_path(path[-1:], r, i,
                                                                 acquisition_cost=cost)
        out[f"{question}.no_discounting"] = clv_from_profit_path(path, r, 0.0,
                                                                 acquisition_cost=cost)
    gain = clv_gain_from_retention(path, 1.0 - p["churn_before"],
                                   p["churn_before"] - p["churn_after"], i, acquisition_cost=cost)
    gross = clv_gain_from_retention(path, 1.0 - p["churn_before"],
                                    p["churn_before"] - p["churn_after"], i)
    growing, flat = gain.loc["profit grows with tenure"], gain.loc["flat profit"]
    out.update({
        "gain": float(growing["gain"]),
        "gain.flat": float(flat["gain"]),
        "change": float(growing["change_pct"]) / 100.0,
        "change.points": p["churn_before"] - p["churn_after"],
        "change.money": float(growing["gain"]),
        "change.after_base": float(growing["gain"] / growing["clv_after"]),
        "change.flat": float(flat["change_pct"]) / 100.0,
        "change.no_acquisition_cost": float(gross.loc["profit grows with tenure", "change_pct"])
                                      / 100.0,
    })
    return out


def _card_shown(p):
    path = p["profits"]
    return {"profits_text": ", ".join(f"{v:g}" for v in path), "years": len(path),
            "last_profit": path[-1], "retention_before": 1.0 - p["churn_before"],
            "retention_after": 1.0 - p["churn_after"]}


CREDIT_CARD_CUSTOMER = Exercise(
    key="credit_card_customer",
    defaults={"profits": list(CARD_PROFITS), "acquisition_cost": CARD_ACQUISITION_COST,
              "discount_rate": 0.10, "churn_before": 0.10, "churn_after": 0.05},
    numbers="illustrative",
    draw=_card_draw,
    solve=_card_solve,
    shown=_card_shown,
    questions=tuple(
        [Numeric(name, unit="dollars", decimals=0,
                 mistakes=("no_tail", "begin", "no_acquisition_cost", "first_year_flat",
                           "last_year_flat", "no_discounting"))
         for name in ("clv_before", "clv_after")]
        + [Numeric("gain", unit="dollars", decimals=0, mistakes=("flat",)),
           Numeric("change", decimals=2, fraction=True,
                   mistakes=("points", "money", "after_base", "flat", "no_acquisition_cost"))]),
)


@exercise_factory(CREDIT_CARD_CUSTOMER)
def credit_card_customer(student=None, *, graded=False) -> ExerciseSet:
    r"""Reichheld & Sasser's credit-card customer at 10% and at 5% defection.

    The customer costs 51 to win and brings 30, 42, 44, 49 and 55 in years 1–5, then 55 a year;
    each year's profit arrives at the end of the year if the customer is still there, discounted
    at 10% (:func:`crmlib.clv_from_profit_path`). At retention 0.9 the CLV is 158.63, at 0.95
    it is 255.62: 96.99 more, +61%.

    Parameters
    ----------
    student : str or int, optional
        A student id for personal numbers (the path scaled, the discount rate and a 5-point
        cut in defection from 10%, 15% or 20%); ``None`` (default) uses Reichheld & Sasser's.

    References
    ----------
    Reichheld, F. F. & Sasser, W. E. (1990). Zero defections: quality comes to services.
    *Harvard Business Review* 68(5), 105–111 (the credit-card customer; "5% fewer defections,
    25–85% more profit", as quoted in the course slides).

    Examples
    --------
    >>> ex = credit_card_customer()
    >>> ex.check("clv_before", 158.63).correct, ex.check("change", "61%").correct
    (True, True)
    >>> print(ex.check("clv_before", 209.63))  # doctest: +ELLIPSIS
    ❌ Not quite (209.63). Don't forget the acquisition cost...
    """
    return CREDIT_CARD_CUSTOMER.build(student, graded=graded)


# --------------------------------------------------------------------------- 5. complaints

#: What the funnel exercise assumes beyond its drawn rates: the course's 70% of recovered
#: complainers who stay, the kit's 20% and 30% for unrecovered and silent ones, and lesson 02's
#: hotel guest worth 2000 × 0.8 / 0.2 = 8000 yuan.
FUNNEL_FIXED = {"retention_recovered": 0.70, "retention_unrecovered": 0.20,
                "retention_silent": 0.30, "value_per_customer": 8000.0}


def _funnel_draw(rng, settings):
    return {"customers": float(pick(rng, (5000, 8000, 10000, 12000))),
            "dissatisfaction_rate": float(pick(rng, (0.10, 0.15, 0.20, 0.25))),
            "complaint_rate": float(pick(rng, (0.30, 0.40, 0.50))),
            "recovery_rate": float(pick(rng, (0.60, 0.75, 0.90))),
            "people_told": float(pick(rng, (8, 9, 10))), **FUNNEL_FIXED}


def _funnel(p, **changes):
    names = ("dissatisfaction_rate", "complaint_rate", "recovery_rate")
    settings = {**{k: p[k] for k in (*names, *FUNNEL_FIXED, "people_told")}, **changes}
    rates = [settings.pop(k) for k in names]
    return complaint_funnel(p["customers"], *rates, **settings)


def _funnel_solve(p):
    table = _funnel(p)
    total = table.loc["all dissatisfied"]
    recovered, unrecovered, silent = (table.loc[row] for row in table.index[:3])
    kept_recovered = float(recovered["kept"])
    told_each = p["people_told"]
    value = p["value_per_customer"]
    return {
        "kept": float(total["kept"]),
        "kept.everyone_at_recovered_rate": float(
            _funnel(p, retention_unrecovered=p["retention_recovered"],
                    retention_silent=p["retention_recovered"]).loc["all dissatisfied", "kept"]),
        "kept.recovered_only": kept_recovered,
        "kept.every_complaint_recovered": float(
            _funnel(p, recovery_rate=1.0).loc["all dissatisfied", "kept"]),
        "told": float(total["told"]),
        "told.everyone": float(total["customers"]) * told_each,
        "told.lost_only": float(total["lost"]) * told_each,
        "told.silent_only": float(silent["told"]),
        "value_lost": float(total["value_lost"]),
        "value_lost.kept": float(total["kept"]) * value,
        "value_lost.everyone": float(total["customers"]) * value,
        "value_lost.unrecovered_only": float(unrecovered["value_lost"]),
    }


def _funnel_shown(p):
    table = _funnel(p)
    return {"dissatisfied": float(table.loc["all dissatisfied", "customers"])}


COMPLAINT_HANDLING = Exercise(
    key="complaint_handling",
    defaults={"customers": 10000.0, "dissatisfaction_rate": 0.20, "complaint_rate": 0.40,
              "recovery_rate": 0.75, "people_told": 9.0, **FUNNEL_FIXED},
    numbers="illustrative",
    draw=_funnel_draw,
    solve=_funnel_solve,
    shown=_funnel_shown,
    questions=(
        Numeric("kept", unit="customers", decimals=0,
                mistakes=("everyone_at_recovered_rate", "recovered_only",
                          "every_complaint_recovered")),
        Numeric("told", decimals=0, mistakes=("everyone", "lost_only", "silent_only")),
        Numeric("value_lost", unit="yuan", decimals=None, significant=3,
                mistakes=("kept", "everyone", "unrecovered_only")),
    ),
)


@exercise_factory(COMPLAINT_HANDLING)
def complaint_handling(student=None, *, graded=False) -> ExerciseSet:
    r"""The hotel's complaint funnel: guests kept, people told, value lost.

    10,000 guests a year, 20% dissatisfied (2,000), 40% of them complain (800), 75% of the
    complaints are put right (600 recovered, 200 not), 1,200 stay silent. With 70%, 20% and 30%
    of them staying, the hotel keeps 600 × 0.7 + 200 × 0.2 + 1200 × 0.3 = 820 and loses 1,180,
    worth 1,180 × 8,000 = 9.44 million yuan; the 1,400 still-unhappy guests tell 9 people each,
    12,600 in all (:func:`crmlib.complaint_funnel`).

    Parameters
    ----------
    student : str or int, optional
        A student id for personal numbers (guests, the three rates and the people each tells);
        ``None`` (default) uses the numbers above.

    References
    ----------
    Course material, "客户关系管理与服务营销" slides (70% of dissatisfied customers stay if the
    remedy is good; a dissatisfied customer tells 8–10 people). Hart, C. W. L., Heskett, J. L.
    & Sasser, W. E. (1990). The profitable art of service recovery. *Harvard Business Review*
    68(4), 148–156.

    Examples
    --------
    >>> ex = complaint_handling()
    >>> ex.check("kept", 820).correct, ex.check("value_lost", "944万").correct
    (True, True)
    >>> print(ex.check("told", 18000))  # doctest: +ELLIPSIS
    ❌ Not quite (18,000). Guests whose complaint was put right...
    """
    return COMPLAINT_HANDLING.build(student, graded=graded)


# --------------------------------------------------------------------------- 6. growth


def _growth_draw(rng, settings):
    return {"start": float(pick(rng, (50, 80, 100, 200))),
            "years": float(pick(rng, (8, 10, 12, 15))),
            "growth_satisfied": 0.12, "growth_poor_service": 0.01}


def _growth_solve(p):
    start, years = p["start"], p["years"]
    good, poor = p["growth_satisfied"], p["growth_poor_service"]
    out = {}
    for question, g in (("size_satisfied", good), ("size_poor_service", poor)):
        size = float(compound_growth(g, years, start=start))
        out[question] = size
        out[f"{question}.simple"] = start * (1.0 + g * years)
        out[f"{question}.increase_only"] = size - start
        out[f"{question}.factor_only"] = float(compound_growth(g, years))
    out.update({
        "ratio": float(compound_growth(good, years) / compound_growth(poor, years)),
        "ratio.rates": good / poor,
        "ratio.simple": (1.0 + good * years) / (1.0 + poor * years),
        "ratio.difference_compounded": float(compound_growth(good - poor, years)),
        "ratio.difference_times_years": 1.0 + (good - poor) * years,
    })
    return out


COMPOUND_GROWTH = Exercise(
    key="growth_12_vs_1",
    defaults={"start": 100.0, "years": 10.0, "growth_satisfied": 0.12,
              "growth_poor_service": 0.01},
    numbers="illustrative",
    draw=_growth_draw,
    solve=_growth_solve,
    questions=tuple(
        [Numeric(name, unit="million_yuan", decimals=1,
                 mistakes=("simple", "increase_only", "factor_only"))
         for name in ("size_satisfied", "size_poor_service")]
        + [Numeric("ratio", decimals=2,
                   mistakes=("rates", "simple", "difference_compounded",
                             "difference_times_years"))]),
)


@exercise_factory(COMPOUND_GROWTH)
def growth_12_vs_1(student=None, *, graded=False) -> ExerciseSet:
    r"""12% a year against 1% a year: where the course's growth figures lead.

    Two hotels start at 100 million yuan of revenue; one satisfies its customers and grows 12%
    a year, the other serves poorly and grows 1% (the course's figures). After 10 years:
    :math:`100 \times 1.12^{10} = 310.6` against :math:`100 \times 1.01^{10} = 110.5`, a ratio
    of :math:`(1.12 / 1.01)^{10} = 2.81` (:func:`crmlib.compound_growth`).

    Parameters
    ----------
    student : str or int, optional
        A student id for a personal start and horizon; ``None`` (default) uses the numbers
        above. The growth rates are always the course's 12% and 1%.

    References
    ----------
    Course material, "客户关系管理与服务营销" slides (service statistics: firms that satisfy
    their customers grow 12% a year, firms with poor service 1%).

    Examples
    --------
    >>> ex = growth_12_vs_1()
    >>> ex.check("size_satisfied", 310.6).correct, ex.check("ratio", 2.81).correct
    (True, True)
    >>> print(ex.check("size_satisfied", 220))  # doctest: +ELLIPSIS
    ❌ Not quite (220). That is simple growth...
    """
    return COMPOUND_GROWTH.build(student, graded=graded)


# --------------------------------------------------------------------------- 7. NPS limits

#: Guests in a student's sample of the survey for the segment comparison.
SEGMENT_SAMPLE = 500
#: The rule of the exercise: a difference counts as real when it exceeds this many standard
#: errors of the difference (about a 95% test).
SEGMENT_Z = 2.0


def _segment_parts(survey: pd.DataFrame) -> dict:
    return {segment: nps_breakdown(group["likelihood_to_recommend"])
            for segment, group in survey.groupby("segment")}


def _segment_margin(survey: pd.DataFrame) -> float:
    """How far |difference| lies from the 2-SE line, in NPS points."""
    parts = _segment_parts(survey)
    difference = parts["leisure"]["nps"] - parts["business"]["nps"]
    se = math.hypot(parts["leisure"]["standard_error"], parts["business"]["standard_error"])
    return abs(abs(difference) - SEGMENT_Z * se)


def _segment_draw(rng, settings):
    survey = load_hotel_survey().set_index("respondent_id")
    while True:
        chosen = np.sort(rng.choice(survey.index.to_numpy(), SEGMENT_SAMPLE, replace=False))
        sample = survey.loc[chosen]
        if _segment_margin(sample) >= 1.0:   # no conclusion that hangs on a rounding
            return {"survey": sample}


def _segment_solve(p):
    survey = p["survey"]
    parts = _segment_parts(survey)
    business, leisure = parts["business"], parts["leisure"]
    se_b, se_l = float(business["standard_error"]), float(leisure["standard_error"])
    se = math.hypot(se_b, se_l)
    difference = float(leisure["nps"] - business["nps"])
    if abs(difference) <= SEGMENT_Z * se:
        conclusion = "noise"
    else:
        conclusion = "leisure_higher" if difference > 0 else "business_higher"
    ratings = survey.loc[survey["segment"] == "business", "likelihood_to_recommend"]
    return {
        "nps_business": float(business["nps"]),
        "nps_business.whole_sample": net_promoter_score(survey["likelihood_to_recommend"]),
        "nps_business.promoter_share": 100.0 * float(business["promoter_share"]),
        "nps_business.passives_left_out": net_promoter_score(ratings[(ratings <= 6)
                                                                     | (ratings >= 9)]),
        "se_difference": se,
        "se_difference.sum": se_b + se_l,
        "se_difference.squares": se_b**2 + se_l**2,
        "se_difference.whole_sample": float(
            nps_breakdown(survey["likelihood_to_recommend"])["standard_error"]),
        "conclusion": conclusion,
    }


def _segment_shown(p):
    parts = _segment_parts(p["survey"])
    business, leisure = parts["business"], parts["leisure"]
    se = math.hypot(business["standard_error"], leisure["standard_error"])
    return {"respondents": len(p["survey"]), "nps_leisure": float(leisure["nps"]),
            "difference": float(leisure["nps"] - business["nps"]),
            "business_nps": float(business["nps"]), "two_se": SEGMENT_Z * se}


NPS_BY_SEGMENT = Exercise(
    key="nps_by_segment",
    defaults=lambda settings: {"survey": load_hotel_survey().set_index("respondent_id")
                               .loc[SEGMENT_SAMPLE + 1:]},
    numbers="illustrative",
    draw=_segment_draw,
    solve=_segment_solve,
    shown=_segment_shown,
    questions=(
        Numeric("nps_business", unit="points", decimals=1,
                mistakes=("whole_sample", "promoter_share", "passives_left_out")),
        Numeric("se_difference", unit="points", decimals=1,
                mistakes=("sum", "squares", "whole_sample")),
        Choice("conclusion", ("noise", "leisure_higher", "business_higher", "attribute")),
    ),
)


@exercise_factory(NPS_BY_SEGMENT)
def nps_by_segment(student=None, *, graded=False) -> ExerciseSet:
    r"""Do leisure guests recommend the hotel more than business travellers? NPS with its noise.

    Each segment's NPS has a standard error (:func:`crmlib.nps_breakdown`); the difference of
    two independent scores has the standard error :math:`\sqrt{SE_1^2 + SE_2^2}`, and a
    difference within two of those is no evidence of a real difference. With the exercise's
    own sample (the survey's respondents 501–1000) business travellers score 15.8 (SE 6.58),
    leisure guests 25.8 (SE 4.46): a 10-point difference against a standard error of 7.95,
    which the survey cannot tell from noise.

    The sample is ``ex.survey``.

    Parameters
    ----------
    student : str or int, optional
        A student id: a sample of 500 of the survey's 1,000 guests drawn for that student (one
        whose difference is not within a point of the two-standard-error line). ``None``
        (default): respondents 501–1000.

    References
    ----------
    Reichheld (2003) and Keiningham et al. (2007), cited in full at
    :func:`crmlib.net_promoter_score`; the standard error is :func:`crmlib.nps_breakdown`'s.

    Examples
    --------
    >>> ex = nps_by_segment()
    >>> ex.check("nps_business", 15.8).correct, ex.check("se_difference", 7.95).correct
    (True, True)
    >>> print(ex.check("se_difference", 11.04))  # doctest: +ELLIPSIS
    ❌ Not quite (11.04). You added the two standard errors...
    """
    return NPS_BY_SEGMENT.build(student, graded=graded)


#: This unit's specs, registered in :data:`crmlib.exercises.SPECS`.
SPECS = (NPS_FROM_RATINGS, GAP_TABLE, IMPORTANCE_PERFORMANCE_MAP, CREDIT_CARD_CUSTOMER,
         COMPLAINT_HANDLING, COMPOUND_GROWTH, NPS_BY_SEGMENT)
