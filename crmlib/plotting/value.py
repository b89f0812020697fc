"""Plots of the customer-value units (lessons 01 and 02): CLV, margin multiples, turnover."""

from __future__ import annotations

import numpy as np

from crmlib.clv import customer_lifetime_value, margin_multiple
from crmlib.plotting._base import _axes


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
