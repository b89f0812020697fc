"""crmlib.economics: the course's retention-economics figures, recomputed."""

import numpy as np
import pytest

import crmlib as crm


def test_turnover_scenario_course_figures():
    # Lecture handout: RMB 1 billion revenue, 30% turnover, 15% market growth.
    # Lost 0.30 * 1e9 = 300M; acquired at market growth 0.15 * 1e9 = 150M;
    # next year 1000 - 300 + 150 = 850M, i.e. the firm "loses 150 million".
    s = crm.turnover_scenario(1_000_000_000, 0.30, 0.15)
    assert s["lost_revenue"] == pytest.approx(300e6)
    assert s["acquired_revenue"] == pytest.approx(150e6)
    assert s["revenue_next_year"] == pytest.approx(850e6)
    assert s["net_change"] == pytest.approx(-150e6)
    # Growing with the market means 1150M next year: 300M short.
    assert s["market_pace_revenue"] == pytest.approx(1150e6)
    assert s["shortfall_vs_market"] == pytest.approx(300e6)
    # To grow 15%, new business must replace the 30% lost plus the 15%: 45% of revenue.
    assert s["required_acquisition_rate"] == pytest.approx(0.45)


def test_turnover_scenario_at_the_required_rate_grows_with_the_market():
    s = crm.turnover_scenario(1_000_000_000, 0.30, 0.15, acquisition_rate=0.45)
    assert s["revenue_next_year"] == pytest.approx(1150e6)
    assert s["shortfall_vs_market"] == pytest.approx(0, abs=1e-6)


def test_crm_spending_assessment_four_components():
    # 200 * 0.25 = 50; + 12 sales time + 8 referrals + (530 - 500) = 30 -> 100
    b = crm.crm_spending_assessment(marketing_expense=200, turnover_rate=0.25,
                                    sales_time_value=12, lost_referrals_value=8,
                                    target_retention_revenue=530, current_retention_revenue=500)
    assert b["marketing_spent_on_turnover"] == pytest.approx(50)
    assert b["retention_gap"] == pytest.approx(30)
    assert b["total"] == pytest.approx(100)


def test_stew_leonard_fifty_thousand_dollars():
    # Course case: $100 a week x 50 weeks x 10 years = $50,000
    assert crm.lifetime_revenue(100, 50, 10) == pytest.approx(50_000)


def test_clv_change_from_retention_by_hand():
    # r 0.80 -> 0.85, i = 0.10: 0.8/0.3 = 2.6667 -> 0.85/0.25 = 3.4: +27.5%
    assert crm.clv_change_from_retention(0.80, 0.05, 0.10) == pytest.approx(3.4 / (0.8 / 0.3) - 1)
    # r 0.90 -> 0.95, i = 0.10: 4.5 -> 0.95/0.15 = 6.3333: +40.7%
    assert crm.clv_change_from_retention(0.90, 0.05, 0.10) == pytest.approx((0.95 / 0.15) / 4.5 - 1)


def test_reichheld_sasser_range_is_reached_only_at_high_retention():
    # Reichheld & Sasser (1990): 5 points fewer defections -> 25-85% more profit.
    # Via constant-margin CLV at i = 10% the effect is 27.5% at r = 0.80 and rises with r.
    effects = crm.clv_change_from_retention(np.array([0.6, 0.8, 0.9]), 0.05, 0.10)
    assert np.all(np.diff(effects) > 0)
    assert effects[1] >= 0.25


def test_customer_delivered_value_components():
    # (60 + 20 + 10 + 10) - (50 + 10 + 5 + 5) = 100 - 70 = 30
    got = crm.customer_delivered_value(
        {"product": 60, "service": 20, "personnel": 10, "image": 10},
        {"money": 50, "time": 10, "energy": 5, "psychic": 5})
    assert got == pytest.approx(30)
    assert crm.customer_delivered_value(100, 120) == pytest.approx(-20)


def test_break_even_programme_cost_hotel():
    # 1/churn convention: 2000 (1 - 5/10) = 1000; Gupta-Lehmann: 2000 (1 - 4/9) = 1111.11
    assert crm.break_even_programme_cost(2000, 0.8, 0.9, when="begin") == pytest.approx(1000)
    assert crm.break_even_programme_cost(2000, 0.8, 0.9) == pytest.approx(2000 * 5 / 9)
    # At the break-even fee the CLV is unchanged.
    fee = crm.break_even_programme_cost(2000, 0.8, 0.9)
    assert crm.customer_lifetime_value(2000 - fee, 0.9) == pytest.approx(
        crm.customer_lifetime_value(2000, 0.8))
