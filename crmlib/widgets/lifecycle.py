"""What-if explorers of the lifecycle unit (lesson 03).

Labels come from the text catalogue (``crmlib/text/<language>/lifecycle.toml``; stage and
pattern names from ``vocab_lifecycle.toml``), so the explorers speak the kit's current language
when they are made.
"""

from __future__ import annotations

import html

from crmlib.i18n import text, texts_under
from crmlib.widgets._base import (
    _explorer,
    _log_slider,
    _slider,
    _sliders,
    _svg_bars,
    _svg_lines,
    _toggle,
)

_STAGE_HTML_COLOURS = {"exploration": "#8172b3", "formation": "#4c72b0", "stability": "#55a868",
                       "decline": "#dd8452", "ended": "#c44e52"}


def lifecycle_profit_explorer(*, exploration_periods=1, formation_periods=2, stability_periods=4,
                              decline_periods=2, exploration_profit=-100.0, peak_profit=300.0,
                              discount_rate=0.1):
    """Change how long a relationship stays in each stage and see its profit curve and value.

    Calls :func:`crmlib.lifecycle_profit_curve`; shows the profit per period as bars coloured
    by stage, the relationship's total (discounted) value, the value earned in each stage and
    the lifecycle pattern the durations give.

    Parameters
    ----------
    exploration_periods, formation_periods, stability_periods, decline_periods : int
        Starting periods in each stage, as in :func:`crmlib.lifecycle_profit_curve`.
    exploration_profit, peak_profit, discount_rate : float
        Starting values, as in :func:`crmlib.lifecycle_profit_curve`.

    Returns
    -------
    ipywidgets.VBox
        With ``.controls``, ``.result`` and ``.update()``.
    """
    from crmlib.lifecycle import lifecycle_profit_curve

    label = texts_under("widget.lifecycle.profit")

    controls = _sliders(label, exploration_periods=(exploration_periods, 1, 4, 1),
                        formation_periods=(formation_periods, 0, 6, 1),
                        stability_periods=(stability_periods, 0, 12, 1),
                        decline_periods=(decline_periods, 0, 6, 1),
                        exploration_profit=(exploration_profit, -500, 0, 10, ".0f"),
                        peak_profit=(peak_profit, 0, 1000, 10, ".0f"),
                        discount_rate=(discount_rate, 0.0, 0.3, 0.01, ".2f"))

    def render(**values):
        curve = lifecycle_profit_curve(**values)
        pattern = curve.attrs["pattern"]
        colours = [_STAGE_HTML_COLOURS[str(stage)] for stage in curve["stage"]]
        by_stage = curve.groupby("stage", observed=True)["present_value"].sum()
        rows = "".join(
            f"<tr><td><span style='color:{_STAGE_HTML_COLOURS[str(stage)]}'>■</span> "
            f"{html.escape(text(f'vocab.lifecycle_stage.{stage}.label'))}</td>"
            f"<td style='text-align:right'>{value:,.0f}</td></tr>"
            for stage, value in by_stage.items())
        total = curve["cumulative_value"].iloc[-1]
        headline = label("pattern", pattern=html.escape(text(f"lifecycle.pattern_shown.{pattern}")),
                         description=html.escape(
                             text(f"vocab.lifecycle_pattern.{pattern}.description")))
        return (f"<p>{headline}</p>{_svg_bars(curve['profit'].tolist(), colours)}"
                f"<p>{label('value', total=f'{total:,.0f}')}</p><table><tr>"
                f"<th>{html.escape(label('stage'))}</th>"
                f"<th>{html.escape(label('value_earned'))}</th></tr>{rows}</table>")

    return _explorer(controls, render, label("title"))


def sbg_explorer(segment="high_end", *, alpha=1.0, beta=1.0, calibration_periods=7):
    """Move the sBG's α and β and see its survival curve against the Fader–Hardie data.

    Shows the actual survivors of the chosen segment (years 0–12), the curve your α and β give,
    the maximum-likelihood curve fitted on the calibration years, the log-likelihood of each on
    the calibration years and the year-12 projections.

    Parameters
    ----------
    segment : {"regular", "high_end"}, default "high_end"
        Which of the two series of :func:`crmlib.datasets.load_retention_series` to start with.
    alpha, beta : float, default 1.0
        Starting values of your α and β.
    calibration_periods : int, default 7
        Years used for the maximum-likelihood fit (years 0 … this).

    Returns
    -------
    ipywidgets.VBox
        With ``.controls``, ``.result`` and ``.update()``.
    """
    from crmlib.datasets import load_retention_series
    from crmlib.retention_projection import ShiftedBetaGeometric

    series = load_retention_series()
    years = series["year"].to_numpy()

    label = texts_under("widget.lifecycle.sbg")

    controls = {
        "segment": _toggle(segment, [(label("regular"), "regular"),
                                     (label("high_end"), "high_end")], label("segment")),
        "alpha": _log_slider(alpha, label("alpha")),
        "beta": _log_slider(beta, label("beta")),
        "calibration_periods": _slider("int", calibration_periods, 2, 12, 1,
                                       label("calibration_periods")),
    }

    def render(segment, alpha, beta, calibration_periods):
        actual = series[segment].to_numpy(dtype=float)
        calibration = actual[: calibration_periods + 1]
        fitted = ShiftedBetaGeometric().fit(calibration)
        yours = ShiftedBetaGeometric.from_params(alpha, beta, cohort_size=actual[0])
        fitted_alpha, fitted_beta = fitted.params_["alpha"], fitted.params_["beta"]
        chart = _svg_lines(years, [
            (label("actual"), actual, "#000000", False, True),
            (label("yours", alpha=alpha, beta=beta), yours.project(years), "#dd8452", True,
             False),
            (label("fitted", years=calibration_periods, alpha=fitted_alpha, beta=fitted_beta),
             fitted.project(years), "#55a868", False, False),
        ], y_max=float(actual[0]))
        rows = [(label("your_row"), yours), (label("fitted_row"), fitted)]
        table = "".join(
            f"<tr><td>{html.escape(name)}</td><td style='text-align:right'>"
            f"{model.log_likelihood(calibration):,.1f}</td><td style='text-align:right'>"
            f"{model.project(12):,.0f}</td><td style='text-align:right'>"
            f"{model.retention(1):.3f} → {model.retention(12):.3f}</td></tr>"
            for name, model in rows)
        churn = label("mean_churn", yours=yours.mean_churn_probability(),
                      fitted=fitted.mean_churn_probability())
        return (f"{chart}<table><tr><th></th>"
                f"<th>{html.escape(label('log_likelihood', years=calibration_periods))}</th>"
                f"<th>{html.escape(label('year_12', actual=actual[12]))}</th>"
                f"<th>{html.escape(label('retention'))}</th></tr>{table}</table>"
                f"<p style='color:#555'>{html.escape(churn)}</p>")

    return _explorer(controls, render, label("title"))
