"""crmlib.service: SERVQUAL gaps, the M/M/c (Erlang C) queue, staffing and service recovery.

Every expected number comes from a published worked example (cited beside it) or from a hand
calculation written out in the test.
"""

import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

import crmlib as crm

# --------------------------------------------------------------------------- published examples

# Bronson, R. (1982). Schaum's Outline of Theory and Problems of Operations Research.
# McGraw-Hill. Solved problems as listed with their answers on M. Casquilho's queueing
# calculator page (Instituto Superior Técnico, Lisbon, "Fx-queuevars"):
#   23.3   s = 1, λ = 24/h, μ = 30/h            -> L = 4, W = 1/6 h, p0 = 0.2
#   23.14  s = 1, λ = 30/h, 1/μ = 1.5 min       -> Lq = 2.25, Wq = 4.5 min, p0 = 0.25
#   24.6   s = 3, λ = 300/yr, 1/μ = 2 d (μ = 182.5/yr)
#          -> Lq = 0.352, L = 1.996, Wq = 0.001175 yr = 0.43 d, W = 0.006654 yr, p0 = 0.17754


def test_bronson_23_3_single_server():
    # one server: a customer waits exactly when the server is busy, C = 1 - p0 = 0.8
    assert crm.erlang_c(24, 30, 1) == pytest.approx(1 - 0.2, abs=1e-12)
    # W = 1/6 h includes the service itself (1/30 h): Wq = 1/6 - 1/30 = 2/15 h
    assert crm.mean_wait(24, 30, 1) == pytest.approx(1 / 6 - 1 / 30, abs=1e-12)


def test_bronson_23_14_single_server():
    mu = 60 / 1.5   # 1.5 minutes per customer = 40 an hour
    assert crm.erlang_c(30, mu, 1) == pytest.approx(1 - 0.25, abs=1e-12)
    assert crm.mean_wait(30, mu, 1) * 60 == pytest.approx(4.5, abs=1e-9)       # minutes
    summary = crm.queue_summary(30, mu, 1, max_wait=0)
    assert summary["mean_queue_length"] == pytest.approx(2.25, abs=1e-9)


def test_bronson_24_6_three_servers():
    lam, mu, c = 300, 365 / 2, 3     # 300 a year; 2 days each = 182.5 a year
    wq = crm.mean_wait(lam, mu, c)
    assert wq == pytest.approx(0.001175, abs=5e-7)                 # years
    assert wq * 365 == pytest.approx(0.43, abs=0.005)              # days
    summary = crm.queue_summary(lam, mu, c, max_wait=0)
    assert summary["mean_queue_length"] == pytest.approx(0.352, abs=5e-4)
    # L = Lq + a (customers in service) = 1.996; W = Wq + 1/μ = 0.006654 yr
    assert summary["mean_queue_length"] + lam / mu == pytest.approx(1.996, abs=5e-4)
    assert wq + 1 / mu == pytest.approx(0.006654, abs=5e-7)
    # Erlang C from the published p0 = 0.17754: C = p0 · a^c / (c! (1 - ρ))
    a, rho = lam / mu, lam / (c * mu)
    assert crm.erlang_c(lam, mu, c) == pytest.approx(
        0.17754 * a**3 / (math.factorial(3) * (1 - rho)), abs=2e-5)


# Call Centre Helper, "Erlang C formula – made simple with an easy worked example"
# (https://www.callcentrehelper.com/erlang-c-formula-example-121281.htm): 100 calls in 30
# minutes, average handling time 3 minutes (traffic 10 Erlangs), target 80% answered within 20
# seconds. Its answer, as worked in the pyworkforce documentation (R. Arenas,
# docs/tutorials/erlangc_example.rst, "Solving Queue Problems with ErlangC"): 14 agents before
# shrinkage, with service level 0.888, occupancy 0.714 and waiting probability 0.174.
CALLS_PER_MINUTE, CALLS_PER_AGENT_MINUTE, TARGET_TIME = 100 / 30, 1 / 3, 20 / 60


