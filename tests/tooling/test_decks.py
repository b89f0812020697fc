"""Every slide of every deck, as the room sees it: headless chromium at 1280 × 720.

``make slides`` builds the decks (tools/build_slides.py, tools/deck_layout.py); here each deck
is opened from file:// and walked with the Right arrow key, the way a lecturer presents it.
On every slide the test measures, in the browser:

* overflow: no element reaches past the 1280 × 720 canvas, and nothing is cut off inside a box
  that clips or scrolls;
* text size: every visible character (HTML, SVG in widgets, MathJax) is drawn at 20 px or more,
  and every figure is shown at a scale that keeps its smallest text (measured when it was drawn,
  ``data-min-text-px``) at 20 px or more, with no overlapping labels;
* code: none in a default deck (code cells' inputs, code blocks);
* Chinese: every character is set in a font list that has the decks' CJK font (Noto Sans SC,
  vendored), so it never falls to the computer's fonts (boxes, "tofu", where it has none);
* structure: → visits every slide once, in order; every heading of the lesson starts a slide;
* network: every request stays on this machine (file:, data:, blob:); anything else is blocked
  and fails the test.

A contact sheet (a thumbnail of every slide, numbered) is saved per deck in
``build/contact-sheets/<lesson>.png`` for a human to glance at. The decks are built into
``build/deck-test/`` with the executed-lesson cache of ``make slides`` (build/deck-cache/).
"""

from __future__ import annotations

import base64
import html
import io
import re
import time
from pathlib import Path

import nbformat
import pytest

