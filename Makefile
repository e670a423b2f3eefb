# The two commands a fresh machine needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## Crawl the bundled offline snapshot through the real crawler, then serve Datasette on 127.0.0.1:8001
demo: $(STAMP)
	$(BIN)/khcn demo --db demo.db

## Lint (ruff check + format check) and run the whole suite
test: $(STAMP)
	$(BIN)/ruff check portals archive bench tests
	$(BIN)/ruff format --check portals archive bench tests
	$(BIN)/python -m pytest

## Benchmarks (not part of make test): each rewrites its section of docs/benchmarks.md
bench: $(STAMP)
	$(BIN)/python -m bench.field_accuracy --write
	$(BIN)/python -m bench.incremental --write

lint: $(STAMP)
	$(BIN)/ruff check portals archive bench tests
	$(BIN)/ruff format --check portals archive bench tests

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm .pytest_cache
