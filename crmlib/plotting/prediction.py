"""Plots of the prediction unit (lesson 05): purchase timelines, histograms, tracking."""

from __future__ import annotations

import numpy as np

from crmlib.plotting._base import _axes


def plot_purchase_timelines(events, *, ax=None):
    """Each simulated customer's life: purchases (dots), dropout (×) and the unseen rest.

    Parameters
    ----------
    events : DataFrame
        The output of :func:`crmlib.purchase_models.simulate_purchase_histories`.
    ax : matplotlib Axes, optional

    Returns
    -------
    Axes
    """
    ax = _axes(ax, figsize=(7.0, 0.35 * events["customer"].nunique() + 1.2))
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
    ax.plot([], [], color="#4c72b0", lw=2, label="alive")
    ax.plot([], [], "o", color="#dd8452", label="purchase (what the firm sees)")
    ax.plot([], [], "x", color="#c44e52", mew=2, label="drops out (the firm never sees this)")
    ax.set_xlim(-0.5, horizon * 1.01)
    ax.set_xlabel("time since the first purchase")
    ax.set_ylabel("customer")
    ax.invert_yaxis()
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=3, fontsize="small",
              frameon=False)
    ax.set_title("Buy while alive, drop out after any repeat purchase")
    return ax


def plot_repeat_purchase_histogram(histogram, *, ax=None):
    """Customers by number of repeat purchases: actual bars beside the model's.

    Parameters
    ----------
    histogram : DataFrame
        The output of :func:`crmlib.repeat_purchase_histogram`.
    ax : matplotlib Axes, optional

    Returns
    -------
    Axes
    """
    ax = _axes(ax)
    position = np.arange(len(histogram))
    ax.bar(position - 0.2, histogram["actual"], width=0.4, color="#4c72b0", label="actual")
    ax.bar(position + 0.2, histogram["expected"], width=0.4, color="#dd8452", label="model")
    ax.set_xticks(position, histogram.index)
    ax.set_xlabel("repeat purchases in the calibration period")
    ax.set_ylabel("customers")
    ax.set_title("How many customers bought again, and how often")
    ax.legend()
    return ax


def plot_purchase_tracking(tracking, *, cumulative=True, ax=None):
    """Repeat purchases per period (or cumulated), actual against the model, with the holdout.

    Parameters
    ----------
    tracking : DataFrame
        The output of :func:`crmlib.purchase_tracking`.
    cumulative : bool, default True
        Cumulative totals (the paper's tracking plot) or purchases per period.
    ax : matplotlib Axes, optional

    Returns
    -------
    Axes
    """
    ax = _axes(ax)
    prefix = "cumulative_" if cumulative else ""
    ax.plot(tracking.index, tracking[f"{prefix}actual"], color="#4c72b0", label="actual")
    ax.plot(tracking.index, tracking[f"{prefix}expected"], color="#dd8452", ls="--",
            label="model")
    holdout = tracking.index[tracking["holdout"]]
    if len(holdout):
        ax.axvline(holdout[0] - 0.5, color="#555555", lw=1, ls=":")
        ax.text(holdout[0], ax.get_ylim()[1] * 0.97, " holdout", va="top", color="#555555")
    unit = tracking.attrs.get("time_unit", "periods")
    ax.set_xlabel(f"{unit} since the cohort's first purchases")
    ax.set_ylabel("repeat purchases" + (" (cumulative)" if cumulative else " per period"))
    ax.set_title("Tracking the model: calibration, then holdout")
    ax.legend(loc="upper left")
    ax.grid(alpha=0.3)
    return ax


def plot_frequency_recency_heatmap(grid, *, ax=None):
    """A frequency × recency heat map of P(alive) or of expected purchases.

    Parameters
    ----------
    grid : DataFrame
        The output of :func:`crmlib.frequency_recency_grid`.
    ax : matplotlib Axes, optional

    Returns
    -------
    Axes
    """
    ax = _axes(ax, figsize=(6.4, 4.6))
    quantity = grid.attrs.get("quantity", "expected_purchases")
    age = grid.attrs.get("T")
    recency = grid.columns.to_numpy(dtype=float)
    step = recency[1] - recency[0] if recency.size > 1 else 1.0
    extent = (recency[0] - step / 2, recency[-1] + step / 2, grid.index[-1] + 0.5, -0.5)
    image = ax.imshow(grid.to_numpy(), aspect="auto", extent=extent, cmap="viridis",
                      vmin=0, vmax=1 if quantity == "probability_alive" else None)
    label = ("P(alive)" if quantity == "probability_alive"
             else f"expected purchases in the next {grid.attrs.get('t', age):g}")
    ax.figure.colorbar(image, ax=ax, label=label)
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("recency: time of the last purchase since the first")
    ax.set_ylabel("frequency: repeat purchases")
    ax.set_title(f"{label}, customers of age T = {age:g}" if age else label)
    return ax
