"""What-if explorers of the customer-value units (lessons 01 and 02)."""

from __future__ import annotations

import html
import math

from crmlib.clv import clv_lever_effects, margin_multiple
from crmlib.economics import turnover_scenario
from crmlib.widgets._base import _bar, _explorer, _slider


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
