# The CRM Course Kit. Two commands do all set-up on a machine with only python3:
#   make lab    start JupyterLab on the lessons (creates .venv on first use)
#   make test   run every test (unit, doctest, widget, notebook validation)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# JupyterLab refuses to run as root unless told; a token is always required.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
PORT ?= 8888
# The folder JupyterLab serves (the browser test serves a temporary copy of the notebooks).
LAB_ROOT ?= $(CURDIR)
HUB_PORT ?= 8000

.PHONY: help install lab lab-zh hub test test-fast lint notebooks exercises bench clean

help:
	@echo "make lab        start JupyterLab on the lessons (http://127.0.0.1:$(PORT), token printed below)"
	@echo "make lab-zh     the same in Chinese: JupyterLab's menus and the lessons in lessons/zh/"
	@echo "make hub        try the classroom JupyterHub on http://127.0.0.1:$(HUB_PORT) (any name and password)"
	@echo "make test       install into .venv if needed, then run every test"
	@echo "make notebooks  re-execute lessons/ and solutions/ (outputs committed) and regenerate exercises/"
	@echo "make exercises  regenerate exercises/ from solutions/"
	@echo "make bench      print the performance figures from benchmarks/"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# One line per step. uv (from PyPI, installed into .venv itself: no global tool) resolves and
# installs the kit's packages in seconds; if it cannot be had, plain pip does the same, slower.
$(STAMP): pyproject.toml | $(BIN)/python
	@echo "==> [1/3] fast installer: uv into .venv"
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check uv >/dev/null 2>&1 \
		|| echo "    uv could not be installed: falling back to pip (slower)"
	@echo "==> [2/3] the kit and its packages (test extras)"
	@if [ -x $(BIN)/uv ]; then \
		$(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[test]'; \
	else \
		$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'; \
	fi
	@echo "==> [3/3] ready: $$($(BIN)/python -c 'import crmlib; print("crmlib", crmlib.__version__)')"
	@touch $(STAMP)

install: $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab --no-browser --ip=127.0.0.1 --port=$(PORT) $(ROOT_FLAG) \
		--ServerApp.root_dir=$(LAB_ROOT) \
		--LabApp.default_url=/lab/tree/lessons/00_start_here.ipynb

# The same JupyterLab with its menus in Chinese and the kit speaking Chinese, on the Chinese
# lessons. The interface language is set in a settings folder inside .venv for this command
# only (not the user's global JupyterLab settings, and `make lab` stays English).
ZH_SETTINGS := $(VENV)/share/jupyter/lab/user-settings-zh
lab-zh: $(STAMP)
	@mkdir -p $(ZH_SETTINGS)/@jupyterlab/translation-extension
	@echo '{"locale": "zh_CN"}' > $(ZH_SETTINGS)/@jupyterlab/translation-extension/plugin.jupyterlab-settings
	JUPYTERLAB_SETTINGS_DIR=$(CURDIR)/$(ZH_SETTINGS) CRMLIB_LANG=zh \
		$(BIN)/jupyter lab --no-browser --ip=127.0.0.1 --port=$(PORT) $(ROOT_FLAG) \
		--ServerApp.root_dir=$(LAB_ROOT) \
		--LabApp.default_url=/lab/tree/lessons/zh/00_start_here.ipynb

# The classroom JupyterHub (deploy/jupyterhub_config.py), for a trial on this computer only. Its
# packages (the `hub` extra) come with the test extra, so .venv already has them.
hub: $(STAMP)
	CRM_HUB_PORT=$(HUB_PORT) $(BIN)/jupyterhub -f deploy/jupyterhub_config.py

# Three workers on two cores: the browser, hub and notebook tests wait on page loads and process
# start-ups, and a third worker uses that time (measured: 279 s with 3, 321 s with 2, 290 s with 4)
test: $(STAMP) lint
	$(BIN)/python -m pytest -n 3 --dist loadscope --no-loadscope-reorder --doctest-modules \
		--nbval-lax --nbval-current-env --nbval-kernel-startup-timeout=300 \
		tests crmlib $(wildcard lessons solutions)

# library, exercises and notebook-structure tests: no browser, no tooling (under a minute)
test-fast: $(STAMP) lint
	CRM_STUDENTS=5 $(BIN)/python -m pytest -n 2 --doctest-modules tests crmlib -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check .

notebooks: $(STAMP)
	$(BIN)/python tools/run_notebooks.py lessons solutions
	$(BIN)/python tools/make_exercises.py

exercises: $(STAMP)
	$(BIN)/python tools/make_exercises.py

bench: $(STAMP)
	@for f in benchmarks/bench_*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) build dist *.egg-info

