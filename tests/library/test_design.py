"""crmlib's design rules that can be read from its source."""

import ast
from pathlib import Path

import crmlib

CRMLIB = Path(crmlib.__file__).parent

# Offences that arrived with a unit merged after this rule, left to the unit's owner to make
# public; the list may only shrink.
KNOWN: set[str] = set()


def test_no_module_imports_another_modules_private_names():
    # A private helper (leading underscore) belongs to its module; what several modules share
    # is public, or lives in a private module made for sharing (_validation, _base, _core).
    offences = []
    for path in sorted(CRMLIB.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.ImportFrom) and (node.module or "").startswith("crmlib")):
                continue
            if node.module.rsplit(".", 1)[-1].startswith("_"):
                continue
            offences += [f"{path.relative_to(CRMLIB)}: {alias.name} from {node.module}"
                         for alias in node.names if alias.name.startswith("_")]
    assert set(offences) <= KNOWN, sorted(set(offences) - KNOWN)
