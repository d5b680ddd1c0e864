# Two entry points: `make run` (the product; the demo chat when no bot token is set)
# and `make test` (the whole suite). Both set everything up on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/planbot migrate
	$(BIN)/planbot run

test: $(STAMP)
	$(BIN)/ruff check bot handlers knowledge storage tests bench
	$(BIN)/ruff format --check bot handlers knowledge storage tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) data
