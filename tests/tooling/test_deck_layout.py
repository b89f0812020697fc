"""How a lesson is cut into slides for the room (tools/deck_layout.py), without a browser.

The browser measures the real decks in tests/tooling/test_decks.py; these tests pin the rules:
what a slide shows, what goes to the notes, how text is measured and how slides are packed.
"""

import base64
import io
import struct
import zlib

import nbformat
import pytest

from conftest import ROOT, load_tool

layout = load_tool("build_slides").layout
progress = load_tool("progress")
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))


def _png(width: int, height: int) -> str:
    """A real (blank) PNG of the given size, base64 as in a notebook."""
    raw = b"".join(b"\0" + b"\xff" * (3 * width) for _ in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data))

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                                            0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return base64.b64encode(png).decode()


def _figure(width, height, min_text_px=22.2):
    return {"output_type": "display_data", "data": {"image/png": _png(width, height)},
            "metadata": {"image/png": {"min_text_px": min_text_px, "overlapping_text": 0}}}


WIDGET = {"output_type": "display_data", "metadata": {},
          "data": {layout.WIDGET_MIME: {"model_id": "x"}, "text/plain": "VBox()"}}


def _notebook(*cells):
    made = []
    for kind, source, *outputs in cells:
        if kind == "markdown":
            made.append(nbformat.v4.new_markdown_cell(source))
        else:
            cell = nbformat.v4.new_code_cell(source)
            cell.outputs = [nbformat.from_dict(o) for o in outputs]
            made.append(cell)
    return nbformat.v4.new_notebook(cells=made)


def _plan(notebook, code=False):
    return layout.plan_slides(layout.lesson_blocks(notebook, code=code), code=code)


def _shown(slide):
    return "\n".join(b.source for b in slide.blocks)


# --------------------------------------------------------------------------- markdown blocks


def test_a_heading_inside_a_cell_is_a_block_of_its_own():
    blocks = layout.markdown_blocks("Six customers in ten bought once.\n\n"
                                    "## 3. The model's story\n\nThe BG/NBD model tells a story.\n"
                                    "### A subsection\nstraight after its heading")
    assert [(b.kind, b.level) for b in blocks] == [
        ("text", 0), ("heading", 2), ("text", 0), ("heading", 3), ("text", 0)]


def test_blocks_keep_lists_tables_formulas_and_answers_whole():
    source = ("Read it:\n- one\n  continued\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
              "$$\nx = 1\n$$\n\n<details><summary>Answers</summary>\n\n1. yes\n</details>\n\n"
              "> **Predict first.** Up or down?\n\n```python\nSTUDENT_ID = None\n```")
    kinds = [b.kind for b in layout.markdown_blocks(source)]
    assert kinds == ["text", "list", "table", "math", "details", "quote", "fence"]
    assert layout.list_items(layout.markdown_blocks(source)[1].source) == ["- one\n  continued",
                                                                             "- two"]


# --------------------------------------------------------------------------- lead sentences


@pytest.mark.parametrize("text, lead", [
    ("The programme doubles the stay. It costs 200 a year.", "The programme doubles the stay."),
    ("Gupta, S. & Lehmann, D. R. (2003) tabulate it. Read a row.",
     "Gupta, S. & Lehmann, D. R. (2003) tabulate it."),
    ("**Scores.** Each dimension becomes a score. Equal values share one.",
     "**Scores.** Each dimension becomes a score."),
    ("Raise it (e.g. to 0.9). Then look.", "Raise it (e.g. to 0.9)."),
    ("At $r = 0.8$ the value is 8000. More follows.", "At $r = 0.8$ the value is 8000."),
    ("客户流失是常态。企业必须留住客户。", "客户流失是常态。"),
    ("One sentence only, with a colon at the end:", "One sentence only, with a colon at the end:"),
])
def test_the_lead_sentence(text, lead):
    assert layout.lead_sentence(text) == lead


# --------------------------------------------------------------------------- measuring text


def test_text_width_uses_the_decks_font_metrics():
    # Noto Sans SC: "i" advances 0.275 em, "a" 0.563 em, a space 0.224 em (measured in the
    # browser); estimates carry a 4% margin. 10 × 0.275 × 100 px × 1.04 = 286 px.
    assert layout.text_width("i" * 10, 100) == pytest.approx(286.0)
    # a CJK character is 1 em: 4 × 20 px × 1.04 = 83.2 px
    assert layout.text_width("客户关系", 20) == pytest.approx(83.2)
    # "aa aa aa" at 100 px: 3 × 2 × 56.3 × 1.04 + 2 × 22.4 × 1.04 = 397.9 px
    assert layout.wrapped_lines("aa aa aa", 100, 400) == 1
    assert layout.wrapped_lines("aa aa aa", 100, 260) == 2   # "aa aa" is 257.5 px
    assert layout.wrapped_lines("客户关系", 20, 50) == 2        # Chinese breaks between characters