def test_call_centre_helper_agents_needed():
    agents = crm.servers_needed(CALLS_PER_MINUTE, CALLS_PER_AGENT_MINUTE,
                                max_wait=TARGET_TIME, target=0.80)
    assert agents == 14


def test_call_centre_helper_service_level_occupancy_and_waiting_probability():
    args = (CALLS_PER_MINUTE, CALLS_PER_AGENT_MINUTE, 14)
    assert crm.erlang_c(*args) == pytest.approx(0.174, abs=5e-4)
    assert 1 - crm.wait_probability(TARGET_TIME, *args) == pytest.approx(0.888, abs=5e-4)
    assert crm.utilisation(*args) == pytest.approx(0.714, abs=5e-4)
    summary = crm.queue_summary(*args, max_wait=TARGET_TIME)
    assert summary["served_within"] == pytest.approx(0.888, abs=5e-4)


def test_call_centre_helper_13_agents_miss_the_target():
    # the published answer is the *smallest* staff: 13 agents serve fewer than 80% in time
    served = 1 - crm.wait_probability(TARGET_TIME, CALLS_PER_MINUTE, CALLS_PER_AGENT_MINUTE, 13)
    assert served < 0.80


# --------------------------------------------------------------------------- hand calculations

def test_hand_calculation_two_servers():
    # λ = 2 an hour, μ = 3 an hour, c = 2 (an emergency room with two doctors):
    #   a = λ/μ = 2/3, ρ = a/c = 1/3
    #   Σ_{k<2} a^k/k! = 1 + 2/3 = 5/3
    #   a^c / (c! (1 - ρ)) = (4/9) / (2 · 2/3) = 1/3
    #   C = (1/3) / (5/3 + 1/3) = 1/6
    #   Wq = C / (cμ - λ) = (1/6) / (6 - 2) = 1/24 hour = 2.5 minutes
    #   P(Wq > 1/4 h) = (1/6) e^{-(6-2)/4} = e^{-1} / 6 = 0.0613
    assert crm.erlang_c(2, 3, 2) == pytest.approx(1 / 6, abs=1e-12)
    assert crm.mean_wait(2, 3, 2) == pytest.approx(1 / 24, abs=1e-12)
    assert crm.wait_probability(0.25, 2, 3, 2) == pytest.approx(math.exp(-1) / 6, abs=1e-12)
    assert crm.wait_probability(0, 2, 3, 2) == pytest.approx(1 / 6, abs=1e-12)
    assert crm.utilisation(2, 3, 2) == pytest.approx(1 / 3, abs=1e-12)


def test_hand_calculation_three_servers():
    # same λ, μ with c = 3: a = 2/3, ρ = 2/9
    #   Σ_{k<3} a^k/k! = 1 + 2/3 + 2/9 = 17/9
    #   a^3 / (3! (1 - ρ)) = (8/27)/6 / (7/9) = 4/63
    #   C = (4/63) / (17/9 + 4/63) = 4 / (119 + 4) = 4/123
    assert crm.erlang_c(2, 3, 3) == pytest.approx(4 / 123, abs=1e-12)
    assert crm.mean_wait(2, 3, 3) == pytest.approx((4 / 123) / (9 - 2), abs=1e-12)


def test_hand_calculation_servers_needed():
    # 95% must wait at most a quarter hour (λ = 2, μ = 3 an hour):
    #   c = 1: C = ρ = 2/3, served in time 1 - (2/3) e^{-(3-2)/4} = 0.481  -> too few
    #   c = 2: 1 - (1/6) e^{-1} = 0.9387                                  -> too few
    #   c = 3: 1 - (4/123) e^{-(9-2)/4} = 1 - 0.0325 · 0.1738 = 0.9943   -> enough
    assert 1 - (2 / 3) * math.exp(-0.25) < 0.95
    assert 1 - math.exp(-1) / 6 < 0.95 <= 1 - (4 / 123) * math.exp(-1.75)
    assert crm.servers_needed(2, 3, max_wait=0.25, target=0.95) == 3
    # a looser target (90%) is met by two servers; no wait allowed at all needs C <= 5%:
    #   c = 3 gives C = 4/123 = 0.0325 <= 0.05, c = 2 gives 1/6
    assert crm.servers_needed(2, 3, max_wait=0.25, target=0.90) == 2
    assert crm.servers_needed(2, 3, max_wait=0, target=0.95) == 3


