"""What-if explorers for the lessons: ``*_explorer(...) -> widget``.

No formulas live here: each explorer reads its controls, calls a concept module and shows the
result as HTML (fast to update, readable in any viewer that keeps widget state). Every explorer
returned has ``.controls`` (name → control widget), ``.result`` (the HTML widget showing the
result) and ``.update()``; moving a control updates the result. ipywidgets is imported here
only.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Mapping

from crmlib.clv import clv_lever_effects, margin_multiple
from crmlib.economics import turnover_scenario


def _explorer(controls: Mapping, render: Callable[..., str], title: str):
    """Lay out ``controls`` above an HTML result that ``render(**values)`` fills in."""
    import ipywidgets as widgets

    result = widgets.HTML()

    def update(_change=None):
        values = {name: control.value for name, control in controls.items()}
        try:
            result.value = render(**values)
        except (ValueError, TypeError) as error:  # e.g. retention 1 with no discounting
            result.value = f'<span style="color:#b42318">⚠️ {html.escape(str(error))}</span>'

    for control in controls.values():
        control.observe(update, names="value")
    box = widgets.VBox([widgets.HTML(f"<b>{html.escape(title)}</b>"),
                        widgets.VBox(list(controls.values())), result])
    box.controls, box.result, box.update = dict(controls), result, update
    update()
    return box


def _bar(fraction: float, colour: str) -> str:
    width = max(0.0, min(1.0, fraction)) * 100
    return (f'<div style="background:{colour};height:0.9em;width:{width:.1f}%;'
            f'min-width:1px"></div>')


def _slider(kind, value, low, high, step, description, fmt=None):
    import ipywidgets as widgets

    cls = widgets.FloatSlider if kind == "float" else widgets.IntSlider
    options = {"readout_format": fmt} if fmt else {}
    return cls(value=value, min=low, max=high, step=step, description=description,
               continuous_update=False, style={"description_width": "12em"},
               layout=widgets.Layout(width="34em"), **options)


def clv_explorer(margin=2000.0, retention_rate=0.8, discount_rate=0.1, *,
                 acquisition_cost=0.0, when="end"):
    """Move margin, retention and discount rate and see CLV and which lever matters most.

    Shows the CLV for the current settings and, from :func:`crmlib.clv_lever_effects`, the
    CLV after a 10% higher margin, five points more retention or two points lower discount
    rate, as a table with bars.

    Parameters
    ----------
    margin, retention_rate, discount_rate, acquisition_cost, when
        Starting values, as in :func:`crmlib.customer_lifetime_value`.

    Returns
    -------
    ipywidgets.VBox
        With ``.controls``, ``.result`` and ``.update()``.
    """
    import ipywidgets as widgets

    controls = {
        "margin": _slider("float", margin, 0, 10_000, 100, "margin per period", ".0f"),
        "retention_rate": _slider("float", retention_rate, 0.0, 0.99, 0.01, "retention rate r",
                                  ".2f"),
        "discount_rate": _slider("float", discount_rate, 0.0, 0.30, 0.01, "discount rate i",
                                 ".2f"),
        "acquisition_cost": _slider("float", acquisition_cost, 0, 5_000, 100,
                                    "acquisition cost", ".0f"),
        "when": widgets.ToggleButtons(options=[("first margin after a period", "end"),
                                               ("first margin now", "begin")], value=when,
                                      description="timing", style={"button_width": "16em"}),
    }

    def render(margin, retention_rate, discount_rate, acquisition_cost, when):
        table = clv_lever_effects(margin, retention_rate, discount_rate, when=when,
                                  acquisition_cost=acquisition_cost)
        multiple = margin_multiple(retention_rate, discount_rate, when=when)
        top = max((abs(v) for v in table["clv"] if math.isfinite(v)), default=1.0) or 1.0
        rows = "".join(
            f"<tr><td>{html.escape(row.lever)}</td><td style='text-align:right'>{row.clv:,.0f}"
            f"</td><td style='text-align:right'>{row.change_pct:+.1f}%</td>"
            f"<td style='width:14em'>{_bar(row.clv / top, '#4c72b0')}</td></tr>"
            for row in table.itertuples())
        return (f"<p>CLV = <b>{table['clv'].iloc[0]:,.0f}</b> "
                f"(margin multiple {multiple:.2f})</p>"
                "<table><tr><th>improve</th><th>CLV</th><th>change</th><th></th></tr>"
                f"{rows}</table><p style='color:#555'>margin +10%, retention +5 points, "
                "discount rate −2 points</p>")

    return _explorer(controls, render, "What is a customer worth?")


def turnover_explorer(revenue=1_000_000_000, turnover_rate=0.30, market_growth_rate=0.15, *,
                      acquisition_rate=None):
    """Move turnover, market growth and acquisition and see next year's revenue.

    Parameters
    ----------
    revenue, turnover_rate, market_growth_rate, acquisition_rate
        Starting values, as in :func:`crmlib.turnover_scenario` (acquisition defaults to the
        market growth rate).

    Returns
    -------
    ipywidgets.VBox
        With ``.controls``, ``.result`` and ``.update()``.
    """
    acquisition_rate = market_growth_rate if acquisition_rate is None else acquisition_rate
    controls = {
        "turnover_rate": _slider("float", turnover_rate, 0.0, 0.6, 0.01, "customer turnover",
                                 ".2f"),
        "market_growth_rate": _slider("float", market_growth_rate, 0.0, 0.4, 0.01,
                                      "market growth", ".2f"),
        "acquisition_rate": _slider("float", acquisition_rate, 0.0, 0.8, 0.01,
                                    "new-customer revenue", ".2f"),
    }

    def render(turnover_rate, market_growth_rate, acquisition_rate):
        s = turnover_scenario(revenue, turnover_rate, market_growth_rate,
                              acquisition_rate=acquisition_rate)
        top = max(s["revenue"], s["revenue_next_year"], s["market_pace_revenue"]) or 1.0
        lines = [("this year", s["revenue"], "#4c72b0"),
                 ("next year", s["revenue_next_year"], "#55a868"),
                 ("growing with the market", s["market_pace_revenue"], "#8c8c8c")]
        rows = "".join(f"<tr><td>{name}</td><td style='text-align:right'>{value:,.0f}</td>"
                       f"<td style='width:14em'>{_bar(value / top, colour)}</td></tr>"
                       for name, value, colour in lines)
        verdict = "grows" if s["net_change"] > 0 else ("stands still" if s["net_change"] == 0
                                                        else "shrinks")
        return (f"<table>{rows}</table><p>Revenue {verdict}: net change "
                f"<b>{s['net_change']:+,.0f}</b>; shortfall against the market "
                f"{s['shortfall_vs_market']:,.0f}. To grow with the market, new customers must "
                f"bring <b>{s['required_acquisition_rate']:.0%}</b> of revenue.</p>")

    return _explorer(controls, render, "Customer turnover against market growth")


__all__ = ["clv_explorer", "turnover_explorer"]


# --------------------------------------------------------------------------- customer selection
# (customer selection unit, lesson 04)

from crmlib.selection import cheverton_matrix, value_matrix, value_tier_summary  # noqa: E402

_QUADRANT_HTML_COLOURS = {"key": "#c44e52", "key development": "#dd8452",
                          "maintenance": "#4c72b0", "opportunistic": "#8c8c8c",
                          "high-end": "#c44e52", "potential": "#dd8452", "basic": "#4c72b0",
                          "tail": "#8c8c8c"}


def _tag(name: str) -> str:
    colour = _QUADRANT_HTML_COLOURS.get(name, "#333333")
    return f'<b style="color:{colour}">{html.escape(name)}</b>'


def cheverton_explorer(accounts=None, attractiveness_weights=None, strength_weights=None, *,
                       threshold=0.5, scale=(1, 5)):
    """Move the threshold and the criteria weights and see accounts change quadrant.

    Every account's attractiveness and relative strength are recomputed by
    :func:`crmlib.cheverton_matrix` from the weights on the sliders; accounts whose quadrant
    differs from the starting settings are flagged with the quadrant they came from.

    Parameters
    ----------
    accounts : DataFrame, optional
        Ratings per criterion, one row per account. Default:
        :func:`crmlib.datasets.key_accounts`.
    attractiveness_weights, strength_weights : mapping, optional
        Starting weights per criterion. Default: :data:`crmlib.datasets.KEY_ACCOUNT_CRITERIA`.
    threshold : float, default 0.5
        Starting threshold for "high" on both dimensions.
    scale : (low, high), default (1, 5)
        The rating scale.

    Returns
    -------
    ipywidgets.VBox
        With ``.controls`` (``threshold``, then ``attractiveness: <criterion>`` and
        ``strength: <criterion>`` weight sliders), ``.result`` and ``.update()``.
    """
    from crmlib.datasets import KEY_ACCOUNT_CRITERIA, key_accounts

    accounts = key_accounts() if accounts is None else accounts
    attractiveness_weights = dict(attractiveness_weights
                                  or KEY_ACCOUNT_CRITERIA["attractiveness"])
    strength_weights = dict(strength_weights or KEY_ACCOUNT_CRITERIA["relative_strength"])
    start = cheverton_matrix(accounts, attractiveness_weights, strength_weights, scale=scale,
                             threshold=threshold)["quadrant"]
    controls = {"threshold": _slider("float", threshold, 0.05, 0.95, 0.05,
                                     "'high' from score", ".2f")}
    for group, weights in (("attractiveness", attractiveness_weights),
                           ("strength", strength_weights)):
        for criterion, weight in weights.items():
            controls[f"{group}: {criterion}"] = _slider("float", weight, 0.0, 1.0, 0.05,
                                                        f"{group}: {criterion}", ".2f")

    def render(threshold, **weights):
        a_weights = {k.split(": ", 1)[1]: v for k, v in weights.items()
                     if k.startswith("attractiveness: ")}
        s_weights = {k.split(": ", 1)[1]: v for k, v in weights.items()
                     if k.startswith("strength: ")}
        table = cheverton_matrix(accounts, a_weights, s_weights, scale=scale,
                                 threshold=threshold)
        moved = table["quadrant"] != start
        rows = "".join(
            f"<tr><td>{html.escape(str(name))}</td>"
            f"<td style='text-align:right'>{row.attractiveness:.2f}</td>"
            f"<td style='text-align:right'>{row.relative_strength:.2f}</td>"
            f"<td>{_tag(row.quadrant)}</td>"
            f"<td>{'← was ' + html.escape(start[name]) if moved[name] else ''}</td></tr>"
            for name, row in table.iterrows())
        counts = table["quadrant"].value_counts()
        summary = ", ".join(f"{_tag(q)} {int(counts.get(q, 0))}"
                            for q in ("key", "key development", "maintenance",
                                      "opportunistic"))
        return (f"<p>{summary}; <b>{int(moved.sum())}</b> account(s) changed quadrant.</p>"
                "<table><tr><th>account</th><th>attractiveness</th><th>strength</th>"
                f"<th>quadrant</th><th></th></tr>{rows}</table>")

    return _explorer(controls, render, "Cheverton's matrix: weights and threshold")


def value_matrix_explorer(customers=None, *, current_col="profit",
                          potential_col="potential_profit", current_quantile=0.5,
                          potential_quantile=0.5):
    """Move the value matrix's thresholds and see how customers and profit split by tier.

    Parameters
    ----------
    customers : DataFrame, optional
        Default: :func:`crmlib.datasets.load_bank_customers`.
    current_col, potential_col : str
        Columns of current and potential value.
    current_quantile, potential_quantile : float, default 0.5
        Starting thresholds as quantiles of each column (0.5 = the median).

    Returns
    -------
    ipywidgets.VBox
        With ``.controls`` (``current_quantile``, ``potential_quantile``), ``.result`` and
        ``.update()``.
    """
    from crmlib.datasets import load_bank_customers

    customers = load_bank_customers() if customers is None else customers
    controls = {
        "current_quantile": _slider("float", current_quantile, 0.05, 0.95, 0.05,
                                    "current value: high from quantile", ".2f"),
        "potential_quantile": _slider("float", potential_quantile, 0.05, 0.95, 0.05,
                                      "potential value: high from quantile", ".2f"),
    }

    def render(current_quantile, potential_quantile):
        matrix = value_matrix(customers, current_col=current_col, potential_col=potential_col,
                              current_quantile=current_quantile,
                              potential_quantile=potential_quantile)
        summary = value_tier_summary(matrix)
        rows = "".join(
            f"<tr><td>{_tag(tier)}</td><td style='text-align:right'>{row.customers:,}</td>"
            f"<td style='text-align:right'>{row.customer_share:.0%}</td>"
            f"<td style='text-align:right'>{row.current_value:,.0f}</td>"
            f"<td style='text-align:right'>{row.current_share:.0%}</td>"
            f"<td>{html.escape(row.strategy)}</td></tr>"
            for tier, row in summary.iterrows())
        return ("<table><tr><th>tier</th><th>customers</th><th>share</th>"
                "<th>current value</th><th>share of value</th><th>strategy</th></tr>"
                f"{rows}</table>")

    return _explorer(controls, render, "Customer value matrix: where is the line?")


__all__ += ["cheverton_explorer", "value_matrix_explorer"]


# --- prediction unit (lesson 05) ---------------------------------------------------------------


def purchase_history_explorer(purchase_model, *, frequency=2, recency=30.43, T=38.86,
                              horizon=39.0):
    """Move one customer's purchase history and see P(alive) and their expected purchases.

    Parameters
    ----------
    purchase_model : crmlib.BetaGeoModel
        A fitted (or published-parameter) model; times in its unit (weeks for CDNOW).
    frequency, recency, T : starting history
        Repeat purchases, time of the last purchase since the first, and the customer's age.
    horizon : float
        How far ahead to predict purchases, in the model's time unit.

    Returns
    -------
    ipywidgets.VBox
        With ``.controls``, ``.result`` and ``.update()``.
    """
    top_age = max(78.0, float(T))
    controls = {
        "frequency": _slider("int", int(frequency), 0, 30, 1, "repeat purchases x"),
        "recency": _slider("float", float(recency), 0.0, top_age, 0.5,
                           "last purchase at t_x", ".1f"),
        "T": _slider("float", float(T), 0.5, top_age, 0.5, "customer age T", ".1f"),
    }

    def render(frequency, recency, T):
        if frequency == 0 and recency > 0:
            recency = 0.0  # no repeat purchase: the last purchase is the first one
        alive = purchase_model.probability_alive(frequency, recency, T)
        future = purchase_model.conditional_expected_purchases(horizon, frequency, recency, T)
        silence = T - recency
        return (f"<p>Silent for <b>{silence:.1f}</b> since the last purchase.</p><table>"
                f"<tr><td>P(alive)</td><td style='text-align:right'><b>{alive:.2f}</b></td>"
                f"<td style='width:14em'>{_bar(alive, '#55a868')}</td></tr>"
                f"<tr><td>expected purchases in the next {horizon:g}</td>"
                f"<td style='text-align:right'><b>{future:.2f}</b></td>"
                f"<td style='width:14em'>{_bar(future / 10, '#4c72b0')}</td></tr></table>"
                + ("<p style='color:#555'>No repeat purchase yet: the model counts this "
                   "customer as alive (dropout only follows a repeat purchase).</p>"
                   if frequency == 0 else ""))

    return _explorer(controls, render, "One customer's history: alive, and how active?")


__all__ += ["purchase_history_explorer"]


# =========================================================================== lifecycle unit

_STAGE_HTML_COLOURS = {"exploration": "#8172b3", "formation": "#4c72b0", "stability": "#55a868",
                       "decline": "#dd8452", "ended": "#c44e52"}


def _svg_bars(values, colours, *, width=420, height=150) -> str:
    """A small inline SVG bar chart (zero line included) that any notebook viewer shows."""
    top = max([0.0, *values]) or 1.0
    bottom = min([0.0, *values])
    span = (top - bottom) or 1.0
    step = width / max(len(values), 1)
    zero = height * top / span
    bars = []
    for k, (value, colour) in enumerate(zip(values, colours, strict=True)):
        y = zero - max(value, 0) / span * height
        bars.append(f'<rect x="{k * step + 1:.1f}" y="{y:.1f}" width="{max(step - 2, 1):.1f}" '
                    f'height="{abs(value) / span * height:.1f}" fill="{colour}"/>')
    return (f'<svg width="{width}" height="{height}" style="border:1px solid #ddd">'
            f'{"".join(bars)}<line x1="0" x2="{width}" y1="{zero:.1f}" y2="{zero:.1f}" '
            'stroke="#555" stroke-width="1"/></svg>')


def _svg_lines(x, series, *, width=420, height=220, y_max=None) -> str:
    """A small inline SVG line chart: ``series`` is a list of (label, values, colour, dashed,
    points_only); a legend is drawn under the chart."""
    import numpy as np

    x = np.asarray(x, dtype=float)
    y_max = y_max or max(float(np.nanmax(v)) for _, v, *_ in series) or 1.0
    pad = 24

    def sx(v):
        return pad + (v - x.min()) / ((x.max() - x.min()) or 1) * (width - 2 * pad)

    def sy(v):
        return height - pad - max(min(v, y_max * 1.05), 0) / (y_max * 1.05) * (height - 2 * pad)

    parts = [f'<line x1="{pad}" x2="{width - pad}" y1="{height - pad}" y2="{height - pad}" '
             'stroke="#555"/>',
             f'<line x1="{pad}" x2="{pad}" y1="{pad / 2}" y2="{height - pad}" stroke="#555"/>']
    for level in (0.0, y_max / 2, y_max):
        parts.append(f'<text x="{pad - 3}" y="{sy(level) + 3:.1f}" font-size="9" '
                     f'text-anchor="end">{level:,.0f}</text>')
    for tick in x[:: max(1, len(x) // 6)]:
        parts.append(f'<text x="{sx(tick):.1f}" y="{height - 6}" font-size="10" '
                     f'text-anchor="middle">{tick:g}</text>')
    legend = []
    for label, values, colour, dashed, points_only in series:
        values = np.asarray(values, dtype=float)
        if points_only:
            parts += [f'<circle cx="{sx(a):.1f}" cy="{sy(b):.1f}" r="3" fill="{colour}"/>'
                      for a, b in zip(x, values, strict=True) if np.isfinite(b)]
        else:
            points = " ".join(f"{sx(a):.1f},{sy(b):.1f}"
                              for a, b in zip(x, values, strict=True) if np.isfinite(b))
            dash = ' stroke-dasharray="5,4"' if dashed else ""
            parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" '
                         f'stroke-width="2"{dash}/>')
        legend.append(f'<span style="color:{colour}">■</span> {html.escape(label)}')
    return (f'<svg width="{width}" height="{height}" style="border:1px solid #ddd">'
            f'{"".join(parts)}</svg><div style="font-size:90%">{" &nbsp; ".join(legend)}</div>')


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


__all__ += ["lifecycle_profit_explorer", "sbg_explorer"]
