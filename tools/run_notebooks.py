"""Execute notebooks in place so their committed outputs are fresh (lessons/, solutions/).

Each notebook runs in its own folder with this environment's Python kernel, exactly as nbval
runs it in the tests. Widget state is saved, so a viewer (or a slide deck) shows the widgets as
they were. A notebook whose cells raise is reported and left unchanged.

Usage: python tools/run_notebooks.py lessons solutions [more folders or .ipynb files]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def notebooks(args):
    for arg in args:
        path = Path(arg)
        yield from sorted(path.glob("*.ipynb")) if path.is_dir() else [path]


def execute(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},
                            record_timing=False, store_widget_state=True,
                            startup_timeout=300)
    client.execute()
    for k, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{k:03d}"
    path.write_text(nbformat.writes(notebook) + "\n", encoding="utf-8")


def main(argv) -> int:
    failed = []
    for path in notebooks(argv or ["lessons", "solutions"]):
        start = time.perf_counter()
        try:
            execute(path)
        except CellExecutionError as error:
            failed.append(path)
            print(f"FAILED {path}:\n{str(error)[-2000:]}")
            continue
        print(f"ran {path} in {time.perf_counter() - start:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
