"""crmlib.clv pinned to hand-worked and published numbers."""

import numpy as np
import pandas as pd
import pytest

import crmlib as crm

# Margin multiple r/(1+i-r), the grid Gupta & Lehmann (2003, "Customers as assets",
# J. Interactive Marketing 17(1), Table 1) tabulate for retention 60-90% and discount 10-16%.
# Each value worked by hand, e.g. 0.6/(1.10-0.60) = 0.6/0.50 = 1.20; 0.9/(1.16-0.90) = 0.9/0.26
# = 3.46.
MARGIN_MULTIPLE_GRID = {
    0.6: {0.10: 0.6 / 0.50, 0.12: 0.6 / 0.52, 0.14: 0.6 / 0.54, 0.16: 0.6 / 0.56},
    0.7: {0.10: 0.7 / 0.40, 0.12: 0.7 / 0.42, 0.14: 0.7 / 0.44, 0.16: 0.7 / 0.46},
    0.8: {0.10: 0.8 / 0.30, 0.12: 0.8 / 0.32, 0.14: 0.8 / 0.34, 0.16: 0.8 / 0.36},
    0.9: {0.10: 0.9 / 0.20, 0.12: 0.9 / 0.22, 0.14: 0.9 / 0.24, 0.16: 0.9 / 0.26},
}
PUBLISHED_TWO_DECIMALS = {
    0.6: [1.20, 1.15, 1.11, 1.07],
    0.7: [1.75, 1.67, 1.59, 1.52],
    0.8: [2.67, 2.50, 2.35, 2.22],
    0.9: [4.50, 4.09, 3.75, 3.46],
}


@pytest.mark.parametrize("retention", sorted(MARGIN_MULTIPLE_GRID))
def test_margin_multiple_grid_gupta_lehmann_2003(retention):
    rates = sorted(MARGIN_MULTIPLE_GRID[retention])
    got = crm.margin_multiple(retention, np.array(rates))
    expected = [MARGIN_MULTIPLE_GRID[retention][i] for i in rates]
    np.testing.assert_allclose(got, expected, rtol=1e-12)
    np.testing.assert_allclose(np.round(got, 2), PUBLISHED_TWO_DECIMALS[retention])


def test_margin_multiple_vectorised_over_a_grid():
    r = np.array([[0.6], [0.7], [0.8], [0.9]])
    i = np.array([[0.10, 0.12, 0.14, 0.16]])
    got = crm.margin_multiple(r, i)
    assert got.shape == (4, 4)
    np.testing.assert_allclose(np.round(got, 2), list(PUBLISHED_TWO_DECIMALS.values()))


# The hotel loyalty exercise (course material, 练习案例 1): churn 20% -> 10%, profit 2000 a
# year, acquisition cost 800, programme 200 per customer per year, no discounting.
def test_hotel_one_over_churn_convention():
    # 2000 / 0.2 - 800 = 10000 - 800 = 9200; (2000 - 200) / 0.1 - 800 = 18000 - 800 = 17200
    before = crm.customer_lifetime_value(2000, 0.8, when="begin", acquisition_cost=800)
    after = crm.customer_lifetime_value(1800, 0.9, when="begin", acquisition_cost=800)
    assert before == pytest.approx(9200)
    assert after == pytest.approx(17200)


def test_hotel_gupta_lehmann_convention():
    # 2000 * 0.8 / (1 - 0.8) - 800 = 8000 - 800 = 7200; 1800 * 0.9 / 0.1 - 800 = 16200 - 800
    before = crm.customer_lifetime_value(2000, 0.8, acquisition_cost=800)
    after = crm.customer_lifetime_value(1800, 0.9, acquisition_cost=800)
    assert before == pytest.approx(7200)
    assert after == pytest.approx(15400)


def test_begin_convention_with_discounting():
    # m (1 + i) / (1 + i - r) = 100 * 1.1 / 0.3 = 366.67
    assert crm.customer_lifetime_value(100, 0.8, 0.1, when="begin") == pytest.approx(110 / 0.3)


def test_finite_horizon_three_periods_by_hand():
    # end: 100 * (0.5/1.1 + 0.25/1.21 + 0.125/1.331) = 45.4545 + 20.6612 + 9.3914 = 75.5071
    expected = 100 * (0.5 / 1.1 + 0.25 / 1.21 + 0.125 / 1.331)
    assert crm.customer_lifetime_value(100, 0.5, 0.1, horizon=3) == pytest.approx(expected)
    # begin: 100 * (1 + 0.5/1.1 + 0.25/1.21) = 100 + 45.4545 + 20.6612
    expected_begin = 100 * (1 + 0.5 / 1.1 + 0.25 / 1.21)
    got = crm.customer_lifetime_value(100, 0.5, 0.1, horizon=3, when="begin")
    assert got == pytest.approx(expected_begin)


