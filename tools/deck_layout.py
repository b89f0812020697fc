"""Cut an executed lesson into slides for a 60-seat room (used by ``tools/build_slides.py``).

The lesson stays as the students read it; the deck is made from it at build time, so every
lesson, new ones and the Chinese edition included, gets the same treatment:

* **Every heading starts a slide**, wherever it sits in its cell (``#``/``##`` a new column of
  the deck, ``###`` and deeper a slide stacked under it). A section that does not fit on one
  slide continues on the next (stacked under it), with the section's title repeated small at
  the top; a continuation that would hold one short paragraph only goes to the notes instead.
* **No code** unless the deck is built with ``code=True``: a code cell contributes its outputs
  (results, tables, figures, widgets in their saved state); set-up cells with no output vanish.
* **Slide-sized text.** Lists, tables, formulas and quotes (the "predict first" questions) are
  shown whole (a list item of more than four lines shows its first sentence). A paragraph of
  running prose shows its first sentence, which in the kit's lessons states the point ("The
  scheme lengthens the expected stay from 4 to 6.67 years."); the whole paragraph goes to the
  slide's speaker notes. A paragraph of one or two lines is shown whole.
  ``<details>`` blocks (the answers to "what you should find" and to "check your
  understanding") go to the notes: the room answers first.
* **Speaker notes** per slide: the instructor's note from ``docs/speaker_notes.yml`` (say, ask,
  expected answer) first, then the lesson's full text of what the slide shortened.
* **Everything fits 1280 × 720.** Each block's height is estimated from the deck's type sizes
  (``LAYOUT``); a block that does not fit on the current slide starts the next one, a long list
  or table is split between slides, a figure is shown at its drawn size (or a little smaller,
  never below the scale that keeps its text at 20 px), a widget gets a slide of its own, and a
  text output longer than 14 lines is cut with a line saying so.
  ``tests/tooling/test_decks.py`` measures the real slides in a browser.
"""

from __future__ import annotations

import html
import math
import re
import struct
import unicodedata
from base64 import b64decode
from dataclasses import dataclass, field
from html.parser import HTMLParser

import nbformat

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
NO_INPUT_TAG = "deck-no-input"

#: The deck's geometry and type sizes in CSS pixels; tools/slides/templates/crm_reveal uses
#: the same numbers (its CSS is generated from this table, see ``css_variables``).
LAYOUT = {
    "width": 1280, "height": 720,
    "pad_x": 48, "pad_top": 26, "pad_bottom": 46,   # the bottom keeps clear of the controls
    "body": 26, "line": 1.35, "gap": 12,            # running text
    "h1": 46, "h2": 38, "h3": 32, "h4": 28, "heading_line": 1.2, "heading_gap": 14,
    "running": 22,                                  # the section title on continued slides
    "table": 22, "table_pad_y": 5, "table_pad_x": 10,
    "output": 22, "output_line": 1.3, "output_pad": 10,
    "code": 20, "code_line": 1.3, "code_pad": 12,
    "math_scale": 1.0,                              # MathJax's own scale setting
    "min_text": 20,                                 # the smallest text the deck may show
    "widget_result_width": 640,                     # an explorer's result, in two columns
}
CONTENT_WIDTH = LAYOUT["width"] - 2 * LAYOUT["pad_x"]
CONTENT_HEIGHT = LAYOUT["height"] - LAYOUT["pad_top"] - LAYOUT["pad_bottom"]
#: Advance widths (em) of Noto Sans SC, the deck's font, for ASCII and common symbols, as
#: the browser measures them (canvas measureText); bold text is about 5% wider. Other
#: characters: CJK and full-width forms 1 em, the rest 0.6 em. Outputs use a monospace font.
_ADVANCE_CHARS = "".join(chr(c) for c in range(32, 127)) + "×−–—≈→←·…“”‘’°±≤≥²³µ€£¥•"
_ADVANCE_WIDTHS = (
    224, 323, 474, 555, 555, 921, 680, 278, 338, 338, 467, 555, 278, 347, 278, 392, 555, 555,
    555, 555, 555, 555, 555, 555, 555, 555, 278, 278, 555, 555, 555, 474, 946, 608, 657, 638,
    688, 589, 552, 689, 728, 293, 535, 646, 543, 812, 723, 742, 633, 742, 635, 596, 599, 721,
    575, 878, 573, 531, 603, 338, 392, 338, 555, 559, 606, 563, 618, 510, 620, 554, 325, 564,
    607, 275, 275, 552, 284, 926, 610, 606, 620, 620, 388, 468, 377, 607, 521, 802, 498, 521,
    475, 338, 270, 338, 555, 1000, 555, 536, 894, 549, 1000, 1000, 1000, 1000, 1000, 1000,
    1000, 1000, 370, 1000, 549, 549, 411, 411, 628, 555, 555, 555, 1000)
