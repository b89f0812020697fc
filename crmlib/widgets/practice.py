"""What-if explorers of the CRM-in-practice unit (lesson 08): campaign tests, system choice.

Labels and result sentences come from the text catalogue (``crmlib/text/<language>/practice.toml``),
so the explorers speak the language set with :func:`crmlib.set_language`.
"""

from __future__ import annotations

import html
import math

from crmlib.i18n import has_text, text, texts_under
from crmlib.practice import campaign_from_rates, vendor_scores, weight_sensitivity
from crmlib.widgets._base import _bar, _explorer, _slider, _sliders


def _criterion(name) -> str:
    """A criterion's label in the current language (the column name if the kit has none)."""
    key = f"practice.criteria.{name}"
    return text(key) if has_text(key) else str(name).replace("_", " ")


def _svg_interval(low: float, point: float, high: float, *, width=420, height=56) -> str:
    """A number line in percentage points with 0 marked and the interval drawn on it."""
    left, right = min(low, 0.0), max(high, 0.0)
    pad = 0.15 * ((right - left) or 1.0)
    left, right = left - pad, right + pad

    def x(v):
        return 10 + (v - left) / (right - left) * (width - 20)

    colour = "#8c8c8c" if low <= 0 <= high else ("#4c72b0" if point > 0 else "#c44e52")
    return (f'<svg width="{width}" height="{height}" style="border:1px solid #ddd">'
            f'<line x1="{x(0):.1f}" x2="{x(0):.1f}" y1="4" y2="{height - 16}" stroke="#333"/>'
            f'<text x="{x(0):.1f}" y="{height - 3}" font-size="12" text-anchor="middle">0'
            '</text>'
            f'<line x1="{x(low):.1f}" x2="{x(high):.1f}" y1="22" y2="22" stroke="{colour}" '
            'stroke-width="5"/>'
            f'<circle cx="{x(point):.1f}" cy="22" r="6" fill="{colour}"/></svg>')


def campaign_explorer(treated_size=10_000, treated_rate=0.032, control_size=2_000,
                      control_rate=0.020, *, cost_per_contact=2.0, margin_per_response=150.0):
    """Move group sizes and response rates and see when an uplift stands out from noise.

    Each setting is evaluated by :func:`crmlib.campaign_from_rates` (expected responses rounded
    to whole customers): the uplift, its 95% interval drawn on a number line with 0 marked,
    whether the interval excludes 0, and the campaign's incremental profit and ROI.

    Parameters
    ----------
    treated_size, treated_rate, control_size, control_rate
        Starting group sizes and response rates (fractions).
    cost_per_contact, margin_per_response
        Starting money figures, as in :func:`crmlib.campaign_evaluation`.

    Returns
    -------
    ipywidgets.VBox
        With ``.controls`` (``treated_size``, ``treated_rate``, ``control_size``,
        ``control_rate``, ``cost_per_contact``, ``margin_per_response``), ``.result`` and
        ``.update()``.
    """
    controls = _sliders(texts_under("practice.campaign"),
                        treated_size=(treated_size, 100, 50_000, 100),
                        treated_rate=(treated_rate, 0.0, 0.10, 0.001, ".1%"),
                        control_size=(control_size, 100, 20_000, 100),
                        control_rate=(control_rate, 0.0, 0.10, 0.001, ".1%"),
                        cost_per_contact=(cost_per_contact, 0.0, 10.0, 0.5, ".1f"),
                        margin_per_response=(margin_per_response, 0.0, 500.0, 10.0, ".0f"))

    def render(treated_size, treated_rate, control_size, control_rate, cost_per_contact,
               margin_per_response):
        r = campaign_from_rates(treated_size, treated_rate, control_size, control_rate,
                                cost_per_contact=cost_per_contact,
                                margin_per_response=margin_per_response)
        low, high = 100 * r["uplift_low"], 100 * r["uplift_high"]
        verdict = text("practice.campaign.clear" if low > 0 or high < 0
                       else "practice.campaign.noise")
        undefined = text("practice.undefined")
        roi = undefined if math.isnan(r["roi"]) else f"{r['roi']:+.0%}"
        per = (undefined if math.isnan(r["cost_per_incremental_response"])
               else f"{r['cost_per_incremental_response']:,.1f}")
        summary = text("practice.campaign.uplift", uplift=100 * r["uplift"], low=low, high=high,
                       verdict=verdict)
        money = text("practice.campaign.money", responses=r["incremental_responses"],
                     profit=r["incremental_profit"], roi=roi, per=per)
        return (f"<p>{summary}</p>{_svg_interval(low, 100 * r['uplift'], high)}"
                f"<p>{money}</p>")

    return _explorer(controls, render, text("practice.campaign.title"))


