# Two commands for a fresh Linux machine with Python 3.11+ (see README.md):
#   make serve   set up, build and preview the site at http://127.0.0.1:8000 (live reload)
#   make test    set up everything the tests need and run them
#   make test-fast  the in-process tests only (seconds), while coding
#   make build   build and check the site into site/
#   make bench   build timings, page weights and Lighthouse scores (scripts/bench/run.py)
#   make mutate  mutation testing of the safety modules and the build: killed/total per module, survivors

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test test-fast build new-page bench mutate clean site-packages test-packages

serve: $(VENV)/site.stamp site-packages
	$(BIN)/python scripts/build.py serve

build: $(VENV)/site.stamp site-packages
	$(BIN)/python scripts/build.py build

new-page: $(VENV)/site.stamp
	@[ -n "$(TITLE)" ] || { echo 'Give the title, for example:  make new-page TITLE="Running in winter"'; exit 1; }
	$(BIN)/python scripts/build.py new-page "$(TITLE)"

bench: $(VENV)/test.stamp test-packages scripts/bench/lighthouse/node_modules
	$(BIN)/python scripts/bench/run.py

scripts/bench/lighthouse/node_modules: scripts/bench/lighthouse/package.json scripts/bench/lighthouse/package-lock.json
	cd scripts/bench/lighthouse && npm ci --no-audit --no-fund
	touch $@

# In one process per core (pytest-xdist), each test file's tests in the same one
test: $(VENV)/test.stamp test-packages
	$(BIN)/python -m pytest -n auto --dist loadfile

# While coding: the in-process tests only (no site built, no browser), in seconds
test-fast: $(VENV)/test.stamp
	$(BIN)/python -m pytest -m "not build and not browser" -q

# Not part of `make test`: about 5 minutes on two cores (scripts/mutate.py says what it does).
mutate: $(VENV)/mutate.stamp site-packages
	$(BIN)/python scripts/mutate.py

# Debian packages: Pango draws the handout's PDFs (WeasyPrint); the browser tests drive
# Debian's Chromium (never a downloaded browser); poppler's pdftoppm renders the filled PDFs.
# Installed only when missing.
SITE_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0
TEST_PACKAGES := $(SITE_PACKAGES) chromium poppler-utils
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
define apt_install
	@missing=$$(for package in $(1); do dpkg -s $$package >/dev/null 2>&1 || echo $$package; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing $$missing (apt)"; \
	  $(SUDO) apt-get install -y $$missing || { $(SUDO) apt-get update && $(SUDO) apt-get install -y $$missing; }; \
	fi
endef
site-packages:
	$(call apt_install,$(SITE_PACKAGES))
test-packages:
	$(call apt_install,$(TEST_PACKAGES))

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Python 3.11 or newer is needed: run  make PYTHON=python3.11 ..."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The site's own package (scripts/soleus_site), installed editable: the MkDocs hook imports it.
$(VENV)/site.stamp: requirements.txt pyproject.toml $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/test.stamp: requirements.txt requirements-test.txt pyproject.toml $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@ $(VENV)/site.stamp

$(VENV)/mutate.stamp: requirements-mutate.txt requirements.txt requirements-test.txt pyproject.toml $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -r requirements-mutate.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@ $(VENV)/test.stamp $(VENV)/site.stamp

clean:
	rm -rf site .mutate $(VENV)