ADVANCE = {ch: w / 1000 for ch, w in zip(_ADVANCE_CHARS, _ADVANCE_WIDTHS, strict=True)}
BOLD_FACTOR, OTHER_EM, WIDE_EM, MONO_EM = 1.05, 0.6, 1.0, 0.61
#: Estimates err on the safe side by this factor (kerning, fallback fonts, rounding).
SAFETY = 1.04
#: A paragraph of at most this many lines is shown whole.
SHORT_PARAGRAPH_LINES = 2
#: A list item longer than this many lines shows its first sentence (the rest goes to notes).
LONG_ITEM_LINES = 4
#: Text outputs (printed tables, results) longer than this are cut, with a note saying so.
MAX_OUTPUT_LINES = 14


# --------------------------------------------------------------------------- markdown blocks


@dataclass
class Block:
    """One thing on a slide: markdown (``heading``, ``text``, ``list``, ``table``, ``math``,
    ``quote``, ``details``, ``fence``, ``html``) or a cell's ``code`` / ``output``."""

    kind: str
    source: str = ""
    level: int = 0
    output: dict | None = None
    notes: str = ""        # what the slide leaves out of this block, for the speaker notes
    height: float = 0.0
    scale: float = 1.0     # figures: the size they are shown at


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^(\s*)([-*+]|\d{1,3}[.)])\s+")
_FENCE = re.compile(r"^\s*(```|~~~)")


def markdown_blocks(source: str) -> list[Block]:
    """Split a markdown cell into blocks (line based, for the kit's plain CommonMark)."""
    lines = source.splitlines()
    blocks, k = [], 0

    def take_until(stop, start):
        end = start + 1
        while end < len(lines) and not stop(lines[end]):
            end += 1
        return end

    while k < len(lines):
        line = lines[k]
        if not line.strip():
            k += 1
            continue
        heading = _HEADING.match(line)
        if heading:
            blocks.append(Block("heading", line.strip(), level=len(heading[1])))
            k += 1
        elif _FENCE.match(line):
            fence = _FENCE.match(line)[1]
            end = take_until(lambda s: s.strip().startswith(fence), k)
            blocks.append(Block("fence", "\n".join(lines[k:end + 1])))
            k = end + 1
        elif line.strip().startswith("$$"):
            if line.strip() != "$$" and line.strip().endswith("$$") and len(line.strip()) > 4:
                end = k
            else:
                end = take_until(lambda s: "$$" in s, k)
            blocks.append(Block("math", "\n".join(lines[k:end + 1])))
            k = end + 1
        elif line.lstrip().lower().startswith("<details"):
            end = k
            while end < len(lines) and "</details>" not in lines[end].lower():
                end += 1
            blocks.append(Block("details", "\n".join(lines[k:end + 1])))
            k = end + 1
        elif line.lstrip().startswith("<"):
            end = take_until(lambda s: not s.strip(), k)
            blocks.append(Block("html", "\n".join(lines[k:end])))
            k = end
        elif line.lstrip().startswith("|"):
            end = take_until(lambda s: not s.lstrip().startswith("|"), k)
            blocks.append(Block("table", "\n".join(lines[k:end])))
            k = end
        elif line.lstrip().startswith(">"):
            end = take_until(lambda s: not s.strip(), k)
            blocks.append(Block("quote", "\n".join(lines[k:end])))
            k = end
        elif _LIST_ITEM.match(line):
            end = k + 1
            while end < len(lines):
                current = lines[end]
                if current.strip() and (_LIST_ITEM.match(current) or current.startswith(" ")):
                    end += 1
                elif not current.strip() and end + 1 < len(lines) and (
                        _LIST_ITEM.match(lines[end + 1]) or lines[end + 1].startswith("  ")):
                    end += 1
                else:
                    break
            blocks.append(Block("list", "\n".join(lines[k:end]).rstrip()))
            k = end
        else:
            end = take_until(lambda s: not s.strip() or _HEADING.match(s) or _FENCE.match(s)
                             or s.strip().startswith("$$") or _LIST_ITEM.match(s)
                             and not _LIST_ITEM.match(s)[1], k)
            blocks.append(Block("text", "\n".join(lines[k:end])))
            k = end
    return blocks


# --------------------------------------------------------------------------- sentences


_ABBREVIATIONS = ("e.g.", "i.e.", "vs.", "cf.", "etc.", "al.", "approx.", "fig.", "no.", "eq.",
                  "p.", "pp.", "ch.", "resp.")
_BOLD_LABEL = re.compile(r"^\*\*[^*]+\*\*$")


def lead_sentence(text: str) -> str:
    """The first sentence of a markdown paragraph (English or Chinese), markup kept balanced.

    A sentence ends at ``.``, ``!`` or ``?`` followed by a space and a new sentence, or at
    ``。！？``; not inside ``$math$``, ``code`` or brackets, not after an abbreviation or an
    initial ("D. R. Lehmann"). A bold label such as ``**Scores.**`` is not a sentence on its
    own: the lead then runs to the next sentence end.
    """
    flat = " ".join(text.split())
    start = 0
    while True:
        end = _sentence_end(flat, start)
        if end is None:
            return flat
        lead = flat[:end].strip()
        if _BOLD_LABEL.match(lead) or not _balanced(lead):
            start = end
            continue
        return lead