def test_a_table_that_fits_keeps_one_line_per_row():
    # 22 px text, line height 1.35, 5 px padding above and below, 1 px rule: 40.7 px a row,
    # plus the 12 px gap under the table: 12 + 2 × 40.7 = 93.4 px
    height, width = layout.table_height([["year", "value"], ["1", "1454.55"]])
    assert height == pytest.approx(93.4)
    assert width < layout.CONTENT_WIDTH


def test_a_wide_table_wraps_its_words_not_its_numbers():
    long = " ".join(["profit"] * 40)
    height, width = layout.table_height([["x", long], ["1", long]])
    assert width <= layout.CONTENT_WIDTH + 0.5
    assert height > layout.table_height([["x", "profit"], ["1", "profit"]])[0] * 1.5


def test_a_chinese_cell_breaks_between_characters_but_keeps_brackets_with_their_word():
    assert [w for w in layout.CELL_BREAKS.split("产品功能（functionality） a_b") if w] == \
        ["产", "品", "功", "能", "（functionality）", "a_", "b"]
    # seven columns of long Chinese headers: each can wrap to one character, so the table fits
    header = ["客户终生价值的变化"] * 7
    height, width = layout.table_height([header, ["1"] * 7])
    assert width <= layout.CONTENT_WIDTH + 0.5


def test_mostly_chinese_blocks_count_taller():
    chinese = layout.Block("text", "客户保持率提高五个百分点，客户终生价值增加多少？")
    english = layout.Block("text", "The retention rate (客户保持率) rises by five points.")
    assert layout._mostly_chinese(chinese) and not layout._mostly_chinese(english)
    blocks = layout.lesson_blocks(nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell(chinese.source)]))
    assert blocks[0].height == pytest.approx(
        layout.measure(chinese, code=False) * layout.CJK_HEIGHT_FACTOR)


# --------------------------------------------------------------------------- packing slides


def test_every_heading_starts_a_slide_and_lists_are_never_lost():
    items = "\n".join(f"{k}. item number {k} of a long list of points" for k in range(1, 31))
    notebook = _notebook(("markdown", "# Title\n\nA hook."),
                         ("markdown", f"## Key points\n\n{items}\n\n## Last\n\nDone."))
    slides = _plan(notebook)
    titles = [s.title for s in slides if not s.continued]
    assert titles == ["# Title", "## Key points", "## Last"]
    shown = "\n".join(_shown(s) for s in slides)
    assert [n for n in range(1, 31) if f"item number {n} " not in shown] == []
    assert sum(s.continued for s in slides) >= 1            # the list continues on a slide
    assert all(s.used <= layout.CONTENT_HEIGHT for s in slides)


def test_long_prose_goes_to_the_notes_and_its_first_sentence_stays():
    prose = ("The programme doubles the expected stay, from five to ten years. " +
             "This sentence explains more of the detail behind it. " * 6).strip()
    slides = _plan(_notebook(("markdown", f"## 5. The hotel case\n\n{prose}")))
    assert _shown(slides[0]).endswith("The programme doubles the expected stay, from five to "
                                      "ten years.")
    assert slides[0].notes == [prose]


def test_answers_go_to_the_notes_not_on_the_slide():
    answers = "<details><summary>Answers</summary>\n\n1. 30%\n</details>"
    slides = _plan(_notebook(("markdown", f"## Check your understanding\n\n1. Why?\n\n{answers}")))
    assert "30%" not in _shown(slides[0]) and slides[0].notes == [answers]


def test_no_code_on_a_default_slide_and_code_with_the_flag():
    text = {"output_type": "execute_result", "execution_count": 1, "metadata": {},
            "data": {"text/plain": "8000.0"}}
    notebook = _notebook(("markdown", "## 2. Call a function"),
                         ("code", "import crmlib as crm"),
                         ("code", "crm.customer_lifetime_value(2000, 0.8)", text))
    default = [b.kind for s in _plan(notebook) for b in s.blocks]
    assert default == ["heading", "output"]
    with_code = [b.kind for s in _plan(notebook, code=True) for b in s.blocks]
    assert with_code == ["heading", "code", "code", "output"]


def test_a_widget_gets_a_slide_of_its_own():
    notebook = _notebook(("markdown", "### What if?\n\n> **Predict first.** Up or down?"),
                         ("code", "crm.widgets.clv_explorer()", WIDGET),
                         ("markdown", "After the widget."))
    slides = _plan(notebook)
    assert [[b.kind for b in s.blocks] for s in slides] == [["heading", "quote"], ["output"]]
    assert slides[1].continued and slides[1].title == "### What if?"
    # one short sentence left over is not worth a slide: it goes to the widget slide's notes
    assert slides[1].notes == ["After the widget."]