def vendor_weights_explorer(ratings=None, weights=None, *, scale=(1, 5)):
    """Move the criteria weights and see the vendors' scores, the winner, and how close it is.

    Scores come from :func:`crmlib.vendor_scores`; for each criterion,
    :func:`crmlib.weight_sensitivity` says how far its weight must move (the others held)
    before another vendor wins.

    Parameters
    ----------
    ratings : DataFrame, optional
        One row per vendor, one column per criterion. Default:
        :func:`crmlib.datasets.crm_vendors`.
    weights : mapping, optional
        Starting weight per criterion. Default: :data:`crmlib.datasets.CRM_VENDOR_WEIGHTS`.
    scale : (low, high), default (1, 5)

    Returns
    -------
    ipywidgets.VBox
        With ``.controls`` (one weight slider per criterion, named after it), ``.result``
        and ``.update()``.
    """
    from crmlib.datasets import CRM_VENDOR_WEIGHTS, crm_vendors

    ratings = crm_vendors() if ratings is None else ratings
    weights = dict(weights or CRM_VENDOR_WEIGHTS)
    controls = {name: _slider("float", value, 0.0, 1.0, 0.05, _criterion(name), ".2f")
                for name, value in weights.items()}

    def render(**chosen):
        scores = vendor_scores(ratings, chosen, scale=scale)
        table = weight_sensitivity(ratings, chosen, scale=scale)
        rows = "".join(
            f"<tr><td>{html.escape(str(name))}</td>"
            f"<td style='text-align:right'>{score:.3f}</td><td style='width:12em'>"
            f"{_bar(score, '#4c72b0' if rank == 1 else '#8c8c8c')}</td></tr>"
            for name, score, rank in zip(scores.index, scores["score"], scores["rank"],
                                         strict=True))

        def move(where, who):
            if math.isnan(where):
                return text("practice.undefined")
            return text("practice.vendors.switch", weight=where, vendor=html.escape(str(who)))

        sensitivity = "".join(
            f"<tr><td>{html.escape(_criterion(name))}</td>"
            f"<td style='text-align:right'>{row.weight:.2f}</td>"
            f"<td>{move(row.lower_to, row.winner_if_lowered)}</td>"
            f"<td>{move(row.raise_to, row.winner_if_raised)}</td></tr>"
            for name, row in table.iterrows())
        head = text("practice.vendors.winner", winner=html.escape(str(scores.index[0])))
        nearest = table["smallest_change"].dropna()
        if not nearest.empty:
            closest = text("practice.vendors.closest",
                           criterion=html.escape(_criterion(nearest.idxmin())),
                           change=nearest.min())
            head = text("practice.vendors.then", first=head, second=closest)
        label = {key: text(f"practice.vendors.{key}")
                 for key in ("vendor", "score", "criterion", "weight", "lower", "raise")}
        return (f"<p>{head}</p><table><tr><th>{label['vendor']}</th><th>{label['score']}</th>"
                f"<th></th></tr>{rows}</table><table><tr><th>{label['criterion']}</th>"
                f"<th>{label['weight']}</th><th>{label['lower']}</th><th>{label['raise']}</th>"
                f"</tr>{sensitivity}</table>")

    return _explorer(controls, render, text("practice.vendors.title"))
