"""What students and the room see, in a real browser (headless Debian chromium + playwright).

JupyterLab from the kit's own environment (this Python) on 127.0.0.1 with a token: open a
lesson and run all cells (no errors, the widgets render), then the hotel-loyalty exercise:
type an answer into the ``clv_before`` box, click Check, read the feedback.
The slide decks are walked slide by slide in tests/tooling/test_decks.py.

The notebooks run in a temporary copy of lessons/ and exercises/, so nothing here can save
outputs into the repository. A failing step saves a screenshot in build/browser/. Without
chromium (``apt-get install -y chromium``) or the playwright package the tests are skipped, and
``make test`` prints a banner saying so (tests/conftest.py).
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import nbformat
import pytest

import crmlib as crm
from conftest import ROOT, load_tool, skip_without_browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = ROOT / "build" / "browser"
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
TIMEOUT_MS = 60_000

skip_without_browser()   # a loud skip without chromium or playwright


# --------------------------------------------------------------------------- helpers


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


@contextmanager
def _screenshot_on_failure(page, name: str):
    try:
        yield
    except BaseException:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}-failure.png"), full_page=True)
        raise


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    """A JupyterLab server on a temporary copy of the kit's notebooks; yields (url, root)."""
    root = tmp_path_factory.mktemp("kit")
    for folder in ("lessons", "exercises"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, root / folder)
    home = tmp_path_factory.mktemp("jupyter-home")
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"),
           "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
           "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces")}
    port, token = _free_port(), secrets.token_hex(16)
    command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
               f"--port={port}", "--ServerApp.port_retries=0",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = (home / "server.log").open("w")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:  # e.g. the port was taken after all
                pytest.fail(f"JupyterLab exited:\n{(home / 'server.log').read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):  # noqa: S310
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("JupyterLab did not answer within 60 s")
                time.sleep(0.3)
        yield url, token, root
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def _open_and_run_all(page, url: str, token: str, relative: str) -> None:
    """Open a notebook in JupyterLab, Run → Run All Cells, wait until every cell has run."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # a workspace of its own, so only this notebook is open and the menu commands act on it
    name = relative.rsplit("/", 1)[-1]
    workspace = re.sub(r"\W", "-", name)
    page.goto(f"{url}/lab/workspaces/{workspace}/tree/{relative}?token={token}")
    page.wait_for_selector(f".lm-TabBar-tab.jp-mod-current:has-text('{name}')", timeout=TIMEOUT_MS)
    page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell", timeout=TIMEOUT_MS)
    # the kernel is ready when the status bar says "Python 3 (ipykernel) | Idle"
    page.wait_for_selector(".jp-StatusBar-Widget:has-text('| Idle')", timeout=TIMEOUT_MS)
    # clear the saved outputs first, so a numbered prompt proves the cell ran in this session
    _menu(page, "Edit", "Clear Outputs of All Cells")
    prompts = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt"
    for attempt in range(3):  # "Run All Cells" does nothing while the session is still settling
        _menu(page, "Run", "Run All Cells")
        try:
            page.wait_for_function(
                "sel => [...document.querySelectorAll(sel)]"
                ".some(p => /\\[[\\d*]+\\]/.test(p.textContent))",
                arg=prompts, timeout=10_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    page.wait_for_function(
        "sel => { const p = [...document.querySelectorAll(sel)];"
        " return p.length > 0 && p.every(x => /\\[\\d+\\]/.test(x.textContent)); }",
        arg=prompts, timeout=TIMEOUT_MS)


def _menu(page, menu: str, item: str) -> None:
    page.click(f".lm-MenuBar-item:has-text('{menu}')")
    page.get_by_role("menuitem", name=item, exact=True).click()


def _errors_on_page(page) -> list[str]:
    return page.eval_on_selector_all(
        ".jp-NotebookPanel:not(.lm-mod-hidden) "
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], "
        ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-RenderedText[data-mime-type="
        "'application/vnd.jupyter.error']",
        "nodes => nodes.map(n => n.textContent.slice(0, 300))")


# --------------------------------------------------------------------------- tests


def test_lesson_and_hotel_exercise_run_in_jupyterlab(browser, jupyterlab):
    url, token, root = jupyterlab
    lesson = _widget_lesson()
    exercise, kwargs = _hotel_exercise(root)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(TIMEOUT_MS)
    with _screenshot_on_failure(page, "jupyterlab"):
        if lesson is not None:
            _open_and_run_all(page, url, token, f"lessons/{lesson.name}")
            assert not _errors_on_page(page), _errors_on_page(page)
            if "widgets" in nbformat.read(lesson, as_version=4).metadata:
                page.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jupyter-widgets",
                                       state="attached")
                panel = page.inner_text(".jp-NotebookPanel:not(.lm-mod-hidden)")
                assert "Error displaying widget" not in panel

        _open_and_run_all(page, url, token, exercise.relative_to(root).as_posix())
        assert not _errors_on_page(page), _errors_on_page(page)
        hotel = crm.exercises.hotel_loyalty(**kwargs)
        prompt = hotel.prompt("clv_before")
        question = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .crm-question",
                                has_text=prompt).first
        question.wait_for()
        box = question.locator("input[type='text']")
        feedback = question.locator(".widget-html").last

        box.fill("1")  # a wrong answer first: the feedback must say so
        box.press("Enter")
        question.get_by_role("button", name="Check").click()
        page.wait_for_function("el => el.textContent.includes('Not quite')",
                               arg=feedback.element_handle())

        expected = hotel._question("clv_before").answer
        typed = "9,200元" if expected == 9200 else f"{expected:,.0f}元"  # as a student types it
        box.fill(typed)
        box.press("Enter")
        question.get_by_role("button", name="Check").click()
        page.wait_for_function("el => el.textContent.includes('Correct')",
                               arg=feedback.element_handle())
        assert hotel.check("clv_before", typed).correct  # the same verdict in Python
    page.close()
