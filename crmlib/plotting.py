"""Plots for the lessons: every function is ``plot_*(..., ax=None) -> Axes``.

matplotlib is imported here only, so ``import crmlib`` stays light. Labels are in English; when a
CJK font is installed (Debian: ``fonts-noto-cjk``) :func:`use_chinese_font` lets plots show the
course's Chinese terms too.
"""

from __future__ import annotations

import numpy as np

from crmlib.clv import customer_lifetime_value, margin_multiple

_CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans SC", "WenQuanYi Zen Hei",
                 "Source Han Sans SC", "SimHei", "Microsoft YaHei")


def use_chinese_font() -> str | None:
    """Add an installed CJK font after DejaVu Sans so Chinese labels render; return its name.

    Returns ``None`` (and changes nothing) when no CJK font is installed: then keep labels in
    English rather than drawing empty boxes.
    """
    import matplotlib as mpl
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    for family in _CJK_FAMILIES:
        if family in installed:
            mpl.rcParams["font.family"] = ["DejaVu Sans", family]
            return family
    return None


def _axes(ax, figsize=(6.4, 4.0)):
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def plot_clv_schedule(schedule, *, ax=None):
    """Bars of each period's present value and a line of the running total (the CLV so far).

    Parameters
    ----------
    schedule : DataFrame
        The output of :func:`crmlib.clv_schedule`.
    ax : matplotlib Axes, optional

    Returns
    -------
    Axes
    """
    ax = _axes(ax)
    ax.bar(schedule["period"], schedule["present_value"], color="#4c72b0",
           label="present value of the period's expected margin")
    ax.plot(schedule["period"], schedule["cumulative_present_value"], color="#dd8452",
            marker="o", label="cumulative present value (CLV so far)")
    ax.set_xlabel("period")
    ax.set_ylabel("money")
    ax.legend(loc="center right")
    ax.set_title("How a customer's value builds up period by period")
    return ax


def plot_margin_multiple(discount_rates=(0.10, 0.12, 0.14, 0.16), *, when="end", ax=None):
    """Margin multiple against the retention rate, one line per discount rate.

    Parameters
    ----------
    discount_rates : sequence of float
        Discount rates per period (fractions) to draw.
    when : {"end", "begin"}
        Timing convention.
    ax : matplotlib Axes, optional

    Returns
    -------
    Axes
    """
    ax = _axes(ax)
    retention = np.linspace(0.30, 0.95, 131)
    for rate in discount_rates:
        ax.plot(retention, margin_multiple(retention, rate, when=when),
                label=f"discount rate {rate:.0%}")
    ax.set_xlabel("retention rate r")
    ax.set_ylabel("margin multiple (CLV / margin)")
    ax.set_title("Customer value rises steeply with retention")
    ax.legend()
    ax.grid(alpha=0.3)
    return ax


def plot_clv_conventions(margin, retention_rate, discount_rate=0.0, *, periods=10, ax=None):
    """Cumulative CLV by horizon under both timing conventions, side by side.

    Parameters
    ----------
    margin, retention_rate, discount_rate
        As in :func:`crmlib.customer_lifetime_value` (scalars).
    periods : int
        Longest horizon drawn.
    ax : matplotlib Axes, optional

    Returns
    -------
    Axes
    """
    ax = _axes(ax)
    horizons = np.arange(1, periods + 1)
    for when, style in (("begin", "o-"), ("end", "s--")):
        values = [customer_lifetime_value(margin, retention_rate, discount_rate, horizon=h,
                                          when=when) for h in horizons]
        label = ("first margin now (begin)" if when == "begin"
                 else "first margin after one period (end)")
        ax.plot(horizons, values, style, label=label)
    ax.set_xlabel("horizon (number of margins counted)")
    ax.set_ylabel("CLV")
    ax.set_title("Same customer, two conventions")
    ax.legend()
    ax.grid(alpha=0.3)
    return ax


def plot_turnover_scenario(scenario, *, ax=None):
    """A waterfall from this year's revenue to next year's, against growing with the market.

    Parameters
    ----------
    scenario : Series
        The output of :func:`crmlib.turnover_scenario`.
    ax : matplotlib Axes, optional

    Returns
    -------
    Axes
    """
    ax = _axes(ax)
    start, lost = scenario["revenue"], scenario["lost_revenue"]
    acquired, end = scenario["acquired_revenue"], scenario["revenue_next_year"]
    labels = ["this year", "lost\ncustomers", "new\ncustomers", "next year",
              "growing with\nthe market"]
    bottoms = [0, start - lost, start - lost, 0, 0]
    heights = [start, lost, acquired, end, scenario["market_pace_revenue"]]
    colours = ["#4c72b0", "#c44e52", "#55a868", "#4c72b0", "#8c8c8c"]
    bars = ax.bar(labels, heights, bottom=bottoms, color=colours)
    signs = ["", "−", "+", "", ""]
    ax.bar_label(bars, labels=[f"{sign}{height:,.0f}" for sign, height in zip(signs, heights)],
                 label_type="center", color="white", fontweight="bold")
    ax.set_ylabel("revenue")
    ax.set_title("Running up hill: turnover eats the growth")
    return ax


