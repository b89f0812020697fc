"""Exercises for the service unit (lesson 07): service quality, waiting and service recovery.

Seven exercises written as :class:`~crmlib.exercises.Exercise` specs: the SERVQUAL gap table
of the bank branch and the dimension to improve first; the tellers' utilisation, the chance
of waiting and the mean wait of an M/M/c queue; the tellers needed for "95% served within 15
minutes"; the value of a service-recovery programme; and the restaurant's dessert. Every answer
is computed by crmlib from the exercise's own numbers; every sentence a student reads is in
``crmlib/text/<language>/exercises_service.toml``.

``student=None`` gives the exercise's own numbers (the kit's illustration around the course's
figures: the fifteen-minute rule, 70% of complainers kept by a good recovery, the hotel's
margin and retention); a student id gives that student their own numbers. The queue exercises
1–3 (utilisation, chance of waiting, mean wait) share one draw, so a student's branch is the
same busy hour in all three.
"""

from __future__ import annotations

import math

import numpy as np

from crmlib.datasets import load_servqual_survey
from crmlib.exercises._core import ExerciseSet
from crmlib.exercises._spec import Choice, Exercise, Numeric, exercise_factory, pick
from crmlib.i18n import text
from crmlib.service import (
    SERVQUAL_DIMENSIONS,
    erlang_c,
    mean_wait,
    servers_needed,
    service_recovery_value,
    servqual_gaps,
    utilisation,
    wait_probability,
    weighted_servqual_score,
)
from crmlib.units import MINUTES_PER_HOUR

__all__ = ["chance_of_waiting", "recovery_programme", "restaurant_dessert", "servqual_priorities",
           "teller_utilisation", "tellers_for_target", "waiting_time"]

#: The respondents in a student's sample of the branch's survey.
SAMPLE_SIZE = 20
#: The course's rule: a dish within fifteen minutes (the limit of the staffing exercise).
LIMIT_MINUTES = 15.0
#: The course's figure: 70% of dissatisfied customers stay if the problem is put right.
COURSE_STAY_WITH_RECOVERY = 0.70


def _dimension(name: str) -> str:
    """A SERVQUAL dimension's name in the current language."""
    return text(f"vocab.servqual_dimension.{name}.label")


# --------------------------------------------------------------------------- 1. SERVQUAL


def _survey(respondents=None) -> dict:
    tables = {part: load_servqual_survey(part) for part in
              ("expectations", "perceptions", "importance")}
    if respondents is not None:
        tables = {part: table.loc[respondents] for part, table in tables.items()}
    return tables


def _servqual_draw(rng, settings):
    index = load_servqual_survey("importance").index.to_numpy()
    chosen = np.sort(rng.choice(index, SAMPLE_SIZE, replace=False))
    return _survey(chosen.tolist())


def _servqual_table(p):
    weights = p["importance"].mean()
    gaps = servqual_gaps(p["expectations"], p["perceptions"], SERVQUAL_DIMENSIONS, weights)
    return gaps, weights


def _servqual_solve(p):
    gaps, weights = _servqual_table(p)
    weighted = gaps["gap"] * gaps["weight"]
    gap = float(gaps.loc["responsiveness", "gap"])
    every_item = servqual_gaps(p["expectations"], p["perceptions"],
                               {"all": list(p["expectations"].columns)})
    score = weighted_servqual_score(gaps, weights)
    return {
        "responsiveness_gap": gap,
        "responsiveness_gap.reversed": -gap,
        "responsiveness_gap.all_items": float(every_item.loc["all", "gap"]),
        "responsiveness_gap.weighted": float(weighted["responsiveness"]),
        "score": score,
        "score.unweighted": weighted_servqual_score(gaps, dict.fromkeys(gaps.index, 1.0)),
        "score.points_not_divided": score * float(weights.sum()),
        "fix_first": str(weighted.idxmin()),
    }


