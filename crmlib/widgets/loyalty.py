"""What-if explorers of the satisfaction and loyalty unit (lesson 06)."""

from __future__ import annotations

import html

from crmlib.clv import churn_from_retention
from crmlib.i18n import text, texts_under
from crmlib.loyalty import clv_gain_from_retention, complaint_funnel
from crmlib.widgets._base import _bar, _explorer, _sliders, _toggle

#: The credit-card customer of Reichheld & Sasser (1990): profit in years 1-5 of tenure.
CREDIT_CARD_PATH = (30, 42, 44, 49, 55)


def _cell(value) -> str:
    return f"<td style='text-align:right'>{value}</td>"


def complaint_funnel_explorer(customers=10_000, dissatisfaction_rate=0.20, complaint_rate=0.40,
                              recovery_rate=0.65, *, retention_recovered=0.70,
                              retention_unrecovered=0.40, retention_silent=0.60, people_told=9,
                              value_per_customer=8000.0, acquisition_cost=800.0):
    """Move the complaint and recovery rates and see customers kept, lost and told.

    Every setting goes to :func:`crmlib.complaint_funnel`; the result shows its table (kept
    and lost per path, with bars) and the totals: customers kept, people who hear a complaint,
    the value lost with the customers who leave and the cost of replacing them.

    Parameters
    ----------
    customers, dissatisfaction_rate, complaint_rate, recovery_rate, retention_recovered,
    retention_unrecovered, retention_silent, people_told, value_per_customer, acquisition_cost
        Starting values, as in :func:`crmlib.complaint_funnel`; ``customers``,
        ``value_per_customer`` and ``acquisition_cost`` stay fixed.

    Returns
    -------
    ipywidgets.VBox
        With ``.controls`` (``dissatisfaction_rate``, ``complaint_rate``, ``recovery_rate``,
        ``retention_recovered``, ``retention_unrecovered``, ``retention_silent``,
        ``people_told``), ``.result`` and ``.update()``.
    """
    rate = (0.0, 1.0, 0.01, ".2f")
    controls = _sliders(texts_under("loyalty.funnel"),
                        dissatisfaction_rate=(dissatisfaction_rate, *rate),
                        complaint_rate=(complaint_rate, *rate),
                        recovery_rate=(recovery_rate, *rate),
                        retention_recovered=(retention_recovered, *rate),
                        retention_unrecovered=(retention_unrecovered, *rate),
                        retention_silent=(retention_silent, *rate),
                        people_told=(people_told, 0, 20, 1))

    def render(**settings):
        funnel = complaint_funnel(customers, settings["dissatisfaction_rate"],
                                  settings["complaint_rate"], settings["recovery_rate"],
                                  retention_recovered=settings["retention_recovered"],
                                  retention_unrecovered=settings["retention_unrecovered"],
                                  retention_silent=settings["retention_silent"],
                                  people_told=settings["people_told"],
                                  value_per_customer=value_per_customer,
                                  acquisition_cost=acquisition_cost)
        total = funnel.loc["all dissatisfied"]
        top = max(float(funnel["customers"].max()), 1.0)
        rows = "".join(
            f"<tr><td>{html.escape(text(f'loyalty.paths.{name}'))}</td>"
            + "".join(_cell(f"{value:,.0f}") for value in
                      (row.customers, row.kept, row.lost, row.told))
            + f"<td style='width:12em'>{_bar(row.kept / top, '#55a868')}"
            f"{_bar(row.lost / top, '#c44e52')}</td></tr>"
            for name, row in funnel.iterrows())
        heads = "".join(f"<th>{text(f'loyalty.funnel.{key}')}</th>"
                        for key in ("customers", "kept", "lost", "told"))
        summary = text("loyalty.funnel.summary", customers=total.customers, kept=total.kept,
                       lost=total.lost, told=total.told, value=total.value_lost,
                       replacement=total.replacement_cost)
        return (f"<p>{summary}</p><table><tr><th></th>{heads}<th></th></tr>{rows}</table>")

    return _explorer(controls, render, text("loyalty.funnel.title", customers=customers))


def profit_path_explorer(profits=CREDIT_CARD_PATH, retention_rate=0.90, retention_gain=0.05,
                         discount_rate=0.10, *, when="end", acquisition_cost=51.0,
                         tenure_growth=1.0):
    """Move retention, its improvement and the growth of profit with tenure, and see what
    fewer defections are worth.

    Calls :func:`crmlib.clv_gain_from_retention` and shows, for a customer whose profit stays
    at the first year's and for one whose profit grows along the path, the CLV before and
    after the improvement, the gain and the change in percent.

    Parameters
    ----------
    profits : sequence of float, default the credit-card path (30, 42, 44, 49, 55)
        Profit in each year of tenure, as in :func:`crmlib.clv_from_profit_path`.
    retention_rate, retention_gain, discount_rate, when, acquisition_cost, tenure_growth
        Starting values, as in :func:`crmlib.clv_gain_from_retention`.

    Returns
    -------
    ipywidgets.VBox
        With ``.controls`` (``retention_rate``, ``retention_gain``, ``discount_rate``,
        ``tenure_growth``, ``acquisition_cost``, ``when``), ``.result`` and ``.update()``.
    """
    label = texts_under("loyalty.profit")
    controls = _sliders(label, retention_rate=(retention_rate, 0.0, 0.99, 0.01, ".2f"),
                        retention_gain=(retention_gain, 0.0, 0.10, 0.01, ".2f"),
                        discount_rate=(discount_rate, 0.0, 0.20, 0.01, ".2f"),
                        tenure_growth=(tenure_growth, 0.0, 3.0, 0.1, ".1f"),
                        acquisition_cost=(acquisition_cost, 0.0, 200.0, 1.0, ".0f"))
    controls["when"] = _toggle(when, [(label("end"), "end"), (label("begin"), "begin")],
                               label("timing"), button_width="14em")

    def render(retention_rate, retention_gain, discount_rate, tenure_growth, acquisition_cost,
               when):
        table = clv_gain_from_retention(profits, retention_rate, retention_gain,
                                        discount_rate, when=when,
                                        acquisition_cost=acquisition_cost,
                                        tenure_growth=tenure_growth)
        rows = "".join(
            f"<tr><td>{html.escape(text(f'loyalty.rows.{name}'))}</td>"
            + _cell(f"{row.clv_before:,.1f}") + _cell(f"{row.clv_after:,.1f}")
            + _cell(f"{row.gain:+,.1f}") + _cell(f"{row.change_pct:+.1f}%") + "</tr>"
            for name, row in table.iterrows())
        before, after = table["retention_before"].iloc[0], table["retention_after"].iloc[0]
        summary = text("loyalty.profit.summary", before=before, after=after,
                       churn_before=churn_from_retention(before),
                       churn_after=churn_from_retention(after))
        heads = "".join(f"<th>{text(f'loyalty.profit.{key}')}</th>"
                        for key in ("customer", "clv_before", "clv_after", "gain", "change"))
        return f"<p>{summary}</p><table><tr>{heads}</tr>{rows}</table>"

    return _explorer(controls, render, text("loyalty.profit.title"))
