"""The service plots (lesson 07) draw what the lesson says, in type readable from the back row."""

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import crmlib as crm
from crmlib import plotting

E = pd.DataFrame({"t1": [5, 6], "r1": [7, 6], "r2": [7, 6]})
P = pd.DataFrame({"t1": [6, 6], "r1": [5, 6], "r2": [4, 5]})
DIMS = {"tangibles": ["t1"], "reliability": ["r1", "r2"]}


def _texts(ax):
    """Every visible piece of text on the axes: title, labels, ticks, legend, annotations."""
    ax.figure.canvas.draw()
    texts = [ax.title, ax.xaxis.label, ax.yaxis.label, *ax.get_xticklabels(),
             *ax.get_yticklabels(), *ax.texts]
    if ax.get_legend() is not None:
        texts += ax.get_legend().get_texts()
    return [t for t in texts if t.get_visible() and t.get_text().strip()]


@pytest.fixture(params=["gaps", "wait", "staffing"])
def figure_axes(request):
    if request.param == "gaps":
        return plotting.plot_servqual_gaps(crm.servqual_gaps(
            E, P, DIMS, weights={"tangibles": 20, "reliability": 80}))
    if request.param == "wait":
        return plotting.plot_wait_distribution(2 / 60, 1 / 20, [2, 3], max_wait=15)
    plan = crm.staffing_plan(pd.Series({"09:00": 2.0, "12:00": 6.0}), 3, max_wait=0.25,
                             target=0.95)
    return plotting.plot_staffing_plan(plan)


def test_every_text_is_at_least_12_points(figure_axes):
    small = [(t.get_text(), t.get_fontsize()) for t in _texts(figure_axes)
             if t.get_fontsize() < 12]
    assert not small


def test_texts_do_not_overlap(figure_axes):
    renderer = figure_axes.figure.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in _texts(figure_axes)]
    clashes = [(a, b) for i, (a, box_a) in enumerate(boxes) for b, box_b in boxes[i + 1:]
               if box_a.overlaps(box_b)]
    assert not clashes


def test_servqual_gap_bars_and_labels():
    # hand calculation (test_service.py): tangibles +0.5, reliability -1.5
    ax = plotting.plot_servqual_gaps(crm.servqual_gaps(
        E, P, DIMS, weights={"tangibles": 20, "reliability": 80}))
    widths = {label.get_text(): patch.get_width()
              for label, patch in zip(ax.get_yticklabels(), ax.patches)}
    assert widths == {"reliability": -1.5, "tangibles": 0.5}   # first dimension on top
    labels = sorted(t.get_text() for t in ax.texts)
    assert labels == ["+0.50  (weight 20%)", "-1.50  (weight 80%)"]
    red, green = (patch.get_facecolor() for patch in ax.patches)
    assert red[0] > red[1] and green[1] > green[0]


def test_servqual_gap_plot_without_weights():
    ax = plotting.plot_servqual_gaps(crm.servqual_gaps(E, P, DIMS))
    assert sorted(t.get_text() for t in ax.texts) == ["+0.50", "-1.50"]


def test_wait_distribution_starts_at_the_share_not_waiting():
    # λ = 2, μ = 3 an hour, 2 staff: C = 1/6, so 5/6 start at once; within 0.25 h:
    # 1 - e^(-1)/6 = 93.9%
    ax = plotting.plot_wait_distribution(2, 3, 2, max_wait=0.25, time_label="hours")
    line = ax.get_lines()[0]
    assert line.get_ydata()[0] == pytest.approx(5 / 6)
    assert line.get_xdata()[-1] == pytest.approx(0.5)              # twice the limit
    assert ax.get_legend().get_texts()[0].get_text() == "2 staff: 93.9% within 0.25 hours"
    assert ax.get_xlabel().endswith("(hours)")


def test_wait_distribution_one_line_per_staff_level():
    ax = plotting.plot_wait_distribution(2, 3, [1, 2, 3], max_wait=0.25, horizon=1.0)
    curves = [line for line in ax.get_lines() if len(line.get_xdata()) > 2]
    assert len(curves) == 3
    # more staff, more customers served at every t
    finals = [curve.get_ydata()[10] for curve in curves]
    assert finals[0] < finals[1] < finals[2]
    assert curves[0].get_ydata()[0] == pytest.approx(1 - 2 / 3)     # one server: C = ρ
    assert curves[2].get_ydata()[-1] == pytest.approx(
        1 - 4 / 123 * math.exp(-7 * 1.0))


def test_staffing_plan_bars_and_load():
    plan = crm.staffing_plan(pd.Series({"09:00": 2.0, "12:00": 6.0}), 3, max_wait=0.25,
                             target=0.95)
    ax = plotting.plot_staffing_plan(plan)
    assert [patch.get_height() for patch in ax.patches] == [3, 4]   # hand calculation
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), [2 / 3, 2])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["09:00", "12:00"]
    assert ax.get_xlabel() == "period"
    plan.index.name = "hour"
    assert plotting.plot_staffing_plan(plan).get_xlabel() == "hour"


def test_plots_draw_on_a_given_axes():
    _, ax = plt.subplots()
    assert plotting.plot_servqual_gaps(crm.servqual_gaps(E, P, DIMS), ax=ax) is ax


# --------------------------------------------------------------------------- language


def test_plots_speak_chinese(chinese):
    gaps = crm.servqual_gaps(E, P, DIMS, weights={"tangibles": 20, "reliability": 80})
    ax = plotting.plot_servqual_gaps(gaps)
    assert ax.get_title() == "SERVQUAL：服务在哪里没有达到期望？"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["可靠性", "有形性"]
    assert "-1.50（权重 80%）" in [t.get_text() for t in ax.texts]
    # rates per minute (2 an hour, 20 minutes each), a 15-minute limit: as in the hand
    # calculation of test_wait_distribution_starts_at_the_share_not_waiting, 1 − e^(−1)/6
    ax = plotting.plot_wait_distribution(2 / 60, 3 / 60, 2, max_wait=15)
    assert ax.get_xlabel() == "开始服务前的等待时间 t（分钟）"
    assert ax.get_legend().get_texts()[0].get_text() == "2 名员工：15 分钟内服务 93.9%"
    plan = crm.staffing_plan(pd.Series({"09:00": 2.0, "12:00": 6.0}, name="x").rename_axis(
        "hour"), 3, max_wait=0.25, target=0.95)
    ax = plotting.plot_staffing_plan(plan)
    assert (ax.get_title(), ax.get_xlabel(), ax.get_ylabel()) == ("各时段所需的员工", "小时",
                                                                  "员工人数")


def test_plots_fall_back_to_english_without_a_cjk_font(chinese, monkeypatch):
    from crmlib.plotting import service

    monkeypatch.setattr(service, "_has_cjk", lambda: False)
    ax = plotting.plot_servqual_gaps(crm.servqual_gaps(E, P, DIMS))
    assert ax.get_title() == "SERVQUAL: where does the service fall short?"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["reliability", "tangibles"]