def _servqual_shown(p):
    gaps, _ = _servqual_table(p)
    weighted = gaps["gap"] * gaps["weight"]
    first, largest = str(weighted.idxmin()), str(gaps["gap"].idxmin())
    values = {"first": _dimension(first), "first_weight": float(gaps.loc[first, "weight"]),
              "first_product": float(weighted[first])}
    shown = {"respondents": len(p["expectations"]),
             "survey": text("servqual_priorities.survey."
                            + ("all" if len(p["expectations"]) > SAMPLE_SIZE else "sample"),
                            n=len(p["expectations"]))}
    for name in gaps.index:
        row = {**values, "dimension": _dimension(name), "gap": float(gaps.loc[name, "gap"]),
               "weight": float(gaps.loc[name, "weight"]), "product": float(weighted[name])}
        if name == first:
            reason = "first"
        elif row["gap"] >= 0:
            reason = "exceeds"
        elif name == largest:
            reason = "largest_gap"
        else:
            reason = "smaller"
        if name == "responsiveness":        # question 1 asks for its gap: not given here
            reason += "_asked"
        shown[f"why_{name}"] = text(f"servqual_priorities.reason.{reason}", **row)
    return shown


SERVQUAL_PRIORITIES = Exercise(
    key="servqual_priorities",
    defaults=lambda settings: _survey(),
    numbers="illustrative",
    draw=_servqual_draw,
    solve=_servqual_solve,
    shown=_servqual_shown,
    questions=(
        Numeric("responsiveness_gap", decimals=2,
                mistakes=("reversed", "all_items", "weighted")),
        Numeric("score", decimals=2, mistakes=("unweighted", "points_not_divided")),
        Choice("fix_first", tuple(SERVQUAL_DIMENSIONS), labels="vocab.servqual_dimension"),
    ),
)


@exercise_factory(SERVQUAL_PRIORITIES)
def servqual_priorities(student=None, *, graded=False) -> ExerciseSet:
    r"""The bank branch's SERVQUAL gaps, its overall score and the dimension to improve first.

    The gap of a dimension is its mean perception minus its mean expectation over its items and
    respondents, :math:`G_d = \bar P_d - \bar E_d` (:func:`crmlib.servqual_gaps`); the overall
    score weights the gaps by the mean importance points,
    :math:`S = \sum_d w_d G_d / \sum_d w_d` (:func:`crmlib.weighted_servqual_score`); the
    dimension to improve first is the one with the most negative :math:`w_d G_d`.

    ``fix_first`` chooses among the five dimensions; the tables are ``ex.expectations``,
    ``ex.perceptions`` and ``ex.importance``.

    Parameters
    ----------
    student : str or int, optional
        A student id: a sample of 20 of the survey's 200 questionnaires, drawn for that
        student. ``None`` (default) uses the whole survey.

    References
    ----------
    Parasuraman, A., Zeithaml, V. A. & Berry, L. L. (1988). SERVQUAL: a multiple-item scale
    for measuring consumer perceptions of service quality. *Journal of Retailing* 64(1), 12–40;
    Zeithaml, Parasuraman & Berry (1990), *Delivering Quality Service* (the weighted score).
    The survey is the kit's synthetic bank branch (``datasets/servqual_survey.md``).

    Examples
    --------
    The whole survey: responsiveness falls 1.53 rating points short of expectations (the
    lesson's table), and weighted by importance the overall score is −0.86.

    >>> ex = servqual_priorities()
    >>> ex.check("responsiveness_gap", -1.53).correct, ex.check("score", "-0.86").correct
    (True, True)
    >>> print(ex.check("responsiveness_gap", 1.53))  # doctest: +ELLIPSIS
    ❌ Not quite (1.53). That is expectation − perception...
    """
    return SERVQUAL_PRIORITIES.build(student, graded=graded)


# --------------------------------------------------------------------------- 2–4. the queue

#: Arrivals per hour and minutes per customer the queue exercises draw from.
_ARRIVALS = (30, 36, 40, 45, 48)
_SERVICE_MINUTES = (4, 5, 6, 8)


def _branch_draw(rng, settings):
    """A busy hour at a student's branch: arrivals, service time and tellers (stable)."""
    arrivals = float(pick(rng, _ARRIVALS))
    minutes = float(pick(rng, _SERVICE_MINUTES))
    load = arrivals * minutes / MINUTES_PER_HOUR
    return {"arrivals_per_hour": arrivals, "service_minutes": minutes,
            "tellers": math.floor(load) + int(pick(rng, (1, 2)))}


_BRANCH_HOUR = {"arrivals_per_hour": 40.0, "service_minutes": 6.0, "tellers": 5}


def _rates(p):
    """λ and μ per hour, and c, from the exercise's arrivals, minutes and tellers."""
    return (p["arrivals_per_hour"], MINUTES_PER_HOUR / p["service_minutes"],
            p.get("tellers"))


