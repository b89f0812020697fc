"""Build offline slide decks (``make slides``) and printable handouts (``make handouts``).

Every lesson in lessons/ becomes ``build/slides/<lesson>.slides.html``, a reveal.js deck made by
``jupyter nbconvert --to slides``, or ``build/handouts/<lesson>.html``, a static page with all
outputs. Neither loads anything from the internet: reveal.js, require.js, jQuery, MathJax, the
widget renderer (``@jupyter-widgets/html-manager``, which draws the saved widget state) and a
CJK font (Noto Sans SC, for the Chinese terms) are fetched once from the npm registry (a plain
HTTPS download, so npm itself is not needed; ``npm pack`` is the fallback) at pinned versions,
checked against their published SHA-512 integrity, and unpacked into a ``vendor/`` folder next
to the HTML files. Copy the whole output folder (HTML +
``vendor/``) to a USB stick and the decks open in any browser with no network.

A deck follows each cell's slideshow metadata (``tools/slide_metadata.py`` writes it into the
lessons; cells without it get the same rules at build time) and adds the speaker notes from
``docs/speaker_notes.yml`` (press ``S`` in the deck for the speaker view).

Usage:
    python tools/build_slides.py                   # decks for every lessons/*.ipynb
    python tools/build_slides.py --handouts        # static HTML handouts instead
    python tools/build_slides.py lessons/02_x.ipynb --out build/slides
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import html
import importlib.util
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "tools" / "slides" / "templates"
NOTES_FILE = ROOT / "docs" / "speaker_notes.yml"
CACHE = ROOT / "build" / "npm-packs"

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
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


planned_slide_types = _sibling("slide_metadata").planned_slide_types


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


def load_speaker_notes(path: Path = NOTES_FILE) -> dict[str, list[dict]]:
    """Speaker notes per lesson: ``{lesson stem: [{"at": text, "note": markdown}, ...]}``."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for lesson, entries in data.items():
        for entry in entries:
            if set(entry) != {"at", "note"}:
                raise BuildError(f"{path.name}: each note of {lesson} needs exactly 'at' (text "
                                 f"of the cell it follows) and 'note'; got {sorted(entry)}")
    return data


def find_anchor(notebook, text: str) -> int | None:
    """Index of the first markdown cell whose source contains ``text`` (case-insensitive)."""
    for k, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown" and text.casefold() in cell.source.casefold():
            return k
    return None


def prepare(notebook, notes: list[dict], name: str = "lesson"):
    """A copy of ``notebook`` ready for the deck: slide types filled in, notes cells added."""
    notebook = nbformat.from_dict(notebook)
    planned = planned_slide_types(notebook.cells)
    for cell, slide_type in zip(notebook.cells, planned, strict=True):
        cell.metadata.setdefault("slideshow", {}).setdefault("slide_type", slide_type)
    inserts = []
    for entry in notes:
        at = find_anchor(notebook, entry["at"])
        if at is None:
            raise BuildError(f"docs/speaker_notes.yml: no markdown cell of {name} contains "
                             f"{entry['at']!r}; update the note's 'at' text.")
        inserts.append((at, entry["note"]))
    for k, (at, note) in sorted(enumerate(inserts), key=lambda item: item[1][0], reverse=True):
        cell = nbformat.v4.new_markdown_cell(note, metadata={"slideshow": {"slide_type": "notes"}})
        cell["id"] = f"speaker-note-{k}"  # stable, so the same lesson gives the same deck
        notebook.cells.insert(at + 1, cell)  # right after its anchor: on the same slide
    return notebook


def build(lessons: list[Path], out: Path, *, handouts: bool = False) -> list[Path]:
    """Write one deck (or handout) per lesson into ``out``; returns the HTML paths."""
    if not lessons:
        raise BuildError("no lessons to build: lessons/*.ipynb is empty")
    out.mkdir(parents=True, exist_ok=True)
    packages = [p for p in PACKAGES if not (handouts and p == "reveal.js")]
    vendor(out / "vendor", packages)
    notes = load_speaker_notes()
    fmt = "html" if handouts else "slides"
    exporter = "HTMLExporter" if handouts else "SlidesExporter"
    options = [f"--{exporter}.{key}={value}" for key, value in URLS.items()
               if not (handouts and key == "reveal_url_prefix")]
    if not handouts:
        options += ["--SlidesExporter.reveal_theme=white", "--SlidesExporter.reveal_scroll=True",
                    "--SlidesExporter.reveal_number=c/t", "--no-prompt"]
    with tempfile.TemporaryDirectory() as tmp:
        sources = []
        for lesson in lessons:
            notebook = nbformat.read(lesson, as_version=4)
            if not handouts:
                notebook = prepare(notebook, notes.get(lesson.stem, []), lesson.name)
            source = Path(tmp) / lesson.name
            nbformat.write(notebook, source)
            sources.append(source)
        command = [sys.executable, "-m", "jupyter", "nbconvert", "--to", fmt,
                   f"--TemplateExporter.extra_template_basedirs={TEMPLATES}",
                   "--template", "crm_handout" if handouts else "crm_reveal",
                   *options, "--output-dir", str(out), *map(str, sources)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise BuildError(f"nbconvert failed:\n{done.stderr[-3000:]}")
    suffix = ".html" if handouts else ".slides.html"
    written = [out / f"{lesson.stem}{suffix}" for lesson in lessons]
    write_index(out, written, "Handouts" if handouts else "Slide decks")
    return written


def write_index(out: Path, pages: list[Path], title: str) -> Path:
    """An ``index.html`` linking every page, so the folder opens with one click."""
    items = "\n".join(f'<li><a href="{p.name}">{html.escape(p.name.split(".")[0])}</a></li>'
                      for p in pages)
    index = out / "index.html"
    index.write_text(f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
                     f"<title>CRM Course Kit: {title}</title></head>\n<body>"
                     f"<h1>CRM Course Kit: {title}</h1>\n<ul>\n{items}\n</ul>\n"
                     f"<p>Works offline: keep this folder and its vendor/ subfolder together. "
                     f"In a deck, press S for the speaker view (notes), F for full screen, "
                     f"Esc for an overview.</p></body></html>\n", encoding="utf-8")
    return index


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lessons", nargs="*", type=Path,
                        help="lesson notebooks (default: every lessons/*.ipynb)")
    parser.add_argument("--handouts", action="store_true", help="static HTML instead of decks")
    parser.add_argument("--out", type=Path, help="output folder (default build/slides or "
                                                 "build/handouts)")
    args = parser.parse_args(argv)
    lessons = args.lessons or sorted((ROOT / "lessons").glob("*.ipynb"))
    out = args.out or ROOT / "build" / ("handouts" if args.handouts else "slides")
    try:
        written = build(lessons, out, handouts=args.handouts)
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    print(f"open {out / 'index.html'} in a browser; it works offline "
          f"(copy the folder with its vendor/ subfolder).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
