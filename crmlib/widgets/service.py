"""What-if explorers of the service unit (lesson 07): the queue and service recovery.

Labels and result sentences come from the text catalogue (``crmlib/text/<language>/service.toml``),
so the explorers speak the language set with :func:`crmlib.set_language`.
"""

from __future__ import annotations

import html

from crmlib.i18n import texts_under
from crmlib.service import (
    queue_summary,
    servers_needed,
    service_recovery_value,
    utilisation,
    wait_probability,
)
from crmlib.units import MINUTES_PER_HOUR
from crmlib.widgets._base import _bar, _explorer, _sliders, _svg_lines


def queue_explorer(arrivals_per_hour=40, service_minutes=6.0, staff=5, *, max_wait=15,
                   target=0.95):
    """Move arrivals, service time and staff and see how long customers wait.

    The queue is the M/M/c queue of :func:`crmlib.queue_summary`, worked in minutes: the
    arrival rate is ``arrivals_per_hour`` / 60 a minute and each member of staff serves one
    customer per ``service_minutes``. Shows the utilisation, the share of customers who wait,
    the mean wait, the share served within the limit (and whether that meets the target),
    the staff :func:`crmlib.servers_needed` asks for, and the distribution of waiting times as
    a curve of "served within t" for t up to twice the limit. With too few staff the queue
    grows without bound and the explorer says so.

    Parameters
    ----------
    arrivals_per_hour : float, default 40
        Customers arriving per hour.
    service_minutes : float, default 6.0
        Mean service time per customer (minutes).
    staff : int, default 5
        Staff serving (tellers, waiters).
    max_wait : float, default 15
        The limit on the wait before service starts (minutes): the restaurant's 15 minutes.
    target : float, default 0.95
        Share of customers to serve within the limit.

    Returns
    -------
    ipywidgets.VBox
        With ``.controls`` (``arrivals_per_hour``, ``service_minutes``, ``staff``,
        ``max_wait``, ``target``), ``.result`` and ``.update()``.
    """
    label = texts_under("widget.service.queue")
    controls = _sliders(label, arrivals_per_hour=(arrivals_per_hour, 1, 120, 1),
                        service_minutes=(service_minutes, 1.0, 20.0, 0.5, ".1f"),
                        staff=(staff, 1, 20, 1), max_wait=(max_wait, 1, 30, 1),
                        target=(target, 0.50, 0.99, 0.01, ".2f"))

    def render(arrivals_per_hour, service_minutes, staff, max_wait, target):
        arrival_rate = arrivals_per_hour / MINUTES_PER_HOUR      # customers a minute
        service_rate = 1.0 / service_minutes                     # per member of staff
        needed = servers_needed(arrival_rate, service_rate, max_wait=max_wait, target=target)
        fewest = label("fewest", target=target, limit=max_wait, needed=needed)
        busy = utilisation(arrival_rate, service_rate, staff)
        if busy >= 1:                        # too few staff: the queue has no steady state
            unstable = label("unstable", arrivals=arrivals_per_hour, staff=staff,
                             utilisation=busy)
            return f'<p style="color:#b42318">⚠️ {unstable}</p><p>{fewest}</p>'
        q = queue_summary(arrival_rate, service_rate, staff, max_wait=max_wait)
        meets = bool(q["served_within"] >= target)
        colour = "#1a7f37" if meets else "#b42318"
        minutes = {name: label("minutes", minutes=q[name])
                   for name in ("mean_wait", "mean_wait_if_waiting")}
        rows = [(label("utilisation"), f"{q['utilisation']:.0%}", q["utilisation"]),
                (label("prob_wait"), f"{q['prob_wait']:.1%}", q["prob_wait"]),
                (label("mean_wait"), minutes["mean_wait"], None),
                (label("mean_wait_if_waiting"), minutes["mean_wait_if_waiting"], None),
                (label("served_within", limit=max_wait), f"{q['served_within']:.1%}",
                 q["served_within"])]
        table = "".join(
            f"<tr><td>{html.escape(name)}</td><td style='text-align:right'><b>{value}</b></td>"
            f"<td style='width:12em'>{_bar(share, '#4c72b0') if share is not None else ''}"
            "</td></tr>" for name, value, share in rows)
        times = [max_wait * 2 * k / 60 for k in range(61)]
        served = [100 * (1 - p) for p in wait_probability(times, arrival_rate, service_rate,
                                                          staff)]
        goal = [100 * target] * len(times)
        chart = _svg_lines(times, [(label("curve"), served, "#4c72b0", False, False),
                                   (label("goal", target=target), goal, "#c44e52", True, False)],
                           y_max=100)
        verdict = label("verdict", staff=staff, verdict=label("meets" if meets else "misses"),
                        target=target, limit=max_wait, needed=needed)
        return f"<table>{table}</table><p style='color:{colour}'>{verdict}</p>{chart}"

    return _explorer(controls, render, label("title"))


def recovery_explorer(complaints=1000, *, stay_with_recovery=0.7, stay_without_recovery=0.3,
                      cost_per_complaint=500.0, margin=2000.0, retention_rate=0.8):
    """Move the recovery programme's numbers and see whether recovering complaints pays.

    Calls :func:`crmlib.service_recovery_value` (CLV with no discounting, first margin after a
    period) and shows the customers kept, the value they bring, the programme's cost, the net
    value and the most a recovery may cost.

    Parameters
    ----------
    complaints, stay_with_recovery, stay_without_recovery, cost_per_complaint, margin,
    retention_rate
        Starting values, as in :func:`crmlib.service_recovery_value` (complaints and margin
        per year).

    Returns
    -------
    ipywidgets.VBox
        With ``.controls`` (one per parameter), ``.result`` and ``.update()``.
    """
    label = texts_under("widget.service.recovery")
    controls = _sliders(label, complaints=(complaints, 0, 5000, 50),
                        stay_with_recovery=(stay_with_recovery, 0.0, 1.0, 0.05, ".2f"),
                        stay_without_recovery=(stay_without_recovery, 0.0, 1.0, 0.05, ".2f"),
                        cost_per_complaint=(cost_per_complaint, 0, 5000, 50, ".0f"),
                        margin=(margin, 0, 10_000, 100, ".0f"),
                        retention_rate=(retention_rate, 0.0, 0.95, 0.05, ".2f"))

    def render(complaints, **values):
        if values["stay_with_recovery"] < values["stay_without_recovery"]:
            swapped = label("swapped", with_recovery=values["stay_with_recovery"],
                            without_recovery=values["stay_without_recovery"])
            return f'<p style="color:#b42318">⚠️ {html.escape(swapped)}</p>'
        v = service_recovery_value(complaints, **values)
        rows = [(label("customers_kept"), f"{v['customers_kept']:,.0f}"),
                (label("value_per_customer"), f"{v['value_per_customer']:,.0f}"),
                (label("value_kept"), f"{v['value_kept']:,.0f}"),
                (label("programme_cost"), f"{v['programme_cost']:,.0f}"),
                (label("net_value"), f"{v['net_value']:,.0f}"),
                (label("break_even"), f"{v['break_even_cost_per_complaint']:,.0f}")]
        table = "".join(f"<tr><td>{html.escape(name)}</td><td style='text-align:right'>"
                        f"<b>{value}</b></td></tr>" for name, value in rows)
        pays = v["net_value"] > 0
        return (f"<table>{table}</table><p style='color:{'#1a7f37' if pays else '#b42318'}'>"
                f"{label('pays' if pays else 'does_not_pay')}</p>")

    return _explorer(controls, render, label("title"))
