"""The loyalty plots draw what they say, readable when projected (headless, Agg backend)."""

import itertools

import numpy as np
import pandas as pd
import pytest

import crmlib as crm
from crmlib import plotting

CARD = [30, 42, 44, 49, 55]


def _texts(ax):
    """Every visible text of the axes: title, axis labels, tick labels, annotations, legend."""
    texts = [ax.title, ax.xaxis.label, ax.yaxis.label, *ax.texts]
    for axis, (low, high) in ((ax.xaxis, ax.get_xlim()), (ax.yaxis, ax.get_ylim())):
        low, high = min(low, high), max(low, high)
        # matplotlib keeps labels for ticks just outside the view; only drawn ones count
        texts += [tick.label1 for tick in axis.get_major_ticks()
                  if low - 1e-9 <= tick.get_loc() <= high + 1e-9]
    legend = ax.get_legend()
    if legend is not None:
        texts += legend.get_texts()
    return [t for t in texts if t.get_visible() and t.get_text().strip()]


def assert_readable(ax):
    """Every text is at least 12 pt and no two texts overlap on the drawn figure."""
    figure = ax.figure
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    texts = _texts(ax)
    small = [(t.get_text(), t.get_fontsize()) for t in texts if t.get_fontsize() < 12]
    assert not small, f"texts under 12 pt: {small}"
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    clashes = [(a, b) for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2)
               if box_a.overlaps(box_b)]
    assert not clashes, f"overlapping texts: {clashes}"


@pytest.fixture(scope="module")
def survey():
    return crm.datasets.load_hotel_survey()


def test_satisfaction_gap_dumbbells():
    perceived = pd.DataFrame({"room": [6, 6], "staff": [3, 5]})
    expected = pd.DataFrame({"room": [5, 5], "staff": [6, 6]})
    ax = plotting.plot_satisfaction_gap(perceived, expected)
    # room: expected 5 -> perceived 6 (gap +1, green); staff: 6 -> 4 (gap -2, red)
    segments = [line for line in ax.lines if len(line.get_xdata()) == 2]
    assert [list(line.get_xdata()) for line in segments] == [[5.0, 6.0], [6.0, 4.0]]
    assert [line.get_color() for line in segments] == ["#55a868", "#c44e52"]
    assert {"+1.00", "-2.00"} <= {t.get_text() for t in ax.texts}
    # the first attribute on top
    rows = {t.get_text(): y for t, y in zip(ax.get_yticklabels(), ax.get_yticks(), strict=True)}
    assert rows["room"] > rows["staff"]
    assert_readable(ax)


def test_gap_plot_of_the_survey_is_readable(survey):
    ax = plotting.plot_satisfaction_gap(crm.datasets.load_hotel_survey("perception"),
                                        crm.datasets.load_hotel_survey("expectation"))
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "value for money" in labels and "reliability" in labels
    assert_readable(ax)


def test_gap_plot_numbers_match_the_rounded_table():
    # value for money: perception sums to 4,777 and expectation to 5,542 over the 1,000 guests
    # (mean gap −765 / 1000 = −0.765 exactly); lesson 06 prints gap.mean().round(2) = −0.76,
    # and the plot must say the same, not −0.77 from formatting the float directly
    perceived = crm.datasets.load_hotel_survey("perception")
    expected = crm.datasets.load_hotel_survey("expectation")
    assert perceived["value_for_money"].sum() - expected["value_for_money"].sum() == -765
    ax = plotting.plot_satisfaction_gap(perceived, expected)
    numbers = [t.get_text() for t in ax.texts]
    assert numbers == ["+0.08", "-1.74", "-0.13", "-0.55", "+0.34", "-0.76"]


def test_importance_performance_map(survey):
    ipa = crm.importance_performance(crm.datasets.load_hotel_survey("perception"),
                                     survey["overall_satisfaction"].to_numpy())
    ax = plotting.plot_importance_performance(ipa)
    points = ax.collections[0].get_offsets()
    np.testing.assert_allclose(points[:, 0], ipa["performance"])
    np.testing.assert_allclose(points[:, 1], ipa["importance"])
    # the cross hairs at the means
    assert ax.lines[0].get_xdata()[0] == pytest.approx(ipa["performance"].mean())
    assert ax.lines[1].get_ydata()[0] == pytest.approx(ipa["importance"].mean())
    names = {t.get_text() for t in ax.texts}
    assert set(crm.IPA_QUADRANTS) <= names and "value for money" in names
    assert_readable(ax)   # booking and value for money sit close together


def test_importance_performance_labels_of_coinciding_points_do_not_overlap():
    table = pd.DataFrame({"importance": [0.5, 0.5, 0.2, 0.8],
                          "performance": [4.0, 4.0, 6.0, 5.0],
                          "quadrant": ["keep up the good work"] * 4},
                         index=["alpha", "beta", "gamma", "delta"])
    assert_readable(plotting.plot_importance_performance(table))


