"""Plots of the customer selection unit (lesson 04): concentration, RFM, Cheverton, value matrix.

Labels come from the text catalogue (``crmlib/text/<language>/selection.toml``, category names
from ``vocab_selection.toml``), looked up when a plot is drawn, so :func:`crmlib.set_language`
switches them; Chinese labels are used only when a CJK font is active
(:func:`crmlib.plotting.use_chinese_font`), otherwise the plots fall back to English rather than
draw empty boxes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlib.i18n import has_text
from crmlib.plotting._base import _axes, _Catalogue, _has_cjk, _plot_doc
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


#: This module's labels (``plot.selection.*``); ``_has_cjk`` is looked up at each call.
_label = _Catalogue("plot.selection", lambda: _has_cjk())


def _category(vocabulary: str, member) -> str:
    """A category's name (a quadrant, a tier, a segment); an unknown one is shown as it is."""
    key = f"vocab.{vocabulary}.{str(member).replace(' ', '_').replace('-', '_')}"
    key = f"{key}.label" if has_text(f"{key}.label") else key
    return _label.text_or(key, str(member))


@_plot_doc
def plot_concentration_curve(values, *, marks=(0.02, 0.2), label=None, ax=None):
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
    label : str, optional
        Legend label for the curve. Default: "customers" in the kit's language.
    """
    ax = _axes(ax)
    curve = concentration_curve(values)
    ax.plot(curve["customer_share"], curve["value_share"], color="#4c72b0",
            label=_label("concentration.curve") if label is None else label)
    ax.plot([0, 1], [0, 1], "--", color="#8c8c8c", label=_label("concentration.equal"))
    ax.axhline(1.0, color="#555555", linewidth=0.8)
    for fraction in marks:
        share = top_share(values, fraction)
        ax.plot([fraction], [share], "o", color="#c44e52")
        ax.annotate(_label("concentration.mark", fraction=fraction, share=share), (fraction, share),
                    textcoords="offset points", xytext=(8, -14), color="#c44e52")
    ax.set_xlabel(_label("concentration.xlabel"))
    ax.set_ylabel(_label("concentration.ylabel"))
    ax.xaxis.set_major_formatter("{x:.0%}")
    ax.yaxis.set_major_formatter("{x:.0%}")
    ax.set_title(_label("concentration.title"))
    ax.legend(loc="lower right")
    ax.grid(alpha=0.3)
    return ax


@_plot_doc
def plot_rfm_segment_map(scores, *, ax=None):
    """The R × F grid coloured by segment, with the number of customers in every cell.

    Parameters
    ----------
    scores : DataFrame
        With columns ``R`` and ``F`` (scores 1–5), e.g. from :func:`crmlib.rfm_scores`.
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
    ax.set_xlabel(_label("rfm_map.xlabel"))
    ax.set_ylabel(_label("rfm_map.ylabel"))
    ax.set_title(_label("rfm_map.title"))
    ax.legend(handles=[Patch(color=c, label=_category("rfm_segment", s))
                       for c, s in zip(colours, segments)],
              loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8, frameon=False)
    return ax


def _quadrant_plot(x, y, quadrant, names, x_threshold, y_threshold, *, labels, vocabulary, ax):
    """Scatter points coloured by quadrant, threshold lines, quadrant names in the corners.

    ``names`` = (top right, top left, bottom right, bottom left), as the quadrant functions
    order them; ``vocabulary`` is where their labels are in the catalogue."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    quadrant = np.asarray(quadrant, dtype=object)
    for name, colour in zip(names, _QUADRANT_COLOURS):
        chosen = quadrant == name
        ax.scatter(x[chosen], y[chosen], s=36 if x.size <= 200 else 6, color=colour,
                   alpha=0.9 if x.size <= 200 else 0.4,
                   label=_label("quadrants.legend", name=_category(vocabulary, name),
                                count=int(chosen.sum())))
    if labels is not None:
        for xi, yi, point in zip(x, y, labels):
            ax.annotate(str(point), (xi, yi), textcoords="offset points", xytext=(4, 3),
                        fontsize=7)
    ax.axvline(x_threshold, color="#555555", linewidth=0.9)
    ax.axhline(y_threshold, color="#555555", linewidth=0.9)
    corners = [(0.98, 0.98, "right", "top"), (0.02, 0.98, "left", "top"),
               (0.98, 0.02, "right", "bottom"), (0.02, 0.02, "left", "bottom")]
    for name, colour, (cx, cy, ha, va) in zip(names, _QUADRANT_COLOURS, corners):
        ax.text(cx, cy, _category(vocabulary, name).upper(), transform=ax.transAxes, ha=ha,
                va=va, color=colour,
                fontsize=9, fontweight="bold")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8, frameon=False)
    return ax


@_plot_doc
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
    """
    # 9 inches wide: at projection size the twelve account names need it (7.5 crowds them)
    ax = _axes(ax, figsize=(9.0, 5.0))
    quadrant = cheverton_quadrant(attractiveness, relative_strength, threshold=threshold)
    if labels is None and isinstance(attractiveness, pd.Series):
        labels = attractiveness.index
    _quadrant_plot(relative_strength, attractiveness, quadrant, list(ChevertonQuadrant),
                   threshold, threshold, labels=labels, vocabulary="cheverton_quadrant", ax=ax)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel(_label("cheverton.xlabel"))
    ax.set_ylabel(_label("cheverton.ylabel"))
    ax.set_title(_label("cheverton.title"))
    return ax


@_plot_doc
def plot_value_matrix(current_value, potential_value, *, current_threshold,
                      potential_threshold, labels=None, xscale="linear", ax=None):
    """The customer value matrix: current value (right) × potential value (up), by tier.

    Parameters
    ----------
    current_value, potential_value : array-like or Series
        One value per customer (money: a value, or a year's profit as a stand-in for it).
    current_threshold, potential_threshold : float
        Where "high" starts on each axis.
    labels : sequence of str, optional
        Names written beside the points (for a few customers only).
    xscale : {"linear", "symlog"}, default "linear"
        ``"symlog"`` spreads out skewed values that may be negative (profits).
    """
    ax = _axes(ax, figsize=(7.5, 5.0))
    tier = value_matrix_quadrant(current_value, potential_value,
                                 current_threshold=current_threshold,
                                 potential_threshold=potential_threshold)
    _quadrant_plot(current_value, potential_value, tier, list(ValueTier), current_threshold,
                   potential_threshold, labels=labels, vocabulary="value_tier", ax=ax)
    if xscale == "symlog":
        ax.set_xscale("symlog", linthresh=100)
    ax.set_xlabel(_label("value_matrix.xlabel"))
    ax.set_ylabel(_label("value_matrix.ylabel"))
    ax.set_title(_label("value_matrix.title"))
    return ax