def _sentence_end(text: str, start: int) -> int | None:
    depth, math_on, code_on = 0, False, False
    k = start
    while k < len(text):
        ch = text[k]
        if ch == "`":
            code_on = not code_on
        elif code_on:
            pass
        elif ch == "$":
            math_on = not math_on
        elif math_on:
            pass
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch in "。！？" and depth == 0:
            end = k + 1
            while end < len(text) and text[end] in "”’）」*":
                end += 1
            return end if end < len(text) else None
        elif ch in ".!?" and depth == 0:
            end = k + 1
            while end < len(text) and text[end] in "*\"')”’_":
                end += 1
            if end >= len(text):
                return None
            if text[end] == " " and end + 1 < len(text) and _starts_sentence(text[end + 1:]) \
                    and not _abbreviation(text[:k + 1]):
                return end
        k += 1
    return None


def _starts_sentence(rest: str) -> bool:
    first = rest.lstrip("*_\"'(“`")[:1]
    return bool(first) and (first.isupper() or first.isdigit() or _wide(first))


def _abbreviation(before: str) -> bool:
    word = before.rsplit(" ", 1)[-1].lstrip("(*_")
    if word.casefold() in _ABBREVIATIONS:
        return True
    return len(word) == 2 and word[0].isupper()   # an initial: "S." in "Gupta, S."


def _balanced(text: str) -> bool:
    return text.count("**") % 2 == 0 and text.count("`") % 2 == 0 and text.count("$") % 2 == 0


# --------------------------------------------------------------------------- text sizes


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


