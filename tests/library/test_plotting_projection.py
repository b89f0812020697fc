"""Figures drawn for a projector (crmlib.plotting._base, used by the deck build only)."""

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest
from matplotlib.text import Annotation, Text

import crmlib as crm
from crmlib.plotting import _base


@pytest.fixture
def projection(monkeypatch):
    """The projection style for one test; rcParams and crmlib's switch restored after it."""
    monkeypatch.setitem(_base._PROJECTION, "on", False)
    with mpl.rc_context():
        _base.use_projection_style()
        yield


def _boxes(fig, texts):
    renderer = fig.canvas.get_renderer()
    return [Text.get_window_extent(t, renderer) for t in texts]


def _cheverton():
    accounts = crm.datasets.key_accounts()
    criteria = crm.datasets.KEY_ACCOUNT_CRITERIA
    matrix = crm.cheverton_matrix(accounts, criteria["attractiveness"],
                                  criteria["relative_strength"])
    return crm.plotting.plot_cheverton_matrix(matrix["attractiveness"],
                                              matrix["relative_strength"])


def test_projected_plots_keep_their_proportions_at_a_larger_size(projection):
    # a crmlib plot of 6.4 × 4.0 inches is drawn 1.375 times larger: 8.8 × 5.5 inches
    ax = crm.plotting.plot_margin_multiple((0.10, 0.12))
    assert tuple(ax.figure.get_size_inches()) == pytest.approx((8.8, 5.5))


def test_the_cheverton_labels_no_longer_overlap_when_projected(projection):
    ax = _cheverton()
    measured = _base.figure_for_projection(ax.figure)
    ax.figure.canvas.draw()
    labels = [t for t in ax.texts if isinstance(t, Annotation)]
    assert len(labels) == 12
    boxes = _boxes(ax.figure, labels)
    clashes = [(a.get_text(), b.get_text()) for k, (a, box_a) in enumerate(zip(labels, boxes))
               for b, box_b in zip(labels[k + 1:], boxes[k + 1:]) if box_a.overlaps(box_b)]
    assert clashes == []
    # 16 pt at 100 dpi is 16 × 100 / 72 = 22.2 px; the plot asked for 7 pt labels
    assert min(t.get_fontsize() for t in labels) >= 16
    assert measured == {"min_text_px": 22.2, "overlapping_text": 0, "hidden_cell_labels": 0}


def test_the_notebook_version_is_left_alone():
    """Without the projection style the Cheverton plot is drawn as in the lessons (7 pt labels,
    which overlap at this size: the reason for the projection pass)."""
    ax = _cheverton()
    ax.figure.canvas.draw()
    labels = [t for t in ax.texts if isinstance(t, Annotation)]
    assert {t.get_fontsize() for t in labels} == {7}
    assert tuple(ax.figure.get_size_inches()) == pytest.approx((9.0, 5.0))


def test_heatmap_values_that_would_collide_are_left_out(projection):
    table = crm.cohort_table(crm.datasets.load_cdnow(), normalize=True)
    ax = crm.plotting.plot_cohort_heatmap(table)
    measured = _base.figure_for_projection(ax.figure)
    cell_labels = [t for t in ax.texts if type(t) is Text]
    assert measured["hidden_cell_labels"] == len(cell_labels) > 0
    assert not any(t.get_visible() for t in cell_labels)
    assert measured["overlapping_text"] == 0


def test_a_figure_is_capped_to_the_slide(projection):
    fig, ax = plt.subplots(figsize=(20, 9))
    ax.plot([0, 1], [0, 1], marker="o", markersize=3, linewidth=0.5)
    _base.figure_for_projection(fig)
    assert tuple(fig.get_size_inches()) == pytest.approx(_base.PROJECTION_MAX_SIZE)
    line = ax.lines[0]
    assert line.get_markersize() == 8 and line.get_linewidth() == 1.6
