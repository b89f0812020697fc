"""Shared widget parts: the explorer layout, sliders and small inline SVG/HTML charts."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping


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


def _slider_look() -> dict:
    """The look every explorer's slider shares: room for a long (Chinese or English)
    description, and one update on release (``continuous_update=False``), not one per pixel
    dragged."""
    import ipywidgets as widgets

    return {"continuous_update": False, "style": {"description_width": "12em"},
            "layout": widgets.Layout(width="34em")}


def _slider(kind, value, low, high, step, description, fmt=None):
    """An int (``kind="int"``) or float slider from ``low`` to ``high`` by ``step``, showing its
    value in the readout format ``fmt`` (e.g. ``".2f"``) when one is given."""
    import ipywidgets as widgets

    cls = widgets.FloatSlider if kind == "float" else widgets.IntSlider
    options = {"readout_format": fmt} if fmt else {}
    return cls(value=value, min=low, max=high, step=step, description=description,
               **_slider_look(), **options)


def _sliders(label: Callable[[str], str], **specs) -> dict:
    """One slider per keyword, in the order given, described by ``label(name)``.

    Each spec is ``(start, low, high, step)`` for a whole-number slider, or
    ``(start, low, high, step, readout_format)`` for a decimal one (every decimal slider of the
    kit shows its value in a fixed format, such as ``".2f"`` or ``".1%"``).

    >>> controls = _sliders(str.upper, staff=(5, 1, 20, 1),
    ...                     target=(0.95, 0.50, 0.99, 0.01, ".2f"))
    >>> [(name, type(c).__name__, c.description, c.value, c.min, c.max, c.readout_format)
    ...  for name, c in controls.items()]
    [('staff', 'IntSlider', 'STAFF', 5, 1, 20, 'd'),
     ('target', 'FloatSlider', 'TARGET', 0.95, 0.5, 0.99, '.2f')]
    """
    controls = {}
    for name, (start, low, high, step, *fmt) in specs.items():
        kind = "float" if fmt else "int"
        controls[name] = _slider(kind, start, low, high, step, label(name), *fmt)
    return controls


def _log_slider(value, description, *, low=-1.5, high=1.5, step=0.01, fmt=".3f"):
    """A slider over powers of ten (10**low to 10**high), with the look of :func:`_slider`."""
    import ipywidgets as widgets

    return widgets.FloatLogSlider(value=value, base=10, min=low, max=high, step=step,
                                  description=description, readout_format=fmt, **_slider_look())


def _toggle(value, options, description, *, button_width=None):
    """Toggle buttons choosing one of ``options`` (pairs of label and value), starting at
    ``value``; ``button_width`` (e.g. ``"16em"``) fits long labels."""
    import ipywidgets as widgets

    style = {"button_width": button_width} if button_width else {}
    return widgets.ToggleButtons(options=list(options), value=value, description=description,
                                 style=style)


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
