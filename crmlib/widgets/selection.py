"""What-if explorers of the customer selection unit (lesson 04).

Labels and sentences come from the text catalogue (``crmlib/text/<language>/selection.toml``;
quadrant and tier names from ``vocab_selection.toml``), looked up when an explorer is made and
whenever it redraws, so the explorers speak the language set with :func:`crmlib.set_language`.
"""

from __future__ import annotations

import html

from crmlib.i18n import has_text, text, texts_under
from crmlib.selection import (
    ChevertonQuadrant,
    ValueTier,
    cheverton_matrix,
    value_matrix,
    value_tier_summary,
)
from crmlib.widgets._base import _explorer, _slider, _sliders

_COLOURS = ("#c44e52", "#dd8452", "#4c72b0", "#8c8c8c")   # best … least, as in the plots
_QUADRANT_HTML_COLOURS = {**dict(zip(ChevertonQuadrant, _COLOURS)),
                          **dict(zip(ValueTier, _COLOURS))}


def _name(vocabulary: str, member) -> str:
    """A quadrant's or tier's name in the kit's current language."""
    key = f"vocab.{vocabulary}.{str(member).replace(' ', '_').replace('-', '_')}"
    return text(f"{key}.label") if has_text(f"{key}.label") else str(member)


def _tag(vocabulary: str, member: str) -> str:
    colour = _QUADRANT_HTML_COLOURS.get(member, "#333333")
    return f'<b style="color:{colour}">{html.escape(_name(vocabulary, member))}</b>'


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

    label = texts_under("widget.selection.cheverton")

    controls = {"threshold": _slider("float", threshold, 0.05, 0.95, 0.05, label("threshold"),
                                     ".2f")}
    for group, weights in (("attractiveness", attractiveness_weights),
                           ("strength", strength_weights)):
        for criterion, weight in weights.items():
            controls[f"{group}: {criterion}"] = _slider("float", weight, 0.0, 1.0, 0.05,
                                                        label(group, criterion=criterion), ".2f")

    def render(threshold, **weights):
        a_weights = {k.split(": ", 1)[1]: v for k, v in weights.items()
                     if k.startswith("attractiveness: ")}
        s_weights = {k.split(": ", 1)[1]: v for k, v in weights.items()
                     if k.startswith("strength: ")}
        table = cheverton_matrix(accounts, a_weights, s_weights, scale=scale,
                                 threshold=threshold)
        moved = table["quadrant"] != start
        was = {name: html.escape(label("was", quadrant=_name("cheverton_quadrant", start[name])))
               for name in table.index[moved]}
        rows = "".join(
            f"<tr><td>{html.escape(str(name))}</td>"
            f"<td style='text-align:right'>{row.attractiveness:.2f}</td>"
            f"<td style='text-align:right'>{row.relative_strength:.2f}</td>"
            f"<td>{_tag('cheverton_quadrant', row.quadrant)}</td>"
            f"<td>{was.get(name, '')}</td></tr>"
            for name, row in table.iterrows())
        counts = table["quadrant"].value_counts()
        summary = ", ".join(f"{_tag('cheverton_quadrant', q)} {int(counts.get(q, 0))}"
                            for q in ChevertonQuadrant)
        header = "".join(f"<th>{html.escape(label(column))}</th>" for column in
                         ("account", "attractiveness_column", "strength_column", "quadrant"))
        return (f"<p>{label('summary', counts=summary, moved=int(moved.sum()))}</p>"
                f"<table><tr>{header}<th></th></tr>{rows}</table>")

    return _explorer(controls, render, label("title"))


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

    label = texts_under("widget.selection.value_matrix")

    controls = _sliders(label,
                        current_quantile=(current_quantile, 0.05, 0.95, 0.05, ".2f"),
                        potential_quantile=(potential_quantile, 0.05, 0.95, 0.05, ".2f"))

    def render(current_quantile, potential_quantile):
        matrix = value_matrix(customers, current_col=current_col, potential_col=potential_col,
                              current_quantile=current_quantile,
                              potential_quantile=potential_quantile)
        summary = value_tier_summary(matrix)
        rows = "".join(
            f"<tr><td>{_tag('value_tier', tier)}</td>"
            f"<td style='text-align:right'>{row.customers:,}</td>"
            f"<td style='text-align:right'>{row.customer_share:.0%}</td>"
            f"<td style='text-align:right'>{row.current_value:,.0f}</td>"
            f"<td style='text-align:right'>{row.current_share:.0%}</td>"
            f"<td>{html.escape(_name('value_tier_strategy', tier))}</td></tr>"
            for tier, row in summary.iterrows())
        header = "".join(f"<th>{html.escape(label(column))}</th>" for column in
                         ("tier", "customers", "share", "current_value", "value_share",
                          "strategy"))
        return f"<table><tr>{header}</tr>{rows}</table>"

    return _explorer(controls, render, label("title"))
