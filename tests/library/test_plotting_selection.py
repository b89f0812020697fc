"""The selection plots draw what they say (headless, Agg backend)."""

import numpy as np
import pandas as pd

import crmlib as crm
from crmlib import i18n, plotting


def test_concentration_curve_points_and_marks():
    ax = plotting.plot_concentration_curve([30, -10, 60, 20], marks=(0.25,))
    curve = ax.lines[0]
    np.testing.assert_allclose(curve.get_ydata(), [0, 0.6, 0.9, 1.1, 1.0])
    assert any("top 25% → 60%" in t.get_text() for t in ax.texts)


def test_rfm_segment_map_counts():
    scores = pd.DataFrame({"R": [5, 5, 1], "F": [5, 5, 1]})
    ax = plotting.plot_rfm_segment_map(scores)
    texts = [t.get_text() for t in ax.texts]
    assert "2\n67%" in texts and "1\n33%" in texts
    assert len(texts) == 25


def test_cheverton_matrix_points_by_quadrant():
    att = pd.Series([0.9, 0.8, 0.2, 0.1], index=["a", "b", "c", "d"])
    ax = plotting.plot_cheverton_matrix(att, [0.9, 0.1, 0.9, 0.1])
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["key (1)", "key development (1)", "maintenance (1)", "opportunistic (1)"]
    assert {"a", "b", "c", "d"} <= {t.get_text() for t in ax.texts}


def test_value_matrix_symlog():
    ax = plotting.plot_value_matrix([-50, 2000, 300], [900, 800, 10], current_threshold=1000,
                                    potential_threshold=500, xscale="symlog")
    assert ax.get_xscale() == "symlog"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["high-end (1)", "potential (1)", "basic (0)", "tail (1)"]


def test_bank_concentration_curve_is_a_whale():
    profit = crm.datasets.load_bank_customers()["profit"]
    ax = plotting.plot_concentration_curve(profit)
    assert ax.lines[0].get_ydata().max() > 1.0


def test_plots_speak_chinese_with_the_courses_names(chinese):
    # the quadrant names are the glossary's, with the course's own names for the top two
    att = pd.Series([0.9, 0.8, 0.2, 0.1], index=["a", "b", "c", "d"])
    ax = plotting.plot_cheverton_matrix(att, [0.9, 0.1, 0.9, 0.1])
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["关键客户（最有价值）（1）", "关键发展客户（重点开发）（1）", "维持客户（1）",
                      "机会主义客户（1）"]
    assert ax.get_xlabel() == "我们的相对优势" and ax.get_ylabel() == "客户吸引力"
    ax = plotting.plot_value_matrix([-50, 2000, 300], [900, 800, 10], current_threshold=1000,
                                    potential_threshold=500)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "高端客户（1）", "潜力客户（1）", "基本客户（0）", "末端客户（1）"]
    assert ax.get_xlabel() == "当前价值"
    ax = plotting.plot_concentration_curve([30, -10, 60, 20], marks=(0.25,))
    assert any(t.get_text() == "前 25% → 60%" for t in ax.texts)
    assert ax.get_title() == "客户价值有多集中？"
    ax = plotting.plot_rfm_segment_map(pd.DataFrame({"R": [5, 1], "F": [5, 1]}))
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[0] == "冠军客户" and legend[-1] == "沉睡客户"


def test_plot_labels_follow_the_language_at_draw_time():
    i18n.set_language("zh")
    i18n.set_language("en")     # a plot drawn after switching back is in English again
    ax = plotting.plot_cheverton_matrix([0.9], [0.9])
    assert ax.get_title() == "Cheverton's key-customer selection matrix"
