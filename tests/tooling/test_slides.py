"""Slide decks and handouts: one per lesson, offline (no external URL), speaker notes attached.

The decks are rendered in a real browser in tests/tooling/test_browser.py; here the HTML is read.
"""

import re
from html.parser import HTMLParser

import nbformat
import pytest

from conftest import ROOT, load_tool

build_slides = load_tool("build_slides")
slide_metadata = load_tool("slide_metadata")

LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
EXTERNAL = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
# Tags whose src/href the browser loads by itself (a hyperlink <a href> is only followed on a
# click, so a "Further reading" link in a lesson is allowed).
LOADING_ATTRIBUTES = {"script": "src", "link": "href", "img": "src", "iframe": "src",
                      "source": "src", "video": "src", "audio": "src", "embed": "src",
                      "object": "data"}
CSS_URL = re.compile(r"""(?:@import\s+(?:url\()?|url\()\s*['"]?([^'")\s]+)""", re.IGNORECASE)


class _Loads(HTMLParser):
    """Collects every URL an HTML page loads: tag attributes and CSS in <style>/style=."""

    def __init__(self):
        super().__init__()
        self.urls, self._in_style = [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if LOADING_ATTRIBUTES.get(tag) in attrs:
            self.urls.append(attrs[LOADING_ATTRIBUTES[tag]] or "")
        self.urls.extend(CSS_URL.findall(attrs.get("style") or ""))
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.urls.extend(CSS_URL.findall(data))


def loaded_urls(html_text: str) -> list[str]:
    parser = _Loads()
    parser.feed(html_text)
    return parser.urls


def external_urls(page) -> list[str]:
    """External URLs the page loads, including those in the local style sheets it links."""
    bad = [u for u in loaded_urls(page.read_text(encoding="utf-8")) if EXTERNAL.match(u)]
    for url in loaded_urls(page.read_text(encoding="utf-8")):
        local = page.parent / url.split("?")[0]
        if url.endswith(".css") and local.is_file():
            css = local.read_text(encoding="utf-8")
            bad += [f"{url}: {u}" for u in CSS_URL.findall(css) if EXTERNAL.match(u)]
            for imported in CSS_URL.findall(css):  # one level of @import (theme -> fonts)
                nested = local.parent / imported
                if imported.endswith(".css") and nested.is_file():
                    bad += [f"{imported}: {u}" for u in CSS_URL.findall(nested.read_text())
                            if EXTERNAL.match(u)]
    return bad


def test_the_url_scanner_finds_what_a_browser_would_load():
    page = ('<link rel="stylesheet" href="https://cdn.example/x.css"><script src="//cdn/x.js">'
            '</script><style>@import url("https://fonts.example/css"); .a{background:url(a.png)}'
            '</style><a href="https://example.org/paper">paper</a><img src="data:image/png;b">')
    found = [u for u in loaded_urls(page) if EXTERNAL.match(u)]
    assert found == ["https://cdn.example/x.css", "//cdn/x.js", "https://fonts.example/css"]


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    if not LESSONS:
        pytest.skip("no lessons yet")
    return build_slides.build(LESSONS, tmp_path_factory.mktemp("slides"))


@pytest.mark.slow
def test_make_slides_builds_one_offline_deck_per_lesson(decks):
    assert [d.name for d in decks] == [f"{p.stem}.slides.html" for p in LESSONS]
    problems = {d.name: external_urls(d) for d in decks}
    assert not {name: urls for name, urls in problems.items() if urls}
    for deck in decks:
        text = deck.read_text(encoding="utf-8")
        assert text.count("<section") > 3, f"{deck.name}: hardly any slides"
        missing = [u for u in loaded_urls(text)
                   if not u.startswith(("data:", "#"))
                   and not (deck.parent / u.split("?")[0]).exists()]
        assert not missing, f"{deck.name} loads files that are not next to it: {missing}"
    assert (decks[0].parent / "index.html").exists()


@pytest.mark.slow
def test_decks_carry_the_speaker_notes(decks):
    notes = build_slides.load_speaker_notes()
    for deck in decks:
        stem = deck.name.removesuffix(".slides.html")
        count = deck.read_text(encoding="utf-8").count('<aside class="notes">')
        assert count >= len(notes.get(stem, [])), deck.name


def test_every_speaker_note_finds_its_cell():
    notes = build_slides.load_speaker_notes()
    stems = {p.stem: p for p in LESSONS}
    unknown = sorted(set(notes) - set(stems))
    assert not unknown, f"docs/speaker_notes.yml names lessons that do not exist: {unknown}"
    for stem, entries in notes.items():
        notebook = nbformat.read(stems[stem], as_version=4)
        lost = [e["at"] for e in entries if build_slides.find_anchor(notebook, e["at"]) is None]
        assert not lost, f"{stem}: notes whose 'at' text matches no markdown cell: {lost}"


def test_every_lesson_has_speaker_notes():
    notes = build_slides.load_speaker_notes()
    assert not [p.stem for p in LESSONS if not notes.get(p.stem)]


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.name for p in LESSONS])
def test_lessons_carry_slideshow_metadata(lesson):
    notebook = nbformat.read(lesson, as_version=4)
    assert not slide_metadata.missing(notebook), "run: make slide-metadata"
    kinds = [c.metadata["slideshow"]["slide_type"] for c in notebook.cells]
    assert kinds[0] == "slide" and kinds.count("slide") >= 3


