"""crmlib.loyalty pinned to hand-worked and published numbers (lesson 06)."""

import math

import numpy as np
import pandas as pd
import pytest

import crmlib as crm

# --------------------------------------------------------------------------- satisfaction gap


def test_gap_is_perception_minus_expectation():
    # expected 6, experienced 4: 4 - 6 = -2 (disappointed); 7 against 5: +2 (delighted)
    assert crm.satisfaction_gap(4, 6) == -2.0
    assert crm.satisfaction_gap(7, 5) == 2.0
    assert crm.satisfaction_gap(5, 5) == 0.0
    np.testing.assert_array_equal(crm.satisfaction_gap([4, 6, 7], [6, 6, 5]), [-2, 0, 2])


def test_gap_keeps_the_labels_of_a_dataframe():
    perceived = pd.DataFrame({"room": [6, 5], "staff": [4, 7]}, index=["Wang", "Li"])
    expected = pd.DataFrame({"room": [5, 5], "staff": [6, 6]}, index=["Wang", "Li"])
    gap = crm.satisfaction_gap(perceived, expected, scale=(1, 7))
    # room 6-5=1, 5-5=0; staff 4-6=-2, 7-6=1
    pd.testing.assert_frame_equal(
        gap, pd.DataFrame({"room": [1.0, 0.0], "staff": [-2.0, 1.0]}, index=["Wang", "Li"]))
    # average gap per attribute: room (1 + 0)/2 = 0.5, staff (-2 + 1)/2 = -0.5
    assert gap.mean().tolist() == [0.5, -0.5]


def test_gap_of_series_and_one_expectation_per_attribute():
    perceived = pd.Series([3, 6], index=[10, 11], name="reliability")
    gap = crm.satisfaction_gap(perceived, pd.Series([5, 5], index=[10, 11]))
    assert gap.name == "reliability" and gap.tolist() == [-2.0, 1.0]
    frame = pd.DataFrame({"room": [6, 4], "staff": [5, 7]})
    # one expectation per attribute (room 5, staff 6) is broadcast down the rows
    gap = crm.satisfaction_gap(frame, [5, 6])
    assert gap.to_numpy().tolist() == [[1.0, -1.0], [-1.0, 1.0]]


# --------------------------------------------------------------------------- Net Promoter Score

TEN_GUESTS = [10, 9, 9, 10, 9, 8, 7, 7, 3, 6]


def test_nps_of_a_short_list_by_hand():
    # promoters (9-10): 10, 9, 9, 10, 9 = 5; passives (7-8): 8, 7, 7 = 3; detractors (0-6):
    # 3, 6 = 2. NPS = 100 * (5 - 2) / 10 = 30
    assert crm.net_promoter_score(TEN_GUESTS) == 30.0


def test_nps_category_boundaries():
    # Reichheld (2003): 0-6 detractors, 7-8 passives, 9-10 promoters
    groups = crm.nps_category(list(range(11)))
    assert groups.tolist() == ["detractor"] * 7 + ["passive"] * 2 + ["promoter"] * 2
    assert crm.nps_category(9) == "promoter"
    series = crm.nps_category(pd.Series([6, 7], index=["a", "b"]))
    assert series.to_dict() == {"a": "detractor", "b": "passive"}


def test_nps_extremes_and_passives():
    assert crm.net_promoter_score([9, 10, 10]) == 100.0
    assert crm.net_promoter_score([0, 6, 3]) == -100.0
    assert crm.net_promoter_score([7, 8, 7, 8]) == 0.0
    # one promoter, one passive, one detractor, one promoter: 100 * (2 - 1) / 4 = 25
    assert crm.net_promoter_score(pd.Series([9, 7, 2, 10])) == 25.0
    # whole numbers stored as floats are fine: 100 * (1 - 0) / 2 = 50
    assert crm.net_promoter_score(np.array([9.0, 8.0])) == 50.0


def test_nps_breakdown_with_its_standard_error():
    parts = crm.nps_breakdown(TEN_GUESTS)
    assert parts[["respondents", "detractors", "passives", "promoters"]].tolist() == [10, 2, 3, 5]
    assert parts[["detractor_share", "passive_share", "promoter_share"]].tolist() == pytest.approx(
        [0.2, 0.3, 0.5])
    # score +1/0/-1: mean 0.3, mean of squares 0.7, variance 0.7 - 0.09 = 0.61;
    # SE = 100 * sqrt(0.61 / 10) = 100 * 0.246982 = 24.6982
    assert parts["standard_error"] == pytest.approx(24.6982, abs=1e-4)
    assert parts["nps"] == 30.0


