"""The classroom hub under load: a class logs in at once, pulls the kit and runs lesson 02.

Starts the kit's own JupyterHub (deploy/jupyterhub_config.py, trial mode: test authenticator,
local-process spawner) on 127.0.0.1, with the proxy from PyPI. Then N students at once, each
through the REST API with their own token:

1. log in (the authenticator checks name and password and hands back the student's token),
2. start their server and wait until it is ready,
3. click the nbgitpuller link: the kit is cloned into their own home folder (a separate temporary
   folder per student) from a local bare git repository holding the kit's committed HEAD, so
   nothing leaves the machine (uncommitted edits are not in it),
4. open lessons/02_customer_lifetime_value.ipynb and its exercise notebook from that copy and
   execute every code cell over the kernel's websocket; any error output fails the test.

Nothing is mocked. The figures (time to ready, time per notebook, resident memory and CPU per
student server + kernels, read from /proc) are printed and written to build/hub/load_test.json;
docs/classroom.md sizes a class from them. N is 10; CRM_HUB_USERS=30 for a bigger class.
"""

import asyncio
import http.client
import json
import os
import re
import signal
import socket
import statistics
import struct
import subprocess
import sys
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

from conftest import ROOT

pytestmark = pytest.mark.slow

STUDENTS = int(os.environ.get("CRM_HUB_USERS", "10"))
PASSWORD = "class-password"  # the test authenticator takes any password
KIT_FOLDER = "crm-course-kit"  # where nbgitpuller puts the kit in a student's home
NOTEBOOKS = {
    "lesson": f"{KIT_FOLDER}/lessons/02_customer_lifetime_value.ipynb",
    "exercise": f"{KIT_FOLDER}/exercises/02_customer_lifetime_value_exercises.ipynb",
}
REQUEST_TIMEOUT = 300  # seconds; a class on a 2-core machine queues for the CPU
CELL_TIMEOUT = 300
REPORT = ROOT / "build" / "hub" / "load_test.json"


# --------------------------------------------------------------------------- processes (/proc)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environ(pid: int) -> dict[str, str]:
    try:
        raw = Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:  # gone, or not ours
        return {}
    pairs = (item.split(b"=", 1) for item in raw.split(b"\0") if b"=" in item)
    return {k.decode(errors="replace"): v.decode(errors="replace") for k, v in pairs}


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has exited


def _run_processes(marker: str) -> dict[int, dict[str, str]]:
    """Every live process of this hub run: its environment carries CRM_HUB_RUN=marker."""
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            env = _environ(int(entry.name))
            if env.get("CRM_HUB_RUN") == marker and _alive(int(entry.name)):
                found[int(entry.name)] = env
    return found


def _usage(pid: int) -> dict[str, float]:
    """Resident memory (RSS), proportional share (PSS, shared pages split), both in MiB, and CPU
    seconds used by the process and its finished children (git, for the server)."""
    usage = {"rss_mib": 0.0, "pss_mib": 0.0, "cpu_s": 0.0}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                usage["rss_mib"] = int(line.split()[1]) / 1024
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                usage["pss_mib"] = int(line.split()[1]) / 1024
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks = sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
        usage["cpu_s"] = ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        pass  # the process ended while being read
    return usage


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _stop_everything(hub: subprocess.Popen, marker: str) -> list[str]:
    """End the hub and every process it started (servers, kernels, proxy, services); return
    the ones that needed SIGKILL.

    Whatever is still there 20 s after the hub was asked to stop gets SIGTERM, then SIGKILL.
    """
    def wait(seconds: float, students_only: bool = False) -> set[int]:
        deadline = time.monotonic() + seconds
        while True:
            run = _run_processes(marker)
            if students_only:
                left = {pid for pid, env in run.items() if env.get("JUPYTERHUB_USER")}
            else:
                left = {pid for pid in set(run) | {hub.pid} if _alive(pid)}
            if not left or time.monotonic() > deadline:
                return left
            time.sleep(0.1)

    def send(pids, sig) -> None:
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass

    # The student servers first (each shuts its own kernels down; a kernel ended from outside
    # is restarted by its server), then the hub, which stops its services and the proxy.
    # (Asked to stop a server itself, the hub sends SIGINT and waits several seconds for it.)
    send([pid for pid, env in _run_processes(marker).items()
          if env.get("JUPYTERHUB_USER") and "ipykernel" not in _command(pid)], signal.SIGTERM)
    wait(15, students_only=True)
    send([hub.pid], signal.SIGTERM)
    left = wait(20)
    send(left, signal.SIGTERM)
    left = wait(5)
    killed = [_command(pid) for pid in left]
    send(left, signal.SIGKILL)
    hub.wait(timeout=10)
    return killed


