"""The instructor guide covers every lesson and every instructor command, and is linked."""

import re

import pytest

from conftest import ROOT, cjk_letters

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


# ------------------------------------------------------- the Chinese edition's guide and plan
ZH_GUIDE = ROOT / "docs" / "zh" / "instructor_guide.md"
ZH_PLAN = ROOT / "docs" / "zh" / "syllabus.md"
ZH_SECTION_PARTS = ("**学习目标。**", "**时间分配。**", "**课程案例。**", "**讨论题。**",
                    "**常见错误")


def _zh_sections() -> dict[str, str]:
    parts = re.split(r"^## ", ZH_GUIDE.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return {part.splitlines()[0]: part for part in parts[1:]}


def _make_targets(text: str) -> set[str]:
    """The targets of every `make` command in the code of a markdown text (inline or fenced)."""
    code = re.findall(r"```.*?```|`[^`\n]+`", text, flags=re.DOTALL)
    targets = set()
    for command in re.findall(r"\bmake\b([^\n`#]*)", "\n".join(code)):
        words = iter(command.split())
        for word in words:
            if word == "-C":
                next(words, None)
            elif re.fullmatch(r"[a-z][a-z0-9-]*", word):
                targets.add(word)
            else:
                break
    return targets


def test_make_targets_are_read_from_code_only():
    text = "run `make slides CODE=1` and\n```bash\nsudo make -C /kit install grade \\\n```\n" \
           "the turnover it must make up; `make lab  # starts`"
    assert _make_targets(text) == {"slides", "install", "grade", "lab"}


@pytest.mark.parametrize("path", [ZH_GUIDE, ZH_PLAN], ids=["guide", "plan"])
def test_the_chinese_guide_and_plan_are_chinese(path):
    # measured as the lessons' parity test measures them: at least 60% of the prose's letters
    # CJK, and every section of some length at least a third (English names and terms welcome)
    text = path.read_text(encoding="utf-8")
    cjk, letters = cjk_letters(text)
    assert letters and cjk / letters >= 0.6, f"{path.name}: {cjk}/{letters} letters are CJK"
    for section in re.split(r"^## ", text, flags=re.MULTILINE):
        cjk, letters = cjk_letters(section)
        if letters >= 40:
            title = section.splitlines()[0]
            assert cjk / letters >= 1 / 3, f"{path.name}: '{title}' is not Chinese"


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.name for p in LESSONS])
def test_the_chinese_guide_has_a_complete_section_per_lesson(lesson):
    number = lesson.stem.split("_")[0]
    sections = [body for title, body in _zh_sections().items()
                if title.startswith(f"第 {number} 课：")]
    assert sections, f"docs/zh/instructor_guide.md has no '## 第 {number} 课：...' section"
    body = sections[0]
    assert f"lessons/zh/{lesson.name}" in body
    missing = [part for part in ZH_SECTION_PARTS if part not in body]
    assert not missing, f"lesson {number}: the Chinese section lacks {missing}"
    exercise = f"{lesson.stem}_exercises.ipynb"
    if (ROOT / "exercises" / exercise).exists():
        assert f"exercises/zh/{exercise}" in body


def test_the_chinese_guide_and_plan_place_every_chinese_notebook():
    guide, plan = (p.read_text(encoding="utf-8") for p in (ZH_GUIDE, ZH_PLAN))
    notebooks = [p.relative_to(ROOT).as_posix() for folder in ("lessons", "exercises")
                 for p in sorted((ROOT / folder / "zh").glob("*.ipynb"))]
    assert notebooks, "no Chinese lessons or exercises to place"
    for name, text in (("guide", guide), ("plan", plan)):
        missing = [nb for nb in notebooks if nb not in text]
        assert not missing, f"the Chinese {name} does not place {missing}"
    assert "make lab-zh" in guide and "make lab-zh" in plan


def test_the_chinese_guide_names_every_command_of_the_english_one():
    english = _make_targets(GUIDE.read_text(encoding="utf-8"))
    chinese = _make_targets(ZH_GUIDE.read_text(encoding="utf-8"))
    assert {"lab", "slides", "handouts", "variants", "assignments", "grade", "nbgrader"} <= english
    assert english - chinese == set(), f"the Chinese guide never names make {english - chinese}"
    assert "lab-zh" in chinese
    text = ZH_GUIDE.read_text(encoding="utf-8")
    for needle in ("git-pull?repo=", "lessons%2Fzh%2F00_start_here.ipynb",
                   "EDITION=zh", "docs/zh/speaker_notes.yml",
                   "nbconvert", "syllabus.md"):
        assert needle in text, needle


def test_the_chinese_plan_places_every_lesson_in_both_calendars():
    plan = ZH_PLAN.read_text(encoding="utf-8")
    for heading in ("## 16 周学期", "## 8 周短课程", "## 考核"):
        assert heading in plan, heading
    for weeks in (16, 8):
        table = plan.split(f"## {weeks} 周")[1].split("\n## ")[0]
        rows = [r for r in table.splitlines() if r.startswith("| ") and r[2].isdigit()]
        assert [int(r.split("|")[1]) for r in rows if int(r.split("|")[1]) > 0] == \
            list(range(1, weeks + 1)), f"the {weeks}-week plan skips or repeats a week"
        for lesson in LESSONS:
            number = lesson.stem.split("_")[0]
            assert f"第 {number} 课" in table, (weeks, lesson.stem)


def test_the_readmes_link_the_chinese_guide_and_plan():
    for readme in ("README.zh.md", "README.md"):
        text = (ROOT / readme).read_text(encoding="utf-8")
        assert "docs/zh/instructor_guide.md" in text and "docs/zh/syllabus.md" in text, readme
    assert "zh/syllabus.md" in (ROOT / "docs" / "syllabus.md").read_text(encoding="utf-8")
