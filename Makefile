# The two commands a fresh machine needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STARTED := $(shell date +%s)

.PHONY: install demo test lint bench bench-packages screenshots system-packages clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

install: $(STAMP)

## Crawl the bundled offline snapshot through the real crawler, then serve Datasette on 127.0.0.1:8001
demo: $(STAMP)
	$(BIN)/khcn demo --db demo.db

## Debian's Chromium (browser tests) and redis-server (distributed crawl tests), installed when
## missing and apt-get can run; without them those tests fail with a message saying so
system-packages:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	if [ -n "$$missing" ]; then \
	  { apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing >/dev/null; } || \
	  echo "Could not install$$missing: the tests that need them will fail until they are installed."; \
	fi

## Lint (ruff check + format check) and run the whole suite on $(TEST_WORKERS) workers; each
## test module stays on one worker, so its fixtures (a crawl of 2,000 articles...) run once
TEST_WORKERS ?= 2
test: $(STAMP) system-packages
	$(BIN)/ruff check portals archive bench tests
	$(BIN)/ruff format --check portals archive bench tests
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadscope

## Debian's nginx (the crawl benchmark's portal server) and wrk (the serving benchmark's load)
bench-packages: system-packages
	@missing=""; \
	[ -x /usr/sbin/nginx ] || missing="$$missing nginx-light"; \
	command -v wrk >/dev/null 2>&1 || missing="$$missing wrk"; \
	if [ -n "$$missing" ]; then \
	  { apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing >/dev/null; } || \
	  echo "Could not install$$missing: the benchmarks that need them will stop with a message."; \
	fi

## Benchmarks (not part of make test): each rewrites its section of docs/benchmarks.md
bench: $(STAMP) bench-packages
	$(BIN)/python -m bench.report --write
	$(BIN)/python -m bench.field_accuracy --write
	$(BIN)/python -m bench.extraction_speed --write
	$(BIN)/python -m bench.crawl_speed --write
	$(BIN)/python -m bench.listing_discovery --write
	$(BIN)/python -m bench.incremental --write
	$(BIN)/python -m bench.distributed --write
	$(BIN)/python -m bench.storage_search --write
	$(BIN)/python -m bench.serving --write
	$(BIN)/python -m bench.report --write --took $(STARTED)

## Screenshots of the main pages into docs/screenshots/ (shown in the README)
screenshots: $(STAMP) system-packages
	KHCN_SCREENSHOTS=1 $(BIN)/python -m pytest tests/test_browser.py -q

lint: $(STAMP)
	$(BIN)/ruff check portals archive bench tests
	$(BIN)/ruff format --check portals archive bench tests

clean:
	rm -rf $(VENV) demo.db demo.db-wal demo.db-shm .pytest_cache
