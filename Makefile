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
# The Python versions the site supports, newest first: without PYTHON=, make takes the first of
# python3.13, python3.12, python3.11 and python3 that runs one of them. Choose one with, e.g.,
#   make site PYTHON=/path/to/python3.12
SUPPORTED_PYTHONS := 3.13 3.12 3.11
PYTHON ?=
# Lint only the folders that exist, so a checkout without benchmarks/ still passes.
LINT_PATHS := $(wildcard generator tests benchmarks)
# `make import` writes into this data package (a test points it at a copy).
DATA_DIR ?= data
# One lock for every supported Python and platform. "fewest" makes uv pick one version of each
# package for all of them, so every Python builds the site with the same code (byte-identical).
UV_VERSION := 0.13.9
LOCK_OPTIONS := --extra test --universal --fork-strategy fewest --generate-hashes --only-binary :all:
# make lock checks that the lock installs, wheels only, on each of these for every supported Python.
LOCK_PLATFORMS := x86_64-manylinux_2_28 aarch64-manylinux_2_28 x86_64-apple-darwin aarch64-apple-darwin x86_64-pc-windows-msvc
SUPPORTED_RANGE := $(lastword $(SUPPORTED_PYTHONS))-$(firstword $(SUPPORTED_PYTHONS))
PRINT_VERSION := import sys; print("%d.%d" % sys.version_info[:2])

# Why .venv/ must be rebuilt although requirements.lock has not changed: its Python no longer
# runs or is unsupported, or PYTHON= names another version. Empty when it is fine (or absent).
VENV_STALE := $(shell \
	[ -e $(INSTALLED) ] || exit 0; \
	have="$$($(PY) -c '$(PRINT_VERSION)' 2>/dev/null)"; \
	case " $(SUPPORTED_PYTHONS) " in \
		(*" $$have "*) ;; \
		(*) echo "it was made with a Python that no longer runs or is not $(SUPPORTED_RANGE)"; exit 0;; \
	esac; \
	[ -n "$(PYTHON)" ] || exit 0; \
	want="$$('$(PYTHON)' -c '$(PRINT_VERSION)' 2>/dev/null)"; \
	[ "$$want" = "$$have" ] || echo "it was made with Python $$have and PYTHON=$(PYTHON) is $${want:+Python }$${want:-not a Python that runs}")

# Set $$py to the chosen interpreter's full path, or stop with a message saying how to get one.
# PYTHON= is taken as given (never silently replaced); otherwise the newest supported python3.X.
define choose_python
py=""; \
if [ -n "$(PYTHON)" ]; then \
	version="$$('$(PYTHON)' -c '$(PRINT_VERSION)' 2>/dev/null || true)"; \
	case " $(SUPPORTED_PYTHONS) " in \
		(*" $$version "*) py='$(PYTHON)';; \
		(*) echo "error: PYTHON=$(PYTHON) is $${version:+Python }$${version:-not a Python that runs}, but this site needs Python $(SUPPORTED_RANGE)." >&2; \
		   echo "       Install Python $(SUPPORTED_RANGE) (README, \"Which Python\") and point at it: make $(or $(MAKECMDGOALS),site) PYTHON=/path/to/python$(firstword $(SUPPORTED_PYTHONS))" >&2; \
		   exit 1;; \
	esac; \
else \
	found=""; \
	for candidate in $(addprefix python,$(SUPPORTED_PYTHONS)) python3; do \
		version="$$("$$candidate" -c '$(PRINT_VERSION)' 2>/dev/null || true)"; \
		[ -n "$$version" ] || continue; \
		case " $(SUPPORTED_PYTHONS) " in \
			(*" $$version "*) py="$$candidate"; break;; \
			(*) found="$${found:+$$found, }$$candidate is Python $$version";; \
		esac; \
	done; \
	if [ -z "$$py" ]; then \
		echo "error: this site needs Python $(SUPPORTED_RANGE), and none of $(addprefix python,$(SUPPORTED_PYTHONS)) python3 is one$${found:+ ($$found)}." >&2; \
		echo "       Install Python $(SUPPORTED_RANGE) (README, \"Which Python\"), or point at one: make $(or $(MAKECMDGOALS),site) PYTHON=/path/to/python$(firstword $(SUPPORTED_PYTHONS))" >&2; \
		exit 1; \
	fi; \
fi; \
py="$$("$$py" -c 'import sys; print(sys.executable)')"
endef

# Run one named stage of `make test`; on failure say which stage failed and stop.
define stage
echo; echo "==> $(1)"; $(2) || { echo; echo "make test: FAILED at stage: $(1)" >&2; exit 1; }
endef