def test_nps_standard_error_is_zero_when_everyone_agrees():
    assert crm.nps_breakdown([10, 10, 10])["standard_error"] == 0.0


# --------------------------------------------------------------------------- importance-performance

# Five guests; overall satisfaction 1..5 (mean 3, deviations -2, -1, 0, 1, 2, sum of squares 10).
OVERALL = [1, 2, 3, 4, 5]
THREE = pd.DataFrame({
    # deviations -1, -2, 1, 0, 2 (sum of squares 10); cross products 2 + 2 + 0 + 0 + 4 = 8
    # importance 8 / sqrt(10 * 10) = 0.8; performance 15 / 5 = 3
    "room": [2, 1, 4, 3, 5],
    # mean 5, deviations -1, 0, 0, 1, 0 (squares 2); cross products 2 + 0 + 0 + 1 + 0 = 3
    # importance 3 / sqrt(10 * 2) = 0.670820; performance 25 / 5 = 5
    "staff": [4, 5, 5, 6, 5],
    # mean 2, deviations 1, -1, 0, 1, -1 (squares 4); cross products -2 + 1 + 0 + 1 - 2 = -2
    # importance -2 / sqrt(10 * 4) = -0.316228; performance 10 / 5 = 2
    "price": [3, 1, 2, 3, 1],
})


def test_importance_performance_of_three_attributes_by_hand():
    ipa = crm.importance_performance(THREE, OVERALL)
    assert list(ipa.index) == ["room", "staff", "price"]
    assert ipa.index.name == "attribute"
    np.testing.assert_allclose(ipa["importance"], [0.8, 3 / math.sqrt(20), -2 / math.sqrt(40)])
    np.testing.assert_allclose(ipa["importance"], [0.8, 0.670820, -0.316228], atol=1e-6)
    assert ipa["performance"].tolist() == [3.0, 5.0, 2.0]
    # lines: mean importance (0.8 + 0.670820 - 0.316228) / 3 = 0.384864;
    # mean performance (3 + 5 + 2) / 3 = 3.333
    # room: important (0.8) but below par (3) -> concentrate here
    # staff: important (0.67) and good (5)   -> keep up the good work
    # price: unimportant (-0.32) and poor (2) -> low priority
    assert ipa["quadrant"].tolist() == ["concentrate here", "keep up the good work",
                                        "low priority"]


def test_importance_performance_possible_overkill():
    # add "lobby" rated 7 7 7 7 6 (mean 6.8): deviations .2 .2 .2 .2 -.8, cross products
    # -.4 -.2 0 .2 -1.6 = -2.0, squares .04*4 + .64 = .8, importance -2 / sqrt(8) = -0.707107
    four = THREE.assign(lobby=[7, 7, 7, 7, 6])
    ipa = crm.importance_performance(four, pd.Series(OVERALL))
    assert ipa.loc["lobby", "importance"] == pytest.approx(-0.707107, abs=1e-6)
    # lines: importance (0.8 + 0.670820 - 0.316228 - 0.707107) / 4 = 0.111871;
    # performance (3 + 5 + 2 + 6.8) / 4 = 4.2. Lobby: low importance, high performance
    assert ipa["quadrant"].tolist() == ["concentrate here", "keep up the good work",
                                        "low priority", "possible overkill"]
    assert set(ipa["quadrant"]) == set(crm.IPA_QUADRANTS)


def test_importance_performance_on_the_line_counts_as_high():
    # two identical attributes: each is exactly at the mean importance and mean performance
    twins = pd.DataFrame({"a": [2, 1, 4, 3, 5], "b": [2, 1, 4, 3, 5]})
    ipa = crm.importance_performance(twins, OVERALL)
    assert ipa["quadrant"].tolist() == ["keep up the good work"] * 2


def test_importance_performance_uses_the_overall_series_labels():
    ratings = THREE.set_axis(list("vwxyz"))
    ipa = crm.importance_performance(ratings, pd.Series(OVERALL, index=list("vwxyz")))
    assert ipa.loc["room", "importance"] == pytest.approx(0.8)


