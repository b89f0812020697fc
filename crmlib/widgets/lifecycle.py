"""What-if explorers of the lifecycle unit (lesson 03)."""

from __future__ import annotations

import html

from crmlib.widgets._base import _explorer, _slider, _svg_bars, _svg_lines

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
    from crmlib.lifecycle import LifecyclePattern, lifecycle_profit_curve

    controls = {
        "exploration_periods": _slider("int", exploration_periods, 1, 4, 1,
                                       "exploration (periods)"),
        "formation_periods": _slider("int", formation_periods, 0, 6, 1, "formation (periods)"),
        "stability_periods": _slider("int", stability_periods, 0, 12, 1, "stability (periods)"),
        "decline_periods": _slider("int", decline_periods, 0, 6, 1, "decline (periods)"),
        "exploration_profit": _slider("float", exploration_profit, -500, 0, 10,
                                      "profit while exploring", ".0f"),
        "peak_profit": _slider("float", peak_profit, 0, 1000, 10, "profit when stable", ".0f"),
        "discount_rate": _slider("float", discount_rate, 0.0, 0.3, 0.01, "discount rate i",
                                 ".2f"),
    }

    def render(**values):
        curve = lifecycle_profit_curve(**values)
        pattern = LifecyclePattern(curve.attrs["pattern"])
        colours = [_STAGE_HTML_COLOURS[str(stage)] for stage in curve["stage"]]
        by_stage = curve.groupby("stage", observed=True)["present_value"].sum()
        rows = "".join(
            f"<tr><td><span style='color:{_STAGE_HTML_COLOURS[str(stage)]}'>■</span> "
            f"{html.escape(str(stage))}</td><td style='text-align:right'>{value:,.0f}</td></tr>"
            for stage, value in by_stage.items())
        total = curve["cumulative_value"].iloc[-1]
        return (f"<p>Pattern: <b>{html.escape(pattern.english)} ({pattern.chinese})</b> — "
                f"{html.escape(pattern.description)}</p>"
                f"{_svg_bars(curve['profit'].tolist(), colours)}"
                f"<p>Value of the relationship (present value of all periods): "
                f"<b>{total:,.0f}</b></p><table><tr><th>stage</th><th>value earned</th></tr>"
                f"{rows}</table>")

    return _explorer(controls, render, "The profit of a customer relationship, stage by stage")


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
    import ipywidgets as widgets

    from crmlib.datasets import load_retention_series
    from crmlib.retention_projection import ShiftedBetaGeometric

    series = load_retention_series()
    years = series["year"].to_numpy()

    def log_slider(value, description):
        return widgets.FloatLogSlider(value=value, base=10, min=-1.5, max=1.5, step=0.01,
                                      description=description, continuous_update=False,
                                      readout_format=".3f", style={"description_width": "12em"},
                                      layout=widgets.Layout(width="34em"))

    controls = {
        "segment": widgets.ToggleButtons(options=[("regular", "regular"),
                                                  ("high end", "high_end")], value=segment,
                                         description="customers"),
        "alpha": log_slider(alpha, "your α"),
        "beta": log_slider(beta, "your β"),
        "calibration_periods": _slider("int", calibration_periods, 2, 12, 1,
                                       "years used to fit"),
    }

    def render(segment, alpha, beta, calibration_periods):
        actual = series[segment].to_numpy(dtype=float)
        calibration = actual[: calibration_periods + 1]
        fitted = ShiftedBetaGeometric().fit(calibration)
        yours = ShiftedBetaGeometric.from_params(alpha, beta, cohort_size=actual[0])
        chart = _svg_lines(years, [
            ("actual", actual, "#000000", False, True),
            (f"your α, β ({alpha:.3f}, {beta:.3f})", yours.project(years), "#dd8452", True, False),
            (f"fitted on years 0–{calibration_periods} (α = {fitted.params_['alpha']:.3f}, "
             f"β = {fitted.params_['beta']:.3f})", fitted.project(years), "#55a868", False,
             False),
        ], y_max=float(actual[0]))
        rows = [("your α, β", yours), ("maximum likelihood", fitted)]
        table = "".join(
            f"<tr><td>{name}</td><td style='text-align:right'>"
            f"{model.log_likelihood(calibration):,.1f}</td><td style='text-align:right'>"
            f"{model.project(12):,.0f}</td><td style='text-align:right'>"
            f"{model.retention(1):.3f} → {model.retention(12):.3f}</td></tr>"
            for name, model in rows)
        return (f"{chart}<table><tr><th></th><th>log-likelihood, years 0–{calibration_periods}"
                f"</th><th>year-12 survivors (actual {actual[12]:,.0f})</th>"
                f"<th>retention year 1 → 12</th></tr>{table}</table>"
                f"<p style='color:#555'>Mean churn probability α/(α+β): yours "
                f"{yours.mean_churn_probability():.3f}, fitted "
                f"{fitted.mean_churn_probability():.3f}.</p>")

    return _explorer(controls, render, "Fit the shifted-beta-geometric model by hand")
