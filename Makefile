# The two commands of the README work on a fresh clone: each creates the virtual
# environment and installs what it needs first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PLUGINS := $(wildcard plugins/*/pyproject.toml)

.PHONY: test demo install lint bench clean browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml $(PLUGINS)
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@for plugin in $(dir $(PLUGINS)); do \
		echo "installing $$plugin"; \
		$(BIN)/python -m pip install --quiet -e "$$plugin" || exit 1; \
	done
	touch $(STAMP)

install: $(STAMP)

# The browser tests (kano serve, the HTML report) drive Debian's chromium through its
# chromedriver; on a fresh machine they are installed here, as root.
browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing chromium and chromium-driver for the browser tests"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
				apt-get install -y -qq chromium chromium-driver >/dev/null || exit 1; \
		else \
			echo "make: the browser tests need chromium and chromium-driver:" \
				"sudo apt-get install chromium chromium-driver"; exit 1; \
		fi; \
	fi

# ruff (lint rules and formatting), mypy and the import-linter contracts, all configured
# in pyproject.toml. `make test`, and so CI, runs it first.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/ruff format --check .

test: $(STAMP) browser lint
	$(BIN)/python -m pytest -n 2 --dist loadgroup

demo: $(STAMP)
	$(BIN)/kano sample_projects/smartphone

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python benchmarks/bench_engine.py
	$(BIN)/python benchmarks/bench_tui.py
	$(BIN)/python benchmarks/bench_startup.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
