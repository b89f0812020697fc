"""Shared plot helpers: axes, labels in the drawing language, text sizes, the docstring every
plot shares, and the Chinese font the labels need on any machine."""

from __future__ import annotations

import dataclasses
import functools
import inspect
import re
from collections.abc import Callable
from importlib import resources

from crmlib import i18n

#: The CJK font that travels with the kit (a GB 2312 subset of Noto Sans CJK SC, SIL OFL 1.1;
#: made by tools/make_cjk_font.py, licence in crmlib/fonts/OFL.txt), so Chinese labels draw on
#: a laptop with no Chinese font installed, offline.
KIT_CJK_FAMILY = "CRM Kit Sans SC"
_KIT_CJK_FILE = "CRMKitSansSC-Regular.otf"


def use_chinese_font() -> str:
    """Register the kit's CJK font and draw with it after DejaVu Sans; return its family name.

    matplotlib falls back glyph by glyph along ``font.family``: Latin letters and digits keep
    DejaVu Sans, Chinese characters come from the kit's font. Every crmlib plot calls this, so
    Chinese labels never show as empty boxes.
    """
    import matplotlib as mpl
    from matplotlib import font_manager

    if KIT_CJK_FAMILY not in {font.name for font in font_manager.fontManager.ttflist}:
        path = resources.files("crmlib") / "fonts" / _KIT_CJK_FILE
        font_manager.fontManager.addfont(str(path))
        # The kit ships the regular weight only (3.5 MB; bold would double it): bold Chinese
        # text is drawn in the regular weight instead of logging "failed to find font weight
        # bold" on every bold title. Latin text in bold stays DejaVu Sans Bold.
        regular = next(f for f in font_manager.fontManager.ttflist if f.name == KIT_CJK_FAMILY)
        font_manager.fontManager.ttflist.append(dataclasses.replace(regular, weight=700))
    if list(mpl.rcParams["font.family"]) != ["DejaVu Sans", KIT_CJK_FAMILY]:
        mpl.rcParams["font.family"] = ["DejaVu Sans", KIT_CJK_FAMILY]
    return KIT_CJK_FAMILY


def _axes(ax, figsize=(6.4, 4.0)):
    import matplotlib.pyplot as plt

    use_chinese_font()
    if ax is None:
        if _PROJECTION["on"]:  # a deck build: same proportions, room for larger text
            figsize = (figsize[0] * PROJECTION_SCALE, figsize[1] * PROJECTION_SCALE)
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _has_cjk() -> bool:
    import matplotlib as mpl

    return KIT_CJK_FAMILY in mpl.rcParams["font.family"]


class _Catalogue:
    """The texts of one plot module, from the text catalogue, in its drawing language: the
    kit's language, or English when no CJK font can draw Chinese (rather than empty boxes).

    ``has_cjk`` is called each time a text is looked up, so the language follows the fonts
    and :func:`crmlib.set_language` at drawing time, not at import.
    """

    def __init__(self, prefix: str, has_cjk: Callable[[], bool]):
        self.prefix, self.has_cjk = prefix, has_cjk

    def language(self) -> str:
        language = i18n.get_language()
        return language if language == "en" or self.has_cjk() else "en"

    def __call__(self, key: str, **values) -> str:
        """The text ``<prefix>.<key>``, its placeholders filled with ``values``."""
        return self.text(f"{self.prefix}.{key}", **values)

    def text(self, key: str, **values) -> str:
        """The text of the catalogue's full ``key`` (a unit, a vocabulary name …)."""
        return i18n.text(key, language=self.language(), **values)

    def text_or(self, key: str, default: str) -> str:
        """The text of the full ``key``, or ``default`` when the catalogue does not have it (a
        stage, dimension or category name the kit does not know is shown as it is)."""
        return self.text(key) if i18n.has_text(key) else default


