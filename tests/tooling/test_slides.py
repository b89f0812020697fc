"""Slide decks and handouts: speaker notes for every section, slide metadata, offline handouts.

The decks themselves are built and walked slide by slide in a real browser in
tests/tooling/test_decks.py (which also reads their HTML for external URLs); the rules that cut a
lesson into slides are tested in tests/tooling/test_deck_layout.py.
"""

import re

import nbformat
import pytest

from conftest import EXTERNAL, ROOT, external_urls, load_tool, loaded_urls

build_slides = load_tool("build_slides")
slide_metadata = load_tool("slide_metadata")

LESSONS = build_slides.default_lessons()    # lessons/*.ipynb, then lessons/zh/*.ipynb
IDS = [p.relative_to(ROOT / "lessons").as_posix() for p in LESSONS]


def test_the_url_scanner_finds_what_a_browser_would_load():
    page = ('<link rel="stylesheet" href="https://cdn.example/x.css"><script src="//cdn/x.js">'
            '</script><style>@import url("https://fonts.example/css"); .a{background:url(a.png)}'
            '</style><a href="https://example.org/paper">paper</a><img src="data:image/png;b">')
    found = [u for u in loaded_urls(page) if EXTERNAL.match(u)]
    assert found == ["https://cdn.example/x.css", "//cdn/x.js", "https://fonts.example/css"]


def _slides(lesson):
    """The slides of a lesson as its committed outputs would give them (no execution)."""
    notebook = nbformat.read(lesson, as_version=4)
    return build_slides.layout.plan_slides(build_slides.layout.lesson_blocks(notebook))


def test_every_speaker_note_finds_its_slide():
    for path in {build_slides.notes_file(p) for p in LESSONS}:
        notes = build_slides.load_speaker_notes(path)
        stems = {p.stem: p for p in LESSONS if build_slides.notes_file(p) == path}
        unknown = sorted(set(notes) - set(stems))
        assert not unknown, f"{path.name} names lessons that do not exist: {unknown}"
        for stem, entries in notes.items():
            _, lost = build_slides.layout.match_notes(_slides(stems[stem]), entries)
            assert not lost, f"{stem}: notes whose 'at' text matches no slide heading: {lost}"


def test_every_lesson_has_speaker_notes():
    assert not [p.stem for p in LESSONS if not build_slides.notes_for(p)]


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_every_section_slide_has_what_to_say_ask_and_expect(lesson):
    """A slide that starts a section (a #, ## or ### heading) carries a teaching point: its
    speaker notes say what to tell the room, the question to ask and the answer to expect."""
    slides = _slides(lesson)
    entries = build_slides.notes_for(lesson)
    attached, _ = build_slides.layout.match_notes(slides, entries)
    sections = [k for k, s in enumerate(slides) if not s.continued and s.title and
                build_slides.layout.markdown_blocks(s.title)[0].level <= 3]
    missing = [slides[k].title for k in sections
               if not all(f"**{label}:**" in attached.get(k, "")
                          for label in ("Say", "Ask", "Expected answer"))]
    assert not missing, (
        f"docs/speaker_notes.yml has no say/ask/answer for these slides of {lesson.stem}: "
        f"{missing}. `python tools/build_slides.py --notes-skeleton {lesson.relative_to(ROOT)}`"
        f" prints entries to fill in.")


def test_a_note_needs_say_ask_and_answer(tmp_path):
    notes = tmp_path / "notes.yml"
    notes.write_text('lesson:\n  - at: "## 1. Intro"\n    say: Hello.\n    ask: Why?\n',
                     encoding="utf-8")
    with pytest.raises(build_slides.BuildError, match="'say', 'ask', 'answer'"):
        build_slides.load_speaker_notes(notes)


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
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
    notebook = nbformat.v4.new_notebook(cells=[_cell("markdown", "# Title\n\nHello."),
                                               _cell("markdown", "## Why retention")])
    note = {"at": "why retention", "say": "Retention is the lever.", "ask": "Who stays?",
            "answer": "The loyal ones."}
    prepared = build_slides.prepare(notebook, [note])
    kinds = [c.metadata["slideshow"]["slide_type"] for c in prepared.cells]
    assert kinds == ["slide", "slide", "notes"]
    assert prepared.cells[2].source == ("**Say:** Retention is the lever.\n\n**Ask:** Who "
                                        "stays?\n\n**Expected answer:** The loyal ones.")
    with pytest.raises(build_slides.BuildError, match="no slide of lesson"):
        build_slides.prepare(notebook, [{**note, "at": "not there"}])


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


