"""Shared test helpers for the CRM Course Kit."""

import os
import re
import shutil
import sys
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

# Plots are drawn headless in every test (set before any test imports matplotlib).
os.environ.setdefault("MPLBACKEND", "Agg")

ROOT = Path(__file__).resolve().parents[1]


# Tests are organised by kind: library/ (crmlib's functions), exercises/ (checks and feedback),
# notebooks/ (lessons, solutions and generated exercises), tooling/ (instructor tools, packaging,
# the browser). Tooling tests build or start things and are all marked slow; `make test-fast`
# leaves them out.
SLOW_FOLDERS = {"tooling"}


# How `make test` shares the tests between its workers (pytest-xdist, `--dist loadscope
# --no-loadscope-reorder`, with the scheduler below). A group runs on one worker, in order: a
# notebook's cells (nbval: one kernel) and each tooling file (its module fixtures start a hub,
# build decks, make a venv). The deck walks are two groups, one a language, so two workers
# present decks at once. Library and exercise tests have no group: they go one by one to
# whichever worker is free. The longest groups are handed out first (measured with
# --durations), so the workers finish together. (Groups are named from node ids: xdist's own
# `xdist_group` mark does not reach its scheduler under pytest 9, which no longer lets a plugin
# rename a node id.)
UNGROUPED = ("tests/library/", "tests/exercises/")
LONGEST_FIRST = [
    "tests/tooling/test_hub.py", "decks-zh", "decks-en", "tests/tooling/test_browser.py",
    "tests/tooling/test_nbgrader.py", "tests/tooling/test_grade.py",
    "tests/tooling/test_browser_zh.py", "tests/tooling/test_slides.py",
    "tests/notebooks/test_notebooks.py", "tests/tooling/test_variants.py",
]


def run_group(nodeid: str) -> str | None:
    """The group a test runs in (``None``: on its own), from its node id."""
    path, _, name = nodeid.partition("::")
    if path.startswith(UNGROUPED):
        return None
    if path == "tests/tooling/test_decks.py" and ("[" in name or "chinese_deck" in name):
        chinese = ".zh]" in name or "[zh]" in name or "chinese_deck" in name
        return "decks-zh" if chinese else "decks-en"
    return path


@pytest.hookimpl(optionalhook=True)   # known only where pytest-xdist is loaded
def pytest_xdist_make_scheduler(config, log):
    if config.getoption("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class KitScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return run_group(nodeid) or nodeid

    return KitScheduling(config, log)


def pytest_collection_modifyitems(config, items):
    for item in items:
        parts = Path(str(item.path)).resolve().relative_to(ROOT).parts
        if parts[:1] == ("tests",) and len(parts) > 2 and parts[1] in SLOW_FOLDERS:
            item.add_marker(pytest.mark.slow)

    def rank(item) -> int:
        group = run_group(item.nodeid)
        return LONGEST_FIRST.index(group) if group in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)   # stable: the others keep their order


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(autouse=True)
def _close_figures():
    """Close every matplotlib figure a test opened (only if the test used matplotlib)."""
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


@pytest.fixture
def fake_data_folder(monkeypatch, tmp_path):
    """Make the dataset loaders read their files from ``tmp_path`` (caches cleared around it)."""
    from crmlib.datasets import _files, clear_cache

    monkeypatch.setattr(_files, "_data_files", lambda: tmp_path)
    clear_cache()
    yield tmp_path
    clear_cache()


@pytest.fixture
def chinese():
    """Run a test with the kit in Chinese (``crm.set_language("zh")``), English again after."""
    from crmlib import i18n

    i18n.set_language("zh")
    yield
    i18n.set_language("en")


def assert_clear_error(call, error, words, label=""):
    """``call()`` raises ``error`` and its message contains every one of ``words``.

    The check behind the bad-input tables (tests/library/test_*bad_input*.py): each row is
    (label, call, exception type, words the message must contain).
    """
    with pytest.raises(error) as caught:
        call()
    message = str(caught.value)
    for word in words:
        assert word in message, f"{label}: {word!r} not in {message!r}"


def catalogue_raises(module, built: bool = False):
    """The ``raise`` statements of a crmlib module, for the tests that its errors read in the
    kit's language: the catalogue keys of those raised as ``raise X(_error("key", ...))`` and the
    line numbers of all the others (a literal message reads in English only).

    With ``built``, also the keys built at run time, as templates the test expands: an f-string
    key as its text (``"segment_without_{name}"``), any other expression in braces (``"{key}"``).
    """
    import ast

    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    keys, literal, templates = [], [], []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Raise) and node.exc):
            continue
        call = node.exc
        message = call.args[0] if isinstance(call, ast.Call) and len(call.args) == 1 else None
        if (isinstance(message, ast.Call) and getattr(message.func, "id", None) == "_error"
                and message.args):
            key = message.args[0]
            if isinstance(key, ast.Constant):
                keys.append(key.value)
            elif isinstance(key, ast.JoinedStr):
                templates.append(ast.unparse(key)[2:-1])
            else:
                templates.append(f"{{{ast.unparse(key)}}}")
        else:
            literal.append(node.lineno)
    return (keys, literal, templates) if built else (keys, literal)


def assert_errors_from_catalogue(module, prefix, at_least, built=(), extra=()):
    """Every error of a crmlib module reads in the kit's language: at least ``at_least`` raise
    statements, none with a literal message, the keys built at run time exactly the templates
    ``built``, and every key (with ``extra``, what the templates and helpers expand to) in each
    language's catalogue under ``prefix``."""
    from crmlib import i18n

    keys, literal, templates = catalogue_raises(module, built=True)
    assert len(keys) + len(templates) >= at_least
    assert literal == []
    assert templates == list(built)
    keys = [*keys, *extra]
    for language in i18n.LANGUAGES:
        assert [k for k in keys if f"{prefix}.{k}" not in i18n.catalogue(language)] == []


