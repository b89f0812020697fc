"""JupyterHub for one server, configured for the CRM Course Kit.

Run it with the Python of the kit's environment (`make hub` does, from .venv):

    .venv/bin/jupyterhub -f deploy/jupyterhub_config.py

That environment is the students' environment too: their servers and kernels run its Python, so
`import crmlib` works in every notebook. A student's first visit (and every later one) opens an
nbgitpuller link as the default page: it clones the kit into the student's home folder, or
brings their copy up to date without overwriting their own edits, and then opens lesson 00.

Two modes, chosen by the environment variable CRM_HUB_MODE:

trial (the default, what `make hub` runs)
    Any user name and any password log in (JupyterHub's dummy authenticator) and every student
    server runs as the same system user, with its home in build/hub/home/<name>. This is only
    safe on 127.0.0.1, so the trial refuses any other address. Log in as `instructor` to see the
    admin page.
server
    A real class on one machine: students log in with their Unix accounts (JupyterHub's default
    PAM authenticator) and each server runs as that student, in their own home. Set the allowed
    users (or another authenticator, e.g. your institution's OAuth) in a file passed after this
    one, and put HTTPS in front of the hub before opening it to the network.

Other environment variables: CRM_HUB_IP (default 127.0.0.1), CRM_HUB_PORT (8000),
CRM_HUB_STATE (folder for the database, secrets and trial homes; default build/hub),
CRM_KIT_REPO and CRM_KIT_BRANCH (the git repository the students pull; default this kit's own
folder and its current branch: the trial shows committed work only).
"""

import ipaddress
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

c = get_config()  # noqa: F821  (JupyterHub provides get_config when it loads this file)

KIT = Path(__file__).resolve().parents[1]
# The kit's environment: the one whose Python runs this hub (`make hub` uses .venv/bin).
ENV_BIN = Path(sys.executable).parent
MODE = os.environ.get("CRM_HUB_MODE", "trial")
IP = os.environ.get("CRM_HUB_IP", "127.0.0.1")
PORT = int(os.environ.get("CRM_HUB_PORT", "8000"))
STATE = Path(os.environ.get("CRM_HUB_STATE", KIT / "build" / "hub")).resolve()
# The folder the kit lands in inside each student's home, and the page a student starts on.
KIT_FOLDER = "crm-course-kit"
FIRST_PAGE = f"lab/tree/{KIT_FOLDER}/lessons/00_start_here.ipynb"

if MODE not in ("trial", "server"):
    raise SystemExit(f"CRM_HUB_MODE must be 'trial' or 'server'; got {MODE!r}")
if MODE == "trial" and not ipaddress.ip_address(IP).is_loopback:
    raise SystemExit(f"the trial hub lets anyone log in, so it only listens on 127.0.0.1; "
                     f"got CRM_HUB_IP={IP}. Use CRM_HUB_MODE=server with a real authenticator.")

STATE.mkdir(parents=True, exist_ok=True)
c.JupyterHub.bind_url = f"http://{IP}:{PORT}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")

# The proxy: the Python port of configurable-http-proxy from PyPI (no Node.js, no npm), started
# through proxy.py, which lifts its limit of 10 requests at a time; no request it forwards is
# cut off before 10 minutes (its default is 20 s, shorter than a class's servers take to start).
c.ConfigurableHTTPProxy.command = [sys.executable, str(KIT / "deploy" / "proxy.py"),
                                   "--proxy-timeout=600000"]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")

# --------------------------------------------------------------------------- student servers


def _kit_source() -> tuple[str, str | None]:
    """The repository and branch students pull: CRM_KIT_REPO/CRM_KIT_BRANCH or this folder."""
    repo = os.environ.get("CRM_KIT_REPO")
    branch = os.environ.get("CRM_KIT_BRANCH")
    if repo:
        return repo, branch
    if branch is None:
        found = subprocess.run(["git", "-C", str(KIT), "rev-parse", "--abbrev-ref", "HEAD"],
                               capture_output=True, text=True)
        name = found.stdout.strip()
        branch = name if found.returncode == 0 and name != "HEAD" else None
    return KIT.as_uri(), branch


def nbgitpuller_link(repo: str, branch: str | None, urlpath: str = FIRST_PAGE) -> str:
    """The path (below a student's server) that pulls the kit and then opens ``urlpath``."""
    query = {"repo": repo, "targetpath": KIT_FOLDER, "urlpath": urlpath}
    if branch:
        query["branch"] = branch
    return "/git-pull?" + urlencode(query)


c.Spawner.cmd = [str(ENV_BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = nbgitpuller_link(*_kit_source())
# Measured with tests/tooling/test_hub.py (docs/classroom.md): when a whole class logs in at
# once, the last servers on a small machine need far longer than JupyterHub's defaults (60 s to
# start, 30 s to answer).
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
# A kernel left idle for an hour is shut down; its notebook stays as the student saved it.
c.Spawner.args = ["--MappingKernelManager.cull_idle_timeout=3600",
                  "--MappingKernelManager.cull_interval=300",
                  # kernels talk to their server over local sockets, not TCP ports: on one
                  # machine many servers starting kernels at once race for free ports ("Address
                  # already in use": a student's kernel dies), and TCP is unencrypted
                  "--KernelManager.transport=ipc"]
# The sockets live in the runtime folder; a socket's path must stay under 108 bytes, which a
# kernel's socket under a deep home folder can pass, so each student's runtime folder is short.
c.Spawner.environment = {
    "JUPYTER_RUNTIME_DIR": lambda spawner: f"/tmp/crm-kit-runtime-{spawner.user.name}"}

if MODE == "trial":
    c.JupyterHub.authenticator_class = "dummy"
    c.Authenticator.admin_users = {"instructor"}
    c.JupyterHub.spawner_class = "simple"
    c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "home" / "{username}")
    if os.geteuid() == 0:
        # every trial server runs as the hub's own user, here root, which Jupyter refuses
        # unless told
        c.Spawner.args.append("--allow-root")

# --------------------------------------------------------------------------- idle servers
# A server nobody has used for an hour is stopped, so a class that forgets to log out does not
# keep its memory; the student's files stay, and the next visit starts a fresh server.
c.JupyterHub.load_roles = [{
    "name": "idle-culler",
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    "services": ["idle-culler"],
}]
c.JupyterHub.services = [{
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler", "--timeout=3600"],
}]
