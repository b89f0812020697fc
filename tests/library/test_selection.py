"""crmlib.selection: every function pinned to a hand-worked example (worked out in comments)."""

import numpy as np
import pandas as pd
import pytest

import crmlib as crm

# --------------------------------------------------------------------------- customer classes


def _people():
    # as_of 2024-12-31, lost after 365 days, target from fit score 0.6
    return pd.DataFrame({
        "last_purchase": pd.to_datetime(["2024-12-31", "2024-01-01", "2023-12-31", None, None,
                                         None, None]),
        "has_need": [True, False, True, False, True, True, True],
        "fit_score": [np.nan, np.nan, np.nan, 0.9, 0.6, 0.59, 0.0],
    }, index=list("ABCDEFG"))


def test_classify_customers_each_rule():
    classes = crm.classify_customers(_people(), as_of="2024-12-31")
    # A bought today -> current; B 365 days ago (2024 is a leap year: 2024-01-01 to
    # 2024-12-31 is 365 days) -> still current, even without need; C 366 days ago -> lost;
    # D never bought, no need -> non-customer (fit score ignored); E fit 0.6 = threshold ->
    # target; F 0.59 -> potential; G 0.0 -> potential
    assert classes.to_dict() == {"A": "current", "B": "current", "C": "lost",
                                 "D": "non-customer", "E": "target", "F": "potential",
                                 "G": "potential"}


def test_classify_customers_thresholds_are_parameters():
    classes = crm.classify_customers(_people(), as_of="2024-12-31", lost_after_days=364,
                                     target_score=0.5)
    assert classes["B"] == "lost"          # 365 > 364
    assert classes["F"] == "target"        # 0.59 >= 0.5


def test_classify_customers_default_as_of_is_latest_purchase():
    classes = crm.classify_customers(_people())
    assert classes["C"] == "lost"


def test_customer_class_table_matches_the_enum():
    table = crm.customer_class_table()
    assert tuple(table["customer_class"]) == tuple(crm.CustomerClass)
    assert table["chinese"].tolist() == ["非客户", "潜在客户", "目标客户", "现实客户", "流失客户"]
    assert [c.chinese for c in crm.CustomerClass] == table["chinese"].tolist()


# --------------------------------------------------------------------------- concentration


def test_top_share_hand_worked():
    values = [5, 50, 10, 30, 5]                # total 100; sorted 50, 30, 10, 5, 5
    assert crm.top_share(values, 0.2) == pytest.approx(0.50)   # one customer
    assert crm.top_share(values, 0.4) == pytest.approx(0.80)   # 50 + 30
    assert crm.top_share(values, 0.3) == pytest.approx(0.65)   # 50 + 0.5 * 30
    assert crm.top_share(values, 0.0) == 0.0
    assert crm.top_share(values, 1.0) == pytest.approx(1.0)
    np.testing.assert_allclose(crm.top_share(values, [0.2, 0.4]), [0.5, 0.8])


def test_top_share_above_one_with_loss_makers():
    # Profits 60, 30, 20, -10: total 100; the top three earn 110 = 110% of the total
    assert crm.top_share([60, 30, 20, -10], 0.75) == pytest.approx(1.10)


def test_securities_firm_20_percent_90_percent():
    # Course (项目二): 20% of a securities firm's customers bring 90% of profit.
    # Ten customers: two bring 45 each, eight bring 1.25 each: total 100, top 20% = 90.
    values = [45, 45] + [1.25] * 8
    assert crm.top_share(values, 0.2) == pytest.approx(0.90)


def test_concentration_curve_whale():
    curve = crm.concentration_curve([30, -10, 60, 20])
    # sorted 60, 30, 20, -10; cumulative 0, 60, 90, 110, 100 of total 100
    assert curve["customers"].tolist() == [0, 1, 2, 3, 4]
    np.testing.assert_allclose(curve["customer_share"], [0, 0.25, 0.5, 0.75, 1.0])
    np.testing.assert_allclose(curve["value_share"], [0, 0.6, 0.9, 1.1, 1.0])


def test_concentration_table_hand_worked():
    table = crm.concentration_table([5, 50, 10, 30, 5], fractions=[0.2, 0.4, 1.0])
    # top 1 customer: 50; top 2: 80 (average 40); all 5: 100 (average 20)
    np.testing.assert_allclose(table["customers"], [1, 2, 5])
    np.testing.assert_allclose(table["value"], [50, 80, 100])
    np.testing.assert_allclose(table["value_share"], [0.5, 0.8, 1.0])
    np.testing.assert_allclose(table["average_value"], [50, 40, 20])


