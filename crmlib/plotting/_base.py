"""Shared plot helpers: axes, and the CJK font the labels may need."""

from __future__ import annotations

_CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans SC", "WenQuanYi Zen Hei",
                 "Source Han Sans SC", "SimHei", "Microsoft YaHei")


def use_chinese_font() -> str | None:
    """Add an installed CJK font after DejaVu Sans so Chinese labels render; return its name.

    Returns ``None`` (and changes nothing) when no CJK font is installed: then keep labels in
    English rather than drawing empty boxes.
    """
    import matplotlib as mpl
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    for family in _CJK_FAMILIES:
        if family in installed:
            mpl.rcParams["font.family"] = ["DejaVu Sans", family]
            return family
    return None


def _axes(ax, figsize=(6.4, 4.0)):
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _has_cjk() -> bool:
    import matplotlib as mpl

    return any(family in _CJK_FAMILIES for family in mpl.rcParams["font.family"])