_MARKUP = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`|<[^>]+>")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TEX_COMMAND = re.compile(r"\\[A-Za-z]+")


def plain_text(markdown: str) -> str:
    """What a reader sees of a markdown snippet (markup, links and TeX commands reduced)."""
    text = _LINK.sub(r"\1", markdown)
    text = re.sub(r"\$([^$]*)\$", lambda m: _TEX_COMMAND.sub("x", m[1]).replace("{", "")
                  .replace("}", "").replace("\\", ""), text)
    text = _MARKUP.sub("", text)
    return html.unescape(text)


def char_em(ch: str) -> float:
    if ch in ADVANCE:
        return ADVANCE[ch]
    return WIDE_EM if _wide(ch) else OTHER_EM


def text_width(text: str, font_px: float, mono: bool = False) -> float:
    """Estimated width in px of ``text`` (plain) at ``font_px`` in the deck's font."""
    if mono:
        return sum((WIDE_EM if _wide(ch) else MONO_EM) for ch in text) * font_px
    return sum(char_em(ch) for ch in text) * font_px * SAFETY


def markdown_width(markdown: str, font_px: float) -> float:
    """Like ``text_width`` for markdown, with bold runs counted wider."""
    bold = sum(text_width(plain_text(m), font_px) for m in re.findall(r"\*\*(.+?)\*\*", markdown))
    return text_width(plain_text(markdown), font_px) + (BOLD_FACTOR - 1) * bold


_WORDS = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff"
                    r"\uf900-\ufaff\uff00-\uffef]+")


def wrapped_lines(text: str, font_px: float, width: float, mono: bool = False) -> int:
    """How many lines ``text`` (plain) takes when wrapped at word boundaries to ``width``
    (CJK text breaks between any two characters)."""
    lines = 0
    space = text_width(" ", font_px, mono)
    for paragraph in text.split("\n"):
        current, count = 0.0, 1
        for word in _WORDS.findall(paragraph):
            w = text_width(word, font_px, mono)
            if current and current + space + w > width + 0.5:
                count += 1
                current = w
            else:
                current += (space if current and not _wide(word[0]) else 0) + w
            while current > width + 0.5:       # a word longer than the line breaks anyway
                count += 1
                current -= width
        lines += count
    return lines


def heading_height(block: Block, width: float = CONTENT_WIDTH) -> float:
    size = LAYOUT[f"h{min(max(block.level, 1), 4)}"]
    text = plain_text(_HEADING.match(block.source)[2])
    lines = wrapped_lines(text, size * BOLD_FACTOR, width)
    return lines * size * LAYOUT["heading_line"] + LAYOUT["heading_gap"]


def prose_height(markdown: str, width: float = CONTENT_WIDTH) -> float:
    """Height of a paragraph of running text, math included."""
    size = LAYOUT["body"]
    lines = wrapped_lines(plain_text(markdown), size, width)
    tall = 0.25 if re.search(r"\$[^$]*(\\frac|\^|_)[^$]*\$", markdown) else 0.0
    return lines * size * LAYOUT["line"] * (1 + tall) + LAYOUT["gap"]


def list_items(source: str) -> list[str]:
    """The top-level items of a markdown list (each with its continuation lines)."""
    items: list[str] = []
    indent = len(_LIST_ITEM.match(source)[1])
    for line in source.splitlines():
        match = _LIST_ITEM.match(line)
        if match and len(match[1]) <= indent:
            items.append(line)
        elif items:
            items[-1] += "\n" + line
    return items


def list_height(source: str, width: float = CONTENT_WIDTH) -> float:
    size = LAYOUT["body"]
    total = LAYOUT["gap"]
    for item in list_items(source):
        formulas = re.findall(r"\$\$.*?\$\$", item, flags=re.S)   # display maths in an item
        for formula in formulas:
            item = item.replace(formula, " ")
            total += math_height(formula, width - 1.6 * size)
        nested = [ln for ln in item.splitlines()[1:] if _LIST_ITEM.match(ln)]
        text = _LIST_ITEM.sub("", item.splitlines()[0], count=1) + " " + " ".join(
            ln.strip() for ln in item.splitlines()[1:] if not _LIST_ITEM.match(ln))
        total += wrapped_lines(plain_text(text), size, width - 1.6 * size) * size * \
            LAYOUT["line"] + 6
        for sub in nested:
            total += wrapped_lines(plain_text(_LIST_ITEM.sub("", sub)), size,
                                   width - 3.2 * size) * size * LAYOUT["line"] + 4
    return total


def _table_rows(source: str) -> list[list[str]]:
    rows = []
    for line in source.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
            continue
        rows.append(cells)
    return rows


# ideographs only: the browser keeps full-width brackets and punctuation with their neighbours
_IDEOGRAPHS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CELL_BREAKS = re.compile(rf"(?<=_)|\s+|(?<=[{_IDEOGRAPHS}])|(?=[{_IDEOGRAPHS}])")


def table_height(rows: list[list[str]], width: float = CONTENT_WIDTH,
                 font: float | None = None) -> tuple[float, float]:
    """(height, width) of a table of markdown cells at the deck's table size.

    Column widths follow the browser's automatic table layout: each column gets its widest
    content when everything fits, otherwise its longest word plus a share of the remaining
    width in proportion to how much it could still use."""
    font = font or LAYOUT["table"]
    pad_x, pad_y = LAYOUT["table_pad_x"], LAYOUT["table_pad_y"]
    columns = max((len(r) for r in rows), default=0)
    widest, longest_word = [0.0] * columns, [0.0] * columns
    for row in rows:
        for j, cell in enumerate(row):
            text = plain_text(cell)
            widest[j] = max(widest[j], markdown_width(cell, font) + 2 * pad_x)
            # the browser breaks after "_", at spaces and between any two Chinese characters
            words = [w for w in CELL_BREAKS.split(text) if w] or [""]
            longest_word[j] = max(longest_word[j], max(text_width(w, font) for w in words)
                                  + 2 * pad_x)
    if sum(widest) <= width:
        widths = widest
    else:
        spare = max(width - sum(longest_word), 0.0)
        stretch = sum(w - m for w, m in zip(widest, longest_word, strict=True)) or 1.0
        widths = [m + (w - m) * spare / stretch
                  for w, m in zip(widest, longest_word, strict=True)]
    height = LAYOUT["gap"]
    for row in rows:
        lines = max((wrapped_lines(plain_text(c), font * (BOLD_FACTOR if "**" in c else 1),
                                   max(widths[j] - 2 * pad_x, 1)) for j, c in enumerate(row)),
                    default=1)
        tall = 0.3 if any("$" in c for c in row) else 0.0
        height += lines * font * LAYOUT["line"] * (1 + tall) + 2 * pad_y + 1
    return height, sum(widths)


#: MathJax matches the x-height of the surrounding font: with Noto Sans SC its formulas come
#: out 1.22 times the text size (measured in the browser); scripts are 70.7% of that.
MATH_FACTOR = 1.22
#: The smallest sub- or superscript, in em of its formula: tables' formulas are 22 × 1.22 =
#: 26.8 px, and 0.76 of that is 20.4 px (TeX's own 71% and 50% would give 19.0 and 13.4 px).
SCRIPT_MIN_EM = 0.76


def math_height(source: str, width: float = CONTENT_WIDTH) -> float:
    """Height of a display formula: rows (``\\``), tall rows for fractions and sums, braces
    with text under them, and line breaks when the formula is wider than the slide."""
    tex = source.strip().strip("$").strip()
    size = LAYOUT["body"] * MATH_FACTOR * LAYOUT["math_scale"]
    visible = re.sub(r"\\(text|mathrm|operatorname)\{([^}]*)\}", r"\2", tex)
    visible = re.sub(r"\\[A-Za-z]+", "x", visible)
    visible = re.sub(r"[{}^_&\s]", "", visible)
    rows = tex.count("\\\\") + 1
    per_row = 1.5
    if re.search(r"\\(frac|dfrac|sum|prod|int)", tex):
        per_row = 2.8
    if "\\underbrace" in tex or "\\overbrace" in tex:
        per_row += 1.5
    lines = max(rows, math.ceil(len(visible) * 0.55 * size / width))
    return lines * per_row * size + 2 * LAYOUT["gap"]


def output_text_height(text: str, width: float = CONTENT_WIDTH) -> float:
    size = LAYOUT["output"]
    lines = sum(max(1, math.ceil(text_width(line, size, mono=True) /
                                 (width - 2 * LAYOUT["output_pad"])))
                for line in text.rstrip("\n").split("\n"))
    return lines * size * LAYOUT["output_line"] + 2 * LAYOUT["output_pad"] + LAYOUT["gap"]


def code_height(source: str, width: float = CONTENT_WIDTH) -> float:
    size = LAYOUT["code"]
    lines = sum(max(1, math.ceil(text_width(line, size, mono=True) /
                                 (width - 2 * LAYOUT["code_pad"])))
                for line in source.rstrip("\n").split("\n"))
    return lines * size * LAYOUT["code_line"] + 2 * LAYOUT["code_pad"] + LAYOUT["gap"]


class _HtmlTable(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self._cell, self._in_style = [], None, False

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = ""
        elif tag == "style":
            self._in_style = True

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self.rows:
            self.rows[-1].append(self._cell.strip())
            self._cell = None
        elif tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._cell is not None and not self._in_style:
            self._cell += data


def html_table_rows(markup: str) -> list[list[str]]:
    parser = _HtmlTable()
    parser.feed(markup)
    return [row for row in parser.rows if row]


def png_size(data: str) -> tuple[int, int]:
    raw = b64decode(data[:64] if len(data) > 64 else data)
    return struct.unpack(">II", raw[16:24])


# --------------------------------------------------------------------------- block heights


def measure(block: Block, *, code: bool) -> float:
    """Estimated height of a block on a slide, in px (0: not shown on the slide)."""
    kind = block.kind
    if kind == "heading":
        return heading_height(block)
    if kind == "text":
        return prose_height(block.source)
    if kind == "list":
        return list_height(block.source)
    if kind == "table":
        return table_height(_table_rows(block.source))[0]
    if kind == "math":
        return math_height(block.source)
    if kind == "quote":
        return prose_height(re.sub(r"^\s*>\s?", "", block.source, flags=re.M)) + 2 * 12
    if kind == "html":
        return prose_height(plain_text(block.source))
    if kind == "fence":
        return code_height(block.source) if code else 0.0
    if kind == "code":
        return code_height(block.source)
    if kind == "output":
        return output_height(block.output)
    return 0.0


def output_height(output: dict) -> float:
    data = output.get("data", {})
    if WIDGET_MIME in data:
        return CONTENT_HEIGHT
    if "image/png" in data:
        width, height = png_size(data["image/png"])
        return height + LAYOUT["gap"]
    if "text/html" in data:
        rows = html_table_rows(data["text/html"])
        if rows:
            return table_height(rows)[0]
        return prose_height(plain_text(data["text/html"]))
    if output.get("output_type") == "stream":
        return output_text_height(output.get("text", ""))
    if "text/markdown" in data:
        return prose_height(data["text/markdown"])
    if "text/plain" in data:
        return output_text_height(data["text/plain"])
    return 0.0


def figure_scale(output: dict, available: float, width: float = CONTENT_WIDTH) -> float | None:
    """The scale a figure is shown at in ``available`` px of height, or None when it would
    have to be shown so small that its text falls under the deck's minimum."""
    data = output["data"]
    w, h = png_size(data["image/png"])
    scale = min(1.0, width / w, max(available - LAYOUT["gap"], 1) / h)
    meta = output.get("metadata", {}).get("image/png", {})
    smallest = meta.get("min_text_px")
    floor = LAYOUT["min_text"] / smallest if smallest else 1.0
    return scale if scale >= floor - 1e-9 else None


# --------------------------------------------------------------------------- the plan


_RUNNING_HEIGHT = LAYOUT["running"] * 1.3 + 10


@dataclass
class Slide:
    """One slide of the deck: its blocks, whether it starts a section, its notes."""

    blocks: list[Block] = field(default_factory=list)
    title: str = ""                 # the section's heading (markdown), repeated when continued
    continued: bool = False
    notes: list[str] = field(default_factory=list)
    used: float = 0.0


def lesson_blocks(notebook, *, code: bool = False) -> list[Block]:
    """The lesson as a flat list of blocks, in reading order, prepared for the room."""
    blocks: list[Block] = []
    for cell in notebook.cells:
        kind = cell.metadata.get("slideshow", {}).get("slide_type")
        if kind == "skip" or cell.cell_type == "raw":
            continue
        if cell.cell_type == "markdown":
            if kind == "notes":
                blocks.append(Block("details", cell.source))   # an author's own notes cell
                continue
            blocks.extend(markdown_blocks(cell.source))
            continue
        outputs = [o for o in cell.get("outputs", []) if _visible(o)]
        if code and cell.source.strip():
            blocks.append(Block("code", cell.source))
        for output in outputs:
            blocks.append(Block("output", output=output))
    for block in blocks:
        _shorten(block, code=code)
        block.height = measure(block, code=code) * (CJK_HEIGHT_FACTOR if _mostly_chinese(block)
                                                    else 1.0)
    return blocks


#: Chinese prose comes out taller in the browser than the estimate, which is calibrated on
#: English: up to 24 px on a 648 px slide (3.7%) in the Chinese decks (tests/tooling/
#: test_decks.py measured it). Blocks that are mostly Chinese are counted this much taller.
CJK_HEIGHT_FACTOR = 1.05
_IDEOGRAPH = re.compile(f"[{_IDEOGRAPHS}]")


def _mostly_chinese(block: Block) -> bool:
    text = block.source or plain_text(str((block.output or {}).get("data", {})
                                          .get("text/html", "")))
    letters = sum(ch.isalpha() for ch in text)
    return letters > 0 and len(_IDEOGRAPH.findall(text)) / letters > 0.3


def _visible(output) -> bool:
    if output.get("output_type") == "stream":
        return output.get("name") == "stdout" and bool(output.get("text", "").strip())
    if output.get("output_type") == "error":
        return True
    return bool(output.get("data"))


def _shorten(block: Block, *, code: bool) -> None:
    """Decide what of a block the slide shows and what goes to the notes."""
    body = LAYOUT["body"]
    if block.kind == "text":
        lines = wrapped_lines(plain_text(block.source), body, CONTENT_WIDTH)
        if lines > SHORT_PARAGRAPH_LINES:
            lead = lead_sentence(block.source)
            if lead != " ".join(block.source.split()):
                block.notes, block.source = block.source, lead
    elif block.kind == "list":
        items, changed = [], False
        for item in list_items(block.source):
            text = " ".join(item.split())
            lines = wrapped_lines(plain_text(text), body, CONTENT_WIDTH - 1.6 * body)
            if lines > LONG_ITEM_LINES and "\n" not in item.strip():
                marker = _LIST_ITEM.match(item)[0]
                short = lead_sentence(text[len(marker.strip()):].strip())
                items.append(f"{marker.strip()} {short}")
                changed = True
            else:
                items.append(item)
        if changed:
            block.notes, block.source = block.source, "\n".join(items)
    elif block.kind in ("details",) or (block.kind == "fence" and not code):
        block.notes, block.source = block.source, ""
    elif block.kind == "output":
        _shorten_output(block)


def _shorten_output(block: Block) -> None:
    output = block.output
    text = None
    if output.get("output_type") == "stream":
        text = output.get("text", "")
    elif set(output.get("data", {})) == {"text/plain"}:
        text = output["data"]["text/plain"]
    if text is None:
        return
    lines = text.rstrip("\n").split("\n")
    if len(lines) > MAX_OUTPUT_LINES:
        kept = "\n".join(lines[:MAX_OUTPUT_LINES - 1] + [f"… ({len(lines) - MAX_OUTPUT_LINES + 1}"
                                                         f" more lines in the notebook)"])
        output = nbformat.from_dict(dict(output))
        if output.get("output_type") == "stream":
            output["text"] = kept + "\n"
        else:
            output["data"] = {"text/plain": kept}
        block.output = output


def plan_slides(blocks: list[Block], *, code: bool = False) -> list[Slide]:
    """Pack blocks into slides (see the module docstring)."""
    slides: list[Slide] = []
    running = _RUNNING_HEIGHT

    def new_slide(title: str, continued: bool) -> Slide:
        slide = Slide(title=title, continued=continued, used=running if continued else 0.0)
        slides.append(slide)
        return slide

    current: Slide | None = None
    for block in blocks:
        if block.kind == "heading":
            current = new_slide(block.source, continued=False)
            current.blocks.append(block)
            current.used += block.height
            continue
        if current is None:                      # text before the first heading
            current = new_slide("", continued=False)
        if not block.source and block.kind != "output":
            current.notes.append(block.notes)     # everything went to the notes
            continue
        if block.kind == "output" and WIDGET_MIME in block.output.get("data", {}):
            if _has_content(current) or current.continued:
                current = new_slide(current.title, continued=True)
            current.blocks.append(block)
            current.used = CONTENT_HEIGHT
            continue
        current = _place(block, current, new_slide, code=code)
        if block.notes:
            current.notes.append(block.notes)
    return _fold_short_tails([s for s in slides if s.blocks])


#: A continued slide that would show no more than this (one short paragraph, no result, list,
#: table or figure) is not worth a slide: its text goes to the previous slide's notes.
SHORT_TAIL = 2 * LAYOUT["body"] * LAYOUT["line"] + LAYOUT["gap"] + 0.5


def _fold_short_tails(slides: list[Slide]) -> list[Slide]:
    kept: list[Slide] = []
    for slide in slides:
        text_only = all(b.kind == "text" for b in slide.blocks)
        height = sum(b.height for b in slide.blocks)
        if kept and slide.continued and text_only and height <= SHORT_TAIL:
            for block in slide.blocks:
                kept[-1].notes.append(block.notes or block.source)
            kept[-1].notes.extend(n for n in slide.notes
                                  if n not in [b.notes for b in slide.blocks])
            continue
        kept.append(slide)
    return kept


def heading_text(markdown: str) -> str:
    match = _HEADING.match(markdown.strip())
    return match[2] if match else markdown.strip()


def match_notes(slides: list[Slide], entries: list[dict]) -> tuple[dict[int, str], list[str]]:
    """Attach each instructor's note to the slide whose heading contains its ``at`` text
    (case-insensitive; failing that, the first slide showing that text).

    Returns ({slide index: note markdown}, the ``at`` texts that matched no slide)."""
    found: dict[int, str] = {}
    lost = []
    for entry in entries:
        at = entry["at"].casefold().strip()
        bare = heading_text(entry["at"]).casefold()
        index = next((k for k, s in enumerate(slides) if not s.continued and s.title and
                      (at in s.title.casefold() or bare == heading_text(s.title).casefold())),
                     None)
        if index is None:   # the text on the slide, or moved into its speaker notes
            index = next((k for k, s in enumerate(slides)
                          if any(at in b.source.casefold() or at in b.notes.casefold()
                                 for b in s.blocks)
                          or any(at in note.casefold() for note in s.notes)), None)
        if index is None:
            lost.append(entry["at"])
            continue
        text = format_note(entry)
        found[index] = f"{found[index]}\n\n{text}" if index in found else text
    return found, lost


NOTE_PARTS = (("say", "Say"), ("ask", "Ask"), ("answer", "Expected answer"))


def format_note(entry: dict) -> str:
    """An instructor's note as the speaker view shows it: say, ask, expected answer."""
    parts = [f"**{label}:** {entry[key].strip()}" for key, label in NOTE_PARTS if entry.get(key)]
    if entry.get("note"):
        parts.append(entry["note"].strip())
    return "\n\n".join(parts)


def _has_content(slide: Slide) -> bool:
    return any(b.kind != "heading" for b in slide.blocks)


def _place(block: Block, current: Slide, new_slide, *, code: bool) -> Slide:
    free = CONTENT_HEIGHT - current.used
    if block.kind == "output" and "image/png" in block.output.get("data", {}):
        scale = figure_scale(block.output, free)
        if scale is None and (_has_content(current) or current.continued or
                              figure_scale(block.output, CONTENT_HEIGHT) is None):
            current = new_slide(current.title, continued=True)
            scale = figure_scale(block.output, CONTENT_HEIGHT - current.used)
        if scale is None:   # drawn too large: shown at the smallest readable scale
            w, h = png_size(block.output["data"]["image/png"])
            smallest = block.output.get("metadata", {}).get("image/png", {}).get("min_text_px")
            scale = LAYOUT["min_text"] / smallest if smallest else 1.0
        block.scale = scale
        block.height = png_size(block.output["data"]["image/png"])[1] * scale + LAYOUT["gap"]
        current.blocks.append(block)
        current.used += block.height
        return current
    if block.height <= free or _make_room(current, block.height - free):
        current.blocks.append(block)
        current.used += block.height
        return current
    fresh = CONTENT_HEIGHT - _RUNNING_HEIGHT
    if block.height <= fresh and (_has_content(current) or current.continued):
        current = new_slide(current.title, continued=True)   # whole, on the next slide
        current.blocks.append(block)
        current.used += block.height
        return current
    if block.kind in ("list", "table") or _is_table_output(block):
        return _split(block, current, new_slide, code=code)
    if _has_content(current) or current.continued:
        current = new_slide(current.title, continued=True)
    current.blocks.append(block)
    current.used += block.height
    return current


def _make_room(slide: Slide, needed: float) -> bool:
    """Shrink the slide's last figure (within its readable scale) by ``needed`` px, so the
    sentence that reads it stays on its slide; False (nothing changed) when it cannot."""
    if not slide.blocks or needed > 2 * LAYOUT["body"] * LAYOUT["line"] + LAYOUT["gap"]:
        return False
    figure = slide.blocks[-1]
    if figure.kind != "output" or "image/png" not in figure.output.get("data", {}):
        return False
    height = png_size(figure.output["data"]["image/png"])[1]
    smallest = figure.output.get("metadata", {}).get("image/png", {}).get("min_text_px")
    scale = (height * figure.scale - needed) / height
    if not smallest or scale < LAYOUT["min_text"] / smallest:
        return False
    figure.scale = scale
    figure.height = height * scale + LAYOUT["gap"]
    slide.used -= needed
    return True


def _is_table_output(block: Block) -> bool:
    return block.kind == "output" and "text/html" in block.output.get("data", {}) and \
        bool(html_table_rows(block.output["data"]["text/html"]))


def _split(block: Block, current: Slide, new_slide, *, code: bool) -> Slide:
    """Put as many items (or rows) as fit on this slide, the rest on the next ones."""
    if block.kind == "list":
        parts = list_items(block.source)
        def make(chunk):
            return Block("list", "\n".join(chunk))
    elif block.kind == "table":
        lines = [ln for ln in block.source.splitlines() if ln.strip()]
        header, parts = lines[:2], lines[2:]
        def make(chunk):
            return Block("table", "\n".join(header + chunk))
    else:   # a table output: too tall even alone gets its own slide (the test will tell)
        if _has_content(current) or current.continued:
            current = new_slide(current.title, continued=True)
        current.blocks.append(block)
        current.used += block.height
        return current
    chunk: list[str] = []
    for part in parts:
        trial = make([*chunk, part])
        height = measure(trial, code=code)
        if chunk and height > CONTENT_HEIGHT - current.used:
            done = make(chunk)
            done.height = measure(done, code=code)
            current.blocks.append(done)
            current.used += done.height
            current = new_slide(current.title, continued=True)
            chunk = [part]
        else:
            chunk.append(part)
    if chunk:
        rest = make(chunk)
        rest.height = measure(rest, code=code)
        if rest.height > CONTENT_HEIGHT - current.used and _has_content(current):
            current = new_slide(current.title, continued=True)
        current.blocks.append(rest)
        current.used += rest.height
    return current


# --------------------------------------------------------------------------- the deck notebook


def deck_notebook(notebook, slides: list[Slide], notes: dict[int, str], *, code: bool = False):
    """The notebook nbconvert turns into the deck: one run of cells per slide.

    ``notes`` maps a slide's index to the instructor's note (markdown) shown first in its
    speaker notes."""
    cells = []
    for index, slide in enumerate(slides):
        first = True
        pending: list[str] = []

        def flush_markdown(first_cell: bool):
            source = "\n\n".join(pending)
            cell = nbformat.v4.new_markdown_cell(source)
            cell.metadata["slideshow"] = {"slide_type": _slide_type(slide, first_cell)}
            cells.append(cell)
            pending.clear()

        if slide.continued:
            title = _HEADING.match(slide.title)[2] if _HEADING.match(slide.title) else ""
            pending.append(f'<p class="crm-running">{html.escape(plain_text(title))}</p>')
        for block in slide.blocks:
            if block.kind in ("output", "code"):
                if pending:
                    flush_markdown(first)
                    first = False
                cells.append(_code_cell(block, _slide_type(slide, first), code=code))
                first = False
            else:
                pending.append(block.source)
        if pending:
            flush_markdown(first)
            first = False
        text = "\n\n".join(part for part in [notes.get(index, ""), _lesson_notes(slide)] if part)
        if text:
            cell = nbformat.v4.new_markdown_cell(text)
            cell.metadata["slideshow"] = {"slide_type": "notes"}
            cells.append(cell)
    for k, cell in enumerate(cells):
        cell["id"] = f"deck-{k:04d}"      # stable ids: the same lesson gives the same deck
    deck = nbformat.v4.new_notebook(cells=cells, metadata=dict(notebook.metadata))
    return deck


def _slide_type(slide: Slide, first: bool) -> str:
    """``#``/``##`` sections are horizontal slides; ``###`` subsections and continued slides
    stack under them (the overview, Esc, shows one column per section)."""
    if not first:
        return "-"
    heading = _HEADING.match(slide.title) if slide.title else None
    if slide.continued or (heading and len(heading[1]) >= 3):
        return "subslide"
    return "slide"


def _lesson_notes(slide: Slide) -> str:
    if not slide.notes:
        return ""
    return "*From the lesson:*\n\n" + "\n\n".join(slide.notes)


def _code_cell(block: Block, slide_type: str, *, code: bool):
    cell = nbformat.v4.new_code_cell(block.source if block.kind == "code" else "")
    cell.metadata["slideshow"] = {"slide_type": slide_type}
    if block.kind == "output":
        cell.outputs = [_for_the_room(block)]
        if not code or not block.source:
            cell.metadata["tags"] = [NO_INPUT_TAG]
    return cell


_BREAKABLE = re.compile(r"(?<=<th>)[^<]*_[^<]*(?=</th>)")


def _for_the_room(block: Block):
    """A figure becomes an ``<img>`` of its planned size that carries its measurements (the
    deck test checks text size and overlaps with them); other outputs stay as they are."""
    output = block.output
    data = output.get("data", {})
    if "image/png" not in data:
        output = nbformat.from_dict(dict(output))
        if "text/html" in data and "<table" in data["text/html"]:
            # long column names (survival_probability) may break after an underscore
            output["data"] = {**data, "text/html": _BREAKABLE.sub(
                lambda m: m[0].replace("_", "_<wbr>"), data["text/html"])}
        return output
    width, height = png_size(data["image/png"])
    meta = output.get("metadata", {}).get("image/png", {})
    attributes = {"class": "crm-figure", "alt": "figure", "width": round(width * block.scale),
                  "height": round(height * block.scale), "data-natural-width": width}
    if "min_text_px" in meta:
        attributes["data-min-text-px"] = meta["min_text_px"]
    if "overlapping_text" in meta:
        attributes["data-overlapping-text"] = meta["overlapping_text"]
    tag = " ".join(f'{k}="{html.escape(str(v))}"' for k, v in attributes.items())
    source = data["image/png"].replace("\n", "")
    return nbformat.v4.new_output("display_data", data={
        "text/html": f'<img {tag} src="data:image/png;base64,{source}">'})


def css_variables() -> str:
    """The LAYOUT table as CSS custom properties (``--crm-body: 26px; ...``), for the template."""
    parts = []
    for key, value in LAYOUT.items():
        unit = "" if key in ("line", "heading_line", "output_line", "code_line", "math_scale") \
            else "px"
        parts.append(f"--crm-{key.replace('_', '-')}: {value}{unit};")
    return " ".join(parts)
