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
