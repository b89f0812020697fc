"""Headless tests of the loyalty explorers: move every control, read the result."""

import re

import pytest

from crmlib import widgets


def _text(result_html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", result_html))


def _row(result_html, name):
    match = re.search(rf"<tr><td>{re.escape(name)}</td>(.*?)</tr>", result_html)
    return _text(match.group(1)).split()


def test_complaint_funnel_explorer_every_control():
    ex = widgets.complaint_funnel_explorer(1000, 0.10, 0.40, 0.75, retention_recovered=0.7,
                                           retention_unrecovered=0.2, retention_silent=0.3,
                                           people_told=9, value_per_customer=8000,
                                           acquisition_cost=800)
    # 100 dissatisfied: 30 recovered (21 kept), 10 not (2 kept), 60 silent (18 kept): 41;
    # told (10 + 60) * 9 = 630; lost 59 * 8000 = 472,000; replacing 59 * 800 = 47,200
    text = _text(ex.result.value)
    assert "Of 100 dissatisfied customers the firm keeps 41 and loses 59" in text
    assert "630 people hear" in text and "472,000" in text and "47,200" in text
    steps = [
        # (control, value, kept, told): worked by hand from the funnel's formulas
        ("dissatisfaction_rate", 0.20, 82, 1260),    # everything doubles
        ("complaint_rate", 1.00, 115, 450),          # 150 * .7 + 50 * .2; 50 unhappy
        ("recovery_rate", 1.00, 140, 0),             # 200 * .7; nobody left unhappy
        ("retention_recovered", 0.50, 100, 0),       # 200 * .5
        ("recovery_rate", 0.50, 70, 900),            # 100 * .5 + 100 * .2; 100 * 9
        ("retention_unrecovered", 0.00, 50, 900),    # 100 * .5
        ("complaint_rate", 0.50, 55, 1350),          # 50 * .5 + 0 + 100 * .3; 150 * 9
        ("retention_silent", 0.60, 85, 1350),        # 25 + 60
        ("people_told", 10, 85, 1500),               # 150 * 10
    ]
    for name, value, kept, told in steps:
        ex.controls[name].value = value
        text = _text(ex.result.value)
        assert f"keeps {kept} " in text, (name, text)
        assert f"{told:,} people hear" in text, (name, text)
    # lost 200 - 85 = 115: value 115 * 8000 = 920,000
    assert "920,000" in _text(ex.result.value)
    assert _row(ex.result.value, "did not complain")[:3] == ["100", "60", "40"]


def test_complaint_funnel_explorer_defaults_and_controls():
    ex = widgets.complaint_funnel_explorer()
    assert set(ex.controls) == {"dissatisfaction_rate", "complaint_rate", "recovery_rate",
                                "retention_recovered", "retention_unrecovered",
                                "retention_silent", "people_told"}
    # 10,000 * 0.2 = 2000 dissatisfied
    assert "Of 2,000 dissatisfied customers" in _text(ex.result.value)


def test_profit_path_explorer_every_control():
    ex = widgets.profit_path_explorer()
    # flat 30, r 0.9 -> 0.95, i 0.1, AC 51: 30 * .9/.2 - 51 = 84.0 -> 30 * .95/.15 - 51 = 139.0
    assert _row(ex.result.value, "flat profit") == ["84.0", "139.0", "+55.0", "+65.5%"]
    # the credit-card path: 209.63 - 51 = 158.6 -> 306.62 - 51 = 255.6 (tests/test_loyalty.py)
    assert _row(ex.result.value, "profit grows with tenure")[:2] == ["158.6", "255.6"]
    assert "defection 10% → 5%" in _text(ex.result.value)
    ex.controls["acquisition_cost"].value = 0
    assert _row(ex.result.value, "flat profit") == ["135.0", "190.0", "+55.0", "+40.7%"]
    ex.controls["discount_rate"].value = 0.0
    assert _row(ex.result.value, "flat profit") == ["270.0", "570.0", "+300.0", "+111.1%"]
    ex.controls["retention_gain"].value = 0.10        # r = 1 with no discounting
    assert "⚠️" in ex.result.value and "infinite" in ex.result.value
    ex.controls["retention_rate"].value = 0.80        # 30 * .8/.2 = 120 -> 30 * .9/.1 = 270
    assert _row(ex.result.value, "flat profit") == ["120.0", "270.0", "+150.0", "+125.0%"]
    assert "defection 20% → 10%" in _text(ex.result.value)
    ex.controls["when"].value = "begin"               # 30/.2 = 150 -> 30/.1 = 300
    assert _row(ex.result.value, "flat profit") == ["150.0", "300.0", "+150.0", "+100.0%"]
    before = _row(ex.result.value, "profit grows with tenure")
    ex.controls["tenure_growth"].value = 0.0          # the path is flat at 30
    assert _row(ex.result.value, "profit grows with tenure") == \
        ["150.0", "300.0", "+150.0", "+100.0%"]
    assert before != _row(ex.result.value, "profit grows with tenure")


@pytest.mark.parametrize("factory", [widgets.complaint_funnel_explorer,
                                     widgets.profit_path_explorer])
def test_each_control_on_its_own_changes_the_result(factory):
    ex = factory()
    assert ex.controls and ex.result.value and callable(ex.update)
    for name in ex.controls:
        fresh = factory()
        control, before = fresh.controls[name], fresh.result.value
        if hasattr(control, "options"):
            control.value = control.options[-1][1]
        else:
            control.value = control.min if control.value != control.min else control.max
        assert fresh.result.value != before, name
        assert "⚠️" not in fresh.result.value, name


def test_explorers_speak_chinese():
    import crmlib as crm

    crm.set_language("zh")
    try:
        funnel = widgets.complaint_funnel_explorer(1000, 0.10, 0.40, 0.75,
                                                   retention_unrecovered=0.2,
                                                   retention_silent=0.3)
        # same numbers as in English: 100 dissatisfied, 41 kept, 59 lost
        assert "在 100 位不满意客户中，企业留住 41 位，流失 59 位" in _text(funnel.result.value)
        assert _row(funnel.result.value, "未投诉")[:3] == ["60", "18", "42"]
        assert funnel.controls["complaint_rate"].description == "其中投诉的比例"
        path = widgets.profit_path_explorer()
        assert _row(path.result.value, "利润不变") == ["84.0", "139.0", "+55.0", "+65.5%"]
        assert "流失率 10% → 5%" in _text(path.result.value)
    finally:
        crm.set_language("en")