# --------------------------------------------------------------------------- the hub


class Hub:
    def __init__(self, url: str, repo: str, marker: str, state: Path, students: list[str]):
        self.url, self.repo, self.marker, self.students = url, repo, marker, students
        self.log = state.parent / "jupyterhub.log"
        self.homes = {name: state / "home" / name for name in students}  # the trial's homes

    def link(self, urlpath: str) -> str:
        """The nbgitpuller link an instructor hands out (the guide's git-pull?repo= link)."""
        query = urlencode({"repo": self.repo, "branch": "main", "targetpath": KIT_FOLDER,
                           "urlpath": urlpath})
        return f"{self.url}/hub/user-redirect/git-pull?{query}"

    def log_tail(self, lines: int = 60) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def _kit_repository(folder: Path) -> str:
    """A bare repository with the kit's committed HEAD as branch main: what students pull."""
    found = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True)
    if found.returncode:
        pytest.fail("the hub test pulls the kit with git: run it from a git checkout of the kit")
    bare = folder / KIT_FOLDER
    subprocess.run(["git", "init", "--quiet", "--bare", str(bare)], check=True)
    subprocess.run(["git", "-C", str(ROOT), "push", "--quiet", str(bare), "HEAD:refs/heads/main"],
                   check=True)
    subprocess.run(["git", "--git-dir", str(bare), "symbolic-ref", "HEAD", "refs/heads/main"],
                   check=True)
    return bare.as_uri()


@pytest.fixture
def hub(tmp_path):
    marker = uuid.uuid4().hex
    port, hub_port, proxy_port = _free_port(), _free_port(), _free_port()
    students = [f"student{k:02d}" for k in range(1, STUDENTS + 1)]
    repo = _kit_repository(tmp_path)
    config = tmp_path / "jupyterhub_test_config.py"
    config.write_text(f"""\
c = get_config()
load_subconfig({str(ROOT / "deploy" / "jupyterhub_config.py")!r})
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_port}"
c.Authenticator.allowed_users = set({students!r})  # the class roster
# every process of this run carries the marker, so the test finds (and ends) all of them
c.Spawner.environment.update({{"CRM_HUB_RUN": {marker!r}}})
for service in c.JupyterHub.services:
    service.setdefault("environment", {{}})["CRM_HUB_RUN"] = {marker!r}
""")
    env = dict(os.environ, CRM_HUB_MODE="trial", CRM_HUB_PORT=str(port),
               CRM_HUB_STATE=str(tmp_path / "state"), CRM_KIT_REPO=repo, CRM_KIT_BRANCH="main",
               CRM_HUB_RUN=marker)
    running = Hub(f"http://127.0.0.1:{port}", repo, marker, tmp_path / "state", students)
    with running.log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)],
                                   cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
    try:
        _wait_for_hub(running, process)
        yield running
    finally:
        killed = _stop_everything(process, marker)
        assert not _run_processes(marker), "processes of the hub run are still alive"
        if killed:
            print(f"\nhub clean-up needed SIGKILL for: {killed}")


