"""The Chinese edition in a real browser: ``make lab-zh`` itself, driven by headless chromium.

The server is started by the Makefile's ``lab-zh`` target (its zh-CN settings folder inside
.venv, ``CRMLIB_LANG=zh``), told only the port and the folder to serve, a temporary copy of the
notebooks (tests/tooling/lab_driver.py). It opens ``lessons/zh/00_start_here.ipynb`` by itself;
the test checks that JupyterLab's menus are Chinese, runs the lesson, and types answers the way
a Chinese student does (full-width digits from a Chinese input method, 元, ％, an empty box)
into its answer boxes, reading the feedback from the page (headless chromium has no CJK font
of its own: the DOM text is read, not the pixels). The Chinese slide decks are checked in
tests/tooling/test_decks.py.
"""

from __future__ import annotations

import pytest
from lab_driver import (
    NOTEBOOK,
    SHOTS,
    TIMEOUT_MS,
    add_cell_and_run,
    answer,
    errors_on_page,
    question_box,
    run_all,
    running_lab,
    screenshot_on_failure,
    wait_until_open,
)

from conftest import cjk_letters, skip_without_browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]

skip_without_browser()   # a loud skip without chromium or playwright

CHECK = "检查"   # the answer widget's button in Chinese
# the hotel exercise's first question as lesson 00 names it ("第一问要求实施计划前的客户保持率")
RETENTION_PROMPT = "实施计划前的客户保持率"
CLV_PROMPT = "实施计划前的客户终生价值"


def mostly_chinese(text: str) -> bool:
    """Most letters are CJK (a formula such as CLV = m·r/(1+i−r) may stand among them)."""
    cjk, letters = cjk_letters(text)
    return cjk > letters / 2


@pytest.fixture(scope="module")
def lab_zh(tmp_path_factory):
    with running_lab(tmp_path_factory, "zh") as lab:
        yield lab


@pytest.fixture(scope="module")
def lesson_page(browser, lab_zh):
    """The page `make lab-zh` opens (its default URL, no notebook named by the test), run."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(TIMEOUT_MS)
    with screenshot_on_failure(page, "lab-zh"):
        page.goto(f"{lab_zh.url}/?token={lab_zh.token}")
        wait_until_open(page, "00_start_here.ipynb", lab_zh.ui)
        assert "/lab/tree/lessons/zh/00_start_here.ipynb" in page.url
        run_all(page, lab_zh.ui)
    yield page
    page.close()


def test_make_lab_zh_shows_chinese_menus_and_runs_lesson_00(lesson_page):
    page = lesson_page
    with screenshot_on_failure(page, "lab-zh"):
        menus = page.locator("#jp-MainMenu .lm-MenuBar-item").all_inner_texts()
        assert menus[:2] == ["文件", "编辑"], menus
        assert {"查看", "运行", "内核"} <= set(menus), menus
        assert not errors_on_page(page), errors_on_page(page)
        # the kit speaks Chinese too: the hotel exercise's text, printed by hotel.show()
        assert "酒店忠诚计划" in page.inner_text(NOTEBOOK)
        page.wait_for_selector(f"{NOTEBOOK} .jupyter-widgets", state="attached")
        assert "Error displaying widget" not in page.inner_text(NOTEBOOK)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "lab-zh.png"))


def test_full_width_answers_and_an_empty_box_get_chinese_feedback(lesson_page):
    """The course's hotel (Chinese notes, 项目二 练习案例 1): 20% churn, 2000 yuan a year of
    profit, 800 yuan to acquire a customer.

    retention before = 1 − 0.20 = 0.80, so ８０％ (full-width, as a Chinese input method types
    it) is right and ２０％ (the churn rate) is the slip lesson 00 warns about.
    CLV before, the course's formula m·r/(1 + i − r) with i = 0, acquisition cost included:
    2000 × 0.8 / 0.2 − 800 = 8000 − 800 = 7200 yuan; the 1/churn convention gives
    2000 / 0.2 − 800 = 9200 yuan, a known wrong path with its own hint.
    """
    page = lesson_page
    with screenshot_on_failure(page, "lab-zh-answers"):
        question, box, feedback = question_box(page, RETENTION_PROMPT)
        said = answer(page, question, box, feedback, "２０％", CHECK)
        assert "流失率" in said and "✅" not in said and mostly_chinese(said), said
        said = answer(page, question, box, feedback, "８０％", CHECK)
        assert "正确" in said and "0.8" in said and mostly_chinese(said), said
        said = answer(page, question, box, feedback, "", CHECK)  # an empty box: feedback
        assert "空" in said and mostly_chinese(said), said
        assert not errors_on_page(page), errors_on_page(page)

        # the CLV box, added below the lesson as a student would: hotel.widget("clv_before")
        add_cell_and_run(page, 'hotel.widget("clv_before")')
        question, box, feedback = question_box(page, CLV_PROMPT)
        said = answer(page, question, box, feedback, "９２００元", CHECK)
        assert "还不对" in said and "9,200" in said and "流失率" in said, said
        assert mostly_chinese(said), said
        said = answer(page, question, box, feedback, "７２００元", CHECK)
        assert "正确" in said and "7,200" in said and mostly_chinese(said), said
        said = answer(page, question, box, feedback, " ", CHECK)  # blank is empty too
        assert "空" in said and mostly_chinese(said), said
        assert not errors_on_page(page), errors_on_page(page)
