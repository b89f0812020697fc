"""What students and the room see, in a real browser (headless Debian chromium + playwright).

JupyterLab from the kit's own environment (this Python) on 127.0.0.1 with a token: open a
lesson and run all cells (no errors, the widgets render), then the hotel-loyalty exercise:
type an answer into the ``clv_before`` box, click Check, read the feedback. Lessons 06-08 run
without error outputs, and a choice question typed in code accepts an option's Chinese name
as it accepts the English one. The Chinese edition under ``make lab-zh`` is
tests/tooling/test_browser_zh.py; the slide decks are walked slide by slide in
tests/tooling/test_decks.py.

The notebooks run in a temporary copy of lessons/ and exercises/ (tests/tooling/lab_driver.py),
so nothing here can save outputs into the repository. A failing step saves a screenshot in
build/browser/. Without
chromium (``apt-get install -y chromium``) or the playwright package the tests are skipped, and
``make test`` prints a banner saying so (tests/conftest.py).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from lab_driver import (
    NOTEBOOK,
    TIMEOUT_MS,
    add_cell_and_run,
    answer,
    errors_on_page,
    open_and_run_all,
    question_box,
    running_lab,
    screenshot_on_failure,
)

import crmlib as crm
from conftest import ROOT, load_tool, skip_without_browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]

skip_without_browser()   # a loud skip without chromium or playwright

LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))


# --------------------------------------------------------------------------- helpers


def _widget_lesson() -> Path | None:
    """The first lesson with saved widget state (else the first lesson)."""
    for lesson in LESSONS:
        if "widgets" in nbformat.read(lesson, as_version=4).metadata:
            return lesson
    return LESSONS[0] if LESSONS else None


def _hotel_exercise(root: Path) -> tuple[Path, dict]:
    """The exercise notebook asking for the hotel's ``clv_before`` with a widget, and the
    arguments its ``hotel_loyalty`` call uses. Before the hotel exercise notebook exists, a
    minimal one is written into ``root`` so the answer-box round trip is still checked."""
    make_variants = load_tool("make_variants")
    for path in sorted((root / "exercises").glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        widget = any("widget(" in c.source and "clv_before" in c.source for c in notebook.cells)
        calls = [c for c in make_variants.find_factory_calls(notebook, path.name)
                 if c.factory == "hotel_loyalty"]
        if widget and calls:
            return path, calls[0].kwargs
    path = root / "exercises" / "hotel_widget_check.ipynb"
    path.parent.mkdir(exist_ok=True)
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import crmlib as crm\nSTUDENT_ID = None"),
        nbformat.v4.new_code_cell("hotel = crm.exercises.hotel_loyalty(student=STUDENT_ID)\n"
                                  "hotel.widget('clv_before')")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    nbformat.write(notebook, path)
    return path, {}


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    """A JupyterLab server (English) on a temporary copy of the kit's notebooks."""
    with running_lab(tmp_path_factory, "en") as lab:
        yield lab


# --------------------------------------------------------------------------- tests


def test_lesson_and_hotel_exercise_run_in_jupyterlab(browser, jupyterlab):
    lab = jupyterlab
    lesson = _widget_lesson()
    exercise, kwargs = _hotel_exercise(lab.root)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(TIMEOUT_MS)
    with screenshot_on_failure(page, "jupyterlab"):
        if lesson is not None:
            open_and_run_all(page, lab, f"lessons/{lesson.name}")
            assert not errors_on_page(page), errors_on_page(page)
            if "widgets" in nbformat.read(lesson, as_version=4).metadata:
                page.wait_for_selector(f"{NOTEBOOK} .jupyter-widgets", state="attached")
                assert "Error displaying widget" not in page.inner_text(NOTEBOOK)

        open_and_run_all(page, lab, exercise.relative_to(lab.root).as_posix())
        assert not errors_on_page(page), errors_on_page(page)
        hotel = crm.exercises.hotel_loyalty(**kwargs)
        question, box, feedback = question_box(page, hotel.prompt("clv_before"))

        # a wrong answer first: the feedback must say so
        assert "Not quite" in answer(page, question, box, feedback, "1", "Check")

        expected = hotel._question("clv_before").answer
        typed = "9,200元" if expected == 9200 else f"{expected:,.0f}元"  # as a student types it
        assert "Correct" in answer(page, question, box, feedback, typed, "Check")
        assert hotel.check("clv_before", typed).correct  # the same verdict in Python
    page.close()


#: Lessons 06-08 (satisfaction and loyalty, service quality, CRM in practice), each run whole.
LATER_LESSONS = [p for p in LESSONS if p.name[:2] in ("06", "07", "08")]

#: The five SERVQUAL dimensions (Parasuraman, Zeithaml & Berry 1988) by the names Chinese
#: textbooks give them (the course's slides use 可靠性); a student may answer in either language.
SERVQUAL_NAMES = {"tangibles": "有形性", "reliability": "可靠性", "responsiveness": "响应性",
                  "assurance": "保证性", "empathy": "移情性"}


@pytest.mark.parametrize("lesson", LATER_LESSONS, ids=[p.stem[:2] for p in LATER_LESSONS])
def test_later_lessons_run_in_jupyterlab(lesson, browser, jupyterlab):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(TIMEOUT_MS)
    with screenshot_on_failure(page, f"jupyterlab-{lesson.stem}"):
        open_and_run_all(page, jupyterlab, f"lessons/{lesson.name}")
        assert not errors_on_page(page), errors_on_page(page)
        page.wait_for_selector(f"{NOTEBOOK} .jupyter-widgets", state="attached")
        assert "Error displaying widget" not in page.inner_text(NOTEBOOK)
        if lesson.name.startswith("07"):
            _servqual_choice_in_chinese(page)
    page.close()


def _servqual_choice_in_chinese(page):
    """In lesson 07's kernel, the SERVQUAL exercise's choice question (which dimension to
    improve first; a radio-button widget, so names are typed in code): each option's Chinese
    name gets the same feedback as its English name, and a word that is no option gets the
    list of allowed answers."""
    lines = ["servqual = crm.exercises.servqual_priorities()"]
    for english, chinese in SERVQUAL_NAMES.items():
        lines += [f"print({english!r}, '|', servqual.check('fix_first', {english!r}))",
                  f"print({english!r}, '|', servqual.check('fix_first', {chinese!r}))"]
    lines.append("print('unknown |', servqual.check('fix_first', '服务'))")
    output = add_cell_and_run(page, "\n".join(lines))
    assert not errors_on_page(page), errors_on_page(page)
    said = [line.split(" | ", 1) for line in output.splitlines() if " | " in line]
    verdicts: dict[str, list[str]] = {}
    for option, feedback in said:
        verdicts.setdefault(option, []).append(feedback)
    for english in SERVQUAL_NAMES:
        in_english, in_chinese = verdicts[english]
        assert in_chinese == in_english, (english, in_english, in_chinese)
        assert "not one of the answers" not in in_chinese, in_chinese
    assert sum(v[0].startswith("✅") for v in verdicts.values() if len(v) == 2) == 1
    # an unknown word: the allowed answers are listed (in English: the lesson is English)
    assert all(name in verdicts["unknown"][0] for name in SERVQUAL_NAMES), verdicts["unknown"]
