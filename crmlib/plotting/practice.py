"""Plots of the CRM-in-practice unit (lesson 08): coverage, campaign uplift, cash flows, vendors.

Every text is at least 12 pt at the default figure size, so the figures read when projected.
Labels come from the text catalogue (``crmlib/text/<language>/practice.toml``); Chinese labels
are used only when a CJK font is active (:func:`crmlib.plotting.use_chinese_font`), otherwise the
plots fall back to English rather than draw empty boxes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlib._validation import check_cash_flows, check_columns, check_dataframe
from crmlib.plotting._base import _axes, _Catalogue, _has_cjk, _plot_doc, _text_sizes
from crmlib.practice import payback_period

FONT = 12            # pt: the smallest text on these figures
_GOOD, _BAD, _GREY, _LINE = "#4c72b0", "#c44e52", "#8c8c8c", "#333333"


#: This module's labels (``practice.*``); ``_has_cjk`` is looked up at each call.
_label = _Catalogue("practice", lambda: _has_cjk())


def _name(group: str, name) -> str:
    """A system's or criterion's label; a name the catalogue does not know is shown as it is."""
    return _label.text_or(f"practice.{group}.{name}", str(name).replace("_", " "))


def _unit(unit) -> str:
    """A money unit of the catalogue (``"million_yuan"`` or ``"million yuan"``) in the current
    language; any other text as it is."""
    return _label.text_or(f"units.{str(unit).strip().replace(' ', '_')}", str(unit))


def _readable(ax, title: str):
    ax.set_title(title)
    return _text_sizes(ax, FONT, FONT + 1)


@_plot_doc
def plot_system_coverage(coverage, *, ax=None):
    """What each system sees alone: its share of the customers and of their value.

    Parameters
    ----------
    coverage : DataFrame
        The output of :func:`crmlib.system_coverage` (columns ``customer_share`` and
        ``value_share_seen``, one row per system).
    """
    check_dataframe(coverage, "coverage")
    check_columns(coverage, ["customer_share", "value_share_seen"], "coverage")
    ax = _axes(ax)
    y = np.arange(len(coverage))
    height = 0.38
    ax.barh(y - height / 2, coverage["customer_share"], height, color=_GOOD,
            label=_label("plot.coverage_customers"))
    ax.barh(y + height / 2, coverage["value_share_seen"].fillna(0), height, color=_GREY,
            label=_label("plot.coverage_value"))
    for k, (share, seen) in enumerate(zip(coverage["customer_share"],
                                          coverage["value_share_seen"].fillna(0), strict=True)):
        ax.text(share + 0.01, k - height / 2, f"{share:.0%}", va="center", fontsize=FONT)
        ax.text(seen + 0.01, k + height / 2, f"{seen:.0%}", va="center", fontsize=FONT)
    ax.set_yticks(y, [_name("systems", s) for s in coverage.index])
    ax.invert_yaxis()
    ax.set_xlim(0, 1.25)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.xaxis.set_major_formatter("{x:.0%}")
    ax.set_xlabel(_label("plot.coverage_xlabel"))
    ax.legend(loc="lower right", frameon=False)
    return _readable(ax, _label("plot.coverage_title"))


@_plot_doc
def plot_campaign_uplift(results, *, ax=None):
    """The uplift of a campaign (or of each segment) with its confidence interval.

    An interval that crosses the zero line means the data cannot tell the campaign's effect
    from chance: those rows are grey, the others blue (uplift above 0) or red (below).

    Parameters
    ----------
    results : DataFrame or Series
        :func:`crmlib.campaign_results` (one row per segment) or one
        :func:`crmlib.campaign_evaluation`; needs ``uplift``, ``uplift_low`` and
        ``uplift_high``.
    """
    if isinstance(results, pd.Series):
        results = results.to_frame(name=results.name or _label("plot.campaign")).T
    table = results
    check_dataframe(table, "results")
    check_columns(table, ["uplift", "uplift_low", "uplift_high"], "results")
    ax = _axes(ax)
    points = 100 * table[["uplift", "uplift_low", "uplift_high"]].to_numpy(dtype=float)
    y = np.arange(len(table))
    for k, (uplift, low, high) in enumerate(points):
        colour = _GREY if low <= 0 <= high else (_GOOD if uplift > 0 else _BAD)
        ax.plot([low, high], [k, k], color=colour, linewidth=3, solid_capstyle="butt")
        ax.plot([uplift], [k], "o", color=colour, markersize=8)
        ax.annotate(_label("plot.uplift_point", uplift=uplift), (high, k),
                    textcoords="offset points",
                    xytext=(6, 0), va="center", fontsize=FONT, color=colour)
    ax.axvline(0, color=_LINE, linewidth=1)
    ax.set_yticks(y, [_name("segments", name) for name in table.index])
    ax.set_ylim(len(table) - 0.5, -0.5)
    low, high = np.nanmin(points[:, 1]), np.nanmax(points[:, 2])
    span = max(high - min(low, 0), 1e-9)
    ax.set_xlim(min(low, 0) - 0.08 * span, high + 0.45 * span)
    ax.set_xlabel(_label("plot.uplift_xlabel"))
    ax.grid(axis="x", alpha=0.3)
    return _readable(ax, _label("plot.uplift_title"))


@_plot_doc
def plot_cash_flows(cash_flows, *, discount_rate=0.0, unit=None, ax=None):
    """Yearly cash flows as bars, the cumulative flow as a line, and the payback point.

    Parameters
    ----------
    cash_flows : array-like or Series
        One flow per period, the first at t = 0 (e.g. ``crm_business_case(...)["cash_flow"]``).
    discount_rate : float, default 0.0
        Draw discounted flows (and the discounted payback) when above 0.
    unit : str, optional
        The y-axis label: a money unit of the catalogue (``"yuan"``, ``"million_yuan"``, also
        written ``"million yuan"``), shown in the current language, or any other text, shown
        as it is; default "money" in the current language.
    """
    flows = check_cash_flows(cash_flows)
    payback = payback_period(flows, discount_rate=discount_rate)
    flows = flows / (1.0 + discount_rate) ** np.arange(flows.size)
    ax = _axes(ax)
    years = np.arange(flows.size)
    ax.bar(years, flows, color=[_GOOD if f >= 0 else _BAD for f in flows], width=0.6,
           label=_label("plot.cash_flow_discounted" if discount_rate else "plot.cash_flow"))
    ax.plot(years, np.cumsum(flows), "-o", color=_LINE, label=_label("plot.cumulative"))
    ax.axhline(0, color=_LINE, linewidth=1)
    if payback is not None:
        ax.axvline(payback, color=_GREY, linestyle="--", linewidth=1.5)
        ax.annotate(_label("plot.payback", years=payback), (payback, 0),
                    textcoords="offset points",
                    xytext=(8, -8), va="top", fontsize=FONT, color=_LINE,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    ax.set_xticks(years)
    ax.set_xlabel(_label("plot.year"))
    ax.set_ylabel(_label("plot.money") if unit is None else _unit(unit))
    ax.legend(loc="upper left", frameon=False)
    return _readable(ax, _label("plot.cash_title"))


@_plot_doc
def plot_vendor_scores(scores, *, ax=None):
    """Vendors' weighted scores as bars, the winner highlighted.

    Parameters
    ----------
    scores : DataFrame
        The output of :func:`crmlib.vendor_scores` (column ``score``, best first).
    """
    check_dataframe(scores, "scores")
    check_columns(scores, ["score"], "scores")
    ordered = scores.sort_values("score", ascending=False, kind="stable")
    ax = _axes(ax)
    y = np.arange(len(ordered))
    colours = [_GOOD if k == 0 else _GREY for k in range(len(ordered))]
    ax.barh(y, ordered["score"], color=colours, height=0.6)
    for k, score in enumerate(ordered["score"]):
        ax.text(score + 0.01, k, f"{score:.3f}", va="center", fontsize=FONT)
    ax.set_yticks(y, [str(v) for v in ordered.index])
    ax.invert_yaxis()
    ax.set_xlim(0, 1.15)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.set_xlabel(_label("plot.vendor_xlabel"))
    return _readable(ax, _label("plot.vendor_title"))
