"""The package itself: light import, public names, install files that agree."""

import re
import subprocess
import sys
import tomllib

import yaml

import crmlib


def test_import_does_not_pull_in_heavy_libraries():
    code = ("import sys, crmlib; heavy = [m for m in ('matplotlib', 'scipy', 'ipywidgets') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_all_names_exist_and_are_exported():
    for name in crmlib.__all__:
        assert hasattr(crmlib, name), name
    assert len(crmlib.__all__) == len(set(crmlib.__all__))


def _split(spec: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", spec)
    return match[1].lower().replace("_", "-"), match[2].replace(" ", "")


def _extra(project: dict, name: str) -> list[str]:
    """An optional-dependency list, with a reference to another of the kit's extras
    (``crm-course-kit[hub]``) replaced by that extra's own list."""
    specs = []
    for spec in project["optional-dependencies"][name]:
        own = re.fullmatch(re.escape(project["name"]) + r"\[(.+)\]", spec.strip())
        specs += _extra(project, own[1]) if own else [spec]
    return specs


def test_environment_yml_matches_pyproject(root):
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    wanted = [*project["dependencies"], *_extra(project, "test")]
    pip_side = dict(_split(s) for s in wanted)
    env = yaml.safe_load((root / "environment.yml").read_text())
    assert env["name"] == "crm-course"
    conda_side = dict(_split(s) for s in env["dependencies"]
                      if isinstance(s, str) and not s.startswith(("python", "pip")))
    assert conda_side == pip_side
    python = [s for s in env["dependencies"] if isinstance(s, str) and s.startswith("python")]
    assert python == [f"python{project['requires-python']}"]


def test_ci_runs_the_readme_test_command(root):
    ci = (root / ".ci" / "run").read_text()
    assert "make test" in ci
    assert "|| true" not in ci and "set +e" not in ci
    assert "make test" in (root / "README.md").read_text()
