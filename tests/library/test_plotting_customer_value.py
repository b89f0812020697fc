"""The customer-value plots (lessons 01 and 02): they draw what the lessons say they draw."""

import re

import pytest

import crmlib as crm
from crmlib import plotting


def test_turnover_waterfall_labels_each_bar():
    # 1000 − 300 + 150 = 850 against 1000 × 1.15 = 1150 (the handout's scenario, in millions)
    ax = plotting.plot_turnover_scenario(crm.turnover_scenario(1000, 0.30, 0.15))
    labels = [t.get_text() for t in ax.texts]
    assert labels == ["1,000", "−300", "+150", "850", "1,150"]
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert all(len(line) <= 12 for tick in ticks for line in tick.split("\n"))


def test_clv_schedule_plot_ends_at_the_clv():
    table = crm.clv_schedule(2000, 0.8, 0.1, periods=3)
    ax = plotting.plot_clv_schedule(table)
    line = ax.get_lines()[0]
    # 1454.55 + 1057.85 + 769.35 = 3281.74 (hand calculation in lesson 02)
    assert line.get_ydata()[-1] == pytest.approx(3281.74, abs=0.01)


def test_conventions_plot_differs_by_one_margin_over_one_period():
    ax = plotting.plot_clv_conventions(2000, 0.8, 0.0, periods=5)
    begin, end = (line.get_ydata() for line in ax.get_lines())
    # horizon 1: begin counts 2000 now; end counts 2000 × 0.8 after a year = 1600
    assert begin[0] == pytest.approx(2000) and end[0] == pytest.approx(1600)


def test_margin_multiple_plot_one_line_per_rate():
    ax = plotting.plot_margin_multiple((0.10, 0.16))
    assert len(ax.get_lines()) == 2


# --------------------------------------------------------------------------- language

def _texts(ax) -> list[str]:
    """Every word a reader sees on the plot: title, axis labels, ticks and legend."""
    legend = ax.get_legend()
    labels = [ax.get_title(), ax.get_xlabel(), ax.get_ylabel(),
              *(t.get_text() for t in ax.get_xticklabels()),
              *(t.get_text() for t in (legend.get_texts() if legend else []))]
    return [label for label in labels if label and not label[:1].isdigit()]


def _english_words(label: str) -> list[str]:
    # the symbols r and CLV and the option names begin/end are code, the same in both editions
    words = re.findall(r"[A-Za-z]+", label)
    return [w for w in words if w not in {"r", "CLV", "begin", "end"}]


def _every_value_plot():
    schedule = crm.clv_schedule(2000, 0.8, 0.1, periods=3)
    return [plotting.plot_turnover_scenario(crm.turnover_scenario(1000, 0.30, 0.15)),
            plotting.plot_clv_schedule(schedule),
            plotting.plot_margin_multiple((0.10, 0.16)),
            plotting.plot_clv_conventions(2000, 0.8, 0.0, periods=5)]


def test_value_plots_speak_chinese(chinese):
    for ax in _every_value_plot():
        for label in _texts(ax):
            assert re.search("[\u4e00-\u9fff]", label), label
            assert _english_words(label) == [], label


def test_turnover_waterfall_in_chinese_names_its_bars_and_unit(chinese):
    ax = plotting.plot_turnover_scenario(crm.turnover_scenario(1000, 0.30, 0.15),
                                         unit="million_yuan")
    assert ax.get_ylabel() == "营业收入（百万元）"
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "今年", "流失客户", "新客户", "明年", "与市场\n同步增长"]
    assert ax.get_title() == "逆水行舟：客户周转吃掉了增长"


def test_english_labels_and_units():
    ax = plotting.plot_turnover_scenario(crm.turnover_scenario(1000, 0.30, 0.15),
                                         unit="million_yuan")
    assert ax.get_ylabel() == "revenue (million yuan)"
    assert ax.get_title() == "Running up hill: turnover eats the growth"
    assert plotting.plot_clv_conventions(2000, 0.8, unit="yuan").get_ylabel() == "CLV (yuan)"
    ax = plotting.plot_clv_schedule(crm.clv_schedule(2000, 0.8, 0.1, periods=3))
    assert ax.get_ylabel() == "present value"
    for ax in _every_value_plot():
        assert not any(re.search("[\u4e00-\u9fff]", label) for label in _texts(ax))


def test_labels_follow_the_language_when_drawn():
    from crmlib import i18n

    scenario = crm.turnover_scenario(1000, 0.30, 0.15)
    assert plotting.plot_turnover_scenario(scenario).get_ylabel() == "revenue"
    i18n.set_language("zh")
    try:
        assert plotting.plot_turnover_scenario(scenario).get_ylabel() == "营业收入"
    finally:
        i18n.set_language("en")


def test_an_unknown_unit_is_a_clear_error():
    with pytest.raises(ValueError, match=r"unit must be one of 'yuan', 'million_yuan'.*"
                                         r"got 'million yuan'"):
        plotting.plot_turnover_scenario(crm.turnover_scenario(1000, 0.30, 0.15),
                                        unit="million yuan")


def test_value_plots_fall_back_to_english_without_a_cjk_font(chinese, monkeypatch):
    from crmlib.plotting import value

    monkeypatch.setattr(value, "_has_cjk", lambda: False)
    ax = plotting.plot_turnover_scenario(crm.turnover_scenario(1000, 0.30, 0.15),
                                         unit="million_yuan")
    assert (ax.get_title(), ax.get_ylabel()) == ("Running up hill: turnover eats the growth",
                                                 "revenue (million yuan)")
