# The README's commands live here. `make help` lists them.
#
# Everything runs inside .venv/, built from the hash-pinned requirements.lock, so the site
# and its checks behave the same on every machine. Nothing needs activating: the targets call
# .venv/bin/python directly.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules --no-print-directory

VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
# Put a specific interpreter first with: make site PYTHON=/path/to/python3.11
PYTHON ?=
# Lint only the folders that exist, so a checkout without benchmarks/ still passes.
LINT_PATHS := $(wildcard generator tests benchmarks)
# `make import` writes into this data package (a test points it at a copy).
DATA_DIR ?= data
LOCK_COMMAND := uv pip compile pyproject.toml --extra test --generate-hashes --python-version 3.11 --python-platform x86_64-manylinux_2_28 -o requirements.lock

# Run one named stage of `make test`; on failure say which stage failed and stop.
define stage
echo; echo "==> $(1)"; $(2) || { echo; echo "make test: FAILED at stage: $(1)" >&2; exit 1; }
endef

.PHONY: help .venv site serve validate register-urls test import benchmark lock clean

help: ## list these commands
	@echo "Safer Sutton performance site. Usage: make <command>"
	@echo
	@grep -E '^[a-zA-Z.][a-zA-Z_.-]*:.*## ' $(MAKEFILE_LIST) \
		| awk 'BEGIN {FS = ":.*## "} {printf "  make %-14s %s\n", $$1, $$2}'
	@echo
	@echo "Start with: make site (build the website) and make test (run every check)."

.venv: $(INSTALLED) ## set up .venv/ with the locked Python packages (the other commands do this first)
	@echo "==> $(VENV)/ is up to date with requirements.lock"

# Reinstall whenever requirements.lock changes. The .pth file puts the repository on the venv's
# import path, so `import generator` works from anywhere (MkDocs loads the hook file by path);
# it stands in for an editable install, which would need setuptools in the lock.
$(INSTALLED): requirements.lock
	@echo "==> Setting up the Python environment in $(VENV)/ from requirements.lock"
	@py=""; \
	for candidate in $(PYTHON) python3.11 python3; do \
		if command -v "$$candidate" >/dev/null 2>&1 \
			&& "$$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then \
			py="$$(command -v "$$candidate")"; break; \
		fi; \
	done; \
	if [ -z "$$py" ]; then \
		echo "error: Python 3.11 is needed but neither python3.11 nor python3 is version 3.11." >&2; \
		echo "       Install Python 3.11 (on Debian 12: apt-get install python3 python3-venv)," >&2; \
		echo "       or point at one with: make $(MAKECMDGOALS) PYTHON=/path/to/python3.11" >&2; \
		exit 1; \
	fi; \
	if [ -x "$(PY)" ] && ! "$(PY)" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then \
		echo "error: $(VENV)/ was made with another Python version; delete it (rm -rf $(VENV)) and run make again." >&2; \
		exit 1; \
	fi; \
	echo "    using $$py ($$("$$py" --version 2>&1))"; \
	if ! "$$py" -m venv "$(VENV)"; then \
		echo "error: could not create $(VENV)/. On Debian or Ubuntu install the venv module: apt-get install python3-venv" >&2; \
		exit 1; \
	fi
	@echo "==> Installing the locked packages (pip, --require-hashes; the first time takes a minute or two)"
	@$(PY) -m pip install --quiet --disable-pip-version-check --no-input \
		--require-hashes --no-deps --only-binary :all: -r requirements.lock
	@site_packages="$$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"; \
	echo "$(CURDIR)" > "$$site_packages/safer_sutton_repo.pth"; \
	echo "==> Added $(CURDIR) to the venv's import path ($$site_packages/safer_sutton_repo.pth)"
	@cd / && "$(CURDIR)/$(PY)" -c 'import generator' \
		|| { echo "error: $(VENV)/ cannot import the generator package" >&2; exit 1; }
	@touch "$@"
	@echo "==> Python environment ready: $(VENV)/"

site: $(INSTALLED) ## validate the data and build the website into site/
	@$(PY) -m generator build

serve: $(INSTALLED) ## preview the site at http://127.0.0.1:8000/performance/, reloading as you edit content/ or data/
	@$(PY) -m generator serve

validate: $(INSTALLED) ## check data/ and list every problem in plain English
	@$(PY) -m generator validate

register-urls: $(INSTALLED) ## build the site and add its new addresses to permalinks/published-urls.txt
	@$(PY) -m generator register-urls

test: $(INSTALLED) ## run every check: ruff, mypy, then pytest (unit, end-to-end, browser)
	@case "$${CI:-}" in ""|0|false|False|FALSE|no|No|NO) ;; *) \
		if [ ! -x /usr/bin/chromium ]; then \
			echo "make test: FAILED at stage: browser check" >&2; \
			echo "CI is set but /usr/bin/chromium is missing, and CI must run the browser tests." >&2; \
			echo "Install it first: apt-get install chromium" >&2; \
			exit 1; \
		fi;; \
	esac
	@$(call stage,lint (ruff check $(LINT_PATHS)),$(PY) -m ruff check $(LINT_PATHS))
	@$(call stage,types (mypy generator),$(PY) -m mypy generator)
	@$(call stage,tests (pytest),$(PY) -m pytest)
	@echo
	@echo "==> make test: all stages passed (ruff, mypy, pytest)"

import: $(INSTALLED) ## re-derive every figure in data/ from the upstream releases in sources/
	$(PY) -m generator import-population --data-dir $(DATA_DIR) $(sort $(wildcard sources/ons-mye-*))
	$(PY) -m generator import-mps --data-dir $(DATA_DIR) $(sort $(wildcard sources/mps-borough-*))
	$(PY) -m generator import-wards --data-dir $(DATA_DIR)
	$(PY) -m generator import-dashboard --data-dir $(DATA_DIR)
	$(PY) -m generator import-csp --data-dir $(DATA_DIR)

benchmark: $(INSTALLED) ## time validation and the site build at growing sizes (prints figures, never fails on time)
	@$(PY) -m benchmarks

lock: ## regenerate requirements.lock from pyproject.toml (uv in a throwaway venv)
	@tmp="$$(mktemp -d)"; trap 'rm -rf "$$tmp"' EXIT; \
	echo "==> Installing uv into a throwaway venv ($$tmp)"; \
	python3 -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/python" -m pip install --quiet --disable-pip-version-check uv; \
	echo "==> $(LOCK_COMMAND)"; \
	"$$tmp/venv/bin/"$(LOCK_COMMAND) >/dev/null
	@echo "==> requirements.lock regenerated; the next make command reinstalls .venv/ from it"

clean: ## delete the built site and tool caches (keeps .venv/; rm -rf .venv to rebuild it)
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
	find . -name __pycache__ -type d -not -path './.venv/*' -prune -exec rm -rf {} +
