"""What-if explorers of the prediction unit (lesson 05)."""

from __future__ import annotations

from crmlib.widgets._base import _bar, _explorer, _slider


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