from conftest import (
    ROOT,
    external_urls,
    load_tool,
    loaded_urls,
    skip_without_browser,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

skip_without_browser()   # a loud skip without chromium or playwright
build_slides = load_tool("build_slides")
layout = build_slides.layout

LESSONS = build_slides.default_lessons()    # lessons/*.ipynb, then lessons/zh/*.ipynb
IDS = [build_slides.deck_name(p) for p in LESSONS]
OUT = ROOT / "build" / "deck-test"
SHEETS = ROOT / "build" / "contact-sheets"
#: A code deck is checked for the lesson with the most code (the other decks use the same
#: layout rules; this keeps the test's time down).
CODE_LESSONS = [p for p in LESSONS if p.stem.startswith("05_") and
                not build_slides.is_chinese(p)]
TIMEOUT_MS = 60_000
MIN_TEXT = layout.LAYOUT["min_text"]

# Runs on the slide being shown; returns what is wrong with it (empty when all is well).
MEASURE = """({code, minText}) => {
  const R = window.Reveal, slide = R.getCurrentSlide(), scale = R.getScale();
  const canvas = document.querySelector(".reveal .slides").getBoundingClientRect();
  const right = canvas.left + R.getConfig().width * scale;
  const bottom = canvas.top + R.getConfig().height * scale;
  const problems = [];
  const name = el => el.tagName.toLowerCase() + (typeof el.className === "string" &&
      el.className.trim() ? "." + el.className.trim().split(/\\s+/).join(".") : "") +
      " '" + (el.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 50) + "'";
  const shown = el => {
    for (let e = el; e && e !== slide.parentElement; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === "none" || s.visibility === "hidden") return false;
    }
    return true;
  };
  const skip = "aside.notes, script, style, .MJX_Assistive_MathML, .MathJax_Preview";
  const over = new Set();   // report the outermost element that overflows, not each child
  for (const el of slide.querySelectorAll("*")) {
    if (el.closest(skip)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || !shown(el)) continue;
    const out = Math.max(canvas.left - r.left, r.right - right, canvas.top - r.top,
                         r.bottom - bottom);
    if (out > 1) {
      if (!over.has(el.parentElement))
        problems.push(`overflows the slide by ${out.toFixed(0)} px: ${name(el)}`);
      over.add(el);
    }
    const s = getComputedStyle(el), clips = ["auto", "scroll", "hidden", "clip"];
    const wide = el.scrollWidth - el.clientWidth, tall = el.scrollHeight - el.clientHeight;
    if (wide > 1 && clips.includes(s.overflowX))
      problems.push(`cut off at the right by ${wide} px: ${name(el)}`);
    if (tall > 1 && clips.includes(s.overflowY))
      problems.push(`cut off at the bottom by ${tall} px: ${name(el)}`);
  }
  const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
  const small = new Set(), tofu = new Set();
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el || el.closest(skip) || !shown(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    if (!range.getClientRects().length) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement) {
      const m = el.getScreenCTM();
      size *= Math.hypot(m.a, m.b);
    } else {
      size *= scale;
    }
    if (size < minText - 0.05)
      small.add(`text drawn at ${size.toFixed(1)} px: '${node.textContent.trim().slice(0, 40)}'`);
    if (/[\u4e00-\u9fff]/.test(node.textContent) &&
        !getComputedStyle(el).fontFamily.includes("Noto Sans SC"))
      tofu.add("Chinese in a font list without Noto Sans SC (boxes where the computer has no " +
               `CJK font): ${name(el)}`);
  }
  problems.push(...small, ...tofu);
  for (const img of slide.querySelectorAll("img")) {
    if (!shown(img)) continue;
    const smallest = parseFloat(img.dataset.minTextPx);
    const natural = parseFloat(img.dataset.naturalWidth);
    if (!smallest || !natural) {
      problems.push("a figure not drawn for projection (no data-min-text-px)");
      continue;
    }
    const px = smallest * img.getBoundingClientRect().width / scale / natural;
    if (px < minText - 0.05) problems.push(`figure text drawn at ${px.toFixed(1)} px`);
    if (parseInt(img.dataset.overlappingText || "0", 10) > 0)
      problems.push(`figure with ${img.dataset.overlappingText} overlapping labels`);
  }
  const codeShown = Array.from(slide.querySelectorAll(
      ".jp-CodeCell .jp-InputArea, .jp-MarkdownCell pre, .jp-MarkdownCell .highlight"))
    .filter(el => shown(el) && el.getBoundingClientRect().height > 0);
  if (!code && codeShown.length) problems.push("code on the slide: " + name(codeShown[0]));
  const first = slide.querySelector(".jp-RenderedHTMLCommon > *");
  const heading = first && /^H[1-6]$/.test(first.tagName) ?
    "#".repeat(+first.tagName[1]) + " " + first.textContent.replace(/¶$/, "").trim() : null;
  const indices = R.getIndices();
  return {problems, heading, code: codeShown.length, h: indices.h, v: indices.v,
          notes: R.getSlideNotes() || ""};
}"""

# Fonts loaded, MathJax idle and the formulas of the slide shown drawn again (the deck redraws
# them on every slide change and marks the slide data-crm-math="ready" when done).
READY = """() => new Promise(resolve => {
  const drawn = () => {
    const slide = window.Reveal.getCurrentSlide();
    if (!slide || slide.dataset.crmMath !== "rendering") resolve();
    else setTimeout(drawn, 25);
  };
  const mathjax = () => window.MathJax && MathJax.Hub ? MathJax.Hub.Queue(drawn) : drawn();
  document.fonts.ready.then(mathjax);
})"""
WIDGETS_DRAWN = """() => document.querySelectorAll(".reveal .jupyter-widgets").length >= %d"""
#: The decks' font loads for Chinese text: ``document.fonts.load`` resolves with the font faces
#: that cover the text, none when no @font-face names the family (``document.fonts.check``
#: says true then too: it cannot tell a missing font from a loaded one).
CJK_FONT_LOADED = """text => document.fonts.load('20px "Noto Sans SC"', text)
  .then(faces => faces.length > 0 && faces.every(f => f.status === "loaded"))"""


def language(lesson: Path) -> str:
    return "zh" if build_slides.is_chinese(lesson) else "en"


@pytest.fixture(scope="module")
def decks():
    """``decks(lang)``: the decks of one language, built on first use as ``make slides`` builds
    them, into ``build/deck-test/slides-<lang>/``. `make test` walks each language's decks on
    one worker (tests/conftest.py, run_group), which builds only those."""
    if not LESSONS:
        pytest.skip("no lessons yet")
    built = {}

    def of(lang: str) -> dict[Path, Path]:
        if lang not in built:
            lessons = [p for p in LESSONS if language(p) == lang]
            start = time.perf_counter()
            # one lesson at a time: the other language builds on another worker meanwhile, and
            # four kernels starting at once on two cores next to the hub test kept one from
            # answering for a minute (a CI failure)
            pages = build_slides.build(lessons, OUT / f"slides-{lang}", jobs=1, quiet=True)
            print(f"\n{lang} decks built in {time.perf_counter() - start:.1f} s")
            built[lang] = dict(zip(lessons, pages, strict=True))
        return built[lang]

    return of


@pytest.fixture(scope="module")
def code_decks():
    if not CODE_LESSONS:
        pytest.skip("no lessons yet")
    built = build_slides.build(CODE_LESSONS, OUT / "slides-code", code=True, jobs=2, quiet=True)
    return dict(zip(CODE_LESSONS, built, strict=True))


def open_deck(browser, deck: Path):
    """``deck`` open at 1280 × 720 with its widgets drawn and fonts loaded; returns (context,
    page, a list that collects requests that tried to leave the machine)."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    leaving = []

    def guard(route):
        url = route.request.url
        if url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            leaving.append(url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(deck.as_uri())
    page.wait_for_function("window.Reveal && window.Reveal.isReady()")
    widgets = deck.read_text(encoding="utf-8").count(
        '<script type="application/vnd.jupyter.widget-view+json">')
    page.wait_for_function(WIDGETS_DRAWN % widgets)
    page.evaluate(READY)
    page.evaluate("Reveal.configure({transition: 'none', backgroundTransition: 'none'})")
    return context, page, leaving


def walk(browser, deck: Path, *, code: bool = False, key: str = "ArrowRight"):
    """Open ``deck`` at 1280 × 720 and visit every slide with ``key``; returns (one record per
    slide, requests that tried to leave the machine, slide screenshots)."""
    context, page, leaving = open_deck(browser, deck)
    total = page.evaluate("Reveal.getTotalSlides()")
    # thumbnails straight from chromium at a quarter of the size: 2-3 times faster than a
    # full screenshot (measured), and the contact sheet needs no more
    cdp = context.new_cdp_session(page)
    thumbnail = {"format": "jpeg", "quality": 80,
                 "clip": {"x": 0, "y": 0, "width": 1280, "height": 720, "scale": 0.25}}
    records, shots = [], []
    for _ in range(total + 1):   # one press more than slides: the last press must stay put
        page.evaluate(READY)
        record = page.evaluate(MEASURE, {"code": code, "minText": MIN_TEXT})
        if records and (record["h"], record["v"]) == (records[-1]["h"], records[-1]["v"]):
            break
        records.append(record)
        shots.append(base64.b64decode(cdp.send("Page.captureScreenshot", thumbnail)["data"]))
        page.keyboard.press(key)
    order = page.evaluate("Reveal.getSlides().map(s => [Reveal.getIndices(s).h, "
                          "Reveal.getIndices(s).v || 0])")
    cjk = page.evaluate(CJK_FONT_LOADED, "客户关系管理")
    context.close()
    return records, leaving, shots, order, total, cjk


def contact_sheet(shots: list[bytes], path: Path, title: str, columns: int = 5) -> Path:
    """Thumbnails of every slide (320 × 180), numbered, in one PNG."""
    from PIL import Image, ImageDraw

    width, height, label = 320, 180, 22
    rows = (len(shots) + columns - 1) // columns
    sheet = Image.new("RGB", (columns * (width + 8) + 8, rows * (height + label + 8) + 40),
                      "#d9d9d9")
    draw = ImageDraw.Draw(sheet)
    draw.text((10, 12), title, fill="black")
    for k, shot in enumerate(shots):
        thumb = Image.open(io.BytesIO(shot)).convert("RGB")
        if thumb.size != (width, height):
            thumb = thumb.resize((width, height))
        x = 8 + (k % columns) * (width + 8)
        y = 40 + (k // columns) * (height + label + 8)
        sheet.paste(thumb, (x, y + label))
        draw.text((x + 2, y + 4), f"{k + 1}/{len(shots)}", fill="black")
    path.parent.mkdir(parents=True, exist_ok=True)
    sheet.save(path)
    return path


def _lesson_headings(lesson: Path) -> list[str]:
    notebook = nbformat.read(lesson, as_version=4)
    headings = []
    for block in layout.lesson_blocks(notebook):
        if block.kind == "heading":
            text = layout.plain_text(layout.heading_text(block.source))
            headings.append(" ".join(text.split()))
    return headings


def _notes_text(html_notes: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html.unescape(html_notes)).split())


def _check(lesson: Path, deck: Path, browser, *, code: bool, key: str = "ArrowRight"):
    records, leaving, shots, order, total, cjk = walk(browser, deck, code=code, key=key)
    suffix = ".code" if code else ""
    contact_sheet(shots, SHEETS / f"{build_slides.deck_name(lesson)}{suffix}.png",
                  f"{deck.name}: {len(shots)} slides at 1280 x 720")
    failures = [f"slide {k + 1} ({r['h']}.{r['v']}): {p}"
                for k, r in enumerate(records) for p in r["problems"]]
    visited = [[r["h"], r["v"]] for r in records]
    if visited != order:
        failures.append(f"{key} visited {len(visited)} of {total} slides, or not in order: "
                        f"{visited} against {order}")
    if leaving:
        failures.append(f"requests that leave the machine: {leaving}")
    if not cjk:
        failures.append("the Chinese font (Noto Sans SC) did not load")
    starts = [" ".join(r["heading"].split(" ", 1)[1].split()) for r in records if r["heading"]]
    missing = [h for h in _lesson_headings(lesson) if h not in starts]
    if missing:
        failures.append(f"headings that do not start a slide: {missing}")
    if code and not any(r["code"] for r in records):
        failures.append("a code deck shows no code")
    # the speaker view shows each instructor's note: one naming a heading on that heading's
    # slide, one naming a sentence on the slide that shows (or shortens) it
    headings = [" ".join(layout.plain_text(r["heading"] or "").split()).casefold()
                for r in records]
    for entry in build_slides.notes_for(lesson):
        said = " ".join(layout.plain_text(entry.get("say") or entry.get("note", "")).split())
        said = said[:40].casefold()
        if entry["at"].lstrip().startswith("#"):
            at = " ".join(layout.plain_text(entry["at"]).split()).casefold()
            where = [r for r, h in zip(records, headings, strict=True) if h.startswith(at)][:1]
        else:
            where = records
        if not any(said in _notes_text(r["notes"]).casefold() for r in where):
            failures.append(f"the note for {entry['at']!r} is not in its slide's speaker notes")
    return failures


LANGUAGES = sorted({language(p) for p in LESSONS})


@pytest.mark.parametrize("lang", LANGUAGES)
def test_make_slides_builds_one_offline_deck_per_lesson(lang, decks):
    built = decks(lang)
    assert [d.name for d in built.values()] == [
        f"{build_slides.deck_name(p)}.slides.html" for p in LESSONS if language(p) == lang]
    problems = {d.name: external_urls(d) for d in built.values()}
    assert not {name: urls for name, urls in problems.items() if urls}
    for deck in built.values():
        text = deck.read_text(encoding="utf-8")
        missing = [u for u in loaded_urls(text)
                   if not u.startswith(("data:", "#"))
                   and not (deck.parent / u.split("?")[0]).exists()]
        assert not missing, f"{deck.name} loads files that are not next to it: {missing}"
    assert (OUT / f"slides-{lang}" / "index.html").exists()


#: The keys the instructor guide names for "next slide"; each deck is walked with one of them.
NEXT_KEYS = {"ArrowRight": "**→**", "Space": "**Space**", "PageDown": "**Page Down**",
             "ArrowDown": "↓"}


def test_the_guide_names_the_keys_the_decks_are_walked_with():
    guide = (ROOT / "docs" / "instructor_guide.md").read_text(encoding="utf-8")
    presenting = guide.split("### Presenting: slide decks", 1)[1].split("\n### ", 1)[0]
    assert [k for k, label in NEXT_KEYS.items() if label not in presenting] == []
    assert "navigationMode: \"linear\"" in (build_slides.TEMPLATES / "crm_reveal" /
                                             "index.html.j2").read_text(encoding="utf-8")


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_every_slide_fits_the_room(lesson, decks, browser):
    # each deck is walked with one of the "next" keys of the guide: each visits every slide
    key = list(NEXT_KEYS)[LESSONS.index(lesson) % len(NEXT_KEYS)]
    failures = _check(lesson, decks(language(lesson))[lesson], browser, code=False, key=key)
    name = build_slides.deck_name(lesson)
    assert not failures, f"{name} (see build/contact-sheets/{name}.png):\n" + "\n".join(failures)


@pytest.mark.parametrize("lesson", CODE_LESSONS, ids=[p.stem for p in CODE_LESSONS])
def test_code_decks_fit_the_room_too(lesson, code_decks, browser):
    failures = _check(lesson, code_decks[lesson], browser, code=True)
    assert not failures, f"{lesson.stem} with code:\n" + "\n".join(failures)


# --------------------------------------------------------------------------- Chinese glyphs

ZH_LESSONS = [p for p in LESSONS if build_slides.is_chinese(p)]
FONT_SHOTS = ROOT / "build" / "deck-test" / "fonts"
CJK = re.compile(r"[\u4e00-\u9fff]")

# The first element matching ``selector`` with Chinese in its own text, marked for the DevTools
# protocol (data-crm-probe=<probe>); returns its text, its font list and its slide.
FIND = """async ({selector, probe}) => {
  const own = el => [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.data).join("");
  const cjk = /[\\u4e00-\\u9fff]/g;
  const el = [...document.querySelectorAll(selector)]
    .find(e => !e.closest("aside.notes") && (own(e).match(cjk) || []).length >= 4);
  if (!el) return null;
  el.dataset.crmProbe = probe;
  const style = getComputedStyle(el);
  const faces = await document.fonts.load(
      `${style.fontWeight} ${style.fontSize} "Noto Sans SC"`, el.textContent);
  const indices = Reveal.getIndices(el.closest("section"));
  return {text: own(el), family: style.fontFamily, faces: faces.map(f => [f.family, f.status]),
          h: indices.h, v: indices.v || 0};
}"""
# ``chars`` set on one line at 40 px in the kit's font (loaded first) and in a family no page
# defines (the browser's own fallback: on a computer without CJK fonts, .notdef boxes).
LINES = """async chars => {
  await document.fonts.load('400 40px "Noto Sans SC"', chars);
  const line = (family, probe) => {
    const span = document.createElement("span");
    span.style.cssText = "position: absolute; left: 0; top: 0; white-space: nowrap; " +
      `letter-spacing: 0; font: 400 40px ${family}`;
    span.dataset.crmProbe = probe;
    span.textContent = chars;
    document.body.appendChild(span);
    return span.offsetWidth;
  };
  return {kit: line('"Noto Sans SC"', "kit"), fallback: line("crm-no-such-font", "fallback")};
}"""
HEADINGS = ".reveal .slides section h1, .reveal .slides section h2, .reveal .slides section h3"
#: a text output: print(...) and the plain text of results, set in monospace
OUTPUTS = ".reveal .slides .jp-OutputArea-output pre"


def platform_fonts(cdp, selector: str) -> dict[str, int]:
    """The fonts chromium drew an element's text with (DevTools' CSS.getPlatformFontsForNode):
    font → number of glyphs. A web font is named ``web:<its internal name>`` (the vendored
    Noto Sans SC subsets call themselves "Noto Sans SC Thin": cut from the variable font), a
    font of the computer ``system:<name>``."""
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    drawn: dict[str, int] = {}
    for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
        name = ("web:" if font["isCustomFont"] else "system:") + font["familyName"]
        drawn[name] = drawn.get(name, 0) + font["glyphCount"]
    return drawn


def kit_glyphs(drawn: dict[str, int]) -> int:
    return sum(n for name, n in drawn.items() if name.startswith("web:Noto Sans SC"))


@pytest.fixture(scope="module")
def zh_deck(decks):
    """One Chinese deck, built as ``make slides`` builds it (next to the others in build/)."""
    if not ZH_LESSONS:
        pytest.skip("no Chinese lessons yet")
    return decks("zh")[ZH_LESSONS[0]]


def test_a_chinese_deck_draws_its_chinese_in_the_kit_font(zh_deck, browser):
    """No tofu: the Chinese of a heading and of a text output (monospace, where the computer's
    font has no CJK glyphs) is drawn by Noto Sans SC, the font the decks carry. Measured in
    chromium, which on the test machine has no CJK font of its own:

    * the font faces covering the text have loaded (``document.fonts.load``);
    * chromium reports Noto Sans SC as the font of its Chinese glyphs (DevTools protocol,
      ``CSS.getPlatformFontsForNode``, on the slide that shows it);
    * n of the heading's Chinese characters set in it at 40 px are n × 40 px wide: CJK
      ideographs are full-width, one em each (Noto Sans CJK's ideographs advance 1000 units on
      a 1000-unit em), while the browser's fallback draws something else (.notdef boxes here,
      as wide as the fallback font makes them).

    Screenshots of the heading's slide, with the kit's font and with the fallback forced, are
    saved in build/deck-test/fonts/ for a human to look at.
    """
    context, page, leaving = open_deck(browser, zh_deck)
    try:
        cdp = context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        found, drawn = {}, {}
        for probe, selector in (("output", OUTPUTS), ("heading", HEADINGS)):
            found[probe] = page.evaluate(FIND, {"selector": selector, "probe": probe})
            assert found[probe], f"{zh_deck.name} has no {probe} with Chinese in it"
            page.evaluate("([h, v]) => Reveal.slide(h, v)", [found[probe]["h"],
                                                             found[probe]["v"]])
            page.evaluate(READY)
            drawn[probe] = platform_fonts(cdp, f"[data-crm-probe={probe}]")
        chars = "".join(CJK.findall(found["heading"]["text"]))
        widths = page.evaluate(LINES, chars)
        for probe in ("kit", "fallback"):
            drawn[probe] = platform_fonts(cdp, f"[data-crm-probe={probe}]")
        print(f"\n{chars}: {widths['kit']} px in Noto Sans SC, {widths['fallback']} px in the "
              f"fallback; glyphs drawn by {drawn}")
        em_wide = 40 * len(chars)   # n characters, one 40 px em each
        tofu_here = abs(widths["fallback"] - em_wide) > 1

        # what the room sees, then the same slide with the fallback forced (tofu on a computer
        # without CJK fonts, such as this test machine)
        page.evaluate("document.querySelectorAll('span[data-crm-probe]').forEach(s => s.remove())")
        FONT_SHOTS.mkdir(parents=True, exist_ok=True)
        shot = FONT_SHOTS / f"{zh_deck.name.removesuffix('.slides.html')}.png"
        page.screenshot(path=str(shot))   # the heading's slide, shown last
        if tofu_here:
            page.add_style_tag(content=".reveal, .reveal * { font-family: crm-no-such-font "
                                       "!important; }")
            page.screenshot(path=str(shot.with_suffix(".no-font.png")))

        for probe in ("heading", "output"):
            seen = found[probe]
            assert "Noto Sans SC" in seen["family"], (probe, seen["family"])
            assert seen["faces"] and all(f == ["Noto Sans SC", "loaded"] for f in seen["faces"])
            chinese = len(CJK.findall(seen["text"]))
            assert kit_glyphs(drawn[probe]) >= chinese, (probe, seen["text"], drawn[probe])
        assert kit_glyphs(drawn["kit"]) == sum(drawn["kit"].values()) == len(chars), drawn["kit"]
        assert abs(widths["kit"] - em_wide) <= 1, (widths["kit"], em_wide)
        # the comparison is a real one: the fallback line is not drawn with the kit's font, and
        # where it shows tofu its width tells it apart (a CJK font of the computer would also
        # give one em a character: then the glyph counts above are what tell them apart)
        assert kit_glyphs(drawn["fallback"]) == 0, drawn["fallback"]
        assert not leaving, leaving
    finally:
        context.close()