def _text_sizes(ax, size: float, title_size: float):
    """Set the tick labels, axis labels and legend entries of ``ax`` to ``size`` points and its
    title to ``title_size``, so a figure stays readable when projected; return ``ax``."""
    ax.tick_params(labelsize=size)
    ax.xaxis.label.set_size(size)
    ax.yaxis.label.set_size(size)
    ax.title.set_size(title_size)
    legend = ax.get_legend()
    if legend is not None:
        for entry in legend.get_texts():
            entry.set_fontsize(size)
    return ax


def _plot_doc(plot=None, *, draws: str | None = None, kind: str = "DataFrame"):
    """Complete a plot's docstring with what every ``plot_*(..., ax=None) -> Axes`` shares, so
    each module writes only what is particular to its plot (used as ``@_plot_doc`` or
    ``@_plot_doc(draws="crmlib.clv_schedule")``).

    The docstring as written ends with its Parameters section, or with its description when
    there is no other parameter to describe. Added:

    - with ``draws`` (the dotted name of the function whose output the plot draws), the entry
      of the plot's first parameter, ``<name> : <kind>`` / "The output of :func:`<draws>`.",
      first in Parameters (the section is made when the docstring has none);
    - the entry ``ax : matplotlib Axes, optional`` where ``ax`` stands in the signature: before
      the entry of the parameter that follows it, or last;
    - the section Returns: ``Axes``.

    ``help(plot)`` shows the whole docstring; the function is returned otherwise unchanged. A
    docstring this cannot complete raises ``TypeError`` when its module is imported.

    >>> @_plot_doc(draws="crmlib.clv_schedule")
    ... def plot_example(schedule, *, unit=None, ax=None):
    ...     '''Bars of the schedule.
    ...
    ...     Parameters
    ...     ----------
    ...     unit : str, optional
    ...         The money unit.
    ...     '''
    >>> print(inspect.getdoc(plot_example))
    Bars of the schedule.
    <BLANKLINE>
    Parameters
    ----------
    schedule : DataFrame
        The output of :func:`crmlib.clv_schedule`.
    unit : str, optional
        The money unit.
    ax : matplotlib Axes, optional
    <BLANKLINE>
    Returns
    -------
    Axes
    """
    if plot is None:
        return functools.partial(_plot_doc, draws=draws, kind=kind)
    names = list(inspect.signature(plot).parameters)
    lines = (plot.__doc__ or "").rstrip().split("\n")
    if "ax" not in names or any(line.strip() == "Returns" for line in lines):
        raise TypeError(f"{plot.__name__}: _plot_doc completes the docstring of a plot with an "
                        "``ax`` parameter and no Returns section")
    indent = " " * min((len(line) - len(line.lstrip()) for line in lines[1:] if line.strip()),
                       default=4)
    if f"{indent}Parameters" not in lines:
        lines += ["", f"{indent}Parameters", f"{indent}----------"]
    header = lines.index(f"{indent}Parameters")
    if draws is not None:
        lines[header + 2:header + 2] = [f"{indent}{names[0]} : {kind}",
                                        f"{indent}    The output of :func:`{draws}`."]
    position = len(lines)
    for name in names[names.index("ax") + 1:]:
        entry = re.compile(rf"{indent}{re.escape(name)}( :|,|$)")
        found = [k for k, line in enumerate(lines) if k > header and entry.match(line)]
        if found:
            position = found[0]
            break
    lines.insert(position, f"{indent}ax : matplotlib Axes, optional")
    lines += ["", f"{indent}Returns", f"{indent}-------", f"{indent}Axes", indent]
    plot.__doc__ = "\n".join(lines)
    return plot


# --------------------------------------------------------------------------- projection
# Slide decks are projected in rooms of about 60 seats: `tools/build_slides.py` executes each
# lesson with `use_projection_style()` and draws every figure through `figure_for_projection`,
# so the figure on the slide has large text and markers and no labels on top of each other.
# Notebooks are unaffected: nothing here runs unless a deck build calls it.

