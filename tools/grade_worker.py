"""Run one submitted notebook for the grader (tools/grade.py); not meant to be run by hand.

Started as ``python tools/grade_worker.py JOB.json RESULT.json`` in a fresh temporary folder by
``grade.run_sandboxed``. It limits its own address space (the kernel inherits the limit), starts
a kernel with the job's environment (its own HOME and working folder), adds a first cell that
makes the kernel write the notebook's recorded answers to a file after every cell, and executes
the student's cells one by one: a cell that raises is noted and the next one runs; a cell that
runs past its time is interrupted (and the notebook stopped if the kernel ignores the
interrupt); outputs other than errors are thrown away, so a cell that prints for ever fills no
memory. What happened goes to RESULT.json; the answers are in the file the kernel wrote.

It imports only nbformat and nbclient, so starting it costs little.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import run_sync

# Seconds a submission's kernel may take to answer its first request. On a loaded machine (many
# submissions graded at once) this can pass a minute; it does not count against the notebook's
# time limit, which starts when the kernel is ready.
KERNEL_STARTUP = 180


class _ErrorsOnly(NotebookClient):
    """A notebook client that keeps error outputs only."""

    def output(self, outs, msg, display_id, cell_index):
        if msg["msg_type"] == "error":
            return super().output(outs, msg, display_id, cell_index)
        return None


def _first_line(source: str) -> str:
    line = next((ln.strip() for ln in source.splitlines() if ln.strip()), "")
    return line if len(line) <= 40 else line[:37] + "..."


def _responsive(client, seconds: float = 5.0) -> bool:
    """Whether the kernel answers a request within ``seconds`` (after an interrupt)."""
    try:
        run_sync(client.kc.kernel_info)(reply=True, timeout=seconds)
    except Exception:   # noqa: BLE001 - no reply in time
        return False
    return True


def run(job: dict) -> dict:
    """Execute the job's notebook cell by cell; return what happened (never raises on the
    notebook's content)."""
    if job.get("memory_limit"):
        limit = int(job["memory_limit"])
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    events: list[dict] = []
    result = {"events": events, "ran": False}
    try:
        notebook = nbformat.read(job["notebook"], as_version=4)
        cells = list(notebook.cells)
    except Exception as error:   # noqa: BLE001 - a malformed file is the student's problem
        result["unreadable"] = f"{type(error).__name__}: {str(error)[:200]}"
        return result
    for cell in cells:
        if cell.get("cell_type") == "code":
            cell.outputs, cell.execution_count = [], None
            tags = cell.get("metadata", {}).get("tags", [])
            cell.setdefault("metadata", {})["tags"] = [t for t in tags if t != "skip-execution"]
    setup = nbformat.v4.new_code_cell(
        "from crmlib.exercises._marking import record_answers_to\n"
        f"record_answers_to({job['answers']!r})")
    notebook.cells = [setup, *cells]
    client = _ErrorsOnly(notebook, timeout=job["cell_timeout"], kernel_name="python3",
                         allow_errors=True, interrupt_on_timeout=False,
                         shutdown_kernel="immediate", iopub_timeout=10,
                         startup_timeout=KERNEL_STARTUP,
                         resources={"metadata": {"path": job["workdir"]}})
    with client.setup_kernel(env=job["env"]):
        Path(job["kernel_pid"]).write_text(str(client.km.provisioner.process.pid))
        deadline = time.monotonic() + job["notebook_timeout"]
        client.execute_cell(setup, 0)
        result["ran"] = True
        for index, cell in enumerate(cells, start=1):
            if cell.get("cell_type") != "code" or not cell.source.strip():
                continue
            where = f"{index} ({_first_line(cell.source)})"
            left = deadline - time.monotonic()
            if left <= 0:
                events.append({"kind": "notebook_timeout", "cell": where,
                               "seconds": job["notebook_timeout"]})
                break
            whole_cell = left >= job["cell_timeout"]
            client.timeout = job["cell_timeout"] if whole_cell else max(1, int(left))
            try:
                client.execute_cell(cell, index)
            except CellTimeoutError:
                if whole_cell:
                    events.append({"kind": "cell_timeout", "cell": where,
                                   "seconds": job["cell_timeout"]})
                else:
                    events.append({"kind": "notebook_timeout", "cell": where,
                                   "seconds": job["notebook_timeout"]})
                client.km.interrupt_kernel()
                if not whole_cell or not _responsive(client):
                    break     # out of time, or the cell ignores interrupts: answers so far count
                continue
            except DeadKernelError:
                events.append({"kind": "kernel_died", "cell": where})
                break
            errors = [o for o in cell.outputs if o.get("output_type") == "error"]
            if errors:
                events.append({"kind": "cell_error", "cell": where,
                               "error": f"{errors[0].get('ename', 'Error')}: "
                                        f"{str(errors[0].get('evalue', ''))[:120]}"})
    return result


def main(argv) -> int:
    job = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    result = run(job)
    Path(argv[1]).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
