"""Headless tests of the lesson 08 explorers: move every control, read the result."""

import re

import pandas as pd
import pytest

from crmlib import widgets


def _text(result_html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", result_html))


# --------------------------------------------------------------------------- campaign


def test_campaign_explorer_starts_at_the_hand_worked_example():
    ex = widgets.campaign_explorer()
    text = _text(ex.result.value)
    # 3.2% of 10,000 vs 2.0% of 2,000: uplift 1.2 points, interval 0.50 to 1.90 (0.012 -/+
    # 1.96 * 0.0035913); 120 incremental sales * 150 - 20,000 = -2,000
    assert "uplift +1.20 points" in text and "+0.50 to +1.90" in text
    assert "distinguishable from noise" in text and "not distinguishable" not in text
    assert "incremental profit -2,000" in text and "ROI -10%" in text


def test_campaign_explorer_small_groups_are_noise():
    ex = widgets.campaign_explorer()
    ex.controls["treated_size"].value = 1_000
    ex.controls["control_size"].value = 200
    # 32 vs 4 responses: se = sqrt(.032*.968/1000 + .02*.98/200) = 0.011357;
    # 1.2 -/+ 1.96 * 1.1357 = -1.03 to +3.43
    text = _text(ex.result.value)
    assert "-1.03 to +3.43" in text and "not distinguishable from noise" in text


def test_campaign_explorer_rates():
    ex = widgets.campaign_explorer()
    ex.controls["treated_rate"].value = 0.05      # 500 of 10,000
    ex.controls["control_rate"].value = 0.05      # 100 of 2,000
    text = _text(ex.result.value)
    assert "uplift +0.00 points" in text and "not distinguishable" in text
    assert "cost per incremental response –" in text     # nothing to divide by


def test_campaign_explorer_money():
    ex = widgets.campaign_explorer()
    ex.controls["cost_per_contact"].value = 1.0   # cost 10,000
    ex.controls["margin_per_response"].value = 200.0
    # 120 * 200 - 10,000 = 14,000; ROI 140%
    text = _text(ex.result.value)
    assert "incremental profit 14,000" in text and "ROI +140%" in text
    ex.controls["cost_per_contact"].value = 0.0
    assert "ROI –" in _text(ex.result.value)


def test_campaign_explorer_every_control_changes_the_result():
    ex = widgets.campaign_explorer()
    new_values = {"treated_size": 20_000, "treated_rate": 0.04, "control_size": 5_000,
                  "control_rate": 0.01, "cost_per_contact": 3.0, "margin_per_response": 90.0}
    assert set(new_values) == set(ex.controls)
    for name, value in new_values.items():
        before = ex.result.value
        ex.controls[name].value = value
        assert ex.result.value != before, name


# --------------------------------------------------------------------------- vendors


def test_vendor_explorer_starts_with_globe_suite_and_the_nearest_switch():
    ex = widgets.vendor_weights_explorer()
    text = _text(ex.result.value)
    # Globe 0.7875 vs Jiangnan 0.7375; implementation 0.20 -> 0.30 hands it to Jiangnan
    assert "Winner: Globe Suite" in text
    assert "implementation by 0.10" in text
    assert "0.30 → Jiangnan Soft" in text and "0.10 → Jiangnan Soft" in text


def test_vendor_explorer_raising_implementation_changes_the_winner():
    ex = widgets.vendor_weights_explorer()
    ex.controls["implementation"].value = 0.35
    # Jiangnan: (.225 + .075 + .1125 + .35 + .0125 + .1125) / 1.15 = .8875/1.15 = .7717
    # Globe:    (.30 + .1125 + .1125 + .175 + .05 + .1125) / 1.15 = .8625/1.15 = .7500
    text = _text(ex.result.value)
    assert "Winner: Jiangnan Soft" in text
    assert "0.772" in text and "0.750" in text


def test_vendor_explorer_every_control_changes_the_result():
    ex = widgets.vendor_weights_explorer()
    for name, control in ex.controls.items():
        before = ex.result.value
        control.value = 0.9 if control.value < 0.5 else 0.05
        assert ex.result.value != before, name


def test_vendor_explorer_all_weights_zero_shows_the_error():
    ex = widgets.vendor_weights_explorer()
    for control in ex.controls.values():
        control.value = 0.0
    assert "⚠️" in ex.result.value and "weights are all 0" in ex.result.value


def test_vendor_explorer_custom_table():
    ratings = pd.DataFrame({"functionality": [5, 2, 4], "implementation": [1, 5, 4]},
                           index=["Alpha", "Beta", "Gamma"])
    ex = widgets.vendor_weights_explorer(ratings, {"functionality": 0.6, "implementation": 0.4})
    text = _text(ex.result.value)
    assert "Winner: Gamma" in text and "0.20 → Beta" in text and "1.20 → Alpha" in text
    assert list(ex.controls) == ["functionality", "implementation"]


@pytest.mark.parametrize("factory", [widgets.campaign_explorer,
                                     widgets.vendor_weights_explorer])
def test_practice_explorers_expose_controls_and_result(factory):
    ex = factory()
    assert ex.controls and ex.result.value and callable(ex.update)


# --------------------------------------------------------------------------- language


def test_explorers_speak_chinese(chinese):
    ex = widgets.campaign_explorer()
    assert "活动的增量效果是真的吗" in ex.children[0].value
    assert ex.controls["control_size"].description == "对照组客户数"
    assert "可以与随机波动区分" in ex.result.value
    ex.controls["control_size"].value = 200
    assert "无法与随机波动区分" in ex.result.value
    vendors = widgets.vendor_weights_explorer()
    assert vendors.controls["implementation"].description == "实施能力"
    assert "胜出者" in vendors.result.value and "<b>实施能力</b>" in vendors.result.value


def test_the_vendor_explorer_joins_its_sentences_as_each_language_does(chinese):
    # Chinese puts no space after a full stop; English does
    from crmlib import i18n

    chinese_head = widgets.vendor_weights_explorer().result.value
    assert "胜出者：<b>Globe Suite</b>。改变胜出者" in chinese_head
    i18n.set_language("en")
    assert "<b>Globe Suite</b>. The smallest move" in (
        widgets.vendor_weights_explorer().result.value)
