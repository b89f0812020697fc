"""Plots of the prediction unit (lesson 05): purchase timelines, histograms, tracking, heat maps.

Labels come from the text catalogue (``crmlib/text/<language>/prediction.toml``), looked up when
the plot is drawn, so :func:`crmlib.set_language` switches them; Chinese labels are used only when
a CJK font is active (:func:`crmlib.plotting.use_chinese_font`), otherwise the plots fall back to
English rather than draw empty boxes. Every axis that shows time names its unit.
"""

from __future__ import annotations

import numpy as np

from crmlib.plotting._base import _axes, _Catalogue, _has_cjk, _plot_doc
from crmlib.units import check_time_unit

#: This module's labels (``plot.prediction.*``); ``_has_cjk`` is looked up at each call.
_label = _Catalogue("plot.prediction", lambda: _has_cjk())


def _unit_name(time_unit) -> str:
    """A time unit's plural name in the drawing language: "weeks", "周" …"""
    return _label.text(f"units.{check_time_unit(time_unit).plural}")


@_plot_doc(draws="crmlib.purchase_models.simulate_purchase_histories")
def plot_purchase_timelines(events, *, time_unit="W", ax=None):
    """Each simulated customer's life: purchases (dots), dropout (×) and the unseen rest.

    Parameters
    ----------
    time_unit : {"W", "D", "M", "Y"}, default "W"
        The unit of the events' times (the model's unit), named on the time axis.
    """
    ax = _axes(ax, figsize=(7.0, 0.35 * events["customer"].nunique() + 1.2))
    unit = _unit_name(time_unit)   # after _axes: the CJK font decides the drawing language
    horizon = events.attrs.get("T", events["time"].max())
    for customer, rows in events.groupby("customer"):
        dropped = rows.loc[rows["event"] == "drop out", "time"]
        alive_until = float(dropped.iloc[0]) if len(dropped) else horizon
        ax.plot([0, alive_until], [customer, customer], color="#4c72b0", lw=2)
        if len(dropped):
            ax.plot([alive_until, horizon], [customer, customer], color="#bbbbbb", lw=1, ls=":")
            ax.plot(alive_until, customer, marker="x", color="#c44e52", ms=9, mew=2)
        bought = rows[rows["event"] != "drop out"]
        ax.plot(bought["time"], [customer] * len(bought), "o", color="#dd8452", ms=6)
    ax.plot([], [], color="#4c72b0", lw=2, label=_label("timelines.alive"))
    ax.plot([], [], "o", color="#dd8452", label=_label("timelines.purchase"))
    ax.plot([], [], "x", color="#c44e52", mew=2, label=_label("timelines.drop_out"))
    ax.set_xlim(-0.5, horizon * 1.01)
    ax.set_xlabel(_label("timelines.xlabel", unit=unit))
    ax.set_ylabel(_label("timelines.ylabel"))
    ax.invert_yaxis()
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=3, fontsize="small",
              frameon=False)
    ax.set_title(_label("timelines.title", horizon=horizon, unit=unit))
    return ax


@_plot_doc(draws="crmlib.repeat_purchase_histogram")
def plot_repeat_purchase_histogram(histogram, *, ax=None):
    """Customers by number of repeat purchases: actual bars beside the model's."""
    ax = _axes(ax)
    position = np.arange(len(histogram))
    ax.bar(position - 0.2, histogram["actual"], width=0.4, color="#4c72b0",
           label=_label("actual"))
    ax.bar(position + 0.2, histogram["expected"], width=0.4, color="#dd8452",
           label=_label("model"))
    ax.set_xticks(position, histogram.index)
    ax.set_xlabel(_label("histogram.xlabel"))
    ax.set_ylabel(_label("histogram.ylabel"))
    ax.set_title(_label("histogram.title"))
    ax.legend()
    return ax


@_plot_doc(draws="crmlib.purchase_tracking")
def plot_purchase_tracking(tracking, *, cumulative=True, ax=None):
    """Repeat purchases per period (or cumulated), actual against the model, with the holdout.

    Parameters
    ----------
    cumulative : bool, default True
        Cumulative totals (the paper's tracking plot) or purchases per period.
    """
    ax = _axes(ax)
    prefix = "cumulative_" if cumulative else ""
    ax.plot(tracking.index, tracking[f"{prefix}actual"], color="#4c72b0", label=_label("actual"))
    ax.plot(tracking.index, tracking[f"{prefix}expected"], color="#dd8452", ls="--",
            label=_label("model"))
    holdout = tracking.index[tracking["holdout"]]
    if len(holdout):
        ax.axvline(holdout[0] - 0.5, color="#555555", lw=1, ls=":")
        ax.text(holdout[0], ax.get_ylim()[1] * 0.97, " " + _label("tracking.holdout"), va="top",
                color="#555555")
    plural = tracking.attrs.get("time_unit") or "periods"
    unit = (_label("tracking.periods") if plural == "periods"
            else _label.text(f"units.{plural}"))
    per = _label(f"tracking.per.{plural}")
    kind = "cumulative" if cumulative else "per_period"
    ax.set_xlabel(_label("tracking.xlabel", unit=unit))
    ax.set_ylabel(_label(f"tracking.ylabel.{kind}", per=per))
    ax.set_title(_label(f"tracking.title.{kind}", per=per))
    ax.legend(loc="upper left")
    ax.grid(alpha=0.3)
    return ax


@_plot_doc(draws="crmlib.frequency_recency_grid")
def plot_frequency_recency_heatmap(grid, *, time_unit="W", ax=None):
    """A frequency × recency heat map of P(alive) or of expected purchases.

    Parameters
    ----------
    time_unit : {"W", "D", "M", "Y"}, default "W"
        The unit of the grid's recency, age and horizon (the model's unit), named in the labels.
    """
    ax = _axes(ax, figsize=(6.4, 4.6))
    unit = _unit_name(time_unit)   # after _axes: the CJK font decides the drawing language
    quantity = grid.attrs.get("quantity", "expected_purchases")
    age = grid.attrs.get("T")
    recency = grid.columns.to_numpy(dtype=float)
    step = recency[1] - recency[0] if recency.size > 1 else 1.0
    extent = (recency[0] - step / 2, recency[-1] + step / 2, grid.index[-1] + 0.5, -0.5)
    image = ax.imshow(grid.to_numpy(), aspect="auto", extent=extent, cmap="viridis",
                      vmin=0, vmax=1 if quantity == "probability_alive" else None)
    if quantity == "probability_alive":
        label = _label("heatmap.probability_alive")
    else:
        label = _label("heatmap.expected_purchases", t=grid.attrs.get("t", age), unit=unit)
    ax.figure.colorbar(image, ax=ax, label=label)
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(_label("heatmap.xlabel", unit=unit))
    ax.set_ylabel(_label("heatmap.ylabel"))
    ax.set_title(_label("heatmap.title", quantity=label, T=age, unit=unit) if age else label)
    return ax
