"""One Chinese term per concept: every bold term a lesson glosses in Chinese is in the glossary
(docs/glossary.md) with the same translation, and the glossary is linked from every lesson."""

import re

import nbformat
import pytest

from conftest import ROOT

GLOSSARY = ROOT / "docs" / "glossary.md"
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
CHINESE_LESSONS = sorted((ROOT / "lessons" / "zh").glob("*.ipynb"))
CJK = re.compile(r"[\u4e00-\u9fff]")
# **term (中文)**, **term** (中文) and **term（中文）**: the English term, then its Chinese gloss
GLOSSED = re.compile(r"\*\*([^*\n]+?)\s*[（(]([^()（）\n]*)[)）]\s*\*\*"
                     r"|\*\*([^*\n]+?)\*\*\s*[（(]([^()（）\n]*)[)）]")


# Bold lead-ins that gloss a heading, a list or a name rather than one term: a case's title, a
# list of the course's points, or a list of terms each of which has its own row.
NOT_TERMS = {
    "barriers in chinese firms", "seven success factors", "harrah's casinos", "suning",
    "pricewaterhousecoopers' benefits of crm", "six criteria for choosing a crm system",
    "six principles for spotting prospects", "exploration, formation, stability and decline",
}


def _normal(term: str) -> str:
    term = re.sub(r"\s+", " ", term).strip().strip("*").strip().lower()
    return term.rstrip("s") if not term.endswith("ss") else term


def glossary() -> dict[str, set[str]]:
    """English term (normalised) -> every Chinese rendering the glossary row allows."""
    table = {}
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or not CJK.search(cells[1]) or cells[0].startswith("---"):
            continue
        english = cells[0].split(" (")[0].strip()  # "alive (P(alive))" -> "alive"
        chinese = {c.strip() for c in re.split(r"[（(]|[)）]|、|(?<!\d)/(?!\d)", cells[1])
                   if CJK.search(c)}
        table.setdefault(_normal(english), set()).update(chinese)
    return table


def glossed_terms(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        for match in GLOSSED.finditer(cell.source):
            english = match[1] or match[3]
            gloss = match[2] if match[1] else match[4]
            chinese = [c.strip() for c in re.split(r"[,，;；、]", gloss) if CJK.search(c)]
            if chinese and not CJK.search(english) and english.strip().lower() not in NOT_TERMS:
                yield english.strip(), chinese[0]


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.name for p in LESSONS])
def test_every_glossed_term_is_in_the_glossary_with_the_same_translation(lesson):
    table = glossary()
    problems = []
    for english, chinese in glossed_terms(lesson):
        allowed = table.get(_normal(english))
        if allowed is None:
            problems.append(f"{english!r} ({chinese}) is not in docs/glossary.md")
        elif not any(chinese == a or chinese.startswith(a) or a.startswith(chinese)
                     for a in allowed):
            problems.append(f"{english!r}: the lesson says {chinese}, the glossary "
                            f"{' / '.join(sorted(allowed))}")
    assert problems == []


@pytest.mark.parametrize("lesson", LESSONS + CHINESE_LESSONS,
                         ids=[str(p.relative_to(ROOT / "lessons")) for p in
                              LESSONS + CHINESE_LESSONS])
def test_every_lesson_links_the_glossary(lesson):
    assert "glossary.md" in lesson.read_text(encoding="utf-8")