# ---------------------------------------------------------------------- satisfaction vs loyalty


def test_retention_by_satisfaction_by_hand():
    satisfaction = [7, 7, 7, 7, 5, 5, 5, 2]
    returned = [True, True, True, False, True, False, False, False]
    table = crm.retention_by_satisfaction(satisfaction, returned)
    assert list(table.index) == [2, 5, 7]
    assert table["customers"].tolist() == [1, 3, 4]
    assert table["retained"].tolist() == [0, 1, 3]
    assert table["lost"].tolist() == [1, 2, 1]
    # 0/1, 1/3, 3/4; lost 4 in all: 1/4, 2/4, 1/4
    np.testing.assert_allclose(table["retention_rate"], [0.0, 1 / 3, 0.75])
    np.testing.assert_allclose(table["share_of_lost"], [0.25, 0.5, 0.25])


def test_retention_by_satisfaction_nobody_lost():
    table = crm.retention_by_satisfaction(pd.Series([6, 7]), pd.Series([1, 1]))
    assert table["retention_rate"].tolist() == [1.0, 1.0]
    assert table["share_of_lost"].isna().all()


# --------------------------------------------------------------------------- profit-path CLV

# Reichheld & Sasser (1990), "Zero defections", HBR 68(5): the credit-card customer costs 51 to
# win (year 0) and brings 30, 42, 44, 49, 55 in years 1-5. After year 5 the profit stays 55.
CARD = [30, 42, 44, 49, 55]


def test_credit_card_clv_at_10_percent_defection_end_of_year():
    # r = 0.9, i = 0.1: q = 0.9/1.1 = 0.818182; q^2 = 0.669421, q^3 = 0.547708,
    # q^4 = 0.448125, q^5 = 0.366648.
    # years 1-5: 30 q = 24.5455, 42 q^2 = 28.1157, 44 q^3 = 24.0992, 49 q^4 = 21.9581,
    #            55 q^5 = 20.1656                                     (sum 118.8841)
    # years 6+:  55 q^5 * q/(1-q) = 20.1656 * 0.9/0.2 = 20.1656 * 4.5 = 90.7453
    # total 209.6294; net of acquisition 209.6294 - 51 = 158.6294
    assert crm.clv_from_profit_path(CARD, 0.9, 0.1) == pytest.approx(209.6294, abs=1e-4)
    assert crm.clv_from_profit_path(CARD, 0.9, 0.1, acquisition_cost=51) == pytest.approx(
        158.6294, abs=1e-4)


def test_credit_card_clv_at_10_percent_defection_start_of_year():
    # when="begin": year t's profit at time t-1, weight q^(t-1)
    # 30 + 42 q + 44 q^2 + 49 q^3 + 55 q^4 = 30 + 34.3636 + 29.4545 + 26.8377 + 24.6469
    #   = 145.3028; years 6+: 55 q^5 / (1-q) = 20.1656 * 5.5 = 110.9110
    # total 256.2137 (= the end-of-year value / q = 209.6294 * 1.1/0.9); net 205.2137
    assert crm.clv_from_profit_path(CARD, 0.9, 0.1, when="begin") == pytest.approx(
        256.2137, abs=1e-4)
    assert crm.clv_from_profit_path(CARD, 0.9, 0.1, when="begin",
                                    acquisition_cost=51) == pytest.approx(205.2137, abs=1e-4)


def test_credit_card_clv_at_5_percent_defection_end_of_year():
    # r = 0.95, i = 0.1: q = 0.95/1.1 = 0.863636; q^2 = 0.745868, q^3 = 0.644159,
    # q^4 = 0.556319, q^5 = 0.480457
    # 30 q = 25.9091, 42 q^2 = 31.3264, 44 q^3 = 28.3430, 49 q^4 = 27.2596, 55 q^5 = 26.4251
    #   (sum 139.2633); years 6+: 26.4251 * 0.95/0.15 = 26.4251 * 6.3333 = 167.3592
    # total 306.6225; net 255.6225
    assert crm.clv_from_profit_path(CARD, 0.95, 0.1) == pytest.approx(306.6225, abs=1e-4)
    assert crm.clv_from_profit_path(CARD, 0.95, 0.1, acquisition_cost=51) == pytest.approx(
        255.6225, abs=1e-4)