def _wait_for_hub(hub: Hub, process: subprocess.Popen) -> None:
    host, port = hub.url.removeprefix("http://").split(":")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the hub exited with {process.returncode}:\n{hub.log_tail()}")
        connection = http.client.HTTPConnection(host, int(port), timeout=5)
        try:
            connection.request("GET", "/hub/api/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
        finally:
            connection.close()
    pytest.fail(f"the hub did not answer within 60 s:\n{hub.log_tail()}")


# --------------------------------------------------------------------------- one student


async def _fetch(client, url, *, method="GET", token=None, body=None, raise_error=True, **kwargs):
    headers = {"Authorization": f"token {token}"} if token else {}
    if body is not None:
        headers["Content-Type"] = "application/json"
        body = json.dumps(body)
    request = HTTPRequest(url, method=method, headers=headers, body=body,
                          request_timeout=REQUEST_TIMEOUT, **kwargs)
    try:
        return await client.fetch(request, raise_error=raise_error)
    except HTTPClientError as error:
        text = error.response.body.decode(errors="replace")[:300] if error.response else ""
        raise AssertionError(f"{method} {url} -> {error.code} {text}") from None


async def _events(client, url, token) -> list[dict]:
    """The data lines of an event stream (spawn progress, nbgitpuller's pull), read to the end."""
    events, buffer = [], b""

    def on_chunk(chunk: bytes) -> None:
        nonlocal buffer
        buffer += chunk
        while b"\n\n" in buffer:
            block, buffer = buffer.split(b"\n\n", 1)
            events.extend(json.loads(line[5:]) for line in block.decode().splitlines()
                          if line.startswith("data:"))

    await _fetch(client, url, token=token, streaming_callback=on_chunk)
    return events


def _decode(raw) -> dict:
    """A kernel message from the websocket: JSON text, or binary with buffers after the JSON."""
    if isinstance(raw, str):
        return json.loads(raw)
    count = struct.unpack("!i", raw[:4])[0]
    offsets = struct.unpack("!" + "I" * count, raw[4:4 * (count + 1)])
    end = offsets[1] if count > 1 else len(raw)
    return json.loads(raw[offsets[0]:end].decode())


class Kernel:
    """A kernel of a student's server, driven over its websocket as JupyterLab does."""

    def __init__(self, socket_):
        self.socket, self.session = socket_, uuid.uuid4().hex

    async def request(self, msg_type: str, content: dict) -> tuple[dict, list[dict]]:
        """Send a shell request; return its reply and the iopub messages until the kernel idles."""
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "msg_type": msg_type, "username": "student",
                  "session": self.session, "version": "5.3",
                  "date": datetime.now(timezone.utc).isoformat()}
        await self.socket.write_message(json.dumps(
            {"header": header, "parent_header": {}, "metadata": {}, "content": content,
             "channel": "shell", "buffers": []}))
        reply, outputs, idle = None, [], msg_type != "execute_request"
        while reply is None or not idle:
            raw = await asyncio.wait_for(self.socket.read_message(), CELL_TIMEOUT)
            if raw is None:
                raise AssertionError("the kernel's websocket closed")
            message = _decode(raw)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = message["header"]["msg_type"]
            if kind == msg_type.replace("_request", "_reply"):
                reply = message["content"]
            elif kind == "status" and message["content"]["execution_state"] == "idle":
                idle = True
            elif message.get("channel") == "iopub" and kind != "status":
                outputs.append(message)
        return reply, outputs


async def _run_notebook(client, server: str, ws_server: str, token: str, path: str) -> dict:
    """Open ``path`` from the student's copy as JupyterLab does, run every code cell in order."""
    started = time.perf_counter()
    answer = await _fetch(client, f"{server}/api/contents/{quote(path)}?type=notebook&content=1",
                          token=token)
    notebook = json.loads(answer.body)["content"]
    answer = await _fetch(client, f"{server}/api/sessions", method="POST", token=token,
                          body={"path": path, "name": Path(path).name, "type": "notebook",
                                "kernel": {"name": "python3"}})
    kernel_id = json.loads(answer.body)["kernel"]["id"]
    socket_ = await websocket_connect(HTTPRequest(
        f"{ws_server}/api/kernels/{kernel_id}/channels?session_id={uuid.uuid4().hex}",
        headers={"Authorization": f"token {token}"}, request_timeout=REQUEST_TIMEOUT))
    kernel = Kernel(socket_)
    try:
        await kernel.request("kernel_info_request", {})
        opened = time.perf_counter()
        cells = failures = 0
        problems = []
        for k, cell in enumerate(notebook["cells"]):
            tags = cell.get("metadata", {}).get("tags", [])
            if cell["cell_type"] != "code" or "skip-execution" in tags:
                continue
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            reply, outputs = await kernel.request("execute_request", {
                "code": source, "silent": False, "store_history": True, "user_expressions": {},
                "allow_stdin": False, "stop_on_error": True})
            cells += 1
            errors = [m["content"] for m in outputs if m["header"]["msg_type"] == "error"]
            if (errors or reply["status"] != "ok") and "raises-exception" not in tags:
                failures += 1
                first = errors[0] if errors else reply
                problems.append(f"cell {k}: {first.get('ename')}: {first.get('evalue')}")
        assert not failures, f"{path}: {problems}"
    finally:
        socket_.close()
    done = time.perf_counter()
    return {"open_s": opened - started, "run_s": done - opened, "total_s": done - started,
            "cells": cells, "kernel_id": kernel_id}


