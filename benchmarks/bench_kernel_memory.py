"""Memory of a student's kernel, notebook by notebook: the basis of the hub's memory limits.

Runs every lesson and exercise notebook top to bottom in its own fresh kernel (the venv's
python3, in the notebook's folder, as on the hub) and prints the kernel's resident memory (RSS,
from /proc) when the notebook has finished, and its peak. docs/classroom.md sizes a student's
server from these and from tests/tooling/test_hub.py. Linux only (/proc).

Run: .venv/bin/python benchmarks/bench_kernel_memory.py
"""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def _status_mib(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise KeyError(field)


def run(path: Path) -> tuple[float, float, float]:
    """Seconds to run ``path``, and its kernel's RSS at the end and at its peak, in MiB."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    started = time.perf_counter()
    with client.setup_kernel():
        for index, cell in enumerate(notebook.cells):
            client.execute_cell(cell, index)
        pid = client.km.provisioner.process.pid
        return (time.perf_counter() - started, _status_mib(pid, "VmRSS"),
                _status_mib(pid, "VmHWM"))


def main() -> None:
    notebooks = sorted((ROOT / "lessons").glob("*.ipynb")) + sorted(
        (ROOT / "exercises").glob("*.ipynb"))
    print(f"{'notebook':<58} {'time':>6} {'RSS end':>8} {'peak':>6}")
    peaks = []
    for path in notebooks:
        seconds, end, peak = run(path)
        peaks.append(peak)
        name = str(path.relative_to(ROOT))
        print(f"{name:<58} {seconds:>5.1f}s {end:>5.0f} MiB {peak:>4.0f} MiB")
    print(f"largest kernel: {max(peaks):.0f} MiB at its peak")


if __name__ == "__main__":
    main()
