"""Give every lesson cell slideshow metadata, so ``make slides`` makes a deck for the room.

The convention (JupyterLab: property inspector → Slide Type; the same metadata RISE reads):

* ``slide``     a markdown cell opening with a ``#`` or ``##`` heading: a new topic;
* ``subslide``  a ``###`` heading, or prose that follows a code cell's result (the next step
  of a worked example goes below, one idea per slide), or a plot after other output (a plot
  gets the screen to itself), or a widget or exercise answer box: it comes after its "predict
  first" question, so the room answers before the widget appears, and it gets the screen;
* ``fragment``  the cells of "Check your understanding" (one question at a time);
* ``skip``      set-up cells with no output (imports, settings): they are in the notebook,
  not on the screen;
* ``-``         everything else: stays on the current slide, below what is there.

Speaker notes (teaching tips, questions to ask) are kept in ``docs/speaker_notes.yml`` and
added to the decks as ``notes`` cells by ``tools/build_slides.py``; the lessons stay as the
students see them.

Only metadata is written: cell sources and outputs are untouched. A cell that already has a
slide type keeps it (an author's choice wins) unless ``--force``.

Usage:
    python tools/slide_metadata.py lessons/*.ipynb      # fill in missing slide types
    python tools/slide_metadata.py --check lessons      # exit 1 if a cell has none
    python tools/slide_metadata.py --force lessons/03_x.ipynb
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

SLIDE_TYPES = ("slide", "subslide", "fragment", "skip", "notes", "-")
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
_HEADING = re.compile(r"^\s*(#{1,6})\s+\S")
_SETUP = re.compile(r"^\s*(import |from \S+ import |%|plt\.rcParams|[A-Z_]+ = )")


def _heading_level(cell) -> int:
    match = _HEADING.match(cell.source) if cell.cell_type == "markdown" else None
    return len(match[1]) if match else 0


def _has(cell, kind: str) -> bool:
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if kind == "image" and any(mime.startswith("image/") for mime in data):
            return True
        if kind == "widget" and WIDGET_MIME in data:
            return True
        if kind == "any":
            return True
    return False


def _is_setup(cell) -> bool:
    lines = [line for line in cell.source.splitlines() if line.strip() and
             not line.strip().startswith("#")]
    return bool(lines) and not _has(cell, "any") and all(_SETUP.match(line) for line in lines)


def planned_slide_types(cells) -> list[str]:
    """The slide type the convention gives each cell (see the module docstring)."""
    planned = []
    previous = None
    in_check = False
    for cell in cells:
        level = _heading_level(cell)
        if level:
            in_check = "check your understanding" in cell.source.splitlines()[0].casefold()
        if cell.cell_type == "raw":
            kind = "skip"
        elif level in (1, 2):
            kind = "slide"
        elif level >= 3:
            kind = "subslide"
        elif cell.cell_type == "markdown":
            after_result = previous is not None and previous.cell_type == "code" and \
                _has(previous, "any")
            kind = "fragment" if in_check else "subslide" if after_result else "-"
        elif _is_setup(cell):
            kind = "skip"
        elif _has(cell, "widget"):
            kind = "subslide"
        elif _has(cell, "image") and previous is not None and previous.cell_type == "code" \
                and _has(previous, "any"):
            kind = "subslide"
        else:
            kind = "-"
        planned.append(kind)
        previous = cell
    return planned


def apply(notebook, *, force: bool = False) -> int:
    """Fill in slide types in place; returns how many cells changed."""
    changed = 0
    for cell, kind in zip(notebook.cells, planned_slide_types(notebook.cells), strict=True):
        show = cell.metadata.setdefault("slideshow", {})
        if force or show.get("slide_type") not in SLIDE_TYPES:
            if show.get("slide_type") != kind:
                show["slide_type"] = kind
                changed += 1
    return changed


def missing(notebook) -> list[int]:
    """Indexes of cells with no valid slide type."""
    return [k for k, cell in enumerate(notebook.cells)
            if cell.metadata.get("slideshow", {}).get("slide_type") not in SLIDE_TYPES]


def notebooks(args):
    for arg in args:
        path = Path(arg)
        yield from sorted(path.glob("*.ipynb")) if path.is_dir() else [path]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["lessons"])
    parser.add_argument("--check", action="store_true", help="exit 1 if a cell has no slide type")
    parser.add_argument("--force", action="store_true", help="re-plan every cell")
    args = parser.parse_args(argv)
    status = 0
    for path in notebooks(args.paths):
        text = path.read_text(encoding="utf-8")
        notebook = nbformat.reads(text, as_version=4)
        if args.check:
            gaps = missing(notebook)
            if gaps:
                print(f"{path}: cells {gaps} have no slide type; run tools/slide_metadata.py")
                status = 1
            continue
        changed = apply(notebook, force=args.force)
        if changed:
            path.write_text(nbformat.writes(notebook) + "\n", encoding="utf-8")
        print(f"{path}: {changed} cells given a slide type")
    return status


if __name__ == "__main__":
    sys.exit(main())