def test_servers_needed_never_below_the_stable_minimum():
    # λ = 6, μ = 3: a = 2, so at least 3 servers; with any wait allowed and a low target the
    # answer is the stable minimum, floor(a) + 1
    assert crm.servers_needed(6, 3, max_wait=10.0, target=0.01) == 3
    assert crm.servers_needed(5.9, 3, max_wait=10.0, target=0.01) == 2


def test_staffing_plan_hand_calculation():
    # 09:00 is the λ = 2, μ = 3 case above: 3 servers.
    # 12:00, λ = 6: a = 2.
    #   c = 3: Σ = 1 + 2 + 2 = 5, a^3/(3!(1 - 2/3)) = (8/6)·3 = 4, C = 4/9,
    #          served 1 - (4/9) e^{-(9-6)/4} = 1 - 0.4444 · 0.4724 = 0.790   -> too few
    #   c = 4: Σ = 5 + 4/3 = 19/3, a^4/(4!(1 - 1/2)) = (16/24)·2 = 4/3, C = 4/23,
    #          served 1 - (4/23) e^{-(12-6)/4} = 1 - 0.1739 · 0.2231 = 0.961 -> enough
    plan = crm.staffing_plan(pd.Series({"09:00": 2.0, "12:00": 6.0}), 3, max_wait=0.25,
                             target=0.95)
    assert plan["servers"].tolist() == [3, 4]
    assert plan.loc["12:00", "prob_wait"] == pytest.approx(4 / 23, abs=1e-12)
    assert plan.loc["12:00", "served_within"] == pytest.approx(
        1 - 4 / 23 * math.exp(-1.5), abs=1e-12)
    assert plan["offered_load"].tolist() == pytest.approx([2 / 3, 2.0])
    assert plan.loc["12:00", "utilisation"] == pytest.approx(0.5)
    assert list(plan.columns) == ["arrival_rate", "offered_load", "servers", "utilisation",
                                  "prob_wait", "mean_wait", "served_within"]


def test_staffing_plan_keeps_a_two_level_index():
    rates = pd.Series([2.0, 6.0], index=pd.MultiIndex.from_tuples(
        [("Monday", 9), ("Monday", 12)], names=["weekday", "hour"]))
    plan = crm.staffing_plan(rates, 3, max_wait=0.25, target=0.95)
    assert plan.index.equals(rates.index)
    assert plan["servers"].unstack().loc["Monday"].tolist() == [3, 4]


def test_queue_summary_hand_calculation():
    s = crm.queue_summary(2, 3, 2, max_wait=0.25)
    assert s["prob_wait"] == pytest.approx(1 / 6)
    assert s["mean_wait_if_waiting"] == pytest.approx(1 / 4)      # 1/(cμ - λ) = 1/4 hour
    assert s["mean_queue_length"] == pytest.approx(2 / 24)        # Lq = λ Wq = 2/24
    assert s["served_within"] == pytest.approx(1 - math.exp(-1) / 6)


def test_wait_probability_is_vectorised_over_the_wait():
    waits = np.array([0.0, 0.25, 0.5])
    got = crm.wait_probability(waits, 2, 3, 2)
    np.testing.assert_allclose(got, [1 / 6, math.exp(-1) / 6, math.exp(-2) / 6])
    series = crm.wait_probability(pd.Series(waits, index=list("abc")), 2, 3, 2)
    assert list(series.index) == ["a", "b", "c"]


# --------------------------------------------------------------------------- hundreds of servers

