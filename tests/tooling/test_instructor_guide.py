"""The instructor guide covers every lesson and every instructor command, and is linked."""

import re

import pytest

from conftest import ROOT

GUIDE = ROOT / "docs" / "instructor_guide.md"
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
SECTION_PARTS = ("**Objectives.**", "**Timing.**", "**Course cases.**",
                 "**Discussion questions.**", "**Common mistakes")


def _sections() -> dict[str, str]:
    text = GUIDE.read_text(encoding="utf-8")
    parts = re.split(r"^## ", text, flags=re.MULTILINE)
    return {part.splitlines()[0]: part for part in parts[1:]}


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.name for p in LESSONS])
def test_every_lesson_has_a_complete_section(lesson):
    number = lesson.stem.split("_")[0]
    sections = {title: body for title, body in _sections().items()
                if title.startswith(f"Lesson {number}:")}
    assert sections, f"docs/instructor_guide.md has no '## Lesson {number}: ...' section"
    body = next(iter(sections.values()))
    assert f"lessons/{lesson.name}" in body
    missing = [part for part in SECTION_PARTS if part not in body]
    assert not missing, f"lesson {number}: the section lacks {missing}"
    exercise = ROOT / "exercises" / f"{lesson.stem}_exercises.ipynb"
    if exercise.exists():
        assert f"exercises/{exercise.name}" in body


def test_guide_explains_running_the_class():
    text = GUIDE.read_text(encoding="utf-8")
    for needle in ("make lab", "git-pull?repo=", "make slides", "make handouts",
                   "make variants ROSTER=", "Presentation Mode", "RISE", "nbconvert"):
        assert needle in text, needle


def test_readme_links_the_guide():
    assert "docs/instructor_guide.md" in (ROOT / "README.md").read_text(encoding="utf-8")
