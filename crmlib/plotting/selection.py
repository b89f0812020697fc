"""Plots of the customer selection unit (lesson 04): concentration, RFM, Cheverton, value matrix."""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlib.plotting._base import _axes, _has_cjk
from crmlib.rfm import RFMSegment, rfm_segments
from crmlib.selection import (
    ChevertonQuadrant,
    ValueTier,
    cheverton_quadrant,
    concentration_curve,
    top_share,
    value_matrix_quadrant,
)

_QUADRANT_COLOURS = ("#c44e52", "#dd8452", "#4c72b0", "#8c8c8c")  # best … least


def plot_concentration_curve(values, *, marks=(0.02, 0.2), label="customers", ax=None):
    """The concentration (Pareto / whale) curve: share of total value against share of customers.

    Customers run from the most to the least valuable along the x-axis. The dashed diagonal is
    "every customer worth the same"; each mark in ``marks`` is labelled with the share of value
    the top fraction of customers brings. With loss-making customers the curve rises above
    100% and comes back down.

    Parameters
    ----------
    values : array-like or Series
        One value per customer (e.g. annual profit).
    marks : sequence of float
        Top fractions of customers to mark (fractions, e.g. 0.2 for the top 20%).
    label : str
        Legend label for the curve.
    ax : matplotlib Axes, optional

    Returns
    -------
    Axes
    """
    ax = _axes(ax)
    curve = concentration_curve(values)
    ax.plot(curve["customer_share"], curve["value_share"], color="#4c72b0", label=label)
    ax.plot([0, 1], [0, 1], "--", color="#8c8c8c", label="all customers equal")
    ax.axhline(1.0, color="#555555", linewidth=0.8)
    for fraction in marks:
        share = top_share(values, fraction)
        ax.plot([fraction], [share], "o", color="#c44e52")
        ax.annotate(f"top {fraction:.0%} → {share:.0%}", (fraction, share),
                    textcoords="offset points", xytext=(8, -14), color="#c44e52")
    ax.set_xlabel("share of customers, most valuable first")
    ax.set_ylabel("cumulative share of total value")
    ax.xaxis.set_major_formatter("{x:.0%}")
    ax.yaxis.set_major_formatter("{x:.0%}")
    ax.set_title("How concentrated is customer value?")
    ax.legend(loc="lower right")
    ax.grid(alpha=0.3)
    return ax


def plot_rfm_segment_map(scores, *, ax=None):
    """The R × F grid coloured by segment, with the number of customers in every cell.

    Parameters
    ----------
    scores : DataFrame
        With columns ``R`` and ``F`` (scores 1–5), e.g. from :func:`crmlib.rfm_scores`.
    ax : matplotlib Axes, optional

    Returns
    -------
    Axes
    """
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    ax = _axes(ax, figsize=(7.5, 4.8))
    segments = [segment.value for segment in RFMSegment]
    r, f = np.meshgrid(np.arange(1, 6), np.arange(1, 6))      # rows = F, columns = R
    names = rfm_segments(pd.DataFrame({"R": r.ravel(), "F": f.ravel()}))
    codes = np.array([segments.index(name) for name in names]).reshape(5, 5)
    colours = ["#1a7f37", "#55a868", "#8fbf6a", "#64b5cd", "#dd8452", "#c44e52", "#8c8c8c"]
    ax.imshow(codes, origin="lower", cmap=ListedColormap(colours), vmin=-0.5,
              vmax=len(segments) - 0.5, extent=(0.5, 5.5, 0.5, 5.5))
    counts = scores.groupby(["R", "F"]).size()
    total = max(int(counts.sum()), 1)
    for r in range(1, 6):
        for f in range(1, 6):
            n = int(counts.get((r, f), 0))
            ax.text(r, f, f"{n:,}\n{n / total:.0%}", ha="center", va="center", fontsize=8,
                    color="white")
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.set_xlabel("R score (5 = bought most recently)")
    ax.set_ylabel("F score (5 = buys most often)")
    ax.set_title("RFM segments: customers per R × F cell")
    ax.legend(handles=[Patch(color=c, label=s) for c, s in zip(colours, segments)],
              loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8, frameon=False)
    return ax


