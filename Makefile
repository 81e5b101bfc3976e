# The two commands of the quick start, and what they stand on.
# `make demo` and `make test` install what is missing (graphviz from Debian packages,
# a .venv with archgen and its development tools) and nothing when it is all there.
# What is downloaded is kept per user, outside the clone (tools/devenv.py): uv's cache holds
# the packages and ${XDG_CACHE_HOME:-~/.cache}/archgen-dev/ holds uv itself, the draw.io viewer
# and Mermaid, so a fresh clone sets up in seconds and without the network.

VENV    := .venv
VIEWER  := .cache/drawio-viewer
MERMAID := .cache/mermaid
UV_VERSION        := 0.13.9
DRAWIO_VERSION    := 1.0.19
PUPPETEER_VERSION := 24.43.1
MERMAID_VERSION   := 11.17.2
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
PYTHON  ?= python3
DEVENV  := $(PYTHON) tools/devenv.py
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup graphviz viewer viewer-into mermaid mermaid-into npm demo test lint typecheck imports \
        pytest fuzz bench schema docs generated constraints clean

setup: graphviz $(STAMP)

graphviz:
	@command -v dot >/dev/null 2>&1 || { \
	  echo "graphviz is missing: installing it from Debian packages"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq graphviz fonts-dejavu-core >/dev/null; }

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { \
	  echo "python3-venv is missing: installing it from Debian packages"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3-venv >/dev/null; }
	@$(DEVENV) venv $(VENV) --uv $(UV_VERSION) --constraints constraints.txt --editable '.[dev]'
	@touch $(STAMP)

demo: setup
	$(BIN)/archgen check architectures/
	$(BIN)/archgen render architectures/ --out diagrams_out/
	$(BIN)/archgen render architectures/ --out diagrams_out/ --view network

lint: setup
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

typecheck: setup
	$(BIN)/mypy

imports: setup
	$(BIN)/lint-imports

# The real draw.io viewer for the export tests: Debian's Chromium, the viewer bundled in a
# PyPI wheel, and puppeteer-core from npm (which never downloads a browser). It is installed
# once per user into a folder named by its versions and linked as .cache/drawio-viewer, so
# a second clone, or `make clean`, installs nothing. Nothing of it is committed.
viewer: setup
	@command -v chromium >/dev/null 2>&1 || { echo "installing chromium"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }
	@$(DEVENV) provide $(VIEWER) drawio-viewer-$(DRAWIO_VERSION)-puppeteer-core-$(PUPPETEER_VERSION) \
	  -- $(MAKE) --no-print-directory viewer-into DEST={}

# The viewer's install into DEST (a staging folder of tools/devenv.py).
viewer-into: npm
	@test -n "$(DEST)" || { echo "viewer-into installs into DEST=folder"; exit 2; }
	PIP_ROOT_USER_ACTION=ignore $(BIN)/python -m pip download --quiet --no-deps \
	  -d $(DEST)/wheel jupyterlab-drawio-render-extension==$(DRAWIO_VERSION)
	$(BIN)/python tests/drawio/extract_viewer.py $(DEST)
	npm install --silent --no-audit --no-fund --prefix $(DEST) puppeteer-core@$(PUPPETEER_VERSION)

# The real Mermaid library for the .mmd tests, pinned, from npm (its bundled mermaid.min.js
# runs in the Chromium the viewer tests use; puppeteer-core comes from the viewer folder).
# Install scripts are not run, so nothing is downloaded beyond the packages themselves.
# Kept per user and linked as .cache/mermaid, like the viewer; the tests need both.
mermaid:
	@$(DEVENV) provide $(MERMAID) mermaid-$(MERMAID_VERSION) \
	  -- $(MAKE) --no-print-directory mermaid-into DEST={}

mermaid-into: npm
	@test -n "$(DEST)" || { echo "mermaid-into installs into DEST=folder"; exit 2; }
	npm install --silent --no-audit --no-fund --ignore-scripts --prefix $(DEST) \
	  mermaid@$(MERMAID_VERSION)

npm:
	@command -v npm >/dev/null 2>&1 || { echo "installing node and npm"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; }

# One worker a core (pytest-xdist); each test module stays on one worker (--dist loadgroup
# runs the scheduler of tests/scheduling.py), so a module's expensive fixture (the MkDocs
# site, the pre-commit hook environment) is built once; the costliest modules start first
# and the shards of the long property tests (marked `spread`) fill in. PYTEST_WORKERS=0
# runs in one process, as `pytest` does.
PYTEST_WORKERS ?= auto
pytest: setup viewer mermaid
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup

# The three checkers run side by side (mypy takes most of their time, on one core), their
# outputs kept apart, and beside pytest rather than before it (tools/beside.py): they fill
# the moments pytest leaves a core idle. Their output is shown whole after the tests', and
# a checker that fails stops the tests at once. Before them, Mermaid installs (when it
# must) beside .venv and the viewer.
CHECKS := $(MAKE) --no-print-directory -j3 --output-sync=target lint typecheck imports
test:
	@$(MAKE) --no-print-directory -j2 --output-sync=target viewer mermaid
	@$(PYTHON) tools/beside.py --checks '$(CHECKS)' -- $(MAKE) --no-print-directory pytest

# The pipeline fuzz test with ten times the mutants of a normal run (about two minutes),
# then 2,000 generated valid designs through every command (about forty minutes).
fuzz: setup
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-20000} $(BIN)/pytest tests/test_fuzz.py -q
	GENERATED_EXAMPLES=$${GENERATED_EXAMPLES:-2000} $(BIN)/pytest tests/generated -q

schema: setup
	$(BIN)/archgen schema > schema/archgen.schema.json

docs: setup
	$(BIN)/archgen rules --format markdown --output docs/rules.md

generated: schema docs

bench: setup
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
	  --constraint constraints.txt --editable '.[dev,bench]'
	$(BIN)/python benchmarks/check_speed.py
	$(BIN)/python benchmarks/reach_scale.py
	$(BIN)/python benchmarks/render_speed.py
	$(BIN)/python benchmarks/diff_speed.py
	$(BIN)/python benchmarks/large_render.py

# Rewrite constraints.txt from a fresh environment with the newest versions that the pins in
# pyproject.toml allow (CONTRIBUTING.md, "Refreshing the pinned versions"), keeping its header.
FRESH := .cache/constraints-venv
constraints:
	rm -rf $(FRESH)
	$(PYTHON) -m venv $(FRESH)
	$(FRESH)/bin/python -m pip install --quiet --disable-pip-version-check --editable '.[dev]'
	{ grep '^#' constraints.txt; \
	  $(FRESH)/bin/python -m pip freeze --exclude-editable | grep -v '^#' | sort -f; } \
	  > constraints.txt.new
	mv constraints.txt.new constraints.txt
	rm -rf $(FRESH)

clean:
	rm -rf $(VENV) .cache .mypy_cache .pytest_cache .ruff_cache .hypothesis test-artifacts