def test_credit_card_clv_at_5_percent_defection_start_of_year():
    # 30 + 42 q + 44 q^2 + 49 q^3 + 55 q^4 = 30 + 36.2727 + 32.8182 + 31.5638 + 30.5975
    #   = 161.2522; years 6+: 55 q^5 / (1 - q) = 26.4251 / 0.136364 = 193.7844
    # total 355.0366; net 304.0366
    assert crm.clv_from_profit_path(CARD, 0.95, 0.1, when="begin") == pytest.approx(
        355.0366, abs=1e-4)
    assert crm.clv_from_profit_path(CARD, 0.95, 0.1, when="begin",
                                    acquisition_cost=51) == pytest.approx(304.0366, abs=1e-4)


def test_credit_card_at_both_retention_rates_at_once():
    got = crm.clv_from_profit_path(CARD, np.array([0.9, 0.95]), 0.1)
    np.testing.assert_allclose(got, [209.6294, 306.6225], atol=1e-4)


def test_short_path_without_discounting_by_hand():
    # r = 0.5, i = 0, path 10, 20: year 1 10 * 0.5 = 5, year 2 20 * 0.25 = 5,
    # years 3+ 20 * (0.125 + 0.0625 + ...) = 20 * 0.25 = 5: total 15
    assert crm.clv_from_profit_path([10, 20], 0.5) == pytest.approx(15.0)
    # begin: 10 + 20 * 0.5 + 20 * (0.25 + 0.125 + ...) = 10 + 10 + 10 = 30
    assert crm.clv_from_profit_path([10, 20], 0.5, when="begin") == pytest.approx(30.0)


@pytest.mark.parametrize("when", ["end", "begin"])
@pytest.mark.parametrize("margin, retention, discount, cost", [
    (2000, 0.8, 0.0, 800),      # the course's hotel
    (1800, 0.9, 0.0, 800),
    (55, 0.95, 0.1, 51),
    (-12.5, 0.6, 0.16, 0.0),    # a loss-making customer
    (100, 0.0, 0.05, 0.0),
    (100, 1.0, 0.1, 0.0),
])
def test_one_element_path_is_exactly_the_constant_margin_clv(margin, retention, discount, cost,
                                                            when):
    got = crm.clv_from_profit_path([margin], retention, discount, when=when,
                                   acquisition_cost=cost)
    assert got == crm.customer_lifetime_value(margin, retention, discount, when=when,
                                              acquisition_cost=cost)


def test_one_element_path_matches_for_arrays_and_series():
    r = pd.Series([0.6, 0.7, 0.8], index=["a", "b", "c"])
    got = crm.clv_from_profit_path([300], r, 0.12, when="begin", acquisition_cost=100)
    pd.testing.assert_series_equal(
        got, crm.customer_lifetime_value(300, r, 0.12, when="begin", acquisition_cost=100))


def test_constant_path_equals_the_constant_margin_clv():
    assert crm.clv_from_profit_path([70] * 6, 0.85, 0.1) == pytest.approx(
        crm.customer_lifetime_value(70, 0.85, 0.1), rel=1e-12)


def test_hotel_values_from_lesson_02():
    # 2000 * 0.8 / 0.2 - 800 = 7200 and 2000 / 0.2 - 800 = 9200
    assert crm.clv_from_profit_path([2000], 0.8, acquisition_cost=800) == pytest.approx(7200)
    assert crm.clv_from_profit_path([2000], 0.8, when="begin",
                                    acquisition_cost=800) == pytest.approx(9200)


def test_schedule_rows_add_up_to_the_clv():
    table = crm.profit_path_schedule(CARD, 0.9, 0.1, acquisition_cost=51)
    assert table["year"].tolist() == ["0", "1", "2", "3", "4", "5", "6+"]
    assert table["profit"].tolist() == [-51, 30, 42, 44, 49, 55, 55]
    # the hand calculation above: 24.5455, 28.1157, 24.0992, 21.9581, 20.1656, 90.7453
    np.testing.assert_allclose(table["present_value"],
                               [-51, 24.5455, 28.1157, 24.0992, 21.9581, 20.1656, 90.7453],
                               atol=1e-4)
    assert table["cumulative_present_value"].iloc[-1] == pytest.approx(158.6294, abs=1e-4)
    assert table["time"].tolist()[:6] == [0, 1, 2, 3, 4, 5] and np.isnan(table["time"].iloc[-1])


