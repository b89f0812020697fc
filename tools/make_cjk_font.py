"""Make the Chinese font the kit ships for its plots: ``crmlib/fonts/CRMKitSansSC-Regular.otf``.

Maintainers run this once (``python tools/make_cjk_font.py``) on a machine with Debian's
``fonts-noto-cjk``; students never need it. It takes Noto Sans CJK SC Regular (SIL Open Font
License 1.1) and keeps only the characters the kit can need: ASCII, Latin-1, general
punctuation and maths signs, CJK punctuation and full-width forms, and the 6,763 characters of
GB 2312 (every character of everyday simplified Chinese). The result is about 3–4 MB instead of
19 MB, small enough to travel with the kit so plots show Chinese on any laptop, offline.

The font is renamed "CRM Kit Sans SC" (a modified version should not carry the original's
name); ``crmlib/fonts/OFL.txt`` holds the licence and says where it comes from.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parents[1]
SOURCE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
TARGET = ROOT / "crmlib" / "fonts" / "CRMKitSansSC-Regular.otf"
FAMILY = "CRM Kit Sans SC"


def gb2312_characters() -> set[str]:
    """Every character GB 2312 encodes (rows 0xA1–0xF7, cells 0xA1–0xFE)."""
    found = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                found.add(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return found


def wanted_codepoints() -> set[int]:
    ranges = [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2190, 0x21FF),
              (0x2200, 0x22FF), (0x3000, 0x303F), (0xFF00, 0xFFEF)]
    points = {c for low, high in ranges for c in range(low, high + 1)}
    return points | {ord(ch) for ch in gb2312_characters()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--target", type=Path, default=TARGET)
    args = parser.parse_args()
    collection = TTCollection(str(args.source))
    font = next(f for f in collection.fonts if f["name"].getDebugName(1) == "Noto Sans CJK SC")
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted_codepoints())
    subsetter.subset(font)
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 16):
            names.setName(FAMILY, record.nameID, record.platformID, record.platEncID,
                          record.langID)
        elif record.nameID == 4:
            names.setName(f"{FAMILY} Regular", 4, record.platformID, record.platEncID,
                          record.langID)
        elif record.nameID == 6:
            names.setName("CRMKitSansSC-Regular", 6, record.platformID, record.platEncID,
                          record.langID)
    args.target.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(args.target))
    print(f"wrote {args.target} ({args.target.stat().st_size / 1e6:.1f} MB, "
          f"{len(font.getBestCmap())} characters)")


if __name__ == "__main__":
    main()