# --------------------------------------------------------------------------- exercises

# The exercise's own numbers (no student) and 30 students' numbers. `make test-fast` (the quick
# loop) sweeps the first 5 students (CRM_STUDENTS=5); `make test` and CI sweep all 30.
SWEEP = int(os.environ.get("CRM_STUDENTS", "30"))
STUDENTS = [None, *(f"2024{k:03d}" for k in range(SWEEP))]

_NUMBER = re.compile(r"[-+−]?\d[\d,]*(?:\.\d+)?")


def choices(spec):
    """The choice questions of an exercise spec."""
    from crmlib.exercises import Choice

    return [q for q in spec.questions if isinstance(q, Choice)]


def numerics(spec):
    """The numeric questions of an exercise spec."""
    from crmlib.exercises import Numeric

    return [q for q in spec.questions if isinstance(q, Numeric)]


def numbers_in(text: str) -> list[tuple[float, bool]]:
    """The numbers written in a text (``1,234``, ``−0.5``), each with whether it is written as
    a whole number (no decimal point)."""
    return [(float(m.replace(",", "").replace("−", "-")), "." not in m)
            for m in _NUMBER.findall(text)]


# --------------------------------------------------------------------------- instructor tooling


# A kernel on a loaded two-core machine (three test workers, decks executing lessons) can take
# over a minute to answer its first request: nbclient's default of 60 s failed a CI run. Every
# notebook a test executes starts its kernel through here.
KERNEL_STARTUP_SECONDS = 300


def execute_notebook(notebook, folder: Path, timeout: int = 300):
    """Run ``notebook`` (an nbformat node, changed in place) in a python3 kernel working in
    ``folder``; the notebook is returned."""
    from nbclient import NotebookClient

    NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                   startup_timeout=KERNEL_STARTUP_SECONDS,
                   resources={"metadata": {"path": str(folder)}}).execute()
    return notebook


def load_tool(name: str):
    """Import ``tools/<name>.py`` as a module (tools/ holds scripts, not a package)."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


BROWSER_SKIP_PREFIX = "BROWSER TEST SKIPPED"
# Debian's chromium, driven by playwright (never `playwright install`). CRM_CHROMIUM names
# another binary ("" = pretend there is none: tests the skip banner).
CHROMIUM = os.environ.get("CRM_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM = CHROMIUM if CHROMIUM and Path(CHROMIUM).is_file() else None
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


def skip_without_browser():
    """Skip the calling test module (loudly, see pytest_terminal_summary) without chromium or
    playwright; returns playwright's ``sync_playwright``."""
    what = "JupyterLab and the slide decks were NOT checked in a browser"
    if CHROMIUM is None:
        pytest.skip(f"{BROWSER_SKIP_PREFIX}: Debian's chromium is not installed "
                    f"(apt-get install -y chromium); {what}", allow_module_level=True)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - depends on the machine
        pytest.skip(f"{BROWSER_SKIP_PREFIX}: the playwright package is missing (pip install -e "
                    f"'.[test]'); {what}", allow_module_level=True)
    return sync_playwright


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, headless, for one test module (which calls skip_without_browser)."""
    sync_playwright = skip_without_browser()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
_LOUD_SKIPS = {
    BROWSER_SKIP_PREFIX: "CI installs chromium in .ci/run; on this machine run: "
                         "apt-get install -y chromium",
}


def pytest_terminal_summary(terminalreporter):
    """Say loudly when the browser tests could not run (no chromium)."""
    reasons = set()
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = getattr(report, "longrepr", None)
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr or "")
        for prefix in _LOUD_SKIPS:
            if prefix in reason:
                reasons.add((prefix, reason.split(prefix, 1)[1].lstrip(": ")))
    for prefix, reason in sorted(reasons):
        terminalreporter.write_sep("!", prefix, red=True, bold=True)
        terminalreporter.write_line(f"{prefix}: {reason}", red=True, bold=True)
        terminalreporter.write_line(_LOUD_SKIPS[prefix], red=True, bold=True)


# --------------------------------------------------------------------------- offline pages

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


# Code, maths, URLs, notebook links and HTML tags are not prose: the Chinese edition's texts are
# measured on what is left (tests/notebooks/test_parity.py, tests/tooling/test_instructor_guide.py).
_NOT_PROSE = [re.compile(p, re.S) for p in (r"```.*?```", r"`[^`]*`", r"\$\$.*?\$\$",
                                            r"\$[^$]*\$", r"https?://\S+",
                                            r"\([^()]*\.ipynb[^()]*\)", r"<[^>]+>")]


def cjk_letters(text: str) -> tuple[int, int]:
    """(CJK characters, all letters) in the prose of a markdown text."""
    for pattern in _NOT_PROSE:
        text = pattern.sub(" ", text)
    letters = [ch for ch in text if unicodedata.category(ch).startswith("L")]
    cjk = [ch for ch in letters if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"]
    return len(cjk), len(letters)


def assert_correct(ex, expected):
    """Every answer in ``expected`` (question name -> answer) is marked correct."""
    for name, value in expected.items():
        feedback = ex.check(name, value)
        assert feedback.correct, (name, value, feedback)


def assert_hint(ex, name, answer, words):
    """``answer`` is marked incorrect and the feedback says ``words``."""
    feedback = ex.check(name, answer)
    assert feedback.status == "incorrect", (name, answer, feedback)
    assert words in feedback.message, (name, answer, feedback.message)