def _exact_erlang_c(a: int, c: int) -> Fraction:
    """The textbook formula in exact rational arithmetic (integer load a, c servers):
    C = [a^c/c! · c/(c-a)] / [Σ_{k<c} a^k/k! + a^c/c! · c/(c-a)], everything times c!."""
    tail = Fraction(a**c * c, c - a)
    head = sum(a**k * (math.factorial(c) // math.factorial(k)) for k in range(c))
    return tail / (head + tail)


def test_erlang_c_with_500_servers_matches_exact_arithmetic():
    # in floating point the textbook formula overflows long before 500 servers
    with pytest.raises(OverflowError):
        float(math.factorial(500))
    exact = _exact_erlang_c(480, 500)
    assert crm.erlang_c(480, 1, 500) == pytest.approx(float(exact), rel=1e-9)
    assert 0 < crm.erlang_c(480, 1, 500) < 1
    # mean wait C/(cμ - λ) and the tail at t = 0.1 with the same exact C
    assert crm.mean_wait(480, 1, 500) == pytest.approx(float(exact) / 20, rel=1e-9)
    assert crm.wait_probability(0.1, 480, 1, 500) == pytest.approx(
        float(exact) * math.exp(-20 * 0.1), rel=1e-9)


def test_servers_needed_in_the_hundreds_is_the_smallest_staff():
    # 480 customers a minute, 1 a minute per server, 95% within 0.1 minute (6 seconds)
    c = crm.servers_needed(480, 1, max_wait=0.1, target=0.95)
    assert 480 < c < 600

    def served(servers):
        return 1 - float(_exact_erlang_c(480, servers)) * math.exp(-(servers - 480) * 0.1)

    assert served(c) >= 0.95 > served(c - 1)


def test_erlang_c_falls_with_servers_and_rises_with_load():
    by_servers = [crm.erlang_c(480, 1, c) for c in (481, 490, 500, 520, 600)]
    assert all(x > y for x, y in zip(by_servers, by_servers[1:]))
    by_load = [crm.erlang_c(lam, 1, 500) for lam in (400, 450, 480, 499)]
    assert all(x < y for x, y in zip(by_load, by_load[1:]))
    assert crm.erlang_c(499.999, 1, 500) == pytest.approx(1, abs=1e-3)


# --------------------------------------------------------------------------- SERVQUAL

E = pd.DataFrame({"t1": [5, 6], "r1": [7, 6], "r2": [7, 6]})
P = pd.DataFrame({"t1": [6, 6], "r1": [5, 6], "r2": [4, 5]})
DIMS = {"tangibles": ["t1"], "reliability": ["r1", "r2"]}


def test_servqual_gaps_hand_calculation():
    # tangibles: E (5 + 6)/2 = 5.5, P (6 + 6)/2 = 6.0, gap +0.5
    # reliability: E (7 + 7 + 6 + 6)/4 = 6.5, P (5 + 4 + 6 + 5)/4 = 5.0, gap -1.5
    gaps = crm.servqual_gaps(E, P, DIMS)
    assert gaps.index.tolist() == ["tangibles", "reliability"]
    assert gaps.index.name == "dimension"
    assert gaps.loc["tangibles"].tolist() == [5.5, 6.0, 0.5]
    assert gaps.loc["reliability"].tolist() == [6.5, 5.0, -1.5]
    assert "weight" not in gaps.columns


def test_servqual_gaps_with_weights_and_the_weighted_score():
    # weights 20 and 80 points -> 0.2 and 0.8; score (20·0.5 + 80·(-1.5)) / 100 = -1.1
    gaps = crm.servqual_gaps(E, P, DIMS, weights={"tangibles": 20, "reliability": 80})
    assert gaps["weight"].tolist() == pytest.approx([0.2, 0.8])
    assert crm.weighted_servqual_score(gaps, {"tangibles": 20, "reliability": 80}) == \
        pytest.approx(-1.1)
    # weights on any scale give the same score; equal weights give the plain mean gap
    assert crm.weighted_servqual_score(gaps, {"tangibles": 0.2, "reliability": 0.8}) == \
        pytest.approx(-1.1)
    assert crm.weighted_servqual_score({"tangibles": 0.5, "reliability": -1.5},
                                       {"tangibles": 1, "reliability": 1}) == pytest.approx(-0.5)


def test_servqual_gap_is_the_mean_over_items_and_respondents():
    # the dimension's mean runs over every rating of its items: item a's mean is 6, item b's
    # 4, so the expectation is (7 + 5 + 6 + 3 + 4 + 5) / 6 = (6 + 4) / 2 = 5
    e = pd.DataFrame({"a": [7, 5, 6], "b": [3, 4, 5]})
    p = pd.DataFrame({"a": [6, 6, 6], "b": [6, 6, 6]})
    gaps = crm.servqual_gaps(e, p, {"x": ["a", "b"]})
    assert gaps.loc["x", "expectation"] == pytest.approx((6 + 4) / 2)
    assert gaps.loc["x", "gap"] == pytest.approx(6 - 5)


def test_servqual_items_cover_the_22_items_of_the_five_dimensions():
    items = crm.servqual_item_table()
    assert len(items) == 22 and items.index.is_unique
    # Parasuraman, Zeithaml & Berry (1988): 4 tangibles, 5 reliability, 4 responsiveness,
    # 4 assurance, 5 empathy items
    assert items["dimension"].value_counts().to_dict() == {
        "reliability": 5, "empathy": 5, "tangibles": 4, "responsiveness": 4, "assurance": 4}
    assert list(crm.SERVQUAL_DIMENSIONS) == ["tangibles", "reliability", "responsiveness",
                                             "assurance", "empathy"]
    assert items.loc["q10", "chinese"] == "响应性"


# --------------------------------------------------------------------------- service recovery

def test_service_recovery_value_hand_calculation():
    # 1,000 complaints; 70% stay if recovered (the course's figure), 30% if not (assumed)
    #   kept = 1000 × (0.7 - 0.3) = 400 customers
    #   CLV = 2000 × 0.8 / (1 - 0.8) = 8,000 (Gupta & Lehmann, no discounting)
    #   value kept = 400 × 8,000 = 3,200,000; cost = 1000 × 500 = 500,000
    #   net = 2,700,000; return on cost = 2.7M / 0.5M = 5.4; break-even = 0.4 × 8,000 = 3,200
    v = crm.service_recovery_value(1000, stay_with_recovery=0.7, stay_without_recovery=0.3,
                                   margin=2000, retention_rate=0.8, cost_per_complaint=500)
    assert v["customers_kept"] == pytest.approx(400)
    assert v["value_per_customer"] == pytest.approx(8000)
    assert v["value_kept"] == pytest.approx(3_200_000)
    assert v["programme_cost"] == pytest.approx(500_000)
    assert v["net_value"] == pytest.approx(2_700_000)
    assert v["return_on_cost"] == pytest.approx(5.4)
    assert v["break_even_cost_per_complaint"] == pytest.approx(3200)


def test_service_recovery_value_reuses_the_clv_conventions():
    # discounted at 10%: CLV = 2000 × 0.8 / (1.1 - 0.8) = 5,333.33; break-even 0.4 × that
    v = crm.service_recovery_value(1000, stay_with_recovery=0.7, stay_without_recovery=0.3,
                                   margin=2000, retention_rate=0.8, cost_per_complaint=500,
                                   discount_rate=0.1)
    assert v["value_per_customer"] == pytest.approx(1600 / 0.3)
    assert v["break_even_cost_per_complaint"] == pytest.approx(0.4 * 1600 / 0.3)
    # first margin now ("1/churn"): 2000 / 0.2 = 10,000
    v = crm.service_recovery_value(1000, stay_with_recovery=0.7, stay_without_recovery=0.3,
                                   margin=2000, retention_rate=0.8, cost_per_complaint=500,
                                   when="begin")
    assert v["value_per_customer"] == pytest.approx(10_000)


def test_service_recovery_value_free_programme_has_no_return_ratio():
    v = crm.service_recovery_value(10, stay_with_recovery=0.5, stay_without_recovery=0.5,
                                   margin=100, retention_rate=0.5, cost_per_complaint=0)
    assert v["net_value"] == 0 and math.isnan(v["return_on_cost"])
