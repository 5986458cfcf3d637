# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.lessonkit-installed

.PHONY: demo test test-fast fuzz bench rules-doc docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/lessonkit --version
	$(BIN)/lessonkit outline lesson/episodes/02-keras-basics.md
	$(BIN)/lessonkit lint lesson
	$(BIN)/lessonkit schedule lesson --start 09:00 --date 2027-03-04

test: $(STAMP)
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

fuzz: $(STAMP)
	$(BIN)/python tests/fuzz/run_fuzz.py --seconds $${FUZZ_SECONDS:-600}

bench: $(STAMP)
	$(BIN)/python bench/bench_parse.py
	$(BIN)/python bench/bench_scaling.py
	$(BIN)/python bench/bench_server.py

rules-doc: $(STAMP)
	$(BIN)/python scripts/gen_readme.py

docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

clean:
	rm -rf $(VENV) build dist site .pytest_cache .hypothesis