def _stable_minimum(lam, mu) -> int:
    return math.floor(lam / mu) + 1


def _utilisation_solve(p):
    lam, mu, c = _rates(p)
    stable = _stable_minimum(lam, mu)
    return {
        "utilisation": utilisation(lam, mu, c),
        "utilisation.offered_load": lam / mu,
        "utilisation.minutes_as_rate": utilisation(lam, p["service_minutes"], c),
        "utilisation.busy_minutes": utilisation(lam, mu, c) * MINUTES_PER_HOUR,
        "utilisation.upside_down": 1 / utilisation(lam, mu, c),
        "stable_minimum": stable,
        "stable_minimum.rounded_down": stable - 1,
        "full_utilisation": "grows_without_bound",
    }


def _utilisation_shown(p):
    lam, mu, _ = _rates(p)
    short = _stable_minimum(lam, mu) - 1
    return {"service_rate": mu, "offered_load": lam / mu, "short_staff": short,
            "short_utilisation": utilisation(lam, mu, short)}


TELLER_UTILISATION = Exercise(
    key="teller_utilisation",
    defaults=_BRANCH_HOUR,
    numbers="illustrative",
    draw=_branch_draw,
    solve=_utilisation_solve,
    shown=_utilisation_shown,
    questions=(
        Numeric("utilisation", decimals=2, fraction=True,
                mistakes=("offered_load", "minutes_as_rate", "busy_minutes", "upside_down")),
        Numeric("stable_minimum", decimals=0, mistakes=("rounded_down",)),
        Choice("full_utilisation", ("grows_without_bound", "busy_but_fine", "nobody_waits",
                                    "one_service_time")),
    ),
)


@exercise_factory(TELLER_UTILISATION)
def teller_utilisation(student=None, *, graded=False) -> ExerciseSet:
    r"""How busy the branch's tellers are, and the fewest tellers that keep the queue stable.

    Utilisation :math:`\rho = \lambda / (c\mu)` (:func:`crmlib.utilisation`), with
    :math:`\mu = 60 / \text{service minutes}` customers an hour; the queue is stable only for
    :math:`\rho < 1`, so the fewest tellers is :math:`\lfloor \lambda/\mu \rfloor + 1`.

    Parameters
    ----------
    student : str or int, optional
        A student id for personal numbers; ``None`` (default): 40 customers an hour, 6 minutes
        each, 5 tellers (the lesson's busy hour).

    References
    ----------
    Gross, D., Shortle, J. F., Thompson, J. M. & Harris, C. M. (2008). *Fundamentals of
    Queueing Theory*, 4th ed. Wiley, §2.3 (M/M/c).

    Examples
    --------
    40 an hour, 10 an hour per teller, 5 tellers: 40 / 50 = 0.8.

    >>> ex = teller_utilisation()
    >>> ex.check("utilisation", "80%").correct, ex.check("stable_minimum", 5).correct
    (True, True)
    >>> print(ex.check("utilisation", 4))  # doctest: +ELLIPSIS
    ❌ Not quite (4). That is the offered load...
    """
    return TELLER_UTILISATION.build(student, graded=graded)


def _erlang_b(erlang_c_value, rho):
    """Erlang B from Erlang C: C = B / (1 − ρ(1 − B)) solved for B (Cooper 1981)."""
    return erlang_c_value * (1 - rho) / (1 - rho * erlang_c_value)


def _waiting_chance_solve(p):
    lam, mu, c = _rates(p)
    limit = LIMIT_MINUTES / MINUTES_PER_HOUR
    chance = erlang_c(lam, mu, c)
    longer = float(wait_probability(limit, lam, mu, c))
    return {
        "prob_wait": chance,
        "prob_wait.utilisation": utilisation(lam, mu, c),
        "prob_wait.served_at_once": 1 - chance,
        "prob_wait.longer_than_limit": longer,
        "prob_wait.erlang_b": _erlang_b(chance, utilisation(lam, mu, c)),
        "wait_longer": longer,
        "wait_longer.limit_as_15_hours": float(wait_probability(LIMIT_MINUTES, lam, mu, c)),
        "wait_longer.any_wait": chance,
        "wait_longer.within": 1 - longer,
    }