#: Smallest text in a projected figure, in points. At the decks' 100 dpi that is 22 px in the
#: image, so a figure may be shown at 90% of its size and still keep text of 20 px.
PROJECTION_MIN_POINTS = 16
#: Largest projected figure in inches (1200 × 580 px at 100 dpi: the width of a 1280 × 720
#: slide's text column, the height left under a heading).
PROJECTION_MAX_SIZE = (12.0, 5.8)
#: How much larger than a notebook figure a projected one is drawn, so that text of
#: PROJECTION_MIN_POINTS keeps the proportions the figure was designed with at about 11 pt.
PROJECTION_SCALE = 1.375
PROJECTION_DPI = 100

_PROJECTION = {"on": False}


def use_projection_style() -> None:
    """Draw every following figure for a projector: larger figures, text, lines and markers.

    Called by the deck build (``make slides``) in the kernel that executes a lesson; a notebook
    never needs it. Plots made by crmlib keep their proportions (their figure size is scaled by
    :data:`PROJECTION_SCALE`); pass each figure through :func:`figure_for_projection` to enforce
    the minimum text size and separate overlapping labels.
    """
    import matplotlib as mpl

    size = PROJECTION_MIN_POINTS
    mpl.rcParams.update({
        "figure.figsize": (6.4 * PROJECTION_SCALE, 4.0 * PROJECTION_SCALE),
        "figure.dpi": PROJECTION_DPI, "savefig.dpi": PROJECTION_DPI,
        "font.size": size + 1, "axes.titlesize": size + 3, "axes.labelsize": size + 1,
        "xtick.labelsize": size, "ytick.labelsize": size, "legend.fontsize": size,
        "legend.title_fontsize": size, "figure.titlesize": size + 4,
        "lines.linewidth": 2.5, "lines.markersize": 9, "axes.linewidth": 1.2,
        "xtick.major.size": 6, "ytick.major.size": 6, "axes.titlepad": 14,
    })
    _PROJECTION["on"] = True


def figure_for_projection(fig, *, min_points: float = PROJECTION_MIN_POINTS) -> dict:
    """Make ``fig`` readable on a projected slide; return what was measured.

    The figure is capped at :data:`PROJECTION_MAX_SIZE`; text smaller than ``min_points``
    is enlarged to it (also text a plot sets explicitly, such as ``fontsize=7`` point labels);
    thin lines and small markers are thickened; point labels (``annotate`` with offset points)
    are moved until they overlap neither each other, nor other text, nor the points; a legend
    wider than the figure is stacked in one column; crowded x tick labels are thinned or turned;
    values written in heatmap cells that would run into each other are left out (the colours
    and the colour bar still show them).

    Returns
    -------
    dict
        ``min_text_px``: the smallest text height in pixels at :data:`PROJECTION_DPI`;
        ``overlapping_text``: how many pairs of text elements still overlap (0 when readable);
        ``hidden_cell_labels``: values written in heatmap cells that were left out because at
        this size they would run into each other.
    """
    import matplotlib.pyplot as plt
    from matplotlib.collections import PathCollection
    from matplotlib.legend import Legend
    from matplotlib.text import Text
    from matplotlib.ticker import MaxNLocator

    fig.set_dpi(PROJECTION_DPI)
    width, height = fig.get_size_inches()
    fig.set_size_inches(min(width, PROJECTION_MAX_SIZE[0]), min(height, PROJECTION_MAX_SIZE[1]))
    for ax in fig.axes:
        ax.tick_params(labelsize=max(min_points, _tick_size(ax)))
        for line in ax.lines:
            if line.get_marker() not in (None, "None", "", " ") and line.get_markersize() < 8:
                line.set_markersize(8)
            if 0 < line.get_linewidth() < 1.6:
                line.set_linewidth(1.6)
        for collection in ax.collections:
            if isinstance(collection, PathCollection) and len(collection.get_offsets()) <= 300:
                sizes = collection.get_sizes()
                if len(sizes):
                    collection.set_sizes([max(float(s), 70.0) for s in sizes])
    fig.draw_without_rendering()  # creates the tick labels and lays the figure out
    for text in _texts(fig):
        if text.get_fontsize() < min_points:
            text.set_fontsize(min_points)
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    changed = False
    for legend in fig.findobj(Legend):
        too_wide = legend.get_window_extent(renderer).width > fig.bbox.width
        if too_wide and getattr(legend, "_ncols", 1) > 1:
            legend.set_ncols(1)
            changed = True
    hidden = 0
    for ax in fig.axes:
        # values written in the cells of a heatmap: if at projection size they run into each
        # other, the colours (and the colour bar) carry the figure and the numbers are left out
        cells = [t for t in ax.texts if type(t) is Text and t.get_transform() == ax.transData
                 and t.get_visible() and t.get_text().strip()]
        if _overlapping([_text_box(t, renderer) for t in cells]):
            for text in cells:
                text.set_visible(False)
            hidden += len(cells)
            changed = True
        if _overlapping([_text_box(t, renderer) for t in _tick_labels(ax.xaxis)]):
            changed = True
            if isinstance(ax.xaxis.get_major_locator(), MaxNLocator):
                ax.xaxis.set_major_locator(MaxNLocator(nbins=5))
            else:
                plt.setp(_tick_labels(ax.xaxis), rotation=30, ha="right")
    if changed:
        fig.draw_without_rendering()
    for ax in fig.axes:
        _separate_point_labels(ax, renderer)
    fig.draw_without_rendering()
    texts = _texts(fig)
    return {"min_text_px": round(min((t.get_fontsize() * fig.dpi / 72 for t in texts),
                                     default=float("inf")), 1),
            "overlapping_text": _overlapping([_text_box(t, renderer) for t in texts],
                                             count=True),
            "hidden_cell_labels": hidden}


