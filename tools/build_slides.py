"""Build offline slide decks (``make slides``) and printable handouts (``make handouts``).

Every lesson in lessons/ becomes ``build/slides/<lesson>.slides.html``, a reveal.js deck for a
lecture room, or ``build/handouts/<lesson>.html``, a static page with all outputs. Neither
loads anything from the internet: reveal.js, require.js, jQuery, MathJax, the widget renderer
(``@jupyter-widgets/html-manager``, which draws the saved widget state) and a CJK font (Noto
Sans SC, the decks' one font, Latin and Chinese) are fetched once from the npm registry (a
plain HTTPS download, so npm itself is not needed; ``npm pack`` is the fallback) at pinned
versions, checked against their published SHA-512 integrity, and unpacked into a ``vendor/``
folder next to the HTML files. Copy the whole output folder (HTML + ``vendor/``) to a USB stick
and the decks open in any browser with no network.

A deck is made for a 60-seat room, not cut from the notebook page by page:

1. The lesson is executed again in a kernel that draws figures for projection
   (``crmlib.plotting._base.use_projection_style``: larger text, lines and markers, labels
   moved apart) and shows DataFrames at most 12 rows by 7 columns. The executed copy is cached
   in ``build/deck-cache/`` (keyed by the lesson's code and crmlib), so a second build is fast.
2. ``tools/deck_layout.py`` cuts it into 1280 x 720 slides: every heading starts a slide, no
   code unless ``--code``, a paragraph shows its first sentence and gives the rest to the speaker
   notes, lists, tables, formulas, results, figures and widgets are shown whole, and whatever
   does not fit continues on the next slide.
3. The instructor's notes in ``docs/speaker_notes.yml`` (say, ask, expected answer) are put on
   the slide whose heading they name (press ``S`` in a deck for the speaker view).
4. nbconvert renders the deck with ``tools/slides/templates/crm_reveal`` (linear navigation:
   Right arrow and Space visit every slide in order).

Usage:
    python tools/build_slides.py                   # decks for every lesson (and lessons/zh/)
    python tools/build_slides.py --code            # the same with the code (build/slides-code)
    python tools/build_slides.py --handouts        # static HTML handouts instead
    python tools/build_slides.py lessons/02_x.ipynb --out build/slides
    python tools/build_slides.py --notes-skeleton lessons/06_x.ipynb   # notes to fill in
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import html
import importlib.util
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "tools" / "slides" / "templates"
NOTES_FILE = ROOT / "docs" / "speaker_notes.yml"
CACHE = ROOT / "build" / "npm-packs"
CACHE_EXECUTED = ROOT / "build" / "deck-cache"
KERNEL_STARTUP = 180   # seconds a kernel may take to answer (over 60 on a loaded machine)
KERNEL_ATTEMPTS = 2    # kernels started for one lesson before its build fails

# npm package -> (version, SHA-512 integrity as published by the registry, files to keep).
# reveal.js stays on 5.x: nbconvert 7's reveal template shows a blank page with reveal.js 6.
# MathJax stays on 2.7: nbconvert's template configures MathJax 2 (MathJax.Hub.Config).
PACKAGES = {
    "reveal.js": ("5.2.1", "sha512-r7//6mIM5p34hFiDMvYfXgyjXqGRta+/psd9YtytsgRlrpRzFv4RbH76TXd2qD+7ZPZEbpBDhdRhJaFgfQ7zNQ==",  # noqa: E501
                  ["dist/reveal.js", "dist/reveal.css", "dist/reset.css", "dist/theme/",
                   "plugin/notes/notes.js", "LICENSE"]),
    "requirejs": ("2.3.8", "sha512-7/cTSLOdYkNBNJcDMWf+luFvMriVm7eYxp4BcFCsAX0wF421Vyce5SXP17c+Jd5otXKGNehIonFlyQXSowL6Mw==",  # noqa: E501
                  ["require.js", "README.md"]),
    "jquery": ("3.7.1", "sha512-m4avr8yL8kmFN8psrbFFFmB/If14iN5o9nw/NgnnM+kybDJpRsAynV2BsfpTYrTRysYUdADVD7CkUUizgkpLfg==",  # noqa: E501
               ["dist/jquery.min.js", "LICENSE.txt"]),
    "mathjax": ("2.7.9", "sha512-NOGEDTIM9+MrsqnjPEjVGNx4q0GQxqm61yQwSK+/5S59i26wId5IC5gNu9/bu8+CCVl5p9G2IHcAl/wJa+5+BQ==",  # noqa: E501
                ["MathJax.js", "LICENSE", "config/", "extensions/", "localization/",
                 "jax/input/TeX/", "jax/element/", "jax/output/CommonHTML/",
                 "jax/output/PreviewHTML/", "jax/output/NativeMML/",
                 "fonts/HTML-CSS/TeX/woff/", "fonts/HTML-CSS/TeX/otf/"]),
    "@jupyter-widgets/html-manager": (
        "1.0.15", "sha512-5thBIV6ymNgmPVOHvzx+gGy8ZSKmSazhtGw4/c4xJDVzRhG9PTeQsRjF3FUTopvFi//SABeNz1yp47bCrJ3CQA==",  # noqa: E501
        ["dist/embed-amd.js", "dist/*.woff2", "dist/*.woff", "dist/*.ttf", "dist/*.eot",
         "dist/*.svg", "LICENSE"]),
    # The lessons give the Chinese term beside each concept: a CJK font travels with the decks,
    # so they do not depend on the room's computer having one. Only regular and bold, woff2;
    # the browser fetches just the unicode-range subsets a page uses.
    "@fontsource/noto-sans-sc": (
        "5.3.0", "sha512-HeqIlGm0+ohOKxZLuHj1qW6r6avHH0OWdKERAcSDI0RQ+MXrteuLKA+M+5eOA8rYy0MFvOR5AT0fQo2rUkye0Q==",  # noqa: E501
        ["400.css", "700.css", "files/*-400-normal.woff2", "files/*-700-normal.woff2", "LICENSE"]),
}
VENDOR_DIRS = {"reveal.js": "reveal.js", "requirejs": "requirejs", "jquery": "jquery",
               "mathjax": "mathjax", "@jupyter-widgets/html-manager": "html-manager",
               "@fontsource/noto-sans-sc": "noto-sans-sc"}
# The font's style sheets also name .woff fallbacks, which are not shipped (every browser that
# runs reveal.js 5 reads woff2): drop them so no request can fail.
_WOFF_FALLBACK = re.compile(r",\s*url\([^)]*\.woff\)\s*format\(['\"]woff['\"]\)")

# Where the decks find each library, relative to the HTML file.
URLS = {
    "reveal_url_prefix": "vendor/reveal.js",
    "require_js_url": "vendor/requirejs/require.js",
    "jquery_url": "vendor/jquery/dist/jquery.min.js",
    "mathjax_url": "vendor/mathjax/MathJax.js?config=TeX-AMS_CHTML-full,Safe",
    "widget_renderer_url": "vendor/html-manager/dist/embed-amd.js",
}


def _sibling(name: str):
    """Import tools/<name>.py (tools/ is a folder of scripts, not a package)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


