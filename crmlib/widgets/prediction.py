"""What-if explorers of the prediction unit (lesson 05).

Labels and result sentences come from the text catalogue
(``crmlib/text/<language>/prediction.toml``), looked up when the explorer is drawn, so it speaks
the language set with :func:`crmlib.set_language`; every time it shows names its unit.
"""

from __future__ import annotations

from crmlib.i18n import text, texts_under
from crmlib.units import check_time_unit
from crmlib.widgets._base import _bar, _explorer, _sliders

#: A label or sentence of the purchase-history explorer, in the kit's current language.
_label = texts_under("widget.prediction.history")


def purchase_history_explorer(purchase_model, *, frequency=2, recency=30.43, T=38.86,
                              horizon=39.0, time_unit="W"):
    """Move one customer's purchase history and see P(alive) and their expected purchases.

    Parameters
    ----------
    purchase_model : crmlib.BetaGeoModel
        A fitted (or published-parameter) model; times in its unit (weeks for CDNOW).
    frequency, recency, T : starting history
        Repeat purchases, time of the last purchase since the first, and the customer's age.
    horizon : float
        How far ahead to predict purchases, in the model's time unit.
    time_unit : {"W", "D", "M", "Y"}, default "W"
        The model's time unit, named beside every time the explorer shows.

    Returns
    -------
    ipywidgets.VBox
        With ``.controls`` (``frequency``, ``recency``, ``T``), ``.result`` and ``.update()``.
    """
    unit = text(f"units.{check_time_unit(time_unit).plural}")
    top_age = max(78.0, float(T))
    controls = _sliders(lambda name: _label(name, unit=unit),
                        frequency=(int(frequency), 0, 30, 1),
                        recency=(float(recency), 0.0, top_age, 0.5, ".1f"),
                        T=(float(T), 0.5, top_age, 0.5, ".1f"))

    def render(frequency, recency, T):
        if frequency == 0 and recency > 0:
            recency = 0.0  # no repeat purchase: the last purchase is the first one
        alive = purchase_model.probability_alive(frequency, recency, T)
        future = purchase_model.conditional_expected_purchases(horizon, frequency, recency, T)
        silence = T - recency
        return (f"<p>{_label('silent', silence=silence, unit=unit)}</p><table>"
                f"<tr><td>{_label('alive')}</td>"
                f"<td style='text-align:right'><b>{alive:.2f}</b></td>"
                f"<td style='width:14em'>{_bar(alive, '#55a868')}</td></tr>"
                f"<tr><td>{_label('expected', horizon=horizon, unit=unit)}</td>"
                f"<td style='text-align:right'><b>{future:.2f}</b></td>"
                f"<td style='width:14em'>{_bar(future / 10, '#4c72b0')}</td></tr></table>"
                + (f"<p style='color:#555'>{_label('no_repeat')}</p>" if frequency == 0 else ""))

    return _explorer(controls, render, _label("title"))
