"""Lifecycle plots draw what they are given (checked on the Axes, no image comparison)."""


import crmlib as crm
from crmlib import plotting


def test_profit_curve_bars_follow_the_curve():
    curve = crm.lifecycle_profit_curve(stability_periods=2)
    ax = plotting.plot_lifecycle_profit_curve(curve)
    heights = [p.get_height() for p in ax.patches if p.get_height() == p.get_height()]
    assert heights == curve["profit"].tolist()
    assert "premature exit" in ax.get_title()


def test_cohort_heatmap_and_curves():
    log = crm.datasets.load_cdnow()
    shares = crm.cohort_table(log, normalize=True)
    ax = plotting.plot_cohort_heatmap(shares)
    assert len(ax.texts) == int(shares.notna().sum().sum())
    assert ax.texts[0].get_text() == "100%"
    weekly = crm.cohort_table(log, time_unit="W", normalize=True)
    ax = plotting.plot_cohort_heatmap(weekly.iloc[:3, :5])
    assert ax.get_yticklabels()[0].get_text() == "1996-12-30"
    ax = plotting.plot_cohort_curves(crm.cohort_survival(log))
    assert len(ax.lines) == 3
    ax = plotting.plot_cohort_curves(crm.cohort_survival(log, pooled=True))
    assert len(ax.lines) == 1


def test_retention_projection_plot_has_every_model():
    series = crm.datasets.load_retention_series()["high_end"]
    ax = plotting.plot_retention_projection(crm.compare_retention_projections(series))
    labels = [line.get_label() for line in ax.lines]
    assert {"actual", "sBG", "linear", "exponential"} <= set(labels)


def test_stage_mix_stacks_every_customer():
    log = crm.datasets.load_cdnow()
    history = crm.stage_history(log)
    ax = plotting.plot_stage_mix(history)
    assert len(ax.collections) == history["stage"].nunique()


# --------------------------------------------------------------------------- language


def test_lifecycle_plots_speak_chinese(chinese):
    ax = plotting.plot_lifecycle_profit_curve(crm.lifecycle_profit_curve(stability_periods=2))
    assert ax.get_title() == "客户生命周期中的利润：提前退出型"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("关系的期数", "每期利润")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["累计价值（累计现值）", "考察期", "形成期", "稳定期", "退化期"]
    log = crm.datasets.load_cdnow()
    ax = plotting.plot_stage_mix(crm.stage_history(log))
    assert ax.get_title() == "各生命周期阶段的客户数"
    assert "关系已终止" in [t.get_text() for t in ax.get_legend().get_texts()]
    ax = plotting.plot_cohort_heatmap(crm.cohort_table(log, normalize=True))
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("获取后的月数", "获取同期群")
    ax = plotting.plot_cohort_curves(crm.cohort_survival(log))
    assert ax.get_ylabel() == "占同期群的比例"
    assert ax.get_legend().get_title().get_text() == "同期群"
    series = crm.datasets.load_retention_series()["high_end"]
    ax = plotting.plot_retention_projection(crm.compare_retention_projections(series))
    labels = [line.get_label() for line in ax.lines]
    assert {"实际", "sBG 模型", "直线", "指数曲线"} <= set(labels)
    assert ax.get_title() == "预测客户保持率：流失模型与曲线拟合"


def test_lifecycle_plots_fall_back_to_english_without_a_cjk_font(chinese, monkeypatch):
    from crmlib.plotting import lifecycle

    monkeypatch.setattr(lifecycle, "_has_cjk", lambda: False)
    ax = plotting.plot_lifecycle_profit_curve(crm.lifecycle_profit_curve(stability_periods=2))
    assert ax.get_title() == "Profit over the customer lifecycle: premature exit pattern"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[1:] == ["exploration stage", "formation stage", "stability stage",
                          "decline stage"]
