"""What-if explorers of the customer-value units (lessons 00, 01 and 02).

Labels and messages come from the text catalogue (``crmlib/text/<lang>/widgets_value.toml``),
so the explorers speak the kit's current language when they are made.
"""

from __future__ import annotations

import html
import math

from crmlib.clv import clv_lever_effects, margin_multiple
from crmlib.economics import crm_spending_assessment, turnover_scenario
from crmlib.i18n import text, texts_under
from crmlib.widgets._base import _bar, _explorer, _sliders, _toggle

#: The changes the CLV explorer compares (as in :func:`crmlib.clv_lever_effects`).
MARGIN_CHANGE, RETENTION_CHANGE, DISCOUNT_CHANGE = 0.10, 0.05, -0.02


def _lever_note(row, retention_rate, discount_rate) -> str:
    """What happened to a lever at the edge of its range (empty when nothing did)."""
    if row.lever == "retention" and not math.isfinite(row.clv):
        return text("clv_explorer.note.unbounded")
    if row.lever == "retention" and row.retention_rate < retention_rate + RETENTION_CHANGE - 1e-12:
        return text("clv_explorer.note.retention_capped", to=row.retention_rate,
                    points=round(100 * (row.retention_rate - retention_rate)))
    if row.lever == "discount rate" and discount_rate == 0:
        return text("clv_explorer.note.discount_at_zero")
    if row.lever == "discount rate" and row.discount_rate > discount_rate + DISCOUNT_CHANGE + 1e-12:
        return text("clv_explorer.note.discount_floored", to=row.discount_rate)
    return ""


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

    Notes
    -----
    At the edges of the sliders a lever cannot always move as far as the table says: retention
    cannot pass 1 and the discount rate cannot fall below 0. The explorer then says what the
    row does instead (retention raised only to 1, the discount rate already 0), and a row whose
    value has no limit (retention 1 with no discounting) shows "no limit" and why, never
    ``inf``.
    """
    label = texts_under("clv_explorer")
    controls = _sliders(label, margin=(margin, 0, 10_000, 100, ".0f"),
                        retention_rate=(retention_rate, 0.0, 0.99, 0.01, ".2f"),
                        discount_rate=(discount_rate, 0.0, 0.30, 0.01, ".2f"),
                        acquisition_cost=(acquisition_cost, 0, 5_000, 100, ".0f"))
    controls["when"] = _toggle(when, [(label("timing_end"), "end"),
                                      (label("timing_begin"), "begin")], label("timing"),
                               button_width="16em")

    def render(margin, retention_rate, discount_rate, acquisition_cost, when):
        table = clv_lever_effects(margin, retention_rate, discount_rate, when=when,
                                  acquisition_cost=acquisition_cost,
                                  margin_change=MARGIN_CHANGE, retention_change=RETENTION_CHANGE,
                                  discount_change=DISCOUNT_CHANGE)
        multiple = margin_multiple(retention_rate, discount_rate, when=when)
        top = max((abs(v) for v in table["clv"] if math.isfinite(v)), default=1.0) or 1.0
        rows, notes = [], []
        for row in table.itertuples():
            note = _lever_note(row, retention_rate, discount_rate)
            if note:
                notes.append(note)
            if not math.isfinite(row.clv):
                value = text("clv_explorer.unbounded_value")
                change, bar = text("clv_explorer.not_possible"), ""
            elif row.lever == "discount rate" and discount_rate == 0:
                value, change = f"{row.clv:,.0f}", text("clv_explorer.not_possible")
                bar = _bar(row.clv / top, "#4c72b0")
            else:
                value, change = f"{row.clv:,.0f}", f"{row.change_pct:+.1f}%"
                bar = _bar(row.clv / top, "#4c72b0")
            label = html.escape(text(f"clv_explorer.lever.{row.lever}"))
            rows.append(f"<tr><td>{label}</td><td style='text-align:right'>{value}</td>"
                        f"<td style='text-align:right'>{change}</td>"
                        f"<td style='width:14em'>{bar}</td></tr>")
        headline = text("clv_explorer.headline", clv=f"{table['clv'].iloc[0]:,.0f}",
                        multiple=f"{multiple:.2f}")
        header = "".join(f"<th>{html.escape(text(f'clv_explorer.{k}'))}</th>"
                         for k in ("improve", "clv", "change"))
        notes_html = "".join(f"<p style='color:#9a6700'>{html.escape(n)}</p>" for n in notes)
        return (f"<p>{headline}</p><table><tr>{header}<th></th></tr>{''.join(rows)}</table>"
                f"{notes_html}")

    return _explorer(controls, render, text("clv_explorer.title"))


def turnover_explorer(revenue=1_000_000_000, turnover_rate=0.30, market_growth_rate=0.15, *,
                      acquisition_rate=None):
    """Move turnover, market growth and acquisition and see next year's revenue.

    Parameters
    ----------
    revenue, turnover_rate, market_growth_rate, acquisition_rate
        Starting values, as in :func:`crmlib.turnover_scenario` (acquisition defaults to the
        market growth rate). The revenue keeps its unit (lesson 01 works in million yuan).

    Returns
    -------
    ipywidgets.VBox
        With ``.controls``, ``.result`` and ``.update()``.
    """
    acquisition_rate = market_growth_rate if acquisition_rate is None else acquisition_rate
    controls = _sliders(texts_under("turnover_explorer"),
                        turnover_rate=(turnover_rate, 0.0, 0.6, 0.01, ".2f"),
                        market_growth_rate=(market_growth_rate, 0.0, 0.4, 0.01, ".2f"),
                        acquisition_rate=(acquisition_rate, 0.0, 0.8, 0.01, ".2f"))

    def render(turnover_rate, market_growth_rate, acquisition_rate):
        s = turnover_scenario(revenue, turnover_rate, market_growth_rate,
                              acquisition_rate=acquisition_rate)
        top = max(s["revenue"], s["revenue_next_year"], s["market_pace_revenue"]) or 1.0
        lines = [("this_year", s["revenue"], "#4c72b0"),
                 ("next_year", s["revenue_next_year"], "#55a868"),
                 ("with_market", s["market_pace_revenue"], "#8c8c8c")]
        rows = "".join(f"<tr><td>{html.escape(text(f'turnover_explorer.{key}'))}</td>"
                       f"<td style='text-align:right'>{value:,.0f}</td>"
                       f"<td style='width:14em'>{_bar(value / top, colour)}</td></tr>"
                       for key, value, colour in lines)
        verdict = ("grows" if s["net_change"] > 0 else
                   "stands_still" if s["net_change"] == 0 else "shrinks")
        summary = text("turnover_explorer.summary", verdict=text(f"turnover_explorer.{verdict}"),
                       net_change=s["net_change"], shortfall=s["shortfall_vs_market"],
                       required=s["required_acquisition_rate"])
        return f"<table>{rows}</table><p>{summary}</p>"

    return _explorer(controls, render, text("turnover_explorer.title"))


_BUDGET_PARTS = ("marketing_spent_on_turnover", "sales_time_regaining_revenue",
                 "lost_referrals", "retention_gap")


def crm_budget_explorer(marketing_expense=100.0, turnover_rate=0.30, sales_time_value=5.0,
                        lost_referrals_value=10.0, current_retention_revenue=700.0,
                        target_retention_revenue=720.0):
    """Move the four inputs of the handout's quick assessment and see what CRM could cost.

    Shows each component of :func:`crmlib.crm_spending_assessment` with a bar, the total, and
    the largest component. Amounts keep the unit of the inputs (lesson 01: million yuan a
    year).

    Parameters
    ----------
    marketing_expense, turnover_rate, sales_time_value, lost_referrals_value,
    current_retention_revenue, target_retention_revenue
        Starting values, as in :func:`crmlib.crm_spending_assessment`.

    Returns
    -------
    ipywidgets.VBox
        With ``.controls``, ``.result`` and ``.update()``. A target below the current retention
        revenue shows the assessment's error message instead of a total.
    """
    money_top = max(500.0, 2 * marketing_expense)
    revenue_top = max(2000.0, 2 * target_retention_revenue)
    controls = _sliders(
        texts_under("crm_budget_explorer"),
        marketing_expense=(marketing_expense, 0, money_top, 10, ".0f"),
        turnover_rate=(turnover_rate, 0.0, 0.6, 0.01, ".2f"),
        sales_time_value=(sales_time_value, 0, 100, 1, ".0f"),
        lost_referrals_value=(lost_referrals_value, 0, 100, 1, ".0f"),
        current_retention_revenue=(current_retention_revenue, 0, revenue_top, 10, ".0f"),
        target_retention_revenue=(target_retention_revenue, 0, revenue_top, 10, ".0f"))

    def render(**values):
        budget = crm_spending_assessment(**values)
        top = max(budget[part] for part in _BUDGET_PARTS) or 1.0
        rows = "".join(
            f"<tr><td>{html.escape(text(f'vocab.crm_budget_part.{part}.label'))}</td>"
            f"<td style='text-align:right'>{budget[part]:,.1f}</td>"
            f"<td style='width:14em'>{_bar(budget[part] / top, '#4c72b0')}</td></tr>"
            for part in _BUDGET_PARTS)
        largest = max(_BUDGET_PARTS, key=lambda part: budget[part])
        total = text("crm_budget_explorer.total", total=budget["total"])
        part = text(f"vocab.crm_budget_part.{largest}.label")
        largest = html.escape(text("crm_budget_explorer.largest", part=part))
        summary = text("crm_budget_explorer.summary", total=total, largest=largest)
        return f"<table>{rows}</table><p>{summary}</p>"

    return _explorer(controls, render, text("crm_budget_explorer.title"))
