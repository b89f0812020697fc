"""JupyterLab in headless chromium, shared by the real-browser tests (test_browser.py in
English, test_browser_zh.py in Chinese).

A server runs on a temporary copy of lessons/ and exercises/, so nothing a test does can save
outputs into the repository; its configuration, runtime and workspace folders are temporary
too (the user's own JupyterLab settings are never read or written). One server per test
module, reused by its tests.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT

SHOTS = ROOT / "build" / "browser"
TIMEOUT_MS = 60_000

#: What the menus and the status bar say, per interface language. The Chinese strings are the
#: official zh-CN language pack's (jupyterlab-language-pack-zh-CN, jupyterlab.json).
UI = {
    "en": {"edit": "Edit", "clear_all": "Clear Outputs of All Cells", "run": "Run",
           "run_all": "Run All Cells", "idle": "Idle"},
    "zh": {"edit": "编辑", "clear_all": "清除所有单元格的输出", "run": "运行",
           "run_all": "运行所有单元格", "idle": "空闲"},
}
NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"


@dataclass
class Lab:
    url: str
    token: str
    root: Path
    log: Path
    ui: dict


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_lab(tmp_path_factory, language: str = "en"):
    """A JupyterLab server on a copy of the notebooks; yields a :class:`Lab`.

    ``language="en"`` starts ``jupyter lab`` with this Python; ``language="zh"`` runs
    ``make lab-zh`` itself (its settings folder inside .venv, ``CRMLIB_LANG=zh``), told only
    the port and the folder to serve (``PORT``, ``LAB_ROOT``) and given its token through
    ``JUPYTER_TOKEN``, so the test checks the command a lecturer types.
    """
    root = tmp_path_factory.mktemp("kit")
    for folder in ("lessons", "exercises"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, root / folder)
    home = tmp_path_factory.mktemp("jupyter-home")
    config = home / "config"
    config.mkdir()
    # what the command line of `make lab` leaves to configuration: no port hopping (a token
    # is checked on the port asked for), no update check (no network, no news pop-up)
    (config / "jupyter_server_config.json").write_text(json.dumps({
        "ServerApp": {"port_retries": 0},
        "LabApp": {"check_for_updates_class": "jupyterlab.NeverCheckForUpdate"}}))
    port, token = _free_port(), secrets.token_hex(16)
    env = {key: value for key, value in os.environ.items()
           if key not in ("CRMLIB_LANG", "JUPYTERLAB_SETTINGS_DIR", "JUPYTER_TOKEN")}
    env.update(JUPYTER_CONFIG_DIR=str(config), JUPYTER_RUNTIME_DIR=str(home / "runtime"),
               JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"), JUPYTER_TOKEN=token)
    if language == "zh":
        make = shutil.which("make")
        if make is None:
            pytest.fail("`make lab-zh` cannot be checked: make is not installed")
        command = [make, "--no-print-directory", "-C", str(ROOT), "lab-zh", f"PORT={port}",
                   f"LAB_ROOT={root}"]
    else:
        import sys

        env["JUPYTERLAB_SETTINGS_DIR"] = str(home / "settings")
        command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
                   f"--port={port}", f"--ServerApp.root_dir={root}"]
        if os.geteuid() == 0:
            command.append("--allow-root")
    log_path = home / "server.log"
    log = log_path.open("w")
    # a session of its own: `make` and the server it starts are stopped together
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env,
                              start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if server.poll() is not None:  # e.g. the port was taken after all
                pytest.fail(f"JupyterLab exited:\n{log_path.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2):  # noqa: S310
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not answer within 90 s:\n"
                                f"{log_path.read_text()[-3000:]}")
                time.sleep(0.3)
        yield Lab(url, token, root, log_path, UI[language])
    finally:
        try:
            os.killpg(server.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


@contextmanager
def screenshot_on_failure(page, name: str):
    try:
        yield
    except BaseException:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}-failure.png"), full_page=True)
        raise


def menu(page, ui: dict, menu_key: str, item_key: str) -> None:
    page.click(f".lm-MenuBar-item:has-text('{ui[menu_key]}')")
    page.get_by_role("menuitem", name=ui[item_key], exact=True).click()


def wait_until_open(page, name: str, ui: dict) -> None:
    """Wait for notebook ``name``'s tab, its cells and an idle kernel."""
    page.wait_for_selector(f".lm-TabBar-tab.jp-mod-current:has-text('{name}')", timeout=TIMEOUT_MS)
    page.wait_for_selector(f"{NOTEBOOK} .jp-Cell", timeout=TIMEOUT_MS)
    # the kernel is ready when the status bar says "Python 3 (ipykernel) | Idle"
    page.wait_for_selector(f".jp-StatusBar-Widget:has-text('| {ui['idle']}')",
                           timeout=TIMEOUT_MS)
    wait_all_attached(page)