def test_gini_hand_worked():
    # [0, 0, 0, 10]: sum |xi - xj| over ordered pairs = 2 * 3 * 10 = 60; 2 n^2 mean = 80
    assert crm.gini([0, 0, 0, 10]) == pytest.approx(0.75)
    assert crm.gini([5, 5, 5, 5]) == pytest.approx(0.0)
    # [1, 2, 3]: pairs |1-2|+|1-3|+|2-3| = 4, doubled 8; 2 * 9 * 2 = 36 -> 2/9
    assert crm.gini([3, 1, 2]) == pytest.approx(2 / 9)


def test_gini_can_exceed_one_with_negative_values():
    # [-10, 0, 20]: mean 10/3; ordered pairs sum = 2 * (10 + 30 + 20) = 120;
    # 2 n^2 mean = 2 * 9 * 10/3 = 60 -> G = 2
    assert crm.gini([-10, 0, 20]) == pytest.approx(2.0)


def test_abc_classes_hand_worked():
    # profitable total 100; share before each: 0, .5, .8, .9, .95 -> A A B B C; -20 -> D
    values = pd.Series([5, -20, 50, 10, 30, 5], index=list("uvwxyz"))
    classes = crm.abc_classes(values)
    assert classes.to_dict() == {"u": "B", "v": "D", "w": "A", "x": "B", "y": "A", "z": "C"}


def test_abc_classes_zero_is_c_and_shares_are_parameters():
    classes = crm.abc_classes([60, 40, 0], a_share=0.5, b_share=0.9)
    # shares before: 0 -> A; 0.6 -> not < 0.5, < 0.9 -> B; zero value -> C
    assert list(classes) == ["A", "B", "C"]


# --------------------------------------------------------------------------- scores and matrices


def test_weighted_score_hand_worked():
    # (0.6 * (5-1)/4 + 0.4 * (3-1)/4) / 1.0 = 0.6 + 0.2 = 0.8
    assert crm.weighted_score({"volume": 5, "growth": 3},
                              {"volume": 0.6, "growth": 0.4}) == pytest.approx(0.8)
    # weights need not sum to 1: (3 * 1 + 1 * 0) / 4 = 0.75
    assert crm.weighted_score({"a": 5, "b": 1}, {"a": 3, "b": 1}) == pytest.approx(0.75)
    # a 0-10 scale: 7 -> 0.7
    assert crm.weighted_score({"a": 7}, {"a": 1}, scale=(0, 10)) == pytest.approx(0.7)


def test_weighted_score_table_keeps_index_and_ignores_unweighted_columns():
    table = pd.DataFrame({"a": [1, 5], "b": [5, 5], "note": [0, 0]}, index=["x", "y"])
    scores = crm.weighted_score(table, {"a": 1, "b": 1})
    # x: (0 + 1) / 2 = 0.5; y: 1
    assert scores.to_dict() == {"x": 0.5, "y": 1.0}


@pytest.mark.parametrize("attractiveness, strength, quadrant", [
    (0.8, 0.9, "key"), (0.8, 0.2, "key development"), (0.2, 0.9, "maintenance"),
    (0.2, 0.2, "opportunistic"), (0.5, 0.5, "key"), (0.49, 0.5, "maintenance"),
])
def test_cheverton_quadrant_each_cell(attractiveness, strength, quadrant):
    assert crm.cheverton_quadrant(attractiveness, strength) == quadrant


def test_cheverton_quadrant_threshold_and_vectors():
    assert crm.cheverton_quadrant(0.6, 0.6, threshold=0.7) == "opportunistic"
    series = crm.cheverton_quadrant(pd.Series([0.9, 0.1], index=["p", "q"]), [0.9, 0.1])
    assert series.to_dict() == {"p": "key", "q": "opportunistic"}


def test_cheverton_quadrant_table_follows_the_mobile_operator_case():
    table = crm.cheverton_quadrant_table().set_index("quadrant")
    assert tuple(table.index) == tuple(crm.ChevertonQuadrant)
    assert [q.chinese for q in crm.ChevertonQuadrant] == table["chinese"].tolist()
    assert "资源服务优先配置" in table.loc["key", "mobile_operator"]
    assert "方法得当最有价值" in table.loc["key development", "mobile_operator"]
    assert "降低成本利润最大" in table.loc["maintenance", "mobile_operator"]
    assert "不做无法兑现承诺" in table.loc["opportunistic", "mobile_operator"]