def _quadrant_plot(x, y, quadrant, names, x_threshold, y_threshold, *, labels, ax):
    """Scatter points coloured by quadrant, threshold lines, quadrant names in the corners.

    ``names`` = (top right, top left, bottom right, bottom left), as the quadrant functions
    order them."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    quadrant = np.asarray(quadrant, dtype=object)
    for name, colour in zip(names, _QUADRANT_COLOURS):
        chosen = quadrant == name
        ax.scatter(x[chosen], y[chosen], s=36 if x.size <= 200 else 6, color=colour,
                   alpha=0.9 if x.size <= 200 else 0.4, label=f"{name} ({int(chosen.sum())})")
    if labels is not None:
        for xi, yi, text in zip(x, y, labels):
            ax.annotate(str(text), (xi, yi), textcoords="offset points", xytext=(4, 3),
                        fontsize=7)
    ax.axvline(x_threshold, color="#555555", linewidth=0.9)
    ax.axhline(y_threshold, color="#555555", linewidth=0.9)
    corners = [(0.98, 0.98, "right", "top"), (0.02, 0.98, "left", "top"),
               (0.98, 0.02, "right", "bottom"), (0.02, 0.02, "left", "bottom")]
    for name, colour, (cx, cy, ha, va) in zip(names, _QUADRANT_COLOURS, corners):
        ax.text(cx, cy, name.upper(), transform=ax.transAxes, ha=ha, va=va, color=colour,
                fontsize=9, fontweight="bold")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8, frameon=False)
    return ax


def plot_cheverton_matrix(attractiveness, relative_strength, *, threshold=0.5, labels=None,
                          ax=None):
    """Peter Cheverton's key-customer selection matrix with the accounts placed on it.

    Customer attractiveness (客户吸引力) runs up, our relative strength (相对优势) runs to the
    right, low to high, as in the course's figure; key customers sit top right.

    Parameters
    ----------
    attractiveness, relative_strength : array-like or Series
        Scores from 0 to 1, one per account (see :func:`crmlib.cheverton_matrix`).
    threshold : float, default 0.5
        Where "high" starts on both axes.
    labels : sequence of str, optional
        Account names written beside the points. Default: the Series index, if given.
    ax : matplotlib Axes, optional

    Returns
    -------
    Axes
    """
    ax = _axes(ax, figsize=(7.5, 5.0))
    quadrant = cheverton_quadrant(attractiveness, relative_strength, threshold=threshold)
    if labels is None and isinstance(attractiveness, pd.Series):
        labels = attractiveness.index
    _quadrant_plot(relative_strength, attractiveness, quadrant, list(ChevertonQuadrant),
                   threshold, threshold, labels=labels, ax=ax)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("our relative strength (相对优势)" if _has_cjk() else "our relative strength")
    ax.set_ylabel("customer attractiveness")
    ax.set_title("Cheverton's key-customer selection matrix")
    return ax


def plot_value_matrix(current_value, potential_value, *, current_threshold,
                      potential_threshold, labels=None, xscale="linear", ax=None):
    """The customer value matrix: current value (right) × potential value (up), by tier.

    Parameters
    ----------
    current_value, potential_value : array-like or Series
        Money per year, one per customer.
    current_threshold, potential_threshold : float
        Where "high" starts on each axis.
    labels : sequence of str, optional
        Names written beside the points (for a few customers only).
    xscale : {"linear", "symlog"}, default "linear"
        ``"symlog"`` spreads out skewed values that may be negative (profits).
    ax : matplotlib Axes, optional

    Returns
    -------
    Axes
    """
    ax = _axes(ax, figsize=(7.5, 5.0))
    tier = value_matrix_quadrant(current_value, potential_value,
                                 current_threshold=current_threshold,
                                 potential_threshold=potential_threshold)
    _quadrant_plot(current_value, potential_value, tier, list(ValueTier), current_threshold,
                   potential_threshold, labels=labels, ax=ax)
    if xscale == "symlog":
        ax.set_xscale("symlog", linthresh=100)
    ax.set_xlabel("current value (profit per year)")
    ax.set_ylabel("potential value (extra profit per year)")
    ax.set_title("Customer value matrix")
    return ax
