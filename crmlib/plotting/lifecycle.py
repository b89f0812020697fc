"""Plots of the lifecycle unit (lesson 03): profit curves, stage mix, cohorts, projections.

Labels come from the text catalogue (``crmlib/text/<language>/lifecycle.toml``; stage and
pattern names from ``vocab_lifecycle.toml``) when a plot is drawn, so
:func:`crmlib.set_language` switches them; without a CJK font the plots fall back to English
rather than draw empty boxes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from crmlib.plotting._base import _axes, _Catalogue, _has_cjk, _plot_doc

#: One colour per lifecycle stage (and the ended state), used by every lifecycle plot.
STAGE_COLOURS = {"exploration": "#8172b3", "formation": "#4c72b0", "stability": "#55a868",
                 "decline": "#dd8452", "ended": "#c44e52"}


#: This module's labels (``plot.lifecycle.*``); ``_has_cjk`` is looked up at each call.
_label = _Catalogue("plot.lifecycle", lambda: _has_cjk())


def _named(vocabulary: str, name) -> str:
    """A stage's or pattern's name; a name the catalogue does not know is shown as it is."""
    return _label.text_or(f"vocab.{vocabulary}.{name}.label", str(name))


def _axis_label(name, default: str) -> str:
    """The label of a cohort table's columns (``months_since_acquisition`` …)."""
    if name is None:
        return _label(default)
    return _label.text_or(f"plot.lifecycle.cohorts.axis.{name}", str(name).replace("_", " "))


@_plot_doc(draws="crmlib.lifecycle_profit_curve")
def plot_lifecycle_profit_curve(curve, *, ax=None):
    """Profit per period as bars coloured by stage, and the relationship's value so far."""
    ax = _axes(ax)
    colours = [STAGE_COLOURS[str(stage)] for stage in curve["stage"]]
    ax.bar(curve["period"], curve["profit"], color=colours)
    ax.plot(curve["period"], curve["cumulative_value"], color="black", marker="o", markersize=3,
            label=_label("profit_curve.value_so_far"))
    ax.axhline(0, color="#555555", linewidth=0.8)
    for stage in dict.fromkeys(str(s) for s in curve["stage"]):
        ax.bar([np.nan], [np.nan], color=STAGE_COLOURS[stage],
               label=_named("lifecycle_stage", stage))
    ax.set_xlabel(_label("profit_curve.xlabel"))
    ax.set_ylabel(_label("profit_curve.ylabel"))
    pattern = curve.attrs.get("pattern")
    ax.set_title(_label("profit_curve.title_pattern",
                        pattern=_named("lifecycle_pattern", pattern)) if pattern
                 else _label("profit_curve.title"))
    ax.legend(loc="upper left", fontsize="small")
    return ax


@_plot_doc(draws="crmlib.stage_history")
def plot_stage_mix(history, *, ax=None):
    """How many customers are in each stage at each checkpoint: a stacked area over time."""
    ax = _axes(ax, figsize=(7.0, 4.0))
    counts = (history.groupby(["as_of", "stage"], observed=False).size().unstack("stage")
              .fillna(0))
    stages = [s for s in STAGE_COLOURS if s in counts.columns]
    ax.stackplot(counts.index, *(counts[s] for s in stages),
                 labels=[_named("lifecycle_stage", s) for s in stages],
                 colors=[STAGE_COLOURS[s] for s in stages], alpha=0.9)
    ax.set_xlabel(_label("stage_mix.xlabel"))
    ax.set_ylabel(_label("stage_mix.ylabel"))
    ax.set_title(_label("stage_mix.title"))
    ax.legend(loc="upper left", fontsize="small")
    return ax


@_plot_doc
def plot_cohort_heatmap(table, *, ax=None, percent=True):
    """A cohort table as a heat map: cohorts down, periods since acquisition across.

    Parameters
    ----------
    table : DataFrame
        From :func:`crmlib.cohort_table` (``normalize=True`` for shares) or
        :func:`crmlib.cohort_survival`.
    percent : bool, default True
        Write the cells as percentages (for shares); ``False`` writes the numbers.
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
            cell = f"{value:.0%}" if percent else f"{value:,.0f}"
            dark = value > 0.6 * top
            ax.text(column, row, cell, ha="center", va="center", fontsize=7,
                    color="white" if dark else "black")
    ax.set_xticks(range(table.shape[1]), [str(c) for c in table.columns])
    labels = table.index
    if isinstance(labels, pd.PeriodIndex) and labels.freqstr.startswith("W"):
        labels = labels.start_time.strftime("%Y-%m-%d")  # weeks by their Monday
    ax.set_yticks(range(len(table)), [str(i) for i in labels])
    ax.set_xlabel(_axis_label(table.columns.name, "cohorts.periods"))
    ax.set_ylabel(_label("cohorts.cohort"))
    ax.figure.colorbar(image, ax=ax, fraction=0.03, extend="max")
    return ax


@_plot_doc
def plot_cohort_curves(table, *, ax=None, ylabel=None):
    """One line per acquisition cohort across periods since acquisition.

    Parameters
    ----------
    table : DataFrame
        From :func:`crmlib.cohort_survival` or :func:`crmlib.cohort_table` (``normalize=True``);
        a Series (a pooled curve) is drawn as one line.
    ylabel : str, optional
        Default: "share of the cohort" (in the kit's language).
    """
    ax = _axes(ax)
    frame = table.to_frame().T if hasattr(table, "to_frame") and table.ndim == 1 else table
    for label, row in frame.iterrows():
        ax.plot(row.index, row.to_numpy(dtype=float), marker="o", markersize=3,
                label=str(label))
    ax.set_xlabel(_axis_label(frame.columns.name, "cohorts.periods"))
    ax.set_ylabel(_label("cohorts.share") if ylabel is None else ylabel)
    ax.set_ylim(0, None)
    if len(frame) <= 12:
        ax.legend(fontsize="small", title=_label("cohorts.legend"))
    ax.grid(alpha=0.3)
    return ax


@_plot_doc(draws="crmlib.compare_retention_projections")
def plot_retention_projection(comparison, *, ax=None):
    """Actual survivors against the sBG and naive projections (Fader & Hardie 2007, Fig. 1–2)."""
    ax = _axes(ax)
    periods = comparison.index.to_numpy()
    calibration = comparison["calibration"].to_numpy()
    ax.axvspan(periods[calibration].min() - 0.3, periods[calibration].max() + 0.5,
               color="#eeeeee", label=_label("projection.calibration"))
    ax.plot(periods, comparison["actual"], "ko", label=_label("projection.actual"))
    styles = {"sBG": ("#55a868", "-"), "linear": ("#c44e52", "--"),
              "exponential": ("#dd8452", ":"), "quadratic": ("#8172b3", "-.")}
    for column in comparison.columns.drop(["actual", "calibration"]):
        colour, style = styles.get(column, ("#4c72b0", "-"))
        ax.plot(periods, comparison[column], style, color=colour, linewidth=2,
                label=_label.text_or(f"plot.lifecycle.projection.{column}", str(column)))
    ax.axhline(0, color="#555555", linewidth=0.8)
    ax.set_xlabel(_label("projection.xlabel"))
    ax.set_ylabel(_label("projection.ylabel"))
    ax.set_title(_label("projection.title"))
    ax.legend(fontsize="small")
    return ax