CHANCE_OF_WAITING = Exercise(
    key="chance_of_waiting",
    defaults=_BRANCH_HOUR,
    numbers="illustrative",
    draw=_branch_draw,
    solve=_waiting_chance_solve,
    shown=lambda p: {"service_rate": _rates(p)[1], "limit": LIMIT_MINUTES},
    questions=(
        Numeric("prob_wait", decimals=3, fraction=True,
                mistakes=("utilisation", "served_at_once", "longer_than_limit", "erlang_b")),
        Numeric("wait_longer", decimals=None, significant=2, fraction=True,
                mistakes=("limit_as_15_hours", "any_wait", "within")),
    ),
)


@exercise_factory(CHANCE_OF_WAITING)
def chance_of_waiting(student=None, *, graded=False) -> ExerciseSet:
    r"""The chance that a customer waits at all (Erlang C), and waits longer than 15 minutes.

    :math:`C(c, a)` with :math:`a = \lambda/\mu` (:func:`crmlib.erlang_c`), and
    :math:`P(W_q > t) = C\,e^{-(c\mu - \lambda)t}` (:func:`crmlib.wait_probability`) with
    :math:`t` = 15 minutes = 0.25 hour.

    The numbers are :func:`teller_utilisation`'s busy hour, for the same student.

    References
    ----------
    Erlang, A. K. (1917), *Elektroteknikeren* 13; Gross et al. (2008), *Fundamentals of
    Queueing Theory*, §2.3. The fifteen-minute rule is the course's restaurant case.

    Examples
    --------
    a = 4, c = 5: C = 128/231 = 0.554, and 0.554 × e^(−2.5) = 0.045 wait over 15 minutes.

    >>> ex = chance_of_waiting()
    >>> ex.check("prob_wait", 0.554).correct, ex.check("wait_longer", "4.5%").correct
    (True, True)
    >>> print(ex.check("prob_wait", 0.8))  # doctest: +ELLIPSIS
    ❌ Not quite (0.8). That is the utilisation...
    """
    return CHANCE_OF_WAITING.build(student, graded=graded)


def _waiting_time_solve(p):
    lam, mu, c = _rates(p)
    wait = mean_wait(lam, mu, c)                 # hours, over all customers
    if_waiting = 1 / (c * mu - lam)              # hours, over those who wait
    return {
        "mean_wait": wait * MINUTES_PER_HOUR,
        "mean_wait.if_waiting": if_waiting * MINUTES_PER_HOUR,
        "mean_wait.hours": wait,
        "mean_wait.in_system": (wait + 1 / mu) * MINUTES_PER_HOUR,
        "mean_wait.queue_length": lam * wait,
        "wait_if_waiting": if_waiting * MINUTES_PER_HOUR,
        "wait_if_waiting.all_customers": wait * MINUTES_PER_HOUR,
        "wait_if_waiting.hours": if_waiting,
    }


WAITING_TIME = Exercise(
    key="waiting_time",
    defaults=_BRANCH_HOUR,
    numbers="illustrative",
    draw=_branch_draw,
    solve=_waiting_time_solve,
    shown=lambda p: {"service_rate": _rates(p)[1]},
    questions=(
        Numeric("mean_wait", unit="minutes", decimals=None, significant=2,
                mistakes=("if_waiting", "hours", "in_system", "queue_length")),
        Numeric("wait_if_waiting", unit="minutes", decimals=None, significant=2,
                mistakes=("all_customers", "hours")),
    ),
)


@exercise_factory(WAITING_TIME)
def waiting_time(student=None, *, graded=False) -> ExerciseSet:
    r"""The mean wait before service starts, over all customers and over those who wait.

    :math:`W_q = C / (c\mu - \lambda)` (:func:`crmlib.mean_wait`); those who wait, wait
    :math:`1/(c\mu - \lambda)` on average. Rates per hour give hours: × 60 for minutes.

    The numbers are :func:`teller_utilisation`'s busy hour, for the same student.

    References
    ----------
    Gross et al. (2008), *Fundamentals of Queueing Theory*, §2.3; Maister, D. H. (1985). The
    psychology of waiting lines. In *The Service Encounter*, Lexington Books.

    Examples
    --------
    C = 128/231 and cμ − λ = 10 an hour: W_q = 0.0554 hour = 3.3 minutes; those who wait
    wait 1/10 hour = 6 minutes.

    >>> ex = waiting_time()
    >>> ex.check("mean_wait", 3.3).correct, ex.check("wait_if_waiting", 6).correct
    (True, True)
    >>> print(ex.check("mean_wait", 6))  # doctest: +ELLIPSIS
    ❌ Not quite (6). That is the mean wait of those who wait...
    """
    return WAITING_TIME.build(student, graded=graded)


