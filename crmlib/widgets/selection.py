"""What-if explorers of the customer selection unit (lesson 04)."""

from __future__ import annotations

import html

from crmlib.selection import cheverton_matrix, value_matrix, value_tier_summary
from crmlib.widgets._base import _explorer, _slider

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
