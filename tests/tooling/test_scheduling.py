"""How `make test` shares tests between its workers (tests/conftest.py): what must stay together
does, and the deck walks are split by language."""

from conftest import LONGEST_FIRST, run_group


def test_a_notebooks_cells_run_together_on_one_worker():
    # nbval runs a notebook's cells in one kernel, in order: split up, later cells would run in
    # a fresh kernel and fail with NameError
    cells = [f"lessons/02_customer_lifetime_value.ipynb::Cell {k}" for k in (0, 1, 17)]
    assert {run_group(c) for c in cells} == {"lessons/02_customer_lifetime_value.ipynb"}
    assert run_group("solutions/zh/08_crm_in_practice_exercises.ipynb::Cell 3") == \
        "solutions/zh/08_crm_in_practice_exercises.ipynb"


def test_tooling_files_keep_their_module_fixtures_on_one_worker():
    hub = "tests/tooling/test_hub.py::test_a_class_logs_in_pulls_the_kit_and_runs_lesson_02"
    assert run_group(hub) == "tests/tooling/test_hub.py"
    assert run_group("tests/tooling/test_grade.py::test_x") == run_group(
        "tests/tooling/test_grade.py::test_y")


def test_decks_are_walked_one_language_a_worker():
    decks = "tests/tooling/test_decks.py::"
    assert run_group(decks + "test_every_slide_fits_the_room[03_customer_lifecycle.zh]") == \
        run_group(decks + "test_make_slides_builds_one_offline_deck_per_lesson[zh]") == \
        run_group(decks + "test_a_chinese_deck_draws_its_chinese_in_the_kit_font") == "decks-zh"
    assert run_group(decks + "test_every_slide_fits_the_room[03_customer_lifecycle]") == \
        run_group(decks + "test_code_decks_fit_the_room_too[05_predicting_customer_value]") == \
        run_group(decks + "test_make_slides_builds_one_offline_deck_per_lesson[en]") == "decks-en"


def test_library_and_exercise_tests_go_one_by_one():
    assert run_group("tests/library/test_clv.py::test_gupta_lehmann") is None
    assert run_group("tests/exercises/test_engine.py::test_x[hotel_loyalty]") is None


def test_the_longest_groups_named_first_exist():
    from conftest import ROOT
    files = [g for g in LONGEST_FIRST if not g.startswith("decks-")]
    assert [f for f in files if not (ROOT / f).is_file()] == []