# --------------------------------------------------------------------------- 5. staffing


def _staffing_draw(rng, settings):
    return {"arrivals_per_hour": float(pick(rng, (30, 36, 40, 45, 48, 54, 60))),
            "service_minutes": float(pick(rng, _SERVICE_MINUTES)),
            "limit_minutes": LIMIT_MINUTES,
            "target": float(pick(rng, (0.90, 0.95)))}


def _staffing_solve(p):
    lam, mu, _ = _rates(p)
    limit = p["limit_minutes"] / MINUTES_PER_HOUR
    needed = servers_needed(lam, mu, max_wait=limit, target=p["target"])
    longer = float(wait_probability(limit, lam, mu, needed))
    return {
        "tellers": needed,
        "tellers.stable_minimum": _stable_minimum(lam, mu),
        "tellers.nobody_waits": servers_needed(lam, mu, max_wait=0.0, target=p["target"]),
        "served_within": 1 - longer,
        "served_within.waiting_longer": longer,
        "served_within.not_waiting": 1 - erlang_c(lam, mu, needed),
        "served_within.limit_as_15_hours": 1 - float(
            wait_probability(p["limit_minutes"], lam, mu, needed)),
    }


def _staffing_shown(p):
    lam, mu, _ = _rates(p)
    stable = _stable_minimum(lam, mu)
    limit = p["limit_minutes"] / MINUTES_PER_HOUR
    return {"service_rate": mu, "stable_served":
            1 - float(wait_probability(limit, lam, mu, stable))}


TELLERS_FOR_TARGET = Exercise(
    key="tellers_for_target",
    defaults={"arrivals_per_hour": 45.0, "service_minutes": 6.0, "limit_minutes": LIMIT_MINUTES,
              "target": 0.95},
    numbers="illustrative",
    draw=_staffing_draw,
    solve=_staffing_solve,
    shown=_staffing_shown,
    questions=(
        Numeric("tellers", decimals=0, mistakes=("stable_minimum", "nobody_waits")),
        Numeric("served_within", decimals=3, fraction=True,
                mistakes=("waiting_longer", "not_waiting", "limit_as_15_hours")),
    ),
)


@exercise_factory(TELLERS_FOR_TARGET)
def tellers_for_target(student=None, *, graded=False) -> ExerciseSet:
    r"""The fewest tellers with which the target share is served within fifteen minutes.

    :math:`c^* = \min\{c : 1 - C(c, a)\,e^{-(c\mu-\lambda)t} \ge \text{target}\}`
    (:func:`crmlib.servers_needed`), with :math:`t` = 15 minutes, the course's restaurant rule.

    ``served_within`` is the share served within the limit with that many tellers.

    Parameters
    ----------
    student : str or int, optional
        A student id for personal numbers; ``None`` (default): 45 customers an hour (the
        lesson's "what if"), 6 minutes each, 95% within 15 minutes.

    References
    ----------
    Call Centre Helper, "Erlang C formula – made simple with an easy worked example" (the
    service level); Gross et al. (2008), §2.3. Course material: the restaurant's
    fifteen-minute rule (slides ``003``).

    Examples
    --------
    45 an hour, μ = 10: five tellers keep the queue stable but serve 78.2% in time; six serve
    99.0%.

    >>> ex = tellers_for_target()
    >>> ex.check("tellers", 6).correct, ex.check("served_within", 0.990).correct
    (True, True)
    >>> print(ex.check("tellers", 5))  # doctest: +ELLIPSIS
    ❌ Not quite (5). 5 tellers keep the queue stable...
    """
    return TELLERS_FOR_TARGET.build(student, graded=graded)


# --------------------------------------------------------------------------- 6. recovery


def _recovery_draw(rng, settings):
    return {"complaints": float(pick(rng, (400, 600, 1000))),
            "stay_with_recovery": COURSE_STAY_WITH_RECOVERY,
            "stay_without_recovery": float(pick(rng, (0.2, 0.3, 0.4))),
            "margin": float(pick(rng, (1500, 2000, 2400))),
            "retention_rate": float(pick(rng, (0.75, 0.8))),
            "cost_per_complaint": float(pick(rng, (150, 300, 500)))}