def test_cheverton_matrix_hand_worked():
    accounts = pd.DataFrame({"volume": [5, 2], "growth": [4, 1], "relationship": [2, 5]},
                            index=["North", "South"])
    table = crm.cheverton_matrix(accounts, {"volume": 1, "growth": 1}, {"relationship": 1})
    # North: attractiveness (1 + 0.75) / 2 = 0.875, strength 0.25 -> key development
    # South: (0.25 + 0) / 2 = 0.125, strength 1.0 -> maintenance
    assert table.loc["North", "attractiveness"] == pytest.approx(0.875)
    assert table.loc["South", "relative_strength"] == pytest.approx(1.0)
    assert table["quadrant"].tolist() == ["key development", "maintenance"]
    assert "方法得当" in table.loc["North", "strategy"]


def test_key_accounts_spread_over_all_quadrants():
    criteria = crm.datasets.KEY_ACCOUNT_CRITERIA
    table = crm.cheverton_matrix(crm.datasets.key_accounts(), criteria["attractiveness"],
                                 criteria["relative_strength"])
    # Harbour Logistics: attractiveness .3*1 + .25*.75 + .2*.75 + .15*.75 + .1*.5 = 0.8
    assert table.loc["Harbour Logistics", "attractiveness"] == pytest.approx(0.8)
    assert table["quadrant"].value_counts().to_dict() == {q: 3 for q in crm.ChevertonQuadrant}


@pytest.mark.parametrize("current, potential, tier", [
    (2000, 900, "high-end"), (-50, 900, "potential"), (1200, 300, "basic"), (10, 10, "tail"),
    (1000, 500, "high-end"),
])
def test_value_matrix_quadrant_each_cell(current, potential, tier):
    assert crm.value_matrix_quadrant(current, potential, current_threshold=1000,
                                     potential_threshold=500) == tier


def test_value_matrix_default_thresholds_are_medians():
    table = pd.DataFrame({"current_value": [100, -20, 40, 10],
                          "potential_value": [50, 80, 5, 1]})
    # medians: current (10 + 40) / 2 = 25; potential (5 + 50) / 2 = 27.5
    result = crm.value_matrix(table)
    assert result["tier"].tolist() == ["high-end", "potential", "basic", "tail"]
    assert "退出" in result.loc[3, "strategy"]
    fixed = crm.value_matrix(table, current_threshold=0, potential_threshold=0)
    assert fixed["tier"].tolist() == ["high-end", "potential", "high-end", "high-end"]


def test_value_tier_table():
    table = crm.value_tier_table()
    assert tuple(table["tier"]) == tuple(crm.ValueTier)
    assert [t.chinese for t in crm.ValueTier] == ["高端客户", "潜力客户", "基本客户", "末端客户"]


def test_allocate_budget_hand_worked():
    # ratios 3, 2, 1.5, 0.5; budget 100: fund #1 (50 left), #2 costs 60: skip, #3 (10 left),
    # #4 loses money
    chosen = crm.allocate_budget([50, 60, 40, 10], [150, 120, 60, 5], 100, method="greedy")
    assert chosen.tolist() == [True, False, True, False]
    # exactly enough for everything worth doing
    assert crm.allocate_budget([50, 60, 40], [150, 120, 60], 150).tolist() == [True] * 3
    assert crm.allocate_budget([50], [150], 0).tolist() == [False]


def test_allocate_budget_key_accounts():
    accounts = crm.datasets.key_accounts()
    chosen = crm.allocate_budget(accounts["development_cost"], accounts["expected_gain"], 150)
    # gain per unit: Harbour 3.25 (40), Jade 3.0 (35), Lotus 2.8 (30), Sunrise 2.6 (20),
    # Northgate 2.4 (50: 125 spent, does not fit), Pearl 1.92 (25: 150 spent)
    assert sorted(chosen[chosen].index) == sorted(["Harbour Logistics", "Jade River Hospital",
                                                   "Lotus Hotels", "Sunrise Schools Group",
                                                   "Pearl Retail Chain"])


def test_allocate_budget_exact_beats_greedy_when_money_is_left_over():
    # costs 40, 30, 50, 10, 15, 12; gains 130, 84, 120, 16, 12, 20; budget 100
    # gain per yuan: 3.25, 2.8, 2.4, 1.6, 0.8, 1.67
    # greedy: #1 (60 left), #2 (30 left), #3 no, #6 (18 left), #4 (8 left), #5 loses money
    #   net 90 + 54 + 8 + 6 = 158, 92 spent
    # best:   #1 + #3 + #4 = 100 spent, net 90 + 70 + 6 = 166
    cost, gain = [40, 30, 50, 10, 15, 12], [130, 84, 120, 16, 12, 20]
    greedy = crm.allocate_budget(cost, gain, 100, method="greedy")
    exact = crm.allocate_budget(cost, gain, 100)
    assert greedy.tolist() == [True, True, False, True, False, True]
    assert exact.tolist() == [True, False, True, True, False, False]