.PHONY: help .venv site serve validate register-urls test import benchmark lock clean
# A .venv/ that VENV_STALE finds wanting is remade whatever its timestamp.
ifneq ($(VENV_STALE),)
.PHONY: $(INSTALLED)
endif

help: ## list these commands
	@echo "Safer Sutton performance site. Usage: make <command>"
	@echo
	@grep -E '^[a-zA-Z.][a-zA-Z_.-]*:.*## ' $(MAKEFILE_LIST) \
		| awk 'BEGIN {FS = ":.*## "} {printf "  make %-14s %s\n", $$1, $$2}'
	@echo
	@echo "Start with: make site (build the website) and make test (run every check)."

.venv: $(INSTALLED) ## set up .venv/ with the locked Python packages (the other commands do this first)
	@echo "==> $(VENV)/ is up to date with requirements.lock"

# Rebuild .venv/ from scratch whenever requirements.lock changes or VENV_STALE says why, so it
# holds exactly the locked packages. The .pth file puts the repository on the venv's import
# path, so `import generator` works from anywhere (MkDocs loads the hook file by path); it stands
# in for an editable install, which would need setuptools in the lock.
$(INSTALLED): requirements.lock
	@$(choose_python); \
	if [ -e "$(VENV)" ]; then \
		why="$(VENV_STALE)"; \
		[ -n "$$why" ] || { [ -e "$@" ] && why="requirements.lock has changed" || why="an earlier setup did not finish"; }; \
		echo "==> Rebuilding $(VENV)/ from scratch: $$why"; \
		rm -rf "$(VENV)"; \
	fi; \
	echo "==> Setting up the Python environment in $(VENV)/ from requirements.lock"; \
	echo "    using $$py ($$("$$py" --version 2>&1))"; \
	if ! "$$py" -m venv "$(VENV)"; then \
		rm -rf "$(VENV)"; \
		echo "error: could not create $(VENV)/. On Debian or Ubuntu install the venv module: apt-get install python3-venv (or python3.X-venv for your version)" >&2; \
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
	@echo "==> Python environment ready: $(VENV)/ (Python $$($(PY) -c '$(PRINT_VERSION)'))"

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

lock: ## regenerate requirements.lock from pyproject.toml for every supported Python (uv in a throwaway venv)
	@$(choose_python); \
	tmp="$$(mktemp -d)"; trap 'rm -rf "$$tmp"' EXIT; \
	echo "==> Installing uv $(UV_VERSION) into a throwaway venv ($$tmp)"; \
	"$$py" -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/python" -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"; \
	echo "==> uv pip compile pyproject.toml $(LOCK_OPTIONS)"; \
	cp requirements.lock "$$tmp/new.lock" 2>/dev/null || true; \
	"$$tmp/venv/bin/uv" pip compile --quiet pyproject.toml $(LOCK_OPTIONS) \
		--custom-compile-command "make lock" -o "$$tmp/new.lock" >/dev/null; \
	forked="$$(grep -oE '^[A-Za-z0-9][A-Za-z0-9._-]*==' "$$tmp/new.lock" | sort | uniq -d | tr -d '=' | tr '\n' ' ')"; \
	if [ -n "$$forked" ]; then \
		echo "error: the new lock holds more than one version of: $$forked" >&2; \
		echo "       Each supported Python must get the same packages; add an upper bound to pyproject.toml." >&2; \
		echo "       requirements.lock is unchanged." >&2; \
		exit 1; \
	fi; \
	for platform in $(LOCK_PLATFORMS); do \
		for version in $(SUPPORTED_PYTHONS); do \
			if "$$tmp/venv/bin/uv" pip install --quiet --dry-run --target "$$tmp/target" \
				--python-platform "$$platform" --python-version "$$version" \
				--require-hashes --no-deps --only-binary :all: -r "$$tmp/new.lock" >"$$tmp/check" 2>&1; then \
				echo "    wheels for every package: Python $$version, $$platform"; \
			else \
				cat "$$tmp/check" >&2; \
				echo "error: the new lock does not install from wheels on Python $$version, $$platform (above); requirements.lock is unchanged" >&2; \
				exit 1; \
			fi; \
		done; \
	done; \
	if cmp -s "$$tmp/new.lock" requirements.lock; then \
		echo "==> requirements.lock is already up to date"; \
	else \
		mv "$$tmp/new.lock" requirements.lock; \
		echo "==> requirements.lock regenerated; the next make command rebuilds .venv/ from it"; \
	fi

clean: ## delete the built site and tool caches (keeps .venv/; rm -rf .venv to rebuild it)
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
	find . -name __pycache__ -type d -not -path './.venv/*' -prune -exec rm -rf {} +
