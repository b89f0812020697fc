"""Plots of the satisfaction and loyalty unit (lesson 06): gaps, the importance–performance map,
satisfaction against loyalty, NPS, the profit path and the complaint funnel.

Every text is at least 12 pt at the default figure size, so the figures read when projected.
Labels come from the text catalogue (``crmlib/text/<language>/loyalty.toml``); Chinese labels
are used only when a CJK font is active (:func:`crmlib.plotting.use_chinese_font`), otherwise
the plots fall back to English rather than draw empty boxes.
"""

from __future__ import annotations

import numpy as np

from crmlib.loyalty import (
    IPA_QUADRANTS,
    NPS_CATEGORIES,
    nps_breakdown,
    profit_path_schedule,
    retention_by_satisfaction,
    satisfaction_gap,
)
from crmlib.plotting._base import _axes, _Catalogue, _has_cjk, _plot_doc

TEXT_SIZE = 12          # points: the smallest text on these figures
TITLE_SIZE = 14
_SHORT = "#c44e52"      # below expectation, lost, detractor
_MET = "#55a868"        # at or above expectation, kept, promoter
_NEUTRAL = "#8c8c8c"
_IPA_COLOURS = dict(zip(IPA_QUADRANTS, ("#c44e52", "#55a868", "#8c8c8c", "#dd8452")))
_NPS_COLOURS = dict(zip(NPS_CATEGORIES, (_SHORT, _NEUTRAL, _MET)))


def _readable(ax, title: str, xlabel: str, ylabel: str):
    ax.set_title(title, fontsize=TITLE_SIZE)
    ax.set_xlabel(xlabel, fontsize=TEXT_SIZE)
    ax.set_ylabel(ylabel, fontsize=TEXT_SIZE)
    ax.tick_params(labelsize=TEXT_SIZE)
    return ax


#: This module's labels (``loyalty.*``); ``_has_cjk`` is looked up at each call.
_text = _Catalogue("loyalty", lambda: _has_cjk())


def _name(group: str, name) -> str:
    """An attribute's, quadrant's or path's label; a name the catalogue does not know is shown
    as it is (underscores as spaces)."""
    return _text.text_or(f"loyalty.{group}.{name}", str(name).replace("_", " "))


@_plot_doc
def plot_satisfaction_gap(perception, expectation, *, ax=None):
    """Expectation against perception per attribute, averaged over respondents (a dumbbell).

    Each attribute gets a row: an open circle at the mean expectation, a filled one at the mean
    perception, joined by a line that is red where perception falls short and green where it
    meets or beats the expectation; the mean gap is written at the right.

    Parameters
    ----------
    perception, expectation : DataFrame
        One row per respondent, one column per attribute, same labels (as for
        :func:`crmlib.satisfaction_gap`).
    """
    gap = satisfaction_gap(perception, expectation)
    ax = _axes(ax, figsize=(7.5, 0.6 * gap.shape[1] + 1.6))
    expected, perceived, mean_gap = expectation.mean(), perception.mean(), gap.mean()
    shown = mean_gap.round(2)   # as the lesson's table prints it: −0.765 shows as −0.76 in both
    rows = np.arange(gap.shape[1])[::-1]
    for y, name in zip(rows, gap.columns, strict=True):
        colour = _SHORT if mean_gap[name] < 0 else _MET
        ax.plot([expected[name], perceived[name]], [y, y], color=colour, linewidth=3)
        ax.plot(expected[name], y, "o", markersize=10, markerfacecolor="white",
                markeredgecolor="#333333")
        ax.plot(perceived[name], y, "o", markersize=10, color=colour)
        ax.annotate(f"{shown[name]:+.2f}", (1.01, y), xycoords=("axes fraction", "data"),
                    va="center", fontsize=TEXT_SIZE, color=colour)
    ax.set_yticks(rows, [_name("attributes", c) for c in gap.columns])
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.plot([], [], "o", markerfacecolor="white", markeredgecolor="#333333",
            label=_text("plot.expected"))
    ax.plot([], [], "o", color="#333333", label=_text("plot.perceived"))
    ax.legend(loc="lower left", fontsize=TEXT_SIZE, frameon=False, ncols=2,
              bbox_to_anchor=(0.0, 1.08))
    ax.grid(axis="x", alpha=0.3)
    return _readable(ax, _text("plot.gap_title"), _text("plot.gap_xlabel"), "")