def test_allocate_budget_exact_ties_go_to_the_cheaper_plan():
    # budget 10: #1 alone nets 20 - 10 = 10 for cost 10; #2 + #3 net 5 + 5 = 10 for cost 8
    assert crm.allocate_budget([10, 4, 4], [20, 9, 9], 10).tolist() == [False, True, True]


def test_cheverton_on_the_line_despite_rounding():
    # weights 0.05, 0.6, 0.2, 0.15, 0.1 sum to 1.1; Northgate's ratings give exactly
    # (0.05 * 1 + 0.6 * 0.5 + 0.2 * 0.5 + 0.15 * 0.5 + 0.1 * 0.25) / 1.1 = 0.55 / 1.1 = 0.5,
    # which floating point puts just below 0.5
    weights = {"volume": 0.05, "growth": 0.6, "margin": 0.2, "partnership": 0.15,
               "cost_to_serve": 0.1}
    accounts = crm.datasets.key_accounts().loc[["Northgate Steel"]]
    table = crm.cheverton_matrix(accounts, weights, {"relationship": 1})
    assert table["attractiveness"].iloc[0] == pytest.approx(0.5)
    assert table["quadrant"].iloc[0] == "key development"


# --------------------------------------------------------------------------- both languages


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_chinese_names_are_the_courses():
    # docs/glossary.md; the quadrants as the course's figure names them (项目二, 小知识4:
    # 关键客户（最有价值）, 关键发展客户（重点开发）)
    assert [q.chinese for q in crm.ChevertonQuadrant] == [
        "关键客户（最有价值）", "关键发展客户（重点开发）", "维持客户", "机会主义客户"]
    assert crm.CustomerClass.LOST.chinese == "流失客户"
    assert crm.ValueTier.HIGH_END.chinese == "高端客户"


def test_reference_tables_are_in_english_by_default():
    classes = crm.customer_class_table().set_index("customer_class")
    assert classes.loc["lost", "meaning"] == "used to buy but no longer does, for whatever reason"
    cheverton = crm.cheverton_quadrant_table().set_index("quadrant")
    assert cheverton.loc["key", "mobile_operator"] == (
        "resources and service go to them first (资源服务优先配置)")
    assert cheverton.loc["maintenance", "resources"].startswith("maintain:")
    assert crm.value_tier_table().set_index("tier").loc["tail", "strategy"] == (
        "exit, or serve at the lowest cost (退出)")


def test_reference_tables_speak_chinese_in_chinese_mode(chinese):
    classes = crm.customer_class_table()
    assert classes["chinese"].tolist() == ["非客户", "潜在客户", "目标客户", "现实客户", "流失客户"]
    for column in ("meaning", "rule"):
        assert all(_is_chinese(value) for value in classes[column]), column
    # the rule keeps the parameter names a student types
    assert "lost_after_days" in classes.set_index("customer_class").loc["lost", "rule"]
    cheverton = crm.cheverton_quadrant_table().set_index("quadrant")
    # the mobile operator's rules in the course's own words (项目二, 案例 移动公司对四类客户的管理)
    assert cheverton["mobile_operator"].tolist() == [
        "资源服务优先配置", "方法得当最有价值", "降低成本利润最大", "不做无法兑现承诺"]
    assert all(_is_chinese(value) for value in cheverton["resources"])
    # the slides' advice per tier (003: 高端客户：专注（培养）, 潜力客户：投入, 基本客户：抓住,
    # 末端客户：退出)
    assert crm.value_tier_table()["strategy"].tolist() == ["专注（培养）", "投入", "抓住", "退出"]


def test_tables_built_from_the_reference_tables_follow_the_language(chinese):
    accounts = pd.DataFrame({"volume": [5, 2], "growth": [4, 1], "relationship": [2, 5]},
                            index=["North", "South"])
    table = crm.cheverton_matrix(accounts, {"volume": 1, "growth": 1}, {"relationship": 1})
    assert table["strategy"].tolist() == ["方法得当最有价值", "降低成本利润最大"]
    values = pd.DataFrame({"current_value": [100, -20, 40, 10], "potential_value": [50, 80, 5, 1]})
    summary = crm.value_tier_summary(crm.value_matrix(values))
    assert summary["strategy"].tolist() == ["专注（培养）", "投入", "抓住", "退出"]
    # the categories themselves stay the keys code compares with
    assert table["quadrant"].tolist() == ["key development", "maintenance"]