def _cell(kind, source, outputs=()):
    if kind == "markdown":
        return nbformat.v4.new_markdown_cell(source)
    cell = nbformat.v4.new_code_cell(source)
    cell.outputs = [nbformat.from_dict(o) for o in outputs]
    return cell


def test_slide_convention_one_idea_per_slide():
    text = {"output_type": "execute_result", "data": {"text/plain": "7200.0"},
            "metadata": {}, "execution_count": 1}
    plot = {"output_type": "display_data", "data": {"image/png": "iVBO"}, "metadata": {}}
    widget = {"output_type": "display_data", "metadata": {},
              "data": {slide_metadata.WIDGET_MIME: {"model_id": "x"}, "text/plain": "VBox()"}}
    cells = [_cell("markdown", "# Estimate what a customer is worth"),
             _cell("code", "import crmlib as crm"),
             _cell("markdown", "## Concept\nThe formula"),
             _cell("code", "crm.customer_lifetime_value(2000, 0.8)", [text]),
             _cell("code", "crm.plotting.plot_clv_curve()\nplt.show()", [plot]),
             _cell("markdown", "What the plot shows"),
             _cell("markdown", "### What if?\n**Predict first**"),
             _cell("code", "crm.widgets.clv_explorer()", [widget]),
             _cell("markdown", "## Check your understanding"),
             _cell("markdown", "1. Why does retention matter more than margin?")]
    assert slide_metadata.planned_slide_types(cells) == [
        "slide", "skip", "slide", "-", "subslide", "subslide", "subslide", "subslide", "slide",
        "fragment"]


def test_slide_metadata_changes_only_metadata(tmp_path):
    lesson = tmp_path / "lesson.ipynb"
    notebook = nbformat.v4.new_notebook(cells=[_cell("markdown", "# Title"), _cell("code", "1")])
    notebook.cells[1].metadata["slideshow"] = {"slide_type": "fragment"}  # an author's choice
    lesson.write_text(nbformat.writes(notebook) + "\n")
    before = nbformat.read(lesson, as_version=4)
    assert slide_metadata.main([str(lesson)]) == 0
    after = nbformat.read(lesson, as_version=4)
    for old, new in zip(before.cells, after.cells, strict=True):
        assert (old.source, old.get("outputs")) == (new.source, new.get("outputs"))
    assert [c.metadata["slideshow"]["slide_type"] for c in after.cells] == ["slide", "fragment"]
    assert slide_metadata.main(["--check", str(lesson)]) == 0


def test_speaker_notes_become_notes_cells_on_their_slide():
    notebook = nbformat.v4.new_notebook(cells=[_cell("markdown", "# Title"),
                                               _cell("markdown", "## Why retention")])
    prepared = build_slides.prepare(notebook, [{"at": "why retention", "note": "Ask: who?"}])
    assert [c.metadata["slideshow"]["slide_type"] for c in prepared.cells] == [
        "slide", "slide", "notes"]
    assert prepared.cells[2].source == "Ask: who?"
    with pytest.raises(build_slides.BuildError, match="no markdown cell"):
        build_slides.prepare(notebook, [{"at": "not there", "note": "x"}])


@pytest.mark.slow
def test_make_test_says_loudly_when_the_browser_tests_cannot_run():
    import os
    import subprocess
    import sys

    env = {**os.environ, "CRM_CHROMIUM": ""}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:xdist",
                           str(ROOT / "tests" / "tooling" / "test_browser.py")],
                          capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    assert done.returncode in (0, 5), done.stdout[-2000:]  # 5: the only module was skipped
    assert "BROWSER TEST SKIPPED: Debian's chromium is not installed" in done.stdout
    assert re.search(r"!{5,} BROWSER TEST SKIPPED !{5,}", done.stdout), done.stdout[-2000:]


@pytest.mark.slow
def test_make_handouts_builds_offline_static_pages(tmp_path):
    if not LESSONS:
        pytest.skip("no lessons yet")
    pages = build_slides.build(LESSONS[:1], tmp_path, handouts=True)
    assert [p.name for p in pages] == [f"{LESSONS[0].stem}.html"]
    assert not external_urls(pages[0])
    assert not (tmp_path / "vendor" / "reveal.js").exists()  # a handout needs no reveal.js
