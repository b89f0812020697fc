"""Shared test helpers for the CRM Course Kit."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


# --------------------------------------------------------------------------- instructor tooling


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


def pytest_terminal_summary(terminalreporter):
    """Say loudly when the real-browser tests could not run (no chromium or playwright)."""
    reasons = set()
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = getattr(report, "longrepr", None)
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr or "")
        if BROWSER_SKIP_PREFIX in reason:
            reasons.add(reason.split(BROWSER_SKIP_PREFIX, 1)[1].lstrip(": "))
    for reason in sorted(reasons):
        terminalreporter.write_sep("!", BROWSER_SKIP_PREFIX, red=True, bold=True)
        terminalreporter.write_line(f"{BROWSER_SKIP_PREFIX}: {reason}", red=True, bold=True)
        terminalreporter.write_line("CI installs chromium in .ci/run; on this machine run: "
                                    "apt-get install -y chromium", red=True, bold=True)
