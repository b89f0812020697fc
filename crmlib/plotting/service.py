"""Plots of the service unit (lesson 07): SERVQUAL gaps, waiting times, staffing by hour.

Text is drawn at 12 pt or more so the figures stay readable when projected. Labels come from
the text catalogue (``crmlib/text/<language>/service.toml``), so :func:`crmlib.set_language`
switches them; Chinese labels are used only when a CJK font is active
(:func:`crmlib.plotting.use_chinese_font`), otherwise the plots fall back to English rather than
draw empty boxes.
"""

from __future__ import annotations

import numpy as np

from crmlib.plotting._base import _axes, _Catalogue, _has_cjk, _plot_doc, _text_sizes
from crmlib.service import wait_probability

_FONT = 12            # points: labels, ticks, legend
_TITLE_FONT = 13
_GOOD, _BAD, _NEUTRAL = "#55a868", "#c44e52", "#4c72b0"


#: This module's labels (``plot.service.*``); ``_has_cjk`` is looked up at each call.
_label = _Catalogue("plot.service", lambda: _has_cjk())


def _dimension(name) -> str:
    """A SERVQUAL dimension's label; a name the catalogue does not know is shown as it is."""
    return _label.text_or(f"vocab.servqual_dimension.{name}.label", str(name))


def _readable(ax):
    return _text_sizes(ax, _FONT, _TITLE_FONT)


@_plot_doc(draws="crmlib.servqual_gaps")
def plot_servqual_gaps(gaps, *, ax=None):
    """Horizontal bars of the SERVQUAL gap (perception − expectation) per dimension.

    Bars below zero (service short of expectations) are red, above zero green; each bar is
    labelled with its gap and, when ``gaps`` has a ``weight`` column, the dimension's weight
    (the labels sit right of the zero line).
    """
    ax = _axes(ax, figsize=(7.5, 4.0))
    order = list(gaps.index)[::-1]                    # first dimension on top
    values = gaps.loc[order, "gap"].to_numpy(dtype=float)
    colours = [_BAD if v < 0 else _GOOD for v in values]
    ax.barh([_dimension(name) for name in order], values, color=colours)
    ax.axvline(0, color="#333333", linewidth=1)
    span = max(float(np.abs(values).max()), 0.1)
    for y, (dimension, value) in enumerate(zip(order, values)):
        label = f"{value:+.2f}"
        if "weight" in gaps.columns:
            label += _label("servqual_gaps.weight", weight=gaps.loc[dimension, "weight"])
        # labels sit right of the zero line (or of a positive bar), clear of the axis labels
        ax.text(max(value, 0.0) + 0.04 * span, y, label, va="center", ha="left",
                fontsize=_FONT)
    ax.set_xlim(-1.15 * span, 2.3 * span)
    ax.set_xlabel(_label("servqual_gaps.xlabel"))
    ax.set_title(_label("servqual_gaps.title"))
    ax.grid(axis="x", alpha=0.3)
    return _readable(ax)


@_plot_doc
def plot_wait_distribution(arrival_rate, service_rate, servers, *, max_wait, horizon=None,
                           time_label=None, ax=None):
    """The share of customers whose service starts within t, for t from 0 to ``horizon``.

    One line per staffing level: :math:`P(W_q \\le t) = 1 - C e^{-(c\\mu-\\lambda)t}`
    (:func:`crmlib.wait_probability`). The line starts at the share who do not wait at all;
    the dashed vertical line marks the limit ``max_wait`` and each line is labelled with the
    share served within it (to 0.1%) and the limit in ``time_label``'s unit.

    Parameters
    ----------
    arrival_rate, service_rate : float
        :math:`\\lambda` and :math:`\\mu`, in the same time unit as ``max_wait``.
    servers : int or sequence of int
        Staffing levels to draw (each must keep the queue stable).
    max_wait : float
        The limit (e.g. 15 for fifteen minutes).
    horizon : float, optional
        Right end of the time axis. Default: twice ``max_wait``.
    time_label : str, optional
        The unit, for the axis label and the legend. Default: "minutes" in the kit's
        language.
    """
    ax = _axes(ax)
    levels = [servers] if np.ndim(servers) == 0 else list(servers)
    horizon = 2 * max_wait if horizon is None else horizon
    t = np.linspace(0, horizon, 201)
    colours = ["#c44e52", "#dd8452", "#4c72b0", "#55a868", "#8172b3", "#937860"]
    unit = _label("wait_distribution.minutes") if time_label is None else time_label
    for c, colour in zip(levels, colours * (len(levels) // len(colours) + 1)):
        served = 1 - wait_probability(t, arrival_rate, service_rate, c)
        within = 1 - float(wait_probability(max_wait, arrival_rate, service_rate, c))
        ax.plot(t, served, color=colour, linewidth=2,
                label=_label("wait_distribution.line", staff=c, within=within, limit=max_wait,
                             unit=unit))
    ax.axvline(max_wait, color="#333333", linestyle="--", linewidth=1)
    ax.set_ylim(0, 1.02)
    ax.set_xlim(0, horizon)
    ax.yaxis.set_major_formatter("{x:.0%}")
    ax.set_xlabel(_label("wait_distribution.xlabel", unit=unit))
    ax.set_ylabel(_label("wait_distribution.ylabel"))
    ax.set_title(_label("wait_distribution.title"))
    ax.legend(loc="lower right")
    ax.grid(alpha=0.3)
    return _readable(ax)


@_plot_doc
def plot_staffing_plan(plan, *, ax=None):
    """Staff needed per period (bars) against the offered load (line).

    The offered load :math:`a = \\lambda/\\mu` is the number of staff busy on average; the
    bars are what :func:`crmlib.staffing_plan` asks for to meet the waiting target, so the
    gap between them is the spare capacity the target costs.

    Parameters
    ----------
    plan : DataFrame
        The output of :func:`crmlib.staffing_plan` for one day (its index labels the x-axis;
        its name, e.g. ``hour``, titles it).
    """
    ax = _axes(ax)
    x = np.arange(len(plan))
    labels = [str(label) for label in plan.index]
    ax.bar(x, plan["servers"], color="#a1c9f4", edgecolor=_NEUTRAL,
           label=_label("staffing_plan.needed"))
    ax.plot(x, plan["offered_load"], color=_BAD, marker="o", linewidth=2,
            label=_label("staffing_plan.busy"))
    ax.set_xticks(x, labels)
    ax.set_ylim(0, float(plan["servers"].max()) + 1.5)
    name = plan.index.name
    ax.set_xlabel(_label("staffing_plan.period") if name is None
                  else _label.text_or(f"plot.service.staffing_plan.index.{name}", str(name)))
    ax.set_ylabel(_label("staffing_plan.ylabel"))
    ax.set_title(_label("staffing_plan.title"))
    ax.legend(loc="upper left")
    ax.grid(axis="y", alpha=0.3)
    return _readable(ax)