def test_horizon_with_retention_one_and_no_discount_is_margin_times_horizon():
    assert crm.customer_lifetime_value(50, 1.0, 0.0, horizon=4) == pytest.approx(200)


def test_long_horizon_approaches_the_infinite_value():
    finite = crm.customer_lifetime_value(100, 0.8, 0.1, horizon=400)
    assert finite == pytest.approx(100 * 0.8 / 0.3)


def test_vectorised_series_keeps_index():
    margins = pd.Series([100.0, 200.0], index=["a", "b"], name="margin")
    got = crm.customer_lifetime_value(margins, 0.5)
    assert isinstance(got, pd.Series)
    assert list(got.index) == ["a", "b"]
    assert got.tolist() == pytest.approx([100.0, 200.0])  # m * 0.5 / 0.5


def test_vectorised_array_of_a_million():
    margins = np.full(1_000_000, 100.0)
    got = crm.customer_lifetime_value(margins, 0.8, 0.1)
    assert got.shape == (1_000_000,)
    assert got[0] == pytest.approx(100 * 0.8 / 0.3)


def test_negative_margin_allowed_for_loss_making_customer():
    assert crm.customer_lifetime_value(-100, 0.5) == pytest.approx(-100)


def test_schedule_matches_a_three_period_hand_calculation():
    # m = 1000, r = 0.8, i = 0.1, periods 1-3
    table = crm.clv_schedule(1000, 0.8, 0.1, periods=3)
    assert table["period"].tolist() == [1, 2, 3]
    assert table["survival_probability"].tolist() == pytest.approx([0.8, 0.64, 0.512])
    assert table["expected_margin"].tolist() == pytest.approx([800, 640, 512])
    assert table["discount_factor"].tolist() == pytest.approx([1 / 1.1, 1 / 1.21, 1 / 1.331])
    pv = [800 / 1.1, 640 / 1.21, 512 / 1.331]  # 727.27, 528.93, 384.67
    assert table["present_value"].tolist() == pytest.approx(pv)
    assert table["cumulative_present_value"].iloc[-1] == pytest.approx(sum(pv))
    assert sum(pv) == pytest.approx(crm.customer_lifetime_value(1000, 0.8, 0.1, horizon=3))


def test_schedule_begin_starts_at_period_zero():
    table = crm.clv_schedule(1000, 0.8, 0.0, periods=2, when="begin")
    assert table["period"].tolist() == [0, 1]
    assert table["present_value"].tolist() == pytest.approx([1000, 800])


def test_expected_lifetime_and_conversions():
    assert crm.expected_lifetime(0.8) == pytest.approx(5)   # 1 / 0.2
    assert crm.expected_lifetime(0.9) == pytest.approx(10)  # 1 / 0.1
    assert crm.retention_from_churn(0.2) == pytest.approx(0.8)
    assert crm.churn_from_retention(0.9) == pytest.approx(0.1)


def test_conventions_differ_by_exactly_one_margin_without_discounting():
    m, r = 2000, 0.8
    begin = crm.customer_lifetime_value(m, r, when="begin")
    end = crm.customer_lifetime_value(m, r, when="end")
    assert begin - end == pytest.approx(m)


def test_lever_effects_by_hand():
    table = crm.clv_lever_effects(100, 0.8, 0.1)
    # now 100*0.8/0.3 = 266.67; margin 110*0.8/0.3 = 293.33; retention 100*0.85/0.25 = 340;
    # discount 100*0.8/0.28 = 285.71
    assert table["clv"].tolist() == pytest.approx([800 / 3, 880 / 3, 340, 80 / 0.28])
    assert table["change_pct"].iloc[2] == pytest.approx(100 * (340 - 800 / 3) / (800 / 3))


def test_lever_effects_reports_infinite_value_explicitly():
    table = crm.clv_lever_effects(100, 0.99, 0.0)
    assert np.isinf(table["clv"].iloc[2])


def test_discount_rate_per_period():
    assert crm.units.discount_rate_per_period(0.21, 2) == pytest.approx(0.1)  # 1.1**2 = 1.21
    assert crm.units.WEEKS_PER_YEAR == pytest.approx(52.1786, abs=1e-4)