def _recovery(p, **changes):
    """:func:`crmlib.service_recovery_value` for the exercise's numbers, some changed."""
    args = {k: p[k] for k in ("stay_with_recovery", "stay_without_recovery", "margin",
                              "retention_rate", "cost_per_complaint")}
    return service_recovery_value(p["complaints"], **{**args, **changes})


def _recovery_solve(p):
    n, s1 = p["complaints"], p["stay_with_recovery"]
    v = _recovery(p)
    everyone = _recovery(p, stay_without_recovery=0.0)          # as if nobody stayed anyway
    one_year = v["customers_kept"] * p["margin"] - v["programme_cost"]
    this_year = _recovery(p, when="begin")
    return {
        "customers_kept": v["customers_kept"],
        "customers_kept.all_who_stay": n * s1,
        "customers_kept.stay_anyway": n * p["stay_without_recovery"],
        "net_value": v["net_value"],
        "net_value.all_who_stay": everyone["net_value"],
        "net_value.no_cost": v["value_kept"],
        "net_value.one_year_margin": one_year,
        "net_value.this_year_counted": this_year["net_value"],
        "break_even_cost": v["break_even_cost_per_complaint"],
        "break_even_cost.whole_clv": v["value_per_customer"],
        "break_even_cost.all_who_stay": everyone["break_even_cost_per_complaint"],
        "break_even_cost.one_year_margin": (s1 - p["stay_without_recovery"]) * p["margin"],
    }


RECOVERY_PROGRAMME = Exercise(
    key="recovery_programme",
    defaults={"complaints": 1000.0, "stay_with_recovery": COURSE_STAY_WITH_RECOVERY,
              "stay_without_recovery": 0.3, "margin": 2000.0, "retention_rate": 0.8,
              "cost_per_complaint": 500.0},
    numbers="illustrative",
    draw=_recovery_draw,
    solve=_recovery_solve,
    shown=lambda p: {"clv": _recovery(p)["value_per_customer"]},
    questions=(
        Numeric("customers_kept", unit="customers", decimals=0,
                mistakes=("all_who_stay", "stay_anyway")),
        Numeric("net_value", unit="yuan", decimals=None, significant=3,
                mistakes=("all_who_stay", "no_cost", "one_year_margin", "this_year_counted")),
        Numeric("break_even_cost", unit="yuan", decimals=0,
                mistakes=("whole_clv", "all_who_stay", "one_year_margin")),
    ),
)


@exercise_factory(RECOVERY_PROGRAMME)
def recovery_programme(student=None, *, graded=False) -> ExerciseSet:
    r"""What a service-recovery programme is worth: customers kept × CLV − its cost.

    :math:`\Delta N = n(s_1 - s_0)`, :math:`V = \Delta N \cdot \mathrm{CLV} - nk` and the
    break-even cost per complaint :math:`k^* = (s_1 - s_0)\,\mathrm{CLV}`, with
    :math:`\mathrm{CLV} = m\,r/(1-r)` (first margin a year after the complaint, no discounting;
    :func:`crmlib.service_recovery_value`).

    Parameters
    ----------
    student : str or int, optional
        A student id for personal numbers; ``None`` (default): 1,000 complaints a year,
        :math:`s_1` = 0.7 (the course's figure), :math:`s_0` = 0.3, the course hotel's margin
        of 2,000 yuan and retention of 0.8, and 500 yuan per recovery (the kit's).

    References
    ----------
    Course material, "客户关系管理与服务营销" (70% of dissatisfied customers stay if the
    problem is put right); Hart, C. W. L., Heskett, J. L. & Sasser, W. E. (1990). The
    profitable art of service recovery. *Harvard Business Review* 68(4), 148–156; Gupta, S. &
    Lehmann, D. R. (2003), *Journal of Interactive Marketing* 17(1) (CLV).

    Examples
    --------
    400 customers kept × CLV 8,000 − 1,000 × 500 = 2,700,000 yuan; break-even 0.4 × 8,000.

    >>> ex = recovery_programme()
    >>> ex.check("net_value", "270万").correct, ex.check("break_even_cost", 3200).correct
    (True, True)
    >>> print(ex.check("net_value", 5_100_000))  # doctest: +ELLIPSIS
    ❌ Not quite (5,100,000). That counts every complainer who stays...
    """
    return RECOVERY_PROGRAMME.build(student, graded=graded)