def _spread_labels(x: np.ndarray, y: np.ndarray) -> list[tuple[int, int, str]]:
    """Offsets (points) and alignment for point labels: right of each point, and above or
    below when another point lies close by, so neighbouring labels do not overlap."""
    span_x = (x.max() - x.min()) or 1.0
    span_y = (y.max() - y.min()) or 1.0
    placed = []
    for k in range(x.size):
        near = [j for j in range(k) if abs(x[j] - x[k]) / span_x < 0.25
                and abs(y[j] - y[k]) / span_y < 0.15]
        if not near:
            placed.append((8, 0, "center"))
        else:
            below = y[k] <= y[near[0]]
            placed.append((8, -12 if below else 12, "top" if below else "bottom"))
    return placed


@_plot_doc
def plot_importance_performance(table, *, ax=None):
    """Martilla & James's importance–performance map of the attributes.

    Performance (mean rating) runs to the right, importance up; the grey lines cross at the
    means, as in :func:`crmlib.importance_performance`; each quadrant is named in its corner
    and each attribute labelled beside its point.

    Parameters
    ----------
    table : DataFrame
        The result of :func:`crmlib.importance_performance` (``importance``, ``performance``,
        ``quadrant``, indexed by attribute).
    """
    ax = _axes(ax, figsize=(8.0, 5.5))
    x = table["performance"].to_numpy(dtype=float)
    y = table["importance"].to_numpy(dtype=float)
    colours = [_IPA_COLOURS[q] for q in table["quadrant"]]
    ax.scatter(x, y, s=90, color=colours, zorder=3)
    for (dx, dy, va), name, xi, yi in zip(_spread_labels(x, y), table.index, x, y,
                                          strict=True):
        ax.annotate(_name("attributes", name), (xi, yi), textcoords="offset points",
                    xytext=(dx, dy),
                    va=va, fontsize=TEXT_SIZE)
    ax.axvline(x.mean(), color="#555555", linewidth=1)
    ax.axhline(y.mean(), color="#555555", linewidth=1)
    pad_x = 0.35 * ((x.max() - x.min()) or 1.0)
    pad_y = 0.35 * ((y.max() - y.min()) or 0.1)
    ax.set_xlim(x.min() - pad_x, x.max() + 1.2 * pad_x)
    ax.set_ylim(y.min() - pad_y, y.max() + pad_y)
    corners = {"concentrate here": (0.02, 0.98, "left", "top"),
               "keep up the good work": (0.98, 0.98, "right", "top"),
               "low priority": (0.02, 0.02, "left", "bottom"),
               "possible overkill": (0.98, 0.02, "right", "bottom")}
    for name, (cx, cy, ha, va) in corners.items():
        ax.text(cx, cy, _name("quadrants", name), transform=ax.transAxes, ha=ha, va=va,
                fontsize=TEXT_SIZE + 1, color=_IPA_COLOURS[name])
    return _readable(ax, _text("plot.ipa_title"), _text("plot.ipa_xlabel"),
                     _text("plot.ipa_ylabel"))


@_plot_doc
def plot_retention_by_satisfaction(satisfaction, retained, *, ax=None):
    """Share of customers who stayed, by satisfaction rating, with the count on each bar.

    Parameters
    ----------
    satisfaction, retained : array-like or Series
        As for :func:`crmlib.retention_by_satisfaction`.
    """
    table = retention_by_satisfaction(satisfaction, retained)
    ax = _axes(ax, figsize=(7.5, 4.5))
    levels = [str(level) for level in table.index]
    bars = ax.bar(levels, table["retention_rate"], color="#4c72b0")
    for bar, rate, count in zip(bars, table["retention_rate"], table["customers"],
                                strict=True):
        ax.annotate(_text("plot.retention_bar", rate=rate, count=count),
                    (bar.get_x() + bar.get_width() / 2, rate),
                    textcoords="offset points", xytext=(0, 3), ha="center", va="bottom",
                    fontsize=TEXT_SIZE)
    ax.set_ylim(0, 1.3)
    ax.yaxis.set_major_formatter("{x:.0%}")
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    return _readable(ax, _text("plot.retention_title"), _text("plot.retention_xlabel"),
                     _text("plot.retention_ylabel"))


