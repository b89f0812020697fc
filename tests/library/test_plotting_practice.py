"""The lesson 08 plots draw what they say and read when projected (headless, Agg backend)."""

import itertools

import numpy as np
import pandas as pd
import pytest

import crmlib as crm
from crmlib import plotting


def _texts(ax):
    from matplotlib.text import Text

    ax.figure.canvas.draw()
    return [t for t in ax.figure.findobj(Text) if t.get_visible() and t.get_text().strip()]


def _assert_readable(ax):
    """Every text at least 12 pt, and no two texts overlap."""
    texts = _texts(ax)
    small = [(t.get_text(), t.get_fontsize()) for t in texts if t.get_fontsize() < 12]
    assert not small, f"texts under 12 pt: {small}"
    renderer = ax.figure.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    clashes = [(a, b) for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2)
               if box_a.overlaps(box_b)]
    assert not clashes, f"overlapping labels: {clashes}"


def _shipped():
    records = crm.datasets.load_customer_records()
    return records, crm.unify_customers(records)


def test_system_coverage_bars_and_labels():
    records = pd.DataFrame({"source": ["till", "web", "till"], "spend": [100, 50, 30]})
    ax = plotting.plot_system_coverage(crm.system_coverage(records, [0, 0, 1]))
    widths = [p.get_width() for p in ax.patches]
    # tills: 2 of 2 customers, 130 of 180; web: 1 of 2, 50 of 150
    np.testing.assert_allclose(widths, [1.0, 0.5, 130 / 180, 50 / 150])
    assert {"100%", "50%", "72%", "33%"} <= {t.get_text() for t in ax.texts}
    _assert_readable(ax)


def test_system_coverage_on_the_shipped_records_is_readable():
    records, ids = _shipped()
    _assert_readable(plotting.plot_system_coverage(crm.system_coverage(records, ids)))


def test_campaign_uplift_interval_and_colours():
    results = pd.DataFrame({"uplift": [0.012, 0.004], "uplift_low": [0.005, -0.002],
                            "uplift_high": [0.019, 0.010]}, index=["all", "small"])
    ax = plotting.plot_campaign_uplift(results)
    # first row: interval 0.5 to 1.9 points, away from 0 -> blue; second crosses 0 -> grey
    interval = ax.lines[0]
    np.testing.assert_allclose(interval.get_xdata(), [0.5, 1.9])
    assert interval.get_color() == "#4c72b0" and ax.lines[2].get_color() == "#8c8c8c"
    assert [t.get_text() for t in ax.texts] == ["+1.20 pts", "+0.40 pts"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["all", "small"]
    _assert_readable(ax)


def test_campaign_uplift_of_one_evaluation():
    result = crm.campaign_evaluation(10_000, 320, 2_000, 40)
    ax = plotting.plot_campaign_uplift(result)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["campaign"]
    assert ax.texts[0].get_text() == "+1.20 pts"


def test_campaign_uplift_by_segment_on_the_shipped_campaign_is_readable():
    results = crm.campaign_results(crm.datasets.load_campaign(), by="segment")
    _assert_readable(plotting.plot_campaign_uplift(results))


def test_cash_flows_bars_cumulative_and_payback():
    ax = plotting.plot_cash_flows([-500, 200, 250, 300], unit="million yuan")
    assert [p.get_height() for p in ax.patches] == [-500, 200, 250, 300]
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [-500, -300, -50, 250])
    assert any(t.get_text() == "payback 2.2 years" for t in ax.texts)   # 2 + 50/300
    assert ax.get_ylabel() == "million yuan"
    _assert_readable(ax)


def test_discounted_cash_flows():
    ax = plotting.plot_cash_flows([-500, 200, 250, 300], discount_rate=0.10)
    # 200/1.1 = 181.82 ...; discounted payback 2.495 -> "2.5"
    assert ax.patches[1].get_height() == pytest.approx(181.818182)
    assert any(t.get_text() == "payback 2.5 years" for t in ax.texts)


def test_cash_flows_never_paid_back_has_no_marker():
    ax = plotting.plot_cash_flows([-500, 100, 100])
    assert not ax.texts


def test_business_case_plot_is_readable():
    case = crm.crm_business_case(60, 65, years=5, running_cost=8, adoption=(0.2, 0.45, 0.6))
    _assert_readable(plotting.plot_cash_flows(case["cash_flow"], unit="million yuan"))


def test_vendor_scores_winner_first_and_highlighted():
    scores = crm.vendor_scores(crm.datasets.crm_vendors(), crm.datasets.CRM_VENDOR_WEIGHTS)
    ax = plotting.plot_vendor_scores(scores)
    assert [t.get_text() for t in ax.get_yticklabels()][0] == "Globe Suite"
    assert ax.patches[0].get_width() == pytest.approx(0.7875)
    colours = {p.get_facecolor() for p in ax.patches[1:]}
    assert ax.patches[0].get_facecolor() not in colours
    _assert_readable(ax)


def test_plots_fall_back_to_english_without_a_cjk_font(chinese, monkeypatch):
    from crmlib.plotting import practice

    monkeypatch.setattr(practice, "_has_cjk", lambda: False)
    ax = plotting.plot_vendor_scores(crm.vendor_scores(crm.datasets.crm_vendors(),
                                                       crm.datasets.CRM_VENDOR_WEIGHTS))
    assert ax.get_title() == "CRM systems on the six criteria"


def test_plots_speak_chinese_with_a_cjk_font(chinese, monkeypatch):
    from crmlib.plotting import practice

    monkeypatch.setattr(practice, "_has_cjk", lambda: True)
    records = pd.DataFrame({"source": ["shop_till", "web_shop"], "spend": [100, 50]})
    ax = plotting.plot_system_coverage(crm.system_coverage(records, [0, 0]))
    assert ax.get_title() == "每个系统单独能看到多少"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["门店收银", "网店"]
    ax = plotting.plot_cash_flows([-500, 200, 250, 300])
    assert ax.get_ylabel() == "金额" and "投资回收期 2.2 年" in [t.get_text() for t in ax.texts]


def test_segments_and_money_units_speak_chinese(chinese, monkeypatch):
    # the lesson's segment plot and business-case plot: segments of the shipped mailing, the
    # "all" row and the unit the lesson passes ("million yuan") come from the catalogue
    from crmlib.plotting import practice

    monkeypatch.setattr(practice, "_has_cjk", lambda: True)
    results = crm.campaign_results(crm.datasets.load_campaign(), by="segment")
    ax = plotting.plot_campaign_uplift(results)
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "活跃会员", "久未购买的会员", "新会员", "全部"]
    assert plotting.plot_cash_flows([-5, 6], unit="million yuan").get_ylabel() == "百万元"
    assert plotting.plot_cash_flows([-5, 6], unit="million_yuan").get_ylabel() == "百万元"
    assert plotting.plot_cash_flows([-5, 6], unit="万元").get_ylabel() == "万元"   # as given


def test_unknown_segments_and_units_are_shown_as_given():
    results = pd.DataFrame({"uplift": [0.01], "uplift_low": [0.0], "uplift_high": [0.02]},
                           index=["north region"])
    ax = plotting.plot_campaign_uplift(results)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["north region"]
    assert plotting.plot_cash_flows([-5, 6], unit="million_yuan").get_ylabel() == "million yuan"
    assert plotting.plot_cash_flows([-5, 6], unit="thousand euros").get_ylabel() == (
        "thousand euros")