def test_schedule_begin_timing():
    table = crm.profit_path_schedule([10, 20], 0.5, when="begin")
    # profits at times 0 and 1: 10 * 1, 20 * 0.5; years 3+: 20 * (0.25 + 0.125 + ...) = 10
    assert table["time"].tolist()[:2] == [0.0, 1.0]
    assert table["present_value"].tolist() == [10.0, 10.0, 10.0]
    assert table["year"].tolist() == ["1", "2", "3+"]


def test_clv_gain_from_retention_flat_and_growing():
    table = crm.clv_gain_from_retention(CARD, 0.9, 0.05)
    assert list(table.index) == ["flat profit", "profit grows with tenure"]
    # flat 30: 30 * 0.9 / 0.1 = 270 -> 30 * 0.95 / 0.05 = 570; +300 = +111.11%
    assert table["retention_before"].tolist() == [0.9, 0.9]
    assert table["retention_after"].tolist() == pytest.approx([0.95, 0.95])
    np.testing.assert_allclose(table.loc["flat profit", ["clv_before", "clv_after", "gain",
                                                         "change_pct"]],
                               [270, 570, 300, 100 * 300 / 270])
    # growing, i = 0, r = 0.9: 30*.9 + 42*.81 + 44*.729 + 49*.6561 + 55*.59049
    #   = 27 + 34.02 + 32.076 + 32.1489 + 32.47695 = 157.72185; years 6+: 32.47695 * 9
    #   = 292.29255; total 450.0144
    # r = 0.95: 28.5 + 37.905 + 37.7245 + 39.91080625 + 42.5442... (55 * .7737809375
    #   = 42.55795156); sum 186.59825781; years 6+: 42.55795156 * 19 = 808.60107969;
    #   total 995.1993375
    row = table.loc["profit grows with tenure"]
    assert row["clv_before"] == pytest.approx(450.0144, abs=1e-4)
    assert row["clv_after"] == pytest.approx(995.1993, abs=1e-4)
    assert row["gain"] == pytest.approx(545.1849, abs=1e-4)
    assert row["change_pct"] == pytest.approx(100 * 545.1849 / 450.0144, abs=1e-3)


def test_clv_gain_tenure_growth_scales_the_path():
    flat = crm.clv_gain_from_retention(CARD, 0.8, tenure_growth=0.0)
    assert flat.loc["profit grows with tenure"].tolist() == flat.loc["flat profit"].tolist()
    # twice the growth: 30, 54, 58, 68, 80
    double = crm.clv_gain_from_retention(CARD, 0.8, 0.05, 0.1, tenure_growth=2.0)
    direct = crm.clv_from_profit_path([30, 54, 58, 68, 80], 0.85, 0.1)
    assert double.loc["profit grows with tenure", "clv_after"] == pytest.approx(direct)


def test_steady_state_reading_of_the_begin_convention():
    # A firm winning one card customer a year holds r^(t-1) customers in their t-th year.
    # At r = 0.9 its yearly profit is 30 + 42*.9 + 44*.81 + 49*.729 + 55*(.6561 + .59049 + ...)
    #   = 30 + 37.8 + 35.64 + 35.721 + 55 * 6.561 = 139.161 + 360.855 = 500.016, less 51 for
    # the new customer: 449.016
    assert crm.clv_from_profit_path(CARD, 0.9, when="begin", acquisition_cost=51) == \
        pytest.approx(449.016, abs=1e-9)


# --------------------------------------------------------------------------- complaints


def test_complaint_funnel_by_hand():
    funnel = crm.complaint_funnel(10_000, 0.10, 0.40, 0.75, retention_unrecovered=0.20,
                                  retention_silent=0.30, people_told=9,
                                  value_per_customer=7200, acquisition_cost=800)
    # dissatisfied 10,000 * 0.1 = 1000; complain 400 (recovered 300, not 100); silent 600
    assert funnel["customers"].tolist() == pytest.approx([300, 100, 600, 1000])
    # kept 300 * .7 = 210, 100 * .2 = 20, 600 * .3 = 180: 410 of 1000
    assert funnel["kept"].tolist() == pytest.approx([210, 20, 180, 410])
    assert funnel["lost"].tolist() == pytest.approx([90, 80, 420, 590])
    assert funnel["retention_rate"].tolist() == pytest.approx([0.7, 0.2, 0.3, 0.41])
    # told: the still-unhappy (100 + 600) * 9 = 6300
    assert funnel["told"].tolist() == pytest.approx([0, 900, 5400, 6300])
    # 590 lost * 7200 = 4,248,000; replacing them 590 * 800 = 472,000
    assert funnel.loc["all dissatisfied", "value_lost"] == pytest.approx(4_248_000)
    assert funnel.loc["all dissatisfied", "replacement_cost"] == pytest.approx(472_000)