# --------------------------------------------------------------------------- 7. restaurant


def _dessert_draw(rng, settings):
    return {"margin": float(pick(rng, (800, 1000, 1200, 1500))),
            "retention_rate": float(pick(rng, (0.6, 0.7, 0.75, 0.8))),
            "stay_with_recovery": COURSE_STAY_WITH_RECOVERY,
            "stay_without_recovery": float(pick(rng, (0.2, 0.3, 0.4))),
            "dessert_cost": float(pick(rng, (20, 30, 40)))}


def _one_guest(p, **changes):
    args = {"stay_with_recovery": p["stay_with_recovery"],
            "stay_without_recovery": p["stay_without_recovery"], "margin": p["margin"],
            "retention_rate": p["retention_rate"], "cost_per_complaint": p["dessert_cost"],
            **changes}
    return service_recovery_value(1, **args)


def _dessert_solve(p):
    v = _one_guest(p)
    return {
        "expected_gain": v["net_value"],
        "expected_gain.no_dessert_cost": v["value_kept"],
        "expected_gain.all_who_stay": _one_guest(p, stay_without_recovery=0.0)["net_value"],
        "expected_gain.one_year_margin": (v["customers_kept"] * p["margin"]
                                          - v["programme_cost"]),
        "expected_gain.whole_clv": v["value_per_customer"] - v["programme_cost"],
        "first_response": "acknowledge_and_act",
    }


def _dessert_shown(p):
    v = _one_guest(p)
    return {"clv": v["value_per_customer"], "break_even": v["break_even_cost_per_complaint"],
            "limit": LIMIT_MINUTES}


RESTAURANT_DESSERT = Exercise(
    key="restaurant_dessert",
    defaults={"margin": 1200.0, "retention_rate": 0.75,
              "stay_with_recovery": COURSE_STAY_WITH_RECOVERY, "stay_without_recovery": 0.3,
              "dessert_cost": 30.0},
    numbers="illustrative",
    draw=_dessert_draw,
    solve=_dessert_solve,
    shown=_dessert_shown,
    questions=(
        Numeric("expected_gain", unit="yuan", decimals=0,
                mistakes=("no_dessert_cost", "all_who_stay", "one_year_margin", "whole_clv")),
        Choice("first_response", ("rule_met", "acknowledge_and_act", "fetch_manager",
                                  "explain_policy")),
    ),
)


@exercise_factory(RESTAURANT_DESSERT)
def restaurant_dessert(student=None, *, graded=False) -> ExerciseSet:
    r"""The course's restaurant: the dish came in time, the guest feels it was slow.

    What sending a dessert is expected to gain, per unhappy guest:
    :math:`(s_1 - s_0)\,\mathrm{CLV} - d` (:func:`crmlib.service_recovery_value` for one
    complaint, cost :math:`d`), and the best first response of an empowered waiter.

    Parameters
    ----------
    student : str or int, optional
        A student id for personal numbers; ``None`` (default): a regular guest's margin of
        1,200 yuan a year, retention 0.75, :math:`s_1` = 0.7 (the course's figure),
        :math:`s_0` = 0.3 and a dessert costing 30 yuan (the kit's).

    References
    ----------
    Course material, "客户关系管理与服务营销": the restaurant's fifteen-minute rule and the
    waiter's dessert (empowerment, 授权), the forbidden phrases (服务禁语), 70% of complainers
    kept by a good recovery. Hart, Heskett & Sasser (1990), *Harvard Business Review* 68(4).

    Examples
    --------
    CLV = 1200 × 0.75 / 0.25 = 3,600; (0.7 − 0.3) × 3,600 − 30 = 1,410 yuan.

    >>> ex = restaurant_dessert()
    >>> ex.check("expected_gain", 1410).correct, ex.check("first_response", "B").correct
    (True, True)
    >>> print(ex.check("first_response", "A"))  # doctest: +ELLIPSIS
    ❌ Not this one (Nothing: the dish came within the fifteen minutes... The rule measures the
    kitchen...
    """
    return RESTAURANT_DESSERT.build(student, graded=graded)


#: The unit's specs, in the order of the exercise notebook.
SPECS = (SERVQUAL_PRIORITIES, TELLER_UTILISATION, CHANCE_OF_WAITING, WAITING_TIME,
         TELLERS_FOR_TARGET, RECOVERY_PROGRAMME, RESTAURANT_DESSERT)