async def _student(hub: Hub, name: str) -> dict:
    """One student's first class: log in, start, pull the kit, run lesson 02 and its exercises."""
    client = AsyncHTTPClient(force_instance=True)
    record = {"name": name}
    try:
        started = time.perf_counter()
        answer = await _fetch(client, f"{hub.url}/hub/api/users/{name}/tokens", method="POST",
                              body={"auth": {"username": name, "password": PASSWORD},
                                    "note": "classroom load test", "expires_in": 3600})
        token = json.loads(answer.body)["token"]
        record["login_s"] = time.perf_counter() - started

        await _fetch(client, f"{hub.url}/hub/api/users/{name}/server", method="POST",
                     token=token, body={})
        events = await _events(client, f"{hub.url}/hub/api/users/{name}/server/progress", token)
        assert events and events[-1].get("ready"), f"{name}: spawn did not finish: {events[-3:]}"
        record["ready_s"] = time.perf_counter() - started

        # The server's default page is the nbgitpuller link that opens lesson 00.
        server = f"{hub.url}/user/{name}"
        home = await _fetch(client, f"{server}/", token=token, follow_redirects=False,
                            raise_error=False)
        location = home.headers.get("Location", "")
        assert home.code == 302 and "/git-pull?" in location and "00_start_here" in location, (
            f"{name}: default page {home.code} {location!r}")

        # The link opens nbgitpuller's page on the student's server; that page's script then
        # streams the pull from git-pull/api, and finally opens the lesson. (The hub's
        # user-redirect/ step of the link takes a browser's login cookie, not a token, so the
        # test makes it as the hub does: user-redirect/ becomes user/<name>/.)
        pulling = time.perf_counter()
        lesson_page = f"lab/tree/{NOTEBOOKS['lesson']}"
        link = hub.link(lesson_page).replace("/hub/user-redirect/", f"/user/{name}/", 1)
        page = await _fetch(client, link, token=token)
        assert b"git-pull" in page.body, f"{name}: not nbgitpuller's page: {page.body[:200]!r}"
        query = link.split("?", 1)[1]
        pulled = await _events(client, f"{server}/git-pull/api?{query}", token)
        assert pulled and pulled[-1].get("phase") == "finished", f"{name}: {pulled[-3:]}"
        await _fetch(client, f"{server}/{lesson_page}", token=token)
        record["pull_s"] = time.perf_counter() - pulling

        ws_server = server.replace("http://", "ws://", 1)
        record["notebooks"] = {}
        for label, path in NOTEBOOKS.items():
            record["notebooks"][label] = await _run_notebook(client, server, ws_server, token, path)
        record["finished_s"] = time.perf_counter() - started
        return record
    finally:
        client.close()


# --------------------------------------------------------------------------- the class


async def _sample_peak(marker: str, peak: dict, stop: asyncio.Event) -> None:
    """Keep the largest total RSS and PSS of all the run's processes, every 2 seconds."""
    while not stop.is_set():
        usage = [_usage(pid) for pid in await asyncio.to_thread(_run_processes, marker)]
        for key in ("rss_mib", "pss_mib"):
            peak[key] = max(peak.get(key, 0.0), sum(u[key] for u in usage))
        try:
            await asyncio.wait_for(stop.wait(), 2)
        except asyncio.TimeoutError:
            pass


async def _class(hub: Hub) -> tuple[list, dict, float]:
    peak, stop = {}, asyncio.Event()
    sampler = asyncio.create_task(_sample_peak(hub.marker, peak, stop))
    started = time.perf_counter()
    results = await asyncio.gather(*(_student(hub, name) for name in hub.students),
                                   return_exceptions=True)
    wall = time.perf_counter() - started
    stop.set()
    await sampler
    return results, peak, wall


def _per_student_usage(marker: str) -> tuple[dict, dict]:
    """Memory and CPU of each student's server + kernels, and of the shared hub processes."""
    students, shared = {}, {"rss_mib": 0.0, "pss_mib": 0.0, "cpu_s": 0.0}
    for pid, env in _run_processes(marker).items():
        usage, command = _usage(pid), _command(pid)
        owner = env.get("JUPYTERHUB_USER")
        if not owner or "JUPYTERHUB_SERVICE_NAME" in env:  # hub, proxy, idle culler
            for key in shared:
                shared[key] += usage[key]
            continue
        entry = students.setdefault(owner, {"server_rss_mib": 0.0, "kernel_rss_mib": {},
                                            "rss_mib": 0.0, "pss_mib": 0.0, "cpu_s": 0.0})
        kernel = re.search(r"kernel-([0-9a-f-]+)\.json", command)
        if kernel:  # the connection file's name carries the kernel's id
            entry["kernel_rss_mib"][kernel[1]] = usage["rss_mib"]
        else:
            entry["server_rss_mib"] += usage["rss_mib"]
        for key in ("rss_mib", "pss_mib", "cpu_s"):
            entry[key] += usage[key]
    return students, shared