def test_complaint_funnel_uses_the_course_70_percent_by_default():
    funnel = crm.complaint_funnel(100, 1.0, 1.0, 1.0, retention_unrecovered=0.0,
                                  retention_silent=0.0)
    # everyone complains and is recovered: 70 of 100 stay; nobody is left unhappy
    assert funnel.loc["all dissatisfied", "kept"] == pytest.approx(70)
    assert funnel.loc["all dissatisfied", "told"] == 0


def test_complaint_funnel_without_dissatisfied_customers():
    funnel = crm.complaint_funnel(500, 0.0, 0.5, 0.5, retention_unrecovered=0.2,
                                  retention_silent=0.3)
    assert funnel.loc["all dissatisfied", ["customers", "kept", "lost", "told"]].tolist() == \
        [0, 0, 0, 0]
    assert np.isnan(funnel.loc["all dissatisfied", "retention_rate"])


def test_complaint_rates_by_hand():
    outcomes = (["no problem"] * 6 + ["did not complain"] * 2
                + ["complained, recovered"] * 3 + ["complained, not recovered"])
    returned = [1, 1, 1, 1, 1, 0] + [1, 0] + [1, 1, 0] + [0]
    rates = crm.complaint_rates(pd.Series(outcomes), pd.Series(returned, dtype=bool))
    # 6 of 12 had a problem; 4 of those 6 complained; 3 of the 4 were put right;
    # recovered 2 of 3 came back, unrecovered 0 of 1, silent 1 of 2
    assert rates.to_dict() == pytest.approx({
        "dissatisfaction_rate": 0.5, "complaint_rate": 4 / 6, "recovery_rate": 0.75,
        "retention_recovered": 2 / 3, "retention_unrecovered": 0.0, "retention_silent": 0.5})
    funnel = crm.complaint_funnel(12, **rates)
    # the funnel on those rates gives back the counts: 3 recovered, 1 not, 2 silent; 3 kept
    assert funnel["customers"].tolist() == pytest.approx([3, 1, 2, 6])
    assert funnel.loc["all dissatisfied", "kept"] == pytest.approx(3)


def test_survey_labels_are_the_funnel_vocabulary():
    assert crm.datasets.COMPLAINT_OUTCOMES == crm.COMPLAINT_OUTCOMES
    funnel = crm.complaint_funnel(1, 0.5, 0.5, 0.5, retention_unrecovered=0,
                                  retention_silent=0)
    assert list(funnel.index[:3]) == [
        "complained, recovered", "complained, not recovered", "did not complain"]
    assert set(funnel.index[:3]) == set(crm.COMPLAINT_OUTCOMES[1:])


def test_compound_growth_12_against_1_percent():
    # 1.12^2 = 1.2544, ^4 = 1.57351936, ^8 = 2.47596318, ^10 = 2.47596318 * 1.2544 = 3.10585
    assert crm.compound_growth(0.12, 10) == pytest.approx(3.10585, abs=1e-5)
    # 1.01^10 = 1.10462
    assert crm.compound_growth(0.01, 10) == pytest.approx(1.10462, abs=1e-5)
    np.testing.assert_allclose(crm.compound_growth(np.array([0.12, 0.01]), 2, start=100),
                               [125.44, 102.01])
    assert crm.compound_growth(-0.02, 1, start=50) == pytest.approx(49.0)


def test_defection_reasons_add_up():
    # Meta Group, as quoted in the course's ERP unit: 68% service, 15% price, 12% quality
    assert crm.DEFECTION_REASONS["poor service"] == 0.68
    assert sum(crm.DEFECTION_REASONS.values()) == pytest.approx(1.0)
