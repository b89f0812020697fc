"""Exercises of the customer lifecycle unit (lesson 03), written as specs.

Seven exercises: the stage of five hotel members by the lesson's rules; a cohort table by hand;
retention and survival converted into each other; the shifted-beta-geometric (sBG) model fitted
to Fader & Hardie's data and projected to year 12; naive projections against the sBG; what
heterogeneity does to customer value; and the strategy of each stage with the pattern of
relationships that have ended.

Each exercise is an :class:`~crmlib.exercises.Exercise`: its own numbers, how a student's numbers
are drawn, every answer and every known wrong path computed with crmlib from those numbers, and
its questions. Every sentence a student reads is in the text catalogue:
``crmlib/text/<lang>/exercises_lifecycle.toml`` and, for the stages, patterns and strategies,
``vocab_lifecycle.toml``. ``student=None`` gives the exercise's own numbers; a student id gives
that student their own histories or numbers, the same on every computer.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlib.clv import customer_lifetime_value
from crmlib.cohorts import cohort_retention, cohort_survival, cohort_table, survival_from_retention
from crmlib.datasets import load_retention_series
from crmlib.exercises._core import ExerciseSet
from crmlib.exercises._spec import Choice, Exercise, Numeric, exercise_factory
from crmlib.i18n import text
from crmlib.lifecycle import ENDED, LifecyclePattern, LifecycleStage, classify_stages
from crmlib.retention_projection import CurveFitProjection, ShiftedBetaGeometric

__all__ = ["IDENTIFY_STAGES", "COHORT_COUNTING", "RETENTION_AND_SURVIVAL", "SBG_PROJECTION",
           "NAIVE_PROJECTION", "SBG_CUSTOMER_VALUE", "STAGE_STRATEGY", "SPECS",
           "cohort_counting", "identify_stages", "naive_projection", "retention_and_survival",
           "sbg_customer_value", "sbg_projection", "stage_strategy"]

_STAGES = tuple(stage.value for stage in LifecycleStage)
_PATTERNS = tuple(pattern.value for pattern in LifecyclePattern)


def _visits(log: pd.DataFrame, amounts: bool = True) -> str:
    """A purchase log as one line per customer: ``A: 2024-05-21 (300), 2024-06-18 (350)``."""
    lines = []
    for customer, rows in log.groupby("customer_id", sort=True):
        if amounts:
            visits = [f"{d:%Y-%m-%d} ({a:,.0f})" for d, a in zip(rows["date"], rows["amount"],
                                                                  strict=True)]
        else:
            visits = [f"{d:%Y-%m-%d}" for d in rows["date"]]
        lines.append(f"  {customer}: {', '.join(visits)}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- 1. stages

#: The day the members are classified, and the members' names.
STAGES_AS_OF = pd.Timestamp("2024-06-30")
MEMBERS = "ABCDE"
#: The five archetypes, in the order a student's are shuffled from.
_ARCHETYPES = ("exploring", "forming", "stable", "declining", "gone")
#: The archetype of members A–E in the exercise's own numbers: their stages are not in the
#: options' order (A stability, B exploration, C decline, D formation, E ended).
_OWN_MEMBERS = ("stable", "exploring", "declining", "forming", "gone")


def _stage_histories(rng) -> dict[str, list[tuple[int, float]]]:
    """Five archetypes as (days before the as-of date, amount); jittered for a student."""
    def jitter(days, spread):
        return days if rng is None else days + int(rng.integers(-spread, spread + 1))

    def amount(base):
        return base if rng is None else float(round(base * rng.uniform(0.8, 1.2), -1))

    steady = [(jitter(d, 5), amount(600)) for d in range(20, 700, 45)]
    return {
        "exploring": [(jitter(40, 10), amount(300)), (jitter(12, 5), amount(350))],
        "forming": [(jitter(d, 5), amount(400 + 10 * k)) for k, d in
                    enumerate(range(250, 0, -35))],
        "stable": steady,
        "declining": [(d + 120, a) for d, a in steady if d + 120 < 760],
        "gone": [(jitter(d, 10), amount(500)) for d in (700, 640, 560, 470, 400)],
    }


def _members_log(rng) -> pd.DataFrame:
    histories = _stage_histories(rng)
    kinds = _OWN_MEMBERS if rng is None else [str(k) for k in rng.permutation(_ARCHETYPES)]
    rows = [(letter, STAGES_AS_OF - pd.Timedelta(days=int(days)), float(amount))
            for letter, kind in zip(MEMBERS, kinds, strict=True)
            for days, amount in sorted(histories[kind], reverse=True)]
    return pd.DataFrame(rows, columns=["customer_id", "date", "amount"])


def _classified(p) -> pd.DataFrame:
    return classify_stages(p["log"], p["as_of"])


def _stages_solve(p):
    found = _classified(p)
    solved = {f"stage_{m}": str(found.loc[m, "stage"]) for m in MEMBERS}
    solved.update({
        "tenure_C": float(found.loc["C", "tenure_days"]),
        "tenure_C.since_last": float(found.loc["C", "days_since_last"]),
        "inactivity_E": float(found.loc["E", "days_since_last"]),
        "inactivity_E.since_first": float(found.loc["E", "tenure_days"]),
    })
    return solved


def _stage_reason(member: str, option: str, row) -> str:
    """Why ``option`` is (or is not) the stage of ``member``, without a number to give away.

    The deciding rule is named for the right option; a wrong option whose rule comes earlier is
    told why that rule does not apply; one whose rule comes later, that an earlier rule applies.
    """
    rule = int(row["rule"])
    option_rule = {ENDED: 1, "exploration": 2, "decline": 3, "formation": 4, "stability": 5}[option]
    if option_rule == rule:
        return text(f"identify_stages.reason.rule_{rule}", member=member)
    if option_rule < rule:
        return text(f"identify_stages.reason.not_{option}", member=member)
    return text("identify_stages.reason.earlier_rule", member=member, rule=option_rule)


def _stages_shown(p):
    found = _classified(p)
    shown = {"as_of_date": f"{pd.Timestamp(p['as_of']):%Y-%m-%d}", "stays": _visits(p["log"])}
    for member in MEMBERS:
        for option in (*_STAGES, ENDED):
            shown[f"why_{member}_{option}"] = _stage_reason(member, option, found.loc[member])
    return shown


IDENTIFY_STAGES = Exercise(
    key="identify_stages",
    defaults=lambda settings: {"log": _members_log(None), "as_of": STAGES_AS_OF},
    numbers="illustrative",
    draw=lambda rng, settings: {"log": _members_log(rng), "as_of": STAGES_AS_OF},
    solve=_stages_solve,
    shown=_stages_shown,
    questions=(
        *(Choice(f"stage_{m}", (*_STAGES, ENDED), labels="vocab.lifecycle_stage", letters=False)
          for m in MEMBERS),
        Numeric("tenure_C", unit="days", decimals=0, mistakes=("since_last",)),
        Numeric("inactivity_E", unit="days", decimals=0, mistakes=("since_first",)),
    ),
)


@exercise_factory(IDENTIFY_STAGES)
def identify_stages(student=None, *, graded=False) -> ExerciseSet:
    """Which lifecycle stage is each of five hotel members in? (the rules of lesson 03)

    The members' stays are listed; the student measures tenure (days since the first stay) and
    inactivity (days since the last stay), applies the five rules of
    :func:`crmlib.classify_stages` in order (ended, exploration, decline, formation,
    stability) and may confirm with it.

    The stays are ``ex.log``, the date ``ex.as_of``.

    Parameters
    ----------
    student : str or int, optional
        A student id: the five archetypes jittered and shuffled among the members. ``None``
        (default) uses the exercise's own members.

    References
    ----------
    Course material, 项目二 "建立客户关系（选择）": 客户生命周期 (the four stages); the rules
    are the kit's (lesson 03, :func:`crmlib.classify_stages`).

    Examples
    --------
    Member C first stayed on 2022-07-06, 725 days before 30 June 2024, and last on 2024-02-11,
    140 days before it: rule 3 (no stay for more than 90 days) makes it the decline stage.

    >>> ex = identify_stages()
    >>> ex.check("stage_C", "退化期").correct, ex.check("tenure_C", 725).correct
    (True, True)
    >>> print(ex.check("inactivity_E", 700))  # doctest: +ELLIPSIS
    ❌ Not quite (700). That counts from the FIRST stay...
    """
    return IDENTIFY_STAGES.build(student, graded=graded)


# --------------------------------------------------------------------------- 2. cohorts

#: Ten customers' purchase dates, January to April 2024 (the exercise's own log).
_COHORT_BASE = (
    ("c01", ("2024-01-04", "2024-02-10", "2024-04-02")),
    ("c02", ("2024-01-09",)),
    ("c03", ("2024-01-15", "2024-03-20")),
    ("c04", ("2024-01-22", "2024-02-05", "2024-03-08", "2024-04-18")),
    ("c05", ("2024-01-30",)),
    ("c06", ("2024-02-03", "2024-03-14")),
    ("c07", ("2024-02-17",)),
    ("c08", ("2024-02-25", "2024-04-11")),
    ("c09", ("2024-03-06", "2024-04-29")),
    ("c10", ("2024-03-19",)),
)
_COHORT_END = pd.Timestamp("2024-04-30")


def _cohort_log(rng) -> pd.DataFrame:
    rows = []
    for customer, days in _COHORT_BASE:
        dates = [pd.Timestamp(d) for d in days]
        if rng is not None:  # a student: drop or add a later purchase at random
            if len(dates) > 1 and rng.uniform() < 0.3:
                dates = dates[:-1]
            elif rng.uniform() < 0.3 and dates[-1].month < 4:
                dates.append(dates[-1] + pd.Timedelta(days=int(rng.integers(28, 40))))
        rows += [(customer, d) for d in dates if d <= _COHORT_END]
    return pd.DataFrame(rows, columns=["customer_id", "date"])


def _cohort_solve(p):
    counts = cohort_table(p["log"])
    survival = cohort_survival(p["log"])
    retention = cohort_retention(p["log"])
    jan = counts.index[0]
    size, active = float(counts.loc[jan, 0]), float(counts.loc[jan, 2])
    # everyone who bought in the calendar month that is month 2 of the January cohort
    month = jan + 2
    in_month = sum(float(counts.loc[c, (month - c).n]) for c in counts.index
                   if 0 <= (month - c).n < counts.shape[1])
    alive, alive_3 = float(survival.loc[jan, 2]), float(survival.loc[jan, 3])
    return {
        "size_jan": size,
        "active_jan_m2": active,
        "active_jan_m2.calendar_month": in_month,
        "active_jan_m2.month_1": float(counts.loc[jan, 1]),
        "share_jan_m2": active / size,
        "share_jan_m2.survival": alive,
        "survival_jan_m2": alive,
        "survival_jan_m2.active_share": active / size,
        "survival_jan_m2.count": alive * size,
        "retention_jan_m3": float(retention.loc[jan, 3]),
        "retention_jan_m3.survival_3": alive_3,
        "retention_jan_m3.churn": 1 - float(retention.loc[jan, 3]),
    }


COHORT_COUNTING = Exercise(
    key="cohort_counting",
    defaults=lambda settings: {"log": _cohort_log(None)},
    numbers="illustrative",
    draw=lambda rng, settings: {"log": _cohort_log(rng)},
    solve=_cohort_solve,
    shown=lambda p: {"purchases": _visits(p["log"], amounts=False)},
    questions=(
        Numeric("size_jan", unit="customers", decimals=0),
        Numeric("active_jan_m2", unit="customers", decimals=0,
                mistakes=("calendar_month", "month_1")),
        Numeric("share_jan_m2", decimals=2, fraction=True, mistakes=("survival",)),
        Numeric("survival_jan_m2", decimals=2, fraction=True, mistakes=("active_share", "count")),
        Numeric("retention_jan_m3", decimals=2, fraction=True, mistakes=("survival_3", "churn")),
    ),
)


@exercise_factory(COHORT_COUNTING)
def cohort_counting(student=None, *, graded=False) -> ExerciseSet:
    """Build a monthly cohort table by hand and read survival and retention off it.

    The purchases are ``ex.log``.

    Parameters
    ----------
    student : str or int, optional
        A student id: some customers lose their last purchase or gain a later one. ``None``
        (default) uses the exercise's own ten customers.

    References
    ----------
    Lesson 03, section 4; :func:`crmlib.cohort_table`, :func:`crmlib.cohort_survival`.

    Examples
    --------
    January cohort c01–c05; c03 and c04 buy in March (month 2): 2 of 5 active; c01, c03 and c04
    buy in March or later: S(2) = 3/5.

    >>> ex = cohort_counting()
    >>> ex.check("size_jan", 5).correct, ex.check("survival_jan_m2", "60%").correct
    (True, True)
    """
    return COHORT_COUNTING.build(student, graded=graded)


# --------------------------------------------------------------------------- 3. conversions


def _conversion_draw(rng, settings):
    rates = [round(float(r), 2) for r in np.sort(rng.uniform(0.55, 0.92, 4))]
    segment = str(rng.choice(["regular", "high_end"]))
    return {"retention_rates": rates,
            "survivors": [int(n) for n in load_retention_series()[segment].tolist()[:5]]}


def _conversion_solve(p):
    rates, survivors = p["retention_rates"], p["survivors"]
    survival = survival_from_retention(rates)
    average = float(np.mean(rates))
    return {
        "survival_4": float(survival[4]),
        "survival_4.last_rate": float(rates[-1]),
        "survival_4.churn_product": float(np.prod(1 - np.asarray(rates))),
        "retention_3": survivors[3] / survivors[2],
        "retention_3.share_of_cohort": survivors[3] / survivors[0],
        "retention_3.previous_period": survivors[2] / survivors[1],
        "retention_3.next_period": survivors[4] / survivors[3],
        "average_retention": average,
        "survival_from_average": average**4,
        "survival_from_average.true_survival": float(survival[4]),
    }


def _conversion_shown(p):
    return {"rates": ", ".join(f"{r:g}" for r in p["retention_rates"]),
            "survivor_counts": ", ".join(f"{n:,}" for n in p["survivors"])}


RETENTION_AND_SURVIVAL = Exercise(
    key="retention_and_survival",
    defaults={"retention_rates": [0.60, 0.75, 0.80, 0.85],
              "survivors": [1000, 631, 468, 382, 326]},
    numbers="illustrative",
    draw=_conversion_draw,
    solve=_conversion_solve,
    shown=_conversion_shown,
    questions=(
        Numeric("survival_4", decimals=3, fraction=True, mistakes=("last_rate", "churn_product")),
        Numeric("retention_3", decimals=2, fraction=True,
                mistakes=("share_of_cohort", "previous_period", "next_period")),
        Numeric("average_retention", decimals=2, fraction=True),
        Numeric("survival_from_average", decimals=3, fraction=True, mistakes=("true_survival",)),
    ),
)


@exercise_factory(RETENTION_AND_SURVIVAL)
def retention_and_survival(student=None, *, graded=False) -> ExerciseSet:
    r"""Convert between retention rates and survival, and see why an average rate misleads.

    :math:`S(t) = r_1 r_2 \cdots r_t` and :math:`r_t = S(t)/S(t-1)`.

    The numbers are ``ex.retention_rates`` and ``ex.survivors``.

    Parameters
    ----------
    student : str or int, optional
        A student id: four rising retention rates and one of Fader & Hardie's two series.
        ``None`` (default) uses 0.60, 0.75, 0.80, 0.85 and the regular customers.

    References
    ----------
    Fader, P. S. & Hardie, B. G. S. (2007). How to project customer retention. *Journal of
    Interactive Marketing* 21(1), 76–90 (the survivors).

    Examples
    --------
    S(4) = 0.6 × 0.75 × 0.8 × 0.85 = 0.306; r₃ = 382 / 468 = 0.816.

    >>> ex = retention_and_survival()
    >>> ex.check("survival_4", 0.306).correct, ex.check("retention_3", "81.6%").correct
    (True, True)
    """
    return RETENTION_AND_SURVIVAL.build(student, graded=graded)


# --------------------------------------------------------------------------- 4-5. projection

#: The last year of Fader & Hardie's series: the year the projections are compared in.
TARGET_YEAR = 12


def _projection_draw(rng, settings):
    segment = str(rng.choice(["regular", "high_end"]))
    calibration = int(rng.integers(5, 9))
    return {"segment": segment, "calibration_years": calibration,
            "survivors": [int(n) for n in load_retention_series()[segment].tolist()]}


_PROJECTION_DEFAULTS = {"segment": "high_end", "calibration_years": 7}


def _projection_defaults(settings):
    return {**_PROJECTION_DEFAULTS, "survivors": [
        int(n) for n in load_retention_series()[_PROJECTION_DEFAULTS["segment"]].tolist()]}


def _projection_shown(p):
    return {"segment_name": text(f"sbg_projection.segment.{p['segment']}"),
            "survivor_counts": ", ".join(f"{n:,}" for n in p["survivors"]),
            "actual_12": p["survivors"][TARGET_YEAR], "year": TARGET_YEAR,
            "calibration_slice": p["calibration_years"] + 1}


def _calibration(p):
    return p["survivors"][: p["calibration_years"] + 1]


def _sbg_solve(p):
    model = ShiftedBetaGeometric().fit(_calibration(p))
    every_year = ShiftedBetaGeometric().fit(p["survivors"])
    t = TARGET_YEAR
    return {
        "alpha": float(model.params_["alpha"]),
        "alpha.all_years": float(every_year.params_["alpha"]),
        "beta": float(model.params_["beta"]),
        "beta.all_years": float(every_year.params_["beta"]),
        "survivors_12": float(model.project(t)),
        "survivors_12.share": float(model.survival(t)),
        "survivors_12.actual": float(p["survivors"][t]),
        "retention_12": float(model.retention(t)),
        "retention_12.previous_year": float(model.retention(t - 1)),
        "retention_12.next_year": float(model.retention(t + 1)),
        "retention_12.first_year": float(model.retention(1)),
        "retention_12.churn": 1 - float(model.retention(t)),
    }


SBG_PROJECTION = Exercise(
    key="sbg_projection",
    defaults=_projection_defaults,
    numbers="illustrative",
    draw=_projection_draw,
    solve=_sbg_solve,
    shown=_projection_shown,
    questions=(
        Numeric("alpha", decimals=None, significant=3, mistakes=("all_years",)),
        Numeric("beta", decimals=None, significant=3, mistakes=("all_years",)),
        Numeric("survivors_12", unit="customers", decimals=0, mistakes=("share", "actual")),
        Numeric("retention_12", decimals=3, fraction=True,
                mistakes=("previous_year", "next_year", "first_year", "churn")),
    ),
)


@exercise_factory(SBG_PROJECTION)
def sbg_projection(student=None, *, graded=False) -> ExerciseSet:
    r"""Fit the sBG to the first years of a Fader–Hardie series and project year 12.

    Maximum likelihood on years 0 … ``calibration_years`` gives α and β; the projected retention
    is :math:`r_t = (\beta + t - 1)/(\alpha + \beta + t - 1)`.

    The numbers are ``ex.segment``, ``ex.calibration_years`` and ``ex.survivors`` (all 13
    years).

    Parameters
    ----------
    student : str or int, optional
        A student id: the regular or high-end customers and 5–8 calibration years. ``None``
        (default) uses the high-end customers and years 0–7.

    References
    ----------
    Fader, P. S. & Hardie, B. G. S. (2007). How to project customer retention. *Journal of
    Interactive Marketing* 21(1), 76–90: α = 0.668, β = 3.806 for the high-end customers.

    Examples
    --------
    r₁₂ = (3.806 + 11) / (0.668 + 3.806 + 11) = 0.957, asked to 3 decimals so that r₁₁ (0.954)
    and r₁₃ (0.959) are told apart.

    >>> ex = sbg_projection()
    >>> ex.check("alpha", 0.668).correct, ex.check("retention_12", 0.957).correct
    (True, True)
    >>> print(ex.check("retention_12", 0.954))  # doctest: +ELLIPSIS
    ❌ Not quite (0.954). That is r₁₁...
    """
    return SBG_PROJECTION.build(student, graded=graded)


def _naive_solve(p):
    calibration = _calibration(p)
    t, actual = TARGET_YEAR, float(p["survivors"][TARGET_YEAR])
    fits = {kind: CurveFitProjection(kind).fit(calibration) for kind in ("linear", "exponential")}
    every_year = {kind: CurveFitProjection(kind).fit(p["survivors"])
                  for kind in ("linear", "exponential")}
    projections = {"linear": float(fits["linear"].project(t)),
                   "exponential": float(fits["exponential"].project(t)),
                   "sbg": float(ShiftedBetaGeometric().fit(calibration).project(t))}
    exponential = projections["exponential"]
    error = 100 * (exponential - actual) / actual
    return {
        "linear_12": projections["linear"],
        "linear_12.all_years": float(every_year["linear"].project(t)),
        "exponential_12": exponential,
        "exponential_12.all_years": float(every_year["exponential"].project(t)),
        "error_exponential": error,
        "error_exponential.reversed": -error,
        "error_exponential.fraction": error / 100,
        "error_exponential.of_projection": 100 * (exponential - actual) / exponential,
        "best": min(projections, key=lambda name: abs(projections[name] - actual)),
    }


NAIVE_PROJECTION = Exercise(
    key="naive_projection",
    defaults=_projection_defaults,
    numbers="illustrative",
    draw=_projection_draw,
    solve=_naive_solve,
    shown=_projection_shown,
    questions=(
        Numeric("linear_12", unit="customers", decimals=0, mistakes=("all_years",)),
        Numeric("exponential_12", unit="customers", decimals=0, mistakes=("all_years",)),
        Numeric("error_exponential", decimals=0,
                mistakes=("reversed", "fraction", "of_projection")),
        Choice("best", ("linear", "exponential", "sbg")),
    ),
)


@exercise_factory(NAIVE_PROJECTION)
def naive_projection(student=None, *, graded=False) -> ExerciseSet:
    """Project year 12 with a straight line and an exponential curve, and compare with the sBG.

    ``error_exponential`` is in percent. The numbers are ``ex.segment``,
    ``ex.calibration_years`` and ``ex.survivors``.

    Parameters
    ----------
    student : str or int, optional
        A student id: the same customers and calibration years as in :func:`sbg_projection`.
        ``None`` (default) uses the high-end customers and years 0–7.

    References
    ----------
    Fader, P. S. & Hardie, B. G. S. (2007). How to project customer retention. *Journal of
    Interactive Marketing* 21(1), 76–90: the line misses year 12 by −81%, the exponential
    curve by −30%, the sBG by −4%.

    Examples
    --------
    >>> ex = naive_projection()
    >>> ex.check("exponential_12", 276).correct, ex.check("best", "sBG").correct
    (True, True)
    """
    return NAIVE_PROJECTION.build(student, graded=graded)


# --------------------------------------------------------------------------- 6. value

#: The renewals of the customer whose residual value is asked.
RENEWALS = 4


def _value_draw(rng, settings):
    margin = float(rng.integers(5, 21) * 10)
    rate = float(rng.choice([0.08, 0.10, 0.12, 0.15]))
    segment = str(rng.choice(["regular", "high_end"]))
    return {"margin": margin, "discount_rate": rate, "segment": segment,
            "survivors": [int(n) for n in load_retention_series()[segment].tolist()[:8]]}


def _value_defaults(settings):
    return {"margin": 100.0, "discount_rate": 0.10, "segment": "regular",
            "survivors": [int(n) for n in load_retention_series()["regular"].tolist()[:8]]}


def _value_solve(p):
    m, i, survivors = p["margin"], p["discount_rate"], p["survivors"]
    model = ShiftedBetaGeometric().fit(survivors)
    r1 = survivors[1] / survivors[0]
    # the first margin is paid on joining: m × DEL (Fader & Hardie 2007, eq. 2)
    clv_sbg = m * float(model.discounted_expected_lifetime(i))

    def residual(renewals):  # valued at the next renewal decision: m × DERL (F & H 2010)
        return m * float(model.discounted_expected_residual_lifetime(i, renewals))

    return {
        "clv_sbg": clv_sbg,
        "clv_sbg.first_margin_later": clv_sbg - m,
        "clv_constant": customer_lifetime_value(m, r1, i, when="begin"),
        "clv_constant.first_margin_later": customer_lifetime_value(m, r1, i),
        "residual_after_4": residual(RENEWALS),
        "residual_after_4.new_customer": clv_sbg,
        "residual_after_4.one_period_earlier": residual(RENEWALS) / (1 + i),
        "residual_after_4.renewals_before": residual(RENEWALS - 1),
        "residual_after_4.renewals_after": residual(RENEWALS + 1),
    }


SBG_CUSTOMER_VALUE = Exercise(
    key="sbg_customer_value",
    defaults=_value_defaults,
    numbers="illustrative",
    draw=_value_draw,
    solve=_value_solve,
    shown=lambda p: {"segment_name": text(f"sbg_projection.segment.{p['segment']}"),
                     "survivor_counts": ", ".join(f"{n:,}" for n in p["survivors"]),
                     "renewals": RENEWALS, "renewals_before": RENEWALS - 1,
                     "renewals_after": RENEWALS + 1},
    questions=(
        Numeric("clv_sbg", unit="yuan", decimals=0, mistakes=("first_margin_later",)),
        Numeric("clv_constant", unit="yuan", decimals=0, mistakes=("first_margin_later",)),
        Numeric("residual_after_4", unit="yuan", decimals=0,
                mistakes=("new_customer", "one_period_earlier", "renewals_before",
                          "renewals_after")),
    ),
)


@exercise_factory(SBG_CUSTOMER_VALUE)
def sbg_customer_value(student=None, *, graded=False) -> ExerciseSet:
    r"""What ignoring heterogeneity does to CLV: the sBG against a single retention rate.

    A new customer's expected CLV with the sBG, first margin paid on joining, is
    :math:`m \sum_{t \ge 0} S(t)/(1+i)^t = m \cdot \mathrm{DEL}`; with the first year's
    retention :math:`r_1` held for ever it is :math:`m(1+i)/(1+i-r_1)`. A customer who has
    renewed :math:`n-1` times is worth :math:`m \cdot \mathrm{DERL}` at the next renewal
    decision.

    The numbers are ``ex.margin``, ``ex.discount_rate``, ``ex.segment`` and ``ex.survivors``.

    Parameters
    ----------
    student : str or int, optional
        A student id: margin, discount rate and segment drawn for that student. ``None``
        (default) uses margin 100, 10% and the regular customers' years 0–7.

    References
    ----------
    Fader, P. S. & Hardie, B. G. S. (2007), eq. 2 (DEL); Fader, P. S. & Hardie, B. G. S.
    (2010). Customer-base valuation in a contractual setting: the perils of ignoring
    heterogeneity. *Marketing Science* 29(1), 85–93, eq. 6 (DERL).

    Examples
    --------
    Retention held at r₁ = 0.631: 100 × 1.1 / (1.1 − 0.631) = 234.54.

    >>> ex = sbg_customer_value()
    >>> ex.check("clv_constant", 235).correct, ex.check("clv_sbg", 369).correct
    (True, True)
    """
    return SBG_CUSTOMER_VALUE.build(student, graded=graded)


# --------------------------------------------------------------------------- 7. strategy

#: Three ended relationships, by the pattern each followed. ``case_order`` lists them by position
#: in this tuple; the exercise's own order asks premature exit, early abort, mid-way termination
#: (the correct options are not in the options' order).
_CASES = ("early_abort", "midway_termination", "premature_exit")
_OWN_CASE_ORDER = (2, 0, 1)
#: The strategies in the order shown: not the stages' order, so the four answers are not A–D.
_STRATEGY_OPTIONS = ("stability", "exploration", "decline", "formation")


def _case_patterns(p) -> list[str]:
    return [_CASES[k] for k in p["case_order"]]


def _strategy_shown(p):
    shown = {f"case_{k}": text(f"stage_strategy.case.{pattern}")
             for k, pattern in enumerate(_case_patterns(p), start=1)}
    shown.update({f"aim_{stage}": text(f"stage_strategy.aim.{stage}") for stage in _STAGES})
    shown.update({f"about_{pattern}": text(f"vocab.lifecycle_pattern.{pattern}.description")
                  for pattern in _PATTERNS})
    return shown


def _strategy_solve(p):
    return {**{f"strategy_{stage}": stage for stage in _STAGES},
            **{f"pattern_{k}": pattern for k, pattern in enumerate(_case_patterns(p), start=1)}}


STAGE_STRATEGY = Exercise(
    key="stage_strategy",
    defaults={"case_order": _OWN_CASE_ORDER},
    numbers="course",
    draw=lambda rng, settings: {"case_order": tuple(int(k) for k in rng.permutation(3))},
    solve=_strategy_solve,
    shown=_strategy_shown,
    questions=(
        *(Choice(f"strategy_{stage}", _STRATEGY_OPTIONS, labels="vocab.lifecycle_strategy")
          for stage in _STAGES),
        *(Choice(f"pattern_{k}", _PATTERNS, labels="vocab.lifecycle_pattern")
          for k in range(1, len(_CASES) + 1)),
    ),
)


@exercise_factory(STAGE_STRATEGY)
def stage_strategy(student=None, *, graded=False) -> ExerciseSet:
    """Recommend a strategy for each stage and name the pattern of ended relationships.

    Parameters
    ----------
    student : str or int, optional
        A student id: the three relationships in another order. ``None`` (default) uses the
        exercise's own order.

    References
    ----------
    Course material, 项目二 "建立客户关系（选择）": 客户关系生命周期各阶段的特征 (1) and (2),
    and the four lifecycle patterns.

    Examples
    --------
    >>> ex = stage_strategy()
    >>> ex.check("pattern_1", "premature exit").correct, ex.check("pattern_3", "中途夭折型").correct
    (True, True)
    """
    return STAGE_STRATEGY.build(student, graded=graded)


#: This unit's specs, in the order of the exercise notebook.
SPECS = (IDENTIFY_STAGES, COHORT_COUNTING, RETENTION_AND_SURVIVAL, SBG_PROJECTION,
         NAIVE_PROJECTION, SBG_CUSTOMER_VALUE, STAGE_STRATEGY)