#: Whether every cell of the open notebook is on the page: the status bar's "Cell 3/51" (or,
#: with several cells selected, "2:5/51") gives the notebook's number of cells.
ALL_ATTACHED = """sel => {
  const counts = [...document.querySelectorAll(".jp-StatusBar-Widget")]
    .map(e => e.textContent.match(/(\\d+)\\/(\\d+)/)).find(Boolean);
  return Boolean(counts) && document.querySelectorAll(sel).length >= Number(counts[2]);
}"""


def wait_all_attached(page) -> None:
    """JupyterLab puts a long notebook's cells on the page a few at a time, when the browser
    is idle. On a busy machine the last ones can come seconds later; until then "Run All" runs
    cells that cannot be checked, and "the last cell" is not the notebook's last (a 1-core run
    of the suite failed both ways). Wait until every cell is there."""
    page.wait_for_function(ALL_ATTACHED, arg=f"{NOTEBOOK} .jp-Cell", timeout=TIMEOUT_MS)


def run_all(page, ui: dict) -> None:
    """Clear every output, Run → Run All Cells, and wait until every cell has run."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # clear the saved outputs first, so a numbered prompt proves the cell ran in this session
    menu(page, ui, "edit", "clear_all")
    prompts = f"{NOTEBOOK} .jp-CodeCell .jp-InputPrompt"
    for attempt in range(3):  # "Run All Cells" does nothing while the session is still settling
        menu(page, ui, "run", "run_all")
        try:
            page.wait_for_function(
                "sel => [...document.querySelectorAll(sel)]"
                ".some(p => /\\[[\\d*]+\\]/.test(p.textContent))",
                arg=prompts, timeout=10_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    wait_all_ran(page)


def wait_all_ran(page) -> None:
    prompts = f"{NOTEBOOK} .jp-CodeCell .jp-InputPrompt"
    page.wait_for_function(
        "sel => { const p = [...document.querySelectorAll(sel)];"
        " return p.length > 0 && p.every(x => /\\[\\d+\\]/.test(x.textContent)); }",
        arg=prompts, timeout=TIMEOUT_MS)


def open_and_run_all(page, lab: Lab, relative: str) -> None:
    """Open a notebook in a workspace of its own (so the menu commands act on it) and run it."""
    name = relative.rsplit("/", 1)[-1]
    workspace = re.sub(r"\W", "-", relative)
    page.goto(f"{lab.url}/lab/workspaces/{workspace}/tree/{relative}?token={lab.token}")
    wait_until_open(page, name, lab.ui)
    run_all(page, lab.ui)


def errors_on_page(page) -> list[str]:
    return page.eval_on_selector_all(
        f"{NOTEBOOK} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], "
        f"{NOTEBOOK} .jp-RenderedText[data-mime-type='application/vnd.jupyter.error']",
        "nodes => nodes.map(n => n.textContent.slice(0, 300))")


def add_cell_and_run(page, source: str) -> str:
    """Append a code cell holding ``source`` to the open notebook, run it as a student would
    (Shift-Enter) and return the text of its outputs."""
    wait_all_attached(page)
    cells = page.locator(f"{NOTEBOOK} .jp-Cell")
    count = cells.count()
    cells.last.click()               # select the last cell (markdown or code)
    page.keyboard.press("Escape")    # command mode
    page.keyboard.press("b")         # insert a code cell below
    page.wait_for_function("([sel, n]) => document.querySelectorAll(sel).length > n",
                           arg=[f"{NOTEBOOK} .jp-Cell", count])
    added = cells.nth(count)
    added.locator(".cm-content").click()
    page.keyboard.insert_text(source)  # no key events: no auto-closed brackets or quotes
    page.keyboard.press("Shift+Enter")
    prompt = added.locator(".jp-InputPrompt")
    page.wait_for_function("el => /\\[\\d+\\]/.test(el.textContent)",
                           arg=prompt.element_handle())
    return added.locator(".jp-OutputArea").inner_text()


def question_box(page, prompt: str):
    """The answer widget whose prompt is ``prompt``: (question, text box, feedback line)."""
    question = page.locator(f"{NOTEBOOK} .crm-question", has_text=prompt).first
    question.wait_for()
    return question, question.locator("input[type='text']"), question.locator(".widget-html").last


def answer(page, question, box, feedback, typed: str, button: str) -> str:
    """Type ``typed`` into the box, click the Check button, return the new feedback text."""
    before = feedback.inner_text()
    box.fill(typed)
    box.press("Enter")
    question.get_by_role("button", name=button).click()
    page.wait_for_function("([el, old]) => el.textContent.trim() && el.textContent !== old",
                           arg=[feedback.element_handle(), before])
    return feedback.inner_text()
