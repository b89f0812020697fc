"""Lifecycle explorers work headless: every control changes the result as computed by hand."""

import pytest

pytest.importorskip("ipywidgets")

from crmlib import widgets  # noqa: E402


def test_lifecycle_profit_explorer_every_control():
    ex = widgets.lifecycle_profit_explorer(discount_rate=0.0)
    # -100 | 150, 300 | 300 x 4 | 150, 0 -> 1,700; four stable periods: long-term
    assert "1,700" in ex.result.value and "long-term" in ex.result.value
    ex.controls["stability_periods"].value = 2        # -100 + 450 + 600 + 150 = 1,100
    assert "1,100" in ex.result.value and "premature exit" in ex.result.value
    ex.controls["stability_periods"].value = 0        # -100 + 450 + 150 = 500
    assert "mid-way termination" in ex.result.value and ">500<" in ex.result.value
    ex.controls["formation_periods"].value = 0
    ex.controls["decline_periods"].value = 0          # exploration only: -100
    assert "early abort" in ex.result.value and "-100" in ex.result.value
    ex.controls["exploration_periods"].value = 3      # three periods of investment: -300
    assert "-300" in ex.result.value
    ex.controls["exploration_profit"].value = -50     # -150
    assert "-150" in ex.result.value
    ex.controls["formation_periods"].value = 1
    ex.controls["peak_profit"].value = 400            # -150 + 400 = 250
    assert ">250<" in ex.result.value
    ex.controls["discount_rate"].value = 0.1          # -50 - 50/1.1 - 50/1.21 + 400/1.331
    expected = -50 - 50 / 1.1 - 50 / 1.21 + 400 / 1.331
    assert f"{expected:,.0f}" in ex.result.value


def test_lifecycle_profit_explorer_reports_impossible_settings():
    ex = widgets.lifecycle_profit_explorer()
    ex.controls["formation_periods"].value = 0        # stability without formation
    assert "⚠️" in ex.result.value and "formation_periods" in ex.result.value


def test_sbg_explorer_every_control():
    ex = widgets.sbg_explorer()
    # fitted on the high-end years 0-7: alpha 0.668, beta 3.806, LL -1,611.2, year 12 ~ 378
    assert "α = 0.668" in ex.result.value and "-1,611.2" in ex.result.value
    assert ">378<" in ex.result.value
    # alpha = beta = 1: retention in year 1 is beta/(alpha+beta) = 0.5
    assert "0.500 →" in ex.result.value
    ex.controls["beta"].value = 3.0                   # 3 / 4 = 0.75
    assert "0.750 →" in ex.result.value
    ex.controls["alpha"].value = 0.5                  # 3 / 3.5 = 0.857
    assert "0.857 →" in ex.result.value
    ex.controls["segment"].value = "regular"          # Fader & Hardie: 0.704, 1.182
    assert "α = 0.704" in ex.result.value and "actual 173" in ex.result.value
    ex.controls["calibration_periods"].value = 12
    assert "years 0–12" in ex.result.value
    assert "α = 0.704" not in ex.result.value         # a different fit on more years


def test_sbg_explorer_your_guess_never_beats_the_maximum():
    ex = widgets.sbg_explorer(alpha=0.668, beta=3.806)
    rows = ex.result.value.split("<tr>")[2:]
    ll = [float(r.split("text-align:right'>")[1].split("<")[0].replace(",", "")) for r in rows]
    assert ll[0] <= ll[1] + 0.05


# --------------------------------------------------------------------------- language


def test_lifecycle_profit_explorer_speaks_chinese(chinese):
    ex = widgets.lifecycle_profit_explorer(discount_rate=0.0)
    assert "客户关系各阶段的利润" in ex.children[0].value
    assert [c.description for c in ex.controls.values()] == [
        "考察期（期数）", "形成期（期数）", "稳定期（期数）", "退化期（期数）", "考察期每期利润",
        "稳定期每期利润", "贴现率 i"]
    # the same hand calculation as in English: -100 + 450 + 1,200 + 150 = 1,700, long-term
    assert "1,700" in ex.result.value and "长久保持型" in ex.result.value
    assert "<th>阶段</th>" in ex.result.value and "稳定期" in ex.result.value
    ex.controls["stability_periods"].value = 2
    assert "提前退出型" in ex.result.value and "1,100" in ex.result.value


def test_sbg_explorer_speaks_chinese(chinese):
    ex = widgets.sbg_explorer()
    assert "手动拟合" in ex.children[0].value
    assert ex.controls["segment"].options == (("普通客户", "regular"), ("高端客户", "high_end"))
    assert "用第 0–7 年拟合（α = 0.668，β = 3.806）" in ex.result.value
    assert "第 12 年存活人数（实际 394）" in ex.result.value
    assert "平均流失概率" in ex.result.value