# --------------------------------------------------------------------------- instructor tooling
# Slides and handouts work offline: the build fetches reveal.js, MathJax, require.js and the
# widget renderer once from the npm registry (pinned, integrity-checked; npm not needed) into build/<folder>/vendor/.
# Decks are made for the room: no code unless CODE=1 (then in build/slides-code/).
.PHONY: slides handouts variants slide-metadata help-instructors
help: help-instructors
help-instructors:
	@echo "make slides     reveal.js decks of every lesson in build/slides/ (offline; fetches its libraries once)"
	@echo "                CODE=1: with the code, in build/slides-code/ (for a programming class)"
	@echo "make handouts   static HTML of every lesson, with outputs, in build/handouts/ (to print)"
	@echo "make variants ROSTER=class_a.csv   per-student exercise notebooks + answer key in variants/class_a/"
	@echo "                OUT=folder: another folder; FORCE=1: replace another class's variants there"
	@echo "make slide-metadata   give new lesson cells their slide type (tools/slide_metadata.py)"

slides: $(STAMP)
	$(BIN)/python tools/build_slides.py $(if $(CODE),--code)

handouts: $(STAMP)
	$(BIN)/python tools/build_slides.py --handouts

slide-metadata: $(STAMP)
	$(BIN)/python tools/slide_metadata.py lessons

# EDITION=zh: the Chinese edition's notebooks (exercises/zh/) and Chinese notes and feedback
EDITION_EXERCISES = $(if $(filter zh,$(EDITION)),--exercises exercises/zh)
EDITION_LANG = $(if $(filter zh,$(EDITION)),--lang zh)

variants: $(STAMP)
	@test -n "$(ROSTER)" || { echo "usage: make variants ROSTER=path/to/class.csv [OUT=folder] [FORCE=1] [EDITION=zh] (columns student_id,name or 学号,姓名)"; exit 2; }
	$(BIN)/python tools/make_variants.py "$(ROSTER)" $(if $(OUT),--out "$(OUT)") $(if $(FORCE),--force) $(EDITION_EXERCISES)

# --------------------------------------------------------------------------- graded work
.PHONY: assignments grade help-grading
help-instructors: help-grading
help-grading:
	@echo "make assignments ROSTER=roster.csv   graded per-student notebooks (checks record, not mark) in assignments/"
	@echo "make grade SUBMISSIONS=folder ROSTER=roster.csv   re-run and mark submissions: grades/gradebook.csv, summary.html, feedback/"
	@echo "make nbgrader   the exercises in nbgrader's source format, build/nbgrader/ (then nbgrader generate_assignment crm)"

assignments: $(STAMP)
	@test -n "$(ROSTER)" || { echo "usage: make assignments ROSTER=path/to/roster.csv [NOTEBOOKS='02 07'] [EDITION=zh]"; exit 2; }
	$(BIN)/python tools/make_assignments.py "$(ROSTER)" $(if $(NOTEBOOKS),--notebooks $(NOTEBOOKS),) $(EDITION_EXERCISES) $(EDITION_LANG)

grade: $(STAMP)
	@test -n "$(SUBMISSIONS)" -a -n "$(ROSTER)" || { echo "usage: make grade SUBMISSIONS=folder ROSTER=path/to/roster.csv (one folder per student id in SUBMISSIONS)"; exit 2; }
	$(BIN)/python tools/grade.py "$(SUBMISSIONS)" --roster "$(ROSTER)" $(if $(JOBS),--jobs $(JOBS),) $(EDITION_LANG)

# nbgrader's source format, for a department that grades with nbgrader (tools/export_nbgrader.py)
.PHONY: nbgrader
nbgrader: $(STAMP)
	$(BIN)/python tools/export_nbgrader.py $(if $(NOTEBOOKS),--notebooks $(NOTEBOOKS),)
