"""The customer-value plots (lessons 01 and 02): they draw what the lessons say they draw."""

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