# --------------------------------------------------------------------------- customer selection
# (customer selection unit, lesson 04)

import pandas as pd  # noqa: E402

from crmlib.rfm import RFM_SEGMENTS, _segment_grid  # noqa: E402
from crmlib.selection import (  # noqa: E402
    CHEVERTON_QUADRANTS,
    VALUE_TIERS,
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
    grid = _segment_grid()                        # grid[R - 1, F - 1]
    codes = np.vectorize(RFM_SEGMENTS.index)(grid).T   # rows = F, columns = R
    colours = ["#1a7f37", "#55a868", "#8fbf6a", "#64b5cd", "#dd8452", "#c44e52", "#8c8c8c"]
    ax.imshow(codes, origin="lower", cmap=ListedColormap(colours), vmin=-0.5,
              vmax=len(RFM_SEGMENTS) - 0.5, extent=(0.5, 5.5, 0.5, 5.5))
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
    ax.legend(handles=[Patch(color=c, label=s) for c, s in zip(colours, RFM_SEGMENTS)],
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
    _quadrant_plot(relative_strength, attractiveness, quadrant, CHEVERTON_QUADRANTS,
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
    _quadrant_plot(current_value, potential_value, tier, VALUE_TIERS, current_threshold,
                   potential_threshold, labels=labels, ax=ax)
    if xscale == "symlog":
        ax.set_xscale("symlog", linthresh=100)
    ax.set_xlabel("current value (profit per year)")
    ax.set_ylabel("potential value (extra profit per year)")
    ax.set_title("Customer value matrix")
    return ax


def _has_cjk() -> bool:
    import matplotlib as mpl

    return any(family in _CJK_FAMILIES for family in mpl.rcParams["font.family"])



# --- prediction unit (lesson 05): purchase models ---------------------------------------------


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


# =========================================================================== lifecycle unit

#: One colour per lifecycle stage (and the ended state), used by every lifecycle plot.
STAGE_COLOURS = {"exploration": "#8172b3", "formation": "#4c72b0", "stability": "#55a868",
                 "decline": "#dd8452", "ended": "#c44e52"}


def plot_lifecycle_profit_curve(curve, *, ax=None):
    """Profit per period as bars coloured by stage, and the relationship's value so far.

    Parameters
    ----------
    curve : DataFrame
        The output of :func:`crmlib.lifecycle_profit_curve`.
    ax : matplotlib Axes, optional

    Returns
    -------
    Axes
    """
    from crmlib.lifecycle import LifecyclePattern

    ax = _axes(ax)
    colours = [STAGE_COLOURS[str(stage)] for stage in curve["stage"]]
    ax.bar(curve["period"], curve["profit"], color=colours)
    ax.plot(curve["period"], curve["cumulative_value"], color="black", marker="o", markersize=3,
            label="value so far (cumulative present value)")
    ax.axhline(0, color="#555555", linewidth=0.8)
    for stage in dict.fromkeys(str(s) for s in curve["stage"]):
        ax.bar([np.nan], [np.nan], color=STAGE_COLOURS[stage], label=f"{stage} stage")
    ax.set_xlabel("period of the relationship")
    ax.set_ylabel("profit per period")
    pattern = curve.attrs.get("pattern")
    title = "Profit over the customer lifecycle"
    if pattern:
        title += f": {LifecyclePattern(pattern).english} pattern"
    ax.set_title(title)
    ax.legend(loc="upper left", fontsize="small")
    return ax


def plot_stage_mix(history, *, ax=None):
    """How many customers are in each stage at each checkpoint: a stacked area over time.

    Parameters
    ----------
    history : DataFrame
        The output of :func:`crmlib.stage_history`.
    ax : matplotlib Axes, optional

    Returns
    -------
    Axes
    """
    ax = _axes(ax, figsize=(7.0, 4.0))
    counts = (history.groupby(["as_of", "stage"], observed=False).size().unstack("stage")
              .fillna(0))
    stages = [s for s in STAGE_COLOURS if s in counts.columns]
    ax.stackplot(counts.index, *(counts[s] for s in stages), labels=stages,
                 colors=[STAGE_COLOURS[s] for s in stages], alpha=0.9)
    ax.set_xlabel("as of")
    ax.set_ylabel("customers")
    ax.set_title("The customer base by lifecycle stage")
    ax.legend(loc="upper left", fontsize="small")
    return ax


def plot_cohort_heatmap(table, *, ax=None, percent=True):
    """A cohort table as a heat map: cohorts down, periods since acquisition across.

    Parameters
    ----------
    table : DataFrame
        From :func:`crmlib.cohort_table` (``normalize=True`` for shares) or
        :func:`crmlib.cohort_survival`.
    ax : matplotlib Axes, optional
    percent : bool, default True
        Write the cells as percentages (for shares); ``False`` writes the numbers.

    Returns
    -------
    Axes
    """
    ax = _axes(ax, figsize=(max(5.0, 0.45 * table.shape[1] + 2), max(2.5, 0.35 * len(table) + 1.5)))
    values = table.to_numpy(dtype=float)
    shown = np.ma.masked_invalid(values)
    # scale the colours to the periods after acquisition: column 0 (the whole cohort) would
    # otherwise wash every later cell out
    later = values[:, 1:] if values.shape[1] > 1 else values
    top = float(np.nanmax(later)) if np.isfinite(later).any() else 1.0
    image = ax.imshow(shown, cmap="Blues", aspect="auto", vmin=0, vmax=top or 1.0)
    for (row, column), value in np.ndenumerate(values):
        if np.isfinite(value):
            text = f"{value:.0%}" if percent else f"{value:,.0f}"
            dark = value > 0.6 * top
            ax.text(column, row, text, ha="center", va="center", fontsize=7,
                    color="white" if dark else "black")
    ax.set_xticks(range(table.shape[1]), [str(c) for c in table.columns])
    labels = table.index
    if isinstance(labels, pd.PeriodIndex) and labels.freqstr.startswith("W"):
        labels = labels.start_time.strftime("%Y-%m-%d")  # weeks by their Monday
    ax.set_yticks(range(len(table)), [str(i) for i in labels])
    ax.set_xlabel(str(table.columns.name or "periods since acquisition").replace("_", " "))
    ax.set_ylabel("acquisition cohort")
    ax.figure.colorbar(image, ax=ax, fraction=0.03, extend="max")
    return ax


def plot_cohort_curves(table, *, ax=None, ylabel="share of the cohort"):
    """One line per acquisition cohort across periods since acquisition.

    Parameters
    ----------
    table : DataFrame
        From :func:`crmlib.cohort_survival` or :func:`crmlib.cohort_table` (``normalize=True``);
        a Series (a pooled curve) is drawn as one line.
    ax : matplotlib Axes, optional
    ylabel : str

    Returns
    -------
    Axes
    """
    ax = _axes(ax)
    frame = table.to_frame().T if hasattr(table, "to_frame") and table.ndim == 1 else table
    for label, row in frame.iterrows():
        ax.plot(row.index, row.to_numpy(dtype=float), marker="o", markersize=3,
                label=str(label))
    ax.set_xlabel(str(frame.columns.name or "periods since acquisition").replace("_", " "))
    ax.set_ylabel(ylabel)
    ax.set_ylim(0, None)
    if len(frame) <= 12:
        ax.legend(fontsize="small", title="cohort")
    ax.grid(alpha=0.3)
    return ax


def plot_retention_projection(comparison, *, ax=None):
    """Actual survivors against the sBG and naive projections (Fader & Hardie 2007, Fig. 1–2).

    Parameters
    ----------
    comparison : DataFrame
        The output of :func:`crmlib.compare_retention_projections`.
    ax : matplotlib Axes, optional

    Returns
    -------
    Axes
    """
    ax = _axes(ax)
    periods = comparison.index.to_numpy()
    calibration = comparison["calibration"].to_numpy()
    ax.axvspan(periods[calibration].min() - 0.3, periods[calibration].max() + 0.5,
               color="#eeeeee", label="calibration (fitted) periods")
    ax.plot(periods, comparison["actual"], "ko", label="actual")
    styles = {"sBG": ("#55a868", "-"), "linear": ("#c44e52", "--"),
              "exponential": ("#dd8452", ":"), "quadratic": ("#8172b3", "-.")}
    for column in comparison.columns.drop(["actual", "calibration"]):
        colour, style = styles.get(column, ("#4c72b0", "-"))
        ax.plot(periods, comparison[column], style, color=colour, linewidth=2, label=column)
    ax.axhline(0, color="#555555", linewidth=0.8)
    ax.set_xlabel("period since acquisition")
    ax.set_ylabel("customers still active")
    ax.set_title("Projecting retention: a model of churn against curve fitting")
    ax.legend(fontsize="small")
    return ax
