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