def _tick_labels(axis):
    """The tick labels matplotlib draws: visible, non-empty, at a tick inside the view."""
    low, high = sorted(axis.get_view_interval())
    slack = 1e-9 * max(abs(high - low), 1e-300)
    return [label for tick in axis.get_major_ticks() + axis.get_minor_ticks()
            if tick.get_visible() and low - slack <= tick.get_loc() <= high + slack
            for label in (tick.label1, tick.label2)
            if label.get_visible() and label.get_text().strip()]


def _text_box(text, renderer):
    """The box of the letters only (an annotation's own extent includes its leader line)."""
    from matplotlib.text import Text

    return Text.get_window_extent(text, renderer)


def _tick_size(ax) -> float:
    labels = ax.get_xticklabels() + ax.get_yticklabels()
    return min((t.get_fontsize() for t in labels), default=PROJECTION_MIN_POINTS)


def _texts(fig):
    """Every text of ``fig`` a viewer sees: titles, labels, legends, notes and the tick labels
    matplotlib draws (it keeps spare tick objects outside the view, which are not drawn)."""
    from matplotlib.text import Text

    ticks, shown = set(), []
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                ticks.update((id(tick.label1), id(tick.label2)))
            shown += _tick_labels(axis)
    shown += [t for t in fig.findobj(Text) if id(t) not in ticks and t.get_visible()
              and t.get_text().strip()]
    return shown


def _overlapping(boxes, *, count: bool = False, pad: float = 1.0):
    """Whether (or, with ``count``, how many pairs of) the display boxes overlap."""
    found = 0
    for k, a in enumerate(boxes):
        for b in boxes[k + 1:]:
            if a.x0 + pad < b.x1 and b.x0 + pad < a.x1 and a.y0 + pad < b.y1 and b.y0 + pad < a.y1:
                if not count:
                    return True
                found += 1
    return found if count else False


