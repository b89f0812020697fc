"""The prediction unit's plots draw what their tables say (headless, Agg backend)."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

import crmlib as crm
from crmlib import plotting
from crmlib.purchase_models import simulate_purchase_histories

MODEL = crm.BetaGeoModel.from_params(r=0.243, alpha=4.414, a=0.793, b=2.426)


@pytest.fixture(scope="module")
def cdnow():
    log = crm.datasets.load_cdnow("sample")
    summary = crm.calibration_summary(log, calibration_end="1997-09-30")
    return log, summary


def test_simulated_histories_follow_the_model():
    events = simulate_purchase_histories(MODEL, 4000, 39.0, seed=3)
    repeats = (events["event"] == "repeat purchase").groupby(events["customer"]).sum()
    assert len(repeats) == 4000
    # mean repeat purchases by week 39 against E[X(39)] (standard error about 0.05)
    assert repeats.mean() == pytest.approx(MODEL.expected_purchases(39.0), abs=0.15)
    dropped = events[events["event"] == "drop out"]
    assert (events.loc[dropped.index - 1, "event"] == "repeat purchase").all()


def test_plots_return_axes_with_the_data(cdnow):
    log, summary = cdnow
    ax = plotting.plot_purchase_timelines(simulate_purchase_histories(MODEL, 10, 39.0, seed=1))
    assert ax.get_ylabel() == "customer"
    table = crm.repeat_purchase_histogram(MODEL, summary["frequency"], summary["T"])
    ax = plotting.plot_repeat_purchase_histogram(table)
    heights = [patch.get_height() for patch in ax.patches]
    np.testing.assert_allclose(heights[:8], table["actual"])
    tracking = crm.purchase_tracking(MODEL, log, calibration_end="1997-09-30",
                                     observation_end="1998-06-30")
    ax = plotting.plot_purchase_tracking(tracking)
    np.testing.assert_allclose(ax.lines[0].get_ydata(), tracking["cumulative_actual"])
    assert "weeks" in ax.get_xlabel()
    for quantity in ("probability_alive", "expected_purchases"):
        grid = crm.frequency_recency_grid(MODEL, 38.86, quantity=quantity, max_frequency=6)
        ax = plotting.plot_frequency_recency_heatmap(grid)
        np.testing.assert_allclose(ax.images[0].get_array(), grid.to_numpy())
    plt.close("all")


def _texts(ax):
    colorbars = [a.get_ylabel() for a in ax.figure.axes if a is not ax]
    return [ax.get_title(), ax.get_xlabel(), ax.get_ylabel(), *colorbars,
            *(t.get_text() for t in ax.texts),
            *(t.get_text() for t in (ax.get_legend().get_texts() if ax.get_legend() else []))]


def test_every_time_on_the_plots_names_its_unit(cdnow):
    """Issue 15 item 17: a title or axis that shows a time says in what unit."""
    log, summary = cdnow
    ax = plotting.plot_purchase_timelines(simulate_purchase_histories(MODEL, 5, 39.0, seed=1))
    assert "(weeks)" in ax.get_xlabel() and "39 weeks" in ax.get_title()
    tracking = crm.purchase_tracking(MODEL, log, calibration_end="1997-09-30",
                                     observation_end="1998-06-30")
    ax = plotting.plot_purchase_tracking(tracking, cumulative=False)
    assert "per week" in ax.get_ylabel() and "per week" in ax.get_title()
    grid = crm.frequency_recency_grid(MODEL, 38.86, t=39, max_frequency=6)
    ax = plotting.plot_frequency_recency_heatmap(grid)
    texts = _texts(ax)
    assert "expected purchases in the next 39 weeks" in texts[3]      # the colour bar
    assert "T = 38.86 weeks" in ax.get_title() and "(weeks)" in ax.get_xlabel()
    ax = plotting.plot_frequency_recency_heatmap(grid, time_unit="D")
    assert "39 days" in _texts(ax)[3]
    plt.close("all")


def test_plot_labels_follow_the_language(cdnow):
    log, summary = cdnow
    crm.set_language("zh")
    try:
        tracking = crm.purchase_tracking(MODEL, log, calibration_end="1997-09-30",
                                         observation_end="1998-06-30")
        ax = plotting.plot_purchase_tracking(tracking)
        assert " 验证期" in _texts(ax) and "（周）" in ax.get_xlabel()
        grid = crm.frequency_recency_grid(MODEL, 38.86, quantity="probability_alive")
        ax = plotting.plot_frequency_recency_heatmap(grid)
        assert ax.get_title() == "活跃概率 P(alive)\n客户年龄 T = 38.86 周"
        table = crm.repeat_purchase_histogram(MODEL, summary["frequency"], summary["T"])
        assert plotting.plot_repeat_purchase_histogram(table).get_ylabel() == "客户数"
    finally:
        crm.set_language("en")
        plt.close("all")
    ax = plotting.plot_repeat_purchase_histogram(table)
    assert ax.get_ylabel() == "customers"      # looked up when drawn, not when imported
    plt.close("all")


def test_the_first_plot_of_a_chinese_session_names_its_unit_in_chinese():
    """Before any plot, matplotlib has no CJK font yet: the plot registers it, and the unit in
    its labels must come out in Chinese too (lessons/zh/05's first plot once said "weeks")."""
    import matplotlib as mpl

    crm.set_language("zh")
    try:
        events = simulate_purchase_histories(MODEL, 5, 39.0, seed=1)
        grid = crm.frequency_recency_grid(MODEL, 38.86, quantity="probability_alive",
                                          max_frequency=6)
        with mpl.rc_context({"font.family": ["DejaVu Sans"]}):      # a fresh session's font
            ax = plotting.plot_purchase_timelines(events)
        assert ax.get_xlabel() == "距首次购买的时间（周）"
        assert ax.get_title().endswith("最初 39 周")
        with mpl.rc_context({"font.family": ["DejaVu Sans"]}):
            ax = plotting.plot_frequency_recency_heatmap(grid)
        assert ax.get_title() == "活跃概率 P(alive)\n客户年龄 T = 38.86 周"
    finally:
        crm.set_language("en")
        plt.close("all")


def test_purchase_history_explorer_speaks_chinese_with_units():
    crm.set_language("zh")
    try:
        explorer = crm.widgets.purchase_history_explorer(MODEL, frequency=10, recency=20.0,
                                                         T=39.0)
        # silent for 39 − 20 = 19 weeks; P(alive) 0.04 and 0.28 expected purchases (lesson 05)
        assert "19.0 周" in explorer.result.value and "<b>0.04</b>" in explorer.result.value
        assert "未来 39 周的预期购买次数" in explorer.result.value
        assert explorer.controls["recency"].description == "最近一次购买 t_x（周）"
        explorer.controls["recency"].value = 45.0                # after the age: a clear error
        assert "recency 不能大于 T" in explorer.result.value
        explorer.controls["recency"].value = 38.0
        explorer.controls["T"].value = 40.0
        explorer.controls["frequency"].value = 0                 # one-time buyer
        assert "尚无重复购买" in explorer.result.value
    finally:
        crm.set_language("en")
