"""The Chinese edition (lessons/zh, solutions/zh, exercises/zh) is a twin of the English one.

Every English notebook has a Chinese twin with the same file name; their code cells are the same,
in the same order, with the same tags, except for one line in the setup cell that sets the
language (``crm.set_language("zh")``); the Chinese markdown is Chinese. So one library serves both
editions, nbval validates both, and a change to an English lesson's code fails here until its
twin follows.
"""

import nbformat
import pytest

from conftest import ROOT
from conftest import cjk_letters as _letters

FOLDERS = ("lessons", "solutions", "exercises")
LANGUAGE_LINE = 'crm.set_language("zh")'
SETUP_MARK = "import crmlib as crm"


def _english(folder):
    return sorted((ROOT / folder).glob("*.ipynb"))


def _pairs():
    return [(path, ROOT / folder / "zh" / path.name)
            for folder in FOLDERS for path in _english(folder)]


PAIRS = _pairs()
TWINS = [(en, zh) for en, zh in PAIRS if zh.exists()]


def _ids(pairs):
    return [str(en.relative_to(ROOT)) for en, _ in pairs]


@pytest.mark.parametrize(("english", "chinese"), PAIRS, ids=_ids(PAIRS))
def test_every_english_notebook_has_its_chinese_twin(english, chinese):
    assert chinese.exists(), (
        f"{english.relative_to(ROOT)} has no Chinese twin {chinese.relative_to(ROOT)}: copy it, "
        f"translate the markdown, add crm.set_language(\"zh\") to the setup cell and execute it")


def test_no_chinese_notebook_without_an_english_one():
    orphans = [str(p.relative_to(ROOT)) for folder in FOLDERS
               for p in sorted((ROOT / folder / "zh").glob("*.ipynb"))
               if not (ROOT / folder / p.name).exists()]
    assert orphans == []


def _code(path):
    notebook = nbformat.read(path, as_version=4)
    return [c for c in notebook.cells if c.cell_type == "code"]


def _without_language_line(source: str) -> str:
    lines = source.split("\n")
    kept = [line for line in lines if line.strip() != LANGUAGE_LINE]
    assert len(lines) - len(kept) <= 1
    return "\n".join(kept).rstrip("\n")


@pytest.mark.parametrize("english, chinese", TWINS, ids=_ids(TWINS))
def test_code_cells_are_identical_but_for_the_language_line(english, chinese):
    en, zh = _code(english), _code(chinese)
    assert len(en) == len(zh), "the two editions have a different number of code cells"
    setup = next((k for k, cell in enumerate(zh) if SETUP_MARK in cell.source), None)
    assert setup is not None, "no setup cell (import crmlib as crm)"
    assert LANGUAGE_LINE in zh[setup].source.split("\n"), (
        f"the Chinese setup cell must set the language: {LANGUAGE_LINE}")
    for k, (a, b) in enumerate(zip(en, zh, strict=True)):
        source = _without_language_line(b.source) if k == setup else b.source
        assert source == a.source.rstrip("\n") or source == a.source, f"code cell {k} differs"
        assert sorted(a.metadata.get("tags", [])) == sorted(b.metadata.get("tags", [])), (
            f"code cell {k}: tags differ")
    assert not any(LANGUAGE_LINE in cell.source for cell in en), "English sets the language"


@pytest.mark.parametrize("english, chinese", TWINS, ids=_ids(TWINS))
def test_the_chinese_markdown_is_chinese(english, chinese):
    # CJK characters carry about three times the meaning of a Latin letter, so "most of the
    # letters" is measured on letters: at least 60% CJK over the notebook, and every markdown
    # cell of some length at least a third CJK (English terms in brackets are welcome)
    notebook = nbformat.read(chinese, as_version=4)
    total_cjk = total = 0
    for k, cell in enumerate(notebook.cells):
        if cell.cell_type != "markdown":
            continue
        cjk, letters = _letters(cell.source)
        total_cjk, total = total_cjk + cjk, total + letters
        if letters >= 40:
            assert cjk / letters >= 1 / 3, f"markdown cell {k} is mostly not Chinese"
    assert total and total_cjk / total >= 0.6