def test_a_figure_too_tall_for_what_is_left_moves_to_the_next_slide():
    # heading 38 × 1.2 + 14 = 59.6 px, one line of text 26 × 1.35 + 12 = 47.1 px: 541.3 px
    # are left, and a 600 px figure would have to shrink to (541.3 − 12) / 600 = 0.88 < 0.9
    lead = "The plot shows the same customer under both conventions."
    notebook = _notebook(("markdown", f"## 3. Two timing conventions\n\n{lead}"),
                         ("code", "plot()", _figure(880, 600)),
                         ("code", "plot()", _figure(640, 300)))
    slides = _plan(notebook)
    assert [[b.kind for b in s.blocks] for s in slides] == [
        ["heading", "text"], ["output"], ["output"]]
    assert slides[1].continued and slides[1].blocks[0].scale >= 20 / 22.2


@pytest.mark.parametrize("available, scale", [
    (800, 1.0),                    # (800 − 12) / 700 > 1: full size
    (650, (650 - 12) / 700),       # 0.911: text 22.2 × 0.911 = 20.2 px, still readable
    (640, None),                   # 0.897: text would be 19.9 px
])
def test_a_figure_is_never_shrunk_below_readable_text(available, scale):
    found = layout.figure_scale(_figure(1000, 700, min_text_px=22.2), available)
    assert found == (pytest.approx(scale) if scale else None)


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_planned_slides_fit_the_canvas(lesson):
    """By the plan's own estimates; the browser test measures the real thing."""
    notebook = nbformat.read(lesson, as_version=4)
    for code in (False, True):
        slides = _plan(notebook, code=code)
        too_tall = [(k, round(s.used)) for k, s in enumerate(slides)
                    if s.used > layout.CONTENT_HEIGHT + 0.5 and len(s.blocks) > 1]
        assert not too_tall, f"code={code}: {too_tall}"


def test_a_figure_carries_its_measurements_into_the_deck():
    notebook = _notebook(("markdown", "## A figure"), ("code", "plot()", _figure(640, 400)))
    slides = _plan(notebook)
    deck = layout.deck_notebook(notebook, slides, {0: "**Say:** look."})
    kinds = [c.metadata["slideshow"]["slide_type"] for c in deck.cells]
    assert kinds == ["slide", "-", "notes"]
    html = deck.cells[1].outputs[0]["data"]["text/html"]
    assert 'data-min-text-px="22.2"' in html and 'width="640"' in html
    assert deck.cells[1].metadata["tags"] == [layout.NO_INPUT_TAG]


# --------------------------------------------------------------------------- progress


def test_progress_says_how_long_is_left():
    ticks = iter([0.0, 10.0, 20.0, 40.0])
    out = io.StringIO()
    bar = progress.Progress(4, "decks", stream=out, clock=lambda: next(ticks))
    bar.step("00_start_here", "16 slides")     # t = 10: 1 done in 10 s, 3 left: about 30 s
    bar.step("01_why")                         # t = 20: 2 done in 20 s, 2 left: about 20 s
    bar.done = 3
    bar.step("05_predicting")                  # t = 40: all 4 done
    assert out.getvalue().splitlines() == [
        "[1/4] 00_start_here: 16 slides (10 s so far, about 30 s left)",
        "[2/4] 01_why (20 s so far, about 20 s left)",
        "[4/4] 05_predicting (40 s)"]


def test_a_chinese_lesson_gets_the_same_treatment():
    """The Chinese edition (lessons/zh/) is cut by the same rules: sentences end at 。, and a
    line of Chinese holds fewer characters than a line of English."""
    build_slides = load_tool("build_slides")
    lesson = ROOT / "lessons" / "zh" / "02_customer_lifetime_value.ipynb"
    assert build_slides.deck_name(lesson) == "02_customer_lifetime_value.zh"
    assert build_slides.notes_file(lesson) == ROOT / "docs" / "zh" / "speaker_notes.yml"
    prose = "酒店每年流失百分之二十的客人。" + "每位客人每年带来两千元利润。" * 8
    slides = _plan(_notebook(("markdown", f"## 1. 客户价值的两个方面\n\n{prose}")))
    assert _shown(slides[0]).endswith("酒店每年流失百分之二十的客人。")
    assert slides[0].notes == [prose]
    # 26 px characters, 1 em each, 4% margin: 27.04 px; 1184 / 27.04 = 43.8, so 44 need 2 lines
    assert layout.wrapped_lines("客" * 43, 26, layout.CONTENT_WIDTH) == 1
    assert layout.wrapped_lines("客" * 44, 26, layout.CONTENT_WIDTH) == 2