layout = _sibling("deck_layout")
Progress = _sibling("progress").Progress


class BuildError(RuntimeError):
    """A step of the build failed; the message says which and what to do."""


# --------------------------------------------------------------------------- vendored assets


def _registry() -> str:
    """The npm registry to fetch from: $NPM_CONFIG_REGISTRY if set, else the public one."""
    return os.environ.get("NPM_CONFIG_REGISTRY", "https://registry.npmjs.org/").rstrip("/")


def _download(package: str, version: str, name: str, target: Path) -> None:
    """Fetch the tarball straight from the registry (no npm needed); fall back to `npm pack`."""
    basename = package.split("/")[-1]
    url = f"{_registry()}/{package}/-/{basename}-{version}.tgz"
    try:
        with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 (https only)
            target.write_bytes(response.read())
        return
    except OSError as error:
        failure = f"downloading {url} failed: {error}"
    npm = shutil.which("npm")
    if npm is None:
        raise BuildError(f"{failure}. Is the npm registry reachable from this machine?")
    done = subprocess.run([npm, "pack", f"{package}@{version}", "--silent",
                           "--pack-destination", str(target.parent)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0 or not (target.parent / name).exists():
        raise BuildError(f"{failure}; `npm pack {package}@{version}` failed too:\n"
                         f"{done.stderr.strip()[-1500:]}")
    os.replace(target.parent / name, target)


def _tarball(package: str, version: str, integrity: str) -> bytes:
    """The package's npm tarball (from the cache, else the registry), integrity-checked."""
    CACHE.mkdir(parents=True, exist_ok=True)
    name = f"{package.lstrip('@').replace('/', '-')}-{version}.tgz"
    path = CACHE / name
    if not path.exists():
        with tempfile.TemporaryDirectory(dir=CACHE) as tmp:  # parallel builds never see half a file
            _download(package, version, name, Path(tmp) / name)
            os.replace(Path(tmp) / name, path)
    data = path.read_bytes()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    if digest != integrity:
        path.unlink()
        raise BuildError(f"{name}: integrity {digest} does not match the pinned {integrity}; "
                         f"the cached file was removed, run the build again.")
    return data


def _wanted(relative: str, patterns: list[str]) -> bool:
    for pattern in patterns:
        if pattern.endswith("/") and relative.startswith(pattern):
            return True
        if "*" in pattern and Path(relative).match(pattern):
            return True
        if relative == pattern:
            return True
    return False


def vendor(dest: Path, packages=tuple(PACKAGES)) -> Path:
    """Unpack the pinned front-end libraries into ``dest`` (``.../vendor``); returns ``dest``."""
    stamp = dest / ".versions"
    wanted = "\n".join(f"{p}@{PACKAGES[p][0]}" for p in packages) + "\n"
    if stamp.exists() and stamp.read_text() == wanted:
        return dest
    if dest.exists():
        shutil.rmtree(dest)
    for package in packages:
        version, integrity, keep = PACKAGES[package]
        target = dest / VENDOR_DIRS[package]
        with tarfile.open(fileobj=io.BytesIO(_tarball(package, version, integrity))) as tar:
            for member in tar.getmembers():
                relative = member.name.split("/", 1)[1] if "/" in member.name else member.name
                if not member.isfile() or not _wanted(relative, keep):
                    continue
                out = target / relative
                out.parent.mkdir(parents=True, exist_ok=True)
                data = tar.extractfile(member).read()
                if relative.endswith(".css"):
                    data = _WOFF_FALLBACK.sub("", data.decode("utf-8")).encode("utf-8")
                out.write_bytes(data)
    stamp.write_text(wanted)
    return dest


# --------------------------------------------------------------------------- notebooks

#: Run first in the kernel that executes a lesson for its deck (and removed from the deck):
#: figures drawn for projection and measured, short DataFrames.
PROJECTION_SETUP = """\
import base64 as _base64
import io as _io

import matplotlib.pyplot as _plt
import pandas as _pd
from IPython import get_ipython as _get_ipython

from crmlib import i18n as _i18n
from crmlib.plotting import _base as _plot_base

_plot_base.use_projection_style()
_i18n.show_header_keys(False)  # Chinese headers without their code keys: room for wide tables
for _option, _value in {"display.max_rows": 12, "display.min_rows": 8,
                        "display.max_columns": 7, "display.max_colwidth": 40}.items():
    _pd.set_option(_option, _value)
_plt.close(_plt.figure())  # loads the inline backend now, so it cannot replace the formatter


def _deck_png(figure):
    measured = _plot_base.figure_for_projection(figure)
    buffer = _io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight", facecolor="white")
    return _base64.b64encode(buffer.getvalue()).decode(), measured


_ = _get_ipython().display_formatter.formatters["image/png"].for_type(_plt.Figure, _deck_png)
"""
SETUP_ID = "deck-projection-setup"
CACHE_VERSION = "2"


def load_speaker_notes(path: Path = NOTES_FILE) -> dict[str, list[dict]]:
    """Instructor's notes per lesson: ``{lesson stem: [{"at", "say", "ask", "answer"}, ...]}``.

    ``at`` names the slide (text of its heading); ``say`` is what to tell the room, ``ask`` the
    question to put to it, ``answer`` the answer to expect. A free-form ``note`` may be added
    (a tip); an entry needs ``at`` and either all three of say/ask/answer or a ``note``.
    """
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    allowed = {"at", "say", "ask", "answer", "note"}
    for lesson, entries in data.items():
        for entry in entries or []:
            keys = set(entry)
            complete = {"say", "ask", "answer"} <= keys or "note" in keys
            if "at" not in keys or not complete or keys - allowed:
                raise BuildError(f"{path.name}: a note of {lesson} needs 'at' (the slide's "
                                 f"heading) and 'say', 'ask', 'answer' (or a 'note'); got "
                                 f"{sorted(keys)}")
    return data


def find_anchor(notebook, text: str) -> int | None:
    """Index of the first markdown cell whose source contains ``text`` (case-insensitive)."""
    for k, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown" and text.casefold() in cell.source.casefold():
            return k
    return None


def source_key(lesson: Path) -> str:
    """What decides a lesson's executed deck copy: its code cells (and where the text cells
    are), crmlib with its data, fonts and texts, the set-up; not the prose, not the outputs."""
    digest = hashlib.sha256(f"{CACHE_VERSION}\n{PROJECTION_SETUP}".encode())
    notebook = nbformat.read(lesson, as_version=4)
    for cell in notebook.cells:
        digest.update(cell.cell_type.encode() + b"\0")
        if cell.cell_type == "code":
            digest.update(cell.source.encode() + b"\0")
    files = [*(ROOT / "crmlib").rglob("*"), *(ROOT / "datasets").glob("*")]
    for path in sorted(f for f in files if f.is_file() and "__pycache__" not in f.parts):
        digest.update(path.relative_to(ROOT).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:20]


def _with_current_text(executed, lesson: Path):
    """The cached execution with the lesson's text cells as they are now (an edit to the prose
    needs no new execution: the key covers the code and the cell order only)."""
    current = nbformat.read(lesson, as_version=4)
    for old, new in zip(executed.cells, current.cells, strict=True):
        if new.cell_type != "code":
            old.source, old.metadata = new.source, new.metadata
    return executed


def _kernel_never_started(error: BaseException) -> bool:
    """Whether ``error`` is a kernel that did not answer its first request (jupyter_client's
    wording): no cell ran, so starting again is safe."""
    return isinstance(error, RuntimeError) and str(error).startswith(
        ("Kernel didn't respond", "Kernel died before replying"))


def _on_local_sockets(folder: str):
    """Kernel settings: talk over local sockets in ``folder``, not TCP ports. Kernels starting
    at once on one machine (two lessons of a build, other builds or tests) can pick the same
    free TCP port and one of them is lost, as the classroom hub found (its
    deploy/jupyterhub_config.py uses local sockets for that reason). A short folder keeps each
    socket's path under its 108-byte limit. Where ZeroMQ has no local sockets (Windows builds
    of it may not), TCP it is."""
    import zmq
    from traitlets.config import Config

    if not zmq.has("ipc"):
        return Config()
    return Config({"KernelManager": {"transport": "ipc",
                                     "connection_file": os.path.join(folder, "kernel.json")}})


def execute_for_projection(lesson: Path, *, cache: Path | None = CACHE_EXECUTED):
    """The lesson executed with figures drawn for projection (see PROJECTION_SETUP); cached."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    cached = None
    if cache is not None:
        cached = cache / f"{deck_name(lesson)}-{source_key(lesson)}.ipynb"
        if cached.exists():
            return _with_current_text(nbformat.read(cached, as_version=4), lesson)
    # figures must reach the notebook through the inline backend, also when the caller runs
    # with MPLBACKEND=Agg (the test suite does): a kernel inherits the environment
    env = {**os.environ, "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    for attempt in range(1, KERNEL_ATTEMPTS + 1):
        notebook = nbformat.read(lesson, as_version=4)
        setup = nbformat.v4.new_code_cell(PROJECTION_SETUP)
        setup["id"] = SETUP_ID
        notebook.cells.insert(0, setup)
        # iopub_timeout: on a busy machine a figure can reach the client after the cell's
        # reply; wait for it rather than lose it (and fail loudly if it never comes)
        sockets = tempfile.TemporaryDirectory(prefix="crm-kernel-")
        client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                                resources={"metadata": {"path": str(lesson.parent)}},
                                record_timing=False, store_widget_state=True, iopub_timeout=60,
                                raise_on_iopub_timeout=True, startup_timeout=KERNEL_STARTUP,
                                config=_on_local_sockets(sockets.name))
        try:
            # the kernel's own log would break up the progress lines; a failing cell is
            # reported with its traceback all the same
            with sockets:
                client.execute(stderr=subprocess.DEVNULL, env=env)
            break
        except (CellExecutionError, TimeoutError, RuntimeError) as error:
            if _kernel_never_started(error) and attempt < KERNEL_ATTEMPTS:
                continue   # a new kernel
            raise BuildError(f"{lesson.name} failed when executed for its deck:\n"
                             f"{str(error)[-2000:]}") from None
    notebook.cells.pop(0)
    _check_outputs(lesson, notebook)
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        for old in cached.parent.glob(f"{deck_name(lesson)}-*.ipynb"):
            old.unlink(missing_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=cached.parent, suffix=".tmp", delete=False,
                                         encoding="utf-8") as handle:
            handle.write(nbformat.writes(notebook))
        os.replace(handle.name, cached)   # another build reading the cache never sees half
    return notebook


def _check_outputs(lesson: Path, executed) -> None:
    """Every figure and widget of the lesson is in the executed copy too."""
    def shown(cell):
        kinds = [mime for output in cell.get("outputs", []) for mime in output.get("data", {})]
        return sum(mime.startswith("image/") or mime == layout.WIDGET_MIME for mime in kinds)

    original = nbformat.read(lesson, as_version=4)
    for k, (old, new) in enumerate(zip(original.cells, executed.cells, strict=True)):
        if old.cell_type == "code" and shown(new) < shown(old):
            raise BuildError(f"{lesson.name}, cell {k}: its figure or widget is missing when "
                             f"executed for the deck ({shown(new)} of {shown(old)}); run the "
                             f"build again, or run the lesson to see why.")


def default_lessons() -> list[Path]:
    """Every lesson: lessons/*.ipynb, then the Chinese edition, lessons/zh/*.ipynb."""
    return sorted((ROOT / "lessons").glob("*.ipynb")) + \
        sorted((ROOT / "lessons" / "zh").glob("*.ipynb"))


def is_chinese(lesson: Path) -> bool:
    return Path(lesson).parent.name == "zh"


def deck_name(lesson: Path) -> str:
    """The deck's file name without ``.slides.html``: the lesson's name, ``.zh`` added for the
    Chinese edition (its decks live in the same folder, next to the same vendor/)."""
    return f"{lesson.stem}.zh" if is_chinese(lesson) else lesson.stem


def notes_file(lesson: Path) -> Path:
    """docs/speaker_notes.yml, or docs/zh/speaker_notes.yml for the Chinese edition."""
    return ROOT / "docs" / "zh" / "speaker_notes.yml" if is_chinese(lesson) else NOTES_FILE


def notes_for(lesson: Path, notes: dict | None = None) -> list[dict]:
    """The instructor's notes of one lesson (from its notes file unless ``notes`` is given)."""
    notes = load_speaker_notes(notes_file(lesson)) if notes is None else notes
    return notes.get(lesson.stem, []) or []


def prepare(notebook, notes: list[dict], name: str = "lesson", *, code: bool = False,
            notes_path: Path = NOTES_FILE):
    """The deck notebook for an executed lesson: slides planned, instructor's notes attached.

    Raises BuildError when a note's ``at`` matches no slide."""
    slides = layout.plan_slides(layout.lesson_blocks(notebook, code=code), code=code)
    attached, lost = layout.match_notes(slides, notes)
    if lost:
        shown = notes_path.relative_to(ROOT) if notes_path.is_relative_to(ROOT) else notes_path
        raise BuildError(f"{shown}: no slide of {name} has a heading containing "
                         f"{lost[0]!r}; update the note's 'at' text.")
    return layout.deck_notebook(notebook, slides, attached, code=code)


def _exporter(handouts: bool, language: str = "en"):
    from nbconvert import HTMLExporter, SlidesExporter
    from traitlets.config import Config

    config = Config()
    config.TemplateExporter.extra_template_basedirs = [str(TEMPLATES)]
    config.TemplateExporter.exclude_input_prompt = True
    config.TemplateExporter.exclude_output_prompt = True
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_input_tags = {layout.NO_INPUT_TAG}
    config.TemplateExporter.language_code = language
    cls = HTMLExporter if handouts else SlidesExporter
    if not handouts:   # reveal's "white" theme loads only its own (vendored) font files
        config.SlidesExporter.reveal_theme = "white"
    for key, value in URLS.items():
        if not (handouts and key == "reveal_url_prefix"):
            setattr(config[cls.__name__], key, value)
    return cls(config=config, template_name="crm_handout" if handouts else "crm_reveal")


def _resources(stem: str) -> dict:
    return {"metadata": {"name": stem},
            "crm_css_variables": layout.css_variables(),
            "crm_math_scale": round(100 * layout.LAYOUT["math_scale"]),
            "crm_script_min": layout.SCRIPT_MIN_EM,
            "crm_width": layout.LAYOUT["width"], "crm_height": layout.LAYOUT["height"],
            "crm_min_text": layout.LAYOUT["min_text"],
            "crm_content_width": layout.CONTENT_WIDTH,
            "crm_widget_result_width": layout.LAYOUT["widget_result_width"]}


def build(lessons: list[Path], out: Path, *, handouts: bool = False, code: bool = False,
          cache: Path | None = CACHE_EXECUTED, jobs: int = 1, quiet: bool = False) -> list[Path]:
    """Write one deck (or handout) per lesson into ``out``; returns the HTML paths."""
    if not lessons:
        raise BuildError("no lessons to build: lessons/*.ipynb is empty")
    out.mkdir(parents=True, exist_ok=True)
    packages = [p for p in PACKAGES if not (handouts and p == "reveal.js")]
    vendor(out / "vendor", packages)
    notes = {path: load_speaker_notes(path) for path in {notes_file(p) for p in lessons}}
    progress = Progress(len(lessons), "handouts" if handouts else "decks", quiet=quiet)
    suffix = ".html" if handouts else ".slides.html"

    def one(lesson: Path) -> tuple[Path, str]:
        if handouts:
            notebook = nbformat.read(lesson, as_version=4)
            detail = ""
        else:
            executed = execute_for_projection(lesson, cache=cache)
            notebook = prepare(executed, notes_for(lesson, notes[notes_file(lesson)]),
                               lesson.name, code=code, notes_path=notes_file(lesson))
            slides = sum(1 for c in notebook.cells
                         if c.metadata.get("slideshow", {}).get("slide_type") in
                         ("slide", "subslide"))
            detail = f"{slides} slides"
        # an exporter per lesson: nbconvert's exporters keep per-call state (not thread-safe)
        exporter = _exporter(handouts, "zh" if is_chinese(lesson) else "en")
        body, _ = exporter.from_notebook_node(notebook, resources=_resources(deck_name(lesson)))
        page = out / f"{deck_name(lesson)}{suffix}"
        page.write_text(body, encoding="utf-8")
        return page, detail

    written = []
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(one, lesson): lesson for lesson in lessons}
        for future in as_completed(futures):
            page, detail = future.result()
            progress.step(deck_name(futures[future]), detail)
            written.append(page)
    order = [f"{deck_name(lesson)}{suffix}" for lesson in lessons]
    written.sort(key=lambda p: order.index(p.name))
    # the index lists every deck in the folder, also those of an earlier build
    write_index(out, sorted(out.glob(f"*{suffix}")), "Handouts" if handouts else "Slide decks")
    return written


def notes_skeleton(lesson: Path) -> str:
    """A docs/speaker_notes.yml block with one entry per slide heading of ``lesson``."""
    notebook = nbformat.read(lesson, as_version=4)
    lines = [f"{lesson.stem}:"]
    for block in layout.lesson_blocks(notebook):
        if block.kind == "heading" and block.level <= 3:
            lines += [f"  - at: {json.dumps(block.source)}",
                      "    say: TODO what to tell the room",
                      "    ask: TODO the question to put to the room",
                      "    answer: TODO the answer to expect"]
    return "\n".join(lines) + "\n"


def write_index(out: Path, pages: list[Path], title: str) -> Path:
    """An ``index.html`` linking every page, so the folder opens with one click."""
    items = "\n".join(f'<li><a href="{p.name}">{html.escape(p.name.split(".")[0])}</a></li>'
                      for p in pages)
    index = out / "index.html"
    index.write_text(f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
                     f"<title>CRM Course Kit: {title}</title></head>\n<body>"
                     f"<h1>CRM Course Kit: {title}</h1>\n<ul>\n{items}\n</ul>\n"
                     f"<p>Works offline: keep this folder and its vendor/ subfolder together. "
                     f"In a deck, Right arrow or Space goes to the next slide (every slide, "
                     f"in order), Left to the previous one; press S for the speaker view "
                     f"(notes), F for full screen, Esc for an overview.</p></body></html>\n",
                     encoding="utf-8")
    return index


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lessons", nargs="*", type=Path,
                        help="lesson notebooks (default: every lessons/*.ipynb)")
    parser.add_argument("--handouts", action="store_true", help="static HTML instead of decks")
    parser.add_argument("--code", action="store_true",
                        help="show the code cells (for a programming class); default: none")
    parser.add_argument("--out", type=Path, help="output folder (default build/slides, "
                                                 "build/slides-code or build/handouts)")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1),
                        help="lessons executed at the same time (default 2)")
    parser.add_argument("--no-cache", action="store_true",
                        help="execute every lesson again (ignore build/deck-cache)")
    parser.add_argument("--notes-skeleton", action="store_true",
                        help="print speaker-note entries to fill in for the given lessons")
    args = parser.parse_args(argv)
    lessons = args.lessons or default_lessons()
    if args.notes_skeleton:
        for lesson in lessons:
            print(notes_skeleton(lesson))
        return 0
    folder = "handouts" if args.handouts else "slides-code" if args.code else "slides"
    out = args.out or ROOT / "build" / folder
    try:
        written = build(lessons, out, handouts=args.handouts, code=args.code, jobs=args.jobs,
                        cache=None if args.no_cache else CACHE_EXECUTED)
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    shown = out.relative_to(ROOT) if out.is_relative_to(ROOT) else out
    kind = "handout" if args.handouts else "deck"
    print(f"wrote {len(written)} {kind}{'s' if len(written) != 1 else ''} into {shown}/; "
          f"open {shown}/index.html in a browser. It works offline (copy the folder with its "
          f"vendor/ subfolder).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