def _separate_point_labels(ax, renderer) -> None:
    """Move ``annotate(..., textcoords="offset points")`` labels off each other and the points.

    Each label, top to bottom, takes the first of a few positions around its point (right,
    left, above, below, then further out) where it overlaps no label placed before it, no
    other text of the axes and no point; if none is free, the least crowded one.
    """
    from matplotlib.collections import PathCollection
    from matplotlib.text import Annotation

    labels = [t for t in ax.texts if isinstance(t, Annotation) and t.get_visible()
              and t.anncoords == "offset points" and t.get_text().strip()]
    if not labels:
        return
    fixed = [_text_box(t, renderer) for t in ax.texts
             if t.get_visible() and t not in labels and t.get_text().strip()]
    points = []
    for collection in ax.collections:
        if isinstance(collection, PathCollection):
            radius = (max(collection.get_sizes(), default=36.0) ** 0.5) / 2 * ax.figure.dpi / 72
            for x, y in collection.get_offset_transform().transform(collection.get_offsets()):
                points.append(_Box(x - radius, y - radius, x + radius, y + radius))
    area = ax.get_window_extent(renderer)
    placed = []
    centres = [((p.x0 + p.x1) / 2, (p.y0 + p.y1) / 2) for p in points]
    order = sorted(labels, key=lambda t: -ax.transData.transform(t.xy)[1])
    for label in order:
        size = label.get_fontsize()
        anchor = tuple(ax.transData.transform(label.xy))
        centres.append(anchor)
        best, best_cost = None, None
        for offset, align in _label_positions(size):
            label.xyann = offset
            label.set_horizontalalignment(align[0])
            label.set_verticalalignment(align[1])
            box = _text_box(label, renderer)
            cost = sum(_overlap_area(box, other) for other in [*placed, *fixed, *points])
            outside = max(0.0, area.x0 - box.x0) + max(0.0, box.x1 - area.x1) + \
                max(0.0, area.y0 - box.y0) + max(0.0, box.y1 - area.y1)
            cost += outside * box.height
            own = _distance(box, anchor)
            cost += sum(2.0 * box.height ** 2 for centre in centres  # nearer another point
                        if _distance(box, centre) < own - 2.0)
            if best_cost is None or cost < best_cost - 1e-6:
                best, best_cost = (offset, align), cost
            if cost == 0:
                break
        (dx, dy), (ha, va) = best
        label.xyann = (dx, dy)
        label.set_horizontalalignment(ha)
        label.set_verticalalignment(va)
        placed.append(_text_box(label, renderer))
        if max(abs(dx), abs(dy)) > 1.5 * size and label.arrowprops is None:  # far: a leader
            ax.annotate(label.get_text(), label.xy, xytext=(dx, dy), textcoords="offset points",
                        fontsize=size, color=label.get_color(), ha=ha, va=va,
                        fontweight=label.get_fontweight(),
                        arrowprops={"arrowstyle": "-", "color": "#888888", "lw": 0.8,
                                    "shrinkA": 2, "shrinkB": 5})
            label.remove()


def _label_positions(size):
    """Offsets (points) and alignments around a point, nearest first: right, left, above,
    below, the four diagonals, then the same further out."""
    positions = []
    for gap in (0.5 * size, 1.8 * size):
        positions += [((gap, 0), ("left", "center")), ((-gap, 0), ("right", "center")),
                      ((0, gap), ("center", "bottom")), ((0, -gap), ("center", "top")),
                      ((gap, gap), ("left", "bottom")), ((-gap, gap), ("right", "bottom")),
                      ((gap, -gap), ("left", "top")), ((-gap, -gap), ("right", "top"))]
    return positions


class _Box:
    def __init__(self, x0, y0, x1, y1):
        self.x0, self.y0, self.x1, self.y1 = x0, y0, x1, y1


def _distance(box, point) -> float:
    x, y = point
    dx = max(box.x0 - x, 0.0, x - box.x1)
    dy = max(box.y0 - y, 0.0, y - box.y1)
    return (dx * dx + dy * dy) ** 0.5


def _overlap_area(a, b) -> float:
    dx = min(a.x1, b.x1) - max(a.x0, b.x0)
    dy = min(a.y1, b.y1) - max(a.y0, b.y0)
    return dx * dy if dx > 0 and dy > 0 else 0.0
