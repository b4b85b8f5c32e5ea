# Route 2020 — `make help` lists the targets.
# Another supported Python (README, "Python versions") in a virtualenv of its own:
# `make test PYTHON=python3.13 VENV=.venv313`.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist: `auto` is one worker per core; the browser tests keep to one worker (conftest.py),
# the tests that share Redis run after, in one process. PYTEST_WORKERS=0: the suite in one process.
PYTEST_WORKERS ?= auto
PYTEST_ARGS ?= -n $(PYTEST_WORKERS) --dist loadgroup --durations=10

.DEFAULT_GOAL := help
.PHONY: help run test install install-test check-python demo lint format messages translate-check vendor bench bench-practices bench-api bench-newsletter bench-cache bench-scaleout bench-reisadvies clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $(VENV)/.installed $@

# Only when PYTHON is given: a virtualenv made by another Python version is refused rather than
# used unnoticed (`make test PYTHON=python3.13` without VENV= would otherwise test on .venv's).
check-python:
ifneq ($(origin PYTHON),file)
	@want=$$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])') || exit 1; \
	if [ -x $(PY) ]; then \
	  have=$$($(PY) -c 'import sys; print("%d.%d" % sys.version_info[:2])'); \
	  [ "$$have" = "$$want" ] || { echo "$(VENV) is Python $$have, PYTHON=$(PYTHON) is $$want:" \
	    "give it a virtualenv of its own, e.g. VENV=.venv$$(echo $$want | tr -d .)" >&2; exit 1; }; \
	fi
endif

install: check-python $(VENV)/.installed ## create the virtualenv and install the platform

install-test: check-python $(VENV)/.installed-test ## install what the tests need, Chromium and Java included
	@bin/ensure-chromium
	@bin/ensure-java

run: install ## migrate, load the demo content, serve on http://127.0.0.1:8000/, print the logins
	@mkdir -p var
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) load_demo > var/demo-logins.txt
	DEBUG=0 HOST=$(HOST) PORT=$(PORT) VENV=$(VENV) LOGINS=var/demo-logins.txt bin/serve

demo: install ## (re)load the demo content without serving
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo

test: install-test ## lint, check imports and migrations, run the suite on SQLite and, with DATABASE_URL, on PostgreSQL
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DATABASE_URL= $(MANAGE) makemigrations --check --dry-run --settings=route2020.settings.test
	DATABASE_URL= $(BIN)/pytest -q $(PYTEST_ARGS) -m "not redis"
	DATABASE_URL= $(BIN)/pytest -q -p no:xdist -m redis
	@if [ -n "$$DATABASE_URL" ]; then echo "== PostgreSQL: $$DATABASE_URL"; $(BIN)/pytest -q $(PYTEST_ARGS) -m "not redis" && $(BIN)/pytest -q -p no:xdist -m redis; fi

lint: install-test ## ruff check and format check, import contracts (pyproject.toml)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install-test ## format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install ## update and compile the English catalogue (installs gettext as root)
	@bin/ensure-gettext
	$(MANAGE) makemessages -l en --no-obsolete --ignore '.venv*/*' --ignore 'var/*' --ignore 'bench/*' --ignore 'tests/*' --ignore '*/tests/*'
	$(MANAGE) compilemessages -l en --ignore '.venv*/*'

translate-check: ## count (and with LIST=1 list) untranslated and fuzzy English messages
	@bin/translate-check $(if $(LIST),--list)

vendor: ## refresh the built front-end files under route2020/static/vendor (needs npm)
	bin/vendor

bench: install-test ## run the page benchmark with wrk against a bare Django view (SCALE=1000)
	@bin/ensure-wrk
	$(PY) bench/pages.py --scale $${SCALE:-1000}

bench-practices: install-test ## practice listing and detail at 1,000 and 100,000 practices
	$(PY) bench/practices.py

bench-reisadvies: install-test ## the PDF of a Reisadvies with 30 recommendations (goal < 2 s)
	$(PY) bench/reisadvies_pdf.py

bench-api: install-test ## the API's practice list at 1,000 and 100,000 practices
	$(PY) bench/api.py

bench-newsletter: install-test ## send one Reisflits to 10,000 subscribers
	$(PY) bench/newsletter.py

bench-cache: install-test ## cache write time at 0 and 10,000 entries, file cache against the default
	$(PY) bench/cache.py

bench-scaleout: install-test ## 1, 2 and 4 app servers on one PostgreSQL and one Redis (wrk)
	@bin/ensure-wrk
	$(PY) bench/scaleout.py

clean: ## remove the virtualenv and local data
	rm -rf $(VENV) var/