def _spread(values) -> dict:
    values = sorted(values)
    return {"median": round(statistics.median(values), 1), "max": round(values[-1], 1),
            "min": round(values[0], 1)}


def _report(records: list[dict], usage: dict, shared: dict, peak: dict, wall: float,
            load: float) -> dict:
    for record in records:
        own = usage[record["name"]]
        for notebook in record["notebooks"].values():
            notebook["kernel_rss_mib"] = round(own["kernel_rss_mib"][notebook.pop("kernel_id")], 1)
        record.update({k: round(v, 1) for k, v in own.items() if k != "kernel_rss_mib"})
    import jupyterhub

    return {
        "students": len(records), "cores": os.cpu_count(), "jupyterhub": jupyterhub.__version__,
        "wall_s": round(wall, 1),
        # other work on the machine slows every figure of time (not memory)
        "load_average_before": round(load, 2),
        "summary": {
            "login_s": _spread(r["login_s"] for r in records),
            "ready_s": _spread(r["ready_s"] for r in records),
            "pull_s": _spread(r["pull_s"] for r in records),
            **{f"{label}_s": _spread(r["notebooks"][label]["total_s"] for r in records)
               for label in NOTEBOOKS},
            "finished_s": _spread(r["finished_s"] for r in records),
            "rss_per_student_mib": _spread(r["rss_mib"] for r in records),
            "pss_per_student_mib": _spread(r["pss_mib"] for r in records),
            "server_rss_mib": _spread(r["server_rss_mib"] for r in records),
            **{f"{label}_kernel_rss_mib": _spread(r["notebooks"][label]["kernel_rss_mib"]
                                                  for r in records) for label in NOTEBOOKS},
            "cpu_per_student_s": _spread(r["cpu_s"] for r in records),
            "hub_proxy_culler": {k: round(v, 1) for k, v in shared.items()},
            "peak_total_mib": {k: round(v, 1) for k, v in peak.items()},
        },
        "per_student": records,
    }


def _print(report: dict) -> None:
    s = report["summary"]
    print(f"\nclassroom hub: {report['students']} students at once on {report['cores']} cores, "
          f"JupyterHub {report['jupyterhub']}, {report['wall_s']} s in all "
          f"(load average before: {report['load_average_before']})")
    print(f"{'median / max':>32}")
    for key, label in [("login_s", "log in (s)"), ("ready_s", "log in to server ready (s)"),
                       ("pull_s", "nbgitpuller link (s)"), ("lesson_s", "lesson 02 (s)"),
                       ("exercise_s", "exercise 02 (s)"), ("finished_s", "all done (s)"),
                       ("rss_per_student_mib", "RSS server+2 kernels (MiB)"),
                       ("pss_per_student_mib", "PSS server+2 kernels (MiB)"),
                       ("server_rss_mib", "RSS server alone (MiB)"),
                       ("lesson_kernel_rss_mib", "RSS lesson 02 kernel (MiB)"),
                       ("exercise_kernel_rss_mib", "RSS exercise kernel (MiB)"),
                       ("cpu_per_student_s", "CPU per student (s)")]:
        print(f"  {label:<30} {s[key]['median']:>7} / {s[key]['max']}")
    print(f"  hub + proxy + culler: {s['hub_proxy_culler']}")
    print(f"  peak total of the run (MiB): {s['peak_total_mib']}")
    print(f"  written to {REPORT.relative_to(ROOT)}")


def test_a_class_logs_in_pulls_the_kit_and_runs_lesson_02(hub):
    load = os.getloadavg()[0]
    results, peak, wall = asyncio.run(_class(hub))
    failures = [(name, r) for name, r in zip(hub.students, results) if isinstance(r, BaseException)]
    assert not failures, (f"{len(failures)} of {len(results)} students failed; first: "
                          f"{failures[0][0]}: {failures[0][1]!r}\n"
                          f"--- hub log ---\n{hub.log_tail()}")
    for name, home in hub.homes.items():  # each student's own copy, in their own home
        assert all((home / path).is_file() for path in NOTEBOOKS.values()), name
    usage, shared = _per_student_usage(hub.marker)
    assert set(usage) == set(hub.students), "every student has a server with live kernels"
    assert all(len(u["kernel_rss_mib"]) == len(NOTEBOOKS) for u in usage.values()), usage
    report = _report(results, usage, shared, peak, wall, load)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(report, indent=1) + "\n")
    _print(report)
