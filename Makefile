# The two commands of the quick start, and what they stand on.
# `make demo` and `make test` install what is missing (graphviz from Debian packages,
# a .venv with archgen and its development tools) and nothing when it is all there.

VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
PYTHON  ?= python3
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup graphviz demo test lint typecheck imports pytest bench schema docs generated clean

setup: graphviz $(STAMP)

graphviz:
	@command -v dot >/dev/null 2>&1 || { \
	  echo "graphviz is missing: installing it from Debian packages"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq graphviz fonts-dejavu-core >/dev/null; }

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { \
	  echo "python3-venv is missing: installing it from Debian packages"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-venv >/dev/null; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --editable '.[dev]'
	@touch $(STAMP)

demo: setup
	$(BIN)/archgen check architectures/
	$(BIN)/archgen render architectures/ --out diagrams_out/

lint: setup
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

typecheck: setup
	$(BIN)/mypy

imports: setup
	$(BIN)/lint-imports

pytest: setup
	$(BIN)/pytest

test: lint typecheck imports pytest

schema: setup
	$(BIN)/archgen schema > schema/archgen.schema.json

docs: setup
	$(BIN)/archgen rules --format markdown --output docs/rules.md

generated: schema docs

bench: setup
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --editable '.[dev,bench]'
	$(BIN)/python benchmarks/check_speed.py
	$(BIN)/python benchmarks/reach_scale.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .hypothesis
