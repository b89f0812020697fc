"""Exercises for the customer lifecycle unit (lesson 03).

Each factory returns an :class:`~crmlib.exercises.ExerciseSet` whose expected answers are
computed by crmlib from the exercise's own data. ``student=None`` gives the course's version; a
student id gives that student their own histories or numbers (and answer key).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlib.cohorts import cohort_retention, cohort_survival, cohort_table, survival_from_retention
from crmlib.datasets import load_retention_series
from crmlib.exercises._core import ChoiceQuestion, ExerciseSet, Hint, NumericQuestion, student_seed
from crmlib.lifecycle import ENDED, LifecyclePattern, LifecycleStage, classify_stages, stage_table
from crmlib.retention_projection import CurveFitProjection, ShiftedBetaGeometric

__all__ = ["cohort_counting", "identify_stages", "naive_projection", "retention_and_survival",
           "sbg_customer_value", "sbg_projection", "stage_strategy"]

_STAGE_OPTIONS = [*(stage.value for stage in LifecycleStage), ENDED]


def _rng(student):
    seed = student_seed(student)
    return None if seed is None else np.random.default_rng(seed)


def _log_text(log: pd.DataFrame) -> str:
    lines = []
    for customer, rows in log.groupby("customer_id", sort=True):
        visits = ", ".join(f"{d:%Y-%m-%d} ({a:,.0f})" for d, a in zip(rows["date"], rows["amount"],
                                                                        strict=True))
        lines.append(f"  {customer}: {visits}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- 1. stages


def _stage_histories(as_of: pd.Timestamp, rng) -> dict[str, list[tuple[int, float]]]:
    """Five archetypes as (days before as_of, amount); jittered for a student."""
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


def identify_stages(student=None) -> ExerciseSet:
    """Which lifecycle stage is each of five hotel members in? (rules of lesson 03)

    The member's stays are listed; the student classifies each member by the five rules
    (ended, exploration, decline, formation, stability, in that order) and checks with
    :func:`crmlib.classify_stages`.

    Returns
    -------
    ExerciseSet
        Questions ``stage_A`` … ``stage_E`` (choice), ``tenure_C`` (days) and
        ``inactivity_E`` (days); params ``log`` (the stays) and ``as_of``.

    Examples
    --------
    >>> ex = identify_stages()
    >>> ex.check("stage_A", "exploration").correct
    True
    """
    rng = _rng(student)
    as_of = pd.Timestamp("2024-06-30")
    histories = _stage_histories(as_of, rng)
    kinds = list(histories)
    if rng is not None:
        kinds = list(rng.permutation(kinds))
    letters = "ABCDE"
    rows = [(letter, as_of - pd.Timedelta(days=int(days)), float(amount))
            for letter, kind in zip(letters, kinds, strict=True)
            for days, amount in sorted(histories[kind], reverse=True)]
    log = pd.DataFrame(rows, columns=["customer_id", "date", "amount"])
    result = classify_stages(log, as_of)
    questions = {}
    for letter in letters:
        row = result.loc[letter]
        questions[f"stage_{letter}"] = ChoiceQuestion(
            f"Member {letter}: which stage (or ended) as of {as_of.date()}?", _STAGE_OPTIONS,
            str(row["stage"]),
            {str(row["stage"]): f"Rule {row['rule']}: {row['reason']}."})
    tenure = float(result.loc["C", "tenure_days"])
    inactivity = float(result.loc["E", "days_since_last"])
    questions["tenure_C"] = NumericQuestion(
        f"Member C's tenure on {as_of.date()}, in days", tenure, "days", abs_tol=0.5,
        explanation="Tenure = days from the first stay to the as-of date.",
        hints=[Hint(float(result.loc["C", "days_since_last"]),
                    "That is the time since the LAST stay; tenure counts from the first.")])
    questions["inactivity_E"] = NumericQuestion(
        f"Days since member E's last stay, on {as_of.date()}", inactivity, "days", abs_tol=0.5,
        explanation="Inactivity = days from the last stay to the as-of date.",
        hints=[Hint(float(result.loc["E", "tenure_days"]),
                    "That counts from the FIRST stay; inactivity counts from the last one.")])
    story = (f"Five hotel members and their stays (date, yuan) up to {as_of.date()}:\n"
             f"{_log_text(log)}\n"
             "Rules, first match wins: ended if no stay for more than 365 days; exploration if "
             "a member for under 90 days or fewer than 3 stay days; decline if no stay for more "
             "than 90 days or spend in the last 180 days below half of the 180 days before; "
             "formation if a member for under 365 days or spend in the last 180 days above 1.5 "
             "× the 180 days before; otherwise stability.")
    return ExerciseSet("Identify lifecycle stages", story, {"log": log, "as_of": as_of},
                       questions, student=student)


# --------------------------------------------------------------------------- 2. cohorts


def _cohort_log(rng) -> pd.DataFrame:
    """Ten customers over four months (January–April 2024)."""
    base = [
        ("c01", ["2024-01-04", "2024-02-10", "2024-04-02"]),
        ("c02", ["2024-01-09"]),
        ("c03", ["2024-01-15", "2024-03-20"]),
        ("c04", ["2024-01-22", "2024-02-05", "2024-03-08", "2024-04-18"]),
        ("c05", ["2024-01-30"]),
        ("c06", ["2024-02-03", "2024-03-14"]),
        ("c07", ["2024-02-17"]),
        ("c08", ["2024-02-25", "2024-04-11"]),
        ("c09", ["2024-03-06", "2024-04-29"]),
        ("c10", ["2024-03-19"]),
    ]
    rows = []
    for customer, dates in base:
        dates = [pd.Timestamp(d) for d in dates]
        if rng is not None:  # a student: drop or add a later purchase at random
            if len(dates) > 1 and rng.uniform() < 0.3:
                dates = dates[:-1]
            elif rng.uniform() < 0.3 and dates[-1].month < 4:
                dates.append(dates[-1] + pd.Timedelta(days=int(rng.integers(28, 40))))
        rows += [(customer, d) for d in dates if d <= pd.Timestamp("2024-04-30")]
    return pd.DataFrame(rows, columns=["customer_id", "date"])


def cohort_counting(student=None) -> ExerciseSet:
    """Build a monthly cohort table by hand and read survival and retention off it.

    Returns
    -------
    ExerciseSet
        Questions ``size_jan``, ``active_jan_m2``, ``share_jan_m2``, ``survival_jan_m2`` and
        ``retention_jan_m3``; param ``log``.

    Examples
    --------
    >>> ex = cohort_counting()
    >>> ex.check("size_jan", 5).correct
    True
    """
    log = _cohort_log(_rng(student))
    counts = cohort_table(log)
    survival = cohort_survival(log)
    retention = cohort_retention(log)
    jan = counts.index[0]
    size, active = float(counts.loc[jan, 0]), float(counts.loc[jan, 2])
    alive = float(survival.loc[jan, 2])
    questions = {
        "size_jan": NumericQuestion("How many customers are in the January cohort?", size,
                                    "customers", abs_tol=0.01,
                                    explanation="A cohort = customers whose FIRST purchase falls "
                                                "in that month."),
        "active_jan_m2": NumericQuestion(
            "How many January customers bought in month 2 since acquisition (March)?", active,
            "customers", abs_tol=0.01, explanation="Active = bought at least once that month.",
            hints=[Hint(float(counts.iloc[:, 2].sum()), "Count only the January cohort, not "
                                                        "everyone who bought in March.")]),
        "share_jan_m2": NumericQuestion(
            "What share of the January cohort was active in month 2?", active / size,
            explanation="Active share = active customers / cohort size.",
            hints=[Hint(alive, "That is survival (bought in month 2 OR LATER); the active "
                               "share counts only purchases in month 2 itself.")]),
        "survival_jan_m2": NumericQuestion(
            "S(2) for January: the share of the cohort that buys in month 2 or later", alive,
            explanation="Alive in month 2 = last purchase in month 2 or later.",
            hints=[Hint(active / size, "That is the share active IN month 2; survival also "
                                       "counts customers who skip March but buy in April.")]),
        "retention_jan_m3": NumericQuestion(
            "r_3 for January: of those alive in month 2, the share still alive in month 3",
            float(retention.loc[jan, 3]),
            explanation="r_t = S(t) / S(t−1).",
            hints=[Hint(float(survival.loc[jan, 3]), "That is S(3) itself; divide by S(2)."),
                   Hint(1 - float(retention.loc[jan, 3]), "That is the churn rate 1 − r.")]),
    }
    story = ("Purchases of ten customers, January to April 2024:\n"
             f"{_log_text(log.assign(amount=0.0)).replace(' (0)', '')}\n"
             "Cohort = month of the first purchase; month 0 is that month.")
    return ExerciseSet("Build a cohort table", story, {"log": log}, questions, student=student)


# --------------------------------------------------------------------------- 3. conversions


def retention_and_survival(student=None) -> ExerciseSet:
    """Convert between retention rates and survival, and see why averages mislead.

    Returns
    -------
    ExerciseSet
        Questions ``survival_4`` (S(4) from r_1…r_4), ``retention_3`` (r_3 from survivors),
        ``average_retention`` and ``survival_from_average``.

    Examples
    --------
    >>> ex = retention_and_survival()
    >>> ex.check("retention_3", 382 / 468).correct
    True
    """
    rng = _rng(student)
    if rng is None:
        rates = [0.60, 0.75, 0.80, 0.85]
        survivors = [1000, 631, 468, 382, 326]
    else:
        rates = [round(float(r), 2) for r in np.sort(rng.uniform(0.55, 0.92, 4))]
        segment = str(rng.choice(["regular", "high_end"]))
        survivors = load_retention_series()[segment].tolist()[:5]
    survival = survival_from_retention(rates)
    average = float(np.mean(rates))
    questions = {
        "survival_4": NumericQuestion(
            f"Retention rates for periods 1–4 are {rates}. What share survives to period 4?",
            float(survival[4]), explanation="S(4) = r1 × r2 × r3 × r4.",
            hints=[Hint(float(rates[-1]), "That is only the last period's retention; multiply "
                                          "all four."),
                   Hint(float(np.prod(1 - np.array(rates))), "Multiply retention rates, not "
                                                             "churn rates.")]),
        "retention_3": NumericQuestion(
            f"A cohort's survivors at periods 0–4 are {survivors}. What is r_3?",
            survivors[3] / survivors[2], explanation="r_3 = S(3) / S(2).",
            hints=[Hint(survivors[3] / survivors[0], "That is S(3), the share of the whole "
                                                     "cohort; retention divides by S(2).")]),
        "average_retention": NumericQuestion(
            f"The average of the retention rates {rates}", average,
            explanation="The simple mean of the four rates."),
        "survival_from_average": NumericQuestion(
            "If every period had that average retention, what would S(4) be?", average**4,
            explanation="average⁴: compare it with the true S(4) above — averaging rising "
                        "retention rates misstates survival.",
            hints=[Hint(float(survival[4]), "That is the true S(4); use the average rate four "
                                            "times.")]),
    }
    story = ("Survival S(t) = share of a cohort still a customer after t periods; retention "
             "r_t = S(t)/S(t−1).")
    return ExerciseSet("Retention and survival", story,
                       {"retention_rates": rates, "survivors": survivors}, questions,
                       student=student)


# --------------------------------------------------------------------------- 4-5. projection


def _projection_data(student):
    rng = _rng(student)
    series = load_retention_series()
    if rng is None:
        segment, calibration = "high_end", 7
    else:
        segment = str(rng.choice(["regular", "high_end"]))
        calibration = int(rng.integers(5, 9))
    return segment, calibration, series[segment].tolist()


def sbg_projection(student=None) -> ExerciseSet:
    """Fit the sBG to the first years of a Fader–Hardie series and project year 12.

    Returns
    -------
    ExerciseSet
        Questions ``alpha``, ``beta``, ``survivors_12`` and ``retention_12``; params
        ``segment``, ``calibration_years`` and ``survivors`` (all 13 years).

    Examples
    --------
    >>> ex = sbg_projection()
    >>> ex.check("alpha", 0.668).correct, ex.check("beta", 3.806).correct
    (True, True)
    """
    segment, k, survivors = _projection_data(student)
    model = ShiftedBetaGeometric().fit(survivors[: k + 1])
    alpha, beta = model.params_["alpha"], model.params_["beta"]
    wrong_data = ShiftedBetaGeometric().fit(survivors)
    questions = {
        "alpha": NumericQuestion(
            f"Fit the sBG to years 0–{k}: α", alpha, rel_tol=0.01,
            explanation="Maximum likelihood on the calibration years only.",
            hints=[Hint(wrong_data.params_["alpha"], "You fitted all 13 years: use only years "
                                                     f"0–{k} (survivors[:{k + 1}]).")]),
        "beta": NumericQuestion(
            "… and β", beta, rel_tol=0.01,
            hints=[Hint(wrong_data.params_["beta"], "You fitted all 13 years: use only years "
                                                    f"0–{k}.")]),
        "survivors_12": NumericQuestion(
            "Projected survivors in year 12 (per 1,000)", float(model.project(12)), "customers",
            rel_tol=0.01, explanation=f"The actual number was {survivors[12]}.",
            hints=[Hint(float(model.survival(12)), "That is the share S(12); multiply by "
                                                   "the 1,000 customers.")]),
        "retention_12": NumericQuestion(
            "Projected retention rate in year 12, r_12", float(model.retention(12)),
            rel_tol=0.005, explanation="r_t = (β + t − 1) / (α + β + t − 1): it rises with t.",
            hints=[Hint(float(model.retention(1)), "That is r_1; the question asks for year "
                                                   "12.")]),
    }
    story = (f"The '{segment}' customers of Fader & Hardie (2007): survivors per 1,000 over "
             f"years 0–12 are {survivors}. Pretend you only know years 0–{k}.")
    return ExerciseSet("Project retention with the sBG", story,
                       {"segment": segment, "calibration_years": k, "survivors": survivors},
                       questions, student=student)


def naive_projection(student=None) -> ExerciseSet:
    """Project year 12 with a straight line and an exponential curve, and compare with the sBG.

    Returns
    -------
    ExerciseSet
        Questions ``linear_12``, ``exponential_12``, ``error_exponential`` (percent) and
        ``best`` (choice).

    Examples
    --------
    >>> ex = naive_projection()
    >>> ex.check("best", "sBG").correct
    True
    """
    segment, k, survivors = _projection_data(student)
    calibration = survivors[: k + 1]
    fits = {kind: CurveFitProjection(kind).fit(calibration) for kind in ("linear", "exponential")}
    sbg = ShiftedBetaGeometric().fit(calibration)
    projections = {"linear": float(fits["linear"].project(12)),
                   "exponential": float(fits["exponential"].project(12)),
                   "sBG": float(sbg.project(12))}
    actual = survivors[12]
    error = 100 * (projections["exponential"] - actual) / actual
    best = min(projections, key=lambda name: abs(projections[name] - actual))
    questions = {
        "linear_12": NumericQuestion(
            f"Fit a straight line to years 0–{k}; its year-12 projection", projections["linear"],
            "customers", rel_tol=0.01, abs_tol=1.0,
            explanation="Least squares of survivors on the year."),
        "exponential_12": NumericQuestion(
            f"Fit an exponential curve (ln S on the year) to years 0–{k}; year 12",
            projections["exponential"], "customers", rel_tol=0.01,
            explanation="A constant retention rate: it ignores that retention rises."),
        "error_exponential": NumericQuestion(
            "The exponential projection's error against the actual year-12 number, in percent",
            error, "%", rel_tol=0.02, abs_tol=0.5,
            explanation="100 × (projected − actual) / actual.",
            hints=[Hint(-error, "Check the sign: projected minus actual."),
                   Hint(error / 100, "Give it in percent (e.g. −30), not as a fraction.")]),
        "best": ChoiceQuestion("Which projection comes closest to the actual year-12 number?",
                               ["linear", "exponential", "sBG"], best,
                               {"sBG": "The model of individual churn plus heterogeneity "
                                       "extrapolates; curves fitted to the past do not."}),
    }
    story = (f"The '{segment}' customers of Fader & Hardie (2007): {survivors}. Calibrate on "
             f"years 0–{k}; the actual year-12 number is {actual}.")
    return ExerciseSet("Naive projections against the sBG", story,
                       {"segment": segment, "calibration_years": k, "survivors": survivors},
                       questions, student=student)


# --------------------------------------------------------------------------- 6. value


def sbg_customer_value(student=None) -> ExerciseSet:
    """What ignoring heterogeneity does to CLV: sBG against a single retention rate.

    Returns
    -------
    ExerciseSet
        Questions ``clv_sbg``, ``clv_constant`` and ``residual_after_4``; params ``margin``,
        ``discount_rate`` and ``survivors``.

    Examples
    --------
    >>> ex = sbg_customer_value()
    >>> ex.check("clv_sbg", 369).correct
    True
    """
    from crmlib.clv import customer_lifetime_value

    rng = _rng(student)
    if rng is None:
        margin, rate, segment = 100.0, 0.10, "regular"
    else:
        margin = float(rng.integers(5, 21) * 10)
        rate = float(rng.choice([0.08, 0.10, 0.12, 0.15]))
        segment = str(rng.choice(["regular", "high_end"]))
    survivors = load_retention_series()[segment].tolist()[:8]
    model = ShiftedBetaGeometric().fit(survivors)
    r1 = survivors[1] / survivors[0]
    clv_sbg = float(model.customer_lifetime_value(margin, rate, when="begin"))
    clv_constant = float(customer_lifetime_value(margin, r1, rate, when="begin"))
    # Fader & Hardie (2010): valued at the 5th renewal decision, margin x DERL
    residual = float(margin * model.discounted_expected_residual_lifetime(rate, renewals=4))
    questions = {
        "clv_sbg": NumericQuestion(
            "Expected CLV of a new customer with the sBG fitted on years 0–7 (first margin "
            "now)", clv_sbg, "yuan", rel_tol=0.01,
            explanation="margin × DEL: the discounted sum of m·S(t)."),
        "clv_constant": NumericQuestion(
            "CLV if every year had the first year's retention rate r_1 (first margin now)",
            clv_constant, "yuan", rel_tol=0.01,
            explanation="m(1+i)/(1+i−r): retention is held at its lowest value.",
            hints=[Hint(float(customer_lifetime_value(margin, r1, rate)),
                        "That counts the first margin after one year; here it is paid now "
                        "(when='begin').")]),
        "residual_after_4": NumericQuestion(
            "Expected residual value of a customer who has renewed 4 times (about to decide on "
            "the 5th renewal)", residual, "yuan", rel_tol=0.01,
            explanation="margin × DERL: survivors are more loyal, so worth more than a new "
                        "customer.",
            hints=[Hint(clv_sbg, "That is a NEW customer's CLV; a 4-time renewer has a lower "
                                 "churn probability."),
                   Hint(residual / (1 + rate), "That is residual_value(), which values the "
                        "margins one period earlier; at the renewal decision it is margin × "
                        "DERL.")]),
    }
    story = (f"A subscription pays {margin:,.0f} yuan at the start of each year a customer "
             f"stays; the discount rate is {rate:.0%} a year. The '{segment}' cohort's "
             f"survivors over years 0–7 are {survivors}.")
    return ExerciseSet("What heterogeneity does to customer value", story,
                       {"margin": margin, "discount_rate": rate, "segment": segment,
                        "survivors": survivors}, questions, student=student)


# --------------------------------------------------------------------------- 7. strategy


def stage_strategy(student=None) -> ExerciseSet:
    """Recommend a strategy for each stage and name the pattern of ended relationships.

    Returns
    -------
    ExerciseSet
        Questions ``strategy_<stage>`` for the four stages and ``pattern_1`` … ``pattern_3``.

    Examples
    --------
    >>> ex = stage_strategy()
    >>> ex.check("pattern_1", "early abort").correct
    True
    """
    rng = _rng(student)
    table = stage_table()
    stages = list(table.index)
    options = list(table["strategy"])
    if rng is not None:
        options = [options[k] for k in rng.permutation(len(options))]
    questions = {}
    for stage in stages:
        info = table.loc[stage]
        questions[f"strategy_{stage}"] = ChoiceQuestion(
            f"{info['name'].capitalize()} ({info['chinese']}): {info['features']} Which "
            "strategy fits?", options, info["strategy"],
            {info["strategy"]: f"Aim: {info['aim']}"})
    cases = [
        ("A guest books once through the programme and never comes back.",
         LifecyclePattern.EARLY_ABORT),
        ("A member books more each quarter for half a year, then switches to a competitor's "
         "programme.", LifecyclePattern.MIDWAY_TERMINATION),
        ("A company account books steadily for eight months after its first year, then moves "
         "its travel to another chain.", LifecyclePattern.PREMATURE_EXIT),
    ]
    if rng is not None:
        cases = [cases[k] for k in rng.permutation(len(cases))]
    names = [p.english for p in LifecyclePattern]
    for k, (text, pattern) in enumerate(cases, start=1):
        questions[f"pattern_{k}"] = ChoiceQuestion(
            f"{text} Which lifecycle pattern?", names, pattern.english,
            {pattern.english: f"{pattern.chinese}: {pattern.description}"})
    story = ("Match each lifecycle stage with what the firm should do, then name the pattern of "
             "three relationships that have ended.")
    return ExerciseSet("Strategy by stage", story, {}, questions, student=student)