def test_retention_by_satisfaction_bars(survey):
    ax = plotting.plot_retention_by_satisfaction([7, 7, 4, 4, 4], [1, 1, 1, 0, 0])
    assert [bar.get_height() for bar in ax.patches] == pytest.approx([1 / 3, 1.0])
    assert "33%\n(n=3)" in {t.get_text() for t in ax.texts}
    assert_readable(plotting.plot_retention_by_satisfaction(survey["overall_satisfaction"],
                                                           survey["returned_12m"]))


def test_nps_histogram(survey):
    ax = plotting.plot_nps([10, 9, 9, 10, 9, 8, 7, 7, 3, 6])
    assert [bar.get_height() for bar in ax.patches] == [0, 0, 0, 1, 0, 0, 1, 2, 1, 3, 2]
    assert ax.get_title() == "NPS = 50.0% − 20.0% = 30.0"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["detractors 20%", "passives 30%", "promoters 50%"]
    assert_readable(plotting.plot_nps(survey["likelihood_to_recommend"]))


def test_nps_title_adds_up():
    # eight ratings: three promoters (37.5%), four passives, one detractor (12.5%):
    # NPS = 100 × (3 − 1) / 8 = 25.0. Whole percents would read "38% − 12% = 25.0" (26 ≠ 25),
    # as the hotel's 48.7% − 22.5% = 26.2 read "49% − 22% = 26.2".
    ax = plotting.plot_nps([10, 9, 9, 7, 8, 7, 8, 3])
    assert ax.get_title() == "NPS = 37.5% − 12.5% = 25.0"


def test_profit_path_lines_are_the_schedule():
    ax = plotting.plot_profit_path(CARD, (0.9, 0.95), 0.1, years=8)
    assert [bar.get_height() for bar in ax.patches] == [30, 42, 44, 49, 55, 55, 55, 55]
    # year 1 at r = 0.9: 30 * 0.9 / 1.1 = 24.5455; year 2: 42 * 0.81 / 1.21 = 28.1157
    np.testing.assert_allclose(ax.lines[0].get_ydata()[:2], [24.5455, 28.1157], atol=1e-4)
    assert len(ax.lines) == 2
    assert_readable(ax)
    assert_readable(plotting.plot_profit_path(CARD, (0.8, 0.9, 0.95), 0.0, when="begin"))


def test_complaint_funnel_bars():
    funnel = crm.complaint_funnel(10_000, 0.10, 0.40, 0.75, retention_unrecovered=0.2,
                                  retention_silent=0.3)
    ax = plotting.plot_complaint_funnel(funnel)
    # kept 210, 20, 180 (green) then lost 90, 80, 420 (red), rows top to bottom
    heights = [bar.get_width() for bar in ax.patches]
    assert heights == pytest.approx([210, 20, 180, 90, 80, 420])
    assert "Kept 410 of 1,000 dissatisfied customers\n6,300 people hear a complaint" == \
        ax.get_title()
    assert_readable(ax)


def test_plots_speak_chinese_and_stay_readable(survey):
    crm.set_language("zh")
    try:
        ipa = crm.importance_performance(crm.datasets.load_hotel_survey("perception"),
                                         survey["overall_satisfaction"].to_numpy())
        ax = plotting.plot_importance_performance(ipa)
        names = {t.get_text() for t in ax.texts}
        assert {"重点改进", "继续保持", "次要", "可能过度", "性价比", "客房"} <= names
        assert ax.get_title() == "重要性—绩效图"
        assert_readable(ax)
        funnel = crm.complaint_funnel(10_000, 0.10, 0.40, 0.75, retention_unrecovered=0.2,
                                      retention_silent=0.3)
        ax = plotting.plot_complaint_funnel(funnel)
        assert ax.get_title() == "1,000 位不满意客户中留住 410 位\n6,300 人听到抱怨"
        assert_readable(ax)
        ax = plotting.plot_nps([10, 9, 9, 10, 9, 8, 7, 7, 3, 6])
        assert ax.get_title() == "净推荐值 = 50.0% − 20.0% = 30.0"
        for plot in (lambda: plotting.plot_satisfaction_gap(
                         crm.datasets.load_hotel_survey("perception"),
                         crm.datasets.load_hotel_survey("expectation")),
                     lambda: plotting.plot_retention_by_satisfaction(
                         survey["overall_satisfaction"], survey["returned_12m"]),
                     lambda: plotting.plot_profit_path(CARD, (0.9, 0.95), 0.1)):
            assert_readable(plot())
    finally:
        crm.set_language("en")
