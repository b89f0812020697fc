"""Plots of the customer-value units (lessons 01 and 02): CLV, margin multiples, turnover.

Labels come from the text catalogue (``crmlib/text/<language>/plots_value.toml``), looked up
when a plot is drawn, so :func:`crmlib.set_language` switches them; Chinese labels are used only
when a CJK font is active (:func:`crmlib.plotting.use_chinese_font`), otherwise the plots fall
back to English rather than draw empty boxes. Plots of money take ``unit`` (``"yuan"``,
``"million_yuan"`` or ``"dollars"``) and write it, translated, in the axis label.
"""

from __future__ import annotations

import numpy as np

from crmlib._validation import check_choice
from crmlib.clv import customer_lifetime_value, margin_multiple
from crmlib.plotting._base import _axes, _Catalogue, _has_cjk, _plot_doc

#: The money units a value plot can name on its axis (keys of ``[units]`` in the catalogue).
MONEY_UNITS = ("yuan", "million_yuan", "dollars")


#: This module's labels (``plot.value.*``); ``_has_cjk`` is looked up at each call.
_label = _Catalogue("plot.value", lambda: _has_cjk())


def _check_unit(unit) -> None:
    if unit is not None:
        check_choice(unit, "unit", MONEY_UNITS)


def _money_label(plot: str, unit) -> str:
    """The axis label of a money axis, with the unit in brackets when one is given."""
    if unit is None:
        return _label(f"{plot}.ylabel")
    return _label(f"{plot}.ylabel_unit", unit=_label.text(f"units.{unit}"))


@_plot_doc(draws="crmlib.clv_schedule")
def plot_clv_schedule(schedule, *, unit=None, ax=None):
    """Bars of each period's present value and a line of the running total (the CLV so far).

    Parameters
    ----------
    unit : {"yuan", "million_yuan", "dollars"}, optional
        The money unit of the schedule, named on the y axis.
    """
    _check_unit(unit)
    ax = _axes(ax)
    ax.bar(schedule["period"], schedule["present_value"], color="#4c72b0",
           label=_label("clv_schedule.bars"))
    ax.plot(schedule["period"], schedule["cumulative_present_value"], color="#dd8452",
            marker="o", label=_label("clv_schedule.line"))
    ax.set_xlabel(_label("clv_schedule.xlabel"))
    ax.set_ylabel(_money_label("clv_schedule", unit))
    ax.legend(loc="center right")
    ax.set_title(_label("clv_schedule.title"))
    return ax


@_plot_doc
def plot_margin_multiple(discount_rates=(0.10, 0.12, 0.14, 0.16), *, when="end", ax=None):
    """Margin multiple against the retention rate, one line per discount rate.

    Parameters
    ----------
    discount_rates : sequence of float
        Discount rates per period (fractions) to draw.
    when : {"end", "begin"}
        Timing convention.
    """
    ax = _axes(ax)
    retention = np.linspace(0.30, 0.95, 131)
    for rate in discount_rates:
        ax.plot(retention, margin_multiple(retention, rate, when=when),
                label=_label("margin_multiple.line", rate=rate))
    ax.set_xlabel(_label("margin_multiple.xlabel"))
    ax.set_ylabel(_label("margin_multiple.ylabel"))
    ax.set_title(_label("margin_multiple.title"))
    ax.legend()
    ax.grid(alpha=0.3)
    return ax


@_plot_doc
def plot_clv_conventions(margin, retention_rate, discount_rate=0.0, *, periods=10, unit=None,
                         ax=None):
    """Cumulative CLV by horizon under both timing conventions, side by side.

    Parameters
    ----------
    margin, retention_rate, discount_rate
        As in :func:`crmlib.customer_lifetime_value` (scalars).
    periods : int
        Longest horizon drawn.
    unit : {"yuan", "million_yuan", "dollars"}, optional
        The money unit of the margin, named on the y axis.
    """
    _check_unit(unit)
    ax = _axes(ax)
    horizons = np.arange(1, periods + 1)
    for when, style in (("begin", "o-"), ("end", "s--")):
        values = [customer_lifetime_value(margin, retention_rate, discount_rate, horizon=h,
                                          when=when) for h in horizons]
        ax.plot(horizons, values, style, label=_label(f"clv_conventions.{when}"))
    ax.set_xlabel(_label("clv_conventions.xlabel"))
    ax.set_ylabel(_money_label("clv_conventions", unit))
    ax.set_title(_label("clv_conventions.title"))
    ax.legend()
    ax.grid(alpha=0.3)
    return ax


@_plot_doc(draws="crmlib.turnover_scenario", kind="Series")
def plot_turnover_scenario(scenario, *, unit=None, ax=None):
    """A waterfall from this year's revenue to next year's, against growing with the market.

    Parameters
    ----------
    unit : {"yuan", "million_yuan", "dollars"}, optional
        The money unit of the scenario's revenue, named on the y axis (lesson 01 works in
        ``"million_yuan"``).
    """
    _check_unit(unit)
    ax = _axes(ax)
    start, lost = scenario["revenue"], scenario["lost_revenue"]
    acquired, end = scenario["acquired_revenue"], scenario["revenue_next_year"]
    labels = [_label(f"turnover_scenario.{key}")
              for key in ("this_year", "lost", "acquired", "next_year", "with_market")]
    bottoms = [0, start - lost, start - lost, 0, 0]
    heights = [start, lost, acquired, end, scenario["market_pace_revenue"]]
    colours = ["#4c72b0", "#c44e52", "#55a868", "#4c72b0", "#8c8c8c"]
    bars = ax.bar(labels, heights, bottom=bottoms, color=colours)
    signs = ["", "−", "+", "", ""]
    ax.bar_label(bars, labels=[f"{sign}{height:,.0f}" for sign, height in zip(signs, heights)],
                 label_type="center", color="white", fontweight="bold")
    ax.set_ylabel(_money_label("turnover_scenario", unit))
    ax.set_title(_label("turnover_scenario.title"))
    return ax
