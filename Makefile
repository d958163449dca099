# The two commands of a fresh machine:
#   make run    set up, then run the main job on the seed article
#   make test   set up, then run every check and test (what CI runs)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SEED   := seeds/000_ec79a99fe1463192.txt

.PHONY: run test fast setup setup-test lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Stamp files re-run the install only when the requirements change.
# The convert extra (torch CPU, transformers) is what builds the stand-in when the real model
# cannot be downloaded.
$(VENV)/.installed: $(BIN)/python pyproject.toml requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet -e '.[convert]'
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[convert,test]'
	touch $@

# Debian's Chromium for the browser tests (Playwright cannot download its own here), and Noto
# fonts so Arabic is shaped as a reader would see it.
# OmegaT (console mode) and xmllint check the exports with the tools translators use; their tests
# skip, saying so, where these are missing.
# PostgreSQL's server: the store tests start a throwaway cluster of their own (tests/conftest_pg.py).
TEST_DEBS := chromium fonts-noto-core omegat libxml2-utils postgresql

$(VENV)/.debs-test: $(BIN)/python
	if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(TEST_DEBS) >/dev/null; \
	else echo "missing Debian packages: run as root or 'sudo apt-get install $(TEST_DEBS)' (their tests will skip)"; fi
	if [ -x /usr/bin/chromium ] && command -v xmllint >/dev/null && command -v omegat >/dev/null \
		&& ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then touch $@; fi

setup: $(VENV)/.installed

# The sign-in e2e test's OpenID Connect provider (npm oidc-provider, pinned by its lock file).
OIDC_DIR := tests/e2e/oidc
$(OIDC_DIR)/node_modules/.installed: $(OIDC_DIR)/package.json $(OIDC_DIR)/package-lock.json
	if command -v npm >/dev/null; then npm ci --prefix $(OIDC_DIR) --no-audit --no-fund --silent && touch $@; \
	else echo "npm missing: the sign-in e2e test will skip (install Node.js 20+)"; fi

setup-test: $(VENV)/.installed-test $(VENV)/.debs-test $(OIDC_DIR)/node_modules/.installed

# Install the real model where it can (else build the stand-in, saying so), then open the editor
# on the seed article; it translates on first open.
run: setup
	$(BIN)/workbench model ensure
	$(BIN)/workbench ui $(SEED)

lint: setup-test
	$(BIN)/ruff check workbench tests bench
	$(BIN)/ruff format --check workbench tests bench
	$(BIN)/mypy
	MYPYPATH=tests $(BIN)/mypy tests

# Byte-compiled first: CPython 3.11.7 can fail a compile() with "AST constructor recursion depth
# mismatch" when two threads compile at once (cpython gh-106905), which a module imported for the
# first time by a background thread while Streamlit compiles a page once did here.
test: lint
	$(BIN)/python -m compileall -q workbench tests >/dev/null
	$(BIN)/pytest

# The tiers that take seconds: no full-shape model, no browser (Chromium is not needed).
fast: $(VENV)/.installed-test
	$(BIN)/pytest -m "not slow and not e2e"

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