def test_an_edit_to_a_lessons_text_reaches_the_deck_without_a_new_execution(tmp_path,
                                                                           monkeypatch):
    lesson = tmp_path / "lessons" / "01_x.ipynb"
    lesson.parent.mkdir()
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Title\n\nOld text."),
        nbformat.v4.new_code_cell("1 + 1")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    nbformat.write(notebook, lesson)
    first = build_slides.execute_for_projection(lesson, cache=tmp_path / "cache")
    assert first.cells[1].outputs[0]["data"]["text/plain"] == "2"
    notebook.cells[0].source = "# Title\n\nNew text."
    nbformat.write(notebook, lesson)

    def no_kernel(*args, **kwargs):
        raise AssertionError("executed again for a change of prose")

    monkeypatch.setattr("nbclient.NotebookClient.execute", no_kernel)
    second = build_slides.execute_for_projection(lesson, cache=tmp_path / "cache")
    assert second.cells[0].source == "# Title\n\nNew text."
    assert second.cells[1].outputs[0]["data"]["text/plain"] == "2"


def _lesson(folder, code):
    lesson = folder / "lessons" / "01_x.ipynb"
    lesson.parent.mkdir()
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Title"),
                                               nbformat.v4.new_code_cell(code)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    nbformat.write(notebook, lesson)
    return lesson


def _first_start_lost(monkeypatch, message):
    """NotebookClient.execute, with its first call ending as a kernel that never answered
    (``message``, jupyter_client's wording) and later calls run for real; returns the calls."""
    from nbclient import NotebookClient

    real, calls = NotebookClient.execute, []

    def execute(self, **kwargs):
        calls.append(kwargs)
        if len(calls) == 1:
            raise RuntimeError(message)
        return real(self, **kwargs)

    monkeypatch.setattr(NotebookClient, "execute", execute)
    return calls


# A CI run failed on "Kernel didn't respond in 60 seconds" for one lesson while two workers built
# decks on two cores: a kernel that never started is started again, once.
@pytest.mark.parametrize("message", ["Kernel didn't respond in 180 seconds",
                                     "Kernel died before replying to kernel_info"])
def test_a_lesson_whose_kernel_never_started_is_executed_on_a_new_kernel(tmp_path, monkeypatch,
                                                                         message):
    calls = _first_start_lost(monkeypatch, message)
    executed = build_slides.execute_for_projection(_lesson(tmp_path, "1 + 1"), cache=None)
    assert len(calls) == 2
    assert executed.cells[1].outputs[0]["data"]["text/plain"] == "2"


def test_a_failing_cell_is_reported_not_executed_again(tmp_path, monkeypatch):
    from nbclient import NotebookClient

    real, calls = NotebookClient.execute, []

    def execute(self, **kwargs):
        calls.append(kwargs)
        return real(self, **kwargs)

    monkeypatch.setattr(NotebookClient, "execute", execute)
    with pytest.raises(build_slides.BuildError, match="ZeroDivisionError"):
        build_slides.execute_for_projection(_lesson(tmp_path, "1 / 0"), cache=None)
    assert len(calls) == 1


def test_a_kernel_that_never_starts_twice_fails_the_build_with_its_message(tmp_path,
                                                                            monkeypatch):
    from nbclient import NotebookClient

    def execute(self, **kwargs):
        raise RuntimeError("Kernel didn't respond in 180 seconds")

    monkeypatch.setattr(NotebookClient, "execute", execute)
    with pytest.raises(build_slides.BuildError, match="(?s)01_x.ipynb .*didn't respond"):
        build_slides.execute_for_projection(_lesson(tmp_path, "1 + 1"), cache=None)


def test_a_lessons_kernel_talks_over_local_sockets_not_tcp_ports(tmp_path):
    """Kernels starting at once can race for a free TCP port and lose (the hub's load test
    did); the deck build's kernels use local sockets, as the hub's do. The lesson asks its own
    kernel how it is connected."""
    code = ("import json\nfrom ipykernel.connect import get_connection_info\n"
            "json.loads(get_connection_info())['transport']")
    executed = build_slides.execute_for_projection(_lesson(tmp_path, code), cache=None)
    assert executed.cells[1].outputs[0]["data"]["text/plain"] == "'ipc'"
