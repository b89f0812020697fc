"""Headless tests of the service explorers: move every control, read the result."""

import re

import pytest

import crmlib as crm
from crmlib import widgets


def _value(result_html, row):
    """The bold value in the table row that starts with ``row``."""
    match = re.search(rf"<td>{re.escape(row)}</td><td[^>]*><b>([^<]+)</b>", result_html)
    assert match, f"no row {row!r}"
    return match.group(1)


def test_queue_explorer_starting_values_hand_calculation():
    # 40 an hour = 2/3 a minute, 6 minutes each (1/6 a minute), 5 staff: a = 4, ρ = 0.8
    #   Σ_{k<5} 4^k/k! = 1 + 4 + 8 + 32/3 + 32/3 = 103/3; 4^5/5!/(1 - 0.8) = 128/3
    #   C = (128/3) / (103/3 + 128/3) = 128/231 = 55.4%
    #   Wq = C / (5/6 - 2/3) = 6 C = 3.3 min; those who wait: 1/(1/6) = 6.0 min
    #   within 15 min: 1 - C e^(-15/6) = 1 - 0.5541 × 0.0821 = 95.5%
    ex = widgets.queue_explorer()
    result = ex.result.value
    assert _value(result, "staff busy (utilisation)") == "80%"
    assert _value(result, "customers who wait at all") == "55.4%"
    assert _value(result, "mean wait, all customers") == "3.3 min"
    assert _value(result, "mean wait of those who wait") == "6.0 min"
    assert _value(result, "served within 15 min") == "95.5%"
    assert "<b>meets</b>" in result and "fewest staff that meet it: <b>5</b>" in result
    assert "<svg" in result


def test_queue_explorer_staff():
    # 6 staff, a = 4: Σ_{k<6} = 103/3 + 128/15 = 643/15; 4^6/6!/(1 - 2/3) = 256/15
    #   C = 256 / (643 + 256) = 28.5%; utilisation 4/6 = 67%
    ex = widgets.queue_explorer()
    ex.controls["staff"].value = 6
    assert _value(ex.result.value, "customers who wait at all") == "28.5%"
    assert _value(ex.result.value, "staff busy (utilisation)") == "67%"
    ex.controls["staff"].value = 4                 # a = 4 = c: no steady state
    assert "⚠️" in ex.result.value and "grows without bound" in ex.result.value
    assert "fewest staff for 95% within 15 min: <b>5</b>" in ex.result.value


def test_queue_explorer_arrivals_and_service_time():
    ex = widgets.queue_explorer()
    ex.controls["arrivals_per_hour"].value = 30    # a = 3 with 5 staff: utilisation 60%
    assert _value(ex.result.value, "staff busy (utilisation)") == "60%"
    ex.controls["service_minutes"].value = 10.0    # a = 5 = c: unstable
    assert "grows without bound" in ex.result.value
    ex.controls["service_minutes"].value = 2.0     # a = 1, one server would do: 20% busy
    assert _value(ex.result.value, "staff busy (utilisation)") == "20%"


def test_queue_explorer_limit_and_target():
    ex = widgets.queue_explorer()
    ex.controls["max_wait"].value = 5
    # within 5 min: 1 - (128/231) e^(-5/6) = 75.9% (the explorer's own crmlib call aside)
    assert _value(ex.result.value, "served within 5 min") == "75.9%"
    assert "<b>misses</b>" in ex.result.value
    needed = crm.servers_needed(40 / 60, 1 / 6, max_wait=5, target=0.95)
    assert f"fewest staff that meet it: <b>{needed}</b>" in ex.result.value and needed > 5
    ex.controls["target"].value = 0.70
    assert "<b>meets</b> the target of 70%" in ex.result.value


def test_recovery_explorer_every_control():
    # hand calculation (test_service.py): 400 kept × 8,000 - 500,000 = 2,700,000
    ex = widgets.recovery_explorer()
    assert _value(ex.result.value, "net value") == "2,700,000"
    ex.controls["complaints"].value = 2000          # 800 × 8,000 - 1,000,000
    assert _value(ex.result.value, "net value") == "5,400,000"
    ex.controls["stay_without_recovery"].value = 0.5   # 400 kept: 3,200,000 - 1,000,000
    assert _value(ex.result.value, "customers kept") == "400"
    assert _value(ex.result.value, "net value") == "2,200,000"
    ex.controls["stay_with_recovery"].value = 0.4      # below "without": swapped?
    assert "⚠️" in ex.result.value and "swap" in ex.result.value
    ex.controls["stay_with_recovery"].value = 0.9      # 800 kept: 6,400,000 - 1,000,000
    assert _value(ex.result.value, "net value") == "5,400,000"
    ex.controls["cost_per_complaint"].value = 4000     # 6,400,000 - 8,000,000
    assert _value(ex.result.value, "net value") == "-1,600,000"
    assert "does not pay" in ex.result.value
    ex.controls["margin"].value = 4000                 # CLV 16,000: 12,800,000 - 8,000,000
    assert _value(ex.result.value, "value of a kept customer (CLV)") == "16,000"
    assert _value(ex.result.value, "net value") == "4,800,000"
    ex.controls["retention_rate"].value = 0.5          # CLV 4,000: 3,200,000 - 8,000,000
    assert _value(ex.result.value, "net value") == "-4,800,000"
    assert _value(ex.result.value, "most a recovery may cost") == "1,600"


@pytest.mark.parametrize("factory", [widgets.queue_explorer, widgets.recovery_explorer])
def test_service_explorers_expose_controls_and_result(factory):
    ex = factory()
    assert ex.controls and ex.result.value and callable(ex.update)
    for control in ex.controls.values():          # every control changes the result
        before = ex.result.value
        control.value = control.max if control.value != control.max else control.min
        assert ex.result.value != before


# --------------------------------------------------------------------------- language


def test_explorers_speak_chinese(chinese):
    ex = widgets.queue_explorer()
    assert "客户要等多久" in ex.children[0].value
    assert [c.description for c in ex.controls.values()] == [
        "每小时到达人数", "服务时间（分钟）", "服务人员数", "等待时限（分钟）",
        "时限内服务的目标比例"]
    # the hand calculation of the starting values, in Chinese
    assert _value(ex.result.value, "需要等待的客户（等待概率）") == "55.4%"
    assert _value(ex.result.value, "平均等待时间（全体客户）") == "3.3 分钟"
    assert "<b>达到</b>" in ex.result.value
    ex.controls["staff"].value = 4                         # a = 4 = c: no steady state
    assert "队伍会无限增长" in ex.result.value and "利用率 1.00" in ex.result.value
    recovery = widgets.recovery_explorer()
    assert recovery.controls["complaints"].description == "每年投诉数"
    assert _value(recovery.result.value, "净价值") == "2,700,000"
    assert "补救投诉是划算的" in recovery.result.value
    recovery.controls["stay_with_recovery"].value = 0.2
    assert "弄反" in recovery.result.value


def test_servqual_statements_follow_the_language(chinese):
    items = crm.servqual_item_table()
    assert items.loc["q11", "statement"] == "为客户提供及时的服务"
    assert items.loc["q11", "chinese"] == "响应性"
