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


def test_the_semester_plan_places_every_lesson_and_exercise_set():
    plan = (ROOT / "docs" / "syllabus.md").read_text(encoding="utf-8")
    for heading in ("## 16-week semester", "## 8-week module", "## Assessment"):
        assert heading in plan, heading
    missing = [p.relative_to(ROOT).as_posix() for p in
               [*LESSONS, *sorted((ROOT / "exercises").glob("*.ipynb"))]
               if p.relative_to(ROOT).as_posix() not in plan]
    assert not missing, f"docs/syllabus.md does not place: {missing}"
    for weeks, table in (("16", plan.split("## 16-week semester")[1].split("\n## ")[0]),
                         ("8", plan.split("## 8-week module")[1].split("\n## ")[0])):
        rows = [r for r in table.splitlines() if r.startswith("| ") and r[2].isdigit()]
        assert [int(r.split("|")[1]) for r in rows if int(r.split("|")[1]) > 0] == \
            list(range(1, int(weeks) + 1)), f"the {weeks}-week plan skips or repeats a week"
        for lesson in LESSONS:
            assert f"Lesson {lesson.stem[:2]}" in table or f"lesson {lesson.stem[:2]}" in table, \
                (weeks, lesson.stem)
    assert "syllabus.md" in GUIDE.read_text(encoding="utf-8")
