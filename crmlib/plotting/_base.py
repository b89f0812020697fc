"""Shared plot helpers: axes, and the Chinese font the labels need on any machine."""

from __future__ import annotations

import dataclasses
from importlib import resources

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
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _has_cjk() -> bool:
    import matplotlib as mpl

    return KIT_CJK_FAMILY in mpl.rcParams["font.family"]
