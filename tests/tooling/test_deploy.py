"""The hub configurations in deploy/: the one-server JupyterHub and the Kubernetes values.

tests/tooling/test_hub.py runs the one-server hub for real; these are the fast checks of what
that run does not reach. (The Kubernetes values were checked against the chart's schema by
hand: docs/classroom.md says how.)
"""

import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from traitlets.config.loader import PyFileConfigLoader

from conftest import ROOT

HUB_CONFIG = ROOT / "deploy" / "jupyterhub_config.py"
Z2JH = ROOT / "deploy" / "z2jh" / "config.yaml"


def _load_hub_config(tmp_path, monkeypatch, **env):
    monkeypatch.setenv("CRM_HUB_STATE", str(tmp_path))
    for name in ("CRM_HUB_MODE", "CRM_HUB_IP", "CRM_KIT_REPO", "CRM_KIT_BRANCH"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return PyFileConfigLoader(HUB_CONFIG.name, path=str(HUB_CONFIG.parent)).load_config()


def _first_page(default_url: str) -> Path:
    """The notebook an nbgitpuller default URL opens, as a path in this kit."""
    split = urlsplit(default_url)
    assert split.path == "/git-pull"
    query = {k: v[0] for k, v in parse_qs(split.query).items()}
    folder = f"lab/tree/{query['targetpath']}/"
    assert query["urlpath"].startswith(folder)
    return ROOT / query["urlpath"][len(folder):]


def test_trial_hub_listens_on_this_computer_only(tmp_path, monkeypatch):
    config = _load_hub_config(tmp_path, monkeypatch)
    assert config.JupyterHub.bind_url.startswith("http://127.0.0.1:")
    assert config.JupyterHub.authenticator_class == "dummy"
    with pytest.raises(SystemExit, match="127.0.0.1"):
        _load_hub_config(tmp_path, monkeypatch, CRM_HUB_IP="0.0.0.0")


def test_server_mode_keeps_jupyterhub_authentication(tmp_path, monkeypatch):
    config = _load_hub_config(tmp_path, monkeypatch, CRM_HUB_MODE="server",
                              CRM_HUB_IP="0.0.0.0")
    assert "authenticator_class" not in config.JupyterHub  # JupyterHub's default: PAM
    assert "spawner_class" not in config.JupyterHub  # one Unix account per student
    assert "--allow-root" not in config.Spawner.args


def test_both_hubs_start_students_on_lesson_00_through_nbgitpuller(tmp_path, monkeypatch):
    one_server = _load_hub_config(tmp_path, monkeypatch, CRM_KIT_REPO="https://example.edu/kit",
                                  CRM_KIT_BRANCH="main")
    kubernetes = yaml.safe_load(Z2JH.read_text(encoding="utf-8"))
    for url in (one_server.Spawner.default_url, kubernetes["singleuser"]["defaultUrl"]):
        assert _first_page(url) == ROOT / "lessons" / "00_start_here.ipynb"
        assert "branch=main" in url


def test_kubernetes_limits_and_culling():
    values = yaml.safe_load(Z2JH.read_text(encoding="utf-8"))
    single = values["singleuser"]

    def mib(size: str) -> int:  # JupyterHub's byte sizes: M = MiB, G = GiB
        return int(size[:-1]) * {"M": 1, "G": 1024}[size[-1]]

    assert 0 < mib(single["memory"]["guarantee"]) <= mib(single["memory"]["limit"])
    assert 0 < single["cpu"]["guarantee"] <= single["cpu"]["limit"]
    assert values["cull"]["enabled"] and values["cull"]["timeout"] > 0
    assert values["hub"]["config"]["JupyterHub"]["authenticator_class"] != "dummy"


def test_kit_environment_is_the_students_environment(tmp_path, monkeypatch):
    config = _load_hub_config(tmp_path, monkeypatch)
    singleuser = Path(config.Spawner.cmd[0])
    assert singleuser.parent == Path(sys.executable).parent and singleuser.exists()
    python, launcher, *_ = config.ConfigurableHTTPProxy.command
    assert python == sys.executable and Path(launcher) == ROOT / "deploy" / "proxy.py"


def test_proxy_launcher_starts_the_proxy_cli():
    out = subprocess.run([sys.executable, str(ROOT / "deploy" / "proxy.py"), "--help"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "--proxy-timeout" in out.stdout