@_plot_doc
def plot_nps(ratings, *, ax=None):
    """How many respondents gave each 0–10 rating, coloured detractor / passive / promoter, with
    the NPS in the title.

    Parameters
    ----------
    ratings : array-like or Series
        Whole numbers from 0 to 10 (as for :func:`crmlib.net_promoter_score`).
    """
    from matplotlib.patches import Patch

    parts = nps_breakdown(ratings)
    values = np.asarray(ratings, dtype=float)
    counts = [int((values == k).sum()) for k in range(11)]
    groups = ["detractor"] * 7 + ["passive"] * 2 + ["promoter"] * 2
    ax = _axes(ax, figsize=(7.5, 4.5))
    ax.bar(range(11), counts, color=[_NPS_COLOURS[g] for g in groups])
    handles = [Patch(color=_NPS_COLOURS[name],
                     label=_text(f"plot.nps_{name}", share=parts[f"{name}_share"]))
               for name in NPS_CATEGORIES]
    ax.set_xticks(range(11))
    ax.legend(handles=handles, loc="upper left", fontsize=TEXT_SIZE, frameon=False)
    title = _text("plot.nps_title", promoters=parts["promoter_share"],
                  detractors=parts["detractor_share"], nps=parts["nps"])
    return _readable(ax, title, _text("plot.nps_xlabel"), _text("plot.nps_ylabel"))


@_plot_doc
def plot_profit_path(profits, retention_rates=(0.9, 0.95), discount_rate=0.0, *, when="end",
                     years=20, ax=None):
    """A customer's yearly profit and its expected present value, year by year.

    Grey bars: the profit in each year of tenure (the path, then its last value). Lines: the
    expected present value of each year's profit, :math:`p_t\\,r^{\\tau}/(1+i)^{\\tau}`, for
    each retention rate; the area under a line is the CLV before acquisition cost.

    Parameters
    ----------
    profits : array-like
        The profit path, as for :func:`crmlib.clv_from_profit_path`.
    retention_rates : sequence of float, default (0.9, 0.95)
        Retention rates to draw, one line each.
    discount_rate : float, default 0.0
    when : {"end", "begin"}, default "end"
    years : int, default 20
        Years of tenure to show (at least the length of the path).
    """
    path = list(np.asarray(profits, dtype=float))
    shown = path + [path[-1]] * max(int(years) - len(path), 0)
    ax = _axes(ax, figsize=(8.0, 4.5))
    t = np.arange(1, len(shown) + 1)
    ax.bar(t, shown, color="#d0d0d0", label=_text("plot.path_profit"))
    for rate, colour in zip(retention_rates, ("#4c72b0", "#c44e52", "#55a868", "#dd8452"),
                            strict=False):
        schedule = profit_path_schedule(shown, rate, discount_rate, when=when)
        ax.plot(t, schedule["present_value"].iloc[:-1], "o-", color=colour,
                label=_text("plot.path_value", rate=rate))
    ax.set_ylim(min(0.0, min(shown)) * 1.1, max(max(shown), 0.0) * 1.75 or 1.0)
    ax.legend(loc="upper right", fontsize=TEXT_SIZE, frameon=False)
    ax.set_xticks(t[::2] if t.size > 10 else t)
    return _readable(ax, _text("plot.path_title"), _text("plot.path_xlabel"),
                     _text("plot.path_ylabel"))


@_plot_doc
def plot_complaint_funnel(funnel, *, ax=None):
    """Dissatisfied customers by what happened to their complaint: kept (green) and lost (red).

    Parameters
    ----------
    funnel : DataFrame
        The result of :func:`crmlib.complaint_funnel`.
    """
    rows = funnel.drop(index="all dissatisfied")
    ax = _axes(ax, figsize=(8.0, 4.5))
    y = np.arange(len(rows))[::-1]
    ax.barh(y, rows["kept"], color=_MET, label=_text("plot.kept"))
    ax.barh(y, rows["lost"], left=rows["kept"], color=_SHORT, label=_text("plot.lost"))
    for yi, (name, row) in zip(y, rows.iterrows(), strict=True):
        ax.annotate(_text("plot.funnel_bar", kept=row["kept"], lost=row["lost"]),
                    (row["customers"], yi), textcoords="offset points", xytext=(6, 0),
                    va="center", fontsize=TEXT_SIZE)
    ax.set_yticks(y, [_name("paths", name) for name in rows.index])
    ax.set_xlim(0, 1.75 * max(float(rows["customers"].max()), 1.0))
    total = funnel.loc["all dissatisfied"]
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=2, fontsize=TEXT_SIZE,
              frameon=False)
    title = _text("plot.funnel_title", kept=total["kept"], customers=total["customers"],
                  told=total["told"])
    return _readable(ax, title, _text("plot.funnel_xlabel"), "")

