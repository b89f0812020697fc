"""Chinese labels render from the kit's own font: no system CJK font is needed."""

import subprocess
import sys
import warnings
from pathlib import Path

import crmlib as crm
from crmlib.plotting._base import KIT_CJK_FAMILY


def _zh_texts():
    from crmlib import i18n

    return [v for v in i18n.catalogue("zh").values() if isinstance(v, str)]


def test_every_character_of_the_chinese_catalogue_is_in_the_kit_font():
    from fontTools.ttLib import TTFont

    from crmlib.plotting import _base

    path = Path(_base.__file__).parents[1] / "fonts" / _base._KIT_CJK_FILE
    cmap = TTFont(path).getBestCmap()
    missing = {ch for t in _zh_texts() for ch in t if ord(ch) >= 0x2E80 and ord(ch) not in cmap}
    assert missing == set()


def test_chinese_labels_draw_with_no_missing_glyph_warning():
    import matplotlib.pyplot as plt

    ax = crm.plotting.plot_margin_multiple()
    ax.set_title("客户终生价值与客户保持率")
    ax.set_xlabel("保持率（考察期 → 稳定期）", fontweight="bold")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font(s)" would raise
        ax.figure.canvas.draw()
    assert KIT_CJK_FAMILY in plt.rcParams["font.family"]


def test_bold_chinese_text_logs_no_font_warning(caplog):
    ax = crm.plotting.plot_margin_multiple()
    ax.set_title("客户终生价值 Bold", fontweight="bold")
    with caplog.at_level("WARNING", logger="matplotlib.font_manager"):
        ax.figure.canvas.draw()
    assert not [r for r in caplog.records if "findfont" in r.getMessage()]


def test_font_registers_in_a_fresh_process_with_an_empty_font_cache(tmp_path):
    # a new matplotlib cache and no system CJK font: the kit's font is still found
    code = ("import warnings, crmlib as crm\n"
            "from matplotlib import font_manager\n"
            "warnings.simplefilter('error')\n"
            "ax = crm.plotting.plot_margin_multiple(); ax.set_title('客户终生价值')\n"
            "ax.figure.canvas.draw()\n"
            "prop = font_manager.FontProperties(family=['CRM Kit Sans SC'])\n"
            "print(font_manager.findfont(prop, fallback_to_default=False))\n")
    env = {"MPLCONFIGDIR": str(tmp_path), "MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().endswith("CRMKitSansSC-Regular.otf")
