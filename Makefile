# One entry point for developers and for the quick start.
#   make run    install into .venv, ingest the sample FRUS data, serve the reading room
#   make test   install into .venv (with test extras) and run the test suite
#   make lint   ruff check + format check + import-linter layer rules
#   make bench  ingest benchmark (figures printed, nothing asserted)

PYTHON ?= python3
VENV ?= .venv
SHARED ?= ../shared
BIN := $(VENV)/bin

.PHONY: install run serve test lint format bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "centralfiles needs Python 3.11 or newer; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

run: install
	$(BIN)/centralfiles ingest $(SHARED)/frus $(SHARED)/seeds
	$(BIN)/centralfiles authorities import $(SHARED)/authorities/hsg-people.tar.gz $(SHARED)/authorities/pocom.tar.gz
	$(BIN)/centralfiles volumes
	$(BIN)/centralfiles serve

serve: install
	$(BIN)/centralfiles serve

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

bench: install
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache
